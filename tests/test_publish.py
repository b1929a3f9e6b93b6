"""Swapping a finished build in, and clearing what a killed build left (generator/publish.py)."""

from __future__ import annotations

import threading

import pytest

from generator import publish
from generator.core import kept_folders
from generator.publish import build_lock, mend, recover, scratch_folder, set_aside_name, swap_in


def _tree(folder, files: dict[str, str]):
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def _read(folder) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(params=["exchange", "two renames"])
def swap_kind(request, monkeypatch):
    if request.param == "two renames":
        monkeypatch.setattr(publish, "_exchange", lambda new, target: False)
    return request.param


def test_swap_in_replaces_the_whole_tree_and_keeps_nothing_of_the_old(tmp_path, swap_kind):
    target = _tree(tmp_path / "site", {"index.html": "old", "gone/index.html": "old"})
    new = _tree(tmp_path / ".build-x" / "site", {"index.html": "new", "added/index.html": "new"})
    swap_in(new, target)
    assert _read(target) == {"index.html": "new", "added/index.html": "new"}
    assert not new.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build-x", "site"]


def test_swap_in_makes_a_first_tree(tmp_path, swap_kind):
    new = _tree(tmp_path / ".build-x" / "docs", {"index.md": "new"})
    swap_in(new, tmp_path / "build" / "docs")
    assert _read(tmp_path / "build" / "docs") == {"index.md": "new"}


def test_mend_gives_back_a_tree_left_set_aside(tmp_path):
    target = tmp_path / "site"
    _tree(set_aside_name(target), {"index.html": "previous"})
    mend(target)
    assert _read(target) == {"index.html": "previous"}
    assert not set_aside_name(target).exists()


def test_mend_drops_a_leftover_copy_when_the_tree_is_in_place(tmp_path):
    target = _tree(tmp_path / "site", {"index.html": "new"})
    _tree(set_aside_name(target), {"index.html": "previous"})
    mend(target)
    assert _read(target) == {"index.html": "new"}
    assert not set_aside_name(target).exists()


def test_the_next_build_clears_scratch_folders_a_killed_build_left(tmp_path):
    _tree(tmp_path / ".build-killed", {"site/index.html": "half"})
    recover(tmp_path, [tmp_path / "site"])
    assert not (tmp_path / ".build-killed").exists()


def test_a_scratch_folder_is_removed_when_its_build_fails(tmp_path):
    _tree(tmp_path / ".build-killed", {"site/index.html": "half"})
    with pytest.raises(RuntimeError), scratch_folder(tmp_path, [tmp_path / "site"]) as scratch:
        assert [p.name for p in tmp_path.glob(".build-*")] == [scratch.name]
        raise RuntimeError("MkDocs failed")
    assert list(tmp_path.glob(".build-*")) == []


def test_a_second_build_waits_for_the_first_and_says_which_process_holds_it(tmp_path):
    held, heard, order = threading.Event(), threading.Event(), []

    def first():
        with build_lock(tmp_path):
            held.set()
            heard.wait(timeout=30)
            order.append("first done")

    def hear(stage):
        order.append(stage)
        heard.set()

    thread = threading.Thread(target=first)
    thread.start()
    held.wait(timeout=30)
    with build_lock(tmp_path, hear):
        order.append("second runs")
    thread.join(timeout=30)
    assert order[0].startswith("waiting for another build of this project (process ")
    assert order[1:] == ["first done", "second runs"]


# The last tree's folders, kept for the next build to write into (core/kept_folders.py).
def _folders(tree) -> set[str]:
    return {p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_dir()}


def test_a_tree_taken_from_kept_folders_has_their_folders_and_none_of_their_files(tmp_path):
    # Files a killed build left in the kept folders (or the last tree's own) are never reused.
    kept = _tree(
        tmp_path / "build" / "folders" / "site", {"a/index.html": "old", "a/b/c.csv": "old", "d.js": "old"}
    )
    tree = tmp_path / ".build-x" / "site"
    tree.parent.mkdir()  # the build's scratch folder
    kept_folders.take(kept, tree)
    assert _read(tree) == {}
    assert _folders(tree) == {"a", "a/b"}
    assert not kept.exists()


def test_with_no_folders_kept_the_tree_is_made_empty(tmp_path):
    tree = tmp_path / ".build-x" / "docs"
    kept_folders.take(tmp_path / "build" / "folders" / "docs", tree)
    assert tree.is_dir() and list(tree.iterdir()) == []


def test_prune_removes_the_folders_nothing_was_written_into(tmp_path):
    tree = _tree(tmp_path / "site", {"kept/index.html": "page", "deep/er/still/x.csv": "data"})
    for empty in ("gone", "gone/too/deep", "deep/er/empty", "kept/empty"):
        (tree / empty).mkdir(parents=True, exist_ok=True)
    kept_folders.prune(tree)
    assert _folders(tree) == {"kept", "deep", "deep/er", "deep/er/still"}
    assert _read(tree) == {"kept/index.html": "page", "deep/er/still/x.csv": "data"}


def test_swap_in_keeps_the_previous_trees_folders_for_the_next_build(tmp_path, swap_kind):
    target = _tree(tmp_path / "site", {"index.html": "old", "gone/index.html": "old"})
    new = _tree(tmp_path / ".build-x" / "site", {"index.html": "new"})
    folders = tmp_path / "build" / "folders" / "site"
    _tree(folders, {"older/index.html": "two builds ago"})  # replaced, never stacked
    swap_in(new, target, folders)
    assert _read(target) == {"index.html": "new"}
    assert _read(folders) == {"index.html": "old", "gone/index.html": "old"}
    assert not new.exists()


def test_folders_that_cannot_be_kept_go_and_the_published_swap_stands(tmp_path, swap_kind):
    target = _tree(tmp_path / "site", {"index.html": "old"})
    new = _tree(tmp_path / ".build-x" / "site", {"index.html": "new"})
    (tmp_path / "build").write_text("a file where the folders would be kept")
    swap_in(new, target, tmp_path / "build" / "folders" / "site")
    assert _read(target) == {"index.html": "new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build-x", "build", "site"]
    assert list((tmp_path / ".build-x").iterdir()) == []
