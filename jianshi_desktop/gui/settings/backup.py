"""设置 → 备份与恢复: the list of backups (when, why, how big), 立即备份, 恢复所选备份…,
打开备份文件夹 — and, at start-up, the restore offered for a damaged database.

The work (backup, restore) runs on a worker thread (:func:`workers.run_in_background`).

After a restore the window's data is reopened in place: the store gets the reopened
database (the models' proxy already points to it) and every page built so far re-reads
what it shows (``refresh``), as do the title and the status bar. Pages not built yet
read the restored data when first opened. This is the same path every page's
``refresh`` takes on each visit, so nothing keeps showing the old data.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.widgets import make_primary, set_role, show_folder
from jianshi_desktop.gui.common.workers import Task, run_in_background
from jianshi_desktop.paths import DataDir
from jianshi_desktop.services import backups
from jianshi_desktop.services.backups import Backup, RestoreResult
from jianshi_desktop.services.store import Store, close_thread_connection, latest_backup_time

log = logging.getLogger(__name__)

RESTORE_HINT = (
    "恢复之前，程序会先把现在的数据另做一份备份（原因为“恢复前”），"
    "如果恢复错了，可以再从那份备份恢复回来。恢复时请不要关闭程序。"
)


def restore_question(backup: Backup) -> str:
    return f"要用 {backup.when} 的“{backup.label}”备份替换现在的全部数据（包括附件）吗？"


def restored_text(result: RestoreResult) -> str:
    text = f"已从 {result.restored.when} 的备份恢复。"
    if result.before is not None:
        text += f"恢复前的数据已另做一份“{result.before.label}”备份（{result.before.when}）。"
    if result.kept_damaged is not None:
        text += f"原来损坏的数据已原样另存在“{result.kept_damaged}”。"
    return text


def missing_hint(result: RestoreResult) -> str:
    if not result.missing_attachments:
        return ""
    return (
        f"有 {len(result.missing_attachments)} 个附件在备份中找不到，没有恢复；"
        "用到它们的记录打开附件时会提示文件不在。"
    )


class BackupSection(QGroupBox):
    """备份与恢复."""

    status = Signal(str)
    backup_made = Signal(Path)
    restored = Signal()
    data_replaced = Signal()  # the database was swapped (or tried): every page reads again

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__("备份与恢复", parent)
        self.setObjectName("backupGroup")
        self.store = store
        self.task: Task[object] | None = None
        self.shown: list[Backup] = []
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        self.explanation = QLabel(backups.RETENTION_TEXT, self)
        self.explanation.setWordWrap(True)
        set_role(self.explanation, "hint")
        layout.addWidget(self.explanation)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("backupTable")
        self.table.setAccessibleName("备份列表")
        self.table.setHorizontalHeaderLabels(["备份时间", "原因", "大小"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(180)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table)
        self.empty_label = QLabel("还没有备份。", self)
        set_role(self.empty_label, "hint")
        layout.addWidget(self.empty_label)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton("立即备份", self)
        make_primary(self.backup_button)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton("恢复所选备份…", self)
        self.restore_button.clicked.connect(self.restore_selected)
        self.open_button = QPushButton("打开备份文件夹", self)
        self.open_button.clicked.connect(self.open_backups_folder)
        for button in (self.backup_button, self.restore_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._selection_changed()

    # --- the list -------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Read again each time 设置 is opened: backups are made behind the window too."""
        super().showEvent(event)
        if self.task is None or not self.task.running:
            self.refresh()

    def refresh(self) -> None:
        """Read the backups folder (files only; no query)."""
        chosen = self.selected_backup()
        self.shown = backups.list_backups(self.store.data)
        self.table.setRowCount(len(self.shown))
        for row, backup in enumerate(self.shown):
            extra = "" if backup.has_manifest else "（不含附件）"
            cells = (backup.when, backup.label + extra, backups.size_text(backup.size))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.empty_label.setVisible(not self.shown)
        if chosen is not None:
            self.select(chosen.path)
        self._selection_changed()

    def select(self, path: Path) -> bool:
        for row, backup in enumerate(self.shown):
            if backup.path == path:
                self.table.selectRow(row)
                return True
        return False

    def selected_backup(self) -> Backup | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def _selection_changed(self) -> None:
        busy = self.task is not None and self.task.running
        self.restore_button.setEnabled(not busy and self.selected_backup() is not None)
        self.backup_button.setEnabled(not busy)

    # --- 立即备份 ---------------------------------------------------------------------

    def back_up_now(self) -> Task[Backup]:
        store = self.store

        def work(_progress: object) -> Backup:
            return backups.create_backup(store.data, backups.MANUAL)

        task = run_in_background(
            self,
            work,
            on_success=self._backed_up,
            title="立即备份",
            text="正在备份数据和附件，请稍候……",
            failure_title="备份没有完成",
        )
        self._started(task)
        return task

    def _backed_up(self, made: Backup) -> None:
        self.store.last_backup = made.created_at.replace(microsecond=0)
        self.refresh()
        self.status.emit(f"已备份到备份文件夹（{made.when}，{made.label}）。")
        self.backup_made.emit(made.path)

    # --- 恢复所选备份… ------------------------------------------------------------------

    def restore_selected(self) -> Task[RestoreResult] | None:
        backup = self.selected_backup()
        if backup is None:
            messages.information(self, "请先在列表中点选要恢复的备份。", title="恢复备份")
            return None
        running = getattr(self.window(), "backup_task", None)
        if running is not None and running.running:  # never wait for it on the GUI thread
            messages.information(
                self, "每天的自动备份正在进行，请等它完成（通常几秒钟）后再恢复。", title="恢复备份"
            )
            return None
        if not messages.ask(
            self,
            restore_question(backup),
            title="恢复备份",
            yes_text="恢复",
            no_text="不恢复",
            hint=RESTORE_HINT,
        ):
            return None
        close_thread_connection()  # this thread's connection: no handle on the file being replaced
        data = self.store.data

        def work(progress: object) -> RestoreResult:
            say = getattr(progress, "update", None)
            return backups.restore_backup(
                data, backup, progress=(lambda text: say(text)) if say else None
            )

        task = run_in_background(
            self,
            work,
            on_success=self._restored,
            on_failure=self._restore_failed,
            title="恢复备份",
            text="正在恢复备份，请稍候……",
        )
        self._started(task)
        return task

    def _restored(self, result: RestoreResult) -> None:
        self.store.db = result.db
        self.store.last_backup = latest_backup_time(self.store.data.backups)
        self.data_replaced.emit()
        self.refresh()
        self.restored.emit()
        self.status.emit(restored_text(result))
        messages.information(
            self, restored_text(result), title="恢复备份", hint=missing_hint(result)
        )

    def _restore_failed(self, error: BaseException) -> None:
        log.warning("Restore failed", exc_info=error)
        messages.show_error(self, error, title="没有恢复")
        self.data_replaced.emit()  # whatever is there now is what the pages show
        self.refresh()

    def _started(self, task: Task[object] | Task[Backup] | Task[RestoreResult]) -> None:
        self.task = task  # type: ignore[assignment]
        self._selection_changed()
        task.done.connect(self._selection_changed)

    # --- 打开备份文件夹 -----------------------------------------------------------------

    def open_backups_folder(self) -> None:
        folder = self.store.data.backups
        folder.mkdir(parents=True, exist_ok=True)
        show_folder(self, folder, title="打开备份文件夹")


# ------------------------------------------------------------------ at start-up


def offer_restore_at_start(data_root: Path, error: backups.DamagedDatabaseError) -> bool:
    """The database is damaged: offer 从最近的备份恢复 (naming its date) or 退出; True when
    the data was restored (the caller opens it again)."""
    backup = error.backup
    if backup is None:
        messages.show_error(None, error, title="数据已损坏")
        return False
    if not messages.ask(
        None,
        error.message,
        title="数据已损坏",
        yes_text=f"从最近的备份恢复（{backup.when}）",
        no_text="退出",
        hint=(
            f"可以用 {backup.when} 的“{backup.label}”备份恢复；损坏的数据会原样另存在"
            "备份文件夹中，不会删除。那次备份以后录入的内容需要重新录入。"
        ),
    ):
        return False
    data = DataDir(data_root)
    loop = QEventLoop()
    outcome: list[RestoreResult] = []

    def work(_progress: object) -> RestoreResult:
        return backups.restore_backup(data, backup)

    def failed(exc: BaseException) -> None:
        messages.show_error(None, exc, title="没有恢复")

    task = run_in_background(
        None,
        work,
        on_success=outcome.append,
        on_failure=failed,
        title="恢复备份",
        text="正在从备份恢复，请稍候……",
    )
    task.done.connect(loop.quit)
    if task.running:
        loop.exec()
    close_thread_connection()
    if not outcome:
        return False
    messages.information(
        None, restored_text(outcome[0]), title="已恢复", hint=missing_hint(outcome[0])
    )
    return True
