"""主题党日: this month's theme day at a glance, and the list of theme days with the
actions 记录主题党日, 复制上次, 打开, 归档, 更正, 删除草稿 (:class:`RecordListPage`).

Each record opens in :class:`ThemeDayWizard` — a draft to go on with, a finished record
to change, an archived one read-only or for 更正 (:class:`FormRecordsPage`). A reminder
on 首页 (``new_theme_day``) opens a new record on the branch's fixed day of its month.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from jianshi_desktop.domain.enums import RecordState
from jianshi_desktop.gui.common.widgets import set_role
from jianshi_desktop.gui.records.list_page import (
    Column,
    FormRecordsPage,
    attendance_column,
    attendance_text,
    date_column,
)
from jianshi_desktop.gui.records.wizard import Mode
from jianshi_desktop.gui.theme_days.wizard import ThemeDayWizard
from jianshi_desktop.services.branch import branch_info
from jianshi_desktop.services.record_kinds import THEME_DAY
from jianshi_desktop.services.theme_days import (
    ThemeDayRow,
    fixed_day,
    list_theme_days,
    new_theme_day_form,
    theme_day_title,
)

EMPTY_TEXT = (
    "还没有主题党日记录。\n\n"
    "主题党日每月一次，在本支部固定的日子开展。记录时填写主题和地点，勾选完成的"
    "规定动作，点选请假或缺席的人；与支部党员大会同时举行的，出席情况不用再填。"
)


def theme_day_attendance(row: ThemeDayRow) -> str:
    """随2026年3月10日支部党员大会 when held with a meeting, else 实到/应到."""
    return f"随{row.with_meeting}" if row.with_meeting else attendance_text(row)


def month_text(rows: list[ThemeDayRow], today: dt.date) -> str:
    """How this month stands: 本月（11月）的主题党日已完成：…, or not recorded yet."""
    info = branch_info()
    fixed = f"本支部每月{info.theme_day_of_month}日为主题党日。" if info is not None else ""
    this_month = [r for r in rows if (r.held_on.year, r.held_on.month) == (today.year, today.month)]
    done = [r for r in this_month if r.state is not RecordState.DRAFT]
    if done:
        return (
            f"{fixed}✓ 本月（{today.month}月）的主题党日已记录：{done[0].theme or '（未写主题）'}。"
        )
    if this_month:
        return f"{fixed}本月（{today.month}月）的主题党日还是草稿，请打开接着填写并完成。"
    return f"{fixed}！本月（{today.month}月）的主题党日还没有记录。"


class ThemeDaysPage(FormRecordsPage):
    KIND = THEME_DAY
    NOUN = "主题党日"
    wizard: ThemeDayWizard | None

    def __init__(
        self, attachments_dir: Path, parent: QWidget | None = None, *, data_root: Path | None = None
    ) -> None:
        super().__init__("theme_days", parent, data_root=data_root or attachments_dir.parent)
        self.attachments_dir = attachments_dir
        self.month_label = QLabel(self)
        self.month_label.setWordWrap(True)
        self.month_label.setTextFormat(Qt.TextFormat.PlainText)
        self.page_layout.addWidget(self.month_label)
        self.add_list(
            rows=lambda: list_theme_days(),
            columns=(
                date_column(),
                Column("主题", lambda r: r.theme, width=280),
                Column("形式", lambda r: r.form, width=90),
                Column("地点", lambda r: r.place, width=120),
                attendance_column(
                    theme_day_attendance,
                    tooltip=lambda r: (
                        f"与{r.with_meeting}同时举行，出席情况以会议记录为准。"
                        if r.with_meeting
                        else ""
                    ),
                ),
            ),
            title_of=lambda r: theme_day_title(r.held_on),
            actions=self.record_actions(
                (("记录主题党日", self.new_theme_day),),
            ),
            empty_text=EMPTY_TEXT,
            empty_action_text="记录本月主题党日",
            search_hint="主题、形式、地点",
        )
        self.list.status.connect(lambda _text: self._update_month())
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        self._update_month()

    def _update_month(self) -> None:
        text = month_text(self.list.all_rows(), dt.date.today())
        self.month_label.setText(text)
        set_role(self.month_label, "ok" if "✓" in text else "warning" if "！" in text else "")

    # --- the wizard -------------------------------------------------------------------------

    def make_wizard(self, form: Any, record_id: int | None, mode: Mode) -> ThemeDayWizard:
        return ThemeDayWizard(
            form, attachments_dir=self.attachments_dir, record_id=record_id, mode=mode, parent=self
        )

    def new_theme_day(self, on: dt.date | None = None) -> ThemeDayWizard | None:
        """A new record: this month's fixed day, or (``on``) that of ``on``'s month — ``on``
        itself when the fixed day is still to come."""
        day = None if on is None else min(fixed_day(on.year, on.month), on)
        wizard = self.open_form(new_theme_day_form(on=day))
        return wizard if isinstance(wizard, ThemeDayWizard) else None

    def new_for_reminder(
        self, on: dt.date | None, params: dict[str, object]
    ) -> ThemeDayWizard | None:
        return self.new_theme_day(on)
