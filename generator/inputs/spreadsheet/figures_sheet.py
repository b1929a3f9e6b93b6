"""The Figures sheet: a heading row of the contract's columns, then one row per figure.

Columns are found by their headings, so they may be moved; a renamed, missing or repeated heading,
a value in a column without one, or a cell that cannot be read is a problem at its cell.
"""

from __future__ import annotations

import difflib

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.core.contract import observation_schema
from generator.core.problem_ids import XLSX_COLUMNS, XLSX_EMPTY
from generator.inputs.spreadsheet.cells import NUMBER, PERIOD, TEXT, CellIssue
from generator.inputs.spreadsheet.content import FigureRow, Findings, is_empty
from generator.inputs.spreadsheet.layout import FIGURES
from generator.inputs.spreadsheet.workbook import check_merged


def field_kinds() -> dict[str, str]:
    """How each column's cells are read: numbers, a period, or text."""
    kinds = {}
    for f in observation_schema()["fields"]:
        kinds[f["name"]] = NUMBER if f["type"] in ("number", "integer") else TEXT
    kinds["period"] = PERIOD
    return kinds


def read_header(sheet: Worksheet, findings: Findings) -> dict[int, str] | None:
    """Column number -> field for the heading row, or None when the headings are not the contract's."""
    kinds = field_kinds()
    header: dict[int, str] = {}
    unknown: list[tuple[int, str]] = []
    for cell in next(sheet.iter_rows(min_row=1, max_row=1), ()):
        if is_empty(cell.value):
            continue
        name = str(cell.value).strip()
        if name in header.values():
            findings.problem(
                FIGURES,
                1,
                name,
                CellIssue(
                    XLSX_COLUMNS.id,
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
        findings.problem(
            FIGURES,
            1,
            get_column_letter(column),
            CellIssue(
                XLSX_COLUMNS.id,
                f"cell {get_column_letter(column)}1 is headed '{name}', which is not a column of "
                "the template",
                fix,
            ),
        )
    for name in missing:
        if name in renamed:
            continue  # reported above as the heading to rename back
        findings.problem(
            FIGURES,
            1,
            name,
            CellIssue(
                XLSX_COLUMNS.id,
                f"the Figures sheet has no column headed '{name}'",
                f"add a column headed '{name}' (copy the heading row from a fresh template: "
                "transparency template), even if it stays empty",
            ),
        )
    if unknown or missing:
        return None
    return header


def read_figures(sheet: Worksheet, findings: Findings) -> None:
    """One FigureRow for each readable row below the headings, into ``findings.content.rows``."""
    check_merged(sheet, findings)
    if all(is_empty(v) for row in sheet.iter_rows(values_only=True) for v in row):
        findings.problem(
            FIGURES,
            None,
            None,
            CellIssue(
                XLSX_EMPTY.id,
                "the Figures sheet is empty: it has neither the heading row nor any figures",
                "copy the heading row from a fresh template (transparency template) into row 1, "
                "then add one row for every figure the report publishes",
            ),
        )
        return
    header = read_header(sheet, findings)
    if header is None:
        return
    kinds = field_kinds()
    findings.content.columns = {name: get_column_letter(col) for col, name in header.items()}
    for cells in sheet.iter_rows(min_row=2):
        if all(is_empty(c.value) for c in cells):
            continue  # an empty row between figures is harmless
        row = cells[0].row
        values: dict[str, str] = {}
        readable = True
        for cell in cells:
            name = header.get(cell.column)
            if name is None:
                if not is_empty(cell.value):
                    readable = False
                    findings.problem(
                        FIGURES,
                        row,
                        get_column_letter(cell.column),
                        CellIssue(
                            XLSX_COLUMNS.id,
                            f"cell {cell.coordinate} holds '{cell.value}' but its column has no "
                            "heading, so it would not be imported",
                            "move the value into the column it belongs to (a remark belongs in note), "
                            "or delete it",
                        ),
                    )
                continue
            text = findings.read_cell(sheet, row, name, cell, kinds[name])
            if text is None:
                readable = False
            else:
                values[name] = text
        if readable:
            findings.content.rows.append(FigureRow(row, values))
    if not findings.content.rows and not findings.has_problems_on(FIGURES):
        findings.problem(
            FIGURES,
            None,
            None,
            CellIssue(
                XLSX_EMPTY.id,
                "the Figures sheet has no figures below its heading row",
                "add one row for every figure the report publishes (the Instructions sheet shows an example)",
            ),
        )
