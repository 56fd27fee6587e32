"""设置 › 支部信息 (issue 16): the branch's details after the first start, 修改… with the
name checked like at the first start, audited, and the window showing the new name."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QPoint
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from jianshi_desktop.db import models
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.widgets import shown_problem
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.gui.settings.branch_section import BranchDialog, BranchSection
from jianshi_desktop.services.branch import BranchInfo, branch_info, branch_name_on
from tests.gui.conftest import BRANCH_NAME, MessageLog, click, when_shown
from tests.gui.shown import settings_page

RENAMED = "中共建始县业州镇民族实验学校支部委员会"


def section_of(window: MainWindow) -> BranchSection:
    window.show_area("settings")
    found = settings_page(window).findChild(BranchSection)
    assert found is not None
    return found


def test_the_section_shows_the_branch_as_registered(
    main_window: MainWindow, branch: BranchInfo
) -> None:
    section = section_of(main_window)
    assert section.isVisible() and section.title() == "支部信息"
    assert section.shown() == {
        "name": BRANCH_NAME,
        "parent_name": branch.parent_name,
        "founded_on": f"{branch.founded_on.year}年{branch.founded_on.month}月"
        f"{branch.founded_on.day}日",
        "organization": "设支部委员会（正式党员7人及以上）"
        if branch.has_committee
        else "只设书记（正式党员不足7人）",
        "theme_day": f"每月{branch.theme_day_of_month}日",
    }


def test_renaming_in_settings_is_saved_audited_and_shown(
    main_window: MainWindow, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    section = section_of(main_window)
    seen: dict[str, str] = {}

    def rename(dialog: BranchDialog) -> None:
        dialog.name_edit.setText("业州镇民族实验学校")  # a school's name: refused
        click(qtbot, dialog.save_button)
        seen["problem"] = shown_problem(dialog.errors["name"])
        error = dialog.errors["name"]
        seen["fits"] = str(error.heightForWidth(error.width()) <= error.height())
        dialog.name_edit.setText(RENAMED)
        assert dialog.names_from_edit.isEnabled()
        dialog.names_from_edit.setDate(QDate.currentDate())
        dialog.theme_day_spin.setValue(20)
        click(qtbot, dialog.save_button)

    when_shown(BranchDialog, rename)
    click(qtbot, section.edit_button)

    assert seen["problem"] == (
        "请写支部的全称，例如“中共建始县业州镇民族实验学校支部委员会”或“业州镇民族实验学校党支部”。"
    )
    assert seen["fits"] == "True", "the problem fits the room kept for it"
    assert section.shown()["name"] == RENAMED
    assert section.shown()["theme_day"] == "每月20日"
    assert RENAMED in main_window.windowTitle()
    row = models.AuditLog.select().order_by(models.AuditLog.id.desc()).get()
    assert row.action == "change_branch_details"
    assert BRANCH_NAME in row.summary and RENAMED in row.summary
    assert shown_messages.shown == [], "problems show beside the field, not in a pop-up"
    # records dated before today keep the old name on their documents
    yesterday = dt.date.today() - dt.timedelta(days=1)
    assert branch_name_on(yesterday) == BRANCH_NAME
    assert branch_name_on(dt.date.today()) == RENAMED


def test_cancel_after_typing_asks_and_keeps_the_branch(
    main_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(_parent: object, message: messages.Message) -> bool:
        asked.append(message.text)
        return True  # 放弃

    monkeypatch.setattr(messages, "present", answer)
    section = section_of(main_window)

    def type_then_cancel(dialog: BranchDialog) -> None:
        dialog.name_edit.setText(RENAMED)
        click(qtbot, dialog.cancel_button)

    when_shown(BranchDialog, type_then_cancel)
    click(qtbot, section.edit_button)
    assert asked == [messages.DISCARD_QUESTION]
    info = branch_info()
    assert info is not None and info.name == BRANCH_NAME
    assert (
        not models.AuditLog.select()
        .where(models.AuditLog.action == "change_branch_details")
        .exists()
    )


def _positions(dialog: BranchDialog) -> list[tuple[int, int]]:
    return [
        (w.mapTo(dialog, QPoint(0, 0)).x(), w.mapTo(dialog, QPoint(0, 0)).y())
        for w in dialog.findChildren(QWidget)
        if w.isVisible() and w not in dialog.errors.values()
    ]


def test_the_dialog_does_not_move_when_a_problem_shows(
    gui_app: object, qtbot: QtBot, branch: BranchInfo
) -> None:
    dialog = BranchDialog(branch)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    quiet = _positions(dialog)
    dialog.name_edit.setText("花坪小学")
    dialog.parent_edit.clear()
    dialog.accept()  # 保存: refused, two problems shown
    assert shown_problem(dialog.errors["name"]) and shown_problem(dialog.errors["parent_name"])
    for label in dialog.errors.values():
        assert label.heightForWidth(label.width()) <= label.height(), label.text()
    assert _positions(dialog) == quiet
    dialog.discard()
