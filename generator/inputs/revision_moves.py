"""What a revision note says besides the value: the key a figure was published under, when the
correction moved it (its period, indicator or breakdown was wrong), and its earlier flag or numerator.

A figure re-dated from FY2018/19-Q1 to latest:2018-09-10 is the same published figure corrected, not
a figure removed and another added: the note names the old key, so readers see the change.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable

from generator.core.contract import KEY
from generator.core.periods import PeriodError, resolve_period
from generator.core.vocabulary import FLAGS

# A correction may also move a figure (its period, indicator or breakdown was wrong) or change what
# qualifies it; the note then says what the figure was published as, so no change is silent.
MOVED_FIELDS = {
    "previous_indicator_id": "indicator_id",
    "previous_period": "period",
    "previous_breakdown_dimension": "breakdown_dimension",
    "previous_breakdown_category": "breakdown_category",
}
DETAIL_FIELDS = {"previous_flag": "flag", "previous_numerator": "numerator"}


def number_text(raw: object) -> str | None:
    """A previous value as the CSV would hold it, or None when it is not a plain finite number."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        return (str(int(raw)) if raw.is_integer() else repr(raw)) if math.isfinite(raw) else None
    if isinstance(raw, str):
        text = raw.strip()
        try:
            return text if math.isfinite(float(text)) else None
        except ValueError:
            return None
    return None


def moved_and_details(
    raw: dict, key: list[str], add: Callable[[str, str], None], fields: dict
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The key the figure was published under (if the note moves it) and its earlier flag or numerator."""
    moved = dict(zip(KEY, key, strict=True))
    for name, column in MOVED_FIELDS.items():
        if name not in raw:
            continue
        text = raw[name]
        if not isinstance(text, str):
            add(f"'{name}' is {json.dumps(text)}, not text", fields[name]["description"])
            continue
        moved[column] = text.strip()
    if moved["period"] != key[2]:
        try:
            resolve_period(moved["period"])
        except PeriodError as error:
            add(f"'previous_period': {error}", "write the period exactly as it was published")
    details = []
    for name, column in DETAIL_FIELDS.items():
        if name not in raw:
            continue
        text = raw[name]
        text = "" if text is None else text
        if column == "numerator" and text != "":
            text = number_text(text)
            if text is None:
                add(f"'{name}' is {json.dumps(raw[name])}, not a plain number", fields[name]["description"])
                continue
        if column == "flag" and (not isinstance(text, str) or text.strip() not in ["", *FLAGS]):
            add(f"'{name}' is {json.dumps(raw[name])}, not a flag", f'use one of {", ".join(FLAGS)}, or ""')
            continue
        details.append((column, str(text).strip()))
    previous_key = tuple(moved[k] for k in KEY)
    return (previous_key if previous_key != tuple(key) else ()), tuple(details)
