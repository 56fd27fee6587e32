"""欠缴党费 on the 党费 page: who is behind (姓名, 未交月份, 应补交, 状态/决定) with
「作出决定…」 for a member six months behind and 「记录补交」, and the dialog that records
the branch's decision (党章 art. 9).

Shown only while the branch keeps its dues here; then, with no one behind, one calm line.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.dues import DECIDE_MONTHS, format_yuan, months_text
from jianshi_desktop.domain.enums import ArrearsDecision
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
    prepare_table,
    select_row,
    set_role,
    show_problem,
)
from jianshi_desktop.services import dues_ledger
from jianshi_desktop.services.dues_arrears import (
    MemberArrears,
    arrears_list,
    deciding_meeting_choices,
    decisions_of,
    record_decision,
)

COLUMNS = ("姓名", "未交月份", "应补交（元）", "状态/决定")
URGENT_COLOUR = "#C8161D"
NO_ONE_BEHIND = "✓ 没有欠缴党费的党员。"


class ArrearsPanel(QWidget):
    """The members behind with their dues; hidden before the branch keeps dues here."""

    back_payment_requested = Signal(int)  # 记录补交 for this member (the page opens it)
    status = Signal(str)

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("arrearsPanel")
        self.today = today
        self.rows: list[MemberArrears] = []
        self.dialog: DecisionDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(heading("欠缴党费", self, level=2))
        self.summary = QLabel(self)
        self.summary.setObjectName("arrearsSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("arrearsTable")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = prepare_table(self.table, "欠缴党费的党员")
        for column in range(len(COLUMNS)):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == len(COLUMNS) - 1
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self._double_clicked())
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.decide_button = QPushButton("作出决定…", self)
        self.decide_button.setObjectName("decideArrearsButton")
        self.decide_button.setToolTip(f"连续{DECIDE_MONTHS}个月未交党费的党员，记录支部的处理决定")
        self.decide_button.clicked.connect(self.decide_selected)
        self.pay_button = QPushButton("记录补交", self)
        self.pay_button.setObjectName("backPaymentButton")
        self.pay_button.setToolTip("在本月的党费收缴记录中登记补交的月份")
        self.pay_button.clicked.connect(self._pay_selected)
        buttons.addWidget(self.decide_button)
        buttons.addWidget(self.pay_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.table_widgets: tuple[QWidget, ...] = (self.table, self.decide_button, self.pay_button)

    # --- filling ------------------------------------------------------------------------

    def refresh(self, today: dt.date | None = None) -> None:
        if today is not None:
            self.today = today
        selected = self.selected()
        self.rows = arrears_list(self.today)
        if not self.rows:
            kept = dues_ledger.dues_start() is not None
            self.setVisible(kept)
            self.summary.setText(NO_ONE_BEHIND)
            set_role(self.summary, "ok")
            for widget in self.table_widgets:
                widget.setVisible(False)
            return
        self.setVisible(True)
        for widget in self.table_widgets:
            widget.setVisible(True)
        self._fill()
        urgent = sum(row.needs_decision for row in self.rows)
        text = f"有{len(self.rows)}名党员欠缴党费"
        if urgent:
            text += f"，其中{urgent}名已连续{DECIDE_MONTHS}个月以上未交，需要支部作出处理决定"
        self.summary.setText(text + "。")
        set_role(self.summary, "warning" if urgent else "")
        if selected is None or not self.select_member(selected.member_id):
            self._update_buttons()

    def _fill(self) -> None:
        table = self.table
        table.setRowCount(len(self.rows))
        red = QBrush(QColor(URGENT_COLOUR))
        for number, row in enumerate(self.rows):
            owed = "" if row.owed_fen is None else format_yuan(row.owed_fen)
            texts = (row.name, _months_cell(row), owed, row.state_text)
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                if column == 2:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                    if row.owed_fen is None:
                        cell.setText("未核定基数")
                if row.needs_decision and column in (1, 3):
                    cell.setForeground(red)
                if column == 3 and row.decision is not None and row.decision.reason:
                    cell.setToolTip(f"理由：{row.decision.reason}")
                table.setItem(number, column, cell)
        rows_shown = min(len(self.rows), 6)  # more scroll: the records list keeps its room
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        height += rows_shown * table.verticalHeader().defaultSectionSize()
        table.setFixedHeight(height)

    # --- choosing -------------------------------------------------------------------------

    def selected(self) -> MemberArrears | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        number = rows[0].row()
        return self.rows[number] if 0 <= number < len(self.rows) else None

    def select_member(self, member_id: int) -> bool:
        for number, row in enumerate(self.rows):
            if row.member_id == member_id:
                select_row(self.table, number)
                self._update_buttons()
                return True
        return False

    def _update_buttons(self) -> None:
        row = self.selected()
        self.decide_button.setEnabled(row is not None and row.level >= DECIDE_MONTHS)
        self.pay_button.setEnabled(row is not None)

    def _double_clicked(self) -> None:
        row = self.selected()
        if row is not None and row.level >= DECIDE_MONTHS:
            self.decide_selected()

    def _pay_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.back_payment_requested.emit(row.member_id)

    # --- the decision -----------------------------------------------------------------------

    def decide_selected(self) -> DecisionDialog | None:
        row = self.selected()
        return None if row is None else self.decide(row.member_id)

    def decide(self, member_id: int) -> DecisionDialog | None:
        """The decision dialog for ``member_id`` (one at a time); None, with a message, when
        the member is not six months behind."""
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        self.refresh()
        row = next((r for r in self.rows if r.member_id == member_id), None)
        if row is None or row.level < DECIDE_MONTHS:
            messages.information(
                self,
                f"这名党员现在没有连续{DECIDE_MONTHS}个月未交党费，不需要作出处理决定。",
                title="欠缴党费",
            )
            return None
        self.select_member(member_id)
        dialog = DecisionDialog(row, self.today, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog

        def finished(result: int) -> None:
            self.dialog = None
            if result == QDialog.DialogCode.Accepted:
                self.refresh()
                self.select_member(member_id)
                self.status.emit(f"已记录支部对{row.name}欠缴党费的决定。")

        dialog.finished.connect(finished)
        open_in_front(dialog)
        return dialog


def _months_cell(row: MemberArrears) -> str:
    """「3个月（2026年9月—11月）」, the earlier unpaid months after it."""
    if not row.streak:
        return row.unpaid_text
    text = f"{row.months}个月（{months_text(row.streak)}）"
    earlier = len(row.unpaid) - len(row.streak)
    return f"{text}，此前另有{earlier}个月" if earlier else text


def _date_row(parent: QWidget, name: str) -> tuple[QHBoxLayout, DateInput]:
    row = QHBoxLayout()
    edit = QLineEdit(parent)
    edit.setObjectName(f"{name}Edit")
    button = QToolButton(parent)
    button.setObjectName(f"{name}Button")
    row.addWidget(edit)
    row.addWidget(button)
    row.addStretch(1)
    return row, DateInput(edit, button)


class DecisionDialog(GuardedDialog):
    """支部的处理决定 on a member six months behind: 决定日期, 决定, 理由, 限期 (限期补交),
    支部党员大会 (按自行脱党处理); the service's refusals beside their fields."""

    def __init__(self, row: MemberArrears, today: dt.date, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.row = row
        self.today = today
        self.setWindowTitle(f"欠缴党费的处理决定 — {row.name}")
        layout = QVBoxLayout(self)
        owed = "" if row.owed_fen is None else f"，应补交{format_yuan(row.owed_fen)}元"
        intro = QLabel(
            f"{row.name}已连续{row.months}个月未交党费（{months_text(row.streak)}）{owed}。"
            "党章规定，党员连续六个月不交纳党费，没有正当理由的，视为自行脱党。"
            "请记录支部作出的决定。",
            self,
        )
        intro.setObjectName("introLabel")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        earlier = decisions_of(row.member_id)
        if earlier:  # a 限期补交 passed unpaid, or a run before: what was decided then
            before = QLabel(
                "此前的决定："
                + "；".join(
                    f"{format_date(d.decided_on)}，{d.decision.label}"
                    + (f"（{d.reason}）" if d.reason else "")
                    for d in earlier[:3]
                ),
                self,
            )
            before.setObjectName("earlierLabel")
            before.setWordWrap(True)
            set_role(before, "hint")
            layout.addWidget(before)
        form = QFormLayout()
        self.errors: dict[str, QLabel] = {}

        date_row, self.date = _date_row(self, "decidedOn")
        self.date.set_date(today)
        form.addRow("决定日期：", date_row)
        self._error_row(form, "decided_on")

        choices = QVBoxLayout()
        self.choice_group = QButtonGroup(self)
        self.radios: dict[ArrearsDecision, QRadioButton] = {}
        for decision in ArrearsDecision:
            radio = QRadioButton(decision.label, self)
            radio.setObjectName(f"{decision.value}Radio")
            self.choice_group.addButton(radio)
            self.radios[decision] = radio
            choices.addWidget(radio, 0, Qt.AlignmentFlag.AlignLeft)  # clicked on its words
        form.addRow("决定：", choices)
        self._error_row(form, "decision")

        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setMaxLength(300)
        self.reason_edit.setPlaceholderText("如：长期病休住院，本人已书面说明")
        form.addRow("理由：", self.reason_edit)
        self._error_row(form, "reason")

        pay_row, self.pay_by = _date_row(self, "payBy")
        form.addRow("补交期限：", pay_row)
        self._error_row(form, "pay_by")

        self.meeting_combo = QComboBox(self)
        self.meeting_combo.setObjectName("meetingCombo")
        self.meeting_combo.setMinimumWidth(260)
        form.addRow("支部党员大会：", self.meeting_combo)
        self.meeting_hint = QLabel(self)
        self.meeting_hint.setWordWrap(True)
        set_role(self.meeting_hint, "hint")
        form.addRow("", self.meeting_hint)
        self._error_row(form, "meeting_id")
        layout.addLayout(form)
        layout.addStretch(1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.confirm = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm.setText("记录决定")
        make_primary(self.confirm)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.choice_group.buttonToggled.connect(lambda _b, _on: self._choice_changed())
        self.date.finished.connect(self._fill_meetings)
        self._fill_meetings()
        self._choice_changed()
        self.setMinimumWidth(600)

    def _error_row(self, form: QFormLayout, field: str) -> None:
        label = QLabel(self)
        label.setObjectName(f"{field}Error")
        prepare_error_label(label)
        form.addRow("", label)
        self.errors[field] = label

    def choice(self) -> ArrearsDecision | None:
        return next((d for d, radio in self.radios.items() if radio.isChecked()), None)

    def _choice_changed(self) -> None:
        choice = self.choice()
        self.pay_by.set_enabled(choice is ArrearsDecision.PAY_BY)
        self.meeting_combo.setEnabled(choice is ArrearsDecision.LEAVING)
        self.meeting_hint.setVisible(choice is ArrearsDecision.LEAVING)
        self.reason_edit.setPlaceholderText(
            "必填，如：长期病休住院，本人已书面说明"
            if choice is ArrearsDecision.GOOD_REASON
            else "可不填"
        )
        show_problem(self.errors["decision"], None)

    def _fill_meetings(self) -> None:
        day = self.date.value() or self.today
        current = self.meeting_combo.currentData()
        self.meeting_combo.clear()
        choices = deciding_meeting_choices(self.row.streak[0], day)
        for meeting_id, label in choices:
            self.meeting_combo.addItem(label, meeting_id)
        if current is not None:
            index = self.meeting_combo.findData(current)
            if index >= 0:
                self.meeting_combo.setCurrentIndex(index)
        self.meeting_hint.setText(
            "作出决定的支部党员大会。"
            if choices
            else "还没有可选的支部党员大会记录：请先在“三会一课”中记录这次支部党员大会，"
            "完成后再来记录决定。"
        )

    def save(self) -> None:
        for label in self.errors.values():
            show_problem(label, None)
        day = self.date.value()
        if day is None:
            text = self.date.problem() or "请填写决定日期。"
            self._show("decided_on", text)
            return
        choice = self.choice()
        if choice is None:
            self._show("decision", "请选择支部的决定。")
            return
        pay_by = self.pay_by.value() if choice is ArrearsDecision.PAY_BY else None
        if choice is ArrearsDecision.PAY_BY and pay_by is None and self.pay_by.problem():
            self._show("pay_by", self.pay_by.problem())
            return
        meeting = self.meeting_combo.currentData() if choice is ArrearsDecision.LEAVING else None
        try:
            record_decision(
                self.row.member_id,
                since_month=self.row.streak[0],
                months=self.row.months,
                decided_on=day,
                decision=choice,
                reason=self.reason_edit.text(),
                pay_by=pay_by,
                meeting_id=meeting if isinstance(meeting, int) else None,
                today=self.today,
            )
        except ValidationError as exc:
            if exc.field in self.errors:
                self._show(exc.field, exc.message)
                return
            messages.show_error(self, exc, title="没有记录决定")
            return
        except UserError as exc:
            messages.show_error(self, exc, title="没有记录决定")
            return
        self.accept()

    def _show(self, field: str, message: str) -> None:
        show_problem(self.errors[field], Problem(field, message))
        self.adjustSize()
