"""设置 › 支部信息: the branch's name, 上级党组织, 组织形式 and 主题党日, and 修改… (issue 16).

The dialog checks the name with the rule the first start uses (a branch's name, not the
school's: ``domain.branch``) and shows each problem under its field in a room kept for
it, so nothing moves. A change goes through ``services.branch.change_branch_details``
(checked and written to the audit log). A new name or 上级党组织 is used from the day
chosen in the dialog: the documents of records dated before it keep the old name.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.date_input import py_date, qdate
from jianshi_desktop.gui.common.forms import GuardedDialog
from jianshi_desktop.gui.common.widgets import (
    chinese_date,
    make_primary,
    prepare_error_label,
    set_role,
    show_field_error,
)
from jianshi_desktop.gui.first_start import (
    COMMITTEE_TEXT,
    SECRETARY_TEXT,
    hold_place,
    in_place_of_hint,
)
from jianshi_desktop.services.branch import (
    BranchChange,
    BranchInfo,
    branch_info,
    change_branch_details,
    earliest_names_from,
    validate_branch_change,
)

INTRO = (
    "支部名称和上级党组织会印在会议记录、台账和报告上。改名以后的记录用新名称，"
    "以前的记录仍用原来的名称。修改会记入操作日志。"
)
NAMES_FROM_HINT = (
    "填上级党组织批复更名的日期。这一天以前的记录仍印原来的名称；"
    "如果只是更正当初填错的名称，请选支部成立的日期，所有文书都会改用新名称。"
)
NAME_LIMIT = 100


def form_text(has_committee: bool) -> str:
    return COMMITTEE_TEXT if has_committee else SECRETARY_TEXT


class BranchDialog(GuardedDialog):
    """修改支部信息: the four details, and from which day a new name is used."""

    def __init__(self, info: BranchInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.setWindowTitle("修改支部信息")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setVerticalSpacing(6)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form)
        self.errors: dict[str, QLabel] = {}

        self.name_edit = QLineEdit(info.name, self)
        self.name_edit.setMaxLength(NAME_LIMIT)
        self.name_edit.setMinimumWidth(520)
        self.name_edit.setAccessibleName("支部名称")
        form.addRow("支部名称", self._with_problem("name", self.name_edit))
        self.parent_edit = QLineEdit(info.parent_name, self)
        self.parent_edit.setMaxLength(NAME_LIMIT)
        self.parent_edit.setAccessibleName("上级党组织")
        form.addRow("上级党组织", self._with_problem("parent_name", self.parent_edit))

        self.names_from_edit = QDateEdit(self)
        self.names_from_edit.setCalendarPopup(True)
        self.names_from_edit.setDisplayFormat("yyyy年M月d日")
        self.names_from_edit.setMinimumWidth(200)
        self.names_from_edit.setAccessibleName("新名称自哪一天起使用")
        today = dt.date.today()
        self.names_from_edit.setMinimumDate(qdate(earliest_names_from()))
        self.names_from_edit.setMaximumDate(qdate(today))
        self.names_from_edit.setDate(qdate(today))
        self.names_from_hint = QLabel(NAMES_FROM_HINT, self)
        self.names_from_hint.setWordWrap(True)
        set_role(self.names_from_hint, "hint")
        date_row = QWidget(self)
        date_layout = QHBoxLayout(date_row)
        date_layout.setContentsMargins(0, 0, 0, 0)
        date_layout.addWidget(self.names_from_edit)
        date_layout.addStretch(1)
        names_from_box = self._with_problem("names_from", date_row, hint=self.names_from_hint)
        self.names_from_label = QLabel("新名称启用日期", self)
        form.addRow(self.names_from_label, names_from_box)

        self.committee_radio = QRadioButton(COMMITTEE_TEXT, self)
        self.secretary_radio = QRadioButton(SECRETARY_TEXT, self)
        choice = QButtonGroup(self)
        choice.addButton(self.committee_radio)
        choice.addButton(self.secretary_radio)
        (self.committee_radio if info.has_committee else self.secretary_radio).setChecked(True)
        radios = QVBoxLayout()
        radios.addWidget(self.committee_radio)
        radios.addWidget(self.secretary_radio)
        form.addRow("组织形式", radios)

        self.theme_day_spin = QSpinBox(self)
        self.theme_day_spin.setRange(1, 28)
        self.theme_day_spin.setPrefix("每月 ")
        self.theme_day_spin.setSuffix(" 日")
        self.theme_day_spin.setValue(info.theme_day_of_month)
        self.theme_day_spin.setAccessibleName("主题党日固定日")
        day_row = QHBoxLayout()
        day_row.addWidget(self.theme_day_spin)
        day_row.addStretch(1)
        form.addRow("主题党日", day_row)

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        make_primary(self.save_button)
        self.cancel_button = buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.name_edit.textChanged.connect(self._renaming_changed)
        self.parent_edit.textChanged.connect(self._renaming_changed)
        self.name_edit.editingFinished.connect(lambda: self.check({"name"}))
        self.parent_edit.editingFinished.connect(lambda: self.check({"parent_name"}))
        self.names_from_edit.dateChanged.connect(lambda _date: self._recheck("names_from"))
        self._renaming_changed()
        self.said: list[str] = []

    def _with_problem(self, field: str, *widgets: QWidget, hint: QLabel | None = None) -> QWidget:
        """The field's widgets, then the room kept for its problem: the place of its
        ``hint`` when it has one, so that nothing moves when a problem shows."""
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        for widget in widgets:
            column.addWidget(widget)
        error = QLabel(box)
        prepare_error_label(error)
        column.addWidget(error)
        if hint is None:
            hold_place(error)
        else:
            column.addWidget(hint)
            in_place_of_hint(box, error, hint)
        self.errors[field] = error
        return box

    def renaming(self) -> bool:
        """Whether the name or the 上级党组织 differs from the branch's now."""
        return (self.name_edit.text().strip(), self.parent_edit.text().strip()) != (
            self.info.name,
            self.info.parent_name,
        )

    def _renaming_changed(self) -> None:
        renaming = self.renaming()
        for widget in (self.names_from_edit, self.names_from_hint, self.names_from_label):
            widget.setEnabled(renaming)
        self._recheck("name")
        self._recheck("parent_name")
        self._recheck("names_from")

    def change(self) -> BranchChange:
        """What the dialog holds now (nothing is saved)."""
        return BranchChange(
            name=self.name_edit.text(),
            parent_name=self.parent_edit.text(),
            has_committee=self.committee_radio.isChecked(),
            theme_day_of_month=self.theme_day_spin.value(),
            names_from=py_date(self.names_from_edit.date()),
        )

    def check(self, only: set[str] | None = None) -> list[str]:
        """Show the problems of ``only`` (or of every field); the fields in error."""
        wanted = set(self.errors) if only is None else only
        problems = {p.field: p.message for p in validate_branch_change(self.change())}
        for field in wanted:
            show_field_error(self.errors[field], problems.get(field, ""))
        return [field for field in self.errors if field in problems and field in wanted]

    def _recheck(self, field: str) -> None:
        if not self.errors[field].isHidden():
            self.check({field})

    def accept(self) -> None:
        wrong = self.check()
        if wrong:
            focus = {
                "name": self.name_edit,
                "parent_name": self.parent_edit,
                "names_from": self.names_from_edit,
            }
            focus.get(wrong[0], self.name_edit).setFocus()
            return
        try:
            self.said = change_branch_details(self.change())
        except UserError as exc:
            messages.show_error(self, exc, title="没有保存")
            return
        super().accept()


class BranchSection(QGroupBox):
    """The 支部信息 group on the settings page: the details as they are, and 修改…."""

    status = Signal(str)
    changed = Signal()  # the branch's details changed: the title bar and 首页 read them again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("支部信息", parent)
        self.setObjectName("branchGroup")
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        set_role(intro, "hint")
        layout.addWidget(intro)
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for key, title in (
            ("name", "支部名称"),
            ("parent_name", "上级党组织"),
            ("founded_on", "成立日期"),
            ("organization", "组织形式"),
            ("theme_day", "主题党日"),
        ):
            value = QLabel(self)
            value.setTextFormat(Qt.TextFormat.PlainText)  # a name is never markup
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(title)
            form.addRow(f"{title}：", value)
            self.values[key] = value
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton("修改…", self)
        self.edit_button.setAccessibleName("修改支部信息")
        self.edit_button.clicked.connect(self.edit)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.dialog: BranchDialog | None = None
        self.refresh()

    def refresh(self) -> None:
        info = branch_info()
        self.setEnabled(info is not None)
        if info is None:
            for value in self.values.values():
                value.clear()
            return
        self.values["name"].setText(info.name)
        self.values["parent_name"].setText(info.parent_name)
        self.values["founded_on"].setText(chinese_date(info.founded_on))
        self.values["organization"].setText(form_text(info.has_committee))
        self.values["theme_day"].setText(f"每月{info.theme_day_of_month}日")

    def shown(self) -> dict[str, str]:
        """What the section shows, by detail (for tests and screen readers)."""
        return {key: label.text() for key, label in self.values.items()}

    def edit(self) -> bool:
        """修改…: the dialog; True when a change was saved."""
        info = branch_info()
        if info is None:
            return False
        self.dialog = BranchDialog(info, self)
        try:
            self.dialog.exec()
            said = self.dialog.said
        finally:
            self.dialog.deleteLater()
            self.dialog = None
        if not said:
            return False
        self.refresh()
        self.changed.emit()
        self.status.emit("已保存支部信息：" + "；".join(said) + "。")
        return True
