"""Messages say what is true: the real encoding, the column as the file spells it, the characters a
reader cannot see, names Windows cannot check out, and where the registry was looked for."""

import json
import os
import shutil
from pathlib import Path

import pytest

from generator.core.contract import observation_fields, observations_resource
from generator.validation.validate import validate
from support import GOOD_ROW, ROOT, csv_text, run_cli, without_national, write_package


def check(tmp_path: Path, *paths: Path):
    return validate(list(paths), root=tmp_path, registry_parent=ROOT / "datapackages")


def messages(result, check_id: str | None = None) -> list[str]:
    return [p.message for p in result.problems if check_id is None or p.check == check_id]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_called_utf16(tmp_path, encoding):
    package = write_package(tmp_path / "p", csv_body=csv_text([GOOD_ROW]).encode(encoding))
    [message] = messages(check(tmp_path, package), "resource-file")
    assert "UTF-16" in message and "Latin-1" not in message


def test_a_workbook_saved_as_csv_is_called_a_workbook(tmp_path):
    package = write_package(tmp_path / "p", csv_body=b"PK\x03\x04\x14\x00\x06\x00rest of a workbook")
    assert messages(check(tmp_path, package), "resource-file") == [
        "the file is a zip file (an Excel workbook saved as .xlsx?), not CSV text"
    ]


def test_latin1_is_still_called_latin1(tmp_path):
    body = csv_text([{**GOOD_ROW, "note": "Café"}]).encode("latin-1")
    [message] = messages(check(tmp_path, write_package(tmp_path / "p", csv_body=body)), "resource-file")
    assert "byte 0xe9 on line 2" in message and "Latin-1 or Windows-1252" in message


def test_a_repeated_column_is_named_as_the_file_spells_it(tmp_path):
    fields = [*observation_fields(), "value"]
    body = csv_text([GOOD_ROW], fields=fields)
    result = check(tmp_path, write_package(tmp_path / "p", csv_body=body))
    position = observation_fields().index("value") + 1
    assert messages(result, "header") == [
        f"column 'value' appears twice (columns {position} and {len(fields)})"
    ]
    assert not [p for p in result.problems if "value.1" in f"{p.column} {p.message}"]


def test_one_file_named_by_two_resources_is_said_so(tmp_path):
    twice = [observations_resource(), {**observations_resource(), "name": "again"}]
    result = check(tmp_path, write_package(tmp_path / "p", resources=twice))
    assert messages(result, "resource-path") == [
        "resources 'observations' and 'again' both name 'observations.csv': its rows would be read twice"
    ]
    assert not [m for m in messages(result) if "repeats row" in m]


def test_a_row_repeated_in_another_file_names_that_file(tmp_path):
    package = write_package(tmp_path / "p")
    (package / "more.csv").write_text(csv_text([GOOD_ROW]))
    descriptor = json.loads((package / "datapackage.json").read_text())
    descriptor["resources"].append({**observations_resource(), "name": "more", "path": "more.csv"})
    (package / "datapackage.json").write_text(json.dumps(descriptor))
    [message] = messages(check(tmp_path, package), "duplicate-key")
    assert message.startswith("row 2 repeats row 2 of p/")


def test_invisible_characters_and_edge_spaces_are_shown(tmp_path):
    from generator.core.visible import shown

    assert shown("value ") == "'value␠'"
    assert shown(" E10000018\u200b") == "'␠E10000018\\u200b'"
    assert shown("a\u00a0b\tc\u202e") == "'a\\u00a0b\\tc\\u202e'"
    fields = [("value " if f == "value" else f) for f in observation_fields()]
    body = csv_text([{**GOOD_ROW, "value ": "529", "authority_code": "E10000018\u200b"}], fields=fields)
    result = check(tmp_path, write_package(tmp_path / "p", csv_body=body))
    assert "column 'value␠' is not one of the observation columns" in messages(result, "header")
    assert "column 'value' is missing from the header" in messages(result, "header")
    fixed = csv_text([{**GOOD_ROW, "authority_code": "E10000018\u200b"}])
    result = check(tmp_path, write_package(tmp_path / "p", csv_body=fixed))
    assert messages(result, "unknown-authority") == ["area 'E10000018\\u200b' is not in the registry"]
    assert not [m for m in messages(result) if "\u200b" in m]


@pytest.mark.parametrize("slug", ["con", "aux", "nul", "com1", "lpt9", "prn"])
def test_new_refuses_a_name_windows_cannot_check_out(tmp_path, slug):
    shutil.copytree(ROOT / "datapackages/registry", tmp_path / "datapackages/registry")
    result = run_cli(
        "new", slug, "--authority", "E10000018", "--title", "t", "--committee", "c",
        "--meeting-date", "2019-01-01", "--publisher", "p", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 1
    assert f"'{slug}' cannot be checked out on Windows" in result.stderr
    assert not (tmp_path / "datapackages" / slug).exists()


@pytest.mark.parametrize("name", ["con", "Aux", "lpt1.backup", "report.", "report ", "a:b", "what?"])
def test_a_package_folder_windows_cannot_check_out_is_a_problem(tmp_path, name):
    package = write_package(tmp_path / "datapackages" / name)
    result = check(tmp_path, tmp_path / "datapackages")
    [problem] = [p for p in result.problems if p.check == "file-name"]
    assert problem.message.startswith(f"'{name.replace(' ', '␠')}' cannot be checked out on Windows")
    assert problem.file == f"datapackages/{package.name}"


def test_a_file_windows_cannot_check_out_is_a_problem(tmp_path):
    package = write_package(tmp_path / "p")
    (package / "nul.csv").write_text("x\n")
    result = check(tmp_path, package)
    assert [p.file for p in result.problems if p.check == "file-name"] == ["p/nul.csv"]


def test_a_copied_datapackages_folder_is_checked_against_its_own_registry(tmp_path):
    copy = shutil.copytree(ROOT / "datapackages", tmp_path / "copy" / "datapackages", ignore=without_national)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli("validate", str(copy), cwd=elsewhere)
    assert result.returncode == 0, result.stdout
    assert "8 packages, 8 resources, 437 observations: 0 errors" in result.stdout
    one = run_cli("validate", str(copy / "leicestershire-complaints-2017-18"), cwd=elsewhere)
    assert one.returncode == 0, one.stdout
    assert "1 packages, 1 resources, 91 observations: 0 errors" in one.stdout
    inside = run_cli("validate", "leicestershire-complaints-2017-18", cwd=copy)
    assert inside.returncode == 0, inside.stdout


def test_without_a_registry_validation_says_where_it_looked_and_how_to_point_at_one(tmp_path):
    write_package(tmp_path / "lonely" / "p")
    result = run_cli("validate", "p", cwd=tmp_path / "lonely")
    assert result.returncode == 1
    assert (
        "[registry] no registry found: there is no registry/datapackage.json in p or any folder above it"
        in (result.stdout)
    )
    assert "nor in datapackages" in result.stdout
    assert "--registry PATH" in result.stdout
    assert result.stdout.count("error [") == 1, result.stdout
    pointed = run_cli("validate", "p", "--registry", str(ROOT / "datapackages"), cwd=tmp_path / "lonely")
    assert pointed.returncode == 0, pointed.stdout


def test_validating_the_registry_folder_checks_it_as_the_registry(tmp_path):
    copy = shutil.copytree(ROOT / "datapackages", tmp_path / "datapackages", ignore=without_national)
    result = validate([copy / "registry"], root=tmp_path)
    assert result.registry is not None and result.ok and result.packages == []
    os.remove(copy / "registry" / "indicators.csv")
    broken = validate([copy / "registry"], root=tmp_path)
    assert "the file does not exist" in messages(broken, "resource-file")
