"""A long data-folder path in the status bar is shortened in the middle, never cut."""

from __future__ import annotations

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from jianshi_desktop.gui.common.widgets import ElidedLabel
from jianshi_desktop.gui.main_window import MainWindow

LONG = "数据文件夹：C:\\Users\\Administrator\\AppData\\Local\\建始支部工作台账\\" + "子\\" * 30


def test_a_long_text_asks_for_little_room_and_keeps_the_whole_in_its_tip(
    gui_app: object, qtbot: QtBot
) -> None:
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.setText(LONG)
    whole = label.fontMetrics().horizontalAdvance(LONG)
    assert label.minimumSizeHint().width() < whole / 4
    assert label.text() == LONG and label.toolTip() == LONG
    label.resize(240, label.sizeHint().height())
    label.show()
    image: QImage = label.grab().toImage()
    assert not image.isNull()  # painted shortened, without an error


def test_the_status_bar_shows_the_folder_within_a_small_window(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    main_window.folder_label.setText(LONG)
    main_window.resize(1024, 768)
    qtbot.wait(10)
    label = main_window.folder_label
    assert label.toolTip() == LONG
    assert label.width() < label.fontMetrics().horizontalAdvance(LONG)  # shortened, not wider
    assert label.geometry().right() <= main_window.statusBar().width()
