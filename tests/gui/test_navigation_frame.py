"""The frame the branch's window and 县局汇总's window share (gui/common/navigation.py), as a
user meets it in each: the navigation lists the window's areas in order, each with its
icon and its whole name; a click on one shows its page; the status bar names the data
folder and the last backup; the window opens again at the size it was closed at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from jianshi_desktop.gui.common.navigation import Area, AreaWindow
from jianshi_desktop.gui.county import window as county_window
from jianshi_desktop.gui.main_window import AREAS, MainWindow
from jianshi_desktop.services import county
from jianshi_desktop.services.store import Store, open_store

# An item's margins (8 + 8), its marker bar (4) and padding (10 + 10): resources/style.qss.
ITEM_FRAME = 40
KINDS = {  # the window, its areas, how its status bar names the folder
    "branch": (MainWindow, AREAS, "数据文件夹："),
    "county": (county_window.CountyWindow, county_window.AREAS, "数据文件夹（县局汇总）："),
}


@pytest.fixture(params=list(KINDS))
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def desk(request: pytest.FixtureRequest, kind: str, tmp_path: Path) -> Iterator[Store]:
    """The data folder of ``kind``: a branch set up, or a county folder."""
    if kind == "branch":
        request.getfixturevalue("branch")
        yield request.getfixturevalue("store")
        return
    opened = open_store(tmp_path / "county", log_to_file=False)
    try:
        county.make_county_folder()
        yield opened
    finally:
        opened.close()


def opened_window(qtbot: QtBot, kind: str, desk: Store) -> AreaWindow:
    cls = KINDS[kind][0]
    window = cls(desk)
    qtbot.addWidget(window)
    window.show()
    return window


def labels(window: AreaWindow) -> list[str]:
    navigation = window.navigation
    return [navigation.item(row).text() for row in range(navigation.count())]


def test_the_navigation_lists_the_areas_whole_and_a_click_shows_each_page(
    gui_app: object, qtbot: QtBot, kind: str, desk: Store
) -> None:
    window = opened_window(qtbot, kind, desk)
    areas: tuple[Area, ...] = KINDS[kind][1]
    navigation = window.navigation
    assert labels(window) == [area.label for area in areas]
    metrics = navigation.fontMetrics()
    text_room = navigation.viewport().width() - ITEM_FRAME - navigation.iconSize().width()
    for row in range(navigation.count()):
        item = navigation.item(row)
        assert not item.icon().isNull(), f"{item.text()} has its icon"
        assert metrics.horizontalAdvance(item.text()) < text_room, f"{item.text()} is whole"
    assert window.current_area() == areas[0].key, "the first area is open at start"

    for area in [*areas[1:], areas[0]]:
        item = navigation.item([a.key for a in areas].index(area.key))
        spot = navigation.visualItemRect(item).center()
        qtbot.mouseClick(navigation.viewport(), Qt.MouseButton.LeftButton, pos=spot)
        assert window.current_area() == area.key
        shown = window.stack.currentWidget()
        assert isinstance(shown, QScrollArea) and shown.isVisible()
        assert shown.widget() is window.page(area.key), f"{area.label} shows its own page"
        assert shown.widget().isVisible()


def test_the_status_bar_names_the_folder_and_the_size_is_kept(
    gui_app: object, qtbot: QtBot, kind: str, desk: Store
) -> None:
    window = opened_window(qtbot, kind, desk)
    assert window.folder_label.text() == f"{KINDS[kind][2]}{desk.data.root}"
    assert window.backup_label.text() == "最近备份：还没有备份"
    window.setGeometry(QRect(QPoint(40, 30), QSize(1000, 640)))
    window.close()
    again = opened_window(qtbot, kind, desk)
    # The offscreen screen is only 800×600, so Qt fits the width to it; the height shows
    # that the saved geometry (not the default, 540 high there) was used.
    assert again.height() == 640, "opened at the size it was closed at"
