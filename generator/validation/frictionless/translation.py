"""Turn Frictionless's errors into our problems, each with a sentence a council officer can act on.

Frictionless's messages are written for data engineers. Both ways of asking it (problems.py, the
whole package; shared_schema.py, rows against a schema read once) hand their errors here, so a
problem reads the same whichever found it.
"""

from __future__ import annotations

from collections.abc import Iterable

import frictionless

from generator.core.problem_ids import frictionless_id
from generator.core.problems import ERROR, Problem
from generator.core.visible import shown

# Header errors are reported by our header check with a suggested rename; Frictionless would say the
# same thing less helpfully.
COVERED_BY_HEADER_CHECK = {
    "incorrect-label",
    "missing-label",
    "extra-label",
    "duplicate-label",
    "blank-label",
    "blank-header",
}

FIXES = {
    "type-error": "write a plain number with no commas, % or £ signs (95.8 for 95.8%, 22184 "
    "for 22,184); leave the cell empty and use a marker if there is no figure",
    "extra-cell": "the row has more cells than the header: quote any cell that contains a comma "
    '("Hinckley, Bosworth") or remove the extra cell',
    "missing-cell": "the row has fewer cells than the header: add the missing commas so that "
    "every column has a cell, even an empty one",
    "blank-row": "delete the empty row",
    "primary-key": "each key may appear once: remove or correct the repeated row",
    "unique-error": "each value in this column may appear once: remove or correct the repeat",
    "foreign-key": "the value must exist in the table it refers to: check the spelling or add it there first",
    "byte-count": 'delete "bytes" from the resource in datapackage.json, or give the size of the file '
    "as it is now",
    "hash-count": 'delete "hash" from the resource in datapackage.json, or work it out again from the '
    "file as it is now",
}


def _fix_for(error: frictionless.errors.Error) -> str:
    if error.type == "constraint-error":
        note = str(getattr(error, "note", ""))
        if "enum" in note:
            return f"use one of the allowed values ({note.split(':', 1)[-1].strip()})"
        if "required" in note:
            return "fill in this cell: it may not be empty"
        if "pattern" in note:
            return "write the code in the form the column description gives (e.g. E10000018)"
        return "correct the cell so that it meets the column's rule in the schema"
    return FIXES.get(
        error.type,
        "correct the file as the message says; the schema in datapackage.json describes each column",
    )


def _message_for(error: frictionless.errors.Error) -> str:
    cell = getattr(error, "cell", None)
    note = getattr(error, "note", "")
    if error.type == "type-error":
        return f"{shown(cell)} is not a valid {note or 'value'} for this column".replace(
            'type is "number/default"', "number"
        )
    return f"{error.title.lower()}: {note}" if note else error.message


def file_problems(file: str, found: Iterable[frictionless.errors.Error]) -> list[Problem]:
    """The problems with one file (a validation task's errors), header errors left to our check."""
    return [
        Problem(
            file,
            getattr(error, "row_number", None),
            getattr(error, "field_name", None),
            frictionless_id(error.type),
            ERROR,
            _message_for(error),
            _fix_for(error),
        )
        for error in found
        if error.type not in COVERED_BY_HEADER_CHECK
    ]
