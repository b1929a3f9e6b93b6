"""A published figure never changes silently: changes need a revision note, notes must be right."""

import json
from pathlib import Path

import jsonschema
import pytest

from generator.core.contract import KEY
from generator.core.problems import ERROR
from generator.inputs.published import COLUMNS
from generator.inputs.revision_notes import revision_schema
from generator.validation.validate import validate
from support import GOOD_ROW, ROOT, csv_text, descriptor, run_cli, write_package

FIGURE = {k: GOOD_ROW.get(k, "") for k in KEY}
NOTE = {**FIGURE, "previous_value": "529", "revised_on": "2021-01-10", "reason": "Typing error in table 2."}


def published(tmp_path: Path, rows: list[dict], package: str = "leics") -> Path:
    """A record of published figures, as `transparency snapshot` writes it (only the columns read)."""
    path = tmp_path / "published/observations.csv"
    path.parent.mkdir(exist_ok=True)
    path.write_text(csv_text([{"source_package": package, **r} for r in rows], COLUMNS), encoding="utf-8")
    return path


def check(tmp_path: Path, package: Path, record: Path | None):
    result = validate([package], root=tmp_path, registry_parent=ROOT / "datapackages", published=record)
    return [p for p in result.problems if p.severity == ERROR]


def test_unchanged_figures_need_no_note(tmp_path):
    record = published(tmp_path, [GOOD_ROW])
    assert check(tmp_path, write_package(tmp_path / "leics"), record) == []


def test_the_same_number_written_differently_is_not_a_change(tmp_path):
    record = published(tmp_path, [{**GOOD_ROW, "value": "529.0"}])
    assert check(tmp_path, write_package(tmp_path / "leics"), record) == []


def test_a_changed_figure_without_a_note_names_the_figure_and_both_values(tmp_path):
    record = published(tmp_path, [GOOD_ROW])
    package = write_package(tmp_path / "leics", [{**GOOD_ROW, "value": "530"}])
    [problem] = check(tmp_path, package, record)
    assert (problem.file, problem.row, problem.column, problem.check) == (
        "leics/observations.csv",
        2,
        "value",
        "revision-notes",
    )
    assert "cp_plans for E10000018 in 2020-05-17 was published as 529 and is now 530" in problem.message
    assert "leics/datapackage.json" in problem.fix and '"previous_value": "529"' in problem.fix


def test_pasting_the_suggested_note_makes_the_package_valid(tmp_path):
    record = published(tmp_path, [GOOD_ROW])
    package = write_package(tmp_path / "leics", [{**GOOD_ROW, "value": "530"}])
    [problem] = check(tmp_path, package, record)
    start = problem.fix.index("{")
    note, _ = json.JSONDecoder().raw_decode(problem.fix[start:])
    note.update(revised_on="2021-01-10", reason="The council corrected table 2.")
    write_package(package, [{**GOOD_ROW, "value": "530"}], revisions=[note])
    assert check(tmp_path, package, record) == []


def test_a_published_value_retyped_with_a_percent_sign_is_only_a_type_error(tmp_path):
    record = published(
        tmp_path, [{**GOOD_ROW, "indicator_id": "assessments_within_45_days_pct", "value": "85.1"}]
    )
    package = write_package(
        tmp_path / "leics", [{**GOOD_ROW, "indicator_id": "assessments_within_45_days_pct", "value": "85.1%"}]
    )
    result = validate([package], root=tmp_path, registry_parent=ROOT / "datapackages", published=record)
    assert [p.check for p in result.problems if p.severity == ERROR] == ["frictionless/type-error"]


def test_a_marker_change_is_reported_on_the_marker_column(tmp_path):
    record = published(tmp_path, [GOOD_ROW])
    package = write_package(tmp_path / "leics", [{**GOOD_ROW, "marker": "u"}])
    [problem] = check(tmp_path, package, record)
    assert problem.column == "marker"
    assert "published as 529 and is now 529 (marker u)" in problem.message


def test_without_a_record_nothing_has_been_published_yet(tmp_path):
    package = write_package(tmp_path / "leics", [{**GOOD_ROW, "value": "530"}])
    assert check(tmp_path, package, tmp_path / "published/observations.csv") == []
    assert check(tmp_path, package, None) == []


def test_a_note_must_start_from_the_published_value(tmp_path):
    record = published(tmp_path, [GOOD_ROW])
    wrong = {**NOTE, "previous_value": "528"}
    package = write_package(tmp_path / "leics", [{**GOOD_ROW, "value": "530"}], revisions=[wrong])
    [problem] = check(tmp_path, package, record)
    assert problem.file == "leics/datapackage.json"
    assert problem.message.startswith("revisions entry 1 (cp_plans for E10000018 in 2020-05-17)")
    assert "published as 529" in problem.message and "528 → 530" in problem.message


def test_notes_chain_from_the_published_value_to_the_value_now(tmp_path):
    record = published(tmp_path, [GOOD_ROW])
    notes = [
        {**NOTE, "previous_value": "530", "revised_on": "2021-03-01"},
        NOTE,  # listed out of order on purpose: notes are followed by date
    ]
    package = write_package(tmp_path / "leics", [{**GOOD_ROW, "value": "531"}], revisions=notes)
    assert check(tmp_path, package, record) == []
    # After a release the record holds 531 and the old notes stay as history: still valid.
    assert check(tmp_path, package, published(tmp_path, [{**GOOD_ROW, "value": "531"}])) == []
    # A change since then needs a note of its own.
    write_package(package, [{**GOOD_ROW, "value": "532"}], revisions=notes)
    [problem] = check(tmp_path, package, record := published(tmp_path, [{**GOOD_ROW, "value": "531"}]))
    assert "published as 531" in problem.message and "529 → 530 → 532" in problem.message
    assert '"previous_value": "531"' in problem.fix


def test_a_note_that_records_no_change_is_an_error(tmp_path):
    notes = [NOTE, {**NOTE, "revised_on": "2021-02-01"}]
    package = write_package(tmp_path / "leics", [{**GOOD_ROW, "value": "530"}], revisions=notes)
    [problem] = check(tmp_path, package, published(tmp_path, [GOOD_ROW]))
    assert problem.message.startswith("revisions entry 1") and "nothing changed" in problem.message


def test_a_note_naming_no_figure_of_the_package_is_an_error(tmp_path):
    package = write_package(tmp_path / "leics", revisions=[{**NOTE, "period": "2020-05-18"}])
    [problem] = check(tmp_path, package, None)
    assert problem.file == "leics/datapackage.json"
    assert "names no figure" in problem.message
    assert "2020-05-17" in problem.fix  # the periods it does have


MALFORMED = [
    # (what, revisions, fragment of the message, fragment of the fix)
    ("not a list", {"previous_value": "529"}, "'revisions' is an object, not a list", '"revisions": [{'),
    ("entry not an object", ["529"], 'revisions entry 1: is "529", not an object', '"previous_value"'),
    ("misspelt field", [{**NOTE, "previous_vaue": "1"}], "a field 'previous_vaue'", "'previous_value'"),
    ("missing period", [{**NOTE, "period": ""}], "'period' is missing or empty", '"period"'),
    ("key not text", [{**NOTE, "authority_code": 10000018}], "'authority_code' is 10000018", "quotes"),
    ("half a breakdown", [{**NOTE, "breakdown_dimension": "locality"}], "only one of", "give both"),
    ("value not a number", [{**NOTE, "previous_value": "529 children"}], "not a plain number", "no commas"),
    ("unknown marker", [{**NOTE, "previous_marker": "q"}], "'previous_marker' is \"q\"", "c, x, z, low"),
    ("no previous state", [{k: v for k, v in NOTE.items() if k != "previous_value"}], "neither", "add"),
    ("value and blanking marker", [{**NOTE, "previous_marker": "x"}], "both a previous value", "keep"),
    ("date not ISO", [{**NOTE, "revised_on": "10/01/2021"}], "'revised_on' is \"10/01/2021\"", "YYYY-MM-DD"),
    ("before the meeting", [{**NOTE, "revised_on": "2020-01-01"}], "before the report's meeting", "day"),
    ("no reason", [{**NOTE, "reason": " "}], "'reason' is missing or empty", '"reason"'),
    ("same day twice", [NOTE, NOTE], "revisions entry 2 (cp_plans", "one entry per correction"),
]


@pytest.mark.parametrize(("what", "revisions", "message", "fix"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_note_gets_a_precise_error(tmp_path, what, revisions, message, fix):
    package = write_package(tmp_path / "leics", [{**GOOD_ROW, "value": "530"}], revisions=revisions)
    found = [p for p in check(tmp_path, package, None) if p.check == "revision-notes"]
    assert len(found) == 1, found
    assert found[0].file == "leics/datapackage.json"
    assert message in found[0].message, found[0].message
    assert fix in found[0].fix, found[0].fix


def test_a_malformed_note_fails_the_command_without_a_traceback(tmp_path):
    write_package(tmp_path / "leics", revisions=[{**NOTE, "revised_on": "soon"}])
    result = run_cli("validate", "leics", "--registry", str(ROOT / "datapackages"), cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert "leics/datapackage.json: error [revision-notes] revisions entry 1" in result.stdout


def test_the_published_option_of_validate_is_used(tmp_path):
    write_package(tmp_path / "leics", [{**GOOD_ROW, "value": "530"}])
    record = published(tmp_path, [GOOD_ROW])
    record.rename(tmp_path / "released.csv")
    args = ("validate", "leics", "--registry", str(ROOT / "datapackages"))
    assert run_cli(*args, cwd=tmp_path).returncode == 0
    result = run_cli(*args, "--published", "released.csv", cwd=tmp_path)
    assert result.returncode == 1 and "was published as 529 and is now 530" in result.stdout


def test_a_record_without_the_key_columns_is_an_error(tmp_path):
    record = tmp_path / "published/observations.csv"
    record.parent.mkdir()
    record.write_text("authority_code,value\nE10000018,529\n", encoding="utf-8")
    package = write_package(tmp_path / "leics")
    result = validate([package], root=tmp_path, registry_parent=ROOT / "datapackages", published=record)
    [problem] = result.errors
    assert problem.file == "published/observations.csv" and "source_package" in problem.message
    assert "transparency snapshot" in problem.fix


def test_the_schema_documents_the_notes_the_checker_accepts():
    schema = revision_schema()
    jsonschema.validate(
        [NOTE, {**FIGURE, "previous_marker": "x", "revised_on": "2021-01-10", "reason": "r"}], schema
    )
    for bad in ([{**NOTE, "previous_vaue": "1"}], [{**NOTE, "revised_on": "10/01/2021"}], [{**FIGURE}]):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
    assert descriptor(revisions=[NOTE])["revisions"] == [NOTE]


def test_the_real_packages_match_the_published_record():
    result = validate(
        [ROOT / "datapackages"],
        root=ROOT,
        registry_parent=ROOT / "datapackages",
        published=ROOT / "published/observations.csv",
    )
    assert (ROOT / "published/observations.csv").is_file()
    assert result.errors == []


MOVED_ROW = {**GOOD_ROW, "period": "latest:2020-06-02"}
MOVE_NOTE = {
    **FIGURE,
    "period": "latest:2020-06-02",
    "previous_period": "2020-05-17",
    "previous_value": "529",
    "revised_on": "2021-01-10",
    "reason": "The report gives no date for this count.",
}


def test_a_figure_moved_to_another_period_without_a_note_is_an_error(tmp_path):
    record = published(tmp_path, [GOOD_ROW])
    package = write_package(tmp_path / "leics", [MOVED_ROW])
    [problem] = check(tmp_path, package, record)
    assert (problem.file, problem.check) == ("leics/datapackage.json", "revision-notes")
    assert "cp_plans for E10000018 in 2020-05-17 was published" in problem.message
    assert "no longer in the package" in problem.message and "previous_period" in problem.fix


def test_a_note_naming_the_published_period_accounts_for_the_move(tmp_path):
    record = published(tmp_path, [GOOD_ROW])
    package = write_package(tmp_path / "leics", [MOVED_ROW], revisions=[MOVE_NOTE])
    assert check(tmp_path, package, record) == []


def test_a_moved_figures_note_must_start_from_its_published_value(tmp_path):
    record = published(tmp_path, [{**GOOD_ROW, "value": "528"}])
    package = write_package(tmp_path / "leics", [MOVED_ROW], revisions=[MOVE_NOTE])
    [problem] = check(tmp_path, package, record)
    assert "was published as 528" in problem.message


def test_a_flag_change_with_the_same_value_is_a_change(tmp_path):
    record = published(tmp_path, [{**GOOD_ROW, "value": "5500"}])
    note = {
        **FIGURE,
        "previous_value": "5500",
        "previous_flag": "",
        "revised_on": "2021-01-10",
        "reason": "r",
    }
    package = write_package(
        tmp_path / "leics", [{**GOOD_ROW, "value": "5500", "flag": "almost"}], revisions=[note]
    )
    assert check(tmp_path, package, record) == []
    package = write_package(
        tmp_path / "leics", [{**GOOD_ROW, "value": "5500"}], revisions=[{**note, "previous_flag": "over!"}]
    )
    [problem] = check(tmp_path, package, record)
    assert "'previous_flag'" in problem.message and "not a flag" in problem.message


def test_the_schema_documents_moves_and_earlier_flags():
    jsonschema.validate(
        [MOVE_NOTE, {**NOTE, "previous_flag": "e", "previous_numerator": "38.8"}], revision_schema()
    )


def test_the_revisions_page_says_what_a_moved_figure_was_and_became(real_model):
    from generator.outputs.site.pages.revisions import revisions_page

    rows = revisions_page(real_model).context["revisions"]
    moved = [
        r
        for r in rows
        if r["report"] == "leicestershire-2018-09-10-q1-performance"
        and r["indicator_id"] == "cp_reviews_in_timescale_pct"
        and r["area_code"] == "SN-E10000018"
    ]
    [row] = moved
    assert row["old"].startswith("89.9% (") and "Q1 2018/19 (Apr–Jun 2018)" in row["old"]
    assert "Latest available on 10 Sep 2018 (period not stated)" in row["new"]
    flagged = [r for r in rows if r["new"] == "almost 5,500"]
    assert [r["old"] for r in flagged] == ["5,500"]
