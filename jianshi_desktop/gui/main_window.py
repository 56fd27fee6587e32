"""The main window: navigation on the left, the pages on the right, a status bar below.

The title names the branch; the status bar names the data folder and the last backup.
Areas not built yet have a page that says so plainly. Size and position are kept in
``window.ini`` in the data folder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from jianshi_desktop import APP_NAME
from jianshi_desktop.gui.icons import app_icon, nav_icon
from jianshi_desktop.gui.pages.base import Page
from jianshi_desktop.gui.pages.documents import DocumentsPage
from jianshi_desktop.gui.pages.heart_talks import HeartTalksPage
from jianshi_desktop.gui.pages.home import HomePage
from jianshi_desktop.gui.pages.meetings import MeetingsPage
from jianshi_desktop.gui.pages.members import MembersPage
from jianshi_desktop.gui.pages.organization import OrganizationPage
from jianshi_desktop.gui.pages.settings import SettingsPage
from jianshi_desktop.gui.pages.submission import SubmissionPage
from jianshi_desktop.gui.pages.theme_days import ThemeDaysPage
from jianshi_desktop.gui.widgets import chinese_datetime, scaled_font
from jianshi_desktop.gui.window_state import restore_geometry, save_geometry, window_settings
from jianshi_desktop.services.branch import branch_info
from jianshi_desktop.services.reminders import Action
from jianshi_desktop.services.store import Store, backup_if_due

log = logging.getLogger(__name__)

DEFAULT_SIZE = QSize(1200, 700)  # fits a 1366×768 screen with its taskbar
MINIMUM_SIZE = QSize(960, 600)
KEY_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Area:
    """One item of the navigation column."""

    key: str
    label: str
    icon: str


AREAS: tuple[Area, ...] = (
    Area("home", "首页", "home"),
    Area("members", "党员", "members"),
    Area("organization", "组织", "organization"),
    Area("meetings", "三会一课", "meetings"),
    Area("theme_days", "主题党日", "theme_day"),
    Area("heart_talks", "谈心谈话", "heart_talk"),
    Area("documents", "文书", "documents"),
    Area("submission", "报送", "submission"),
    Area("settings", "设置", "settings"),
)


def window_title() -> str:
    info = branch_info()
    if info is None:
        return APP_NAME
    demo = "（演示数据）" if info.is_demo else ""
    return f"{info.name}{demo} — {APP_NAME}"


class MainWindow(QMainWindow):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = window_settings(store.data.root)
        self.setWindowIcon(app_icon())
        self.setMinimumSize(MINIMUM_SIZE)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFont(scaled_font(1.1))
        self.navigation.setIconSize(QSize(24, 24))
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.setAccessibleName("功能导航")
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        for area in AREAS:
            self._add_area(area)
        self.navigation.setFixedWidth(self._navigation_width())

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.folder_label = QLabel()
        self.backup_label = QLabel()
        self.statusBar().addPermanentWidget(self.folder_label)
        self.statusBar().addPermanentWidget(self.backup_label)

        self.navigation.currentRowChanged.connect(self._row_changed)
        self.settings_page.backup_made.connect(lambda _path: self.update_status())
        self.home_page.action_requested.connect(self.act)
        self.navigation.setCurrentRow(0)
        self.refresh_title()
        self.update_status()
        if not restore_geometry(self, self.settings):
            self._default_geometry()

    # --- building -----------------------------------------------------------------------

    def _make_page(self, key: str) -> Page:
        data = self.store.data
        makers: dict[str, Callable[[], Page]] = {
            "home": HomePage,
            "members": MembersPage,
            "organization": OrganizationPage,
            "meetings": lambda: MeetingsPage(data.attachments),
            "theme_days": lambda: ThemeDaysPage(data.attachments),
            "heart_talks": HeartTalksPage,
            "documents": lambda: DocumentsPage(data.root),
            "submission": lambda: SubmissionPage(data),
            "settings": lambda: SettingsPage(self.store),
        }
        return makers[key]()

    def _add_area(self, area: Area) -> None:
        page = self._make_page(area.key)
        page.status.connect(self.say)
        self.pages[area.key] = page
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        self.stack.addWidget(scroll)
        item = QListWidgetItem(nav_icon(area.icon), area.label)
        item.setData(KEY_ROLE, area.key)
        item.setToolTip(area.label)
        self.navigation.addItem(item)

    def _navigation_width(self) -> int:
        metrics = self.navigation.fontMetrics()
        widest = max(metrics.horizontalAdvance(area.label) for area in AREAS)
        # icon + gap + text + item padding, margins and the marker bar
        return widest + self.navigation.iconSize().width() + 90

    def _default_geometry(self) -> None:
        size = QSize(DEFAULT_SIZE)
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            size = size.boundedTo(available.size() - QSize(40, 60))
            self.resize(size.expandedTo(MINIMUM_SIZE.boundedTo(available.size())))
            frame = self.frameGeometry()
            frame.moveCenter(available.center())
            self.move(frame.topLeft())
        else:
            self.resize(size)

    # --- what the user sees -------------------------------------------------------------

    @property
    def home_page(self) -> HomePage:
        page = self.pages["home"]
        assert isinstance(page, HomePage)
        return page

    @property
    def settings_page(self) -> SettingsPage:
        page = self.pages["settings"]
        assert isinstance(page, SettingsPage)
        return page

    def current_area(self) -> str:
        item = self.navigation.currentItem()
        return str(item.data(KEY_ROLE)) if item is not None else ""

    def current_page(self) -> Page:
        return self.pages[self.current_area()]

    def show_area(self, key: str) -> None:
        """Open the page of the area ``key`` (one of :data:`AREAS`)."""
        for row in range(self.navigation.count()):
            if self.navigation.item(row).data(KEY_ROLE) == key:
                self.navigation.setCurrentRow(row)
                return
        raise KeyError(key)

    def act(self, action: Action) -> None:
        """Open the place to act on a reminder: the action's area, then what it names there
        (``page.perform(command, params)``: a wizard with the date filled, a dialog …)."""
        if action.area not in self.pages:
            log.warning("A reminder points to an unknown area %r", action.area)
            return
        self.show_area(action.area)
        if action.command:
            self.pages[action.area].perform(action.command, dict(action.params))

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self.current_page().refresh()

    def refresh_title(self) -> None:
        self.setWindowTitle(window_title())

    def update_status(self) -> None:
        self.folder_label.setText(f"数据文件夹：{self.store.data.root}")
        last = self.store.last_backup
        self.backup_label.setText(
            f"最近备份：{chinese_datetime(last)}" if last else "最近备份：还没有备份"
        )

    def say(self, text: str) -> None:
        """A passing message in the status bar."""
        self.statusBar().showMessage(text, 10_000)

    def run_automatic_backup(self) -> Path | None:
        """The daily backup, after the window shows; a failure is logged and mentioned."""
        try:
            target = backup_if_due(self.store)
        except Exception:
            log.exception("Automatic backup failed")
            self.say(
                "今天的自动备份没有完成，详细信息已写入日志；可以在“设置”中点击“立即备份”重试。"
            )
            return None
        if target is not None:
            self.say("今天的自动备份已完成。")
        self.update_status()
        self.settings_page.refresh()
        return target

    def closeEvent(self, event: QCloseEvent) -> None:
        save_geometry(self, self.settings)
        super().closeEvent(event)
