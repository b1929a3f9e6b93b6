"""A disk that is full or read-only stops the build with the path named and the previous site kept."""

import errno
import os
from pathlib import Path

import pytest

import generator.build as build
import generator.publish as publish
from generator.build import BuildFailed, build_site
from generator.project import Project


def test_a_full_disk_names_the_path_and_keeps_the_previous_site(project, monkeypatch):
    previous = project / "site" / "index.html"
    previous.parent.mkdir()
    previous.write_text("the previous site")

    def full(model, docs, project):
        raise OSError(errno.ENOSPC, "No space left on device", str(docs / "reports/p/data.csv"))

    monkeypatch.setattr(build, "WRITERS", (*build.WRITERS[:1], full, *build.WRITERS[2:]))
    with pytest.raises(BuildFailed) as failure:
        build_site(Project(project))
    message = str(failure.value)
    assert "No space left on device" in message and "reports/p/data.csv" in message
    assert previous.read_text() == "the previous site"
    assert not list(project.glob(".build-*"))


def test_a_swap_that_fails_half_way_puts_the_previous_tree_back(tmp_path, monkeypatch):
    new, target = tmp_path / "new", tmp_path / "site"
    new.mkdir()
    target.mkdir()
    (target / "index.html").write_text("previous")
    rename = os.rename

    def read_only(source, destination):
        if Path(source) == new:
            raise OSError(errno.EROFS, "Read-only file system", str(destination))
        return rename(source, destination)

    # The two-rename swap, used where the file system cannot exchange two trees in one step.
    monkeypatch.setattr(publish, "_exchange", lambda new, target: False)
    monkeypatch.setattr(publish.os, "rename", read_only)
    with pytest.raises(OSError):
        build._swap(new, target)
    assert (target / "index.html").read_text() == "previous"


def test_a_write_failure_is_one_sentence_naming_the_path_in_the_project(tmp_path):
    error = OSError(errno.EROFS, "Read-only file system", str(tmp_path / "site"))
    assert build._write_failure(error, tmp_path) == "could not write site: Read-only file system"
