"""Open a workbook file without trusting it: say what it is when it is not a workbook, and refuse
one that would unpack to more than a workbook may (zip_limits.py) before openpyxl reads any of it."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from generator.inputs.spreadsheet.cells import CellIssue
from generator.inputs.spreadsheet.zip_limits import workbook_size_issue

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls files and password-protected workbooks
FRESH = "start again from a fresh template (transparency template) and copy your values into it"


def _not_a_zip(data: bytes) -> CellIssue:
    if data.startswith(_OLE_MAGIC):
        return CellIssue(
            "xlsx-file",
            "the file is an old-style Excel 97-2003 workbook (.xls) or a password-protected "
            "one, which cannot be read",
            "open it and use Save As > Excel Workbook (.xlsx), with no password",
        )
    return CellIssue(
        "xlsx-file",
        "the file is not an Excel workbook (.xlsx), or it is damaged: an .xlsx file is a "
        "zip archive and this one is not",
        f"save the workbook from your spreadsheet program as Excel Workbook (.xlsx), or {FRESH}",
    )


def open_workbook(path: Path) -> Workbook | CellIssue:
    """The workbook, or the one issue that stops it being read."""
    data = path.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return _not_a_zip(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            too_large = workbook_size_issue(archive)
    except (zipfile.BadZipFile, OSError, ValueError):
        too_large = None  # openpyxl says below how the archive is damaged
    if too_large is not None:
        return too_large
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it drops (extensions, slicers); they do not matter here.
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=False, rich_text=False)
    except Exception as error:  # openpyxl raises many kinds of error for damaged parts of a workbook
        return CellIssue(
            "xlsx-file",
            "the file is a zip archive but not a readable Excel workbook; it may be damaged "
            f"or another kind of file ({type(error).__name__}: {error})",
            f"open it in Excel or LibreOffice and save it again as Excel Workbook (.xlsx), or {FRESH}",
        )
