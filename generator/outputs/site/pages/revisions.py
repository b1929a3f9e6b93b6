"""The revisions page: every correction of a published figure, newest first, with its reason."""

from __future__ import annotations

from generator.core.periods import resolve_period
from generator.model.revisions import Revision, revision_log
from generator.model.tidy import Model
from generator.outputs.site import addresses
from generator.outputs.site.page import Page
from generator.outputs.site.revision_text import change_texts


def revision_row(model: Model, revision: Revision) -> dict:
    """One correction as plain text for the page; the template escapes it."""
    entry = revision.entry
    area, indicator, period, dimension, category = entry.key
    old, new = change_texts(model, revision)
    return {
        "anchor": revision.anchor,
        "date": resolve_period(entry.revised_on).label,
        "revised_on": entry.revised_on,
        "report": entry.package,
        "report_title": model.package(entry.package).title,
        "area_code": area,
        "area": model.registry.authorities.loc[area, "name"],
        "breakdown": f"{dimension}: {category}" if dimension else "",
        "indicator_id": indicator,
        "indicator": model.registry.indicators.loc[indicator, "title"],
        "period": resolve_period(period).label,
        "old": old,
        "new": new,
        "reason": entry.reason,
    }


def revisions_page(model: Model) -> Page:
    log = revision_log(model.observations, model.packages)
    return Page(addresses.REVISIONS, "revisions.md.j2", {"revisions": [revision_row(model, r) for r in log]})
