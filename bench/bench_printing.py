"""Benchmark: printing a 60-page 台账 from the preview, as the window sees it.

Lays out an invented ledger of at least 60 pages, opens the preview offscreen and prints it
to a PDF printer at 600 dpi (what a print queue gets on Linux) through the same path as the
打印 button. Prints the pages, the total time, the longest stretch the GUI thread was busy
(measured by a 10 ms timer: the window cannot repaint longer than that), the memory the
process grew by and the one page image printing holds (about 140 MB for A4 at 600 dpi: the
drawing waits for the printer, so that is the bound). Targets: the window never busy longer
than 250 ms at a time; memory growth under 400 MB whatever the page count.

The longest stall is mostly QtPdf drawing one page on the worker: it keeps Python's lock
while it draws (about 130–300 ms a page here), so the window's timer waits that long.

Run: QT_QPA_PLATFORM=offscreen python bench/bench_printing.py [--pages 60]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QWidget

from jianshi_desktop.gui.documents.preview import PreviewDialog
from jianshi_desktop.gui.documents.rendering import PAGES_IN_FLIGHT, render
from jianshi_desktop.gui.refcount_guard import guard_singletons
from tests.document_samples import sample_ledger

MAX_BUSY_MS = 250
MAX_GROWTH_MB = 400


def rss_mb() -> float:
    """The process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=60)
    wanted = parser.parse_args().pages
    guard_singletons()  # as the app does: PySide6 loses references to None (refcount_guard)
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        records = 8
        rendering = render(sample_ledger(records=records), root / "tmp")
        while rendering.pages < wanted:
            records = records * 2
            rendering = render(sample_ledger(records=records), root / "tmp")
        parent = QWidget()
        parent.show()
        dialog = PreviewDialog(
            parent, title="台账", rendering=rendering, stem="台账", data_root=root
        )
        dialog.open()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(root / "printed.pdf"))
        printer.setResolution(600)

        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        ticker = QTimer()
        ticker.setInterval(10)

        def tick() -> None:
            gaps.append(clock.restart())

        ticker.timeout.connect(tick)
        before = rss_mb()
        started = time.perf_counter()
        ticker.start()
        task = dialog.print_to(printer)
        assert task is not None
        while task.running:
            app.processEvents()
            time.sleep(0.001)
        seconds = time.perf_counter() - started
        ticker.stop()
        grown = rss_mb() - before
        busy = max(gaps) if gaps else 0.0
        print(f"pages: {rendering.pages}")
        print(f"print time: {seconds:.1f} s ({seconds / rendering.pages * 1000:.0f} ms a page)")
        print(f"longest GUI stall: {busy:.0f} ms (target {MAX_BUSY_MS} ms)")
        print(f"memory growth: {grown:.0f} MB (target {MAX_GROWTH_MB} MB)")
        page = dialog.pdf.pagePointSize(0)
        image_mb = (page.width() / 72 * 600) * (page.height() / 72 * 600) * 4 / 1e6
        print(f"page images held at once: {PAGES_IN_FLIGHT} of {image_mb:.0f} MB (600 dpi)")
        print(f"status: {dialog.status_text()}")
        dialog.close()
        parent.close()
    return 0 if busy <= MAX_BUSY_MS and grown <= MAX_GROWTH_MB else 1


if __name__ == "__main__":
    raise SystemExit(main())
