"""The workbook as a file and as a set of sheets: is it an .xlsx at all, are the template's sheets
there, does another sheet hold values that would be lost, are cells merged.

Each way it can be wrong is a problem naming the sheet, or the file when there is no sheet to name.
"""

from __future__ import annotations

import difflib
import io
import warnings
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from generator.core.problem_ids import XLSX_FILE, XLSX_MERGED_CELLS, XLSX_SHEETS
from generator.inputs.spreadsheet.cells import CellIssue
from generator.inputs.spreadsheet.content import FRESH, Findings, is_empty
from generator.inputs.spreadsheet.layout import FIGURES, REPORT, SHEETS
from generator.inputs.spreadsheet.zip_limits import workbook_size_issue

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls files and password-protected workbooks


def open_workbook(path: Path, findings: Findings) -> Workbook | None:
    """The workbook, or None after saying why the file cannot be one. One that would unpack to more
    than a workbook may (zip_limits.py) is refused before openpyxl reads any of it."""
    data = path.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(_OLE_MAGIC):
            issue = CellIssue(
                XLSX_FILE.id,
                "the file is an old-style Excel 97-2003 workbook (.xls) or a password-protected "
                "one, which cannot be read",
                "open it and use Save As > Excel Workbook (.xlsx), with no password",
            )
        else:
            issue = CellIssue(
                XLSX_FILE.id,
                "the file is not an Excel workbook (.xlsx), or it is damaged: an .xlsx file is a "
                "zip archive and this one is not",
                f"save the workbook from your spreadsheet program as Excel Workbook (.xlsx), or {FRESH}",
            )
        findings.problem(None, None, None, issue)
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            too_large = workbook_size_issue(archive)
    except (zipfile.BadZipFile, OSError, ValueError):
        too_large = None  # openpyxl says below how the archive is damaged
    if too_large is not None:
        findings.problem(None, None, None, too_large)
        return None
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it drops (extensions, slicers); they do not matter here.
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=False, rich_text=False)
    except Exception as error:  # openpyxl raises many kinds of error for damaged parts of a workbook
        findings.problem(
            None,
            None,
            None,
            CellIssue(
                XLSX_FILE.id,
                "the file is a zip archive but not a readable Excel workbook; it may be damaged "
                f"or another kind of file ({type(error).__name__}: {error})",
                f"open it in Excel or LibreOffice and save it again as Excel Workbook (.xlsx), or {FRESH}",
            ),
        )
        return None


def check_sheets(workbook: Workbook, findings: Findings) -> None:
    """The template's two sheets are there, and no other sheet holds values that would be lost."""
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
            else f"add a sheet named '{required}' laid out as in the template, or {FRESH}"
        )
        findings.problem(
            required,
            None,
            None,
            CellIssue(
                XLSX_SHEETS.id,
                f"the workbook has no sheet named '{required}' (its sheets are: {', '.join(names)})",
                fix,
            ),
        )
    for name in names:
        sheet = workbook[name]
        if name in SHEETS or name in explained or not isinstance(sheet, Worksheet):
            continue
        if any(not is_empty(v) for row in sheet.iter_rows(values_only=True) for v in row):
            findings.problem(
                name,
                None,
                None,
                CellIssue(
                    XLSX_SHEETS.id,
                    f"the sheet '{name}' is not part of the template, so what it holds would not be imported",
                    f"move figures to the {FIGURES} sheet and report details to the {REPORT} sheet, "
                    f"then delete the sheet '{name}'",
                ),
            )


def worksheet(workbook: Workbook, name: str, findings: Findings) -> Worksheet | None:
    if name not in workbook.sheetnames:
        return None
    sheet = workbook[name]
    if isinstance(sheet, Worksheet):
        return sheet
    findings.problem(
        name,
        None,
        None,
        CellIssue(
            XLSX_SHEETS.id,
            f"the sheet '{name}' is a chart, not a sheet of cells",
            f"delete the chart sheet and {FRESH}",
        ),
    )
    return None


def check_merged(sheet: Worksheet, findings: Findings) -> None:
    for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        findings.problem(
            sheet.title,
            merged.min_row,
            get_column_letter(merged.min_col),
            CellIssue(
                XLSX_MERGED_CELLS.id,
                f"cells {merged.coord} are merged; the import reads one value per cell",
                "select them and unmerge (Merge & Center > Unmerge Cells), then put each value "
                "in its own cell and repeat a value on every row it applies to",
            ),
        )
