"""The 民主评议党员 wizard and page, driven like a secretary: type, set the tallies, pick,
下一步, 完成 — and what was saved read back through the services; the 测评表 and the
情况报告 from the page; the member's window with the ratings over the years."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWizard
from pytestqt.qtbot import QtBot

from jianshi_desktop.documents.model import Document, Table
from jianshi_desktop.domain.enums import MeetingKind, Rating, RecordState, UnqualifiedDecision
from jianshi_desktop.gui.documents import preview
from jianshi_desktop.gui.member_appraisals.page import MemberAppraisalsPage
from jianshi_desktop.gui.member_appraisals.wizard import (
    MemberAppraisalWizard,
    RatingsPage,
    UnqualifiedPage,
)
from jianshi_desktop.gui.members.member_dialog import MemberDialog
from jianshi_desktop.gui.records.wizard import Mode, set_date
from jianshi_desktop.services import meetings
from jianshi_desktop.services import member_appraisals as svc
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.meetings import AgendaEntry
from jianshi_desktop.services.record_kinds import MEETING, MEMBER_APPRAISAL
from jianshi_desktop.services.store import Store
from tests.gui import records_helpers as rh

from .conftest import MessageLog

TODAY = dt.date.today()
DAY = TODAY - dt.timedelta(days=3)
JOINED_LATE = "马俊"  # the demo's member who joined 200 days before today
EARLY = TODAY - dt.timedelta(days=250)  # before he joined


@pytest.fixture
def roster(gui_app: object, store: Store) -> Store:
    """The demo branch and roster, without records."""
    fill_demo(today=TODAY, with_records=False)
    return store


def open_wizard(qtbot: QtBot, store: Store, form: svc.MemberAppraisalForm | None = None,
                **kwargs: Any) -> MemberAppraisalWizard:  # fmt: skip
    wizard = MemberAppraisalWizard(
        form or svc.new_member_appraisal_form(on=DAY),
        attachments_dir=store.data.attachments,
        **kwargs,
    )
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def click(qtbot: QtBot, button: QAbstractButton | None) -> None:
    assert button is not None and button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def next_step(qtbot: QtBot, wizard: QWizard) -> None:
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))


def finish(qtbot: QtBot, wizard: QWizard) -> None:
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))


def tally(page: RatingsPage, row: int, *counts: int) -> None:
    """Type a row's 优秀, 合格, 基本合格, 不合格 votes into its spin boxes."""
    for spin, count in zip(page.rows[row].spins, counts, strict=False):
        spin.setValue(count)


def fill_basics(wizard: MemberAppraisalWizard, voters: int) -> None:
    wizard.basics.voters_spin.setValue(voters)
    wizard.basics.place_combo.setCurrentText("学校会议室")


def fill_everyone(page: RatingsPage, voters: int) -> None:
    """Every row 合格 by most votes, its 自评 见附件 (the button)."""
    for number in range(len(page.rows)):
        tally(page, number, 1, voters - 1)
    page.fill_button.click()


def test_the_table_lists_the_members_of_the_day_and_follows_the_date(
    roster: Store, qtbot: QtBot
) -> None:
    wizard = open_wizard(qtbot, roster)
    page = wizard.ratings_page
    names = [row.entry.name for row in page.rows]
    assert len(names) == 23 and JOINED_LATE in names
    assert wizard.currentPage().title() == "第1步（共3步）：基本情况"  # no 不合格: 3 steps
    set_date(wizard.basics.date_edit, EARLY)
    assert JOINED_LATE not in [row.entry.name for row in page.rows]  # joined later


def test_the_rating_follows_the_most_votes_never_before_and_not_after_a_pick(
    roster: Store, qtbot: QtBot
) -> None:
    wizard = open_wizard(qtbot, roster)
    page = wizard.ratings_page
    row = page.rows[0]
    assert row.combo.currentText() == "未评定"  # no vote yet: nothing guessed
    tally(page, 0, 3)
    assert row.combo.currentText() == "优秀"
    tally(page, 0, 3, 9)
    assert row.combo.currentText() == "合格"
    tally(page, 0, 3, 3)
    assert row.combo.currentText() == "未评定"  # a tie: the branch decides
    row.combo.setCurrentIndex(row.combo.findText("优秀"))
    row.combo.activated.emit(row.combo.currentIndex())  # picked by hand
    tally(page, 0, 3, 12)
    assert row.combo.currentText() == "优秀", "a pick is kept"


def test_an_appraisal_from_start_to_finish(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot, roster)
    next_step(qtbot, wizard)
    assert wizard.currentId() == 0, "no place: the step refuses"
    assert rh.field_error(wizard.basics, "place") == "请填写评议地点。"
    # the 测评表 count is shown as missing, but a draft made before the meeting goes on
    assert "收回的测评表份数" in rh.field_error(wizard.basics, "voters")
    wizard.basics.voters_spin.setValue(20)
    wizard.basics.place_combo.setCurrentText("学校会议室")
    next_step(qtbot, wizard)

    page = rh.step(wizard, RatingsPage)
    assert "每人四项票数之和不能超过20" in page.hint.text()
    fill_everyone(page, 20)
    name = page.rows[1].entry.name
    tally(page, 1, 14, 6)
    tally(page, 2, 1, 19)
    page.rows[2].combo.setCurrentIndex(page.rows[2].combo.findText("基本合格"))
    page.rows[2].combo.activated.emit(page.rows[2].combo.currentIndex())
    next_step(qtbot, wizard)  # no 不合格: straight to the review
    assert wizard.currentPage() is wizard.review_page
    review = wizard.review_page.review.toPlainText()
    assert "优秀1人，合格21人，基本合格1人，不合格0人" in review
    assert f"{name}\n14\n6\n0\n0\n优秀" in review  # its row of the votes table
    finish(qtbot, wizard)

    assert wizard.outcome == "finished" and wizard.record_id is not None
    saved = svc.load_member_appraisal(wizard.record_id)
    assert (saved.held_on, saved.place, saved.voters) == (DAY, "学校会议室", 20)
    assert [(e.name, e.excellent, e.qualified, e.rating) for e in saved.ratings[1:3]] == [
        (name, 14, 6, Rating.EXCELLENT),
        (page.rows[2].entry.name, 1, 19, Rating.BASICALLY_QUALIFIED),
    ]
    assert all(e.self_assessment == "见附件" for e in saved.ratings)
    assert MEMBER_APPRAISAL.state(wizard.record_id) == (RecordState.FINISHED, False)


def test_tallies_over_the_voters_are_shown_beside_the_table(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot, roster)
    fill_basics(wizard, 10)
    next_step(qtbot, wizard)
    page = wizard.ratings_page
    fill_everyone(page, 10)
    name = page.rows[0].entry.name
    tally(page, 0, 3, 8, 1)
    assert page.rows[0].total.text() == "12/10"
    next_step(qtbot, wizard)
    assert wizard.currentId() == 1, "refused"
    assert rh.field_error(page, "ratings") == (
        f"{name}的测评票数合计12票，多于收回的测评表10份，请核对。"
    )
    tally(page, 0, 2, 8, 0)  # 10: exactly the voters
    assert rh.field_error(page, "ratings") == ""
    next_step(qtbot, wizard)
    assert wizard.currentPage() is wizard.review_page


def test_unqualified_asks_reasons_a_decision_and_the_deciding_assembly(
    roster: Store, qtbot: QtBot
) -> None:
    wizard = open_wizard(qtbot, roster)
    fill_basics(wizard, 20)
    next_step(qtbot, wizard)
    page = wizard.ratings_page
    fill_everyone(page, 20)
    name = page.rows[4].entry.name
    tally(page, 4, 0, 5, 0, 15)
    assert page.rows[4].combo.currentText() == "不合格"
    next_step(qtbot, wizard)

    step = rh.step(wizard, UnqualifiedPage)
    assert wizard.currentPage() is step
    assert step.title() == "第3步（共4步）：不合格的处理"
    next_step(qtbot, wizard)
    assert wizard.currentPage() is step, "no reasons: refused"
    assert rh.field_error(step, "unqualified") == f"{name}评定为不合格，请写明理由。"
    edit, combo = step.editors[page.rows[4].entry.member_id]
    edit.setPlainText("全年无故不参加组织生活")
    combo.setCurrentIndex(combo.findText("限期改正"))
    next_step(qtbot, wizard)
    assert wizard.currentPage() is wizard.review_page
    problems = rh.problems_text(wizard.review_page)
    assert "请选择作出决定的支部党员大会记录" in problems and "回到第1步" in problems
    finish(qtbot, wizard)
    assert wizard.outcome != "finished", "refused without the deciding assembly"
    wizard.review_page.problems_label.linkActivated.emit("0")  # 回到第1步修改
    assert wizard.currentId() == 0
    assert "请选择作出决定的支部党员大会记录" in rh.field_error(wizard.basics, "meeting_id")

    meeting = meetings.new_meeting_form(MeetingKind.GENERAL_ASSEMBLY, on=DAY)
    meeting.place, meeting.recorder_id = "学校会议室", meeting.chair_id
    meeting.agenda = [AgendaEntry("讨论评为不合格党员的处理")]
    meeting_id = MEETING.finish(meeting)
    set_date(wizard.basics.date_edit, DAY - dt.timedelta(days=1))
    set_date(wizard.basics.date_edit, DAY)  # the list of assemblies is read anew
    combo_meetings = wizard.basics.meeting_combo
    combo_meetings.setCurrentIndex(combo_meetings.findData(meeting_id))
    for _step in range(3):
        next_step(qtbot, wizard)
    finish(qtbot, wizard)
    assert wizard.outcome == "finished" and wizard.record_id is not None
    saved = svc.load_member_appraisal(wizard.record_id)
    assert saved.meeting_id == meeting_id
    unqualified = saved.ratings[4]
    assert (unqualified.rating, unqualified.reasons, unqualified.decision) == (
        Rating.UNQUALIFIED,
        "全年无故不参加组织生活",
        UnqualifiedDecision.CORRECT,
    )


# --- drafts, the page and its documents ----------------------------------------------------


@pytest.fixture
def page(roster: Store, qtbot: QtBot) -> MemberAppraisalsPage:
    shown = MemberAppraisalsPage(roster.data.attachments, data_root=roster.data.root)
    qtbot.addWidget(shown)
    shown.resize(1100, 650)
    shown.show()
    return shown


def test_the_share_of_excellent_is_set_on_the_page(
    page: MemberAppraisalsPage, qtbot: QtBot
) -> None:
    assert page.share_spin.value() == 30 and page.share_spin.isVisible()
    page.share_spin.setValue(25)
    page.share_spin.editingFinished.emit()
    assert svc.appraisal_rules().excellent_share_percent == 25


def test_closing_halfway_leaves_a_draft_that_reopens(
    page: MemberAppraisalsPage, qtbot: QtBot
) -> None:
    assert page.list.stack.currentWidget() is page.list.empty_page
    assert f"{TODAY.year}年还没有开展民主评议党员" in page.year_label.text()
    click(qtbot, page.list.empty_button)
    wizard = page.wizard
    assert isinstance(wizard, MemberAppraisalWizard) and wizard.mode is Mode.NEW
    wizard.basics.voters_spin.setValue(18)
    next_step(qtbot, wizard)
    tally(wizard.ratings_page, 0, 2, 16)
    wizard.close()  # halfway, without asking

    assert page.wizard is None
    (row,) = page.list.all_rows()
    assert row.state is RecordState.DRAFT and row.voters == 18
    assert "还是草稿" in page.year_label.text()
    saved = svc.load_member_appraisal(row.id).ratings[0]
    assert (saved.excellent, saved.qualified, saved.rating) == (2, 16, Rating.QUALIFIED)

    click(qtbot, page.list.buttons["open"])
    again = page.wizard
    assert isinstance(again, MemberAppraisalWizard) and again.mode is Mode.DRAFT
    assert again.basics.voters_spin.value() == 18
    assert [s.value() for s in again.ratings_page.rows[0].spins] == [2, 16, 0, 0]
    assert again.ratings_page.rows[0].combo.currentText() == "合格"
    again.close()


def captured_preview(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Document, str]]:
    """Every preview asked for: (title, the document built, file stem)."""
    asked: list[tuple[str, Document, str]] = []

    def fake(_parent: object, title: str, build: Callable[[], Document], stem: str,
             _root: object, **_kw: object) -> object:  # fmt: skip
        asked.append((title, build(), stem))
        return None

    monkeypatch.setattr(preview, "open_preview", fake)
    return asked


def table_cells(document: Document) -> list[str]:
    return [c.text for b in document.blocks if isinstance(b, Table) for r in b.rows for c in r]


def test_the_ballot_prints_from_a_draft_or_today_s_members(
    page: MemberAppraisalsPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = captured_preview(monkeypatch)
    click(qtbot, page.ballot_button)  # nothing chosen: today's members
    title, ballot, stem = asked[-1]
    assert (title, stem) == ("民主评议党员测评表", f"{TODAY.year}年民主评议党员测评表")
    assert JOINED_LATE in table_cells(ballot) and "□" in table_cells(ballot)

    draft_id = MEMBER_APPRAISAL.save_draft(svc.new_member_appraisal_form(on=EARLY))
    page.refresh()
    assert page.list.select_record(draft_id)
    click(qtbot, page.ballot_button)
    _title, ballot, _stem = asked[-1]
    assert JOINED_LATE not in table_cells(ballot)  # the members of the draft's day


def test_the_report_needs_a_finished_appraisal(
    page: MemberAppraisalsPage,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: MessageLog,
) -> None:
    asked = captured_preview(monkeypatch)
    click(qtbot, page.report_button)
    assert asked == [] and "请先在列表中选中一次已完成的民主评议" in shown_messages.texts[-1]

    form = svc.new_member_appraisal_form(on=DAY)
    form.place, form.voters = "学校会议室", 20
    for entry in form.ratings:
        entry.qualified, entry.rating, entry.self_assessment = 20, Rating.QUALIFIED, "见附件"
    record_id = MEMBER_APPRAISAL.finish(form)
    page.refresh()
    assert page.list.select_record(record_id)
    assert page.year_label.text().startswith(f"✓ {TODAY.year}年的民主评议党员已完成")
    click(qtbot, page.report_button)
    title, report, stem = asked[-1]
    assert (title, stem) == ("民主评议党员情况报告", f"{DAY.year}年民主评议党员情况报告")
    assert report.title.endswith(f"{DAY.year}年度民主评议党员情况的报告")


def test_the_member_window_shows_the_ratings_over_the_years(roster: Store, qtbot: QtBot) -> None:
    def finished(on: dt.date, rating: Rating) -> svc.MemberAppraisalForm:
        form = svc.new_member_appraisal_form(on=on)
        form.place, form.voters = "学校会议室", 20
        for entry in form.ratings:
            entry.qualified, entry.rating, entry.self_assessment = 20, Rating.QUALIFIED, "见附件"
        form.ratings[0].rating = rating
        MEMBER_APPRAISAL.finish(form, today=on)
        return form

    member_id = finished(dt.date(TODAY.year - 2, 6, 1), Rating.EXCELLENT).ratings[0].member_id
    finished(dt.date(TODAY.year - 1, 1, 15), Rating.QUALIFIED)
    dialog = MemberDialog(None, mode="edit", member_id=member_id)
    qtbot.addWidget(dialog)
    label = dialog.findChild(QLabel, "appraisalLabel")
    assert label is not None and not label.isHidden()
    assert label.text() == f"民主评议：{TODAY.year - 1}年 合格；{TODAY.year - 2}年 优秀"

    # joined after both: no line at all
    late = next(e.member_id for e in svc.ratings_for_day(TODAY) if e.name == JOINED_LATE)
    other = MemberDialog(None, mode="edit", member_id=late)
    qtbot.addWidget(other)
    shown = other.findChild(QLabel, "appraisalLabel")
    assert shown is not None and shown.isHidden() and shown.text() == ""


def test_the_main_window_opens_the_area(main_window: Any) -> None:
    main_window.show_area("member_appraisals")
    page = main_window.current_page()
    assert isinstance(page, MemberAppraisalsPage)
    assert page.list.stack.currentWidget() is page.list.empty_page
    assert page.list.empty_button.text() == "记录今年的民主评议"


def test_an_archived_appraisal_opens_read_only_and_is_corrected_with_a_reason(
    roster: Store, qtbot: QtBot
) -> None:
    form = svc.new_member_appraisal_form(on=DAY)
    form.place, form.voters = "学校会议室", 20
    for entry in form.ratings:
        entry.qualified, entry.rating, entry.self_assessment = 20, Rating.QUALIFIED, "见附件"
    record_id = MEMBER_APPRAISAL.finish(form)
    MEMBER_APPRAISAL.archive(record_id)
    wizard = open_wizard(
        qtbot, roster, svc.load_member_appraisal(record_id), record_id=record_id,
        mode=Mode.READ_ONLY,
    )  # fmt: skip
    page = wizard.ratings_page
    assert not page.rows[0].spins[0].isEnabled() and page.rows[0].self_edit.isReadOnly()
    assert not page.fill_button.isVisible()
    wizard.start_amending()
    assert page.rows[0].spins[0].isEnabled()
    tally(page, 0, 19, 1)
    assert page.rows[0].combo.currentText() == "合格", "a saved rating is not changed by itself"
    for _step in range(2):
        next_step(qtbot, wizard)
    wizard.review_page.reason_edit.setText("测评票数登记有误")
    finish(qtbot, wizard)
    assert wizard.outcome == "amended"
    assert svc.load_member_appraisal(record_id).ratings[0].excellent == 19
    (amendment,) = MEMBER_APPRAISAL.amendments(record_id)
    assert amendment.reason == "测评票数登记有误"


def test_a_reminder_opens_a_new_appraisal_on_its_day(
    page: MemberAppraisalsPage, qtbot: QtBot
) -> None:
    from jianshi_desktop.domain.compliance import Per, Period
    from jianshi_desktop.services import compliance
    from jianshi_desktop.services.reminders import late_entry_action

    obligations = {o.key: o for o in compliance.shipped_obligations()}
    last_year = dt.date(TODAY.year - 1, 12, 31)
    year = Period(Per.YEAR, dt.date(TODAY.year - 1, 1, 1), last_year)
    action = late_entry_action(obligations["appraisal"], year, TODAY, subject_id=None)
    assert (action.area, action.command) == ("member_appraisals", "new_member_appraisal")
    assert page.perform(action.command, action.params)
    wizard = page.wizard
    assert isinstance(wizard, MemberAppraisalWizard)
    assert wizard.basics.held_on() == last_year
    assert wizard.windowTitle() == f"{TODAY.year - 1}年民主评议党员（新记录）"
    wizard.close()


def test_the_ballot_prints_from_the_wizard_before_the_meeting(
    roster: Store, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = captured_preview(monkeypatch)
    wizard = open_wizard(qtbot, roster, svc.new_member_appraisal_form(on=EARLY))
    wizard.basics.place_combo.setCurrentText("学校会议室")
    next_step(qtbot, wizard)  # no 测评表 counted yet: a draft goes on, with a warning
    assert wizard.currentPage() is wizard.ratings_page
    click(qtbot, wizard.ratings_page.ballot_button)
    assert wizard.mode is Mode.DRAFT and wizard.record_id is not None, "kept as a draft"
    title, ballot, _stem = asked[-1]
    assert title == "民主评议党员测评表"
    cells = table_cells(ballot)
    assert JOINED_LATE not in cells  # the members of the appraisal's day
    assert cells[7] == wizard.ratings_page.rows[0].entry.name
    wizard.close()


def test_finishing_without_the_number_of_ballots_is_refused(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot, roster)
    wizard.basics.place_combo.setCurrentText("学校会议室")
    next_step(qtbot, wizard)
    fill_everyone(wizard.ratings_page, 20)
    assert wizard.ratings_page.rows[0].total.text() == "20"  # no 测评表 count to compare
    next_step(qtbot, wizard)
    assert wizard.currentPage() is wizard.review_page
    assert "请填写收回的测评表份数" in rh.problems_text(wizard.review_page)
    finish(qtbot, wizard)
    assert wizard.outcome != "finished"
    assert "收回的测评表份数" in rh.field_error(wizard.basics, "voters")
