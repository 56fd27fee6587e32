"""发展党员: the pipeline (申请人, 积极分子, 发展对象, 预备党员) and each person's file.

SKELETON — helper A builds the page here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QVBoxLayout, QWidget

from jianshi_desktop.gui.common.page import Page


class RecruitmentPage(Page):
    def __init__(
        self, attachments_dir: Path, parent: QWidget | None = None, *, data_root: Path
    ) -> None:
        super().__init__("recruitment", parent)
        self.attachments_dir = attachments_dir
        self.data_root = data_root
        self.page_layout = QVBoxLayout(self)
