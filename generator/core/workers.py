"""Worker processes for work that splits into independent pieces (Frictionless's packages, pages).

Shared by the validator and the page writer so that both start their workers the same, safe way.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.context import BaseContext


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
