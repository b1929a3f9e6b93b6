"""The national registry from the official files: areas, boundary changes, neighbour models.

Areas are read from the rows themselves (England, regions, Inner and Outer London, every council in
any year, and DfE's combined rows as areas of their own). What each boundary change was is a
documented mapping (sources/mappings/area_changes.csv) whose codes are checked against the files;
an area's first and last year come from the files. The neighbour models name councils by DfE code,
which a council keeps when its GSS code changes, so a code is read as the council that existed in
the model's year.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from generator.inputs.official.ees import LOCAL_AUTHORITY, NATIONAL, AreaRef, EesFile, area_of, read_wide
from generator.inputs.official.ees import OfficialImportError as ImportFailed
from generator.inputs.official.mappings import NeighbourModel, RegistryMapping

AUTHORITY_FIELDS = (
    "code",
    "dfe_code",
    "name",
    "type",
    "region_code",
    "comparator_of",
    "first_year",
    "last_year",
)
CHANGE_FIELDS = ("predecessor_code", "successor_code", "change", "year", "description")
MODEL_FIELDS = ("model", "title", "source_file", "source_sha256", "published", "in_force_from", "in_force_to")
NEIGHBOUR_FIELDS = ("model", "authority_code", "rank", "neighbour_code", "band")
LONDON = "E12000007"
SUB_REGION_PREFIX = "E13"
COMBINED = "combined"
SUB_REGION = "sub_region"
# A council's type from the entity part of its GSS code (ONS's code register).
COUNCIL_TYPE_BY_PREFIX = {"E06": "unitary", "E08": "metropolitan", "E09": "london_borough", "E10": "county"}
_TYPE_ORDER = (
    "country",
    "region",
    SUB_REGION,
    "county",
    "unitary",
    "metropolitan",
    "london_borough",
    COMBINED,
)
NEIGHBOURS = 10


@dataclass
class _Seen:
    ref: AreaRef
    latest: int
    years: set[int] = field(default_factory=set)
    primary_years: set[int] = field(default_factory=set)


def area_type(ref: AreaRef) -> str:
    if ref.level == NATIONAL:
        return "country"
    if ref.level != LOCAL_AUTHORITY:
        return SUB_REGION if ref.code.startswith(SUB_REGION_PREFIX) else "region"
    if ref.combined:
        return COMBINED
    try:
        return COUNCIL_TYPE_BY_PREFIX[ref.code[:3]]
    except KeyError:
        raise ImportFailed(f"{ref.name} has the code {ref.code!r}, which is no English council's") from None


def _region(ref: AreaRef, kind: str) -> str:
    if kind in ("country", "region"):
        return ""
    if kind == SUB_REGION or ref.region_code.startswith(SUB_REGION_PREFIX):
        return LONDON  # DfE gives London boroughs Inner or Outer London as their region
    return ref.region_code


def _name(ref: AreaRef, kind: str) -> str:
    return f"{ref.name} (reported together)" if kind == COMBINED else ref.name


def seen_areas(files: dict[str, EesFile], mapping: RegistryMapping) -> dict[str, _Seen]:
    """Every area the mapping's files name, with the years each appears in."""
    seen: dict[str, _Seen] = {}
    for name in mapping.area_files:
        primary = name in mapping.year_files
        for row in files[name].rows:
            ref = area_of(row)
            if not ref.code:
                raise ImportFailed(f"{name}, row {row.line}: the row names no area code")
            entry = seen.get(ref.code)
            if entry is None:
                entry = seen[ref.code] = _Seen(ref, row.year)
            elif row.year > entry.latest:
                entry.ref, entry.latest = ref, row.year
            entry.years.add(row.year)
            if primary:
                entry.primary_years.add(row.year)
    return seen


def _years(entry: _Seen) -> tuple[int, int]:
    years = entry.primary_years or entry.years
    return min(years), max(years)


def authority_rows(seen: dict[str, _Seen], existing: list[dict[str, str]]) -> list[dict[str, str]]:
    """The registry's areas: every existing row kept (blank fields filled from the files), then every
    area of the files it lacks, in a fixed order, so that running the import again changes nothing."""
    official = {}
    for code, entry in seen.items():
        kind = area_type(entry.ref)
        first, last = _years(entry)
        official[code] = {
            "code": code,
            "dfe_code": entry.ref.dfe_code,
            "name": _name(entry.ref, kind),
            "type": kind,
            "region_code": _region(entry.ref, kind),
            "comparator_of": "",
            "first_year": str(first),
            "last_year": str(last),
        }
    rows = []
    for old in existing:
        new = official.pop(old["code"], {})
        row = {f: old.get(f) or new.get(f, "") for f in AUTHORITY_FIELDS}
        if new:
            row["first_year"], row["last_year"] = new["first_year"], new["last_year"]
        rows.append(row)
    rest = sorted(official.values(), key=lambda r: (_TYPE_ORDER.index(r["type"]), r["code"]))
    return rows + rest


def change_rows(path: Path, seen: dict[str, _Seen]) -> list[dict[str, str]]:
    """What each change was (the mapping), checked against the files: both codes must be areas of
    the files, a recoded council keeps its DfE code, and the year is the successor's first."""
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, change in enumerate(csv.DictReader(handle), start=2):
            where = f"{path.name}, row {line}"
            old, new = change.get("predecessor_code", ""), change.get("successor_code", "")
            for code in (old, new):
                if code not in seen:
                    raise ImportFailed(f"{where}: {code!r} is in none of the official files")
            if change.get("change") == "recoded" and seen[old].ref.dfe_code != seen[new].ref.dfe_code:
                raise ImportFailed(f"{where}: a recoded council keeps its DfE code, these two differ")
            rows.append(
                {
                    "predecessor_code": old,
                    "successor_code": new,
                    "change": change.get("change", ""),
                    "year": str(_years(seen[new])[0]),
                    "description": change.get("description", ""),
                }
            )
    return rows


class DfeCodes:
    """DfE three-digit codes as GSS codes, for a given year: a council that changed its GSS code but
    not its DfE code (Buckinghamshire, North Yorkshire, Somerset) is the one that existed then."""

    def __init__(self, seen: dict[str, _Seen]):
        self._by_dfe: dict[str, list[_Seen]] = defaultdict(list)
        for entry in seen.values():
            if entry.ref.level == LOCAL_AUTHORITY and not entry.ref.combined:
                self._by_dfe[entry.ref.dfe_code].append(entry)

    def gss(self, dfe_code: str, year: int) -> str | None:
        candidates = self._by_dfe.get(dfe_code, [])
        if len(candidates) > 1:
            live = [e for e in candidates if _years(e)[0] <= year <= _years(e)[1]]
            candidates = sorted(live or candidates, key=lambda e: (not e.primary_years, -_years(e)[0]))
        return candidates[0].ref.code if candidates else None


def model_rows(
    official: Path, model: NeighbourModel, codes: DfeCodes, sha256: str
) -> tuple[dict, list[dict]]:
    header, lines = read_wide(official / model.file)
    if model.code_column not in header:
        raise ImportFailed(f"{model.file}: has no column {model.code_column!r}")
    at = header.index(model.code_column)
    neighbours = []
    for line, cells in lines:
        where = f"{model.file}, row {line}"
        if not cells[at].strip():
            continue  # a heading inside the table, such as the 2021 file's "Old SNs:"
        council = codes.gss(cells[at].strip(), model.model_year)
        if council is None:
            raise ImportFailed(f"{where}: DfE code {cells[at]!r} is in none of the official files")
        for rank in range(1, NEIGHBOURS + 1):
            column = model.first_neighbour_column + 2 * (rank - 1)
            if column + 1 >= len(cells) or not cells[column].strip():
                raise ImportFailed(f"{where}: neighbour {rank} is missing")
            neighbour = codes.gss(cells[column].strip(), model.model_year)
            if neighbour is None:
                raise ImportFailed(f"{where}: neighbour {rank}, DfE code {cells[column]!r}, is unknown")
            neighbours.append(
                {
                    "model": model.id,
                    "authority_code": council,
                    "rank": str(rank),
                    "neighbour_code": neighbour,
                    "band": cells[column + 1].strip().capitalize(),
                }
            )
    about = {
        "model": model.id,
        "title": model.title,
        "source_file": f"sources/official/{model.file}",
        "source_sha256": sha256,
        "published": model.published,
        "in_force_from": str(model.in_force_from or ""),
        "in_force_to": str(model.in_force_to or ""),
    }
    return about, neighbours
