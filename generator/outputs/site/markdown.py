"""The site's Markdown: the hand-written content and assets copied in, then every generated page.

Generated pages are written after the copy, so a generated page wins over a hand-written file of
the same name (the home page's introduction, content/index.md, is read by the page, not copied over).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.core.errors import BuildFailed
from generator.inputs.content_files import content_problems
from generator.model.tidy import Model
from generator.outputs.site.page_map import page_groups
from generator.outputs.site.page_reuse import PageReads, PageReuse, for_model
from generator.outputs.site.reads import RecordedModel
from generator.outputs.site.render import write_pages
from generator.outputs.writer import ProjectFiles

NAME = "markdown"  # writer_name(write)


def _name_the_source(page: Path, source: str) -> None:
    """Give a copied hand-written page the ``edit_source`` front matter generated pages carry, so
    the edit link (site_templates/overrides/partials/actions.html) reads one field with either
    engine: Zensical's pages have no ``page.file`` to find the source by."""
    text = page.read_text(encoding="utf-8")
    field = f"edit_source: {json.dumps(source)}\n"
    if text.startswith("---\n"):
        if "\nedit_source:" not in text.split("\n---", 1)[0]:
            page.write_text("---\n" + field + text[4:], encoding="utf-8")
    else:
        page.write_text("---\n" + field + "---\n" + text, encoding="utf-8")


def _copy_content(project: ProjectFiles, docs: Path) -> None:
    if problems := content_problems(project.content, project.content.parent):
        raise BuildFailed("; ".join(problems))
    if project.content.is_dir():
        shutil.copytree(project.content, docs, dirs_exist_ok=True, ignore=shutil.ignore_patterns("reports"))
        for page in sorted(project.content.rglob("*.md")):
            relative = page.relative_to(project.content)
            if relative.parts[0] != "reports":
                _name_the_source(docs / relative, f"content/{relative.as_posix()}")
    # The assets' README is for maintainers (where the vendored plotly.js comes from), not a page.
    readme = shutil.ignore_patterns("README.md")
    shutil.copytree(project.templates / "assets", docs / "assets", dirs_exist_ok=True, ignore=readme)


def _reuse(model: Model, project: ProjectFiles) -> PageReuse:
    setup, digests = for_model(model, project.content, project.templates, project.config)
    reuse = PageReuse(digests, setup)
    if (last := project.last_build) is not None and (kept := last.kept(NAME)):
        reuse.last_setup, reuse.last_docs = kept.get("setup", ""), last.docs
        reuse.last_pages = {path: PageReads(d, tuple(parts)) for path, (d, parts) in kept["pages"].items()}
    return reuse


def write(model: Model, docs: Path, project: ProjectFiles) -> dict:
    """The pages; kept for the next build, what each read (page_reuse.py) and how many were reused."""
    if not (project.content / "index.md").is_file():
        raise BuildFailed("content/index.md (the home page's introduction) is missing")
    _copy_content(project, docs)
    reuse = _reuse(model, project)
    groups = page_groups(RecordedModel(model), project.content)
    written = write_pages(groups, docs, project.templates, reuse=reuse)
    return {
        "setup": reuse.setup,
        "pages": {p: [r.digest, list(r.parts)] for p, r in sorted(written.items()) if r is not None},
        "generated": len(written),
        "reused": sum(1 for r in written.values() if r is not None and r.reused),
    }
