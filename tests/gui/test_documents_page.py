"""The 文书 page with the demo's year of records: a single record, the 台账 of a period
(confidential 提醒谈话 only when asked for, with a warning), the 花名册 (full ID numbers
only when asked for, with a warning), the report editor whose edited text is in the
laid-out report, and the fonts section of the settings page."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from jianshi_desktop.documents import fonts
from jianshi_desktop.documents.model import Contents, Table
from jianshi_desktop.domain import periods
from jianshi_desktop.domain.enums import MeetingKind
from jianshi_desktop.domain.periods import ReportPeriod
from jianshi_desktop.gui.common.workers import Task
from jianshi_desktop.gui.documents.page import CONFIDENTIAL_MARK, FULL_ID_SUFFIX, DocumentsPage
from jianshi_desktop.gui.documents.preview import PreviewDialog
from jianshi_desktop.gui.documents.report_editor import (
    ReportEditor,
    tidy_document_number,
    tidy_heading,
)
from jianshi_desktop.gui.documents.settings_section import DocumentFontsSection
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.services import documents as svc
from jianshi_desktop.services import meetings, reports
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.services.store import Store
from tests.gui import shown as on_screen
from tests.gui.shown import current_kind, page_text, settings_page, shown_fonts, shown_records

from .conftest import MessageLog

TODAY = dt.date.today()


@pytest.fixture
def page(gui_app: object, qtbot: QtBot, store: Store) -> DocumentsPage:
    fill_demo(today=TODAY)
    shown = DocumentsPage(store.data.root, today=lambda: TODAY)
    qtbot.addWidget(shown)
    shown.resize(1150, 650)
    shown.show()
    return shown


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), f"{button.text()} cannot be clicked"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def opened_preview(qtbot: QtBot, page: DocumentsPage, task: Task[Any] | None) -> PreviewDialog:
    assert task is not None
    qtbot.waitUntil(lambda: page.preview_dialog is not None, timeout=20_000)
    dialog = page.preview_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    return dialog


def last_year() -> ReportPeriod:
    return periods.between(TODAY - dt.timedelta(days=365), TODAY)


def confidential_period() -> ReportPeriod:
    """The month of the demo's confidential 提醒谈话."""
    everything = svc.records_in(last_year(), include_confidential=True)
    ordinary = set(svc.records_in(last_year()))
    (secret,) = [r for r in everything if r not in ordinary]
    return periods.month(secret.held_on.year, secret.held_on.month)


def text_of(dialog: PreviewDialog) -> str:
    reader = PdfReader(io.BytesIO(dialog.rendering.pdf))
    return "".join(page.extract_text() for page in reader.pages)


# --- the page --------------------------------------------------------------------------


def test_the_page_offers_four_kinds_of_documents(page: DocumentsPage) -> None:
    kinds = [page.kind_list.item(row).text() for row in range(page.kind_list.count())]
    assert kinds == ["会议记录等单份记录", "党建工作台账", "党建工作情况报告", "党员花名册"]
    assert current_kind(page) == "record"
    on_screen.choose_document_kind(page, "roster")
    shown = page.stack.currentWidget()
    assert shown is not None and shown.objectName() == "rosterPage"


def test_records_of_the_period_are_listed_latest_first(page: DocumentsPage) -> None:
    page.record_period.set_period(last_year())
    refs = svc.records_in(last_year(), include_confidential=True)
    shown = shown_records(page)
    assert len(shown) == len(refs) > 20
    latest = refs[-1].held_on
    assert shown[0].startswith(f"{latest.year}年{latest.month}月{latest.day}日")
    assert sum(CONFIDENTIAL_MARK in line for line in shown) == 1, "the 提醒谈话 is marked"
    assert page.record_list.currentRow() == 0
    assert page.record_button.isEnabled()


def test_an_empty_period_says_so_and_offers_no_preview(page: DocumentsPage) -> None:
    page.record_period.set_period(periods.year(TODAY.year - 8))
    assert shown_records(page) == []
    assert page.record_empty.isVisible()
    assert "还没有已完成的记录" in page.record_empty.text()
    assert not page.record_button.isEnabled()


def test_a_custom_period_with_wrong_dates_is_explained(page: DocumentsPage) -> None:
    picker = page.record_period
    picker.choose_kind("custom")
    picker.to_edit.setText("2020年2月30日")
    picker.to_edit.editingFinished.emit()
    assert picker.period() is None
    assert picker.error_label.isVisible() and "不存在" in picker.error_label.text()
    picker.start.set_date(dt.date(2020, 9, 1))
    picker.end.set_date(dt.date(2020, 8, 1))
    picker.end.finished.emit()
    assert "结束日期早于开始日期" in picker.error_label.text()
    picker.end.set_date(dt.date(2020, 9, 30))
    picker.end.finished.emit()
    period = picker.period()
    assert period is not None and period.label == "2020年9月1日至2020年9月30日"
    assert picker.error_label.isHidden()


def test_the_period_picker_names_periods_as_the_county_does(page: DocumentsPage) -> None:
    picker = page.ledger_period
    picker.choose_kind("quarter")
    picker.year_box.setCurrentIndex(picker.year_box.findData(TODAY.year))
    picker.part_box.setCurrentIndex(2)
    assert picker.period() == periods.quarter(TODAY.year, 3)
    picker.set_period(periods.half_year(TODAY.year, 1))
    assert picker.kind() == "half_year" and picker.part_box.currentText() == "上半年"
    assert picker.period() == periods.half_year(TODAY.year, 1)
    picker.set_period(periods.month(TODAY.year, 9))
    assert picker.period() == periods.month(TODAY.year, 9)
    picker.set_period(periods.year(TODAY.year))
    assert picker.period() == periods.year(TODAY.year)
    assert not picker.part_box.isVisible()


def test_a_single_record_opens_in_the_preview(page: DocumentsPage, qtbot: QtBot) -> None:
    page.record_period.set_period(last_year())
    meeting = next(r for r in reversed(svc.records_in(last_year())) if r.record_type == "meeting")
    assert page.select_record("meeting", meeting.id)
    click(qtbot, page.record_button)
    dialog = opened_preview(qtbot, page, page.preview_task)
    assert dialog.stem == svc.record_file_stem("meeting", meeting.id)
    assert dialog.page_count() >= 1
    assert "会议记录" in dialog.windowTitle()


# --- 台账 -------------------------------------------------------------------------------


def test_the_ledger_of_a_period_and_its_confidential_talks(
    page: DocumentsPage, qtbot: QtBot
) -> None:
    period = confidential_period()
    on_screen.choose_document_kind(page, "ledger")
    page.ledger_period.set_period(period)
    assert not page.confidential_check.isChecked(), "confidential talks are off by default"
    assert page.confidential_warning.isHidden()
    assert "另有 1 份保密的提醒谈话记录没有收入" in page.ledger_summary.text()

    click(qtbot, page.ledger_button)
    without = opened_preview(qtbot, page, page.preview_task)
    assert without.stem == svc.ledger_stem(period)
    entries_without = contents_entries(without)
    assert len(entries_without) == len(svc.records_in(period))
    without.close()
    assert page.preview_dialog is None, "a closed preview is forgotten"

    page.confidential_check.setChecked(True)
    assert page.confidential_warning.isVisible()
    assert "保密" in page.confidential_warning.text()
    assert "其中有 1 份保密的提醒谈话记录" in page.ledger_summary.text()
    click(qtbot, page.ledger_button)
    with_secret = opened_preview(qtbot, page, page.preview_task)
    assert len(contents_entries(with_secret)) == len(entries_without) + 1
    assert "提醒谈话" in text_of(with_secret)

    page.confidential_check.setChecked(False)
    assert page.confidential_warning.isHidden()


def contents_entries(dialog: PreviewDialog) -> list[str]:
    (contents,) = [b for b in dialog.rendering.document.blocks if isinstance(b, Contents)]
    return [entry.text for entry in contents.entries]


def test_a_years_ledger_is_laid_out_off_the_gui_thread(page: DocumentsPage, qtbot: QtBot) -> None:
    on_screen.choose_document_kind(page, "ledger")
    page.ledger_period.set_period(last_year())
    click(qtbot, page.ledger_button)
    task = page.preview_task
    assert task is not None and task.running, "the window keeps painting meanwhile"
    dialog = opened_preview(qtbot, page, task)
    assert dialog.page_count() > 30
    assert page_text(dialog).endswith(f"共 {dialog.page_count()} 页")


# --- 花名册 -----------------------------------------------------------------------------


def id_cells(dialog: PreviewDialog) -> list[str]:
    (table,) = [b for b in dialog.rendering.document.blocks if isinstance(b, Table)]
    column = [cell.text for cell in table.rows[0]].index("身份证号码")
    return [
        row[column].text
        for row in table.rows[table.header_rows :]
        if len(row) > column and row[column].text
    ]


def test_the_roster_masks_id_numbers_unless_asked_with_a_warning(
    page: DocumentsPage, qtbot: QtBot
) -> None:
    on_screen.choose_document_kind(page, "roster")
    assert not page.full_id_check.isChecked()
    assert page.full_id_warning.isHidden()
    click(qtbot, page.roster_button)
    masked = opened_preview(qtbot, page, page.preview_task)
    assert masked.stem == svc.roster_stem()
    cells = id_cells(masked)
    assert cells and all("*" in cell for cell in cells)
    masked.close()

    page.full_id_check.setChecked(True)
    assert page.full_id_warning.isVisible()
    assert "个人隐私" in page.full_id_warning.text()
    click(qtbot, page.roster_button)
    full = opened_preview(qtbot, page, page.preview_task)
    assert full.stem == f"{svc.roster_stem()}{FULL_ID_SUFFIX}"
    assert all("*" not in cell and len(cell) == 18 for cell in id_cells(full))

    page.full_id_check.setChecked(False)
    assert page.full_id_warning.isHidden()


# --- 报告 -------------------------------------------------------------------------------


def open_editor(page: DocumentsPage, qtbot: QtBot) -> ReportEditor:
    on_screen.choose_document_kind(page, "report")
    page.report_period.set_period(periods.quarter(TODAY.year, (TODAY.month - 1) // 3 + 1))
    click(qtbot, page.report_button)
    editor = page.report_editor
    assert editor is not None and editor.isVisible()
    qtbot.addWidget(editor)
    return editor


def test_the_report_editor_shows_the_draft_and_the_edited_text_is_laid_out(
    page: DocumentsPage, qtbot: QtBot
) -> None:
    editor = open_editor(page, qtbot)
    period = page.report_period.period()
    assert period is not None
    draft = svc.report_draft(period, today=TODAY)
    assert editor.title_edit.text() == draft.title
    assert editor.recipient_edit.text() == draft.recipient
    assert [s.heading_edit.text() for s in editor.sections] == [s.heading for s in draft.sections]
    assert [s.number_label.text() for s in editor.sections] == ["一、", "二、", "三、", "四、"]
    assert editor.signer_edit.text() == draft.signer
    assert not editor.masthead_group.isChecked()

    practice = editor.sections[1]
    practice.heading_edit.setText("二、主要做法和成效")
    practice.text_edit.setPlainText("开展“红烛先锋”示范岗活动。\n结对帮扶青年教师八人。")
    editor.sections[3].text_edit.setPlainText("继续抓好“三会一课”。")
    editor.closing_edit.setText("特此报告。")
    click(qtbot, editor.preview_button)
    qtbot.waitUntil(lambda: editor.preview_dialog is not None, timeout=20_000)
    dialog = editor.preview_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)

    text = text_of(dialog).replace("\n", "")
    assert "红烛先锋" in text and "结对帮扶青年教师八人" in text
    assert "二、主要做法和成效" in text, "numbered once, by the layout"
    assert dialog.stem == svc.report_stem(editor.current_draft())
    assert dialog.rendering.document.layout == "official"


def test_the_red_masthead_and_its_document_number(page: DocumentsPage, qtbot: QtBot) -> None:
    editor = open_editor(page, qtbot)
    editor.masthead_group.setChecked(True)
    assert editor.issuer_edit.text() == editor.signer_edit.text()
    editor.number_edit.setText("建实小党")
    editor.number_edit.setCursorPosition(len("建实小党"))
    click(qtbot, editor.brackets_button)
    assert editor.number_edit.text() == "建实小党〔〕"
    editor.number_edit.insert("2026")
    editor.number_edit.setCursorPosition(len(editor.number_edit.text()))
    editor.number_edit.insert("3号")
    assert editor.number_edit.text() == "建实小党〔2026〕3号"

    editor.number_edit.setText("建实小党[2026]4号")
    editor.number_edit.editingFinished.emit()
    assert editor.number_edit.text() == "建实小党〔2026〕4号"
    draft = editor.current_draft()
    assert draft.issuer == editor.issuer_edit.text()
    assert draft.document_number == "建实小党〔2026〕4号"

    editor.masthead_group.setChecked(False)
    assert editor.current_draft().issuer == ""


def test_tidying_numbers_and_headings() -> None:
    assert tidy_document_number("建教党（2020）9号") == "建教党〔2020〕9号"
    assert tidy_document_number("建教党【2020】9号") == "建教党〔2020〕9号"
    assert tidy_document_number(" 建教党[ 2020 ]9号 ") == "建教党〔2020〕9号"
    assert tidy_document_number("建教党〔2020〕9号") == "建教党〔2020〕9号"
    assert tidy_heading("一、基本情况") == "基本情况"
    assert tidy_heading("十二．其他") == "其他"
    assert tidy_heading("基本情况") == "基本情况"


def test_the_editor_refuses_a_report_without_title_or_date(
    page: DocumentsPage, qtbot: QtBot
) -> None:
    editor = open_editor(page, qtbot)
    editor.title_edit.setText("")
    editor.date.edit.setText("2026年13月1日")
    editor.sections[0].heading_edit.setText("")
    click(qtbot, editor.preview_button)
    assert editor.preview_task is None
    assert editor.errors["title"].isVisible() and "标题" in editor.errors["title"].text()
    assert editor.errors["issue_date"].isVisible()
    assert "请填写这一部分的标题" in editor.sections[0].error_label.text()


def test_parts_can_be_added_and_removed(
    page: DocumentsPage, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    editor = open_editor(page, qtbot)
    click(qtbot, editor.add_button)
    assert [s.number_label.text() for s in editor.sections][-1] == "五、"
    added = editor.sections[-1]
    qtbot.waitUntil(lambda: added.remove_button.height() > 0)  # the longer form laid out
    click(qtbot, added.remove_button)  # empty: no question
    assert len(editor.sections) == 4 and not shown_messages.shown

    shown_messages.shown.clear()
    click(qtbot, editor.sections[2].remove_button)  # the recorder answers no
    assert len(editor.sections) == 4
    assert "要删除“三、落实组织生活制度情况”这一部分吗？" in shown_messages.shown[-1].text


def test_the_editor_asks_for_what_only_the_secretary_can_write(
    page: DocumentsPage, qtbot: QtBot
) -> None:
    # rules.md §7: the report is the branch's own statement upward; its 主要做法 and
    # 下一步打算 are asked for, never printed as a placeholder or left empty.
    editor = open_editor(page, qtbot)
    practice, plans = editor.sections[1], editor.sections[3]
    assert practice.text_edit.toPlainText() == "" and "主要做法" in (
        practice.text_edit.placeholderText()
    )
    assert "请填写" not in "".join(s.text_edit.toPlainText() for s in editor.sections)
    plans.text_edit.setPlainText("继续抓好“三会一课”。")
    click(qtbot, editor.preview_button)
    assert editor.preview_task is None and editor.preview_dialog is None
    assert practice.error_label.isVisible() and "要由你来写" in practice.error_label.text()
    assert not plans.error_label.isVisible()
    assert editor.focusWidget() is practice.text_edit, "the cursor waits in the empty part"

    practice.text_edit.setPlainText("开展“红烛先锋”示范岗活动。")
    click(qtbot, editor.preview_button)
    assert editor.preview_task is not None
    qtbot.waitUntil(lambda: editor.preview_dialog is not None, timeout=20_000)
    assert editor.preview_dialog is not None
    qtbot.addWidget(editor.preview_dialog)


def test_closing_the_editor_keeps_the_texts_for_next_time(
    page: DocumentsPage, qtbot: QtBot
) -> None:
    editor = open_editor(page, qtbot)
    editor.opening_edit.setPlainText("本季度，支部认真落实各项制度。")
    click(qtbot, editor.close_button)
    assert page.report_editor is None

    again = open_editor(page, qtbot)
    assert again.opening_edit.toPlainText() == "本季度，支部认真落实各项制度。"
    assert "上次修改" in again.intro.text()


# --- settings and the main window ---------------------------------------------------------


def test_the_settings_page_names_the_font_of_each_role(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    main_window.show_area("settings")
    section = settings_page(main_window).findChild(DocumentFontsSection)
    assert section is not None
    qtbot.waitUntil(lambda: section.fonts is not None, timeout=20_000)
    shown = shown_fonts(section)
    assert list(shown) == ["标题", "正文", "一级标题", "二级标题", "页码"]
    found = fonts.resolve_fonts()
    for role, label in fonts.ROLE_LABELS.items():
        text = shown[label]
        assert found[role].official in text
        if found[role].substitute:
            assert text.startswith("代用：") and "代替" in text
        else:
            assert text.endswith("（已安装）")
    assert section.substitute_hint.isVisible() == bool(found.substitutes)
    assert section.layout_values["页边距"].text() == (
        "上 2.54 厘米，下 2.54 厘米，左 3.17 厘米，右 3.17 厘米"
    )
    assert section.layout_values["正文"].text().startswith("16 磅（三号）")

    click(qtbot, section.rescan_button)
    assert section.task is not None
    qtbot.waitUntil(lambda: not section.task.running, timeout=20_000)  # type: ignore[union-attr]
    assert shown_fonts(section) == shown


def test_the_documents_area_is_the_documents_page(main_window: MainWindow) -> None:
    main_window.show_area("documents")
    assert isinstance(main_window.current_page(), DocumentsPage)


# --- the report kept: draft and 定稿 --------------------------------------------------------


def answer_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    from jianshi_desktop.gui.common import messages

    monkeypatch.setattr(messages, "present", lambda _parent, _message: True)


def test_what_is_typed_is_saved_as_a_draft_and_there_on_reopening(
    page: DocumentsPage, qtbot: QtBot, store: Store
) -> None:
    editor = open_editor(page, qtbot)
    period = page.report_period.period()
    assert period is not None
    assert reports.saved_draft(period) is None, "nothing saved before anything is typed"
    assert "自动保存" in editor.saved_label.text()
    editor.sections[1].text_edit.setPlainText("开展“红烛先锋”示范岗活动。")
    qtbot.waitUntil(lambda: reports.saved_draft(period) is not None, timeout=5_000)
    assert "草稿已于今天" in editor.saved_label.text()

    editor.sections[3].text_edit.setPlainText("继续抓好“三会一课”。")  # closed at once
    click(qtbot, editor.close_button)
    assert page.report_editor is None
    kept = reports.saved_draft(period)
    assert kept is not None and kept.draft.sections[3].text == "继续抓好“三会一课”。"

    # another page (as after restarting the app): the texts come from the database
    other = DocumentsPage(store.data.root, today=lambda: TODAY)
    qtbot.addWidget(other)
    other.show()
    again = open_editor(other, qtbot)
    assert again.sections[1].text_edit.toPlainText() == "开展“红烛先锋”示范岗活动。"
    assert again.sections[3].text_edit.toPlainText() == "继续抓好“三会一课”。"
    assert "上次修改" in again.intro.text()
    assert again.saved_label.text().startswith("草稿已于今天")
    assert not again.read_only and again.finish_button.isVisible()


def test_a_finished_report_opens_read_only_and_a_new_draft_can_follow(
    page: DocumentsPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = open_editor(page, qtbot)
    period = page.report_period.period()
    assert period is not None
    click(qtbot, editor.finish_button)  # the secretary's parts are still empty
    assert not editor.read_only and reports.finished_report(period) is None
    assert "要由你来写" in editor.sections[1].error_label.text()

    editor.sections[1].text_edit.setPlainText("开展“红烛先锋”示范岗活动。")
    editor.sections[3].text_edit.setPlainText("继续抓好“三会一课”。")
    answer_yes(monkeypatch)
    click(qtbot, editor.finish_button)
    finished = reports.finished_report(period)
    assert finished is not None and editor.read_only
    assert editor.sections[1].text_edit.isReadOnly() and editor.title_edit.isReadOnly()
    assert not editor.finish_button.isVisible() and not editor.add_button.isVisible()
    assert editor.redraft_button.isVisible() and "定稿" in editor.saved_label.text()
    assert reports.saved_draft(period) is None
    basics = editor.sections[0].text_edit.toPlainText()
    click(qtbot, editor.close_button)

    form = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=TODAY)
    form.place, form.starts_at, form.ends_at = "学校会议室", "07:00", "07:30"
    form.recorder_id = form.chair_id
    form.agenda = [meetings.AgendaEntry("研究党建工作")]
    MEETING.finish(form, today=TODAY)

    shown = open_editor(page, qtbot)
    assert shown.read_only and shown.windowTitle().startswith("查看报告")
    assert shown.sections[0].text_edit.toPlainText() == basics, "the 定稿 as it was"
    assert shown.notice_label.isVisible() and "定稿后记录有变动" in shown.notice_label.text()
    click(qtbot, shown.preview_button)  # a 定稿 can still be printed
    qtbot.waitUntil(lambda: shown.preview_dialog is not None, timeout=20_000)
    assert shown.preview_dialog is not None
    qtbot.addWidget(shown.preview_dialog)
    assert "红烛先锋" in text_of(shown.preview_dialog).replace("\n", "")
    shown.preview_dialog.close()

    click(qtbot, shown.redraft_button)
    assert not shown.read_only and shown.finish_button.isVisible()
    assert shown.sections[0].text_edit.toPlainText() != basics, "today's figures"
    assert shown.sections[1].text_edit.toPlainText() == "开展“红烛先锋”示范岗活动。"
    assert "已于" in shown.intro.text() and "定稿" in shown.intro.text()
    assert reports.finished_report(period) == finished, "the 定稿 stays as it was"
    assert reports.saved_draft(period) is not None


def test_a_talk_is_listed_with_the_member_talked_with_before_its_number() -> None:
    from jianshi_desktop.gui.documents.page import record_text
    from jianshi_desktop.services.documents import RecordRef

    day = dt.date(2026, 11, 3)
    second = RecordRef("heart_talk", 7, day, "11月3日 谈心谈话记录（2）", subject="王某某")
    assert record_text(second) == "2026年11月3日  谈心谈话记录（王某某）（2）"
    first = RecordRef("heart_talk", 6, day, "11月3日 谈心谈话记录", subject="李某")
    assert record_text(first) == "2026年11月3日  谈心谈话记录（李某）"
    meeting = RecordRef("meeting", 3, day, "11月3日 支委会会议记录")
    assert record_text(meeting) == "2026年11月3日  支委会会议记录"
