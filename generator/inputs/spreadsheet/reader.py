"""Read a filled spreadsheet template into report details and figure rows, explaining every problem.

Nothing here writes a file. Every way a workbook can be wrong (not a workbook, renamed sheets or
columns, merged cells, formulas, dates the spreadsheet invented) becomes a Problem naming the sheet,
row and column, so the officer can fix the workbook and import it again.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from generator.core.contract import observation_schema
from generator.core.problems import ERROR, Problem
from generator.inputs.registry import Registry
from generator.inputs.scaffold import ReportDetails, authority_error, slug_error, source_url_error
from generator.inputs.spreadsheet.cells import DATE, NUMBER, PERIOD, TEXT, CellIssue, cell_text
from generator.inputs.spreadsheet.layout import FIGURES, REPORT, REPORT_FIELDS, SHEETS
from generator.inputs.spreadsheet.opening import FRESH as _FRESH
from generator.inputs.spreadsheet.opening import open_workbook

_DETAIL_FIXES = {
    "slug": "write the package name in lowercase letters, digits and hyphens; if you gave --to, its last "
    "folder must be this same name",
    "authority": "pick your council's code from the drop-down list in the cell (the Areas sheet names "
    "each area)",
    "source_url": "give the report's address starting https://, or leave the cell empty",
}


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


def _field_kinds() -> dict[str, str]:
    kinds = {}
    for f in observation_schema()["fields"]:
        kinds[f["name"]] = NUMBER if f["type"] in ("number", "integer") else TEXT
    kinds["period"] = PERIOD
    return kinds


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Reader:
    def __init__(self, file: str, registry: Registry | None):
        self.file = file
        self.registry = registry
        self.content = WorkbookContent()

    def problem(self, sheet: str | None, row: int | None, column: str | None, issue: CellIssue) -> None:
        self.content.problems.append(
            Problem(self.file, row, column, issue.check, ERROR, issue.message, issue.fix, sheet)
        )

    def open(self, path: Path) -> Workbook | None:
        opened = open_workbook(path)
        if isinstance(opened, CellIssue):
            self.problem(None, None, None, opened)
            return None
        return opened

    def check_sheets(self, workbook: Workbook) -> None:
        names = workbook.sheetnames
        explained: set[str] = set()
        for required in (REPORT, FIGURES):
            if required in names:
                continue
            near = difflib.get_close_matches(required.lower(), [n.lower().strip() for n in names], 1, 0.6)
            renamed = [n for n in names if n.lower().strip() in near and n not in SHEETS]
            explained.update(renamed[:1])
            fix = (
                f"rename the sheet '{renamed[0]}' back to '{required}'"
                if renamed
                else f"add a sheet named '{required}' laid out as in the template, or {_FRESH}"
            )
            self.problem(
                required,
                None,
                None,
                CellIssue(
                    "xlsx-sheets",
                    f"the workbook has no sheet named '{required}' (its sheets are: {', '.join(names)})",
                    fix,
                ),
            )
        for name in names:
            sheet = workbook[name]
            if name in SHEETS or name in explained or not isinstance(sheet, Worksheet):
                continue
            if any(not _is_empty(v) for row in sheet.iter_rows(values_only=True) for v in row):
                self.problem(
                    name,
                    None,
                    None,
                    CellIssue(
                        "xlsx-sheets",
                        f"the sheet '{name}' is not part of the template, so what it holds would not "
                        "be imported",
                        f"move figures to the {FIGURES} sheet and report details to the {REPORT} sheet, "
                        f"then delete the sheet '{name}'",
                    ),
                )

    def worksheet(self, workbook: Workbook, name: str) -> Worksheet | None:
        if name not in workbook.sheetnames:
            return None
        sheet = workbook[name]
        if isinstance(sheet, Worksheet):
            return sheet
        self.problem(
            name,
            None,
            None,
            CellIssue(
                "xlsx-sheets",
                f"the sheet '{name}' is a chart, not a sheet of cells",
                f"delete the chart sheet and {_FRESH}",
            ),
        )
        return None

    def check_merged(self, sheet: Worksheet) -> None:
        for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
            self.problem(
                sheet.title,
                merged.min_row,
                get_column_letter(merged.min_col),
                CellIssue(
                    "xlsx-merged-cells",
                    f"cells {merged.coord} are merged; the import reads one value per cell",
                    "select them and unmerge (Merge & Center > Unmerge Cells), then put each value "
                    "in its own cell and repeat a value on every row it applies to",
                ),
            )

    def read_cell(self, sheet: Worksheet, row: int, column: str, cell, kind: str) -> str | None:
        result = cell_text(cell, kind)
        if isinstance(result, CellIssue):
            self.problem(sheet.title, row, column, result)
            return None
        return result

    def read_report(self, sheet: Worksheet) -> dict[str, str]:
        self.check_merged(sheet)
        known = {f.key for f in REPORT_FIELDS}
        values: dict[str, str] = {}
        for cells in sheet.iter_rows(min_row=2):
            row = cells[0].row
            key = cells[0].value.strip() if isinstance(cells[0].value, str) else cells[0].value
            for cell in cells[3:]:
                if not _is_empty(cell.value):
                    self.problem(
                        REPORT,
                        row,
                        get_column_letter(cell.column),
                        CellIssue(
                            "xlsx-columns",
                            f"cell {cell.coordinate} holds a value beyond the Report sheet's three "
                            "columns, so it would not be imported",
                            "put the value in column B of its field's row, or delete it",
                        ),
                    )
            value_cell = cells[1] if len(cells) > 1 else None
            if _is_empty(key):
                if value_cell is not None and not _is_empty(value_cell.value):
                    self.problem(
                        REPORT,
                        row,
                        "field",
                        CellIssue(
                            "xlsx-report",
                            f"cell {value_cell.coordinate} holds a value but its row names no field in "
                            "column A",
                            f"put the value on the row of its field ({', '.join(sorted(known))}), "
                            "or delete it",
                        ),
                    )
                continue
            key = str(key)
            if key not in known:
                near = difflib.get_close_matches(key, sorted(known), 1, 0.5)
                self.problem(
                    REPORT,
                    row,
                    "field",
                    CellIssue(
                        "xlsx-report",
                        f"cell A{row} names the field '{key}', which the Report sheet does not have",
                        f"write '{near[0]}' as in the template"
                        if near
                        else f"the fields are {', '.join(f.key for f in REPORT_FIELDS)}; delete this row",
                    ),
                )
                continue
            if key in self.content.report_rows:
                self.problem(
                    REPORT,
                    row,
                    key,
                    CellIssue(
                        "xlsx-report",
                        f"the field '{key}' appears twice (rows {self.content.report_rows[key]} and {row})",
                        "keep one row per field and delete the other",
                    ),
                )
                continue
            self.content.report_rows[key] = row
            kind = DATE if key == "meeting_date" else TEXT
            text = self.read_cell(sheet, row, key, value_cell, kind) if value_cell is not None else ""
            if text is not None:
                values[key] = text
        for f in REPORT_FIELDS:
            row = self.content.report_rows.get(f.key)
            if row is None:
                self.problem(
                    REPORT,
                    None,
                    f.key,
                    CellIssue(
                        "xlsx-report",
                        f"the Report sheet has no row for '{f.key}'",
                        f"add a row with '{f.key}' in column A and its value in column B ({f.help})",
                    ),
                )
            elif f.required and values.get(f.key) == "":
                self.problem(
                    REPORT,
                    row,
                    f.key,
                    CellIssue("xlsx-report", f"cell B{row} ({f.key}) is empty", f"fill it in: {f.help}"),
                )
        return values

    def details(self, values: dict[str, str], target: Path | None) -> ReportDetails | None:
        keys = [f.key for f in REPORT_FIELDS]
        if any(k not in values for k in keys) or any(f.required and not values[f.key] for f in REPORT_FIELDS):
            return None
        checks = {
            "slug": slug_error(values["slug"]),
            "authority": authority_error(values["authority"], self.registry),
            "source_url": source_url_error(values["source_url"] or None),
        }
        if target is not None and not checks["slug"] and target.name != values["slug"]:
            checks["slug"] = (
                f"the Report sheet names the package '{values['slug']}' but --to names the folder "
                f"'{target.name}'"
            )
        for key, message in checks.items():
            if message:
                row = self.content.report_rows[key]
                self.problem(
                    REPORT,
                    row,
                    key,
                    CellIssue(
                        "xlsx-report",
                        f"cell B{row}: {message}",
                        _DETAIL_FIXES[key],
                    ),
                )
        if any(checks.values()):
            return None
        return ReportDetails(
            values["slug"],
            values["authority"],
            values["title"],
            values["committee"],
            dt.date.fromisoformat(values["meeting_date"]),
            values["publisher"],
            values["source_url"] or None,
        )

    def read_header(self, sheet: Worksheet) -> dict[int, str] | None:
        """Column number -> field for the heading row, or None when the headings are not the contract's."""
        kinds = _field_kinds()
        header: dict[int, str] = {}
        unknown: list[tuple[int, str]] = []
        for cell in next(sheet.iter_rows(min_row=1, max_row=1), ()):
            if _is_empty(cell.value):
                continue
            name = str(cell.value).strip()
            if name in header.values():
                self.problem(
                    FIGURES,
                    1,
                    name,
                    CellIssue(
                        "xlsx-columns",
                        f"the heading '{name}' appears twice (the second time in cell {cell.coordinate})",
                        "delete one of the two columns; each column of the template appears once",
                    ),
                )
            elif name in kinds:
                header[cell.column] = name
            else:
                unknown.append((cell.column, name))
        missing = [name for name in kinds if name not in header.values()]
        renamed: set[str] = set()
        for column, name in unknown:
            near = difflib.get_close_matches(name.lower(), [m for m in missing if m not in renamed], 1, 0.5)
            renamed.update(near)
            fix = (
                f"rename it back to '{near[0]}'"
                if near
                else "delete the column (a remark about a figure belongs in note)"
                + (f", or give it one of the missing headings: {', '.join(missing)}" if missing else "")
            )
            self.problem(
                FIGURES,
                1,
                get_column_letter(column),
                CellIssue(
                    "xlsx-columns",
                    f"cell {get_column_letter(column)}1 is headed '{name}', which is not a column of "
                    "the template",
                    fix,
                ),
            )
        for name in missing:
            if name in renamed:
                continue  # reported above as the heading to rename back
            self.problem(
                FIGURES,
                1,
                name,
                CellIssue(
                    "xlsx-columns",
                    f"the Figures sheet has no column headed '{name}'",
                    f"add a column headed '{name}' (copy the heading row from a fresh template: "
                    "transparency template), even if it stays empty",
                ),
            )
        if unknown or missing:
            return None
        return header

    def read_figures(self, sheet: Worksheet) -> None:
        self.check_merged(sheet)
        if all(_is_empty(v) for row in sheet.iter_rows(values_only=True) for v in row):
            self.problem(
                FIGURES,
                None,
                None,
                CellIssue(
                    "xlsx-empty",
                    "the Figures sheet is empty: it has neither the heading row nor any figures",
                    "copy the heading row from a fresh template (transparency template) into row 1, "
                    "then add one row for every figure the report publishes",
                ),
            )
            return
        header = self.read_header(sheet)
        if header is None:
            return
        kinds = _field_kinds()
        self.content.columns = {name: get_column_letter(col) for col, name in header.items()}
        for cells in sheet.iter_rows(min_row=2):
            if all(_is_empty(c.value) for c in cells):
                continue  # an empty row between figures is harmless
            row = cells[0].row
            values: dict[str, str] = {}
            readable = True
            for cell in cells:
                name = header.get(cell.column)
                if name is None:
                    if not _is_empty(cell.value):
                        readable = False
                        self.problem(
                            FIGURES,
                            row,
                            get_column_letter(cell.column),
                            CellIssue(
                                "xlsx-columns",
                                f"cell {cell.coordinate} holds '{cell.value}' but its column has no "
                                "heading, so it would not be imported",
                                "move the value into the column it belongs to (a remark belongs in note), "
                                "or delete it",
                            ),
                        )
                    continue
                text = self.read_cell(sheet, row, name, cell, kinds[name])
                if text is None:
                    readable = False
                else:
                    values[name] = text
            if readable:
                self.content.rows.append(FigureRow(row, values))
        if not self.content.rows and not any(p.sheet == FIGURES for p in self.content.problems):
            self.problem(
                FIGURES,
                None,
                None,
                CellIssue(
                    "xlsx-empty",
                    "the Figures sheet has no figures below its heading row",
                    "add one row for every figure the report publishes (the Instructions sheet shows "
                    "an example)",
                ),
            )


def read_workbook(path: Path, file: str, registry: Registry | None, target: Path | None) -> WorkbookContent:
    """Everything the workbook says, and every problem that stops it being imported.

    ``target`` is the folder given with --to, whose name must be the package name on the Report sheet.
    """
    reader = _Reader(file, registry)
    workbook = reader.open(path)
    if workbook is None:
        return reader.content
    reader.check_sheets(workbook)
    report = reader.worksheet(workbook, REPORT)
    figures = reader.worksheet(workbook, FIGURES)
    values = reader.read_report(report) if report is not None else {}
    report_ok = report is not None and not any(p.sheet == REPORT for p in reader.content.problems)
    if figures is not None:
        reader.read_figures(figures)
    if report_ok:
        reader.content.details = reader.details(values, target)
    return reader.content
