"""Handing freed memory back to the system, so that the next stage does not stack on it.

CPython keeps the memory of freed objects for reuse, and glibc keeps freed heap pages for the
process: after the generator's stages, at England scale x4, a process that holds nothing more still
holds most of what it held. The site engine then adds its own on top. Collecting the cycles, then
asking glibc to trim its heaps (malloc_trim), returns what is free before the engine starts.
"""

from __future__ import annotations

import ctypes
import gc


def _trim() -> None:
    """glibc's malloc_trim(0); nothing where the C library has none (macOS, musl)."""
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim is not None:
        trim(0)


def hand_back_memory() -> None:
    """Free what nothing refers to any more, and give the free memory back to the system."""
    gc.collect()
    _trim()
