"""Every page of the site and the navigation that groups them, from the model.

Navigation is nested (authorities by region, indicators by theme) because Material for MkDocs puts a
page's siblings into every page: one flat section of a thousand pages makes the build quadratic.
It holds the places a reader looks things up in, not every page: a report is reached from its
council's page and the reports index, and a neighbours' average from its council's page and the
authorities index. At England scale the 1,530 reports under their councils, and an average beside
every council, were most of each page's weight, rendered again into every page.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from generator.core.vocabulary import STATISTICAL_NEIGHBOUR_AVERAGE, THEME_LABELS
from generator.model.tidy import Model
from generator.outputs.site import addresses
from generator.outputs.site.area_groups import group_order, region_group
from generator.outputs.site.page import ManyPages, Page
from generator.outputs.site.pages.authority import authority_pages
from generator.outputs.site.pages.discrepancies import discrepancy_page
from generator.outputs.site.pages.home import home_page
from generator.outputs.site.pages.indicator import indicator_pages
from generator.outputs.site.pages.official_check import official_check_page
from generator.outputs.site.pages.report import report_pages
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
        ManyPages(partial(report_pages, model, content)),
        ManyPages(partial(authority_pages, model)),
        ManyPages(partial(indicator_pages, model)),
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


def navigation(model: Model) -> list:
    areas, indicators = model.registry.area, model.registry.indicator
    by_region: dict[str, list] = {}
    listed = {
        c
        for c in model.observations["authority_code"].unique()
        if areas[c]["type"] != STATISTICAL_NEIGHBOUR_AVERAGE
    }
    for code in sorted(listed, key=lambda c: (areas[c]["name"], c)):
        by_region.setdefault(_title(region_group(areas, code)), []).append(
            {_title(areas[code]["name"]): addresses.area_page(code)}
        )
    regions = [{g: by_region[g]} for g in sorted(by_region, key=group_order)]
    used = set(model.observations["indicator_id"].unique())
    themes = []
    for theme, label in THEME_LABELS.items():
        ids = sorted(
            (i for i in used if indicators[i]["theme"] == theme),
            key=lambda i: (indicators[i]["title"], i),
        )
        if ids:
            themes.append(
                {label: [{_title(indicators[i]["title"]): addresses.indicator_page(i)} for i in ids]}
            )
    return [
        {"Home": addresses.HOME},
        {"Reports": addresses.REPORTS_INDEX},
        {"Authorities": [addresses.AREAS_INDEX, *regions]},
        {"Indicators": [addresses.INDICATORS_INDEX, *themes]},
        {"About": [{title: path} for title, path in ABOUT_PAGES]},
    ]
