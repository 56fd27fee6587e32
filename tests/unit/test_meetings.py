"""Recording 三会一课 through the service the wizard uses."""

from __future__ import annotations

import datetime as dt

import pytest

from jianshi_desktop.db import models
from jianshi_desktop.domain.enums import MeetingKind, Presence, RecordState, ResolutionKind
from jianshi_desktop.domain.meetings import VoteOutcome, no_resolution_text
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import demo, meetings
from jianshi_desktop.services.attachments import entry_for
from jianshi_desktop.services.meetings import AgendaEntry, ResolutionEntry, SpeechEntry
from jianshi_desktop.services.organization import current_term, list_groups
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.services.store import Store

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=TODAY, with_records=False)
    return store


def committee_form(on: dt.date = dt.date(2026, 11, 20)) -> meetings.MeetingForm:
    form = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=on)
    form.place = "学校会议室"
    form.starts_at, form.ends_at = "15:30", "16:40"
    form.agenda = [
        AgendaEntry(
            "研究本月党建工作",
            speeches=[SpeechEntry(form.chair_id, "曾丽佳", "通报上月工作，安排本月主题党日。")],
        )
    ]
    form.resolutions = [ResolutionEntry("12月主题党日到敬老院开展志愿服务", 0, 4, 0, 0)]
    return form


def test_expected_attendance_by_kind(branch: Store) -> None:
    everyone = meetings.expected_attendance(MeetingKind.GENERAL_ASSEMBLY, on=TODAY)
    assert len(everyone) == 23
    assert sum(not a.has_vote for a in everyone) == 2  # the two probationary members
    committee = meetings.expected_attendance(MeetingKind.COMMITTEE, on=TODAY)
    term = current_term(today=TODAY)
    assert term is not None
    assert {a.member_id for a in committee} == {p.member_id for p in term.posts if p.member_id}
    group = list_groups()[0]
    in_group = meetings.expected_attendance(MeetingKind.GROUP, on=TODAY, party_group_id=group.id)
    assert len(in_group) == group.member_count
    assert all(a.presence is Presence.PRESENT for a in everyone)


def test_defaults_come_from_what_the_app_knows(branch: Store) -> None:
    first = committee_form()
    first.recorder_id = first.attendance[1].member_id
    MEETING.finish(first, today=TODAY)
    again = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=TODAY)
    assert again.chair_id == meetings.secretary_id(TODAY)  # the secretary chairs
    assert again.recorder_id == first.recorder_id  # last time's recorder
    assert again.place == "学校会议室"  # the place used before
    assert meetings.known_places() == ["学校会议室"]


def test_the_default_recorder_is_someone_expected_at_the_meeting(branch: Store) -> None:
    # the recorder attends: a 党小组会 does not default to last time's recorder from
    # another group, nor to a 组织委员 who is not in the group
    first = committee_form()
    first.recorder_id = first.attendance[1].member_id
    MEETING.finish(first, today=TODAY)
    for group in list_groups():
        form = meetings.new_meeting_form(MeetingKind.GROUP, on=TODAY, party_group_id=group.id)
        in_group = {a.member_id for a in form.attendance}
        assert form.recorder_id is None or form.recorder_id in in_group, group.name
    outside = [
        g
        for g in list_groups()
        if first.recorder_id
        not in {
            a.member_id
            for a in meetings.expected_attendance(MeetingKind.GROUP, on=TODAY, party_group_id=g.id)
        }
    ]
    assert outside, "the demo has a group the last recorder is not in"


def test_finish_saves_everything_and_reads_back(branch: Store) -> None:
    form = committee_form()
    form.recorder_id = form.chair_id
    meeting_id = MEETING.finish(form, today=TODAY)
    loaded = meetings.load_meeting(meeting_id)
    assert loaded.agenda[0].speeches[0].content == "通报上月工作，安排本月主题党日。"
    assert loaded.resolutions[0].votes_for == 4
    assert models.Resolution.get().passed is True
    assert MEETING.state(meeting_id) == (RecordState.FINISHED, False)
    assert len(loaded.attendance) == len(form.attendance)


def test_missing_essentials_block_finishing_with_a_message(branch: Store) -> None:
    form = committee_form()
    form.recorder_id = None
    form.place = ""
    problems = {p.field: p.message for p in meetings.check_meeting(form, today=TODAY)}
    assert problems["recorder_id"] == "请选择记录人。"
    assert problems["place"] == "请填写会议地点。"
    with pytest.raises(ValidationError):
        MEETING.finish(form, today=TODAY)
    assert models.Meeting.select().count() == 0


def test_absence_needs_a_reason(branch: Store) -> None:
    form = committee_form()
    form.recorder_id = form.chair_id
    form.attendance[0].presence = Presence.ON_LEAVE
    messages = [p.message for p in meetings.check_meeting(form, today=TODAY)]
    assert any("请假的原因" in m for m in messages)


def test_short_of_quorum_records_but_cannot_resolve(branch: Store) -> None:
    # 支部工作条例 art. 12: a 支委会 needs more than half of the committee present; without
    # it there is no resolution, only "未形成决议" and why (rules.md §7).
    # Changed (issue 11): this test used to finish with the resolution recorded without a
    # vote; that is refused now.
    form = committee_form()
    form.recorder_id = form.chair_id
    others = [e for e in form.attendance if e.member_id != form.chair_id]
    for entry in others[:3]:
        entry.presence, entry.reason = Presence.ABSENT, "外出培训"
    problems = meetings.check_meeting(form, today=TODAY)
    assert any("不能表决" in p.message for p in problems if p.is_error)
    form.resolutions[0].votes_for = None  # recorded without a vote: still a resolution
    form.resolutions[0].votes_against = form.resolutions[0].votes_abstain = None
    with pytest.raises(ValidationError) as caught:
        MEETING.finish(form, today=TODAY)
    assert "不能作出决议" in caught.value.message and "未形成决议" in caught.value.message
    form.resolutions = []  # and not silently without one either
    with pytest.raises(ValidationError) as caught:
        MEETING.finish(form, today=TODAY)
    assert "未形成决议" in caught.value.message

    form.resolutions = [ResolutionEntry(no_resolution_text(form.kind, form.headcount()))]
    problems = meetings.check_meeting(form, today=TODAY)
    assert [p.severity for p in problems] == ["warning"]
    MEETING.finish(form, today=TODAY)
    saved = models.Resolution.get()
    assert saved.passed is None and saved.text.startswith("未形成决议。原因：应到支部委员")


def test_a_general_assembly_of_one_in_23_cannot_accept_a_member(branch: Store) -> None:
    # 支部工作条例 art. 11; 发展党员工作细则（2014）art. 24: a 党员大会 decides only with more
    # than half of the members with a vote present. 1 of 23 finished with "同意接收张某为
    # 预备党员" and no vote at all, with only a warning.
    form = meetings.new_meeting_form(MeetingKind.GENERAL_ASSEMBLY, on=dt.date(2026, 11, 20))
    form.place, form.recorder_id = "学校会议室", form.chair_id
    form.agenda = [AgendaEntry("讨论接收预备党员")]
    for entry in form.attendance:
        if entry.member_id != form.chair_id:
            entry.presence, entry.reason = Presence.ON_LEAVE, "外出"
    assert form.headcount().present == 1 and form.headcount().expected == 23
    form.resolutions = [ResolutionEntry("同意接收张某为预备党员", 0)]
    with pytest.raises(ValidationError) as caught:
        MEETING.finish(form, today=TODAY)
    assert "应到有表决权的党员21名，实到1名" in caught.value.message
    assert "未形成决议" in caught.value.message
    form.resolutions = [ResolutionEntry("未形成决议", 0)]  # the reason is required
    with pytest.raises(ValidationError):
        MEETING.finish(form, today=TODAY)
    assert models.Meeting.select().count() == 0


def test_a_draft_survives_and_only_drafts_can_be_deleted(branch: Store) -> None:
    form = committee_form()
    form.place = ""  # incomplete is fine for a draft
    draft = MEETING.save_draft(form)
    assert MEETING.state(draft)[0] is RecordState.DRAFT
    assert meetings.load_meeting(draft).agenda[0].title == "研究本月党建工作"
    MEETING.delete_draft(draft)
    done = committee_form()
    done.recorder_id = done.chair_id
    finished = MEETING.finish(done, today=TODAY)
    with pytest.raises(ValidationError) as caught:
        MEETING.delete_draft(finished)
    assert "只有草稿可以删除" in str(caught.value)


def test_late_entry_is_marked(branch: Store) -> None:
    form = committee_form(on=dt.date(2026, 9, 1))
    form.recorder_id = form.chair_id
    meeting_id = MEETING.finish(form, today=TODAY)
    assert MEETING.state(meeting_id) == (RecordState.FINISHED, True)
    rows = meetings.list_meetings(year=2026, late_only=True)
    assert [r.id for r in rows] == [meeting_id]


def test_archived_records_are_read_only_and_amended_with_the_original_kept(branch: Store) -> None:
    form = committee_form()
    form.recorder_id = form.chair_id
    meeting_id = MEETING.finish(form, today=TODAY)
    MEETING.archive(meeting_id)
    form.place = "党员活动室"
    with pytest.raises(ValidationError):
        MEETING.finish(form, record_id=meeting_id, today=TODAY)
    with pytest.raises(ValidationError):
        MEETING.amend(meeting_id, form, reason="  ", today=TODAY)
    MEETING.amend(meeting_id, form, reason="地点记错", today=TODAY)
    assert meetings.load_meeting(meeting_id).place == "党员活动室"
    amendment = models.Amendment.get()
    assert amendment.before["place"] == "学校会议室"
    assert amendment.reason == "地点记错"
    assert MEETING.state(meeting_id)[0] is RecordState.ARCHIVED
    assert meetings.list_meetings()[0].amended


def test_copy_last_keeps_place_and_agenda_with_fresh_date_and_attendance(branch: Store) -> None:
    form = committee_form()
    form.recorder_id = form.chair_id
    # Changed (issue 11): the absent one was attendance[0], the chair; the chair attends.
    form.attendance[-1].presence, form.attendance[-1].reason = Presence.ABSENT, "病假"
    form.resolutions[0].votes_for = 3
    meeting_id = MEETING.finish(form, today=TODAY)
    copy = MEETING.copy_last(meeting_id, on=dt.date(2026, 12, 20))
    assert copy.held_on == dt.date(2026, 12, 20)
    assert copy.place == "学校会议室"
    assert [a.title for a in copy.agenda] == ["研究本月党建工作"]
    assert copy.resolutions == [] and copy.agenda[0].speeches == []
    assert all(a.presence is Presence.PRESENT for a in copy.attendance)


def test_attachments_are_copied_in_by_content(branch: Store, tmp_path: object) -> None:
    from pathlib import Path

    photo = Path(str(tmp_path)) / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8fake jpeg")
    entry = entry_for(branch.data.attachments, photo)
    photo.unlink()  # the original may be on a stick that is gone tomorrow
    form = committee_form()
    form.recorder_id = form.chair_id
    form.attachments = [entry, entry_for(branch.data.attachments, _copy(entry, branch, tmp_path))]
    meeting_id = MEETING.finish(form, today=TODAY)
    saved = meetings.load_meeting(meeting_id).attachments
    assert len(saved) == 2 and saved[0].sha256 == saved[1].sha256
    blobs = [p for p in branch.data.attachments.rglob("*") if p.is_file()]
    assert len(blobs) == 1  # stored once


def _copy(entry: object, store: Store, tmp_path: object) -> object:
    """The stored file copied out under another name, as 打开 in the window opens it."""
    import shutil
    from pathlib import Path

    from jianshi_desktop.services.attachments import AttachmentEntry, blob_path

    assert isinstance(entry, AttachmentEntry)
    target = Path(str(tmp_path)) / "again.jpg"
    shutil.copyfile(blob_path(store.data.attachments, entry.sha256), target)
    return target


def test_a_finished_meeting_is_not_saved_back_as_a_draft(branch: Store) -> None:
    form = committee_form()
    form.recorder_id = form.chair_id
    meeting_id = MEETING.finish(form, today=TODAY)
    form.place = ""
    with pytest.raises(ValidationError) as caught:
        MEETING.save_draft(form, record_id=meeting_id)
    assert "不能再存为草稿" in caught.value.message
    assert meetings.load_meeting(meeting_id).place == "学校会议室"


def test_the_list_shows_every_agenda_item(branch: Store) -> None:
    form = committee_form()
    form.recorder_id = form.chair_id
    form.agenda.append(AgendaEntry("研究发展党员工作"))
    MEETING.finish(form, today=TODAY)
    (row,) = meetings.list_meetings()
    assert row.topic == "研究本月党建工作；研究发展党员工作"


# ---- the chair, the recorder and the lecturer attend (issue 11) ------------------------
# 支部工作条例 ch. 5 (rules.md §7): the 书记 convenes and chairs; when absent, a 副书记 or a
# 委员 entrusted by the 书记 chairs. The recorder and a lecturer are present too. Today's
# code printed 主持人 曾丽佳 beside 曾丽佳（请假：外出培训）.


def _mark(form: meetings.MeetingForm, member_id: int | None, presence: Presence) -> None:
    for entry in form.attendance:
        if entry.member_id == member_id:
            entry.presence, entry.reason = presence, "外出培训"


def test_a_chair_or_recorder_on_leave_is_refused(branch: Store) -> None:
    form = committee_form()
    form.recorder_id = form.attendance[1].member_id
    _mark(form, form.chair_id, Presence.ON_LEAVE)
    with pytest.raises(ValidationError) as caught:
        MEETING.finish(form, today=TODAY)
    assert caught.value.field == "chair_id"
    assert "主持人曾丽佳在出席情况中是“请假”，不能主持会议" in caught.value.message
    _mark(form, form.chair_id, Presence.PRESENT)
    _mark(form, form.recorder_id, Presence.ABSENT)
    with pytest.raises(ValidationError) as caught:
        MEETING.finish(form, today=TODAY)
    assert caught.value.field == "recorder_id" and "不能记录会议" in caught.value.message
    assert models.Meeting.select().count() == 0


def test_a_lecturer_who_is_a_member_attends_the_lecture(branch: Store) -> None:
    form = meetings.new_meeting_form(MeetingKind.LECTURE, on=dt.date(2026, 11, 20))
    form.place, form.title = "学校会议室", "学习党章"
    form.recorder_id = form.attendance[-1].member_id
    assert form.lecturer_id is not None
    _mark(form, form.lecturer_id, Presence.ON_LEAVE)
    problems = {p.field: p.message for p in meetings.check_meeting(form, today=TODAY)}
    assert "讲课人曾丽佳在出席情况中是“请假”" in problems["lecturer"]


def test_the_secretary_absent_the_entrusted_chair_is_recorded_and_printed(
    branch: Store,
) -> None:
    from jianshi_desktop.documents.records import minutes_document
    from jianshi_desktop.services.documents import minutes_content

    form = committee_form()
    secretary = meetings.secretary_id(form.held_on)
    deputy = next(e for e in form.attendance if e.member_id != secretary)
    form.chair_id = form.recorder_id = deputy.member_id
    _mark(form, secretary, Presence.ON_LEAVE)
    form.resolutions[0].votes_for = form.headcount().voters_present
    assert meetings.entrusted_chair(form)
    meeting_id = MEETING.finish(form, today=TODAY)
    assert models.Meeting.get_by_id(meeting_id).entrusted_chair is True
    content = minutes_content(meeting_id)
    assert content.entrusted_chair
    cells = [cell.text for row in minutes_document(content).blocks[0].rows for cell in row]
    assert f"{deputy.name}（受委托主持）" in cells

    plain = committee_form()
    plain.recorder_id = plain.chair_id
    assert not meetings.entrusted_chair(plain)
    other = MEETING.finish(plain, today=TODAY)
    assert models.Meeting.get_by_id(other).entrusted_chair is False


def test_the_demo_has_no_meeting_without_its_chair_or_recorder(branch: Store) -> None:
    from jianshi_desktop.services.demo_records import fill_demo_records

    fill_demo_records(today=TODAY)
    finished = [m for m in models.Meeting.select() if m.state is not RecordState.DRAFT]
    assert len(finished) >= 40
    for meeting in finished:
        away = {
            a.member_id
            for a in models.Attendance.select().where(
                (models.Attendance.meeting == meeting) & (models.Attendance.presence != "present")
            )
        }
        assert not away & {meeting.chair_id, meeting.recorder_id, meeting.lecturer_id}


def _assembly_with_six_voters_away() -> meetings.MeetingForm:
    """A 支部党员大会 on 2026-11-20: 21 voters expected, 15 present, 6 on leave."""
    form = meetings.new_meeting_form(MeetingKind.GENERAL_ASSEMBLY, on=dt.date(2026, 11, 20))
    form.place, form.recorder_id = "学校会议室", form.chair_id
    form.agenda = [AgendaEntry("讨论接收预备党员")]
    away = [a for a in form.attendance if a.has_vote and a.member_id != form.chair_id][:6]
    for entry in away:
        entry.presence, entry.reason = Presence.ON_LEAVE, "外出培训"
    count = form.headcount()
    assert (count.voters_expected, count.voters_present, count.voters_absent) == (21, 15, 6)
    return form


def test_written_opinions_of_absent_voters_pass_an_admission_and_are_kept(
    branch: Store,
) -> None:
    # 发展党员工作细则（2014）; rules.md §7: absent voters' written opinions count in the
    # per-person vote on 接收预备党员 — 9 yes present + 2 written yes = 11 > 21/2 — but
    # never toward the quorum. Before, they were refused as "票数有误".
    form = _assembly_with_six_voters_away()
    admission = ResolutionEntry(
        "同意接收张某为预备党员",
        0,
        9,
        5,
        1,
        kind=ResolutionKind.ADMISSION,
        written_for=2,
        written_against=1,
    )
    form.resolutions = [admission]
    result = form.vote(admission)
    assert result is not None and result.outcome is VoteOutcome.PASSED
    meeting_id = MEETING.finish(form, today=TODAY)
    loaded = meetings.load_meeting(meeting_id).resolutions[0]
    assert (loaded.kind, loaded.written_for, loaded.written_against) == (
        ResolutionKind.ADMISSION,
        2,
        1,
    )
    assert models.Resolution.get().passed is True


def test_written_opinions_are_refused_for_a_plain_resolution_or_beyond_the_absent(
    branch: Store,
) -> None:
    # rules.md §7: written opinions count only in per-person votes, one per absent voter
    form = _assembly_with_six_voters_away()
    form.resolutions = [ResolutionEntry("同意开展志愿服务", 0, 15, 0, 0, written_for=1)]
    with pytest.raises(ValidationError) as caught:
        MEETING.finish(form, today=TODAY)
    assert "本项决议不计书面意见" in caught.value.message
    form.resolutions = [
        ResolutionEntry(
            "同意张某转为正式党员",
            0,
            15,
            0,
            0,
            kind=ResolutionKind.FULL_MEMBERSHIP,
            written_for=7,
        )
    ]
    with pytest.raises(ValidationError) as caught:
        MEETING.finish(form, today=TODAY)
    assert "超过了未到会的有表决权党员6人" in caught.value.message
    assert models.Meeting.select().count() == 0
