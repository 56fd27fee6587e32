"""启动密码 in the window: asked at start (取消 = quit), the idle lock (covers, unlock,
退出程序), asked again before a full ID number is shown; nothing at all without one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from jianshi_desktop.gui import lock
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.gui.members.page import MembersPage
from jianshi_desktop.gui.settings import lock as settings_lock
from jianshi_desktop.gui.settings.lock import LockSection, PasswordDialog
from jianshi_desktop.services import app_lock
from jianshi_desktop.services.store import Store
from tests.gui import shown
from tests.gui.test_members_page import ZHANG_ID, seed
from tests.support import make_branch_folder

from .conftest import MessageLog, run_app, visible_windows, when_shown

PASSWORD = "open-sesame"


@pytest.fixture(autouse=True)
def _fresh_lock() -> Iterator[None]:
    app_lock.forget_session()
    yield
    lock.stop_idle_lock()
    app_lock.forget_session()


def _no_dialog_expected(_dialog: lock.UnlockDialog) -> bool:
    raise AssertionError("nothing may be asked")


# --- no password: nothing changes ------------------------------------------------------------


def test_without_a_password_nothing_is_asked_or_watched(
    gui_app: QApplication, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock, "run_dialog", _no_dialog_expected)
    assert lock.guard_start(gui_app)
    assert lock.confirm_password(None, "显示完整身份证号码")
    assert lock.current_idle_lock() is None


# --- at start ---------------------------------------------------------------------------------


@pytest.fixture
def locked_folder(data_root: Path) -> Path:
    return make_branch_folder(data_root, password=PASSWORD)


def test_start_asks_and_cancel_quits(gui_app: object, locked_folder: Path) -> None:
    seen: list[tuple[str, str]] = []

    def cancel(dialog: lock.UnlockDialog) -> None:
        seen.append((dialog.ok_button.text(), dialog.cancel_button.text()))
        dialog.cancel_button.click()

    when_shown(lock.UnlockDialog, cancel)
    assert run_app(locked_folder) == 0
    assert seen == [("确定", "取消")]
    assert visible_windows(MainWindow) == []


def test_start_with_the_right_password_opens_the_window_and_the_idle_lock(
    gui_app: object, locked_folder: Path, shown_messages: MessageLog
) -> None:
    seen: dict[str, object] = {}

    def enter(dialog: lock.UnlockDialog) -> None:
        dialog.password_edit.setText("wrong")
        dialog.ok_button.click()
        seen["calm"] = dialog.message_label.text()
        assert dialog.isVisible(), "a wrong password does not open the window"
        dialog.forgot_label.linkActivated.emit("forgot")
        when_shown(MainWindow, close_window)
        dialog.password_edit.setText(PASSWORD)
        dialog.ok_button.click()

    def close_window(window: MainWindow) -> None:
        running = lock.current_idle_lock()
        seen["idle_ms"] = running.timeout_ms if running is not None else None
        window.close()

    when_shown(lock.UnlockDialog, enter)
    assert run_app(locked_folder) == 0
    assert seen["calm"] == app_lock.WRONG_TEXT
    assert seen["idle_ms"] == 10 * 60_000
    assert any("main.py lock reset" in text for text in shown_messages.texts), "忘记密码？"


# --- the idle lock ----------------------------------------------------------------------------


@pytest.fixture
def locked_window(main_window: MainWindow) -> MainWindow:
    app_lock.set_password(PASSWORD)
    app_lock.forget_session()
    return main_window


def _covered(window: QWidget) -> bool:
    """Whether what is at the window's middle belongs to the lock cover."""
    widget = window.childAt(QPoint(window.width() // 2, window.height() // 2))
    while widget is not None and widget.objectName() != "lockCover":
        widget = widget.parentWidget()
    return widget is not None


def test_the_idle_lock_covers_the_window_and_unlocks_with_the_password(
    locked_window: MainWindow, qtbot: QtBot
) -> None:
    idle = lock.start_idle_lock(locked_window, timeout_ms=150)
    qtbot.waitUntil(lambda: idle.locked, timeout=3000)
    assert _covered(locked_window), "the content cannot be read while locked"
    cover = locked_window.findChild(QWidget, "lockCover")
    assert cover is not None and cover.geometry() == locked_window.rect()
    dialog = idle.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowModality() == Qt.WindowModality.ApplicationModal
    assert dialog.cancel_button.text() == "退出程序"

    dialog.reject()  # Esc does not unlock or quit
    assert idle.locked and dialog.isVisible()
    dialog.password_edit.setText("wrong")
    dialog.ok_button.click()
    assert idle.locked and dialog.message_label.text() == app_lock.WRONG_TEXT

    dialog.password_edit.setText(PASSWORD)
    dialog.ok_button.click()
    assert not idle.locked
    qtbot.waitUntil(lambda: not _covered(locked_window), timeout=3000)
    assert idle.timer.isActive(), "watching again"
    qtbot.waitUntil(lambda: idle.locked, timeout=3000)  # and locks again when idle


def test_input_keeps_the_lock_away(locked_window: MainWindow, qtbot: QtBot) -> None:
    """A key pressed whenever half the idle time has passed starts it afresh each time: no
    lock, though the whole idle time passes twice over."""
    idle = lock.start_idle_lock(locked_window, timeout_ms=800)
    for _ in range(4):
        qtbot.waitUntil(lambda: idle.timer.remainingTime() <= 400, timeout=5000)
        qtbot.keyClick(locked_window.navigation, Qt.Key.Key_Shift)
        assert idle.timer.remainingTime() > 700, "the key press starts the idle time again"
    assert not idle.locked


def test_quitting_from_the_lock_closes_the_window(locked_window: MainWindow, qtbot: QtBot) -> None:
    idle = lock.start_idle_lock(locked_window, timeout_ms=50)
    qtbot.waitUntil(lambda: idle.locked, timeout=3000)
    assert idle.dialog is not None
    idle.dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not locked_window.isVisible(), timeout=3000)


def test_an_open_dialog_is_covered_too(locked_window: MainWindow, qtbot: QtBot) -> None:
    other = QWidget(locked_window, Qt.WindowType.Dialog)
    other.resize(300, 200)
    other.show()
    idle = lock.start_idle_lock(locked_window, timeout_ms=50)
    qtbot.waitUntil(lambda: idle.locked, timeout=3000)
    assert _covered(other)


# --- asked again before a full ID number is shown ----------------------------------------------


def test_showing_a_full_id_asks_again(
    locked_window: MainWindow, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    member = seed("张晓明", ZHANG_ID)
    locked_window.show_area("members")
    page = locked_window.page_of("members", MembersPage)
    page.refresh()
    page.select_member(member)

    when_shown(lock.UnlockDialog, lambda dialog: dialog.cancel_button.click())
    assert page.reveal_selected() == ""
    assert not any(ZHANG_ID in text for text in shown_messages.texts)

    def enter(dialog: lock.UnlockDialog) -> None:
        assert "显示完整身份证号码" in dialog.text_label.text()
        dialog.password_edit.setText(PASSWORD)
        dialog.ok_button.click()

    when_shown(lock.UnlockDialog, enter)
    assert page.reveal_selected() == ZHANG_ID
    assert any(ZHANG_ID in text for text in shown_messages.texts)
    # a short grace after a right password: not asked again at once
    assert page.reveal_selected() == ZHANG_ID


# --- 设置 → 启动密码 ---------------------------------------------------------------------------


def _answer(
    old: str = "", new: str = "", repeat: str | None = None
) -> Callable[[PasswordDialog], bool]:
    def fill(dialog: PasswordDialog) -> bool:
        for edit, text in (
            (dialog.old_edit, old),
            (dialog.new_edit, new),
            (dialog.repeat_edit, new if repeat is None else repeat),
        ):
            if edit is not None:
                edit.setText(text)
        return True

    return fill


def test_the_settings_section_sets_changes_and_removes(
    main_window: MainWindow, monkeypatch: pytest.MonkeyPatch, shown_messages: MessageLog
) -> None:
    main_window.show_area("settings")
    section = shown.settings_page(main_window).findChild(LockSection)
    assert section is not None
    assert section.set_button.isVisible() and not section.remove_button.isVisible()
    assert "没有设置启动密码" in section.state_label.text()

    monkeypatch.setattr(settings_lock, "run_password_dialog", _answer(new="abcd", repeat="abce"))
    assert not section.set_password()
    assert not app_lock.is_set() and "不一样" in shown_messages.texts[-1]

    monkeypatch.setattr(settings_lock, "run_password_dialog", _answer(new=PASSWORD))
    assert section.set_password()
    assert app_lock.is_set() and section.change_button.isVisible()
    running = lock.current_idle_lock()
    assert running is not None and running.timeout_ms == 10 * 60_000

    section.idle_spin.setValue(5)
    assert app_lock.idle_minutes() == 5 and running.timeout_ms == 5 * 60_000

    monkeypatch.setattr(settings_lock, "run_password_dialog", _answer(old="wrong", new="other-one"))
    assert not section.change_password()
    monkeypatch.setattr(
        settings_lock, "run_password_dialog", _answer(old=PASSWORD, new="other-one")
    )
    assert section.change_password()

    monkeypatch.setattr(settings_lock, "run_password_dialog", _answer(old="other-one"))
    assert section.remove_password()
    assert not app_lock.is_set() and lock.current_idle_lock() is None
    assert section.set_button.isVisible()


def test_exporting_the_full_roster_asks_again(
    locked_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jianshi_desktop.gui.members import roster_import
    from jianshi_desktop.gui.members.roster_import import RosterExportDialog

    asked: list[str] = []

    def refuse(dialog: lock.UnlockDialog) -> bool:
        asked.append(dialog.text_label.text())
        return False

    monkeypatch.setattr(lock, "run_dialog", refuse)
    dialog = RosterExportDialog(locked_window)
    dialog.mask_check.setChecked(False)
    dialog.save()
    assert len(asked) == 1 and "导出完整的花名册" in asked[0]
    assert dialog.task is None, "nothing written without the password"
    started: list[object] = []
    monkeypatch.setattr(roster_import, "run_in_background", lambda *a, **k: started.append(a))
    dialog.mask_check.setChecked(True)
    dialog.set_path(Path(str(locked_window.store.data.root)) / "masked.xlsx", confirmed=True)
    dialog.save()
    assert len(asked) == 1, "a masked roster needs no password"
    assert len(started) == 1, "and is written"
