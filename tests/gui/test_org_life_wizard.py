"""The 组织生活会 wizard and page, driven like a secretary: type, click, 下一步, 完成 — the
problem said beside its field, a draft kept on closing, the 整改清单 on the page with
标记完成…, and the 召开情况报告."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QWizard
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import HeartTalkKind, Presence, RecordState
from jianshi_desktop.gui.common.widgets import shown_problem
from jianshi_desktop.gui.org_life_meetings.page import OrgLifeMeetingsPage
from jianshi_desktop.gui.org_life_meetings.wizard import (
    CriticismRow,
    CriticismStep,
    ItemRow,
    OrgLifeMeetingWizard,
    PreparationStep,
    RectificationStep,
    SelfReviewStep,
)
from jianshi_desktop.gui.records.wizard import Mode, set_date
from jianshi_desktop.services import heart_talks, meetings
from jianshi_desktop.services import org_life_meetings as olm
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.record_kinds import HEART_TALK, ORG_LIFE_MEETING
from jianshi_desktop.services.store import Store
from tests.gui import records_helpers as rh

from .records_helpers import names, presence_button, reason_edit, row_error, step

TODAY = dt.date.today()
DAY = TODAY - dt.timedelta(days=3)


@pytest.fixture
def roster(gui_app: object, store: Store) -> Store:
    """The demo branch and roster, without records, and one talk before the meeting."""
    fill_demo(today=TODAY, with_records=False)
    form = heart_talks.new_heart_talk_form(on=DAY, kind=HeartTalkKind.COMMITTEE_MEMBER)
    form.talkee_id = meetings.member_choices(DAY)[4][0]
    form.topic, form.talker_said, form.place = "思想和工作情况", "交流了近期的工作。", "校长室"
    HEART_TALK.finish(form, today=DAY)
    return store


@pytest.fixture
def page(roster: Store, qtbot: QtBot) -> OrgLifeMeetingsPage:
    shown = OrgLifeMeetingsPage(
        roster.data.attachments, data_root=roster.data.root, today=lambda: TODAY
    )
    qtbot.addWidget(shown)
    shown.resize(1200, 800)
    shown.show()
    return shown


def click(qtbot: QtBot, button: QAbstractButton | None) -> None:
    assert button is not None and button.isVisible() and button.isEnabled()
    if isinstance(button, QCheckBox):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def next_step(qtbot: QtBot, wizard: QWizard) -> None:
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))


def finish(qtbot: QtBot, wizard: QWizard) -> None:
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))


def new_wizard(page: OrgLifeMeetingsPage, qtbot: QtBot) -> OrgLifeMeetingWizard:
    click(qtbot, page.list.empty_button)
    wizard = page.wizard
    assert isinstance(wizard, OrgLifeMeetingWizard) and wizard.mode is Mode.NEW
    return wizard


def fill_basics(wizard: OrgLifeMeetingWizard, theme: str = "对照党章党规找差距") -> None:
    set_date(wizard.basics.date_edit, DAY)
    wizard.basics.theme_edit.setText(theme)
    wizard.basics.place_combo.setCurrentText("学校会议室")


def ready_record(*, due: dt.date) -> int:
    """A finished 组织生活会 on DAY with two 整改 items, the first due on ``due``."""
    form = olm.new_org_life_meeting_form(on=DAY)
    form.theme, form.place = "对照党章党规找差距", "学校会议室"
    people = olm.reviewers(DAY, form.attendance)
    form.self_reviews = [olm.SelfReviewEntry(i, "学习不够系统。") for i, _n in people]
    form.criticisms = [olm.CriticismEntry(people[0][0], None, "带头作用发挥不够。")]
    form.rectification = [
        olm.RectificationEntry("学习联系实际不够", "每月分享会", people[0][0], due),
        olm.RectificationEntry("家校沟通单一", "家访周", people[1][0], DAY + dt.timedelta(200)),
    ]
    return ORG_LIFE_MEETING.finish(form)


# --- the wizard ----------------------------------------------------------------------------


def test_a_meeting_from_start_to_finish(page: OrgLifeMeetingsPage, qtbot: QtBot) -> None:
    wizard = new_wizard(page, qtbot)
    assert wizard.currentPage().title() == "第1步（共7步）：基本情况"
    set_date(wizard.basics.date_edit, DAY)
    next_step(qtbot, wizard)
    assert wizard.currentId() == 0, "no theme: the step refuses"
    assert rh.field_error(wizard.basics, "theme") == "请填写会议主题。"
    fill_basics(wizard)
    next_step(qtbot, wizard)

    prep = step(wizard, PreparationStep)
    assert prep.talk_list.count() == 1, "the talk held before the meeting is offered"
    prep.count_edit.setText("十二")
    next_step(qtbot, wizard)
    assert wizard.currentId() == 1, "a count that is no number is refused"
    assert "0或正整数" in rh.field_error(prep, "opinions_count")
    prep.count_edit.setText("12")
    assert rh.field_error(prep, "opinions_count") == "", "cleared as it is corrected"
    prep.source_edit.setText("全体教职工")
    prep.study_edit.setPlainText("集中学习党章。")
    prep.talk_list.item(0).setCheckState(Qt.CheckState.Checked)
    next_step(qtbot, wizard)

    editor = wizard.attendance_step.editor
    assert len(names(editor)) == 23
    away = next(n for n in names(editor)[5:])
    click(qtbot, presence_button(editor, away, Presence.ON_LEAVE))
    next_step(qtbot, wizard)
    assert wizard.currentId() == 2 and row_error(editor, away), "请假 needs a reason"
    reason_edit(editor, away).setText("外出培训")
    next_step(qtbot, wizard)

    reviews = step(wizard, SelfReviewStep)
    assert len(reviews.rows) == 22, "everyone present, not who was on leave"
    assert away not in [row.name_label.text() for row in reviews.rows]
    next_step(qtbot, wizard)
    assert wizard.currentId() == 3, "nobody's 对照检查: refused"
    assert "还没有任何人的对照检查" in rh.field_error(reviews, "self_reviews")
    for review_row in reviews.rows[:-1]:
        review_row.text_edit.setPlainText("理论学习不够系统。")
    missing = reviews.rows[-1].name_label.text()
    assert missing in rh.field_error(reviews, "self_reviews"), "the one left is named"
    next_step(qtbot, wizard)  # a warning lets the step go on

    criticisms = step(wizard, CriticismStep)
    click(qtbot, criticisms.list.add_button)
    (row,) = criticisms.list.rows
    assert isinstance(row, CriticismRow) and row.of_combo.currentText() == "自我批评"
    row.by_combo.setCurrentIndex(0)
    next_step(qtbot, wizard)
    assert wizard.currentId() == 4
    assert rh.field_error(criticisms, "criticisms") == "第1条批评与自我批评没有内容，请填写。"
    row.text_edit.setText("带头作用发挥不够。")
    next_step(qtbot, wizard)

    items = step(wizard, RectificationStep)
    click(qtbot, items.list.add_button)
    (item,) = items.list.rows
    assert isinstance(item, ItemRow)
    item.problem_edit.setText("学习联系实际不够")
    item.measure_edit.setText("每月一次学习分享会")
    item.due_edit.setText("2月30日")
    next_step(qtbot, wizard)
    assert wizard.currentId() == 5
    assert "整改清单第1项没有选择责任人" in rh.field_error(items, "rectification")
    item.owner_combo.setCurrentIndex(0)
    next_step(qtbot, wizard)
    assert wizard.currentId() == 5, "a due date that is no date is refused"
    assert "第1项的完成时限" in rh.field_error(items, "rectification")
    item.due.set_date(DAY - dt.timedelta(days=1))
    next_step(qtbot, wizard)
    assert "早于会议日期" in rh.field_error(items, "rectification")
    due = DAY + dt.timedelta(days=90)
    item.due.set_date(due)
    next_step(qtbot, wizard)

    review = wizard.review_page.review.toPlainText()
    assert "12条（向全体教职工征求）" in review and f"请假：{away}（外出培训）" in review
    assert f"学习联系实际不够（{item.owner_combo.currentText()}，{format_date(due)}）" in review
    problems = rh.problems_text(wizard.review_page)
    assert f"{missing}还没有对照检查" in problems and "内容齐全" not in problems
    finish(qtbot, wizard)

    assert wizard.outcome == "finished" and wizard.record_id is not None
    saved = olm.load_org_life_meeting(wizard.record_id)
    assert (saved.held_on, saved.theme, saved.opinions_count) == (DAY, "对照党章党规找差距", 12)
    assert len(saved.talk_ids) == 1 and len(saved.self_reviews) == 21
    assert [(c.of_id, c.text) for c in saved.criticisms] == [(None, "带头作用发挥不够。")]
    assert [(i.problem, i.due_on) for i in saved.rectification] == [("学习联系实际不够", due)]
    assert ORG_LIFE_MEETING.state(wizard.record_id) == (RecordState.FINISHED, False)
    # on the page: the meeting and its open item
    assert rh.shown_text(page.list, 0, "整改") == "1项，未完成1项"
    assert [r.problem for r in page.item_rows] == ["学习联系实际不够"]


def test_without_talks_before_the_meeting_no_empty_list_is_shown(
    page: OrgLifeMeetingsPage, qtbot: QtBot
) -> None:
    wizard = new_wizard(page, qtbot)
    fill_basics(wizard)
    set_date(wizard.basics.date_edit, DAY - dt.timedelta(days=1))  # the day before the talk
    next_step(qtbot, wizard)
    prep = step(wizard, PreparationStep)
    assert not prep.talk_list.isVisible()
    assert prep.talk_hint.isVisible() and "还没有已完成的谈心谈话记录" in prep.talk_hint.text()
    click(qtbot, wizard.button(QWizard.WizardButton.BackButton))
    set_date(wizard.basics.date_edit, DAY)
    next_step(qtbot, wizard)
    assert prep.talk_list.isVisible() and prep.talk_list.count() == 1
    wizard.close()


def test_closing_halfway_leaves_a_draft_that_reopens(
    page: OrgLifeMeetingsPage, qtbot: QtBot
) -> None:
    wizard = new_wizard(page, qtbot)
    fill_basics(wizard, theme="学习贯彻全会精神")
    next_step(qtbot, wizard)
    assert wizard.mode is Mode.DRAFT, "saved when the step changed"
    step(wizard, PreparationStep).study_edit.setPlainText("学习党章")
    wizard.close()

    assert page.wizard is None
    (row,) = page.list.all_rows()
    assert (row.theme, row.state) == ("学习贯彻全会精神", RecordState.DRAFT)
    assert olm.load_org_life_meeting(row.id).study == "学习党章"
    assert page.item_rows == [], "a draft's items are not on the list"
    click(qtbot, page.list.buttons["open"])
    again = page.wizard
    assert isinstance(again, OrgLifeMeetingWizard) and again.mode is Mode.DRAFT
    assert again.basics.theme_edit.text() == "学习贯彻全会精神"
    assert step(again, PreparationStep).study_edit.toPlainText() == "学习党章"


def test_an_archived_record_keeps_its_closed_items_when_corrected(
    page: OrgLifeMeetingsPage, qtbot: QtBot
) -> None:
    record_id = ready_record(due=DAY + dt.timedelta(30))
    ORG_LIFE_MEETING.archive(record_id)
    first = olm.load_org_life_meeting(record_id).rectification[0].item_id
    assert first is not None
    olm.close_rectification_item(first, TODAY, "分享会已开展。")
    page.refresh()
    page.list.select_record(record_id)
    click(qtbot, page.list.buttons["open"])
    viewer = page.wizard
    assert isinstance(viewer, OrgLifeMeetingWizard) and viewer.mode is Mode.READ_ONLY
    reviews = step(viewer, SelfReviewStep)
    assert reviews.rows and all(row.text_edit.isReadOnly() for row in reviews.rows)
    assert step(viewer, RectificationStep).list.add_button.isHidden()
    viewer.close()
    click(qtbot, page.list.buttons["amend"])
    wizard = page.wizard
    assert isinstance(wizard, OrgLifeMeetingWizard) and wizard.mode is Mode.AMEND
    items = step(wizard, RectificationStep)
    closed = items.list.rows[0]
    assert isinstance(closed, ItemRow)
    assert closed.state_label.text() == f"已于{format_date(TODAY)}整改完成：分享会已开展。"
    closed.measure_edit.setText("每月一次学习分享会")
    wizard.go_to_step(len(wizard.pages) - 1)
    wizard.review_page.reason_edit.setText("整改措施写得不具体")
    finish(qtbot, wizard)
    assert wizard.outcome == "amended"
    saved = olm.load_org_life_meeting(record_id).rectification[0]
    assert (saved.measure, saved.closed_on) == ("每月一次学习分享会", TODAY)


# --- the page's 整改清单 -------------------------------------------------------------------


def cell_text(page: OrgLifeMeetingsPage, row: int, column: int = 0) -> str:
    cell = page.items_table.item(row, column)
    return "" if cell is None else cell.text()


def test_open_items_are_listed_the_overdue_marked_and_closed_with_a_note(
    page: OrgLifeMeetingsPage, qtbot: QtBot
) -> None:
    ready_record(due=TODAY - dt.timedelta(days=1))
    page.refresh()
    assert [r.problem for r in page.item_rows] == ["学习联系实际不够", "家校沟通单一"]
    assert [cell_text(page, row) for row in (0, 1)] == ["！已超期", "整改中"]
    assert "还有2项整改没有完成，其中1项已超过完成时限" in page.items_summary.text()
    assert not page.close_button.isEnabled(), "nothing selected yet"
    page.select_item(page.item_rows[0].id)
    assert page.close_button.isEnabled() and not page.reopen_button.isEnabled()
    click(qtbot, page.close_button)
    dialog = page.close_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.date_edit.text() == format_date(TODAY)
    dialog.save()
    assert dialog.isVisible(), "no note: refused"
    assert "请简要写明整改结果" in shown_problem(dialog.note_error)
    dialog.date.set_date(TODAY + dt.timedelta(days=1))
    dialog.note_edit.setText("已开展学习分享会两次。")
    dialog.save()
    assert "晚于今天" in shown_problem(dialog.date_error)
    dialog.date.set_date(TODAY)
    dialog.save()
    assert page.close_dialog is None
    assert [r.problem for r in page.item_rows] == ["家校沟通单一"]
    assert "还有1项整改没有完成。" in page.items_summary.text()
    assert rh.shown_text(page.list, 0, "整改") == "2项，未完成1项"

    click(qtbot, page.show_closed)
    assert [r.problem for r in page.item_rows] == ["家校沟通单一", "学习联系实际不够"]
    assert cell_text(page, 1) == f"已完成（{format_date(TODAY)}）"
    page.select_item(page.item_rows[1].id)
    assert page.reopen_button.isEnabled() and not page.close_button.isEnabled()


def test_a_reminder_shows_its_item(page: OrgLifeMeetingsPage) -> None:
    record_id = ready_record(due=TODAY)
    second = olm.load_org_life_meeting(record_id).rectification[1].item_id
    assert page.perform("show_rectification", {"item_id": second})
    assert page.selected_item() is not None and page.selected_item().id == second  # type: ignore[union-attr]
    assert not page.perform("show_rectification", {"item_id": 9999})


def test_a_reminder_opens_a_new_meeting_on_its_day(page: OrgLifeMeetingsPage) -> None:
    assert page.perform("new_org_life_meeting", {"date": DAY.isoformat(), "tag": "组织生活会"})
    wizard = page.wizard
    assert isinstance(wizard, OrgLifeMeetingWizard) and wizard.form().held_on == DAY
    wizard.close()


def test_the_report_is_offered_for_a_finished_meeting_only(
    page: OrgLifeMeetingsPage,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: Any,
) -> None:
    from jianshi_desktop.gui.documents import preview

    opened: list[tuple[str, Any, str]] = []

    def fake_preview(_parent: object, title: str, build: Any, stem: str, _root: object) -> None:
        opened.append((title, build, stem))

    monkeypatch.setattr(preview, "open_preview", fake_preview)
    draft = olm.new_org_life_meeting_form(on=DAY)
    draft.theme = "草稿"
    ORG_LIFE_MEETING.save_draft(draft)
    page.refresh()
    page.list.select_record(page.list.all_rows()[0].id)
    click(qtbot, page.report_button)
    assert opened == [] and "请先选中一次已完成的组织生活会" in shown_messages.texts[-1]
    record_id = ready_record(due=TODAY)
    page.refresh()
    page.list.select_record(record_id)
    click(qtbot, page.report_button)
    ((title, build, stem),) = opened
    assert title == "组织生活会召开情况报告"
    assert stem == f"{DAY.year}年度组织生活会召开情况报告"
    document = build()
    assert document.title == f"关于召开{DAY.year}年度组织生活会情况的报告"


# --- from 首页 -------------------------------------------------------------------------------


def test_the_home_page_reminders_open_this_page(
    gui_app: object, qtbot: QtBot, store: Store
) -> None:
    from jianshi_desktop.gui.main_window import MainWindow
    from tests.gui.test_actions import click_reminder, open_window, opened_by_click

    december = dt.date(2026, 12, 3)
    window = open_window(qtbot, store, december)
    wizard = opened_by_click(qtbot, window, "2026年组织生活会尚未开展")
    assert window.current_area() == "org_life_meetings"
    assert isinstance(wizard, OrgLifeMeetingWizard)
    assert wizard.form().held_on == december
    wizard.close()

    # an open 整改 item past its date: the reminder shows it on the page
    form = olm.new_org_life_meeting_form(on=dt.date(2026, 10, 20))
    form.theme, form.place = "对照党章党规找差距", "学校会议室"
    people = olm.reviewers(form.held_on, form.attendance)
    form.self_reviews = [olm.SelfReviewEntry(i, "学习不够系统。") for i, _n in people]
    owner = people[0][0]
    form.rectification = [
        olm.RectificationEntry("学习联系实际不够", "每月分享会", owner, dt.date(2026, 11, 30))
    ]
    ORG_LIFE_MEETING.finish(form, today=dt.date(2026, 10, 21))
    window.show_area("home")
    window.home_page.refresh()
    title = next(
        item.reminder.title
        for item in window.home_page.reminder_list.items
        if item.reminder.kind == "rectification"
    )
    assert title.startswith("整改事项“学习联系实际不够”已过完成时限")
    click_reminder(qtbot, window, title)
    page = window.page("org_life_meetings")
    assert isinstance(window, MainWindow) and isinstance(page, OrgLifeMeetingsPage)
    assert window.current_area() == "org_life_meetings"
    selected = page.selected_item()
    assert selected is not None and selected.problem == "学习联系实际不够" and selected.overdue
