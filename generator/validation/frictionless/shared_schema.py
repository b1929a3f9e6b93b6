"""Frictionless's row checks for packages that share a schema, with that schema read only once.

Asked about a whole package, Frictionless spends about 25 ms of CPU on its own metadata: for every
file it rebuilds the schema, copies each field several times and validates each copy against its
profile (benchmarks/results/scale-1-profile-validate.txt), where reading the rows takes 2 ms. At
England scale 1,530 report packages carry one schema, the contract's. So here each distinct schema
is validated and turned into Frictionless's cell readers once per process; each package's own
metadata is validated by Frictionless without it; and each file's rows are read as Frictionless's
CSV parser reads them (its own dialect sniffing, on its own 100-line sample) and judged by
Frictionless's own `Row`, which gives the type, constraint, missing-cell, extra-cell and blank-row
errors with the notes a whole validation gives, up to the same limit of errors per file.

What this route leaves out of a whole validation, a package must not need: a package takes it only
when every resource is a plain UTF-8 CSV file (no dialect, compression, hash or byte count), its
schema has no primary, foreign or unique keys (those need state across rows that the whole
validation keeps), the header names the schema's fields exactly, and Frictionless finds nothing wrong
with the metadata. For anything else ``problems`` answers None and the package is validated whole,
so every message about a descriptor or a header comes from Frictionless itself.
tests/test_shared_schema.py holds the two routes to the same problems over each row error and
each way of writing a CSV that Frictionless's parser reads in its own way.
"""

from __future__ import annotations

import codecs
import copy
import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from frictionless import Package as FrictionlessPackage
from frictionless import Schema, settings
from frictionless.formats import CsvControl
from frictionless.table.row import Row, create_cell_handlers

from generator.core.problems import Problem
from generator.inputs.packages import Package, display_path
from generator.validation.frictionless.sniffing import Sniffer
from generator.validation.frictionless.translation import file_problems

# The resource properties this route knows what to do with; any other sends the package the whole way.
_PLAIN_RESOURCE = {"name", "path", "profile", "format", "mediatype", "encoding", "schema"}
_PLAIN_RESOURCE |= {"title", "description", "licenses", "sources", "homepage"}
_SCHEMA_STAND_IN = {"fields": [{"name": "stand-in", "type": "string"}]}
_SAMPLE_LINES = 100  # frictionless.formats.csv.parser.SAMPLE_SIZE: the lines its dialect is sniffed from
_DELIMITERS = ",\t;|"  # the delimiters Frictionless lets the sniffer choose from


@dataclass(frozen=True)
class _ReadSchema:
    """A schema Frictionless has validated, with the cell readers it makes from it."""

    field_names: list[str]
    handlers: dict


_schemas: dict[str, _ReadSchema | None] = {}


def _read_schema(descriptor: dict) -> _ReadSchema | None:
    """The schema, read once per process; None when it has a problem or needs state across rows."""
    key = json.dumps(descriptor, sort_keys=True)
    if key not in _schemas:
        _schemas[key] = _new_schema(descriptor)
    return _schemas[key]


def _new_schema(descriptor: dict) -> _ReadSchema | None:
    if descriptor.get("primaryKey") or descriptor.get("foreignKeys") or "fieldsMatch" in descriptor:
        return None
    if any(
        not isinstance(f, dict) or (isinstance(f.get("constraints"), dict) and "unique" in f["constraints"])
        for f in descriptor.get("fields") or [None]
    ):
        return None
    if next(iter(Schema.metadata_validate(descriptor)), None) is not None:
        return None
    schema = Schema.from_descriptor(copy.deepcopy(descriptor))  # it rewrites what it is given
    return _ReadSchema([f.name for f in schema.fields], create_cell_handlers(schema.fields))


def _plain(resource: object) -> bool:
    if not isinstance(resource, dict) or not set(resource) <= _PLAIN_RESOURCE:
        return False
    path, encoding = resource.get("path"), resource.get("encoding")
    if not isinstance(path, str) or not path.endswith(".csv") or resource.get("format", "csv") != "csv":
        return False
    try:
        return isinstance(encoding, str) and codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def _metadata_is_clean(descriptor: dict) -> bool:
    """Frictionless finds nothing wrong with the package's own metadata (the schemas stood in for)."""
    stand_in = dict(descriptor, resources=[dict(r, schema=_SCHEMA_STAND_IN) for r in descriptor["resources"]])
    return next(iter(FrictionlessPackage.metadata_validate(stand_in)), None) is None


def _dialect(lines: list[str]) -> csv.Dialect:
    """The dialect Frictionless's CSV parser sniffs from these first lines of a file, step for step."""
    control = CsvControl()
    try:
        config = Sniffer().sniff("".join(lines), _DELIMITERS)  # csv.Sniffer's answer (sniffing.py)
    except csv.Error:
        config = csv.excel()
    if config.quotechar == "'":
        config.quotechar = '"'
    control.set_not_defined("delimiter", config.delimiter, distinct=True)
    control.set_not_defined("line_terminator", config.lineterminator, distinct=True)
    control.set_not_defined("escape_char", config.escapechar, distinct=True)
    control.set_not_defined("quote_char", config.quotechar, distinct=True)
    control.set_not_defined("skip_initial_space", config.skipinitialspace, distinct=True)
    return control.to_python()


def _row_errors(path: Path, schema: _ReadSchema) -> list | None:
    """Frictionless's errors with the rows of one file, or None if the file is not one this route reads."""
    try:
        data = path.read_bytes()
        if data.startswith(codecs.BOM_UTF8):
            return None  # Frictionless reads it as utf-8-sig
        lines = io.StringIO(data.decode("utf-8"), newline="").readlines()
        records = csv.reader(lines, dialect=_dialect(lines[:_SAMPLE_LINES]))
        if next(records, None) != schema.field_names:
            return None  # a header problem: the whole validation reports it as Frictionless sees it
        found: list = []
        for number, cells in enumerate(records, start=2):
            found.extend(Row(cells, handlers=schema.handlers, row_number=number).errors)
            if len(found) >= settings.DEFAULT_LIMIT_ERRORS:
                return found[: settings.DEFAULT_LIMIT_ERRORS]
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    return found


def problems(package: Package, root: Path) -> list[Problem] | None:
    """Frictionless's problems with ``package`` by the shared-schema route, or None if it cannot take it."""
    descriptor = package.descriptor
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources or not all(_plain(r) for r in resources):
        return None
    schemas = [_read_schema(r["schema"]) if isinstance(r.get("schema"), dict) else None for r in resources]
    if None in schemas or not _metadata_is_clean(descriptor):
        return None
    found: list[Problem] = []
    for resource, schema in zip(resources, schemas, strict=True):
        path = package.directory / resource["path"]
        errors = _row_errors(path, schema)
        if errors is None:
            return None
        found.extend(file_problems(display_path(path, root), errors))
    return found
