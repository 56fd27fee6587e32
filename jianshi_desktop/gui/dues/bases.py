"""缴费基数: the members' yearly 党费基数 in one window — typed one by one (修改…), carried
from last year (沿用上年) or imported from the school's wage list (导入工资表…) — and the
list of payment methods (交纳方式…).

The base is income: it is shown here, where it is set, and nowhere else. The services
(``services/dues_bases.py``) do every check; a refusal is shown beside its field.

:class:`PaidThroughField` is the optional 「党费交至」 month of the 转入 and 转出 dialogs.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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

from jianshi_desktop.domain import dues
from jianshi_desktop.domain.dates import DateParseError, parse_date
from jianshi_desktop.domain.dues import DuesInputError, format_yuan, parse_yuan
from jianshi_desktop.domain.enums import DuesCategory
from jianshi_desktop.errors import UserError, ValidationError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.forms import GuardedDialog
from jianshi_desktop.gui.common.in_front import open_in_front
from jianshi_desktop.gui.common.widgets import (
    make_primary,
    prepare_error_label,
    prepare_table,
    select_row,
    set_role,
    show_field_error,
)
from jianshi_desktop.gui.common.workers import Task
from jianshi_desktop.services import dues_bases, dues_ledger
from jianshi_desktop.services.dues_bases import BaseRow

HEADERS = ("姓名", "类别", "月基数（元）", "月应交（元）", "比例", "来源")
NAME, CATEGORY, BASE, DUE, RATE, SOURCE = range(6)
FIRST_YEAR = 2008  # the rules the rates come from


def base_text(row: BaseRow) -> str:
    if row.base_fen is not None:
        return format_yuan(row.base_fen)
    return ""


def source_text(row: BaseRow) -> str:
    """来源: 手工填写 / the wage list; a base carried from an earlier year says so."""
    if row.base_year is None:
        return "未核定"
    if not row.own:
        return f"按{row.base_year}年基数（{row.year}年未核定）"
    return row.source or "手工填写"


class BasesWindow(QDialog):
    """缴费基数: a year's members, each with the base, the month's dues and where the base
    came from; opened in front of the 党费 page."""

    def __init__(
        self, parent: QWidget | None = None, *, year: int | None = None, today: dt.date
    ) -> None:
        super().__init__(parent)
        self.today = today
        self.rows: list[BaseRow] = []
        self.child_dialog: QDialog | None = None
        self.import_task: Task[dues_bases.WagePreview] | None = None
        self.setWindowTitle("缴费基数")
        self.setObjectName("duesBasesWindow")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("年份：", self))
        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("yearCombo")
        shown_year = year or today.year
        for value in range(max(today.year, shown_year) + 1, FIRST_YEAR - 1, -1):
            self.year_combo.addItem(f"{value}年", value)
        self.year_combo.setCurrentIndex(self.year_combo.findData(shown_year))
        self.year_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        top.addWidget(self.year_combo)
        top.addSpacing(12)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        top.addWidget(self.summary_label, 1)
        layout.addLayout(top)
        hint = QLabel(
            "基数每年核定一次：在职党员按每月税后工资收入（教师为岗位工资、薪级工资、绩效工资、"
            "津贴补贴之和），离退休党员按离退休费。基数属于个人收入，只在这里显示。",
            self,
        )
        hint.setWordWrap(True)
        set_role(hint, "hint")
        layout.addWidget(hint)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("basesTable")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        header = prepare_table(self.table, "党费基数")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        advance = self.fontMetrics().horizontalAdvance
        for column, sample in (
            (NAME, "欧阳明明明"),
            (CATEGORY, "享受低保"),
            (BASE, "10000.00元"),
            (DUE, "月应交（元）"),
            (RATE, "比例比例"),
        ):
            header.resizeSection(column, advance(sample) + 32)
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton("修改…", self)
        self.edit_button.setToolTip("修改所选党员这一年的类别和月基数（也可双击一行）")
        self.edit_button.clicked.connect(self.edit_selected)
        self.carry_button = QPushButton("沿用上年", self)
        self.carry_button.setToolTip("这一年还没有核定基数的党员，沿用上一年的类别和基数")
        self.carry_button.clicked.connect(self.carry)
        self.import_button = QPushButton("导入工资表…", self)
        self.import_button.setToolTip(
            "从学校的工资表（.xlsx）读取每人的基数：一列“计缴基数”，或“岗位工资”“薪级工资”"
            "“绩效工资”“津贴补贴”几列相加；导入前先预览"
        )
        self.import_button.clicked.connect(self.import_wage_list)
        self.methods_button = QPushButton("交纳方式…", self)
        self.methods_button.setToolTip("收缴党费时可选的交纳方式，如现金、转账、微信、支付宝")
        self.methods_button.clicked.connect(self.edit_methods)
        for button in (
            self.edit_button,
            self.carry_button,
            self.import_button,
            self.methods_button,
        ):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QPushButton("关闭", self)
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.resize(900, 600)
        self.refresh()

    def year(self) -> int:
        return int(self.year_combo.currentData())

    def refresh(self, select_member: int | None = None) -> None:
        year = self.year()
        self.rows = dues_bases.bases_of_year(year)
        self.table.setRowCount(len(self.rows))
        for number, row in enumerate(self.rows):
            texts = {
                NAME: row.name,
                CATEGORY: "" if row.category is None else row.category.label,
                BASE: base_text(row),
                DUE: "" if row.due_fen is None else format_yuan(row.due_fen),
                RATE: row.rate_text,
                SOURCE: source_text(row),
            }
            for column, text in texts.items():
                item = QTableWidgetItem(text)
                if column in (BASE, DUE):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == SOURCE and not row.own:
                    item.setForeground(Qt.GlobalColor.darkYellow)
                if row.note and column in (DUE, SOURCE):
                    item.setToolTip(row.note)
                self.table.setItem(number, column, item)
            if row.member_id == select_member:
                select_row(self.table, number)
        own = sum(1 for r in self.rows if r.own)
        total = sum(r.due_fen or 0 for r in self.rows)
        self.summary_label.setText(
            f"{year}年在本支部的党员{len(self.rows)}名，已核定{own}名，"
            f"未核定{len(self.rows) - own}名；按现有基数每月应交合计{format_yuan(total)}元。"
            if self.rows
            else f"{year}年本支部没有党员。"
        )
        self.carry_button.setEnabled(any(not r.own and r.base_year is not None for r in self.rows))
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.edit_button.setEnabled(self.selected() is not None)

    def selected(self) -> BaseRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.rows[rows[0].row()]

    def _open(self, dialog: QDialog, on_accepted: object) -> QDialog:
        self.child_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(result: int) -> None:
            if self.child_dialog is dialog:
                self.child_dialog = None
            if result == QDialog.DialogCode.Accepted and callable(on_accepted):
                on_accepted()

        dialog.finished.connect(finished)
        open_in_front(dialog)
        return dialog

    def edit_selected(self) -> BaseDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = BaseDialog(self, row)
        self._open(dialog, lambda: self.refresh(select_member=row.member_id))
        return dialog

    def carry(self) -> int:
        year = self.year()
        try:
            count = dues_bases.carry_bases(year - 1, year)
        except UserError as exc:
            messages.show_error(self, exc, title="没有沿用上年基数")
            return 0
        self.refresh()
        messages.information(
            self,
            f"已为{count}名党员沿用上年基数。" if count else "没有需要沿用上年基数的党员。",
            title="沿用上年",
        )
        return count

    def import_wage_list(self) -> None:
        from jianshi_desktop.gui.dues.wage_import import WageImportDialog, choose_and_preview

        if self.import_task is not None and self.import_task.running:
            return  # a wage list is being read: one at a time

        def ready(preview: dues_bases.WagePreview) -> None:
            self._open(WageImportDialog(self, preview), self.refresh)

        self.import_task = choose_and_preview(self, self.year(), on_preview=ready)

    def edit_methods(self) -> MethodsDialog:
        dialog = MethodsDialog(self)
        self._open(dialog, None)
        return dialog


class BaseDialog(GuardedDialog):
    """修改: one member's category and monthly base (or fixed amount) for the year."""

    def __init__(self, parent: QWidget | None, row: BaseRow) -> None:
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(f"{row.year}年党费基数 — {row.name}")
        self.table = dues_ledger.table_on(dt.date(row.year, 1, 1))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.category_combo = QComboBox(self)
        self.category_combo.setObjectName("categoryCombo")
        for category in DuesCategory:
            self.category_combo.addItem(category.label, category)
        category = row.category or DuesCategory.EMPLOYED
        self.category_combo.setCurrentIndex(self.category_combo.findData(category))
        form.addRow("类别：", self.category_combo)
        self.base_label = QLabel("月基数（元）：", self)
        self.base_edit = QLineEdit(self)
        self.base_edit.setObjectName("baseEdit")
        self.base_edit.setPlaceholderText("如 5400 或 5,400.50")
        self.base_edit.setMaxLength(20)
        if row.base_fen is not None:
            self.base_edit.setText(format_yuan(row.base_fen))
        self.base_error = QLabel(self)
        prepare_error_label(self.base_error)
        form.addRow(self.base_label, _stacked(self, self.base_edit, self.base_error))
        self.fixed_label = QLabel("固定金额（元/月）：", self)
        self.fixed_edit = QLineEdit(self)
        self.fixed_edit.setObjectName("fixedEdit")
        self.fixed_edit.setMaxLength(10)
        if row.fixed_fen is not None:
            self.fixed_edit.setText(format_yuan(row.fixed_fen))
        self.fixed_error = QLabel(self)
        prepare_error_label(self.fixed_error)
        form.addRow(self.fixed_label, _stacked(self, self.fixed_edit, self.fixed_error))
        self.form = form
        layout.addLayout(form)
        self.due_label = QLabel(self)
        self.due_label.setObjectName("dueLabel")
        layout.addWidget(self.due_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("保存")
        make_primary(self.save_button)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.category_combo.currentIndexChanged.connect(lambda _i: self._changed())
        self.base_edit.textChanged.connect(lambda _t: self._changed())
        self.fixed_edit.textChanged.connect(lambda _t: self._changed())
        self._changed()
        self.setMinimumWidth(460)
        self.base_edit.setFocus()

    def category(self) -> DuesCategory:
        return DuesCategory(self.category_combo.currentData())

    def _changed(self) -> None:
        share = self.table.uses_base(self.category())
        self.form.setRowVisible(self.base_label, share)
        self.form.setRowVisible(self.fixed_label, not share)
        if not share:
            amount = self.table.fixed[self.category()]
            self.fixed_edit.setPlaceholderText(
                f"不填按{format_yuan(amount.default_fen)}元"
                + (
                    f"（{format_yuan(amount.min_fen)}—{format_yuan(amount.max_fen)}元）"
                    if amount.min_fen != amount.max_fen
                    else ""
                )
            )
        show_field_error(self.base_error, "")
        show_field_error(self.fixed_error, "")
        self.due_label.setText(self._due_text())

    def _amounts(self) -> tuple[int | None, int | None]:
        """(base, fixed) as typed; DuesInputError for money that cannot be read."""
        if self.table.uses_base(self.category()):
            text = self.base_edit.text().strip()
            return (parse_yuan(text, what="月基数") if text else None), None
        text = self.fixed_edit.text().strip()
        return None, (parse_yuan(text, what="固定金额") if text else None)

    def _due_text(self) -> str:
        try:
            base, fixed = self._amounts()
            due = dues.monthly_due(self.table, self.category(), base, fixed)
        except DuesInputError:
            return ""
        if base is not None:
            rate = dues.rate_text(self.table.band_for(self.category(), base).rate_bp)
            return f"每月应交：{format_yuan(due)}元（按月基数的{rate}）"
        return f"每月应交：{format_yuan(due)}元"

    def save(self) -> None:
        share = self.table.uses_base(self.category())
        error = self.base_error if share else self.fixed_error
        try:
            base, fixed = self._amounts()
            dues_bases.set_base(
                self.row.member_id,
                self.row.year,
                category=self.category(),
                base_fen=base,
                fixed_fen=fixed,
            )
        except DuesInputError as exc:
            show_field_error(error, str(exc))
            (self.base_edit if share else self.fixed_edit).setFocus()
            return
        except ValidationError as exc:
            label = {"base_fen": self.base_error, "fixed_fen": self.fixed_error}.get(exc.field)
            if label is None:
                messages.show_error(self, exc, title="没有保存")
            else:
                show_field_error(label, exc.message)
            return
        except UserError as exc:
            messages.show_error(self, exc, title="没有保存")
            return
        self.accept()


def _stacked(parent: QWidget, edit: QWidget, error: QLabel) -> QWidget:
    box = QWidget(parent)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(3)
    column.addWidget(edit)
    column.addWidget(error)
    return box


class MethodsDialog(GuardedDialog):
    """交纳方式: the list the collections offer (现金, 转账, 微信, 支付宝 …)."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("党费交纳方式")
        layout = QVBoxLayout(self)
        intro = QLabel("收缴党费时可以选择的交纳方式。双击一项可以修改。", self)
        intro.setWordWrap(True)
        set_role(intro, "hint")
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.list = QListWidget(self)
        self.list.setObjectName("methodsList")
        for method in dues_ledger.payment_methods():
            self._add_item(method)
        row.addWidget(self.list, 1)
        side = QVBoxLayout()
        self.new_edit = QLineEdit(self)
        self.new_edit.setObjectName("newMethodEdit")
        self.new_edit.setPlaceholderText("如 银行卡")
        self.new_edit.setMaxLength(20)
        self.new_edit.returnPressed.connect(self.add_typed)
        side.addWidget(self.new_edit)
        add = QPushButton("添加", self)
        add.setAutoDefault(False)
        add.clicked.connect(self.add_typed)
        side.addWidget(add)
        self.remove_button = QPushButton("删除所选", self)
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        row.addLayout(side)
        layout.addLayout(row)
        self.error = QLabel(self)
        prepare_error_label(self.error)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText("保存")
        make_primary(save)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(420, 320)

    def _add_item(self, text: str) -> None:
        item = QListWidgetItem(text, self.list)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)

    def methods(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def add_typed(self) -> None:
        text = self.new_edit.text().strip()
        if text and text not in self.methods():
            self._add_item(text)
        self.new_edit.clear()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))

    def save(self) -> None:
        self.add_typed()
        try:
            dues_ledger.set_payment_methods(self.methods())
        except UserError as exc:
            show_field_error(self.error, exc.message)
            return
        self.accept()


# --- 党费交至 on a 转入 or 转出 -----------------------------------------------------------------


class PaidThroughField:
    """The optional 「党费交至」 month of a transfer dialog: a line edit and its error label,
    added as a row of ``form`` after ``after`` (a label of the form)."""

    TOOLTIP_IN = (
        "组织关系介绍信上写的“党费交至”年月：在原党组织交到哪个月。"
        "本支部从下一个月起收这名党员的党费。不知道可以不填。"
    )
    TOOLTIP_OUT = (
        "这名党员在本支部的党费交到哪个月，写在组织关系介绍信的“党费交至”一栏。不知道可以不填。"
    )

    def __init__(self, parent: QWidget, form: QFormLayout, *, after: QLabel, leaving: bool) -> None:
        self.label = QLabel("党费交至", parent)
        self.edit = QLineEdit(parent)
        self.edit.setObjectName("paidThroughEdit")
        self.edit.setPlaceholderText("如 2026.08（可不填）")
        self.edit.setMaxLength(20)
        self.edit.setToolTip(self.TOOLTIP_OUT if leaving else self.TOOLTIP_IN)
        self.label.setToolTip(self.edit.toolTip())
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("2026年12月") + 120)
        self.error = QLabel(parent)
        prepare_error_label(self.error)
        position = cast(tuple[int, object], form.getWidgetPosition(after))
        form.insertRow(position[0] + 1, self.label, _stacked(parent, self.edit, self.error))
        self.form = form

    def set_visible(self, visible: bool) -> None:
        self.form.setRowVisible(self.label, visible)

    def problem(self) -> str:
        """Why the text is not a month, or ""."""
        try:
            self.value()
        except DateParseError as exc:
            return exc.message
        return ""

    def value(self) -> dt.date | None:
        """The month typed (its first day), None when empty; DateParseError if unreadable."""
        text = self.edit.text().strip()
        if not text:
            return None
        return dues.month_of(parse_date(text).value)
