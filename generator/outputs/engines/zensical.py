"""The Zensical engine: the same Markdown, navigation, theme overrides and assets, built by Zensical.

Zensical (by the makers of Material for MkDocs) reads mkdocs.yml, so its configuration is the
shared one (site_config.py) plus four differences, in a file of its own beside it:

- ``site_dir`` inside the folder of its configuration file: Zensical refuses a site outside it, and
  the shared file says ``../site``. Both sit in the build's scratch folder, so the site is built
  there and swapped in by publish.py like an MkDocs build.
- ``theme.variant: classic``: Material's look; Zensical's default "modern" variant has other fonts,
  icons and markup.
- plain code blocks, as MkDocs writes them (see write_config).
- It is run as its own process (`python -m zensical build --strict`), so its Rust runtime's
  messages reach the reader only when the build fails, as one message, and it dies with the build.

What Zensical does differently is in README ("Site engines"): its search index is search.json
and its search a dialog of its own, its sitemap has no lastmod dates (sitemap.xml.gz is made here,
as MkDocs makes it), and a rebuild writes every page (no dirty mode), from the cache Zensical
keeps beside its configuration (``.cache``), which build.py keeps between builds.
"""

from __future__ import annotations

import ctypes
import gzip
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from generator.core.errors import BuildFailed
from generator.outputs.engines import Engine, html_whitespace
from generator.outputs.engines.site_config import SHARED_CONFIG, write_yaml

CONFIG = "zensical.yml"
SEARCH_INDEX = Path("search.json")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_PR_SET_PDEATHSIG = 1


# What Zensical needs beyond mkdocs.yml to build the site MkDocs builds (also read by the
# benchmark's plain Zensical build). Zensical always adds pymdownx.superfences, which colours code
# with Pygments (its comment colour fails WCAG contrast on the Data page), where MkDocs's code
# blocks are plain; added to the inherited list, pymdownx.highlight keeps them plain.
SETTINGS = {
    "theme": {"variant": "classic"},
    "markdown_extensions": [{"pymdownx.highlight": {"use_pygments": False}}],
}


def write_config(shared: Path) -> Path:
    """``zensical.yml`` beside the shared configuration, inheriting it."""
    config = {"INHERIT": SHARED_CONFIG, "docs_dir": "docs", "site_dir": "site", **SETTINGS}
    return write_yaml(config, shared.parent / CONFIG)


def _die_with_parent() -> None:
    """In the child: the kernel kills it when the build is killed, so no orphan writes on."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _issues(output: str) -> str:
    """Zensical's account of why it stopped, without colours, box drawing or a Python traceback's
    frames: of a traceback only its last line, the error itself, is kept (at England scale x4 that
    line was the only reason given; the lines before it ended "No issues found")."""
    lines, error = [], None
    in_traceback = False
    for line in _ANSI.sub("", output).splitlines():
        if line.startswith("Traceback"):
            in_traceback = True
            continue
        if in_traceback:
            if line and not line.startswith((" ", "\t")):
                error = line.strip()  # the last unindented line: the exception a traceback ends with
            continue
        text = line.strip(" │╭╰─┬┴[]")
        if text and text not in ("Build started",):
            lines.append(text)
    if error is not None:
        lines.append(error)
    return "; ".join(lines[-12:]) or "it stopped without saying why"


def _how_it_ended(returncode: int) -> str:
    """The exit status or signal, because Zensical's output can end "No issues found" when it
    did not finish (a process killed, or a runtime that gave up), and a reader needs the one clue
    that is left."""
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"it was stopped by {name}"
    if returncode > 0:
        return f"exit status {returncode}"
    return "exit status 0, but it wrote no index.html"


def render_site(
    config: Path, docs: Path, site: Path, *, epoch: str, previous_site: Path, rebuilt: set[str] | None
) -> None:
    """Build every page of ``site`` from ``docs`` (Zensical has no dirty mode: ``rebuilt`` is
    always None here, and ``previous_site`` is not read)."""
    del previous_site, rebuilt
    folder = config.parent
    if docs.resolve() != (folder / "docs").resolve() or site.resolve() != (folder / "site").resolve():
        raise ValueError(f"Zensical builds {folder}/docs into {folder}/site, not {docs} into {site}")
    environment = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(config)],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        errors="replace",
        preexec_fn=_die_with_parent,
        check=False,
    )
    if done.returncode != 0 or not (site / "index.html").is_file():
        reason = _issues(done.stdout + done.stderr)
        raise BuildFailed(f"Zensical could not build the pages: {reason} ({_how_it_ended(done.returncode)})")
    html_whitespace.collapse_files(site)
    _compress_sitemap(site, epoch)


def _compress_sitemap(site: Path, epoch: str) -> None:
    """sitemap.xml.gz beside sitemap.xml, as MkDocs writes it and Zensical does not; stamped
    with the data's date, not the clock, so equal input gives equal bytes."""
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        packed = gzip.compress(sitemap.read_bytes(), compresslevel=9, mtime=int(epoch))
        (site / "sitemap.xml.gz").write_bytes(packed)


ENGINE = Engine(
    name="zensical",
    label="Zensical",
    packages=("zensical",),
    search_index=SEARCH_INDEX,
    dirty_builds=False,
    # Its cache of rendered pages: a rebuild with it writes the same site in a fraction of the time
    # (tests/test_engines.py compares it with a build from clean).
    cache=".cache",
    write_config=write_config,
    render_site=render_site,
)
