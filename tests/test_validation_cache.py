"""Reusing Frictionless's verdicts on unchanged packages must never change what validation reports."""

import json
import multiprocessing
import os
import shutil
import threading

import pytest

from generator.build import build_site
from generator.core import background
from generator.inputs.packages import load_package
from generator.project import Project
from generator.validation import validate as validate_module
from generator.validation.frictionless import problems as frictionless_checks
from generator.validation.frictionless.batch import frictionless_batch
from generator.validation.frictionless.cache import CACHE_FILE, package_key
from generator.validation.validate import validate
from support import GOOD_ROW, ROOT, csv_text, run_cli, write_package

BROKEN_CELLS = [{**GOOD_ROW, "value": "95.8%"}, {**GOOD_ROW, "period": "2020-05-18", "quartile": "5"}]


@pytest.fixture
def packages(tmp_path):
    """Three packages under one folder: two valid and one that Frictionless has plenty to say about."""
    folder = tmp_path / "datapackages"
    write_package(folder / "a-good")
    write_package(folder / "b-broken", BROKEN_CELLS)
    write_package(folder / "c-good", [{**GOOD_ROW, "period": "2019-05-17"}])
    return folder


@pytest.fixture
def asked(monkeypatch):
    """The names of the packages Frictionless was asked about, in order."""
    names = []
    ask = frictionless_checks.frictionless_problems

    def counting(package, root):
        names.append(package.name)
        return ask(package, root)

    monkeypatch.setattr(frictionless_checks, "frictionless_problems", counting)
    return names


def run(tmp_path, folder, cache=True):
    cache_file = tmp_path / "build" / CACHE_FILE if cache else None
    return validate([folder], root=tmp_path, registry_parent=ROOT / "datapackages", cache=cache_file).problems


def test_a_second_validation_reuses_every_verdict_and_reports_the_same(tmp_path, packages, asked):
    first = run(tmp_path, packages)
    assert sorted(asked) == ["a-good", "b-broken", "c-good", "registry"]
    assert any(p.check == "frictionless/type-error" for p in first)  # the cache has something to keep
    asked.clear()
    second = run(tmp_path, packages)
    assert asked == []
    assert second == first == run(tmp_path, packages, cache=False)


def test_changing_one_file_revalidates_only_its_package(tmp_path, packages, asked):
    run(tmp_path, packages)
    asked.clear()
    (packages / "c-good" / "observations.csv").write_text(csv_text([{**GOOD_ROW, "value": "5 %"}]))
    problems = run(tmp_path, packages)
    assert asked == ["c-good"]
    assert any(
        p.file.startswith("datapackages/c-good/") and p.check == "frictionless/type-error" for p in problems
    )
    asked.clear()
    assert run(tmp_path, packages, cache=False) == problems


def test_changing_a_descriptor_or_adding_a_file_revalidates_its_package(tmp_path, packages, asked):
    run(tmp_path, packages)
    descriptor = packages / "a-good" / "datapackage.json"
    asked.clear()
    descriptor.write_text(descriptor.read_text().replace('"title"', '"description": "x", "title"', 1))
    (packages / "b-broken" / "notes.txt").write_text("a file Frictionless might be told to read")
    run(tmp_path, packages)
    assert sorted(asked) == ["a-good", "b-broken"]


@pytest.mark.parametrize(
    "content",
    [
        "not json at all",
        '{"format": 1, "setup": ',  # cut short by a crash
        "[]",
        json.dumps({"format": 1, "setup": "x", "packages": []}),
    ],
)
def test_a_corrupt_cache_is_ignored_and_rewritten(tmp_path, packages, asked, content):
    expected = run(tmp_path, packages, cache=False)
    cache_file = tmp_path / "build" / CACHE_FILE
    cache_file.parent.mkdir()
    cache_file.write_text(content)
    asked.clear()
    assert run(tmp_path, packages) == expected
    assert len(asked) == 4
    assert json.loads(cache_file.read_text())["packages"]  # rewritten, usable next time
    asked.clear()
    assert run(tmp_path, packages) == expected
    assert asked == []


def test_a_tampered_entry_makes_the_whole_cache_unusable(tmp_path, packages, asked):
    expected = run(tmp_path, packages)
    cache_file = tmp_path / "build" / CACHE_FILE
    document = json.loads(cache_file.read_text())
    entry = document["packages"]["datapackages/b-broken/datapackage.json"]
    entry["problems"][0][1] = "two"  # a row that is not a number
    cache_file.write_text(json.dumps(document))
    asked.clear()
    assert run(tmp_path, packages) == expected
    assert len(asked) == 4


def test_another_frictionless_version_does_not_reuse_the_cache(tmp_path, packages, asked, monkeypatch):
    run(tmp_path, packages)
    from generator.validation.frictionless import cache as validation_cache

    real_version = validation_cache.version
    monkeypatch.setattr(
        validation_cache, "version", lambda name: "0.0.1" if name == "frictionless" else real_version(name)
    )
    asked.clear()
    run(tmp_path, packages)
    assert len(asked) == 4


def test_a_file_saved_while_frictionless_reads_it_is_not_remembered(tmp_path, packages, monkeypatch):
    ask = frictionless_checks.frictionless_problems
    target = packages / "a-good" / "observations.csv"
    original = target.read_text()

    def saved_meanwhile(package, root):
        if package.name == "a-good":
            target.write_text(csv_text(BROKEN_CELLS))  # saved after hashing, before Frictionless reads it
        return ask(package, root)

    monkeypatch.setattr(frictionless_checks, "frictionless_problems", saved_meanwhile)
    run(tmp_path, packages)
    monkeypatch.setattr(frictionless_checks, "frictionless_problems", ask)
    target.write_text(original)  # back to the content the run hashed
    problems = run(tmp_path, packages)
    assert not any(p.file.startswith("datapackages/a-good/") for p in problems)
    assert problems == run(tmp_path, packages, cache=False)


def test_a_deleted_package_is_forgotten(tmp_path, packages):
    run(tmp_path, packages)
    shutil.rmtree(packages / "c-good")
    run(tmp_path, packages)
    stored = json.loads((tmp_path / "build" / CACHE_FILE).read_text())["packages"]
    assert not any(name.startswith("datapackages/c-good/") for name in stored)
    assert "datapackages/a-good/datapackage.json" in stored


@pytest.mark.parametrize(
    "change",
    [
        {"profile": "https://example.org/my-profile.json"},
        {"$schema": "https://example.org/my-profile.json"},
        {"resources": [{"name": "o", "path": "observations.csv", "schema": "https://example.org/s.json"}]},
        {"resources": [{"name": "o", "path": "observations.csv", "dialect": "../dialect.json"}]},
        {"resources": [{"name": "o", "path": "observations.csv", "profile": "my-profile.json"}]},
        {"profile": ["not", "a", "name"]},
    ],
)
def test_a_package_that_reaches_outside_its_folder_is_never_cached(tmp_path, change):
    folder = write_package(tmp_path / "p", **change)
    package, _ = load_package(folder, tmp_path)
    assert package_key(package) is None


@pytest.mark.parametrize("beside_a_thread", [False, True])  # fork, or the platform's safe start method
def test_on_several_cores_the_problems_are_the_same_and_in_the_same_order(tmp_path, beside_a_thread):
    folder = tmp_path / "datapackages"
    for name in ("leicestershire-2020-06-02-help-and-protection", "southend-2018-safeguarding-annual-report"):
        shutil.copytree(ROOT / "datapackages" / name, folder / name)
    write_package(folder / "broken", BROKEN_CELLS)
    write_package(
        folder / "short-row", csv_body=csv_text([GOOD_ROW]) + "E10000018,cp_plans,2020-05-18,,,530\n"
    )
    packages = [load_package(d, tmp_path)[0] for d in sorted(folder.iterdir())]
    one = frictionless_batch(packages, tmp_path, workers=1)
    assert {p.check for p in one} >= {"frictionless/type-error", "frictionless/missing-cell"}
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    if beside_a_thread:
        thread.start()
    try:
        assert frictionless_batch(packages, tmp_path, workers=2) == one
    finally:
        stop.set()


def test_transparency_validate_uses_the_cache_in_a_project_only(project, tmp_path):
    result = run_cli("validate", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads((project / "build" / CACHE_FILE).read_text())["packages"]
    again = run_cli("validate", cwd=project)
    assert again.stdout == result.stdout
    elsewhere = tmp_path / "elsewhere"
    write_package(elsewhere / "p")
    assert run_cli("validate", "p", "--registry", str(ROOT / "datapackages"), cwd=elsewhere).returncode == 0
    assert not (elsewhere / "build").exists()
    assert not [n for n in os.listdir(project / "build") if n.endswith(".tmp")]


@pytest.mark.slow  # two whole builds
def test_build_reuses_the_verdicts_and_full_asks_again(one_report, asked):
    project = one_report
    validate(
        [project / "datapackages"],
        root=project,
        registry_parent=project / "datapackages",
        cache=Project(project).validation_cache,
    )
    everything = sorted(asked)
    asked.clear()
    build_site(Project(project))
    assert asked == []
    build_site(Project(project), full=True)
    assert sorted(asked) == everything


def test_frictionless_is_asked_in_a_child_beside_the_domain_checks_and_says_the_same(
    tmp_path, packages, monkeypatch
):
    """Validation asks Frictionless in a child process (core/background.py; the rest of the suite
    asks here, see conftest._verdicts_once), and the problems and the cache it leaves are those
    of asking here."""
    elsewhere = tmp_path / "here"
    shutil.copytree(packages, elsewhere / "datapackages")
    here = run(elsewhere, elsewhere / "datapackages")
    monkeypatch.setattr(validate_module, "in_background", background.in_background)
    monkeypatch.setattr(background, "start_method", lambda: multiprocessing.get_context("fork"))
    askers = tmp_path / "askers"
    askers.mkdir()
    ask = frictionless_checks.frictionless_problems

    def recording(package, root):
        (askers / str(os.getpid())).touch()
        return ask(package, root)

    monkeypatch.setattr(frictionless_checks, "frictionless_problems", recording)
    beside = run(tmp_path, packages)
    assert beside == here
    assert {int(p.name) for p in askers.iterdir()} - {os.getpid()}  # a child asked
    assert str(os.getpid()) not in {p.name for p in askers.iterdir()}
    cached = json.loads((tmp_path / "build" / CACHE_FILE).read_text(encoding="utf-8"))
    assert sorted(cached["packages"]) == sorted(
        json.loads((elsewhere / "build" / CACHE_FILE).read_text(encoding="utf-8"))["packages"]
    )
