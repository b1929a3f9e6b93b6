"""Read a file in the Explore education statistics (EES) tidy format, by column name.

The EES standard columns come first (time_period, time_identifier, geographic_level, the country,
region and local-authority codes and names), then filters, then indicators; their order differs
between files, so nothing here reads a column by position. Where DfE reports two councils in one row
(``940 / 941``, ``E06000061 / E06000062``) the row is a combined area of its own, with a code joining
the two GSS codes (``E06000061-E06000062``), never either council.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from generator.core.errors import TransparencyError

NATIONAL = "National"
REGIONAL = "Regional"
LOCAL_AUTHORITY = "Local authority"
LEVELS = (NATIONAL, REGIONAL, LOCAL_AUTHORITY)
STANDARD = ("time_period", "time_identifier", "geographic_level")
COMBINED_SEPARATOR = " / "
COMBINED_JOIN = "-"


class OfficialImportError(TransparencyError):
    """The official files or their mappings cannot be read as documented; nothing is written."""


@dataclass(frozen=True)
class AreaRef:
    """The area a row describes, as the row names it."""

    code: str  # GSS code, or two joined with '-' for a combined row
    dfe_code: str  # three digits, two joined with '-' for a combined row, '' for England and regions
    name: str
    level: str
    region_code: str  # the row's region (for London boroughs, Inner or Outer London)
    region_name: str

    @property
    def combined(self) -> bool:
        return COMBINED_JOIN in self.code


@dataclass(frozen=True)
class EesRow:
    line: int  # the row's line in the file, the header being line 1
    cells: dict[str, str]

    @property
    def year(self) -> int:
        return int(self.cells["time_period"])


@dataclass(frozen=True)
class EesFile:
    name: str
    sha256: str
    columns: tuple[str, ...]
    rows: tuple[EesRow, ...]


def _joined(text: str) -> str:
    return COMBINED_JOIN.join(part.strip() for part in text.split(COMBINED_SEPARATOR.strip()))


def area_of(row: EesRow) -> AreaRef:
    c = row.cells
    level = c["geographic_level"]
    if level == NATIONAL:
        return AreaRef(c["country_code"], "", c["country_name"], level, "", "")
    if level == REGIONAL:
        return AreaRef(c["region_code"], "", c["region_name"], level, "", "")
    name = " and ".join(part.strip() for part in c["la_name"].split(COMBINED_SEPARATOR.strip()))
    return AreaRef(
        _joined(c["new_la_code"]), _joined(c["old_la_code"]), name, level, c["region_code"], c["region_name"]
    )


def read_ees(path: Path) -> EesFile:
    """Every row of ``path`` with its line number; an error names the file and what is missing."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise OfficialImportError(f"{path.name}: cannot be read ({error.strerror})") from None
    text = data.decode("utf-8-sig")
    reader = csv.DictReader(text.splitlines())
    columns = tuple(reader.fieldnames or ())
    missing = [c for c in STANDARD if c not in columns]
    if missing:
        raise OfficialImportError(f"{path.name}: not an EES tidy file, it has no column {', '.join(missing)}")
    rows = []
    for number, cells in enumerate(reader, start=2):
        if cells["geographic_level"] not in LEVELS:
            raise OfficialImportError(
                f"{path.name}, row {number}: geographic_level is {cells['geographic_level']!r}, "
                f"not one of {', '.join(LEVELS)}"
            )
        if not cells["time_period"].isdigit():
            raise OfficialImportError(
                f"{path.name}, row {number}: time_period is {cells['time_period']!r}, not a year"
            )
        rows.append(EesRow(number, {k: (v or "").strip() for k, v in cells.items() if k is not None}))
    return EesFile(path.name, hashlib.sha256(data).hexdigest(), columns, tuple(rows))


def read_wide(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """A plain CSV (the neighbour models, whose band columns repeat one name) as header and rows."""
    text = path.read_bytes().decode("utf-8-sig")
    lines = list(csv.reader(text.splitlines()))
    if not lines:
        raise OfficialImportError(f"{path.name}: the file is empty")
    return lines[0], [(n, row) for n, row in enumerate(lines[1:], start=2) if any(c.strip() for c in row)]
