"""The vocabulary in Python and the schemas Frictionless validates against name the same codes.

Frictionless reads the codes from the schemas; pages, checks and the template read them from
generator/core/vocabulary.py. If the two drift apart, a code would pass validation and then have no
label on the site, or be refused by a check while the template offers it.
"""

import json

from generator.core.contract import observation_schema
from generator.core.vocabulary import (
    BLANKING_MARKERS,
    COMPARATOR_TYPES,
    COUNCIL_TYPES,
    FLAG_LABELS,
    MARKER_LABELS,
    NON_NEGATIVE_UNITS,
    POLARITY_LABELS,
    THEME_LABELS,
    UNIT_LABELS,
)
from support import ROOT


def _enums(fields: list[dict]) -> dict[str, list[str]]:
    return {f["name"]: f["constraints"]["enum"] for f in fields if "enum" in f.get("constraints", {})}


def _registry_enums(resource: str) -> dict[str, list[str]]:
    descriptor = json.loads((ROOT / "datapackages/registry/datapackage.json").read_text(encoding="utf-8"))
    schema = next(r["schema"] for r in descriptor["resources"] if r["name"] == resource)
    return _enums(schema["fields"])


def test_markers_and_flags_are_the_observation_schemas():
    enums = _enums(observation_schema()["fields"])
    assert list(MARKER_LABELS) == enums["marker"]
    assert list(FLAG_LABELS) == enums["flag"]
    assert set(BLANKING_MARKERS) == set(MARKER_LABELS) - {"u"}


def test_units_polarities_and_themes_are_the_registrys():
    enums = _registry_enums("indicators")
    assert list(UNIT_LABELS) == enums["unit"]
    assert list(POLARITY_LABELS) == enums["polarity"]
    assert list(THEME_LABELS) == enums["theme"]
    assert set(UNIT_LABELS) - NON_NEGATIVE_UNITS == {"score", "ratio"}


def test_every_area_type_is_a_council_or_a_comparator():
    types = _registry_enums("authorities")["type"]
    assert set(types) == COMPARATOR_TYPES | set(COUNCIL_TYPES)
    assert not COMPARATOR_TYPES & set(COUNCIL_TYPES)
