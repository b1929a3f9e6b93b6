import csv
import shutil

from support import ROOT, run_cli


def with_registry(tmp_path):
    """A project folder whose only package is the real registry (a copy: a linked one is refused)."""
    (tmp_path / "datapackages").mkdir()
    shutil.copytree(ROOT / "datapackages/registry", tmp_path / "datapackages/registry")


def scaffold(tmp_path, slug="stockton-2019-01-01-review"):
    return run_cli(
        "new", slug, "--authority", "E06000004", "--title", "Children in need review",
        "--committee", "Children and Young People Select Committee", "--meeting-date", "2019-01-01",
        "--publisher", "Stockton-on-Tees Borough Council", cwd=tmp_path,
    )  # fmt: skip


def test_new_package_validates_once_its_rows_are_real(tmp_path):
    with_registry(tmp_path)
    result = scaffold(tmp_path)
    assert result.returncode == 0, result.stderr
    # The message names the folder as the officer will type it, from the project folder.
    assert result.stdout.startswith("Wrote datapackages/stockton-2019-01-01-review.")
    package = tmp_path / "datapackages/stockton-2019-01-01-review"
    example = run_cli("validate", str(package), cwd=tmp_path)
    assert example.returncode == 1 and "[example-row]" in example.stdout
    rows = list(csv.DictReader((package / "observations.csv").open()))
    assert len(rows) == 1 and rows[0]["authority_code"] == "E06000004"
    rows[0].update(
        indicator_id="cin_referrals", period="FY2017/18", value="2334", note="", provenance="para 3.1"
    )
    with (package / "observations.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    result = run_cli("validate", str(package), cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_new_refuses_to_overwrite_an_existing_package(tmp_path):
    with_registry(tmp_path)
    assert scaffold(tmp_path).returncode == 0
    again = scaffold(tmp_path)
    assert again.returncode == 1
    assert again.stderr.startswith("Error: datapackages/stockton-2019-01-01-review already exists")


def test_new_refuses_an_unknown_authority(tmp_path):
    with_registry(tmp_path)
    result = run_cli(
        "new",
        "x",
        "--authority",
        "E99",
        "--title",
        "t",
        "--committee",
        "c",
        "--meeting-date",
        "2019-01-01",
        "--publisher",
        "p",
        cwd=tmp_path,
    )
    assert result.returncode == 1 and "not an area" in result.stderr
    assert not (tmp_path / "datapackages/x").exists()
