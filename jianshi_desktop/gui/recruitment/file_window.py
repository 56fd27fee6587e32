"""One person's 发展党员 file: who the person is, where they stand, and the 25 steps of the
"525" procedure in their five stages — each with its day(s), people, the meeting that
decided it and its documents, or, not done yet, the days the rules allow for it.

The window does not block the main window (like a member's); one window per file."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.recruitment import window
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.flow import wrap_row
from jianshi_desktop.gui.common.in_front import open_in_front
from jianshi_desktop.gui.common.widgets import make_primary, prepare_table, set_role, style_heading
from jianshi_desktop.gui.recruitment.dialogs import (
    PersonDialog,
    StepDialog,
    StopDialog,
    window_text,
)
from jianshi_desktop.services import recruitment as service
from jianshi_desktop.services.recruitment import RecruitmentFile, StepRecord

if TYPE_CHECKING:
    from jianshi_desktop.documents.model import Document

COLUMNS = ("步骤", "内容", "谁来做", "日期", "有关人员", "决定", "材料", "时限或备注")
OVERDUE_COLOUR = QColor("#b3261e")
STAGE_BACKGROUND = QColor("#eef2f7")
STAGE_NUMBERS = "一二三四五六"
ROW_ROLE = Qt.ItemDataRole.UserRole  # (step number, recorded step id or None)


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def person_text(file: RecruitmentFile) -> str:
    fields = file.fields
    parts = [fields.name]
    if fields.gender is not None:
        parts.append(fields.gender.label)
    if fields.birth_date is not None:
        parts.append(f"{format_date(fields.birth_date)}生")
    if fields.ethnicity:
        parts.append(fields.ethnicity)
    if fields.education:
        parts.append(fields.education)
    if fields.position:
        parts.append(fields.position)
    if file.id_number_masked:
        parts.append(f"身份证 {file.id_number_masked}")
    if fields.backbone:
        parts.append("★教学业务骨干")
    return "，".join(parts)


class FileWindow(QDialog):
    """The file of ``recruitment_id``. ``changed`` when something on it was saved (the
    page re-reads its list); ``meetings_requested`` for 去记录支委会/支部大会."""

    changed = Signal()
    meetings_requested = Signal(str)  # a new meeting of that kind, for a decision

    def __init__(
        self,
        recruitment_id: int,
        attachments_dir: Path,
        data_root: Path,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.recruitment_id = recruitment_id
        self.attachments_dir = attachments_dir
        self.data_root = data_root
        self.today = today
        self.setObjectName("recruitmentFileWindow")
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.file: RecruitmentFile | None = None
        self.dialog: QDialog | None = None  # the step or person dialog open now

        layout = QVBoxLayout(self)
        self.name_label = QLabel(self)
        style_heading(self.name_label, level=2)
        layout.addWidget(self.name_label)
        self.person_label = QLabel(self)
        self.person_label.setWordWrap(True)
        self.person_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.person_label)
        self.stage_label = QLabel(self)
        self.stage_label.setWordWrap(True)
        self.stage_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.stage_label)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("stepsTable")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        header = prepare_table(self.table, "发展党员的25个步骤")
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self._double_clicked())
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.record_button = QPushButton("记录此步…", self)
        make_primary(self.record_button)
        self.record_button.clicked.connect(lambda: self.record_step())
        self.edit_button = QPushButton("修改…", self)
        self.edit_button.clicked.connect(lambda: self.edit_step())
        self.delete_button = QPushButton("删除", self)
        self.delete_button.clicked.connect(self.delete_step)
        self.person_button = QPushButton("修改信息…", self)
        self.person_button.clicked.connect(lambda: self.edit_person())
        self.stop_button = QPushButton("终止培养…", self)
        self.stop_button.clicked.connect(self.stop_or_resume)
        self.assessment_button = QPushButton("打印考察登记表", self)
        self.assessment_button.setToolTip("入党积极分子培养教育考察登记：预览后打印或保存")
        self.assessment_button.clicked.connect(lambda: self.print_document("assessment"))
        self.record_print_button = QPushButton("打印全程纪实表", self)
        self.record_print_button.setToolTip("发展党员工作全程纪实表：预览后打印或保存")
        self.record_print_button.clicked.connect(lambda: self.print_document("full_record"))
        close = QPushButton("关闭", self)
        close.clicked.connect(self.close)
        for button in (
            self.record_button,
            self.edit_button,
            self.delete_button,
            self.person_button,
            self.stop_button,
            self.assessment_button,
            self.record_print_button,
            close,
        ):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        wrap_row(buttons, self)
        self.resize(1120, 700)
        self.refresh()

    # --- showing ----------------------------------------------------------------------

    def refresh(self) -> None:
        file = self.file = service.load_file(self.recruitment_id, today=self.today())
        row = file.row
        self.setWindowTitle(f"发展党员档案 — {row.name}")
        self.name_label.setText(row.name)
        self.person_label.setText(person_text(file))
        stage = f"阶段：{row.stage.label}"
        if row.stage_since is not None:
            stage += f"（{format_date(row.stage_since)}起）"
        if row.stopped_on is not None:
            stage += f"。已于{format_date(row.stopped_on)}终止培养：{file.stop_reason}"
        elif row.next_text:
            stage += f"。下一步：{row.next_text}"
            if row.overdue:
                stage += "（已逾期）"
        self.stage_label.setText(stage)
        set_role(self.stage_label, "warning" if row.overdue or row.stopped_on else "")
        self.stop_button.setText("恢复培养" if row.stopped_on is not None else "终止培养…")
        self.stop_button.setEnabled(row.member_id is None)
        self._fill_table(file)
        self._selection_changed()

    def _fill_table(self, file: RecruitmentFile) -> None:
        the_rules = service.rules()
        pending = {spot.no: spot for spot in file.next_steps}
        today = self.today()
        self.table.setRowCount(0)
        bold = QFont(self.table.font())
        bold.setBold(True)
        seen: list[object] = []
        for stage, title in the_rules.stage_names.items():
            numbers = [no for no, rule in sorted(the_rules.steps.items()) if rule.stage is stage]
            if not numbers:
                continue
            at = self.table.rowCount()
            self.table.insertRow(at)
            heading = QTableWidgetItem(
                f"{STAGE_NUMBERS[len(seen)]}、{title}（第{numbers[0]}—{numbers[-1]}步）"
            )
            seen.append(stage)
            heading.setFont(bold)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            heading.setBackground(QBrush(STAGE_BACKGROUND))
            self.table.setItem(at, 0, heading)
            self.table.setSpan(at, 0, 1, len(COLUMNS))
            for no in numbers:
                records = file.steps_of(no)
                for record in records:
                    self._add_record(record)
                rule = the_rules.step(no)
                if not records or (rule.repeats and no in pending):
                    spot = pending.get(no)
                    if spot is None and file.row.stopped_on is None and not records:
                        spot = window(the_rules, file.facts, no)
                    text, late = window_text(spot, today)
                    if file.row.stopped_on is not None:
                        text, late = "", False
                    self._add_pending(no, text, late)

    def _add_row(self, no: int, step_id: int | None, cells: list[str]) -> int:
        at = self.table.rowCount()
        self.table.insertRow(at)
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(ROW_ROLE, (no, step_id))
            if text:
                item.setToolTip(text)
            self.table.setItem(at, column, item)
        return at

    def _add_record(self, record: StepRecord) -> None:
        rule = service.rules().step(record.no)
        decided = ""
        if record.meeting_kind is not None:
            decided = f"{record.meeting_kind.label}决定"
        elif rule.decided_by is not None:
            decided = "手工登记"
        extra = record.note
        if rule.training and (record.training_days or record.training_hours):
            length = (
                f"{record.training_days}天"
                if record.training_days
                else f"{record.training_hours}学时"
            )
            extra = f"培训{length}" + (f"；{extra}" if extra else "")
        self._add_row(
            record.no,
            record.id,
            [
                f"第{record.no}步",
                record.name,
                rule.actor.label,
                format_date(record.done_on),
                record.people_text,
                decided,
                f"{record.attachments}份" if record.attachments else "",
                extra,
            ],
        )

    def _add_pending(self, no: int, text: str, late: bool) -> None:
        rule = service.rules().step(no)
        at = self._add_row(
            no, None, [f"第{no}步", rule.name, rule.actor.label, "未做", "", "", "", text]
        )
        grey = QBrush(QColor("#6b6b6b"))
        for column in range(len(COLUMNS)):
            item = cell(self.table, at, column)
            item.setForeground(grey)
        if late:
            item = cell(self.table, at, len(COLUMNS) - 1)
            item.setForeground(QBrush(OVERDUE_COLOUR))
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)

    # --- the selected row -------------------------------------------------------------

    def selected(self) -> tuple[int, int | None] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = cell(self.table, rows[0].row(), 0).data(ROW_ROLE)
        return None if value is None else (int(value[0]), value[1])

    def row_of(self, no: int, *, recorded: bool = False) -> int:
        """The table row of step ``no`` (its first recorded or its not-done row)."""
        for at in range(self.table.rowCount()):
            value = cell(self.table, at, 0).data(ROW_ROLE)
            if value is not None and value[0] == no and (value[1] is not None) == recorded:
                return at
        raise LookupError(no)

    def select_step(self, no: int, *, recorded: bool = False) -> None:
        self.table.selectRow(self.row_of(no, recorded=recorded))

    def _selection_changed(self) -> None:
        chosen = self.selected()
        closed = self.file is not None and self.file.row.stopped_on is not None
        recorded = chosen is not None and chosen[1] is not None
        repeats = chosen is not None and service.rules().step(chosen[0]).repeats
        self.record_button.setEnabled(not closed and (not recorded or repeats))
        self.edit_button.setEnabled(recorded)
        self.delete_button.setEnabled(recorded)

    def _double_clicked(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        if chosen[1] is None:
            self.record_step()
        else:
            self.edit_step()

    def _record(self, step_id: int) -> StepRecord:
        assert self.file is not None
        return next(s for s in self.file.steps if s.id == step_id)

    # --- acting -----------------------------------------------------------------------

    def record_step(self, no: int | None = None) -> StepDialog | None:
        """记录此步…: the selected step, or else the first step that comes next."""
        assert self.file is not None
        if no is None:
            chosen = self.selected()
            if chosen is not None:
                no = chosen[0]
            elif self.file.next_steps:
                no = self.file.next_steps[0].no
            else:
                messages.information(self, "请先在表中选中要记录的步骤。", title="记录此步")
                return None
        spot = next((w for w in self.file.next_steps if w.no == no), None)
        today = self.today()
        default = today
        if spot is not None and spot.earliest is not None and spot.earliest > today:
            default = spot.earliest
        dialog = StepDialog(
            self.recruitment_id,
            no,
            self.attachments_dir,
            self,
            default_day=min(default, today),
            today=self.today,
        )
        return self._show(dialog)

    def edit_step(self, step_id: int | None = None) -> StepDialog | None:
        if step_id is None:
            chosen = self.selected()
            if chosen is None or chosen[1] is None:
                return None
            step_id = chosen[1]
        record = self._record(step_id)
        dialog = StepDialog(
            self.recruitment_id,
            record.no,
            self.attachments_dir,
            self,
            step=record,
            today=self.today,
        )
        return self._show(dialog)

    def _show(self, dialog: StepDialog) -> StepDialog:
        dialog.saved.connect(self._saved)
        dialog.meetings_requested.connect(self.meetings_requested.emit)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        open_in_front(dialog)
        return dialog

    def _saved(self) -> None:
        """Re-read the file, with the step that comes next selected (记录此步 goes on)."""
        self.refresh()
        if self.file is not None and self.file.next_steps:
            with contextlib.suppress(LookupError):
                self.select_step(self.file.next_steps[0].no)
        self.changed.emit()

    def delete_step(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen[1] is None:
            return
        record = self._record(chosen[1])
        title = service.rules().step(record.no).title
        if not messages.ask(
            self,
            f"删除{format_date(record.done_on)}的“{title}”记录？",
            title="删除记录",
        ):
            return
        try:
            service.delete_step(record.id)
        except UserError as exc:
            messages.show_error(self, exc, title="不能删除")
            return
        self._saved()

    def edit_person(self) -> PersonDialog:
        dialog = PersonDialog(
            self.attachments_dir, self, recruitment_id=self.recruitment_id, today=self.today
        )
        dialog.saved.connect(lambda _id: self._saved())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        open_in_front(dialog)
        return dialog

    def stop_or_resume(self) -> StopDialog | None:
        assert self.file is not None
        if self.file.row.stopped_on is not None:
            if messages.ask(self, f"恢复对{self.file.row.name}的培养？", title="恢复培养"):
                try:
                    service.resume_recruitment(self.recruitment_id)
                except UserError as exc:
                    messages.show_error(self, exc, title="恢复培养")
                    return None
                self._saved()
            return None
        dialog = StopDialog(self.recruitment_id, self.file.row.name, self, today=self.today)
        dialog.accepted.connect(self._saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        open_in_front(dialog)
        return dialog

    def print_document(self, what: str) -> object:
        """打印考察登记表 / 打印全程纪实表: the document in the preview (print, PDF, Word)."""
        from jianshi_desktop.gui.documents.preview import open_preview
        from jianshi_desktop.services import recruitment_documents as documents

        recruitment_id = self.recruitment_id
        if what == "assessment":
            title = "入党积极分子培养教育考察登记表"

            def build() -> Document:
                return documents.assessment_document(recruitment_id)
        else:
            title = "发展党员工作全程纪实表"

            def build() -> Document:
                return documents.full_record_document(recruitment_id)

        assert self.file is not None
        return open_preview(
            self,
            f"{self.file.row.name} {title}",
            build,
            documents.file_stem(recruitment_id, what),
            self.data_root,
        )
