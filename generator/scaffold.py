"""`transparency new`: a complete, valid package skeleton, so officers start from the contract."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

from .contract import LICENCE, observation_fields, observations_resource
from .registry import load_registry

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class ScaffoldError(Exception):
    """Why a skeleton was not written; nothing is written when this is raised."""


def _example_row(authority: str, meeting: dt.date) -> dict[str, str]:
    row = dict.fromkeys(observation_fields(), "")
    row.update(
        authority_code=authority,
        indicator_id="cp_plans",
        period=meeting.isoformat(),
        value="0",
        note="Example row: replace it with the report's figures",
        provenance="para 1",
    )
    return row


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
    if not SLUG.fullmatch(slug):
        raise ScaffoldError(
            f"'{slug}' is not a valid package name: use lowercase letters, digits and hyphens, "
            "e.g. leicestershire-2020-06-02-help-and-protection"
        )
    target = datapackages / slug
    if target.exists():
        raise ScaffoldError(f"{target} already exists; choose another name (nothing was changed)")
    try:
        meeting = dt.date.fromisoformat(meeting_date)
    except ValueError:
        raise ScaffoldError(f"--meeting-date '{meeting_date}' is not a date like 2020-06-02") from None
    registry, _ = load_registry(datapackages, datapackages.parent)
    if registry is None or authority not in registry.authorities.index:
        raise ScaffoldError(
            f"'{authority}' is not an area in datapackages/registry/authorities.csv; "
            "use the council's ONS GSS code (e.g. E10000018)"
        )
    if source_url and not source_url.startswith("https://"):
        raise ScaffoldError("--source-url must be an https:// address")
    name = registry.authorities.loc[authority, "name"]
    source = {
        "title": title,
        "publisher": publisher,
        "committee": committee,
        "meeting_date": meeting.isoformat(),
    }
    if source_url:
        source["path"] = source_url
    descriptor = {
        "name": slug,
        "title": f"{name}: {title} ({committee}, {meeting.day} {meeting:%B %Y})",
        "description": "",
        "publisher": publisher,
        "authorities": [authority],
        "committee": committee,
        "meeting_date": meeting.isoformat(),
        "licenses": [LICENCE],
        "sources": [source],
        "contributors": [{"title": publisher, "role": "publisher"}],
        "resources": [observations_resource()],
    }
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=observation_fields(), lineterminator="\n")
    writer.writeheader()
    writer.writerow(_example_row(authority, meeting))
    target.mkdir(parents=True)
    (target / "datapackage.json").write_text(
        json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (target / "observations.csv").write_text(buffer.getvalue(), encoding="utf-8")
    return target
