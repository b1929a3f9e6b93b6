"""Render pages to Markdown with Jinja2; how each value is escaped is in the templates (escaping.py)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, partial
from pathlib import Path

import jinja2

from generator.outputs.site import addresses
from generator.outputs.site.escaping import markdown_environment
from generator.outputs.site.page import Page

# Templates make every address with these, as Python does: {{ link(report_page(r.name)) }}.
ADDRESSES = {
    "report_page": addresses.report_page,
    "area_page": addresses.area_page,
    "indicator_page": addresses.indicator_page,
    "data_csv": addresses.data_csv,
    "data_json": addresses.data_json,
    "metadata_json": addresses.metadata_json,
    "package_zip": addresses.package_zip,
    "REPORTS_INDEX": addresses.REPORTS_INDEX,
    "AREAS_INDEX": addresses.AREAS_INDEX,
    "INDICATORS_INDEX": addresses.INDICATORS_INDEX,
    "REVISIONS": addresses.REVISIONS,
    "OFFICIAL_CHECK": addresses.OFFICIAL_CHECK,
    "FEED": addresses.FEED,
    "DATA_ADDRESSES": addresses.DATA_ADDRESSES,
    "GLOSSARY": addresses.GLOSSARY,
    "OBSERVATIONS_DOWNLOAD": addresses.OBSERVATIONS_DOWNLOAD,
    "DOWNLOAD_DESCRIPTOR": addresses.DOWNLOAD_DESCRIPTOR,
}


@cache
def environment(templates: Path) -> jinja2.Environment:
    return markdown_environment(jinja2.FileSystemLoader(templates / "pages"), trim_blocks=False)


def render_page(page: Page, templates: Path) -> str:
    """``link`` makes an address relative to the page being rendered, as a Markdown link must be."""
    template = environment(templates.resolve()).get_template(page.template)
    return template.render(**ADDRESSES, **page.context, link=partial(addresses.link, page=page.path))


def write_pages(pages: Iterable[Page], docs: Path, templates: Path) -> None:
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_page(page, templates), encoding="utf-8")
