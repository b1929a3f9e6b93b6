"""Each domain check fires on a package broken in exactly its way, at the right file, row, column."""

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.core.contract import observation_fields, observations_resource
from generator.core.problems import ERROR, WARNING
from generator.inputs.published import COLUMNS
from generator.inputs.scaffold import EXAMPLE_NOTE
from generator.validation.checks import CHECKS
from generator.validation.validate import validate
from support import GOOD_ROW, ROOT, csv_text, write_package


def problems_for(tmp_path: Path, *packages: Path, published: Path | None = None):
    result = validate(
        list(packages), root=tmp_path, registry_parent=ROOT / "datapackages", published=published
    )
    return result.problems


def row(**changes):
    return {**GOOD_ROW, **changes}


@dataclass(frozen=True)
class Broken:
    """A package named "broken", broken in one way, and where its problem must be reported."""

    rows: list[dict] = field(default_factory=lambda: [GOOD_ROW])
    folder: str = "broken"  # the package's folder, which is also its name
    meta: dict = field(default_factory=dict)  # descriptor fields to change
    header: list[str] | None = None  # CSV columns, if not the contract's
    beside: list[dict] | None = None  # rows of a second package, "beside", validated with it
    published: list[dict] | None = None  # the package's figures as last published
    file: str = "broken/observations.csv"
    row: int | None = None  # where the check is about a row or a cell
    column: str | None = None  # where it is about a cell (or a column)


# A package that loosens the contract to let any text through as a value.
LOOSENED_SCHEMA = {"fields": [{"name": "value", "type": "string"}]}

# One broken package per registered check: a check registered without a case here fails the test below.
BROKEN_PACKAGES = {
    "header": Broken(header=[*observation_fields(), "comments"], row=1, column="comments"),
    "package-metadata": Broken(meta={"licenses": []}, file="broken/datapackage.json"),
    "declared-schema": Broken(
        meta={
            "resources": [
                {**observations_resource(), "schema": {"fields": [{"name": "value", "type": "string"}]}}
            ]
        },
        file="broken/datapackage.json",
    ),
    "unknown-authority": Broken([row(authority_code="E10000099")], row=2, column="authority_code"),
    "unknown-indicator": Broken([row(indicator_id="cp_plan")], row=2, column="indicator_id"),
    "period-grammar": Broken([GOOD_ROW, row(period="Q1 2018/19")], row=3, column="period"),
    "value-or-marker": Broken([row(marker="x")], row=2, column="marker"),
    "qualifier-flag": Broken(
        [GOOD_ROW, row(period="2019-05", value="5500", note="report says 'almost 5,500' children")],
        row=3,
        column="note",
    ),
    "example-row": Broken([GOOD_ROW, row(value="0", note=EXAMPLE_NOTE)], row=3, column="note"),
    "value-fits-unit": Broken([row(value="-3")], row=2, column="value"),
    "numerator-denominator": Broken(
        [row(indicator_id="cp_reviews_in_timescale_pct", value="95.8", numerator="240", denominator="261")],
        row=2,
        column="value",
    ),
    "breakdown-pair": Broken([row(breakdown_dimension="locality")], row=2, column="breakdown_category"),
    "duplicate-key": Broken([GOOD_ROW, row(value="530")], row=3),  # about a row: no one cell is wrong
    "cross-package-discrepancy": Broken(beside=[row(value="530")], row=2, column="value"),
    "package-name": Broken(folder="Broken_Name", file="Broken_Name/datapackage.json"),
    "descriptor-text": Broken(
        meta={"publisher": "Leicestershire\x00 County Council"},
        file="broken/datapackage.json",
        column="publisher",
    ),
    "title-length": Broken(
        meta={"title": "Leicestershire: " + "x" * 1001}, file="broken/datapackage.json", column="title"
    ),
    "source-url": Broken(
        meta={"sources": [{"title": "Report", "path": "https://example.org/a b"}]},
        file="broken/datapackage.json",
        column="sources[1].path",
    ),
    "cell-characters": Broken([row(note="before\x00after")], row=2, column="note"),
    "plain-number": Broken([row(value="1e3")], row=2, column="value"),
    "revision-notes": Broken(
        [row(value="530")], published=[{"source_package": "broken", **GOOD_ROW}], row=2, column="value"
    ),
}


@pytest.mark.parametrize("check", [check.id for check in CHECKS])
def test_every_registered_check_fires_on_its_broken_package(tmp_path, check):
    assert check in BROKEN_PACKAGES, f"{check} is registered but has no broken package in BROKEN_PACKAGES"
    case = BROKEN_PACKAGES[check]
    body = csv_text(case.rows, case.header) if case.header else None
    packages = [write_package(tmp_path / case.folder, case.rows, csv_body=body, **case.meta)]
    if case.beside is not None:
        packages.append(write_package(tmp_path / "beside", case.beside))
    record = None
    if case.published is not None:
        record = tmp_path / "published.csv"
        record.write_text(csv_text(case.published, COLUMNS), encoding="utf-8")
    found = [p for p in problems_for(tmp_path, *packages, published=record) if p.check == check]
    assert (case.file, case.row, case.column) in [(p.file, p.row, p.column) for p in found], found
    assert all(p.message and p.fix for p in found)


def test_every_broken_package_is_for_a_registered_check():
    assert set(BROKEN_PACKAGES) == {check.id for check in CHECKS}


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
        "a bound in the provenance without its flag",
        [row(value="400", provenance="para 4: 'over 400 children across 7 schools'")],
        "qualifier-flag",
        2,
        "provenance",
    ),
    (
        "an approximation flagged as an estimate, not as the report's qualifier",
        [row(value="50", flag="e", note="Report says 'approx. 50 parents'")],
        "qualifier-flag",
        2,
        "note",
    ),
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
            # flagged as the report qualifies it; a qualifier beside another number is not this one's
            row(period="2019-05", value="5500", flag="almost", note="report says 'almost 5,500'"),
            row(period="2019-04", value="3", note="responded in over 20 working days; about 430 a month"),
            row(authority_code="SN-E10000018", period="latest:2020-06-02", value="500"),
            row(period="contradicted:2019", value="501", note="para 2 dates it 2018"),
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
        ({"committee": "", "official_statistics": True}, "'publication'"),
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


def test_official_statistics_name_their_publication_instead_of_a_committee(tmp_path):
    package = write_package(
        tmp_path / "official",
        committee="",
        official_statistics=True,
        publication="Children in need",
        meeting_date=None,
        meeting_date_note="official statistics, not a committee report",
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
