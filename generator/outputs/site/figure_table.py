"""The figures table every page kind shares: one row per figure, in theme, measure and time order."""

from __future__ import annotations

import numpy as np
import pandas as pd

from generator.core.vocabulary import COUNT, GBP, PERCENT, THEME_LABELS
from generator.model.figure_index import Figure
from generator.model.official_check import AGREES, DIFFERS, WITHHELD
from generator.outputs.site.formatting import format_difference, format_value, unit_label

THEME_ORDER = {theme: i for i, theme in enumerate(THEME_LABELS)}


def _comparison_key(f: Figure) -> tuple[str, str, str, str]:
    return (f.indicator_id, f.period, f.breakdown_dimension, f.breakdown_category)


def _comparators(rows: list[Figure]) -> dict[int, str]:
    """For each council's own figure, the England, region and neighbour figures quoted beside it."""
    quoted: dict[tuple, list[str]] = {}
    for r in rows:
        if r.is_comparator:
            quoted.setdefault(_comparison_key(r), []).append(
                f"{r.authority_name} {format_value(r.value, r.unit, r.marker, r.flag)}"
            )
    if not quoted:
        return {}
    return {
        r.Index: "; ".join(quoted[key])
        for r in rows
        if not r.is_comparator and (key := _comparison_key(r)) in quoted
    }


# What a figures table is sorted by after the theme, most significant first (table_order, table_ranks).
_ORDER_COLUMNS = (
    "indicator_title",
    "breakdown",
    "period_start",
    "period_end",
    "is_comparator",
    "authority_name",
)


def table_order(r: Figure) -> tuple:
    """The order of every figures table (and of each page's data files): theme, measure, time.
    Spelt out rather than read from _ORDER_COLUMNS: it is called for every row of every table."""
    return (
        THEME_ORDER[r.theme],
        r.indicator_title,
        r.breakdown,
        r.period_start,
        r.period_end,
        r.is_comparator,
        r.authority_name,
    )


def table_ranks(observations: pd.DataFrame) -> np.ndarray:
    """Each row's place in table_order over the whole table, ties kept in the table's order: a
    group's rows sorted by rank are in the order ``sorted(group, key=table_order)`` gives, with
    no figure record read (a forked writer that reads every record copies every page of them)."""
    keys = [
        observations["theme"].map(THEME_ORDER).to_numpy(),
        *(pd.factorize(observations[column], sort=True)[0] for column in _ORDER_COLUMNS),
    ]
    order = np.lexsort([np.arange(len(observations)), *reversed(keys)])  # the last key sorts first
    ranks = np.empty(len(observations), dtype=np.int64)
    ranks[order] = np.arange(len(observations))
    return ranks


def figure_rows(rows: list[Figure], *, with_source: bool = False) -> list[dict]:
    comparators = _comparators(rows)
    result = []
    for r in sorted(rows, key=table_order):
        value = format_value(r.value, r.unit, r.marker, r.flag)
        if r.numerator and r.denominator:
            value += f" ({_count(r.numerator)} of {_count(r.denominator)})"
        elif r.numerator:
            value += f" ({_count(r.numerator)})"
        rag = {"R": "Red", "A": "Amber", "G": "Green"}.get(r.rag, "")
        target = format_value(r.target, r.unit) if r.target else ""
        result.append(
            {
                # "76.0%" and "£170,000" carry their unit; "29.2" needs "per 10,000 children ..."
                "value_unit": value if r.unit in (PERCENT, GBP, COUNT) else f"{value} {unit_label(r.unit)}",
                # what the report itself said of the figure, in one cell
                "assessment": "; ".join(
                    part
                    for part in (
                        f"target {target}" if target else "",
                        f"RAG {rag}" if rag else "",
                        f"quartile {r.quartile}" if r.quartile else "",
                        f"“{r.direction}”" if r.direction else "",
                    )
                    if part
                ),
                "area": r.authority_name,
                "indicator": r.indicator_title,
                "indicator_id": r.indicator_id,
                "breakdown": r.breakdown,
                "period": r.period_label,
                "value": value,
                "unit": unit_label(r.unit),
                "target": target,
                "comparators": comparators.get(r.Index, ""),
                "rag": rag,
                "quartile": r.quartile,
                "direction": r.direction,
                "note": " ".join(
                    part
                    for part in (
                        r.note,
                        f"Another report gives a different value: {r.other_reports}."
                        if r.other_reports
                        else "",
                        official_check(r),
                    )
                    if part
                ),
                "provenance": r.provenance,
                "source": r.source_title if with_source else "",
                "source_package": r.source_package,
                "figure_id": r.figure_id,
                "figure_label": figure_label(r),
                "figure_label_parts": figure_label_parts(r),
                # Revisions (revisions_page.py): the figure's latest correction, "" if none.
                "revised": r.revision_anchor,
            }
        )
    return result


_VERDICTS = {
    AGREES: "the report's figure agrees with it.",
    DIFFERS: "the report's figure differs from it by {difference}.",
    WITHHELD: "DfE withholds it, so the two cannot be compared.",
}


def official_check(f: Figure) -> str:
    """The official figure for the same area, measure and period, and whether the two agree."""
    if not f.official_verdict:
        return ""
    official = format_value(f.official_value, f.unit, f.official_marker)
    said = _VERDICTS[f.official_verdict].format(difference=format_difference(f.official_difference, f.unit))
    return f"The official figure ({f.official_title}) is {official}: {said}"


def figure_label_parts(f: Figure) -> list[str]:
    """What a figure is, in words: its measure, area, breakdown if any, and period."""
    parts = [f.indicator_title, f.authority_name, *([f.breakdown] if f.breakdown else []), f.period_label]
    return [" ".join(str(p).split()) for p in parts]


def figure_label(f: Figure) -> str:
    """What a figure is, in words, for its permalink's accessible name and its citation."""
    return ", ".join(figure_label_parts(f))


LINK_WORDS = "Link to this figure:"


def permalink_names(rows: list[dict], prefix: str = "fl") -> list[tuple[str, str]]:
    """A report's permalinks are named by reference, not each with its own copy of the words.

    Every "#" link's accessible name is "Link to this figure: MEASURE, AREA, PERIOD", the words its
    row already shows; written into each link's aria-label they were a quarter of a report's page.
    So the page holds each distinct part of those names once, as a hidden element (its words and,
    but for the last part, a comma), and each link names the ones that make its name
    (aria-labelledby): browsers join them with spaces into the same name, word for word and comma
    for comma. Sets each row's "named_by"; returns the (id, words) of the hidden elements."""
    ids: dict[str, str] = {LINK_WORDS: f"{prefix}0"}
    for row in rows:
        parts = row["figure_label_parts"]
        words = [f"{p}," for p in parts[:-1]] + parts[-1:]
        row["named_by"] = " ".join(
            [ids[LINK_WORDS], *(ids.setdefault(w, f"{prefix}{len(ids)}") for w in words)]
        )
    return [(identifier, words) for words, identifier in ids.items()] if rows else []


def _count(text: str) -> str:
    return format_value(text, "count")


def shown_columns(rows: list[dict], columns: tuple[str, ...]) -> dict[str, bool]:
    """Which of a table's optional columns have anything in them on this page: an empty column
    is left out, so a table fits its page's width."""
    return {c: any(r.get(c) for r in rows) for c in columns}
