"""Columns must be the contract's, so that a renamed header is caught before any figure is misread."""

import difflib

from generator.core.contract import observation_fields
from generator.core.problems import ERROR, Problem
from generator.core.visible import shown

from .base import Check, CheckContext


def header_problems(file: str, header: list[str]) -> list[Problem]:
    """Problems with one CSV header; the validator leaves a table with any of these unread."""
    expected = observation_fields()
    if header == expected:
        return []  # the usual case: every column, once, in order
    columns = ", ".join(expected)

    def problem(column: str, what: str, fix: str) -> Problem:
        return Problem(file, 1, column, CHECK.id, ERROR, what, fix)

    problems = []
    missing = [c for c in expected if c not in header]
    for column in header:
        if column in expected:
            continue
        guess = difflib.get_close_matches(column, missing, n=1)
        hint = f"rename it to {shown(guess[0])}" if guess else "remove the column"
        what = f"column {shown(column)} is not one of the observation columns"
        problems.append(problem(column, what, f"{hint}; the columns are: {columns}"))
    for column in missing:
        fix = f"add a '{column}' column (it may be left empty where the contract allows)"
        fix += f"; the columns are: {columns}"
        problems.append(problem(column, f"column {shown(column)} is missing from the header", fix))
    first: dict[str, int] = {}
    for position, column in enumerate(header, start=1):
        if column in first:
            what = f"column {shown(column)} appears twice (columns {first[column]} and {position})"
            problems.append(problem(column, what, "delete one of the two columns"))
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
