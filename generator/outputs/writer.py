"""What an output writer is: one function, ``write(model, docs, project)``, in a module of its own.

The build loops over outputs.WRITERS and knows nothing about any one output; adding a format is
adding a module with this function and listing it there. ``project`` is anything with the
inputs a writer may read besides the model (build.py makes one from generator.project.Project), so
that outputs do not depend on the layer above them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from generator.model.tidy import Model


class ProjectFiles(Protocol):
    @property
    def content(self) -> Path:
        """The hand-written pages (content/)."""

    @property
    def templates(self) -> Path:
        """Page templates, assets and theme overrides (site_templates/)."""

    @property
    def config(self) -> Path:
        """The site's configuration (mkdocs.yml), for its name and address."""

    @property
    def last_build(self) -> LastBuild | None:
        """What the last build left to reuse, or None for a build from clean."""


@dataclass(frozen=True)
class LastBuild:
    """The last build's docs folder and, for each generated page, the digest and the parts of the
    model it read (outputs/site/page_reuse.py), under the setup digest it was made with."""

    docs: Path
    pages_setup: str = ""
    pages: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)


@dataclass(frozen=True)
class PagesWritten:
    """What the site's Markdown writer tells the build to keep for the next one (LastBuild)."""

    pages_setup: str
    pages: dict[str, tuple[str, tuple[str, ...]]]
    generated: int = 0  # pages the generator wrote
    reused: int = 0  # of which, unchanged since the last build and copied from it


@dataclass(frozen=True)
class WriterFiles:
    content: Path
    templates: Path
    config: Path
    last_build: LastBuild | None = None


Write = Callable[[Model, Path, ProjectFiles], object]
