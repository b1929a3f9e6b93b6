"""Write a package or a registry table so that the same input gives the same bytes every time.

JSON in a fixed key order and a final newline; CSV with "\\n" line ends and minimal
quoting. A file is replaced by renaming a finished copy over it, so an interrupted import leaves
either the old file or the new one.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from generator.core.contract import LICENCE, observation_fields, observations_resource
from generator.inputs.official.ees import EesFile
from generator.inputs.official.mappings import PublicationMapping

PUBLISHER = "Department for Education"
PROJECT = "Children's Services Transparency project"
OFFICIAL_FOLDER = "sources/official"


def csv_text(fields: Sequence[str], rows: Iterable[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fields), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue()


def json_text(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def replace_file(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` unless it already holds it; True when the file changed."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(f".{path.name}.importing")
    scratch.write_bytes(data)
    os.replace(scratch, path)
    return True


def package_descriptor(
    mapping: PublicationMapping, sources: list[EesFile], observations: list[dict[str, str]]
) -> dict:
    areas = sorted({o["authority_code"] for o in observations})
    return {
        "name": mapping.package,
        "title": mapping.title,
        "description": mapping.description,
        "publisher": PUBLISHER,
        "publication": mapping.publication,
        "official_statistics": True,
        "authorities": ["E92000001"] if "E92000001" in areas else areas[:1],
        "meeting_date": None,
        "meeting_date_note": "official statistics, published by the Department for Education, not a "
        "committee report",
        "licenses": [LICENCE],
        "sources": [
            {
                "title": f"{PUBLISHER}, {mapping.publication}: {source.name}",
                "publisher": PUBLISHER,
                "file": f"{OFFICIAL_FOLDER}/{source.name}",
                "sha256": source.sha256,
                "mapping": f"sources/mappings/{mapping.source}",
            }
            for source in sources
        ],
        "contributors": [
            {"title": PUBLISHER, "role": "publisher"},
            {"title": PROJECT, "role": "wrangler"},
        ],
        "resources": [observations_resource()],
    }


def write_package(
    folder: Path, mapping: PublicationMapping, sources: list[EesFile], observations: list[dict[str, str]]
) -> bool:
    changed = replace_file(folder / "observations.csv", csv_text(observation_fields(), observations))
    descriptor = json_text(package_descriptor(mapping, sources, observations))
    return replace_file(folder / "datapackage.json", descriptor) or changed
