"""Run `python -m generator build`, stopping for good at one named point so a test can SIGKILL it.

Usage (from tests/test_kill_safety.py): ``python tests/kill_points.py POINT MARKER [ARGS...]`` in a
project folder. The build runs as the real command does; on reaching POINT it writes MARKER and
waits to be killed. The pauses are wrapped around the build's own functions here, in the child,
so the generator carries no test hook. A point the build never reaches ends the build normally
and writes no marker, which the test reports.
"""

from __future__ import annotations

import functools
import os
import runpy
import sys
import time
from collections.abc import Callable
from pathlib import Path

import mkdocs.commands.build

import generator.build
import generator.core.kept_folders
import generator.outputs.incremental
import generator.outputs.site.markdown
import generator.publish
import generator.validation.validate


def _wait_to_be_killed(marker: Path, point: str) -> None:
    marker.write_text(f"{point} {os.getpid()}\n", encoding="utf-8")
    while True:
        time.sleep(60)


def _after(module, name: str, stop: Callable[..., bool] = lambda *args: True) -> None:
    """Stop once ``module.name`` has returned, when ``stop`` says so for its arguments."""
    original = getattr(module, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        result = original(*args, **kwargs)
        if stop(*args):
            _wait_to_be_killed(MARKER, POINT)
        return result

    setattr(module, name, wrapper)


def _before(module, name: str, stop: Callable[..., bool] = lambda *args: True) -> None:
    """Stop as ``module.name`` is called, when ``stop`` says so for its arguments."""
    original = getattr(module, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        if stop(*args):
            _wait_to_be_killed(MARKER, POINT)
        return original(*args, **kwargs)

    setattr(module, name, wrapper)


def _is_site(new: Path, target: Path, *_folders: Path | None) -> bool:
    return target.name == "site"


def _no_exchange(new: Path, target: Path) -> bool:
    return False


# Each point and where it stops the build.
POINTS: dict[str, Callable[[], None]] = {
    # Frictionless has answered; the domain checks have not run.
    "validation": lambda: _after(generator.validation.validate, "observation_frame"),
    # The last build's docs folders are in the scratch folder, their files not yet removed.
    "taking-folders": lambda: _before(generator.core.kept_folders, "_remove_files"),
    # The pages are written into the scratch folder; the downloads and feed are not.
    "rendering": lambda: _after(generator.outputs.site.markdown, "write_pages"),
    # MkDocs has written one page into the scratch folder's site.
    "engine": lambda: _after(mkdocs.commands.build, "_build_page"),
    # build/docs is the new tree; site/ is still the previous one.
    "between-trees": lambda: _before(generator.build, "_swap", _is_site),
    # site/ and the scratch tree have traded names; the previous site is not yet removed.
    "exchanged": lambda: _after(generator.publish, "_exchange", _is_site),
    # site/ is the new tree; the previous one, in the scratch folder, is not yet kept for its folders.
    "keeping-folders": lambda: _before(
        generator.core.kept_folders, "keep", lambda tree, folders: folders.name == "site"
    ),
    # As on a file system that cannot exchange: site/ renamed aside, the new tree not yet moved in.
    "between-renames": lambda: (
        setattr(generator.publish, "_exchange", _no_exchange),
        _after(generator.publish, "_set_aside", lambda target: target.name == "site"),
    ),
    # Both trees are in place; the record that lets the next build reuse pages is not written.
    "before-state": lambda: _before(generator.outputs.incremental.BuildState, "save"),
}

if __name__ == "__main__":
    POINT, MARKER = sys.argv[1], Path(sys.argv[2]).resolve()
    POINTS[POINT]()
    sys.argv = ["transparency", *sys.argv[3:]]
    runpy.run_module("generator", run_name="__main__", alter_sys=True)
