"""Markers and flags are words of the site's vocabulary, whatever a package's own schema allows.

Pages turn each flag and marker into words (p: provisional); a flag outside the vocabulary would
pass a package whose embedded schema was loosened and then stop the build. Where the package's
schema carries the contract's list, Frictionless already reports a value outside it, so only the
packages whose schema does not are checked here, and no cell is reported twice.
"""

from __future__ import annotations

from generator.core.contract import observation_schema
from generator.outputs.site.formatting import FLAG_LABELS, MARKER_LABELS

from .base import Check, CheckContext, row_problems

VOCABULARY = {"marker": MARKER_LABELS, "flag": FLAG_LABELS}


def _enums(schema: object) -> dict[str, object]:
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(fields, list):
        return {}
    return {
        f.get("name"): (f.get("constraints") or {}).get("enum")
        for f in fields
        if isinstance(f, dict) and isinstance(f.get("constraints") or {}, dict)
    }


def _unguarded(package, column: str) -> bool:
    """Whether the package's observations schema lacks the contract's list for ``column``."""
    contract = _enums(observation_schema())[column]
    resources = package.descriptor.get("resources")
    for resource in resources if isinstance(resources, list) else []:
        if isinstance(resource, dict) and resource.get("path") == "observations.csv":
            return _enums(resource.get("schema")).get(column) != contract
    return True


def run(ctx: CheckContext):
    obs = ctx.observations
    for column, labels in VOCABULARY.items():
        unchecked = [p.name for p in ctx.packages if _unguarded(p, column)]
        if not unchecked:
            continue
        words = ", ".join(f"{code} ({label})" for code, label in labels.items())
        yield from row_problems(
            obs[obs["_package"].isin(unchecked) & (obs[column] != "") & ~obs[column].isin(list(labels))],
            check=CHECK.id,
            column=column,
            message=lambda r, c=column: f"{r[c]!r} is not a {c} this site knows",
            fix=f"use one of {words}, or leave the cell empty",
        )


CHECK = Check(
    "vocabulary",
    "Markers and flags are known",
    "marker and flag hold one of the site's codes, even where a package's schema allows others.",
    run,
)
