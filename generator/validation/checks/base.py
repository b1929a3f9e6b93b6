"""What a domain check is, and the one way checks turn offending rows into problems."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from generator.core.contract import observation_schema
from generator.core.problems import ERROR, Problem, more_of_the_same
from generator.inputs.packages import Package, Resource
from generator.inputs.registry import Registry

from .codes import ObservationCodes

# Enough to fix a file by; a million broken rows would otherwise drown the one message that matters.
MAX_PROBLEMS_PER_CHECK = 200


@dataclass
class CheckContext:
    """Everything a check may look at. ``observations`` holds every row of every report package.

    Its columns are the observation fields as text plus ``_package``, ``_file`` and ``_row``
    (the spreadsheet row number), and ``value_number`` etc. parsed once for all checks.
    ``published`` holds the figures as last published (published.read_published), or None.
    ``stacked`` holds the cells as read (not stripped) of the resources in ``stacked_resources``,
    one after the other, for checks that look at every cell at once (validate.stacked_rows).
    ``codes`` holds the key columns as integers (codes.py), made here once for every check.
    """

    observations: pd.DataFrame
    packages: list[Package]
    registry: Registry
    published: pd.DataFrame | None = None
    stacked: pd.DataFrame | None = None
    stacked_resources: list[Resource] = field(default_factory=list)
    stacked_texts: dict[str, str] = field(default_factory=dict)  # its columns joined by NUL, if made
    codes: ObservationCodes = field(init=False)

    def __post_init__(self) -> None:
        self.codes = ObservationCodes.of(self.observations)

    @cached_property
    def contract_resources(self) -> frozenset[int]:
        """The resources (by id of their descriptor) whose schema is the contract, of the registry
        and every report. declared-schema and descriptor-text both need to know, and comparing
        1,500 schemas field by field was a third of what each of them cost."""
        contract = observation_schema()
        return frozenset(
            id(resource)
            for package in [self.registry.package, *self.packages]
            if isinstance(resources := package.descriptor.get("resources"), list)
            for resource in resources
            if isinstance(resource, dict) and resource.get("schema") == contract
        )


@dataclass(frozen=True)
class Check:
    id: str  # the check named by every problem it finds
    title: str
    description: str  # what the problem means for the person fixing it (validate --list-checks)
    run: Callable[[CheckContext], Iterable[Problem]]


def row_problems(
    rows: pd.DataFrame,
    *,
    check: str,
    column: str | None,
    message: Callable[[dict], str],
    fix: str | Callable[[dict], str],
    severity: str = ERROR,
) -> Iterator[Problem]:
    """One problem per offending row, capped so that a broken million-row file stays readable."""
    for record in rows.head(MAX_PROBLEMS_PER_CHECK).to_dict("records"):
        yield Problem(
            record["_file"],
            int(record["_row"]),
            column,
            check,
            severity,
            message(record),
            fix(record) if callable(fix) else fix,
        )
    hidden = len(rows) - MAX_PROBLEMS_PER_CHECK
    if hidden > 0:
        yield more_of_the_same(
            rows.iloc[0]["_file"], column, check, severity, hidden, "rows", MAX_PROBLEMS_PER_CHECK
        )
