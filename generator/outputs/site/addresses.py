"""Where every generated page, data file and download lives: the one place addresses are made.

Addresses come from registry codes and package names, never from titles, so a link, a bookmark or
a script written today still works when a title is corrected. A path here is relative to the docs
folder, as the navigation and MkDocs take it; ``link`` turns one into the relative link a page
writes in its Markdown (MkDocs checks and rewrites those), and ``page_url`` gives the address MkDocs
publishes a page at.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

HOME = "index.md"
REPORTS_INDEX = "reports/index.md"
AREAS_INDEX = "authorities/index.md"
INDICATORS_INDEX = "indicators/index.md"
DISCREPANCIES = "discrepancies.md"
OFFICIAL_CHECK = "reports-and-official-statistics.md"
REVISIONS = "revisions.md"
FEED = "feed.xml"
# Hand-written pages (content/) that generated pages link to.
DATA_ADDRESSES = "data/api.md"
GLOSSARY = "glossary.md"
DOWNLOADS = "downloads"
OBSERVATIONS_DOWNLOAD = f"{DOWNLOADS}/observations.csv"
DOWNLOAD_DESCRIPTOR = f"{DOWNLOADS}/datapackage.json"


def report_page(package: str) -> str:
    return f"reports/{package}.md"


def area_page(code: str) -> str:
    return f"authorities/{code}.md"


def indicator_page(indicator_id: str) -> str:
    return f"indicators/{indicator_id}.md"


def data_folder(page: str) -> str:
    """Where a page's figures are as files (page_data.py): authorities/E10000018 beside its page."""
    return page.removesuffix(".md")


def data_csv(page: str) -> str:
    return f"{data_folder(page)}/data.csv"


def data_json(page: str) -> str:
    return f"{data_folder(page)}/data.json"


def metadata_json(page: str) -> str:
    return f"{data_folder(page)}/metadata.json"


def package_zip(package: str) -> str:
    """A report's data package as published in the repository, zipped (see downloads.py)."""
    return f"{DOWNLOADS}/packages/{package}.zip"


def page_url(page: str, *, directory_urls: bool = True) -> str:
    """Where MkDocs publishes ``page``, relative to the site's root: reports/x.md -> reports/x/."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/" if directory_urls else f"{stem}.html"


def link(target: str, page: str) -> str:
    """``target`` as a relative link written on ``page``: ../reports/x.md from an area page."""
    return _relative(target, posixpath.dirname(page) or ".")


@lru_cache(maxsize=1 << 16)
def _relative(target: str, folder: str) -> str:
    """Remembered: pages in one folder link to the same pages (every indicator page to the reports
    its figures come from), and posixpath.relpath takes tens of microseconds a call."""
    return posixpath.relpath(target, folder)
