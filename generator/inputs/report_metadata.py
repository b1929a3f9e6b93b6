"""What a report package says about its report, read once from datapackage.json into plain types.

Pages, the feed, the data files, the model and the diff all read this, never the descriptor dict,
so a field is interpreted in one place. Reading never fails: a field of the wrong shape is read as
empty here, and validation (checks/package_metadata.py, checks/revision_notes.py) tells the
publisher what is wrong with it; nothing is published from a package with errors.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.core.web_address import url_problem
from generator.inputs.revision_notes import RevisionEntry, read_entries


@dataclass(frozen=True)
class Source:
    title: str
    path: str  # the report's own web address, "" when the package gives none
    agenda_item: str
    file: str = ""  # official statistics: the file in the repository the figures were read from
    sha256: str = ""  # and its checksum
    package: str = ""  # figures calculated here: the package of the figures they were calculated from

    @property
    def web_address(self) -> str:
        """The path, when it is a plain http(s) address a page may link to (source-url refuses
        any other, so a valid package has either this or no path)."""
        return self.path if self.path and url_problem(self.path) is None else ""


@dataclass(frozen=True)
class Contributor:
    title: str
    role: str


@dataclass(frozen=True)
class Licence:
    name: str
    title: str
    path: str


@dataclass(frozen=True)
class ReportMetadata:
    title: str  # the package's name when it has no title
    description: str
    publisher: str
    committee: str
    publication: str  # official statistics: the publication, where a report names its committee
    meeting_date: str  # YYYY-MM-DD, or "" when the report names no meeting
    meeting_date_note: str  # why there is no meeting date, as the package explains it
    report_period: str
    authorities: tuple[str, ...]  # the areas the report is about, as registry codes
    sources: tuple[Source, ...]
    contributors: tuple[Contributor, ...]
    licences: tuple[Licence, ...]
    revisions: tuple[RevisionEntry, ...]  # the well-formed revision notes, in the package's order
    # A DfE release, the official side of a cross-check; not this site's own calculations from it.
    official: bool = False


def _text(value: object) -> str:
    return str(value or "")


def _items(value: object, kind: type) -> list:
    """The entries of a list field that have the expected type; none when it is not a list."""
    return [item for item in value if isinstance(item, kind)] if isinstance(value, list) else []


def read_report_metadata(name: str, file: str, descriptor: dict) -> ReportMetadata:
    """``file`` is the descriptor's path for messages about its revision notes."""
    d = descriptor
    return ReportMetadata(
        title=str(d.get("title") or name),
        description=_text(d.get("description")),
        publisher=_text(d.get("publisher")),
        committee=_text(d.get("committee")),
        publication=_text(d.get("publication"))
        if d.get("official_statistics") is True or d.get("calculated_by_this_site") is True
        else "",
        official=d.get("official_statistics") is True,
        meeting_date=_text(d.get("meeting_date")),
        meeting_date_note=_text(d.get("meeting_date_note")),
        report_period=_text(d.get("report_period")),
        authorities=tuple(_items(d.get("authorities"), str)),
        sources=tuple(
            Source(
                _text(s.get("title")),
                _text(s.get("path")),
                _text(s.get("agenda_item")),
                _text(s.get("file")),
                _text(s.get("sha256")),
                _text(s.get("package")),
            )
            for s in _items(d.get("sources"), dict)
        ),
        contributors=tuple(
            Contributor(_text(c.get("title")), _text(c.get("role")))
            for c in _items(d.get("contributors"), dict)
        ),
        licences=tuple(
            Licence(_text(lic.get("name")), _text(lic.get("title")), _text(lic.get("path")))
            for lic in _items(d.get("licenses"), dict)
        ),
        revisions=tuple(read_entries(name, file, d)[0]),
    )
