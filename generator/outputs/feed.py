"""feed.xml: an Atom feed (RFC 4287) of new reports and of corrections, so people can follow both.

ElementTree writes it, so every text from a data package is escaped by the serializer, never by
hand. Entry ids are page addresses made from package names and revision anchors, never titles, and
every date comes from the data (meeting dates, revision dates), never the clock: two builds of the
same packages give the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import MkDocsException
from mkdocs.utils.yaml import yaml_load

from generator.core.periods import resolve_period
from generator.inputs.packages import Package
from generator.model.revisions import Revision, revision_log
from generator.model.tidy import Model
from generator.outputs.site import addresses
from generator.outputs.site.revision_text import change_texts
from generator.outputs.writer import ProjectFiles

ATOM = "http://www.w3.org/2005/Atom"
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
# The date given when there is nothing at all to date the feed by (build.py uses the same day).
_NO_DATE = "2020-01-01"
# Characters XML 1.0 cannot hold at all; a stray control character in a CSV must not break the feed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class SiteSettings:
    url: str  # ends with "/"
    name: str
    directory_urls: bool

    def page(self, path: str) -> str:
        """The address MkDocs gives the page built from ``path`` (a .md file in the docs folder)."""
        return self.url + addresses.page_url(path, directory_urls=self.directory_urls)


def site_settings(config: Path) -> SiteSettings:
    """site_url and friends as MkDocs reads them (SITE_URL through !ENV, see mkdocs.yml).

    A configuration MkDocs cannot read gives the defaults here; the MkDocs step then stops the build
    with its own message, so the feed is never published with them.
    """
    try:
        with config.open("rb") as source:
            settings = yaml_load(source)
    except (OSError, MkDocsException):
        settings = {}
    url = str(settings.get("site_url") or DEFAULT_SITE_URL)
    return SiteSettings(
        url if url.endswith("/") else url + "/",
        str(settings.get("site_name") or "Children's services performance"),
        bool(settings.get("use_directory_urls", True)),
    )


def _text(value: object) -> str:
    return _NOT_XML.sub("", " ".join(str(value).split()))


def _add(parent: ET.Element, tag: str, text: object = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _text(text)
    return element


def _timestamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def _rows(model: Model, package: Package):
    """The package's rows, from the table's columns: the feed is written after the pages, once the
    figure index they were made from is let go (build.py)."""
    return model.rows_of("source_package", package.name)


def report_date(model: Model, package: Package) -> tuple[bool, str]:
    """(has a meeting, date): the meeting date, or for a report that names no meeting the last day
    of its latest figure's period, so that every entry has a date drawn from the data."""
    meeting = package.metadata.meeting_date
    if meeting:
        return True, meeting
    ends = model.observations["period_end"].to_numpy()[_rows(model, package)]
    return False, max(ends.tolist(), default=_NO_DATE)


def _report_entry(feed: ET.Element, model: Model, site: SiteSettings, package: Package, date: str) -> None:
    meta = package.metadata
    link = site.page(addresses.report_page(package.name))
    entry = _add(feed, "entry")
    _add(entry, "id", link)
    _add(entry, "title", package.title, type="text")
    _add(entry, "link", rel="alternate", type="text/html", href=link)
    _add(entry, "published", _timestamp(date))
    _add(entry, "updated", _timestamp(date))
    _add(_add(entry, "author"), "name", meta.publisher or meta.title)
    meeting = f"meeting of {resolve_period(date).label}" if meta.meeting_date else "no meeting named"
    count = len(_rows(model, package))
    committee = meta.committee or "Committee report"
    summary = f"{committee}, {meeting}: {count} figures. {meta.description}"
    _add(entry, "summary", summary.strip(), type="text")


def _revision_entry(feed: ET.Element, model: Model, site: SiteSettings, revision: Revision) -> None:
    e = revision.entry
    area, indicator, period, dimension, category = e.key
    package = model.package(e.package)
    link = f"{site.page(addresses.REVISIONS)}#{revision.anchor}"
    part = f" ({dimension}: {category})" if dimension else ""
    title = (
        f"Revised: {model.registry.indicators.loc[indicator, 'title']}, "
        f"{model.registry.authorities.loc[area, 'name']}{part}, {resolve_period(period).label}"
    )
    entry = _add(feed, "entry")
    _add(entry, "id", link)
    _add(entry, "title", title, type="text")
    _add(entry, "link", rel="alternate", type="text/html", href=link)
    _add(entry, "link", rel="related", type="text/html", href=site.page(addresses.report_page(e.package)))
    _add(entry, "published", _timestamp(e.revised_on))
    _add(entry, "updated", _timestamp(e.revised_on))
    _add(_add(entry, "author"), "name", package.metadata.publisher or package.title)
    old, new = change_texts(model, revision)
    _add(entry, "summary", f"{old} → {new}. {e.reason} From: {package.title}.", type="text")


def build_feed(model: Model, site: SiteSettings) -> bytes:
    """Newest first: reports by meeting date and corrections by date, merged; undated reports last."""
    items = []  # (undated, date, kind, name, add)
    for package in model.packages:
        dated, date = report_date(model, package)
        items.append((not dated, date, 1, package.name, package))
    for revision in revision_log(model.observations, model.packages):
        items.append((False, revision.entry.revised_on, 0, revision.anchor, revision))
    # Stable sorts, last key first: undated after dated, latest date first, corrections before
    # reports of the same day, then by name.
    items.sort(key=lambda i: (i[2], i[3]))
    items.sort(key=lambda i: i[1], reverse=True)
    items.sort(key=lambda i: i[0])
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "en"})
    _add(feed, "id", site.url)
    _add(feed, "title", site.name, type="text")
    _add(feed, "subtitle", "New council committee reports and corrections of published figures.", type="text")
    _add(feed, "link", rel="self", type="application/atom+xml", href=site.url + addresses.FEED)
    _add(feed, "link", rel="alternate", type="text/html", href=site.url)
    updated = max((i[1] for i in items), default=_NO_DATE)
    _add(feed, "updated", _timestamp(updated))
    _add(_add(feed, "author"), "name", site.name)
    _add(feed, "rights", "Figures: Open Government Licence v3.0, as published by the councils.")
    for _, date, _, _, item in items:
        if isinstance(item, Revision):
            _revision_entry(feed, model, site, item)
        else:
            _report_entry(feed, model, site, item, date)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def write(model: Model, docs: Path, project: ProjectFiles) -> None:
    (docs / addresses.FEED).write_bytes(build_feed(model, site_settings(project.config)))
