"""`transparency import-official`: sources/official/ and sources/mappings/ into the registry and
one data package per publication, written so that running it again changes no byte.

Every file is checked against sources/official/SHA256SUMS first (the files are kept verbatim), and
every figure's area and indicator against the registry, before anything is written.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from generator.inputs.official import areas as registry_areas
from generator.inputs.official import calculated
from generator.inputs.official.ees import EesFile, OfficialImportError, read_ees
from generator.inputs.official.figures import publication_observations
from generator.inputs.official.mappings import (
    REGISTRY_MAPPING,
    publication_mappings,
    read_registry_mapping,
)
from generator.inputs.official.package_writer import (
    calculated_descriptor,
    csv_text,
    replace_file,
    write_descriptor_package,
    write_package,
)

OFFICIAL = Path("sources") / "official"
MAPPINGS = Path("sources") / "mappings"
CHECKSUMS = "SHA256SUMS"


@dataclass
class ImportSummary:
    areas: int = 0
    changes: int = 0
    models: int = 0
    model_neighbours: int = 0
    packages: dict[str, int] = field(default_factory=dict)  # package -> figures
    changed: list[str] = field(default_factory=list)  # files written, relative to the root

    @property
    def figures(self) -> int:
        return sum(self.packages.values())


def _checksums(official: Path) -> dict[str, str]:
    path = official / CHECKSUMS
    if not path.is_file():
        raise OfficialImportError(f"{OFFICIAL / CHECKSUMS} is missing: the files cannot be checked")
    sums = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, _, name = line.partition("  ")
            sums[name.strip().lstrip("*")] = digest.strip()
    return sums


def _verified(official: Path, name: str, sums: dict[str, str]) -> Path:
    path = official / name
    if name not in sums:
        raise OfficialImportError(f"{OFFICIAL / name} has no line in {OFFICIAL / CHECKSUMS}")
    if not path.is_file():
        raise OfficialImportError(f"{OFFICIAL / name} is missing")
    if hashlib.sha256(path.read_bytes()).hexdigest() != sums[name]:
        raise OfficialImportError(
            f"{OFFICIAL / name} differs from its checksum in {CHECKSUMS}: the files are kept as received"
        )
    return path


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def import_official(root: Path) -> ImportSummary:
    official, mappings = root / OFFICIAL, root / MAPPINGS
    registry = root / "datapackages" / "registry"
    sums = _checksums(official)
    registry_mapping = read_registry_mapping(mappings / REGISTRY_MAPPING)
    publications = publication_mappings(mappings)
    names = sorted({*registry_mapping.area_files, *(f.file for p in publications for f in p.files)})
    files: dict[str, EesFile] = {n: read_ees(_verified(official, n, sums)) for n in names}

    seen = registry_areas.seen_areas(files, registry_mapping)
    authorities = registry_areas.authority_rows(seen, _read_csv(registry / "authorities.csv"))
    changes = registry_areas.change_rows(mappings / registry_mapping.changes, seen)
    codes = registry_areas.DfeCodes(seen)
    models, neighbours = [], []
    for model in registry_mapping.models:
        path = _verified(official, model.file, sums)
        about, rows = registry_areas.model_rows(official, model, codes, sums[path.name])
        models.append(about)
        neighbours.extend(rows)

    by_code = {row["code"]: row for row in authorities}
    indicators = {row["id"]: row for row in _read_csv(registry / "indicators.csv")}
    known_indicators = set(indicators)
    units = {i: r["unit"] for i, r in indicators.items()}
    in_force = _neighbours_by_dfe(registry_mapping.models, neighbours, by_code)
    averages: list[dict[str, str]] = []
    packages = []
    for mapping in publications:
        observations = publication_observations(mapping, files)
        for missing in sorted({o["indicator_id"] for o in observations} - known_indicators):
            raise OfficialImportError(
                f"sources/mappings/{mapping.source} maps a column to {missing!r}, which is not in "
                "datapackages/registry/indicators.csv: add it there (title, definition, unit, polarity)"
            )
        for missing in sorted({o["authority_code"] for o in observations} - set(by_code)):
            raise OfficialImportError(f"{missing} is a figure's area but not in the registry")
        calculated.add_quartiles(observations, by_code, {i: r["polarity"] for i, r in indicators.items()})
        averages.extend(
            calculated.neighbour_averages(observations, by_code, in_force, mapping.package, units)
        )
        packages.append((mapping, [files[f.file] for f in mapping.files], observations))
    for council in sorted({a["authority_code"].removeprefix(calculated.CALCULATED_PREFIX) for a in averages}):
        if calculated.calculated_code(council) not in by_code:
            authorities.append(calculated.calculated_area(by_code[council]))

    summary = ImportSummary(len(authorities), len(changes), len(models), len(neighbours))
    tables = {
        "authorities.csv": (registry_areas.AUTHORITY_FIELDS, authorities),
        "area_changes.csv": (registry_areas.CHANGE_FIELDS, changes),
        "neighbour_models.csv": (registry_areas.MODEL_FIELDS, models),
        "model_neighbours.csv": (registry_areas.NEIGHBOUR_FIELDS, neighbours),
    }
    for name, (fields, rows) in tables.items():
        if replace_file(registry / name, csv_text(fields, rows)):
            summary.changed.append(f"datapackages/registry/{name}")
    for mapping, sources, observations in packages:
        if write_package(root / "datapackages" / mapping.package, mapping, sources, observations):
            summary.changed.append(f"datapackages/{mapping.package}")
        summary.packages[mapping.package] = len(observations)
    descriptor = calculated_descriptor(calculated.PACKAGE, [p.package for p, _, _ in packages], models)
    if write_descriptor_package(root / "datapackages" / calculated.PACKAGE, descriptor, averages):
        summary.changed.append(f"datapackages/{calculated.PACKAGE}")
    summary.packages[calculated.PACKAGE] = len(averages)
    return summary


def _neighbours_by_dfe(models, neighbours: list[dict], areas: dict[str, dict]) -> list:
    """Each model with its councils' neighbours as DfE codes, nearest first."""
    found = []
    for model in models:
        lists: dict[str, list[str]] = {}
        for row in neighbours:
            if row["model"] == model.id:
                council = areas[row["authority_code"]]["dfe_code"]
                lists.setdefault(council, []).append(areas[row["neighbour_code"]]["dfe_code"])
        found.append((model, lists))
    return found
