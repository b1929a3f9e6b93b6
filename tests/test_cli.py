"""The command line's one error path: known failures, bugs, --debug and the exit statuses it documents."""

import subprocess
import sys

import pytest
from click.testing import CliRunner

from generator.cli import DIFF_FORMATS, cli, main
from generator.diff.report import DIFF_RENDERERS
from support import ROOT, run_cli


def _bug(*args, **kwargs):
    raise RuntimeError("the validator fell over")


@pytest.fixture
def broken_validator(monkeypatch):
    monkeypatch.setattr("generator.validation.validate.validate", _bug)


def test_a_bug_is_one_line_with_exit_status_3_and_no_traceback(tmp_path, broken_validator):
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 3
    assert result.stderr.strip().splitlines() == [
        "Unexpected error (a bug in transparency, please report it): "
        "RuntimeError('the validator fell over'). Run again with --debug for details."
    ]
    assert "Traceback" not in result.output


def test_debug_shows_the_traceback_of_a_bug_and_keeps_its_exit_status(tmp_path, broken_validator):
    result = CliRunner().invoke(cli, ["--debug", "validate", str(tmp_path)])
    assert result.exit_code == 3
    assert "Traceback (most recent call last)" in result.stderr
    assert "RuntimeError: the validator fell over" in result.stderr


def test_debug_is_the_group_option_not_a_word_anywhere_on_the_command_line(
    tmp_path, broken_validator, monkeypatch, capsys
):
    (tmp_path / "--debug").mkdir()
    monkeypatch.setattr(sys, "argv", ["transparency", "validate", "--", str(tmp_path / "--debug")])
    with pytest.raises(SystemExit) as exit:
        main()
    assert exit.value.code == 3
    assert "Traceback" not in capsys.readouterr().err


def test_a_known_failure_is_its_message_and_exit_status_1(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    details = ["--authority", "E10000018", "--title", "t", "--committee", "c", "--publisher", "p"]
    result = CliRunner().invoke(cli, ["new", "Not A Slug", *details, "--meeting-date", "2020-06-02"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_exit_statuses_are_in_the_help():
    result = run_cli("--help", cwd=ROOT)
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "Exit status: 0 success; 1 the input has errors or the command refused" in text
    assert "2 wrong usage; 3 a bug in transparency" in text


def test_help_loads_no_part_of_the_library_that_takes_a_second_to_import():
    """`transparency --help` must answer at once; pandas, Frictionless and MkDocs load in commands."""
    heavy = ["pandas", "frictionless", "mkdocs", "openpyxl", "jinja2", "plotly"]
    code = f"import sys, generator.cli; print([m for m in {heavy!r} if m in sys.modules])"
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert (loaded.returncode, loaded.stdout.strip()) == (0, "[]"), loaded.stderr


def test_the_diff_formats_offered_are_the_renderers_there_are():
    assert sorted(DIFF_FORMATS) == sorted(DIFF_RENDERERS)
