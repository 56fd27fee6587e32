"""Words for users (issue 16): 设置 and 报送 say 数据, 程序版本, 报送包 (有密码), 检查 — never
数据库, 数据版本, 校验值, SHA or a file's ending. The real pages are built offscreen on the
demo branch and driven through a backup, an export with a password and the check of that
package; every text they show (labels, buttons, group titles, tabs, lists, tables, tool
tips, accessible names, messages) is read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain import periods
from jianshi_desktop.gui.common.workers import Task
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.gui.settings.page import SettingsPage
from jianshi_desktop.gui.submission.page import SubmissionPage
from jianshi_desktop.services import demo
from jianshi_desktop.services.store import Store
from jianshi_desktop.submission import drives

from .conftest import MessageLog

TODAY = dt.date(2026, 11, 26)
PASSWORD = "建始2026报送"
# What a secretary should never read on these pages.
DEVELOPER_WORDS = (
    "数据库",
    "数据版本",
    "校验",
    "SHA",
    "哈希",
    ".zip",
    ".enc",
    ".db",
    "sqlite",
    ".py",
)


def widget_texts(root: QWidget) -> list[str]:
    """Every text ``root`` and its children can show a user."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        found += [widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, QLabel | QAbstractButton):
            found.append(widget.text())
        elif isinstance(widget, QGroupBox):
            found.append(widget.title())
        elif isinstance(widget, QLineEdit):
            found.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            found += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTabWidget):
            found += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QListWidget):
            found += [widget.item(i).text() for i in range(widget.count())]
        elif isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(column)
                found.append(header.text() if header else "")
            for row in range(widget.rowCount()):
                for column in range(widget.columnCount()):
                    item = widget.item(row, column)
                    if item is not None:
                        found += [item.text(), item.toolTip()]
    return [text for text in found if text]


def developer_words(texts: list[str]) -> list[tuple[str, str]]:
    return [(word, text) for text in texts for word in DEVELOPER_WORDS if word in text]


def finish(qtbot: QtBot, task: Task[Any] | None) -> None:
    assert task is not None, "the work did not start"
    qtbot.waitUntil(lambda: not task.running, timeout=60_000)


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), f"{button.text()} cannot be clicked"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def window(
    gui_app: object, qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    demo.fill_demo(today=TODAY)
    stick = tmp_path / "stick"
    stick.mkdir()
    found = [drives.Drive(stick, "U盘 E:", 7 << 30, 8 << 30)]
    monkeypatch.setattr(drives, "removable_drives", lambda **_kw: list(found))
    shown = MainWindow(store)
    qtbot.addWidget(shown)
    shown.resize(1280, 800)
    shown.show()
    yield shown


def test_settings_and_submission_speak_a_secretarys_words(
    window: MainWindow, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    seen: list[str] = []

    window.show_area("settings")
    settings = window.page_of("settings", SettingsPage)
    finish(qtbot, settings.backup_section.back_up_now())
    assert settings.backup_section.table.rowCount() >= 1
    seen += [*widget_texts(settings), window.statusBar().currentMessage()]

    window.show_area("submission")
    submission = window.page_of("submission", SubmissionPage)
    export = submission.export_panel
    export.period_picker.set_period(periods.month(2026, 7))
    export.password_check.setChecked(True)
    export.password_edit.setText(PASSWORD)
    export.confirm_edit.setText(PASSWORD)
    seen += widget_texts(submission)
    summary = export.summary_label.text()
    assert "文件名：" in summary and "报送包（有密码）" in summary

    click(qtbot, export.export_button)
    finish(qtbot, export.task)
    assert export.result is not None and export.result.encrypted
    seen += [*widget_texts(submission), window.statusBar().currentMessage()]

    check = submission.verify_panel
    submission.tabs.setCurrentIndex(1)
    check.open_package(export.result.path)
    check.password_edit.setText(PASSWORD)
    click(qtbot, check.verify_button)
    finish(qtbot, check.task)
    assert check.report is not None and check.report.ok
    seen += [*widget_texts(submission), window.statusBar().currentMessage()]
    seen += [f"{m.title}{m.text}{m.hint}" for m in shown_messages.shown]

    assert "检查报送包" in seen and "程序版本：" in seen
    assert developer_words(seen) == []


def test_the_scan_finds_a_developer_word(gui_app: object, qtbot: QtBot) -> None:
    """The scan itself reads labels, buttons, tabs and tables (a check that can fail)."""
    root = QWidget()
    qtbot.addWidget(root)
    QLabel("数据库文件：", root)
    tabs = QTabWidget(root)
    tabs.addTab(QWidget(), "校验报送包")
    table = QTableWidget(1, 1, root)
    table.setHorizontalHeaderLabels(["文件"])
    table.setItem(0, 0, QTableWidgetItem("青山湾小学党支部_报送包.zip.enc"))
    words = {word for word, _text in developer_words(widget_texts(root))}
    assert {"数据库", "校验", ".zip", ".enc"} <= words
