"""Where reports disagree: every figure two packages give different values for, side by side."""

from __future__ import annotations

from generator.core.contract import KEY
from generator.model.tidy import Model
from generator.outputs.site import addresses
from generator.outputs.site.figure_table import figure_rows
from generator.outputs.site.page import Page


def discrepancy_page(model: Model) -> Page:
    rows = model.discrepancies()
    groups = []
    for _, group in rows.groupby(KEY, sort=True):
        first = group.iloc[0]
        groups.append(
            {
                "title": f"{first.indicator_title}, {first.authority_name}, {first.period_label}"
                + (f", {first.breakdown}" if first.breakdown else ""),
                "versions": figure_rows(list(group.itertuples(name="Figure")), with_source=True),
            }
        )
    return Page(addresses.DISCREPANCIES, "discrepancies.md.j2", {"groups": groups})
