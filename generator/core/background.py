"""Work on the file system that a forked child does while the build goes on.

A rebuild after one changed figure spent a second and a half emptying the last build's kept folders
and linking the previous site's 12,000 files into the new one (core/kept_folders.py,
outputs/incremental.py), one after the other with the validation and the model, which read none
of it. Forked before the validation starts, a child does that work on the other core, and the build
waits for it only when it needs the trees.

The work must give the same result when done again over a part-done attempt: if the child cannot be
had (no fork, or threads beside this one, whose locks a child could inherit held: the live-reload
server) or fails, ``wait`` does the work here.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator

from generator.core.workers import start_method


class Background:
    """One piece of work, started in a child, or left to ``wait`` to do here."""

    def __init__(self, work: Callable[[], None]) -> None:
        self._work: Callable[[], None] | None = work
        self._child: int | None = None
        if start_method() is None:
            return
        try:
            child = os.fork()
        except OSError:
            return
        if child == 0:  # the child: do the work, then leave without running anything of the parent's
            done = 1
            try:
                work()
                done = 0
            finally:
                os._exit(done)
        self._child = child

    def wait(self) -> None:
        """Once this returns the work is done: by the child if it did it, otherwise here (and an
        error doing it is raised here)."""
        if self._child is not None:
            child, self._child = self._child, None
            _, status = os.waitpid(child, 0)
            if os.waitstatus_to_exitcode(status) == 0:
                self._work = None
        if self._work is not None:
            work, self._work = self._work, None
            work()

    def abandon(self) -> None:
        """The work is no longer wanted (the build failed): wait for the child to finish, so that
        nothing it does overlaps the clean-up that follows, and do nothing here."""
        if self._child is not None:
            child, self._child = self._child, None
            with contextlib.suppress(ChildProcessError):
                os.waitpid(child, 0)
        self._work = None


@contextlib.contextmanager
def in_background(work: Callable[[], None]) -> Iterator[Background]:
    """``work`` started in a child for the length of the block; what the block has not waited for
    when it ends, by an error or not, is abandoned."""
    job = Background(work)
    try:
        yield job
    finally:
        job.abandon()
