"""The build keeps what it holds out of the garbage collector's sight, and only while it runs.

A full collection walks every object the process holds; at England scale a rebuild spent 1.4 s of
its 13 s in eight of them, over packages and a model kept to the end anyway. What is set aside
must come back when the outermost build or validation ends, or `serve` would never free the cycles
of one build before the next (tests/test_build.py checks a whole build does so).
"""

import gc

from generator.core.memory import collection_paused, collector_spared, kept_for_the_build


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_outside_a_build_nothing_is_set_aside():
    kept_for_the_build()
    assert gc.get_freeze_count() == 0


def test_what_a_build_keeps_is_set_aside_until_the_outermost_build_ends():
    with collector_spared():
        with collector_spared():  # a build validates: the validation ends first
            kept_for_the_build()
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_a_cycle_made_during_a_build_is_freed_once_it_ends():
    import weakref

    with collector_spared():
        cycle = weakref.ref(_Cycle())
        kept_for_the_build()
        gc.collect()
        assert cycle() is not None  # set aside: no collection looks at it
    gc.collect()
    assert cycle() is None


def test_a_failed_build_hands_everything_back():
    try:
        with collector_spared():
            kept_for_the_build()
            raise RuntimeError
    except RuntimeError:
        pass
    assert gc.get_freeze_count() == 0


def test_a_pause_restores_the_collector_as_it_was():
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
