"""The page where committee figures meet the official figures for the same area, measure and period."""

from __future__ import annotations

from generator.model.official_check import AGREES, WITHHELD, largest_differences
from generator.model.tidy import Model
from generator.outputs.site import addresses
from generator.outputs.site.formatting import format_difference, format_value
from generator.outputs.site.page import Page


def comparison_row(row) -> dict:
    """One report figure and its official counterpart, as plain text for the page."""
    return {
        "area": row.authority_name,
        "area_code": row.authority_code,
        "indicator": row.indicator_title,
        "indicator_id": row.indicator_id,
        "period": row.period_label + (f", {row.breakdown}" if row.breakdown else ""),
        "report_value": format_value(row.value, row.unit),
        "report": row.source_title,
        "report_package": row.source_package,
        "figure_id": row.figure_id,
        "official_value": format_value(row.official_value, row.unit, row.official_marker),
        "official": row.official_title,
        "official_package": row.official_package,
        "official_provenance": row.official_provenance,
        "difference": format_difference(row.difference, row.unit),
        "verdict": row.verdict,
    }


def official_check_page(model: Model) -> Page:
    comparisons = model.official_comparisons
    rows = [comparison_row(r) for r in comparisons.itertuples()]
    differing = [comparison_row(r) for r in largest_differences(comparisons, len(comparisons)).itertuples()]
    pages = model.index.by_indicator
    context = {
        "counted": len(rows),
        "agree": [r for r in rows if r["verdict"] == AGREES],
        "differ": differing,
        "withheld": [r for r in rows if r["verdict"] == WITHHELD],
        "equivalents": [
            {
                "indicator_id": e.indicator_id,
                "indicator": model.registry.indicator[e.indicator_id]["title"],
                "official_id": e.official_indicator_id,
                "official": model.registry.indicator[e.official_indicator_id]["title"],
                "why": e.why,
                # Indicator pages exist for measures with figures; a name without one is plain text.
                "linked": e.indicator_id in pages,
                "official_linked": e.official_indicator_id in pages,
            }
            for e in model.registry.official_equivalents.itertuples()
            if e.indicator_id in model.registry.indicator
            and e.official_indicator_id in model.registry.indicator
        ],
    }
    return Page(addresses.OFFICIAL_CHECK, "official_check.md.j2", context)
