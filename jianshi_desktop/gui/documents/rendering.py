"""The PDF behind a preview, and printing it: what the preview shows is what prints and
what 另存为 PDF saves — the same bytes.

:func:`render` lays a :class:`Document` out once (reportlab, one rendering at a time: the
renderer holds its own lock). It writes the PDF into the data folder's ``tmp/`` (emptied at
every start, never the system temp) and reads it back, because only :func:`render_pdf`
reports the characters no font has (:attr:`Rendering.missing`).

:class:`PrintJob` sends the rendered pages to a :class:`QPrinter`: a worker thread draws
each page whole with QtPdf at :data:`PRINT_DPI` (600 dpi, whatever the printer's own),
one page after another; the thread that owns the printer (the GUI thread: Qt's printing is
not thread-safe) paints each page image 1:1 on the paper (no "fit to page", so the margins
are the document's), a strip at a time between the window's own events. The next page is
drawn only once the last is painted (:data:`PAGES_IN_FLIGHT`), so the memory printing takes
is one page image — about 140 MB for A4 at 600 dpi — for a 2-page record and for a 100-page
台账 alike.
"""

from __future__ import annotations

import queue
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from jianshi_desktop.documents.model import Document
from jianshi_desktop.errors import UserError

if TYPE_CHECKING:  # QtPdf and reportlab load on the first preview, not at start-up
    from PySide6.QtPdf import QPdfDocument

# Pages are drawn at 600 dpi whatever the printer's resolution: sharp text on any printer,
# and never finer, for memory: one A4 page at 600 dpi is an image of
# 4961 × 7016 pixels, 139 MB while it is printed; at 1200 dpi it would be 557 MB — too
# much for an old school PC.
PRINT_DPI = 600
POINTS_PER_INCH = 72.0
# Page images alive at once: the worker draws the next page only after the GUI thread has
# painted the last (2 would overlap drawing and painting, at twice the memory).
PAGES_IN_FLIGHT = 1
# The GUI thread paints a page image in horizontal strips of about this many bytes of it
# (8 MB: 420 rows of an A4 page at 600 dpi), a few every 10 ms: painting a whole page at
# once would keep the window from repainting for a long moment. Strips are parts of the
# drawn page, not drawn separately: they take no memory of their own.
STRIP_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Rendering:
    """A document laid out for the preview: its PDF, page count and unprintable characters."""

    document: Document
    pdf: bytes
    pages: int
    missing: str = ""
    anchors: dict[str, int] = field(default_factory=dict)  # contents entry → its page
    font_notice: str = ""  # the faces that stood in for the official fonts, in a sentence


def render(document: Document, scratch: Path) -> Rendering:
    """Lay ``document`` out as a PDF (in memory for the caller; the file in ``scratch`` is
    removed before returning)."""
    from jianshi_desktop.documents.render_pdf import render_pdf

    scratch.mkdir(parents=True, exist_ok=True)
    path = scratch / f"preview-{uuid.uuid4().hex}.pdf"
    try:
        result = render_pdf(document, path)
        data = path.read_bytes()
    finally:
        path.unlink(missing_ok=True)
    return Rendering(
        document,
        data,
        result.pages,
        result.missing,
        dict(result.anchors),
        font_notice=result.font_notice,
    )


def missing_text(missing: str) -> str:
    """A plain sentence naming the characters no font could show (for a warning)."""
    shown = "、".join(f"“{ch}”" for ch in missing[:10])
    more = f"等 {len(missing)} 个字" if len(missing) > 10 else ""
    return f"这台电脑上的字体里没有 {shown}{more}，这些字在 PDF 和打印件上会显示为空白或方框。"


def load_pdf(data: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A ``QPdfDocument`` reading ``data`` from the buffer returned with it, which the
    document owns (Qt deletes it with the document)."""
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() is not QPdfDocument.Status.Ready:
        raise UserError(
            "生成的文件无法显示。", hint="请关闭后重试；如果仍然如此，请把日志文件发给技术人员。"
        )
    return document, buffer


def prepare_printer(printer: QPrinter, page_size_pt: QSizeF, page_count: int) -> None:
    """Paper of the document's size and orientation, drawing from the paper's corner, and the
    page range the dialog offers. The printer chosen last is kept, but not the last page
    range or number of copies: a new document starts from 全部, one copy."""
    portrait = page_size_pt.height() >= page_size_pt.width()
    size = QSizeF(page_size_pt) if portrait else page_size_pt.transposed()
    printer.setPageSize(
        QPageSize(size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    )
    printer.setPageOrientation(
        QPageLayout.Orientation.Portrait if portrait else QPageLayout.Orientation.Landscape
    )
    printer.setFullPage(True)
    printer.setPrintRange(QPrinter.PrintRange.AllPages)
    printer.setFromTo(1, max(1, page_count))
    printer.setCopyCount(1)


def pages_to_print(printer: QPrinter, page_count: int, current: int) -> list[int]:
    """The pages (0-based) the print dialog asked for: all, the current one or a range."""
    which = printer.printRange()
    if which is QPrinter.PrintRange.CurrentPage:
        return [min(max(current, 0), page_count - 1)]
    if which is QPrinter.PrintRange.PageRange:
        wanted: list[int] = []
        ranges = printer.pageRanges()
        spans = (
            [(r.from_, r.to) for r in ranges.toRangeList()]
            if not ranges.isEmpty()
            else [(printer.fromPage(), printer.toPage())]
        )
        for first, last in spans:
            for page in range(max(first, 1), min(last, page_count) + 1):
                if page - 1 not in wanted:
                    wanted.append(page - 1)
        return wanted
    return list(range(page_count))


def page_pixels(document: QPdfDocument, page: int, dpi: float) -> QSize:
    points = document.pagePointSize(page)
    return QSize(
        round(points.width() / POINTS_PER_INCH * dpi),
        round(points.height() / POINTS_PER_INCH * dpi),
    )


def page_image(document: QPdfDocument, page: int, dpi: float) -> QImage:
    """Page ``page`` drawn whole at ``dpi`` on white paper: an opaque RGB32 image of
    4 bytes a pixel (139 MB for A4 at 600 dpi) — the most memory printing takes.

    Drawn whole, not in parts: QtPdf can draw a clipped part of a page, but its text then
    lands up to 0.2 mm off the whole page's, and a character cut by an edge shows a step."""
    image = document.render(page, page_pixels(document, page, dpi))
    # what QtPdf leaves empty is transparent: white paper behind it, in place (no copy),
    # a strip at a time (one fill of the whole page holds Python's lock for 100 ms: the
    # window could not repaint meanwhile)
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOver)
    rows = strip_rows(image)
    for top in range(0, image.height(), rows):
        painter.fillRect(0, top, image.width(), rows, QColor("white"))
    painter.end()
    # now opaque, the same bytes read as RGB32: the printer's side sends no transparency
    # mask (half the work)
    image.reinterpretAsFormat(QImage.Format.Format_RGB32)
    return image


def strip_rows(image: QImage, strip_bytes: int = STRIP_BYTES) -> int:
    """How many pixel rows of ``image`` make a strip of about ``strip_bytes``."""
    return max(16, strip_bytes // max(1, image.bytesPerLine()))


PageSource = Callable[[object, int, float], QImage]


@dataclass(frozen=True)
class _Page:
    sheet: int  # its place in the job (0-based): each begins a new sheet of paper
    image: QImage


@dataclass(frozen=True)
class _End:
    error: BaseException | None = None


class PrintJob:
    """One print job: :meth:`produce` draws the pages (any thread, e.g. a worker);
    :meth:`start`, :meth:`paint_waiting`, :meth:`finish` and :meth:`abort` paint them on the
    printer (the printer's thread, the GUI thread in the app).

    At most ``in_flight`` page images exist at a time (:data:`PAGES_IN_FLIGHT`): the
    drawing waits until the printer's side has painted a page before it draws another.
    ``draw`` draws one page (:func:`page_image`; tests count its calls).
    """

    def __init__(
        self,
        pdf: bytes,
        printer: QPrinter,
        pages: list[int],
        *,
        draw: PageSource | None = None,
        strip_bytes: int = STRIP_BYTES,
        in_flight: int = PAGES_IN_FLIGHT,
    ) -> None:
        self.pdf = pdf
        self.printer = printer
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        self.sequence = [page for _copy in range(copies) for page in pages]
        self.dpi = PRINT_DPI
        self._draw: PageSource = draw or page_image  # type: ignore[assignment]
        self._strip_bytes = strip_bytes
        # unbounded: what bounds the memory is the room for page images, not the queue
        self._queue: queue.Queue[_Page | _End] = queue.Queue()
        self._in_flight = max(1, in_flight)
        self._room = threading.Semaphore(self._in_flight)
        self._stopped = threading.Event()
        self._painter = QPainter()
        self._page: _Page | None = None  # the page being painted, strip by strip
        self._row = 0  # its next pixel row
        self.sent = 0  # sheets begun on the printer
        self.ended = False

    # --- the printer's side -----------------------------------------------------------------

    def start(self) -> None:
        if not self._painter.begin(self.printer):
            raise UserError(
                "无法开始打印。",
                hint="请检查打印机是否已开机、已连接，并在打印对话框中选对打印机后重试。",
            )

    def paint_waiting(self, budget_s: float = 0.05) -> bool:
        """Paint what is ready, a strip at a time, for about ``budget_s`` seconds; True once
        the last page is painted. A drawing error is raised (call :meth:`abort` then)."""
        until = time.monotonic() + budget_s
        while not self.ended and self._step(block=False):
            if time.monotonic() > until:
                break
        return self.ended

    def paint_all(self) -> int:
        """Paint every page as it comes, until the last (blocks); returns the sheets sent."""
        while not self.ended:
            self._step(block=True)
        return self.sent

    def finish(self) -> int:
        """The job is complete: paint what is left and send it; returns the sheets sent."""
        self.paint_all()
        self._painter.end()
        return self.sent

    def abort(self) -> None:
        """Stop: the drawing thread stops before its next page and the job is dropped."""
        self._stopped.set()
        self.ended = True
        self._page = None
        if self._painter.isActive():
            self.printer.abort()
            self._painter.end()
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                return

    def _step(self, *, block: bool) -> bool:
        """Paint one strip of the page at hand, or take the next page; False when nothing
        was ready."""
        if self._page is None:
            try:
                item = self._queue.get() if block else self._queue.get_nowait()
            except queue.Empty:
                return False
            if isinstance(item, _End):
                self.ended = True
                if item.error is not None:
                    raise item.error
                return True
            if self.sent and not self.printer.newPage():
                raise UserError("打印中途出错，没有全部打完。", hint="请检查打印机后重新打印。")
            self.sent += 1
            self._page, self._row = item, 0
        image = self._page.image
        height = min(strip_rows(image, self._strip_bytes), image.height() - self._row)
        scale = self.printer.resolution() / self.dpi
        # a strip's copy (8 MB, freed at once): Qt's PDF printer is faster with it than
        # with a part of the whole image
        self._painter.drawImage(
            QRectF(0, self._row * scale, image.width() * scale, height * scale),
            image.copy(0, self._row, image.width(), height),
        )
        self._row += height
        if self._row >= image.height():
            self._page = None  # the image is freed here: room for the next page
            self._room.release()
        return True

    # --- the drawing side -----------------------------------------------------------------

    def produce(
        self,
        check: Callable[[], None] = lambda: None,
        report: Callable[[int, int], None] = lambda done, total: None,
    ) -> int:
        """Draw every page for the printer's side to paint, and wait until it has painted
        them; returns the number of sheets. ``check`` raises to stop between pages;
        ``report(page, total)`` says which page is being drawn. Whatever ends it is passed
        on to the printer's side."""
        try:
            document, buffer = load_pdf(self.pdf)
        except BaseException as exc:
            self._queue.put(_End(exc))
            raise
        try:
            total = len(self.sequence)
            for sheet, page in enumerate(self.sequence):
                check()
                self._wait_for_room(check)
                report(sheet + 1, total)
                self._queue.put(_Page(sheet, self._draw(document, page, self.dpi)))
            # done once the last page is on the paper: the printer's side then has nothing
            # left to paint in one go when it hears that the drawing has ended
            for _page in range(self._in_flight):
                self._wait_for_room(check)
        except BaseException as exc:
            self._queue.put(_End(exc))
            raise
        finally:
            document.close()
            buffer.close()
        self._queue.put(_End())
        return len(self.sequence)

    def _wait_for_room(self, check: Callable[[], None]) -> None:
        """Wait until the printer's side has painted a page (its image is gone) — or a stop."""
        while not self._stopped.is_set():
            if self._room.acquire(timeout=0.05):
                return
            check()
        raise UserError("打印已停止。")
