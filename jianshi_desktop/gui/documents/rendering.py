"""The PDF behind a preview, and printing it: what the preview shows is what prints and
what 另存为 PDF saves — the same bytes.

:func:`render` lays a :class:`Document` out once (reportlab, one rendering at a time: the
renderer holds its own lock). It writes the PDF into the data folder's ``tmp/`` (emptied at
every start, never the system temp) and reads it back, because only :func:`render_pdf`
reports the characters no font has (:attr:`Rendering.missing`).

:func:`print_pages` paints the rendered pages on a :class:`QPrinter`: each page drawn by
QtPdf at up to :data:`PRINT_DPI` and placed 1:1 on the paper (no "fit to page", so the
margins are the document's). It runs on a worker thread — Qt allows a ``QPainter`` on a
``QPrinter`` off the GUI thread — with its own ``QPdfDocument``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from jianshi_desktop.documents.model import Document
from jianshi_desktop.errors import UserError

if TYPE_CHECKING:  # QtPdf and reportlab load on the first preview, not at start-up
    from PySide6.QtPdf import QPdfDocument

# Pages are drawn at the printer's resolution, but not finer than this: a 600 dpi colour
# A4 page would take 140 MB of memory on an old PC; 300 dpi is what a scan for the
# archive uses and prints sharp on an office laser.
PRINT_DPI = 300
POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class Rendering:
    """A document laid out for the preview: its PDF, page count and unprintable characters."""

    document: Document
    pdf: bytes
    pages: int
    missing: str = ""
    anchors: dict[str, int] = field(default_factory=dict)  # contents entry → its page


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
    return Rendering(document, data, result.pages, result.missing, dict(result.anchors))


def missing_text(missing: str) -> str:
    """A plain sentence naming the characters no font could show (for a warning)."""
    shown = "、".join(f"“{ch}”" for ch in missing[:10])
    more = f"等 {len(missing)} 个字" if len(missing) > 10 else ""
    return f"这台电脑上的字体里没有 {shown}{more}，这些字在 PDF 和打印件上会显示为空白或方框。"


def load_pdf(data: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A ``QPdfDocument`` reading ``data``; keep the buffer alive as long as the document."""
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
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


def page_image(document: QPdfDocument, page: int, dpi: float) -> QImage:
    """One page drawn at ``dpi`` on white paper."""
    points = document.pagePointSize(page)
    size = QSize(
        round(points.width() / POINTS_PER_INCH * dpi),
        round(points.height() / POINTS_PER_INCH * dpi),
    )
    return document.render(page, size)


def print_pages(
    pdf: bytes,
    printer: QPrinter,
    pages: list[int],
    *,
    check: Callable[[], None] = lambda: None,
    report: Callable[[int, int], None] = lambda done, total: None,
) -> int:
    """Paint ``pages`` (0-based) of ``pdf`` on ``printer``; returns the sheets sent.

    ``check`` raises to stop between pages (the job is then aborted, nothing half-printed
    is left in the queue); ``report(done, total)`` says how far it is.
    """
    document, buffer = load_pdf(pdf)
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    sequence = [page for _copy in range(copies) for page in pages]
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        buffer.close()
        raise UserError(
            "无法开始打印。",
            hint="请检查打印机是否已开机、已连接，并在打印对话框中选对打印机后重试。",
        )
    dpi = min(float(printer.resolution()), float(PRINT_DPI))
    scale = printer.resolution() / POINTS_PER_INCH
    sent = 0
    try:
        for index, page in enumerate(sequence):
            try:
                check()
            except BaseException:
                printer.abort()
                raise
            if index and not printer.newPage():
                raise UserError("打印中途出错，没有全部打完。", hint="请检查打印机后重新打印。")
            points = document.pagePointSize(page)
            target = QRectF(0, 0, points.width() * scale, points.height() * scale)
            painter.drawImage(target, page_image(document, page, dpi))
            sent += 1
            report(sent, len(sequence))
    finally:
        painter.end()
        document.close()
        buffer.close()
    return sent
