"""The ids of problems found outside the domain checks, each with what it means for the person fixing
the data: reading files, Frictionless, the published record, revision notes and spreadsheets.

A problem's id is what people search for, what CI annotations are titled with and what the
methodology page lists, so each is written once, here. Domain checks declare their own id beside
their rule (validation/checks/); validation/problem_catalogue.py lists both together.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProblemId:
    id: str
    description: str


# Reading a package (inputs/packages.py)
DESCRIPTOR = ProblemId(
    "descriptor",
    "datapackage.json is missing, empty, not UTF-8, not valid JSON, not one JSON object or lists no "
    "resources, so the package cannot be read.",
)
RESOURCE_PATH = ProblemId(
    "resource-path",
    "A resource's path is absolute, a web address or leads out of the package folder; it is refused "
    "before anything is read.",
)
RESOURCE_FILE = ProblemId(
    "resource-file", "A file that a resource names is missing, empty or not saved as UTF-8 text."
)
PACKAGE_FILES = ProblemId(
    "package-files",
    "A package folder holds something other than datapackage.json, the CSV files its resources name "
    "and NOTES.md (another file, a folder, a symlink, a FIFO or a device), or a file that cannot be "
    "read; only declared files are published, so anything else is refused.",
)
FILE_NAME = ProblemId(
    "file-name",
    "A package folder or file name that some operating system cannot check out (a Windows reserved "
    "name such as con, a trailing dot or space, a character such as : or ?), or two names that "
    "differ only in case.",
)
DESCRIPTOR_REFERENCE = ProblemId(
    "descriptor-reference",
    "datapackage.json points at a schema, profile or dialect elsewhere (a web address or a file); "
    "the project's own contract is what is checked, and nothing is ever fetched.",
)
TABLE_SIZE = ProblemId(
    "table-size",
    "A CSV file is larger, longer or wider than a package's file may be (content/publish-your-data.md "
    "lists the limits); it is refused before it is read as a table.",
)
CELL_LENGTH = ProblemId(
    "cell-length", "A cell holds more characters than a cell may; the table is read by nothing else."
)
CSV_STRUCTURE = ProblemId(
    "csv-structure",
    "A CSV file cannot be read as a table, usually because a cell holding a comma is not quoted.",
)

# The registry, the published record and corrections
REGISTRY = ProblemId(
    "registry",
    "The registry package lacks one of its tables (authorities, indicators, statistical neighbours).",
)
PUBLISHED_FIGURES = ProblemId(
    "published-figures",
    "published/observations.csv, the record of released figures, cannot be read, lacks a column or "
    "repeats a figure; only `transparency snapshot` writes it.",
)
REVISION_NOTES = ProblemId(
    "revision-notes",
    "A published figure changed, or moved to another period, indicator or breakdown, without a "
    "revision note, or a note in datapackage.json is malformed or does not lead from the published "
    "value to the value now.",
)

# Frictionless, the Data Package standard's own validator (validation/frictionless/)
FRICTIONLESS = ProblemId(
    "frictionless",
    "Frictionless cannot read the package at all; compare datapackage.json with a package that works.",
)
_FRICTIONLESS_PREFIX = "frictionless/"


def frictionless_id(error_type: str) -> str:
    """The id of a Frictionless error of ``error_type`` (type-error, missing-cell ...)."""
    return _FRICTIONLESS_PREFIX + error_type


FRICTIONLESS_ERRORS = tuple(
    ProblemId(frictionless_id(error_type), description)
    for error_type, description in (
        ("type-error", "A cell is not of its column's type, such as a number written with % or a comma."),
        (
            "constraint-error",
            "A cell breaks its column's rule: a required cell is empty, or a code or marker is not one "
            "of those allowed.",
        ),
        ("extra-cell", "A row has more cells than the header, usually because of an unquoted comma."),
        ("missing-cell", "A row has fewer cells than the header."),
        ("blank-row", "A row of the CSV file is empty."),
        ("primary-key", "A row repeats the key of an earlier row of the same table."),
        ("unique-error", "A value that may appear once in its column appears again."),
        ("foreign-key", "A value names a row of another table that does not exist."),
        ("byte-count", "A file's size is not the `bytes` its resource in datapackage.json gives."),
        ("hash-count", "A file's checksum is not the `hash` its resource in datapackage.json gives."),
        (
            "package-error",
            "datapackage.json describes the package in a way the Data Package standard does not allow.",
        ),
        (
            "resource-error",
            "datapackage.json describes a resource in a way the Data Package standard does not allow.",
        ),
        ("schema-error", "A resource's schema is not a valid Table Schema."),
        ("field-error", "A field of a resource's schema is not valid."),
    )
)

# The spreadsheet route, `transparency import` (inputs/spreadsheet/)
XLSX_FILE = ProblemId(
    "xlsx-file",
    "The file is not a readable Excel workbook (.xlsx): another kind of file, an old .xls, "
    "password-protected or damaged.",
)
XLSX_SHEETS = ProblemId(
    "xlsx-sheets",
    "A sheet of the template is missing or renamed, is a chart, or an extra sheet holds content that "
    "would not be imported.",
)
XLSX_SIZE = ProblemId(
    "xlsx-size",
    "The workbook would unpack to more than a workbook may, or holds too many parts; it is refused "
    "before any of it is read.",
)
XLSX_MERGED_CELLS = ProblemId("xlsx-merged-cells", "Cells are merged; the import reads one value per cell.")
XLSX_COLUMNS = ProblemId(
    "xlsx-columns",
    "A column heading is missing, renamed, unknown or repeated, or a cell holds a value outside the "
    "template's columns.",
)
XLSX_REPORT = ProblemId(
    "xlsx-report",
    "A row of the Report sheet is missing, repeated, unknown or empty, or its value is not in the "
    "form it needs.",
)
XLSX_EMPTY = ProblemId("xlsx-empty", "The Figures sheet is empty, or has no figures below its heading row.")
XLSX_FORMULA = ProblemId(
    "xlsx-formula", "A cell holds a formula instead of the figure as the report prints it."
)
XLSX_DATE = ProblemId(
    "xlsx-date",
    "A date is not written year-month-day or has a time, or the spreadsheet turned a period or a "
    "value into a date.",
)
XLSX_NUMBER = ProblemId(
    "xlsx-number",
    "A value is typed with thousands separators, spaces, a % or £ sign, or in a cell formatted as a "
    "percentage.",
)
XLSX_CELL = ProblemId(
    "xlsx-cell", "A cell holds a spreadsheet error, a true/false value or a time, which no column expects."
)

CATALOGUE: tuple[ProblemId, ...] = (
    DESCRIPTOR,
    RESOURCE_PATH,
    PACKAGE_FILES,
    FILE_NAME,
    DESCRIPTOR_REFERENCE,
    RESOURCE_FILE,
    TABLE_SIZE,
    CELL_LENGTH,
    CSV_STRUCTURE,
    REGISTRY,
    PUBLISHED_FIGURES,
    REVISION_NOTES,
    FRICTIONLESS,
    *FRICTIONLESS_ERRORS,
    XLSX_FILE,
    XLSX_SHEETS,
    XLSX_SIZE,
    XLSX_MERGED_CELLS,
    XLSX_COLUMNS,
    XLSX_REPORT,
    XLSX_EMPTY,
    XLSX_FORMULA,
    XLSX_DATE,
    XLSX_NUMBER,
    XLSX_CELL,
)
