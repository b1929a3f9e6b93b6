"""Whatever arrives in a pull request, the validator answers with a clear message, never a traceback."""

import json

import pytest

from generator.core.contract import observation_fields
from support import GOOD_ROW, ROOT, csv_text, run_cli, write_package


def validate_cli(tmp_path, *args):
    return run_cli("validate", *args, "--registry", str(ROOT / "datapackages"), cwd=tmp_path)


def assert_clear_failure(result, *fragments):
    assert result.returncode == 1, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    for fragment in fragments:
        assert fragment in output, output


def test_invalid_json(tmp_path):
    package = write_package(tmp_path / "p")
    (package / "datapackage.json").write_text('{"name": "p",\n "title": "x" "oops"}')
    assert_clear_failure(validate_cli(tmp_path, "p"), "p/datapackage.json:2", "not valid JSON", "how to fix")


def test_empty_descriptor(tmp_path):
    package = write_package(tmp_path / "p")
    (package / "datapackage.json").write_text("")
    assert_clear_failure(validate_cli(tmp_path, "p"), "p/datapackage.json", "the file is empty")


def test_empty_csv(tmp_path):
    write_package(tmp_path / "p", csv_body="")
    assert_clear_failure(validate_cli(tmp_path, "p"), "p/observations.csv", "the file is empty")


def test_latin1_csv(tmp_path):
    body = csv_text([{**GOOD_ROW, "note": "Café in Hinckley"}]).encode("latin-1")
    write_package(tmp_path / "p", csv_body=body)
    assert_clear_failure(validate_cli(tmp_path, "p"), "p/observations.csv:2", "not UTF-8", "CSV UTF-8")


def test_missing_csv(tmp_path):
    package = write_package(tmp_path / "p")
    (package / "observations.csv").unlink()
    assert_clear_failure(validate_cli(tmp_path, "p"), "p/observations.csv", "the file does not exist")


def test_ragged_rows(tmp_path):
    body = csv_text([GOOD_ROW]) + "E10000018,cp_plans,2020-05-18,,,530,,,,,,,,,,para 16,extra\n"
    write_package(tmp_path / "p", csv_body=body)
    assert_clear_failure(validate_cli(tmp_path, "p"), "p/observations.csv", "how to fix")


def test_short_rows(tmp_path):
    body = csv_text([GOOD_ROW]) + "E10000018,cp_plans,2020-05-18,,,530\n"
    write_package(tmp_path / "p", csv_body=body)
    assert_clear_failure(validate_cli(tmp_path, "p"), "p/observations.csv:3", "fewer cells than the header")


def test_renamed_header_suggests_the_right_name(tmp_path):
    fields = [("valeu" if f == "value" else f) for f in observation_fields()]
    body = csv_text([{**GOOD_ROW, "valeu": "529"}], fields=fields)
    write_package(tmp_path / "p", csv_body=body)
    assert_clear_failure(validate_cli(tmp_path, "p"), "p/observations.csv:1:valeu", "rename it to 'value'")


def test_byte_order_mark_and_crlf_are_accepted(tmp_path):
    body = ("\ufeff" + csv_text([GOOD_ROW])).replace("\n", "\r\n").encode("utf-8")
    write_package(tmp_path / "p", csv_body=body)
    result = validate_cli(tmp_path, "p")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/etc/passwd", "absolute path"),
        ("https://example.org/data.csv", "URL"),
        ("../secrets.csv", "leaves the package"),
        ("data/../../secrets.csv", "leaves the package"),
        ("C:/data.csv", "URL or has a drive letter"),
    ],
)
def test_unsafe_resource_paths_are_refused_before_reading(tmp_path, path, reason):
    secret = tmp_path / "secrets.csv"
    secret.write_text("authority_code\nSECRET-VALUE\n")
    package = write_package(tmp_path / "p")
    descriptor = json.loads((package / "datapackage.json").read_text())
    descriptor["resources"][0]["path"] = path
    (package / "datapackage.json").write_text(json.dumps(descriptor))
    result = validate_cli(tmp_path, "p")
    assert_clear_failure(result, "resource-path", reason)
    assert "SECRET-VALUE" not in result.stdout + result.stderr


def test_wrong_usage_exits_2(tmp_path):
    result = run_cli("validate", "--format", "xml", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_a_valid_package_exits_0_with_a_summary(tmp_path):
    write_package(tmp_path / "p")
    result = validate_cli(tmp_path, "p")
    assert result.returncode == 0
    assert "1 packages, 1 resources, 1 observations: 0 errors, 0 warnings" in result.stdout
