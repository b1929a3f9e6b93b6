"""What each page read of the model, so that a rebuild renders again only the pages whose reads changed.

A pull request usually changes one package; regenerating every page's Markdown for it was most of
a rebuild at England scale. Instead of declaring by hand what each page kind depends on (a list
that would silently go stale as pages change), pages are made from a model that writes down every
part of it they look at: a package's figures, an area's, an indicator's, one area's figures for one
measure, the set of areas, the packages' metadata. Anything read that is not one of those parts
(the whole table, the discrepancies) is written down as ALL, which any change at all changes.
page_reuse.py gives each part a digest; a page whose parts all have the digests they had last time
is the same page, and its Markdown is taken from the last build.

Only reads are recorded, while a recording is open (render.write_pages opens one per page), in the
process that makes the page: recording costs a set insertion per lookup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

ALL = "all"  # the whole model: changed by any change
PACKAGES = "packages"  # every package's metadata (titles, meetings, sources, areas covered)

_open: list[set[str]] = []  # the recordings open in this process, innermost last
_derived: dict[str, str] = {}  # digests of values pages derived from ALL (see ``derived``)


def key(kind: str, *parts: object) -> str:
    """One part of the model as text (state.json keeps them): ``key("authority", "E10000018")``."""
    return "\x1f".join((kind, *map(str, parts)))


def note(part: str) -> None:
    for recording in _open:
        recording.add(part)


@contextmanager
def recording() -> Iterator[set[str]]:
    """Every part read inside the block, by whatever code reads it."""
    parts: set[str] = set()
    _open.append(parts)
    try:
        yield parts
    finally:
        _open.remove(parts)


def derived(name: str, compute: Callable[[], Any], canonical: Callable[[Any], str]) -> Any:
    """A value computed from the whole model that changes far less often than the model does (the
    measures committee reports give, say): its readers depend on the value, ``canonical(value)``,
    not on ALL. The value's digest is kept for page_reuse to compare."""
    from generator.outputs.site.page_reuse import text_digest

    paused = _open[:]
    _open.clear()
    try:
        value = compute()
    finally:
        _open[:] = paused
    part = key("derived", name)
    _derived[part] = text_digest(canonical(value))
    note(part)
    return value


def forget_derived() -> None:
    """A new build derives its values afresh (``serve`` builds again in the same process)."""
    _derived.clear()


def derived_digest(part: str) -> str | None:
    return _derived.get(part)


class _Recorded(Mapping):
    """A read-only view of one of the figure index's dicts that notes each key looked up."""

    def __init__(self, data: dict, part: Callable[[Any], str], kind: str):
        self._data, self._part, self._kind = data, part, kind

    def __getitem__(self, wanted):
        note(self._part(wanted))
        return self._data[wanted]

    def get(self, wanted, default=None):
        note(self._part(wanted))
        return self._data.get(wanted, default)

    def __contains__(self, wanted) -> bool:
        # whether a group exists changes far less often than what it holds
        note(key("has", self._kind, *(wanted if isinstance(wanted, tuple) else (wanted,))))
        return wanted in self._data

    def __iter__(self):
        note(key("keys", self._kind))
        return iter(self._data)

    def __len__(self) -> int:
        note(key("keys", self._kind))
        return len(self._data)

    def items(self):
        note(ALL)
        return self._data.items()

    def values(self):
        note(ALL)
        return self._data.values()


def _area_indicator(pair: tuple[str, str]) -> str:
    return key("ai", *pair)


def _latest(wanted: tuple[str, str, str]) -> str:
    """latest_value's entry for (indicator, period, area) is made from that area's figures for that
    indicator alone (model/figure_index.py)."""
    indicator, _period, area = wanted
    return key("ai", area, indicator)


class RecordedIndex:
    """The model's FigureIndex, noting which groups of figures are read."""

    def __init__(self, index):
        self._index = index
        self.by_package = _Recorded(index.by_package, lambda n: key("package", n), "package")
        self.by_authority = _Recorded(index.by_authority, lambda c: key("authority", c), "authority")
        self.by_indicator = _Recorded(index.by_indicator, lambda i: key("indicator", i), "indicator")
        self.by_area_indicator = _Recorded(index.by_area_indicator, _area_indicator, "ai")
        self.latest_value = _Recorded(index.latest_value, _latest, "latest")

    @property
    def figures(self):
        note(ALL)
        return self._index.figures

    def area_points(self, code: str, indicator_id: str, period_class: str):
        note(key("ai", code, indicator_id))
        return self._index.area_points(code, indicator_id, period_class)


class RecordedModel:
    """The model as pages see it while they are made: the same data, with each read noted.

    The registry is not recorded: it is part of page_reuse's setup, whose change renders every page.
    """

    def __init__(self, model):
        self._model = model
        self.index = RecordedIndex(model.index)
        self.registry = model.registry

    @property
    def packages(self):
        note(PACKAGES)
        return self._model.packages

    def package(self, name: str):
        note(PACKAGES)
        return self._model.package(name)

    def has_package(self, name: str) -> bool:
        note(PACKAGES)
        return self._model.has_package(name)

    def figure_in(self, package: str, figure_key: tuple[str, ...]):
        note(key("package", package))
        return self._model.figure_in(package, figure_key)

    def official_comparisons_of(self, package: str):
        note(key("official", package))
        return self._model.official_comparisons_of(package)

    def __getattr__(self, name: str):
        # observations, official_comparisons, discrepancies, revisions...: the whole model
        note(ALL)
        return getattr(self._model, name)
