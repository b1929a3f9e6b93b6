"""Validate report packages against Frictionless and our domain rules, reporting every problem."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from generator.core.background import in_background
from generator.core.contract import NUMBER_FIELDS, observation_fields, with_observation_schema
from generator.core.memory import collector_spared, kept_for_the_build
from generator.core.numbers import plain_numbers
from generator.core.problems import Problem, Summary, cap_problems, sort_problems
from generator.inputs.many_tables import stack
from generator.inputs.package_files import find_packages, forget_resolved
from generator.inputs.packages import Package, Resource, load_packages
from generator.inputs.published import read_published
from generator.inputs.registry import REGISTRY_DIR, Registry, find_registry, load_registry, registry_not_found
from generator.validation.checks import CHECKS, CheckContext
from generator.validation.checks.header import header_problems
from generator.validation.frictionless.batch import frictionless_batch
from generator.validation.joined import joined, may_need_stripping


@dataclass
class Validation:
    problems: list[Problem]
    packages: list[Package]
    registry: Registry | None
    observations: pd.DataFrame
    summary: Summary

    @property
    def errors(self) -> list[Problem]:
        """The errors listed (at most limits.MAX_LISTED_PROBLEMS problems are)."""
        return [p for p in self.problems if p.is_error]

    @property
    def error_count(self) -> int:
        """Every error found, listed or not."""
        return sum(p.stands_for for p in self.errors) + self.summary.unlisted_errors

    @property
    def ok(self) -> bool:
        return self.error_count == 0


def _stripped(values: list, text: str | None) -> pd.Series:
    """The cells without whitespace at either end; ``text`` is joined(values). One pass over the
    joined cells tells whether a column needs stripping at all."""
    clean = text is not None and not may_need_stripping(text)  # not all text: strip what is
    return pd.Series(
        values if clean else [v.strip() if isinstance(v, str) else v for v in values], dtype="str"
    )


@dataclass(frozen=True)
class Stacked:
    """Every row of every report resource whose header is the contract's, in one table of cells as
    read (not stripped), and which resources those are, in order."""

    parts: list[tuple[str, Resource]]
    table: pd.DataFrame
    # Each column's cells joined by NUL (joined.py), once observation_frame has made them.
    texts: dict[str, str] = field(default_factory=dict)


def stacked_rows(packages: list[Package]) -> Stacked:
    """The tables are glued together once and then read column by column: copying and extending
    1,500 small DataFrames one by one took seconds at England scale. Tables read in one pass
    (many_tables.py) are taken out of it together."""
    columns = observation_fields()
    parts = [
        (package.name, resource)
        for package in packages
        for resource in package.resources
        if not header_problems(resource.file, resource.header)
    ]
    return Stacked(parts, stack([r.part for _, r in parts], columns))


def observation_frame(packages: list[Package], stacked: Stacked | None = None) -> pd.DataFrame:
    """Every observation row of every package in one table of text, plus where each row came from.

    Numbers are parsed once here (``value_number`` ...) so that no check parses them again.
    ``stacked`` is stacked_rows(packages), when already made.
    """
    columns = observation_fields()
    if stacked is None:
        stacked = stacked_rows(packages)
    parts, table = stacked.parts, stacked.table
    cells = {column: table[column].tolist() for column in columns}
    texts = {column: joined(values) for column, values in cells.items()}
    frame = pd.DataFrame({column: _stripped(cells[column], texts[column]) for column in columns})
    stacked.texts.update({column: text for column, text in texts.items() if text is not None})
    frame["_package"] = pd.Series([name for name, r in parts for _ in range(r.rows)], dtype="str")
    frame["_file"] = pd.Series([r.file for _, r in parts for _ in range(r.rows)], dtype="str")
    frame["_row"] = np.concatenate([np.arange(2, r.rows + 2) for _, r in parts] or [np.empty(0, np.int64)])
    for column in NUMBER_FIELDS:  # only plain figures are numbers (core/numbers.py)
        frame[f"{column}_number"] = plain_numbers(frame[column])
    return frame


def check_context(
    packages: list[Package], registry: Registry, published: pd.DataFrame | None
) -> CheckContext:
    """What the domain checks read, made once before any of them runs (benchmarks/checks_speed.py
    times this apart from the checks)."""
    stacked = stacked_rows(packages)
    observations = observation_frame(packages, stacked)
    resources = [r for _, r in stacked.parts]
    return CheckContext(observations, packages, registry, published, stacked.table, resources, stacked.texts)


@collector_spared()
def validate(
    paths: list[Path],
    *,
    root: Path,
    registry_parent: Path | None = None,
    published: Path | None = None,
    cache: Path | None = None,
) -> Validation:
    """Load the registry and the packages under ``paths``, then run every check on all of them.

    ``published`` is the record of the figures as last published (published/observations.csv);
    when given and present, a figure that differs from it needs a revision note. ``cache`` is the
    file that remembers Frictionless's verdict on unchanged packages (validation_cache.py).
    ``registry_parent`` is the folder holding registry/; when None it is looked for beside and above
    ``paths``, then in ``root``/datapackages.

    Every report is checked against the contract's schema, whatever its descriptor declares
    (checks/declared_schema.py says when the two differ).
    """
    forget_resolved()
    kept_for_the_build()  # what the process has imported
    fallback = root / "datapackages"
    if registry_parent is None:
        registry_parent = find_registry(paths, fallback)
    if registry_parent is None:
        registry, problems = None, [registry_not_found(paths, fallback, root)]
        registry_parent = fallback
    else:
        registry, problems = load_registry(registry_parent, root)
    published_figures = None
    if published is not None:
        published_figures, published_problems = read_published(published, root)
        problems.extend(published_problems)
    packages: list[Package] = []
    directories, found_problems = find_packages(paths, root)
    problems.extend(found_problems)
    registry_folder = (registry_parent / REGISTRY_DIR).resolve()
    reports = [directory for directory in directories if directory.resolve() != registry_folder]
    for package, load_problems in load_packages(reports, root):
        problems.extend(load_problems)
        if package is not None:
            packages.append(package)
    kept_for_the_build()
    for_frictionless = [registry.package] if registry is not None else []
    for package in packages:
        has_header_problem = any(header_problems(r.file, r.header) for r in package.resources)
        if package.readable and not has_header_problem:
            contract = with_observation_schema(package.descriptor)
            for_frictionless.append(dataclasses.replace(package, descriptor=contract))
    # Frictionless reads the files itself: it is asked beside the domain checks (core/background.py).
    with in_background(partial(frictionless_batch, for_frictionless, root, cache=cache)) as frictionless:
        if registry is None:
            observations = observation_frame(packages)
        else:
            context = check_context(packages, registry, published_figures)
            observations = context.observations
            for check in CHECKS:
                problems.extend(check.run(context))
        problems.extend(frictionless.wait())
    summary = Summary(
        packages=len(packages),
        resources=sum(len(p.resources) for p in packages),
        observations=len(observations),
    )
    listed, summary = cap_problems(sort_problems(set(problems)), summary)
    return Validation(listed, packages, registry, observations, summary)
