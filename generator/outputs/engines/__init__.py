"""The site engines that turn build/docs into site/, by name, for `transparency build --engine`.

Material for MkDocs reaches end of life on 5 May 2027; Zensical, by the same team, builds the same
Material projects. The generator's Markdown, navigation and assets are the same for both; what is
an engine's own (its configuration file, where its search index lives, whether it can re-render
only the changed pages, how it is run) sits in one module per engine, and build.py reaches it only
through an ``Engine``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Engine:
    """One site engine, as build.py uses it.

    ``write_config(shared)`` is given the configuration both engines read (site_config.py), in the
    build's scratch folder, and returns the file this engine is run on.
    ``render_site(config, docs, site, epoch=, previous_site=, rebuilt=)`` builds ``site`` from
    ``docs``: every page when ``rebuilt`` is None, otherwise only those docs files (pages and
    others) over a linked copy of ``previous_site`` (only engines with ``dirty_builds``).
    ``packages`` are the distributions whose versions shape its HTML: another version forces a
    full build. ``cache`` is the folder, beside its configuration file, where the engine keeps
    what the next build can reuse (None if it keeps nothing); build.py keeps it in build/ between
    builds made with the same setup.
    """

    name: str
    label: str
    packages: tuple[str, ...]
    search_index: Path
    dirty_builds: bool
    write_config: Callable[[Path], Path]
    render_site: Callable[..., None]
    cache: str | None = None


DEFAULT_ENGINE = "mkdocs"

# Imported here, after Engine, which each engine module imports from this package.
from generator.outputs.engines import mkdocs, zensical  # noqa: E402

ENGINES: dict[str, Engine] = {engine.name: engine for engine in (mkdocs.ENGINE, zensical.ENGINE)}


def engine_named(name: str) -> Engine:
    """The engine called ``name`` (a key of ENGINES; the command line offers only those)."""
    return ENGINES[name]
