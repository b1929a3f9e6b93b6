"""The documented mappings in sources/mappings/: one per publication, and one for the registry.

A publication's mapping says which file columns are which registry indicators, which rows each
takes (filter values), which filter columns are breakdowns and how time_period becomes a period
of our grammar. Adding next year's file, or another EES release, is adding a file and a mapping
(sources/mappings/README.md), not code. Every mistake in a mapping is an error naming the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from generator.core.vocabulary import MARKERS
from generator.inputs.official.ees import OfficialImportError

REGISTRY_MAPPING = "registry.toml"

# How a time_period (a year, YYYY) becomes a period of the grammar (core/periods.py).
PERIOD_FORMS = {
    # the financial year ending 31 March YYYY: FY2017/18 for 2018
    "year_to_31_march": lambda y: f"FY{y - 1}/{y % 100:02d}",
    # the count on 31 March YYYY
    "at_31_march": lambda y: f"{y}-03-31",
    # the workforce census date, 30 September YYYY
    "at_30_september": lambda y: f"{y}-09-30",
    # the 12 months to 30 September YYYY (workforce starters, leavers, turnover)
    "year_to_30_september": lambda y: f"{y - 1}-10/{y}-09",
}


@dataclass(frozen=True)
class Breakdown:
    column: str
    dimension: str
    total: str  # the filter value that means the whole area ('' when the file has none)


@dataclass(frozen=True)
class IndicatorMapping:
    column: str
    indicator: str
    period: str
    rows: dict[str, str]  # filter column -> value a row must hold to be this indicator


@dataclass(frozen=True)
class FileMapping:
    file: str
    rows: dict[str, str]
    breakdowns: tuple[Breakdown, ...]
    indicators: tuple[IndicatorMapping, ...]


@dataclass(frozen=True)
class PublicationMapping:
    source: str  # the mapping's file name, for messages and provenance
    package: str
    title: str
    publication: str
    description: str
    symbols: dict[str, str]  # a file's suppression symbol -> our marker
    files: tuple[FileMapping, ...]


@dataclass(frozen=True)
class NeighbourModel:
    id: str
    title: str
    file: str
    published: str
    code_column: str
    first_neighbour_column: int
    model_year: int
    in_force_from: int
    in_force_to: int

    def in_force(self, year: int) -> bool:
        return (not self.in_force_from or year >= self.in_force_from) and (
            not self.in_force_to or year <= self.in_force_to
        )


@dataclass(frozen=True)
class RegistryMapping:
    area_files: tuple[str, ...]
    year_files: tuple[str, ...]
    changes: str
    models: tuple[NeighbourModel, ...]


def _load(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise OfficialImportError(f"{path.name}: cannot be read as TOML ({error})") from None


def _text_map(where: str, value: object) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise OfficialImportError(f"{where}: 'rows' must be a table of column = \"value\"")
    return dict(value)


def _required(where: str, table: dict, key: str, kind: type = str):
    value = table.get(key)
    if not isinstance(value, kind) or (kind is str and not value.strip()):
        raise OfficialImportError(f"{where}: '{key}' is missing or not a {kind.__name__}")
    return value


def _indicator(where: str, table: dict) -> IndicatorMapping:
    period = _required(where, table, "period")
    if period not in PERIOD_FORMS:
        raise OfficialImportError(f"{where}: period {period!r} is not one of {', '.join(PERIOD_FORMS)}")
    return IndicatorMapping(
        _required(where, table, "column"),
        _required(where, table, "indicator"),
        period,
        _text_map(where, table.get("rows")),
    )


def read_publication(path: Path) -> PublicationMapping:
    d = _load(path)
    where = path.name
    symbols = _text_map(where, d.get("symbols"))
    bad = [s for s, marker in symbols.items() if marker not in MARKERS]
    if bad:
        raise OfficialImportError(f"{where}: symbols {bad} map to no marker ({', '.join(MARKERS)})")
    files = []
    for n, f in enumerate(d.get("files") or [], start=1):
        at = f"{where}, files entry {n}"
        indicators = tuple(
            _indicator(f"{at}, indicator {i}", t) for i, t in enumerate(f.get("indicators") or [], 1)
        )
        if not indicators:
            raise OfficialImportError(f"{at}: maps no indicator column")
        breakdowns = tuple(
            Breakdown(_required(at, b, "column"), _required(at, b, "dimension"), str(b.get("total", "")))
            for b in f.get("breakdowns") or []
        )
        files.append(
            FileMapping(_required(at, f, "file"), _text_map(at, f.get("rows")), breakdowns, indicators)
        )
    if not files:
        raise OfficialImportError(f"{where}: names no file")
    return PublicationMapping(
        path.name,
        _required(where, d, "package"),
        _required(where, d, "title"),
        _required(where, d, "publication"),
        _required(where, d, "description"),
        {**{m: m for m in MARKERS}, **symbols},
        tuple(files),
    )


def read_registry_mapping(path: Path) -> RegistryMapping:
    d = _load(path)
    where = path.name
    models = tuple(
        NeighbourModel(
            _required(where, m, "id"),
            _required(where, m, "title"),
            _required(where, m, "file"),
            str(m.get("published", "")),
            _required(where, m, "code_column"),
            _required(where, m, "first_neighbour_column", int),
            _required(where, m, "model_year", int),
            int(m.get("in_force_from", 0)),
            int(m.get("in_force_to", 0)),
        )
        for m in d.get("neighbour_models") or []
    )
    return RegistryMapping(
        tuple(_required(where, d, "area_files", list)),
        tuple(_required(where, d, "year_files", list)),
        _required(where, d, "changes"),
        models,
    )


def publication_mappings(folder: Path) -> list[PublicationMapping]:
    """Every publication mapping in ``folder`` (each *.toml but the registry's), by file name."""
    return [read_publication(p) for p in sorted(folder.glob("*.toml")) if p.name != REGISTRY_MAPPING]
