"""The registry package: areas, statistical neighbours and indicators every report points to."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from generator.core.problem_ids import REGISTRY
from generator.core.problems import ERROR, Problem
from generator.inputs.file_kinds import path_kind
from generator.inputs.packages import DESCRIPTOR, Package, display_path, load_package

REGISTRY_DIR = "registry"
_RESOURCES = ("authorities", "indicators", "statistical_neighbours")
# Written by `transparency import-official`; a registry without them (a copied fixture) has none.
_NATIONAL_RESOURCES = {
    "area_changes": ["predecessor_code", "successor_code", "change", "year", "description"],
    "neighbour_models": [
        "model",
        "title",
        "source_file",
        "source_sha256",
        "published",
        "in_force_from",
        "in_force_to",
    ],
    "model_neighbours": ["model", "authority_code", "rank", "neighbour_code", "band"],
    # Kept by hand: report measures whose definition is an official one (model/official_check.py).
    "official_equivalents": ["indicator_id", "official_indicator_id", "why"],
}


@dataclass
class Registry:
    package: Package
    authorities: pd.DataFrame  # indexed by code
    indicators: pd.DataFrame  # indexed by id
    neighbours: pd.DataFrame
    changes: pd.DataFrame  # area_changes: predecessor, successor, change, year
    neighbour_models: pd.DataFrame
    model_neighbours: pd.DataFrame  # each council's ten neighbours in each DfE model
    official_equivalents: pd.DataFrame  # report measure -> the official measure defined the same way

    @property
    def file(self) -> str:
        return self.package.descriptor_file

    @cached_property
    def area(self) -> dict[str, dict[str, str]]:
        """Each area's registry row by code, as plain dicts: pages look areas up tens of thousands of
        times at England scale, and a DataFrame's .loc costs far more per lookup than a dict."""
        return self.authorities.to_dict("index")

    def successors(self, code: str) -> list[str]:
        """The areas that replaced ``code`` (empty for an area no change ended)."""
        changes = self.changes
        return list(changes.loc[changes["predecessor_code"] == code, "successor_code"])

    def predecessors(self, code: str) -> list[str]:
        changes = self.changes
        return list(changes.loc[changes["successor_code"] == code, "predecessor_code"])

    @cached_property
    def indicator(self) -> dict[str, dict[str, str]]:
        """Each indicator's registry row by id, as plain dicts (see ``area``)."""
        return self.indicators.to_dict("index")


def _start(path: Path) -> Path:
    path = path.resolve()
    return path if path.is_dir() else path.parent


def find_registry(paths: list[Path], fallback: Path) -> Path | None:
    """The folder holding registry/ for the packages under ``paths``: the nearest of each path and
    the folders above it, else ``fallback`` (the project's datapackages/). So a copied datapackages/
    or a single package folder is checked against its own registry, wherever it is validated from."""
    for path in paths:
        for folder in [_start(path), *_start(path).parents]:
            if path_kind(folder / REGISTRY_DIR / DESCRIPTOR) is not None:
                return folder
    return fallback if path_kind(fallback / REGISTRY_DIR / DESCRIPTOR) is not None else None


def registry_not_found(paths: list[Path], fallback: Path, root: Path) -> Problem:
    """Where ``find_registry`` looked, and how to point at the registry instead."""
    starts = list(dict.fromkeys(display_path(_start(path), root) for path in paths))
    where = ", ".join(starts[:3]) + (f" (and {len(starts) - 3} more)" if len(starts) > 3 else "")
    return Problem(
        display_path(fallback / REGISTRY_DIR / DESCRIPTOR, root),
        None,
        None,
        "registry",
        ERROR,
        f"no registry found: there is no {REGISTRY_DIR}/{DESCRIPTOR} in {where or '.'} or any folder "
        f"above it, nor in {display_path(fallback, root)}; without it no area or indicator can be checked",
        "run the command in the project folder (the one holding datapackages/), or name the folder "
        "that holds registry/ with --registry PATH",
    )


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
        *(
            tables[name] if name in tables else pd.DataFrame(columns=columns, dtype=str)
            for name, columns in _NATIONAL_RESOURCES.items()
        ),
    )
    return registry, problems
