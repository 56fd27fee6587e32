"""The frame the branch's main window and 县局汇总's window share: the navigation column on
the left, the pages on the right (each in a scroll area), a status bar below naming the
data folder and the last backup; size and position kept in ``window.ini``; the daily
backup on a worker thread, waited for when the window closes.

A window lists its :class:`Area` s, builds the frame (``super().__init__``), may place
pages it builds at once (:meth:`AreaWindow.place_page`), and ends its ``__init__`` with
:meth:`AreaWindow.finish_building`. A page not placed is built on its first visit by the
window's ``make_page``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar

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

from jianshi_desktop.gui.common.icons import app_icon, nav_icon
from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.common.widgets import ElidedLabel, chinese_datetime, scaled_font
from jianshi_desktop.gui.window_state import restore_geometry, save_geometry, window_settings
from jianshi_desktop.services.store import Store, backup_if_due

if TYPE_CHECKING:
    from jianshi_desktop.gui.common.workers import Task

log = logging.getLogger(__name__)

DEFAULT_SIZE = QSize(1200, 700)  # fits a 1366×768 screen with its taskbar
MINIMUM_SIZE = QSize(800, 520)  # fits 1366×768 at 125 % (1093×614) with its taskbar
KEY_ROLE = Qt.ItemDataRole.UserRole
P = TypeVar("P", bound=Page)
BACKUP_PROGRESS_AFTER_MS = 10_000  # the backup is quiet; only a very slow one says so
BACKUP_WAIT_S = 60.0  # closing the window waits this long for a backup under way


@dataclass(frozen=True)
class Area:
    """One item of the navigation column."""

    key: str
    label: str
    icon: str


class AreaWindow(QMainWindow):
    """A window of areas: one navigation item and one page for each."""

    folder_caption: ClassVar[str] = "数据文件夹"  # the status bar: "<caption>：<folder>"
    backup_failed_text: ClassVar[str] = "今天的自动备份没有完成，详细信息已写入日志。"

    def __init__(
        self, store: Store, areas: tuple[Area, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.areas = areas
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
        self.pages: dict[str, Page] = {}  # the pages built so far (see page())
        self._holders: dict[str, QScrollArea] = {}
        for area in areas:
            self._add_area(area)
        self.navigation.setFixedWidth(self._navigation_width())

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.folder_label = ElidedLabel()  # a long path shortened in the middle, whole in its tip
        self.backup_label = QLabel()
        self.statusBar().addPermanentWidget(self.folder_label)
        self.statusBar().addPermanentWidget(self.backup_label)
        self.backup_task: Task[Path | None] | None = None

    def finish_building(self) -> None:
        """The end of a window's ``__init__``: the first area opened, the status bar
        filled, the saved size and position restored."""
        self.navigation.currentRowChanged.connect(self._row_changed)
        self.navigation.setCurrentRow(0)
        self.update_status()
        if not restore_geometry(self, self.settings):
            self._default_geometry()

    # --- building -----------------------------------------------------------------------

    def _add_area(self, area: Area) -> None:
        """The area's navigation item and an empty place in the stack for its page."""
        holder = QScrollArea()
        holder.setWidgetResizable(True)
        holder.setFrameShape(QFrame.Shape.NoFrame)
        self._holders[area.key] = holder
        self.stack.addWidget(holder)
        item = QListWidgetItem(nav_icon(area.icon), area.label)
        item.setData(KEY_ROLE, area.key)
        item.setToolTip(area.label)
        self.navigation.addItem(item)

    def make_page(self, key: str) -> Page:
        """Build the page of ``key`` on its first visit: a window whose pages are not all
        placed at once says how."""
        raise KeyError(key)

    def place_page(self, key: str, page: Page) -> None:
        """``page`` in the place of area ``key``; its messages go to the status bar."""
        page.status.connect(self.say)
        self.pages[key] = page
        self._holders[key].setWidget(page)

    def page(self, key: str) -> Page:
        """The page of area ``key``, built now if it has not been opened yet."""
        page = self.pages.get(key)
        if page is None:
            if key not in self._holders:
                raise KeyError(key)
            page = self.make_page(key)
            self.place_page(key, page)
            if not page.filled_when_built:
                page.refresh()
        return page

    def page_of(self, key: str, kind: type[P]) -> P:
        """:meth:`page` typed: the page of ``key``, which must be a ``kind``."""
        page = self.page(key)
        if not isinstance(page, kind):
            raise TypeError(f"the page of {key!r} is a {type(page).__name__}")
        return page

    def text_size_changed(self) -> None:
        """设置 → 文字大小 changed (gui/app.py apply_text_scale): the navigation fits again."""
        self.navigation.setFixedWidth(self._navigation_width())

    def _navigation_width(self) -> int:
        metrics = self.navigation.fontMetrics()
        widest = max(metrics.horizontalAdvance(area.label) for area in self.areas)
        # icon + gap + text + item padding, margins and the marker bar (no more: the pages
        # need the room at 1024×768)
        return widest + self.navigation.iconSize().width() + 72

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

    def current_area(self) -> str:
        item = self.navigation.currentItem()
        return str(item.data(KEY_ROLE)) if item is not None else ""

    def current_page(self) -> Page:
        return self.page(self.current_area())

    def show_area(self, key: str) -> None:
        """Open the page of the area ``key`` (one of the window's areas)."""
        for row in range(self.navigation.count()):
            if self.navigation.item(row).data(KEY_ROLE) == key:
                self.navigation.setCurrentRow(row)
                return
        raise KeyError(key)

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        key = str(self.navigation.item(row).data(KEY_ROLE))
        first_visit = key not in self.pages
        page = self.page(key)  # a first visit builds the page, filled
        self.stack.setCurrentIndex(row)
        if not first_visit:
            page.refresh()

    def update_status(self) -> None:
        self.folder_label.setText(f"{self.folder_caption}：{self.store.data.root}")
        last = self.store.last_backup
        self.backup_label.setText(
            f"最近备份：{chinese_datetime(last)}" if last else "最近备份：还没有备份"
        )

    def say(self, text: str) -> None:
        """A passing message in the status bar."""
        self.statusBar().showMessage(text, 10_000)

    # --- the daily backup and closing ---------------------------------------------------

    def start_automatic_backup(self) -> Task[Path | None]:
        """The daily backup on a worker thread, so that the window shows and answers at
        once; when it ends the status bar names it (a failure is logged and
        ``backup_failed_text`` said)."""
        from jianshi_desktop.gui.common.workers import run_in_background

        store = self.store

        def failed(error: BaseException) -> None:
            log.error("Automatic backup failed", exc_info=error)
            self.say(self.backup_failed_text)

        self.backup_task = run_in_background(
            self,
            lambda _progress: backup_if_due(store),
            on_success=self.backup_done,
            on_failure=failed,
            title="自动备份",
            text="正在进行今天的自动备份，请稍候……",
            delay_ms=BACKUP_PROGRESS_AFTER_MS,
            quiet=True,  # work the secretary did not ask for: no busy cursor
        )
        return self.backup_task

    def backup_done(self, target: Path | None) -> None:
        if target is not None:
            self.say("今天的自动备份已完成。")
        self.update_status()

    def closeEvent(self, event: QCloseEvent) -> None:
        """A backup under way ends before the data closes; the size and place are kept."""
        task = self.backup_task
        if task is not None and task.running:
            task.wait(BACKUP_WAIT_S)
        save_geometry(self, self.settings)
        super().closeEvent(event)
