"""`transparency new`: a complete package skeleton, so officers start from the contract.

Its one row is an example of the layout, which the validator refuses until it is replaced, so
that a forgotten example can never be published as a figure.

The descriptor and CSV writers here are shared with `transparency import`, so a package made from a
spreadsheet is byte for byte the package a person would write with `transparency new` and an editor.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.core import limits
from generator.core.contract import LICENCE, observation_fields, observations_resource
from generator.core.errors import TransparencyError
from generator.core.terminal import printable
from generator.core.vocabulary import COMBINED
from generator.core.web_address import url_problem
from generator.inputs.file_kinds import unportable_name
from generator.inputs.packages import display_path
from generator.inputs.registry import Registry, load_registry

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The note of the one example row a new package starts with; checks/example_row.py refuses to
# publish a package that still has it, since its value (0) is no figure of any report.
EXAMPLE_NOTE = "Example row: replace it with the report's figures"


class ScaffoldError(TransparencyError):
    """Why a skeleton was not written; nothing is written when this is raised."""


@dataclass(frozen=True)
class ReportDetails:
    """What `transparency new` asks for, and what the spreadsheet template's Report sheet holds."""

    slug: str
    authority: str
    title: str
    committee: str
    meeting_date: dt.date
    publisher: str
    source_url: str | None = None


def slug_error(slug: str) -> str | None:
    """Why ``slug`` cannot name a package (its folder, its pages, its download), or None."""
    if len(slug) > limits.MAX_NAME_CHARS:
        return (
            f"the package name is {len(slug)} characters long, more than the {limits.MAX_NAME_CHARS} "
            "a package name may have (it becomes a folder and a web address)"
        )
    if SLUG.fullmatch(slug):
        return unportable_name(slug)
    return (
        f"'{printable(slug)}' is not a valid package name: use lowercase letters, digits and hyphens, "
        "e.g. leicestershire-2020-06-02-help-and-protection"
    )


def _named(registry: Registry, codes: list[str]) -> str:
    names = [f"{registry.area[c]['name']} ({c})" if c in registry.area else c for c in codes]
    return " and ".join(names)


def authority_error(authority: str, registry: Registry | None) -> str | None:
    """Why a report cannot be about ``authority``: an unknown code, a council that has been
    replaced (the message names its successors), or two councils DfE reports together."""
    if registry is not None and authority in registry.authorities.index:
        area = registry.area[authority]
        if successors := registry.successors(authority):
            last = (
                f" (its last year in DfE's statistics: {area['last_year']})" if area.get("last_year") else ""
            )
            return (
                f"'{authority}' is {area['name']}, which has been replaced{last}; a report about the "
                f"council today uses {_named(registry, successors)}"
            )
        if area["type"] == COMBINED:
            return (
                f"'{authority}' is {area['name']}, two councils DfE reports together, not a council; "
                "use the code of the council the report is about"
            )
        return None
    return (
        f"'{authority}' is not an area in datapackages/registry/authorities.csv; "
        "use the council's ONS GSS code (e.g. E10000018)"
    )


def source_url_error(source_url: str | None) -> str | None:
    if not source_url:
        return None
    if not source_url.startswith("https://"):
        return f"the source URL '{printable(source_url)}' must be an https:// address"
    if why := url_problem(source_url):
        return f"the source URL {source_url[:120]!r} {why}"
    return None


def package_descriptor(details: ReportDetails, authority_name: str) -> dict:
    meeting = details.meeting_date
    source = {
        "title": details.title,
        "publisher": details.publisher,
        "committee": details.committee,
        "meeting_date": meeting.isoformat(),
    }
    if details.source_url:
        source["path"] = details.source_url
    return {
        "name": details.slug,
        "title": f"{authority_name}: {details.title} ({details.committee}, {meeting.day} {meeting:%B %Y})",
        "description": "",
        "publisher": details.publisher,
        "authorities": [details.authority],
        "committee": details.committee,
        "meeting_date": meeting.isoformat(),
        "licenses": [LICENCE],
        "sources": [source],
        "contributors": [{"title": details.publisher, "role": "publisher"}],
        "resources": [observations_resource()],
    }


def observations_csv(rows: Iterable[dict[str, str]]) -> str:
    """The CSV text of ``rows`` in the contract's column order, as a spreadsheet saves CSV UTF-8."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=observation_fields(), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**dict.fromkeys(observation_fields(), ""), **row})
    return buffer.getvalue()


def write_package_files(target: Path, descriptor: dict, observations: str) -> None:
    target.mkdir(parents=True)
    (target / "datapackage.json").write_text(
        json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (target / "observations.csv").write_text(observations, encoding="utf-8")


def _example_row(authority: str, meeting: dt.date) -> dict[str, str]:
    return {
        "authority_code": authority,
        "indicator_id": "cp_plans",
        "period": meeting.isoformat(),
        "value": "0",
        "note": EXAMPLE_NOTE,
        "provenance": "para 1",
    }


def scaffold_package(
    datapackages: Path,
    slug: str,
    *,
    authority: str,
    title: str,
    committee: str,
    meeting_date: str,
    publisher: str,
    source_url: str | None = None,
) -> Path:
    if error := slug_error(slug):
        raise ScaffoldError(error)
    target = datapackages / slug
    if target.exists():
        where = display_path(target, datapackages.parent)
        raise ScaffoldError(f"{where} already exists; choose another name (nothing was changed)")
    try:
        meeting = dt.date.fromisoformat(meeting_date)
    except ValueError:
        raise ScaffoldError(f"--meeting-date '{meeting_date}' is not a date like 2020-06-02") from None
    registry, _ = load_registry(datapackages, datapackages.parent)
    if error := authority_error(authority, registry) or source_url_error(source_url):
        raise ScaffoldError(error)
    details = ReportDetails(slug, authority, title, committee, meeting, publisher, source_url)
    descriptor = package_descriptor(details, registry.authorities.loc[authority, "name"])
    write_package_files(target, descriptor, observations_csv([_example_row(authority, meeting)]))
    return target
