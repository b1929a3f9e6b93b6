"""A package must say where its figures come from and under what licence, or it cannot be published."""

import datetime as dt
import re

from generator.core import limits
from generator.core.contract import OBSERVATIONS_LICENCE
from generator.core.problems import ERROR, Problem
from generator.core.visible import shown

from .base import Check, CheckContext

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _text(descriptor: dict, key: str) -> bool:
    value = descriptor.get(key)
    return isinstance(value, str) and bool(value.strip())


def _problems_for(package, known_areas) -> list[tuple[str, str]]:
    d = package.descriptor
    found: list[tuple[str, str]] = []
    # Official statistics (`transparency import-official`), and the comparators this site calculates
    # from them, went to no committee: they name the publication they come from instead.
    official = d.get("official_statistics") is True or d.get("calculated_by_this_site") is True
    for key, fix in (
        ("title", 'add "title": "<Council>: <report title> (<committee>, <date>)"'),
        ("publisher", 'add "publisher": the council or board that published the report'),
        (
            (
                "publication",
                'add "publication": the official statistics publication, as its producer names it',
            )
            if official
            else ("committee", 'add "committee": the committee the report went to, as printed')
        ),
    ):
        if not _text(d, key):
            found.append((f"'{key}' is missing or empty", fix))
    licences = d.get("licenses")
    names = (
        {lic.get("name") for lic in licences if isinstance(lic, dict)}
        if isinstance(licences, list)
        else set()
    )
    if OBSERVATIONS_LICENCE not in names:
        found.append(
            (
                "the package has no Open Government Licence v3.0 entry in 'licenses'",
                f'add "licenses": [{{"name": "{OBSERVATIONS_LICENCE}", "title": "Open Government '
                'Licence v3.0", "path": "https://www.nationalarchives.gov.uk/doc/'
                'open-government-licence/version/3/"}]',
            )
        )
    sources = d.get("sources")
    if not (
        isinstance(sources, list)
        and sources
        and all(isinstance(s, dict) and str(s.get("title") or "").strip() for s in sources)
    ):
        found.append(
            (
                "'sources' is missing, or a source has no title",
                'add "sources": [{"title": "<report title as printed>", "publisher": "...", '
                '"committee": "...", "meeting_date": "YYYY-MM-DD"}] (add "path" only if you '
                "have the report's own web address)",
            )
        )
    meeting = d.get("meeting_date")
    if meeting is None and _text(d, "meeting_date_note"):
        pass  # the report states no meeting; the note says so, and readers are told
    else:
        try:
            # Only YYYY-MM-DD: fromisoformat also reads 20200602 and 2020-W23-2, which pages cannot.
            if not (isinstance(meeting, str) and _ISO_DATE.fullmatch(meeting)):
                raise ValueError(meeting)
            day = dt.date.fromisoformat(meeting)
        except ValueError:
            found.append(
                (
                    f"'meeting_date' is {shown(meeting)}, not a date",
                    'write "meeting_date": "YYYY-MM-DD"; if the report names no meeting, write '
                    'null and explain in "meeting_date_note"',
                )
            )
        else:
            # The build dates its files by the latest meeting, in a format that ends in 2106.
            if not limits.EARLIEST_DATE <= day <= limits.LATEST_DATE:
                found.append(
                    (
                        f"'meeting_date' is {meeting}, outside "
                        f"{limits.EARLIEST_DATE} to {limits.LATEST_DATE}",
                        "check the year against the report: a committee meeting date lies in that range",
                    )
                )
    areas = d.get("authorities")
    if not (isinstance(areas, list) and areas):
        found.append(
            (
                "'authorities' is missing",
                'list the areas the report is about: "authorities": ["E10000018"]',
            )
        )
    else:
        for code in areas:
            if not isinstance(code, str) or code not in known_areas:
                found.append(
                    (
                        f"'authorities' names {shown(code)}, which is not in the registry",
                        "use ONS GSS codes from datapackages/registry/authorities.csv",
                    )
                )
    return found


def run(ctx: CheckContext):
    known = set(ctx.registry.authorities.index)
    for package in ctx.packages:
        for message, fix in _problems_for(package, known):
            yield Problem(package.descriptor_file, None, None, CHECK.id, ERROR, message, fix)


CHECK = Check(
    "package-metadata",
    "Package says where it comes from",
    "title, publisher, committee (for official statistics, the publication), meeting date, "
    "OGL-UK-3.0 licence, sources and authorities.",
    run,
)
