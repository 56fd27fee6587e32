"""设置 › 工作要求: the obligations 首页 checks, each with what it asks and where the rule
comes from; the few that rules.md marks configurable (党课) can be changed here.

A change goes through ``services.compliance.change_obligation`` (checked and written to
the audit log); a changed item says so and names the shipped rule, with 恢复原规定.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.compliance import Obligation, Per
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.widgets import scaled_font, set_role
from jianshi_desktop.services.compliance import (
    change_obligation,
    obligations,
    shipped_obligations,
)

INTRO = (
    "“首页”按下面的要求检查本支部的工作。上级明确规定的要求不能修改；"
    "标有“可调整”的项目，可以按本地的做法调整，调整会记入操作日志。"
)
CHANGED_MARK = "已调整"


def requirement_text(obligation: Obligation) -> str:
    """每季度至少1次, or for a branch-wide item of several subjects 每个党小组每月至少1次."""
    return obligation.describe()


@dataclass
class _Editor:
    """The controls of one configurable obligation."""

    key: str
    per: QComboBox
    count: QSpinBox
    save: QPushButton
    reset: QPushButton
    note: QLabel


class ObligationsSection(QGroupBox):
    """The 工作要求 group on the settings page."""

    status = Signal(str)
    changed = Signal()  # an obligation was changed: 首页 recomputes when shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("工作要求", parent)
        self.setObjectName("obligationsGroup")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        set_role(intro, "hint")
        layout.addWidget(intro)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(2, 1)  # 依据 reads on one line where it can
        layout.addLayout(self.grid)
        self.rows: dict[str, tuple[QLabel, QLabel, QLabel]] = {}
        self.editors: dict[str, _Editor] = {}
        self._build()
        self.refresh()

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        for column, text in enumerate(("项目", "要求", "依据")):
            header = QLabel(text, self)
            header.setFont(scaled_font(1.0, bold=True))
            self.grid.addWidget(header, 0, column)
        for row, shipped in enumerate(shipped_obligations(), start=1):
            label = QLabel(shipped.label, self)
            requirement = QLabel(self)
            requirement.setWordWrap(True)
            source = QLabel(shipped.source, self)
            source.setWordWrap(True)
            set_role(source, "hint")
            self.grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(source, row, 2, Qt.AlignmentFlag.AlignTop)
            self.rows[shipped.key] = (label, requirement, source)
            if shipped.configurable:  # the requirement reads under the controls
                self.grid.addWidget(self._editor(shipped, requirement), row, 1)
            else:
                self.grid.addWidget(requirement, row, 1, Qt.AlignmentFlag.AlignTop)

    def _editor(self, shipped: Obligation, note: QLabel) -> QWidget:
        box = QWidget(self)
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        line = QHBoxLayout()
        line.setSpacing(6)
        per = QComboBox(box)
        for choice in Per:
            per.addItem(choice.label, choice.value)
        per.setAccessibleName(f"{shipped.label}：多长时间")
        count = QSpinBox(box)
        count.setRange(1, 12)
        count.setSuffix(" 次")
        count.setAccessibleName(f"{shipped.label}：至少几次")
        save = QPushButton("保存调整", box)
        reset = QPushButton("恢复原规定", box)
        reset.setToolTip(f"恢复为{shipped.per.label}至少{shipped.count}次")
        for widget in (per, QLabel("至少", box), count, save, reset):
            line.addWidget(widget)
        line.addStretch(1)
        outer.addLayout(line)
        note.setParent(box)
        outer.addWidget(note)
        editor = _Editor(shipped.key, per, count, save, reset, note)
        self.editors[shipped.key] = editor
        per.currentIndexChanged.connect(lambda _i: self._update_buttons(editor))
        count.valueChanged.connect(lambda _v: self._update_buttons(editor))
        save.clicked.connect(lambda: self.save(shipped.key))
        reset.clicked.connect(lambda: self.reset(shipped.key))
        return box

    # --- showing ------------------------------------------------------------------------

    def refresh(self) -> None:
        shipped = {o.key: o for o in shipped_obligations()}
        for obligation in obligations():
            label, requirement, _source = self.rows[obligation.key]
            requirement.setText(requirement_text(obligation))
            original = shipped[obligation.key]
            changed = (obligation.per, obligation.count) != (original.per, original.count)
            editor = self.editors.get(obligation.key)
            if editor is None:
                continue
            label.setText(f"{obligation.label}\n（可调整）")
            for widget in (editor.per, editor.count):
                widget.blockSignals(True)
            editor.per.setCurrentIndex(editor.per.findData(obligation.per.value))
            editor.count.setValue(obligation.count)
            for widget in (editor.per, editor.count):
                widget.blockSignals(False)
            editor.note.setText(
                f"{CHANGED_MARK}：本支部现为{requirement_text(obligation)}"
                f"（原规定：{requirement_text(original)}）。"
                if changed
                else f"现为原规定：{requirement_text(original)}。"
            )
            editor.reset.setEnabled(changed)
            self._update_buttons(editor)

    def _chosen(self, editor: _Editor) -> tuple[Per, int]:
        return Per(editor.per.currentData()), editor.count.value()

    def _update_buttons(self, editor: _Editor) -> None:
        current = {o.key: o for o in obligations()}[editor.key]
        editor.save.setEnabled(self._chosen(editor) != (current.per, current.count))

    # --- changing -----------------------------------------------------------------------

    def save(self, key: str) -> bool:
        per, count = self._chosen(self.editors[key])
        return self._change(key, per, count)

    def reset(self, key: str) -> bool:
        shipped = {o.key: o for o in shipped_obligations()}[key]
        return self._change(key, shipped.per, shipped.count)

    def _change(self, key: str, per: Per, count: int) -> bool:
        try:
            change_obligation(key, per=per, count=count)
        except UserError as exc:
            messages.show_error(self, exc, title="没有保存调整")
            self.refresh()
            return False
        self.refresh()
        obligation = {o.key: o for o in obligations()}[key]
        self.status.emit(f"已把“{obligation.label}”调整为{requirement_text(obligation)}。")
        self.changed.emit()
        return True
