"""Problems found in data packages, as data, and the three ways of showing them.

A problem is never a formatted string: the command line, CI annotations and tests all read the same
objects, so text, JSON and GitHub output cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input: where it is, what is wrong and how to put it right.

    ``row`` is the line number in the file as a spreadsheet shows it (the header is row 1), so an
    officer can go straight to it; ``column`` is the field name. ``sheet`` is set only for problems
    in an Excel workbook (`transparency import`), where a row number means nothing without it.
    """

    file: str
    row: int | None
    column: str | None
    check: str
    severity: str
    message: str
    fix: str
    sheet: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def location(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(self.sheet)
        if self.row is not None:
            parts.append(str(self.row))
        if self.column:
            parts.append(self.column)
        return ":".join(parts)


@dataclass(frozen=True)
class Summary:
    packages: int
    resources: int
    observations: int


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(
        problems, key=lambda p: (p.file, p.sheet or "", p.row or 0, p.column or "", p.check, p.message)
    )


def problem_lines(problems: list[Problem]) -> list[str]:
    """Each problem as two lines of text: where and what, then how to fix it."""
    lines = []
    for p in problems:
        lines.append(f"{p.location}: {p.severity} [{p.check}] {p.message}")
        lines.append(f"    how to fix: {p.fix}")
    return lines


def render_text(problems: list[Problem], summary: Summary) -> str:
    lines = problem_lines(problems)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    lines.append(
        f"{summary.packages} packages, {summary.resources} resources, "
        f"{summary.observations} observations: {errors} errors, {warnings} warnings"
    )
    lines.append("Valid." if errors == 0 else "Not valid: fix the errors above and run again.")
    return "\n".join(lines)


def render_json(problems: list[Problem], summary: Summary) -> str:
    errors = sum(p.is_error for p in problems)
    document = {
        "valid": errors == 0,
        "summary": {
            **asdict(summary),
            "errors": errors,
            "warnings": len(problems) - errors,
        },
        "problems": [asdict(p) for p in problems],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _escape_github(value: str, *, property_value: bool = False) -> str:
    """Escape as the workflow-command format requires, so a note cannot forge a command."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def render_github(problems: list[Problem], summary: Summary) -> str:
    lines = []
    for p in problems:
        props = [f"file={_escape_github(p.file, property_value=True)}"]
        if p.row is not None:
            props.append(f"line={p.row}")
        props.append(f"title={_escape_github(p.check, property_value=True)}")
        text = f"{p.message} How to fix: {p.fix}"
        if p.column:
            text = f"column {p.column}: {text}"
        if p.sheet:
            text = f"sheet {p.sheet}: {text}"
        lines.append(f"::{p.severity} {','.join(props)}::{_escape_github(text)}")
    errors = sum(p.is_error for p in problems)
    lines.append(
        f"{summary.packages} packages, {summary.resources} resources, "
        f"{summary.observations} observations: {errors} errors, {len(problems) - errors} warnings"
    )
    return "\n".join(lines)


RENDERERS = {"text": render_text, "json": render_json, "github": render_github}
