"""欠缴党费 on the 党费 page: the members behind listed with their months and amount, the
decision dialog refusing what breaks a rule beside its field and recording a valid
decision, and the reminders' actions on 首页 reaching the panel through the page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTableWidgetItem
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.enums import ArrearsDecision
from jianshi_desktop.gui.dues.arrears import ArrearsPanel, DecisionDialog
from jianshi_desktop.gui.dues.page import DuesPage
from jianshi_desktop.services import dues_arrears
from jianshi_desktop.services.branch import BranchInfo
from jianshi_desktop.services.store import Store
from tests.gui.conftest import MessageLog, click, visible_windows
from tests.unit.test_dues_arrears import TODAY, add, month, pay_each_month, pay_each_month_from

SHOTS = Path("/tmp/dues_arrears_shots")


def behind_branch() -> dict[str, int]:
    """王芳 pays every month, 冯永 stopped after August (3 months), 赵兵 after May (6)."""
    wang, feng, zhao = add("王芳"), add("冯永"), add("赵兵")
    pay_each_month(month(5), wang, feng, zhao)
    pay_each_month_from(month(6), month(8), wang, feng)
    pay_each_month_from(month(9), month(11), wang)
    return {"王芳": wang, "冯永": feng, "赵兵": zhao}


def type_chinese(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Chinese is typed through the input method."""
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    typed = QInputMethodEvent()
    typed.setCommitString(text)
    QApplication.sendEvent(edit, typed)
    assert edit.text().endswith(text)


def cell_text(cell: QTableWidgetItem | None) -> str:
    assert cell is not None
    return cell.text()


def table_rows(panel: ArrearsPanel) -> list[list[str]]:
    table = panel.table
    return [
        [cell_text(table.item(row, column)) for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


@pytest.fixture
def panel(gui_app: object, qtbot: QtBot, branch: BranchInfo) -> ArrearsPanel:
    shown = ArrearsPanel(TODAY)
    qtbot.addWidget(shown)
    shown.resize(1000, 320)
    return shown


def test_the_panel_lists_who_is_behind_and_by_how_much(qtbot: QtBot, panel: ArrearsPanel) -> None:
    ids = behind_branch()
    panel.refresh()
    panel.show()
    assert table_rows(panel) == [
        ["赵兵", "6个月（2026年6月—11月）", "486.00", "已连续6个月未交，请作出处理决定"],
        ["冯永", "3个月（2026年9月—11月）", "243.00", "已连续3个月未交，请提醒补交"],
    ]
    assert "其中1名已连续6个月以上未交" in panel.summary.text()
    assert panel.select_member(ids["冯永"])
    assert not panel.decide_button.isEnabled()  # three months: a reminder, no decision yet
    with qtbot.waitSignal(panel.back_payment_requested) as asked:
        click(qtbot, panel.pay_button)
    assert asked.args == [ids["冯永"]]
    panel.select_member(ids["赵兵"])
    assert panel.decide_button.isEnabled()
    SHOTS.mkdir(exist_ok=True)
    qtbot.wait(20)
    panel.grab().save(str(SHOTS / "panel.png"))


def test_no_one_behind_is_one_calm_line_and_no_dues_kept_shows_nothing(
    panel: ArrearsPanel,
) -> None:
    panel.refresh()
    assert panel.isHidden()  # the branch keeps no dues here yet
    wang = add("王芳")
    pay_each_month(month(11), wang)
    panel.refresh()
    assert not panel.isHidden() and panel.summary.text() == "✓ 没有欠缴党费的党员。"
    assert panel.table.isHidden() and panel.decide_button.isHidden()


def error_of(dialog: DecisionDialog, field: str) -> str:
    label = dialog.errors[field]
    return "" if label.isHidden() else label.text()


def test_the_decision_dialog_refuses_a_good_reason_without_one_then_records_it(
    qtbot: QtBot, panel: ArrearsPanel
) -> None:
    ids = behind_branch()
    panel.refresh()
    panel.show()
    panel.select_member(ids["赵兵"])
    click(qtbot, panel.decide_button)
    [dialog] = visible_windows(DecisionDialog)
    intro = dialog.findChild(QLabel, "introLabel")
    assert intro is not None
    assert "赵兵已连续6个月未交党费（2026年6月—11月），应补交486.00元" in intro.text()
    dialog.resize(1024, 768)
    click(qtbot, dialog.radios[ArrearsDecision.LEAVING])
    dialog.grab().save(str(SHOTS / "dialog_leaving.png"))
    click(qtbot, dialog.radios[ArrearsDecision.GOOD_REASON])
    click(qtbot, dialog.confirm)
    assert "请写明正当理由" in error_of(dialog, "reason")
    assert dialog.isVisible() and dues_arrears.decisions_of(ids["赵兵"]) == []
    dialog.grab().save(str(SHOTS / "dialog_refused.png"))
    type_chinese(qtbot, dialog.reason_edit, "长期病休住院，本人已书面说明")
    click(qtbot, dialog.confirm)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [decision] = dues_arrears.decisions_of(ids["赵兵"])
    assert decision.reason == "长期病休住院，本人已书面说明"
    assert table_rows(panel)[0] == [
        "赵兵",
        "6个月（2026年6月—11月）",
        "486.00",
        "已决定：有正当理由，暂不作处理",
    ]
    again = panel.decide(ids["赵兵"])  # a new decision on the same run shows the last one
    assert again is not None
    earlier = again.findChild(QLabel, "earlierLabel")
    assert earlier is not None
    assert earlier.text() == (
        "此前的决定：2026年12月7日，有正当理由，暂不作处理（长期病休住院，本人已书面说明）"
    )
    again.discard()


def test_a_pay_by_date_before_the_decision_is_shown_beside_the_date(
    qtbot: QtBot, panel: ArrearsPanel
) -> None:
    ids = behind_branch()
    panel.refresh()
    dialog = panel.decide(ids["赵兵"])
    assert dialog is not None
    assert not dialog.pay_by.edit.isEnabled()
    click(qtbot, dialog.radios[ArrearsDecision.PAY_BY])
    assert dialog.pay_by.edit.isEnabled()
    dialog.pay_by.set_date(dt.date(2026, 12, 1))
    click(qtbot, dialog.confirm)
    assert "补交截止日期应晚于决定日期" in error_of(dialog, "pay_by")
    assert dialog.isVisible()


def test_cancel_asks_before_dropping_what_was_typed(
    qtbot: QtBot, panel: ArrearsPanel, shown_messages: MessageLog
) -> None:
    ids = behind_branch()
    panel.refresh()
    dialog = panel.decide(ids["赵兵"])
    assert dialog is not None
    type_chinese(qtbot, dialog.reason_edit, "外出务工")
    dialog.reject()
    assert shown_messages.shown and dialog.isVisible()  # 继续填写 is the default


@pytest.fixture
def page(gui_app: object, qtbot: QtBot, store: Store, branch: BranchInfo) -> DuesPage:
    shown = DuesPage(store.data.attachments, data_root=store.data.root, today=lambda: TODAY)
    qtbot.addWidget(shown)
    shown.resize(1024, 768)
    return shown


def test_the_reminders_actions_open_the_panel_and_the_dialog_through_the_page(
    qtbot: QtBot, page: DuesPage
) -> None:
    ids = behind_branch()
    page.refresh()
    page.show()
    by_title = {r.title: r.action for r in dues_arrears.arrears_reminders(TODAY)}
    show = by_title["冯永已3个月未交党费（2026年9月—11月）"]
    assert page.perform(show.command, dict(show.params))
    assert page.arrears_panel.selected() is not None
    assert page.arrears_panel.selected().member_id == ids["冯永"]  # type: ignore[union-attr]
    qtbot.wait(20)  # the layout settles as the event loop runs
    page.grab().save(str(SHOTS / "page.png"))
    decide = by_title["赵兵已连续6个月未交党费，请支部作出处理决定"]
    assert page.perform(decide.command, dict(decide.params))
    [dialog] = visible_windows(DecisionDialog)
    assert dialog.row.member_id == ids["赵兵"]
    dialog.discard()
    assert not page.perform("decide_arrears", {"member_id": ids["冯永"]})  # only 3 months


def test_the_member_window_says_how_far_the_dues_are_paid(
    gui_app: object, qtbot: QtBot, branch: BranchInfo
) -> None:
    from jianshi_desktop.gui.members.member_dialog import MemberDialog

    ids = behind_branch()
    dialog = MemberDialog(None, mode="edit", member_id=ids["冯永"])
    qtbot.addWidget(dialog)
    line = dialog.findChild(QLabel, "duesLabel")
    assert line is not None and not line.isHidden()
    # judged on the day the window opens (the lines themselves: tests/unit)
    assert line.text() == dues_arrears.member_line(ids["冯永"], dt.date.today())
    assert line.text().startswith("党费：已") and "未交（2026年9月—" in line.text()
