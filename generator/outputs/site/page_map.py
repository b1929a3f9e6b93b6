"""Every page of the site and the navigation that groups them, from the model.

Navigation is nested (authorities by region, indicators by theme) because Material for MkDocs puts a
page's siblings into every page: one flat section of a thousand pages makes the build quadratic.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from generator.core.vocabulary import THEME_LABELS
from generator.model.tidy import Model
from generator.outputs.site import addresses
from generator.outputs.site.area_groups import OTHER, group_order, region_group
from generator.outputs.site.page import Page
from generator.outputs.site.pages.authority import authority_pages
from generator.outputs.site.pages.discrepancies import discrepancy_page
from generator.outputs.site.pages.home import home_page
from generator.outputs.site.pages.indicator import indicator_pages
from generator.outputs.site.pages.official_check import official_check_page
from generator.outputs.site.pages.report import report_pages, report_sort_key
from generator.outputs.site.pages.revisions import revisions_page

ABOUT_PAGES = [
    ("About", "about.md"),
    ("Methodology", "methodology.md"),
    ("Data and downloads", "data.md"),
    ("Data addresses", addresses.DATA_ADDRESSES),
    ("Where reports disagree", addresses.DISCREPANCIES),
    ("Reports against official statistics", addresses.OFFICIAL_CHECK),
    ("Revisions", addresses.REVISIONS),
    ("Glossary", addresses.GLOSSARY),
    ("Publish your data", "publish-your-data.md"),
    ("Accessibility statement", "accessibility.md"),
]


def page_groups(model: Model, content: Path) -> list[Callable[[], Iterable[Page]]]:
    """Every generated page, in parts that need nothing from each other (render.write_pages puts
    them on every core); each part makes its pages as they are asked for: write each before making
    the next. Together, in this order, they are all_pages."""
    return [
        lambda: [home_page(model, content)],
        partial(report_pages, model, content),
        partial(authority_pages, model),
        partial(indicator_pages, model),
        lambda: [discrepancy_page(model), official_check_page(model), revisions_page(model)],
    ]


def all_pages(model: Model, content: Path) -> Iterator[Page]:
    """Every generated page, made as it is asked for: write each before making the next."""
    for group in page_groups(model, content):
        yield from group()


# The navigation is written as JSON and read as YAML, which allows a key at most 1,024 characters.
# Titles are at most 1,000 (checks/title_length.py), but escaping can make one six times longer
# (& is &amp;, and JSON doubles a backslash), so a menu entry longer than this is cut short.
NAV_TITLE_CHARS = 1_000


def _written_length(escaped: str) -> int:
    return len(json.dumps(escaped, ensure_ascii=False)) - 2


def _title(text: object) -> str:
    """MkDocs themes insert navigation titles (and page <title>s) into HTML without escaping."""
    words = " ".join(str(text).split())
    escaped = html.escape(words, quote=True)
    if _written_length(escaped) <= NAV_TITLE_CHARS:
        return escaped
    while _written_length(escaped) > NAV_TITLE_CHARS - 1:  # only for a title full of & < > " or backslashes
        words = words[: len(words) - max(1, (_written_length(escaped) - NAV_TITLE_CHARS) // 6)]
        escaped = html.escape(words, quote=True)
    return escaped + "…"


def _reports_by_area(model: Model) -> list:
    """Reports under region, then the council they are about (their first area), newest first:
    at England scale a flat list of every report would be rendered into every report page."""
    areas = model.registry.area
    grouped: dict[str, dict[str, list]] = {}
    for package in sorted(model.packages, key=report_sort_key, reverse=True):
        codes = [c for c in package.metadata.authorities if c in areas]
        code = codes[0] if codes else ""
        region = _title(region_group(areas, code))
        council = _title(areas[code]["name"]) if code else OTHER
        # Under its council's heading a report needs no "Leicestershire: " in front of its title.
        name = str(areas[code]["name"]) if code else ""
        title = package.title.removeprefix(f"{name}: ") if name else package.title
        grouped.setdefault(region, {}).setdefault(council, []).append(
            {_title(title): addresses.report_page(package.name)}
        )
    return [
        {region: [{council: grouped[region][council]} for council in sorted(grouped[region])]}
        for region in sorted(grouped, key=group_order)
    ]


def navigation(model: Model) -> list:
    areas, indicators = model.registry.area, model.registry.indicators
    reports = _reports_by_area(model)
    by_region: dict[str, list] = {}
    for code in sorted(set(model.observations["authority_code"]), key=lambda c: (areas[c]["name"], c)):
        by_region.setdefault(_title(region_group(areas, code)), []).append(
            {_title(areas[code]["name"]): addresses.area_page(code)}
        )
    regions = [{g: by_region[g]} for g in sorted(by_region, key=group_order)]
    used = set(model.observations["indicator_id"])
    themes = []
    for theme, label in THEME_LABELS.items():
        ids = sorted(
            (i for i in used if indicators.loc[i, "theme"] == theme),
            key=lambda i: (indicators.loc[i, "title"], i),
        )
        if ids:
            themes.append(
                {label: [{_title(indicators.loc[i, "title"]): addresses.indicator_page(i)} for i in ids]}
            )
    return [
        {"Home": addresses.HOME},
        {"Reports": [addresses.REPORTS_INDEX, *reports]},
        {"Authorities": [addresses.AREAS_INDEX, *regions]},
        {"Indicators": [addresses.INDICATORS_INDEX, *themes]},
        {"About": [{title: path} for title, path in ABOUT_PAGES]},
    ]
