"""Render pages to Markdown with Jinja2; how each value is escaped is in the templates (escaping.py)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import jinja2

from generator.outputs.site.escaping import markdown_environment
from generator.outputs.site.page import Page


@cache
def environment(templates: Path) -> jinja2.Environment:
    return markdown_environment(jinja2.FileSystemLoader(templates / "pages"), trim_blocks=False)


def render_page(page: Page, templates: Path) -> str:
    return environment(templates.resolve()).get_template(page.template).render(**page.context)


def write_pages(pages: Iterable[Page], docs: Path, templates: Path) -> None:
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_page(page, templates), encoding="utf-8")
