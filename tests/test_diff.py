"""`transparency diff` against a real git history: what a pull request changes on the public site."""

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.diff.base_tree import BaseTree
from generator.diff.model_diff import RECORD_FIELDS, Comparison, EntryDiff, ModelDiff
from generator.diff.report import BUDGET, COMMENT_LIMIT, MARKER, render_markdown
from support import GOOD_ROW, ROOT, run_cli, write_package

HOSTILE = "table 2 | row `x` <script>alert(1)</script> **bold**"
LEICS = "Leicestershire (E10000018)"


def git(root: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=Tests", "-c", "user.email=tests@example.org", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", message)


def row(period: str, value: str, provenance: str = "para 16", **fields) -> dict:
    return {**GOOD_ROW, "period": period, "value": value, "provenance": provenance, **fields}


def start_repository(root: Path, branch: str = "main") -> None:
    """A project on ``branch`` holding a copy of the real registry and two small reports."""
    git(root, "init", "--quiet", "-b", branch)
    shutil.copytree(ROOT / "datapackages/registry", root / "datapackages/registry")
    write_package(
        root / "datapackages/report-a",
        [row("2020-05-17", "529"), row("2020-04-17", "510", "para 15")],
        title="Report A",
    )
    write_package(root / "datapackages/report-b", [row("2020-03-17", "500", "table 1")], title="Report B")
    commit(root, "base")


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """main, then a branch that revises one figure, drops one and adds a report that disagrees."""
    start_repository(tmp_path)
    git(tmp_path, "checkout", "--quiet", "-b", "feature")
    write_package(tmp_path / "datapackages/report-a", [row("2020-05-17", "530", HOSTILE)], title="Report A")
    write_package(tmp_path / "datapackages/report-c", [row("2020-03-17", "505", "page 4")], title="Report C")
    commit(tmp_path, "revise")
    return tmp_path


def table(markdown: str, title: str) -> list[str]:
    """The rows of the table under ``#### title (n)``, asserting the heading's count matches."""
    match = re.search(rf"^#### {re.escape(title)} \((\d+)\)\n\n(.*?)(?:\n\n|\Z)", markdown, re.M | re.S)
    assert match, f"no section {title!r} in:\n{markdown}"
    header, rule, *rows = match.group(2).splitlines()
    assert rule == "|" + "---|" * (unescaped_pipes(header) - 1)
    assert len(rows) == int(match.group(1))
    return rows


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_shows_each_kind_of_change_once(history):
    result = run_cli("diff", cwd=history)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith(MARKER + "\n")
    assert (
        "**1 report added, 1 figure added, 1 figure changed, 1 figure removed, "
        "1 new disagreement between reports.**" in text
    )
    assert "Compared with the merge base of HEAD and main" in text
    [report] = table(text, "Reports")
    assert report == "| Report C | report-c | added (1 figure) |"
    [changed] = table(text, "Figures changed")
    assert f"| Report A | {LEICS} | Children on child protection plans | 17 May 2020 |" in changed
    assert "| 529 → 530; provenance: para 16 → table 2 \\| row" in changed
    [added] = table(text, "Figures added")
    assert added.startswith("| Report C |") and "| 505 | page 4 |" in added
    [removed] = table(text, "Figures removed")
    assert "| 17 April 2020 |" in removed and "| 510 | para 15 |" in removed
    [disagreement] = table(text, "New disagreements between reports")
    assert "500 in Report B (table 1); 505 in Report C (page 4)" in disagreement
    assert "Disagreements resolved" not in text and "Registry" not in text


def test_data_text_cannot_break_a_table_or_inject_markup(history):
    text = run_cli("diff", cwd=history).stdout
    [changed] = table(text, "Figures changed")
    assert unescaped_pipes(changed) == 8  # seven cells, whatever the provenance holds
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "\\`x\\`" in text and "\\*\\*bold\\*\\*" in text


def test_json_is_complete_and_keyed_by_package_and_contract_key(history):
    result = run_cli("diff", "--base", "main", "--format", "json", cwd=history)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["key"] == [
        "source_package", "authority_code", "indicator_id", "period", "breakdown_dimension",
        "breakdown_category",
    ]  # fmt: skip
    assert document["base"]["ref"] == "main" and document["base"]["errors"] == []
    assert document["base"]["commit"] == git(history, "rev-parse", "main")
    assert document["summary"] == {
        "packages_added": 1,
        "packages_removed": 0,
        "packages_changed": 0,
        "observations_added": 1,
        "observations_removed": 1,
        "observations_changed": 1,
        "discrepancies_new": 1,
        "discrepancies_resolved": 0,
        "registry_changes": 0,
    }
    assert [p["id"] for p in document["packages"]["added"]] == ["report-c"]
    [changed] = document["observations"]["changed"]
    assert (changed["before"]["source_package"], changed["before"]["period"]) == ("report-a", "2020-05-17")
    assert {c["field"]: (c["old"], c["new"]) for c in changed["changes"]} == {
        "value": ("529", "530"),
        "provenance": ("para 16", HOSTILE),
    }
    [removed] = document["observations"]["removed"]
    assert set(removed) == set(RECORD_FIELDS)
    assert (removed["source_title"], removed["period"], removed["value"]) == ("Report A", "2020-04-17", "510")
    [added] = document["observations"]["added"]
    assert (added["source_package"], added["value"], added["provenance"]) == ("report-c", "505", "page 4")
    [new] = document["discrepancies"]["new"]
    assert new["record"]["period"] == "2020-03-17"
    assert [(v["source_package"], v["value"]) for v in new["versions"]] == [
        ("report-b", "500"),
        ("report-c", "505"),
    ]
    assert result.stdout == run_cli("diff", "--base", "main", "--format", "json", cwd=history).stdout


def test_uncommitted_edits_are_compared_and_left_untouched(history):
    csv_file = history / "datapackages/report-c/observations.csv"
    csv_file.write_text(csv_file.read_text().replace(",505,", ",506,"), encoding="utf-8")
    before = git(history, "status", "--porcelain")
    document = json.loads(run_cli("diff", "--format", "json", cwd=history).stdout)
    assert document["observations"]["added"][0]["value"] == "506"
    assert git(history, "status", "--porcelain") == before == "M datapackages/report-c/observations.csv"
    assert git(history, "worktree", "list").count("\n") == 0


def test_registry_changes_name_the_indicator_and_the_field(history):
    indicators = history / "datapackages/registry/indicators.csv"
    with indicators.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for record in rows:
        if record["id"] == "cp_plans_second_time_pct":
            record["polarity"] = "higher_is_better"
    rows = [r for r in rows if r["id"] != "cse_referrals"]
    with indicators.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    result = run_cli("diff", cwd=history)
    assert result.returncode == 0, result.stderr
    registry = table(result.stdout, "Registry")
    assert len(registry) == 2
    assert any("| cse\\_referrals | removed |" in line for line in registry)
    assert any(
        "| cp\\_plans\\_second\\_time\\_pct | polarity: lower\\_is\\_better → higher\\_is\\_better |" in line
        for line in registry
    )


def test_no_change_says_so(tmp_path):
    start_repository(tmp_path)
    result = run_cli("diff", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "No change to the published data" in result.stdout
    assert "####" not in result.stdout
    document = json.loads(run_cli("diff", "--format", "json", cwd=tmp_path).stdout)
    assert document["no_change"] is True and set(document["summary"].values()) == {0}
    assert document["base"]["description"] == "the merge base of HEAD and main"


def test_a_figure_moved_with_a_revision_note_is_a_change_not_a_removal(tmp_path):
    start_repository(tmp_path)
    note = {
        "authority_code": "E10000018",
        "indicator_id": "cp_plans",
        "period": "latest:2020-06-02",
        "previous_period": "2020-05-17",
        "previous_value": "529",
        "revised_on": "2021-01-10",
        "reason": "The report gives no date for this count.",
    }
    write_package(
        tmp_path / "datapackages/report-a",
        [row("latest:2020-06-02", "529"), row("2020-04-17", "510", "para 15")],
        title="Report A",
        revisions=[note],
    )
    document = json.loads(run_cli("diff", "--format", "json", cwd=tmp_path).stdout)
    summary = document["summary"]
    assert (summary["observations_added"], summary["observations_removed"]) == (0, 0), summary
    assert summary["observations_changed"] == 1
    text = run_cli("diff", cwd=tmp_path).stdout
    assert "period: 2020-05-17 → latest:2020-06-02" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--base", "no-such-branch"], "'no-such-branch' is not a branch, tag or commit"),
        (["--base", "--help-me"], "'--help-me' is not a branch, tag or commit"),
    ],
)
def test_a_bad_ref_is_a_usage_error_not_a_traceback(history, args, message):
    result = run_cli("diff", *args, cwd=history)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_without_main_the_base_must_be_named(tmp_path):
    start_repository(tmp_path, branch="trunk")
    result = run_cli("diff", cwd=tmp_path)
    assert result.returncode == 2
    assert "no branch 'main' or 'origin/main'" in result.stderr and "--base REF" in result.stderr
    assert run_cli("diff", "--base", "trunk", cwd=tmp_path).returncode == 0


def test_outside_a_repository_says_so(tmp_path):
    shutil.copytree(ROOT / "datapackages/registry", tmp_path / "datapackages/registry")
    result = run_cli("diff", cwd=tmp_path)
    assert result.returncode == 2
    assert "is not inside a git repository" in result.stderr
    assert "Traceback" not in result.stderr


def test_errors_in_the_working_tree_stop_the_diff_with_the_usual_report(history):
    write_package(history / "datapackages/report-c", [row("Q1 2020", "505")], title="Report C")
    result = run_cli("diff", cwd=history)
    assert result.returncode == 1
    assert "datapackages/report-c/observations.csv:2:period: error [period-grammar]" in result.stderr
    assert "Diff not made: the working tree's data packages have 1 errors" in result.stderr
    assert result.stdout == ""


def test_errors_in_the_base_are_warned_about_and_the_rest_compared(tmp_path):
    start_repository(tmp_path)
    write_package(
        tmp_path / "datapackages/report-b",
        [row("2020-03-17", "500", "table 1"), row("March 2020", "7")],
        title="Report B",
    )
    commit(tmp_path, "a broken row on main")
    git(tmp_path, "checkout", "--quiet", "-b", "fix")
    write_package(
        tmp_path / "datapackages/report-b",
        [row("2020-03-17", "500", "table 1"), row("2020-03", "7")],
        title="Report B",
    )
    result = run_cli("diff", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Warning:" in result.stderr and "1 validation errors" in result.stderr
    assert "> [!WARNING]" in result.stdout
    assert "datapackages/report-b/observations.csv:3:period" in result.stdout
    [added] = table(result.stdout, "Figures added")
    assert "| March 2020 |" in added and "| 7 |" in added
    assert "Figures removed" not in result.stdout
    document = json.loads(run_cli("diff", "--format", "json", cwd=tmp_path).stdout)
    [error] = document["base"]["errors"]
    assert (error["file"], error["row"], error["check"]) == (
        "datapackages/report-b/observations.csv",
        3,
        "period-grammar",
    )


def test_an_unreadable_base_registry_stops_the_diff(tmp_path):
    start_repository(tmp_path)
    (tmp_path / "datapackages/registry/datapackage.json").write_text("{", encoding="utf-8")
    commit(tmp_path, "break the registry on main")
    git(tmp_path, "checkout", "--quiet", "-b", "fix", "HEAD~1")
    result = run_cli("diff", "--base", "main", cwd=tmp_path)
    assert result.returncode == 1
    assert "the registry at main cannot be read, so there is nothing to compare with" in result.stderr
    assert "datapackages/registry/datapackage.json:1: datapackage.json is not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_base_without_packages_makes_everything_new(tmp_path):
    git(tmp_path, "init", "--quiet", "-b", "main")
    (tmp_path / "README.md").write_text("start\n", encoding="utf-8")
    commit(tmp_path, "empty")
    shutil.copytree(ROOT / "datapackages/registry", tmp_path / "datapackages/registry")
    write_package(tmp_path / "datapackages/report-a", [row("2020-05-17", "529")], title="Report A")
    result = run_cli("diff", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert "has no datapackages/ folder" in document["notes"][0]
    assert [p["id"] for p in document["packages"]["added"]] == ["report-a"]
    assert document["summary"]["registry_changes"] > 0


def test_a_huge_change_fits_in_one_comment():
    record = dict.fromkeys(RECORD_FIELDS, "")
    record.update(
        source_package="big", source_title="A very long report title " * 10, authority_code="E10000018",
        authority_name="Leicestershire", indicator_id="cp_plans", indicator_title="Plans", unit="count",
        period="2020-05-17", period_label="17 May 2020", value="529", provenance="|<b>`" * 100,
    )  # fmt: skip
    records = [{**record, "period": f"{i}"} for i in range(5000)]
    diff = ModelDiff(EntryDiff(), records, records, [], [], [], EntryDiff(), EntryDiff())
    base = BaseTree("main", "main", "0" * 40, Path("."), True, ())
    text = render_markdown(Comparison(base, [], [], diff))
    assert len(text) <= BUDGET < COMMENT_LIMIT
    assert "…and 4" in text and "more; run `transparency diff --format json`" in text
    for line in text.splitlines():
        if line.startswith("| A very long"):
            assert unescaped_pipes(line) == 8
