"""Each domain check fires on a package broken in exactly its way, at the right file, row, column."""

from pathlib import Path

import pytest

from generator.core.problems import ERROR, WARNING
from generator.inputs.scaffold import EXAMPLE_NOTE
from generator.validation.validate import validate
from support import GOOD_ROW, ROOT, write_package


def problems_for(tmp_path: Path, *packages: Path):
    result = validate(list(packages), root=tmp_path, registry_parent=ROOT / "datapackages")
    return result.problems


def row(**changes):
    return {**GOOD_ROW, **changes}


BROKEN = [
    # (what, rows, check, csv row, column)
    ("unknown indicator", [row(indicator_id="cp_plan")], "unknown-indicator", 2, "indicator_id"),
    (
        "unknown authority",
        [row(authority_code="E10000099")],
        "unknown-authority",
        2,
        "authority_code",
    ),
    ("unparseable period", [GOOD_ROW, row(period="Q1 2018/19")], "period-grammar", 3, "period"),
    (
        "percent above 100",
        [row(indicator_id="re_referrals_12m_pct", value="120")],
        "value-fits-unit",
        2,
        "value",
    ),
    ("negative count", [row(value="-3")], "value-fits-unit", 2, "value"),
    ("fractional count", [row(value="3.5")], "value-fits-unit", 2, "value"),
    ("value with a blanking marker", [row(marker="x")], "value-or-marker", 2, "marker"),
    ("neither value nor marker", [row(value="")], "value-or-marker", 2, "value"),
    (
        "counts disagree with percent",
        [
            row(
                indicator_id="cp_reviews_in_timescale_pct",
                value="95.8",
                numerator="240",
                denominator="261",
            )
        ],
        "numerator-denominator",
        2,
        "value",
    ),
    (
        "numerator above denominator",
        [
            row(
                indicator_id="cp_reviews_in_timescale_pct",
                value="95.8",
                numerator="300",
                denominator="261",
            )
        ],
        "numerator-denominator",
        2,
        "numerator",
    ),
    ("duplicate key", [GOOD_ROW, row(value="530")], "duplicate-key", 3, None),
    (
        "example row of a new package left in",
        [GOOD_ROW, row(value="0", note=EXAMPLE_NOTE)],
        "example-row",
        3,
        "note",
    ),
    (
        "half a breakdown",
        [row(breakdown_dimension="locality")],
        "breakdown-pair",
        2,
        "breakdown_category",
    ),
]


@pytest.mark.parametrize(("what", "rows", "check", "line", "column"), BROKEN, ids=[b[0] for b in BROKEN])
def test_each_check_fires_on_its_broken_package(tmp_path, what, rows, check, line, column):
    package = write_package(tmp_path / "broken", rows)
    found = [p for p in problems_for(tmp_path, package) if p.check == check]
    assert len(found) == 1, found
    problem = found[0]
    assert (problem.file, problem.row, problem.column, problem.severity) == (
        "broken/observations.csv",
        line,
        column,
        ERROR,
    )
    assert problem.message and problem.fix


def test_a_valid_package_has_no_problems(tmp_path):
    package = write_package(
        tmp_path / "good",
        [
            GOOD_ROW,
            row(
                indicator_id="cp_reviews_in_timescale_pct",
                value="95.8",
                numerator="250",
                denominator="261",
            ),
            row(authority_code="SN-E10000018", value="", marker="x"),
            row(breakdown_dimension="locality", breakdown_category="Coalville", value="391"),
        ],
    )
    assert problems_for(tmp_path, package) == []


@pytest.mark.parametrize(
    ("meta", "fragment"),
    [
        ({"licenses": []}, "Open Government Licence"),
        ({"sources": []}, "'sources'"),
        ({"meeting_date": "2 June 2020"}, "'meeting_date'"),
        ({"meeting_date": None}, "'meeting_date'"),
        ({"committee": ""}, "'committee'"),
        ({"authorities": ["E99999999"]}, "not in the registry"),
    ],
)
def test_missing_metadata_is_an_error_on_the_descriptor(tmp_path, meta, fragment):
    package = write_package(tmp_path / "meta", **meta)
    found = [p for p in problems_for(tmp_path, package) if p.check == "package-metadata"]
    assert [p.file for p in found] == ["meta/datapackage.json"]
    assert fragment in found[0].message


def test_a_report_without_a_meeting_may_say_so(tmp_path):
    package = write_package(
        tmp_path / "nomeeting", meeting_date=None, meeting_date_note="The report names no meeting."
    )
    assert problems_for(tmp_path, package) == []


def test_same_figure_with_different_values_in_two_packages_is_a_warning(tmp_path):
    first = write_package(tmp_path / "first", [GOOD_ROW])
    second = write_package(tmp_path / "second", [row(value="530")])
    found = problems_for(tmp_path, first, second)
    assert {(p.file, p.severity, p.check) for p in found} == {
        ("first/observations.csv", WARNING, "cross-package-discrepancy"),
        ("second/observations.csv", WARNING, "cross-package-discrepancy"),
    }
    assert "530 in second" in next(p.message for p in found if p.file.startswith("first"))


def test_problems_beyond_the_cap_are_summarised(tmp_path):
    rows = [row(indicator_id="nope", period=f"20{i:02d}") for i in range(10, 99)] * 3
    rows = [dict(r, breakdown_dimension="n", breakdown_category=str(i)) for i, r in enumerate(rows)]
    package = write_package(tmp_path / "many", rows)
    found = [p for p in problems_for(tmp_path, package) if p.check == "unknown-indicator"]
    assert len(found) == 201
    summary = [p for p in found if p.row is None]
    assert len(summary) == 1
    assert "67 more rows" in summary[0].message
