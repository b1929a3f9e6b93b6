"""Handing freed memory back to the system, so that the next stage does not stack on it.

CPython keeps the memory of freed objects for reuse, and glibc keeps freed heap pages for the
process: after the generator's stages, at England scale x4, a process that holds nothing more still
holds most of what it held. The site engine then adds its own on top. Collecting the cycles, then
asking glibc to trim its heaps (malloc_trim), returns what is free before the engine starts.
"""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Iterator
from contextlib import contextmanager


def _trim() -> None:
    """glibc's malloc_trim(0); nothing where the C library has none (macOS, musl)."""
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim is not None:
        trim(0)


def hand_back_memory() -> None:
    """Free what nothing refers to any more, and give the free memory back to the system."""
    gc.collect()
    _trim()


# How many builds or validations are running in this process (they nest: a build validates).
_spared = 0


@contextmanager
def collector_spared() -> Iterator[None]:
    """While a build or validation runs, what it keeps for its whole length can be moved out of the
    cyclic garbage collector's sight (kept_for_the_build).

    A full collection walks every object the process holds. At England scale a build holds millions
    (the packages' tables, the model, the figure index), and the collector walked them all eight
    times in a rebuild after one changed figure: 1.4 s of its 13 s, finding next to nothing, since
    what a build keeps it keeps to the end. When the outermost one ends, the objects are handed
    back, so that a long-running `serve` still collects one build's leftovers before the next.
    """
    global _spared
    _spared += 1
    try:
        yield
    finally:
        _spared -= 1
        if _spared == 0:
            gc.unfreeze()


def kept_for_the_build() -> None:
    """Everything alive now is kept until the build ends: no collection need look at it again.
    Objects freed by their reference count are still freed at once; only cycles among them wait
    for the end of the build. It also spares forked workers from copying the pages that a
    collection would otherwise write to (each object's collector header) when they inherit them."""
    if _spared:
        gc.freeze()


@contextmanager
def collection_paused() -> Iterator[None]:
    """No automatic collection while a loop makes many objects that hold no cycles (records for
    every figure): each collection it set off would walk every one made so far, to find nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
