"""The handful of figures a report page leads with: value, period, change and comparison, in words."""

from __future__ import annotations

import pandas as pd

from .registry import THEME_LABELS
from .series import describe_against, one_per_period, whole_area
from .text import format_value, markdown_text, unit_label

MAX_TILES = 6


def key_figures(rows: pd.DataFrame, own_codes: list[str]) -> list[dict]:
    """The report's own whole-area figures that it compares with something, latest period first.

    A figure earns a tile when the report quotes a comparator or an earlier value of the same
    length of period beside it: that is what lets a tile say better or worse, not just a number.
    """
    own = whole_area(rows[rows["authority_code"].isin(own_codes) & (rows["value"] != "")])
    comparators = whole_area(rows[rows["is_comparator"] & (rows["value"] != "")])
    tiles = []
    for _, group in own.groupby(["authority_code", "indicator_id"], sort=False):
        points = one_per_period(group)
        latest = points.iloc[-1]
        earlier = points[points["period_class"] == latest.period_class].iloc[:-1]
        quoted = comparators[
            (comparators["indicator_id"] == latest.indicator_id) & (comparators["period"] == latest.period)
        ]
        if earlier.empty and quoted.empty:
            continue
        unit, polarity = latest.unit, latest.polarity
        lines = []
        if not earlier.empty:
            previous = earlier.iloc[-1]
            lines.append(describe_against(latest, previous, unit, polarity, previous.period_label))
        lines.extend(
            describe_against(latest, c, unit, polarity, c.authority_name) for c in quoted.itertuples()
        )
        tiles.append(
            {
                "rank": (list(THEME_LABELS).index(latest.theme), -len(lines), latest.indicator_title),
                "indicator": markdown_text(latest.indicator_title),
                "area": markdown_text(latest.authority_name),
                "value": markdown_text(format_value(latest.value, unit, latest.marker, latest.flag)),
                # "76.0%" and "£170,000" carry their unit; "29.2" needs "per 10,000 children ..."
                "unit": "" if unit in ("percent", "gbp", "count") else markdown_text(unit_label(unit)),
                "period": markdown_text(latest.period_label),
                "comparisons": [markdown_text(line) for line in lines],
            }
        )
    tiles.sort(key=lambda t: t["rank"])
    return tiles[:MAX_TILES]
