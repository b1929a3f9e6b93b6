"""Only plain numbers are figures, only text is text, and whatever passes `validate` can be built."""

import copy
import json
import shutil

import pytest

from generator.core.contract import observation_schema, observations_resource
from generator.core.problems import ERROR
from generator.inputs.scaffold import ScaffoldError, scaffold_package
from generator.outputs.site.escaping import json_script as _script_safe
from generator.outputs.site.page_map import _title
from generator.validation.validate import validate
from support import GOOD_ROW, ROOT, csv_text, descriptor, run_cli, write_package


def check(tmp_path, package, published=None):
    result = validate([package], root=tmp_path, registry_parent=ROOT / "datapackages", published=published)
    return [p for p in result.problems if p.severity == ERROR]


def only(errors, check_id):
    found = [p for p in errors if p.check == check_id]
    assert found, errors
    return found


@pytest.mark.parametrize(
    "text", ["NaN", "nan", "inf", "-Infinity", "1e309", "1e3", "５２９", "2_334", "+5", ".5", "5.", "1" * 400]
)
@pytest.mark.parametrize("column", ["value", "numerator", "denominator", "target"])
def test_only_plain_decimal_numbers_are_figures(tmp_path, text, column):
    package = write_package(tmp_path / "p", [{**GOOD_ROW, column: text}])
    [problem] = only(check(tmp_path, package), "plain-number")
    assert (problem.file, problem.row, problem.column) == ("p/observations.csv", 2, column)
    assert repr(text)[:20] in problem.message


def test_plain_numbers_with_a_sign_and_decimals_are_accepted(tmp_path):
    percent = "assessments_within_45_days_pct"
    rows = [{**GOOD_ROW, "indicator_id": percent, "value": "95.80", "target": "-0.5"}]
    package = write_package(tmp_path / "p", rows)
    assert not [p for p in check(tmp_path, package) if p.check == "plain-number"]


def test_text_the_schema_refuses_is_reported_once_not_twice(tmp_path):
    package = write_package(tmp_path / "p", [{**GOOD_ROW, "value": "529%"}])
    assert [p.check for p in check(tmp_path, package)] == ["frictionless/type-error"]


def test_nan_in_place_of_a_published_value_is_not_a_silent_change(tmp_path):
    record = tmp_path / "published.csv"
    header = "source_package,authority_code,indicator_id,period,breakdown_dimension,breakdown_category"
    record.write_text(header + ",value,marker\np,E10000018,cp_plans,2020-05-17,,,529,\n")
    package = write_package(tmp_path / "p", [{**GOOD_ROW, "value": "NaN"}])
    [problem] = check(tmp_path, package, published=record)
    assert (problem.check, problem.column) == ("plain-number", "value")


def test_no_infinity_or_nan_can_be_written_into_a_chart():
    for number in (float("inf"), float("nan")):
        with pytest.raises(ValueError):
            _script_safe({"data": [{"y": [number]}]})


@pytest.mark.parametrize(
    ("column", "text", "what"),
    [
        ("note", "before\x00after", "NUL"),
        ("provenance", "para\x0016", "NUL"),
        ("breakdown_category", "Hinckley\u202e", "\\u202e"),
        ("period", "2020-05-17\u200b", "\\u200b"),
    ],
)
def test_nul_in_text_and_invisible_characters_in_codes_are_refused(tmp_path, column, text, what):
    row = {**GOOD_ROW, column: text}
    if column == "breakdown_category":
        row["breakdown_dimension"] = "locality"
    package = write_package(tmp_path / "p", [row])
    [problem] = only(check(tmp_path, package), "cell-characters")
    assert (problem.row, problem.column) == (2, column)
    assert what in problem.message and "\x00" not in problem.message


def test_a_visible_note_in_any_script_is_still_text(tmp_path):
    package = write_package(tmp_path / "p", [{**GOOD_ROW, "note": "Café – naïve, 日本, 15–17 (2020)"}])
    assert check(tmp_path, package) == []


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("title", "Leicestershire: \ud800 report"),
        ("committee", "Children\x00s"),
        ("authorities", ["E10000018\u202e"]),
    ],
)
def test_descriptor_strings_a_page_cannot_show_are_refused(tmp_path, where, value):
    package = write_package(tmp_path / "p")
    d = {**descriptor("p"), where: value}
    (package / "datapackage.json").write_text(json.dumps(d), encoding="utf-8")  # \ud800 as an escape
    [problem] = only(check(tmp_path, package), "descriptor-text")
    assert problem.column.startswith(where) and problem.file == "p/datapackage.json"


@pytest.mark.parametrize("code", ["E10000018\u202e", "E10000018\x7f"])
def test_a_code_with_a_character_written_as_it_is_is_refused(tmp_path, code):
    """Not as an escape: the descriptor's text itself holds the character (core/json_text.py)."""
    package = write_package(tmp_path / "p")
    d = {**descriptor("p"), "authorities": [code]}
    (package / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    [problem] = only(check(tmp_path, package), "descriptor-text")
    assert problem.column == "authorities[1]" and problem.file == "p/datapackage.json"


def test_a_key_given_twice_in_the_descriptor_is_a_problem(tmp_path):
    package = write_package(tmp_path / "p")
    text = json.dumps(descriptor("p"))[:-1] + ', "title": "Leicestershire: the other title"}'
    (package / "datapackage.json").write_text(text, encoding="utf-8")
    [problem] = only(check(tmp_path, package), "descriptor")
    assert "'title' appears twice" in problem.message


def _loose_resources() -> list[dict]:
    schema = copy.deepcopy(observation_schema())
    for field in schema["fields"]:
        field.pop("constraints", None)
        field["type"] = "string"
    return [observations_resource(schema)]


def test_a_flag_outside_the_vocabulary_is_refused_whatever_the_package_schema_allows(tmp_path):
    """The contract's schema is what rows are checked against (one contract), and the loosened schema
    is a problem of its own."""
    package = write_package(tmp_path / "p", [{**GOOD_ROW, "flag": "q"}], resources=_loose_resources())
    found = {(p.check, p.row, p.column) for p in check(tmp_path, package)}
    assert ("frictionless/constraint-error", 2, "flag") in found
    assert any(check_id == "declared-schema" for check_id, _, _ in found)


def test_with_the_contracts_schema_a_wrong_flag_is_reported_once(tmp_path):
    package = write_package(tmp_path / "p", [{**GOOD_ROW, "flag": "q"}])
    assert [p.check for p in check(tmp_path, package)] == ["frictionless/constraint-error"]


@pytest.mark.parametrize("meeting", ["2107-01-01", "1899-12-31", "20200602", "2020-W23-2"])
def test_meeting_dates_the_build_cannot_carry_are_refused(tmp_path, meeting):
    package = write_package(tmp_path / "p", meeting_date=meeting)
    [problem] = only(check(tmp_path, package), "package-metadata")
    assert "'meeting_date'" in problem.message


def test_a_title_over_a_thousand_characters_is_refused(tmp_path):
    package = write_package(tmp_path / "p", title="Leicestershire: " + "x" * 1000)
    [problem] = only(check(tmp_path, package), "title-length")
    assert problem.column == "title" and "1,016 characters" in problem.message


def test_a_menu_title_stays_within_what_yaml_can_carry_however_it_is_escaped():
    for title in ("&" * 1000, '"' * 1000, "\\" * 1000):
        written = json.dumps(_title(title), ensure_ascii=False)
        assert len(written) < 1020 and written.endswith('…"')
    assert _title("x" * 1000) == "x" * 1000  # a title the validator accepts is never cut otherwise


@pytest.mark.parametrize("folder", ["p#2", "Q3 report", "p" * 101])
def test_package_folders_must_be_slugs(tmp_path, folder):
    package = write_package(tmp_path / folder)
    [problem] = only(check(tmp_path, package), "package-name")
    assert problem.file.endswith("/datapackage.json")


def test_new_refuses_a_300_character_slug_clearly(tmp_path):
    shutil.copytree(ROOT / "datapackages/registry", tmp_path / "datapackages/registry")
    with pytest.raises(ScaffoldError, match="more than the 100"):
        scaffold_package(
            tmp_path / "datapackages",
            "a" * 300,
            authority="E10000018",
            title="t",
            committee="c",
            meeting_date="2020-06-02",
            publisher="p",
        )


def test_new_on_the_command_line_refuses_it_without_a_traceback(tmp_path):
    (tmp_path / "datapackages").mkdir()
    result = run_cli(
        "new", "a" * 300, "--authority", "E10000018", "--title", "t", "--committee", "c",
        "--meeting-date", "2020-06-02", "--publisher", "p", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 1
    assert "more than the 100" in result.stderr and "Traceback" not in result.stderr
    assert list((tmp_path / "datapackages").iterdir()) == []


def test_a_csv_row_written_by_the_tests_is_still_valid(tmp_path):
    """The fixture the tests above break is itself valid, so each failure above is the rule's."""
    package = write_package(tmp_path / "p", csv_body=csv_text([GOOD_ROW]))
    assert check(tmp_path, package) == []
