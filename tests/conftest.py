"""Shared fixtures: the real project validated, modelled and built once, and copies safe to break;
a check, after every test, that each problem it produced carries a catalogued id; and the tests
spread over every core.

A build (validation, every page, MkDocs) takes seconds; tests that only read one share it, and
with several pytest-xdist workers (README) one worker builds it for them all (built_once).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from generator.build import build_site
from generator.core.background import in_this_process
from generator.core.problems import Problem
from generator.model.tidy import Model, build_model
from generator.outputs.engines import DEFAULT_ENGINE, ENGINES, Engine, engine_named
from generator.project import Project
from generator.validation import validate as validate_module
from generator.validation.frictionless import problems as frictionless_checks
from generator.validation.frictionless.cache import package_key
from generator.validation.problem_catalogue import problem_catalogue
from generator.validation.validate import Validation, validate
from support import (
    GOOD_ROW,
    ONE_REPORT,
    ROOT,
    built_once,
    built_with_model,
    copy_project,
    report_package_folders,
    write_package,
)

# Text from a data package that must show as text on every page, never run.
HOSTILE_NOTE = '<script>alert("note")</script> </script><img src=x onerror=alert("img")>'
HOSTILE_TITLE = "Leicestershire: hostile fixture </script><script>alert('title')</script>"
# In a figure link's aria-label, a Markdown link would close the attribute and add a handler.
HOSTILE_BREAKDOWN = '[y](http://onmouseover=alert(2)//) " onmouseover="alert(3)'
HOSTILE_MARKDOWN = "<script>alert(1)</script> </script><img src=x onerror=alert(1)> [x](javascript:alert(1))"


_produced: list[Problem] = []


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config):
    """`pytest` runs on every core (pytest-xdist's ``-n auto``) unless told otherwise: ``-n N``
    (``-n 0`` for one process), ``-p no:xdist``, ``--pdb``. Set here, not in addopts, so that
    ``-p no:xdist`` still works. Each worker starts on its own share of the tests in their order
    (``--dist worksteal``), so a module's tests and its build mostly stay on one worker, and a
    worker that runs out takes tests from another; a build tests share is made once for all the
    workers (support.built_once)."""
    if not config.pluginmanager.hasplugin("xdist") or hasattr(config, "workerinput"):
        return
    if config.option.numprocesses is None:
        config.option.numprocesses = "auto"
        if config.option.dist == "no":
            config.option.dist = "worksteal"


def pytest_configure(config):
    """Each pytest-xdist worker, and everything it starts (builds' page and Frictionless workers,
    Chromium, MkDocs, Zensical), runs on a core of its own. A build forks a worker per core it may
    use (core/workers.py): with every worker's build forking one per core of the machine, two
    workers ran six processes on two cores, and forking a process that holds a model costs more
    than the second core it finds busy gives back. Tests that fork on purpose name their workers."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is None or not hasattr(os, "sched_setaffinity"):
        return
    allowed = sorted(os.sched_getaffinity(0))
    count = int(workerinput.get("workercount", 1))
    if count < 2 or len(allowed) < 2:
        return
    index = int(workerinput["workerid"].removeprefix("gw"))
    os.sched_setaffinity(0, {allowed[index % len(allowed)]})


def pytest_collection_modifyitems(config, items):
    """The tests of the national site first: its build is the longest any tests share (about a
    minute), and a worker that starts it last keeps the other waiting at the end of the run."""
    items.sort(key=lambda item: "national_build" not in getattr(item, "fixturenames", ()))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config) -> int | None:
    """No workers when the command names single tests (``path::test``): starting workers would
    take longer than the tests. Otherwise pytest-xdist's own count, one a core."""
    named = config.args or []
    if named and all("::" in arg for arg in named):
        return 0
    return None


@pytest.fixture(scope="session", autouse=True)
def _record_problems():
    """Every Problem made in this process, so each test can be held to the catalogue of ids."""
    made = Problem.__init__

    def recording(self, *args, **kwargs):
        made(self, *args, **kwargs)
        _produced.append(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Problem, "__init__", recording)
        yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    _produced.clear()
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A test fails if anything it ran reported a problem whose id is not in the catalogue
    (generator/core/problem_ids.py, or a domain check's own), which people look ids up in."""
    result = yield
    catalogued = {entry.id for entry in problem_catalogue()}
    unknown = sorted({p.check for p in _produced} - catalogued)
    assert not unknown, f"problems with ids in no catalogue: {unknown}; add them to core/problem_ids.py"
    return result


def _verdict_key(package) -> tuple[str, str, str] | None:
    """What Frictionless's verdict on a package depends on, the same for a copy of the package in
    another test's folder: where problems will name it (relative to the root), the descriptor it is
    given, and every file name and byte in its folder. None (ask Frictionless) when the validation
    cache would not keep the verdict either (a remote or outside reference, a profile it does not
    know: package_key) or the folder holds a link, whose target is outside what is hashed here."""
    if package_key(package) is None:
        return None
    hasher = hashlib.sha256()
    try:
        for path in sorted(package.directory.rglob("*")):
            if path.is_symlink():
                return None
            name = path.relative_to(package.directory).as_posix()
            data = path.read_bytes() if path.is_file() else b"folder"
            hasher.update(f"{name}\0{len(data)}\0".encode() + data)
    except OSError:
        return None
    descriptor = json.dumps(package.descriptor, sort_keys=True, ensure_ascii=False, default=repr)
    return package.descriptor_file, descriptor, hasher.hexdigest()


@pytest.fixture(scope="session", autouse=True)
def _verdicts_once():
    """Frictionless's verdict on each package asked once per test process, not in every test.

    Nearly every build or validation in the suite reads copies of the same packages (the real
    registry and reports, each test's copy in its own folder), and Frictionless spends about 35 ms on
    each: about half a second of every build of the real project. A verdict is kept under everything
    it depends on (_verdict_key), so a package any test changes, breaks or moves is asked about
    again. Tests of the validation cache wrap this function as they would Frictionless's own, and
    count the same calls. Verdicts asked in forked workers (the national project's) stay there;
    so that the rest are kept, validation asks Frictionless here rather than in a child beside
    the domain checks (core/background.py), which tests/test_validation_cache.py tests on its own.
    """
    ask = frictionless_checks.frictionless_problems
    verdicts: dict[tuple[str, str, str], list] = {}

    def once(package, root):
        key = _verdict_key(package)
        if key is None:
            return ask(package, root)
        if key not in verdicts:
            verdicts[key] = ask(package, root)
        return list(verdicts[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(frictionless_checks, "frictionless_problems", once)
        patch.setattr(validate_module, "in_background", in_this_process)
        yield


@pytest.fixture(scope="session")
def real_validation() -> Validation:
    """The real packages validated in place (without the published record), for tests that read it."""
    datapackages = ROOT / "datapackages"
    return validate(report_package_folders(datapackages), root=ROOT, registry_parent=datapackages)


@pytest.fixture(scope="session")
def real_model(real_validation) -> Model:
    return build_model(real_validation)


def _real_project(root: Path) -> tuple[Path, Model]:
    copy_project(ROOT, root)
    return root, built_with_model(Project(root))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> tuple[Path, Model]:
    """The real project built once, and the model it was built from; never change either."""
    return built_once(tmp_path_factory, "real-build", _real_project)


@pytest.fixture(scope="session")
def real_build(real_site) -> Path:
    """The root of the real project built once, for tests that only read the result."""
    return real_site[0]


def _hostile_project(root: Path, engine: str) -> Path:
    """The real packages plus two packages of hostile text, built by ``engine``."""
    copy_project(ROOT, root)
    write_package(
        root / "datapackages/hostile-fixture",
        [
            {**GOOD_ROW, "note": HOSTILE_NOTE},
            {**GOOD_ROW, "period": "2020-06-17", "value": "530"},
            {**GOOD_ROW, "breakdown_dimension": "locality", "breakdown_category": HOSTILE_BREAKDOWN},
        ],
        title=HOSTILE_TITLE,
        meeting_date="2020-07-01",
    )
    write_package(root / "datapackages/hostile", [{**GOOD_ROW, "note": HOSTILE_MARKDOWN}])
    build_site(Project(root), engine=engine)
    return root


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory) -> Path:
    """The real packages plus two packages of hostile text, built once for every test that reads it."""
    return built_once(tmp_path_factory, "hostile-build", lambda root: _hostile_project(root, DEFAULT_ENGINE))


# Every site engine; a Zensical build is a whole-site build more, so its tests are slow.
ENGINE_PARAMS = [
    pytest.param(name, marks=() if name == DEFAULT_ENGINE else pytest.mark.slow) for name in ENGINES
]


@pytest.fixture(scope="session", params=ENGINE_PARAMS)
def site_engine(request) -> Engine:
    """Each site engine in turn (outputs/engines/): a test that asks for engine_build, or the
    browser tests' site, runs once per engine."""
    return engine_named(request.param)


@pytest.fixture(scope="session")
def zensical_build(tmp_path_factory) -> Path:
    """The hostile project (hostile_build) as Zensical builds it, built once."""
    return built_once(
        tmp_path_factory, "hostile-build-zensical", lambda root: _hostile_project(root, "zensical")
    )


# Each engine's build of the hostile project, by the fixture that makes it.
ENGINE_BUILDS = {DEFAULT_ENGINE: "hostile_build", "zensical": "zensical_build"}


@pytest.fixture(scope="session")
def engine_build(site_engine, request) -> Path:
    """The hostile project as ``site_engine`` builds it: the browser tests' site, for each engine."""
    return request.getfixturevalue(ENGINE_BUILDS[site_engine.name])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the real project's inputs, safe to break and build."""
    copy_project(ROOT, tmp_path)
    return tmp_path


@pytest.fixture
def one_report(tmp_path: Path) -> Path:
    """The same with one report (support.ONE_REPORT), for tests of how a build behaves rather than
    of what the whole site holds: it builds in a third of the time."""
    copy_project(ROOT, tmp_path, reports=[ONE_REPORT])
    return tmp_path
