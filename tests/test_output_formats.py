import json

from support import GOOD_ROW, ROOT, run_cli, write_package


def broken(tmp_path):
    write_package(
        tmp_path / "p",
        [
            {**GOOD_ROW, "period": "Q1 2018/19"},
            {**GOOD_ROW, "period": "2020-05-18", "note": "a%b\nc"},
        ],
    )
    return ["validate", "p", "--registry", str(ROOT / "datapackages")]


def test_json_output_lists_every_problem_with_its_location(tmp_path):
    result = run_cli(*broken(tmp_path), "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["valid"] is False
    assert document["summary"]["errors"] == 1
    [problem] = document["problems"]
    assert problem["file"] == "p/observations.csv"
    assert problem["row"] == 2
    assert problem["column"] == "period"
    assert problem["check"] == "period-grammar"
    assert problem["severity"] == "error"
    assert "FY2018/19-Q1" in problem["fix"]


def test_github_output_is_workflow_annotations(tmp_path):
    result = run_cli(*broken(tmp_path), "--format", "github", cwd=tmp_path)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=p/observations.csv,line=2,title=period-grammar::")
    assert "column period:" in first
    assert "How to fix:" in first


def test_text_output_names_file_row_column_and_fix(tmp_path):
    result = run_cli(*broken(tmp_path), cwd=tmp_path)
    assert "p/observations.csv:2:period: error [period-grammar]" in result.stdout
    assert "how to fix:" in result.stdout
    assert result.stdout.rstrip().endswith("Not valid: fix the errors above and run again.")
