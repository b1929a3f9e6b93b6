"""A generated page: where it goes, which template lays it out, and the plain data it shows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
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


@dataclass(frozen=True)
class ManyPages:
    """A group of many pages (one per report, area or indicator) that write_pages splits into one
    share per core: as one job, a rebuild's thirteen changed area pages all waited on one core.
    Each share runs the group's setup and makes every n-th LaterPage; the first also writes its
    pages made eagerly (the index), which should therefore be cheap to make."""

    pages: Callable[[], Iterable[Page | LaterPage]]

    def __call__(self) -> Iterable[Page | LaterPage]:
        return self.pages()


def made(page: Page | LaterPage) -> Page:
    return page.make() if isinstance(page, LaterPage) else page
