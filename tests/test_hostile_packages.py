"""A package publishes only what it declares, and no path in it is followed: links, FIFOs, devices
and folders are named for what they are, before anything is read."""

import json
import os
import shutil
import stat
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build import BuildFailed, build_site
from generator.inputs.package_files import named_path
from generator.project import Project
from generator.validation.validate import validate
from support import ROOT, run_cli, without_national, write_package

SECRET = "SECRET-VALUE-FROM-OUTSIDE"
REPORT = "leicestershire-2020-06-02-help-and-protection"
HOSTILE_MARKDOWN = (
    '\n\n<script>alert("stored")</script>\n\n<img src=x onerror=alert(2)>\n\n'
    "[click me](javascript:alert(3)) and [also](&#106;avascript:alert(4))\n\n"
    'A paragraph {: onclick="alert(5)" }\n\n[ref]: javascript:alert(6)\n'
)


class Markup(HTMLParser):
    """Every attribute and script of a page, as a browser would read them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.attributes += [(name, value or "") for name, value in attrs]
        self._in_script = tag == "script"

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def check(tmp_path: Path, *paths: Path):
    return validate(list(paths), root=tmp_path, registry_parent=ROOT / "datapackages")


def found(result, check_id: str) -> dict[str, str]:
    return {p.file: p.message for p in result.problems if p.check == check_id}


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "secret.csv"
    path.parent.mkdir()
    path.write_text(f"authority_code\n{SECRET}\n")
    return path


def test_files_a_package_does_not_declare_are_problems_naming_each(tmp_path):
    package = write_package(tmp_path / "p")
    (package / "page.html").write_text("<script>alert(1)</script>")
    (package / "README.md").write_text("# Read me\n")
    (package / "extra").mkdir()
    result = check(tmp_path, package)
    assert not result.ok
    problems = found(result, "package-files")
    assert set(problems) == {"p/page.html", "p/README.md", "p/extra"}
    assert "'extra' is a folder the package does not declare" in problems["p/extra"]
    assert "publishes only its datapackage.json, NOTES.md and the CSV files" in problems["p/page.html"]


def test_a_resource_must_be_a_csv_file_in_the_package_folder(tmp_path):
    package = write_package(tmp_path / "p")
    descriptor = json.loads((package / "datapackage.json").read_text())
    descriptor["resources"].append({"name": "page", "path": "page.html"})
    (package / "page.html").write_text("<script>alert(1)</script>")
    (package / "datapackage.json").write_text(json.dumps(descriptor))
    assert (
        "'page.html' is not a .csv file"
        in found(check(tmp_path, package), "resource-path")["p/datapackage.json"]
    )


def _link_out(target: Path):
    return lambda path: path.symlink_to(target)


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (None, "a symbolic link"),  # to a file outside the repository (the secret)
        (_link_out(Path("/dev/zero")), "a symbolic link"),
        (_link_out(Path("/proc/self/environ")), "a symbolic link"),
        (os.mkfifo, "a FIFO (named pipe)"),
        (os.mkdir, "a folder"),
    ],
)
def test_a_resource_that_is_not_a_regular_file_is_named_for_what_it_is_and_never_read(
    tmp_path, secret, make, kind
):
    package = write_package(tmp_path / "p")
    resource = package / "observations.csv"
    resource.unlink()
    (make or _link_out(secret))(resource)
    result = check(tmp_path, package)
    problems = found(result, "resource-file")
    assert problems == {"p/observations.csv": f"'observations.csv' is {kind}, not a file"}
    assert SECRET not in json.dumps([p.message for p in result.problems])


def test_a_device_is_named_a_device(tmp_path):
    from generator.inputs.file_kinds import kind_of

    assert kind_of(stat.S_IFCHR) == kind_of(stat.S_IFBLK) == "a device"
    package = write_package(tmp_path / "p")
    (package / "observations.csv").unlink()
    try:
        os.mknod(package / "observations.csv", 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("device nodes need root")
    assert found(check(tmp_path, package), "resource-file") == {
        "p/observations.csv": "'observations.csv' is a device, not a file"
    }


@pytest.mark.parametrize("name", ["zero.csv", "environ", "notes-copy.md"])
def test_a_link_beside_the_resources_is_a_problem_and_never_followed(tmp_path, secret, name):
    package = write_package(tmp_path / "p")
    target = {"zero.csv": Path("/dev/zero"), "environ": Path("/proc/self/environ")}.get(name, secret)
    (package / name).symlink_to(target)
    result = check(tmp_path, package)
    assert (
        f"'{name}' is a symbolic link the package does not declare"
        in found(result, "package-files")[f"p/{name}"]
    )
    assert SECRET not in json.dumps([p.message for p in result.problems])


def test_a_descriptor_or_notes_that_is_a_link_is_refused(tmp_path, secret):
    elsewhere = write_package(tmp_path / "outside" / "real")
    package = write_package(tmp_path / "p")
    (package / "datapackage.json").unlink()
    (package / "datapackage.json").symlink_to(elsewhere / "datapackage.json")
    (package / "NOTES.md").symlink_to(secret)
    result = check(tmp_path, package)
    assert found(result, "descriptor") == {
        "p/datapackage.json": "'datapackage.json' is a symbolic link, not a file"
    }
    second = write_package(tmp_path / "q")
    (second / "NOTES.md").symlink_to(secret)
    assert found(check(tmp_path, second), "package-files") == {
        "q/NOTES.md": "NOTES.md is a symbolic link, not a file"
    }


def test_a_package_folder_that_is_a_link_is_refused_not_followed(tmp_path, secret):
    write_package(tmp_path / "outside" / "real", [{"authority_code": "E10000018"}])
    folder = tmp_path / "datapackages"
    write_package(folder / "ours")
    (folder / "theirs").symlink_to(tmp_path / "outside" / "real")
    os.mkfifo(folder / "pipe")
    result = check(tmp_path, folder)
    assert [p.name for p in result.packages] == ["ours"]
    problems = found(result, "package-files")
    assert problems["datapackages/theirs"] == "'theirs' is a symbolic link, not a package folder"
    assert problems["datapackages/pipe"] == "'pipe' is a FIFO (named pipe), not a package folder"
    one = check(tmp_path, folder / "theirs")
    assert found(one, "package-files") == {
        "datapackages/theirs": "'theirs' is a symbolic link, not a package folder"
    }


def test_a_registry_that_is_a_link_is_refused(tmp_path):
    (tmp_path / "datapackages").mkdir()
    (tmp_path / "datapackages/registry").symlink_to(ROOT / "datapackages/registry")
    result = validate([tmp_path / "datapackages"], root=tmp_path)
    assert result.registry is None
    assert "is a symbolic link" in found(result, "package-files")["datapackages/registry"]


def test_a_fifo_in_a_package_fails_the_build_with_a_problem_not_a_crash(project):
    os.mkfifo(project / "datapackages" / REPORT / "pipe")
    result = run_cli("build", cwd=project)
    assert result.returncode == 1, result.stderr
    assert f"datapackages/{REPORT}/pipe: error [package-files] 'pipe' is a FIFO (named pipe)" in result.stderr
    assert "Unexpected error" not in result.stderr


def test_content_that_is_a_link_is_refused_by_the_build(project, secret):
    summary = project / "content" / "reports" / f"{REPORT}.md"
    summary.unlink()
    summary.symlink_to(secret)
    with pytest.raises(BuildFailed, match=f"'content/reports/{REPORT}.md' is a symbolic link"):
        build_site(Project(project))
    assert not (project / "site").exists()


def test_the_site_publishes_declared_files_only_and_renders_notes_safely(one_report):
    project = one_report
    package = project / "datapackages" / REPORT
    with (package / "NOTES.md").open("a", encoding="utf-8") as notes:
        notes.write(HOSTILE_MARKDOWN)
    with (project / "content" / "reports" / f"{REPORT}.md").open("a", encoding="utf-8") as summary:
        summary.write(HOSTILE_MARKDOWN)
    original_notes = (package / "NOTES.md").read_bytes()
    build_site(Project(project))
    site = project / "site"
    for page in [
        site / f"downloads/packages/{REPORT}/NOTES/index.html",
        site / f"reports/{REPORT}/index.html",
    ]:
        html = page.read_text(encoding="utf-8")
        assert '&lt;script&gt;alert("stored")&lt;/script&gt;' in html  # shown as the text it is
        markup = Markup()
        markup.feed(html)
        assert not [s for s in markup.scripts if "alert" in s], page
        assert not [a for a in markup.attributes if a[0].startswith("on")], page
        assert not [v for n, v in markup.attributes if n in ("href", "src") and "script:" in v.lower()], page
    with zipfile.ZipFile(site / f"downloads/packages/{REPORT}.zip") as archive:
        names = archive.namelist()
        assert names == [f"{REPORT}/NOTES.md", f"{REPORT}/datapackage.json", f"{REPORT}/observations.csv"]
        assert archive.read(f"{REPORT}/NOTES.md") == original_notes  # the repository's file, as it is
    assert sorted(p.name for p in (site / f"downloads/packages/{REPORT}").iterdir()) == [
        "NOTES",
        "datapackage.json",
        "observations.csv",
    ]


def test_notes_that_are_not_utf8_are_a_problem(tmp_path):
    package = write_package(tmp_path / "p")
    (package / "NOTES.md").write_bytes("Café\n".encode("latin-1"))
    assert "not UTF-8" in found(check(tmp_path, package), "package-files")["p/NOTES.md"]


def test_an_unchanged_copy_of_the_real_packages_is_valid_against_its_own_registry(tmp_path):
    folder = shutil.copytree(
        ROOT / "datapackages", tmp_path / "copy" / "datapackages", ignore=without_national
    )
    result = validate([folder], root=tmp_path)
    assert result.ok, result.errors
    assert result.summary.packages == 8


def test_a_folder_that_becomes_a_link_is_named_anew_by_the_next_validation(tmp_path):
    """Folders are resolved once per validation; `serve` validates again in the same process."""
    root, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    folder = root / "datapackages" / "a-report"
    folder.mkdir(parents=True)
    elsewhere.mkdir()
    assert named_path(folder / "observations.csv", root) == "datapackages/a-report/observations.csv"
    folder.rmdir()
    folder.symlink_to(elsewhere, target_is_directory=True)
    validate([root / "datapackages"], root=root)
    # Its files are no longer inside the project, so they are named by the path that was given.
    assert named_path(folder / "observations.csv", root) == (folder / "observations.csv").as_posix()
