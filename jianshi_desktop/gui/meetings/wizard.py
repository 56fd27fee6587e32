"""三会一课: the meeting wizard — 基本情况, 出席情况, 会议内容, 附件, 核对.

A :class:`~jianshi_desktop.gui.records.wizard.DraftWizard` like the 主题党日 and 谈心谈话
wizards: drafts kept without asking (on a step change, every few seconds, on closing),
finished records changed only by 完成, archived ones shown read-only with 更正… (a reason,
the original kept). The steps are in basics.py, attendance_step.py, proceedings.py and
review.py; the lifecycle is the framework's, for ``services.record_kinds.MEETING``.
附件 is passed over while a new record has none (the review offers 添加附件…), and the last
step offers 完成并打印….
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtWidgets import QWidget, QWizard

from jianshi_desktop import APP_NAME
from jianshi_desktop.domain.enums import MeetingKind
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.meetings.attendance_step import AttachmentsPage, AttendancePage
from jianshi_desktop.gui.meetings.basics import BasicsPage
from jianshi_desktop.gui.meetings.proceedings import ProceedingsPage
from jianshi_desktop.gui.meetings.review import CHANGE_LABELS, MeetingReviewPage, summary_html
from jianshi_desktop.gui.records.pickers import people_names
from jianshi_desktop.gui.records.wizard import STATE_MODES, DraftWizard, Mode, StepPage
from jianshi_desktop.services import records
from jianshi_desktop.services.meetings import MeetingForm, member_choices
from jianshi_desktop.services.organization import list_groups
from jianshi_desktop.services.record_kinds import MEETING

STATE_WORDS = {
    Mode.DRAFT: "（草稿）",
    Mode.FINISHED: "（已完成）",
    Mode.READ_ONLY: "（已归档，只能查看）",
}


class MeetingWizard(DraftWizard):
    """Records one meeting. ``form`` from ``new_meeting_form``, ``load_meeting`` or
    ``MEETING.copy_last``; ``meeting_id``, ``mode`` and ``late`` (补录) for a saved record."""

    PAGES: ClassVar[tuple[type[StepPage], ...]] = (
        BasicsPage,
        AttendancePage,
        ProceedingsPage,
        AttachmentsPage,
        MeetingReviewPage,
    )
    KIND = MEETING
    CHANGE_LABELS: ClassVar[dict[str, str]] = CHANGE_LABELS

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        form: MeetingForm,
        attachments_dir: Path,
        meeting_id: int | None = None,
        mode: Mode = Mode.NEW,
        late: bool = False,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.late = late
        self.names = people_names()
        self.choices = member_choices(form.held_on)  # the meeting day's members (§7)
        self.groups = list_groups()
        self.group_names = {group.id: group.name for group in self.groups}
        super().__init__(
            form,
            record_id=meeting_id,
            mode=mode,
            today=today,
            attachments_dir=attachments_dir,
            parent=parent,
        )
        self.setObjectName("meetingWizard")
        self.setOption(QWizard.WizardOption.NoDefaultButton, True)  # Enter adds an 议题
        self._size_to_screen()

    @property
    def work(self) -> MeetingForm:
        """The working form: what the steps left so far (a later step reads it)."""
        form = self._form
        assert isinstance(form, MeetingForm)
        return form

    def _size_to_screen(self) -> None:
        width, height = 1000, 690
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width() - 20)
            height = min(height, available.height() - 20)
        self.resize(width, height)

    def window_title(self) -> str:
        form = self.form()
        if self.record_id is None:
            title = f"新建会议记录：{form.kind.label}"
        elif self.mode is Mode.AMEND:
            title = f"更正：{self.record_title(form)}"
        else:
            state = STATE_WORDS.get(self.mode, "")
            if self.late and state:
                state = state[:-1] + "，补录）"
            title = f"{self.record_title(form)}{state}"
        return f"{title} — {APP_NAME}"

    def data_root(self) -> Path | None:
        """完成并打印… is offered: the preview's scratch files go in the data folder."""
        return self.attachments_dir.parent

    def late_note(self, form: MeetingForm) -> str:
        if self.mode not in (Mode.NEW, Mode.DRAFT) or form.held_on > self.today():
            return ""
        if not records.is_late(form.held_on, recorded_on=self.today()):
            return ""
        days = (self.today() - form.held_on).days
        return f"这次会议已过去{days}天，完成后会在台账中标为“补录”，如实反映登记时间。"

    def print_notice(self) -> object:
        """打印会议通知…: a missing time or place is said first, in the service's words (and
        nothing is kept); then the draft is kept (the notice is built from the record) and
        the notice built once, on the preview's worker — 打印, 另存为 PDF/Word from there."""
        from jianshi_desktop.gui.documents.preview import BUSY_TEXT, open_preview
        from jianshi_desktop.services import documents as svc

        form = self.form()
        try:
            svc.check_notice_ready(form.starts_at, form.place)
        except UserError as exc:
            messages.show_error(self, exc, title="无法生成会议通知")
            return None
        try:
            meeting_id = self.keep_draft()
        except UserError as exc:
            self.show_service_error(exc, title="草稿没能保存")
            return None
        if meeting_id is None:
            return None
        try:
            stem = svc.notice_stem(meeting_id)
        except UserError as exc:
            messages.show_error(self, exc, title="无法生成会议通知")
            return None
        task = open_preview(
            self,
            "会议通知",
            lambda: svc.meeting_notice(meeting_id),
            stem,
            self.attachments_dir.parent,
        )
        if task is None:
            self.status.emit(BUSY_TEXT)
        return task

    # --- what the framework's lifecycle leaves to the kind ------------------------------

    def finish_record(self, form: Any, record_id: int | None) -> int:
        meeting_id = super().finish_record(form, record_id)
        self.late = MEETING.state(meeting_id)[1]
        return meeting_id

    def review_html(self, form: Any) -> str:
        return summary_html(form, self.names, self.group_names)

    def review_notes(self, form: Any) -> list[str]:
        note = self.late_note(form)
        return [note] if note else []

    def status_text(self, outcome: str) -> str:
        if outcome == "finished":
            late = "（补录）" if self.late else ""
            return f"已完成{self.record_title(self.form())}的会议记录{late}。"
        return super().status_text(outcome)

    def describe_value(self, key: str, value: object) -> str:
        if key in ("chair_id", "recorder_id"):
            return self.names.get(value, "") if isinstance(value, int) else ""
        if key == "kind":
            try:
                return MeetingKind(str(value)).label
            except ValueError:
                return str(value)
        return super().describe_value(key, value)


# --- opening -------------------------------------------------------------------------------


def new_meeting_wizard(
    parent: QWidget | None,
    form: MeetingForm,
    *,
    attachments_dir: Path,
    today: Callable[[], dt.date] = dt.date.today,
) -> MeetingWizard:
    """A wizard for a new record (from 新建 or 复制上次)."""
    return MeetingWizard(parent, form=form, attachments_dir=attachments_dir, today=today)


def open_meeting_wizard(
    parent: QWidget | None,
    meeting_id: int,
    *,
    attachments_dir: Path,
    amend: bool = False,
    today: Callable[[], dt.date] = dt.date.today,
) -> MeetingWizard:
    """A saved record: a draft resumes, a finished one is edited, an archived one is
    shown read-only (or, with ``amend``, opened for a correction)."""
    form = MEETING.read(meeting_id)
    state, late = MEETING.state(meeting_id)
    mode = STATE_MODES[state]
    if amend and mode is Mode.READ_ONLY:
        mode = Mode.AMEND
    return MeetingWizard(
        parent,
        form=form,
        attachments_dir=attachments_dir,
        meeting_id=meeting_id,
        mode=mode,
        late=late,
        today=today,
    )


__all__ = [
    "MeetingWizard",
    "new_meeting_wizard",
    "open_meeting_wizard",
    "summary_html",
]
