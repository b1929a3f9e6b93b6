"""The answer first: where an area stands on a handful of headline measures, in words.

For each headline measure an area has a figure for: the latest value and its period, better, worse
or similar than its statistical neighbours and England (by the measure's polarity), the national
quartile where a figure gives one, and the direction over up to five comparable periods. Only
comparable figures (of a calendar period, given as exact) are ever set against each other, and a
comparator counts only for the same period: a neighbour average "latest available" when a report
was written is shown for what it is and never judged against. The same comparisons, for every
council in a period, make the indicator page's standings.

The measures are chosen on the methodology page ("Headline measures"): they are the Department for
Education's nationally defined measures, so official releases give them for every council, England
and the neighbour averages, and together they follow a child's path through the service.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.core.vocabulary import (
    CALCULATED_NEIGHBOUR_AVERAGE_PREFIX,
    COUNTRY,
    ENGLAND,
    LOWER_IS_BETTER,
    NO_POLARITY,
    STATISTICAL_NEIGHBOUR_AVERAGE,
    neighbour_average_code,
)
from generator.model.figure_index import Figure, FigureIndex, one_per_period
from generator.outputs.site.formatting import format_value
from generator.outputs.site.judgement import BETTER, HIGHER, ICONS, LOWER, SIMILAR, WORSE, judge

# Each headline measure, the official (DfE) measure first: it is there for every council, England
# and the calculated neighbour average every year; a committee report's own figure stands in where
# DfE publishes no such measure or the area has no official figure.
HEADLINE_MEASURES = (
    ("dfe_re_referrals_12m_pct", "re_referrals_12m_pct"),
    ("assessments_within_45_days_pct",),
    ("cp_plans_rate_per_10k",),
    ("dfe_cp_plans_second_time_pct", "cp_plans_second_time_pct"),
    ("dfe_children_looked_after_rate_per_10k", "children_in_care_rate_per_10k"),
    ("dfe_placements_3plus_pct", "placements_3plus_pct"),
    ("care_leavers_eet_pct",),
    ("dfe_sw_turnover_pct", "sw_turnover_pct"),
)
DIRECTION_PERIODS = 5
QUARTILE_WORDS = {
    "1": "best quarter of councils",
    "2": "second quarter",
    "3": "third quarter",
    "4": "worst quarter of councils",
}


CALCULATED_LABEL = "statistical neighbours (average calculated by this site)"


def comparator_codes(areas: dict[str, dict], code: str) -> list[tuple[str, str]]:
    """(code, what to call it) for the areas an area is judged against: its statistical neighbours'
    averages (every registry area that is a neighbour average of this council: the one a report
    states and any calculated here), then England."""
    neighbours = sorted(
        c
        for c, area in areas.items()
        if area.get("comparator_of") == code and area.get("type") == STATISTICAL_NEIGHBOUR_AVERAGE
    )
    if not neighbours and neighbour_average_code(code) in areas:
        neighbours = [neighbour_average_code(code)]
    found = [
        (
            c,
            CALCULATED_LABEL
            if c.startswith(CALCULATED_NEIGHBOUR_AVERAGE_PREFIX)
            else "statistical neighbours",
        )
        for c in neighbours
    ]
    if ENGLAND in areas and areas[ENGLAND].get("type") == COUNTRY:
        found.append((ENGLAND, "England"))
    return found


def _kind(label: str) -> str:
    """A report's neighbour average and the one calculated here are one kind of comparator: the
    first with a figure for the period is judged against, and neither is missing if one is there."""
    return label.split(" (")[0]


def _judgements(
    index: FigureIndex, latest: Figure, comparators: list[tuple[str, str]]
) -> tuple[list[dict], list[dict]]:
    """(judgements, missing): for each kind of comparator (neighbours, England), the first area of
    that kind with a comparable figure for the same period, judged; for each kind with none, the
    latest figure quoted for it in another period (shown, never judged)."""
    judged: dict[str, dict] = {}
    for code, label in comparators:
        match = (
            index.latest_value.get((latest.indicator_id, latest.period, code)) if latest.comparable else None
        )
        if _kind(label) in judged or match is None:
            continue
        word = judge(latest.value_number, match.value_number, latest.unit, latest.polarity)
        judged[_kind(label)] = {
            "against": label,
            "word": word,
            "icon": ICONS[word],
            "value": format_value(match.value, match.unit, match.marker, match.flag),
        }
    missing = []
    for label in dict.fromkeys(_kind(label) for _, label in comparators):
        if label in judged:
            continue
        quoted = [
            f
            for code, kind in comparators
            if _kind(kind) == label
            for f in index.by_area_indicator.get((code, latest.indicator_id), [])
            if f.value != "" and f.breakdown_dimension == ""
        ]
        other = quoted[-1] if quoted else None
        missing.append(
            {
                "against": label,
                "value": format_value(other.value, other.unit, other.marker, other.flag) if other else "",
                # a comparator's own period if it is on a timeline; "latest available" says nothing
                "period": other.period_label if other and other.comparable else "",
            }
        )
    return list(judged.values()), missing


def quartile_of(figures: Iterable[Figure], latest: Figure) -> str:
    """The national quartile given for the latest period, by this figure or another of the same
    area, measure and period (an official release gives it when a report does not)."""
    if latest.quartile:
        return str(latest.quartile)
    for f in figures:
        if f.period == latest.period and f.breakdown_dimension == "" and f.quartile:
            return str(f.quartile)
    return ""


def direction(line: list[Figure], unit: str, polarity: str) -> dict | None:
    """How the last (up to five) comparable periods of one length moved, first to last."""
    points = line[-DIRECTION_PERIODS:]
    if len(points) < 2:
        return None
    first, last = points[0], points[-1]
    word = judge(last.value_number, first.value_number, unit, polarity)
    words = {
        BETTER: "improving",
        WORSE: "getting worse",
        SIMILAR: "little change",
        HIGHER: "rising",
        LOWER: "falling",
    }
    return {
        "word": words[word],
        "icon": ICONS[word],
        "kind": word,
        "from": format_value(first.value, unit),
        "from_period": first.period_label,
        "periods": len(points),
    }


def headline(
    index: FigureIndex, code: str, indicator_id: str, comparators: list[tuple[str, str]]
) -> dict | None:
    """What the headline block says about one measure for one area, or None without a value."""
    figures = [
        f for f in index.by_area_indicator.get((code, indicator_id), []) if f.breakdown_dimension == ""
    ]
    valued = one_per_period([f for f in figures if f.value != ""])
    if not valued:
        return None
    latest = valued[-1]
    unit, polarity = latest.unit, latest.polarity
    line = index.area_points(code, indicator_id, latest.period_class) if latest.comparable else []
    quartile = quartile_of(figures, latest)
    judgements, missing = _judgements(index, latest, comparators)
    return {
        "indicator_id": indicator_id,
        "indicator": latest.indicator_title,
        "value": format_value(latest.value, unit, latest.marker, latest.flag),
        "period": latest.period_label,
        "comparable": bool(latest.comparable),
        "judgements": judgements,
        "missing": missing,
        "quartile": quartile,
        "quartile_words": QUARTILE_WORDS.get(quartile, "") if polarity != NO_POLARITY else "",
        "direction": direction(line, unit, polarity),
        "source_package": latest.source_package,
    }


def area_headlines(index: FigureIndex, areas: dict[str, dict], code: str) -> list[dict]:
    """The headline block of an area page, in the order of HEADLINE_MEASURES."""
    comparators = comparator_codes(areas, code)
    found = (
        next((h for i in measures if (h := headline(index, code, i, comparators)) is not None), None)
        for measures in HEADLINE_MEASURES
    )
    return [h for h in found if h is not None]


def standings(figures: list[Figure], period_class: str) -> dict | None:
    """Where each council stands in the latest period of one length that councils give a comparable
    value for: ranked best first by polarity (highest first when it has none), beside England."""
    whole = [f for f in figures if f.breakdown_dimension == "" and f.value != "" and f.comparable]
    whole = [f for f in whole if f.period_class == period_class]
    councils = [f for f in whole if not f.is_comparator]
    if not councils:
        return None
    period = max(councils, key=lambda f: f.period_end).period
    newest = {f.authority_code: f for f in councils if f.period == period}  # the newest report wins
    first = next(iter(newest.values()))
    unit, polarity = first.unit, first.polarity
    england = next((f for f in reversed(whole) if f.authority_code == ENGLAND and f.period == period), None)
    ranked = sorted(
        newest.values(),
        key=lambda f: -f.value_number if polarity == LOWER_IS_BETTER else f.value_number,
        reverse=True,
    )
    rows = []
    for position, f in enumerate(ranked, start=1):
        word = judge(f.value_number, england.value_number, unit, polarity) if england else ""
        rows.append(
            {
                "rank": position,
                "code": f.authority_code,
                "area": f.authority_name,
                "value": format_value(f.value, unit, f.marker, f.flag),
                "word": word,
                "icon": ICONS.get(word, ""),
                "quartile": str(f.quartile or ""),
            }
        )
    return {
        "period": first.period_label,
        "period_key": period,
        "order": "highest first" if polarity == NO_POLARITY else "best first",
        "england": format_value(england.value, unit, england.marker, england.flag) if england else "",
        "rows": rows,
        "with_quartile": any(r["quartile"] for r in rows),
    }
