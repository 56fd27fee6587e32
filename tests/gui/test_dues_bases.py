"""缴费基数 window (issue 18), driven as a secretary would: select a member, 修改…, type
the base, 保存; import a wage list through its preview (the file dialogs answer with a
path, monkeypatched); 党费交至 on a 转出.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from jianshi_desktop.db.models import DuesBase, Transfer
from jianshi_desktop.domain.enums import DuesCategory, MemberEventKind
from jianshi_desktop.gui.common.widgets import select_row, shown_problem
from jianshi_desktop.gui.dues.bases import BASE, DUE, SOURCE, BaseDialog, BasesWindow
from jianshi_desktop.gui.dues.wage_import import ACTION, NEW, NOTE, WageImportDialog
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.gui.members.member_dialog import MemberDialog
from jianshi_desktop.gui.members.roster_import import XLSX_FILTER
from jianshi_desktop.gui.members.status_dialogs import LeavingDialog
from jianshi_desktop.services import dues_bases, dues_ledger
from jianshi_desktop.services.branch import BranchInfo
from tests.unit.test_dues_bases import add, wage_list

from .conftest import MessageLog, click

TODAY = dt.date(2026, 11, 26)
WAIT_MS = 10_000


@pytest.fixture
def window(gui_app: object, qtbot: QtBot, branch: BranchInfo) -> BasesWindow:
    add(1, "张文")
    add(2, "李华")
    shown = BasesWindow(None, year=2026, today=TODAY)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def cell(window: BasesWindow, name: str, column: int) -> str:
    row = next(i for i, r in enumerate(window.rows) if r.name == name)
    item = window.table.item(row, column)
    return "" if item is None else item.text()


def text_at(dialog: WageImportDialog, row: int, column: int) -> str:
    item = dialog.table.item(row, column)
    return "" if item is None else item.text()


def open_editor(qtbot: QtBot, window: BasesWindow, name: str) -> BaseDialog:
    select_row(window.table, next(i for i, r in enumerate(window.rows) if r.name == name))
    click(qtbot, window.edit_button)
    dialog = window.child_dialog
    assert isinstance(dialog, BaseDialog) and dialog.isVisible()
    return dialog


def answer_file(monkeypatch: pytest.MonkeyPatch, which: str, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, which, lambda *_a, **_k: (str(path), XLSX_FILTER))


def test_typing_a_base_shows_the_months_due(qtbot: QtBot, window: BasesWindow) -> None:
    """rules.md §3: 5400 元 在职 → 81.00 元 a month, on the whole base."""
    assert cell(window, "张文", SOURCE) == "未核定"
    dialog = open_editor(qtbot, window, "张文")
    qtbot.keyClicks(dialog.base_edit, "5,400")
    assert "81.00元" in dialog.due_label.text()
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: window.child_dialog is None, timeout=WAIT_MS)
    assert (cell(window, "张文", BASE), cell(window, "张文", DUE)) == ("5400.00", "81.00")
    assert cell(window, "张文", SOURCE) == "手工填写"
    assert "已核定1名" in window.summary_label.text()


def test_a_negative_base_is_shown_beside_the_field_and_nothing_saved(
    qtbot: QtBot, window: BasesWindow
) -> None:
    dialog = open_editor(qtbot, window, "李华")
    qtbot.keyClicks(dialog.base_edit, "-5400")
    click(qtbot, dialog.save_button)
    assert "不能是负数" in shown_problem(dialog.base_error)
    assert dialog.isVisible()
    assert not DuesBase.select().exists()


def test_a_student_pays_the_fixed_amount_without_a_base(qtbot: QtBot, window: BasesWindow) -> None:
    dialog = open_editor(qtbot, window, "李华")
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData(DuesCategory.STUDENT))
    assert dialog.fixed_edit.isVisible() and not dialog.base_edit.isVisible()
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: window.child_dialog is None, timeout=WAIT_MS)
    assert cell(window, "李华", BASE) == ""
    assert cell(window, "李华", DUE) == "0.20"


def test_a_wage_list_imported_through_the_preview(
    qtbot: QtBot,
    window: BasesWindow,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: MessageLog,
    tmp_path: Path,
) -> None:
    path = wage_list(
        tmp_path / "工资表.xlsx",
        [
            (1, "张文", None, 2500, 1400, 1000, 500),
            (2, "赵强", None, 2500, 1400, 1000, 500),  # on the payroll, not in the branch
            (3, "李华", None, "两千", 1400, 1000, 500),
        ],
    )
    answer_file(monkeypatch, "getOpenFileName", path)
    click(qtbot, window.import_button)
    task = window.import_task
    assert task is not None
    qtbot.waitUntil(lambda: isinstance(window.child_dialog, WageImportDialog), timeout=WAIT_MS)
    dialog = window.child_dialog
    assert isinstance(dialog, WageImportDialog)
    summary = dialog.summary_label.text()
    assert "将新增 1 名" in summary and "有问题 1 行" in summary
    assert "另有 1 人不是本支部党员，已跳过" in summary
    assert text_at(dialog, 0, NEW) == "5400.00"
    assert (text_at(dialog, 1, ACTION), text_at(dialog, 1, NOTE)) == (
        "跳过",
        "工资表中的其他教职工，不导入",
    )
    assert "岗位工资「两千」不是金额" in text_at(dialog, 2, NOTE)

    problems = tmp_path / "要改的.xlsx"
    answer_file(monkeypatch, "getSaveFileName", problems)
    click(qtbot, dialog.save_problems_button)
    writing = dialog.task
    assert writing is not None
    qtbot.waitUntil(lambda: problems.exists() and not writing.running, timeout=WAIT_MS)
    written = openpyxl.load_workbook(problems).active
    assert written.cell(row=2, column=2).value == "李华" and written.max_row == 2

    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: window.child_dialog is None, timeout=WAIT_MS)
    assert cell(window, "张文", DUE) == "81.00"
    assert cell(window, "张文", SOURCE) == "工资表.xlsx"
    assert any("新增1名" in text for text in shown_messages.texts)


def test_a_broken_wage_list_is_a_message_not_a_preview(
    qtbot: QtBot,
    window: BasesWindow,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: MessageLog,
    tmp_path: Path,
) -> None:
    path = tmp_path / "工资表.xlsx"
    path.write_bytes(b"PK\x03\x04 broken")
    answer_file(monkeypatch, "getOpenFileName", path)
    click(qtbot, window.import_button)
    task = window.import_task
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT_MS)
    assert window.child_dialog is None
    assert any("可能已损坏" in text for text in shown_messages.texts)


def test_carry_last_years_bases(
    qtbot: QtBot, window: BasesWindow, shown_messages: MessageLog
) -> None:
    first = window.rows[0].member_id
    dues_bases.set_base(first, 2026, category=DuesCategory.EMPLOYED, base_fen=450000)
    window.year_combo.setCurrentIndex(window.year_combo.findData(2027))
    assert "2027年未核定" in cell(window, "张文", SOURCE)
    click(qtbot, window.carry_button)
    assert cell(window, "张文", SOURCE) == "沿用2026年"
    assert "已为1名党员沿用上年基数。" in shown_messages.texts[-1]
    assert not window.carry_button.isEnabled()


def test_payment_methods_edited_in_their_list(qtbot: QtBot, window: BasesWindow) -> None:
    dialog = window.edit_methods()
    dialog.list.setCurrentRow(0)  # 现金
    dialog.remove_selected()
    dialog.new_edit.insert("银行卡")  # typed (keyClicks types ASCII only)
    dialog.save()
    assert dues_ledger.payment_methods() == ["转账", "微信", "支付宝", "银行卡"]


def test_a_transfer_out_records_the_month_paid_through(
    gui_app: object, qtbot: QtBot, branch: BranchInfo
) -> None:
    member = add(3)
    dialog = LeavingDialog(None, member, kind=MemberEventKind.TRANSFER_OUT)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.paid_through.edit.isVisible() and dialog.paid_through.edit.text() == ""
    assert "介绍信" in dialog.paid_through.edit.toolTip()
    dialog.date.set_date(dt.date(2026, 3, 3))
    dialog.letter_edit.insert("建组转字〔2026〕3号")
    dialog.counterpart_edit.insert("县实验中学支部")
    dialog.paid_through.edit.insert("2026年13月")
    dialog.save()
    assert "月份13不存在" in shown_problem(dialog.paid_through.error)
    dialog.paid_through.edit.clear()
    qtbot.keyClicks(dialog.paid_through.edit, "2026.10")
    dialog.save()
    assert "比转出日期晚了6个月以上" in shown_problem(dialog.paid_through.error)
    dialog.paid_through.edit.clear()
    qtbot.keyClicks(dialog.paid_through.edit, "2026.02")
    dialog.save()
    assert Transfer.get(Transfer.member == member).dues_paid_through == dt.date(2026, 2, 1)
    dialog.set_kind(MemberEventKind.DECEASED)
    assert not dialog.paid_through.edit.isVisible()


def test_the_reminder_opens_the_bases_of_its_year(
    qtbot: QtBot, main_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """首页 → 核定基数: the 党费 page opens the window on the reminder's year; the page's
    缴费基数… button opens it on this year."""
    first = add(1, "张文")
    dues_bases.set_base(first, 2026, category=DuesCategory.EMPLOYED, base_fen=450000)
    reminder = dues_bases.base_reminders(dt.date(2027, 1, 4))[0]
    main_window.act(reminder.action)
    page = main_window.page("dues")
    window = page.bases_window  # type: ignore[attr-defined]
    assert isinstance(window, BasesWindow) and window.isVisible()
    assert window.year() == 2027
    assert "2027年未核定" in cell(window, "张文", SOURCE)
    window.accept()
    qtbot.waitUntil(lambda: page.bases_window is None, timeout=WAIT_MS)  # type: ignore[attr-defined]
    click(qtbot, page.bases_button)  # type: ignore[attr-defined]
    reopened = page.bases_window  # type: ignore[attr-defined]
    assert isinstance(reopened, BasesWindow) and reopened.year() == dt.date.today().year
    reopened.accept()


def test_a_transfer_in_records_the_month_paid_elsewhere(
    gui_app: object, qtbot: QtBot, branch: BranchInfo
) -> None:
    dialog = MemberDialog(None, mode="transfer_in")
    qtbot.addWidget(dialog)
    dialog.show()
    field = dialog.paid_through
    assert field.edit.isVisible() and field.edit.text() == ""
    assert "下一个月起" in field.edit.toolTip()
    dialog.name_edit.setText("王芳")
    dialog.dates["joined_on"].edit.setText("2015.07.01")
    dialog.letter_edit.setText("鄂组转〔2026〕3号")
    dialog.counterpart_edit.setText("中共巴东县某中学支部委员会")
    field.edit.setText("2026年8月")
    click(qtbot, dialog.primary_button())
    assert dialog.saved_id is not None
    saved = Transfer.get(Transfer.member == dialog.saved_id)
    assert saved.dues_paid_through == dt.date(2026, 8, 1)
