"""预览: the pages as they will print, and 打印…, 另存为 PDF…, 另存为 Word…, 用 Word/WPS 打开.

Call :func:`open_preview` from anywhere::

    open_preview(self, "会议记录", lambda: record_document("meeting", 7),
                 record_file_stem("meeting", 7), data_root)

The document is built and laid out on a worker thread (a progress window appears only if it
takes long, e.g. a year's 台账); then :class:`PreviewDialog` shows the PDF with QtPdf. The
same PDF bytes are what 打印 sends to the printer (drawn at 600 dpi on a worker a page at a
time, painted on the GUI thread: :class:`~.rendering.PrintJob`) and what 另存为 PDF saves, so
the preview is what prints. Word files are written from the same document model.

A finished record, from wherever it is listed: :func:`open_record` (预览, 打印…, 保存为
PDF/Word), and :func:`record_notice_actions` for the steps offered after 完成.

用 Word/WPS 打开 saves the .docx in a folder the secretary chooses (文档/支部台账 by
default once it exists, else 文档; the last choice remembered in the settings), says where,
and never deletes it; when no program opens it, it says so and offers to open the folder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QPointF, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.documents.files import atomic_output
from jianshi_desktop.documents.model import Document
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.forms import child, load_form
from jianshi_desktop.gui.common.in_front import open_in_front
from jianshi_desktop.gui.common.widgets import make_primary, open_in_system, set_role
from jianshi_desktop.gui.common.workers import Cancelled, Progress, Task, run_in_background
from jianshi_desktop.gui.documents.rendering import (
    PrintJob,
    Rendering,
    load_pdf,
    missing_text,
    pages_to_print,
    prepare_printer,
    render,
)
from jianshi_desktop.paths import DataDir

if TYPE_CHECKING:
    from jianshi_desktop.gui.records.list_page import NoticeAction
    from jianshi_desktop.services.documents import RecordType

log = logging.getLogger(__name__)

PDF_FILTER = "PDF 文件 (*.pdf)"
WORD_FILTER = "Word 文件 (*.docx)"
WORD_FOLDER_KEY = "documents.word_folder"  # where 用 Word/WPS 打开 saved last (settings)
WORD_FOLDER_NAME = "支部台账"  # the default: 文档/支部台账
OPENED_NOTE = "这份文件会一直留在那里，程序不会删除它；在 Word/WPS 里改好后直接保存即可。"

_rendering: Task[Rendering] | None = None  # one layout at a time
_printer: QPrinter | None = None  # the printer chosen last, kept for the session
_last_folder: Path | None = None  # where the last file was saved


# --- places and outside programs (tests replace these) ----------------------------------


def start_folder() -> Path:
    """Where the save dialogs open: the folder saved to last, else 文档."""
    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def ask_save_path(parent: QWidget, caption: str, suggested: Path, filter_: str) -> Path | None:
    """The save dialog (it asks itself before replacing a file); the suffix added if left out."""
    name, _chosen = QFileDialog.getSaveFileName(
        parent, caption, str(suggested), filter_, options=QFileDialog.Option.HideNameFilterDetails
    )
    if not name:
        return None
    path = Path(name)
    suffix = suggested.suffix
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def ask_print_options(parent: QWidget, printer: QPrinter, current_page: int) -> bool:
    """The print dialog: printer, copies, all pages / the current page / a range."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
    dialog.setMinMax(1, max(printer.toPage(), 1))
    return dialog.exec() == QDialog.DialogCode.Accepted


def default_word_folder() -> Path:
    """文档/支部台账 (it may not exist yet)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    base = Path(documents) if documents else Path.home()
    return base / WORD_FOLDER_NAME


def word_folder() -> Path:
    """Where 用 Word/WPS 打开 suggests saving: the folder chosen last, else 文档/支部台账
    once it exists, else 文档 (a save dialog opens only in a folder that exists; nothing is
    created before the secretary has chosen)."""
    from jianshi_desktop.services.settings import read_value

    kept = read_value(WORD_FOLDER_KEY)
    if isinstance(kept, str) and kept and Path(kept).is_dir():
        return Path(kept)
    folder = default_word_folder()
    if folder.is_dir():
        return folder
    return folder.parent if folder.parent.is_dir() else Path.home()


def remember_word_folder(folder: Path) -> None:
    from jianshi_desktop.services.audit import user_action
    from jianshi_desktop.services.settings import read_value, write_value

    if read_value(WORD_FOLDER_KEY) == str(folder):
        return
    with user_action("change_setting", entity="setting") as audit:
        write_value(WORD_FOLDER_KEY, str(folder))
        audit.summary = f"用 Word/WPS 打开的文件保存到“{folder}”"


def not_written(path: Path, exc: OSError) -> UserError:
    """What the secretary reads when a file or folder could not be written."""
    return UserError(
        f"无法写入“{path}”（{exc.strerror or exc}）。",
        hint="请确认U盘没有拔出、还有空间、没有写保护，或换一个文件夹。",
    )


def unused_path(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem.suffix``, or ``stem（2）.suffix`` … when Word still holds the first."""
    path = folder / f"{stem}{suffix}"
    number = 2
    while path.exists():
        path = folder / f"{stem}（{number}）{suffix}"
        number += 1
    return path


# --- opening a preview ----------------------------------------------------------------------


def preview_busy() -> bool:
    return _rendering is not None and _rendering.running


def open_preview(
    parent: QWidget,
    title: str,
    build: Callable[[], Document],
    stem: str,
    data_root: Path,
    *,
    on_opened: Callable[[PreviewDialog], None] | None = None,
) -> Task[Rendering] | None:
    """Build the document with ``build()`` and lay it out off the GUI thread, then show it
    in a :class:`PreviewDialog` titled ``title`` whose files are named ``stem`` (.pdf/.docx).

    ``build`` may use the services (the database is open on the worker thread too) but not
    widgets. A failure is shown as a message; 取消 in the progress window stops before the
    layout. Returns the task, or None while another preview is still being laid out.
    """
    global _rendering
    if preview_busy():
        log.info("Preview %r refused: another document is being laid out", title)
        return None
    scratch = DataDir(data_root).temp

    def work(progress: Progress) -> Rendering:
        progress.update(f"正在整理“{title}”的内容……")
        document = build()
        progress.check()
        progress.update(f"正在排版“{title}”，请稍候……")
        rendering = render(document, scratch)
        progress.check()  # 取消 pressed while the pages were laid out: show nothing
        return rendering

    def show(rendering: Rendering) -> None:
        dialog = PreviewDialog(
            parent, title=title, rendering=rendering, stem=stem, data_root=data_root
        )
        open_in_front(dialog)
        if on_opened is not None:
            on_opened(dialog)

    _rendering = run_in_background(
        parent,
        work,
        on_success=show,
        title="生成文书",
        text=f"正在生成“{title}”，请稍候……",
        failure_title="无法生成文书",
        can_cancel=True,
    )
    return _rendering


# --- a record, from wherever it is listed --------------------------------------------------

# What to do once the record is shown: nothing more, open the print dialog, or a save dialog.
RecordStep = Literal["show", "print", "pdf", "word"]


BUSY_TEXT = "上一份文书还在生成，请稍候。"


@dataclass
class EditorButtons:
    """The row under a drafted text the user edits (the 通报, a 推荐材料): 保存,
    按…重新起草, 预览并打印…, 导出PDF…, 导出Word… and, at the right, 关闭."""

    row: QHBoxLayout
    save: QPushButton
    redraft: QPushButton
    preview: QPushButton
    pdf: QPushButton
    word: QPushButton


def editor_buttons(
    dialog: QDialog,
    redraft_text: str,
    *,
    save: Callable[[], object],
    redraft: Callable[[], object],
    open_document: Callable[[RecordStep], object],
) -> EditorButtons:
    """The row, wired: 关闭 accepts the dialog (which saves what is typed)."""
    row = QHBoxLayout()
    buttons = EditorButtons(
        row,
        QPushButton("保存", dialog),
        QPushButton(redraft_text, dialog),
        QPushButton("预览并打印…", dialog),
        QPushButton("导出PDF…", dialog),
        QPushButton("导出Word…", dialog),
    )
    for button in (buttons.save, buttons.redraft, buttons.preview, buttons.pdf, buttons.word):
        row.addWidget(button)
    row.addStretch(1)
    close = QPushButton("关闭", dialog)
    row.addWidget(close)
    make_primary(buttons.save)
    buttons.save.clicked.connect(lambda: save())
    buttons.redraft.clicked.connect(lambda: redraft())
    buttons.preview.clicked.connect(lambda: open_document("show"))
    buttons.pdf.clicked.connect(lambda: open_document("pdf"))
    buttons.word.clicked.connect(lambda: open_document("word"))
    close.clicked.connect(dialog.accept)
    return buttons


def open_document(
    parent: QWidget,
    title: str,
    build: Callable[[], Document],
    stem: str,
    data_root: Path,
    *,
    then: RecordStep = "show",
    on_opened: Callable[[PreviewDialog], None] | None = None,
) -> Task[Rendering] | None:
    """:func:`open_preview`, then what was asked: ``then`` "print" opens the print dialog
    over the preview, "pdf"/"word" the save dialog (the preview stays, for a look at what
    was saved). Another document still being laid out is said, never nothing done."""

    def opened(dialog: PreviewDialog) -> None:
        if on_opened is not None:
            on_opened(dialog)
        if then == "print":
            dialog.print_document()
        elif then == "pdf":
            dialog.save_pdf()
        elif then == "word":
            dialog.save_word()

    task = open_preview(parent, title, build, stem, data_root, on_opened=opened)
    if task is None:
        messages.information(parent, BUSY_TEXT, title="预览")
    return task


def open_record(
    parent: QWidget,
    record_type: RecordType,
    record_id: int,
    *,
    data_root: Path,
    then: RecordStep = "show",
    on_opened: Callable[[PreviewDialog], None] | None = None,
) -> Task[Rendering] | None:
    """A finished record in the preview, then ``then`` (:func:`open_document`)."""
    from jianshi_desktop.services import documents as svc
    from jianshi_desktop.services.record_kinds import kind_of

    return open_document(
        parent,
        kind_of(record_type).document_name,
        lambda: svc.record_document(record_type, record_id),
        svc.record_file_stem(record_type, record_id),
        data_root,
        then=then,
        on_opened=on_opened,
    )


def record_notice_actions(
    parent: QWidget,
    record_type: RecordType,
    record_id: int,
    data_root: Path,
) -> list[NoticeAction]:
    """The next steps offered once a record is finished: 预览并打印, 保存为 PDF/Word — the
    notice stays after them (归档 may follow)."""
    from jianshi_desktop.gui.records.list_page import NoticeAction

    def step(label: str, then: RecordStep) -> NoticeAction:
        return NoticeAction(
            label,
            lambda: open_record(parent, record_type, record_id, then=then, data_root=data_root),
            keep_open=True,
        )

    return [step("预览并打印", "show"), step("保存为 PDF", "pdf"), step("保存为 Word", "word")]


# --- the dialog --------------------------------------------------------------------------


class PreviewDialog(QDialog):
    """The rendered pages with page navigation and zoom, and what to do with them."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        rendering: Rendering,
        stem: str,
        data_root: Path,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"预览 — {title}")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.title = title
        self.rendering = rendering
        self.stem = stem
        self.data = DataDir(data_root)
        self.task: Task[object] | None = None
        self.ui = load_form("preview_dialog", self)

        self.buttons = {
            name: child(self.ui, QPushButton, name)
            for name in (
                "printButton",
                "savePdfButton",
                "saveWordButton",
                "openWordButton",
                "closeButton",
                "previousButton",
                "nextButton",
                "fitWidthButton",
                "wholePageButton",
                "actualSizeButton",
            )
        }
        for button in self.buttons.values():
            button.setAutoDefault(False)
        make_primary(self.buttons["printButton"])
        self.page_label = child(self.ui, QLabel, "pageLabel")
        self.warning_label = child(self.ui, QLabel, "warningLabel")
        self.status_label = child(self.ui, QLabel, "statusLabel")
        set_role(self.status_label, "hint")
        self.status_label.hide()

        self.pdf, _buffer = load_pdf(rendering.pdf)  # the document owns the buffer
        self.pdf.setParent(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setPageSpacing(12)
        self.view.setAccessibleName("页面预览")
        frame = child(self.ui, QFrame, "viewFrame")
        layout = frame.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(self.view)

        self.zoom_group = QButtonGroup(self)
        self.zoom_group.setExclusive(True)
        for name in ("fitWidthButton", "wholePageButton", "actualSizeButton"):
            self.zoom_group.addButton(self.buttons[name])
        self.buttons["fitWidthButton"].clicked.connect(self.fit_width)
        self.buttons["wholePageButton"].clicked.connect(self.whole_page)
        self.buttons["actualSizeButton"].clicked.connect(self.actual_size)
        self.buttons["previousButton"].clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.buttons["nextButton"].clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.view.pageNavigator().currentPageChanged.connect(lambda _page: self._show_page())
        self.buttons["printButton"].clicked.connect(self.print_document)
        self.buttons["savePdfButton"].clicked.connect(self.save_pdf)
        self.buttons["saveWordButton"].clicked.connect(self.save_word)
        self.buttons["openWordButton"].clicked.connect(self.open_in_word)
        self.buttons["closeButton"].clicked.connect(self.close)

        if rendering.missing:
            self.warning_label.setText(f"！{missing_text(rendering.missing)}")
            set_role(self.warning_label, "warning-item")
        elif rendering.font_notice:  # a substitute face: the page looks different
            self.warning_label.setText(rendering.font_notice)
            set_role(self.warning_label, "hint")
        else:
            self.warning_label.hide()
        self.fit_width()
        self._show_page()
        self._size_to_screen()

    def _size_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1100, 700)
            return
        available = screen.availableGeometry()
        self.resize(min(1180, available.width() - 40), available.height() - 40)

    # --- what is shown -------------------------------------------------------------------

    def page_count(self) -> int:
        return self.pdf.pageCount()

    def current_page(self) -> int:
        """0-based."""
        return self.view.pageNavigator().currentPage()

    def status_text(self) -> str:
        return self.status_label.text()

    def _show_page(self) -> None:
        count = self.page_count()
        page = self.current_page()
        self.page_label.setText(f"第 {page + 1} 页，共 {count} 页")
        self.buttons["previousButton"].setEnabled(page > 0)
        self.buttons["nextButton"].setEnabled(page < count - 1)

    def go_to(self, page: int) -> None:
        """Scroll to ``page`` (0-based)."""
        page = max(0, min(page, self.page_count() - 1))
        navigator = self.view.pageNavigator()
        navigator.jump(page, QPointF(), navigator.currentZoom())
        self._show_page()

    def fit_width(self) -> None:
        self.buttons["fitWidthButton"].setChecked(True)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def whole_page(self) -> None:
        self.buttons["wholePageButton"].setChecked(True)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    def actual_size(self) -> None:
        """1:1 — QtPdf sizes a page by the screen's resolution, so this is the paper's size."""
        self.buttons["actualSizeButton"].setChecked(True)
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(1.0)

    def say(self, text: str, *, done: bool = True) -> None:
        self.status_label.setText(text)
        set_role(self.status_label, "ok" if done else "hint")
        self.status_label.show()

    # --- busy: one action at a time, and the window stays while it runs --------------------

    def busy(self) -> bool:
        return self.task is not None and self.task.running

    def _set_busy(self, busy: bool) -> None:
        for name in ("printButton", "savePdfButton", "saveWordButton", "openWordButton"):
            self.buttons[name].setEnabled(not busy)
        self.buttons["closeButton"].setEnabled(not busy)

    def _run(
        self,
        work: Callable[[Progress], object],
        *,
        done: Callable[[object], None],
        title: str,
        text: str,
        failure_title: str,
        can_cancel: bool = False,
        cancelled: Callable[[], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> Task[object]:
        self._set_busy(True)

        def succeeded(value: object) -> None:
            self._set_busy(False)
            done(value)

        def went_wrong(exc: BaseException) -> None:
            self._set_busy(False)
            if failed is not None:
                failed(exc)
            else:
                messages.show_error(self, exc, title=failure_title)

        def stopped() -> None:
            self._set_busy(False)
            if cancelled is not None:
                cancelled()

        self.task = run_in_background(
            self,
            work,
            on_success=succeeded,
            on_failure=went_wrong,
            on_cancelled=stopped,
            title=title,
            text=text,
            failure_title=failure_title,
            can_cancel=can_cancel,
        )
        return self.task

    def reject(self) -> None:
        if self.busy():
            return  # Esc while printing or writing: the window stays until the work ends
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy():
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # no button of this window should fire on Enter
        super().keyPressEvent(event)

    # --- 打印 --------------------------------------------------------------------------

    def printer(self) -> QPrinter:
        """The printer of this session (the choice of the last print is kept)."""
        global _printer
        if _printer is None:
            _printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            _printer.setDocName(self.stem)
        prepare_printer(_printer, self.pdf.pagePointSize(0), self.page_count())
        _printer.setDocName(self.stem)
        return _printer

    def print_document(self) -> Task[object] | None:
        """打印…: the print dialog, then the chosen pages to the chosen printer."""
        if self.busy():
            return None
        printer = self.printer()
        if not ask_print_options(self, printer, self.current_page()):
            return None
        return self.print_to(
            printer, pages_to_print(printer, self.page_count(), self.current_page())
        )

    def print_to(self, printer: QPrinter, pages: list[int] | None = None) -> Task[object] | None:
        """Send ``pages`` (0-based; all by default) to ``printer`` off the GUI thread."""
        if self.busy():
            return None
        chosen = list(range(self.page_count())) if pages is None else pages
        if not chosen:
            messages.warning(
                self,
                f"选的页码不在 1 到 {self.page_count()} 之间，没有打印。",
                title="没有打印",
                hint="请重新点“打印…”，选“全部”或改正页码范围。",
            )
            return None
        where = printer.printerName() or printer.outputFileName() or "打印机"
        job = PrintJob(self.rendering.pdf, printer, chosen)
        try:
            job.start()
        except UserError as exc:
            messages.show_error(self, exc, title="没有打印")
            return None
        # The pages are drawn on a worker; this thread (the printer's) paints each page as
        # it arrives, a strip at a time between the window's own events.
        painting = QTimer(self)
        painting.setObjectName("printPainting")
        painting.setInterval(30)  # and at most 15 ms of painting a tick: the window stays live
        problem: list[BaseException] = []

        def paint() -> None:
            try:
                job.paint_waiting(budget_s=0.015)
            except (UserError, Cancelled) as exc:  # the printer refused a page, or 取消
                painting.stop()
                problem.append(exc)
                job.abort()  # the worker stops before its next page

        painting.timeout.connect(paint)
        painting.start()

        def work(progress: Progress) -> object:
            return job.produce(
                progress.check,
                lambda done, total: progress.update(
                    f"正在打印第 {done} 页，共 {total} 页……", done=done, total=total
                ),
            )

        def stop_painting() -> None:
            painting.stop()
            painting.deleteLater()  # one timer a print: gone with its job

        def done(_sheets: object) -> None:
            stop_painting()
            try:
                sent = job.finish()
            except UserError as exc:  # the printer refused the last pages
                job.abort()
                messages.show_error(self, exc, title="没有打印完")
                return
            self.say(f"已送往“{where}”打印，共 {sent} 页。")

        def failed(exc: BaseException) -> None:
            stop_painting()
            job.abort()
            messages.show_error(self, problem[0] if problem else exc, title="没有打印完")

        def cancelled() -> None:
            stop_painting()
            job.abort()
            self.say("已取消打印。", done=False)

        return self._run(
            work,
            done=done,
            failed=failed,
            title="打印",
            text="正在把页面送往打印机，请稍候……",
            failure_title="没有打印完",
            can_cancel=True,
            cancelled=cancelled,
        )

    # --- files -------------------------------------------------------------------------

    def suggested(self, suffix: str) -> Path:
        return start_folder() / f"{self.stem}{suffix}"

    def save_pdf(self) -> Path | None:
        """另存为 PDF…: the very PDF shown here."""
        global _last_folder
        if self.busy():
            return None
        path = ask_save_path(self, "另存为 PDF", self.suggested(".pdf"), PDF_FILTER)
        if path is None:
            return None
        try:
            with atomic_output(path) as temp:
                temp.write_bytes(self.rendering.pdf)
        except UserError as exc:
            messages.show_error(self, exc, title="PDF 文件没有保存")
            return None
        except OSError as exc:  # the disk filled up or the USB stick was pulled out
            messages.show_error(self, not_written(path, exc), title="PDF 文件没有保存")
            return None
        _last_folder = path.parent
        self.say(f"已保存为“{path}”。")
        return path

    def save_word(self) -> Task[object] | None:
        """另存为 Word…: a .docx of the same document (Word and WPS open it)."""
        global _last_folder
        if self.busy():
            return None
        path = ask_save_path(self, "另存为 Word", self.suggested(".docx"), WORD_FILTER)
        if path is None:
            return None
        _last_folder = path.parent
        return self._write_word(
            path, done=lambda written: self.say(f"已保存为“{written}”。"), title="Word 文件没有保存"
        )

    def open_in_word(self) -> Task[object] | None:
        """用 Word/WPS 打开: a .docx saved where the secretary chooses (文档/支部台账 unless
        another folder was chosen before), then opened by the system. Never deleted."""
        if self.busy():
            return None
        folder = word_folder()
        suggested = unused_path(folder, self.stem, ".docx")  # Word may still hold the last
        path = ask_save_path(self, "保存 Word 文件并打开", suggested, WORD_FILTER)
        if path is None:
            return None  # 取消: nothing written, no folder made
        try:
            path.parent.mkdir(parents=True, exist_ok=True)  # a new folder typed in the dialog
        except OSError as exc:
            messages.show_error(self, not_written(path.parent, exc), title="无法用 Word/WPS 打开")
            return None
        remember_word_folder(path.parent)

        def written(value: object) -> None:
            saved = Path(str(value))
            if open_in_system(saved):
                self.say(f"已保存为“{saved}”，并用 Word/WPS 打开。{OPENED_NOTE}")
                return
            log.warning("No program opened %s", saved)
            self.say(f"已保存为“{saved}”，但没有程序打开它。")
            if messages.ask(
                self,
                f"Word 文件已保存为“{saved}”，但这台电脑上没有程序打开它（没有找到 Word 或 WPS）。",
                title="没有打开",
                hint="可以打开这个文件夹，把文件拷到装有 Word 或 WPS 的电脑上打开。",
                yes_text="打开文件夹",
                no_text="关闭",
            ):
                open_in_system(saved.parent)

        return self._write_word(path, done=written, title="无法用 Word/WPS 打开")

    def _write_word(
        self, path: Path, *, done: Callable[[object], None], title: str
    ) -> Task[object]:
        from jianshi_desktop.documents.render_docx import render_docx

        document = self.rendering.document
        anchors = dict(self.rendering.anchors)

        def work(progress: Progress) -> object:
            progress.update("正在生成 Word 文件……")
            # the pages of the contents as the PDF has them: no second layout
            return render_docx(document, path, page_numbers=anchors or None)

        return self._run(
            work,
            done=done,
            title="生成 Word 文件",
            text="正在生成 Word 文件，请稍候……",
            failure_title=title,
        )
