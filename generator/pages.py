"""Which pages the site has and what each one shows: the one place that maps the model to pages.

Python builds plain data here (strings already formatted and escaped); templates only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .charts import Chart, build_chart
from .key_figures import key_figures
from .model import Model
from .packages import Package
from .periods import resolve_period
from .registry import THEME_LABELS
from .series import area_series, main_period_class, whole_area
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


def _comparators(rows: pd.DataFrame) -> dict[int, str]:
    """For each council's own figure, the England, region and neighbour figures quoted beside it."""
    keys = ["indicator_id", "period", "breakdown_dimension", "breakdown_category"]
    comparators = rows[rows["is_comparator"]]
    if comparators.empty:
        return {}
    quoted = {
        key: "; ".join(
            f"{markdown_text(r.authority_name)} {format_value(r.value, r.unit, r.marker, r.flag)}"
            for r in group.itertuples()
        )
        for key, group in comparators.groupby(keys, sort=False)
    }
    own = rows[~rows["is_comparator"]]
    return {
        index: quoted[key]
        for index, key in zip(own.index, own[keys].itertuples(index=False, name=None), strict=True)
        if key in quoted
    }


def figure_rows(rows: pd.DataFrame, *, with_source: bool = False) -> list[dict]:
    comparators = _comparators(rows)
    ordered = rows.assign(
        _theme=rows["theme"].map(list(THEME_LABELS).index),
    ).sort_values(
        [
            "_theme",
            "indicator_title",
            "breakdown",
            "period_start",
            "period_end",
            "is_comparator",
            "authority_name",
        ],
        kind="stable",
    )
    result = []
    for index, r in zip(ordered.index, ordered.itertuples(), strict=True):
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
                "comparators": comparators.get(index, ""),
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
                # Revisions (revisions_page.py): the figure's latest correction, "" if none.
                "revised": r.revision_anchor,
            }
        )
    return result


def _count(text: str) -> str:
    return format_value(text, "count")


def report_charts(rows: pd.DataFrame, own_codes: list[str]) -> list[Chart]:
    """A chart for each measure the report gives for its own area at two or more like periods,
    with every other area the report quotes for it (England, neighbours) beside it."""
    charts = []
    whole = whole_area(rows[rows["value"] != ""])
    for indicator_id, group in whole.groupby("indicator_id", sort=False):
        own = group[group["authority_code"].isin(own_codes)]
        if own.empty:
            continue
        period_class = main_period_class(own)
        if own.loc[own["period_class"] == period_class, "period"].nunique() < 2:
            continue
        others = sorted(set(group["authority_code"]) - set(own_codes))
        first = own.iloc[0]
        series = area_series(
            whole_area(rows[rows["indicator_id"] == indicator_id]), [*own_codes, *others], period_class
        )
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
    rows = model.observations_for_package(package.name)
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
    }


def report_sort_key(package: Package) -> tuple[str, str]:
    return (
        str(package.descriptor.get("meeting_date") or package.descriptor.get("report_period") or ""),
        package.name,
    )


def report_pages(model: Model, content: Path) -> list[Page]:
    packages = sorted(model.packages, key=report_sort_key, reverse=True)
    contexts = [_package_context(model, p, content) for p in packages]
    pages = [Page(f"reports/{c['name']}.md", "report.md.j2", {"report": c}) for c in contexts]
    pages.append(Page("reports/index.md", "reports_index.md.j2", {"reports": contexts}))
    return pages


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
                "versions": figure_rows(group, with_source=True),
            }
        )
    return Page("discrepancies.md", "discrepancies.md.j2", {"groups": groups})


def home_page(model: Model, content: Path) -> Page:
    intro = (content / "index.md").read_text(encoding="utf-8").strip()
    authorities = model.registry.authorities
    councils = sorted(
        {c for c in model.observations.loc[~model.observations["is_comparator"], "authority_code"]},
        key=lambda c: authorities.loc[c, "name"],
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
