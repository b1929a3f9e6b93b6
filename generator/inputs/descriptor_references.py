"""Refuse what a descriptor would make Frictionless fetch: validate and build never go on the network.

Frictionless follows a `profile`, `$schema`, `schema` or `dialect` given as a URL or a file name.
From CI that is an outbound request to wherever a pull request says (ten seconds for each one that
never answers), and a schema served from there would decide what passes. A package says what it has
to say inline, and every report is checked against the project's own observation schema anyway.
"""

from __future__ import annotations

from generator.core.problem_ids import DESCRIPTOR_REFERENCE
from generator.core.problems import ERROR, Problem
from generator.core.visible import shown

PACKAGE_PROFILES = ("data-package", "tabular-data-package")
RESOURCE_PROFILES = ("data-resource", "tabular-data-resource")
_PROFILE_KEYS = ("profile", "$schema")
_FIXES = {
    "schema": 'delete "schema" (every report is checked against the contract, '
    "generator/core/schemas/observations.schema.json), or write the schema itself in datapackage.json",
    "dialect": 'delete "dialect": observations are comma-separated UTF-8 CSV',
}


def _profile_problems(owner: dict, label: str, allowed: tuple[str, ...]) -> list[tuple[str, str]]:
    found = []
    for key in _PROFILE_KEYS:
        value = owner.get(key)
        if value is None or value in allowed:
            continue
        found.append(
            (
                f"{label}: {shown(key)} is {shown(value)}, which Frictionless would fetch or look up; "
                "nothing is fetched",
                f'delete "{key}", or write one of {", ".join(allowed)}',
            )
        )
    return found


def _part_problems(resource: dict, label: str) -> list[tuple[str, str]]:
    found = []
    for key in ("schema", "dialect"):
        value = resource.get(key)
        if value is None:
            continue
        if not isinstance(value, dict):
            found.append(
                (
                    f"{label}: the {key} is given by reference ({shown(value)}), which is never fetched",
                    _FIXES[key],
                )
            )
        elif any(value.get(k) is not None for k in _PROFILE_KEYS):
            found.append((f"{label}: the {key} names a profile, which is never fetched", _FIXES[key]))
    return found


def outside_references(descriptor: dict, file: str) -> list[Problem]:
    """A problem for every reference in ``descriptor`` that would reach outside its own text."""
    found = _profile_problems(descriptor, "the package", PACKAGE_PROFILES)
    resources = descriptor.get("resources")
    for index, resource in enumerate(resources if isinstance(resources, list) else []):
        if not isinstance(resource, dict):
            continue
        label = f"resource {shown(resource.get('name') or index + 1)}"
        found += _profile_problems(resource, label, RESOURCE_PROFILES)
        found += _part_problems(resource, label)
    return [Problem(file, None, None, DESCRIPTOR_REFERENCE.id, ERROR, m, fix) for m, fix in found]
