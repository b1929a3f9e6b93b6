"""The memory a build needs: all its processes together, sampled from outside while it runs.

`ru_maxrss` is one process's high-water mark. A build is several processes (forked page writers and
Frictionless workers, Zensical's own process), and a forked worker's resident set counts the pages
it shares with its parent, so neither the largest process nor the sum of their peaks says what the
machine must have. This samples every process of the build's tree, every second, and
adds up their proportional set sizes (PSS: a shared page split between those that share it), from
the benchmark's own process, where a sampling thread cannot change how the build starts its workers
(generator/core/workers.py forks only when the build has no other thread). A peak shorter than a
second can be missed; a stage's peak lasts seconds. Each sample reads every process's page tables
(smaps_rollup): at four a second that was an eighth of a core beside a 1.3 GB build, so once a second.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

PROC = Path("/proc")
INTERVAL_S = 1.0


def _parents() -> dict[int, int]:
    """Every process's parent, by process id."""
    found = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # it ended while being read
                continue
            # "pid (command) state ppid ...": the command may hold spaces and brackets
            found[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    return found


def tree(root: int) -> list[int]:
    """``root`` and every process descended from it."""
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def pss_kib(pid: int) -> int:
    """The process's proportional set size in KiB (0 if it has ended)."""
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def available() -> bool:
    return (PROC / str(os.getpid()) / "smaps_rollup").is_file()


class TreeSampler:
    """While in use, the highest sum of PSS over ``pid`` and its descendants, in MB (``peak_mb``),
    and every sample with its wall-clock time, so that a peak can be put in the stage it came in
    (``peak_mb_between``: the stages are timed in the build's own process, which shares the clock)."""

    def __init__(self, pid: int, interval: float = INTERVAL_S):
        self.pid, self.interval = pid, interval
        self.peak_kib = 0
        self.samples: list[tuple[float, int]] = []  # (time.time(), KiB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            total = sum(pss_kib(pid) for pid in tree(self.pid))
            self.samples.append((time.time(), total))
            self.peak_kib = max(self.peak_kib, total)
            self._stop.wait(self.interval)

    @property
    def peak_mb(self) -> float | None:
        return round(self.peak_kib / 1024) if self.peak_kib else None

    def peak_mb_between(self, start: float, end: float | None) -> float | None:
        """The highest sample taken from ``start`` until ``end`` (None: until the last)."""
        within = (kib for at, kib in self.samples if at >= start and (end is None or at < end))
        highest = max(within, default=0)
        return round(highest / 1024) if highest else None

    def __enter__(self) -> TreeSampler:
        if available():
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
