"""What an output writer is: one function, ``write(model, docs, project)``, in a module of its own.

The build loops over outputs.WRITERS and knows nothing about any one output; adding a format is
adding a module with this function and listing it there. ``project`` is anything with the inputs a
writer may read besides the model (build.py makes one from generator.project.Project), so that
outputs do not depend on the layer above them. A writer may return a dict, which the next build
hands back to it (``project.last_build``) so that it can reuse what has not changed.
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
    """The last build's docs folder and what each writer kept of it (its return value, a dict
    that JSON can hold, by the writer's name): enough for a writer to copy the files whose inputs
    are unchanged instead of making them again."""

    docs: Path
    outputs: dict[str, dict] = field(default_factory=dict)

    def kept(self, writer: str) -> dict:
        return self.outputs.get(writer, {})


@dataclass(frozen=True)
class WriterFiles:
    content: Path
    templates: Path
    config: Path
    last_build: LastBuild | None = None


Write = Callable[[Model, Path, ProjectFiles], dict | None]
"""Returns what the next build should be handed back (LastBuild.kept), or None."""


def writer_name(write: Write) -> str:
    """The name a writer's kept dict is saved under: its module's, e.g. "page_data"."""
    return write.__module__.rsplit(".", 1)[-1]
