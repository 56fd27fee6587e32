"""The 党费收缴 wizard: the day, the month collected for, the collector and the usual way of
paying; the month's table — everyone owing the month ticked as paid as due, the exceptions
edited (unticked: not paid; another amount typed as 「1,234.5元」 or 81); 补交 of earlier
months and 预交 of later ones added with a click; 上缴; review, then 完成.

Everything is saved through :mod:`services.dues` and the kind's lifecycle
(:mod:`jianshi_desktop.gui.records.wizard`): drafts as the steps change and on closing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.dues import (
    DuesInputError,
    format_yuan,
    month_label,
    month_of,
    parse_yuan,
)
from jianshi_desktop.domain.enums import AttachmentKind
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.gui.common.date_input import py_date, qdate
from jianshi_desktop.gui.common.widgets import esc, prepare_table, set_role, show_problem
from jianshi_desktop.gui.records.attachments import ALL_FILTER, SCAN_FILTER, AttachmentsEditor
from jianshi_desktop.gui.records.pickers import combo_member, fill_member_combo, people_names
from jianshi_desktop.gui.records.wizard import (
    DraftWizard,
    Mode,
    ReviewPage,
    StepPage,
    date_of,
    prepare_date_edit,
    review_table,
    set_date,
)
from jianshi_desktop.services.dues import (
    AHEAD_NOTE,
    BACK_NOTE,
    DuesCollectionForm,
    PaymentEntry,
    members_on,
    month_payments,
    not_paid,
    offered_ahead_payments,
    offered_back_payments,
)
from jianshi_desktop.services.dues_ledger import payment_methods
from jianshi_desktop.services.meetings import member_choices
from jianshi_desktop.services.record_kinds import DUES_COLLECTION

PAID_COL, NAME_COL, MONTH_COL, DUE_COL, AMOUNT_COL, METHOD_COL, NOTE_COL = range(7)
HEADERS = ("已交", "姓名", "月份", "应交（元）", "实交（元）", "方式", "备注")


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    show_problem(label, None)
    return label


def due_text(due_fen: int | None) -> str:
    return "未核定" if due_fen is None else format_yuan(due_fen)


# --- step 1 --------------------------------------------------------------------------------


class DuesBasicsPage(StepPage):
    step_title = "收缴日期和月份"
    subtitle = "收缴哪个月的党费、哪天收、谁收。下一步列出这个月应交党费的全体党员。"

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        form = QFormLayout()
        form.setSpacing(8)
        self.date_edit = QDateEdit(self.ui)
        self.date_edit.setAccessibleName("收缴日期")
        prepare_date_edit(self.date_edit)
        self.month_edit = QDateEdit(self.ui)
        self.month_edit.setAccessibleName("所属月份")
        self.month_edit.setDisplayFormat("yyyy年M月")
        self.month_edit.setMinimumDate(QDate(2000, 1, 1))
        self.month_edit.setMaximumDate(QDate(2099, 12, 1))
        self.collector_combo = QComboBox(self.ui)
        self.collector_combo.setAccessibleName("收缴人")
        self.method_combo = QComboBox(self.ui)
        self.method_combo.setAccessibleName("默认交纳方式")
        self.method_combo.addItems(payment_methods())
        self.names = people_names()
        for widget, width in (
            (self.date_edit, 240),
            (self.month_edit, 240),
            (self.collector_combo, 240),
            (self.method_combo, 240),
        ):
            widget.setMaximumWidth(width)
        errors = {f: _error_label(self.ui) for f in ("held_on", "month", "collector_id")}
        form.addRow("收缴日期：", self.date_edit)
        form.addRow("", errors["held_on"])
        form.addRow("所属月份：", self.month_edit)
        form.addRow("", errors["month"])
        form.addRow("收缴人：", self.collector_combo)
        form.addRow("", errors["collector_id"])
        form.addRow("默认交纳方式：", self.method_combo)
        hint = QLabel(
            "改了默认方式，下一步表中用原默认方式的各行一起改过来；个别人可以在表中单独改。"
        )
        hint.setWordWrap(True)
        set_role(hint, "hint")
        form.addRow("", hint)
        self.body().addLayout(form)
        self.body().addStretch(1)
        self.add_field("held_on", errors["held_on"], self.date_edit)
        self.add_field("month", errors["month"], self.month_edit)
        self.add_field("collector_id", errors["collector_id"], self.collector_combo)
        self._method = self.method_combo.currentText()
        self.date_edit.dateChanged.connect(lambda _d: self._date_changed())
        self.month_edit.dateChanged.connect(lambda _d: self._month_changed())
        self.method_combo.currentTextChanged.connect(self._method_changed)
        self.watch("collector_id", self.collector_combo.currentIndexChanged)

    def held_on(self) -> dt.date:
        return date_of(self.date_edit)

    def month(self) -> dt.date:
        return month_of(py_date(self.month_edit.date()))

    def method(self) -> str:
        return self.method_combo.currentText()

    def _fill_collectors(self, keep: int | None) -> None:
        fill_member_combo(self.collector_combo, member_choices(self.held_on()), self.names, keep)

    def _date_changed(self) -> None:
        self._fill_collectors(combo_member(self.collector_combo))
        self.check({"held_on", "month", "collector_id"})

    def _month_changed(self) -> None:
        if not self.owner.loading:
            payments_page(self.owner).show_month(self.month(), self.held_on())
        self.check({"month"})

    def _method_changed(self, method: str) -> None:
        if not self.owner.loading:
            payments_page(self.owner).change_method(self._method, method)
        self._method = method

    def load(self, form: DuesCollectionForm) -> None:
        for edit in (self.date_edit, self.month_edit):
            edit.blockSignals(True)
        set_date(self.date_edit, form.held_on)
        self.month_edit.setDate(qdate(month_of(form.month)))
        for edit in (self.date_edit, self.month_edit):
            edit.blockSignals(False)
        self._fill_collectors(form.collector_id)
        methods = [p.method for p in form.payments if p.method]
        usual = max(set(methods), key=methods.count) if methods else ""
        self.method_combo.blockSignals(True)
        if usual and self.method_combo.findText(usual) < 0:
            self.method_combo.addItem(usual)
        if usual:
            self.method_combo.setCurrentText(usual)
        self.method_combo.blockSignals(False)
        self._method = self.method_combo.currentText()

    def fill(self, form: DuesCollectionForm) -> None:
        form.held_on = self.held_on()
        form.month = self.month()
        form.collector_id = combo_member(self.collector_combo)
        # the record it is (set by a save): what the wizard holds and what it saved agree,
        # or a saved draft would look changed and be saved again every few seconds
        form.record_id = self.owner.record_id


# --- step 2 --------------------------------------------------------------------------------


class ChoiceDialog(QDialog):
    """Months to add (补交 or 预交), each ticked: 确定 adds the ticked ones."""

    def __init__(self, parent: QWidget, title: str, text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(460, 380)
        layout = QVBoxLayout(self)
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.member_combo = QComboBox(self)
        self.member_combo.setAccessibleName("党员")
        self.member_combo.hide()
        layout.addWidget(self.member_combo)
        self.list = QListWidget(self)
        self.list.setAccessibleName("可以添加的月份")
        layout.addWidget(self.list, 1)
        self.entries: list[PaymentEntry] = []
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("添加")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def show_entries(self, entries: list[PaymentEntry], *, ticked: bool) -> None:
        self.entries = entries
        self.list.clear()
        for entry in entries:
            item = QListWidgetItem(
                f"{entry.name}　{month_label(entry.for_month)}　应交{due_text(entry.due_fen)}元",
                self.list,
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def chosen(self) -> list[PaymentEntry]:
        return [
            entry
            for row, entry in enumerate(self.entries)
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]


class PaymentsPage(StepPage):
    step_title = "交纳情况"
    subtitle = (
        "默认全体按应交金额交纳。没交的取消勾选；交的金额不同的，直接改“实交”，"
        "如 81 或 1,234.5元。补交以前月份、预交以后月份，点下面的按钮添加。"
    )
    LINKED_FIELDS: ClassVar[frozenset[str]] = frozenset({"amounts"})

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        self.table = QTableWidget(0, len(HEADERS), self.ui)
        header = prepare_table(self.table, "交纳情况")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.CurrentChanged
        )
        for column in (PAID_COL, NAME_COL, MONTH_COL, DUE_COL, AMOUNT_COL, METHOD_COL):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NOTE_COL, QHeaderView.ResizeMode.Stretch)
        self.body().addWidget(self.table, 1)
        self.amount_error = _error_label(self.ui)
        self.body().addWidget(self.amount_error)
        self.payments_error = _error_label(self.ui)
        self.body().addWidget(self.payments_error)
        row = QHBoxLayout()
        self.total_label = QLabel(self.ui)
        row.addWidget(self.total_label, 1)
        self.all_due_button = QPushButton("全部按应交", self.ui)
        self.all_due_button.setToolTip("把每一行的实交金额改回应交金额")
        self.back_button = QPushButton("补交往月…", self.ui)
        self.back_button.setToolTip("添加党员以前月份没交的党费")
        self.ahead_button = QPushButton("预交…", self.ui)
        self.ahead_button.setToolTip("添加一名党员预交以后月份的党费")
        for button in (self.all_due_button, self.back_button, self.ahead_button):
            row.addWidget(button)
        self.body().addLayout(row)
        self.add_field("payments", self.payments_error, self.table)
        self.entries: list[PaymentEntry] = []  # one per row, the amounts last read well
        self.bad: dict[int, str] = {}  # row → the message of an amount that cannot be read
        self.month: dt.date | None = None
        self.dialog: ChoiceDialog | None = None  # the 补交/预交 dialog while open
        self.read_only = False
        self.table.itemChanged.connect(self._item_changed)
        self.all_due_button.clicked.connect(self.all_as_due)
        self.back_button.clicked.connect(self.offer_back)
        self.ahead_button.clicked.connect(self.offer_ahead)

    # --- rows ---------------------------------------------------------------------------

    def _add_row(self, entry: PaymentEntry, *, ticked: bool) -> None:
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.entries.append(entry)
        fixed = Qt.ItemFlag.ItemIsEnabled
        check = QTableWidgetItem("")
        check.setFlags(fixed | (Qt.ItemFlag.ItemIsUserCheckable if not self.read_only else fixed))
        check.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.table.setItem(row, PAID_COL, check)
        for column, text in (
            (NAME_COL, entry.name),
            (MONTH_COL, month_label(entry.for_month)),
            (DUE_COL, due_text(entry.due_fen)),
        ):
            item = QTableWidgetItem(text)
            item.setFlags(fixed)
            if column == DUE_COL:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)
        editable = fixed if self.read_only else fixed | Qt.ItemFlag.ItemIsEditable
        amount = QTableWidgetItem(format_yuan(entry.paid_fen))
        amount.setFlags(editable)
        amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, AMOUNT_COL, amount)
        combo = QComboBox(self.table)
        combo.setAccessibleName(f"{entry.name}的交纳方式")
        combo.addItems(payment_methods())
        if entry.method and combo.findText(entry.method) < 0:
            combo.addItem(entry.method)
        if entry.method:
            combo.setCurrentText(entry.method)
        combo.setEnabled(not self.read_only)
        self.table.setCellWidget(row, METHOD_COL, combo)
        note = QTableWidgetItem(entry.note)
        note.setFlags(editable)
        self.table.setItem(row, NOTE_COL, note)
        self.table.blockSignals(False)

    def _clear(self) -> None:
        self.table.setRowCount(0)
        self.entries = []
        self.bad = {}
        self._show_amounts()

    def show_month(self, month: dt.date, on: dt.date) -> None:
        """A new month: its members as due — each keeping what the secretary did on the
        old month's row (unticked, another amount, the way paid, a note) — and the 补交 and
        预交 rows added, unless one is now the month's own."""
        if month == self.month:
            return
        old = self.month
        done: dict[int, tuple[bool, int | None, str, str]] = {}
        added: list[tuple[PaymentEntry, bool, str, str]] = []
        for row, entry in enumerate(self.entries):
            how = (self.ticked(row), self._combo(row).currentText())
            note = self._item(row, NOTE_COL).text()
            if entry.for_month == old:
                other = None if entry.paid_fen == entry.due_fen else entry.paid_fen
                done[entry.member_id] = (how[0], other, how[1], note)
            elif entry.for_month != month:
                added.append((entry, how[0], how[1], note))
        self.month = month
        self._clear()
        method = basics_page(self.owner).method()
        exclude = self.owner.record_id
        present = members_on(on)
        for entry in month_payments(month, on, method, exclude=exclude):
            kept = done.get(entry.member_id)
            if kept is None:
                self._add_row(entry, ticked=entry.member_id in present)
                continue
            ticked, other, way, note = kept
            if other is not None:
                entry.paid_fen = other
            entry.method, entry.note = way, note
            self._add_row(entry, ticked=ticked)
        for entry, ticked, way, note in added:
            entry.method, entry.note = way, note
            self._add_row(entry, ticked=ticked)
        self._show_totals()

    def change_method(self, old: str, new: str) -> None:
        for row in range(self.table.rowCount()):
            combo = self._combo(row)
            if combo.currentText() == old:
                combo.setCurrentText(new)

    def _item(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None
        return item

    def _combo(self, row: int) -> QComboBox:
        combo = self.table.cellWidget(row, METHOD_COL)
        assert isinstance(combo, QComboBox)
        return combo

    def ticked(self, row: int) -> bool:
        return self._item(row, PAID_COL).checkState() == Qt.CheckState.Checked

    def _item_changed(self, item: QTableWidgetItem) -> None:
        row = item.row()
        if item.column() == AMOUNT_COL:
            entry = self.entries[row]
            try:
                entry.paid_fen = parse_yuan(item.text(), what=f"{entry.name}的实交金额")
            except DuesInputError as exc:
                self.bad[row] = str(exc)
            else:
                self.bad.pop(row, None)
                if item.text() != format_yuan(entry.paid_fen):  # 「1,234.5元」 → 1234.50
                    self.table.blockSignals(True)
                    item.setText(format_yuan(entry.paid_fen))
                    self.table.blockSignals(False)
        self._show_amounts()  # an untick also takes a row's unreadable amount out of the way
        self._show_totals()
        self.recheck_shown({"payments"})

    def bad_ticked(self) -> dict[int, str]:
        """The unreadable amounts of rows ticked as paid (an unticked row pays nothing)."""
        return {row: message for row, message in self.bad.items() if self.ticked(row)}

    def _show_amounts(self) -> None:
        bad = self.bad_ticked()
        problem = Problem("amounts", bad[min(bad)]) if bad else None
        show_problem(self.amount_error, problem)

    def _show_totals(self) -> None:
        paid = [e for row, e in enumerate(self.entries) if self.ticked(row)]
        unpaid = [
            e.name
            for row, e in enumerate(self.entries)
            if not self.ticked(row) and e.for_month == self.month
        ]
        text = f"已交 {len(paid)} 笔，合计 {format_yuan(sum(e.paid_fen for e in paid))} 元"
        if unpaid:
            text += f"；未交：{'、'.join(unpaid)}"
        self.total_label.setText(text)

    # --- the buttons ----------------------------------------------------------------------

    def all_as_due(self) -> None:
        for row, entry in enumerate(self.entries):
            if entry.due_fen is not None:
                self._item(row, AMOUNT_COL).setText(format_yuan(entry.due_fen))

    def add_payments(self, entries: list[PaymentEntry]) -> None:
        """Rows for ``entries`` (补交 or 预交), ticked, after the member's own rows."""
        for entry in entries:
            self._add_row(entry, ticked=True)
        self._show_totals()
        self.recheck_shown({"payments"})

    def offer_back(self) -> None:
        form = self.owner.form()
        offered = offered_back_payments(form)
        dialog = ChoiceDialog(
            self,
            "补交往月党费",
            "以下是党员以前月份还没交的党费（按已完成的收缴记录）。只勾选这次实际补交的月份："
            if offered
            else "按已完成的收缴记录，没有党员欠交以前月份的党费。",
        )
        dialog.show_entries(offered, ticked=False)  # only what is paid now gets ticked
        self._open(dialog)

    def offer_ahead(self) -> None:
        form = self.owner.form()
        dialog = ChoiceDialog(
            self,
            "预交党费",
            "选择预交的党员，再勾选预交的月份（最多按规定的预交月数）：",
        )
        members = {e.member_id: e.name for e in self.entries}
        for member_id, name in members.items():
            dialog.member_combo.addItem(name, member_id)
        dialog.member_combo.show()

        def show_member() -> None:
            member_id = dialog.member_combo.currentData()
            entries = [] if member_id is None else offered_ahead_payments(form, int(member_id))
            dialog.show_entries(entries, ticked=False)

        dialog.member_combo.currentIndexChanged.connect(lambda _i: show_member())
        show_member()
        self._open(dialog)

    def _open(self, dialog: ChoiceDialog) -> None:
        self.dialog = dialog

        def done(result: int) -> None:
            self.dialog = None
            if result == QDialog.DialogCode.Accepted:
                self.add_payments(dialog.chosen())
            dialog.deleteLater()

        dialog.finished.connect(done)
        dialog.open()

    # --- the form -------------------------------------------------------------------------

    def load(self, form: DuesCollectionForm) -> None:
        self.month = month_of(form.month)
        self.table.setRowCount(0)
        self.entries = []
        self.bad = {}
        for entry in form.payments:
            self._add_row(PaymentEntry(**vars(entry)), ticked=True)
        for entry in not_paid(form, basics_page(self.owner).method()):
            self._add_row(entry, ticked=False)
        self._show_amounts()
        self._show_totals()

    def fill(self, form: DuesCollectionForm) -> None:
        payments = []
        for row, entry in enumerate(self.entries):
            if not self.ticked(row):
                continue
            payments.append(
                PaymentEntry(
                    member_id=entry.member_id,
                    name=entry.name,
                    for_month=entry.for_month,
                    due_fen=entry.due_fen,
                    paid_fen=entry.paid_fen,
                    paid_on=form.held_on,
                    method=self._combo(row).currentText(),
                    note=self._item(row, NOTE_COL).text().strip(),
                )
            )
        form.payments = payments

    def unpaid_names(self) -> list[str]:
        """The members owing the month whose row is unticked (未交)."""
        return [
            e.name
            for row, e in enumerate(self.entries)
            if not self.ticked(row) and e.for_month == self.month
        ]

    def validate_more(self) -> bool:
        bad = self.bad_ticked()
        if bad:
            self._show_amounts()
            self.table.setCurrentCell(min(bad), AMOUNT_COL)
            self.table.setFocus()
            return False
        return True

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.read_only = read_only
        for row in range(self.table.rowCount()):
            for column in (PAID_COL, AMOUNT_COL, NOTE_COL):
                item = self._item(row, column)
                flags = Qt.ItemFlag.ItemIsEnabled
                if not read_only:
                    flags |= (
                        Qt.ItemFlag.ItemIsUserCheckable
                        if column == PAID_COL
                        else Qt.ItemFlag.ItemIsEditable
                    )
                item.setFlags(flags)


# --- step 3 --------------------------------------------------------------------------------


class HandedPage(StepPage):
    step_title = "上缴"
    subtitle = "收缴的党费交到上级党委后，填写上缴日期和金额。还没上缴的，以后打开这条记录再填。"

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        self.total_label = QLabel(self.ui)
        self.total_label.setWordWrap(True)
        self.body().addWidget(self.total_label)
        self.handed_check = QCheckBox("已上缴上级党委", self.ui)
        self.body().addWidget(self.handed_check)
        form = QFormLayout()
        form.setSpacing(8)
        self.date_edit = QDateEdit(self.ui)
        self.date_edit.setAccessibleName("上缴日期")
        prepare_date_edit(self.date_edit)
        self.date_edit.setMaximumWidth(240)
        self.amount_edit = QLineEdit(self.ui)
        self.amount_edit.setAccessibleName("上缴金额")
        self.amount_edit.setMaximumWidth(200)
        errors = {f: _error_label(self.ui) for f in ("handed_on", "handed_fen")}
        form.addRow("上缴日期：", self.date_edit)
        form.addRow("", errors["handed_on"])
        form.addRow("上缴金额（元）：", self.amount_edit)
        form.addRow("", errors["handed_fen"])
        self.body().addLayout(form)
        # 上缴凭证 (a receipt's scan or photo), only if the secretary has one: never asked for
        receipts = QLabel("上缴凭证（可不添加）：", self.ui)
        self.body().addWidget(receipts)
        self.attachments = AttachmentsEditor(
            owner.attachments_dir,
            self.ui,
            add_buttons=(
                (
                    "添加上缴凭证…",
                    "选择上缴凭证（回执的扫描件或照片）",
                    f"{SCAN_FILTER};;{ALL_FILTER}",
                    AttachmentKind.OTHER,
                ),
            ),
            empty_text="没有上缴凭证也可以。有回执的扫描件或照片时，可以用上面的按钮添加；"
            "文件会复制一份保存在数据文件夹中。",
        )
        self.body().addWidget(self.attachments, 1)
        self.add_field("handed_on", errors["handed_on"], self.date_edit)
        self.add_field("handed_fen", errors["handed_fen"], self.amount_edit)
        self.amount_problem: str | None = None
        self.handed_check.toggled.connect(self._toggled)
        self.date_edit.dateChanged.connect(lambda _d: self.check({"handed_on"}))
        self.amount_edit.editingFinished.connect(self._amount_changed)

    def _toggled(self, on: bool) -> None:
        self.date_edit.setEnabled(on and self.owner.mode is not Mode.READ_ONLY)
        self.amount_edit.setEnabled(on)
        if on and not self.amount_edit.text().strip():
            self.amount_edit.setText(format_yuan(self.owner.form().total_fen))
        if not self.owner.loading:
            self.check({"handed_on", "handed_fen"})

    def _amount_changed(self) -> None:
        self.amount()
        if self.amount_problem is not None:
            show_problem(self.errors["handed_fen"], Problem("handed_fen", self.amount_problem))
        else:
            self.check({"handed_fen"})

    def amount(self) -> int | None:
        text = self.amount_edit.text()
        self.amount_problem = None
        if not text.strip():
            return None
        try:
            return parse_yuan(text, what="上缴金额")
        except DuesInputError as exc:
            self.amount_problem = str(exc)
            return None

    def initializePage(self) -> None:
        form = self.owner.form()
        self.total_label.setText(f"本次收缴合计 {format_yuan(form.total_fen)} 元。")
        if not self.handed_check.isChecked():
            self.date_edit.blockSignals(True)
            set_date(self.date_edit, form.held_on)
            self.date_edit.blockSignals(False)

    def load(self, form: DuesCollectionForm) -> None:
        self.attachments.set_entries(form.attachments)
        handed = form.handed_on is not None
        self.handed_check.setChecked(handed)
        set_date(self.date_edit, form.handed_on or form.held_on)
        self.amount_edit.setText("" if form.handed_fen is None else format_yuan(form.handed_fen))
        self.date_edit.setEnabled(handed)
        self.amount_edit.setEnabled(handed)

    def fill(self, form: DuesCollectionForm) -> None:
        form.attachments = self.attachments.entries()
        if not self.handed_check.isChecked():
            form.handed_on, form.handed_fen = None, None
            return
        form.handed_on = date_of(self.date_edit)
        amount = self.amount()
        form.handed_fen = (
            form.total_fen if amount is None and self.amount_problem is None else amount
        )

    def validate_more(self) -> bool:
        if self.handed_check.isChecked():
            self.amount()
            if self.amount_problem is not None:
                show_problem(self.errors["handed_fen"], Problem("handed_fen", self.amount_problem))
                self.amount_edit.setFocus()
                return False
        return True

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.attachments.set_read_only(read_only)
        if not read_only:
            self._toggled(self.handed_check.isChecked())


# --- step 4 --------------------------------------------------------------------------------


class DuesReviewPage(ReviewPage):
    form_name = "dues_review"


def basics_page(wizard: DraftWizard) -> DuesBasicsPage:
    page = wizard.pages[0]
    assert isinstance(page, DuesBasicsPage)
    return page


def payments_page(wizard: DraftWizard) -> PaymentsPage:
    page = wizard.pages[1]
    assert isinstance(page, PaymentsPage)
    return page


def _payments_html(payments: list[PaymentEntry]) -> str:
    head = "".join(
        f"<th style='text-align:left; padding:2px 12px 2px 0'>{esc(t)}</th>"
        for t in ("姓名", "月份", "应交（元）", "实交（元）", "方式", "备注")
    )
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td style='padding:2px 12px 2px 0'>{esc(value)}</td>"
            for value in (
                p.name,
                month_label(p.for_month),
                due_text(p.due_fen),
                format_yuan(p.paid_fen),
                p.method,
                p.note,
            )
        )
        + "</tr>"
        for p in payments
    )
    return f"<p></p><table cellspacing='0'><tr>{head}</tr>{rows}</table>"


class DuesCollectionWizard(DraftWizard):
    """Records one month's 党费收缴. ``form`` from ``new_dues_collection_form``,
    ``load_dues_collection`` or ``DUES_COLLECTION.copy_last``; ``record_id`` and ``mode``
    for a saved record."""

    PAGES: ClassVar[tuple[type[StepPage], ...]] = (
        DuesBasicsPage,
        PaymentsPage,
        HandedPage,
        DuesReviewPage,
    )
    KIND = DUES_COLLECTION
    SIZE: ClassVar[tuple[int, int]] = (940, 680)
    CHANGE_LABELS: ClassVar[dict[str, str]] = {
        "held_on": "收缴日期",
        "month": "所属月份",
        "collector_id": "收缴人",
        "payments": "交纳情况",
        "handed_on": "上缴日期",
        "handed_fen": "上缴金额",
    }

    def describe_value(self, key: str, value: object) -> str:
        """更正 history in words: the collector's name, dates and the month as printed, the
        amount in 元 — never an id, an ISO date or 分."""
        day = value if isinstance(value, dt.date) else None
        if isinstance(value, str):
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                day = None
        if key == "month" and day is not None:
            return month_label(day)
        if key in ("held_on", "handed_on") and day is not None:
            return format_date(day)
        if key == "handed_fen" and isinstance(value, int):
            return f"{format_yuan(value)}元"
        if key == "collector_id":
            return people_names().get(value, "") if isinstance(value, int) else ""
        return super().describe_value(key, value)

    def review_html(self, form: Any) -> str:
        assert isinstance(form, DuesCollectionForm)
        own = [p for p in form.payments if p.for_month == form.month]
        back = [p for p in form.payments if p.for_month < form.month]
        ahead = [p for p in form.payments if p.for_month > form.month]
        unpaid = payments_page(self).unpaid_names()
        owing = len(own) + len(unpaid)
        names = basics_page(self).names

        def other(entries: list[PaymentEntry]) -> str:
            if not entries:
                return "无"
            total = format_yuan(sum(p.paid_fen for p in entries))
            who = "、".join(f"{p.name}（{month_label(p.for_month)}）" for p in entries)
            return f"{len(entries)} 笔，{total} 元：{who}"

        handed = (
            f"{format_date(form.handed_on)}，{format_yuan(form.handed_fen or 0)} 元"
            if form.handed_on is not None
            else "尚未上缴"
        )
        table = review_table(
            [
                ("所属月份", month_label(form.month)),
                ("收缴日期", format_date(form.held_on)),
                ("收缴人", names.get(form.collector_id or 0, "") or "（未选择）"),
                (
                    "本月党费",
                    f"应交 {owing} 人，已交 {len(own)} 人，"
                    f"{format_yuan(sum(p.paid_fen for p in own))} 元",
                ),
                ("未交", "、".join(unpaid) if unpaid else "无"),
                (BACK_NOTE, other(back)),
                (AHEAD_NOTE, other(ahead)),
                ("合计", f"{format_yuan(form.total_fen)} 元"),
                ("上缴", handed),
                *(
                    [("上缴凭证", "、".join(a.file_name for a in form.attachments))]
                    if form.attachments
                    else []
                ),
            ]
        )
        return table + _payments_html(form.payments)
