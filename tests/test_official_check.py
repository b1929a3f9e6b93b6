"""Committee figures held against the official figure for the same area, measure and period.

Only a reviewed list of measures defined the same way is compared, only on exactly the same period,
and agreement within the rounding either side printed is agreement (model/official_check.py).
"""

import pytest

from generator.model.official_check import AGREES, DIFFERS, WITHHELD, verdict
from generator.model.tidy import build_model
from generator.outputs.site.figure_table import figure_rows
from generator.outputs.site.formatting import format_difference
from generator.outputs.site.pages.official_check import official_check_page
from generator.validation.validate import validate
from support import ROOT, report_package_folders, write_package


@pytest.mark.parametrize(
    ("report", "official", "expected"),
    [
        ("23.8", "23.82", ("-0.02", AGREES)),  # the report printed one decimal
        ("24", "23.82", ("+0.18", AGREES)),  # and this one none
        ("23.7", "23.82", ("-0.12", DIFFERS)),
        ("7299", "7555", ("-256", DIFFERS)),
        ("6836", "6836", ("0", AGREES)),
        ("19.6", "18.8", ("+0.8", DIFFERS)),
        ("18.70", "18.7", ("0", AGREES)),
        ("188", "189", ("-1", DIFFERS)),  # a count is exact: one child is a difference
    ],
)
def test_agreement_is_within_the_coarser_rounding(report, official, expected):
    assert verdict(report, official) == expected


@pytest.mark.parametrize(
    ("difference", "unit", "shown"),
    [
        ("+0.8", "percent", "+0.8 percentage points"),
        ("-256", "count", "-256"),
        ("-1200", "gbp", "-£1,200"),
        ("0", "percent", "0"),
    ],
)
def test_a_difference_is_said_in_the_units_a_reader_expects(difference, unit, shown):
    assert format_difference(difference, unit) == shown


OFFICIAL = {
    "publisher": "Department for Education",
    "publication": "Children in need",
    "official_statistics": True,
    "authorities": ["E92000001"],
    "committee": None,
    "meeting_date": None,
    "meeting_date_note": "official statistics, not a committee report",
}


def _row(indicator, period, value, marker="", flag="", area="E10000018"):
    return {
        "authority_code": area,
        "indicator_id": indicator,
        "period": period,
        "value": value,
        "marker": marker,
        "flag": flag,
        "provenance": "fixture",
    }


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    root = tmp_path_factory.mktemp("official-check")
    report = [
        _row("referrals", "FY2017/18", "7299"),
        _row("referrals", "FY2016/17", "6836"),
        _row("re_referrals_pct", "FY2017/18", "23.8"),  # no stated window: only close to DfE's
        _row("cp_plans", "2018-03-30", "394"),  # not DfE's count date
        _row("cp_plans", "2017-03-31", "430", flag="about"),  # qualified: not a number to compare
        _row("cp_plans_second_time_pct", "FY2017/18", "21", area="E06000017"),
        _row("referrals", "latest:2018-09-10", "7299", area="E06000016"),  # undated
    ]
    official = [
        _row("dfe_referrals", "FY2017/18", "7555"),
        _row("dfe_referrals", "FY2016/17", "6836"),
        _row("dfe_re_referrals_12m_pct", "FY2017/18", "23.8"),
        _row("dfe_cp_plans_31_march", "2018-03-31", "394"),
        _row("dfe_cp_plans_31_march", "2017-03-31", "430"),
        _row("dfe_cp_plans_second_time_pct", "FY2017/18", "", marker="c", area="E06000017"),
        _row("dfe_referrals", "FY2018/19", "1000", area="E06000016"),
    ]
    packages = [
        write_package(root / "datapackages" / "report", report),
        write_package(root / "datapackages" / "dfe-fixture", official, **OFFICIAL),
    ]
    validation = validate(packages, root=root, registry_parent=ROOT / "datapackages")
    assert validation.ok, validation.problems
    return build_model(validation)


def _pairs(model):
    c = model.official_comparisons
    return {
        (r.authority_code, r.indicator_id, r.period): (r.value, r.official_value, r.verdict)
        for r in c.itertuples()
    }


def test_only_the_same_measure_area_and_period_are_compared(model):
    assert _pairs(model) == {
        ("E10000018", "referrals", "FY2017/18"): ("7299", "7555", DIFFERS),
        ("E10000018", "referrals", "FY2016/17"): ("6836", "6836", AGREES),
        ("E06000017", "cp_plans_second_time_pct", "FY2017/18"): ("21", "", WITHHELD),
    }


def test_the_report_figure_says_what_the_official_figure_is_and_neither_is_changed(model):
    rows = {r["figure_id"]: r for r in figure_rows(model.index.by_package["report"])}
    notes = [r["note"] for r in rows.values() if "official figure" in r["note"]]
    assert any("is 7,555: the report's figure differs from it by -256." in n for n in notes)
    assert any("is c (confidential): DfE withholds it" in n for n in notes)
    values = sorted(r["value"] for r in rows.values())
    assert "7,299" in values and "7,555" not in values


def test_the_page_lists_differences_first_and_says_why_figures_can_differ(model):
    page = official_check_page(model)
    assert [r["report_value"] for r in page.context["differ"]] == ["7,299"]
    assert [r["report_value"] for r in page.context["agree"]] == ["6,836"]
    assert [r["official_value"] for r in page.context["withheld"]] == ["c (confidential)"]
    ids = {(e["indicator_id"], e["official_id"]) for e in page.context["equivalents"]}
    assert ("referrals", "dfe_referrals") in ids and (
        "re_referrals_pct",
        "dfe_re_referrals_12m_pct",
    ) not in ids


def test_without_official_packages_nothing_is_compared(real_model):
    assert real_model.official_comparisons.empty


@pytest.mark.slow
def test_the_leicestershire_referrals_of_2017_18_meet_the_official_figure_in_both_reports():
    """Done-when of issue 13: both committee reports' 2017/18 referrals beside DfE's 7,555."""
    datapackages = ROOT / "datapackages"
    folders = [*report_package_folders(datapackages), datapackages / "dfe-children-in-need"]
    model = build_model(validate(folders, root=ROOT, registry_parent=datapackages))
    found = model.official_comparisons
    found = found[(found["authority_code"] == "E10000018") & (found["indicator_id"] == "referrals")]
    in_2017_18 = found[found["period"] == "FY2017/18"]
    assert sorted(in_2017_18["value"]) == ["6609", "7299"]
    assert set(in_2017_18["official_value"]) == {"7555"} and set(in_2017_18["verdict"]) == {DIFFERS}
    assert {
        "leicestershire-complaints-2017-18",
        "leicestershire-rutland-lscb-annual-report-2017-18",
    } == set(in_2017_18["source_package"])
    assert all("row" in p for p in in_2017_18["official_provenance"])


@pytest.mark.slow
def test_every_compared_figure_links_to_the_id_its_report_page_shows():
    """A figure whose correction moved it keeps its published id on its report page; the check
    page must link to that id, not the one the corrected key would give (a dead anchor)."""
    datapackages = ROOT / "datapackages"
    folders = [p for p in datapackages.iterdir() if p.is_dir() and p.name != "registry"]
    model = build_model(validate(folders, root=ROOT, registry_parent=datapackages))
    shown = set(model.observations["figure_id"])
    assert not model.official_comparisons.empty
    assert set(model.official_comparisons["figure_id"]) <= shown
    assert set(model.official_comparisons["official_figure_id"]) <= shown
