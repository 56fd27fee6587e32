"""县局汇总's window: the county desk's own data folder, laid out as the branch's main
window is (navigation on the left, the status bar naming the data folder and the last
backup), with four areas: 汇总 (schools × obligations), 报送包 (import and history),
各校 (one school's packages, records and documents) and 文书 (通报, 汇总, the workbook).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

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
from jianshi_desktop.gui.common.icons import app_icon, nav_icon
from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.common.widgets import ElidedLabel, chinese_datetime, scaled_font
from jianshi_desktop.gui.window_state import restore_geometry, save_geometry, window_settings
from jianshi_desktop.services.store import Store, backup_if_due

if TYPE_CHECKING:
    from jianshi_desktop.gui.common.workers import Task
    from jianshi_desktop.gui.county.documents_page import CountyDocumentsPage
    from jianshi_desktop.gui.county.matrix_page import MatrixPage
    from jianshi_desktop.gui.county.packages_page import PackagesPage
    from jianshi_desktop.gui.county.school_page import SchoolPage

log = logging.getLogger(__name__)

WINDOW_TITLE = f"县局汇总 — {APP_NAME}"
DEFAULT_SIZE = QSize(1200, 700)
MINIMUM_SIZE = QSize(800, 520)
KEY_ROLE = Qt.ItemDataRole.UserRole
BACKUP_WAIT_S = 60.0


@dataclass(frozen=True)
class Area:
    key: str
    label: str
    icon: str


AREAS: tuple[Area, ...] = (
    Area("matrix", "汇总", "home"),
    Area("packages", "报送包", "submission"),
    Area("schools", "各校", "organization"),
    Area("documents", "文书", "documents"),
)


class CountyWindow(QMainWindow):
    """The county desk. Every page is built at once (four pages, each reading little)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        from jianshi_desktop.gui.county.documents_page import CountyDocumentsPage
        from jianshi_desktop.gui.county.matrix_page import MatrixPage
        from jianshi_desktop.gui.county.packages_page import PackagesPage
        from jianshi_desktop.gui.county.school_page import SchoolPage

        super().__init__(parent)
        self.store = store
        self.settings = window_settings(store.data.root)
        self.setWindowIcon(app_icon())
        self.setWindowTitle(WINDOW_TITLE)
        self.setMinimumSize(MINIMUM_SIZE)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFont(scaled_font(1.1))
        self.navigation.setIconSize(QSize(24, 24))
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.setAccessibleName("功能导航")
        self.stack = QStackedWidget()
        data = store.data
        self.matrix_page: MatrixPage = MatrixPage(data.root)
        self.packages_page: PackagesPage = PackagesPage(data)
        self.school_page: SchoolPage = SchoolPage(data)
        self.documents_page: CountyDocumentsPage = CountyDocumentsPage(data.root)
        self.pages: dict[str, Page] = {
            "matrix": self.matrix_page,
            "packages": self.packages_page,
            "schools": self.school_page,
            "documents": self.documents_page,
        }
        for area in AREAS:
            holder = QScrollArea()
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            page = self.pages[area.key]
            holder.setWidget(page)
            page.status.connect(self.say)
            self.stack.addWidget(holder)
            item = QListWidgetItem(nav_icon(area.icon), area.label)
            item.setData(KEY_ROLE, area.key)
            item.setToolTip(area.label)
            self.navigation.addItem(item)
        self.navigation.setFixedWidth(self._navigation_width())
        self.matrix_page.school_requested.connect(self.show_school)
        self.packages_page.imported.connect(self._data_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.folder_label = ElidedLabel()
        self.backup_label = QLabel()
        self.statusBar().addPermanentWidget(self.folder_label)
        self.statusBar().addPermanentWidget(self.backup_label)
        self.backup_task: Task[Path | None] | None = None
        self.navigation.currentRowChanged.connect(self._row_changed)
        self.navigation.setCurrentRow(0)
        self.update_status()
        if not restore_geometry(self, self.settings):
            self._default_geometry()

    def _navigation_width(self) -> int:
        metrics = self.navigation.fontMetrics()
        widest = max(metrics.horizontalAdvance(area.label) for area in AREAS)
        return widest + self.navigation.iconSize().width() + 72

    def text_size_changed(self) -> None:
        self.navigation.setFixedWidth(self._navigation_width())

    def _default_geometry(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(DEFAULT_SIZE)
            return
        available = screen.availableGeometry()
        size = DEFAULT_SIZE.boundedTo(available.size() - QSize(40, 60))
        self.resize(size.expandedTo(MINIMUM_SIZE.boundedTo(available.size())))
        frame = self.frameGeometry()
        frame.moveCenter(available.center())
        self.move(frame.topLeft())

    # --- areas --------------------------------------------------------------------------

    def current_area(self) -> str:
        item = self.navigation.currentItem()
        return str(item.data(KEY_ROLE)) if item is not None else ""

    def show_area(self, key: str) -> None:
        for row in range(self.navigation.count()):
            if self.navigation.item(row).data(KEY_ROLE) == key:
                self.navigation.setCurrentRow(row)
                return
        raise KeyError(key)

    def page(self, key: str) -> Page:
        return self.pages[key]

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self.pages[str(self.navigation.item(row).data(KEY_ROLE))].refresh()

    def show_school(self, uid: str) -> None:
        """各校, on the school ``uid`` (a double-click in 汇总)."""
        self.show_area("schools")
        self.school_page.choose_school(uid)

    def _data_changed(self) -> None:
        self.matrix_page.stale = True
        self.school_page.stale = True

    # --- status bar and backup ---------------------------------------------------------

    def update_status(self) -> None:
        self.folder_label.setText(f"数据文件夹（县局汇总）：{self.store.data.root}")
        last = self.store.last_backup
        self.backup_label.setText(
            f"最近备份：{chinese_datetime(last)}" if last else "最近备份：还没有备份"
        )

    def say(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def start_automatic_backup(self) -> Task[Path | None]:
        """The daily backup of the county's folder, on a worker thread (as MainWindow's)."""
        from jianshi_desktop.gui.common.workers import run_in_background

        store = self.store

        def done(target: Path | None) -> None:
            if target is not None:
                self.say("今天的自动备份已完成。")
            self.update_status()

        def failed(error: BaseException) -> None:
            log.error("Automatic backup failed", exc_info=error)
            self.say("今天的自动备份没有完成，详细信息已写入日志。")

        self.backup_task = run_in_background(
            self,
            lambda _progress: backup_if_due(store),
            on_success=done,
            on_failure=failed,
            title="自动备份",
            text="正在进行今天的自动备份，请稍候……",
            delay_ms=10_000,
            quiet=True,
        )
        return self.backup_task

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.packages_page.importing():
            self.say("正在导入报送包，请等导入结束或点“取消”后再关闭。")
            event.ignore()
            return
        task = self.backup_task
        if task is not None and task.running:
            task.wait(BACKUP_WAIT_S)
        save_geometry(self, self.settings)
        super().closeEvent(event)
