"""The real packages transcribed from the seed reports validate, and their known disagreements show."""

from support import ROOT, run_cli


def test_every_seed_package_validates_without_errors(real_validation):
    result = real_validation
    assert result.errors == []
    assert result.summary.packages >= 8
    names = {p.name for p in result.packages}
    assert {
        "leicestershire-2020-06-02-help-and-protection",
        "leicestershire-2018-09-10-q1-performance",
        "leicestershire-rutland-lscb-annual-report-2017-18",
        "leicestershire-complaints-2017-18",
        "leicestershire-2018-09-10-send-early-support",
        "stockton-2018-10-24-children-in-need-review",
        "cambridgeshire-2020-12-01-service-director-report",
        "southend-2018-safeguarding-annual-report",
    } <= names


def test_children_in_care_548_versus_555_is_reported_as_a_discrepancy(real_validation):
    warnings = [p for p in real_validation.problems if p.check == "cross-package-discrepancy"]
    messages = " ".join(p.message for p in warnings)
    assert "children_in_care for E10000018 in 2018-03-31 is 555 here but 548" in messages
    assert "children_in_care for E10000018 in 2018-03-31 is 548 here but 555" in messages


def test_every_observation_says_where_it_stands_in_its_report(real_validation):
    observations = real_validation.observations
    assert (observations["provenance"].str.len() > 0).all()


def test_validate_command_prints_a_summary_and_exits_0():
    result = run_cli("validate", "datapackages", cwd=ROOT)
    assert result.returncode == 0, result.stdout
    last = result.stdout.strip().splitlines()
    assert last[-1] == "Valid."
    assert "14 packages, 14 resources" in last[-2]  # 8 reports, 5 DfE releases, 1 calculated
