"""What a workbook says, and every problem found while reading it, as the sheet readers fill them in."""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.worksheet.worksheet import Worksheet

from generator.core.problems import ERROR, Problem
from generator.inputs.scaffold import ReportDetails
from generator.inputs.spreadsheet.cells import CellIssue, cell_text

FRESH = "start again from a fresh template (transparency template) and copy your values into it"


@dataclass(frozen=True)
class FigureRow:
    sheet_row: int
    values: dict[str, str]


@dataclass
class WorkbookContent:
    details: ReportDetails | None = None
    rows: list[FigureRow] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field name -> column letter on Figures
    report_rows: dict[str, int] = field(default_factory=dict)  # Report field -> its row
    problems: list[Problem] = field(default_factory=list)


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class Findings:
    """The content of one workbook so far, and the one way a problem is recorded: at its cell."""

    def __init__(self, file: str):
        self.file = file
        self.content = WorkbookContent()

    def problem(self, sheet: str | None, row: int | None, column: str | None, issue: CellIssue) -> None:
        self.content.problems.append(
            Problem(self.file, row, column, issue.check, ERROR, issue.message, issue.fix, sheet)
        )

    def read_cell(self, sheet: Worksheet, row: int, column: str, cell, kind: str) -> str | None:
        result = cell_text(cell, kind)
        if isinstance(result, CellIssue):
            self.problem(sheet.title, row, column, result)
            return None
        return result

    def has_problems_on(self, sheet: str) -> bool:
        return any(p.sheet == sheet for p in self.content.problems)
