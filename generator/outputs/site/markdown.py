"""The site's Markdown: the hand-written content and assets copied in, then every generated page.

Generated pages are written after the copy, so a generated page wins over a hand-written file of
the same name (the home page's introduction, content/index.md, is read by the page, not copied over).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.core.errors import BuildFailed
from generator.inputs.content_files import content_problems
from generator.model.tidy import Model
from generator.outputs.site.page_map import all_pages
from generator.outputs.site.render import write_pages
from generator.outputs.writer import ProjectFiles


def _copy_content(project: ProjectFiles, docs: Path) -> None:
    if problems := content_problems(project.content, project.content.parent):
        raise BuildFailed("; ".join(problems))
    if project.content.is_dir():
        shutil.copytree(project.content, docs, dirs_exist_ok=True, ignore=shutil.ignore_patterns("reports"))
    shutil.copytree(project.templates / "assets", docs / "assets", dirs_exist_ok=True)


def write(model: Model, docs: Path, project: ProjectFiles) -> None:
    if not (project.content / "index.md").is_file():
        raise BuildFailed("content/index.md (the home page's introduction) is missing")
    _copy_content(project, docs)
    write_pages(all_pages(model, project.content), docs, project.templates)
