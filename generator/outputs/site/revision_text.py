"""A correction in words, as the revisions page and the feed both say it: what the figure was and is.

A correction may change more than the value: a figure re-dated from a quarter to "latest available",
moved to another indicator or breakdown, or given the report's qualifier ("almost"). Each side then
names what changed, so a reader of either page sees the whole change, not only the number.
"""

from __future__ import annotations

from generator.core.periods import resolve_period
from generator.model.revisions import Revision
from generator.model.tidy import Model
from generator.outputs.site.formatting import format_value


def _current(model: Model, revision: Revision) -> dict[str, str]:
    found = model.figure_in(revision.entry.package, revision.entry.key)
    if found is None:
        return {"flag": "", "numerator": ""}
    return {"flag": found["flag"], "numerator": found["numerator"]}


def _side(model: Model, key: tuple[str, ...], state: tuple[str, str], details: dict, moved: bool) -> str:
    _area, indicator, period, dimension, category = key
    indicators = model.registry.indicators
    text = format_value(state[0], str(indicators.loc[indicator, "unit"]), state[1], details.get("flag", ""))
    if "numerator" in details:
        text += f", numerator {details['numerator'] or 'none'}"
    if moved:
        part = f", {dimension}: {category}" if dimension else ""
        text += f" ({indicators.loc[indicator, 'title']}, {resolve_period(period).label}{part})"
    return text


def change_texts(model: Model, revision: Revision) -> tuple[str, str]:
    """(before, after) of one correction, in words."""
    entry = revision.entry
    before = dict(entry.previous_details)
    now = _current(model, revision)
    after = {column: now[column] for column in before}
    if "flag" not in before:
        before["flag"] = after["flag"] = now["flag"]
    moved = entry.published_key != entry.key
    return (
        _side(model, entry.published_key, revision.old, before, moved),
        _side(model, entry.key, revision.new, after, moved),
    )
