"""报送包: import the schools' packages from a folder or a USB stick (many at once, off the
GUI thread, with progress and 取消), the list of what became of each file, and every
package kept with its history — a package signed by another key held apart at the top
with a loud warning until the operator has phoned the school, and a school's first key
to be compared with the fingerprint printed at the end of its report."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.common.widgets import heading, make_primary, prepare_table, set_role
from jianshi_desktop.gui.common.workers import Progress, Task, run_in_background
from jianshi_desktop.gui.county.fingerprints import FingerprintsDialog
from jianshi_desktop.paths import DataDir
from jianshi_desktop.services import county
from jianshi_desktop.submission import drives
from jianshi_desktop.submission.county import ImportResult, find_packages, import_packages

log = logging.getLogger(__name__)

HEADERS = ("学校", "期间", "生成时间", "状态", "签名指纹")
GREY = QColor("#7A7A7A")
RED = QColor("#A51218")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
INTRO = (
    "把各校交来的报送包导入这里：可以一次导入一个文件夹或整个U盘里的全部报送包。"
    "每个报送包导入前都按支部一侧同样的方法检查，被改动或损坏的不导入；导入后只读保存，"
    "同一学校同一期间的新包取代旧包，旧包留作历史。"
)
ACCEPT_TEXT = "已电话核实，采用"
CHECK_TEXT = "核对指纹…"
CHECK_MANY_TEXT = "逐个核对指纹…"
MAX_WARNINGS = 3  # lines above the list; more are said in one line


def created_text(created_at: str) -> str:
    """The package's ISO time as 2026.11.26 17:53 (as written, if it is not one)."""
    text = created_at.strip()[:16]
    if len(text) >= 16 and text[4] == "-" and text[10] == "T":
        return f"{text[:4]}.{text[5:7]}.{text[8:10]} {text[11:16]}"
    return text


class PackagesPage(Page):
    """``imported`` is emitted after an import kept at least one package."""

    imported = Signal()

    def __init__(self, data: DataDir, parent: QWidget | None = None) -> None:
        super().__init__("county_packages", parent)
        self.data = data
        self.task: Task[list[ImportResult]] | None = None
        self.passwords: list[str] = []  # of the import under way only; never stored
        self.results: list[ImportResult] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(heading("报送包", self))
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        set_role(intro, "hint")
        layout.addWidget(intro)
        buttons = QHBoxLayout()
        self.folder_button = QPushButton("从文件夹导入…", self)
        make_primary(self.folder_button)
        self.stick_button = QPushButton("从U盘导入…", self)
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.stick_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.warnings = QVBoxLayout()  # held packages and keys to compare: one frame each
        self.warnings.setSpacing(8)
        layout.addLayout(self.warnings)
        self.result_caption = QLabel(self)
        self.result_caption.setFont(QFont(self.font().family(), -1, QFont.Weight.Bold))
        self.result_list = QListWidget(self)
        self.result_list.setObjectName("importResults")
        self.result_list.setAccessibleName("这次导入的结果")
        self.result_list.setWordWrap(True)
        self.result_list.setMaximumHeight(160)
        layout.addWidget(self.result_caption)
        layout.addWidget(self.result_list)
        self.result_caption.hide()
        self.result_list.hide()
        self.count_label = QLabel(self)
        layout.addWidget(self.count_label)
        self.model = QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels(list(HEADERS))
        self.table = QTableView(self)
        self.table.setObjectName("packagesTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = prepare_table(self.table, "报送包")
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setMinimumHeight(220)
        layout.addWidget(self.table, 1)
        self.folder_button.clicked.connect(self.choose_folder)
        self.stick_button.clicked.connect(self.choose_stick)
        self.refresh()

    # --- the list ---------------------------------------------------------------------

    def refresh(self) -> None:
        rows = county.packages()
        held = [r for r in rows if r.status == county.HELD]
        others = [r for r in rows if r.status != county.HELD]
        self.model.removeRows(0, self.model.rowCount())
        for row in held + others:
            cells = [
                QStandardItem(row.branch_name),
                QStandardItem(row.period_label),
                QStandardItem(created_text(row.created_at)),
                QStandardItem(("！" if row.status == county.HELD else "") + row.status_label),
                QStandardItem(row.fingerprint or "未签名（旧版本程序生成）"),
            ]
            for cell in cells:
                cell.setData(row.id, ID_ROLE)
                cell.setToolTip(f"{row.branch_name} {row.period_label}：{row.status_label}")
                if row.status == county.SUPERSEDED:
                    cell.setForeground(QBrush(GREY))
                elif row.status == county.HELD:
                    cell.setForeground(QBrush(RED))
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
            self.model.appendRow(cells)
        self.table.resizeColumnsToContents()
        current = sum(1 for r in rows if r.status == county.CURRENT)
        schools = len({r.branch_id for r in rows})
        self.count_label.setText(
            f"共 {len(rows)} 个报送包，来自 {schools} 所学校；其中有效 {current} 个，"
            f"历史 {len(rows) - current - len(held)} 个（灰色），暂不采用 {len(held)} 个。"
            if rows
            else "还没有导入报送包。点“从U盘导入…”或“从文件夹导入…”开始。"
        )
        self._show_warnings(held)

    def _clear_warnings(self) -> None:
        while self.warnings.count():
            item = self.warnings.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def _warning(self, text: str, button_text: str, name: str, role: str) -> QPushButton:
        frame = QFrame(self)
        frame.setObjectName(name)
        row = QHBoxLayout(frame)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(text, frame)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        set_role(label, role)
        button = QPushButton(button_text, frame)
        row.addWidget(label, 1)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.warnings.addWidget(frame)
        return button

    def _show_warnings(self, held: list[county.PackageRow]) -> None:
        """Above the list: each held package (a few at a time) and each school whose key is
        not compared yet — or, for many schools (a new county folder's first stick), one
        line that opens the list of them."""
        self._clear_warnings()
        for row in held[:MAX_WARNINGS]:
            button = self._warning(
                f"！“{row.branch_name}”{row.period_label}的报送包签名密钥与以前不同，"
                f"已单独存放，暂不采用（新指纹：{row.fingerprint or '未签名'}）。"
                "请先打电话向学校核实是否换了电脑或重装了程序；核实无误后再点右边的按钮。",
                ACCEPT_TEXT,
                f"held_{row.id}",
                "warning-item",
            )
            button.clicked.connect(lambda _=False, r=row: self.accept_held(r))
        if len(held) > MAX_WARNINGS:
            more = QLabel(
                f"另有 {len(held) - MAX_WARNINGS} 个签名不符、暂不采用的报送包（下表中红色的），"
                "上面的处理完后依次显示在这里。",
                self,
            )
            more.setWordWrap(True)
            set_role(more, "warning-item")
            self.warnings.addWidget(more)
        unchecked = [b for b in county.branches() if b.fingerprint and not b.key_confirmed]
        if len(unchecked) > MAX_WARNINGS:
            button = self._warning(
                f"有 {len(unchecked)} 所学校的签名指纹还没有核对（第一次收到它们的报送包时"
                "记下的）。核对前照样汇总。",
                CHECK_MANY_TEXT,
                "confirm_many",
                "hint",
            )
            button.clicked.connect(lambda _=False: self.confirm_keys(unchecked))
            return
        for branch in unchecked:
            button = self._warning(
                f"“{branch.name}”的签名指纹还没有核对：{branch.fingerprint}",
                CHECK_TEXT,
                f"confirm_{branch.id}",
                "hint",
            )
            button.clicked.connect(lambda _=False, b=branch: self.confirm_key(b))

    def accept_held(self, row: county.PackageRow) -> bool:
        if not messages.ask(
            self,
            f"采用“{row.branch_name}”{row.period_label}的报送包？",
            title="采用报送包",
            hint=(
                f"这个报送包的签名指纹是 {row.fingerprint or '（未签名）'}。只有电话向学校"
                "核实、对方念出的指纹与此一致时才采用；采用后这个指纹就是这所学校的签名指纹。"
            ),
            yes_text="已核实，采用",
            no_text="暂不采用",
        ):
            return False
        try:
            county.accept_held(row.id)
        except UserError as exc:
            messages.show_error(self, exc, title="没有采用")
            return False
        self.status.emit(f"已采用“{row.branch_name}”{row.period_label}的报送包。")
        self.refresh()
        self.imported.emit()
        return True

    def confirm_keys(self, branches: list[county.BranchRow]) -> FingerprintsDialog:
        """The schools whose keys are not compared yet, each with its own 核对…"""
        dialog = FingerprintsDialog(branches, self._confirm_quietly, self)
        dialog.finished.connect(lambda _result: self.refresh())
        dialog.open()
        return dialog

    def _confirm_quietly(self, branch: county.BranchRow) -> bool:
        return self.confirm_key(branch, refresh=False)  # the list is read again at the end

    def confirm_key(self, branch: county.BranchRow, *, refresh: bool = True) -> bool:
        if not messages.ask(
            self,
            f"“{branch.name}”的签名指纹是：\n{branch.fingerprint}",
            title="核对签名指纹",
            hint=(
                "请和这所学校报送的党建工作情况报告末尾印的“报送包签名指纹”逐字对照"
                "（也可以电话请学校在程序“设置”页念出）。完全一致才点“一致”。"
            ),
            yes_text="一致",
            no_text="不一致或还没核对",
        ):
            return False
        try:
            county.confirm_key(branch.id)
        except UserError as exc:
            messages.show_error(self, exc, title="没有核对")
            return False
        self.status.emit(f"已核对“{branch.name}”的签名指纹。")
        if refresh:
            self.refresh()
        return True

    # --- importing --------------------------------------------------------------------

    def importing(self) -> bool:
        return self.task is not None and self.task.running

    def choose_folder(self) -> Task[list[ImportResult]] | None:
        name = QFileDialog.getExistingDirectory(self, "选择放报送包的文件夹", str(Path.home()))
        return self.import_folder(Path(name)) if name else None

    def choose_stick(self) -> Task[list[ImportResult]] | None:
        found = drives.removable_drives()
        if not found:
            messages.information(
                self,
                "没有找到U盘。",
                title="从U盘导入",
                hint="请插好U盘，稍等几秒再点一次；也可以点“从文件夹导入…”选择U盘所在的位置。",
            )
            return None
        name = QFileDialog.getExistingDirectory(self, "选择U盘或其中的文件夹", str(found[0].path))
        return self.import_folder(Path(name)) if name else None

    def import_folder(self, folder: Path) -> Task[list[ImportResult]] | None:
        """Every package in ``folder`` (and its sub-folders): found, checked and kept."""
        if self.importing():
            return None
        self.passwords = []
        try:
            paths = find_packages(folder)
        except OSError as exc:
            messages.warning(
                self,
                f"无法读取文件夹“{folder}”（{exc.strerror or exc}）。",
                title="没有导入",
                hint="请确认U盘已插好，再试一次。",
            )
            return None
        if not paths:
            messages.information(
                self,
                f"文件夹“{folder}”里没有报送包。",
                title="没有导入",
                hint="报送包的文件名以“_报送包.zip”或“.zip.enc”结尾；请选择放报送包的文件夹。",
            )
            return None
        self.results = []
        return self._import(paths)

    def ask_password(self, count: int) -> str | None:
        """The password of ``count`` packages that have one (tests replace this)."""
        text, ok = QInputDialog.getText(
            self,
            "输入报送包密码",
            f"有 {count} 个报送包设置了密码。请输入学校告知的密码（程序不保存密码）：",
            QLineEdit.EchoMode.Password,
        )
        return text if ok and text else None

    def _import(self, paths: list[Path]) -> Task[list[ImportResult]]:
        data, passwords = self.data, list(self.passwords)

        def work(progress: Progress) -> list[ImportResult]:
            return import_packages(
                paths,
                data,
                passwords=passwords,
                progress=lambda what, done, total: progress.update(what, done=done, total=total),
                cancelled=lambda: progress.cancelled,
            )

        def done(results: list[ImportResult]) -> None:
            self._imported(paths, results)

        self.folder_button.setEnabled(False)
        self.stick_button.setEnabled(False)
        self.task = run_in_background(
            self,
            work,
            on_success=done,
            on_failure=self._failed,
            title="导入报送包",
            text=f"正在检查并导入 {len(paths)} 个报送包……",
            failure_title="导入没有完成",
            can_cancel=True,
        )
        return self.task

    def _failed(self, error: BaseException) -> None:
        self.folder_button.setEnabled(True)
        self.stick_button.setEnabled(True)
        messages.show_error(self, error, title="导入没有完成")
        self.refresh()

    def _imported(self, paths: list[Path], results: list[ImportResult]) -> None:
        self.folder_button.setEnabled(True)
        self.stick_button.setEnabled(True)
        # a later round (with a password) replaces the lines of the files it tried again
        tried = {r.path for r in results}
        self.results = [r for r in self.results if r.path not in tried] + results
        stopped = len(results) < len(paths)
        locked = [r.path for r in results if r.outcome == "needs_password"]
        self.show_results(stopped=len(paths) - len(results) if stopped else 0)
        self.refresh()
        if any(r.outcome == "imported" for r in results):
            self.imported.emit()
        if locked and not stopped:
            password = self.ask_password(len(locked))
            if password:
                self.passwords.append(password)
                self._import(locked)
                return
        self.passwords = []  # the import is over: no password is kept

    def show_results(self, *, stopped: int = 0) -> None:
        results = self.results
        kept = sum(1 for r in results if r.outcome == "imported")
        self.result_caption.setText(
            f"这次导入的结果：新导入 {kept} 个，共检查 {len(results)} 个文件"
            + (f"；已取消，还有 {stopped} 个没有检查。" if stopped else "。")
        )
        self.result_list.clear()
        for result in results:
            mark = "✓ " if result.outcome in ("imported", "duplicate") else "！"
            if result.package is not None and result.package.status == county.HELD:
                mark = "！"
            self.result_list.addItem(mark + result.text)
        self.result_caption.show()
        self.result_list.show()
        self.status.emit(self.result_caption.text())
