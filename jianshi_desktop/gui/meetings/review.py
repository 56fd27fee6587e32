"""The last step of the meeting wizard, 核对: the whole record on one page, in the order of
the minutes (rules.md §6), what still needs doing, 添加附件… while the 附件 step is passed
over, and (更正) the reason."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import AttendanceRole, MeetingKind, Presence
from jianshi_desktop.domain.meetings import needs_quorum
from jianshi_desktop.domain.text import squeeze
from jianshi_desktop.gui.common.widgets import esc, set_role
from jianshi_desktop.gui.meetings.attendance_step import AttachmentsPage
from jianshi_desktop.gui.meetings.step import ordinal
from jianshi_desktop.gui.records.pickers import person_text
from jianshi_desktop.gui.records.wizard import DraftWizard, ReviewPage
from jianshi_desktop.services.meetings import (
    MeetingForm,
    ResolutionEntry,
    entrusted_chair,
    resolution_words,
)


class MeetingReviewPage(ReviewPage):
    form_name = "meeting_review"
    step_title = "核对"
    subtitle = (
        "请从头到尾看一遍。没有问题就点“完成”，或点“完成并打印…”直接打印；"
        "还没开完或没想好，可以先存为草稿。"
    )

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        # 附件, passed over while there are none: offered here instead
        self.attach_row = QWidget(self.ui)
        self.attach_button = QPushButton("添加附件…", self.attach_row)
        self.attach_button.setObjectName("addAttachmentsButton")
        self.attach_button.setAutoDefault(False)
        self.attach_button.clicked.connect(self._add_attachments)
        hint = QLabel("会议通知、签到表、现场照片等，有就添加；没有不用管。", self.attach_row)
        hint.setWordWrap(True)
        set_role(hint, "hint")
        row = QHBoxLayout(self.attach_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.attach_button)
        row.addWidget(hint, 1)
        body = self.ui.layout()
        if isinstance(body, QVBoxLayout):
            body.insertWidget(2, self.attach_row)  # under the record, above the history

    def attachments_step(self) -> int:
        return next(n for n, p in enumerate(self.owner.pages) if isinstance(p, AttachmentsPage))

    def show_review(self) -> None:
        super().show_review()
        self.attach_row.setVisible(self.owner.skips(self.attachments_step()))

    def _add_attachments(self) -> None:
        self.owner.go_to_step(self.attachments_step())


def _people(entries: list[str]) -> str:
    return "、".join(entries) if entries else "无"


def _chair_text(form: MeetingForm, names: dict[int, str]) -> str:
    if not form.chair_id:
        return "（未填写）"
    name = names.get(form.chair_id, "")
    return f"{name}（受委托主持）" if entrusted_chair(form) else name


def summary_html(
    form: MeetingForm,
    names: dict[int, str],
    group_names: dict[int, str],
) -> str:
    """The whole record on one page, in the order of the minutes (rules.md §6)."""
    lecture = form.kind is MeetingKind.LECTURE
    kind = form.kind.label
    if form.kind is MeetingKind.GROUP and form.party_group_id is not None:
        group = group_names.get(form.party_group_id, "")
        kind = f"{kind}（{group}）" if group else kind
    when = format_date(form.held_on)
    if form.starts_at or form.ends_at:
        when += f" {squeeze(form.starts_at)}—{squeeze(form.ends_at)}"
    rows: list[tuple[str, str]] = [
        ("会议类别", kind),
        ("时间", when),
        ("地点", squeeze(form.place) or "（未填写）"),
        ("主持人", _chair_text(form, names)),
        ("记录人", names.get(form.recorder_id, "") if form.recorder_id else "（未填写）"),
    ]
    if lecture:
        lecturer = person_text(form.lecturer_id, form.lecturer_name, names)
        rows += [
            ("讲课人", lecturer or "（未填写）"),
            ("党课题目", squeeze(form.title) or "（未填写）"),
            ("时长", f"{form.duration_minutes} 分钟" if form.duration_minutes else "（未填写）"),
        ]
    if form.tags:
        rows.append(("同时算作", "、".join(form.tags)))
    expected = [a for a in form.attendance if a.role is AttendanceRole.EXPECTED]
    count = form.headcount()
    leave = [f"{a.name}（{squeeze(a.reason) or '未写原因'}）" for a in expected
             if a.presence is Presence.ON_LEAVE]  # fmt: skip
    absent = [f"{a.name}（{squeeze(a.reason) or '未写原因'}）" for a in expected
              if a.presence is Presence.ABSENT]  # fmt: skip
    observers = [a.name for a in form.attendance if a.role is AttendanceRole.OBSERVER]
    rows += [
        ("应到", f"{count.expected} 人"),
        ("实到", f"{count.present} 人"),
        ("请假", _people(leave)),
        ("缺席", _people(absent)),
        ("列席", _people(observers)),
    ]
    parts = ['<table cellspacing="0" cellpadding="3">']
    for label, value in rows:
        parts.append(
            f'<tr><td style="color:#5A5A5A; padding-right:14px;" valign="top">{esc(label)}</td>'
            f"<td>{esc(value)}</td></tr>"
        )
    parts.append("</table>")
    if needs_quorum(form.kind) and expected:
        found = form.quorum()
        mark = "✓" if found.reached else "！"
        colour = "#1E6B35" if found.reached else "#C8161D"
        parts.append(f'<p style="color:{colour};">{mark} {esc(found.message)}</p>')
    if lecture:
        parts.append("<h3>党课主要内容</h3>")
        parts.append(f"<p>{esc(form.summary.strip()) or '（未填写）'}</p>")
    else:
        parts.append("<h3>议题和会议内容</h3>")
        for number, agenda in enumerate(form.agenda):
            parts.append(f"<p><b>议题{ordinal(number + 1)}：{esc(agenda.title)}</b></p>")
            if agenda.discussion.strip():
                parts.append(f"<p>讨论情况：{esc(agenda.discussion.strip())}</p>")
            for speech in agenda.speeches:
                who = person_text(speech.speaker_id, speech.speaker_name, names) or "（未写发言人）"
                parts.append(f"<p>{esc(who)}：{esc(speech.content.strip())}</p>")
            for resolution in form.resolutions:
                if resolution.agenda_index == number:
                    parts.append(_resolution_html(form, resolution))
        count_agenda = len(form.agenda)
        for resolution in form.resolutions:
            index = resolution.agenda_index
            if index is None or not 0 <= index < count_agenda:
                parts.append(_resolution_html(form, resolution))
        if not form.agenda:
            parts.append("<p>（还没有议题）</p>")
        if form.open_items.strip():
            parts.append(f"<h3>未尽事项</h3><p>{esc(form.open_items.strip())}</p>")
    parts.append("<h3>附件</h3>")
    if form.attachments:
        items = []
        for entry in form.attachments:
            caption = f"（{entry.caption.strip()}）" if entry.caption.strip() else ""
            items.append(f"<li>{esc(entry.kind.label)}：{esc(entry.file_name)}{esc(caption)}</li>")
        parts.append("<ul>" + "".join(items) + "</ul>")
    else:
        parts.append("<p>无</p>")
    return "".join(parts)


CHANGE_LABELS = {
    "kind": "会议类别",
    "held_on": "会议日期",
    "starts_at": "开始时间",
    "ends_at": "结束时间",
    "place": "地点",
    "chair_id": "主持人",
    "recorder_id": "记录人",
    "title": "党课题目",
    "lecturer_name": "讲课人",
    "duration_minutes": "时长",
    "tags": "同时算作",
    "summary": "党课内容",
    "open_items": "未尽事项",
    "agenda": "议题和发言",
    "attendance": "出席情况",
    "resolutions": "决议",
    "attachments": "附件",
}


def _resolution_html(form: MeetingForm, resolution: ResolutionEntry) -> str:
    text = esc(resolution_words(resolution)) or "（未写内容）"
    result = form.vote(resolution)
    if result is None:
        return f"<p>决议：{text}（不表决）</p>"
    votes = (
        f"同意 {resolution.votes_for or 0} 票，反对 {resolution.votes_against or 0} 票，"
        f"弃权 {resolution.votes_abstain or 0} 票"
    )
    if resolution.written:  # absent voters' written opinions, apart (rules.md §7)
        votes += (
            f"；书面意见 {resolution.written} 份（同意 {resolution.written_for or 0} 份，"
            f"反对 {resolution.written_against or 0} 份）"
        )
    return f"<p>决议：{text}<br>表决：{votes}；结果：<b>{esc(result.outcome.label)}</b></p>"
