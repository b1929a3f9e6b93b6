"""How values are written for people: 95.8%, £213,700, 22,184, a marker in words.

The results are plain text; templates escape them where they land (escaping.py).
"""

from __future__ import annotations

from functools import lru_cache

from generator.core.vocabulary import (
    FLAG_LABELS,
    GBP,
    LOW_RELIABILITY,
    MARKER_LABELS,
    NOT_AVAILABLE,
    PERCENT,
    QUALIFIER_LABELS,
    UNIT_LABELS,
)


def _number(text: str) -> str:
    """Group thousands but keep the digits the report printed (22184 -> 22,184; 95.80 stays)."""
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, fraction = digits.partition(".")
    if len(whole) > 3 and whole.isdigit():
        whole = f"{int(whole):,}"
    return f"{sign}{whole}{dot}{fraction}"


@lru_cache(maxsize=1 << 16)
def format_value(value: str, unit: str, marker: str = "", flag: str = "") -> str:
    """A value as a reader expects it: 95.8%, £213,700, 22,184; a marker in words, never 0; a
    qualified figure with the report's qualifier before it ("almost 5,500"), never as exact.

    Remembered: a figure is written on its report's page, its area's, its neighbours' charts and
    its indicator's, some 900,000 times for England's 125,000 figures."""
    if value == "":
        label = MARKER_LABELS.get(marker, MARKER_LABELS[NOT_AVAILABLE])
        return f"{marker or NOT_AVAILABLE} ({label})"
    number = _number(value)
    if unit == PERCENT:
        text = f"{number}%"
    elif unit == GBP:
        text = f"£{number.lstrip('-')}" if not number.startswith("-") else f"-£{number[1:]}"
    else:
        text = number
    if flag in QUALIFIER_LABELS:
        text = f"{QUALIFIER_LABELS[flag]} {text}"
    notes = [MARKER_LABELS[marker]] if marker == LOW_RELIABILITY else []
    if flag and flag not in QUALIFIER_LABELS:
        notes.append(FLAG_LABELS[flag])
    return f"{text} ({', '.join(notes)})" if notes else text


def format_difference(difference: str, unit: str) -> str:
    """A signed difference between two figures of one unit: +0.8 percentage points, -256, +£1,200."""
    if not difference or difference == "0":
        return "0"
    sign, size = difference[0], difference[1:]
    if unit == PERCENT:
        return f"{sign}{_number(size)} percentage points"
    return sign + format_value(size, unit)


def unit_label(unit: str) -> str:
    return UNIT_LABELS.get(unit, unit)
