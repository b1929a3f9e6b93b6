"""`transparency build` killed with SIGKILL at any point leaves a whole site, and the next build mends.

Each test runs the real command in a child process (tests/kill_points.py) on a project that has
been built once, with one figure changed since, stops it at a named point and kills it there.
The project holds one report and the real registry, pages and templates: where the build is
killed is what is tested, not how big the site is, and a small site takes a third of the time.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build import Project, build_site
from support import (
    GOOD_ROW,
    ROOT,
    built_once,
    copy_project,
    run_cli,
    write_package,
)

CHILD = Path(__file__).with_name("kill_points.py")
REPORT = "leicestershire-2020-06-02-help-and-protection"

pytestmark = pytest.mark.slow


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _change_one_figure(project: Path) -> None:
    observations = project / "datapackages" / REPORT / "observations.csv"
    text = observations.read_text(encoding="utf-8")
    assert ",529," in text
    observations.write_text(text.replace(",529,", ",531,", 1), encoding="utf-8")


def _leftovers(project: Path) -> list[str]:
    """Scratch folders and set-aside trees: what a killed build may leave and the next must clear."""
    found = [p for p in project.iterdir() if p.name.startswith((".build-", ".site-"))]
    found += [p for p in (project / "build").iterdir() if p.name.startswith(".docs-")]
    return sorted(p.relative_to(project).as_posix() for p in found)


def _built(root: Path, *, changed: bool) -> Path:
    copy_project(ROOT, root, reports=[REPORT])
    if changed:
        _change_one_figure(root)
    build_site(Project(root), full=changed)
    if not changed:  # built again, as a project is: the last trees' folders are kept (build/folders)
        build_site(Project(root))
    return root


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> Path:
    """The one-report project, built once: the site every killed build starts from."""
    return built_once(tmp_path_factory, "kill-previous", lambda root: _built(root, changed=False))


@pytest.fixture(scope="module")
def builds(previous, tmp_path_factory) -> dict[str, dict[str, dict[str, bytes]]]:
    """site/ and build/docs of the previous build and of a clean build of the changed inputs."""
    new = built_once(tmp_path_factory, "kill-new", lambda root: _built(root, changed=True))
    return {
        "previous": {"site": _tree(previous / "site"), "docs": _tree(previous / "build/docs")},
        "new": {"site": _tree(new / "site"), "docs": _tree(new / "build/docs")},
    }


def _kill_at(point: str, project: Path) -> None:
    """Run the build until it reaches ``point``, then SIGKILL it there."""
    marker = project.parent / f"{point}.reached"
    child = subprocess.Popen(
        [sys.executable, str(CHILD), point, str(marker), "build"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so no worker it started outlives the test
    )
    try:
        deadline = time.monotonic() + 300
        while not marker.exists():
            if child.poll() is not None:
                pytest.fail(f"the build never reached {point!r}:\n{child.stdout.read().decode()}")
            if time.monotonic() > deadline:
                pytest.fail(f"the build took more than 300 s to reach {point!r}")
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=60) == -signal.SIGKILL
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
        child.stdout.close()


@pytest.mark.parametrize(
    ("point", "site_left"),
    [
        ("validation", "previous"),
        ("taking-folders", "previous"),
        ("rendering", "previous"),
        ("engine", "previous"),
        ("between-trees", "previous"),
        ("exchanged", "new"),
        ("keeping-folders", "new"),
        ("before-state", "new"),
    ],
)
def test_a_killed_build_leaves_a_whole_site_and_the_next_build_succeeds(
    point, site_left, previous, builds, tmp_path
):
    project = tmp_path / "project"
    shutil.copytree(previous, project)
    _change_one_figure(project)
    _kill_at(point, project)
    assert _tree(project / "site") == builds[site_left]["site"]
    assert _tree(project / "build/docs") in (builds["previous"]["docs"], builds["new"]["docs"])

    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert _tree(project / "site") == builds["new"]["site"]
    assert _tree(project / "build/docs") == builds["new"]["docs"]
    assert _leftovers(project) == []


def test_a_kill_between_the_two_renames_loses_nothing_even_if_the_next_build_is_refused(
    previous, builds, tmp_path
):
    # Where the file system cannot exchange two trees, the swap takes two renames.
    project = tmp_path / "project"
    shutil.copytree(previous, project)
    _change_one_figure(project)
    _kill_at("between-renames", project)
    assert not (project / "site").exists()
    assert _tree(project / ".site-old") == builds["previous"]["site"]

    write_package(project / "datapackages/broken", [{**GOOD_ROW, "period": "Q1 2018/19"}])
    refused = run_cli("build", cwd=project)
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    assert _tree(project / "site") == builds["previous"]["site"]

    shutil.rmtree(project / "datapackages/broken")
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert _tree(project / "site") == builds["new"]["site"]
    assert _tree(project / "build/docs") == builds["new"]["docs"]
    assert _leftovers(project) == []
