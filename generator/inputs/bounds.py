"""The caps on what one file may hold (core/limits.py), checked before the expensive reading.

Each check runs on what is cheap to look at (the file's size, its first line, the bracket depth of
the text) so that a file over a cap is refused before pandas, json or Frictionless spends memory on
it; the first layer that refuses a file is the last one to read it.
"""

from __future__ import annotations

import csv
import io
import re
from itertools import accumulate
from pathlib import Path

import pandas as pd

from generator.core import limits
from generator.core.problem_ids import CELL_LENGTH, DESCRIPTOR, TABLE_SIZE
from generator.core.problems import ERROR, Problem

# A JSON string: the loop unrolled ("runs of plain characters between escapes"), which matches what
# "(?:[^"\\]|\\.)*" does in under a third of the time, as it takes each run at once, not each character.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_BRACKET_STEP = {"{": 1, "[": 1, "}": -1, "]": -1}
_BRACKET = re.compile(r"[{}\[\]]")  # found by the regex engine, not by a loop over every character


def _problem(file: str, message: str, fix: str, *, check: str, row=None, column=None) -> Problem:
    return Problem(file, row, column, check, ERROR, message, fix)


def oversized(path: Path, file: str, limit: int, *, check: str) -> Problem | None:
    """A problem when the file is larger than ``limit`` bytes, found without reading it."""
    size = path.stat().st_size
    if size <= limit:
        return None
    return _problem(
        file,
        f"the file is {size:,} bytes, more than the {limit:,} a file here may have",
        "split the figures into one package per report; content/publish-your-data.md lists the limits",
        check=check,
    )


def too_many_lines(text: str, file: str) -> Problem | None:
    lines = text.count("\n") - (1 if text.endswith("\n") else 0)  # after the header
    if lines <= limits.MAX_CSV_ROWS:
        return None
    return _problem(
        file,
        f"the file has {lines:,} rows after its header, more than the {limits.MAX_CSV_ROWS:,} a "
        "table here may have (line breaks inside quoted cells count as rows)",
        "split the figures into one package per report",
        check=TABLE_SIZE.id,
    )


def nesting_depth(text: str) -> int:
    """How deeply objects and lists nest in JSON text, counted without parsing it."""
    brackets = [_BRACKET_STEP[c] for c in _BRACKET.findall(_STRING.sub("", text))]
    return max(accumulate(brackets), default=0)


def too_deep(text: str, file: str) -> Problem | None:
    depth = nesting_depth(text)
    if depth <= limits.MAX_DESCRIPTOR_DEPTH:
        return None
    return _problem(
        file,
        f"datapackage.json nests objects and lists {depth} deep, more than the "
        f"{limits.MAX_DESCRIPTOR_DEPTH} a descriptor may",
        "start from `transparency new` or copy an existing package's datapackage.json",
        check=DESCRIPTOR.id,
    )


class DuplicateKeys:
    """An ``object_pairs_hook`` for json.loads that remembers keys given twice in one object, which
    json.loads would otherwise settle silently by keeping the last."""

    def __init__(self) -> None:
        self.repeated: list[str] = []

    def __call__(self, pairs: list[tuple[str, object]]) -> dict:
        result: dict = {}
        for key, value in pairs:
            if key in result and key not in self.repeated:
                self.repeated.append(key)
            result[key] = value
        return result

    def problems(self, file: str) -> list[Problem]:
        return [
            _problem(
                file,
                f"the key '{key}' appears twice in one object of datapackage.json, so one of its "
                "values would be silently ignored",
                f"keep one '{key}' in each object and delete the other",
                check=DESCRIPTOR.id,
            )
            for key in self.repeated[: limits.MAX_LISTED_PROBLEMS]
        ]


def too_wide(text: str, file: str) -> Problem | None:
    """A problem when the header has more columns than a table may: read from the first record only."""
    first = next(
        csv.reader(io.StringIO(text[: limits.MAX_COLUMNS * (limits.MAX_CELL_CHARS + 3)], newline="")), []
    )
    if len(first) <= limits.MAX_COLUMNS:
        return None
    return _problem(
        file,
        f"the header has {len(first):,} columns, more than the {limits.MAX_COLUMNS} a table here may have",
        "keep only the contract's columns (see content/publish-your-data.md)",
        check=TABLE_SIZE.id,
        row=1,
    )


def short_lines_one_record_each(text: str, rows: int, cap: int) -> bool:
    """True when no cell of the table read from ``text`` (``rows`` rows) can be longer than ``cap``.

    Every line is at most ``cap`` characters, and there are exactly as many non-blank lines as
    records (header and rows): a record that spans lines (a quoted cell holding a line break)
    spans at least two non-blank ones, its start and its closing quote, so here none does, and each
    cell is at most the line it sits on. Checking that takes a few C-speed passes over the text,
    where measuring every cell took half a second over England's 1,500 reports."""
    lines = text.split("\n")
    if max(map(len, lines), default=0) > cap:
        return False
    return sum(1 for line in lines if line.strip("\r")) == rows + 1


def long_cells(table: pd.DataFrame, file: str, cap: int, text: str | None = None) -> list[Problem]:
    """One problem for the first cell longer than ``cap`` in each column (the header is row 1).
    ``text`` is the CSV the table was read from, when it may be used to rule long cells out."""
    if text is not None and short_lines_one_record_each(text, len(table), cap):
        return []
    problems = []
    for column in table.columns:
        values = table[column].tolist()
        if max(map(len, values), default=0) <= cap:
            continue
        index = next(i for i, value in enumerate(values) if len(value) > cap)
        problems.append(
            _problem(
                file,
                f"the cell has {len(values[index]):,} characters, more than the {cap:,} a cell may have",
                "shorten it: a note is a sentence or two, and the report itself holds the full text",
                check=CELL_LENGTH.id,
                row=index + 2,
                column=str(column),
            )
        )
    return problems
