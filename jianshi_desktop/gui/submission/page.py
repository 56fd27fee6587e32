"""报送: the submission package — 导出报送包 (a period onto a USB stick) and 检查报送包 (is
a package whole and unchanged), one tab each (``gui/submission/``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

from jianshi_desktop.gui.common.forms import child, load_form
from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.common.widgets import scaled_font, set_role, style_heading
from jianshi_desktop.gui.submission.export_panel import ExportPanel
from jianshi_desktop.gui.submission.verify_panel import VerifyPanel
from jianshi_desktop.paths import DataDir


class SubmissionPage(Page):
    filled_when_built = True  # the export panel reads drives and the plan when built

    def __init__(
        self,
        data: DataDir,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__("submission", parent)
        self.ui = load_form("submission_page", self)
        style_heading(child(self.ui, QLabel, "headingLabel"))
        set_role(child(self.ui, QLabel, "introLabel"), "hint")
        self.tabs = child(self.ui, QTabWidget, "tabs")
        self.tabs.tabBar().setFont(scaled_font(1.1))
        self.export_panel = ExportPanel(data, self, today=today)
        self.verify_panel = VerifyPanel(self)
        for panel, tab in ((self.export_panel, "exportTab"), (self.verify_panel, "verifyTab")):
            layout = child(self.ui, QWidget, tab).layout()
            assert layout is not None
            layout.addWidget(panel)
            panel.status.connect(self.status.emit)

    def refresh(self) -> None:
        """Records may have been finished and a stick plugged in since last time."""
        self.export_panel.refresh()
