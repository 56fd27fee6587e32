"""Printing from where the record is: pages sent at the printer's resolution (at least
600 dpi), drawn one page image at a time off the GUI thread and painted on the GUI thread;
output files readable like any other file (0644)."""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
import threading
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QImage, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget, QWizard
from pytestqt.qtbot import QtBot

from jianshi_desktop.documents.files import atomic_output
from jianshi_desktop.documents.model import Document, Paragraph
from jianshi_desktop.documents.render_pdf import paginate
from jianshi_desktop.domain import periods
from jianshi_desktop.domain.enums import MeetingKind, RecordState
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.documents import preview, rendering
from jianshi_desktop.gui.documents.page import DocumentsPage
from jianshi_desktop.gui.documents.preview import PreviewDialog
from jianshi_desktop.gui.documents.rendering import (
    PAGES_IN_FLIGHT,
    PRINT_DPI,
    PrintJob,
    load_pdf,
    page_image,
    render,
)
from jianshi_desktop.gui.heart_talks.page import HeartTalksPage
from jianshi_desktop.gui.meetings.page import MeetingsPage
from jianshi_desktop.gui.meetings.wizard import (
    MeetingWizard,
    new_meeting_wizard,
    open_meeting_wizard,
)
from jianshi_desktop.gui.records.list_page import RecordListPage
from jianshi_desktop.gui.records.wizard import AUTOSAVE_MS, Mode
from jianshi_desktop.gui.theme_days.page import ThemeDaysPage
from jianshi_desktop.services import documents as svc
from jianshi_desktop.services import heart_talks, meetings
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.services.store import Store
from tests.document_samples import sample_ledger
from tests.gui import records_helpers as rh
from tests.gui.shown import shown_records

from . import meeting_steps as steps
from .conftest import MessageLog

MAIN = threading.main_thread()
TODAY = dt.date.today()


def long_document(paragraphs: int = 10) -> Document:
    text = "支部书记传达了上级党委关于加强农村学校党建工作的通知精神，全体党员认真学习讨论。" * 8
    return Document("长文书", [Paragraph(text) for _ in range(paragraphs)], layout="table_form")


@pytest.fixture
def laid_out(gui_app: object, tmp_path: Path) -> rendering.Rendering:
    return render(long_document(), tmp_path / "scratch")


def pdf_printer(path: Path, dpi: int) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(dpi)
    return printer


def image_dpi(reader: PdfReader) -> list[float]:
    """Each page's widest image, in pixels per inch of the page's width."""
    found = []
    for page in reader.pages:
        width_in = float(page.mediabox.width) / 72
        widths = [image.image.width for image in page.images if image.image is not None]
        found.append(max(widths) / width_in if widths else 0.0)
    return found


def on_paper(image: QImage) -> QImage:
    """``image`` on white paper (QtPdf leaves what is not drawn transparent)."""
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    return paper


def looks_printed(path: Path) -> bool:
    """Every page mostly white paper (not black), with dark text on the pages."""
    document, buffer = load_pdf(path.read_bytes())
    darkest = 255
    try:
        for page in range(document.pageCount()):
            image = on_paper(document.render(page, QSize(240, 340)))
            levels = [
                QColor(image.pixel(x, y)).lightness()
                for y in range(image.height())
                for x in range(image.width())
            ]
            if sum(level > 200 for level in levels) / len(levels) < 0.7:
                return False
            darkest = min(darkest, *levels)
        return darkest < 128
    finally:
        document.close()
        buffer.close()


# --- the pages, at the printer's resolution ----------------------------------------------


def print_in_preview(
    qtbot: QtBot, data_root: Path, laid: rendering.Rendering, printer: QPrinter, pages: Any = None
) -> str:
    """What 打印 does once the print dialog is closed: the preview sends ``pages``; what it
    says when done."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    dialog = PreviewDialog(parent, title="文书", rendering=laid, stem="文书", data_root=data_root)
    dialog.open()  # deleted with its parent
    task = dialog.print_to(printer, pages)
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=120_000)
    return dialog.status_text()


def test_a_multi_page_document_prints_every_page_at_600_dpi_or_finer(
    laid_out: rendering.Rendering, qtbot: QtBot, tmp_path: Path
) -> None:
    assert laid_out.pages >= 5
    printer = pdf_printer(tmp_path / "printed.pdf", 600)

    said = print_in_preview(qtbot, tmp_path, laid_out, printer)

    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == laid_out.pages
    assert f"共 {laid_out.pages} 页" in said
    assert looks_printed(tmp_path / "printed.pdf"), "black text on white paper"
    assert all(dpi >= PRINT_DPI - 1 for dpi in image_dpi(printed)), image_dpi(printed)


def test_a_coarse_printer_still_gets_600_dpi_pages(
    laid_out: rendering.Rendering, qtbot: QtBot, tmp_path: Path
) -> None:
    printer = pdf_printer(tmp_path / "coarse.pdf", 300)
    print_in_preview(qtbot, tmp_path, laid_out, printer, [0, 1])
    printed = PdfReader(tmp_path / "coarse.pdf")
    assert len(printed.pages) == 2
    assert min(image_dpi(printed)) >= PRINT_DPI - 1


def test_a_page_is_drawn_whole_on_white_paper_in_one_page_image_of_140_mb(
    laid_out: rendering.Rendering,
) -> None:
    """What printing holds in memory: one A4 page at 600 dpi, 4 bytes a pixel."""
    document, buffer = load_pdf(laid_out.pdf)
    try:
        image = page_image(document, 0, 600)
        whole = rendering.page_pixels(document, 0, 600)
        assert image.size() == whole
        assert image.format() is QImage.Format.Format_RGB32, "opaque: no mask sent"
        assert image.sizeInBytes() == whole.width() * whole.height() * 4
        assert 135e6 < image.sizeInBytes() < 145e6  # the figure docs/documents.md gives
        assert QColor(image.pixel(5, 5)) == QColor("white"), "white paper, not black"
        assert image == on_paper(document.render(0, whole)), "the page as QtPdf draws it"
    finally:
        document.close()
        buffer.close()


def test_pages_are_drawn_one_at_a_time_never_ahead_of_the_printer(
    laid_out: rendering.Rendering, tmp_path: Path
) -> None:
    """A counting fake stands for QtPdf: it records how many page images exist (drawn but
    not yet painted on the printer) each time it draws one, and on which thread."""
    printer = pdf_printer(tmp_path / "counted.pdf", 600)
    drawn: list[int] = []
    alive: list[int] = []
    threads: set[threading.Thread] = set()
    job: PrintJob | None = None

    def fake_page(document: object, page: int, dpi: float) -> QImage:
        assert job is not None
        threads.add(threading.current_thread())
        drawn.append(page)
        alive.append(len(drawn) - sum(strips) // 40)  # 40 rows a page: pages painted
        image = QImage(60, 40, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        return image

    pages = list(range(laid_out.pages)) * 4  # a long job: 4 × the document
    job = PrintJob(laid_out.pdf, printer, pages, draw=fake_page, strip_bytes=60 * 4 * 16)
    job.start()
    strips: list[int] = []  # the rows of each strip the printer's side paints
    painter = job._painter
    draw_image = painter.drawImage

    def paint(target: object, image: QImage) -> None:
        strips.append(image.height())
        draw_image(target, image)

    painter.drawImage = paint  # type: ignore[method-assign]
    drawing = threading.Thread(target=job.produce)
    drawing.start()
    job.paint_all()
    drawing.join()
    assert job.finish() == len(pages)

    assert drawn == pages, "page by page, in order"
    assert max(alive) == PAGES_IN_FLIGHT == 1, "the next page waits until the last is painted"
    assert len(strips) == 3 * len(pages), "each page painted in strips (40 rows, 16 a strip)"
    assert MAIN not in threads, "pages are drawn off the GUI thread"
    assert len(PdfReader(tmp_path / "counted.pdf").pages) == len(pages)


def test_the_preview_prints_a_long_ledger_at_600_dpi_painting_on_the_gui_thread(
    gui_app: object,
    qtbot: QtBot,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(preview, "_printer", None)
    document = sample_ledger(records=5)
    laid = render(document, tmp_path / "scratch")
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    dialog = PreviewDialog(
        parent, title="台账", rendering=laid, stem="台账", data_root=store.data.root
    )
    dialog.open()  # deleted with its parent

    painted_on: set[threading.Thread] = set()
    real_step = PrintJob._step

    def step(job: PrintJob, *, block: bool) -> bool:
        painted_on.add(threading.current_thread())
        return real_step(job, block=block)

    monkeypatch.setattr(PrintJob, "_step", step)
    printer = pdf_printer(tmp_path / "ledger.pdf", 600)
    task = dialog.print_to(printer)
    assert task is not None
    assert dialog.busy() and not dialog.buttons["printButton"].isEnabled()
    qtbot.waitUntil(lambda: not task.running, timeout=120_000)

    printed = PdfReader(tmp_path / "ledger.pdf")
    assert len(printed.pages) == laid.pages >= 5
    assert min(image_dpi(printed)) >= PRINT_DPI - 1
    assert looks_printed(tmp_path / "ledger.pdf")
    assert painted_on == {MAIN}, "QPrinter is painted on the GUI thread only"
    assert f"共 {laid.pages} 页" in dialog.status_text()
    assert dialog.buttons["printButton"].isEnabled()
    qtbot.waitUntil(lambda: not dialog.findChildren(QTimer, "printPainting"))


# --- files others can read ------------------------------------------------------------------


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
@pytest.mark.parametrize(
    ("umask", "mode"),
    [(0o022, 0o644), (0o077, 0o600)],
    ids=["readable-by-others-like-any-saved-file", "a-stricter-umask-is-followed"],
)
def test_output_files_get_the_permissions_of_any_saved_file(
    tmp_path: Path, umask: int, mode: int
) -> None:
    old = os.umask(umask)
    try:
        target = tmp_path / "2026年11月5日支委会会议记录.pdf"
        with atomic_output(target) as temp:
            temp.write_bytes(b"%PDF-1.4\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert [p.name for p in tmp_path.iterdir()] == [target.name], "no temporary file left"


# --- printing from where the record is ------------------------------------------------------


@pytest.fixture
def demo(gui_app: object, store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setattr(preview, "_printer", None)
    fill_demo(today=TODAY)
    return store


def meetings_page(qtbot: QtBot, store: Store) -> MeetingsPage:
    page = MeetingsPage(store.data.attachments, today=lambda: TODAY, data_root=store.data.root)
    qtbot.addWidget(page)
    page.resize(1150, 680)
    page.show()
    return page


def shown_preview(qtbot: QtBot, parent: QWidget) -> PreviewDialog:
    """The preview window that opens over ``parent`` once the record is laid out."""
    qtbot.waitUntil(lambda: bool(visible_previews(parent)), timeout=30_000)
    (dialog,) = visible_previews(parent)
    return dialog


def visible_previews(parent: QWidget) -> list[PreviewDialog]:
    return [d for d in parent.findChildren(PreviewDialog) if d.isVisible()]


def select_state(listing: RecordListPage, state: RecordState) -> Any:
    listing.choose_year(None)
    row = next(r for r in rh.shown_rows(listing) if r.state is state)
    assert listing.select_record(row.id)
    return row


def menu_entry(listing: RecordListPage, text: str) -> QAction:
    return next(a for a in listing.context_actions() if a.text() == text)


def test_finishing_a_meeting_offers_print_and_save_and_they_open_the_preview(
    demo: Store, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page = meetings_page(qtbot, demo)
    wizard = page.new_meeting(MeetingKind.COMMITTEE)
    assert wizard is not None
    steps.basics(wizard).agenda_edit.setText("研究期末党建工作")
    qtbot.mouseClick(steps.basics(wizard).add_agenda_button, Qt.MouseButton.LeftButton)
    for _step in range(4):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    record_id = wizard.record_id
    assert record_id is not None

    assert "预览并打印" in rh.notice_text(page.list)
    offered = {button.text(): button for button in page.list.notice_buttons}
    assert list(offered) == ["预览并打印", "保存为 PDF", "保存为 Word", "归档"]

    saved: list[str] = []

    def save_as(
        parent: QWidget, caption: str, suggested: str, filters: str, **_options: object
    ) -> tuple[str, str]:
        saved.append(Path(suggested).name)
        return str(tmp_path / Path(suggested).name), filters

    monkeypatch.setattr(preview.QFileDialog, "getSaveFileName", save_as)
    qtbot.mouseClick(offered["保存为 PDF"], Qt.MouseButton.LeftButton)
    dialog = shown_preview(qtbot, page)
    stem = svc.record_file_stem("meeting", record_id)
    assert saved == [f"{stem}.pdf"]
    assert PdfReader(tmp_path / f"{stem}.pdf").pages, "the record was saved as PDF"
    assert dialog.windowTitle() == "预览 — 会议记录"
    assert dialog.page_count() >= 1
    dialog.close()
    assert "预览并打印" in rh.notice_text(page.list), "归档 is still offered after saving"
    assert page.list.notice_buttons[-1].text() == "归档"


def test_the_meetings_list_previews_and_prints_a_finished_record_from_menu_and_toolbar(
    demo: Store, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = meetings_page(qtbot, demo)
    listing = page.list
    row = select_state(listing, RecordState.FINISHED)
    assert listing.buttons["preview"].isVisible() and listing.buttons["preview"].isEnabled()
    assert listing.buttons["print"].isVisible() and listing.buttons["print"].isEnabled()
    assert menu_entry(listing, "预览").isEnabled() and menu_entry(listing, "打印…").isEnabled()

    menu_entry(listing, "预览").trigger()
    dialog = shown_preview(qtbot, page)
    expected = paginate(svc.record_document("meeting", row.id)).pages
    assert dialog.page_count() == expected
    dialog.close()
    qtbot.waitUntil(lambda: not visible_previews(page))

    asked: list[int] = []

    def print_dialog(parent: QWidget, printer: QPrinter, current: int) -> bool:
        asked.append(printer.toPage())
        return False  # 取消 in the print dialog

    monkeypatch.setattr(preview, "ask_print_options", print_dialog)
    qtbot.mouseClick(listing.buttons["print"], Qt.MouseButton.LeftButton)
    dialog = shown_preview(qtbot, page)
    qtbot.waitUntil(lambda: bool(asked))
    assert asked == [expected], "打印 goes straight to the print dialog, all pages offered"
    dialog.close()


def test_a_draft_cannot_be_printed_and_says_why(demo: Store, qtbot: QtBot) -> None:
    page = meetings_page(qtbot, demo)
    listing = page.list
    select_state(listing, RecordState.DRAFT)
    for name in ("preview", "print"):
        assert not listing.buttons[name].isEnabled()
        assert listing.buttons[name].toolTip() == "先完成记录，才能预览和打印。"
    for text in ("预览", "打印…"):
        entry = menu_entry(listing, text)
        assert not entry.isEnabled() and "先完成记录" in entry.toolTip()


def test_the_talks_list_prints_from_its_context_menu(
    demo: Store, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = HeartTalksPage(data_root=demo.data.root)
    qtbot.addWidget(page)
    page.show()
    select_state(page.list, RecordState.FINISHED)
    asked: list[int] = []

    def print_dialog(parent: QWidget, printer: QPrinter, current: int) -> bool:
        asked.append(printer.toPage())
        return False

    monkeypatch.setattr(preview, "ask_print_options", print_dialog)
    menu_entry(page.list, "打印…").trigger()
    dialog = shown_preview(qtbot, page)
    qtbot.waitUntil(lambda: bool(asked))
    assert dialog.windowTitle() == "预览 — 谈心谈话记录"
    dialog.close()


def test_the_theme_day_list_has_preview_and_print(demo: Store, qtbot: QtBot) -> None:
    page = ThemeDaysPage(demo.data.attachments, data_root=demo.data.root)
    qtbot.addWidget(page)
    page.show()
    select_state(page.list, RecordState.ARCHIVED)
    assert [a.text() for a in page.list.context_actions()][:3] == ["打开", "预览", "打印…"]
    qtbot.mouseClick(page.list.buttons["preview"], Qt.MouseButton.LeftButton)
    dialog = shown_preview(qtbot, page)
    assert dialog.windowTitle() == "预览 — 主题党日活动记录"
    dialog.close()


def test_the_documents_list_names_each_talk_by_the_member(demo: Store, qtbot: QtBot) -> None:
    page = DocumentsPage(demo.data.root, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    period = periods.between(TODAY - dt.timedelta(days=365), TODAY)
    page.record_period.set_period(period)
    talks = {
        row.id: row
        for row in heart_talks.list_heart_talks()
        if row.state is not RecordState.DRAFT and period.start <= row.held_on <= period.end
    }
    assert talks

    def named(talk: heart_talks.HeartTalkRow) -> bool:
        day = f"{talk.held_on.year}年{talk.held_on.month}月{talk.held_on.day}日"
        return any(
            line.startswith(day) and f"谈心谈话记录（{talk.talkee}）" in line
            for line in shown_records(page)
        )

    # the members talked with are read off the GUI thread, then named in the list
    qtbot.waitUntil(lambda: all(named(talk) for talk in talks.values()), timeout=10_000)
    shown = shown_records(page)
    assert all("谈心谈话记录（" in line for line in shown if "谈心谈话" in line)


# --- the meeting notice, from the meeting's first step ------------------------------------


def planned_meeting(qtbot: QtBot, store: Store, *, place: str, starts: str) -> MeetingWizard:
    form = meetings.new_meeting_form(MeetingKind.GENERAL_ASSEMBLY, on=TODAY)
    wizard = new_meeting_wizard(
        None, form, attachments_dir=store.data.attachments, today=lambda: TODAY
    )
    qtbot.addWidget(wizard)
    wizard.show()
    basics = steps.basics(wizard)
    basics.date_edit.setDate(QDate(TODAY + dt.timedelta(days=7)))
    basics.start_edit.setText(starts)
    basics.place_combo.setCurrentText(place)
    basics.agenda_edit.setText("学习贯彻全会精神")
    qtbot.mouseClick(basics.add_agenda_button, Qt.MouseButton.LeftButton)
    return wizard


def test_a_planned_meeting_prints_its_notice_from_the_first_step(demo: Store, qtbot: QtBot) -> None:
    wizard = planned_meeting(qtbot, demo, place="学校三楼会议室", starts="16:00")
    button = steps.basics(wizard).notice_button
    assert button.isVisible() and button.isEnabled()
    assert wizard.mode in (Mode.NEW, Mode.DRAFT)

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = shown_preview(qtbot, wizard)
    assert wizard.record_id is not None, "the draft was kept first: the notice is its record"
    assert MEETING.state(wizard.record_id)[0] is RecordState.DRAFT
    assert dialog.windowTitle() == "预览 — 会议通知"
    pages = PdfReader(io.BytesIO(dialog.rendering.pdf)).pages
    text = "".join(page.extract_text() for page in pages)
    assert "学校三楼会议室" in text and "学习贯彻全会精神" in text
    assert dialog.stem == svc.notice_stem(wizard.record_id)
    dialog.close()


def test_a_notice_without_a_place_says_what_is_missing(
    demo: Store, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    wizard = planned_meeting(qtbot, demo, place="", starts="16:00")
    qtbot.mouseClick(steps.basics(wizard).notice_button, Qt.MouseButton.LeftButton)
    assert not visible_previews(wizard)
    (message,) = shown_messages.shown
    assert message.title == "无法生成会议通知"
    with pytest.raises(UserError) as refused:
        svc.check_notice_ready("16:00", "")
    assert message.text == refused.value.message
    assert "地点" in message.text


def test_a_refused_notice_of_a_new_meeting_leaves_no_draft_behind(
    demo: Store, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    before = [row.id for row in meetings.list_meetings()]
    form = meetings.new_meeting_form(MeetingKind.GENERAL_ASSEMBLY, on=TODAY)
    wizard = new_meeting_wizard(
        None, form, attachments_dir=demo.data.attachments, today=lambda: TODAY
    )
    qtbot.addWidget(wizard)
    wizard.show()
    assert steps.basics(wizard).start_edit.text() == "", "a new meeting has no start time yet"

    qtbot.mouseClick(steps.basics(wizard).notice_button, Qt.MouseButton.LeftButton)
    (message,) = shown_messages.shown
    assert "开始时间" in message.text
    qtbot.wait(AUTOSAVE_MS + 200)  # nothing typed: nothing for the autosave either
    assert wizard.record_id is None
    assert [row.id for row in meetings.list_meetings()] == before, "no empty draft in the list"


def test_no_notice_is_offered_for_a_meeting_already_held(demo: Store, qtbot: QtBot) -> None:
    done = next(r for r in meetings.list_meetings() if r.state is RecordState.FINISHED)
    wizard = open_meeting_wizard(
        None, done.id, attachments_dir=demo.data.attachments, today=lambda: TODAY
    )
    qtbot.addWidget(wizard)
    wizard.show()
    assert not steps.basics(wizard).notice_button.isVisible()
    fresh = planned_meeting(qtbot, demo, place="会议室", starts="16:00")
    steps.basics(fresh).date_edit.setDate(QDate(TODAY - dt.timedelta(days=3)))
    assert not steps.basics(fresh).notice_button.isVisible(), "held three days ago"


def test_cancelling_a_print_from_the_preview_stops_it_and_says_so(
    gui_app: object,
    qtbot: QtBot,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    laid_out: rendering.Rendering,
) -> None:
    monkeypatch.setattr(preview, "_printer", None)
    drawn: list[int] = []
    release = threading.Event()

    def slow_page(document: object, page: int, dpi: float) -> QImage:
        drawn.append(page)
        release.wait(5)  # the secretary presses 取消 while the first page is drawn
        image = QImage(60, 10, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        return image

    monkeypatch.setattr(rendering, "page_image", slow_page)
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    dialog = PreviewDialog(
        parent, title="长文书", rendering=laid_out, stem="长文书", data_root=store.data.root
    )
    dialog.open()
    task = dialog.print_to(pdf_printer(tmp_path / "cancelled.pdf", 600))
    assert task is not None
    qtbot.waitUntil(lambda: bool(drawn))
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: not task.running, timeout=20_000)
    assert task.cancelled
    assert drawn == [0], "no page drawn after 取消"
    assert dialog.status_text() == "已取消打印。"
    assert dialog.buttons["printButton"].isEnabled()


@pytest.mark.parametrize(
    ("area", "command"),
    [
        ("org_life_meetings", "new_org_life_meeting"),
        ("dues", "new_dues_collection"),
        ("trainings", "new_training"),
    ],
)
def test_the_kinds_that_print_on_finishing_offer_it_from_their_page(
    qtbot: QtBot, demo: Store, area: str, command: str
) -> None:
    """完成并打印… is offered where the page gives its wizard the data folder (the preview's
    scratch files go there, never into the system's temp folder)."""
    from jianshi_desktop.gui.main_window import MainWindow

    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.show_area(area)
    page = window.page(area)
    assert page.perform(command, {})
    wizard = getattr(page, "wizard", None)
    assert wizard is not None and wizard.offers_print()
    assert wizard.data_root() == demo.data.root
    wizard.reject()
