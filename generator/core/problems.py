"""Problems found in data packages, as data, and the three ways of showing them.

A problem is never a formatted string: the command line, CI annotations and tests all read the same
objects, so text, JSON and GitHub output cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace

from generator.core import limits
from generator.core.terminal import printable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input: where it is, what is wrong and how to put it right.

    ``row`` is the line number in the file as a spreadsheet shows it (the header is row 1), so an
    officer can go straight to it; ``column`` is the field name. ``sheet`` is set only for problems
    in an Excel workbook (`transparency import`), where a row number means nothing without it.
    ``stands_for`` is how many problems this one reports: a check lists its first rows and then one
    line for the rest ("800 more rows have the same problem"), which the totals count as 800, so a
    million broken rows are counted as what they are.
    """

    file: str
    row: int | None
    column: str | None
    check: str
    severity: str
    message: str
    fix: str
    sheet: str | None = None
    stands_for: int = 1

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
    """What was checked, and how many problems were found beyond those listed (a report lists at
    most limits.MAX_LISTED_PROBLEMS, so that a broken million-row file stays readable)."""

    packages: int
    resources: int
    observations: int
    unlisted_errors: int = 0
    unlisted_warnings: int = 0


def more_of_the_same(
    file: str, column: str | None, check: str, severity: str, hidden: int, things: str, shown: int
) -> Problem:
    """The one line that stands for the ``hidden`` problems a check found beyond the ``shown`` it lists."""
    return Problem(
        file,
        None,
        column,
        check,
        severity,
        f"{hidden} more {things} have the same problem (only the first {shown} are listed)",
        f"fix the {things} above, then run the validator again",
        stands_for=hidden,
    )


def _total(problems: Iterable[Problem]) -> tuple[int, int]:
    """Errors and warnings the problems stand for."""
    errors = warnings = 0
    for p in problems:
        if p.is_error:
            errors += p.stands_for
        else:
            warnings += p.stands_for
    return errors, warnings


def cap_problems(problems: list[Problem], summary: Summary) -> tuple[list[Problem], Summary]:
    """The first limits.MAX_LISTED_PROBLEMS problems, and the summary counting the rest."""
    cap = limits.MAX_LISTED_PROBLEMS
    rest = problems[cap:]
    if not rest:
        return problems, summary
    errors, warnings = _total(rest)
    return problems[:cap], replace(summary, unlisted_errors=errors, unlisted_warnings=warnings)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(
        problems, key=lambda p: (p.file, p.sheet or "", p.row or 0, p.column or "", p.check, p.message)
    )


def problem_lines(problems: list[Problem]) -> list[str]:
    """Each problem as two lines of text: where and what, then how to fix it.

    Text from the data is in every part, so control characters are shown as escapes: a cell can
    neither colour the terminal nor start a line of its own (core/terminal.py)."""
    lines = []
    for p in problems:
        lines.append(printable(f"{p.location}: {p.severity} [{p.check}] {p.message}"))
        lines.append(printable(f"    how to fix: {p.fix}"))
    return lines


def _counts(problems: list[Problem], summary: Summary) -> tuple[int, int]:
    """Errors and warnings found, listed or not."""
    errors, warnings = _total(problems)
    return errors + summary.unlisted_errors, warnings + summary.unlisted_warnings


def _totals_line(problems: list[Problem], summary: Summary) -> str:
    errors, warnings = _counts(problems, summary)
    line = (
        f"{summary.packages} packages, {summary.resources} resources, "
        f"{summary.observations} observations: {errors:,} errors, {warnings:,} warnings"
    )
    if summary.unlisted_errors or summary.unlisted_warnings:
        line += f" (only the first {len(problems):,} are listed)"
    return line


def render_text(problems: list[Problem], summary: Summary) -> str:
    lines = problem_lines(problems)
    errors, _ = _counts(problems, summary)
    lines.append(_totals_line(problems, summary))
    lines.append("Valid." if errors == 0 else "Not valid: fix the errors above and run again.")
    return "\n".join(lines)


def render_json(problems: list[Problem], summary: Summary) -> str:
    errors, warnings = _counts(problems, summary)
    document = {
        "valid": errors == 0,
        "summary": {
            **asdict(summary),
            "errors": errors,
            "warnings": warnings,
        },
        "problems": [asdict(p) for p in problems],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _escape_github(value: str, *, property_value: bool = False) -> str:
    """Escape as the workflow-command format requires, so a note cannot forge a command; other
    control characters (escape sequences the log would interpret) are shown as escapes."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    value = printable(value)
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
    lines.append(_totals_line(problems, summary))
    return "\n".join(lines)


RENDERERS = {"text": render_text, "json": render_json, "github": render_github}
