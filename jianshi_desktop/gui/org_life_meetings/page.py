"""组织生活会: the list of the yearly meetings (记录组织生活会, 复制上次, 打开, 归档, 更正,
删除草稿, 预览, 打印, and 召开情况报告… for the one selected), and below it the 整改清单 still
open — the overdue ones marked — with 标记完成… (the day and what was done) and 撤销完成.

A reminder on 首页 opens a new record (``new_org_life_meeting``) or shows one 整改 item
(``show_rectification``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import RecordState
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.errors import UserError, ValidationError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.date_input import DateInput
from jianshi_desktop.gui.common.forms import GuardedDialog
from jianshi_desktop.gui.common.in_front import open_in_front
from jianshi_desktop.gui.common.widgets import (
    heading,
    make_primary,
    prepare_error_label,
    set_role,
    show_problem,
)
from jianshi_desktop.gui.org_life_meetings.wizard import OrgLifeMeetingWizard
from jianshi_desktop.gui.records.list_page import (
    Column,
    FormRecordsPage,
    attendance_column,
    date_column,
)
from jianshi_desktop.gui.records.wizard import Mode
from jianshi_desktop.services.org_life_meetings import (
    OrgLifeMeetingRow,
    RectificationRow,
    close_rectification_item,
    list_org_life_meetings,
    new_org_life_meeting_form,
    org_life_report_content,
    org_life_title,
    rectification_items,
    reopen_rectification_item,
)
from jianshi_desktop.services.record_kinds import ORG_LIFE_MEETING

EMPTY_TEXT = (
    "还没有组织生活会记录。\n\n"
    "组织生活会每年至少召开一次，一般在第四季度。记录时填写会前学习、征求意见和谈心谈话，"
    "出席情况，每人的对照检查，批评与自我批评，以及会后的整改清单。"
)
ITEM_COLUMNS = ("状态", "存在的问题", "整改措施", "责任人", "完成时限", "会议")
OVERDUE_COLOUR = "#C8161D"


def items_text(row: OrgLifeMeetingRow) -> str:
    """整改 3 项，未完成 1 项."""
    if not row.items_total:
        return ""
    if not row.items_open:
        return f"{row.items_total}项，已全部完成"
    return f"{row.items_total}项，未完成{row.items_open}项"


def item_state(row: RectificationRow) -> str:
    if row.closed_on is not None:
        return f"已完成（{format_date(row.closed_on)}）"
    return "！已超期" if row.overdue else "整改中"


class CloseItemDialog(GuardedDialog):
    """标记完成: the day the item was done and what was done."""

    def __init__(self, item: RectificationRow, today: dt.date, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.item = item
        self.today = today
        self.setWindowTitle("整改完成")
        layout = QVBoxLayout(self)
        what = QLabel(f"整改事项：{item.problem}", self)
        what.setWordWrap(True)
        layout.addWidget(what)
        form = QFormLayout()
        row = QHBoxLayout()
        self.date_edit = QLineEdit(self)
        self.date_edit.setObjectName("closedOnEdit")
        self.date_button = QToolButton(self)
        self.date = DateInput(self.date_edit, self.date_button)
        self.date.set_date(today)
        row.addWidget(self.date_edit)
        row.addWidget(self.date_button)
        row.addStretch(1)
        form.addRow("完成日期：", row)
        self.date_error = QLabel(self)
        prepare_error_label(self.date_error)
        form.addRow("", self.date_error)
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("closeNoteEdit")
        self.note_edit.setMaxLength(300)
        self.note_edit.setPlaceholderText("整改结果，如：已修订作业管理制度并公示")
        form.addRow("整改结果：", self.note_edit)
        self.note_error = QLabel(self)
        prepare_error_label(self.note_error)
        form.addRow("", self.note_error)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("标记完成")
        make_primary(ok)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 240)

    def save(self) -> None:
        show_problem(self.date_error, None)
        show_problem(self.note_error, None)
        day = self.date.value()
        if day is None:
            text = self.date.problem() or "请填写完成日期。"
            show_problem(self.date_error, Problem("closed_on", text))
            self.date_edit.setFocus()
            return
        try:
            close_rectification_item(self.item.id, day, self.note_edit.text(), today=self.today)
        except ValidationError as exc:
            label = self.date_error if exc.field == "closed_on" else self.note_error
            show_problem(label, Problem(exc.field or "", exc.message))
            return
        self.accept()


class OrgLifeMeetingsPage(FormRecordsPage):
    KIND = ORG_LIFE_MEETING
    NOUN = "组织生活会"
    wizard: OrgLifeMeetingWizard | None

    def __init__(
        self,
        attachments_dir: Path,
        parent: QWidget | None = None,
        *,
        data_root: Path | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.today = today  # the day the 整改 items are judged on
        root = data_root or attachments_dir.parent
        super().__init__(ORG_LIFE_MEETING.area, parent, data_root=root)
        self.attachments_dir = attachments_dir
        self.data_root = root
        self.close_dialog: CloseItemDialog | None = None
        self.add_list(
            rows=lambda: list_org_life_meetings(),
            columns=(
                date_column(),
                Column("会议主题", lambda r: r.theme, width=300),
                Column("地点", lambda r: r.place, width=120),
                attendance_column(tooltip=lambda _r: ""),
                Column("整改", items_text, width=150),
            ),
            title_of=lambda r: org_life_title(r.held_on),
            actions=self.record_actions((("记录组织生活会", self.new_org_life_meeting),)),
            empty_text=EMPTY_TEXT,
            search_hint="主题、地点",
            all_years=True,
        )
        self.report_button = QPushButton("召开情况报告…", self)
        self.report_button.setObjectName("reportButton")
        self.report_button.setToolTip(
            "选中一次已完成的组织生活会，生成向上级党组织报送的召开情况报告"
            "（可打印、另存为 PDF/Word）"
        )
        self.report_button.clicked.connect(self.open_report)
        self.list.add_buttons(self.report_button)
        self._build_items()
        self.refresh()

    # --- the 整改清单 ---------------------------------------------------------------------

    def _build_items(self) -> None:
        self.page_layout.addWidget(heading("整改清单", self, level=2))
        self.items_summary = QLabel(self)
        self.items_summary.setWordWrap(True)
        self.page_layout.addWidget(self.items_summary)
        self.items_table = QTableWidget(0, len(ITEM_COLUMNS), self)
        self.items_table.setObjectName("itemsTable")
        self.items_table.setHorizontalHeaderLabels(list(ITEM_COLUMNS))
        self.items_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.items_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.items_table.verticalHeader().setVisible(False)
        header = self.items_table.horizontalHeader()
        for column in range(len(ITEM_COLUMNS)):
            stretch = column in (1, 2)  # the problem and the measure share what is left
            mode = (
                QHeaderView.ResizeMode.Stretch
                if stretch
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        self.items_table.itemSelectionChanged.connect(self._update_item_buttons)
        self.items_table.doubleClicked.connect(lambda _i: self.close_selected_item())
        self.page_layout.addWidget(self.items_table, 1)
        buttons = QHBoxLayout()
        self.close_button = QPushButton("标记完成…", self)
        self.close_button.setObjectName("closeItemButton")
        self.close_button.clicked.connect(self.close_selected_item)
        self.reopen_button = QPushButton("撤销完成", self)
        self.reopen_button.setObjectName("reopenItemButton")
        self.reopen_button.setToolTip("标记错了的，改回未完成")
        self.reopen_button.clicked.connect(self.reopen_selected_item)
        self.show_closed = QCheckBox("也显示已完成的", self)
        self.show_closed.setObjectName("showClosedCheck")
        self.show_closed.toggled.connect(lambda _on: self._fill_items())
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.reopen_button)
        buttons.addWidget(self.show_closed)
        buttons.addStretch(1)
        self.page_layout.addLayout(buttons)
        self.item_rows: list[RectificationRow] = []

    def _fill_items(self) -> None:
        today = self.today()
        rows = rectification_items(open_only=not self.show_closed.isChecked(), today=today)
        self.item_rows = rows
        table = self.items_table
        table.setRowCount(len(rows))
        red = QBrush(QColor(OVERDUE_COLOUR))
        for number, row in enumerate(rows):
            due = format_date(row.due_on) if row.due_on else ""
            texts = (item_state(row), row.problem, row.measure, row.owner, due, row.meeting)
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                if column == 2 and row.close_note:
                    cell.setToolTip(f"整改结果：{row.close_note}")
                if row.overdue and column in (0, 4):
                    cell.setForeground(red)
                table.setItem(number, column, cell)
        open_rows = [r for r in rows if r.closed_on is None]
        overdue = sum(r.overdue for r in open_rows)
        if not open_rows:
            text = "✓ 没有未完成的整改事项。" if rows or not self.show_closed.isChecked() else ""
            self.items_summary.setText(text or "还没有整改事项。")
            set_role(self.items_summary, "ok" if text else "hint")
        else:
            late = f"，其中{overdue}项已超过完成时限" if overdue else ""
            self.items_summary.setText(
                f"还有{len(open_rows)}项整改没有完成{late}。完成后选中它点“标记完成…”。"
            )
            set_role(self.items_summary, "warning" if overdue else "")
        self._update_item_buttons()

    def selected_item(self) -> RectificationRow | None:
        rows = self.items_table.selectionModel().selectedRows()
        if not rows:
            return None
        number = rows[0].row()
        return self.item_rows[number] if 0 <= number < len(self.item_rows) else None

    def _update_item_buttons(self) -> None:
        item = self.selected_item()
        self.close_button.setEnabled(item is not None and item.closed_on is None)
        self.reopen_button.setEnabled(item is not None and item.closed_on is not None)

    def select_item(self, item_id: int) -> bool:
        for number, row in enumerate(self.item_rows):
            if row.id == item_id:
                self.items_table.selectRow(number)
                cell = self.items_table.item(number, 0)
                if cell is not None:
                    self.items_table.scrollToItem(cell)
                return True
        return False

    def close_selected_item(self) -> CloseItemDialog | None:
        if self.close_dialog is not None:  # one at a time
            self.close_dialog.raise_()
            return self.close_dialog
        item = self.selected_item()
        if item is None or item.closed_on is not None:
            return None
        dialog = CloseItemDialog(item, self.today(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.close_dialog = dialog

        def finished(result: int) -> None:
            self.close_dialog = None
            if result == QDialog.DialogCode.Accepted:
                self._fill_items()
                self.list.refresh()
                self.status.emit(f"整改事项“{item.problem}”已标记完成。")

        dialog.finished.connect(finished)
        open_in_front(dialog)
        return dialog

    def reopen_selected_item(self) -> None:
        item = self.selected_item()
        if item is None or item.closed_on is None:
            return
        if not messages.ask(
            self,
            f"把整改事项“{item.problem}”改回未完成？",
            title="撤销完成",
            yes_text="改回未完成",
            no_text="不改",
            hint="原来填写的完成日期和整改结果会清除。",
        ):
            return
        try:
            reopen_rectification_item(item.id)
        except UserError as exc:
            messages.show_error(self, exc, title="撤销完成")
            return
        self._fill_items()
        self.list.refresh()

    def refresh(self) -> None:
        super().refresh()
        self._fill_items()

    # --- 召开情况报告 ------------------------------------------------------------------------

    def open_report(self) -> object:
        row = self.list.selected_row() or self.list.latest_row()
        if row is None or row.state is RecordState.DRAFT:
            messages.information(
                self,
                "请先选中一次已完成的组织生活会。",
                title="召开情况报告",
                hint="草稿还不是记录：完成以后才能出召开情况报告。",
            )
            return None
        return self.report_of(row.id, row.held_on)

    def report_of(self, record_id: int, held_on: dt.date) -> object:
        from jianshi_desktop.documents.org_life import org_life_report_document
        from jianshi_desktop.gui.documents.preview import open_preview

        return open_preview(
            self,
            "组织生活会召开情况报告",
            lambda: org_life_report_document(org_life_report_content(record_id)),
            f"{held_on.year}年度组织生活会召开情况报告",
            self.data_root,
        )

    def next_steps(self) -> tuple[tuple[str, Any], ...]:
        row = self.list.selected_row()
        if row is None:
            return ()
        return (("召开情况报告…", lambda: self.report_of(row.id, row.held_on)),)

    # --- the wizard -------------------------------------------------------------------------

    def make_wizard(self, form: Any, record_id: int | None, mode: Mode) -> OrgLifeMeetingWizard:
        return OrgLifeMeetingWizard(
            form,
            attachments_dir=self.attachments_dir,
            data_root=self.data_root,
            record_id=record_id,
            mode=mode,
            parent=self,
        )

    def new_org_life_meeting(self, on: dt.date | None = None) -> OrgLifeMeetingWizard | None:
        wizard = self.open_form(new_org_life_meeting_form(on=on))
        return wizard if isinstance(wizard, OrgLifeMeetingWizard) else None

    def new_for_reminder(
        self, on: dt.date | None, params: dict[str, object]
    ) -> OrgLifeMeetingWizard | None:
        return self.new_org_life_meeting(on)

    def perform(self, command: str, params: dict[str, object]) -> bool:
        """``show_rectification``: the 整改 item ``item_id`` selected in the list."""
        if command == "show_rectification":
            item_id = params.get("item_id")
            self._fill_items()
            return isinstance(item_id, int) and self.select_item(item_id)
        return super().perform(command, params)
