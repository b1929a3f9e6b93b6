"""Paths inside a project that more than one layer names.

The record of published figures is read by inputs, named in validation's messages, offered as the
command line's default and located by the project, so its place is written down once, below them all
(and in a module light enough for the command line to import before it knows the command).
"""

from __future__ import annotations

from pathlib import Path

PUBLISHED = Path("published") / "observations.csv"
