"""The Report sheet: one row per field of the report's details, read into ReportDetails.

A field is found by its name in column A, so rows may be moved; a missing, repeated, unknown or
empty field, and a detail the package would refuse (slug, council code, address), is a problem at
its cell.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.core.problem_ids import XLSX_COLUMNS, XLSX_REPORT
from generator.inputs.registry import Registry
from generator.inputs.scaffold import ReportDetails, authority_error, slug_error, source_url_error
from generator.inputs.spreadsheet.cells import DATE, TEXT, CellIssue
from generator.inputs.spreadsheet.content import Findings, is_empty
from generator.inputs.spreadsheet.layout import REPORT, REPORT_FIELDS
from generator.inputs.spreadsheet.workbook import check_merged

_FIXES = {
    "slug": "write the package name in lowercase letters, digits and hyphens; if you gave --to, its last "
    "folder must be this same name",
    "authority": "pick your council's code from the drop-down list in the cell (the Areas sheet names "
    "each area)",
    "source_url": "give the report's address starting https://, or leave the cell empty",
}


def read_report(sheet: Worksheet, findings: Findings) -> dict[str, str]:
    """Field -> value as text for each field row of the Report sheet that could be read."""
    check_merged(sheet, findings)
    known = {f.key for f in REPORT_FIELDS}
    values: dict[str, str] = {}
    for cells in sheet.iter_rows(min_row=2):
        row = cells[0].row
        key = cells[0].value.strip() if isinstance(cells[0].value, str) else cells[0].value
        for cell in cells[3:]:
            if not is_empty(cell.value):
                findings.problem(
                    REPORT,
                    row,
                    get_column_letter(cell.column),
                    CellIssue(
                        XLSX_COLUMNS.id,
                        f"cell {cell.coordinate} holds a value beyond the Report sheet's three "
                        "columns, so it would not be imported",
                        "put the value in column B of its field's row, or delete it",
                    ),
                )
        value_cell = cells[1] if len(cells) > 1 else None
        if is_empty(key):
            if value_cell is not None and not is_empty(value_cell.value):
                findings.problem(
                    REPORT,
                    row,
                    "field",
                    CellIssue(
                        XLSX_REPORT.id,
                        f"cell {value_cell.coordinate} holds a value but its row names no field in column A",
                        f"put the value on the row of its field ({', '.join(sorted(known))}), or delete it",
                    ),
                )
            continue
        key = str(key)
        if key not in known:
            near = difflib.get_close_matches(key, sorted(known), 1, 0.5)
            findings.problem(
                REPORT,
                row,
                "field",
                CellIssue(
                    XLSX_REPORT.id,
                    f"cell A{row} names the field '{key}', which the Report sheet does not have",
                    f"write '{near[0]}' as in the template"
                    if near
                    else f"the fields are {', '.join(f.key for f in REPORT_FIELDS)}; delete this row",
                ),
            )
            continue
        if key in findings.content.report_rows:
            findings.problem(
                REPORT,
                row,
                key,
                CellIssue(
                    XLSX_REPORT.id,
                    f"the field '{key}' appears twice (rows {findings.content.report_rows[key]} and {row})",
                    "keep one row per field and delete the other",
                ),
            )
            continue
        findings.content.report_rows[key] = row
        kind = DATE if key == "meeting_date" else TEXT
        text = findings.read_cell(sheet, row, key, value_cell, kind) if value_cell is not None else ""
        if text is not None:
            values[key] = text
    for f in REPORT_FIELDS:
        row = findings.content.report_rows.get(f.key)
        if row is None:
            findings.problem(
                REPORT,
                None,
                f.key,
                CellIssue(
                    XLSX_REPORT.id,
                    f"the Report sheet has no row for '{f.key}'",
                    f"add a row with '{f.key}' in column A and its value in column B ({f.help})",
                ),
            )
        elif f.required and values.get(f.key) == "":
            findings.problem(
                REPORT,
                row,
                f.key,
                CellIssue(XLSX_REPORT.id, f"cell B{row} ({f.key}) is empty", f"fill it in: {f.help}"),
            )
    return values


def report_details(
    values: dict[str, str], target: Path | None, registry: Registry | None, findings: Findings
) -> ReportDetails | None:
    """The report's details, or None when a field is missing or refused (each refusal at its cell)."""
    keys = [f.key for f in REPORT_FIELDS]
    if any(k not in values for k in keys) or any(f.required and not values[f.key] for f in REPORT_FIELDS):
        return None
    checks = {
        "slug": slug_error(values["slug"]),
        "authority": authority_error(values["authority"], registry),
        "source_url": source_url_error(values["source_url"] or None),
    }
    if target is not None and not checks["slug"] and target.name != values["slug"]:
        checks["slug"] = (
            f"the Report sheet names the package '{values['slug']}' but --to names the folder '{target.name}'"
        )
    for key, message in checks.items():
        if message:
            row = findings.content.report_rows[key]
            findings.problem(
                REPORT,
                row,
                key,
                CellIssue(
                    XLSX_REPORT.id,
                    f"cell B{row}: {message}",
                    _FIXES[key],
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
