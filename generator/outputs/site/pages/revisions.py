"""The revisions page: every correction of a published figure, newest first, with its reason."""

from __future__ import annotations

from generator.core.periods import resolve_period
from generator.model.revisions import Revision, revision_log
from generator.model.tidy import Model
from generator.outputs.site import addresses
from generator.outputs.site.formatting import format_value
from generator.outputs.site.page import Page


def revision_row(model: Model, revision: Revision) -> dict:
    """One correction as plain text for the page; the template escapes it."""
    entry = revision.entry
    area, indicator, period, dimension, category = entry.key
    unit = str(model.registry.indicators.loc[indicator, "unit"])
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
        "old": format_value(revision.old[0], unit, revision.old[1]),
        "new": format_value(revision.new[0], unit, revision.new[1]),
        "reason": entry.reason,
    }


def revisions_page(model: Model) -> Page:
    log = revision_log(model.observations, model.packages)
    return Page(addresses.REVISIONS, "revisions.md.j2", {"revisions": [revision_row(model, r) for r in log]})
