"""The registry package: areas, statistical neighbours and indicators every report points to."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from generator.core.problem_ids import REGISTRY
from generator.core.problems import ERROR, Problem
from generator.inputs.packages import Package, load_package

REGISTRY_DIR = "registry"
UNIT_LABELS = {
    "count": "count",
    "percent": "%",
    "rate_per_10k_0_17": "per 10,000 children aged 0–17",
    "rate_per_10k_0_18": "per 10,000 children aged 0–18",
    "rate_per_10k_0_19": "per 10,000 children and young people aged 0–19",
    "per_fte": "cases per worker",
    "days": "days",
    "weeks": "weeks",
    "score": "score",
    "gbp": "£",
    "ratio": "ratio",
    "fte": "full-time equivalent",
}
POLARITY_LABELS = {
    "higher_is_better": "higher is better",
    "lower_is_better": "lower is better",
    "no_polarity": "neither higher nor lower is better",
}
THEME_LABELS = {
    "front_door_assessment": "Front door and assessment",
    "child_protection": "Child protection",
    "children_in_care": "Children in care",
    "care_leavers": "Care leavers",
    "early_help": "Early help",
    "send": "Special educational needs and disabilities",
    "education": "Education",
    "youth_justice": "Youth justice",
    "workforce": "Workforce",
    "complaints": "Complaints and compliments",
    "safeguarding_partnership": "Safeguarding partnership",
}
_RESOURCES = ("authorities", "indicators", "statistical_neighbours")


@dataclass
class Registry:
    package: Package
    authorities: pd.DataFrame  # indexed by code
    indicators: pd.DataFrame  # indexed by id
    neighbours: pd.DataFrame

    @property
    def file(self) -> str:
        return self.package.descriptor_file

    @cached_property
    def area(self) -> dict[str, dict[str, str]]:
        """Each area's registry row by code, as plain dicts: pages look areas up tens of thousands of
        times at England scale, and a DataFrame's .loc costs far more per lookup than a dict."""
        return self.authorities.to_dict("index")

    @cached_property
    def indicator(self) -> dict[str, dict[str, str]]:
        """Each indicator's registry row by id, as plain dicts (see ``area``)."""
        return self.indicators.to_dict("index")


def load_registry(datapackages: Path, root: Path) -> tuple[Registry | None, list[Problem]]:
    directory = datapackages / REGISTRY_DIR
    package, problems = load_package(directory, root)
    if package is None:
        return None, problems
    tables = {r.name: r.table for r in package.resources}
    missing = [name for name in _RESOURCES if name not in tables]
    if missing:
        problems.append(
            Problem(
                package.descriptor_file,
                None,
                None,
                REGISTRY.id,
                ERROR,
                f"the registry has no resource named {', '.join(missing)}",
                "restore the registry's datapackage.json from the main branch",
            )
        )
        return None, problems
    registry = Registry(
        package,
        tables["authorities"].set_index("code", drop=False),
        tables["indicators"].set_index("id", drop=False),
        tables["statistical_neighbours"],
    )
    return registry, problems
