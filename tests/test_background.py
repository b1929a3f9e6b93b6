"""Work done by a forked child while the build goes on (core/background.py): once waited for, it
is done, whoever did it."""

import multiprocessing
import os
import threading

import pytest

from generator.core import background
from generator.core.background import Background, in_background


@pytest.fixture
def forks(monkeypatch):
    """A child is forked even if an earlier test in this worker left a thread running (a browser
    test's), which would rightly make the build do the work itself."""
    monkeypatch.setattr(background, "start_method", lambda: multiprocessing.get_context("fork"))


def _mark(folder, name="done"):
    def work():
        (folder / name).write_text(str(os.getpid()), encoding="utf-8")

    return work


def test_the_work_is_done_by_a_child_and_is_there_once_waited_for(tmp_path, forks):
    job = Background(_mark(tmp_path))
    job.wait()
    assert int((tmp_path / "done").read_text(encoding="utf-8")) != os.getpid()


def test_work_the_child_failed_at_is_done_again_here(tmp_path, forks):
    attempts = tmp_path / "attempts"
    attempts.mkdir()

    def work():
        (attempts / str(os.getpid())).touch()
        if os.getpid() != here:
            raise OSError("the child could not")

    here = os.getpid()
    job = Background(work)
    job.wait()
    done_by = {int(p.name) for p in attempts.iterdir()}
    assert here in done_by and len(done_by) == 2  # the child tried, then this process did it


def test_beside_other_threads_nothing_is_forked_and_wait_does_the_work(tmp_path):
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        job = Background(_mark(tmp_path))
        assert not (tmp_path / "done").exists()
        job.wait()
    finally:
        stop.set()
        thread.join()
    assert int((tmp_path / "done").read_text(encoding="utf-8")) == os.getpid()


def test_work_not_waited_for_is_finished_by_the_child_and_never_done_here(tmp_path, forks):
    def slow_mark():
        for n in range(200):
            (tmp_path / f"{n}").touch()
        _mark(tmp_path)()

    with in_background(slow_mark):
        pass  # the block ends (a failed build) before anything waited for the work
    # The child had finished before the block let go: nothing of it overlaps what follows.
    assert len(list(tmp_path.iterdir())) == 201
    assert int((tmp_path / "done").read_text(encoding="utf-8")) != os.getpid()
