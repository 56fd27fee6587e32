"""The preview: a demo record laid out off the GUI thread and shown as it will print, with
its page count; 另存为 PDF/Word under the names a secretary uses; printing the very pages
shown (to a PDF printer, no dialog); 用 Word/WPS 打开 from the data folder's tmp/; a plain
warning for characters no font has."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import io
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from jianshi_desktop.documents.fonts import resolve_fonts
from jianshi_desktop.documents.model import Document, Paragraph
from jianshi_desktop.documents.render_pdf import paginate
from jianshi_desktop.domain import periods
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common.workers import Cancelled, Task
from jianshi_desktop.gui.documents import preview
from jianshi_desktop.gui.documents.preview import PreviewDialog, open_preview
from jianshi_desktop.gui.documents.rendering import PrintJob, Rendering
from jianshi_desktop.services import documents as svc
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.store import Store
from tests.gui.shown import page_text, preview_warning

from .conftest import MessageLog

TODAY = dt.date.today()


@pytest.fixture
def window(gui_app: object, qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch) -> QWidget:
    monkeypatch.setattr(preview, "_printer", None)  # the session's printer: fresh per test
    fill_demo(today=TODAY)
    shown = QWidget()
    qtbot.addWidget(shown)
    shown.resize(800, 600)
    shown.show()
    return shown


@pytest.fixture
def save_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The save dialog answers with the suggested name in ``tmp_path/saved``."""
    asked: list[tuple[str, str]] = []
    folder = tmp_path / "saved"
    folder.mkdir()

    def get_save_file_name(
        parent: QWidget, caption: str, suggested: str, filters: str, **_options: object
    ) -> tuple[str, str]:
        asked.append((caption, suggested))
        return str(folder / Path(suggested).name), filters

    monkeypatch.setattr(preview.QFileDialog, "getSaveFileName", get_save_file_name)
    monkeypatch.setattr(preview, "start_folder", lambda: tmp_path / "documents")
    return asked


def a_meeting() -> svc.RecordRef:
    """The latest 支委会 of the demo (a year of records up to today)."""
    refs = svc.records_in(periods.between(TODAY - dt.timedelta(days=400), TODAY))
    return next(r for r in reversed(refs) if r.record_type == "meeting" and "支委会" in r.line)


def show_preview(
    qtbot: QtBot, parent: QWidget, store: Store, build: Any, stem: str, title: str = "会议记录"
) -> PreviewDialog:
    opened: list[PreviewDialog] = []
    task = open_preview(parent, title, build, stem, store.data.root, on_opened=opened.append)
    assert task is not None
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    dialog = opened[0]
    qtbot.addWidget(dialog)
    return dialog


def minutes_preview(qtbot: QtBot, window: QWidget, store: Store) -> PreviewDialog:
    ref = a_meeting()
    return show_preview(
        qtbot,
        window,
        store,
        lambda: svc.record_document("meeting", ref.id),
        svc.record_file_stem("meeting", ref.id),
    )


def finish(qtbot: QtBot, task: Task[Any] | None, timeout: int = 20_000) -> None:
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=timeout)


def button(dialog: PreviewDialog, name: str) -> QPushButton:
    found = dialog.buttons[name]
    assert found.isVisible() and found.isEnabled(), f"{found.text()} cannot be clicked"
    return found


def test_the_preview_shows_a_minutes_record_with_its_page_count(
    window: QWidget, qtbot: QtBot, store: Store, shown_messages: MessageLog
) -> None:
    ref = a_meeting()
    dialog = minutes_preview(qtbot, window, store)

    pages = paginate(svc.record_document("meeting", ref.id)).pages
    assert dialog.isVisible()
    assert dialog.page_count() == pages == dialog.rendering.pages
    assert page_text(dialog) == f"第 1 页，共 {pages} 页"
    assert dialog.windowTitle() == "预览 — 会议记录"
    assert dialog.rendering.pdf.startswith(b"%PDF")
    assert not dialog.buttons["previousButton"].isEnabled()
    assert dialog.buttons["fitWidthButton"].isChecked()
    assert not shown_messages.shown
    assert not list((store.data.temp).glob("*.pdf")), "no preview file left in tmp/"


def test_page_navigation_and_zoom(window: QWidget, qtbot: QtBot, store: Store) -> None:
    period = periods.year(TODAY.year)
    dialog = show_preview(
        qtbot,
        window,
        store,
        lambda: svc.ledger(period, today=TODAY),
        svc.ledger_stem(period),
        "党建工作台账",
    )
    count = dialog.page_count()
    assert count > 2
    qtbot.mouseClick(button(dialog, "nextButton"), Qt.MouseButton.LeftButton)
    assert dialog.current_page() == 1
    assert page_text(dialog) == f"第 2 页，共 {count} 页"
    dialog.go_to(count - 1)
    assert page_text(dialog) == f"第 {count} 页，共 {count} 页"
    assert not dialog.buttons["nextButton"].isEnabled()

    qtbot.mouseClick(button(dialog, "wholePageButton"), Qt.MouseButton.LeftButton)
    assert dialog.view.zoomMode() is dialog.view.ZoomMode.FitInView
    qtbot.mouseClick(button(dialog, "actualSizeButton"), Qt.MouseButton.LeftButton)
    assert dialog.view.zoomFactor() == 1.0
    assert not dialog.buttons["fitWidthButton"].isChecked()


def test_save_as_pdf_and_word_use_the_secretarys_file_names(
    window: QWidget,
    qtbot: QtBot,
    store: Store,
    save_here: list[tuple[str, str]],
    tmp_path: Path,
) -> None:
    ref = a_meeting()
    stem = svc.record_file_stem("meeting", ref.id)
    assert stem.endswith("会议记录") and "年" in stem and "月" in stem
    dialog = minutes_preview(qtbot, window, store)

    qtbot.mouseClick(button(dialog, "savePdfButton"), Qt.MouseButton.LeftButton)
    caption, suggested = save_here[-1]
    assert caption == "另存为 PDF"
    assert Path(suggested) == tmp_path / "documents" / f"{stem}.pdf"
    saved = tmp_path / "saved" / f"{stem}.pdf"
    assert saved.read_bytes() == dialog.rendering.pdf, "the PDF saved is the one shown"
    assert str(saved) in dialog.status_text()

    qtbot.mouseClick(button(dialog, "saveWordButton"), Qt.MouseButton.LeftButton)
    finish(qtbot, dialog.task)
    caption, suggested = save_here[-1]
    assert caption == "另存为 Word"
    assert Path(suggested).name == f"{stem}.docx"
    word = tmp_path / "saved" / f"{stem}.docx"
    with zipfile.ZipFile(word) as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert "会议记录" in body
    assert str(word) in dialog.status_text()
    assert not [p for p in (tmp_path / "saved").iterdir() if p.suffix not in (".pdf", ".docx")]


def test_a_pdf_the_disk_cannot_take_is_refused_plainly_and_leaves_nothing(
    window: QWidget,
    qtbot: QtBot,
    store: Store,
    save_here: list[tuple[str, str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: MessageLog,
) -> None:
    dialog = minutes_preview(qtbot, window, store)

    def full(_path: Path, _data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    assert dialog.save_pdf() is None
    (message,) = shown_messages.shown
    assert message.title == "PDF 文件没有保存" and "No space left on device" in message.text
    assert "U盘" in message.hint, "says what to do, not that the program failed"
    assert not list((tmp_path / "saved").iterdir()), "no half-written file"


def test_a_file_name_without_its_suffix_gets_it(
    window: QWidget, qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        preview.QFileDialog,
        "getSaveFileName",
        lambda *args, **_options: (str(tmp_path / "九月支委会"), "PDF 文件 (*.pdf)"),
    )
    dialog = minutes_preview(qtbot, window, store)
    assert dialog.save_pdf() == tmp_path / "九月支委会.pdf"
    assert (tmp_path / "九月支委会.pdf").is_file()


def test_printing_sends_the_previewed_pages(
    window: QWidget, qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    dialog = minutes_preview(qtbot, window, store)
    printer = dialog.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))

    finish(qtbot, dialog.print_to(printer))

    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == dialog.page_count()
    box = printed.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2, "A4"
    assert "printed.pdf" in dialog.status_text()
    assert f"共 {dialog.page_count()} 页" in dialog.status_text()


def test_the_print_dialogs_page_range_is_honoured(
    window: QWidget, qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    period = periods.year(TODAY.year)
    dialog = show_preview(
        qtbot,
        window,
        store,
        lambda: svc.ledger(period, today=TODAY),
        svc.ledger_stem(period),
        "党建工作台账",
    )
    asked: list[int] = []

    def choose_pages_2_to_3(parent: QWidget, printer: QPrinter, current: int) -> bool:
        asked.append(printer.toPage())
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "range.pdf"))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 3)
        return True

    monkeypatch.setattr(preview, "ask_print_options", choose_pages_2_to_3)
    qtbot.mouseClick(button(dialog, "printButton"), Qt.MouseButton.LeftButton)
    finish(qtbot, dialog.task)

    assert asked == [dialog.page_count()], "the dialog offers every page of the document"
    assert len(PdfReader(tmp_path / "range.pdf").pages) == 2
    again = dialog.printer()
    assert again.printRange() is QPrinter.PrintRange.AllPages, "the next print starts from 全部"
    assert again.copyCount() == 1


def test_cancelling_between_pages_stops_the_print_job(
    window: QWidget, qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    dialog = minutes_preview(qtbot, window, store)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "cancelled.pdf"))
    checks: list[int] = []

    def check() -> None:
        checks.append(1)
        if len(checks) > 1:
            raise Cancelled

    sent: list[int] = []
    job = PrintJob(dialog.rendering.pdf, printer, [0, 0, 0])
    job.start()

    def produce() -> None:
        with contextlib.suppress(Cancelled):  # passed on to the painting side
            job.produce(check, lambda done, total: sent.append(done))

    drawing = threading.Thread(target=produce)
    drawing.start()
    with pytest.raises(Cancelled):
        job.paint_all()
    job.abort()
    drawing.join()
    # the job is aborted (a PDF file cannot be; a printer queue drops the job)
    assert sent == [1], "nothing after the page being printed when 取消 was pressed"


def test_a_cancelled_print_dialog_prints_nothing(
    window: QWidget, qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(preview, "ask_print_options", lambda *args: False)
    dialog = minutes_preview(qtbot, window, store)
    qtbot.mouseClick(button(dialog, "printButton"), Qt.MouseButton.LeftButton)
    assert dialog.task is None
    assert dialog.status_label.isHidden()


def test_open_in_word_saves_a_kept_copy_in_the_chosen_folder_and_opens_it(
    window: QWidget,
    qtbot: QtBot,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    documents = tmp_path / "文档"
    (documents / "支部台账").mkdir(parents=True)
    monkeypatch.setattr(preview, "default_word_folder", lambda: documents / "支部台账")
    chosen = tmp_path / "U盘"
    chosen.mkdir()
    asked: list[str] = []

    def choose(
        parent: QWidget, caption: str, suggested: str, filters: str, **_options: object
    ) -> tuple[str, str]:
        asked.append(suggested)
        return str(chosen / Path(suggested).name), filters

    monkeypatch.setattr(preview.QFileDialog, "getSaveFileName", choose)
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    ref = a_meeting()
    stem = svc.record_file_stem("meeting", ref.id)
    dialog = minutes_preview(qtbot, window, store)

    qtbot.mouseClick(button(dialog, "openWordButton"), Qt.MouseButton.LeftButton)
    finish(qtbot, dialog.task)
    first = chosen / f"{stem}.docx"
    assert asked == [str(documents / "支部台账" / f"{stem}.docx")], "文档/支部台账 by default"
    assert first.is_file()
    assert [Path(url.toLocalFile()) for url in opened] == [first]
    assert str(first) in dialog.status_text() and "不会删除" in dialog.status_text()

    # the folder is remembered; Word still has the first copy open: the next goes beside it
    qtbot.mouseClick(button(dialog, "openWordButton"), Qt.MouseButton.LeftButton)
    finish(qtbot, dialog.task)
    assert asked[-1] == str(chosen / f"{stem}（2）.docx")
    assert Path(opened[-1].toLocalFile()) == chosen / f"{stem}（2）.docx"
    assert first.is_file(), "the first copy stays"


def test_open_in_word_makes_no_folder_until_the_secretary_has_chosen(
    window: QWidget,
    qtbot: QtBot,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    documents = tmp_path / "文档"
    documents.mkdir()
    default = documents / "支部台账"
    monkeypatch.setattr(preview, "default_word_folder", lambda: default)
    answers: list[str] = ["", str(default / "会议记录.docx")]  # 取消, then 保存 into 支部台账
    asked: list[str] = []

    def choose(
        parent: QWidget, caption: str, suggested: str, filters: str, **_options: object
    ) -> tuple[str, str]:
        asked.append(suggested)
        return answers.pop(0), filters

    monkeypatch.setattr(preview.QFileDialog, "getSaveFileName", choose)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    dialog = minutes_preview(qtbot, window, store)
    stem = dialog.stem

    qtbot.mouseClick(button(dialog, "openWordButton"), Qt.MouseButton.LeftButton)
    assert dialog.task is None
    assert asked == [str(documents / f"{stem}.docx")], "the dialog opens in 文档, which exists"
    assert list(documents.iterdir()) == [], "取消: no folder was made"

    qtbot.mouseClick(button(dialog, "openWordButton"), Qt.MouseButton.LeftButton)
    finish(qtbot, dialog.task)
    assert (default / "会议记录.docx").is_file(), "the folder is made once it was chosen"


def test_no_program_for_word_files_says_where_the_file_is(
    window: QWidget,
    qtbot: QtBot,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: MessageLog,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(
        preview.QFileDialog,
        "getSaveFileName",
        lambda parent, caption, suggested, filters, **_options: (
            str(tmp_path / Path(suggested).name),
            "",
        ),
    )
    tried: list[QUrl] = []

    def nothing_opens(url: QUrl) -> bool:
        tried.append(url)
        return False

    monkeypatch.setattr(QDesktopServices, "openUrl", nothing_opens)
    dialog = minutes_preview(qtbot, window, store)
    qtbot.mouseClick(button(dialog, "openWordButton"), Qt.MouseButton.LeftButton)
    finish(qtbot, dialog.task)
    (message,) = shown_messages.shown
    saved = Path(tried[0].toLocalFile())
    assert saved.is_file() and saved.parent == tmp_path
    assert "没有程序打开它" in message.text and str(saved) in message.text
    assert message.yes_text == "打开文件夹"
    assert "没有程序打开" in dialog.status_text()


def test_characters_no_font_has_are_named_in_a_plain_warning(
    window: QWidget, qtbot: QtBot, store: Store
) -> None:
    rare = "\U000f0001"  # a private-use character: no font has it
    document = Document(title="缺字测试", blocks=[Paragraph(f"这里有一个字{rare}。")])
    dialog = show_preview(qtbot, window, store, lambda: document, "缺字测试", "缺字测试")
    assert dialog.rendering.missing == rare
    assert f"“{rare}”" in preview_warning(dialog)
    assert "字体里没有" in preview_warning(dialog)


def test_without_missing_characters_there_is_no_warning(
    window: QWidget, qtbot: QtBot, store: Store
) -> None:
    document = Document(title="普通文书", blocks=[Paragraph("支部按时召开支委会。")])
    dialog = show_preview(qtbot, window, store, lambda: document, "普通文书", "普通文书")
    text = preview_warning(dialog)
    assert "空白" not in text  # no character is missing
    # a face standing in for an official font is said, as the command line says it
    if resolve_fonts().notice(["title", "body"]):
        assert text.startswith(("这台电脑没有安装公文字体", "这台电脑缺少部分公文字体"))
        assert "代替" in text
    else:
        assert text == ""


def test_a_failure_while_building_is_shown_plainly_and_opens_nothing(
    window: QWidget, qtbot: QtBot, store: Store, shown_messages: MessageLog
) -> None:
    opened: list[PreviewDialog] = []

    def build() -> Document:
        raise UserError("这份记录已被删除。", hint="请刷新列表后重试。")

    task = open_preview(window, "会议记录", build, "x", store.data.root, on_opened=opened.append)
    finish(qtbot, task)
    assert not opened
    (message,) = shown_messages.shown
    assert message.title == "无法生成文书"
    assert message.text == "这份记录已被删除。"


def test_cancel_while_laying_out_opens_nothing(
    window: QWidget, qtbot: QtBot, store: Store, shown_messages: MessageLog
) -> None:
    started, release = threading.Event(), threading.Event()

    def build() -> Document:
        started.set()
        release.wait(5)
        return Document(title="台账", blocks=[Paragraph("内容")])

    opened: list[PreviewDialog] = []
    task = open_preview(window, "台账", build, "台账", store.data.root, on_opened=opened.append)
    assert task is not None and started.wait(5)
    task.cancel()
    release.set()
    finish(qtbot, task)
    assert task.cancelled and not opened and not shown_messages.shown


def test_one_layout_at_a_time(window: QWidget, qtbot: QtBot, store: Store) -> None:
    period = periods.year(TODAY.year)
    results: list[PreviewDialog] = []
    first = open_preview(
        window,
        "党建工作台账",
        lambda: svc.ledger(period, today=TODAY),
        svc.ledger_stem(period),
        store.data.root,
        on_opened=results.append,
    )
    second = open_preview(window, "会议记录", lambda: Document(title="x"), "x", store.data.root)
    assert first is not None and second is None
    finish(qtbot, first)
    qtbot.waitUntil(lambda: bool(results))
    qtbot.addWidget(results[0])


def test_rendering_keeps_the_contents_page_numbers_for_word(
    window: QWidget, qtbot: QtBot, store: Store
) -> None:
    period = periods.year(TODAY.year)
    dialog = show_preview(
        qtbot,
        window,
        store,
        lambda: svc.ledger(period, today=TODAY),
        svc.ledger_stem(period),
        "党建工作台账",
    )
    rendering: Rendering = dialog.rendering
    assert rendering.anchors, "the ledger's contents entries and their pages"
    assert max(rendering.anchors.values()) <= rendering.pages
    assert len(PdfReader(io.BytesIO(rendering.pdf)).pages) == rendering.pages
