"""A page per area with data: latest figures by theme, trend, comparators, charts and its reports."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from generator.core.vocabulary import (
    CALCULATED_NEIGHBOUR_AVERAGE_PREFIX,
    COUNT,
    GBP,
    NEIGHBOUR_AVERAGE_PREFIX,
    PERCENT,
    STATISTICAL_NEIGHBOUR_AVERAGE,
    THEME_LABELS,
)
from generator.model.figure_index import Figure
from generator.model.tidy import Model
from generator.outputs.site import addresses
from generator.outputs.site.area_groups import group_order, region_group
from generator.outputs.site.charts import build_chart
from generator.outputs.site.comparison import COMPARATOR, NEIGHBOUR, THIS, Bar, comparison_chart
from generator.outputs.site.figure_table import shown_columns
from generator.outputs.site.formatting import format_value, unit_label
from generator.outputs.site.headline import area_headlines, comparator_codes
from generator.outputs.site.page import LaterPage, Page
from generator.outputs.site.pages.report import meeting_label, report_sort_key
from generator.outputs.site.series import (
    comparable,
    describe_against,
    indexed_area_series,
    one_per_period,
    whole_area,
    with_value,
)

# A line needs three periods to show a trend; two are a change, which the table states.
MIN_TREND_PERIODS = 3


def _comparator_codes(model: Model, code: str) -> list[tuple[str, str]]:
    """Its neighbour averages (stated by a report or calculated), England, then its region."""
    areas = model.registry.area
    region = areas[code]["region_code"]
    codes = comparator_codes(areas, code)
    if region and region in areas:
        codes.append((region, str(areas[region]["name"])))
    return codes


def _latest_rows(model: Model, own: list[Figure], comparators: list[tuple[str, str]]) -> list[dict]:
    latest_value = model.index.latest_value
    by_indicator: dict[str, list[Figure]] = {}
    for f in whole_area(own):
        by_indicator.setdefault(f.indicator_id, []).append(f)
    rows = []
    for indicator_id, group in by_indicator.items():
        valued = with_value(group)
        if not valued:
            continue
        # The newest figure is the one shown; only a figure of a calendar period, given as exact,
        # gets a trend or a comparison ("recent months" or "almost ..." is listed with its wording).
        latest = one_per_period(valued)[-1]
        unit, polarity = latest.unit, latest.polarity
        line = one_per_period(comparable(valued))
        line = [p for p in line if p.period_class == line[-1].period_class] if line else []
        trend = ""
        if latest.comparable and len(line) > 1:
            previous = line[-2]
            trend = describe_against(latest, previous, unit, polarity, f"{previous.period_label}")
        comparisons = [
            describe_against(latest, match, unit, polarity, label)
            for comparator, label in comparators
            if latest.comparable and (match := latest_value.get((indicator_id, latest.period, comparator)))
        ]
        others = [g for g in group if g.period == latest.period and g.value != latest.value]
        rows.append(
            {
                "theme": latest.theme,
                "indicator": latest.indicator_title,
                "indicator_id": indicator_id,
                "value": format_value(latest.value, unit, latest.marker, latest.flag),
                "unit_after": "" if unit in (PERCENT, GBP, COUNT) else unit_label(unit),
                "unit": unit_label(unit),
                "period": latest.period_label,
                "trend": trend,
                "comparison": "; ".join(comparisons),
                "source_package": latest.source_package,
                "disagreement": "; ".join(
                    f"{format_value(o.value, unit)} in {o.source_title}" for o in others
                ),
                "points": len(line),
                "period_class": line[-1].period_class if line else latest.period_class,
            }
        )
    return rows


_TYPE_WORDS = {"combined": "pair of councils that DfE reports together", "sub_region": "part of a region"}


def _linked(model: Model, codes: list[str]) -> list[dict]:
    """Areas by name, each with its page when it has one (an area with no figures has none)."""
    areas, pages = model.registry.area, model.index.by_authority
    return [{"name": areas[c]["name"], "code": c, "page": c in pages} for c in codes if c in areas]


def neighbour_averages(model: Model, code: str) -> list[dict]:
    """A council's statistical neighbours' averages that have pages (the one its reports state, the
    one calculated here). They are not in the navigation (page_map.py), so its page leads to them."""
    areas = model.registry.area
    if areas[code]["type"] == STATISTICAL_NEIGHBOUR_AVERAGE:
        return []
    codes = [c for c, _ in comparator_codes(areas, code) if areas[c]["type"] == STATISTICAL_NEIGHBOUR_AVERAGE]
    return [a for a in _linked(model, codes) if a["page"]]


def average_of(model: Model, code: str) -> list[dict]:
    """The council a neighbours' average is for, with its page, to lead back to it."""
    area = model.registry.area[code]
    if area["type"] != STATISTICAL_NEIGHBOUR_AVERAGE:
        return []
    council = area.get("comparator_of") or code.removeprefix(
        CALCULATED_NEIGHBOUR_AVERAGE_PREFIX
    ).removeprefix(NEIGHBOUR_AVERAGE_PREFIX)
    return [a for a in _linked(model, [council]) if a["page"]]


def area_changes(model: Model, code: str) -> list[dict]:
    """When the council was created or replaced, and by or from which councils (area_changes)."""
    changes = model.registry.changes
    found = []
    for column, other, word in (
        ("successor_code", "predecessor_code", "created"),
        ("predecessor_code", "successor_code", "replaced"),
    ):
        rows = changes[changes[column] == code]
        for year, group in rows.groupby("year", sort=True):
            found.append(
                {
                    "word": word,
                    "year": str(year),
                    "areas": _linked(model, list(group[other])),
                    "descriptions": list(dict.fromkeys(group["description"])),
                }
            )
    return found


def dfe_neighbours(model: Model, code: str) -> dict:
    """The council's ten neighbours in the newest DfE model that lists it, nearest first."""
    rows = model.registry.model_neighbours
    mine = rows[rows["authority_code"] == code]
    if mine.empty:
        return {}
    models = model.registry.neighbour_models.set_index("model")
    newest = sorted(set(mine["model"]))[-1]
    ranked = mine[mine["model"] == newest].sort_values("rank", key=lambda r: r.astype(int))
    return {"title": models.loc[newest, "title"], "areas": _linked(model, list(ranked["neighbour_code"]))}


def _ranked_neighbours(model: Model, code: str) -> list[str]:
    """The council's statistical neighbours, nearest first: once a page, not once a chart (a
    selection from the registry per chart was a third of making an area page)."""
    neighbours = model.registry.neighbours
    return neighbours[neighbours["authority_code"] == code].sort_values("rank")["neighbour_code"].tolist()


def _bars(model: Model, latest: Figure, ranked: list[str], comparators: list[tuple[str, str]]) -> list[Bar]:
    """The council's latest comparable figure, and every neighbour's (``ranked``), average's and
    England's figure for the same period."""
    same = model.index.latest_value
    key = latest.indicator_id, latest.period
    bars = [Bar(latest, THIS)]
    bars += [Bar(f, NEIGHBOUR) for n in ranked if (f := same.get((*key, n)))]
    bars += [Bar(f, COMPARATOR) for c, _ in comparators if (f := same.get((*key, c)))]
    return bars


def authority_page(model: Model, code: str) -> Page:
    areas = model.registry.area
    area = areas[code]
    own = model.index.by_authority.get(code, [])
    comparators = _comparator_codes(model, code)
    chart_codes = [code, *(c for c, _ in comparators)]
    latest = _latest_rows(model, own, comparators)
    ranked = _ranked_neighbours(model, code)
    themes = []
    chart_number = 0
    for theme, label in THEME_LABELS.items():
        rows = sorted(
            (r for r in latest if r["theme"] == theme), key=lambda r: (r["indicator"], r["indicator_id"])
        )
        if not rows:
            continue
        charts = []
        for r in rows:
            indicator = model.registry.indicator[r["indicator_id"]]
            line = model.index.area_points(code, r["indicator_id"], r["period_class"])
            if line:
                chart_number += 1
                chart = comparison_chart(
                    f"chart-{chart_number}",
                    indicator["title"],
                    _bars(model, line[-1], ranked, comparators),
                    unit=indicator["unit"],
                    polarity=indicator["polarity"],
                )
                if chart is None:
                    chart_number -= 1
                else:
                    charts.append(chart)
            if len(line) < MIN_TREND_PERIODS:
                continue
            chart_number += 1
            series = indexed_area_series(model.index, r["indicator_id"], chart_codes, r["period_class"])
            charts.append(
                build_chart(
                    f"chart-{chart_number}",
                    f"{indicator['title']} over time",
                    series,
                    unit=indicator["unit"],
                    polarity=indicator["polarity"],
                )
            )
        themes.append(
            {
                "label": label,
                # the address its heading always had, from the label alone, now that the heading
                # also names the area and its measures for search
                "anchor": "-".join(label.lower().split()),
                "rows": rows,
                "charts": charts,
                "columns": shown_columns(rows, ("trend", "comparison")),
            }
        )
    packages = sorted(
        {f.source_package for f in own} | {p.name for p in model.packages if code in p.metadata.authorities}
    )
    reports = [
        {"name": p.name, "title": p.title, "meeting": meeting_label(p)}
        for p in sorted((model.package(n) for n in packages), key=report_sort_key, reverse=True)
    ]
    neighbours = model.registry.neighbours
    neighbour_names = [
        areas[n]["name"]
        for n in neighbours[neighbours["authority_code"] == code].sort_values("rank")["neighbour_code"]
    ]
    region = area["region_code"]
    context = {
        "name": area["name"],
        "code": code,
        "dfe_code": area["dfe_code"],
        "type": _TYPE_WORDS.get(area["type"], area["type"].replace("_", " ")),
        "region": areas[region]["name"] if region else "",
        "neighbours": neighbour_names,
        "dfe_neighbours": dfe_neighbours(model, code),
        "averages": neighbour_averages(model, code),
        "average_of": average_of(model, code),
        "changes": area_changes(model, code),
        "headlines": area_headlines(model.index, areas, code),
        # A neighbour average's name holds its council's ("Leicestershire's statistical neighbours"):
        # its measures get no search headings, so a search for the council's measure finds the council.
        "search_headings": area["type"] != STATISTICAL_NEIGHBOUR_AVERAGE,
        "themes": themes,
        "reports": reports,
        "figure_count": len(own),
    }
    return Page(addresses.area_page(code), "authority.md.j2", {"area": context})


def authority_pages(model: Model) -> Iterator[Page]:
    """One page per area with figures, then the index; one at a time (see pages.report_pages)."""
    areas = model.registry.area
    with_data = sorted(model.index.by_authority)
    for code in with_data:
        yield LaterPage(addresses.area_page(code), partial(authority_page, model, code))
    regions: dict[str, list[dict]] = {}
    for code in with_data:
        regions.setdefault(region_group(areas, code), []).append({"code": code, "name": areas[code]["name"]})
    groups = [
        {"label": label, "areas": sorted(regions[label], key=lambda a: a["name"])}
        for label in sorted(regions, key=group_order)
    ]
    yield Page(addresses.AREAS_INDEX, "authorities_index.md.j2", {"groups": groups})
