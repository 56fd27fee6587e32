"""The main window: navigation on the left, the pages on the right, a status bar below.

The title names the branch; the status bar names the data folder and the last backup.
Size and position are kept in ``window.ini`` in the data folder.

Start-up: the navigation lists every area at once, but only 首页 is built before the
window shows; every other page (and what it imports: documents, packages, pinyin …) is
built on its first visit (:meth:`MainWindow.page`). The daily backup runs on a worker
thread after the window shows (:meth:`MainWindow.start_automatic_backup`).
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
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

from jianshi_desktop import APP_NAME, crash
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.forms import GuardedDialog
from jianshi_desktop.gui.common.icons import app_icon, nav_icon
from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.common.widgets import ElidedLabel, chinese_datetime, scaled_font
from jianshi_desktop.gui.dashboard.page import HomePage
from jianshi_desktop.gui.window_state import restore_geometry, save_geometry, window_settings
from jianshi_desktop.services.branch import BranchInfo, branch_info
from jianshi_desktop.services.drafts import Draft
from jianshi_desktop.services.reminders import Action
from jianshi_desktop.services.store import Store, backup_if_due

if TYPE_CHECKING:
    from jianshi_desktop.gui.common.workers import Task
    from jianshi_desktop.gui.records.wizard import DraftWizard

log = logging.getLogger(__name__)

DEFAULT_SIZE = QSize(1200, 700)  # fits a 1366×768 screen with its taskbar
MINIMUM_SIZE = QSize(800, 520)  # fits 1366×768 at 125 % (1093×614) with its taskbar
KEY_ROLE = Qt.ItemDataRole.UserRole
BACKUP_FAILED_TEXT = (
    "今天的自动备份没有完成，详细信息已写入日志；可以在“设置”中点击“立即备份”重试。"
)
P = TypeVar("P", bound=Page)
BACKUP_PROGRESS_AFTER_MS = 10_000  # the backup is quiet; only a very slow one says so
BACKUP_WAIT_S = 60.0  # closing the window waits this long for a backup under way


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
    Area("ideology_reviews", "意识形态", "ideology"),
    Area("org_life_meetings", "组织生活会", "org_life"),
    Area("member_appraisals", "民主评议", "appraisal"),
    Area("dues", "党费", "dues"),
    Area("recruitment", "发展党员", "recruitment"),
    Area("student_pairing", "关爱学生", "student_pairing"),
    Area("trainings", "学习培训", "training"),
    Area("documents", "文书", "documents"),
    Area("submission", "报送", "submission"),
    Area("settings", "设置", "settings"),
)
AREA_KEYS = frozenset(area.key for area in AREAS)


def window_title(info: BranchInfo | None) -> str:
    if info is None:
        return APP_NAME
    demo = "（演示数据）" if info.is_demo else ""
    return f"{info.name}{demo} — {APP_NAME}"


def record_window(window: QWidget) -> DraftWizard | None:
    """``window`` if it is a record window (wizard). The wizards' code is not loaded to ask:
    none loaded, none open (start-up stays light)."""
    wizards = sys.modules.get("jianshi_desktop.gui.records.wizard")
    if wizards is not None and isinstance(window, wizards.DraftWizard):
        return window
    return None


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
        self.pages: dict[str, Page] = {}  # the pages built so far (see page())
        self._holders: dict[str, QScrollArea] = {}
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

        self.folder_label = ElidedLabel()  # a long path shortened in the middle, whole in its tip
        self.backup_label = QLabel()
        self.statusBar().addPermanentWidget(self.folder_label)
        self.statusBar().addPermanentWidget(self.backup_label)

        self.backup_task: Task[Path | None] | None = None
        self.navigation.currentRowChanged.connect(self._row_changed)
        self.navigation.setCurrentRow(0)  # 首页, built and filled now
        self.setWindowTitle(window_title(self.home_page.info))  # what 首页 has just read
        self.update_status()
        if not restore_geometry(self, self.settings):
            self._default_geometry()

    # --- building -----------------------------------------------------------------------

    def _make_page(self, key: str) -> Page:
        """Build the page of ``key``; each page's module is imported here, on first use."""
        data = self.store.data
        if key == "home":
            home = HomePage()
            home.action_requested.connect(self.act)
            home.draft_requested.connect(self.continue_draft)
            return home
        if key == "members":
            from jianshi_desktop.gui.members.page import MembersPage

            return MembersPage()
        if key == "organization":
            from jianshi_desktop.gui.organization.page import OrganizationPage

            return OrganizationPage(data.root)
        if key == "meetings":
            from jianshi_desktop.gui.meetings.page import MeetingsPage

            return MeetingsPage(data.attachments, data_root=data.root)
        if key == "theme_days":
            from jianshi_desktop.gui.theme_days.page import ThemeDaysPage

            return ThemeDaysPage(data.attachments, data_root=data.root)
        if key == "heart_talks":
            from jianshi_desktop.gui.heart_talks.page import HeartTalksPage

            return HeartTalksPage(data_root=data.root)
        if key == "ideology_reviews":
            from jianshi_desktop.gui.ideology_reviews.page import IdeologyReviewsPage

            return IdeologyReviewsPage(data.attachments, data_root=data.root)
        if key == "org_life_meetings":
            from jianshi_desktop.gui.org_life_meetings.page import OrgLifeMeetingsPage

            return OrgLifeMeetingsPage(data.attachments, data_root=data.root)
        if key == "member_appraisals":
            from jianshi_desktop.gui.member_appraisals.page import MemberAppraisalsPage

            return MemberAppraisalsPage(data.attachments, data_root=data.root)
        if key == "dues":
            from jianshi_desktop.gui.dues.page import DuesPage

            return DuesPage(data.attachments, data_root=data.root)
        if key == "recruitment":
            from jianshi_desktop.gui.recruitment.page import RecruitmentPage

            return RecruitmentPage(data.attachments, data_root=data.root)
        if key == "student_pairing":
            from jianshi_desktop.gui.student_pairing.page import StudentPairingPage

            return StudentPairingPage(data.attachments, data_root=data.root)
        if key == "trainings":
            from jianshi_desktop.gui.trainings.page import TrainingsPage

            return TrainingsPage(data.attachments, data_root=data.root)
        if key == "documents":
            from jianshi_desktop.gui.documents.page import DocumentsPage

            return DocumentsPage(data.root)
        if key == "submission":
            from jianshi_desktop.gui.submission.page import SubmissionPage

            return SubmissionPage(data)
        if key == "settings":
            from jianshi_desktop.gui.settings.page import SettingsPage

            settings = SettingsPage(self.store)
            settings.backup_made.connect(lambda _path: self.update_status())
            settings.data_replaced.connect(self.reload_data)
            return settings
        raise KeyError(key)

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

    def page(self, key: str) -> Page:
        """The page of area ``key``, built now if it has not been opened yet."""
        page = self.pages.get(key)
        if page is None:
            if key not in AREA_KEYS:
                raise KeyError(key)
            page = self._make_page(key)
            page.status.connect(self.say)
            self.pages[key] = page
            self._holders[key].setWidget(page)
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
        widest = max(metrics.horizontalAdvance(area.label) for area in AREAS)
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

    @property
    def home_page(self) -> HomePage:
        return self.page_of("home", HomePage)

    def current_area(self) -> str:
        item = self.navigation.currentItem()
        return str(item.data(KEY_ROLE)) if item is not None else ""

    def current_page(self) -> Page:
        return self.page(self.current_area())

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
        if action.area not in AREA_KEYS:
            log.warning("A reminder points to an unknown area %r", action.area)
            return
        self.show_area(action.area)
        if action.command and not self.page(action.area).perform(
            action.command, dict(action.params)
        ):
            log.warning("A reminder's %r opened nothing in %r", action.command, action.area)

    def continue_draft(self, draft: Draft) -> None:
        """继续填写 on 首页: the draft's page, and its wizard opened on the draft, as 打开
        does there."""
        from jianshi_desktop.gui.records.list_page import RecordsPage  # with the pages

        self.show_area(draft.area)
        self.page_of(draft.area, RecordsPage).open_record(draft)

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        key = str(self.navigation.item(row).data(KEY_ROLE))
        first_visit = key not in self.pages
        page = self.page(key)  # a first visit builds the page, filled
        self.stack.setCurrentIndex(row)
        if not first_visit:
            page.refresh()

    def reload_data(self) -> None:
        """After a restore: every page built so far reads its data again (the others do on
        their first visit), and so do the title and the status bar."""
        for key, page in list(self.pages.items()):
            with crash.reported() as failure:  # one page must not keep the others stale
                page.refresh()
            if failure.error is not None:
                log.error("Page %s could not read the restored data", key, exc_info=failure.error)
        self.refresh_title()
        self.update_status()

    def refresh_title(self) -> None:
        self.setWindowTitle(window_title(branch_info()))

    def update_status(self) -> None:
        self.folder_label.setText(f"数据文件夹：{self.store.data.root}")
        last = self.store.last_backup
        self.backup_label.setText(
            f"最近备份：{chinese_datetime(last)}" if last else "最近备份：还没有备份"
        )

    def say(self, text: str) -> None:
        """A passing message in the status bar."""
        self.statusBar().showMessage(text, 10_000)

    def start_automatic_backup(self) -> Task[Path | None]:
        """The daily backup on a worker thread, so that the window shows and answers at
        once; when it ends the status bar names it (a failure is logged and mentioned)."""
        from jianshi_desktop.gui.common.workers import run_in_background

        store = self.store
        self.backup_task = run_in_background(
            self,
            lambda _progress: backup_if_due(store),
            on_success=self._backup_done,
            on_failure=self._backup_failed,
            title="自动备份",
            text="正在进行今天的自动备份，请稍候……",
            delay_ms=BACKUP_PROGRESS_AFTER_MS,
            quiet=True,  # work the secretary did not ask for: no busy cursor
        )
        return self.backup_task

    def _backup_done(self, target: Path | None) -> None:
        if target is not None:
            self.say("今天的自动备份已完成。")
        self.update_status()
        settings = self.pages.get("settings")
        if settings is not None:
            settings.refresh()

    def _backup_failed(self, error: BaseException) -> None:
        log.error("Automatic backup failed", exc_info=error)
        self.say(BACKUP_FAILED_TEXT)

    # --- closing: nothing typed is lost quietly --------------------------------------------

    def unfinished_windows(self) -> list[QWidget]:
        """This window's record windows (wizards) and dialogs that hold something not yet
        saved, or (a record window) not yet finished: an archived record opened to read, or
        a finished one unchanged, loses nothing and is not listed."""
        found: list[QWidget] = []
        for window in QApplication.topLevelWidgets():
            if window is self or not window.isVisible() or not self._owns(window):
                continue
            wizard = record_window(window)
            if wizard is not None:
                if wizard.unfinished():
                    found.append(window)
            elif isinstance(window, GuardedDialog) and window.has_typed_input():
                found.append(window)
        return found

    def _owns(self, window: QWidget) -> bool:
        parent = window.parentWidget()
        while parent is not None:
            if parent is self:
                return True
            parent = parent.parentWidget()
        return False

    def _unfinished_question(self, windows: list[QWidget]) -> tuple[str, str]:
        """The question before closing with ``windows`` open, and what becomes of each."""
        lines = []
        records = False
        for window in windows:
            title = window.windowTitle()
            wizard = record_window(window)
            if wizard is not None:
                records = True
                if wizard.keeps_drafts():
                    lines.append(
                        f"「{title}」：已填写的内容会存为草稿，下次在列表中打开草稿接着填。"
                    )
                    continue
            lines.append(f"「{title}」：这次填写的内容还没有保存，关闭后不会保留。")
        what = "记录" if records else "内容"
        return f"还有没填完的{what}，关闭程序吗？", "\n".join(lines)

    def close_unfinished(self, windows: list[QWidget]) -> bool:
        """Close ``windows`` as the secretary agreed: a new record or a draft saved as a
        draft, the rest dropped; False when one stays open (its draft could not be saved
        and the secretary chose to go on)."""
        for window in windows:
            wizard = record_window(window)
            if wizard is not None:
                if wizard.keeps_drafts():
                    wizard.reject()  # saves the draft; asks only when it cannot
                else:
                    QDialog.reject(wizard)  # the loss was agreed to: not asked twice
            elif isinstance(window, GuardedDialog):
                window.discard()
            if window.isVisible():
                self._bring_to_front(window)
                return False
        return True

    def _close_owned_windows(self) -> None:
        for window in QApplication.topLevelWidgets():
            if window is not self and window.isVisible() and self._owns(window):
                window.close()

    @staticmethod
    def _bring_to_front(window: QWidget) -> None:
        window.show()
        if QGuiApplication.platformName() != "offscreen":  # no window stacking there
            window.raise_()
        window.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        unfinished = self.unfinished_windows()
        if unfinished:
            text, hint = self._unfinished_question(unfinished)
            agreed = messages.ask(
                self, text, title="关闭程序", hint=hint, yes_text="关闭程序", no_text="继续填写"
            )
            if not agreed or not self.close_unfinished(unfinished):
                event.ignore()
                if not agreed:
                    self._bring_to_front(unfinished[0])
                return
        self._close_owned_windows()  # what is left loses nothing: a record read, an empty form
        task = self.backup_task
        if task is not None and task.running:  # a backup under way ends before the data closes
            task.wait(BACKUP_WAIT_S)
        save_geometry(self, self.settings)
        super().closeEvent(event)
