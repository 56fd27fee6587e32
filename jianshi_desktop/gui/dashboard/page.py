"""首页: how the branch is doing and what to do next.

The first line names the branch's facts; a new branch sees 开始使用 (its first steps, until
the data shows them done) and any unfinished drafts are listed with 继续填写 (the window
connects :attr:`HomePage.draft_requested`); below, three tiles answer "how are we doing"
this month, this quarter and this year in words, marks and colour; the year grid shows
every obligation month by month (a tooltip names the records that count); the reminders
list the most urgent first, each with one button that opens the place to act (the window
connects :attr:`HomePage.action_requested` to ``MainWindow.act``).

Everything is computed from the database each time the page is shown — records change
on other pages — and takes a few milliseconds; nothing is computed before a branch exists.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.compliance import Engine
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common.forms import child, load_form
from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.common.widgets import chinese_date, set_role, style_heading
from jianshi_desktop.gui.dashboard.first_steps import Step, first_steps
from jianshi_desktop.gui.dashboard.pairing_line import PairingLine
from jianshi_desktop.gui.dashboard.summary import (
    Tile,
    all_done_this_month,
    group_names,
    tiles,
    year_table,
)
from jianshi_desktop.gui.dashboard.training_line import TrainingLine
from jianshi_desktop.gui.dashboard.widgets import (
    LEGEND,
    DraftList,
    ReminderList,
    StartPanel,
    TileWidget,
    YearGrid,
)
from jianshi_desktop.gui.recruitment.summary import pipeline_text
from jianshi_desktop.services.branch import BranchInfo, branch_info
from jianshi_desktop.services.compliance import engine as compliance_engine
from jianshi_desktop.services.drafts import Draft, unfinished_drafts
from jianshi_desktop.services.recruitment import pipeline as recruitment_pipeline
from jianshi_desktop.services.reminders import Action, Reminder, dismiss_reminder, reminders

log = logging.getLogger(__name__)

REMINDERS_MIN_WIDTH = 300  # narrower, the reminders go above the grid
REMINDERS_NARROW_HEIGHT = 300
FAILED_TEXT = (
    "工作情况暂时无法显示，详细信息已写入日志。其他功能不受影响，可以照常使用；"
    "如果一直这样，请把日志文件交给技术人员。"
)


def members_text(info: BranchInfo) -> str:
    if info.active_members == 0:
        return "还没有登记党员"  # 开始使用 says where to add them
    return (
        f"{info.active_members}人（正式党员{info.full_members}人，"
        f"预备党员{info.probationary_members}人）"
    )


def organization_text(info: BranchInfo) -> str:
    return "设支部委员会" if info.has_committee else "只设书记（不设支部委员会）"


class HomePage(Page):
    action_requested = Signal(object)  # a reminder's Action: the window opens the place
    draft_requested = Signal(object)  # 继续填写 a Draft: the window opens it on its page

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__("home", parent)
        self.today = today
        self.ui = load_form("home_page", self)
        style_heading(child(self.ui, QLabel, "headingLabel"))
        self.facts_label = child(self.ui, QLabel, "factsLabel")
        set_role(self.facts_label, "hint")
        self.demo_banner = child(self.ui, QLabel, "demoBanner")
        set_role(self.demo_banner, "demo-banner")
        self.no_branch_label = child(self.ui, QLabel, "noBranchLabel")
        set_role(self.no_branch_label, "notice")
        self.no_branch_text = self.no_branch_label.text()
        self.tiles_box = child(self.ui, QWidget, "tilesBox")
        self.grid_group = child(self.ui, QGroupBox, "gridGroup")
        self.reminders_group = child(self.ui, QGroupBox, "remindersGroup")
        self.year_combo = child(self.ui, QComboBox, "yearCombo")
        legend = child(self.ui, QLabel, "legendLabel")
        legend.setText(LEGEND)
        legend.setToolTip("每个格子用符号和颜色表示情况，看符号即可，不必分辨颜色。")
        set_role(legend, "hint")
        self.grid_hint = child(self.ui, QLabel, "gridHint")
        set_role(self.grid_hint, "hint")
        self.grid_hint_text = self.grid_hint.text()

        tiles_layout = self.tiles_box.layout()
        assert isinstance(tiles_layout, QBoxLayout)
        self.tile_widgets = [TileWidget(self.tiles_box) for _ in range(3)]
        for tile in self.tile_widgets:  # three equal widths, whatever each one says
            tile.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            tiles_layout.addWidget(tile, 1)
        self.grid = YearGrid(self)
        self.grid.action_requested.connect(self.action_requested.emit)  # 补录 a past cell
        grid_host = child(self.ui, QWidget, "gridHost").layout()
        assert grid_host is not None
        grid_host.addWidget(self.grid)
        self.reminder_list = ReminderList(self)
        self.reminder_list.action_requested.connect(self.action_requested.emit)
        self.reminder_list.dismiss_requested.connect(self.dismiss)
        reminders_layout = self.reminders_group.layout()
        assert reminders_layout is not None
        reminders_layout.addWidget(self.reminder_list)
        layout = self.ui.layout()
        assert isinstance(layout, QVBoxLayout)
        self.start_panel = StartPanel(self.ui)  # 开始使用, above the rest while it shows
        self.start_panel.action_requested.connect(self.action_requested.emit)
        self.start_panel.hide()
        layout.insertWidget(layout.indexOf(self.tiles_box), self.start_panel)
        # 发展党员: the pipeline in one line under the tiles; 查看 opens the area
        self.pipeline_row = QWidget(self.ui)
        pipeline_layout = QHBoxLayout(self.pipeline_row)
        pipeline_layout.setContentsMargins(0, 0, 0, 0)
        self.pipeline_label = QLabel(self.pipeline_row)
        self.pipeline_label.setObjectName("pipelineLabel")
        self.pipeline_label.setTextFormat(Qt.TextFormat.PlainText)
        self.pipeline_label.setWordWrap(True)  # one line, unless the text is large
        self.pipeline_button = QPushButton("查看", self.pipeline_row)
        self.pipeline_button.setToolTip("打开“发展党员”，查看每个人的档案和下一步")
        self.pipeline_button.clicked.connect(
            lambda: self.action_requested.emit(Action("recruitment"))
        )
        pipeline_layout.addWidget(self.pipeline_label, 1)
        pipeline_layout.addWidget(self.pipeline_button)
        self.pipeline_row.hide()
        layout.insertWidget(layout.indexOf(self.tiles_box) + 1, self.pipeline_row)
        self.pairing_line = PairingLine(self.ui, self.action_requested)  # 关爱学生
        layout.insertWidget(layout.indexOf(self.pipeline_row) + 1, self.pairing_line)
        self.training_line = TrainingLine(self.ui, self.action_requested)  # 学习培训 line
        layout.insertWidget(layout.indexOf(self.pipeline_row) + 1, self.training_line)
        layout.setStretch(layout.count() - 1, 1)  # the grid and the reminders take the rest
        self.page_layout = layout
        bottom = self.ui.findChild(QBoxLayout, "bottomRow")
        assert bottom is not None
        self.bottom_row = bottom
        # 未完成的草稿 above the reminders, beside the grid (the page keeps its height)
        self.draft_list = DraftList(self.ui)
        self.draft_list.draft_requested.connect(self.draft_requested.emit)
        column = QWidget(self.ui)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.setSpacing(10)
        at = bottom.indexOf(self.reminders_group)
        bottom.removeWidget(self.reminders_group)
        column_layout.addWidget(self.draft_list)
        column_layout.addWidget(self.reminders_group, 1)
        bottom.insertWidget(at, column, 1)

        self.facts: dict[str, str] = {}
        self.info: BranchInfo | None = None  # as last read (the window's title uses it too)
        self.engine: Engine | None = None
        self.tiles: list[Tile] = []
        self.reminders: list[Reminder] = []
        self.steps: list[Step] = []
        self.drafts: list[Draft] = []
        self.pipeline_text = ""  # 发展党员 in one line, empty without any file
        self.year_combo.currentIndexChanged.connect(lambda _i: self._show_year())
        self._show_dashboard(False)

    # --- showing ------------------------------------------------------------------------

    def refresh(self) -> None:
        info = self.info = branch_info()
        if info is None:
            self.facts = {}
            self.facts_label.clear()
            self.demo_banner.hide()
            self.no_branch_label.setText(self.no_branch_text)
            self._show_dashboard(False)
            return
        self._show_facts(info)
        # Until the figures are in, the page says they could not be shown: a bug in them
        # leaves that on the page (the crash hook logs it and apologises), never half a page.
        self.no_branch_label.setText(FAILED_TEXT)
        self._show_dashboard(False)
        self._compute()
        self._show_dashboard(True)

    def _show_dashboard(self, shown: bool) -> None:
        self.no_branch_label.setVisible(not shown)
        for widget in (self.tiles_box, self.grid_group, self.reminders_group):
            widget.setVisible(shown)
        if not shown:  # shown by what they hold, once it is read
            self.start_panel.hide()
            self.draft_list.hide()
            self.pipeline_row.hide()
            self.pairing_line.hide()
            self.training_line.hide()

    def _show_facts(self, info: BranchInfo) -> None:
        self.demo_banner.setVisible(info.is_demo)
        self.facts = {
            "name": info.name,
            "parent_name": info.parent_name,
            "founded_on": chinese_date(info.founded_on),
            "organization": organization_text(info),
            "theme_day": f"每月{info.theme_day_of_month}日",
            "members": members_text(info),
        }
        facts = self.facts
        members = f"党员{facts['members']}" if info.active_members else facts["members"]
        self.facts_label.setText(
            f"{facts['name']}（上级：{facts['parent_name']}）\n"
            f"{facts['founded_on']}成立 · {facts['organization']} · "
            f"主题党日{facts['theme_day']} · {members}"
        )

    def _compute(self) -> None:
        today = self.today()
        info = self.info
        assert info is not None
        engine = compliance_engine(today=today, info=info)  # the branch as read just now
        self.engine = engine
        steps = first_steps(info, engine, today)
        drafts = unfinished_drafts(group_names(engine))
        self.tiles = tiles(engine, today)
        for widget, tile in zip(self.tile_widgets, self.tiles, strict=True):
            widget.show_tile(tile)
        pipeline = recruitment_pipeline(today)
        self.pipeline_text = (
            f"发展党员：{pipeline_text(pipeline)}" if any(c.count for c in pipeline) else ""
        )
        self.reminders = reminders(today=today, engine=engine)
        self.reminder_list.show_reminders(
            self.reminders, today, all_done=all_done_this_month(self.tiles)
        )
        count = len(self.reminders)
        self.reminders_group.setTitle(f"待办提醒（{count}项）" if count else "待办提醒")
        self._fill_years(engine, today)
        self._show_year()
        self.steps, self.drafts = steps, drafts  # shown last: all of the page, or none
        self.start_panel.show_steps(steps)
        self.draft_list.show_drafts(drafts, today)
        self.pipeline_label.setText(self.pipeline_text)
        self.pipeline_row.setVisible(bool(self.pipeline_text))
        self.pairing_line.refresh(today)
        self.training_line.show_year(engine, today)

    def _fill_years(self, engine: Engine, today: dt.date) -> None:
        """From the first year with records (not before the founding) to this year."""
        records = [r.held_on.year for r in engine.facts.records]
        first = max(engine.facts.founded_on.year, min(records, default=today.year))
        first = min(first, today.year)
        chosen = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in range(today.year, first - 1, -1):
            self.year_combo.addItem(f"{year}年", year)
        index = self.year_combo.findData(chosen) if chosen is not None else 0
        self.year_combo.setCurrentIndex(max(index, 0))
        self.year_combo.blockSignals(False)

    def _show_year(self) -> None:
        if self.engine is None or self.year_combo.currentData() is None:
            return
        year = int(self.year_combo.currentData())
        today = self.today()
        rows = year_table(self.engine, year, today)
        self.grid.show_rows(rows, year=year, today=today, groups=group_names(self.engine))
        self.grid_group.setTitle("全年情况" if year == today.year else f"{year}年全年情况")
        self.grid_hint.setText(self._grid_hint(year))

    def _grid_hint(self, year: int) -> str:
        """How to read the grid; in a year partly before the app, what the grey cells mean."""
        assert self.engine is not None
        facts = self.engine.facts
        since = facts.recorded_from
        if since <= max(facts.founded_on, dt.date(year, 1, 1)):
            return self.grid_hint_text
        return (
            f"本支部从{chinese_date(since)}开始在本程序记录，此前的工作记在纸质台账上，"
            "表中标为“—”，不算逾期；需要时可以双击格子补录。" + self.grid_hint_text
        )

    def dismiss(self, reminder: Reminder, reason: str) -> bool:
        """不再提醒 with a reason (last year's undone item); the list is read again."""
        if reminder.dismissal is None:
            return False
        try:
            dismiss_reminder(reminder.dismissal, reason, today=self.today())
        except UserError as exc:
            self.reminder_list.item_for(reminder.title).show_error(exc.message)
            return False
        self.refresh()
        self.status.emit(f"“{reminder.dismissal.title}”已不再提醒，原因已记录。")
        return True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """Reminders beside the grid when there is room, above it in a narrow window."""
        margins = self.page_layout.contentsMargins()
        spacing = self.bottom_row.spacing()
        room = self.width() - margins.left() - margins.right() - spacing
        room -= self.grid_group.sizeHint().width()
        wide = room >= REMINDERS_MIN_WIDTH
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.BottomToTop
        if self.bottom_row.direction() != direction:
            self.bottom_row.setDirection(direction)
        self.reminder_list.setMinimumHeight(0 if wide else REMINDERS_NARROW_HEIGHT)

    # --- what the page shows (tests, screen readers) ------------------------------------
