"""A workbook's size as it will be once unzipped, read from its zip directory before openpyxl opens it.

An .xlsx is a zip archive, and a 1 MB file can unzip to a gigabyte (one cell of a billion
characters compresses to almost nothing). Python's zipfile never unpacks a part beyond the size its
directory declares, so adding up the declared sizes bounds what openpyxl can be made to read.
"""

from __future__ import annotations

import zipfile

from generator.core import limits
from generator.core.problem_ids import XLSX_SIZE
from generator.inputs.spreadsheet.cells import CellIssue

_FIX = (
    "a report's figures fit in a few hundred kilobytes: start again from a fresh template "
    "(transparency template), copy in only the report's figures as values, and save it again"
)


def workbook_size_issue(archive: zipfile.ZipFile) -> CellIssue | None:
    """Why the workbook is too large to read, or None."""
    parts = archive.infolist()
    if len(parts) > limits.MAX_WORKBOOK_PARTS:
        return CellIssue(
            XLSX_SIZE.id,
            f"the workbook holds {len(parts):,} files, more than the {limits.MAX_WORKBOOK_PARTS:,} "
            "a workbook may",
            _FIX,
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > limits.MAX_WORKBOOK_BYTES:
        largest = max(parts, key=lambda part: part.file_size)
        return CellIssue(
            XLSX_SIZE.id,
            f"the workbook unpacks to {unpacked:,} bytes (its part {largest.filename} alone to "
            f"{largest.file_size:,}), more than the {limits.MAX_WORKBOOK_BYTES:,} a workbook may",
            _FIX,
        )
    return None
