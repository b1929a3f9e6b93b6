"""What an output writer is: one function, ``write(model, docs, project)``, in a module of its own.

The build loops over outputs.WRITERS and knows nothing about any one output; adding a format is
adding a module with this function and listing it there. ``project`` is anything with the three
inputs a writer may read besides the model (generator.project.Project is one), so that outputs do
not depend on the layer above them.
"""

from __future__ import annotations

from collections.abc import Callable
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


Write = Callable[[Model, Path, ProjectFiles], None]
