"""Paths are resolved folder by folder (package_files._resolved) because Path.resolve walked every
part of every path and took most of a second of a rebuild at England scale. Messages and the
Frictionless cache key must still name exactly what Path.resolve names, links included."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.inputs.package_files import forget_resolved, named_path, resolved_path


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """real/pkg/data.csv, a link to the folder (linked -> real/pkg), a link to the file, a
    dangling link, and a link to a folder above (up -> ..)."""
    forget_resolved()
    package = tmp_path / "real" / "pkg"
    package.mkdir(parents=True)
    (package / "data.csv").write_text("a\n1\n", encoding="utf-8")
    (tmp_path / "linked").symlink_to(package, target_is_directory=True)
    (package / "file-link.csv").symlink_to(package / "data.csv")
    (package / "dangling.csv").symlink_to(tmp_path / "nowhere.csv")
    (package / "up").symlink_to(tmp_path, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    forget_resolved()


CASES = [
    "real/pkg/data.csv",
    "linked/data.csv",
    "linked/file-link.csv",
    "real/pkg/file-link.csv",
    "real/pkg/dangling.csv",
    "real/pkg/up/linked/data.csv",
    "real/pkg/../pkg/data.csv",
    "real/pkg/..",
    "real/pkg/.",
    "real/missing/data.csv",
    ".",
]


@pytest.mark.parametrize("relative", CASES)
@pytest.mark.parametrize("absolute", [False, True])
def test_a_path_resolves_as_path_resolve_resolves_it(tree: Path, relative: str, absolute: bool):
    path = tree / relative if absolute else Path(relative)
    assert resolved_path(path) == path.resolve()


def test_a_folder_that_becomes_a_link_is_resolved_again_in_the_next_validation(tree: Path):
    path = tree / "moving" / "data.csv"
    path.parent.mkdir()
    assert resolved_path(path) == path.resolve()
    os.rename(path.parent, tree / "moved")
    path.parent.symlink_to(tree / "real" / "pkg", target_is_directory=True)
    forget_resolved()  # what validate() does first
    assert resolved_path(path) == tree.resolve() / "real" / "pkg" / "data.csv"


@pytest.mark.parametrize(
    ("relative", "named"),
    [
        ("real/pkg/data.csv", "real/pkg/data.csv"),
        ("linked/data.csv", "real/pkg/data.csv"),  # the folder link is followed
        ("real/pkg/file-link.csv", "real/pkg/file-link.csv"),  # the file link is named itself
        ("real/pkg/up/linked", "linked"),
        ("real/pkg/..", "real"),
        (".", "."),
    ],
)
def test_messages_name_a_file_under_the_root_with_its_last_part_unresolved(tree, relative, named):
    assert named_path(tree / relative, tree) == named


def test_a_file_outside_the_root_is_named_as_given(tree: Path):
    outside = tree.parent / "elsewhere.csv"
    assert named_path(outside, tree / "real") == outside.as_posix()
    # a sibling whose name starts with the root's is not under it
    sibling = tree / "real-estate" / "x.csv"
    assert named_path(sibling, tree / "real") == sibling.as_posix()
