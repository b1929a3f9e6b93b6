"""Columns must be the contract's, so that a renamed header is caught before any figure is misread."""

import difflib

from generator.core.contract import observation_fields
from generator.core.problems import ERROR, Problem
from generator.core.visible import shown

from .base import Check, CheckContext


def header_problems(file: str, header: list[str]) -> list[Problem]:
    """Problems with one CSV header; the validator leaves a table with any of these unread."""
    expected = observation_fields()
    problems = []
    missing = [c for c in expected if c not in header]
    for column in header:
        if column in expected:
            continue
        guess = difflib.get_close_matches(column, missing, n=1)
        hint = f"rename it to {shown(guess[0])}" if guess else "remove the column"
        problems.append(
            Problem(
                file,
                1,
                column,
                CHECK.id,
                ERROR,
                f"column {shown(column)} is not one of the observation columns",
                f"{hint}; the columns are: {', '.join(expected)}",
            )
        )
    for column in missing:
        problems.append(
            Problem(
                file,
                1,
                column,
                CHECK.id,
                ERROR,
                f"column {shown(column)} is missing from the header",
                f"add a '{column}' column (it may be left empty where the contract allows); "
                f"the columns are: {', '.join(expected)}",
            )
        )
    first: dict[str, int] = {}
    for position, column in enumerate(header, start=1):
        if column in first:
            problems.append(
                Problem(
                    file,
                    1,
                    column,
                    CHECK.id,
                    ERROR,
                    f"column {shown(column)} appears twice (columns {first[column]} and {position})",
                    "delete one of the two columns",
                )
            )
        first.setdefault(column, position)
    return problems


def run(ctx: CheckContext):
    for package in ctx.packages:
        for resource in package.resources:
            yield from header_problems(resource.file, resource.header)


CHECK = Check(
    "header",
    "Columns follow the contract",
    "Every observation CSV has exactly the contract's columns.",
    run,
)
