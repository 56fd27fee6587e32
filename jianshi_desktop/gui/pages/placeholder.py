"""A page for an area that is not built yet: it says so plainly and shows no fake data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from jianshi_desktop.gui.pages.base import Page
from jianshi_desktop.gui.widgets import heading, notice, set_role

AVAILABLE_NOW = (
    "这个版本已经可以使用的：“首页”查看本支部概况，“党员”登记和管理党员，"
    "“组织”管理支部委员会和党小组，“设置”查看数据保存位置和备份。"
)


class PlaceholderPage(Page):
    def __init__(self, key: str, title: str, coming: str, parent: QWidget | None = None) -> None:
        super().__init__(key, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.setSpacing(16)
        layout.addWidget(heading(title, self))
        self.notice = notice(coming, self)
        self.notice.setObjectName("comingNotice")
        layout.addWidget(self.notice)
        available = QLabel(AVAILABLE_NOW, self)
        available.setWordWrap(True)
        set_role(available, "hint")
        layout.addWidget(available)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)

    def text(self) -> str:
        """The note the user reads on this page."""
        return self.notice.text()
