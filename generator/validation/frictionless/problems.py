"""Run Frictionless (schema, types, keys) and translate its errors into our problems with a fix.

Frictionless is the right tool for the Table Schema itself; its messages are written for data
engineers, so each error type gets a sentence a council officer can act on.
"""

from __future__ import annotations

import frictionless

from generator.core.problem_ids import FRICTIONLESS, frictionless_id
from generator.core.problems import ERROR, Problem
from generator.core.visible import shown
from generator.inputs.packages import Package, display_path

# Header errors are reported by our header check with a suggested rename; Frictionless would say the
# same thing less helpfully.
_COVERED_BY_HEADER_CHECK = {
    "incorrect-label",
    "missing-label",
    "extra-label",
    "duplicate-label",
    "blank-label",
    "blank-header",
}

_FIXES = {
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
    return _FIXES.get(
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


def frictionless_problems(package: Package, root) -> list[Problem]:
    """Validate one package as Frictionless sees it; paths were already checked for safety.

    Frictionless is given the descriptor the validator holds (for a report, with the contract's
    schema in it), not the file, so what it checks against is ours to decide."""
    try:
        report = frictionless.validate(package.descriptor, basepath=str(package.directory))
    except frictionless.FrictionlessException as exception:
        return [
            Problem(
                package.descriptor_file,
                None,
                None,
                FRICTIONLESS.id,
                ERROR,
                f"Frictionless cannot read the package: {exception.error.message}",
                "compare datapackage.json with an existing package; `transparency new` writes a correct one",
            )
        ]
    problems = []
    for task in report.tasks:
        file = display_path(package.directory / task.place, root) if task.place else (package.descriptor_file)
        for error in task.errors:
            if error.type in _COVERED_BY_HEADER_CHECK:
                continue
            problems.append(
                Problem(
                    file,
                    getattr(error, "row_number", None),
                    getattr(error, "field_name", None),
                    frictionless_id(error.type),
                    ERROR,
                    _message_for(error),
                    _fix_for(error),
                )
            )
    for error in report.errors:
        problems.append(
            Problem(
                package.descriptor_file,
                None,
                None,
                frictionless_id(error.type),
                ERROR,
                error.message,
                "correct datapackage.json as the message says",
            )
        )
    return problems
