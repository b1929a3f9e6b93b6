"""A generated page: where it goes, which template lays it out, and the plain data it shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder
    template: str
    context: dict


@dataclass(frozen=True)
class LaterPage:
    """A page made only if it is written: a rebuild takes an unchanged page from the last build
    without making it (page_reuse.py), which for reports, areas and indicators is most of the work."""

    path: str
    make: Callable[[], Page]


def made(page: Page | LaterPage) -> Page:
    return page.make() if isinstance(page, LaterPage) else page
