"""The 主题党日 wizard and page, driven like a secretary: type (setText), click, 下一步, 完成 —
and what was saved read back through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QWizard
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.enums import MeetingKind, Presence, RecordState
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.records.wizard import Mode, set_date
from jianshi_desktop.gui.theme_days.page import ThemeDaysPage
from jianshi_desktop.gui.theme_days.wizard import ItemsPage, SummaryPage, ThemeDayWizard
from jianshi_desktop.services import meetings, theme_days
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.lifecycle import RecordKind
from jianshi_desktop.services.meetings import AgendaEntry
from jianshi_desktop.services.members import name_sort_key
from jianshi_desktop.services.record_kinds import MEETING, THEME_DAY
from jianshi_desktop.services.records import amendments
from jianshi_desktop.services.store import Store
from tests.gui import records_helpers as rh

from .conftest import MessageLog
from .records_helpers import (
    column_of,
    counts_text,
    is_read_only,
    names,
    notice_text,
    presence_button,
    reason_edit,
    row_error,
    shown_text,
    step,
)

TODAY = dt.date.today()
DAY = TODAY - dt.timedelta(days=3)


@pytest.fixture
def roster(gui_app: object, store: Store) -> Store:
    """The demo branch and roster, without records."""
    fill_demo(today=TODAY, with_records=False)
    return store


def open_wizard(qtbot: QtBot, store: Store, form: theme_days.ThemeDayForm | None = None,
                **kwargs: Any) -> ThemeDayWizard:  # fmt: skip
    wizard = ThemeDayWizard(
        form or theme_days.new_theme_day_form(), attachments_dir=store.data.attachments, **kwargs
    )
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def click(qtbot: QtBot, button: QAbstractButton | None) -> None:
    assert button is not None and button.isVisible() and button.isEnabled()
    # a check box answers a click on its box or its text, not anywhere in its width
    if isinstance(button, QCheckBox):
        where = QPoint(8, button.height() // 2)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=where)
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def next_step(qtbot: QtBot, wizard: QWizard) -> None:
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))


def finish(qtbot: QtBot, wizard: QWizard) -> None:
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))


def fill_basics(wizard: ThemeDayWizard, *, theme: str = "重温入党誓词，牢记初心使命") -> None:
    set_date(wizard.basics.date_edit, DAY)
    wizard.basics.theme_edit.setText(theme)
    wizard.basics.place_combo.setCurrentText("学校会议室")


def test_defaults_the_fixed_day_and_offers_the_forms(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot, roster)
    fixed = theme_days.fixed_day(TODAY.year, TODAY.month)
    assert wizard.basics.held_on() == fixed
    assert f"每月{fixed.day}日" in wizard.basics.label("dateHint").text()
    assert wizard.basics.form_combo.itemText(0) == "集中学习"
    assert wizard.currentPage().title() == "第1步（共5步）：时间、主题和地点"
    assert wizard.windowTitle() == f"{TODAY.year}年{TODAY.month}月主题党日（新记录）"


def test_a_theme_day_from_start_to_finish(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot, roster)
    next_step(qtbot, wizard)
    assert wizard.currentId() == 0, "no theme: the step refuses"
    assert rh.field_error(wizard.basics, "theme") == "请填写活动主题。"
    fill_basics(wizard)
    wizard.basics.form_combo.setCurrentText("志愿服务")
    next_step(qtbot, wizard)

    items = step(wizard, ItemsPage)
    assert [c.text() for c in items.checks][:2] == ["重温入党誓词", "交纳党费"]
    # the tick records the activity; each member's dues are the 党费 area's
    assert "在“党费”中登记" in items.checks[1].toolTip() and not items.checks[0].toolTip()
    for check in items.checks[:2]:
        click(qtbot, check)
    next_step(qtbot, wizard)

    editor = wizard.attendance_page.editor
    name = names(editor)[1]
    click(qtbot, presence_button(editor, name, Presence.ON_LEAVE))
    next_step(qtbot, wizard)
    assert wizard.currentId() == 2, "请假 without a reason is refused"
    assert row_error(editor, name)
    reason_edit(editor, name).setText("外出培训")
    next_step(qtbot, wizard)

    step(wizard, SummaryPage).summary_edit.setPlainText("全体党员重温入党誓词，交纳党费。")
    next_step(qtbot, wizard)
    review = wizard.review_page.review.toPlainText()
    assert "重温入党誓词、交纳党费" in review
    assert f"请假：{name}（外出培训）" in review
    assert "内容齐全" in rh.problems_text(wizard.review_page)
    finish(qtbot, wizard)

    assert wizard.outcome == "finished" and wizard.record_id is not None
    saved = theme_days.load_theme_day(wizard.record_id)
    assert saved.held_on == DAY
    assert saved.theme == "重温入党誓词，牢记初心使命"
    assert saved.form == "志愿服务"
    assert saved.required_items == ["重温入党誓词", "交纳党费"]
    assert saved.summary == "全体党员重温入党誓词，交纳党费。"
    assert saved.meeting_id is None
    on_leave = [a for a in saved.attendance if a.presence is not Presence.PRESENT]
    assert [(a.name, a.presence, a.reason) for a in on_leave] == [
        (name, Presence.ON_LEAVE, "外出培训")
    ]
    assert THEME_DAY.state(wizard.record_id) == (RecordState.FINISHED, False)


def test_no_required_item_only_warns(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot, roster)
    fill_basics(wizard)
    for _step in range(4):
        next_step(qtbot, wizard)
    assert "没有勾选任何规定动作" in rh.problems_text(wizard.review_page)
    finish(qtbot, wizard)
    assert wizard.outcome == "finished"


def test_a_theme_day_held_with_a_meeting_does_not_ask_attendance_again(
    roster: Store, qtbot: QtBot
) -> None:
    meeting = meetings.new_meeting_form(MeetingKind.GENERAL_ASSEMBLY, on=DAY)
    meeting.agenda = [AgendaEntry(title="学习党章")]
    meeting.recorder_id = meeting.chair_id
    meeting.place = "学校会议室"
    meeting.attendance[0].presence = Presence.ABSENT
    meeting.attendance[0].reason = "病假"
    meeting_id = MEETING.finish(meeting)

    wizard = open_wizard(qtbot, roster)
    fill_basics(wizard)
    combo = wizard.basics.meeting_combo
    assert combo.isEnabled() and combo.count() == 2
    combo.setCurrentIndex(1)
    assert combo.currentText().endswith("支部党员大会同时举行")
    next_step(qtbot, wizard)
    next_step(qtbot, wizard)

    page = wizard.attendance_page
    assert page.is_linked()
    assert not page.editor.isVisible(), "attendance is not asked again"
    assert page.linked_editor.isVisible() and is_read_only(page.linked_editor)
    assert "不用再填" in page.linked_notice.text()
    assert counts_text(page.linked_editor).startswith(f"应到 {len(meeting.attendance)} 人")
    next_step(qtbot, wizard)
    next_step(qtbot, wizard)
    assert "以会议记录为准" in wizard.review_page.review.toPlainText()
    finish(qtbot, wizard)

    assert wizard.record_id is not None
    saved = theme_days.load_theme_day(wizard.record_id)
    assert saved.meeting_id == meeting_id
    assert saved.attendance == [], "none of its own"
    shared = theme_days.theme_day_attendance(wizard.record_id)
    assert [(a.name, a.presence) for a in shared] == [
        (a.name, a.presence) for a in meetings.load_meeting(meeting_id).attendance
    ]


def test_a_linked_meeting_that_is_gone_is_said_and_can_be_unlinked(
    roster: Store, qtbot: QtBot
) -> None:
    form = theme_days.new_theme_day_form()
    form.meeting_id = 9999  # linked to a meeting that has since been deleted
    wizard = open_wizard(qtbot, roster, form, mode=Mode.DRAFT)
    fill_basics(wizard)
    combo = wizard.basics.meeting_combo
    assert combo.currentText() == "是，与（所关联的会议已不存在）同时举行"
    notice = wizard.attendance_page.linked_notice.text()
    assert notice.startswith("本次主题党日与所关联的会议同时举行")
    next_step(qtbot, wizard)
    assert wizard.currentId() == 0, "not on with a meeting that is gone"
    assert rh.field_error(wizard.basics, "meeting_id") == "所关联的会议已不存在，请重新选择。"
    combo.setCurrentIndex(0)  # 不是，单独记录出席情况
    assert rh.field_error(wizard.basics, "meeting_id") == ""
    next_step(qtbot, wizard)
    assert wizard.currentId() == 1


def test_the_required_items_list_can_be_edited(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot, roster)
    fill_basics(wizard)
    next_step(qtbot, wizard)
    items = step(wizard, ItemsPage)
    click(qtbot, items.checks[0])
    dialog = items.edit_list()
    dialog.add_edit.setText("观看警示教育片")
    dialog.add_typed()
    dialog.list.setCurrentRow(1)
    dialog.remove_selected()  # 交纳党费
    dialog.save()
    assert theme_days.required_item_choices()[-1] == "观看警示教育片"
    assert "交纳党费" not in theme_days.required_item_choices()
    assert [c.text() for c in items.checks][-1] == "观看警示教育片"
    assert items.ticked() == ["重温入党誓词"], "ticks survive the new list"


def test_an_empty_list_is_refused_beside_it(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot, roster)
    dialog = step(wizard, ItemsPage).edit_list()
    dialog.list.clear()
    dialog.save()
    assert dialog.isVisible()
    assert "至少要有一项" in dialog.error.text()


# --- drafts, archived, amendments, through the page ----------------------------------------


@pytest.fixture
def page(roster: Store, qtbot: QtBot) -> ThemeDaysPage:
    shown = ThemeDaysPage(roster.data.attachments)
    qtbot.addWidget(shown)
    shown.resize(1100, 650)
    shown.show()
    return shown


def test_closing_halfway_leaves_a_draft_that_reopens(page: ThemeDaysPage, qtbot: QtBot) -> None:
    assert page.list.stack.currentWidget() is page.list.empty_page
    click(qtbot, page.list.empty_button)
    wizard = page.wizard
    assert isinstance(wizard, ThemeDayWizard) and wizard.mode is Mode.NEW
    fill_basics(wizard, theme="学习党的创新理论")
    next_step(qtbot, wizard)
    assert wizard.mode is Mode.DRAFT, "saved when the step changed"
    assert "自动存为草稿" in wizard.currentPage().footer.text()
    click(qtbot, step(wizard, ItemsPage).checks[1])
    wizard.close()  # halfway, without asking

    assert page.wizard is None
    rows = page.list.all_rows()
    assert [(r.theme, r.state) for r in rows] == [("学习党的创新理论", RecordState.DRAFT)]
    assert theme_days.load_theme_day(rows[0].id).required_items == ["交纳党费"]
    assert page.list.selected_row().id == rows[0].id

    click(qtbot, page.list.buttons["open"])
    again = page.wizard
    assert isinstance(again, ThemeDayWizard) and again.mode is Mode.DRAFT
    assert again.basics.theme_edit.text() == "学习党的创新理论"
    assert step(again, ItemsPage).ticked() == ["交纳党费"]


def test_closing_an_untouched_new_record_saves_nothing(page: ThemeDaysPage, qtbot: QtBot) -> None:
    page.new_theme_day()
    assert page.wizard is not None
    page.wizard.close()
    assert page.list.all_rows() == []


def test_finishing_offers_archiving_and_archived_opens_read_only(
    page: ThemeDaysPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.new_theme_day()
    wizard = page.wizard
    assert wizard is not None
    fill_basics(wizard)
    for _step in range(4):
        next_step(qtbot, wizard)
    finish(qtbot, wizard)
    assert "已完成" in notice_text(page.list)
    monkeypatch.setattr(messages, "present", lambda parent, message: True)
    click(qtbot, page.list.notice_buttons[-1])  # 归档
    row = page.list.all_rows()[0]
    assert row.state is RecordState.ARCHIVED

    page.list.select_record(row.id)
    page.list.open_selected()
    viewer = page.wizard
    assert isinstance(viewer, ThemeDayWizard) and viewer.mode is Mode.READ_ONLY
    assert viewer.basics.theme_edit.isReadOnly()
    assert not step(viewer, ItemsPage).checks[0].isEnabled()
    assert is_read_only(viewer.attendance_page.editor)
    assert not viewer.button(QWizard.WizardButton.CustomButton1).isVisible()
    assert viewer.currentPage() is viewer.review_page, "everything on one page first"
    assert "只能查看" in viewer.review_page.footer.text()
    assert "第1步 时间、主题和地点" in rh.problems_text(viewer.review_page)
    viewer.review_page.problems_label.linkActivated.emit("2")  # 逐步查看：第3步
    assert viewer.currentPage() is viewer.attendance_page
    viewer.basics.theme_edit.setText("改不了")  # as if typed: nothing is written
    viewer.close()
    assert theme_days.load_theme_day(row.id).theme == "重温入党誓词，牢记初心使命"


def test_amending_asks_for_a_reason(
    page: ThemeDaysPage, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    form = theme_days.new_theme_day_form(on=DAY)
    form.theme, form.place = "参观红色教育基地", "学校会议室"
    record_id = THEME_DAY.finish(form)
    THEME_DAY.archive(record_id)
    page.refresh()
    page.list.select_record(record_id)
    click(qtbot, page.list.buttons["amend"])
    wizard = page.wizard
    assert isinstance(wizard, ThemeDayWizard) and wizard.mode is Mode.AMEND
    assert wizard.button(QWizard.WizardButton.FinishButton).text() == "保存更正"
    wizard.basics.theme_edit.setText("参观建始县红色教育基地")
    for _step in range(4):
        next_step(qtbot, wizard)
    finish(qtbot, wizard)
    assert wizard.isVisible()
    assert rh.field_error(wizard.review_page, "reason") == "请写明更正原因。"
    wizard.review_page.reason_edit.setText("主题写得不完整")
    finish(qtbot, wizard)
    assert not wizard.isVisible()
    assert theme_days.load_theme_day(record_id).theme == "参观建始县红色教育基地"
    assert [a.reason for a in amendments("theme_day", record_id)] == ["主题写得不完整"]
    state = column_of(page.list, "状态")
    assert shown_text(page.list, 0, state) == "已归档（已更正）"


def test_copy_last_starts_from_the_latest(page: ThemeDaysPage, qtbot: QtBot) -> None:
    form = theme_days.new_theme_day_form(on=DAY)
    form.theme, form.place, form.form = "走进敬老院", "县敬老院", "志愿服务"
    form.required_items = ["志愿服务"]
    THEME_DAY.finish(form)
    page.refresh()
    page.list.table.clearSelection()
    click(qtbot, page.list.buttons["copy"])
    wizard = page.wizard
    assert isinstance(wizard, ThemeDayWizard) and wizard.record_id is None
    assert wizard.basics.place_combo.currentText() == "县敬老院"
    assert wizard.basics.form_combo.currentText() == "志愿服务"
    assert step(wizard, ItemsPage).ticked() == ["志愿服务"]
    assert wizard.basics.theme_edit.text() == ""


def test_deleting_a_draft_names_it(
    page: ThemeDaysPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = theme_days.new_theme_day_form(on=DAY)
    draft_id = THEME_DAY.save_draft(form)
    page.refresh()
    page.list.select_record(draft_id)
    asked: list[str] = []

    def answer(parent: object, message: messages.Message) -> bool:
        asked.append(message.text)
        return True

    monkeypatch.setattr(messages, "present", answer)
    click(qtbot, page.list.buttons["delete"])
    assert asked == [f"删除草稿「{DAY.year}年{DAY.month}月主题党日」？"]
    assert page.list.all_rows() == []


def test_typing_is_kept_as_a_draft_within_seconds_without_a_step_change(
    page: ThemeDaysPage, qtbot: QtBot
) -> None:
    """An unexpected exit loses at most the last moments of typing."""
    page.new_theme_day()
    wizard = page.wizard
    assert isinstance(wizard, ThemeDayWizard)
    fill_basics(wizard, theme="走进敬老院志愿服务")
    qtbot.waitUntil(lambda: wizard.mode is Mode.DRAFT, timeout=5000)
    (row,) = theme_days.list_theme_days()
    assert theme_days.load_theme_day(row.id).theme == "走进敬老院志愿服务"
    assert wizard.currentPage() is wizard.pages[0], "still on the first step"


def test_observers_are_offered_from_the_members_of_the_theme_days_date(
    roster: Store, qtbot: QtBot
) -> None:
    # rules.md §7: a record is judged by its own day — someone who joined after the theme
    # day was not a branch member then and is not offered as a member for 列席.
    from jianshi_desktop.domain.enums import MemberStatus
    from jianshi_desktop.domain.members import MemberFields
    from jianshi_desktop.services import members

    members.add_member(
        MemberFields(name="新党员", joined_on=TODAY, status=MemberStatus.PROBATIONARY),
        today=TODAY,
    )
    wizard = open_wizard(qtbot, roster)
    fill_basics(wizard)  # dated three days ago
    next_step(qtbot, wizard)
    next_step(qtbot, wizard)
    editor = wizard.attendance_page.editor
    offered = [editor.observer_combo.itemText(i) for i in range(editor.observer_combo.count())]
    assert "新党员" not in offered and "新党员" not in names(editor)


def test_the_chair_is_the_secretary_by_default_and_another_can_be_picked(
    roster: Store, qtbot: QtBot
) -> None:
    """主持人 (issue 14): the members of the day, the 书记 by default; another one picked
    stays picked when the date changes, shows on the review and is saved."""
    wizard = open_wizard(qtbot, roster)
    basics = wizard.basics
    fill_basics(wizard)
    secretary = meetings.secretary_id(DAY)
    assert secretary is not None and basics.chair_id() == secretary
    offered = [basics.chair_combo.itemData(i) for i in range(basics.chair_combo.count())]
    by_pinyin = sorted(meetings.member_choices(DAY), key=lambda choice: name_sort_key(choice[1]))
    assert offered == [m for m, _name in by_pinyin], "the members of the day, by pinyin"
    other = next(m for m in offered if m != secretary)
    basics.chair_combo.setCurrentIndex(basics.chair_combo.findData(other))
    other_name = basics.chair_combo.currentText()
    set_date(basics.date_edit, DAY - dt.timedelta(days=1))
    assert basics.chair_id() == other
    for _step in range(4):
        next_step(qtbot, wizard)
    assert f"\n主持人\n{other_name}\n" in wizard.review_page.review.toPlainText()
    finish(qtbot, wizard)
    assert wizard.record_id is not None
    assert theme_days.load_theme_day(wizard.record_id).chair_id == other


def test_no_chair_only_warns_beside_the_picker(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot, roster)
    fill_basics(wizard)
    wizard.basics.chair_combo.setCurrentIndex(-1)
    assert "没有选择主持人" in rh.field_error(wizard.basics, "chair_id")
    next_step(qtbot, wizard)
    assert wizard.currentId() == 1, "a warning does not hold the step"


def test_a_draft_that_cannot_be_kept_is_said_on_every_step(
    roster: Store, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(self: object, form: object, *, record_id: int | None = None) -> int:
        raise UserError("数据没有保存：磁盘已满。", hint="请清理磁盘后再试。")

    monkeypatch.setattr(RecordKind, "save_draft", disk_full)
    wizard = open_wizard(qtbot, roster)
    fill_basics(wizard)
    next_step(qtbot, wizard)  # a step change keeps a draft: here it cannot
    footer = wizard.currentPage().footer
    assert footer.isVisible() and footer.text().startswith("！草稿没能自动保存：数据没有保存")
    assert all("草稿没能自动保存" in page.footer.text() for page in wizard.pages)
    assert wizard.record_id is None
