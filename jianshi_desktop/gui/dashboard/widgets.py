"""首页's widgets: a tile (本月 / 本季度 / 本年), the year grid (a table model with spans
for quarters and the year) and the reminder list with one button a reminder.

Every state is shown by a mark and a word as well as a colour (✓ 已完成, … 即将到期,
！ 已逾期, ○ 未到期): a share of users cannot tell red from green.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.compliance import State
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.gui.common.widgets import scaled_font, set_role
from jianshi_desktop.gui.dashboard.first_steps import PANEL_TEXT, PANEL_TITLE, Step, still_to_do
from jianshi_desktop.gui.dashboard.summary import Cell, Tile, YearRow
from jianshi_desktop.services.drafts import Draft
from jianshi_desktop.services.reminders import Reminder

# (background, text and border) a state; dark text on a light tint reads in every case
COLOURS: dict[State | None, tuple[str, str]] = {
    State.DONE: ("#E5F2E8", "#1E6B35"),
    State.DUE_SOON: ("#FFF2D6", "#7A4E00"),
    State.OVERDUE: ("#FCE3E3", "#A51218"),
    State.NOT_YET_DUE: ("#F4F4F4", "#555555"),
    State.NOT_RECORDED: ("#E4E4E4", "#6B6B6B"),  # grey: kept on paper before the app
    None: ("#FAFAFA", "#8A8A8A"),
}
LEGEND = "　".join(f"{s.mark} {s.label}" for s in State)
ALL_DONE_TEXT = "✓ 本月工作均已完成，目前没有需要处理的事项。"
NOTHING_PRESSING_TEXT = "目前没有需要马上处理的事项。本月还要做的工作见上方“本月”。"


def state_colours(state: State | None) -> tuple[QColor, QColor]:
    background, text = COLOURS[state]
    return QColor(background), QColor(text)


class TileWidget(QFrame):
    """One of 本月 / 本季度 / 本年: a headline with a mark, what is missing, in its colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardTile")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        self.heading = QLabel(self)
        self.heading.setFont(scaled_font(1.0, bold=True))
        self.headline = QLabel(self)
        self.headline.setFont(scaled_font(1.15, bold=True))
        self.headline.setWordWrap(True)
        self.missing = QLabel(self)
        self.missing.setWordWrap(True)
        self.earlier = QLabel(self)
        self.earlier.setWordWrap(True)
        self.earlier.setFont(scaled_font(1.0, bold=True))
        for label in (self.heading, self.headline, self.missing, self.earlier):
            layout.addWidget(label)
        layout.addStretch(1)
        self.tile: Tile | None = None

    def show_tile(self, tile: Tile) -> None:
        self.tile = tile
        state = tile.state
        background, colour = COLOURS[state]
        self.setStyleSheet(
            f"QFrame#dashboardTile {{ background: {background}; border: 1px solid {colour};"
            f" border-left: 6px solid {colour}; border-radius: 4px; }}"
            f" QFrame#dashboardTile QLabel {{ background: transparent; color: #2B2B2B; }}"
        )
        self.heading.setText(f"{tile.heading}　{tile.period}")
        current = tile.current_state
        mark = f"{current.mark} " if current is not None else ""
        self.headline.setText(f"{mark}{tile.headline()}")
        self.headline.setStyleSheet(f"color: {COLOURS[current][1]};")
        self.missing.setText(tile.missing_line())
        self.missing.setVisible(bool(tile.missing))
        self.earlier.setText(tile.earlier_line())
        self.earlier.setStyleSheet(f"color: {COLOURS[State.OVERDUE][1]};")
        self.earlier.setVisible(bool(tile.earlier))
        self.setAccessibleName(tile.text())
        self.setToolTip(
            "\n".join(f"{c.state.mark} {c.title}：{c.state.label}" for c in tile.cells if c.state)
        )

    def text(self) -> str:
        """What the tile says, in reading order (tests, screen readers)."""
        parts = [self.heading.text(), self.headline.text()]
        parts += [label.text() for label in (self.missing, self.earlier) if not label.isHidden()]
        return "\n".join(parts)


class YearGridModel(QAbstractTableModel):
    """Rows: obligations; columns: 1–12月. A quarter or the year is one cell spanning its
    months; its data sits in its first month's column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[YearRow] = []
        self.groups: dict[int, str] = {}
        self.year = 0
        self.today = dt.date.today()

    def set_rows(
        self, rows: list[YearRow], *, year: int, today: dt.date, groups: dict[int, str]
    ) -> None:
        self.beginResetModel()
        self.rows, self.year, self.today, self.groups = rows, year, today, groups
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 12

    def spans(self) -> list[tuple[int, int, int]]:
        """(row, first column, months) of every cell wider than a month."""
        return [
            (row, cell.first_month - 1, cell.span)
            for row, year_row in enumerate(self.rows)
            for cell in year_row.cells
            if cell.span > 1
        ]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        cell = self.rows[index.row()].cell_at(index.column() + 1)
        if index.column() + 1 != cell.first_month:
            return None  # inside a span: the view shows the first month's data
        state = cell.state
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text()
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tooltip(self.groups)
        if role == Qt.ItemDataRole.BackgroundRole:
            return state_colours(state)[0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return state_colours(state)[1]
        if role == Qt.ItemDataRole.FontRole and state is State.OVERDUE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{cell.title}：{state.label if state else '不计'}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            this_month = self.year == self.today.year and section + 1 == self.today.month
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{section + 1}月"
            if role == Qt.ItemDataRole.FontRole and this_month:
                font = QFont()
                font.setBold(True)
                font.setUnderline(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole and this_month:
                return "本月"
            return None
        if not 0 <= section < len(self.rows):
            return None
        obligation = self.rows[section].obligation
        if role == Qt.ItemDataRole.DisplayRole:
            return obligation.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{obligation.label}：{obligation.describe()}（{obligation.source}）"
        return None

    def cell_of(self, index: QModelIndex | QPersistentModelIndex) -> Cell | None:
        if not index.isValid():
            return None
        return self.rows[index.row()].cell_at(index.column() + 1)

    def row_of(self, label: str) -> int:
        for row, year_row in enumerate(self.rows):
            if year_row.obligation.label == label:
                return row
        raise LookupError(label)


class YearGrid(QTableView):
    """The year grid: as tall as its rows, no scroll bars, no selection, tooltips.

    Double-clicking a grey (未在本程序记录) or overdue cell asks for 补录 there: the
    usual new-record wizard, dated in that period (:attr:`action_requested`)."""

    action_requested = Signal(object)  # an Action

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid_model = YearGridModel(self)
        self.setModel(self.grid_model)
        self.doubleClicked.connect(self.late_entry_at)
        self.setAccessibleName("全年情况")
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet("QTableView { gridline-color: #FFFFFF; }")
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setHighlightSections(False)
        bold = QFont(self.font())
        bold.setBold(True)
        self.month_width = QFontMetrics(bold).horizontalAdvance("12月") + 10
        header.setMinimumSectionSize(self.month_width)
        header.setDefaultSectionSize(self.month_width)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        rows.setHighlightSections(False)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def show_rows(
        self, rows: list[YearRow], *, year: int, today: dt.date, groups: dict[int, str]
    ) -> None:
        self.clearSpans()
        self.grid_model.set_rows(rows, year=year, today=today, groups=groups)
        for row, column, months in self.grid_model.spans():
            self.setSpan(row, column, 1, months)
        frame = 2 * self.frameWidth()
        self.setFixedHeight(
            self.horizontalHeader().sizeHint().height()
            + self.verticalHeader().defaultSectionSize() * len(rows)
            + frame
        )
        self.setFixedWidth(self.verticalHeader().sizeHint().width() + 12 * self.month_width + frame)

    def late_entry_at(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        """补录 into the cell at ``index`` if it is open; whether an action was asked for."""
        cell = self.grid_model.cell_of(index)
        action = cell.late_entry() if cell is not None else None
        if action is None:
            return False
        self.action_requested.emit(action)
        return True


class ReminderItem(QFrame):
    """One reminder: ！ when overdue, its title, what to do, the date, and one button.

    Last year's undone items also offer 不再提醒: a reason box opens below (required)."""

    chosen = Signal(object)  # the Action
    dismissed = Signal(object, str)  # the Reminder, the reason

    def __init__(self, reminder: Reminder, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reminder = reminder
        self.setObjectName("reminderItem")
        state = State.OVERDUE if reminder.overdue else State.DUE_SOON
        colour = COLOURS[state][1]
        self.setStyleSheet(
            f"QFrame#reminderItem {{ background: #FFFFFF; border: 1px solid #E2D7D1;"
            f" border-left: 5px solid {colour}; border-radius: 3px; }}"
            " QFrame#reminderItem QLabel { background: transparent; border: none; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.setSpacing(2)
        self.title = QLabel(f"{state.mark} {reminder.title}", self)
        self.title.setWordWrap(True)
        self.title.setFont(scaled_font(1.0, bold=True))
        self.title.setStyleSheet(f"color: {colour if reminder.overdue else '#2B2B2B'};")
        layout.addWidget(self.title)
        self.detail = QLabel(reminder.detail, self)
        self.detail.setWordWrap(True)
        set_role(self.detail, "hint")
        layout.addWidget(self.detail)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.when = QLabel(self._when(today), self)
        self.when.setWordWrap(True)  # in a narrow list it wraps; the buttons stay whole
        set_role(self.when, "hint")
        self.when.setVisible(format_date(reminder.due) not in reminder.detail)  # said once
        row.addWidget(self.when)
        row.addStretch(1)
        self.dismiss_button: QPushButton | None = None
        if reminder.dismissal is not None:
            self.dismiss_button = QPushButton("不再提醒", self)
            self.dismiss_button.setToolTip("确实无法补录时，写明原因后不再提醒这一项。")
            self.dismiss_button.clicked.connect(self.open_dismissal)
            row.addWidget(self.dismiss_button)
        self.button = QPushButton(reminder.action.label, self)
        self.button.setToolTip(f"{reminder.action.label}：{reminder.title}")
        self.button.clicked.connect(lambda: self.chosen.emit(self.reminder.action))
        row.addWidget(self.button)
        layout.addLayout(row)
        self.reason_box = QWidget(self)
        box = QVBoxLayout(self.reason_box)
        box.setContentsMargins(0, 2, 0, 0)
        box.setSpacing(2)
        reason_row = QHBoxLayout()
        self.reason_edit = QLineEdit(self.reason_box)
        self.reason_edit.setPlaceholderText("不再提醒的原因（必填），如：已在纸质台账中记录")
        self.reason_edit.setMaxLength(200)
        self.reason_edit.returnPressed.connect(self._confirm)
        reason_row.addWidget(self.reason_edit, 1)
        self.confirm_button = QPushButton("确定", self.reason_box)
        self.confirm_button.clicked.connect(self._confirm)
        reason_row.addWidget(self.confirm_button)
        box.addLayout(reason_row)
        self.reason_error = QLabel(self.reason_box)
        self.reason_error.setWordWrap(True)
        self.reason_error.setStyleSheet(f"color: {COLOURS[State.OVERDUE][1]};")
        self.reason_error.hide()
        box.addWidget(self.reason_error)
        layout.addWidget(self.reason_box)
        self.reason_box.hide()
        self.setAccessibleName(reminder.title)

    def open_dismissal(self) -> None:
        self.reason_box.show()
        self.reason_edit.setFocus()

    def _confirm(self) -> None:
        self.dismissed.emit(self.reminder, self.reason_edit.text())

    def show_error(self, message: str) -> None:
        """A refused 不再提醒 (no reason): said beside the reason box."""
        self.reason_error.setText(f"！{message}")
        self.reason_error.setVisible(bool(message))

    def _when(self, today: dt.date) -> str:
        due = self.reminder.due
        if self.reminder.overdue:
            return f"{State.OVERDUE.label}（{format_date(due)}）"
        if due <= today:
            return "请尽快处理"
        return f"期限：{format_date(due)}"


class ReminderList(QWidget):
    """The reminders, the most urgent first, in a box that scrolls when they are many."""

    action_requested = Signal(object)  # an Action
    dismiss_requested = Signal(object, str)  # a Reminder, the reason

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setFont(scaled_font(1.05, bold=True))
        outer.addWidget(self.empty)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget()
        self.body.setObjectName("reminderBody")
        self.items_layout = QVBoxLayout(self.body)
        self.items_layout.setContentsMargins(0, 0, 4, 0)
        self.items_layout.setSpacing(6)
        self.items_layout.addStretch(1)
        self.scroll_area.setWidget(self.body)
        outer.addWidget(self.scroll_area, 1)
        self.items: list[ReminderItem] = []

    def sizeHint(self) -> QSize:
        # Modest: the list takes the height left beside the grid and scrolls, rather
        # than making the whole page scroll.
        return QSize(300, 160)

    def show_reminders(self, reminders: list[Reminder], today: dt.date, *, all_done: bool) -> None:
        for item in self.items:
            self.items_layout.removeWidget(item)
            item.hide()  # gone now, not when the loop deletes it
            item.deleteLater()
        self.items = []
        for number, reminder in enumerate(reminders):
            item = ReminderItem(reminder, today, self.body)
            item.chosen.connect(self.action_requested.emit)
            item.dismissed.connect(self.dismiss_requested.emit)
            self.items_layout.insertWidget(number, item)
            self.items.append(item)
        self.empty.setText(ALL_DONE_TEXT if all_done else NOTHING_PRESSING_TEXT)
        set_role(self.empty, "ok" if all_done else "hint")
        self.empty.setVisible(not reminders)
        self.scroll_area.setVisible(bool(reminders))

    def item_for(self, text: str) -> ReminderItem:
        """The first reminder whose title contains ``text``."""
        for item in self.items:
            if text in item.reminder.title:
                return item
        raise LookupError(text)


# --- 开始使用 and 未完成的草稿 ------------------------------------------------------------

START_COLOURS = ("#F3F7FB", "#3D6A99")  # a calm blue: an invitation, not a warning
DONE_COLOUR = COLOURS[State.DONE][1]
SHOWN_DRAFTS = 3  # the newest; the rest are counted (the reminders need the room)


class StepCard(QFrame):
    """One step of 开始使用: its number and title, why, and its button (or ✓ what is done)."""

    chosen = Signal(object)  # the step's Action

    def __init__(self, number: int, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.setObjectName("startStep")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(3)
        mark = "✓ " if step.done else f"{number}. "
        self.title = QLabel(f"{mark}{step.title}", self)
        self.title.setFont(scaled_font(1.0, bold=True))
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.hint = QLabel(step.done_text if step.done else step.hint, self)
        self.hint.setWordWrap(True)
        set_role(self.hint, "hint")
        layout.addWidget(self.hint, 1)
        self.button: QPushButton | None = None
        if step.done:
            self.title.setStyleSheet(f"color: {DONE_COLOUR};")
        else:
            row = QHBoxLayout()
            row.addStretch(1)
            self.button = QPushButton(step.action.label, self)
            self.button.setToolTip(f"{step.action.label}：{step.title}")
            self.button.clicked.connect(lambda: self.chosen.emit(self.step.action))
            row.addWidget(self.button)
            layout.addLayout(row)
        self.setAccessibleName(step.text())


class StartPanel(QFrame):
    """开始使用: the first steps side by side, shown only while one is not done."""

    action_requested = Signal(object)  # an Action

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPanel")
        background, colour = START_COLOURS
        self.setStyleSheet(
            f"QFrame#startPanel {{ background: {background}; border: 1px solid #C9D7E6;"
            f" border-left: 6px solid {colour}; border-radius: 4px; }}"
            " QFrame#startPanel QLabel { background: transparent; border: none; }"
            " QFrame#startStep { background: #FFFFFF; border: 1px solid #DCE5EF;"
            " border-radius: 3px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 10)
        layout.setSpacing(6)
        heading = QHBoxLayout()
        heading.setSpacing(12)
        self.heading = QLabel(PANEL_TITLE, self)
        self.heading.setFont(scaled_font(1.1, bold=True))
        self.heading.setStyleSheet(f"color: {colour};")
        heading.addWidget(self.heading)
        self.intro = QLabel(PANEL_TEXT, self)
        self.intro.setWordWrap(True)
        heading.addWidget(self.intro, 1)
        layout.addLayout(heading)
        self.steps_row = QHBoxLayout()
        self.steps_row.setSpacing(10)
        layout.addLayout(self.steps_row)
        self.cards: list[StepCard] = []
        self.setAccessibleName(PANEL_TITLE)

    def show_steps(self, steps: list[Step]) -> None:
        for card in self.cards:
            self.steps_row.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = []
        for number, step in enumerate(steps, start=1):
            card = StepCard(number, step, self)
            card.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            card.chosen.connect(self.action_requested.emit)
            self.steps_row.addWidget(card, 1)
            self.cards.append(card)
        self.setVisible(still_to_do(steps))


def changed_text(moment: dt.datetime, today: dt.date) -> str:
    """When a draft was last saved: 今天 14:30, 昨天 9:05, 12月1日, 2025年3月2日."""
    if moment.date() == today:
        return f"今天 {moment:%H:%M}"
    if moment.date() == today - dt.timedelta(days=1):
        return f"昨天 {moment:%H:%M}"
    if moment.year == today.year:
        return f"{moment.month}月{moment.day}日"
    return format_date(moment.date())


class DraftItem(QFrame):
    """One draft: its title and 继续填写, then its kind, date and last change."""

    chosen = Signal(object)  # the Draft

    def __init__(self, draft: Draft, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.setObjectName("draftItem")
        colour = COLOURS[State.DUE_SOON][1]
        self.setStyleSheet(
            "QFrame#draftItem { background: #FFFFFF; border: 1px solid #E2D7D1;"
            f" border-left: 5px solid {colour}; border-radius: 3px; }}"
            " QFrame#draftItem QLabel { background: transparent; border: none; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 8, 4)
        layout.setSpacing(0)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.title = QLabel(f"✎ {draft.title}", self)
        self.title.setWordWrap(True)
        self.title.setFont(scaled_font(1.0, bold=True))
        row.addWidget(self.title, 1)
        self.button = QPushButton("继续填写", self)
        self.button.setToolTip(f"打开草稿“{draft.title}”，接着填写")
        self.button.clicked.connect(lambda: self.chosen.emit(self.draft))
        row.addWidget(self.button)
        layout.addLayout(row)
        when = format_date(draft.held_on)
        dated = "" if when in draft.title else f"，日期{when}"
        self.detail = QLabel(
            f"{draft.kind_name}草稿{dated}，最后修改：{changed_text(draft.changed_at, today)}",
            self,
        )
        self.detail.setWordWrap(True)
        set_role(self.detail, "hint")
        layout.addWidget(self.detail)
        self.setAccessibleName(f"{draft.title}（{draft.kind_name}草稿）")

    def text(self) -> str:
        return f"{self.title.text()} {self.detail.text()}"


class DraftList(QGroupBox):
    """未完成的草稿: the newest drafts with 继续填写 (the rest counted); hidden when there
    is none."""

    draft_requested = Signal(object)  # a Draft

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items_layout = QVBoxLayout(self)
        self.items_layout.setSpacing(6)
        self.more = QLabel(self)
        self.more.setWordWrap(True)
        set_role(self.more, "hint")
        self.items_layout.addWidget(self.more)
        self.items: list[DraftItem] = []
        self.setToolTip("草稿完成后才计入工作情况。")
        self.hide()

    def show_drafts(self, drafts: list[Draft], today: dt.date) -> None:
        for item in self.items:
            self.items_layout.removeWidget(item)
            item.hide()  # gone now, not when the loop deletes it
            item.deleteLater()
        self.items = []
        for number, draft in enumerate(drafts[:SHOWN_DRAFTS]):
            item = DraftItem(draft, today, self)
            item.chosen.connect(self.draft_requested.emit)
            self.items_layout.insertWidget(number, item)
            self.items.append(item)
        self.setTitle(f"未完成的草稿（{len(drafts)}份）")
        hidden = len(drafts) - SHOWN_DRAFTS
        self.more.setText(
            f"另有{hidden}份较早的草稿，可以在各页面的列表中打开（状态为“草稿”）。"
            if hidden > 0
            else ""
        )
        self.more.setVisible(hidden > 0)
        self.setVisible(bool(drafts))
