"""A generated page: where it goes, which template lays it out, and the plain data it shows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder
    template: str
    context: dict
