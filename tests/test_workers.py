"""Jobs on every core: this process works beside the forked workers, and the results come back in
the jobs' order, whichever process ran each one."""

import os
import time
from functools import partial
from pathlib import Path

import pytest

from generator.core import workers


def _pid_beside_another(folder: Path, number: int) -> tuple[int, int]:
    """This job's number and process, once two processes have each started a job (so both run some)."""
    (folder / str(os.getpid())).touch()
    deadline = time.monotonic() + 60
    while len(list(folder.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    return number, os.getpid()


def test_this_process_runs_jobs_beside_a_worker_and_the_results_keep_their_order(tmp_path):
    jobs = [partial(_pid_beside_another, tmp_path, n) for n in range(8)]
    results = workers.in_forks(jobs, 2)
    assert [number for number, _ in results] == list(range(8))
    pids = {pid for _, pid in results}
    assert len(pids) == 2 and os.getpid() in pids


def _fails_at(number: int, bad: int) -> int:
    if number == bad:
        raise ValueError(f"job {number} failed")
    return number


@pytest.mark.parametrize("bad", [0, 3, 7])
def test_a_job_that_fails_raises_its_own_error_wherever_it_ran(bad):
    with pytest.raises(ValueError, match=f"job {bad} failed"):
        workers.in_forks([partial(_fails_at, n, bad) for n in range(8)], 2)


def test_one_job_or_one_core_runs_here():
    with pytest.raises(workers.NoWorkers):
        workers.in_forks([lambda: 1], 2)
    with pytest.raises(workers.NoWorkers):
        workers.in_forks([lambda: 1, lambda: 2], 1)
    assert workers.run_jobs([lambda: 1, lambda: 2], 1) == [1, 2]
