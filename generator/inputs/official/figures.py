"""A publication's rows as observations of our contract: one figure per mapped cell.

A suppressed cell keeps its symbol as the figure's marker and no value, so nothing suppressed is
ever computed or drawn as zero. DfE puts ``u`` (low reliability) in place of a figure it withholds;
our contract keeps ``u`` for a figure that is there, so such a cell is marker ``x`` (not available)
with a note naming DfE's symbol, as is any symbol a mapping translates (``k`` is our ``low``).
Every figure's provenance names the file, its row and its column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.core.contract import observation_fields
from generator.core.vocabulary import BLANKING_MARKERS, MARKER_LABELS, NOT_AVAILABLE
from generator.inputs.official.ees import EesFile, EesRow, OfficialImportError, area_of
from generator.inputs.official.mappings import PERIOD_FORMS, FileMapping, PublicationMapping

_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _matches(row: EesRow, wanted: dict[str, str]) -> bool:
    return all(row.cells.get(column) == value for column, value in wanted.items())


def _cell(mapping: PublicationMapping, source: EesFile, row: EesRow, column: str) -> tuple[str, str, str]:
    """(value, marker, note) for one cell."""
    text = row.cells.get(column, "")
    if _NUMBER.fullmatch(text):
        return text, "", ""
    symbol = text.lower()
    marker = mapping.symbols.get(symbol)
    if marker is None:
        raise OfficialImportError(
            f"{source.name}, row {row.line}, column {column}: {text!r} is neither a number nor a "
            f"symbol the mapping knows ({', '.join(sorted(mapping.symbols))}); add it to 'symbols' "
            f"in sources/mappings/{mapping.source}"
        )
    if marker not in BLANKING_MARKERS:
        return "", NOT_AVAILABLE, f"DfE's symbol {text} ({MARKER_LABELS[marker]}): DfE gives no figure"
    if symbol != marker:
        return "", marker, f"DfE's symbol {text}"
    return "", marker, ""


def _file_observations(mapping: PublicationMapping, f: FileMapping, source: EesFile) -> Iterator[dict]:
    for column in [i.column for i in f.indicators] + [*f.rows, *(b.column for b in f.breakdowns)]:
        if column not in source.columns:
            raise OfficialImportError(
                f"sources/mappings/{mapping.source}: {source.name} has no column {column!r}"
            )
    for indicator in f.indicators:
        wanted = {**f.rows, **indicator.rows}
        chosen = [row for row in source.rows if _matches(row, wanted)]
        if not chosen:
            raise OfficialImportError(
                f"sources/mappings/{mapping.source}: no row of {source.name} has {wanted}"
            )
        for row in chosen:
            area = area_of(row)
            value, marker, note = _cell(mapping, source, row, indicator.column)
            dimension = category = ""
            for b in f.breakdowns:
                if row.cells[b.column] != b.total:
                    dimension, category = b.dimension, row.cells[b.column]
            if area.combined:
                combined = f"DfE reports {area.name} together: the figure is for both councils"
                note = f"{note}; {combined}" if note else combined
            yield {
                "authority_code": area.code,
                "indicator_id": indicator.indicator,
                "period": PERIOD_FORMS[indicator.period](row.year),
                "breakdown_dimension": dimension,
                "breakdown_category": category,
                "value": value,
                "marker": marker,
                "note": note,
                "provenance": f"{source.name}, row {row.line}, column {indicator.column}",
                "_year": row.year,  # for the calculated comparators; never written
            }


def publication_observations(
    mapping: PublicationMapping, sources: dict[str, EesFile]
) -> list[dict[str, str]]:
    """Every figure of the publication, in a fixed order (file, indicator, row), with every column
    of the contract present (and its time_period as ``_year``)."""
    fields = [*observation_fields(), "_year"]
    rows = []
    for f in mapping.files:
        for observation in _file_observations(mapping, f, sources[f.file]):
            rows.append({name: observation.get(name, "") for name in fields})
    return rows
