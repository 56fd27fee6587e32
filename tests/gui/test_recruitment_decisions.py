"""发展党员 decided in the meeting wizard (issue 19), driven as a secretary would: the
resolution's kind and person, the 发展党员表决 button, the checks at the step, and 完成
taking the step (接收 → a 预备党员 on the roster from the meeting day)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractButton, QWizard
from pytestqt.qtbot import QtBot

from jianshi_desktop.db.models import Branch
from jianshi_desktop.domain.dates import add_months
from jianshi_desktop.domain.enums import MeetingKind, MemberStatus, ResolutionKind
from jianshi_desktop.domain.members import probation_end
from jianshi_desktop.gui.common.widgets import shown_problem
from jianshi_desktop.gui.meetings.decisions_dialog import NOBODY
from jianshi_desktop.gui.meetings.proceedings_rows import ResolutionRow
from jianshi_desktop.gui.meetings.wizard import (
    MeetingWizard,
    new_meeting_wizard,
    open_meeting_wizard,
)
from jianshi_desktop.services import demo, history, meetings, members, recruitment
from jianshi_desktop.services.store import Store
from tests.unit.test_recruitment_decisions import (
    DEMO_DAY,
    NOW,
    RECORDS_FROM,
    candidate_ready_for_admission,
    member_named,
    steps_of,
)

from . import meeting_steps as steps
from .conftest import MessageLog

NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=DEMO_DAY, with_records=False)
    Branch.update(records_from=RECORDS_FROM).execute()
    return store


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), f"{button.text()} cannot be clicked"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def press(qtbot: QtBot, wizard: MeetingWizard, which: QWizard.WizardButton) -> None:
    click(qtbot, wizard.button(which))


def to_resolutions(
    qtbot: QtBot, store: Store, kind: MeetingKind, agenda: str = "讨论发展党员工作"
) -> MeetingWizard:
    """A new meeting of today, its agenda item added, on 会议内容 with everyone present."""
    form = meetings.new_meeting_form(kind, on=NOW)
    wizard = new_meeting_wizard(
        None, form, attachments_dir=store.data.attachments, today=lambda: NOW
    )
    qtbot.addWidget(wizard)
    wizard.show()
    basics = steps.basics(wizard)
    basics.start_edit.setText("15:00")
    basics.end_edit.setText("16:30")
    basics.place_combo.setEditText("学校会议室")
    basics.agenda_edit.setText(agenda)
    click(qtbot, basics.add_agenda_button)
    press(qtbot, wizard, NEXT)
    press(qtbot, wizard, NEXT)
    assert wizard.currentPage() is steps.proceedings(wizard)
    return wizard


def kinds_offered(row: ResolutionRow) -> list[str]:
    return [row.kind_combo.itemText(i) for i in range(row.kind_combo.count())]


def people_offered(row: ResolutionRow) -> list[str]:
    return [row.person_combo.itemText(i) for i in range(row.person_combo.count())]


def choose(row: ResolutionRow, kind: ResolutionKind, person: str | None = None) -> None:
    row.kind_combo.setCurrentIndex(row.kind_combo.findData(kind))
    if person is not None:
        row.person_combo.setCurrentIndex(row.person_combo.findText(person))


def test_a_general_assembly_accepts_a_candidate_in_a_few_clicks(
    branch: Store, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    file_id = candidate_ready_for_admission("黄晓燕")  # steps 1–14 done
    wizard = to_resolutions(qtbot, branch, MeetingKind.GENERAL_ASSEMBLY, "讨论接收预备党员")
    page = steps.proceedings(wizard)
    click(qtbot, page.decisions_button)
    dialog = page.decisions_dialog
    assert dialog is not None and dialog.isVisible()
    offered = [(box.text(), s.kind, box.isChecked()) for box, s in dialog.boxes]
    assert ("黄晓燕", ResolutionKind.ADMISSION, True) in offered
    assert ("史刚", ResolutionKind.FULL_MEMBERSHIP, True) in offered, "预备期 over"
    assert ("马俊", ResolutionKind.FULL_MEMBERSHIP, True) not in offered, "预备期 not over"
    assert ("马俊", ResolutionKind.PROBATION_EXTENDED, False) in offered, "only when needed"
    for box, subject in dialog.boxes:  # this meeting accepts, nothing else
        box.setChecked(subject.kind is ResolutionKind.ADMISSION)
    click(qtbot, dialog.add_button)

    (section,) = page.sections
    (row,) = section.resolutions
    assert row.text.toPlainText() == "同意接收黄晓燕为中共预备党员"
    assert row.kind_combo.currentText() == "接收预备党员"
    assert row.person_combo.currentText() == "黄晓燕"
    assert steps.result_text(row).startswith("✓ 表决结果：通过。"), "全体同意 to start"
    assert row.written_box.isVisible(), "absent voters may send written opinions"
    press(qtbot, wizard, NEXT)
    assert wizard.currentPage() is steps.review(wizard)
    assert steps.problem_texts(wizard) == []
    press(qtbot, wizard, FINISH)

    assert wizard.result() == QWizard.DialogCode.Accepted
    assert steps_of(file_id)[15] == (NOW, wizard.record_id)
    (accepted,) = [m for m in members.list_members() if m.name == "黄晓燕"]
    assert accepted.status is MemberStatus.PROBATIONARY
    assert accepted.joined_on == NOW
    assert accepted.id in {m.id for m in history.roster_on(NOW)}
    assert accepted.id not in {m.id for m in history.roster_on(NOW - dt.timedelta(days=1))}
    assert shown_messages.shown == []

    assert wizard.record_id is not None  # opened again: the person is still named
    again = open_meeting_wizard(
        None, wizard.record_id, attachments_dir=branch.data.attachments, today=lambda: NOW
    )
    qtbot.addWidget(again)
    again.show()
    again.go_to_step(again.pages.index(steps.proceedings(again)))
    (row,) = steps.proceedings(again).sections[0].resolutions
    assert (row.kind_combo.currentText(), row.person_combo.currentText()) == (
        "接收预备党员",
        "黄晓燕",
    )
    assert row.entry(0).recruitment_id == file_id


def test_a_committee_names_an_activist_through_the_wizard(branch: Store, qtbot: QtBot) -> None:
    file_id = recruitment.new_recruitment(
        recruitment.RecruitmentFields(name="李文", birth_date=dt.date(1999, 1, 2)),
        applied_on=NOW - dt.timedelta(days=40),
        today=NOW,
    )
    talker = next(m.id for m in history.roster_on(NOW) if m.status is MemberStatus.FULL)
    form = recruitment.StepForm(no=2, done_on=NOW - dt.timedelta(days=30), people=[talker])
    recruitment.record_step(file_id, form, today=NOW)
    wizard = to_resolutions(qtbot, branch, MeetingKind.COMMITTEE)
    page = steps.proceedings(wizard)
    click(qtbot, page.decisions_button)
    assert page.decisions_dialog is not None
    assert [b.text() for b, _s in page.decisions_dialog.boxes] == ["李文"]
    click(qtbot, page.decisions_dialog.add_button)
    (row,) = page.sections[0].resolutions
    assert row.text.toPlainText() == "同意确定李文为入党积极分子"
    assert not row.written_box.isVisible()
    press(qtbot, wizard, NEXT)
    press(qtbot, wizard, FINISH)
    assert steps_of(file_id)[3] == (NOW, wizard.record_id)


def test_the_kinds_offered_fit_the_meeting_and_a_person_fills_the_text(
    branch: Store, qtbot: QtBot
) -> None:
    committee = to_resolutions(qtbot, branch, MeetingKind.COMMITTEE)
    section = steps.proceedings(committee).sections[0]
    click(qtbot, section.add_resolution_button)
    row = section.resolutions[0]
    assert kinds_offered(row) == ["一般事项", "确定入党积极分子", "确定发展对象"]
    assert not row.person_combo.isVisible()
    choose(row, ResolutionKind.ACTIVIST)
    assert row.person_combo.isVisible()
    assert people_offered(row) == ["请选择"], "nobody has had the talk yet"
    assert not row.written_box.isVisible(), "a 支委会 takes no written opinions"
    committee.close()

    assembly = to_resolutions(qtbot, branch, MeetingKind.GENERAL_ASSEMBLY)
    section = steps.proceedings(assembly).sections[0]
    click(qtbot, section.add_resolution_button)
    row = section.resolutions[0]
    assert kinds_offered(row) == [
        "一般事项",
        "接收预备党员",
        "预备党员转正",
        "延长预备期",
        "取消预备党员资格",
        "选举",
    ]
    choose(row, ResolutionKind.FULL_MEMBERSHIP)
    assert people_offered(row) == ["请选择", "史刚"], "only 预备党员 whose 预备期 is over"
    choose(row, ResolutionKind.FULL_MEMBERSHIP, "史刚")
    assert row.text.toPlainText() == "同意预备党员史刚按期转为中共正式党员"
    assert row.entry(0).member_id == member_named("史刚")

    row.text.setPlainText("")
    choose(row, ResolutionKind.PROBATION_EXTENDED, "马俊")
    assert row.extended_edit.isVisible()
    facts = history.facts_of(member_named("马俊"))
    assert facts is not None and facts.joined_on is not None
    half_a_year = add_months(probation_end(facts.joined_on), 6)
    assert row.extended_edit.date() == QDate(half_a_year.year, half_a_year.month, half_a_year.day)
    entry = row.entry(0)
    assert (entry.member_id, entry.extended_to) == (member_named("马俊"), half_a_year)
    assert row.text.toPlainText() == "同意延长预备党员马俊的预备期"


def test_a_problem_with_a_decision_is_shown_on_its_resolution(branch: Store, qtbot: QtBot) -> None:
    wizard = to_resolutions(qtbot, branch, MeetingKind.COMMITTEE)
    section = steps.proceedings(wizard).sections[0]
    click(qtbot, section.add_resolution_button)
    row = section.resolutions[0]
    choose(row, ResolutionKind.ACTIVIST)
    row.text.setPlainText("同意确定张某为入党积极分子")
    press(qtbot, wizard, NEXT)
    assert wizard.currentPage() is steps.proceedings(wizard), "whom it is about is missing"
    assert shown_problem(row.error) == (
        "第1项决议（确定入党积极分子）：请在“表决对象”中选择这项决议是关于谁的。"
    )
    wizard.close()

    wizard = to_resolutions(qtbot, branch, MeetingKind.GENERAL_ASSEMBLY)
    section = steps.proceedings(wizard).sections[0]
    click(qtbot, section.add_resolution_button)
    row = section.resolutions[0]
    choose(row, ResolutionKind.FULL_MEMBERSHIP)
    row.text.setPlainText("同意张某转为正式党员")
    press(qtbot, wizard, NEXT)
    assert wizard.currentPage() is steps.review(wizard), "a 转正 without a member only warns"
    assert steps.problem_texts(wizard) == [
        "第1项决议（预备党员转正）没有选择党员：决议只记入会议记录，不会改变党员名册。"
    ]


def test_nobody_due_is_said_plainly_with_why(
    branch: Store, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    file_id = recruitment.new_recruitment(
        recruitment.RecruitmentFields(name="李文", birth_date=dt.date(1999, 1, 2)),
        applied_on=NOW - dt.timedelta(days=20),
        today=NOW,
    )
    assert file_id
    wizard = to_resolutions(qtbot, branch, MeetingKind.COMMITTEE)
    page = steps.proceedings(wizard)
    click(qtbot, page.decisions_button)
    assert page.decisions_dialog is None
    (message,) = shown_messages.shown
    assert message.text == NOBODY
    assert "先派人谈话" in message.hint
    assert page.sections[0].resolutions == []
