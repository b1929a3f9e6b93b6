"""Build the site atomically: validate, render Markdown, run MkDocs, then swap the result in.

Everything is written into a temporary folder beside the target; only a complete build replaces
``site/`` (and ``build/docs/``, the plain Markdown any MkDocs-compatible engine can build).
A failure at any step leaves the previous site exactly as it was.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .downloads import write_downloads
from .feed import write_feed
from .model import Model, build_model
from .page_map import all_pages, navigation
from .published import PUBLISHED
from .render import write_pages
from .validate import Validation, validate


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
    write_downloads(model, docs / "downloads")
    write_feed(model, docs, project.config)


def _source_date_epoch(model: Model) -> str:
    """Builds stamp dates (sitemap) from the data, not the clock, so equal input gives equal output."""
    dates = [str(p.descriptor.get("meeting_date") or "") for p in model.packages]
    latest = max([d for d in dates if d] or ["2020-01-01"])
    moment = datetime.fromisoformat(latest).replace(tzinfo=UTC)
    return str(int(moment.timestamp()))


def run_mkdocs(config: Path, docs: Path, site: Path, *, epoch: str) -> None:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        cfg = load_config(str(config), docs_dir=str(docs), site_dir=str(site), strict=True)
        mkdocs_build(cfg)
    except (MkDocsException, SystemExit) as error:
        raise BuildFailed(f"MkDocs could not build the pages: {error}") from None
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is with two renames, so no reader sees half a tree."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.with_name(f".{target.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def _silent(_stage: str) -> None:
    pass


def build_site(
    project: Project, progress: Callable[[str], None] = _silent, published: Path | None = None
) -> Model:
    """Build the whole site; ``progress`` hears each stage (the CLI shows them on a terminal).

    ``published`` is the record of published figures (default: published/observations.csv).
    """
    progress("validating data packages")
    validation = validate(
        [project.datapackages],
        root=project.root,
        registry_parent=project.datapackages,
        published=published or project.published,
    )
    if not validation.ok:
        raise BuildFailed(
            f"the data packages have {len(validation.errors)} errors; nothing was built",
            validation,
        )
    model = build_model(validation)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix=".build-", dir=project.root) as scratch:
        docs, site = Path(scratch) / "docs", Path(scratch) / "site"
        progress(f"rendering pages for {len(model.observations)} figures")
        write_docs(model, project, docs)
        config = write_config(model, Path(scratch))
        progress("building the site with MkDocs")
        run_mkdocs(config, docs, site, epoch=_source_date_epoch(model))
        _swap(docs, project.docs)
        shutil.copy(config, project.docs.parent / "mkdocs.yml")
        _swap(site, project.site)
    return model
