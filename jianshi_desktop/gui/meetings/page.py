"""三会一课: the list of meetings (支部党员大会, 支委会, 党小组会, 党课) with the actions
新建 (a menu of the four kinds), 复制上次, 打开, 归档, 更正, 删除草稿 (:class:`RecordListPage`).

Each record opens in :class:`MeetingWizard` — a draft to go on with, a finished record to
change, an archived one read-only (or, with 更正, for a correction with its reason). The
wizard is window-modal but does not block (``open()``), so that tests drive it like a
user; the list reloads when it closes, and a finished record offers the next step (归档)
above the list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import MeetingKind
from jianshi_desktop.domain.procedures import MEETING_TAGS
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.common.widgets import heading, set_role
from jianshi_desktop.gui.records.list_page import (
    Column,
    KindFilter,
    RecordActions,
    RecordListPage,
    RecordPrinting,
    date_column,
)
from jianshi_desktop.services.meetings import (
    MeetingForm,
    MeetingRow,
    archive_meeting,
    copy_meeting,
    delete_meeting_draft,
    list_meetings,
    new_meeting_form,
)

if TYPE_CHECKING:  # the wizard (a large module) loads when a meeting is first opened
    from jianshi_desktop.gui.meetings.wizard import MeetingWizard

# 新建: the most frequent first (支委会 monthly); the empty page's button opens the first
NEW_KINDS = (
    MeetingKind.COMMITTEE,
    MeetingKind.GROUP,
    MeetingKind.GENERAL_ASSEMBLY,
    MeetingKind.LECTURE,
)
INTRO = (
    "支部党员大会每季度至少一次，支委会、党小组会每月一次，党课一般每季度一次。"
    "登记时按步骤填写，出席名单从党员名册中自动取好；没填完可以随时关闭，下次接着填。"
)
EMPTY_TEXT = (
    "还没有会议记录。\n\n"
    "三会一课（支部党员大会、支委会、党小组会和党课）都在这里登记：选会议类别，"
    "填时间地点和议题，点选请假或缺席的人，记下发言和决议。需要表决的，程序会按规定"
    "核对到会人数和票数。以前记在本子上的会议，也可以补录进来。"
)


def kind_text(row: MeetingRow) -> str:
    """类别 as a secretary says it: 支委会, or 党小组会（第一党小组）."""
    if row.kind is MeetingKind.GROUP and row.group_name:
        return f"{row.kind.label}（{row.group_name}）"
    return row.kind.label


def row_title(row: MeetingRow) -> str:
    """How a record is named in confirmations: 2020年9月15日支委会, 第一党小组会议."""
    kind = f"{row.group_name}会议" if row.kind is MeetingKind.GROUP and row.group_name else ""
    return f"{format_date(row.held_on)}{kind or row.kind.label}"


def attendance_text(row: MeetingRow) -> str:
    return f"实到 {row.present}/应到 {row.expected}" if row.expected else ""


class MeetingsPage(Page):
    filled_when_built = True  # its __init__ ends with refresh()

    def __init__(
        self,
        attachments_dir: Path,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        data_root: Path | None = None,
    ) -> None:
        super().__init__("meetings", parent)
        self.attachments_dir = attachments_dir
        self.printing = RecordPrinting(self, "meeting", data_root)
        self.today = today
        self.wizard: MeetingWizard | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 16)
        layout.setSpacing(10)
        layout.addWidget(heading("三会一课", self))
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        set_role(intro, "hint")
        layout.addWidget(intro)
        self.list = RecordListPage(
            noun="会议",
            rows=lambda: list_meetings(),
            columns=(
                date_column(),
                Column("类别", kind_text, width=170),
                Column("议题或党课题目", lambda r: r.topic, width=300, tooltip=lambda r: r.topic),
                Column("地点", lambda r: r.place, width=120),
                Column(
                    "出席",
                    attendance_text,
                    sort_key=lambda r: r.present,
                    width=130,
                    tooltip=lambda r: f"应到{r.expected}人，实到{r.present}人。",
                ),
            ),
            title_of=row_title,
            actions=RecordActions(
                new=tuple((kind.label, partial(self.new_meeting, kind)) for kind in NEW_KINDS),
                open=self.open_meeting,
                copy=self.copy_meeting,
                archive=lambda r: archive_meeting(r.id),
                amend=self.amend_meeting,
                delete=lambda r: delete_meeting_draft(r.id),
                preview=lambda r: self.printing.open(r.id),
                print_out=lambda r: self.printing.open(r.id, then="print"),
            ),
            empty_text=EMPTY_TEXT,
            empty_action_text="新建一次会议",
            kinds=KindFilter(
                choices=tuple((kind.label, kind) for kind in MeetingKind),
                of=lambda r: r.kind,
                all_text="全部类型",
            ),
            search_hint="议题、地点、党小组",
            parent=self,
        )
        self.list.buttons["new"].setToolTip("选择会议类别，新建一次会议记录")
        self.list.status.connect(self.status.emit)
        layout.addWidget(self.list, 1)
        self.refresh()

    def refresh(self) -> None:
        self.list.refresh()

    # --- the wizard -------------------------------------------------------------------------

    def _show(self, make: Callable[[], MeetingWizard]) -> MeetingWizard | None:
        if self.wizard is not None:
            self.wizard.raise_()
            self.wizard.activateWindow()
            messages.information(
                self,
                "已经打开了一个会议记录窗口。",
                title="三会一课",
                hint="请先在那个窗口中完成或关闭，再打开别的记录。",
            )
            return None
        wizard = make()
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.wizard = wizard
        wizard.status.connect(self.status.emit)
        wizard.finished.connect(lambda _result: self._closed(wizard))
        wizard.open()
        return wizard

    def _new(self, form: MeetingForm) -> MeetingWizard | None:
        from jianshi_desktop.gui.meetings.wizard import new_meeting_wizard

        return self._show(
            lambda: new_meeting_wizard(
                self, form, attachments_dir=self.attachments_dir, today=self.today
            )
        )

    def _closed(self, wizard: MeetingWizard) -> None:
        if self.wizard is wizard:
            self.wizard = None
        self.refresh()
        record_id = wizard.meeting_id
        if record_id is not None:
            self.list.select_record(record_id)
        row = self.list.selected_row()
        if wizard.finished_record() and record_id is not None and row is not None:
            late = "（补录）" if row.late_entry else ""
            self.printing.offer(
                self.list,
                f"已完成「{row_title(row)}」的会议记录{late}。可以预览并打印，或保存为 PDF、"
                "Word 文件；核对无误后可以归档，归档后只能查看，发现错误可以写明原因更正。",
                record_id,
                ("归档", lambda: self._archive(record_id)),
            )

    def _archive(self, record_id: int) -> None:
        if self.list.select_record(record_id):
            self.list.archive_selected()

    def new_meeting(
        self,
        kind: MeetingKind = MeetingKind.COMMITTEE,
        *,
        on: dt.date | None = None,
        party_group_id: int | None = None,
        tag: str = "",
    ) -> MeetingWizard | None:
        form = new_meeting_form(kind, on=on or self.today(), party_group_id=party_group_id)
        if tag in MEETING_TAGS and tag not in form.tags:
            form.tags.append(tag)
        return self._new(form)

    def perform(self, command: str, params: dict[str, object]) -> bool:
        """A reminder on 首页: ``new_meeting`` with ``date`` and optionally ``kind``,
        ``party_group_id`` and ``tag`` opens the wizard with them filled in."""
        if command != "new_meeting":
            return False
        try:
            kind = MeetingKind(str(params.get("kind") or MeetingKind.COMMITTEE.value))
            date = params.get("date")
            on = dt.date.fromisoformat(date) if isinstance(date, str) else None
        except ValueError:
            return False
        group = params.get("party_group_id")
        tag = params.get("tag")
        return (
            self.new_meeting(
                kind,
                on=on,
                party_group_id=group if isinstance(group, int) else None,
                tag=tag if isinstance(tag, str) else "",
            )
            is not None
        )

    def open_meeting(self, row: MeetingRow) -> MeetingWizard | None:
        from jianshi_desktop.gui.meetings.wizard import open_meeting_wizard

        return self._show(
            lambda: open_meeting_wizard(
                self, row.id, attachments_dir=self.attachments_dir, today=self.today
            )
        )

    def copy_meeting(self, row: MeetingRow) -> MeetingWizard | None:
        return self._new(copy_meeting(row.id, on=self.today()))

    def amend_meeting(self, row: MeetingRow) -> MeetingWizard | None:
        from jianshi_desktop.gui.meetings.wizard import open_meeting_wizard

        return self._show(
            lambda: open_meeting_wizard(
                self, row.id, attachments_dir=self.attachments_dir, amend=True, today=self.today
            )
        )
