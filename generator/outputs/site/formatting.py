"""How values and data-file text are written into pages: formatted for people, escaped for safety.

Text from a data file can land in Markdown tables, HTML and JSON. ``markdown_text`` makes it inert
in Markdown and HTML alike, so a note holding ``<script>`` shows as text and never runs.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from generator.inputs.registry import UNIT_LABELS

MARKER_LABELS = {
    "c": "confidential",
    "x": "not available",
    "z": "not applicable",
    "low": "rounds to zero",
    "u": "low reliability",
}
FLAG_LABELS = {"p": "provisional", "r": "revised", "e": "estimated"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#~!])")
# Characters that could end a Markdown link destination or an HTML attribute, or that have no place
# in an address: written percent-encoded, as a browser would send them.
_URL_UNSAFE = re.compile(r"[^!#$%&*+,\-./0-9:;=?@A-Z_a-z~]")


@lru_cache(maxsize=1 << 16)
def markdown_text(value: object) -> str:
    """Escape data text for a Markdown table cell or paragraph (HTML first, then Markdown).

    Cached: area names, titles and periods recur on thousands of table rows."""
    text = " ".join(str(value).split())
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return html.escape(text, quote=False)


def markdown_url(url: str) -> str:
    """A web address for a Markdown link ``[text](url)``: every character that could close the link,
    open HTML or break out of the href is percent-encoded (checks/source_url.py already refuses
    such addresses; this keeps a page safe whatever reaches it)."""
    return _URL_UNSAFE.sub(
        lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8", "surrogatepass")), url
    )


def _number(text: str) -> str:
    """Group thousands but keep the digits the report printed (22184 -> 22,184; 95.80 stays)."""
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, fraction = digits.partition(".")
    if len(whole) > 3 and whole.isdigit():
        whole = f"{int(whole):,}"
    return f"{sign}{whole}{dot}{fraction}"


def format_value(value: str, unit: str, marker: str = "", flag: str = "") -> str:
    """A value as a reader expects it: 95.8%, £213,700, 22,184; a marker in words, never 0."""
    if value == "":
        label = MARKER_LABELS.get(marker, "not available")
        return f"{marker or 'x'} ({label})"
    number = _number(value)
    if unit == "percent":
        text = f"{number}%"
    elif unit == "gbp":
        text = f"£{number.lstrip('-')}" if not number.startswith("-") else f"-£{number[1:]}"
    else:
        text = number
    notes = [MARKER_LABELS[marker]] if marker == "u" else []
    if flag:
        notes.append(FLAG_LABELS[flag])
    return f"{text} ({', '.join(notes)})" if notes else text


def unit_label(unit: str) -> str:
    return UNIT_LABELS.get(unit, unit)
