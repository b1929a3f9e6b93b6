"""The home page: the introduction, the latest reports, the councils and the themes."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from generator.core.vocabulary import THEME_LABELS
from generator.model.tidy import Model
from generator.outputs.site import addresses
from generator.outputs.site.page import Page
from generator.outputs.site.pages.report import meeting_label, report_sort_key


def home_page(model: Model, content: Path) -> Page:
    # Hand-written Markdown in content/, reviewed like the code: shown as written, never escaped.
    intro = Markup((content / "index.md").read_text(encoding="utf-8").strip())
    authorities = model.registry.authorities
    councils = sorted(
        {c for c in model.observations.loc[~model.observations["is_comparator"], "authority_code"]},
        key=lambda c: (authorities.loc[c, "name"], c),
    )
    used_themes = set(model.observations["theme"])
    reports = [
        {"name": p.name, "title": p.title, "meeting": meeting_label(p)}
        for p in sorted(model.packages, key=report_sort_key, reverse=True)
    ]
    return Page(
        addresses.HOME,
        "home.md.j2",
        {
            "intro": intro,
            "reports": reports,
            "observation_count": len(model.observations),
            "authorities": [{"code": c, "name": authorities.loc[c, "name"]} for c in councils],
            "themes": [label for theme, label in THEME_LABELS.items() if theme in used_themes],
        },
    )
