"""The observation contract: the columns every report package's CSV has, read from one schema file.

The same Table Schema is embedded in packages by `transparency new`, checked by the validator and
extended for the public download, so the contract is written down exactly once.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

SCHEMA_FILE = Path(__file__).parent / "schemas" / "observations.schema.json"
OBSERVATIONS_LICENCE = "OGL-UK-3.0"
LICENCE = {
    "name": OBSERVATIONS_LICENCE,
    "title": "Open Government Licence v3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}
# What one figure is: an area, a measure, a period and (empty for the whole area) a breakdown.
BREAKDOWN = ["breakdown_dimension", "breakdown_category"]
KEY = ["authority_code", "indicator_id", "period", *BREAKDOWN]
NUMBER_FIELDS = ["value", "numerator", "denominator", "target"]


@cache
def observation_schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def observation_fields() -> list[str]:
    return [f["name"] for f in observation_schema()["fields"]]


def observations_resource(schema: dict | None = None) -> dict:
    """The resource entry every package (and the public download) uses for its observations."""
    return {
        "name": "observations",
        "path": "observations.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema if schema is not None else observation_schema(),
    }


def with_observation_schema(descriptor: dict) -> dict:
    """``descriptor`` with the contract as every resource's schema: a report is checked against
    the project's schema, never one its own pull request wrote (every field a string lets `lots`
    through as a value).

    Every resource shares the one contract dictionary (copying it for each of 1,530 packages took
    0.7 s a build), so nothing may change it: what hands it to Frictionless, which rewrites the
    descriptors it is given, hands over a copy (validation/frictionless/problems.py)."""
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        return descriptor
    contract = observation_schema()
    checked = [{**r, "schema": contract} if isinstance(r, dict) else r for r in resources]
    return {**descriptor, "resources": checked}
