"""关爱学生, driven like a secretary: a pairing made in its dialog (an ID number refused
beside the field), a help recorded in its wizard for the pairing chosen above, a term
summary, the end of a pairing, the 美篇 export with its warning, and 首页's line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialogButtonBox, QWidget, QWizard
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.enums import RecordState, StudentNeed
from jianshi_desktop.domain.student_pairing import term_of
from jianshi_desktop.gui.dashboard.pairing_line import PairingLine
from jianshi_desktop.gui.records.wizard import set_date
from jianshi_desktop.gui.student_pairing.dialogs import PairingDialog
from jianshi_desktop.gui.student_pairing.page import StudentPairingPage
from jianshi_desktop.gui.student_pairing.wizard import HelpContentPage, PairingHelpWizard
from jianshi_desktop.services import student_pairings as sp
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.meetings import member_choices
from jianshi_desktop.services.reminders import Action
from jianshi_desktop.services.store import Store

from .conftest import MessageLog, click
from .records_helpers import column_of, field_error, shown_rows, shown_text, step

TODAY = dt.date.today()
START = TODAY - dt.timedelta(days=20)


@pytest.fixture
def roster(gui_app: object, store: Store) -> Store:
    fill_demo(today=TODAY, with_records=False)
    return store


@pytest.fixture
def page(roster: Store, qtbot: QtBot) -> StudentPairingPage:
    shown = StudentPairingPage(roster.data.attachments, data_root=roster.data.root)
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    return shown


def ok_button(dialog: QWidget) -> QWidget:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    button = box.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    return button


def pairing_cells(page: StudentPairingPage, row: int) -> list[str]:
    table = page.pairing_table
    return [table.item(row, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]


def make_pairing(qtbot: QtBot, page: StudentPairingPage, student: str) -> PairingDialog:
    dialog = page.new_pairing()
    set_date(dialog.start_edit, START)
    member, _name = member_choices(START)[0]
    dialog.member_combo.setCurrentIndex(dialog.member_combo.findData(member))
    dialog.student_edit.setText(student)
    dialog.class_combo.setCurrentText("三年级1班")
    dialog.need_combo.setCurrentIndex(dialog.need_combo.findData(StudentNeed.LEFT_BEHIND.value))
    click(qtbot, ok_button(dialog))  # type: ignore[arg-type]
    return dialog


def test_a_pairing_is_made_in_its_dialog_and_an_id_number_is_refused(
    page: StudentPairingPage, qtbot: QtBot
) -> None:
    assert "还没有结对" in page.coverage_label.text()
    assert not page.edit_button.isEnabled() and not page.helps_button.isEnabled()
    dialog = make_pairing(qtbot, page, "42282219800101001X")
    assert dialog.isVisible()  # refused: the dialog stays, the message beside the field
    assert dialog.errors["student"].text() == "学生只填姓名或学校的编号，不要填身份证号。"
    assert sp.list_pairings() == []
    dialog.student_edit.setText("张小明")
    click(qtbot, ok_button(dialog))  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: not dialog.isVisible())
    name = member_choices(START)[0][1]
    assert pairing_cells(page, 0)[:5] == [
        name,
        "张小明",
        "三年级1班",
        "留守儿童",
        f"{START.year}年{START.month}月{START.day}日起",
    ]
    members = len(member_choices(TODAY))
    assert page.coverage_label.text().startswith(f"1/{members}名党员已结对（截至今天）")
    assert page.edit_button.isEnabled()  # the new pairing is chosen


def test_a_help_is_recorded_for_the_chosen_pairing_without_a_photo(
    page: StudentPairingPage, qtbot: QtBot
) -> None:
    qtbot.waitUntil(lambda: not make_pairing(qtbot, page, "张小明").isVisible())
    pairing_id = sp.list_pairings()[0].id
    assert page.list.empty_button.text() == "记录帮扶"  # no record yet: the empty list's button
    click(qtbot, page.list.empty_button)
    wizard = page.wizard
    assert isinstance(wizard, PairingHelpWizard)
    basics = wizard.basics
    assert basics.pairing_combo.currentData() == pairing_id
    assert "张小明" in basics.pairing_combo.currentText()  # the secretary's own page
    assert "张小明" not in wizard.windowTitle()  # a title names the code, never the student
    set_date(basics.date_edit, START - dt.timedelta(days=3))  # before the pairing began
    assert basics.pairing_combo.currentData() == pairing_id  # kept, and told why
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert "不在其中" in field_error(basics, "pairing_id")
    set_date(basics.date_edit, TODAY)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    content = step(wizard, HelpContentPage)
    assert [b.text() for b in content.attachments.add_buttons.values()] == [
        "添加照片…",
        "添加其他材料…",
    ]
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert field_error(content, "content") == "请写一写这次帮扶做了什么。"
    content.content_edit.setPlainText("课后辅导数学，讲解了三道错题。")
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: page.wizard is None)
    (row,) = shown_rows(page.list)
    assert row.state is RecordState.FINISHED
    assert shown_text(page.list, 0, column_of(page.list, "帮扶内容")).startswith("课后辅导数学")
    assert pairing_cells(page, 0)[5] == "1"  # 本学期帮扶次数


def test_a_summary_is_written_and_a_pairing_ended(page: StudentPairingPage, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not make_pairing(qtbot, page, "张小明").isVisible())
    assert pairing_cells(page, 0)[6] == "未写"
    click(qtbot, page.summary_button)
    dialogs = [w for w in page.findChildren(QWidget) if w.windowTitle() == "写学期小结"]
    summary = dialogs[-1]
    summary.text_edit.setPlainText("家访一次，辅导三次，学生按时交作业了。")  # type: ignore[attr-defined]
    click(qtbot, ok_button(summary))  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: not summary.isVisible())
    assert pairing_cells(page, 0)[6] == "已写"
    click(qtbot, page.end_button)
    ending = [w for w in page.findChildren(QWidget) if w.windowTitle() == "结束结对"][-1]
    set_date(ending.date_edit, START - dt.timedelta(days=1))  # type: ignore[attr-defined]
    click(qtbot, ok_button(ending))  # type: ignore[arg-type]
    assert "不能早于" in ending.error.text()  # type: ignore[attr-defined]
    set_date(ending.date_edit, TODAY)  # type: ignore[attr-defined]
    click(qtbot, ok_button(ending))  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: not ending.isVisible())
    assert pairing_cells(page, 0)[4].endswith(f"—{TODAY.year}年{TODAY.month}月{TODAY.day}日")
    assert not page.end_button.isEnabled()


def test_the_meipian_export_warns_first_and_writes_off_the_gui_thread(
    page: StudentPairingPage, qtbot: QtBot, shown_messages: MessageLog, tmp_path: Path
) -> None:
    page.export_materials()
    assert shown_messages.texts[-1].startswith("还没有完成的帮扶记录")
    qtbot.waitUntil(lambda: not make_pairing(qtbot, page, "张小明").isVisible())
    from jianshi_desktop.services.record_kinds import PAIRING_HELP

    form = sp.new_pairing_help_form(on=TODAY, pairing_id=sp.list_pairings()[0].id)
    form.content = "家访。"
    PAIRING_HELP.finish(form)
    assert page.export_materials() is None  # the warning's default answer is 取消
    assert "学生的信息" in shown_messages.texts[-1]
    task = page.start_export(tmp_path, TODAY.year)
    qtbot.waitUntil(lambda: not task.running, timeout=10_000)
    name = member_choices(START)[0][1]
    text = tmp_path / f"{TODAY.year}年关爱学生美篇素材" / name / f"{name}_结对帮扶.txt"
    assert "家访。" in text.read_text(encoding="utf-8-sig")
    assert "已导出" in shown_messages.texts[-1]


class _Emitter(QObject):
    action = Signal(object)


def test_the_dashboard_line_shows_once_there_is_a_pairing(roster: Store, qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    emitter = _Emitter()
    line = PairingLine(host, emitter.action)
    host.show()
    line.refresh(TODAY)
    assert line.isHidden()
    member, _name = member_choices(START)[0]
    sp.add_pairing(sp.PairingEntry(member, "张小明", StudentNeed.POOR, START))
    line.refresh(TODAY)
    assert line.isVisible()
    members = len(member_choices(TODAY))
    assert line.label.text() == f"关爱学生：1/{members}名党员已结对，本学期帮扶0次"
    with qtbot.waitSignal(emitter.action) as seen:
        click(qtbot, line.button)
    assert seen.args == [Action("student_pairing")]


def test_the_package_option_for_students_warns_and_asks_first(
    gui_app: object,
    qtbot: QtBot,
    store: Store,
    shown_messages: MessageLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from jianshi_desktop.domain import periods
    from jianshi_desktop.gui.common import messages
    from jianshi_desktop.gui.submission.page import SubmissionPage

    today = dt.date(2026, 11, 26)
    fill_demo(today=today)  # helps in August 2026
    shown = SubmissionPage(store.data, today=lambda: today)
    qtbot.addWidget(shown)
    shown.show()
    panel = shown.export_panel
    panel.period_picker.set_period(periods.month(2026, 8))
    assert "编号和帮扶次数" in panel.notes_label.text()
    without = panel.record_list.count()
    panel.students_check.setChecked(True)  # the question's default answer is 不包含
    assert "未成年学生" in shown_messages.texts[-1]
    assert not panel.students_check.isChecked() and not panel.options().include_students
    monkeypatch.setattr(messages, "present", lambda _parent, _message: True)
    panel.students_check.setChecked(True)
    assert panel.students_warning.isVisible() and panel.options().include_students
    assert panel.record_list.count() == without + 2  # the two 结对帮扶记录 go in


def test_the_summary_reminder_opens_the_summary_of_a_pairing_without_one(
    page: StudentPairingPage, qtbot: QtBot
) -> None:
    roster = member_choices(START)
    first = sp.add_pairing(sp.PairingEntry(roster[0][0], "张小明", StudentNeed.POOR, START))
    second = sp.add_pairing(sp.PairingEntry(roster[1][0], "李小红", StudentNeed.POOR, START))
    term = term_of(TODAY)
    sp.write_summary(first, term, "辅导三次。", written_on=TODAY)
    page.refresh()
    assert page.perform("show_summaries", {"term_start": term.start.isoformat()})
    (dialog,) = [w for w in page.findChildren(QWidget) if w.windowTitle() == "写学期小结"]
    assert dialog.isVisible() and dialog.row.id == second  # type: ignore[attr-defined]
    assert dialog.term_combo.currentText() == term.label  # type: ignore[attr-defined]


def test_the_fields_take_no_more_than_a_package_carries(
    page: StudentPairingPage, qtbot: QtBot
) -> None:
    """records.json caps a class at 30 characters, a student at 50, a place at 100: the
    fields stop there, so a package with students' names still verifies."""
    dialog = page.new_pairing()
    typed = "七年级（3）班（寄宿部，班主任李老师，原六年级2班转入，2026年秋季分班后）"
    dialog.class_combo.setCurrentText(typed)
    assert dialog.class_combo.currentText() == typed[:30]
    dialog.student_edit.setText("张" * 60)
    assert dialog.student_edit.text() == "张" * 50
    dialog.class_combo.setCurrentText("422822198001010011")  # an ID number: told beside it
    set_date(dialog.start_edit, START)
    dialog.student_edit.setText("张小明")
    dialog.need_combo.setCurrentIndex(dialog.need_combo.findData(StudentNeed.POOR.value))
    click(qtbot, ok_button(dialog))  # type: ignore[arg-type]
    assert dialog.errors["class_name"].text() == "学生只填姓名或学校的编号，不要填身份证号。"
    dialog.close()
    sp.add_pairing(sp.PairingEntry(member_choices(START)[0][0], "李小红", StudentNeed.POOR, START))
    page.refresh()
    click(qtbot, page.list.empty_button)
    wizard = page.wizard
    assert isinstance(wizard, PairingHelpWizard)
    wizard.basics.place_combo.setCurrentText("地" * 120)
    assert wizard.basics.place_combo.currentText() == "地" * 100
