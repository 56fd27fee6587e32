"""The 会议通知 (issue 14): printed from a meeting's first step, before it takes place,
from the same record — time, place, agenda, who attends, whom to tell of an absence — in
Word and PDF; nothing that is not filled; a Chinese error while time or place is empty."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from jianshi_desktop.db import models
from jianshi_desktop.documents.notices import MeetingNoticeContent, notice_document
from jianshi_desktop.domain.enums import AttendanceRole, MeetingKind, RecordState
from jianshi_desktop.errors import UserError
from jianshi_desktop.services import demo, documents, meetings
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.services.store import Store
from tests.support import opened, run_main

from .document_helpers import BRANCH, docx_text, pdf_text

TODAY = dt.date(2026, 12, 1)
DAY = dt.date(2026, 12, 15)  # a Tuesday


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=TODAY)
    return store


def draft(kind: MeetingKind, **fields: object) -> int:
    form = meetings.new_meeting_form(kind, on=DAY)
    for name, value in fields.items():
        setattr(form, name, value)
    return MEETING.save_draft(form)


def test_a_draft_assemblys_notice_says_when_where_what_who_and_whom_to_ask(
    branch: Store, tmp_path: Path
) -> None:
    meeting_id = draft(
        MeetingKind.GENERAL_ASSEMBLY,
        starts_at="16:00",
        ends_at="17:30",
        place="学校三楼会议室",
        agenda=[meetings.AgendaEntry("讨论接收预备党员"), meetings.AgendaEntry("学习党章")],
    )
    assert models.Meeting.get_by_id(meeting_id).state is RecordState.DRAFT
    form = meetings.load_meeting(meeting_id)
    secretary = models.Member.get_by_id(meetings.secretary_id(DAY)).name
    expected = [a.name for a in form.attendance if a.role is AttendanceRole.EXPECTED]
    document = documents.meeting_notice(meeting_id)
    assert document.title == "关于召开支部党员大会的通知"
    docx, pdf = documents.write(document, tmp_path, documents.notice_stem(meeting_id))
    assert docx.name == "2026年12月15日支部党员大会会议通知.docx"
    for text in (pdf_text(pdf), docx_text(docx)):
        assert "关于召开支部党员大会的通知" in text
        assert "全体党员：" in text
        assert "时间：2026年12月15日（星期二）16:00—17:30" in text
        assert "地点：学校三楼会议室" in text
        assert "议题：1.讨论接收预备党员；2.学习党章" in text
        assert "参加人员：" + "、".join(expected) + f"（共{len(expected)}人）" in text
        assert f"因故不能参加者，请提前向支部书记{secretary}请假。" in text
        assert BRANCH in text
        assert "列席" not in text  # nobody to sit in: no line for it


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({"starts_at": "", "place": "学校会议室"}, "开始时间"),
        ({"starts_at": "16:00", "place": ""}, "地点"),
        ({"starts_at": "", "place": ""}, "开始时间和地点"),
    ],
)
def test_without_time_or_place_it_says_what_to_fill_first(
    branch: Store, fields: dict[str, str], missing: str
) -> None:
    meeting_id = draft(MeetingKind.COMMITTEE, **fields)
    with pytest.raises(UserError) as raised:
        documents.meeting_notice(meeting_id)
    assert f"还没有填写{missing}" in raised.value.message
    assert "第一步" in raised.value.hint


def test_a_group_meeting_goes_to_the_group_and_to_its_leader(branch: Store) -> None:
    group = models.PartyGroup.select().where(models.PartyGroup.leader.is_null(False)).first()
    assert group is not None
    form = meetings.new_meeting_form(MeetingKind.GROUP, on=DAY, party_group_id=group.id)
    form.starts_at, form.place = "15:30", "党员活动室"
    meeting_id = MEETING.save_draft(form)
    content = documents.notice_content(meeting_id, today=TODAY)
    leader = models.Member.get_by_id(group.leader_id).name
    assert content.leave_to == ("党小组组长", leader)
    document = notice_document(content)
    assert document.title == f"关于召开{group.name}会议的通知"
    texts = [getattr(b, "text", "") for b in document.blocks]
    assert texts[0] == f"{group.name}各位党员："
    assert not any("议题" in t for t in texts)  # no agenda yet: no line for it
    assert any(t.endswith(f"请提前向党小组组长{leader}请假。") for t in texts)
    assert documents.notice_stem(meeting_id) == f"2026年12月15日{group.name}会议通知"


def test_a_lecture_notice_names_the_lecturer_and_title() -> None:
    content = MeetingNoticeContent(
        branch=BRANCH,
        kind="lecture",
        kind_label="党课",
        held_on=DAY,
        starts_at="16:00",
        place="学校会议室",
        issued_on=TODAY,
        lecturer="曾丽佳",
        lecture_title="学习贯彻党章",
        attendees=("曾丽佳", "邵超"),
        observers=("李列席",),
    )
    document = notice_document(content)
    texts = [getattr(b, "text", "") for b in document.blocks]
    assert document.title == "关于讲授党课的通知"
    assert "讲课人：曾丽佳" in "".join(texts) and "党课题目：学习贯彻党章" in "".join(texts)
    assert any("列席人员：李列席" in t for t in texts)
    # nobody known to tell of an absence: the sentence names no one
    assert any(t.endswith("因故不能参加者，请提前请假。") for t in texts)


def test_render_notice_on_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with opened(data):
        demo.fill_demo(today=TODAY)
        meeting_id = draft(MeetingKind.COMMITTEE, starts_at="16:00", place="校长办公室")
        empty = draft(MeetingKind.COMMITTEE, starts_at="", place="")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return run_main("--data-dir", str(data), "render", "notice", *args, timeout=180)

    done = run("--id", str(meeting_id), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "已生成会议通知" in done.stdout
    files = sorted((tmp_path / "out").iterdir())
    assert [f.name for f in files] == [
        "2026年12月15日支委会会议通知.docx",
        "2026年12月15日支委会会议通知.pdf",
    ]
    assert "关于召开支部委员会会议的通知" in pdf_text(files[1])
    refused = run("--id", str(empty), "--out", str(tmp_path / "out"))
    assert refused.returncode == 1 and "还没有填写开始时间和地点" in refused.stderr
    missing = run("--id", "99999")
    assert missing.returncode == 1 and "没有编号为 99999" in missing.stderr
