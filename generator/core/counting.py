"""A count and its noun, in the number the count calls for: "1 report", "45 figures"."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``plural`` where adding an s is wrong ("1 entry", "2 entries")."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
