"""Which pages the site has and what each one shows: the one place that maps the model to pages.

Python builds plain data here (values formatted, never escaped); templates lay it out and escape it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from markdown.extensions.toc import slugify, unique
from markupsafe import Markup

from generator.core.periods import resolve_period
from generator.core.vocabulary import THEME_LABELS
from generator.inputs.file_kinds import NotAFile, read_file_bytes
from generator.inputs.packages import Package
from generator.model.figure_index import Figure
from generator.model.tidy import Model
from generator.outputs.safe_markdown import safe_markdown
from generator.outputs.site import addresses, reads
from generator.outputs.site.charts import Chart, build_chart
from generator.outputs.site.figure_table import figure_rows, permalink_names, shown_columns
from generator.outputs.site.key_figures import key_figures
from generator.outputs.site.page import LaterPage, Page
from generator.outputs.site.series import (
    area_series,
    comparable,
    main_period_class,
    whole_area,
    with_value,
)


def meeting_label(package: Package) -> str:
    meeting = package.metadata.meeting_date
    if not meeting and package.metadata.publication:
        return "official statistics, no committee meeting"
    if not meeting:
        return "not stated in the report"
    return resolve_period(meeting).label


def citation(package: Package) -> str:
    """How to cite a report: publisher (year). Title. Committee, meeting date."""
    meta = package.metadata
    meeting = meta.meeting_date
    year = f" ({meeting[:4]})" if meeting else ""
    committee = meta.committee
    held = ", ".join(part for part in (committee, meeting_label(package) if meeting else "") if part)
    title = package.title.rstrip(".")
    text = f"{meta.publisher}{year}. {title}." + (f" {held}." if held and committee not in title else "")
    return " ".join(text.split())


def report_charts(rows: list[Figure], own_codes: list[str]) -> list[Chart]:
    """A chart for each measure the report gives for its own area at three or more like periods
    (two are a change, which its key figures state),
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
        own = [f for f in comparable(known) if f.authority_code in own_codes]
        if not own:
            continue
        period_class = main_period_class(own)
        if len({f.period for f in own if f.period_class == period_class}) < 3:
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


def chart_headings(charts: list[Chart]) -> list[str]:
    """Each chart's heading's id: the one its Markdown heading had (Python-Markdown's, as toc makes
    it), so links to a chart still arrive. The headings are HTML, not Markdown, so the table of
    contents lists the report's sections, not each chart: a report's eleven "... over time" entries
    and their permanent-link marks were a twentieth of its page (issue 15: 60 KB for the median)."""
    used: set[str] = set()
    return [unique(slugify(f"{chart.title} over time", "-"), used) for chart in charts]


# A release with more figures than this (an official statistics package: every council, every year)
# is summarised on its page, measure by measure, and its figures are left to the data files: a page
# listing 8,000 figures weighed 7 MB.
LISTED_FIGURES = 1_000


def release_summary(rows: list[Figure]) -> list[dict]:
    """For each measure of a large release: its areas, periods, figures and suppressed cells."""
    by_indicator: dict[str, list[Figure]] = {}
    for f in rows:
        by_indicator.setdefault(f.indicator_id, []).append(f)
    summary = []
    for indicator_id, group in by_indicator.items():
        periods = sorted({(f.period_end, f.period_label) for f in group})
        summary.append(
            {
                "indicator": group[0].indicator_title,
                "page": addresses.indicator_page(indicator_id),
                "areas": len({f.authority_code for f in group}),
                "periods": f"{periods[0][1]} to {periods[-1][1]}" if len(periods) > 1 else periods[0][1],
                "figures": len(group),
                "markers": sum(1 for f in group if f.marker and not f.value),
            }
        )
    return summary


def official_figures(model: Model, package: str) -> Callable[[Figure], list[Figure]]:
    """For a report's figure, the official figure of the same area, measure and period, as the
    reviewed equivalents pair them (model/official_check.py); none for a figure without one."""
    mine = model.official_comparisons_of(package)
    wanted = dict(zip(mine["figure_id"], mine["official_figure_id"], strict=True))
    by_id = {
        f.figure_id: f for name in set(mine["official_package"]) for f in model.index.by_package.get(name, [])
    }

    def lookup(figure: Figure) -> list[Figure]:
        found = by_id.get(wanted.get(figure.figure_id, ""))
        return [found] if found is not None else []

    return lookup


def _in_sentence(label: str) -> str:
    """A theme inside a sentence: "children in care", and "special educational needs"."""
    return label[:1].lower() + label[1:]


def reported_measures(model: Model) -> set[str]:
    """The nationally defined measures committee reports on this site give: what a reader may
    look for in another report (not the measures only official releases publish)."""
    obs = model.observations
    names = [p.name for p in model.packages if not p.metadata.publication]
    used = set(obs.loc[obs["source_package"].isin(names) & (obs["value"] != ""), "indicator_id"])
    indicators = model.registry.indicators
    return {i for i in used if indicators.loc[i, "national_definition"] != ""}


def not_given(model: Model, package: Package, rows: list[Figure], reported: set[str]) -> dict:
    """What a reader may look for in a report and not find: the site's themes it gives no figure
    on, and, for a committee report, the nationally defined measures of the themes it covers that
    other reports here give and it does not. Derived from the report's valued figures, so "no
    figure for the average social worker caseload" is only said when it is true."""
    valued = with_value(rows)
    themes = {f.theme for f in valued}
    given = {f.indicator_id for f in valued}
    missing = [] if package.metadata.publication else sorted(reported - given)
    indicator = model.registry.indicator  # plain dicts: a pandas lookup per measure was most of this
    by_theme: dict[str, list[str]] = {}
    for i in sorted(missing, key=lambda i: indicator[i]["title"]):
        if indicator[i]["theme"] in themes:
            by_theme.setdefault(indicator[i]["theme"], []).append(indicator[i]["title"])
    return {
        "themes": [_in_sentence(label) for t, label in THEME_LABELS.items() if t not in themes],
        "measures": [
            {"theme": label, "measures": by_theme[t]} for t, label in THEME_LABELS.items() if t in by_theme
        ],
    }


def _report_summary(content: Path, name: str) -> Markup:
    """Our summary of the report, as written in a pull request: its markup made safe (safe_markdown),
    so it is trusted Markdown from here on."""
    reads.note(reads.key("summary", name))
    try:
        text = read_file_bytes(content / "reports" / f"{name}.md").decode("utf-8-sig")
    except NotAFile:
        return Markup("")  # no summary: the page shows the package's description
    return Markup(safe_markdown(text.strip()))


def _package_context(model: Model, package: Package, content: Path, reported: set[str]) -> dict:
    meta = package.metadata
    areas = model.registry.authorities["name"]
    sources = [
        {
            "title": s.title,
            "agenda_item": s.agenda_item,
            "path": s.web_address,
            "file": s.file,
            "sha256": s.sha256,
            "package": s.package if s.package and model.has_package(s.package) else "",
        }
        for s in meta.sources
    ]
    rows = model.index.by_package.get(package.name, [])
    large = len(rows) > LISTED_FIGURES
    own = [f for f in rows if f.authority_code in meta.authorities] if large else rows
    figures = [] if large else figure_rows(rows)
    figure_names = permalink_names(figures)  # and each row's named_by
    return {
        "name": package.name,
        "title": package.title,
        "description": meta.description,
        "publisher": meta.publisher,
        "committee": meta.committee,
        "publication": meta.publication,
        "meeting": meeting_label(package),
        "meeting_note": meta.meeting_date_note,
        # each with its page, which only an area with figures has
        "authorities": [
            {"name": areas.get(code, code), "code": code, "page": code in model.index.by_authority}
            for code in meta.authorities
        ],
        # Reports are not in the navigation (page_map.py): the page leads back to its council's,
        # which lists all its reports. An official release covers every council: no list of them.
        "councils": []
        if meta.publication
        else [
            {"code": c, "name": areas[c]}
            for c in meta.authorities
            if c in areas and c in model.index.by_authority
        ],
        "sources": sources,
        "summary": _report_summary(content, package.name),
        "figures": figures,
        "figure_names": figure_names,
        "columns": {
            "compared": any(shown_columns(figures, ("comparators", "assessment")).values()),
            "area": len({f["area"] for f in figures}) > 1,
        },
        "release_summary": release_summary(rows) if large else [],
        "key_figures": key_figures(own, list(meta.authorities), official_figures(model, package.name)),
        "charts": (charts := report_charts(own, list(meta.authorities))),
        "chart_headings": chart_headings(charts),
        "not_given": not_given(model, package, rows, reported) if rows else None,
        "observation_count": len(rows),
        "citation": citation(package),
    }


def _sorted_text(values: set[str]) -> str:
    return "\n".join(sorted(values))


def _report_page(model: Model, package: Package, content: Path, reported: set[str]) -> Page:
    context = _package_context(model, package, content, reported)
    return Page(addresses.report_page(package.name), "report.md.j2", {"report": context})


def report_sort_key(package: Package) -> tuple[str, str]:
    return (package.metadata.meeting_date or package.metadata.report_period, package.name)


def report_pages(model: Model, content: Path) -> Iterator[Page]:
    """One page per report, then the index; made one at a time, so that only the page being
    written is held in memory (every report's figures and charts at once took gigabytes)."""
    packages = sorted(model.packages, key=report_sort_key, reverse=True)
    reported = reads.derived("reported-measures", partial(reported_measures, model), _sorted_text)
    for package in packages:
        make = partial(_report_page, model, package, content, reported)
        yield LaterPage(addresses.report_page(package.name), make)
    index = [
        {
            "name": p.name,
            "title": p.title,
            "meeting": meeting_label(p),
            "observation_count": len(model.index.by_package.get(p.name, [])),
        }
        for p in packages
    ]
    yield Page(addresses.REPORTS_INDEX, "reports_index.md.j2", {"reports": index})
