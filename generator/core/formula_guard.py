"""Text cells a spreadsheet would run as a formula, made inert the way OWASP describes.

A note such as ``=HYPERLINK("http://...")`` in the public CSV is run by Excel or LibreOffice when a
reader opens the file (CSV injection). Text cells that begin with = + - @, a tab or a carriage return
get a single quote in front, which spreadsheets show as text. Cells that already begin with quotes
before such a character get one more, so the change can be undone exactly (``unguard``): the record
of published figures, a copy of the public CSV, is read back through it. Numbers are never changed.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_GUARD = re.compile(r"'*[=+\-@\t\r]")
# Searched in "\x00" + the cells joined by "\x00": a cell's start is then always after a NUL, and a
# pattern that opens with a literal is searched for that character first (three times faster over a
# column of 125,000 cells than "(?:\A|\x00)", which is tried at every position).
_ANY_IN_COLUMN = re.compile(r"\x00'*[=+\-@\t\r]")
_ANY_GUARDED = re.compile(r"\x00'+[=+\-@\t\r]")


def guard(text: str) -> str:
    return "'" + text if _NEEDS_GUARD.match(text) else text


def unguard(text: str) -> str:
    return text[1:] if text.startswith("'") and _NEEDS_GUARD.match(text, 1) else text


def _cells(values: list[str]) -> str:
    return "\x00" + "\x00".join(values)


def guard_column(values: list[str]) -> list[str]:
    """``guard`` on every cell; one C-speed search first tells whether any cell needs it."""
    return [guard(v) for v in values] if _ANY_IN_COLUMN.search(_cells(values)) else values


def unguard_column(values: list[str]) -> list[str]:
    return [unguard(v) for v in values] if _ANY_GUARDED.search(_cells(values)) else values
