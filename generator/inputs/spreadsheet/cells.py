"""Turn one spreadsheet cell into the text a person would have typed into the CSV, or say why not.

Decisions, so that a package made from a workbook is the package a careful person writes by hand:
- Text is stripped of leading and trailing spaces (non-breaking ones too); nothing else is changed.
- A number cell is written as Excel shows it at full precision: 529.0 becomes 529, and binary noise
  such as 0.30000000000000004 becomes 0.3, because Excel keeps only 15 significant digits. A number
  cell formatted as a percentage is refused: it holds 0.958 where it shows 95.8%.
- A number typed as text stays as typed, except that thousands separators ("1,234"), % and £ signs
  and spaces inside it are refused with the exact fix, never guessed away: a comma can be a decimal
  mark in a pasted figure, and a person must check it against the report.
- A real date cell becomes an ISO date where a date is expected (meeting date, a period that is a
  day); anywhere else it means the spreadsheet changed what was typed (2020-10 into October 2020,
  16-17 into 16 July), so it is refused with how to stop that.
- Formulas, error values (#REF!) and TRUE/FALSE are refused: a figure is published as printed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from openpyxl.cell.cell import Cell

from generator.core.problem_ids import XLSX_CELL, XLSX_DATE, XLSX_FORMULA, XLSX_NUMBER

TEXT, NUMBER, PERIOD, DATE = "text", "number", "period", "date"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_SPACED_NUMBER = re.compile(r"[-+]?\d+(?:[\s\u202f]+\d+)+(?:\.\d+)?")
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d %B %Y",
    "%d %b %Y",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%B %d %Y",
    "%d %B, %Y",
)


@dataclass(frozen=True)
class CellIssue:
    check: str
    message: str
    fix: str


def number_text(value: int | float) -> str:
    """A number as Excel shows it at full precision (15 significant digits), never in e-notation."""
    if isinstance(value, int):
        return str(value)
    exact = Decimal(f"{value:.15g}")
    if exact == 0:
        return "0"
    text = format(exact, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _plain_format(number_format: str) -> str:
    """A number format without its quoted text, colours and escaped characters."""
    return re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", number_format)


def _shows_day(number_format: str) -> bool:
    """Whether a date format displays the day, so the cell is a day rather than a month or year."""
    return "d" in _plain_format(number_format).lower()


def date_suggestion(text: str) -> str:
    """How to write ``text`` as an ISO date, when it reads as one."""
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip())
    for pattern in _DATE_FORMATS:
        try:
            day = dt.datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
        if pattern.startswith("%d") and "%m" in pattern:
            return f"if you mean {day.day} {day:%B %Y}, type {day.isoformat()}"
        return f"type {day.isoformat()}"
    return "type the date as year-month-day, e.g. 2020-06-02"


def _formula(cell: Cell) -> CellIssue:
    shown = cell.value if isinstance(cell.value, str) else getattr(cell.value, "text", "an array formula")
    return CellIssue(
        XLSX_FORMULA.id,
        f"cell {cell.coordinate} holds a formula ({shown}) instead of a typed value",
        "type the figure exactly as the report prints it, or copy the cell and use Paste Special > "
        "Values; published figures are the report's, never calculated",
    )


def _date_text(cell: Cell, value: dt.datetime | dt.date) -> str | CellIssue:
    if isinstance(value, dt.datetime) and value.time() != dt.time(0):
        return CellIssue(
            XLSX_DATE.id,
            f"cell {cell.coordinate} holds a date and a time ({value:%Y-%m-%d %H:%M}), not a date",
            f"type the date alone, as year-month-day: {value.date().isoformat()}",
        )
    return value.isoformat()[:10]


def _number_typed_as_text(cell: Cell, text: str) -> CellIssue | None:
    if _THOUSANDS.fullmatch(text):
        plain = text.replace(",", "")
        return CellIssue(
            XLSX_NUMBER.id,
            f"cell {cell.coordinate} holds '{text}', a number with thousands separators",
            f"type {plain} without commas (check it against the report: in some figures a comma "
            "is a decimal point)",
        )
    if re.search(r"[%£]", text) and re.search(r"\d", text):
        plain = re.sub(r"[%£,\s]", "", text)
        return CellIssue(
            XLSX_NUMBER.id,
            f"cell {cell.coordinate} holds '{text}'; a value is a plain number with no % or £ sign",
            f"type {plain}: the indicator's unit says it is a percentage or an amount in pounds",
        )
    if _SPACED_NUMBER.fullmatch(text):
        plain = re.sub(r"[\s\u202f]", "", text)
        return CellIssue(
            XLSX_NUMBER.id,
            f"cell {cell.coordinate} holds '{text}', a number with spaces inside it",
            f"type {plain} without spaces (check it against the report)",
        )
    return None


def cell_text(cell: Cell, kind: str) -> str | CellIssue:
    """The cell's text for the CSV, or the reason it cannot be read as the ``kind`` of field it is in."""
    value = cell.value
    if cell.data_type == "f":
        return _formula(cell)
    if cell.data_type == "e":
        return CellIssue(
            XLSX_CELL.id,
            f"cell {cell.coordinate} holds the spreadsheet error {value}",
            "replace it with the figure as printed in the report, or empty the cell",
        )
    if value is None:
        return ""
    if isinstance(value, bool):
        return CellIssue(
            XLSX_CELL.id,
            f"cell {cell.coordinate} holds {str(value).upper()}, a true/false value",
            "type the value as printed in the report, or empty the cell",
        )
    if isinstance(value, str):
        text = value.strip()
        if kind == NUMBER and (issue := _number_typed_as_text(cell, text)):
            return issue
        if kind == DATE and text and not (_ISO_DATE.fullmatch(text) and _valid_iso(text)):
            return CellIssue(
                XLSX_DATE.id,
                f"cell {cell.coordinate} holds '{text}', not a date written year-month-day",
                date_suggestion(text) + ", or enter it as a date the spreadsheet recognises",
            )
        return text
    if isinstance(value, int | float):
        if "%" in _plain_format(cell.number_format):
            return CellIssue(
                XLSX_NUMBER.id,
                f"cell {cell.coordinate} is formatted as a percentage, so the spreadsheet holds "
                f"{number_text(value)} where it shows {number_text(value * 100)}%",
                f"format the cell as Number (or General) and type {number_text(value * 100)}: the "
                "indicator's unit says the value is a percentage",
            )
        if kind == DATE:
            return CellIssue(
                XLSX_DATE.id,
                f"cell {cell.coordinate} holds the number {number_text(value)}, not a date",
                "type the date as year-month-day, e.g. 2020-06-02",
            )
        return number_text(value)
    if isinstance(value, dt.datetime | dt.date):
        if kind == DATE or (kind == PERIOD and _shows_day(cell.number_format)):
            return _date_text(cell, value)
        return _unexpected_date(cell, value, kind)
    return CellIssue(
        XLSX_CELL.id,
        f"cell {cell.coordinate} holds a time or duration ({value}), which no column expects",
        "type the value as printed in the report, with the cell formatted as Text",
    )


def _valid_iso(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _unexpected_date(cell: Cell, value: dt.datetime | dt.date, kind: str) -> CellIssue:
    shown = f"{value.day} {value:%B %Y}"
    if kind == PERIOD:
        return CellIssue(
            XLSX_DATE.id,
            f"cell {cell.coordinate} holds the date {shown} shown as a month or year: the spreadsheet "
            "turned the period that was typed (such as 2020-10) into a date",
            f"format the cell as Text and type the period again, e.g. {value:%Y-%m} for {value:%B %Y} "
            "(the template's period column is Text already)",
        )
    if kind == NUMBER:
        return CellIssue(
            XLSX_DATE.id,
            f"cell {cell.coordinate} holds the date {shown}, not a number",
            "format the cell as Number and type the figure as printed in the report",
        )
    return CellIssue(
        XLSX_DATE.id,
        f"cell {cell.coordinate} holds the date {shown}: the spreadsheet may have turned what was "
        "typed (such as 16-17) into a date",
        "format the cell as Text and type the value again",
    )
