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


# The jobs the forked workers run, while they run them (set before the workers are forked).
_JOBS: list[Callable[[], object]] = []


def _run_job(index: int) -> object:
    return _JOBS[index]()


def in_forks(jobs: list[Callable[[], object]], workers: int) -> list[object]:
    """Each job's result, in order, each job run in a worker forked from this process (so that it
    inherits what the job reads, such as the model: only the results are copied back). A job that
    fails raises its own error; NoWorkers says that the jobs should be run here instead."""
    context = start_method()
    if context is None or workers < 2 or len(jobs) < 2:
        raise NoWorkers
    _JOBS[:] = jobs
    kept_for_the_build()
    try:
        try:
            pool = ProcessPoolExecutor(min(workers, len(jobs)), mp_context=context)
            futures = [pool.submit(_run_job, index) for index in range(len(jobs))]
        except (OSError, BrokenProcessPool):  # processes start as work is handed out
            raise NoWorkers from None
        with pool:
            try:
                return [future.result() for future in futures]
            except BrokenProcessPool:
                raise NoWorkers from None
    finally:
        _JOBS.clear()


def run_jobs(jobs: list[Callable[[], object]], workers: int | None = None) -> list[object]:
    """Each job's result, in order: the jobs on every core when worker processes can be had,
    here one after the other when not. ``workers`` fixes the number of processes."""
    try:
        return in_forks(jobs, cores() if workers is None else workers)
    except NoWorkers:
        return [job() for job in jobs]
