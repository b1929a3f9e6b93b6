"""Render pages to Markdown with Jinja2; a missing variable is an error, never a blank on the site."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import jinja2

from generator.outputs.site.page import Page


@cache
def environment(templates: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates / "pages"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # output is Markdown; values are escaped in pages.py by markdown_text
        keep_trailing_newline=True,
        trim_blocks=False,
    )


def render_page(page: Page, templates: Path) -> str:
    return environment(templates.resolve()).get_template(page.template).render(**page.context)


def write_pages(pages: Iterable[Page], docs: Path, templates: Path) -> None:
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_page(page, templates), encoding="utf-8")
