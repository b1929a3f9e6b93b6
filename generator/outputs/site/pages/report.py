"""Which pages the site has and what each one shows: the one place that maps the model to pages.

Python builds plain data here (strings already formatted and escaped); templates only lay it out.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

from generator.core.periods import resolve_period
from generator.inputs.packages import Package
from generator.model.figure_index import Figure
from generator.model.tidy import Model
from generator.outputs.site.charts import Chart, build_chart
from generator.outputs.site.figure_table import figure_rows
from generator.outputs.site.formatting import markdown_text, markdown_url
from generator.outputs.site.key_figures import key_figures
from generator.outputs.site.page import Page
from generator.outputs.site.series import area_series, main_period_class, whole_area, with_value


def meeting_label(package: Package) -> str:
    meeting = package.descriptor.get("meeting_date")
    if not meeting:
        return "not stated in the report"
    return resolve_period(str(meeting)).label


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
            "path": markdown_url(str(s["path"])) if str(s.get("path") or "").startswith("https://") else "",
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
