"""Corrections of published figures, as packages note them, read and checked one note at a time.

The Code of Practice for Statistics asks that revisions are visible, never silent. A package notes
what a corrected figure was before (the ``revisions`` list of its datapackage.json, described in
schemas/revisions.schema.json). Only the previous value is written down: the value after each
correction is the next note's previous value, or the figure as the package gives it now, so a note
can never disagree with the data it describes. model/revisions.py chains the notes into the log
readers see.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from generator.core.contract import BREAKDOWN, KEY
from generator.core.problem_ids import REVISION_NOTES
from generator.core.problems import ERROR, Problem
from generator.core.vocabulary import BLANKING_MARKERS, MARKERS
from generator.inputs.revision_moves import moved_and_details, number_text

SCHEMA_FILE = Path(__file__).parents[1] / "core" / "schemas" / "revisions.schema.json"
TEXT_KEY = [k for k in KEY if k not in BREAKDOWN]  # the parts every figure has
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

State = tuple[str, str]  # (value, marker) as text, as observations.csv holds them


@cache
def revision_schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def _fields() -> dict[str, dict]:
    return revision_schema()["items"]["properties"]


@dataclass(frozen=True)
class RevisionEntry:
    package: str
    file: str  # the package's datapackage.json, for messages
    number: int  # position in the package's list, counted from 1 as people count
    key: tuple[str, ...]  # in contract.KEY order
    previous: State
    revised_on: str
    reason: str
    previous_key: tuple[str, ...] = ()  # the key it was published under, if the correction moved it
    previous_details: tuple[tuple[str, str], ...] = ()  # (column, text before): flag, numerator

    @property
    def figure(self) -> tuple[str, ...]:
        return (self.package, *self.key)

    @property
    def published_key(self) -> tuple[str, ...]:
        return self.previous_key or self.key

    @property
    def moves_or_requalifies(self) -> bool:
        """Whether the note records a change besides the value and marker."""
        return bool(self.previous_details) or self.published_key != self.key


def describe_figure(key: Iterable[str]) -> str:
    """'cp_plans for E10000018 in 2020-05-17 (locality: Coalville)', as every message names one."""
    area, indicator, period, dimension, category = key
    text = f"{indicator} for {area} in {period}"
    return f"{text} ({dimension}: {category})" if dimension else text


def describe_state(state: State) -> str:
    value, marker = state
    if value and marker:
        return f"{value} (marker {marker})"
    return value or (f"marker {marker}" if marker else "empty")


def state_key(state: State) -> tuple[float | str, str]:
    """What makes two states the same figure: 529 and 529.0 are one number."""
    value, marker = state
    number = number_text(value)
    return (float(number) if number is not None else value), marker


def same_states(
    value_a: pd.Series, marker_a: pd.Series, value_b: pd.Series, marker_b: pd.Series
) -> pd.Series:
    """``state_key`` for whole columns at once (half a million rows in the benchmarks).

    Equal text is the same figure; only the few rows whose text differs are parsed as numbers.
    """
    same = ((value_a == value_b) & (marker_a == marker_b)).to_numpy(dtype=bool, copy=True)
    differ = ~same
    if differ.any():
        a, b = value_a[differ], value_b[differ]
        number_a = pd.to_numeric(a.where(a != ""), errors="coerce")
        number_b = pd.to_numeric(b.where(b != ""), errors="coerce")
        same[differ] = ((number_a == number_b) & (marker_a[differ] == marker_b[differ])).to_numpy(dtype=bool)
    return pd.Series(same, index=value_a.index)


def suggested_entry(key: Iterable[str], previous: State, revised_on: str = "YYYY-MM-DD") -> str:
    """The JSON a message asks people to paste, in the field order of the schema."""
    entry: dict[str, str] = dict(zip(KEY, key, strict=True))
    value, marker = previous
    if value or not marker:
        entry["previous_value"] = value
    if marker:
        entry["previous_marker"] = marker
    entry["revised_on"] = revised_on
    entry["reason"] = "<why the figure changed, in a sentence for readers>"
    return json.dumps(entry, ensure_ascii=False)


def _is_date(text: object) -> bool:
    if not isinstance(text, str) or not _DATE.fullmatch(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


class _EntryProblems:
    """Problems of one entry, each prefixed with which entry it is, as people count them."""

    def __init__(self, file: str, number: int):
        self.file, self.number, self.label = file, number, f"revisions entry {number}"
        self.found: list[Problem] = []

    def add(self, message: str, fix: str) -> None:
        self.found.append(
            Problem(self.file, None, None, REVISION_NOTES.id, ERROR, f"{self.label}: {message}", fix)
        )


def _check_entry(
    package: str, file: str, meeting: str, number: int, raw: object
) -> tuple[RevisionEntry | None, list[Problem]]:
    problems = _EntryProblems(file, number)
    fields = _fields()
    if not isinstance(raw, dict):
        problems.add(
            f"is {json.dumps(raw)[:40]}, not an object",
            "write each entry as an object, e.g. "
            + suggested_entry(["E10000018", "cp_plans", "2020-05-17", "", ""], ("529", "")),
        )
        return None, problems.found
    for name in raw:
        if name not in fields:
            close = difflib.get_close_matches(str(name), list(fields), n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.add(
                f"has a field '{name}' that revisions do not have",
                f"{hint}the fields are: {', '.join(fields)}",
            )
    key: list[str] = []
    for name in KEY:
        value = raw.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            problems.add(
                f"'{name}' is {json.dumps(value)}, not text",
                f'write it in quotes, e.g. "{value}". {fields[name]["description"]}',
            )
            value = ""
        elif not value.strip() and name in TEXT_KEY:
            problems.add(f"'{name}' is missing or empty", f'add "{name}". {fields[name]["description"]}')
        key.append(value.strip())
    if problems.found:
        return None, problems.found
    problems.label += f" ({describe_figure(key)})"
    if bool(key[3]) != bool(key[4]):
        problems.add(
            "gives only one of breakdown_dimension and breakdown_category",
            "give both, exactly as in observations.csv, or neither for a figure about the whole area",
        )
    raw_value, raw_marker = raw.get("previous_value"), raw.get("previous_marker")
    value, readable = "", True
    if raw_value is not None and raw_value != "":
        text = number_text(raw_value)
        if text is None:
            readable = False
            problems.add(
                f"'previous_value' is {json.dumps(raw_value)}, not a plain number",
                'write the value as observations.csv held it before the correction, e.g. "529" or '
                '"95.8" (no commas, % or £)',
            )
        else:
            value = text
    marker = "" if raw_marker is None else raw_marker
    if not isinstance(marker, str) or marker.strip() not in ["", *MARKERS]:
        problems.add(
            f"'previous_marker' is {json.dumps(raw_marker)}, not a marker",
            f"use one of {', '.join(MARKERS)} (the marker the figure had before the correction), "
            "or leave the field out",
        )
        marker, readable = "", False
    marker = marker.strip()
    if "previous_value" not in raw and "previous_marker" not in raw:
        problems.add(
            "says neither 'previous_value' nor 'previous_marker', so readers cannot see what changed",
            'add "previous_value": the figure as it was published (published/observations.csv has it), '
            'or "previous_marker" if it was published as a marker such as x',
        )
    elif readable and not value and not marker:
        problems.add(
            "'previous_value' and 'previous_marker' are both empty",
            "give the value the figure had before the correction, or the marker it had instead",
        )
    elif value and marker in BLANKING_MARKERS:
        problems.add(
            f"gives both a previous value ({value}) and the marker '{marker}', which means there "
            "was no value",
            "keep the one the figure was published with",
        )
    revised_on = raw.get("revised_on")
    if not _is_date(revised_on):
        problems.add(
            f"'revised_on' is {json.dumps(revised_on)}, not a date",
            'write "revised_on": "YYYY-MM-DD", the day the correction was made',
        )
    else:
        if meeting and revised_on < meeting:
            problems.add(
                f"'revised_on' ({revised_on}) is before the report's meeting ({meeting}); a figure "
                "cannot be corrected before it was published",
                "write the day the correction was made, YYYY-MM-DD",
            )
    reason = raw.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        problems.add("'reason' is missing or empty", f'add "reason". {fields["reason"]["description"]}')
    previous_key, details = moved_and_details(raw, key, problems.add, fields)
    if problems.found:
        return None, problems.found
    entry = RevisionEntry(
        package,
        file,
        number,
        tuple(key),
        (value, marker),
        str(revised_on),
        " ".join(str(reason).split()),
        previous_key,
        details,
    )
    return entry, []


def read_entries(package: str, file: str, descriptor: dict) -> tuple[list[RevisionEntry], list[Problem]]:
    """The package's well-formed revision notes, and a precise problem for every malformed one."""
    raw = descriptor.get("revisions")
    meeting = str(descriptor.get("meeting_date") or "")
    if raw is None:
        return [], []
    if not isinstance(raw, list):
        return [], [
            Problem(
                file,
                None,
                None,
                REVISION_NOTES.id,
                ERROR,
                f"'revisions' is {type(raw).__name__ if not isinstance(raw, dict) else 'an object'}, "
                "not a list of entries",
                'write "revisions": ['
                + suggested_entry(["E10000018", "cp_plans", "2020-05-17", "", ""], ("529", ""))
                + "]",
            )
        ]
    entries: list[RevisionEntry] = []
    problems: list[Problem] = []
    seen: dict[tuple[tuple[str, ...], str], int] = {}
    for number, item in enumerate(raw, start=1):
        entry, found = _check_entry(package, file, meeting, number, item)
        problems.extend(found)
        if entry is None:
            continue
        first = seen.setdefault((entry.key, entry.revised_on), number)
        if first != number:
            problems.append(
                Problem(
                    file,
                    None,
                    None,
                    REVISION_NOTES.id,
                    ERROR,
                    f"revisions entry {number} ({describe_figure(entry.key)}) has the same figure and "
                    f"date ({entry.revised_on}) as entry {first}",
                    "keep one entry per correction: if the figure was corrected twice that day, keep "
                    "the entry with the value before the first correction",
                )
            )
            continue
        entries.append(entry)
    return entries, problems


def current_states(
    observations: pd.DataFrame, package_column: str, entries: list[RevisionEntry]
) -> dict[tuple[str, ...], State]:
    """(value, marker) now, for each figure a note names."""
    return figure_states(observations, package_column, [e.figure for e in entries])


def figure_states(
    table: pd.DataFrame, package_column: str, figures: list[tuple[str, ...]], value: str = "value"
) -> dict[tuple[str, ...], State]:
    """(value, marker) of a few figures of a long table: narrowed by package and indicator first,
    so the merge on the key runs over a handful of rows, not half a million."""
    if not figures:
        return {}
    columns = [package_column, *KEY]
    wanted = pd.DataFrame(figures, columns=columns).drop_duplicates()
    marker = value.replace("value", "marker")
    near = table[
        table[package_column].isin(wanted[package_column])
        & table["indicator_id"].isin(wanted["indicator_id"])
    ]
    found = wanted.merge(near[[*columns, value, marker]].drop_duplicates(columns), on=columns)
    return {
        tuple(row[:6]): (row[6], row[7])
        for row in found[[*columns, value, marker]].itertuples(index=False, name=None)
    }


def chains(entries: list[RevisionEntry]) -> dict[tuple[str, ...], list[RevisionEntry]]:
    """The notes of each figure, oldest first (by date, then by place in the list)."""
    grouped: dict[tuple[str, ...], list[RevisionEntry]] = {}
    for entry in sorted(entries, key=lambda e: (e.figure, e.revised_on, e.number)):
        grouped.setdefault(entry.figure, []).append(entry)
    return grouped
