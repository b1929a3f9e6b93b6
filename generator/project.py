"""Where a project's folders and files are: its inputs, the build folder and the published site.

Only the top-level modules (cli, build), tests and benchmarks import Project; the library below
them is given plain paths, so that no layer depends on this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.core.paths import PUBLISHED
from generator.outputs.incremental import STATE_FILE
from generator.validation.frictionless.cache import CACHE_FILE


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
    def build_state(self) -> Path:
        """What the last build was made from (outputs/incremental.py), beside build/docs."""
        return self.root / "build" / STATE_FILE

    def kept_folders(self, tree: Path) -> Path:
        """Where the folders of ``tree`` (build/docs or site) wait for the next build
        (core/kept_folders.py): in build/, which is never published."""
        return self.root / "build" / "folders" / tree.name

    @property
    def published(self) -> Path:
        return self.root / PUBLISHED
