"""班子成员…: the school's leaders in the branch now and before (姓名, 职务, 起, 止), with
设为班子成员…, 修改职务… and 不再担任…. Each leader owes a 党课 a year (首页 checks it);
the dates are those of the decisions, and the member must be in the branch that day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
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
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common.date_input import DateInput
from jianshi_desktop.gui.common.in_front import open_in_front
from jianshi_desktop.gui.common.widgets import (
    make_primary,
    prepare_error_label,
    prepare_table,
    set_role,
    show_field_error,
)
from jianshi_desktop.services import leadership
from jianshi_desktop.services.leadership import LeaderRow

HINT = (
    "学校领导班子中本支部的党员。按照县委教育工委的要求，班子成员每年至少讲一次党课，"
    "首页会逐人核对。职务变动或不再担任时，请写明从哪一天起。"
)


def date_row(parent: QWidget) -> tuple[QWidget, DateInput]:
    """A date field with its 日历 button, for a form built in code."""
    box = QWidget(parent)
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    edit, button = QLineEdit(box), QToolButton(box)
    layout.addWidget(edit)
    layout.addWidget(button)
    layout.addStretch(1)
    return box, DateInput(edit, button)


class LeaderEditDialog(QDialog):
    """One change: 设为班子成员 (a member, a 职务, from), 修改职务 (new 职务, from) or 不再担任
    (from). ``save`` calls the service; a refusal shows under the form in Chinese."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        prompt: str,
        save: Callable[[int | None, str, dt.date], object],
        members: list[tuple[int, str]] | None = None,
        with_title: bool = True,
        date_label: str = "从哪天起",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        layout = QVBoxLayout(self)
        intro = QLabel(prompt, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)
        self.member_combo: QComboBox | None = None
        if members is not None:
            self.member_combo = QComboBox(self)
            self.member_combo.setObjectName("memberCombo")
            for member_id, name in members:
                self.member_combo.addItem(name, member_id)
            form.addRow("党员", self.member_combo)
        self.title_combo: QComboBox | None = None
        if with_title:
            self.title_combo = QComboBox(self)
            self.title_combo.setObjectName("titleCombo")
            self.title_combo.setEditable(True)
            self.title_combo.addItems(list(leadership.COMMON_TITLES))
            self.title_combo.setCurrentText("")
            line = self.title_combo.lineEdit()
            if line is not None:
                line.setMaxLength(leadership.TITLE_MAX)  # as kept (and in the package)
                line.setPlaceholderText("选择或输入职务")
            form.addRow("职务", self.title_combo)
        box, self.since = date_row(self)
        self.since.set_date(dt.date.today())
        form.addRow(date_label, box)
        self.error = QLabel(self)
        self.error.setObjectName("errorLabel")
        prepare_error_label(self.error)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("确定")
        make_primary(ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        ok.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def save(self) -> None:
        problem = self.since.problem()
        day = self.since.value()
        if problem or day is None:
            show_field_error(self.error, problem or "请填写日期。")
            return
        member = self.member_combo.currentData() if self.member_combo is not None else None
        title = self.title_combo.currentText() if self.title_combo is not None else ""
        try:
            self._save(int(member) if member is not None else None, title, day)
        except UserError as exc:
            show_field_error(self.error, exc.message)
            return
        self.accept()


class LeadersDialog(QDialog):
    """班子成员: the list and its three actions; changes are saved at once (each audited)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("班子成员")
        self.setObjectName("leadersDialog")
        layout = QVBoxLayout(self)
        hint = QLabel(HINT, self)
        hint.setWordWrap(True)
        set_role(hint, "hint")
        layout.addWidget(hint)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["姓名", "职务", "起", "止"])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        prepare_table(self.table, "班子成员").setStretchLastSection(True)
        for column, width in enumerate((100, 170, 130)):
            self.table.horizontalHeader().resizeSection(column, width)
        layout.addWidget(self.table)
        self.empty = QLabel("还没有登记班子成员。点“设为班子成员…”添加。", self)
        set_role(self.empty, "hint")
        layout.addWidget(self.empty)
        row = QHBoxLayout()
        self.add_button = QPushButton("设为班子成员…", self)
        self.change_button = QPushButton("修改职务…", self)
        self.end_button = QPushButton("不再担任…", self)
        close = QPushButton("关闭", self)
        for button in (self.add_button, self.change_button, self.end_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        make_primary(self.add_button)
        self.add_button.clicked.connect(self.add_leader)
        self.change_button.clicked.connect(self.change_title)
        self.end_button.clicked.connect(self.end_leader)
        close.clicked.connect(self.accept)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.rows: list[LeaderRow] = []
        self.editor: LeaderEditDialog | None = None
        self.resize(640, 420)
        self.refresh()

    def refresh(self) -> None:
        self.rows = leadership.list_leaders()
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            for column, text in enumerate(
                (row.name, row.title, format_date(row.valid_from), row.until_text)
            ):
                item = QTableWidgetItem(text)
                if not row.current:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(index, column, item)
        self.empty.setVisible(not self.rows)
        self.table.setVisible(bool(self.rows))
        self._update_buttons()

    def selected(self) -> LeaderRow | None:
        index = self.table.currentRow()
        if 0 <= index < len(self.rows) and self.table.selectionModel().hasSelection():
            return self.rows[index]
        return None

    def select(self, span_id: int) -> None:
        for index, row in enumerate(self.rows):
            if row.id == span_id:
                self.table.selectRow(index)

    def _update_buttons(self) -> None:
        row = self.selected()
        for button in (self.change_button, self.end_button):
            button.setEnabled(row is not None and row.current)
            button.setToolTip("" if row is None or row.current else "已不在任，只能修改在任的职务")

    def _open(self, editor: LeaderEditDialog, done: str) -> LeaderEditDialog:
        self.editor = editor

        def finished(result: int) -> None:
            self.editor = None
            if result == QDialog.DialogCode.Accepted:
                self.refresh()
                messages_status(self, done)

        editor.finished.connect(finished)
        open_in_front(editor)
        return editor

    def add_leader(self) -> LeaderEditDialog:
        today = dt.date.today()

        def save(member_id: int | None, title: str, day: dt.date) -> None:
            if member_id is None:
                raise UserError("请选择党员。")
            leadership.add_leader(member_id, title, on=day)

        return self._open(
            LeaderEditDialog(
                self,
                title="设为班子成员",
                prompt="选择担任学校领导职务的党员，写明职务和从哪一天起担任。",
                members=leadership.member_choices(today),
                save=save,
            ),
            "已登记班子成员。",
        )

    def change_title(self) -> LeaderEditDialog | None:
        row = self.selected()
        if row is None or not row.current:
            return None

        def save(_member: int | None, title: str, day: dt.date) -> None:
            leadership.change_title(row.id, title, on=day)

        editor = LeaderEditDialog(
            self,
            title="修改职务",
            prompt=f"{row.name}现任{row.title}（{format_date(row.valid_from)}起）。"
            "填写新职务和从哪一天起担任。",
            save=save,
        )
        return self._open(editor, f"已修改{row.name}的职务。")

    def end_leader(self) -> LeaderEditDialog | None:
        row = self.selected()
        if row is None or not row.current:
            return None

        def save(_member: int | None, _title: str, day: dt.date) -> None:
            leadership.end_leader(row.id, on=day)

        editor = LeaderEditDialog(
            self,
            title="不再担任",
            prompt=f"{row.name}从哪一天起不再担任{row.title}？这一天起不再计入班子成员讲党课。",
            save=save,
            with_title=False,
            date_label="从哪天起不再担任",
        )
        return self._open(editor, f"{row.name}已不再担任{row.title}。")


def messages_status(dialog: QDialog, text: str) -> None:
    """Say what was done under the list (the dialog has no status bar)."""
    label = dialog.findChild(QLabel, "doneLabel")
    if label is None:
        label = QLabel(dialog)
        label.setObjectName("doneLabel")
        set_role(label, "ok")
        layout = dialog.layout()
        if layout is not None:
            layout.addWidget(label)
    label.setText(text)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft)


def member_lines(member_id: int, parent: QWidget) -> list[QLabel]:
    """The member window's 「班子成员：副校长（2024年9月起）」 and 「获得表彰：…」 lines
    (none when there is nothing to say)."""
    from jianshi_desktop.services.awards import member_awards_line

    labels = []
    for name, text in (
        ("leaderLabel", leadership.leader_line(member_id, dt.date.today())),
        ("awardsLabel", member_awards_line(member_id)),
    ):
        if text:
            label = QLabel(text, parent)
            label.setObjectName(name)
            label.setWordWrap(True)
            labels.append(label)
    return labels
