"""Cycles are collected on the GUI thread only while the window runs (gui/gc_guard.py):
a Qt object collected on a worker thread makes Qt warn and may crash it."""

from __future__ import annotations

import gc
import threading
import weakref

from jianshi_desktop.gui.gc_guard import GuiThreadCollector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_worker_thread_never_collects_and_the_gui_thread_does(gui_app: object) -> None:
    enabled_before = gc.isenabled()  # the GUI tests' own collector may have turned it off
    collector = GuiThreadCollector()
    try:
        assert not gc.isenabled()
        cycle = _Cycle()
        gone = weakref.ref(cycle)
        del cycle
        threshold = gc.get_threshold()[0]

        def allocate() -> None:  # far past the threshold: automatic collection would run
            junk: list[list[object]] = [[] for _ in range(threshold * 20)]
            del junk

        worker = threading.Thread(target=allocate)
        worker.start()
        worker.join()
        assert gone() is not None, "nothing was collected on the worker thread"

        collector.threshold = (0, 0, 0)  # due now
        collector.check()
        assert gone() is None, "collected by the GUI thread's check"
    finally:
        collector.stop()
    assert gc.isenabled() == enabled_before, "as it was before"


def test_stopping_turns_automatic_collection_back_on(gui_app: object) -> None:
    gc.enable()
    collector = GuiThreadCollector()
    assert not gc.isenabled()
    collector.stop()
    assert gc.isenabled()
