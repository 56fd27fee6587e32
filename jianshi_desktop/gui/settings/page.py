"""设置: where the data lives, its version, the backups and the log — and 立即备份; the
fingerprint of the key that signs the branch's packages, and 更换签名密钥."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from jianshi_desktop import __version__, logs
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.forms import child, load_form
from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.common.widgets import (
    chinese_datetime,
    open_in_system,
    set_role,
    style_heading,
)
from jianshi_desktop.gui.dashboard.obligation_settings import add_obligations_section
from jianshi_desktop.gui.dashboard.records_from_settings import add_records_from_section
from jianshi_desktop.gui.documents.settings_section import add_fonts_section
from jianshi_desktop.services import signing_keys
from jianshi_desktop.services.store import Store

log = logging.getLogger(__name__)


REPLACE_KEY_QUESTION = (
    "要更换报送包的签名密钥吗？换了以后，新的报送包用新密钥签名，并带上旧密钥签的更换声明，"
    "上级的程序会认出是本支部换了密钥。"
)
REPLACE_KEY_HINT = (
    "一般不需要更换。只有怀疑密钥被别人拿到了（例如数据文件夹被拷走）时才换。"
    "换了以后请打电话把新指纹告诉上级。"
)


class SigningSection(QGroupBox):
    """报送包签名: the key's fingerprint (read-only), what it is for, 更换签名密钥…."""

    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("报送包签名", parent)
        self.setObjectName("signingGroup")
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        row = QHBoxLayout()
        row.addWidget(QLabel("签名指纹：", self))
        self.fingerprint_value = QLabel(self)
        self.fingerprint_value.setObjectName("fingerprintValue")
        self.fingerprint_value.setAccessibleName("报送包签名指纹")
        self.fingerprint_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.fingerprint_value)
        row.addStretch(1)
        layout.addLayout(row)
        self.explanation = QLabel(signing_keys.PURPOSE, self)
        self.explanation.setWordWrap(True)
        set_role(self.explanation, "hint")
        layout.addWidget(self.explanation)
        buttons = QHBoxLayout()
        self.replace_button = QPushButton("更换签名密钥…", self)
        self.replace_button.clicked.connect(self.replace_key)
        buttons.addWidget(self.replace_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        try:  # a data folder made before packages were signed gets its key now
            shown = signing_keys.ensure_fingerprint()
        except Exception:  # the rest of 设置 still works; export makes the key again
            log.exception("Could not read or make the signing key")
            shown = "暂时无法读取（导出报送包时会再试）"
        self.fingerprint_value.setText(shown)

    def replace_key(self) -> bool:
        if not messages.ask(
            self,
            REPLACE_KEY_QUESTION,
            title="更换签名密钥",
            yes_text="更换",
            no_text="不换",
            hint=REPLACE_KEY_HINT,
        ):
            return False
        try:
            new = signing_keys.replace_key()
        except Exception as exc:
            messages.show_error(self, exc, title="没有更换签名密钥")
            return False
        self.refresh()
        self.status.emit(f"已更换签名密钥，新指纹 {new.fingerprint}。请打电话告诉上级。")
        return True


def log_file_of(store: Store) -> Path:
    return logs.current_log_file() or store.data.logs / logs.LOG_FILE


class SettingsPage(Page):
    filled_when_built = True  # its __init__ ends with refresh()

    backup_made = Signal(Path)
    data_replaced = Signal()  # a backup was restored: the window reads everything again

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__("settings", parent)
        self.store = store
        self.ui = load_form("settings_page", self)
        style_heading(child(self.ui, QLabel, "headingLabel"))
        set_role(child(self.ui, QLabel, "backupHint"), "hint")
        set_role(child(self.ui, QLabel, "laterNotice"), "hint")
        self.values = {
            key: child(self.ui, QLabel, name)
            for key, name in (
                ("data_folder", "dataFolderValue"),
                ("database", "databaseValue"),
                ("schema_version", "schemaVersionValue"),
                ("last_backup", "lastBackupValue"),
                ("log_file", "logFileValue"),
                ("version", "versionValue"),
            )
        }
        self.open_folder_button = child(self.ui, QPushButton, "openFolderButton")
        self.open_folder_button.clicked.connect(self.open_data_folder)
        # --- 工作要求: what 首页 checks, 党课 adjustable (gui/dashboard/obligation_settings.py)
        self.obligations_section = add_obligations_section(self.ui, before="aboutGroup")
        self.obligations_section.status.connect(self.status.emit)
        # --- end of 工作要求
        # --- 从哪一天开始在本程序记录 (gui/dashboard/records_from_settings.py)
        self.records_from_section = add_records_from_section(self.ui, before="aboutGroup")
        self.records_from_section.status.connect(self.status.emit)
        # --- end of 从哪一天开始在本程序记录
        # --- 文书字体与版式 (gui/documents/settings_section.py)
        self.fonts_section = add_fonts_section(self.ui, before="aboutGroup")
        # --- end of 文书字体与版式
        # --- 报送包签名
        self.signing_section = SigningSection(self.ui)
        form_layout = self.ui.layout()
        assert isinstance(form_layout, QVBoxLayout)
        about = form_layout.indexOf(child(self.ui, QWidget, "aboutGroup"))
        form_layout.insertWidget(about if about >= 0 else form_layout.count(), self.signing_section)
        self.signing_section.status.connect(self.status.emit)
        # --- end of 报送包签名
        # --- 启动密码 (gui/settings/lock.py)
        from jianshi_desktop.gui.settings.lock import add_lock_section

        self.lock_section = add_lock_section(self.ui, before="aboutGroup")
        self.lock_section.status.connect(self.status.emit)
        # --- end of 启动密码
        # --- 备份与恢复 (gui/settings/backup.py)
        from jianshi_desktop.gui.settings.backup import add_backup_section

        self.backup_section = add_backup_section(self.ui, store)
        self.backup_section.status.connect(self.status.emit)
        self.backup_section.backup_made.connect(self.backup_made.emit)
        self.backup_section.backup_made.connect(lambda _path: self.refresh())
        self.backup_section.restored.connect(self.refresh)
        self.backup_section.data_replaced.connect(self.data_replaced.emit)
        # --- end of 备份与恢复
        self.refresh()

    def refresh(self) -> None:
        data = self.store.data
        self.values["data_folder"].setText(str(data.root))
        self.values["database"].setText(str(data.database))
        self.values["schema_version"].setText(f"第 {self.store.schema_version} 版")
        last = self.store.last_backup
        self.values["last_backup"].setText(chinese_datetime(last) if last else "还没有备份")
        self.values["log_file"].setText(str(log_file_of(self.store)))
        self.values["version"].setText(__version__)
        self.records_from_section.refresh()
        self.signing_section.refresh()

    def shown_facts(self) -> dict[str, str]:
        return {key: label.text() for key, label in self.values.items()}

    def open_data_folder(self) -> None:
        root = self.store.data.root
        if not open_in_system(root):
            log.warning("Could not open %s in the file manager", root)
            messages.warning(
                self,
                f"无法自动打开数据文件夹“{root}”。",
                hint="请在“此电脑”或文件管理器中按这个路径手动打开。",
                title="打开文件夹",
            )
