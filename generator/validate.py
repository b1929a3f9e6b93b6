"""Validate report packages against Frictionless and our domain rules, reporting every problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .checks import CHECKS, CheckContext
from .checks.header import header_problems
from .contract import NUMBER_FIELDS, observation_fields
from .frictionless_checks import frictionless_problems
from .packages import Package, find_package_dirs, load_package
from .problems import Problem, Summary, sort_problems
from .published import read_published
from .registry import REGISTRY_DIR, Registry, load_registry


@dataclass
class Validation:
    problems: list[Problem]
    packages: list[Package]
    registry: Registry | None
    observations: pd.DataFrame
    summary: Summary

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


def observation_frame(packages: list[Package]) -> pd.DataFrame:
    """Every observation row of every package in one table of text, plus where each row came from.

    Numbers are parsed once here (``value_number`` ...) so that no check parses them again.
    """
    columns = observation_fields()
    frames = []
    for package in packages:
        for resource in package.resources:
            if header_problems(resource.file, resource.header):
                continue
            table = resource.table[columns].copy()
            table["_package"] = package.name
            table["_file"] = resource.file
            table["_row"] = range(2, len(table) + 2)
            frames.append(table)
    if not frames:
        frame = pd.DataFrame({c: pd.Series(dtype=str) for c in columns})
        frame["_package"] = frame["_file"] = pd.Series(dtype=str)
        frame["_row"] = pd.Series(dtype=int)
    else:
        frame = pd.concat(frames, ignore_index=True)
    for column in columns:
        frame[column] = frame[column].str.strip()
    for column in NUMBER_FIELDS:
        frame[f"{column}_number"] = pd.to_numeric(frame[column].where(frame[column] != ""), errors="coerce")
    return frame


def validate(
    paths: list[Path], *, root: Path, registry_parent: Path, published: Path | None = None
) -> Validation:
    """Load the registry and the packages under ``paths``, then run every check on all of them.

    ``published`` is the record of the figures as last published (published/observations.csv);
    when given and present, a figure that differs from it needs a revision note.
    """
    registry, problems = load_registry(registry_parent, root)
    published_figures = None
    if published is not None:
        published_figures, published_problems = read_published(published, root)
        problems.extend(published_problems)
    packages: list[Package] = []
    for directory in find_package_dirs(paths):
        if directory.resolve() == (registry_parent / REGISTRY_DIR).resolve():
            continue
        package, load_problems = load_package(directory, root)
        problems.extend(load_problems)
        if package is not None:
            packages.append(package)
    if registry is not None:
        problems.extend(frictionless_problems(registry.package, root))
    for package in packages:
        has_header_problem = any(header_problems(r.file, r.header) for r in package.resources)
        if package.readable and not has_header_problem:
            problems.extend(frictionless_problems(package, root))
    observations = observation_frame(packages)
    if registry is not None:
        context = CheckContext(observations, packages, registry, published_figures)
        for check in CHECKS:
            problems.extend(check.run(context))
    summary = Summary(
        packages=len(packages),
        resources=sum(len(p.resources) for p in packages),
        observations=len(observations),
    )
    return Validation(sort_problems(set(problems)), packages, registry, observations, summary)
