"""Every page of the site and the navigation that groups them, from the model.

Navigation is nested (authorities by region, indicators by theme) because Material for MkDocs puts a
page's siblings into every page: one flat section of a thousand pages makes the build quadratic.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path

from generator.inputs.registry import THEME_LABELS
from generator.model.tidy import Model
from generator.outputs.site.page import Page
from generator.outputs.site.pages.authority import authority_pages
from generator.outputs.site.pages.discrepancies import discrepancy_page
from generator.outputs.site.pages.home import home_page
from generator.outputs.site.pages.indicator import indicator_pages
from generator.outputs.site.pages.report import report_pages, report_sort_key
from generator.outputs.site.pages.revisions import revisions_page

ABOUT_PAGES = [
    ("About", "about.md"),
    ("Methodology", "methodology.md"),
    ("Data and downloads", "data.md"),
    ("Data addresses", "data/api.md"),
    ("Where reports disagree", "discrepancies.md"),
    ("Revisions", "revisions.md"),
    ("Glossary", "glossary.md"),
    ("Publish your data", "publish-your-data.md"),
    ("Accessibility statement", "accessibility.md"),
]


def all_pages(model: Model, content: Path) -> Iterator[Page]:
    """Every generated page, made as it is asked for: write each before making the next."""
    yield home_page(model, content)
    yield from report_pages(model, content)
    yield from authority_pages(model)
    yield from indicator_pages(model)
    yield discrepancy_page(model)
    yield revisions_page(model)


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


def _region_group(model: Model, code: str) -> str:
    authorities = model.registry.authorities
    area = authorities.loc[code]
    if area["type"] in ("country", "region", "statistical_neighbour_average") or not area["region_code"]:
        return "Comparators"
    return _title(authorities.loc[area["region_code"], "name"])


def _reports_by_area(model: Model) -> list:
    """Reports under region, then the council they are about (their first area), newest first:
    at England scale a flat list of every report would be rendered into every report page."""
    authorities = model.registry.authorities
    grouped: dict[str, dict[str, list]] = {}
    for package in sorted(model.packages, key=report_sort_key, reverse=True):
        codes = [c for c in package.descriptor.get("authorities", []) if c in authorities.index]
        code = codes[0] if codes else ""
        region = _region_group(model, code) if code else "Other"
        council = _title(authorities.loc[code, "name"]) if code else "Other"
        # Under its council's heading a report needs no "Leicestershire: " in front of its title.
        name = str(authorities.loc[code, "name"]) if code else ""
        title = package.title.removeprefix(f"{name}: ") if name else package.title
        grouped.setdefault(region, {}).setdefault(council, []).append(
            {_title(title): f"reports/{package.name}.md"}
        )
    return [
        {region: [{council: grouped[region][council]} for council in sorted(grouped[region])]}
        for region in sorted(grouped, key=lambda g: (g in ("Comparators", "Other"), g))
    ]


def navigation(model: Model) -> list:
    authorities, indicators = model.registry.authorities, model.registry.indicators
    reports = _reports_by_area(model)
    by_region: dict[str, list] = {}
    for code in sorted(
        set(model.observations["authority_code"]), key=lambda c: (authorities.loc[c, "name"], c)
    ):
        area = authorities.loc[code]
        by_region.setdefault(_region_group(model, code), []).append(
            {_title(area["name"]): f"authorities/{code}.md"}
        )
    regions = [{g: by_region[g]} for g in sorted(by_region, key=lambda g: (g == "Comparators", g))]
    used = set(model.observations["indicator_id"])
    themes = []
    for theme, label in THEME_LABELS.items():
        ids = sorted(
            (i for i in used if indicators.loc[i, "theme"] == theme),
            key=lambda i: (indicators.loc[i, "title"], i),
        )
        if ids:
            themes.append({label: [{_title(indicators.loc[i, "title"]): f"indicators/{i}.md"} for i in ids]})
    return [
        {"Home": "index.md"},
        {"Reports": ["reports/index.md", *reports]},
        {"Authorities": ["authorities/index.md", *regions]},
        {"Indicators": ["indicators/index.md", *themes]},
        {"About": [{title: path} for title, path in ABOUT_PAGES]},
    ]
