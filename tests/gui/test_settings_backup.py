"""设置 → 备份与恢复: the list, 立即备份, 恢复所选备份… with its confirmation, 打开备份文件夹;
and at start-up, 从最近的备份恢复 offered for a damaged database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jianshi_desktop.db import models
from jianshi_desktop.gui.app import open_data
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common import widgets as common_widgets
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.gui.settings.backup import BackupSection
from jianshi_desktop.services import backups
from jianshi_desktop.services.store import Store
from tests.gui.conftest import BRANCH_NAME
from tests.gui.shown import home_facts, settings_page

RENAMED = "中共建始县改过名字的支部委员会"


class Answers:
    """Messages recorded; every question answered ``answer``."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.shown: list[messages.Message] = []

    def __call__(self, _parent: object, message: messages.Message) -> bool:
        self.shown.append(message)
        return self.answer if message.level is messages.Level.QUESTION else True


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    recorder = Answers(True)
    monkeypatch.setattr(messages, "present", recorder)
    return recorder


def section_of(window: MainWindow) -> BackupSection:
    window.show_area("settings")
    found = settings_page(window).findChild(BackupSection)
    assert found is not None
    return found


def cell(section: BackupSection, row: int, column: int) -> str:
    item = section.table.item(row, column)
    assert item is not None
    return item.text()


def back_up(section: BackupSection, qtbot: QtBot) -> None:
    qtbot.mouseClick(section.backup_button, Qt.MouseButton.LeftButton)
    assert section.task is not None
    qtbot.waitUntil(lambda: section.task is not None and not section.task.running, timeout=30_000)


def test_the_section_lists_backups_and_backs_up_now(
    main_window: MainWindow, qtbot: QtBot, store: Store, answers: Answers
) -> None:
    section = section_of(main_window)
    assert section.title() == "备份与恢复"
    assert section.table.rowCount() == 0 and section.empty_label.isVisibleTo(section)
    assert not section.restore_button.isEnabled()

    back_up(section, qtbot)

    assert section.table.rowCount() == 1
    assert cell(section, 0, 1) == "手动"
    assert cell(section, 0, 2).endswith("KB")
    assert "已备份到" in main_window.statusBar().currentMessage()
    assert main_window.backup_label.text().startswith("最近备份：20")
    assert answers.shown == []


def test_restore_asks_backs_up_first_restores_and_refreshes_the_window(
    main_window: MainWindow, qtbot: QtBot, store: Store, answers: Answers
) -> None:
    section = section_of(main_window)
    back_up(section, qtbot)
    saved = section.shown[0]
    models.Branch.update(name=RENAMED).execute()
    main_window.refresh_title()
    home = main_window.home_page
    home.refresh()
    assert RENAMED in main_window.windowTitle() and home_facts(home)["name"] == RENAMED

    answers.answer = False  # 不恢复: nothing happens
    section.table.selectRow(0)
    assert section.restore_button.isEnabled()
    qtbot.mouseClick(section.restore_button, Qt.MouseButton.LeftButton)
    assert section.task is not None and not section.task.running
    assert models.Branch.get().name == RENAMED

    answers.answer = True
    answers.shown.clear()
    section.table.selectRow(0)
    qtbot.mouseClick(section.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.task is not None and not section.task.running, timeout=30_000)

    question = answers.shown[0]
    assert question.level is messages.Level.QUESTION and question.yes_text == "恢复"
    assert saved.when in question.text
    assert "先把现在的数据另做一份备份" in question.hint
    assert models.Branch.get().name == BRANCH_NAME, "the data is the backup's"
    assert BRANCH_NAME in main_window.windowTitle() and RENAMED not in main_window.windowTitle()
    assert home_facts(home)["name"] == BRANCH_NAME, "a page built before reads again"
    done = answers.shown[-1]
    assert done.level is messages.Level.INFORMATION and "已从" in done.text
    reasons = [cell(section, row, 1) for row in range(section.table.rowCount())]
    assert "恢复前" in reasons
    before = next(b for b in backups.list_backups(store.data) if b.reason == backups.RESTORE)
    with sqlite3.connect(before.path) as copy:  # the state before the restore, kept
        assert copy.execute("SELECT name FROM branch").fetchall() == [(RENAMED,)]
    copy.close()
    assert store.db is models.database_proxy.obj


def test_restore_waits_for_no_running_daily_backup_it_says_so_instead(
    main_window: MainWindow, qtbot: QtBot, store: Store, answers: Answers
) -> None:
    """The window never blocks waiting for the automatic backup: the secretary is told to
    try again in a moment, and nothing is restored meanwhile."""
    section = section_of(main_window)
    back_up(section, qtbot)
    models.Branch.update(name=RENAMED).execute()

    class Running:
        running = True

    main_window.backup_task = Running()  # type: ignore[assignment]
    answers.shown.clear()
    section.table.selectRow(0)
    qtbot.mouseClick(section.restore_button, Qt.MouseButton.LeftButton)
    assert [m.level for m in answers.shown] == [messages.Level.INFORMATION]
    assert "自动备份正在进行" in answers.shown[0].text
    assert models.Branch.get().name == RENAMED, "nothing restored"
    main_window.backup_task = None


def test_open_the_backups_folder(
    main_window: MainWindow, monkeypatch: pytest.MonkeyPatch, store: Store, answers: Answers
) -> None:
    opened: list[Path] = []

    def refuse(path: Path) -> bool:
        opened.append(path)
        return False

    monkeypatch.setattr(common_widgets, "open_in_system", refuse)
    section = section_of(main_window)
    section.open_button.click()
    assert opened == [store.data.backups]
    assert str(store.data.backups) in answers.shown[0].text  # could not: says where it is


def damage(database: Path) -> None:
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    raw = bytearray(database.read_bytes())
    for offset in range(4096 * 2, len(raw) - 4096, 4096):
        raw[offset + 10 : offset + 300] = b"\xa5" * 290
    database.write_bytes(bytes(raw))


@pytest.mark.usefixtures("branch")
def test_a_damaged_database_offers_the_latest_backup_at_start(
    gui_app: object, store: Store, answers: Answers
) -> None:
    good = backups.create_backup(store.data, backups.DAILY)
    root = store.data.root
    store.close()
    damage(store.data.database)

    answers.answer = False  # 退出
    assert open_data(root, demo=False) is None
    offer = answers.shown[0]
    assert offer.yes_text == f"从最近的备份恢复（{good.when}）" and offer.no_text == "退出"

    answers.answer = True
    answers.shown.clear()
    opened = open_data(root, demo=False)
    assert opened is not None
    try:
        assert models.Branch.get().name == BRANCH_NAME
        assert any(
            folder.name.startswith("损坏的数据-") for folder in root.joinpath("backups").iterdir()
        )
        assert "已从" in answers.shown[-1].text
    finally:
        opened.close()
