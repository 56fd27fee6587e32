"""设置 → 启动密码: off by default; 设置密码… / 修改密码… / 取消密码… (both need the old
password), and after how many idle minutes the program locks."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.errors import UserError
from jianshi_desktop.gui import lock
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.widgets import set_role
from jianshi_desktop.services import app_lock

log = logging.getLogger(__name__)

EXPLANATION = (
    "设置后，打开程序时、程序空闲一段时间后，以及显示或导出完整身份证号码前，都要输入启动密码。"
    "启动密码只防止别人坐到这台电脑前直接翻看；数据本身没有加密，"
    "能拷走数据文件夹的人仍能读到数据。忘记密码时可以用备份恢复，"
    "或在输入密码的窗口点“忘记密码？”，按说明取消它。"
)


class PasswordDialog(QDialog):
    """The fields for one change: the old password (when one is set), the new one twice."""

    def __init__(self, parent: QWidget | None, *, title: str, old: bool, new: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.old_edit = self._field("原来的启动密码") if old else None
        self.new_edit = self._field("新的启动密码") if new else None
        self.repeat_edit = self._field("再输入一次新密码") if new else None
        for label, edit in (
            ("原来的密码：", self.old_edit),
            ("新密码：", self.new_edit),
            ("再输入一次：", self.repeat_edit),
        ):
            if edit is not None:
                form.addRow(label, edit)
        if new:
            hint = QLabel(
                f"至少{app_lock.MIN_LENGTH}个字符。请记牢，程序无法找回忘记的密码。", self
            )
            hint.setWordWrap(True)
            set_role(hint, "hint")
            form.addRow(hint)
        buttons = QDialogButtonBox(self)
        buttons.addButton("确定", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(380)

    def _field(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAccessibleName(name)
        return edit

    @staticmethod
    def _text(edit: QLineEdit | None) -> str:
        return edit.text() if edit is not None else ""

    def old(self) -> str:
        return self._text(self.old_edit)

    def new(self) -> str:
        return self._text(self.new_edit)

    def repeated(self) -> str:
        return self._text(self.repeat_edit)


def run_password_dialog(dialog: PasswordDialog) -> bool:
    """Show ``dialog`` and wait; True on 确定 (tests replace this)."""
    return dialog.exec() == QDialog.DialogCode.Accepted


class LockSection(QGroupBox):
    """启动密码: whether one is set, the buttons, the idle minutes."""

    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("启动密码", parent)
        self.setObjectName("lockGroup")
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("lockStateLabel")
        self.state_label.setWordWrap(True)
        layout.addWidget(self.state_label)
        explanation = QLabel(EXPLANATION, self)
        explanation.setWordWrap(True)
        set_role(explanation, "hint")
        layout.addWidget(explanation)
        idle_row = QHBoxLayout()
        idle_row.addWidget(QLabel("空闲多久后锁定：", self))
        self.idle_spin = QSpinBox(self)
        self.idle_spin.setRange(app_lock.MIN_IDLE_MINUTES, app_lock.MAX_IDLE_MINUTES)
        self.idle_spin.setSuffix(" 分钟")
        self.idle_spin.setAccessibleName("空闲多久后锁定（分钟）")
        self.idle_spin.setKeyboardTracking(False)
        self.idle_spin.valueChanged.connect(self.change_idle_minutes)
        idle_row.addWidget(self.idle_spin)
        idle_row.addStretch(1)
        layout.addLayout(idle_row)
        buttons = QHBoxLayout()
        self.set_button = QPushButton("设置密码…", self)
        self.change_button = QPushButton("修改密码…", self)
        self.remove_button = QPushButton("取消密码…", self)
        self.set_button.clicked.connect(self.set_password)
        self.change_button.clicked.connect(self.change_password)
        self.remove_button.clicked.connect(self.remove_password)
        for button in (self.set_button, self.change_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._filling = False
        self.refresh()

    def refresh(self) -> None:
        on = app_lock.is_set()
        minutes = app_lock.idle_minutes()
        self._filling = True
        self.idle_spin.setValue(minutes)
        self._filling = False
        self.idle_spin.setEnabled(on)
        self.set_button.setVisible(not on)
        self.change_button.setVisible(on)
        self.remove_button.setVisible(on)
        self.state_label.setText(
            f"已设置启动密码：打开程序时和空闲 {minutes} 分钟后需要输入。"
            if on
            else "没有设置启动密码（默认）：打开程序不需要密码。"
        )

    def _main_window(self) -> QWidget:
        return self.window()

    def _new_password(self, dialog: PasswordDialog) -> str | None:
        if dialog.new() != dialog.repeated():
            messages.warning(self, "两次输入的新密码不一样，没有改动。", title="启动密码")
            return None
        return dialog.new()

    def set_password(self) -> bool:
        dialog = PasswordDialog(self, title="设置启动密码", old=False, new=True)
        if not run_password_dialog(dialog):
            return False
        new = self._new_password(dialog)
        if new is None:
            return False
        return self._apply(lambda: app_lock.set_password(new), "已设置启动密码。", start=True)

    def change_password(self) -> bool:
        dialog = PasswordDialog(self, title="修改启动密码", old=True, new=True)
        if not run_password_dialog(dialog):
            return False
        new = self._new_password(dialog)
        if new is None:
            return False
        old = dialog.old()
        return self._apply(lambda: app_lock.set_password(new, old=old), "已修改启动密码。")

    def remove_password(self) -> bool:
        dialog = PasswordDialog(self, title="取消启动密码", old=True, new=False)
        if not run_password_dialog(dialog):
            return False
        old = dialog.old()
        if not self._apply(lambda: app_lock.remove_password(old), "已取消启动密码。"):
            return False
        lock.stop_idle_lock()
        return True

    def _apply(self, change: Callable[[], object], done: str, *, start: bool = False) -> bool:
        try:
            change()
        except UserError as exc:  # a wrong old password, a too short new one …
            messages.show_error(self, exc, title="启动密码没有改动")
            return False
        if start:
            lock.start_idle_lock(self._main_window())
        self.refresh()
        self.status.emit(done)
        return True

    def change_idle_minutes(self, minutes: int) -> None:
        if self._filling or minutes == app_lock.idle_minutes():
            return
        try:
            app_lock.set_idle_minutes(minutes)
        except UserError as exc:
            messages.show_error(self, exc, title="没有改动")
            self.refresh()
            return
        running = lock.current_idle_lock()
        if running is not None:
            running.set_timeout_ms(minutes * 60_000)
        self.refresh()
        self.status.emit(f"程序空闲 {minutes} 分钟后会锁定。")
