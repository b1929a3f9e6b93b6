"""Work that a forked child does while the build goes on, on the other core.

A rebuild after one changed figure spent a second and a half emptying the last build's kept folders
and linking the previous site's 12,000 files into the new one (core/kept_folders.py,
outputs/incremental.py), and half a second importing Frictionless and asking it about the changed
package, each after the other with the domain checks and the model, which need none of it. Started
in a child, that work is done beside them, and the build waits for it only when it needs it.

The work gives the same result when done again, whatever a failed attempt left: if the child cannot
be had (no fork, or threads beside this one, whose locks a child could inherit held: the
live-reload server) or fails, ``wait`` does the work here.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from generator.core.workers import start_method

T = TypeVar("T")


class Background(Generic[T]):
    """One piece of work, started in a child that hands its result back through a pipe, or left
    to ``wait`` to do here."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work: Callable[[], T] | None = work
        self._child: int | None = None
        self._pipe: int | None = None
        if start_method() is None:
            return
        try:
            reading, writing = os.pipe()
        except OSError:
            return
        try:
            child = os.fork()
        except OSError:
            os.close(reading)
            os.close(writing)
            return
        if child == 0:  # the child: do the work, hand it back, and leave running nothing of the parent's
            done = 1
            try:
                os.close(reading)
                result = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                with open(writing, "wb") as pipe:
                    pipe.write(result)
                done = 0
            finally:
                os._exit(done)
        os.close(writing)
        self._child, self._pipe = child, reading

    def wait(self) -> T:
        """The work's result, once it is done: by the child if it did it, otherwise here (and an
        error doing it is raised here)."""
        if self._child is not None:
            with open(self._pipe, "rb") as pipe:
                self._pipe = None
                handed = pipe.read()
            child, self._child = self._child, None
            _, status = os.waitpid(child, 0)
            if os.waitstatus_to_exitcode(status) == 0:
                self._work = None
                return pickle.loads(handed)
        if self._work is None:
            raise RuntimeError("the work was waited for already")
        work, self._work = self._work, None
        return work()

    def abandon(self) -> None:
        """The work is no longer wanted (the build failed): let the child finish or stop (its pipe
        is closed), and wait for it, so that nothing it does overlaps the clean-up that follows."""
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
        if self._child is not None:
            child, self._child = self._child, None
            with contextlib.suppress(ChildProcessError):
                os.waitpid(child, 0)
        self._work = None


@contextlib.contextmanager
def in_background(work: Callable[[], T]) -> Iterator[Background[T]]:
    """``work`` started in a child for the length of the block; what the block has not waited for
    when it ends, by an error or not, is abandoned."""
    job = Background(work)
    try:
        yield job
    finally:
        job.abandon()


class _Here:
    """Background's interface, the work done in this process when waited for."""

    def __init__(self, work: Callable[[], T]) -> None:
        self.wait = work

    def abandon(self) -> None:
        pass


@contextlib.contextmanager
def in_this_process(work: Callable[[], T]) -> Iterator[_Here]:
    """What in_background is, with no child: for a profiler, which sees only its own process, or
    for a test that counts calls made here."""
    yield _Here(work)
