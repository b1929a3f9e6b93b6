"""Which pages the site has and what each one shows: the one place that maps the model to pages.

Python builds plain data here (strings already formatted and escaped); templates only lay it out.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .charts import Chart, build_chart
from .figure_index import Figure
from .key_figures import key_figures
from .model import Model
from .packages import Package
from .periods import resolve_period
from .registry import THEME_LABELS
from .series import area_series, main_period_class, whole_area, with_value
from .text import format_value, markdown_text, unit_label


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder
    template: str
    context: dict


def meeting_label(package: Package) -> str:
    meeting = package.descriptor.get("meeting_date")
    if not meeting:
        return "not stated in the report"
    return resolve_period(str(meeting)).label


THEME_ORDER = {theme: i for i, theme in enumerate(THEME_LABELS)}


def _comparison_key(f: Figure) -> tuple[str, str, str, str]:
    return (f.indicator_id, f.period, f.breakdown_dimension, f.breakdown_category)


def _comparators(rows: list[Figure]) -> dict[int, str]:
    """For each council's own figure, the England, region and neighbour figures quoted beside it."""
    quoted: dict[tuple, list[str]] = {}
    for r in rows:
        if r.is_comparator:
            quoted.setdefault(_comparison_key(r), []).append(
                f"{markdown_text(r.authority_name)} {format_value(r.value, r.unit, r.marker, r.flag)}"
            )
    if not quoted:
        return {}
    return {
        r.Index: "; ".join(quoted[key])
        for r in rows
        if not r.is_comparator and (key := _comparison_key(r)) in quoted
    }


def table_order(r: Figure) -> tuple:
    """The order of every figures table (and of each page's data files): theme, measure, time."""
    return (
        THEME_ORDER[r.theme],
        r.indicator_title,
        r.breakdown,
        r.period_start,
        r.period_end,
        r.is_comparator,
        r.authority_name,
    )


def figure_rows(rows: list[Figure], *, with_source: bool = False) -> list[dict]:
    comparators = _comparators(rows)
    result = []
    for r in sorted(rows, key=table_order):
        value = format_value(r.value, r.unit, r.marker, r.flag)
        if r.numerator and r.denominator:
            value += f" ({_count(r.numerator)} of {_count(r.denominator)})"
        elif r.numerator:
            value += f" ({_count(r.numerator)})"
        result.append(
            {
                "area": markdown_text(r.authority_name),
                "indicator": markdown_text(r.indicator_title),
                "indicator_id": r.indicator_id,
                "breakdown": markdown_text(r.breakdown),
                "period": markdown_text(r.period_label),
                "value": markdown_text(value),
                "unit": markdown_text(unit_label(r.unit)),
                "target": markdown_text(format_value(r.target, r.unit) if r.target else ""),
                "comparators": comparators.get(r.Index, ""),
                "rag": {"R": "Red", "A": "Amber", "G": "Green"}.get(r.rag, ""),
                "quartile": markdown_text(r.quartile),
                "direction": markdown_text(r.direction),
                "note": markdown_text(
                    " ".join(
                        part
                        for part in (
                            r.note,
                            f"Another report gives a different value: {r.other_reports}."
                            if r.other_reports
                            else "",
                        )
                        if part
                    )
                ),
                "provenance": markdown_text(r.provenance),
                "source": markdown_text(r.source_title) if with_source else "",
                "source_package": r.source_package,
                "figure_id": r.figure_id,
                "figure_label": html.escape(figure_label(r), quote=True),
                # Revisions (revisions_page.py): the figure's latest correction, "" if none.
                "revised": r.revision_anchor,
            }
        )
    return result


def figure_label(f: Figure) -> str:
    """What a figure is, in words, for its permalink's accessible name and its citation."""
    parts = [f.indicator_title, f.authority_name, *([f.breakdown] if f.breakdown else []), f.period_label]
    return ", ".join(" ".join(str(p).split()) for p in parts)


def citation(package: Package) -> str:
    """How to cite a report: publisher (year). Title. Committee, meeting date."""
    d = package.descriptor
    meeting = str(d.get("meeting_date") or "")
    year = f" ({meeting[:4]})" if meeting else ""
    committee = str(d.get("committee") or "")
    held = ", ".join(part for part in (committee, meeting_label(package) if meeting else "") if part)
    title = package.title.rstrip(".")
    text = f"{d.get('publisher') or ''}{year}. {title}." + (
        f" {held}." if held and committee not in title else ""
    )
    return " ".join(text.split())


def _count(text: str) -> str:
    return format_value(text, "count")


def report_charts(rows: list[Figure], own_codes: list[str]) -> list[Chart]:
    """A chart for each measure the report gives for its own area at two or more like periods,
    with every other area the report quotes for it (England, neighbours) beside it."""
    whole = whole_area(rows)
    by_indicator: dict[str, list[Figure]] = {}
    for f in whole:
        by_indicator.setdefault(f.indicator_id, []).append(f)
    charts = []
    # in the order the report's valued figures first name each measure
    for indicator_id in dict.fromkeys(f.indicator_id for f in with_value(whole)):
        group = by_indicator[indicator_id]
        known = with_value(group)
        own = [f for f in known if f.authority_code in own_codes]
        if not own:
            continue
        period_class = main_period_class(own)
        if len({f.period for f in own if f.period_class == period_class}) < 2:
            continue
        others = sorted({f.authority_code for f in known} - set(own_codes))
        first = own[0]
        series = area_series(group, [*own_codes, *others], period_class)
        charts.append(
            build_chart(
                f"chart-{len(charts) + 1}",
                first.indicator_title,
                series,
                unit=first.unit,
                polarity=first.polarity,
            )
        )
    return charts


def _report_summary(content: Path, name: str) -> str:
    path = content / "reports" / f"{name}.md"
    return path.read_text(encoding="utf-8").strip() if path.is_file() else ""


def _package_context(model: Model, package: Package, content: Path) -> dict:
    d = package.descriptor
    areas = model.registry.authorities["name"]
    sources = [
        {
            "title": markdown_text(s.get("title", "")),
            "agenda_item": markdown_text(s.get("agenda_item") or ""),
            "path": str(s["path"]) if str(s.get("path") or "").startswith("https://") else "",
        }
        for s in d.get("sources", [])
    ]
    rows = model.index.by_package.get(package.name, [])
    return {
        "name": package.name,
        "title": markdown_text(package.title),
        "description": markdown_text(d.get("description") or ""),
        "publisher": markdown_text(d.get("publisher") or ""),
        "committee": markdown_text(d.get("committee") or ""),
        "meeting": meeting_label(package),
        "meeting_note": markdown_text(d.get("meeting_date_note") or ""),
        "authorities": [markdown_text(areas.get(code, code)) for code in d.get("authorities", [])],
        "sources": sources,
        "summary": _report_summary(content, package.name),
        "figures": figure_rows(rows),
        "key_figures": key_figures(rows, list(d.get("authorities", []))),
        "charts": report_charts(rows, list(d.get("authorities", []))),
        "observation_count": len(rows),
        "citation": markdown_text(citation(package)),
        "citation_attribute": html.escape(citation(package), quote=True),
    }


def report_sort_key(package: Package) -> tuple[str, str]:
    return (
        str(package.descriptor.get("meeting_date") or package.descriptor.get("report_period") or ""),
        package.name,
    )


def report_pages(model: Model, content: Path) -> Iterator[Page]:
    """One page per report, then the index; made one at a time, so that only the page being
    written is held in memory (every report's figures and charts at once took gigabytes)."""
    packages = sorted(model.packages, key=report_sort_key, reverse=True)
    for package in packages:
        context = _package_context(model, package, content)
        yield Page(f"reports/{package.name}.md", "report.md.j2", {"report": context})
    index = [
        {
            "name": p.name,
            "title": markdown_text(p.title),
            "meeting": meeting_label(p),
            "observation_count": len(model.index.by_package.get(p.name, [])),
        }
        for p in packages
    ]
    yield Page("reports/index.md", "reports_index.md.j2", {"reports": index})


def discrepancy_page(model: Model) -> Page:
    rows = model.discrepancies()
    groups = []
    for _, group in rows.groupby(
        ["authority_code", "indicator_id", "period", "breakdown_dimension", "breakdown_category"],
        sort=True,
    ):
        first = group.iloc[0]
        groups.append(
            {
                "title": markdown_text(
                    f"{first.indicator_title}, {first.authority_name}, {first.period_label}"
                    + (f", {first.breakdown}" if first.breakdown else "")
                ),
                "versions": figure_rows(list(group.itertuples(name="Figure")), with_source=True),
            }
        )
    return Page("discrepancies.md", "discrepancies.md.j2", {"groups": groups})


def home_page(model: Model, content: Path) -> Page:
    intro = (content / "index.md").read_text(encoding="utf-8").strip()
    authorities = model.registry.authorities
    councils = sorted(
        {c for c in model.observations.loc[~model.observations["is_comparator"], "authority_code"]},
        key=lambda c: (authorities.loc[c, "name"], c),
    )
    used_themes = set(model.observations["theme"])
    reports = [
        {"name": p.name, "title": markdown_text(p.title), "meeting": meeting_label(p)}
        for p in sorted(model.packages, key=report_sort_key, reverse=True)
    ]
    return Page(
        "index.md",
        "home.md.j2",
        {
            "intro": intro,
            "reports": reports,
            "observation_count": len(model.observations),
            "authorities": [{"code": c, "name": markdown_text(authorities.loc[c, "name"])} for c in councils],
            "themes": [label for theme, label in THEME_LABELS.items() if theme in used_themes],
        },
    )
