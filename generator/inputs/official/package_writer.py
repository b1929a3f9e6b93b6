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


CALCULATED_TITLE = "Calculated by this site: statistical neighbours' averages of DfE's official statistics"
CALCULATED_DESCRIPTION = (
    "Figures the Department for Education does not publish, calculated by this site from its official "
    "statistics: for each council's official figure, the mean of its ten statistical neighbours' "
    "figures in the DfE model in force for that year (the April 2021 groupings before 2025, the 2025 "
    "model from then), as LAIT computes it. Each average is an area of its own (SNCALC- and the "
    "council's code); a note says when suppressed figures leave fewer than ten neighbours. The "
    "method is on the Methodology page."
)


def calculated_descriptor(name: str, packages: list[str], models: list[dict]) -> dict:
    return {
        "name": name,
        "title": CALCULATED_TITLE,
        "description": CALCULATED_DESCRIPTION,
        "publisher": PROJECT,
        "publication": "Calculated by this site from the Department for Education's official statistics",
        "calculated_by_this_site": True,
        "authorities": ["E92000001"],
        "meeting_date": None,
        "meeting_date_note": "calculated by this site, not a committee report",
        "licenses": [LICENCE],
        "sources": [
            *({"title": f"{PUBLISHER}: figures of the package {p}", "package": p} for p in packages),
            *(
                {
                    "title": m["title"],
                    "publisher": PUBLISHER,
                    "file": m["source_file"],
                    "sha256": m["source_sha256"],
                }
                for m in models
            ),
        ],
        "contributors": [{"title": PROJECT, "role": "wrangler"}],
        "resources": [observations_resource()],
    }


def write_descriptor_package(folder: Path, descriptor: dict, observations: list[dict[str, str]]) -> bool:
    changed = replace_file(folder / "observations.csv", csv_text(observation_fields(), observations))
    return replace_file(folder / "datapackage.json", json_text(descriptor)) or changed


def write_package(
    folder: Path, mapping: PublicationMapping, sources: list[EesFile], observations: list[dict[str, str]]
) -> bool:
    changed = replace_file(folder / "observations.csv", csv_text(observation_fields(), observations))
    descriptor = json_text(package_descriptor(mapping, sources, observations))
    return replace_file(folder / "datapackage.json", descriptor) or changed
