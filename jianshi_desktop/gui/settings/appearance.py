"""设置 → 文字大小: 标准, 大 or 特大 for every text of the window, applied at once and at
every start (kept with the branch's other settings in the data folder)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.app import apply_text_scale
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.widgets import set_role
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.settings import read_value, write_value

log = logging.getLogger(__name__)

TEXT_SIZE_KEY = "text_size"
EXPLANATION = (
    "字看不清时选“大”或“特大”，程序里所有的字都跟着放大，马上生效，下次打开程序也保持。"
    "打印和导出的文书不受影响。"
)


@dataclass(frozen=True)
class TextSize:
    key: str
    label: str
    scale: float  # × the base size (10.5 pt)


TEXT_SIZES: tuple[TextSize, ...] = (
    TextSize("standard", "标准", 1.0),
    TextSize("large", "大", 1.15),
    TextSize("larger", "特大", 1.3),
)
STANDARD = TEXT_SIZES[0]


def text_size_of(key: object) -> TextSize:
    """The size stored as ``key``; 标准 for anything unknown (an older or damaged value)."""
    return next((size for size in TEXT_SIZES if size.key == key), STANDARD)


def stored_text_size() -> TextSize:
    return text_size_of(read_value(TEXT_SIZE_KEY))


def store_text_size(size: TextSize) -> None:
    """Keep ``size`` as the text size (one user action, audited)."""
    if stored_text_size() == size:
        return
    with user_action("change_setting", entity="setting") as audit:
        write_value(TEXT_SIZE_KEY, size.key)
        audit.summary = f"文字大小改为“{size.label}”"


def apply_stored_text_size() -> TextSize:
    """At start-up, once the data folder is open: show text at the kept size."""
    size = stored_text_size()
    apply_text_scale(size.scale)
    return size


class AppearanceSection(QGroupBox):
    """文字大小: three choices, applied when clicked."""

    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("文字大小", parent)
        self.setObjectName("appearanceGroup")
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        row = QHBoxLayout()
        self.choices = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for number, size in enumerate(TEXT_SIZES):
            button = QRadioButton(size.label, self)
            button.setObjectName(f"textSize_{size.key}")
            button.setAccessibleName(f"文字大小：{size.label}")
            self.choices.addButton(button, number)
            self.buttons[size.key] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        explanation = QLabel(EXPLANATION, self)
        explanation.setWordWrap(True)
        set_role(explanation, "hint")
        layout.addWidget(explanation)
        self.refresh()
        self.choices.idClicked.connect(self._chosen)

    def refresh(self) -> None:
        self.buttons[stored_text_size().key].setChecked(True)

    def choose(self, key: str) -> bool:
        """Choose the size ``key`` as a click does; False when it could not be kept."""
        self.buttons[key].click()
        return stored_text_size().key == key

    def _chosen(self, number: int) -> None:
        size = TEXT_SIZES[number]
        try:
            store_text_size(size)
        except UserError as exc:  # a full disk, a read-only folder …
            messages.show_error(self, exc, title="文字大小没有改动")
            self.refresh()
            return
        apply_text_scale(size.scale)
        self.status.emit(f"文字大小已改为“{size.label}”。")
