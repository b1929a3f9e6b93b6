"""The shape of the spreadsheet template, shared by the writer and the importer so they cannot drift."""

from __future__ import annotations

from dataclasses import dataclass

INSTRUCTIONS = "Instructions"
REPORT = "Report"
FIGURES = "Figures"
AREAS = "Areas"
INDICATORS = "Indicators"
LISTS = "Lists"
# Every sheet the template has, in order; the importer reads only REPORT and FIGURES.
SHEETS = (INSTRUCTIONS, REPORT, FIGURES, AREAS, INDICATORS, LISTS)

REPORT_HEADER = ("field", "value", "what to put")


@dataclass(frozen=True)
class ReportField:
    key: str
    required: bool
    help: str


# The fields `transparency new` asks for, one row each on the Report sheet (from row 2).
REPORT_FIELDS = (
    ReportField(
        "slug",
        True,
        "Name of the data package: council, meeting date and a few words, lowercase with hyphens, "
        "e.g. leicestershire-2020-06-02-help-and-protection",
    ),
    ReportField("authority", True, "ONS code of the council that published the report (pick from the list)"),
    ReportField("title", True, "The report's title, exactly as printed"),
    ReportField("committee", True, "The committee the report went to, as printed"),
    ReportField("meeting_date", True, "Date of the meeting, written year-month-day: 2020-06-02"),
    ReportField("publisher", True, "Who published the report, in full: Leicestershire County Council"),
    ReportField("source_url", False, "The report's own web address, if known; it must start with https://"),
)


def report_row(key: str) -> int:
    """The sheet row of a Report field in the template."""
    return 2 + [f.key for f in REPORT_FIELDS].index(key)
