"""Worker processes for work that splits into independent pieces (Frictionless's packages, pages).

Shared by the validator and the page writer so that both start their workers the same, safe way.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext

from .memory import kept_for_the_build


def start_method() -> BaseContext | None:
    """Fork is fastest (workers inherit the loaded modules and the model) but unsafe beside other
    threads, such as the live-reload server's, whose locks a forked child could inherit held; then
    the platform's default start method (forkserver or spawn) is used instead (None)."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return None


def cores() -> int:
    """The cores this process may run on (a container's CPU set, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class NoWorkers(Exception):
    """Worker processes cannot be had here (no fork, a sandbox, no /dev/shm) or one died."""


# The jobs the forked workers run, while they run them, and the index of the next one not yet
# taken, in memory shared with the workers (both set before the workers are forked).
_JOBS: list[Callable[[], object]] = []
_NEXT: list = []


def _take() -> int | None:
    """The next job no process has taken, taken; None when every job is taken."""
    counter = _NEXT[0]
    with counter.get_lock():
        index = counter.value
        if index >= len(_JOBS):
            return None
        counter.value = index + 1
        return index


def _stop_taking() -> None:
    counter = _NEXT[0]
    with counter.get_lock():
        counter.value = len(_JOBS)


def _run_jobs_taken() -> dict[int, object]:
    """Take jobs one by one and run them, until none is left: each process, this one and the
    workers, takes the next job as it finishes one, so the cores even out however long each job
    is. A job that fails stops every process from taking more."""
    results: dict[int, object] = {}
    while (index := _take()) is not None:
        try:
            results[index] = _JOBS[index]()
        except BaseException:
            _stop_taking()
            raise
    return results


def in_forks(jobs: list[Callable[[], object]], workers: int) -> list[object]:
    """Each job's result, in order, on ``workers`` cores: this process is one of them, and each
    other is a worker forked from it (so that it inherits what the job reads, such as the model:
    only the results are copied back). A job that fails raises its own error; NoWorkers says that
    the jobs should be run here instead.

    A forked worker that reads what it inherited (a Python object's reference count is written
    when it is read) makes its own copy of each memory page it reads: at England scale x4, some
    550 MB per worker while the pages are written. Working here, rather than waiting here for one
    more worker, saves one such copy."""
    context = start_method()
    if context is None or workers < 2 or len(jobs) < 2:
        raise NoWorkers
    _JOBS[:] = jobs
    _NEXT[:] = [context.Value("q", 0)]
    kept_for_the_build()
    try:
        try:
            others = min(workers, len(jobs)) - 1
            pool = ProcessPoolExecutor(others, mp_context=context)
            futures = [pool.submit(_run_jobs_taken) for _ in range(others)]
        except (OSError, BrokenProcessPool):  # processes start as work is handed out
            raise NoWorkers from None
        try:
            results = _run_jobs_taken()
            for future in futures:
                results.update(future.result())
        except BrokenProcessPool:  # a worker died, and with it the jobs it had taken
            raise NoWorkers from None
        finally:
            _stop_taking()
            pool.shutdown(wait=True, cancel_futures=True)
        return [results[index] for index in range(len(jobs))]
    finally:
        _JOBS.clear()
        _NEXT.clear()


def run_jobs(jobs: list[Callable[[], object]], workers: int | None = None) -> list[object]:
    """Each job's result, in order: the jobs on every core when worker processes can be had,
    here one after the other when not. ``workers`` fixes the number of processes."""
    try:
        return in_forks(jobs, cores() if workers is None else workers)
    except NoWorkers:
        return [job() for job in jobs]
