"""设置: where the data lives, the backups and the log — and 立即备份; the
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
    set_role,
    show_folder,
    style_heading,
)
from jianshi_desktop.gui.dashboard.obligation_settings import ObligationsSection
from jianshi_desktop.gui.dashboard.records_from_settings import RecordsFromSection
from jianshi_desktop.gui.documents.settings_section import DocumentFontsSection
from jianshi_desktop.gui.settings.appearance import AppearanceSection
from jianshi_desktop.gui.settings.backup import BackupSection
from jianshi_desktop.gui.settings.branch_section import BranchSection
from jianshi_desktop.gui.settings.lock import LockSection
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
        # a data folder made before packages were signed gets its key now
        self.fingerprint_value.setText(signing_keys.ensure_fingerprint())

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
        new = signing_keys.replace_key()
        self.refresh()
        self.status.emit(f"已更换签名密钥，新指纹 {new.fingerprint}。请打电话告诉上级。")
        return True


def insert_above(form: QWidget, section: QWidget, anchor: str) -> None:
    """Put ``section`` into the settings form, right above the form's child ``anchor``."""
    layout = form.layout()
    assert isinstance(layout, QVBoxLayout)
    layout.insertWidget(layout.indexOf(child(form, QWidget, anchor)), section)


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
                ("last_backup", "lastBackupValue"),
                ("log_file", "logFileValue"),
                ("version", "versionValue"),
            )
        }
        self.open_folder_button = child(self.ui, QPushButton, "openFolderButton")
        self.open_folder_button.clicked.connect(self.open_data_folder)
        # The sections between 数据 and 关于, in this order; each feature keeps its own.
        self.backup_section = BackupSection(store, self.ui)  # 备份与恢复
        self.obligations_section = ObligationsSection(self.ui)  # 工作要求: what 首页 checks
        self.records_from_section = RecordsFromSection(self.ui)  # 从哪一天开始在本程序记录
        fonts_section = DocumentFontsSection(self.ui)  # 文书字体与版式
        self.signing_section = SigningSection(self.ui)  # 报送包签名
        self.lock_section = LockSection(self.ui)  # 启动密码
        for section in (
            self.backup_section,
            self.obligations_section,
            self.records_from_section,
            fonts_section,
            self.signing_section,
            self.lock_section,
        ):
            insert_above(self.ui, section, "aboutGroup")
        for told in (
            self.backup_section.status,
            self.obligations_section.status,
            self.records_from_section.status,
            self.signing_section.status,
            self.lock_section.status,
        ):
            told.connect(self.status.emit)
        self.appearance_section = AppearanceSection(self.ui)  # 文字大小, above 备份与恢复
        insert_above(self.ui, self.appearance_section, "backupGroup")
        self.appearance_section.status.connect(self.status.emit)
        self.backup_section.backup_made.connect(self.backup_made.emit)
        self.backup_section.backup_made.connect(lambda _path: self.refresh())
        self.backup_section.restored.connect(self.refresh)
        self.backup_section.data_replaced.connect(self.data_replaced.emit)
        self.branch_section = BranchSection(self.ui)  # 支部信息, first: above 数据
        insert_above(self.ui, self.branch_section, "dataGroup")
        self.branch_section.status.connect(self.status.emit)
        # a changed name: the title bar and every page read the branch again
        self.branch_section.changed.connect(self.data_replaced.emit)
        self.refresh()

    def refresh(self) -> None:
        data = self.store.data
        self.values["data_folder"].setText(str(data.root))
        last = self.store.last_backup
        self.values["last_backup"].setText(chinese_datetime(last) if last else "还没有备份")
        self.values["log_file"].setText(str(log_file_of(self.store)))
        self.values["version"].setText(__version__)
        self.records_from_section.refresh()
        self.signing_section.refresh()
        self.branch_section.refresh()

    def open_data_folder(self) -> None:
        show_folder(self, self.store.data.root, title="打开数据文件夹")
