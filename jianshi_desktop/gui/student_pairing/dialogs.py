"""The 关爱学生 page's dialogs: 新建结对/修改 (member, student, class, group, dates),
结束结对 (its last day) and 写学期小结 (one a pairing a term). Each saves through
:mod:`services.student_pairings` when 确定 is pressed; a broken rule is shown under the
field in Chinese and the dialog stays open."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import StudentNeed
from jianshi_desktop.domain.student_pairing import Term
from jianshi_desktop.errors import UserError, ValidationError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.forms import GuardedDialog
from jianshi_desktop.gui.common.widgets import make_primary, prepare_error_label, set_role
from jianshi_desktop.gui.records.pickers import (
    combo_line,
    combo_member,
    fill_member_combo,
    people_names,
)
from jianshi_desktop.gui.records.wizard import date_of, prepare_date_edit, set_date
from jianshi_desktop.services.meetings import member_choices
from jianshi_desktop.services.student_pairings import (
    CLASS_MAX,
    STUDENT_MAX,
    PairingEntry,
    PairingRow,
    add_pairing,
    edit_pairing,
    end_pairing,
    known_classes,
    summary_of,
    summary_terms,
    write_summary,
)

STUDENT_HINT = "填学生的姓名或学校的学籍编号即可；不要填身份证号，也不要写病情等健康情况。"


def _buttons(dialog: GuardedDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    make_primary(ok)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _error(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    prepare_error_label(label)
    label.hide()
    return label


class PairingDialog(GuardedDialog):
    """新建结对 (``row`` None) or 修改 a pairing. ``saved_id`` is set once saved."""

    def __init__(self, parent: QWidget | None, row: PairingRow | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.saved_id: int | None = None
        self.setWindowTitle("修改结对" if row is not None else "新建结对")
        self.names = people_names()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.start_edit = QDateEdit(self)
        prepare_date_edit(self.start_edit)
        set_date(self.start_edit, row.starts_on if row is not None else dt.date.today())
        self.member_combo = QComboBox(self)
        self.member_combo.setMinimumWidth(260)
        self.member_combo.setAccessibleName("结对党员")
        self.student_edit = QLineEdit(self)
        self.student_edit.setMaxLength(STUDENT_MAX)
        self.student_edit.setAccessibleName("学生")
        self.student_edit.setPlaceholderText("姓名或学校的编号")
        self.class_combo = QComboBox(self)
        self.class_combo.setEditable(True)
        self.class_combo.addItems(known_classes())
        self.class_combo.setCurrentText("")
        self.class_combo.setAccessibleName("班级")
        combo_line(self.class_combo).setMaxLength(CLASS_MAX)  # as records.json carries it
        self.need_combo = QComboBox(self)
        self.need_combo.setAccessibleName("类别")
        self.need_combo.addItem("请选择", None)
        for need in StudentNeed:
            self.need_combo.addItem(need.label, need.value)
        self.ended_check = QCheckBox("已结束，最后一天：", self)
        self.end_edit = QDateEdit(self)
        prepare_date_edit(self.end_edit)
        set_date(self.end_edit, (row.ends_on if row and row.ends_on else dt.date.today()))
        self.errors = {
            f: _error(self)
            for f in ("member_id", "student", "class_name", "need", "starts_on", "ends_on")
        }
        form.addRow("开始日期：", self.start_edit)
        form.addRow("", self.errors["starts_on"])
        form.addRow("结对党员：", self.member_combo)
        form.addRow("", self.errors["member_id"])
        form.addRow("学生：", self.student_edit)
        form.addRow("", self.errors["student"])
        hint = QLabel(STUDENT_HINT, self)
        hint.setWordWrap(True)
        set_role(hint, "hint")
        form.addRow("", hint)
        form.addRow("班级（可不填）：", self.class_combo)
        form.addRow("", self.errors["class_name"])
        form.addRow("类别：", self.need_combo)
        form.addRow("", self.errors["need"])
        if row is not None:
            form.addRow(self.ended_check, self.end_edit)
            form.addRow("", self.errors["ends_on"])
        else:  # a new pairing has not ended
            self.ended_check.hide()
            self.end_edit.hide()
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "保存"))
        self.ended_check.toggled.connect(self.end_edit.setEnabled)
        self.end_edit.setEnabled(False)
        self.start_edit.dateChanged.connect(lambda _d: self._fill_members())
        self._fill_members(row.member_id if row is not None else None)
        if row is not None:
            self.student_edit.setText(row.student)
            self.class_combo.setCurrentText(row.class_name)
            self.need_combo.setCurrentIndex(self.need_combo.findData(row.need.value))
            self.ended_check.setChecked(row.ends_on is not None)

    def _fill_members(self, keep: int | None = None) -> None:
        """The members of the start day (rules.md §7)."""
        keep = keep if keep is not None else combo_member(self.member_combo)
        fill_member_combo(
            self.member_combo, member_choices(date_of(self.start_edit)), self.names, keep
        )

    def entry(self) -> PairingEntry:
        need = self.need_combo.currentData()
        return PairingEntry(
            member_id=combo_member(self.member_combo),
            student=self.student_edit.text(),
            need=StudentNeed(need) if isinstance(need, str) else None,
            starts_on=date_of(self.start_edit),
            class_name=self.class_combo.currentText(),
            ends_on=date_of(self.end_edit) if self.ended_check.isChecked() else None,
        )

    def accept(self) -> None:
        for label in self.errors.values():
            label.hide()
        try:
            if self.row is None:
                self.saved_id = add_pairing(self.entry())
            else:
                edit_pairing(self.row.id, self.entry())
                self.saved_id = self.row.id
        except ValidationError as exc:
            label = self.errors.get(exc.field or "", self.errors["student"])
            label.setText(exc.message)
            label.show()
            return
        except UserError as exc:
            messages.show_error(self, exc, title=self.windowTitle())
            return
        super().accept()


class EndPairingDialog(GuardedDialog):
    """结束结对: the pairing's last day (today by default)."""

    def __init__(self, parent: QWidget | None, row: PairingRow) -> None:
        super().__init__(parent)
        self.row = row
        self.setWindowTitle("结束结对")
        layout = QVBoxLayout(self)
        text = QLabel(
            f"{row.member}与{row.student}的结对（{format_date(row.starts_on)}起）到哪一天结束？"
            "结束后的帮扶记录不能再选这个结对；已有的记录和小结都保留。",
            self,
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.date_edit = QDateEdit(self)
        prepare_date_edit(self.date_edit)
        set_date(self.date_edit, dt.date.today())
        self.date_edit.setAccessibleName("最后一天")
        layout.addWidget(self.date_edit)
        self.error = _error(self)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "结束结对"))

    def accept(self) -> None:
        try:
            end_pairing(self.row.id, date_of(self.date_edit))
        except UserError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        super().accept()


class SummaryDialog(GuardedDialog):
    """写学期小结 for one pairing: the term (this term first), the text, the day written."""

    def __init__(
        self, parent: QWidget | None, row: PairingRow, *, term: Term | None = None
    ) -> None:
        super().__init__(parent)
        self.row = row
        self.setWindowTitle("写学期小结")
        self.resize(620, 460)
        layout = QVBoxLayout(self)
        head = QLabel(f"{row.member}　帮扶{row.student}（{row.need.label}）", self)
        layout.addWidget(head)
        form = QFormLayout()
        self.term_combo = QComboBox(self)
        self.term_combo.setAccessibleName("学期")
        for choice in summary_terms(row.id, today=dt.date.today()):
            self.term_combo.addItem(choice.label, choice)
        if term is not None and self.term_combo.findText(term.label) >= 0:
            self.term_combo.setCurrentIndex(self.term_combo.findText(term.label))
        self.date_edit = QDateEdit(self)
        prepare_date_edit(self.date_edit)
        set_date(self.date_edit, dt.date.today())
        form.addRow("学期：", self.term_combo)
        form.addRow("小结日期：", self.date_edit)
        layout.addLayout(form)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setAccessibleName("小结内容")
        self.text_edit.setPlaceholderText("这学期帮扶了什么，学生有什么变化，下学期打算怎么做。")
        layout.addWidget(self.text_edit, 1)
        self.error = _error(self)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, "保存"))
        self.term_combo.currentIndexChanged.connect(lambda _i: self._load())
        self._load()

    def term(self) -> Term | None:
        value = self.term_combo.currentData()
        return value if isinstance(value, Term) else None

    def _load(self) -> None:
        term = self.term()
        written = summary_of(self.row.id, term) if term is not None else None
        self.text_edit.setPlainText(written.text if written else "")
        if written is not None:
            set_date(self.date_edit, written.written_on)
        self.opened_inputs.shown()  # what a term already had is not "typed"

    def accept(self) -> None:
        term = self.term()
        if term is None:
            self.error.setText("这个结对还没有可以写小结的学期。")
            self.error.show()
            return
        try:
            write_summary(
                self.row.id, term, self.text_edit.toPlainText(), written_on=date_of(self.date_edit)
            )
        except UserError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        super().accept()
