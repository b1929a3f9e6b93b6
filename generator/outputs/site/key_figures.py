"""The handful of figures a report page leads with: value, period, change and comparison, in words."""

from __future__ import annotations

from collections.abc import Callable

from generator.core.vocabulary import COUNT, GBP, PERCENT, THEME_LABELS
from generator.model.figure_index import Figure
from generator.model.official_check import AGREES, verdict
from generator.outputs.site.formatting import format_value, unit_label
from generator.outputs.site.series import (
    comparable,
    describe_against,
    one_per_period,
    whole_area,
    with_value,
)

MAX_TILES = 6


def key_figures(
    rows: list[Figure],
    own_codes: list[str],
    official: Callable[[Figure], list[Figure]] = lambda figure: [],
) -> list[dict]:
    """The report's own whole-area figures that it compares with something, latest period first.

    A figure earns a tile when the report quotes a comparator or an earlier value of the same
    length of period beside it: that is what lets a tile say better or worse, not just a number.
    Only comparable figures count: a neighbour average "latest available" when the report was
    written is not of the quarter beside it, and "almost 5,500" is not exactly anything.
    ``official`` gives the official figures (a release, not a report) for a figure's area, measure
    and period: each tile shows them beside the report's own, saying whether the two agree.
    """
    known = comparable(whole_area(with_value(rows)))
    groups: dict[tuple[str, str], list[Figure]] = {}
    quoted_with: dict[tuple[str, str], list[Figure]] = {}
    for f in known:
        if f.authority_code in own_codes:
            groups.setdefault((f.authority_code, f.indicator_id), []).append(f)
        if f.is_comparator:
            quoted_with.setdefault((f.indicator_id, f.period), []).append(f)
    tiles = []
    for group in groups.values():
        points = one_per_period(group)
        latest = points[-1]
        earlier = [p for p in points if p.period_class == latest.period_class][:-1]
        quoted = [
            c
            for c in quoted_with.get((latest.indicator_id, latest.period), [])
            if c.authority_code != latest.authority_code  # England is not compared with itself
        ]
        if not earlier and not quoted:
            continue
        unit, polarity = latest.unit, latest.polarity
        lines = []
        if earlier:
            previous = earlier[-1]
            lines.append(describe_against(latest, previous, unit, polarity, previous.period_label))
        lines.extend(describe_against(latest, c, unit, polarity, c.authority_name) for c in quoted)
        tiles.append(
            {
                "rank": (list(THEME_LABELS).index(latest.theme), -len(lines), latest.indicator_title),
                "indicator": latest.indicator_title,
                "area": latest.authority_name,
                "value": format_value(latest.value, unit, latest.marker, latest.flag),
                # "76.0%" and "£170,000" carry their unit; "29.2" needs "per 10,000 children ..."
                "unit": "" if unit in (PERCENT, GBP, COUNT) else unit_label(unit),
                "period": latest.period_label,
                "comparisons": lines,
                "official": [
                    {
                        "value": format_value(o.value, unit, o.marker, o.flag),
                        "source": o.source_title,
                        "source_package": o.source_package,
                        # Within the coarser rounding of the two (model/official_check.py);
                        # None when DfE withholds its figure.
                        "agrees": verdict(latest.value, o.value)[1] == AGREES if o.value else None,
                    }
                    for o in official(latest)
                ],
            }
        )
    tiles.sort(key=lambda t: t["rank"])
    return tiles[:MAX_TILES]
