"""The shared-schema route must find exactly what Frictionless finds when asked about a whole package.

Each CSV below is validated both ways: by Frictionless's whole validation of the package
(`whole_package_problems`, what every package got before) and by the route that reads the contract's
schema once (`shared_schema.problems`). Where the route takes a package the problems must be the
same, row for row and word for word; where it must not take one (what it does not know how to read
as Frictionless does), it must say so and leave the package to the whole validation.
"""

from __future__ import annotations

import copy
import json

import pytest

from generator.core.contract import (
    SCHEMA_FILE,
    observation_fields,
    observation_schema,
    with_observation_schema,
)
from generator.inputs.packages import Package
from generator.validation.frictionless import problems as frictionless_checks
from generator.validation.frictionless import shared_schema
from support import GOOD_ROW, csv_text, descriptor, write_package

FIELDS = observation_fields()
HEADER = ",".join(FIELDS) + "\n"


def row(**cells: str) -> dict:
    return {**GOOD_ROW, **cells}


def line(*cells: str) -> str:
    """A raw CSV line: ``cells`` first, the rest of the row left empty."""
    return ",".join([*cells, *[""] * (len(FIELDS) - len(cells))]) + "\n"


GOOD_LINE = line("E10000018", "cp_plans", "2020-05-17", "", "", "529")

# Every error Frictionless's row checks give, and every way of writing a CSV that its parser reads in
# its own way (the dialect it sniffs from the first hundred lines, quoting, line endings, blank lines).
TAKEN = {
    "good rows": csv_text([row(), row(period="2019-05-17", note="Includes children's services")]),
    "type errors": csv_text(
        [row(value="95.8%"), row(value="lots"), row(quartile="1.5"), row(numerator="1,2")]
    ),
    "constraint errors": csv_text(
        [
            row(marker="q"),
            row(flag="zz"),
            row(authority_code=""),
            row(authority_code="X123"),
            row(quartile="5"),
        ]
    ),
    "a cell missing": HEADER + GOOD_LINE + GOOD_LINE.rstrip("\n").rsplit(",", 3)[0] + "\n",
    "a cell too many": HEADER + GOOD_LINE.rstrip("\n") + ",extra,more\n",
    "a blank row": HEADER + GOOD_LINE + line() + GOOD_LINE,
    "an empty line": HEADER + GOOD_LINE + "\n" + GOOD_LINE,
    "a quoted comma and line break": csv_text([row(note="Two parts, one\nafter the other"), row(value="x")]),
    "Windows line endings": (
        HEADER + GOOD_LINE + line("E10000018", "cp_plans", "2021", "", "", "lots")
    ).replace("\n", "\r\n"),
    "apostrophes and quotes": csv_text(
        [
            row(note="The council's 'new' figure"),
            row(note='It says "about"', value="n/a"),
            row(note="'quoted'"),
        ]
    ),
    "a semicolon in every row": csv_text([row(note=f"a; b {n}", value=str(n)) for n in range(5)]),
    "spaces after quoted cells' commas": HEADER
    + "".join(f'"E10000018", "cp_plans", "20{n}", "", "", " {n}"' + "," * 10 + "\n" for n in range(10, 15)),
    "single-quoted cells": HEADER + "'E10000018','cp_plans','2020','','','529'" + "," * 10 + "\n",
    "a padded number": csv_text([row(value=" 529"), row(value="529 ")]),
    "the header alone": HEADER,
    "more errors than Frictionless reports": csv_text([row(value=f"bad{n}", flag="zz") for n in range(700)]),
    "tab-separated": (HEADER + GOOD_LINE + line("E10000018", "cp_plans", "2021", "", "", "bad")).replace(
        ",", "\t"
    ),
}


def _package(folder, body: str | bytes, contract: bool = True, **meta) -> Package:
    """The package as validation hands it to Frictionless: with the contract as its schema."""
    write_package(folder, csv_body=body, **meta)
    document = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    held = with_observation_schema(document) if contract else document
    return Package(folder.name, folder, f"datapackages/{folder.name}/datapackage.json", held)


@pytest.mark.parametrize("case", TAKEN)
def test_the_route_finds_what_a_whole_validation_finds(tmp_path, case):
    package = _package(tmp_path / "datapackages" / "p", TAKEN[case])
    held = copy.deepcopy(package.descriptor)
    whole = frictionless_checks.whole_package_problems(package, tmp_path)
    assert shared_schema.problems(package, tmp_path) == whole
    assert frictionless_checks.frictionless_problems(package, tmp_path) == whole
    assert package.descriptor == held  # every package shares the contract schema: neither route may change it
    assert observation_schema() == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_the_cases_are_not_all_clean(tmp_path):
    """The comparison means something only if the cases give Frictionless plenty to say."""
    found = {
        case: frictionless_checks.whole_package_problems(
            _package(tmp_path / "datapackages" / str(n), body), tmp_path
        )
        for n, (case, body) in enumerate(TAKEN.items())
    }
    kinds = {p.check for problems in found.values() for p in problems}
    assert kinds >= {
        "frictionless/type-error",
        "frictionless/constraint-error",
        "frictionless/missing-cell",
        "frictionless/extra-cell",
        "frictionless/blank-row",
    }
    assert len(found["more errors than Frictionless reports"]) == 1000  # its limit per file
    assert found["good rows"] == []


def _with_primary_key() -> dict:
    schema = copy.deepcopy(observation_schema())
    schema["primaryKey"] = ["authority_code", "indicator_id", "period"]
    return {**descriptor("p"), "resources": [{**descriptor()["resources"][0], "schema": schema}]}


DECLINED = {
    "a byte-order mark": ("\ufeff" + csv_text([row(value="lots")])).encode("utf-8"),
    "a header that is not the schema's": csv_text([row(value="lots")]).replace(
        "indicator_id", "indicator", 1
    ),
}


def test_bytes_that_are_not_utf8_are_left_to_the_whole_validation(tmp_path):
    """(Validation refuses such a file before Frictionless sees it: tests/test_malformed_input.py.)"""
    body = csv_text([row(note="café", value="lots")]).encode("latin-1")
    assert shared_schema.problems(_package(tmp_path / "datapackages" / "p", body), tmp_path) is None


@pytest.mark.parametrize("case", DECLINED)
def test_a_file_the_route_cannot_read_as_frictionless_does_is_validated_whole(tmp_path, case):
    package = _package(tmp_path / "datapackages" / "p", DECLINED[case])
    assert shared_schema.problems(package, tmp_path) is None
    assert frictionless_checks.frictionless_problems(package, tmp_path) == (
        frictionless_checks.whole_package_problems(package, tmp_path)
    )


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: d["resources"][0].update(dialect={"delimiter": ";"}), id="a dialect"),
        pytest.param(lambda d: d["resources"][0].update(encoding="latin-1"), id="another encoding"),
        pytest.param(lambda d: d["resources"][0].update(hash="md5:0"), id="a hash"),
        pytest.param(
            lambda d: d["licenses"].append({"title": "no name or path"}), id="metadata Frictionless refuses"
        ),
        pytest.param(lambda d: d.update(_with_primary_key()), id="a primary key"),
    ],
)
def test_a_descriptor_the_route_does_not_cover_is_validated_whole(tmp_path, change):
    folder = tmp_path / "datapackages" / "p"
    write_package(folder, [row(value="lots")])
    document = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    document["resources"][0]["schema"] = observation_schema()
    change(document)
    package = Package("p", folder, "datapackages/p/datapackage.json", document)
    assert shared_schema.problems(package, tmp_path) is None
    assert frictionless_checks.frictionless_problems(package, tmp_path) == (
        frictionless_checks.whole_package_problems(package, tmp_path)
    )
