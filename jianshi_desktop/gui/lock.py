"""启动密码 in the window: asked at start, after a while without use (the idle lock), and
before full personal data is shown or exported (:func:`confirm_password`).

With no password set nothing here asks anything and nothing watches the input: the
start costs one small query (:func:`guard_start`).

The idle lock is an event filter on the QApplication: any key, click, wheel or mouse
movement starts its timer again; when the timer runs out, every open window of the
program is covered by an opaque cover (its content cannot be read) and an application
modal :class:`UnlockDialog` asks for the password — with 退出程序 beside 解锁.

The lock does not encrypt anything (see services/app_lock.py and the README).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop import APP_NAME
from jianshi_desktop.gui.common import messages
from jianshi_desktop.services import app_lock

log = logging.getLogger(__name__)

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)
LOCKED_TEXT = "程序已锁定"
LOCKED_HINT = "为保护党员的个人信息，程序空闲一段时间后自动锁定。请输入启动密码解锁。"


class UnlockDialog(QDialog):
    """Asks for the 启动密码: a password field, a calm message after a wrong one, a short
    wait after several, 忘记密码？, and 确定 / ``cancel_text``.

    ``closable`` False (the lock screen): Esc and the close button do nothing; only the
    cancel button (退出程序) gives up, and then :attr:`quit_requested` is True."""

    def __init__(
        self,
        parent: QWidget | None,
        text: str,
        *,
        title: str = "启动密码",
        cancel_text: str = "取消",
        closable: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setWindowTitle(f"{title} — {APP_NAME}" if parent is None else title)
        self.closable = closable
        self.quit_requested = False
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.text_label = QLabel(text, self)
        self.text_label.setWordWrap(True)
        layout.addWidget(self.text_label)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("lockPasswordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName("启动密码")
        self.password_edit.setPlaceholderText("启动密码")
        layout.addWidget(self.password_edit)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("lockMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        layout.addWidget(self.message_label)
        self.forgot_label = QLabel('<a href="forgot">忘记密码？</a>', self)
        self.forgot_label.setObjectName("forgotLabel")
        self.forgot_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.forgot_label.linkActivated.connect(lambda _link: self.explain_forgotten())
        layout.addWidget(self.forgot_label)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton("确定", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(
            cancel_text, QDialogButtonBox.ButtonRole.RejectRole
        )
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.try_password)
        self.cancel_button.clicked.connect(self.give_up)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)
        self.password_edit.setFocus()

    def explain_forgotten(self) -> None:
        messages.information(self, app_lock.FORGOTTEN_TEXT, title="忘记密码？")

    def try_password(self) -> bool:
        """确定: right → accepted; wrong → a calm message (and a short wait after several)."""
        if not self.ok_button.isEnabled():
            return False
        result = app_lock.check(self.password_edit.text())
        if result.ok:
            self.message_label.hide()
            super().accept()
            return True
        self.password_edit.clear()
        self.message_label.setText(result.message or app_lock.WRONG_TEXT)
        self.message_label.show()
        if result.wait_seconds > 0:
            self.ok_button.setEnabled(False)
            QTimer.singleShot(int(result.wait_seconds * 1000) + 50, self._may_try_again)
        self.password_edit.setFocus()
        return False

    def _may_try_again(self) -> None:
        self.ok_button.setEnabled(True)
        self.message_label.setText("可以再试了。")

    def give_up(self) -> None:
        self.quit_requested = True
        super().reject()

    def accept(self) -> None:  # Enter in the field: check, never accept unchecked
        self.try_password()

    def reject(self) -> None:  # Esc and the title bar's ×
        if self.closable:
            super().reject()


def run_dialog(dialog: UnlockDialog) -> bool:
    """Show ``dialog`` and wait; True when the right password was entered."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def confirm_password(parent: QWidget | None, what: str) -> bool:
    """Before full personal data is shown or exported: True at once with no password set
    (or right after a right one); else asks, and True only for the right password."""
    if not app_lock.needs_password():
        return True
    dialog = UnlockDialog(
        parent,
        f"已设置启动密码。{what}前，请再输入一次启动密码。",
        title="请输入启动密码",
    )
    return run_dialog(dialog)


# --- the start and the idle lock -----------------------------------------------------------


def guard_start(app: QApplication, *, idle_ms: int | None = None) -> bool:
    """At start: with a 启动密码 set, ask for it (False when cancelled: quit) and start the
    idle lock once the main window shows. With none: True, nothing else (one query)."""
    if not app_lock.is_set():
        return True
    dialog = UnlockDialog(None, "请输入启动密码。", title="启动密码", cancel_text="取消")
    if not run_dialog(dialog):
        log.info("Start-up password not entered; quitting")
        return False
    _StartWatcher(app, idle_ms)
    return True


class _StartWatcher(QObject):
    """Starts the idle lock when the first main window shows, then goes."""

    def __init__(self, app: QApplication, idle_ms: int | None) -> None:
        super().__init__(app)
        self.app = app
        self.idle_ms = idle_ms
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QMainWindow):
            self.app.removeEventFilter(self)
            window, idle_ms = watched, self.idle_ms
            QTimer.singleShot(0, lambda: start_idle_lock(window, timeout_ms=idle_ms))
            self.deleteLater()
        return False


class _Cover(QWidget):
    """An opaque cover over one window while locked; on the main window with 解锁…."""

    def __init__(self, window: QWidget, lock: IdleLock | None) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        self.setStyleSheet("#lockCover { background-color: palette(window); }")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel(LOCKED_TEXT, self)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        title.setFont(font)
        layout.addWidget(title)
        if lock is not None:
            hint = QLabel(LOCKED_HINT, self)
            hint.setWordWrap(True)
            hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(hint)
            self.unlock_button = QPushButton("解锁…", self)
            self.unlock_button.clicked.connect(lock.ask_to_unlock)
            layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.ChildAdded,
        ):
            parent = self.parentWidget()
            if parent is not None:
                self.setGeometry(parent.rect())
                self.raise_()
        return False


class IdleLock(QObject):
    """Locks the program after ``timeout_ms`` without user input."""

    def __init__(self, window: QWidget, timeout_ms: int) -> None:
        super().__init__(window)
        self.window = window
        self.covers: list[_Cover] = []
        self.dialog: UnlockDialog | None = None
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(timeout_ms, 1))
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    @property
    def timeout_ms(self) -> int:
        return self.timer.interval()

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self.timer.setInterval(max(timeout_ms, 1))
        if not self.locked:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.locked and event.type() in INPUT_EVENTS:
            self.timer.start()
        return False

    def lock(self) -> None:
        """Cover every open window of the program and ask for the password."""
        if self.locked:
            return
        if not app_lock.is_set():  # removed meanwhile (another copy, the command line)
            self.stop()
            return
        self.locked = True
        self.timer.stop()
        log.info("Idle lock: locked")
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and widget is not self.window:
                self.covers.append(_Cover(widget, None))
        self.covers.append(_Cover(self.window, self))
        self.ask_to_unlock()

    def ask_to_unlock(self) -> None:
        """The unlock dialog over everything (application modal, so it takes the input
        even when another dialog was open)."""
        if not self.locked:
            return
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.activateWindow()
            return
        dialog = UnlockDialog(
            self.window,
            "程序已锁定。请输入启动密码解锁。",
            title="程序已锁定",
            cancel_text="退出程序",
            closable=False,
        )
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.accepted.connect(self.unlock)
        dialog.rejected.connect(lambda: self._rejected(dialog))
        self.dialog = dialog
        dialog.show()  # the newest application modal window: on top, and it takes the input

    def _rejected(self, dialog: UnlockDialog) -> None:
        if dialog.quit_requested:
            self.quit_program()

    def quit_program(self) -> None:
        """退出程序: every window closes as usual (the main window saves its place)."""
        log.info("Idle lock: 退出程序")
        self.stop()
        QApplication.closeAllWindows()

    def unlock(self) -> None:
        if not self.locked:
            return
        for cover in self.covers:
            cover.hide()
            cover.deleteLater()
        self.covers.clear()
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        self.locked = False
        log.info("Idle lock: unlocked")
        self.timer.start()

    def stop(self) -> None:
        """No more locking (the password was removed, or the program ends)."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        global _idle_lock
        if _idle_lock is self:
            _idle_lock = None


_idle_lock: IdleLock | None = None


def current_idle_lock() -> IdleLock | None:
    return _idle_lock


def start_idle_lock(window: QWidget, *, timeout_ms: int | None = None) -> IdleLock:
    """Start (or retime) the idle lock of ``window``; the time is the setting's minutes
    unless ``timeout_ms`` is given (tests)."""
    global _idle_lock
    ms = timeout_ms if timeout_ms is not None else app_lock.idle_minutes() * 60_000
    if _idle_lock is not None:
        try:
            same = _idle_lock.window is window
        except RuntimeError:  # its window is gone
            same = False
        if same:
            _idle_lock.set_timeout_ms(ms)
            return _idle_lock
        _idle_lock.stop()
    _idle_lock = IdleLock(window, ms)
    return _idle_lock


def stop_idle_lock() -> None:
    if _idle_lock is not None:
        _idle_lock.stop()
