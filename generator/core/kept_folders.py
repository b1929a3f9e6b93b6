"""The folders of the last published tree, kept for the next build to write its tree into.

At England scale a tree (build/docs, or site/) is 3,400 folders: one per page and one per
package's downloads. On ext4 making or removing a folder costs 60-120 µs, a file's link or unlink
7 µs, so a rebuild after one changed figure spent two of its eight seconds making the new trees'
folders and removing the old trees'. The tree that the swap puts aside is kept instead (``keep``);
the next build takes it (``take``), removes only its files, and writes into the folders that are
already there. What this build did not write into is removed at the end (``prune``), so the tree
holds the same folders as one made from nothing.

The files are removed when the folders are taken, not when they are kept: whatever a killed build
left in the kept folders, a tree taken from them starts empty. Only the build holding the project's
lock (publish.build_lock) keeps or takes them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def keep(tree: Path, folders: Path) -> None:
    """Keep the put-aside ``tree`` as ``folders`` for the next build (replacing any kept before).
    Keeping them only saves time, so it never fails a build that is already published: where they
    cannot be kept, the tree is removed, as it was before folders were kept."""
    drop(folders)
    try:
        folders.parent.mkdir(parents=True, exist_ok=True)
        os.rename(tree, folders)
    except OSError:
        shutil.rmtree(tree)


def drop(folders: Path) -> None:
    """No longer keep ``folders`` (a build whose engine writes its site from nothing)."""
    shutil.rmtree(folders, ignore_errors=True)


def take(folders: Path, tree: Path) -> None:
    """Make the new, empty ``tree`` from the kept ``folders``, or from nothing if none are kept."""
    take_folders(folders, tree)
    empty(tree)


def take_folders(folders: Path, tree: Path) -> None:
    """Make ``tree`` from the kept ``folders``, files and all, or from nothing if none are kept;
    ``empty`` it before writing into it (the two apart, for emptying in the background)."""
    try:
        os.rename(folders, tree)
    except OSError:  # none kept (a first build), or on another file system
        tree.mkdir(parents=True)


def empty(tree: Path) -> None:
    """Remove every file in ``tree``, however deep, and keep its folders."""
    _remove_files(os.fspath(tree))


def _remove_files(folder: str) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _remove_files(entry.path)
            else:
                os.unlink(entry.path)


def prune(tree: Path) -> None:
    """Remove every folder of ``tree`` (below it) that has no file in it, however deep."""
    _prune(os.fspath(tree))


def _prune(folder: str) -> bool:
    """Whether ``folder`` still holds anything once its empty folders are removed."""
    held = False
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and not _prune(entry.path):
                os.rmdir(entry.path)
            else:
                held = True
    return held
