"""The XLSX template for officers who keep a report's figures in a spreadsheet.

Its sheets and columns come from the observation contract and its drop-down lists from the registry,
so the template always matches what `transparency import` and the validator accept. It is published
with the site, so it must be byte-for-byte the same for the same registry: openpyxl stamps the time
of saving into the document properties and the zip entries, and both are fixed here.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.core.contract import NUMBER_FIELDS, observation_schema
from generator.core.formula_guard import FORMULA_START
from generator.core.vocabulary import (
    COMBINED,
    COUNCIL_TYPES,
    ENGLAND,
    NEIGHBOUR_AVERAGE_PREFIX,
    neighbour_average_code,
)
from generator.inputs.registry import Registry
from generator.inputs.spreadsheet.layout import (
    AREAS,
    FIGURES,
    INDICATORS,
    INSTRUCTIONS,
    LISTS,
    REPORT,
    REPORT_FIELDS,
    REPORT_HEADER,
    report_row,
)

_FIXED_TIME = dt.datetime(2020, 1, 1)
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)
_LAST_ROW = 1048576  # drop-downs and text formats apply to every row a sheet can have
_TEXT = "@"
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")
_PICK = {
    "authority_code": "an area code (the Areas sheet names each area)",
    "indicator_id": "an indicator id (the Indicators sheet defines each one)",
}
_WIDTHS = {"note": 40, "provenance": 24, "breakdown_dimension": 20, "breakdown_category": 20, "direction": 14}

INSTRUCTION_LINES = (
    "Publish a committee report's figures",
    "",
    "1. Report sheet: fill in column B, one value per row: the package name, your council's code, the "
    "report's title, the committee, the meeting date (2020-06-02) and the publisher.",
    "2. Figures sheet: one row for every figure the report publishes. Pick the area, indicator and "
    "marker from the drop-down lists; the Areas and Indicators sheets say what each code means. Point "
    "at a column heading to see what to put in it.",
    "   Example: Leicestershire's report of 2 June 2020 says 529 children were on child protection plans "
    "on 17 May 2020, in paragraph 16. The row is: authority_code E10000018, indicator_id cp_plans, "
    "period 2020-05-17, value 529, provenance para 16.",
    "3. Type each figure as a plain number, as printed: 529, 95.8 (for 95.8%), 1234 (for £1,234). No "
    "commas, % or £ signs, and no formulas. When the report has no figure, leave value empty and pick a "
    "marker: x not available, c confidential, z not applicable, low rounds to zero.",
    "4. Periods: 2020-05-17 (a day), 2020-10 (a month), 2018 (a calendar year), FY2017/18 (a financial "
    "year), FY2018/19-Q1 (its first quarter), AY2017/18 (an academic year), 2019-05/2020-04 (a span of "
    "months). The period column is formatted as text so the spreadsheet keeps them as typed.",
    f"5. Comparators are rows of their own: England is {ENGLAND}; a statistical neighbours average is "
    f"{NEIGHBOUR_AVERAGE_PREFIX} followed by the council's code, such as "
    f"{neighbour_average_code('E10000018')}.",
    "6. Keep the sheet names and the Figures heading row as they are, and do not merge cells.",
    "7. Save as Excel Workbook (.xlsx) in the project folder, then run transparency import with the "
    "file's name, such as: transparency import report.xlsx. It writes the package to datapackages/, "
    "named by the slug on the Report sheet. It checks every cell and names the sheet, row and column of "
    "anything to fix; nothing is written until the whole workbook is right.",
    "The full guide is the page 'Publish your data' on the site.",
)


def _header(sheet: Worksheet, names: list[str] | tuple[str, ...]) -> None:
    sheet.append(list(names))
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    sheet.freeze_panes = "A2"


def _as_text(cell) -> None:
    """Registry text that a spreadsheet would run as a formula (openpyxl even writes ``=...`` as one)
    is stored as text with Excel's quote prefix, the leading apostrophe Excel itself hides."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True


def _instructions(sheet: Worksheet) -> None:
    sheet.column_dimensions["A"].width = 110
    for line in INSTRUCTION_LINES:
        sheet.append([line])
        sheet.cell(sheet.max_row, 1).alignment = _WRAP
    sheet["A1"].font = Font(bold=True, size=14)


def _list_column(sheet: Worksheet, column: int, title: str, values: list[str]) -> str:
    """Write ``values`` under ``title`` and name their range; drop-downs refer to the name.

    A defined name, not a direct reference to another sheet, is what every Excel version and
    LibreOffice accept as the source of a drop-down list.
    """
    sheet.cell(1, column, title)
    for row, value in enumerate(values, start=2):
        _as_text(sheet.cell(row, column, value))
    letter = get_column_letter(column)
    name = f"list_{title}"
    cells = f"{LISTS}!${letter}$2:${letter}${len(values) + 1}"
    sheet.parent.defined_names[name] = DefinedName(name, attr_text=cells)
    return name


def _drop_down(sheet: Worksheet, cells: str, source: str, what: str) -> None:
    validation = DataValidation(
        type="list",
        formula1=source,  # a defined name; OOXML formulas carry no leading "=", as Excel writes them
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Not in the list",
        error=f"Pick {what} from the drop-down list.",
    )
    validation.add(cells)
    sheet.add_data_validation(validation)


def _lists(sheet: Worksheet, registry: Registry) -> dict[str, str]:
    """The hidden sheet the drop-downs read; ranges, not inline lists, which stop at 255 characters."""
    areas = registry.authorities
    # The councils a report can be about: not two councils DfE reports together, nor a replaced one.
    replaced = set(registry.changes["predecessor_code"])
    councils = areas[
        areas["type"].isin(COUNCIL_TYPES) & (areas["type"] != COMBINED) & ~areas["code"].isin(replaced)
    ]
    fields = {f["name"]: f for f in observation_schema()["fields"]}
    columns = {
        "authority_code": list(areas["code"]),
        "council": list(councils["code"]),
        "indicator_id": list(registry.indicators["id"]),
    }
    for name, field in fields.items():
        if "enum" in field.get("constraints", {}):
            columns[name] = list(field["constraints"]["enum"])
    sheet.sheet_state = "hidden"
    return {name: _list_column(sheet, i, name, values) for i, (name, values) in enumerate(columns.items(), 1)}


def _report(sheet: Worksheet, sources: dict[str, str]) -> None:
    _header(sheet, REPORT_HEADER)
    for field in REPORT_FIELDS:
        sheet.append([field.key, None, field.help + ("" if field.required else " (optional)")])
    for letter, width in zip("ABC", (16, 60, 100), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.column_dimensions["B"].number_format = _TEXT
    row = report_row("authority")
    _drop_down(sheet, f"B{row}", sources["council"], "your council's code")


def _figures(sheet: Worksheet, sources: dict[str, str], registry: Registry) -> None:
    fields = observation_schema()["fields"]
    _header(sheet, [f["name"] for f in fields])
    longest_id = max(len(i) for i in registry.indicators["id"])
    for index, field in enumerate(fields, start=1):
        name = field["name"]
        letter = get_column_letter(index)
        required = field.get("constraints", {}).get("required")
        note = f"{field['title']}{' (required)' if required else ''}: {field['description']}"
        sheet.cell(1, index).comment = Comment(note, "transparency", height=140, width=260)
        width = longest_id + 2 if name == "indicator_id" else _WIDTHS.get(name, max(len(name) + 3, 10))
        sheet.column_dimensions[letter].width = width
        if name not in NUMBER_FIELDS and field["type"] == "string":
            sheet.column_dimensions[letter].number_format = _TEXT
        if name in sources:
            enum = field.get("constraints", {}).get("enum")
            what = f"one of {', '.join(enum)}" if enum else _PICK[name]
            _drop_down(sheet, f"{letter}2:{letter}{_LAST_ROW}", sources[name], what)


def _reference(sheet: Worksheet, table, columns: dict[str, int]) -> None:
    _header(sheet, list(columns))
    for record in table[list(columns)].itertuples(index=False):
        sheet.append([str(v) for v in record])
        for cell in sheet[sheet.max_row]:
            _as_text(cell)
    for index, width in enumerate(columns.values(), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def build_workbook(registry: Registry) -> Workbook:
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = INSTRUCTIONS
    report, figures, areas, indicators, lists = (
        workbook.create_sheet(name) for name in (REPORT, FIGURES, AREAS, INDICATORS, LISTS)
    )
    _instructions(instructions)
    sources = _lists(lists, registry)
    _report(report, sources)
    _figures(figures, sources, registry)
    _reference(areas, registry.authorities, {"code": 16, "name": 40, "type": 28})
    _reference(indicators, registry.indicators, {"id": 44, "title": 60, "unit": 20, "definition": 100})
    workbook.properties.creator = "transparency"
    workbook.properties.created = _FIXED_TIME
    return workbook


def _stable_zip(data: bytes) -> bytes:
    """The same archive with every timestamp fixed, so equal registries give equal bytes."""
    fixed = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w") as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + fixed.encode() + rb"\g<2>",
                    content,
                )
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, content)
    return output.getvalue()


def template_bytes(registry: Registry) -> bytes:
    buffer = io.BytesIO()
    build_workbook(registry).save(buffer)
    return _stable_zip(buffer.getvalue())


def write_template(path: Path, registry: Registry) -> None:
    """Write through a temporary file beside ``path``, so a failure never leaves half a workbook."""
    data = template_bytes(registry)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("xb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
