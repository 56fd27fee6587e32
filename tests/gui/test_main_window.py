"""The main window: title, navigation, pages, status bar, settings, remembered geometry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from jianshi_desktop.gui.common import widgets as common_widgets
from jianshi_desktop.gui.main_window import AREAS, MainWindow
from jianshi_desktop.gui.settings.page import SettingsPage
from jianshi_desktop.gui.window_state import (
    WINDOW_STATE_FILE,
    restore_geometry,
    save_geometry,
    window_settings,
)
from jianshi_desktop.services.branch import BranchDraft, create_branch
from jianshi_desktop.services.store import Store
from tests.gui.shown import home_facts, settings_facts, settings_page

from .conftest import BRANCH_NAME, MessageLog

NAVIGATION = [
    "首页",
    "党员",
    "组织",
    "三会一课",
    "主题党日",
    "谈心谈话",
    "意识形态",
    "组织生活会",
    "民主评议",
    "党费",
    "发展党员",
    "关爱学生",
    "学习培训",
    "文书",
    "报送",
    "设置",
]


def click_area(qtbot: QtBot, window: MainWindow, label: str) -> None:
    nav = window.navigation
    for row in range(nav.count()):
        item = nav.item(row)
        if item.text() == label:
            rect = nav.visualItemRect(item)
            qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return
    raise AssertionError(f"no navigation item {label}")


def test_the_title_names_the_branch(main_window: MainWindow) -> None:
    assert main_window.windowTitle() == f"{BRANCH_NAME} — 建始支部工作台账"


def test_a_demo_branch_says_so_in_the_title(gui_app: object, qtbot: QtBot, store: Store) -> None:
    create_branch(BranchDraft(name="演示小学支部", founded_on=dt.date(2001, 7, 1)), is_demo=True)
    window = MainWindow(store)
    qtbot.addWidget(window)
    assert window.windowTitle() == "演示小学支部（演示数据） — 建始支部工作台账"
    assert window.home_page.demo_banner.isVisibleTo(window.home_page)


def test_navigation_lists_every_area_and_switches_pages(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    nav = main_window.navigation
    assert [nav.item(row).text() for row in range(nav.count())] == NAVIGATION
    assert all(not nav.item(row).icon().isNull() for row in range(nav.count()))
    assert main_window.current_area() == "home"

    for area in AREAS:
        click_area(qtbot, main_window, area.label)
        assert main_window.current_area() == area.key
        assert nav.currentItem().isSelected(), "the current item is marked"
        page = main_window.current_page()
        scroll = main_window.stack.currentWidget()
        assert isinstance(scroll, QScrollArea) and scroll.widget() is page
        assert page.key == area.key


def test_home_shows_real_facts_from_the_database(main_window: MainWindow) -> None:
    facts = home_facts(main_window.home_page)
    assert facts["name"] == BRANCH_NAME
    assert facts["parent_name"] == "中共建始县教育局委员会"
    assert facts["founded_on"] == "1998年9月10日"
    assert facts["organization"] == "设支部委员会"
    assert facts["theme_day"] == "每月10日"
    assert facts["members"].startswith("还没有登记党员"), "no invented members"
    assert not main_window.home_page.demo_banner.isVisibleTo(main_window.home_page)


def test_the_status_bar_names_the_data_folder_and_the_last_backup(
    main_window: MainWindow, store: Store
) -> None:
    assert main_window.folder_label.text() == f"数据文件夹：{store.data.root}"
    assert main_window.backup_label.text() == "最近备份：还没有备份"


def test_settings_shows_where_the_data_lives(main_window: MainWindow, store: Store) -> None:
    main_window.show_area("settings")
    page = main_window.current_page()
    assert isinstance(page, SettingsPage)
    facts = settings_facts(page)
    assert facts["data_folder"] == str(store.data.root)
    assert "database" not in facts and "schema_version" not in facts  # no developer words
    assert facts["last_backup"] == "还没有备份"
    assert facts["log_file"].endswith("jianshi.log")


def test_backup_now_writes_a_backup_and_says_so(
    main_window: MainWindow, qtbot: QtBot, store: Store, shown_messages: MessageLog
) -> None:
    main_window.show_area("settings")
    page = settings_page(main_window)
    assert list(store.data.backups.glob("*.sqlite3")) == []

    qtbot.mouseClick(page.backup_section.backup_button, Qt.MouseButton.LeftButton)

    def made() -> list[Path]:
        return list(store.data.backups.glob("手动备份-*.sqlite3"))

    qtbot.waitUntil(
        lambda: len(made()) == 1 and "已备份" in main_window.statusBar().currentMessage(),
        timeout=10000,
    )
    assert made()[0].stat().st_size > 0
    assert settings_facts(page)["last_backup"] != "还没有备份"
    assert main_window.backup_label.text().startswith("最近备份：20")
    assert shown_messages.shown == []


def test_open_data_folder_asks_the_system_and_explains_a_failure(
    main_window: MainWindow,
    qtbot: QtBot,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: MessageLog,
) -> None:
    opened: list[Path] = []

    def refuse(path: Path) -> bool:
        opened.append(path)
        return False

    monkeypatch.setattr(common_widgets, "open_in_system", refuse)
    main_window.show_area("settings")

    qtbot.mouseClick(settings_page(main_window).open_folder_button, Qt.MouseButton.LeftButton)

    assert opened == [store.data.root]
    assert len(shown_messages.shown) == 1
    assert str(store.data.root) in shown_messages.shown[0].text


def test_the_automatic_backup_runs_once_a_day(
    main_window: MainWindow, store: Store, qtbot: QtBot
) -> None:
    def backup() -> Path | None:
        task = main_window.start_automatic_backup()
        qtbot.waitUntil(lambda: not task.running, timeout=10000)
        assert task.error is None
        return task.value

    first = backup()
    assert first is not None and first.exists()
    assert "自动备份已完成" in main_window.statusBar().currentMessage()
    assert backup() is None, "not twice on the same day"
    assert main_window.backup_label.text() != "最近备份：还没有备份"


def test_default_size_fits_a_1366x768_screen(main_window: MainWindow) -> None:
    screen = QSize(1366, 768)
    assert main_window.width() <= screen.width()
    assert main_window.height() <= screen.height() - 60  # taskbar and title bar
    assert main_window.minimumSizeHint().width() <= screen.width()
    assert main_window.minimumSizeHint().height() <= screen.height() - 60
    for key in ("home", "settings"):
        main_window.show_area(key)
        page = main_window.current_page()
        assert page.minimumSizeHint().width() <= 1366 - main_window.navigation.width()


def test_the_window_remembers_its_geometry_in_the_data_folder(
    gui_app: object, qtbot: QtBot, store: Store, branch: object
) -> None:
    first = MainWindow(store)
    qtbot.addWidget(first)
    first.show()
    first.setGeometry(QRect(QPoint(40, 30), QSize(1000, 640)))
    first.close()
    ini = store.data.root / WINDOW_STATE_FILE
    assert ini.is_file()
    assert "MainWindow" in ini.read_text(encoding="utf-8")

    second = MainWindow(store)
    qtbot.addWidget(second)
    # The offscreen screen is only 800×600, so Qt fits the width to it; the height shows
    # that the saved geometry (not the default) was used.
    assert second.height() == 640


def test_geometry_round_trips_through_window_ini(
    gui_app: object, qtbot: QtBot, tmp_path: Path
) -> None:
    settings = window_settings(tmp_path)
    widget = QWidget()
    qtbot.addWidget(widget)
    assert not restore_geometry(widget, settings)
    widget.setGeometry(QRect(QPoint(30, 40), QSize(500, 400)))
    save_geometry(widget, settings)

    again = QWidget()
    qtbot.addWidget(again)
    assert restore_geometry(again, window_settings(tmp_path))
    assert again.geometry() == widget.geometry()
    assert (tmp_path / WINDOW_STATE_FILE).is_file()


def test_after_a_restore_a_page_that_fails_to_reload_leaves_the_others_current(
    main_window: MainWindow, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    main_window.show_area("members")
    main_window.show_area("settings")
    reloaded: list[str] = []

    def broken() -> None:
        raise RuntimeError("a bug in one page")

    monkeypatch.setattr(main_window.pages["home"], "refresh", broken)
    monkeypatch.setattr(main_window.pages["members"], "refresh", lambda: reloaded.append("m"))
    monkeypatch.setattr(main_window.pages["settings"], "refresh", lambda: reloaded.append("s"))
    main_window.reload_data()
    assert reloaded == ["m", "s"], "the pages after the broken one still read the data"
    assert "home could not read the restored data" in caplog.text
