"""The areas of a synthetic England: councils, England, the nine regions and neighbour averages.

Real councils come from the project's own registry, with their real codes and names. The rest of
England's 153 upper-tier authorities are synthetic: codes in the right GSS series (E06 unitary,
E08 metropolitan, E09 London borough, E10 county) numbered from 901, above every real code, and
names that say so ("Synthetic council 042"), so no synthetic figure can pass for a real council's.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from generator.core.vocabulary import COMBINED, COUNCIL_TYPES, COUNTRY, ENGLAND, REGION

SERIES = {"unitary": "06", "metropolitan": "08", "london_borough": "09", "county": "10"}
FIRST_SYNTHETIC_NUMBER = 901
NEIGHBOURS = 10

# The nine regions (real GSS codes) and how England's 153 upper-tier authorities divide between
# them by type, approximately as they stand in the 2020s; real councils count towards these totals.
REGIONS = {
    "E12000001": ("North East", {"metropolitan": 5, "unitary": 7}),
    "E12000002": ("North West", {"metropolitan": 15, "county": 2, "unitary": 6}),
    "E12000003": ("Yorkshire and The Humber", {"metropolitan": 9, "county": 1, "unitary": 5}),
    "E12000004": ("East Midlands", {"county": 4, "unitary": 6}),
    "E12000005": ("West Midlands", {"metropolitan": 7, "county": 3, "unitary": 4}),
    "E12000006": ("East of England", {"county": 5, "unitary": 6}),
    "E12000007": ("London", {"london_borough": 33}),
    "E12000008": ("South East", {"county": 6, "unitary": 14}),
    "E12000009": ("South West", {"county": 2, "unitary": 13}),
}
ENGLAND_AUTHORITIES = sum(sum(types.values()) for _, types in REGIONS.values())

# Children aged 0-17 by type of council, the middle of a log-normal spread.
MEDIAN_CHILDREN = {"county": 150_000, "metropolitan": 75_000, "london_borough": 60_000, "unitary": 45_000}


@dataclass(frozen=True)
class Council:
    code: str
    dfe_code: str
    name: str
    type: str
    region: str
    real: bool


@dataclass
class Areas:
    """Every area, plus what drives the synthetic figures: child population and deprivation."""

    councils: list[Council]
    regions: dict[str, dict]  # code -> registry row
    england: dict
    children: np.ndarray  # per council, aged 0-17
    deprivation: np.ndarray  # per council, 0 (least) to 1 (most deprived)
    neighbours: np.ndarray  # per council, indices of its NEIGHBOURS nearest councils

    def region_index(self) -> dict[str, int]:
        return {code: i for i, code in enumerate(sorted(self.regions))}


def read_real_areas(registry: Path) -> tuple[list[Council], dict[str, dict], dict]:
    with (registry / "authorities.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # Today's councils: not a combined area (two councils DfE reports together), nor one replaced.
    changes = registry / "area_changes.csv"
    replaced = set()
    if changes.is_file():
        with changes.open(encoding="utf-8", newline="") as handle:
            replaced = {r["predecessor_code"] for r in csv.DictReader(handle)}
    councils = [
        Council(r["code"], r["dfe_code"], r["name"], r["type"], r["region_code"], True)
        for r in rows
        if r["type"] in COUNCIL_TYPES
        and r["type"] != COMBINED
        and r["code"] not in replaced
        and r["region_code"] in REGIONS
    ]
    real_regions = {r["code"]: r for r in rows if r["type"] == REGION}
    regions = {}
    for code, (name, _) in REGIONS.items():
        row = {"code": code, "dfe_code": "", "name": name, "type": REGION, "region_code": ""}
        regions[code] = {**row, **real_regions.get(code, {}), "comparator_of": ""}
    england = next(
        (r for r in rows if r["code"] == ENGLAND),
        {"code": ENGLAND, "dfe_code": "970", "name": "England", "type": COUNTRY, "region_code": ""},
    )
    return councils, regions, {**england, "comparator_of": ""}


def _synthetic_slots(real: list[Council]) -> list[tuple[str, str]]:
    """(region, type) for each synthetic council, regions taken in turn so any prefix is spread."""
    queues = []
    for region, (_, types) in REGIONS.items():
        queue = []
        for kind, total in types.items():
            taken = sum(1 for c in real if c.region == region and c.type == kind)
            queue.extend([(region, kind)] * max(total - taken, 0))
        queues.append(queue)
    slots = []
    while any(queues):
        for queue in queues:
            if queue:
                slots.append(queue.pop(0))
    return slots


def synthetic_council(number: int, region: str, kind: str) -> Council:
    code = f"E{SERIES[kind]}{FIRST_SYNTHETIC_NUMBER - 1 + number:06d}"
    return Council(code, "", f"Synthetic council {number:03d}", kind, region, False)


def choose_councils(real: list[Council], count: int) -> list[Council]:
    """The first ``count`` councils: real ones first, then synthetic ones; beyond England's 153 the
    synthetic pattern of regions and types repeats."""
    councils = list(real[:count])
    slots = _synthetic_slots(real)
    number = 0
    while len(councils) < count:
        region, kind = slots[number % len(slots)]
        number += 1
        councils.append(synthetic_council(number, region, kind))
    return councils


def _nearest(profile: np.ndarray, k: int) -> np.ndarray:
    distance = ((profile[:, None, :] - profile[None, :, :]) ** 2).sum(axis=2)
    np.fill_diagonal(distance, np.inf)
    k = min(k, len(profile) - 1)
    # A stable sort on distance, then index, so equal distances never depend on the platform.
    return np.argsort(distance, axis=1, kind="stable")[:, :k]


def build_areas(registry: Path, count: int, rng: np.random.Generator) -> Areas:
    real, regions, england = read_real_areas(registry)
    councils = choose_councils(real, count)
    median = np.array([MEDIAN_CHILDREN[c.type] for c in councils], dtype=float)
    children = np.round(median * rng.lognormal(0.0, 0.35, len(councils)), -2)
    deprivation = rng.beta(2.0, 2.5, len(councils))
    profile = np.column_stack([np.log(children), deprivation * 4.0])
    profile = (profile - profile.mean(axis=0)) / (profile.std(axis=0) + 1e-9)
    return Areas(councils, regions, england, children, deprivation, _nearest(profile, NEIGHBOURS))
