"""A page per indicator: what it means, every area over time, the latest comparison, every figure."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from generator.core.vocabulary import (
    CALCULATED_NEIGHBOUR_AVERAGE_PREFIX,
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    POLARITY_LABELS,
    THEME_LABELS,
)
from generator.model.tidy import Model
from generator.outputs.site import addresses
from generator.outputs.site.charts import build_chart
from generator.outputs.site.comparison import COMPARATOR, NEIGHBOUR, Bar, comparison_chart
from generator.outputs.site.figure_table import figure_rows, shown_columns
from generator.outputs.site.formatting import format_value, unit_label
from generator.outputs.site.headline import standings
from generator.outputs.site.page import LaterPage, Page
from generator.outputs.site.series import area_series, main_period_class, whole_area, with_value

# Past these sizes a page would weigh megabytes at England scale (153 councils × 40 quarters): the
# chart then draws the comparators (England, regions, neighbour averages) and the page links to the
# full data files instead of listing every figure. Each council's own chart is on its area page.
MAX_CHART_COUNCILS = 10
MAX_LISTED_FIGURES = 500
# A bar per council for the latest period up to this many councils; past it, the standings table.
MAX_BAR_COUNCILS = 20
MIN_TREND_PERIODS = 3


def official_links(model: Model, indicator_id: str) -> tuple[list[dict], list[dict]]:
    """(official, reported_as): the official measure a report measure is reviewed as the same as
    (registry official_equivalents), and the report measures an official one is the same as; only
    those with a page. A search for "children in care" lands on the committee reports' measure,
    which has one council: this is how the reader gets to every council's figure, and back."""
    equivalents = model.registry.official_equivalents
    pages = model.index.by_indicator
    titles = model.registry.indicators["title"]

    def linked(ids) -> list[dict]:
        return [{"id": i, "title": titles[i]} for i in ids if i in pages]

    mine = equivalents[equivalents["indicator_id"] == indicator_id]
    theirs = equivalents[equivalents["official_indicator_id"] == indicator_id]
    return linked(mine["official_indicator_id"]), linked(theirs["indicator_id"])


def indicator_page(model: Model, indicator_id: str) -> Page:
    indicator = model.registry.indicators.loc[indicator_id]
    obs = model.index.by_indicator[indicator_id]
    unit, polarity = indicator["unit"], indicator["polarity"]
    whole = whole_area(obs)
    comparator = {f.authority_code: f.is_comparator for f in reversed(whole)}  # first figure's
    codes = sorted(comparator, key=lambda c: (comparator[c], c))
    councils = [c for c in codes if not comparator[c]]
    charted = (
        # England, regions and the averages reports quote: not one line per calculated average
        [c for c in codes if comparator[c] and not c.startswith(CALCULATED_NEIGHBOUR_AVERAGE_PREFIX)]
        if len(councils) > MAX_CHART_COUNCILS
        else codes
    )
    period_class = main_period_class(whole) if whole else ""
    series = area_series(obs, charted, period_class) if whole else []
    chart = None
    if any(len(s.points) >= MIN_TREND_PERIODS for s in series):
        chart = build_chart(
            "chart-2", f"{indicator['title']} over time", series, unit=unit, polarity=polarity
        )
    standing = standings(obs, period_class) if whole else None
    latest_chart = None
    if standing and 1 < len(standing["rows"]) <= MAX_BAR_COUNCILS:
        same = [f for f in whole if f.comparable and f.value != "" and f.period == standing["period_key"]]
        newest = {f.authority_code: f for f in same}
        bars = [Bar(f, COMPARATOR if f.is_comparator else NEIGHBOUR) for f in newest.values()]
        latest_chart = comparison_chart("chart-1", indicator["title"], bars, unit=unit, polarity=polarity)
    newest: dict[str, object] = {f.authority_code: f for f in with_value(whole)}  # the last wins
    latest = []
    for code in codes:
        point = newest.get(code)
        if point is None:
            continue
        latest.append(
            {
                "area": point.authority_name,
                "value": format_value(point.value, unit, point.marker, point.flag),
                "period": point.period_label,
                "source": point.source_title,
                "source_package": point.source_package,
                "quartile": point.quartile,
                "sort": (comparator[code], float(point.value) if point.value else 0.0),
            }
        )
    if any(row["quartile"] for row in latest) and polarity in (HIGHER_IS_BETTER, LOWER_IS_BETTER):
        # Councils best first by polarity, with their calculated quartile; then the comparators.
        sign = -1 if polarity == HIGHER_IS_BETTER else 1
        latest.sort(key=lambda row: (row["sort"][0], sign * row["sort"][1]))
    figures = figure_rows(obs, with_source=True) if len(obs) <= MAX_LISTED_FIGURES else []
    official, reported_as = official_links(model, indicator_id)
    context = {
        "id": indicator_id,
        "official": official,
        "reported_as": reported_as,
        "title": indicator["title"],
        "definition": indicator["definition"],
        "why": indicator["why_it_matters"],
        "unit": unit_label(unit),
        "polarity": POLARITY_LABELS[polarity],
        "theme": THEME_LABELS[indicator["theme"]],
        "national": indicator["national_definition"],
        "chart": chart,
        "latest_chart": latest_chart,
        "standings": standing,
        "latest": latest,
        "quartiles": any(row["quartile"] for row in latest),
        "figures": figures,
        "columns": shown_columns(figures, ("comparators",)),
        "figure_count": len(obs),
        "councils_not_charted": len(councils) if charted is not codes else 0,
    }
    return Page(addresses.indicator_page(indicator_id), "indicator.md.j2", {"indicator": context})


def indicator_pages(model: Model) -> Iterator[Page]:
    """One page per indicator with figures, then the index; one at a time (see pages.report_pages)."""
    used = sorted(model.index.by_indicator)
    for indicator_id in used:
        yield LaterPage(addresses.indicator_page(indicator_id), partial(indicator_page, model, indicator_id))
    indicators = model.registry.indicator
    themes = [
        {
            "label": label,
            "indicators": [
                {"id": i, "title": indicators[i]["title"]}
                for i in sorted(used, key=lambda i: (indicators[i]["title"], i))
                if indicators[i]["theme"] == theme
            ],
        }
        for theme, label in THEME_LABELS.items()
    ]
    yield Page(
        addresses.INDICATORS_INDEX,
        "indicators_index.md.j2",
        {"themes": [t for t in themes if t["indicators"]]},
    )
