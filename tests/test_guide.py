"""The "Publish your data" guide cannot drift from the tools it teaches.

Officers follow it literally: every `transparency` command it shows must exist with the options it
uses, its worked example must be a valid package, and every message it quotes must be what the tools
print today for the mistake it describes.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from generator.core.contract import observation_fields
from generator.inputs.registry import load_registry
from generator.inputs.spreadsheet.template import template_bytes
from support import ROOT, run_cli

GUIDE = ROOT / "content" / "publish-your-data.md"
TEXT = GUIDE.read_text(encoding="utf-8")
SLUG = "leicestershire-2020-06-02-help-and-protection"
WORKBOOK = "leicestershire-2020-06-02.xlsx"


def blocks(language: str) -> list[str]:
    """The fenced code blocks of ``language``, with the indentation of list items removed."""
    found = re.findall(rf"^( *)```{language}\n(.*?)^\1```$", TEXT, flags=re.M | re.S)
    return ["\n".join(line[len(indent) :] for line in body.splitlines()) for indent, body in found]


def block_starting(language: str, start: str) -> str:
    [block] = [b for b in blocks(language) if b.startswith(start)]
    return block


def commands() -> list[list[str]]:
    """Every `transparency ...` the guide shows, in code blocks and in inline code."""
    lines = [line for block in blocks("sh") for line in block.splitlines()]
    lines += re.findall(r"`(transparency [^`]*)`", TEXT)
    return [shlex.split(line) for line in lines if line.startswith("transparency ")]


def example_csv() -> str:
    """The worked example's rows (the guide's other CSV block is the skeleton `new` writes)."""
    [example] = [b for b in blocks("csv") if "Example row" not in b]
    return example + "\n"


def project(tmp_path: Path) -> Path:
    """A project folder whose only package is the real registry (copied: git may commit it)."""
    shutil.copytree(ROOT / "datapackages/registry", tmp_path / "datapackages/registry")
    return tmp_path


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Tests", "-c", "user.email=tests@example.org", *args],
        cwd=root,
        capture_output=True,
        check=True,
    )


def test_the_guide_shows_every_command_an_officer_needs():
    shown = {command[1] for command in commands()}
    assert {"new", "template", "import", "validate", "serve", "diff"} <= shown


@pytest.mark.parametrize("name", sorted({c[1] for c in commands()}))
def test_each_command_in_the_guide_exists_with_the_options_it_uses(tmp_path, name):
    result = run_cli(name, "--help", cwd=tmp_path)
    assert result.returncode == 0, f"`transparency {name}` is not a command: {result.stderr}"
    for command in (c for c in commands() if c[1] == name):
        for option in (word.split("=")[0] for word in command[2:] if word.startswith("--")):
            assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", result.stdout), (
                f"the guide uses `{' '.join(command)}`, but `transparency {name}` has no {option}"
            )


def test_every_picture_exists_and_says_what_it_shows():
    pictures = re.findall(r"!\[([^\]]*)\]\(([^)]+)\)", TEXT)
    assert pictures
    for alt, path in pictures:
        assert (GUIDE.parent / path).is_file(), path
        assert len(alt) > 40, f"{path} needs alt text that describes what it shows"


def test_the_worked_example_made_as_the_guide_says_is_valid_and_diffs_as_shown(tmp_path):
    root = project(tmp_path)
    git(root, "init", "--quiet", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "registry only")
    new = max((c for c in commands() if c[1] == "new"), key=len)  # the full command, not `transparency new`
    made = run_cli(*new[1:], cwd=root)
    assert made.returncode == 0, made.stderr
    package = root / "datapackages" / SLUG
    [skeleton] = [b for b in blocks("csv") if "Example row" in b]
    assert (package / "observations.csv").read_text(encoding="utf-8") == skeleton + "\n"
    assert example_csv().splitlines()[0] == ",".join(observation_fields())
    (package / "observations.csv").write_text(example_csv(), encoding="utf-8")
    checked = run_cli("validate", f"datapackages/{SLUG}", cwd=root)
    assert checked.returncode == 0 and checked.stdout.endswith("0 errors, 0 warnings\nValid.\n"), (
        checked.stdout
    )
    diff = run_cli("diff", "--base", "main", cwd=root)
    assert diff.returncode == 0, diff.stderr
    shown = block_starting("markdown", "<!-- transparency-diff -->")
    commit = re.compile(r"commit `[0-9a-f]+`")
    assert commit.sub("commit", diff.stdout.strip()) == commit.sub("commit", shown)


def test_the_validation_errors_shown_are_what_validate_prints(tmp_path):
    root = project(tmp_path)
    broken = example_csv().replace(",85.1,", ",85.1%,").replace(",2019-05,", ",May 2019,")
    assert broken.count("85.1%") == 1 and broken.count("May 2019") == 1
    package = root / "datapackages" / SLUG
    package.mkdir()
    (package / "observations.csv").write_text(broken, encoding="utf-8")
    # the guide's package is new: the real one's notes correcting its published figures are not its own
    descriptor = json.loads((ROOT / f"datapackages/{SLUG}/datapackage.json").read_text(encoding="utf-8"))
    descriptor.pop("revisions", None)
    (package / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    result = run_cli("validate", f"datapackages/{SLUG}", cwd=root)
    assert result.returncode == 1
    assert result.stdout.strip() == block_starting("text", f"datapackages/{SLUG}/observations.csv:4:value:")


def _report_sheet_values() -> dict[str, str]:
    """The Report sheet as the guide's table fills it in ("(empty)" is an empty cell)."""
    rows = re.findall(r"^\s*\| `(\w+)` \| (`[^`]*`|\(empty\)) \|", TEXT, flags=re.M)
    return {field: value.strip("`") for field, value in rows if value != "(empty)"}


def _workbook(path: Path, edit) -> None:
    registry, problems = load_registry(ROOT / "datapackages", ROOT)
    assert registry is not None, problems
    workbook = openpyxl.load_workbook(io.BytesIO(template_bytes(registry)))
    report = workbook["Report"]
    values = _report_sheet_values()
    for row in range(2, report.max_row + 1):
        report.cell(row, 2).value = values.get(report.cell(row, 1).value)
    figures = workbook["Figures"]
    for offset, row in enumerate(csv.DictReader(io.StringIO(example_csv())), start=2):
        for column, name in enumerate(observation_fields(), start=1):
            if row[name]:  # figures typed as numbers, everything else as text, as an officer would
                figures.cell(offset, column).value = float(row[name]) if name == "value" else row[name]
    edit(workbook)
    workbook.save(path)


def test_the_import_messages_shown_are_what_import_prints(tmp_path):
    root = project(tmp_path)
    assert _report_sheet_values()["slug"] == SLUG

    def mistakes(workbook):
        workbook["Report"]["B6"] = "2 June 2020"
        workbook["Figures"]["F4"] = 0.851
        workbook["Figures"]["F4"].number_format = "0.0%"

    _workbook(root / WORKBOOK, mistakes)
    refused = run_cli("import", WORKBOOK, cwd=root)
    assert refused.returncode == 1
    assert refused.stderr.strip() == block_starting("text", f"{WORKBOOK}:Report:6:meeting_date:")
    assert not (root / "datapackages" / SLUG).exists()

    _workbook(root / WORKBOOK, lambda workbook: None)
    imported = run_cli("import", WORKBOOK, cwd=root)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == block_starting("text", f"Imported {WORKBOOK}")
    assert (root / "datapackages" / SLUG / "observations.csv").read_text(encoding="utf-8") == example_csv()


def test_the_correction_message_shown_is_what_validate_prints(tmp_path):
    root = project(tmp_path)
    shutil.copytree(ROOT / "datapackages" / SLUG, root / "datapackages" / SLUG)
    shutil.copytree(ROOT / "published", root / "published")
    observations = root / "datapackages" / SLUG / "observations.csv"
    text = observations.read_text(encoding="utf-8")
    assert text.count("\nE10000018,cp_plans,2020-05-17,,,529,") == 1
    observations.write_text(
        text.replace(",cp_plans,2020-05-17,,,529,", ",cp_plans,2020-05-17,,,528,"), "utf-8"
    )
    result = run_cli("validate", f"datapackages/{SLUG}", cwd=root)
    assert result.returncode == 1
    shown = block_starting("text", f"datapackages/{SLUG}/observations.csv:12:value: error [revision-notes]")
    assert "\n".join(result.stdout.splitlines()[:2]) == shown
