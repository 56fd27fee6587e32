"""The 谈心谈话 wizard and page: a talk recorded end to end, 提醒谈话 confidential by
default, a talkee from outside, drafts kept on closing, and the coverage line above the
list following what is recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWizard
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.enums import HeartTalkKind, RecordState
from jianshi_desktop.gui.heart_talks.page import COMPLETE, HeartTalksPage
from jianshi_desktop.gui.heart_talks.wizard import HeartTalkWizard, TalkContentPage
from jianshi_desktop.gui.records.wizard import Mode, set_date
from jianshi_desktop.services import heart_talks
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.meetings import committee_member_ids, member_choices
from jianshi_desktop.services.record_kinds import HEART_TALK
from jianshi_desktop.services.store import Store
from tests.gui import records_helpers as rh

from .records_helpers import choose, column_of, notice_text, shown_rows, shown_text, step

TODAY = dt.date.today()
DAY = TODAY - dt.timedelta(days=2)


@pytest.fixture
def roster(gui_app: object, store: Store) -> Store:
    fill_demo(today=TODAY, with_records=False)
    return store


def click(qtbot: QtBot, button: QAbstractButton | None) -> None:
    assert button is not None and button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def next_step(qtbot: QtBot, wizard: QWizard) -> None:
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))


def finish(qtbot: QtBot, wizard: QWizard) -> None:
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))


def open_wizard(qtbot: QtBot, form: heart_talks.HeartTalkForm | None = None) -> HeartTalkWizard:
    wizard = HeartTalkWizard(form or heart_talks.new_heart_talk_form())
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def names() -> dict[int, str]:
    return dict(member_choices())


def test_a_heart_talk_from_start_to_finish(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot)
    basics = wizard.basics
    secretary = basics.talker_combo.currentText()
    assert secretary != "（请选择）", "the secretary talks by default"
    talkee_id, talkee = list(names().items())[-1]
    set_date(basics.date_edit, DAY)
    basics.talkee_combo.setCurrentText(talkee)
    basics.place_combo.setCurrentText("校长室")
    next_step(qtbot, wizard)

    content = step(wizard, TalkContentPage)
    next_step(qtbot, wizard)
    assert wizard.currentId() == 1
    assert rh.field_error(content, "topic") == "请填写谈话主题。"
    assert rh.field_error(content, "talker_said") == "请至少记录一方的谈话内容。"
    content.topic_edit.setText("交流思想，听取意见")
    content.texts["talkerSaid"].setPlainText("肯定了近期工作。")
    content.texts["talkeeSaid"].setPlainText("表示会加强学习。")
    content.texts["problems"].setPlainText("班级管理压力大。")
    content.texts["followUp"].setPlainText("下月再交流一次。")
    next_step(qtbot, wizard)
    review = wizard.review_page.review.toPlainText()
    assert talkee in review and "班级管理压力大。" in review
    finish(qtbot, wizard)

    assert wizard.outcome == "finished" and wizard.record_id is not None
    saved = heart_talks.load_heart_talk(wizard.record_id)
    assert names()[saved.talker_id or 0] == secretary
    assert (saved.talkee_id, saved.talkee_name) == (talkee_id, "")
    assert saved.held_on == DAY
    assert saved.kind is HeartTalkKind.COMMITTEE_MEMBER
    assert (saved.topic, saved.place) == ("交流思想，听取意见", "校长室")
    assert (saved.talker_said, saved.talkee_said) == ("肯定了近期工作。", "表示会加强学习。")
    assert (saved.problems, saved.follow_up) == ("班级管理压力大。", "下月再交流一次。")
    assert saved.confidential is False


def test_a_fresh_wizard_shows_no_problems_until_a_field_is_left(
    roster: Store, qtbot: QtBot
) -> None:
    wizard = open_wizard(qtbot)
    assert all(rh.field_error(wizard.basics, field) == "" for field in wizard.basics.errors)
    line = wizard.basics.talkee_combo.lineEdit()
    assert line is not None
    line.editingFinished.emit()
    assert rh.field_error(wizard.basics, "talkee") == "请选择谈话对象，或填写党外人员的姓名。"
    wizard.basics.talkee_combo.setEditText("赵老师")
    assert rh.field_error(wizard.basics, "talkee") == "", "corrected as it is typed"


def test_a_reminder_talk_is_confidential_by_default(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot)
    basics = wizard.basics
    assert not basics.confidential_check.isChecked()
    basics.choose_kind(HeartTalkKind.REMINDER)
    assert basics.confidential_check.isChecked()
    assert "不放入报送材料包和台账" in basics.confidential_hint.text()
    assert "可以取消勾选" in basics.confidential_hint.text()
    basics.choose_kind(HeartTalkKind.MEMBER_PEERS)
    assert not basics.confidential_check.isChecked(), "ticked by the kind, unticked with it"

    basics.choose_kind(HeartTalkKind.REMINDER)
    basics.confidential_check.setChecked(False)  # the secretary decides otherwise
    set_date(basics.date_edit, DAY)
    basics.talkee_combo.setCurrentText(list(names().values())[-1])
    next_step(qtbot, wizard)
    step(wizard, TalkContentPage).topic_edit.setText("工作纪律提醒")
    step(wizard, TalkContentPage).texts["talkerSaid"].setPlainText("提醒按时到岗。")
    next_step(qtbot, wizard)
    assert "保密\n否" in wizard.review_page.review.toPlainText()
    finish(qtbot, wizard)
    assert wizard.record_id is not None
    saved = heart_talks.load_heart_talk(wizard.record_id)
    assert saved.kind is HeartTalkKind.REMINDER and saved.confidential is False


def test_a_talkee_from_outside_is_typed(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot)
    set_date(wizard.basics.date_edit, DAY)
    wizard.basics.talkee_combo.setEditText("赵老师")
    next_step(qtbot, wizard)
    step(wizard, TalkContentPage).topic_edit.setText("入党动机")
    step(wizard, TalkContentPage).texts["talkeeSaid"].setPlainText("希望早日加入党组织。")
    next_step(qtbot, wizard)
    assert "赵老师（支部以外人员）" in wizard.review_page.review.toPlainText()
    finish(qtbot, wizard)
    assert wizard.record_id is not None
    saved = heart_talks.load_heart_talk(wizard.record_id)
    assert (saved.talkee_id, saved.talkee_name) == (None, "赵老师")


def test_the_same_person_twice_is_refused_beside_the_field(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot)
    wizard.basics.talkee_combo.setCurrentText(wizard.basics.talker_combo.currentText())
    next_step(qtbot, wizard)
    assert wizard.currentId() == 0
    assert rh.field_error(wizard.basics, "talkee") == "谈话人和谈话对象不能是同一个人。"


def test_committee_peers_with_a_plain_member_only_warns(roster: Store, qtbot: QtBot) -> None:
    committee = set(committee_member_ids(TODAY))
    outsider = next(name for member_id, name in names().items() if member_id not in committee)
    wizard = open_wizard(qtbot)
    wizard.basics.choose_kind(HeartTalkKind.COMMITTEE_PEERS)
    wizard.basics.talkee_combo.setCurrentText(outsider)
    assert "都应是支部委员" in rh.field_error(wizard.basics, "kind")
    next_step(qtbot, wizard)
    assert wizard.currentId() == 1, "a warning does not block"


def test_save_draft_keeps_an_unfinished_step(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot)
    wizard.basics.choose_kind(HeartTalkKind.MEMBER_PEERS)
    click(qtbot, wizard.button(QWizard.WizardButton.CustomButton1))  # 存为草稿
    assert not wizard.isVisible()
    assert wizard.outcome == "draft" and wizard.record_id is not None
    assert HEART_TALK.state(wizard.record_id) == (RecordState.DRAFT, False)
    assert heart_talks.load_heart_talk(wizard.record_id).kind is HeartTalkKind.MEMBER_PEERS


# --- the page -------------------------------------------------------------------------------


@pytest.fixture
def page(roster: Store, qtbot: QtBot) -> HeartTalksPage:
    shown = HeartTalksPage(data_root=roster.data.root)
    qtbot.addWidget(shown)
    shown.resize(1100, 650)
    shown.show()
    return shown


def test_coverage_names_who_is_missing_and_follows_a_recorded_talk(
    page: HeartTalksPage, qtbot: QtBot
) -> None:
    everyone = names()
    assert page.coverage_label.text().startswith(
        f"！今年还没有谈心谈话的党员（{len(everyone)}人）："
    )
    assert "支委之间还未谈话" in page.coverage_label.text() and "—" in page.coverage_label.text()
    assert page.more_button.isVisible(), "long: collapsed to a line each"
    assert "……" in page.coverage_label.text()
    click(qtbot, page.more_button)
    assert all(name in page.coverage_label.text() for name in everyone.values())
    click(qtbot, page.more_button)

    talkee = list(everyone.values())[-1]
    page.list.new_record()
    wizard = page.wizard
    assert isinstance(wizard, HeartTalkWizard)
    set_date(wizard.basics.date_edit, DAY)
    wizard.basics.talkee_combo.setCurrentText(talkee)
    next_step(qtbot, wizard)
    step(wizard, TalkContentPage).topic_edit.setText("交流思想")
    step(wizard, TalkContentPage).texts["talkerSaid"].setPlainText("谈了近期工作。")
    next_step(qtbot, wizard)
    finish(qtbot, wizard)

    count = len(heart_talks.talk_coverage(TODAY.year).members_without_talk)
    assert count == len(everyone) - 2
    assert page.coverage_label.text().startswith(f"！今年还没有谈心谈话的党员（{count}人）：")
    click(qtbot, page.more_button)
    assert talkee not in page.coverage_label.text()
    assert "已完成" in notice_text(page.list)
    assert [b.text() for b in page.list.notice_buttons] == [
        "预览并打印",
        "保存为 PDF",
        "保存为 Word",
        "再记录一次谈话",
        "归档",
    ]


def test_complete_coverage_says_so(page: HeartTalksPage, monkeypatch: pytest.MonkeyPatch) -> None:
    import jianshi_desktop.gui.heart_talks.page as module

    monkeypatch.setattr(
        module, "talk_coverage", lambda year: heart_talks.TalkCoverage(year, [], [])
    )
    page.refresh()
    assert page.coverage_label.text() == f"✓ {COMPLETE}"
    assert not page.more_button.isVisible()


def test_confidential_talks_are_marked_in_the_list(page: HeartTalksPage) -> None:
    form = heart_talks.new_heart_talk_form(on=DAY, kind=HeartTalkKind.REMINDER)
    form.talkee_id = list(names())[-1]
    form.topic, form.talker_said = "工作纪律提醒", "提醒按时到岗。"
    HEART_TALK.finish(form)
    page.refresh()
    column = column_of(page.list, "保密")
    assert shown_text(page.list, 0, column) == "保密"
    choose(page.list, "kind", "提醒谈话")
    assert len(shown_rows(page.list)) == 1
    choose(page.list, "kind", "党员之间")
    assert shown_rows(page.list) == []


def test_closing_halfway_leaves_a_draft_and_archived_opens_read_only(
    page: HeartTalksPage, qtbot: QtBot
) -> None:
    page.new_talk()
    wizard = page.wizard
    assert wizard is not None
    set_date(wizard.basics.date_edit, DAY)
    wizard.basics.talkee_combo.setEditText("赵老师")
    next_step(qtbot, wizard)
    step(wizard, TalkContentPage).topic_edit.setText("入党动机")
    wizard.close()
    rows = page.list.all_rows()
    assert [(r.talkee, r.topic, r.state) for r in rows] == [
        ("赵老师", "入党动机", RecordState.DRAFT)
    ]
    page.list.select_record(rows[0].id)
    page.list.open_selected()
    again = page.wizard
    assert isinstance(again, HeartTalkWizard) and again.mode is Mode.DRAFT
    assert step(again, TalkContentPage).topic_edit.text() == "入党动机"
    step(again, TalkContentPage).texts["talkeeSaid"].setPlainText("希望早日入党。")
    next_step(qtbot, again)
    next_step(qtbot, again)
    finish(qtbot, again)
    HEART_TALK.archive(rows[0].id)
    page.refresh()

    page.list.select_record(rows[0].id)
    page.list.open_selected()
    viewer = page.wizard
    assert isinstance(viewer, HeartTalkWizard) and viewer.mode is Mode.READ_ONLY
    assert step(viewer, TalkContentPage).topic_edit.isReadOnly()
    assert not viewer.basics.kind_combo.isEnabled()
    assert viewer.button(QWizard.WizardButton.FinishButton).isHidden()
    viewer.close()
    assert HEART_TALK.state(rows[0].id) == (RecordState.ARCHIVED, False)


def test_the_pickers_offer_the_members_of_the_talks_day(roster: Store, qtbot: QtBot) -> None:
    """rules.md §7: a talk is with members of its own day. A member who joined today is
    not offered for a talk last month; one transferred out since is; a member picked who
    was not one that day is taken out, while a name typed for an outsider stays."""
    from jianshi_desktop.domain.enums import MemberEventKind, MemberStatus
    from jianshi_desktop.domain.idcard import check_char
    from jianshi_desktop.domain.members import MemberFields
    from jianshi_desktop.services import members

    first17 = "42282219990101123"
    newcomer = members.add_member(
        MemberFields(
            name="新同志",
            id_number=first17 + check_char(first17),
            joined_on=TODAY,
            status=MemberStatus.PROBATIONARY,
        ),
        today=TODAY,
    )
    leaver_id, leaver = list(names().items())[-2]
    members.record_leaving(
        leaver_id,
        MemberEventKind.TRANSFER_OUT,
        on=TODAY - dt.timedelta(days=10),
        letter_no="建教党字〔2026〕3号",
        counterpart="某中学支部",
        today=TODAY,
    )
    wizard = open_wizard(qtbot)
    basics = wizard.basics

    def offered() -> set[str]:
        return {basics.talkee_combo.itemText(i) for i in range(basics.talkee_combo.count())}

    set_date(basics.date_edit, TODAY)
    assert "新同志" in offered() and leaver not in offered()
    basics.talkee_combo.setCurrentText("新同志")
    assert basics.talkee() == (newcomer, "")

    set_date(basics.date_edit, TODAY - dt.timedelta(days=30))
    assert "新同志" not in offered() and leaver in offered()
    assert basics.talkee() == (None, "")  # not a member that day: to be chosen again
    talker = basics.talker_combo.currentText()
    assert talker != "（请选择）", "the secretary, a member then too, stays picked"

    basics.talkee_combo.setEditText("赵老师")
    set_date(basics.date_edit, TODAY)
    assert basics.talkee() == (None, "赵老师")
    assert basics.talker_combo.currentText() == talker
