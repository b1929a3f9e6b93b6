"""Read a filled spreadsheet template into report details and figure rows, explaining every problem.

Nothing here writes a file. Every way a workbook can be wrong (not a workbook, renamed sheets or
columns, merged cells, formulas, dates the spreadsheet invented) becomes a Problem naming the sheet,
row and column, so the officer can fix the workbook and import it again. The file and its sheets
(workbook.py), the Report sheet (report_sheet.py) and the Figures sheet (figures_sheet.py) are read
by a module each, all recording into one Findings (content.py).
"""

from __future__ import annotations

from pathlib import Path

from generator.inputs.registry import Registry
from generator.inputs.spreadsheet.content import Findings, WorkbookContent
from generator.inputs.spreadsheet.figures_sheet import read_figures
from generator.inputs.spreadsheet.layout import FIGURES, REPORT
from generator.inputs.spreadsheet.report_sheet import read_report, report_details
from generator.inputs.spreadsheet.workbook import check_sheets, open_workbook, worksheet


def read_workbook(path: Path, file: str, registry: Registry | None, target: Path | None) -> WorkbookContent:
    """Everything the workbook says, and every problem that stops it being imported.

    ``target`` is the folder given with --to, whose name must be the package name on the Report sheet.
    """
    findings = Findings(file)
    workbook = open_workbook(path, findings)
    if workbook is None:
        return findings.content
    check_sheets(workbook, findings)
    report = worksheet(workbook, REPORT, findings)
    figures = worksheet(workbook, FIGURES, findings)
    values = read_report(report, findings) if report is not None else {}
    report_ok = report is not None and not findings.has_problems_on(REPORT)
    if figures is not None:
        read_figures(figures, findings)
    if report_ok:
        findings.content.details = report_details(values, target, registry, findings)
    return findings.content
