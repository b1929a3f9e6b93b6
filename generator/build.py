"""Build the site atomically: validate, render Markdown, run MkDocs, then swap the result in.

Everything is written into a scratch folder beside the target; only a complete build replaces
``site/`` (and ``build/docs/``, the plain Markdown any MkDocs-compatible engine can build).
A failure at any step leaves the previous site exactly as it was, and so does a kill at any
instant (publish.py: the swap, and the next build's clean-up of what a killed one left).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.inputs.published import PUBLISHED
from generator.model.tidy import Model, build_model
from generator.outputs.downloads import write_downloads
from generator.outputs.feed import write_feed
from generator.outputs.incremental import (
    STATE_FILE,
    BuildState,
    file_hashes,
    merge_search_index,
    prepare,
    setup_fingerprint,
)
from generator.outputs.page_data import write_page_data
from generator.outputs.site.page_map import all_pages, navigation
from generator.outputs.site.render import write_pages
from generator.publish import recover, scratch_folder, swap_in
from generator.validation.frictionless.cache import CACHE_FILE
from generator.validation.validate import Validation, validate


class BuildFailed(Exception):
    """A known reason the site was not built; the CLI prints it without a traceback."""

    def __init__(self, message: str, validation: Validation | None = None):
        super().__init__(message)
        self.validation = validation


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def datapackages(self) -> Path:
        return self.root / "datapackages"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "site_templates"

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def docs(self) -> Path:
        return self.root / "build" / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def validation_cache(self) -> Path:
        return self.root / "build" / CACHE_FILE

    @property
    def published(self) -> Path:
        return self.root / PUBLISHED


def _copy_content(project: Project, docs: Path) -> None:
    if project.content.is_dir():
        shutil.copytree(project.content, docs, dirs_exist_ok=True, ignore=shutil.ignore_patterns("reports"))
    shutil.copytree(project.templates / "assets", docs / "assets", dirs_exist_ok=True)


def write_config(model: Model, folder: Path) -> Path:
    """build/mkdocs.yml: the root configuration plus the generated navigation.

    It is plain MkDocs configuration (JSON is valid YAML), so `mkdocs build -f build/mkdocs.yml`
    or another engine that reads mkdocs.yml builds the same site from build/docs.
    """
    config = {
        "INHERIT": "../mkdocs.yml",
        "docs_dir": "docs",
        "site_dir": "../site",
        # Paths resolve from this file, which always sits one folder below the project root.
        "theme": {"name": "material", "custom_dir": "../site_templates/overrides"},
        "nav": navigation(model),
    }
    path = folder / "mkdocs.yml"
    path.write_text(json.dumps(config, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def write_docs(model: Model, project: Project, docs: Path) -> None:
    """The whole Markdown tree: hand-written content, generated pages and downloads."""
    if not (project.content / "index.md").is_file():
        raise BuildFailed("content/index.md (the home page's introduction) is missing")
    _copy_content(project, docs)
    write_pages(all_pages(model, project.content), docs, project.templates)
    write_page_data(model, docs)
    write_downloads(model, docs / "downloads")
    write_feed(model, docs, project.config)


def _source_date_epoch(model: Model) -> str:
    """Builds stamp dates (sitemap) from the data, not the clock, so equal input gives equal output."""
    dates = [str(p.descriptor.get("meeting_date") or "") for p in model.packages]
    latest = max([d for d in dates if d] or ["2020-01-01"])
    moment = datetime.fromisoformat(latest).replace(tzinfo=UTC)
    return str(int(moment.timestamp()))


class _QuietDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation stale, and strict mode counts that
    warning as a failure. Our dirty builds reuse pages only when navigation and setup are unchanged
    (see incremental.py), so the warning does not apply."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def run_mkdocs(config: Path, docs: Path, site: Path, *, epoch: str, dirty: bool = False) -> None:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    build_log = logging.getLogger("mkdocs.commands.build")
    quiet = _QuietDirtyWarning()
    build_log.addFilter(quiet)
    try:
        cfg = load_config(str(config), docs_dir=str(docs), site_dir=str(site), strict=True)
        mkdocs_build(cfg, dirty=dirty)
    except (MkDocsException, SystemExit) as error:
        raise BuildFailed(f"MkDocs could not build the pages: {error}") from None
    finally:
        build_log.removeFilter(quiet)
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is; a kill at any instant leaves one whole tree (publish.py)."""
    swap_in(new, target)


def _silent(_stage: str) -> None:
    pass


def build_site(
    project: Project,
    progress: Callable[[str], None] = _silent,
    published: Path | None = None,
    *,
    full: bool = False,
) -> Model:
    """Build the site; ``progress`` hears each stage (the CLI shows them on a terminal).

    ``published`` is the record of published figures (default: published/observations.csv).
    Pages whose Markdown is unchanged since the last build, and Frictionless's verdicts on unchanged
    packages, are reused unless ``full`` is set (see incremental.py and validation_cache.py); either
    way the result is the same, byte for byte.
    """
    recover(project.root, [project.docs, project.site], progress)
    progress("validating data packages")
    if full:
        project.validation_cache.unlink(missing_ok=True)
    validation = validate(
        [project.datapackages],
        root=project.root,
        registry_parent=project.datapackages,
        published=published or project.published,
        cache=project.validation_cache,
    )
    if not validation.ok:
        raise BuildFailed(
            f"the data packages have {len(validation.errors)} errors; nothing was built",
            validation,
        )
    model = build_model(validation)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    with scratch_folder(project.root, [project.docs, project.site], progress) as scratch:
        docs, site = Path(scratch) / "docs", Path(scratch) / "site"
        progress(f"rendering pages for {len(model.observations)} figures")
        write_docs(model, project, docs)
        config = write_config(model, Path(scratch))
        epoch = _source_date_epoch(model)
        state_path = project.docs.parent / STATE_FILE
        state = BuildState(
            setup_fingerprint(config, project.config, project.templates / "overrides", epoch),
            file_hashes(docs),
        )
        previous = BuildState() if full else BuildState.load(state_path)
        rebuilt = prepare(previous, state, docs, project.site, site)
        if rebuilt is None:
            progress(f"building all {sum(n.endswith('.md') for n in state.files)} pages with MkDocs")
        else:
            progress(f"building {len(rebuilt)} changed pages with MkDocs")
        run_mkdocs(config, docs, site, epoch=epoch, dirty=rebuilt is not None)
        if rebuilt is not None:
            merge_search_index(project.site, site, rebuilt)
        progress("publishing build/docs and site/")
        state_path.unlink(missing_ok=True)  # until both trees are swapped in, no build is reusable
        _swap(docs, project.docs)
        os.replace(config, project.docs.parent / "mkdocs.yml")
        _swap(site, project.site)
        state.save(state_path)
    return model
