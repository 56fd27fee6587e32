"""Python's cyclic garbage collection on the GUI thread only.

Python collects reference cycles in whichever thread happens to allocate when a threshold
is crossed — with the automatic backup, the package export or a preview running on a
worker thread, that may be a worker. A Qt object collected there (a dialog closed a while
ago, a widget with a cursor-blink timer) is then destroyed in the wrong thread: Qt warns
"Timers cannot be stopped from another thread" and may crash. So while the window runs,
automatic collection is off and this collector runs it on the GUI thread, from a timer,
whenever Python's own thresholds say it is due — the well-known pattern of PyQt and
PySide applications (pyqtgraph, Anki, OpenCue).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    """Turns automatic collection off and collects on the GUI thread instead; :meth:`stop`
    turns it back on (the window closed)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self.was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(CHECK_INTERVAL_MS)

    def check(self) -> int:
        """Collect the generations whose counts passed their thresholds; objects freed."""
        first, second, third = gc.get_count()
        freed = 0
        if first > self.threshold[0]:
            freed += gc.collect(0)
            if second > self.threshold[1]:
                freed += gc.collect(1)
                if third > self.threshold[2]:
                    freed += gc.collect(2)
        return freed

    def stop(self) -> None:
        self.timer.stop()
        gc.collect()  # on this thread, before anything else may run
        if self.was_enabled:
            gc.enable()
