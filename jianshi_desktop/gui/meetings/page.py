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

from PySide6.QtWidgets import QLabel, QWidget

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import MeetingKind
from jianshi_desktop.domain.procedures import MEETING_TAGS
from jianshi_desktop.gui.common.widgets import set_role
from jianshi_desktop.gui.records.list_page import (
    Column,
    KindFilter,
    RecordsPage,
    attendance_column,
    date_column,
)
from jianshi_desktop.services.meetings import (
    MeetingForm,
    MeetingRow,
    kind_name,
    list_meetings,
    new_meeting_form,
)
from jianshi_desktop.services.record_kinds import MEETING

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
    return f"{format_date(row.held_on)}{kind_name(row.kind, row.group_name)}"


class MeetingsPage(RecordsPage):
    KIND = MEETING
    NOUN = "会议"
    wizard: MeetingWizard | None
    FINISHED_TEXT = (
        "已完成「{title}」的会议记录{late}。可以预览并打印，或保存为 PDF、Word 文件；"
        "核对无误后可以归档，归档后只能查看，发现错误可以写明原因更正。"
    )

    def __init__(
        self,
        attachments_dir: Path,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        data_root: Path | None = None,
    ) -> None:
        super().__init__("meetings", parent, data_root=data_root or attachments_dir.parent)
        self.attachments_dir = attachments_dir
        self.today = today
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        set_role(intro, "hint")
        self.page_layout.addWidget(intro)
        self.add_list(
            rows=lambda: list_meetings(),
            columns=(
                date_column(),
                Column("类别", kind_text, width=170),
                Column("议题或党课题目", lambda r: r.topic, width=300, tooltip=lambda r: r.topic),
                Column("地点", lambda r: r.place, width=120),
                attendance_column(tooltip=lambda r: f"应到{r.expected}人，实到{r.present}人。"),
            ),
            title_of=row_title,
            actions=self.record_actions(
                tuple((kind.label, partial(self.new_meeting, kind)) for kind in NEW_KINDS),
            ),
            empty_text=EMPTY_TEXT,
            empty_action_text="新建一次会议",
            kinds=KindFilter(
                choices=tuple((kind.label, kind) for kind in MeetingKind), of=lambda r: r.kind
            ),
            search_hint="议题、地点、党小组",
        )
        self.list.buttons["new"].setToolTip("选择会议类别，新建一次会议记录")
        self.refresh()

    # --- the wizard -------------------------------------------------------------------------

    def _new(self, form: MeetingForm) -> MeetingWizard | None:
        from jianshi_desktop.gui.meetings.wizard import new_meeting_wizard

        return self.show_wizard(
            lambda: new_meeting_wizard(
                self, form, attachments_dir=self.attachments_dir, today=self.today
            )
        )

    def new_meeting(
        self,
        kind: MeetingKind = MeetingKind.COMMITTEE,
        *,
        on: dt.date | None = None,
        party_group_id: int | None = None,
        tag: str = "",
        lecturer_id: int | None = None,
    ) -> MeetingWizard | None:
        form = new_meeting_form(kind, on=on or self.today(), party_group_id=party_group_id)
        if tag in MEETING_TAGS and tag not in form.tags:
            form.tags.append(tag)
        if kind is MeetingKind.LECTURE and lecturer_id is not None:
            form.lecturer_id = lecturer_id  # 班子成员讲党课: the leader who owes it
        return self._new(form)

    def new_for_reminder(
        self, on: dt.date | None, params: dict[str, object]
    ) -> MeetingWizard | None:
        """``new_meeting``: a meeting on ``date``, of ``kind`` (支委会 without one), for the
        party group ``party_group_id``, with the ``tag`` (组织生活会 …) and a lecture's
        ``lecturer_id`` (a 班子成员's own 党课) when given."""
        try:
            kind = MeetingKind(str(params.get("kind") or MeetingKind.COMMITTEE.value))
        except ValueError:
            return None
        group = params.get("party_group_id")
        tag = params.get("tag")
        lecturer = params.get("lecturer_id")
        return self.new_meeting(
            kind,
            on=on,
            party_group_id=group if isinstance(group, int) else None,
            tag=tag if isinstance(tag, str) else "",
            lecturer_id=lecturer if isinstance(lecturer, int) else None,
        )

    def open_record(self, row: MeetingRow, *, amend: bool = False) -> MeetingWizard | None:
        from jianshi_desktop.gui.meetings.wizard import open_meeting_wizard

        return self.show_wizard(
            lambda: open_meeting_wizard(
                self, row.id, attachments_dir=self.attachments_dir, amend=amend, today=self.today
            )
        )

    def copy_record(self, row: MeetingRow) -> MeetingWizard | None:
        return self._new(MEETING.copy_last(row.id, on=self.today()))

    def amend_record(self, row: MeetingRow) -> MeetingWizard | None:
        return self.open_record(row, amend=True)
