"""A report's own schema may only repeat the contract, since the contract is what it is checked against.

Frictionless used to check each CSV against the schema in its own datapackage.json, so a pull request
could loosen it (every field a string) and publish `lots` as a value. Every report is now checked
against generator/core/schemas/observations.schema.json; a descriptor that says something else about
its columns would mislead anyone who reads the package, so it is an error with the first difference.
"""

from __future__ import annotations

import json

from generator.core.contract import observation_schema
from generator.core.problems import ERROR, Problem
from generator.core.visible import shown

from .base import Check, CheckContext

_FIX = (
    'delete the resource\'s "schema" (every report is checked against the contract, '
    "generator/core/schemas/observations.schema.json), or copy it unchanged from a package "
    "that `transparency new` writes"
)


def _brief(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:59] + "…"


def _fields(schema: dict) -> list[dict]:
    fields = schema.get("fields")
    return [f for f in fields if isinstance(f, dict)] if isinstance(fields, list) else []


def first_difference(schema: dict, contract: dict) -> str | None:
    """How ``schema`` first differs from the contract, in words; None when it repeats it."""
    if schema == contract:
        return None
    theirs, ours = _fields(schema), _fields(contract)
    their_names, our_names = [f.get("name") for f in theirs], [f.get("name") for f in ours]
    if missing := [n for n in our_names if n not in their_names]:
        return f"it has no field {shown(missing[0])}"
    if extra := [n for n in their_names if n not in our_names]:
        return f"it has a field {shown(extra[0])} that the contract does not have"
    if their_names != our_names or len(theirs) != len(schema.get("fields") or []):
        return "its fields are not the contract's, in the contract's order"
    for their_field, our_field in zip(theirs, ours, strict=True):
        for key in sorted(set(their_field) | set(our_field)):
            if their_field.get(key) != our_field.get(key):
                return (
                    f"field {shown(our_field['name'])} has {key} {_brief(their_field.get(key))} where "
                    f"the contract has {_brief(our_field.get(key))}"
                )
    for key in sorted(set(schema) | set(contract)):
        if schema.get(key) != contract.get(key):
            theirs, ours = _brief(schema.get(key)), _brief(contract.get(key))
            return f"its {shown(key)} is {theirs} where the contract has {ours}"
    return "it is not the contract"


def run(ctx: CheckContext):
    contract = observation_schema()
    for package in ctx.packages:
        resources = package.descriptor.get("resources")
        for index, resource in enumerate(resources if isinstance(resources, list) else []):
            if id(resource) in ctx.contract_resources:
                continue
            if not isinstance(resource, dict) or not isinstance(resource.get("schema"), dict):
                continue  # no schema (the contract applies), or a reference: descriptor_references.py
            difference = first_difference(resource["schema"], contract)
            if difference is None:
                continue
            name = shown(resource.get("name") or index + 1)
            message = f"resource {name} declares a schema other than the contract: {difference}"
            yield Problem(package.descriptor_file, None, None, CHECK.id, ERROR, message, _FIX)


CHECK = Check(
    "declared-schema",
    "The package's schema is the contract",
    "A resource's schema, if given, repeats the observation contract: the contract is what is checked.",
    run,
)
