"""评先表彰 on the 组织 page: the branch's and members' awards (添加…/修改…/删除) and
起草推荐材料…, which drafts the 事迹材料 for 红旗党支部 or 先锋共产党员 from the year's
records for the secretary to edit, print and save as Word or PDF (the edited text is kept
until replaced: services.awards)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import AwardKind
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.in_front import open_in_front
from jianshi_desktop.gui.common.widgets import (
    make_primary,
    prepare_error_label,
    prepare_table,
    set_role,
    show_field_error,
)
from jianshi_desktop.gui.members.leaders import date_row
from jianshi_desktop.services import awards
from jianshi_desktop.services.awards import AwardForm, AwardRow, Nomination, NominationText
from jianshi_desktop.services.branch import branch_info

if TYPE_CHECKING:
    from jianshi_desktop.gui.documents.preview import RecordStep

HINT = "支部和党员获得的表彰。推荐红旗党支部、先锋共产党员时，可按当年的记录起草推荐材料。"
WHOLE_BRANCH = "本支部"


def _ok_cancel(dialog: QDialog, layout: QVBoxLayout, ok_text: str) -> QPushButton:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    make_primary(ok)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return ok


def _year_box(parent: QWidget, year: int) -> QSpinBox:
    info = branch_info()
    box = QSpinBox(parent)
    box.setRange(info.founded_on.year if info else 1921, dt.date.today().year)
    box.setValue(year)
    box.setSuffix(" 年度")
    return box


def _fill_members(combo: QComboBox, year: int, *, branch_too: bool, current: int | None) -> None:
    combo.clear()
    if branch_too:
        combo.addItem(WHOLE_BRANCH, None)
    for member_id, name in awards.member_choices(year):
        combo.addItem(name, member_id)
    index = combo.findData(current) if current is not None else 0
    combo.setCurrentIndex(max(index, 0))


class AwardDialog(QDialog):
    """添加/修改 an award: honour, year, who, name (from the honour and year), 表彰单位
    (the 上级党组织 until changed), date, notes."""

    def __init__(self, parent: QWidget | None, row: AwardRow | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("修改表彰" if row else "添加表彰")
        self.row = row
        form0 = (
            row.form() if row else AwardForm(AwardKind.VANGUARD_MEMBER, dt.date.today().year - 1)
        )
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.kind_combo = QComboBox(self)
        for kind in AwardKind:
            self.kind_combo.addItem(kind.label, kind)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(form0.kind))
        form.addRow("表彰", self.kind_combo)
        self.year_box = _year_box(self, form0.year)
        form.addRow("年度", self.year_box)
        self.member_combo = QComboBox(self)
        form.addRow("获奖对象", self.member_combo)
        self.title_edit = QLineEdit(form0.title, self)
        self.title_edit.setMaxLength(awards.TITLE_MAX)  # as kept (and in the package)
        form.addRow("表彰名称", self.title_edit)
        self.granted_by_edit = QLineEdit(form0.granted_by, self)
        self.granted_by_edit.setMaxLength(awards.GRANTED_BY_MAX)
        form.addRow("表彰单位", self.granted_by_edit)
        box, self.granted_on = date_row(self)
        self.granted_on.set_date(form0.granted_on)
        form.addRow("表彰日期", box)
        self.notes_edit = QLineEdit(form0.notes, self)
        self.notes_edit.setPlaceholderText("可不填，例如文件号")
        form.addRow("备注", self.notes_edit)
        self.error = QLabel(self)
        prepare_error_label(self.error)
        layout.addWidget(self.error)
        ok = _ok_cancel(self, layout, "保存")
        ok.clicked.connect(self.save)
        self._member = form0.member_id
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.year_box.valueChanged.connect(self._kind_changed)
        self._kind_changed()
        self.setMinimumWidth(480)

    def kind(self) -> AwardKind:
        return AwardKind(self.kind_combo.currentData())

    def _kind_changed(self) -> None:
        kind, year = self.kind(), self.year_box.value()
        current = self.member_combo.currentData() if self.member_combo.count() else self._member
        _fill_members(
            self.member_combo,
            year,
            branch_too=kind is not AwardKind.VANGUARD_MEMBER,
            current=current,
        )
        if kind is AwardKind.RED_FLAG_BRANCH:
            self.member_combo.setCurrentIndex(0)
        self.member_combo.setEnabled(kind is not AwardKind.RED_FLAG_BRANCH)
        self.title_edit.setPlaceholderText(
            awards.default_title(kind, year) or "填写表彰名称，例如“优秀共产党员”"
        )
        self.granted_by_edit.setPlaceholderText(
            awards.default_granted_by(year, None, dt.date.today())
        )

    def form(self) -> AwardForm:
        member = self.member_combo.currentData()
        return AwardForm(
            self.kind(),
            self.year_box.value(),
            int(member) if member is not None else None,
            self.title_edit.text(),
            self.granted_by_edit.text(),
            self.granted_on.value(),
            self.notes_edit.text(),
        )

    def save(self) -> None:
        problem = self.granted_on.problem() if self.granted_on.text().strip() else ""
        if problem:
            show_field_error(self.error, problem)
            return
        try:
            if self.row is None:
                awards.add_award(self.form())
            else:
                awards.update_award(self.row.id, self.form())
        except UserError as exc:
            show_field_error(self.error, exc.message)
            return
        self.accept()


class NominationDialog(QDialog):
    """起草推荐材料: choose the honour, the year (and the member); the draft from the year's
    records — or the text kept before — to edit; 保存, 重新起草, 预览并打印…, Word, PDF."""

    def __init__(self, parent: QWidget | None, data_root: Path, *, year: int | None = None) -> None:
        super().__init__(parent)
        self.data_root = data_root  # the preview lays its pages out in its tmp/
        self.setWindowTitle("起草推荐材料")
        self.setObjectName("nominationDialog")
        layout = QVBoxLayout(self)
        choose = QHBoxLayout()
        self.kind_combo = QComboBox(self)
        self.kind_combo.addItem("红旗党支部（推荐本支部）", AwardKind.RED_FLAG_BRANCH)
        self.kind_combo.addItem("先锋共产党员（推荐一名党员）", AwardKind.VANGUARD_MEMBER)
        self.year_box = _year_box(self, year or dt.date.today().year)
        self.member_combo = QComboBox(self)
        self.member_combo.setMinimumContentsLength(6)
        for label, widget in (
            ("推荐", self.kind_combo),
            ("", self.member_combo),
            ("", self.year_box),
        ):
            if label:
                choose.addWidget(QLabel(label, self))
            choose.addWidget(widget)
        choose.addStretch(1)
        layout.addLayout(choose)
        self.source_label = QLabel(self)
        self.source_label.setWordWrap(True)
        set_role(self.source_label, "hint")
        layout.addWidget(self.source_label)
        form = QFormLayout()
        self.title_edit = QLineEdit(self)
        form.addRow("标题", self.title_edit)
        layout.addLayout(form)
        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setObjectName("bodyEdit")
        self.body_edit.setPlaceholderText("正文，每段一行")
        layout.addWidget(self.body_edit, 1)
        sign = QFormLayout()
        self.signer_edit = QLineEdit(self)
        sign.addRow("署名", self.signer_edit)
        box, self.signed_on = date_row(self)
        sign.addRow("日期", box)
        layout.addLayout(sign)
        self.error = QLabel(self)
        prepare_error_label(self.error)
        layout.addWidget(self.error)
        from jianshi_desktop.gui.documents.preview import editor_buttons  # PDF view: on use

        buttons = editor_buttons(
            self,
            "按记录重新起草",
            save=self.save,
            redraft=self.redraft,
            open_document=self.open_document,
        )
        layout.addLayout(buttons.row)
        self.save_button, self.redraft_button = buttons.save, buttons.redraft
        self.preview_button, self.pdf_button = buttons.preview, buttons.pdf
        self.word_button = buttons.word
        self.nomination: Nomination | None = None
        self.loaded: NominationText | None = None
        self.kind_combo.currentIndexChanged.connect(self._choice_changed)
        self.year_box.valueChanged.connect(self._choice_changed)
        self.member_combo.currentIndexChanged.connect(lambda _i: self.load())
        self.resize(820, 640)
        self._choice_changed()

    # --- choosing ---------------------------------------------------------------------

    def kind(self) -> AwardKind:
        return AwardKind(self.kind_combo.currentData())

    def choose(self, kind: AwardKind, year: int, member_id: int | None = None) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        self.year_box.setValue(year)
        if member_id is not None:
            self.member_combo.setCurrentIndex(max(self.member_combo.findData(member_id), 0))

    def _choice_changed(self) -> None:
        vanguard = self.kind() is AwardKind.VANGUARD_MEMBER
        current = self.member_combo.currentData()
        self.member_combo.blockSignals(True)
        _fill_members(self.member_combo, self.year_box.value(), branch_too=False, current=current)
        self.member_combo.blockSignals(False)
        self.member_combo.setVisible(vanguard)
        self.load()

    def chosen(self) -> Nomination:
        member = self.member_combo.currentData()
        vanguard = self.kind() is AwardKind.VANGUARD_MEMBER
        return Nomination(
            self.kind(), self.year_box.value(), int(member) if vanguard and member else None
        )

    # --- the text ---------------------------------------------------------------------

    def current_text(self) -> NominationText:
        lines = [line.strip() for line in self.body_edit.toPlainText().splitlines()]
        return NominationText(
            self.title_edit.text().strip(),
            [line for line in lines if line],
            self.signer_edit.text().strip(),
            self.signed_on.value() or dt.date.today(),
        )

    def changed(self) -> bool:
        return self.loaded is not None and self.current_text() != self.loaded

    def load(self, *, fresh: bool = False) -> None:
        """Show the kept text of the honour chosen, or a fresh draft (kept text of the
        choice left is saved first, so that nothing typed is lost)."""
        if self.nomination is not None and self.changed():
            self.save(quiet=True)
        nomination = self.chosen()
        self.nomination = nomination
        show_field_error(self.error, "")
        self.error.setVisible(False)
        if nomination.kind is AwardKind.VANGUARD_MEMBER and nomination.member_id is None:
            self._show(None, f"{nomination.year}年在本支部的党员中还没有可推荐的人。")
            return
        try:
            awards.check_nomination(nomination)
            if fresh:
                from jianshi_desktop.services.nomination import draft

                text, kept = draft(nomination, today=dt.date.today()), False
            else:
                text, kept = awards.nomination_text(nomination)
        except UserError as exc:
            self._show(None, exc.message)
            return
        source = (
            "这是上次保存的推荐材料。要按现在的记录重写，请点“按记录重新起草”。"
            if kept
            else f"以下内容按{nomination.year}年的记录起草，只写记录中有的情况。"
            "请核对、补充后保存。"
        )
        self._show(text, source)

    def _show(self, text: NominationText | None, source: str) -> None:
        self.source_label.setText(source)
        self.loaded = text
        for widget in (self.title_edit, self.signer_edit):
            widget.setEnabled(text is not None)
        self.body_edit.setEnabled(text is not None)
        for button in (
            self.save_button,
            self.redraft_button,
            self.preview_button,
            self.pdf_button,
            self.word_button,
        ):
            button.setEnabled(text is not None)
        self.title_edit.setText(text.title if text else "")
        self.body_edit.setPlainText("\n".join(text.paragraphs) if text else "")
        self.signer_edit.setText(text.signer if text else "")
        self.signed_on.set_date(text.signed_on if text else None)

    def save(self, *, quiet: bool = False) -> bool:
        if self.nomination is None or self.loaded is None:
            return False
        try:
            awards.save_nomination(self.nomination, self.current_text())
        except UserError as exc:
            if not quiet:
                show_field_error(self.error, exc.message)
            return False
        self.loaded = self.current_text()
        if not quiet:
            self.source_label.setText("已保存。下次打开这份推荐材料时接着修改。")
        return True

    def redraft(self) -> None:
        written = self.changed() or awards.saved_nomination(self.chosen()) is not None
        if written and not messages.ask(
            self,
            "按现在的记录重新起草，替换已写的推荐材料？",
            title="重新起草",
            yes_text="重新起草",
            no_text="保留",
        ):
            return
        self.loaded = None  # what is shown is replaced, not kept
        self.nomination = None
        self.load(fresh=True)

    def open_document(self, then: RecordStep) -> object:
        """预览并打印… / 导出PDF… / 导出Word…: the text as it stands, saved first."""
        if not self.save(quiet=False):
            return None
        from jianshi_desktop.gui.documents.preview import open_document

        text = self.current_text()
        return open_document(
            self,
            "推荐材料",
            lambda: awards.nomination_document(text),
            awards.nomination_stem(text),
            self.data_root,
            then=then,
        )

    def done(self, result: int) -> None:
        if self.changed():
            self.save(quiet=True)
        super().done(result)


class AwardsSection(QGroupBox):
    """The 组织 page's 「评先表彰」 section."""

    def __init__(
        self, data_root: Path, parent: QWidget | None = None, *, status: Callable[[str], object]
    ) -> None:
        super().__init__("评先表彰", parent)
        self.data_root = data_root
        self.setObjectName("awardsGroup")
        self._status = status
        layout = QVBoxLayout(self)
        hint = QLabel(HINT, self)
        hint.setWordWrap(True)
        set_role(hint, "hint")
        layout.addWidget(hint)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["年度", "表彰", "获奖对象", "表彰单位"])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        prepare_table(self.table, "评先表彰").setStretchLastSection(True)
        for column, width in enumerate((70, 220, 110)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 4)
        layout.addWidget(self.table)
        self.empty = QLabel("还没有登记表彰。", self)
        set_role(self.empty, "hint")
        layout.addWidget(self.empty)
        row = QHBoxLayout()
        self.add_button = QPushButton("添加…", self)
        self.edit_button = QPushButton("修改…", self)
        self.delete_button = QPushButton("删除", self)
        self.draft_button = QPushButton("起草推荐材料…", self)
        for button in (self.add_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.draft_button)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.add_award)
        self.edit_button.clicked.connect(self.edit_award)
        self.delete_button.clicked.connect(self.delete_award)
        self.draft_button.clicked.connect(self.draft_nomination)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _i: self.edit_award())
        self.rows: list[AwardRow] = []
        self.dialog: QDialog | None = None

    def refresh(self) -> None:
        self.rows = awards.list_awards()
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            when = f"（{format_date(row.granted_on)}）" if row.granted_on else ""
            for column, text in enumerate(
                (str(row.year), row.title, row.who, f"{row.granted_by}{when}")
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(
                    awards.award_text(row) + (f"\n备注：{row.notes}" if row.notes else "")
                )
                self.table.setItem(index, column, item)
        self.table.setVisible(bool(self.rows))
        self.empty.setVisible(not self.rows)
        self._update_buttons()

    def selected(self) -> AwardRow | None:
        index = self.table.currentRow()
        if 0 <= index < len(self.rows) and self.table.selectionModel().hasSelection():
            return self.rows[index]
        return None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _open(self, dialog: QDialog, done: str) -> QDialog:
        self.dialog = dialog

        def finished(result: int) -> None:
            self.dialog = None
            if result == QDialog.DialogCode.Accepted:
                self.refresh()
                if done:
                    self._status(done)

        dialog.finished.connect(finished)
        open_in_front(dialog)
        return dialog

    def add_award(self) -> QDialog:
        return self._open(AwardDialog(self), "已添加表彰。")

    def edit_award(self) -> QDialog | None:
        row = self.selected()
        return None if row is None else self._open(AwardDialog(self, row), "已修改表彰。")

    def delete_award(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        if not messages.ask(
            self,
            f"删除{row.who}的“{row.title}”？",
            title="删除表彰",
            yes_text="删除",
            no_text="保留",
        ):
            return False
        try:
            awards.delete_award(row.id)
        except UserError as exc:
            messages.show_error(self, exc, title="无法删除")
            return False
        self.refresh()
        self._status(f"已删除{row.who}的“{row.title}”。")
        return True

    def draft_nomination(self) -> QDialog:
        return self._open(NominationDialog(self, self.data_root), "")
