"""各校: one school's packages (with their history), the chosen package's records as its
records.json lists them, the school's organisation facts, and the documents inside the
package — shown only in this program's own preview (read from the stored package into
memory, never written out, never handed to another program)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.enums import MeetingKind
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.common.widgets import heading, prepare_table, set_role
from jianshi_desktop.gui.common.workers import Progress, Task, run_in_background
from jianshi_desktop.gui.county.packages_page import GREY, RED, created_text
from jianshi_desktop.paths import DataDir
from jianshi_desktop.services import county
from jianshi_desktop.services.record_kinds import KINDS
from jianshi_desktop.submission.county import packages_dir
from jianshi_desktop.submission.county_files import (
    DOCUMENTS_FOLDER,
    PasswordNeeded,
    package_documents,
    read_document,
)

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
PACKAGE_HEADERS = ("期间", "生成时间", "状态", "签名指纹")
RECORD_HEADERS = ("日期", "种类", "内容", "状态")
TITLE_KEYS = ("title", "theme", "topic", "subject")
TEXT_MAX = 80  # characters of a title shown in the list
STATE_TEXT = {"finished": "已完成", "archived": "已归档"}


def _text(value: Any, limit: int = TEXT_MAX) -> str:
    if not isinstance(value, str):
        return ""
    line = " ".join(value.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _meeting_kind(value: Any) -> str:
    try:
        return MeetingKind(str(value)).label
    except ValueError:
        return "会议"


def record_lines(records: Mapping[str, Any]) -> list[tuple[str, str, str, str]]:
    """(date, kind, what, state) of every record the package lists, by date: read from a
    package's records.json (checked when imported, still read with care)."""
    lines: list[tuple[str, str, str, str]] = []
    for kind in KINDS:
        items = records.get(kind.package_key)
        if not isinstance(items, list):
            continue
        for item in items:
            if not isinstance(item, dict):
                continue
            day = _text(item.get("held_on"), 10)
            name = kind.name
            if kind.package_key == "meetings":
                name = _meeting_kind(item.get("kind"))
            what = next((_text(item.get(k)) for k in TITLE_KEYS if _text(item.get(k))), "")
            agenda = item.get("agenda")
            if not what and isinstance(agenda, list) and agenda and isinstance(agenda[0], dict):
                what = _text(agenda[0].get("title"))  # a meeting: its first item
            if not what and kind.package_key == "dues_collections":
                what = f"{_text(item.get('month'), 7)} 党费收缴"
            if not what and kind.package_key == "pairing_helps":
                what = f"结对帮扶 {_text(item.get('code'), 20)}"
            what = what or kind.document_name
            state = STATE_TEXT.get(str(item.get("state", "")), "")
            if item.get("late_entry") is True:
                state = f"{state}（补录）" if state else "补录"
            lines.append((day, name, what, state))
    lines.sort(key=lambda line: line[0])
    return lines


def document_label(name: str) -> str:
    """文书/记录/2026年7月5日支委会会议记录.pdf → 记录/2026年7月5日支委会会议记录"""
    shown = name.removeprefix(DOCUMENTS_FOLDER)
    return shown[:-4] if shown.lower().endswith(".pdf") else shown


class SchoolPage(Page):
    def __init__(self, data: DataDir, parent: QWidget | None = None) -> None:
        super().__init__("county_school", parent)
        self.data = data
        self.stale = True
        self.branch_rows: list[county.BranchRow] = []
        self.package_rows: list[county.PackageRow] = []
        self.package: county.PackageRow | None = None
        self.password = ""  # of the chosen package, while it is chosen; never stored
        self.documents: list[str] = []
        self.task: Task[bytes] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(heading("各校", self))
        row = QHBoxLayout()
        row.addWidget(QLabel("学校：", self))
        self.school_box = QComboBox(self)
        self.school_box.setAccessibleName("学校")
        self.school_box.setMinimumContentsLength(24)
        row.addWidget(self.school_box)
        row.addStretch(1)
        layout.addLayout(row)
        self.key_label = QLabel(self)
        self.key_label.setWordWrap(True)
        layout.addWidget(self.key_label)
        self.package_model = QStandardItemModel(0, len(PACKAGE_HEADERS), self)
        self.package_model.setHorizontalHeaderLabels(list(PACKAGE_HEADERS))
        self.package_table = QTableView(self)
        self.package_table.setObjectName("schoolPackages")
        self.package_table.setModel(self.package_model)
        self.package_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.package_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.package_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        prepare_table(self.package_table, "这所学校的报送包").setStretchLastSection(True)
        self.package_table.setFixedHeight(self.package_table.fontMetrics().height() * 7 + 20)
        layout.addWidget(self.package_table)

        self.tabs = QTabWidget(self)
        self.record_model = QStandardItemModel(0, len(RECORD_HEADERS), self)
        self.record_model.setHorizontalHeaderLabels(list(RECORD_HEADERS))
        self.record_table = QTableView(self)
        self.record_table.setObjectName("schoolRecords")
        self.record_table.setModel(self.record_model)
        self.record_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.record_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = prepare_table(self.record_table, "报送包里的记录")
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.tabs.addTab(self.record_table, "记录")

        documents = QWidget(self)
        documents_layout = QVBoxLayout(documents)
        self.documents_hint = QLabel(
            "报送包里的文书只在本程序里查看（不解压到电脑上，也不用其他程序打开）。"
            "双击一份文书，或选中后点“查看”。",
            documents,
        )
        self.documents_hint.setWordWrap(True)
        set_role(self.documents_hint, "hint")
        documents_layout.addWidget(self.documents_hint)
        self.document_list = QListWidget(documents)
        self.document_list.setObjectName("schoolDocuments")
        self.document_list.setAccessibleName("报送包里的文书")
        documents_layout.addWidget(self.document_list, 1)
        buttons = QHBoxLayout()
        self.show_button = QPushButton("查看", documents)
        self.unlock_button = QPushButton("输入密码…", documents)
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.unlock_button)
        buttons.addStretch(1)
        documents_layout.addLayout(buttons)
        self.tabs.addTab(documents, "文书")

        self.facts_list = QListWidget(self)
        self.facts_list.setObjectName("schoolFacts")
        self.facts_list.setAccessibleName("组织情况")
        self.facts_list.setWordWrap(True)
        self.tabs.addTab(self.facts_list, "组织情况")
        layout.addWidget(self.tabs, 1)
        self.empty_label = QLabel(self)
        set_role(self.empty_label, "hint")
        layout.addWidget(self.empty_label)

        self.school_box.currentIndexChanged.connect(lambda _i: self._school_changed())
        self.package_table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._package_changed(current.row())
        )
        self.document_list.itemDoubleClicked.connect(
            lambda item: self.show_document(str(item.data(ID_ROLE)))
        )
        self.show_button.clicked.connect(self._show_chosen)
        self.unlock_button.clicked.connect(self.unlock)

    # --- choosing -----------------------------------------------------------------------

    def refresh(self) -> None:
        if not self.stale:
            return
        self.stale = False
        chosen = self.current_uid()
        self.branch_rows = county.branches()
        blocked = self.school_box.blockSignals(True)
        self.school_box.clear()
        for branch in self.branch_rows:
            self.school_box.addItem(branch.name, branch.uid)
        self.school_box.blockSignals(blocked)
        found = self.school_box.findData(chosen) if chosen else -1
        self.school_box.setCurrentIndex(max(found, 0) if self.branch_rows else -1)
        self.empty_label.setText(
            "" if self.branch_rows else "还没有导入报送包。请到“报送包”导入各校交来的报送包。"
        )
        self.empty_label.setVisible(not self.branch_rows)
        self._school_changed()

    def current_uid(self) -> str:
        data = self.school_box.currentData()
        return str(data) if data else ""

    def choose_school(self, uid: str) -> None:
        self.refresh()
        index = self.school_box.findData(uid)
        if index >= 0:
            self.school_box.setCurrentIndex(index)

    def branch(self) -> county.BranchRow | None:
        uid = self.current_uid()
        return next((b for b in self.branch_rows if b.uid == uid), None)

    def _school_changed(self) -> None:
        branch = self.branch()
        self.package_rows = county.packages(branch_id=branch.id) if branch else []
        if branch is None:
            self.key_label.clear()
        elif branch.fingerprint is None:
            self.key_label.setText("报送包没有签名（旧版本程序生成）。")
            set_role(self.key_label, "hint")
        elif branch.key_confirmed:
            self.key_label.setText(f"✓ 签名指纹已核对：{branch.fingerprint}")
            set_role(self.key_label, "ok")
        else:
            self.key_label.setText(
                f"签名指纹还没有核对：{branch.fingerprint}（在“报送包”页点“核对指纹…”）"
            )
            set_role(self.key_label, "warning")
        self.package_model.removeRows(0, self.package_model.rowCount())
        for row in self.package_rows:
            cells = [
                QStandardItem(row.period_label),
                QStandardItem(created_text(row.created_at)),
                QStandardItem(("！" if row.status == county.HELD else "") + row.status_label),
                QStandardItem(row.fingerprint or "未签名"),
            ]
            for cell in cells:
                if row.status == county.SUPERSEDED:
                    cell.setForeground(QBrush(GREY))
                elif row.status == county.HELD:
                    cell.setForeground(QBrush(RED))
            self.package_model.appendRow(cells)
        self.package_table.resizeColumnsToContents()
        self._show_facts(branch)
        if self.package_rows:
            first = next(
                (i for i, r in enumerate(self.package_rows) if r.status == county.CURRENT), 0
            )
            self.package_table.selectRow(first)
            self._package_changed(first)
        else:
            self._package_changed(-1)

    def _show_facts(self, branch: county.BranchRow | None) -> None:
        import datetime as dt

        from jianshi_desktop.services.county_aggregate import organisation_facts

        self.facts_list.clear()
        facts = (
            [f for f in organisation_facts(today=dt.date.today()) if f.uid == branch.uid]
            if branch
            else []
        )
        for fact in facts:
            due = f"（{fact.due}）" if getattr(fact, "due", None) else ""
            self.facts_list.addItem(f"！{fact.text}{due}")
        if branch and not facts:
            self.facts_list.addItem("最新的报送包里没有需要注意的组织情况。")
        self.tabs.setTabText(2, f"组织情况（{len(facts)}）")

    def _package_changed(self, row: int) -> None:
        self.password = ""
        self.package = self.package_rows[row] if 0 <= row < len(self.package_rows) else None
        self.record_model.removeRows(0, self.record_model.rowCount())
        lines: list[tuple[str, str, str, str]] = []
        if self.package is not None:
            records, _rows = county.package_data(self.package.id)
            lines = record_lines(records)
        for line in lines:
            self.record_model.appendRow([QStandardItem(text) for text in line])
        self.record_table.resizeColumnsToContents()
        self.tabs.setTabText(0, f"记录（{len(lines)}）")
        self.list_documents()

    # --- documents ------------------------------------------------------------------------

    def ask_password(self) -> str | None:
        """The package's password (tests replace this); never stored."""
        text, ok = QInputDialog.getText(
            self,
            "输入报送包密码",
            "这个报送包设置了密码。请输入学校告知的密码（程序不保存密码）：",
            QLineEdit.EchoMode.Password,
        )
        return text if ok and text else None

    def list_documents(self) -> None:
        self.document_list.clear()
        self.documents = []
        self.unlock_button.hide()
        package = self.package
        if package is not None:
            path = packages_dir(self.data) / package.stored_name
            try:
                self.documents = package_documents(path, password=self.password)
            except PasswordNeeded:
                self.document_list.addItem("这个报送包设置了密码，点“输入密码…”后查看其中的文书。")
                self.unlock_button.show()
            except UserError as exc:
                self.document_list.addItem(f"！{exc.message}{exc.hint}")
        for name in self.documents:
            item = QListWidgetItem(document_label(name))
            item.setData(ID_ROLE, name)
            self.document_list.addItem(item)
        self.show_button.setEnabled(bool(self.documents))
        self.tabs.setTabText(1, f"文书（{len(self.documents)}）")

    def unlock(self) -> bool:
        password = self.ask_password()
        if not password:
            return False
        self.password = password
        self.list_documents()
        if not self.documents:
            self.password = ""
            messages.warning(self, "密码不正确，打不开这个报送包。", title="输入报送包密码")
            self.list_documents()
            return False
        return True

    def _show_chosen(self) -> None:
        item = self.document_list.currentItem()
        if item is not None and item.data(ID_ROLE):
            self.show_document(str(item.data(ID_ROLE)))

    def show_document(self, name: str) -> Task[bytes] | None:
        """The document ``name`` of the chosen package in the app's own preview."""
        package = self.package
        if package is None or name not in self.documents:
            return None
        if self.task is not None and self.task.running:
            return None
        path = packages_dir(self.data) / package.stored_name
        password = self.password
        title = f"{package.branch_name} — {document_label(name).split('/')[-1]}"

        def work(_progress: Progress) -> bytes:
            return read_document(path, name, password=password)

        def show(pdf: bytes) -> None:
            from jianshi_desktop.gui.county.package_preview import show_package_pdf

            show_package_pdf(self, title, pdf, self.data.root)

        self.task = run_in_background(
            self,
            work,
            on_success=show,
            title="查看文书",
            text=f"正在读取“{document_label(name)}”……",
            failure_title="无法查看文书",
        )
        return self.task
