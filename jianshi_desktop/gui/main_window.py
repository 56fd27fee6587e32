"""The main window: navigation on the left, the pages on the right, a status bar below
(the frame it shares with 县局汇总's window: gui/common/navigation.py).

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
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from jianshi_desktop import APP_NAME, crash
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.forms import GuardedDialog
from jianshi_desktop.gui.common.navigation import Area, AreaWindow
from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.dashboard.page import HomePage
from jianshi_desktop.services.branch import BranchInfo, branch_info
from jianshi_desktop.services.drafts import Draft
from jianshi_desktop.services.reminders import Action
from jianshi_desktop.services.store import Store

if TYPE_CHECKING:
    from jianshi_desktop.gui.records.wizard import DraftWizard

log = logging.getLogger(__name__)

BACKUP_FAILED_TEXT = (
    "今天的自动备份没有完成，详细信息已写入日志；可以在“设置”中点击“立即备份”重试。"
)

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


class MainWindow(AreaWindow):
    """The branch's window: each page is built on its first visit (首页 at start)."""

    backup_failed_text = BACKUP_FAILED_TEXT  # points to 设置 → 立即备份

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, AREAS, parent)
        self.finish_building()  # 首页, built and filled now
        self.setWindowTitle(window_title(self.home_page.info))  # what 首页 has just read

    # --- building -----------------------------------------------------------------------

    def make_page(self, key: str) -> Page:
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

    # --- what the user sees -------------------------------------------------------------

    @property
    def home_page(self) -> HomePage:
        return self.page_of("home", HomePage)

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

    def backup_done(self, target: Path | None) -> None:
        super().backup_done(target)
        settings = self.pages.get("settings")  # 设置 names the last backup too
        if settings is not None:
            settings.refresh()

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
        super().closeEvent(event)  # waits for a backup under way, keeps the size and place
