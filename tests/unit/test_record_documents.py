"""Documents made from real records (the demo branch), read back from Word and PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jianshi_desktop.domain.enums import (
    AttendanceRole,
    HeartTalkKind,
    MeetingKind,
    Presence,
    ResolutionKind,
)
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.services import demo, documents, heart_talks, meetings
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.services.store import Store

from .document_helpers import BRANCH, docx_text, pdf_text, pypdf

TODAY = dt.date(2026, 11, 26)
Q3 = parse_period("2026Q3")


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=TODAY)
    return store


def test_minutes_of_a_committee_meeting(branch: Store, tmp_path: Path) -> None:
    ref = next(r for r in documents.records_in(Q3) if "支委会" in r.line)
    form = meetings.load_meeting(ref.id)
    docx, pdf = documents.write(
        documents.record_document("meeting", ref.id),
        tmp_path,
        documents.record_file_stem("meeting", ref.id),
    )
    assert docx.name == "2026年7月5日支委会会议记录.docx" and pdf.suffix == ".pdf"
    for text in (pdf_text(pdf), docx_text(docx)):
        assert "支部委员会会议记录" in text
        assert "2026年7月5日" in text and form.place in text
        assert form.agenda[0].title.replace(" ", "") in text
        assert "主持人（签字）" in text
        assert "同意" in text and "通过" in text


def test_a_late_and_an_amended_record_say_so(branch: Store) -> None:
    rows = meetings.list_meetings()
    late = next(r for r in rows if r.late_entry)
    amended = next(r for r in rows if r.amended)
    late_content = documents.minutes_content(late.id)
    assert late_content.notes.late_entry
    assert any(
        "会议地点记录有误" in line
        for line in documents.minutes_content(amended.id).notes.amendments
    )


def test_ledger_keeps_confidential_talks_out_unless_asked(branch: Store) -> None:
    year = parse_period("2026")
    (secret,) = [
        t for t in heart_talks.list_heart_talks(year=2026) if t.kind is HeartTalkKind.REMINDER
    ]
    kept_out = {(r.record_type, r.id) for r in documents.records_in(year)}
    asked = {(r.record_type, r.id) for r in documents.records_in(year, include_confidential=True)}
    assert ("heart_talk", secret.id) not in kept_out
    assert asked - kept_out == {("heart_talk", secret.id)}
    dates = [r.held_on for r in documents.records_in(year)]
    assert dates == sorted(dates), "a ledger runs in date order"


def test_ledger_pdf_has_cover_contents_and_every_record(branch: Store, tmp_path: Path) -> None:
    document = documents.ledger(Q3, today=TODAY)
    (pdf,) = documents.write(document, tmp_path, documents.ledger_stem(Q3), "pdf")
    reader = pypdf.PdfReader(str(pdf))
    assert len(reader.pages) >= len(documents.records_in(Q3)) + 2
    cover = reader.pages[0].extract_text().replace(" ", "")
    assert "党建工作台账" in cover and "2026年第三季度" in cover
    contents = reader.pages[1].extract_text().replace(" ", "")
    assert "目录" in contents and "7月5日支委会会议记录" in contents
    for page in reader.pages:
        for font in page.get("/Resources", {}).get("/Font", {}).values():
            descriptor = (
                font.get_object()
                .get("/DescendantFonts", [font])[0]
                .get_object()
                .get("/FontDescriptor")
            )
            if descriptor is not None:
                assert "/FontFile2" in descriptor.get_object(), "every font embedded"


def test_roster_masks_ids_unless_asked(branch: Store, tmp_path: Path) -> None:
    (masked,) = documents.write(
        documents.roster(masked=True, today=TODAY), tmp_path, "masked", "pdf"
    )
    (full,) = documents.write(documents.roster(masked=False, today=TODAY), tmp_path, "full", "pdf")
    assert "422822********116X" in pdf_text(masked)
    assert "42282219731125116X" not in pdf_text(masked)
    assert "42282219731125116X" in pdf_text(full)


def test_report_draft_starts_from_the_figures(branch: Store, tmp_path: Path) -> None:
    draft = documents.report_draft(Q3, today=TODAY)
    assert draft.title == "关于建始县青山湾小学党支部2026年第三季度党建工作情况的报告"
    # 党员大会: the quarter's own, and the demo's 接收 and 转正 (September)
    assert "支委会3次" in draft.sections[0].text and "支部党员大会2次" in draft.sections[0].text
    draft.sections[1].text = "一是坚持每月固定主题党日。"
    draft.sections[3].text = "下一步继续抓好“三会一课”。"
    draft.issuer, draft.document_number = BRANCH, "青小支〔2026〕3号"
    docx, pdf = documents.write(documents.report(draft), tmp_path, documents.report_stem(draft))
    text = pdf_text(pdf)
    assert "青小支〔2026〕3号" in text and "一是坚持每月固定主题党日" in text
    assert "—1—" in text
    assert "一是坚持每月固定主题党日" in docx_text(docx)


def test_an_unfinished_quarter_lists_what_is_missing(store: Store) -> None:
    demo.fill_demo(today=TODAY, with_records=False)
    draft = documents.report_draft(Q3, today=TODAY)
    # rules.md §7: a finished period lists what is open and by when
    text = draft.sections[2].text
    assert "2026年7月支委会（应1次，已0次，期限2026年7月31日）" in text
    assert "没有按期完成" in text and "均已" not in text


def test_theme_day_and_talk_records(branch: Store, tmp_path: Path) -> None:
    refs = documents.records_in(Q3)
    day = next(r for r in refs if r.record_type == "theme_day")
    talk = next(r for r in refs if r.record_type == "heart_talk")
    (pdf,) = documents.write(documents.record_document("theme_day", day.id), tmp_path, "day", "pdf")
    assert "主题党日活动记录" in pdf_text(pdf) and "规定动作" in pdf_text(pdf)
    (pdf,) = documents.write(
        documents.record_document("heart_talk", talk.id), tmp_path, "talk", "pdf"
    )
    assert "谈心谈话记录" in pdf_text(pdf) and "谈话对象（签字）" in pdf_text(pdf)
    assert documents.record_file_stem("theme_day", day.id) == "2026年7月主题党日活动记录"


def test_every_meeting_kind_renders(branch: Store, tmp_path: Path) -> None:
    rows = meetings.list_meetings(year=2026)
    for kind in MeetingKind:
        row = next(r for r in rows if r.kind is kind and r.state.value != "draft")
        (pdf,) = documents.write(
            documents.record_document("meeting", row.id), tmp_path, kind.value, "pdf"
        )
        assert ("党课记录" if kind is MeetingKind.LECTURE else "会议记录") in pdf_text(pdf)
        stem = documents.record_file_stem("meeting", row.id)
        assert stem.endswith("党课记录" if kind is MeetingKind.LECTURE else "会议记录")
        assert "党课党课" not in stem


def test_every_character_of_a_ledger_has_a_glyph(branch: Store, tmp_path: Path) -> None:
    from jianshi_desktop.documents.render_pdf import render_pdf

    result = render_pdf(documents.ledger(Q3, today=TODAY), tmp_path / "ledger.pdf")
    assert result.missing == "", "no character without a font (✓ is not in GB2312; √ is)"


# --- the report tells the truth about its period (rules.md §7, issue 11) ------------------


def report_text(draft: documents.ReportDraft) -> str:
    return "\n".join(f"{s.heading}\n{s.text}" for s in draft.sections)


def test_a_running_month_with_no_records_is_not_reported_as_done(store: Store) -> None:
    # rules.md §7: "A report states that all was done only when every obligation of the
    # period is done … A running period says 截至…" — nothing is recorded in November yet.
    demo.fill_demo(today=TODAY, with_records=False)
    draft = documents.report_draft(parse_period("2026-11"), today=TODAY)
    text = report_text(draft)
    assert "均已" not in text
    assert "截至2026年11月26日" in text
    assert "2026年11月主题党日（应1次，已0次，期限2026年11月30日）" in text
    assert "尚未到期" in text, "not yet due is not called undone"
    # the one item due before the month's end: 意识形态风险研判, 上报 by the 25th (issue 17)
    late = next(line for line in text.splitlines() if line.startswith("没有按期完成的："))
    assert late == (
        "没有按期完成的：2026年11月意识形态风险研判（应1次，已0次，期限2026年11月25日）。"
    )


def test_a_finished_month_with_no_records_lists_every_open_item(store: Store) -> None:
    demo.fill_demo(today=TODAY, with_records=False)
    text = documents.report_draft(parse_period("2026-10"), today=TODAY).sections[2].text
    assert "均已" not in text and "截至" not in text
    assert "没有按期完成" in text
    for item in ("2026年10月支委会", "第一党小组：2026年10月党小组会", "2026年10月主题党日"):
        assert item in text


def test_a_finished_quarter_with_everything_done_says_so(branch: Store) -> None:
    text = documents.report_draft(Q3, today=TODAY).sections[2].text
    assert text.startswith("对照上级要求，2026年第三季度的各项组织生活制度均已按要求落实")
    assert "支委会（应3次，已3次）" in text and "主题党日（应3次，已3次）" in text


def test_a_running_year_names_every_yearly_item_done_or_not(store: Store) -> None:
    # 建教党〔2020〕9号 asks 研究党建工作 and 意识形态专题研究 twice a year; 条例 art. 17 the
    # 组织生活会; rules.md §2 民主评议, 书记讲党课 and a talk with every member. On 6 December
    # the 组织生活会 and 民主评议 are still to come: the report must say so, with the date.
    today = dt.date(2026, 12, 6)
    demo.fill_demo(today=today)
    text = documents.report_draft(parse_period("2026"), today=today).sections[2].text
    assert "截至2026年12月6日" in text and "均已" not in text
    for label in ("组织生活会", "民主评议党员", "研究党建工作", "意识形态专题研究", "书记讲党课"):
        assert label in text, label
    assert "2026年组织生活会（应1次，已0次，期限2026年12月31日）" in text
    assert "2026年民主评议党员（应1次，已0次，期限2026年12月31日）" in text
    assert "名党员中有" in text and "没有谈话记录" in text
    assert "没有按期完成" not in text, "December is not over: nothing yearly is late yet"


def test_the_report_has_no_placeholder_and_is_not_made_until_written(
    branch: Store, tmp_path: Path
) -> None:
    # rules.md §7: the report goes upward as the branch's own statement; a part the
    # secretary has not written (主要做法, 下一步打算) is asked for, never printed empty.
    draft = documents.report_draft(Q3, today=TODAY)
    assert "请填写" not in report_text(draft)
    practices, plans = draft.sections[1], draft.sections[3]
    assert practices.ask and plans.ask and not practices.text and not plans.text
    with pytest.raises(documents.ReportUnfinished) as caught:
        documents.report(draft)
    assert caught.value.parts == ["二、主要做法和成效", "四、存在的问题和下一步打算"]
    assert "“二、主要做法和成效”" in caught.value.message

    practices.text = "（请填写本期间的主要做法和成效。）"  # the old placeholder, kept
    plans.text = "继续抓好组织生活。"
    with pytest.raises(documents.ReportUnfinished):
        documents.report(draft)
    practices.text = "坚持每月固定主题党日。"
    (pdf,) = documents.write(documents.report(draft), tmp_path, "报告", "pdf")
    assert "坚持每月固定主题党日" in pdf_text(pdf)


def test_periods_before_the_app_kept_records_are_named_not_judged(store: Store) -> None:
    # rules.md §7: the report claims compliance only for what every obligation shows; a
    # month before the branch kept its records here is neither done nor late, and says so.
    from jianshi_desktop.services.branch import change_records_from

    demo.fill_demo(today=TODAY, with_records=False)
    change_records_from(dt.date(2026, 11, 1), today=TODAY)
    october = documents.report_draft(parse_period("2026-10"), today=TODAY).sections[2].text
    assert "均已" not in october and "没有按期完成" not in october
    assert "没有需要对照" not in october
    assert "本支部从2026年11月1日开始用本程序记录" in october and "不作对照" in october

    year = documents.report_draft(parse_period("2026"), today=TODAY).sections[2].text
    assert "截至2026年11月26日" in year
    assert "本支部从2026年11月1日开始用本程序记录，此前的" in year and "不作对照" in year
    assert "2026年11月主题党日（应1次，已0次，期限2026年11月30日）" in year


def test_minutes_print_voters_present_absent_observers_and_written_opinions_apart(
    branch: Store, tmp_path: Path
) -> None:
    # rules.md §6–7 and 发展党员工作细则（2014）: the minutes of a 党员大会 give 应到/实到
    # with a vote as well as everyone's, who was there, the absent with reasons, 列席, and
    # for a per-person vote the counts with the written opinions of absent voters apart.
    form = meetings.new_meeting_form(MeetingKind.GENERAL_ASSEMBLY, on=dt.date(2026, 11, 20))
    form.place, form.recorder_id = "学校会议室", form.chair_id
    form.agenda = [meetings.AgendaEntry("讨论接收预备党员")]
    away = [a for a in form.attendance if a.has_vote and a.member_id != form.chair_id][:3]
    for entry in away:
        entry.presence, entry.reason = Presence.ON_LEAVE, "外出培训"
    form.attendance.append(
        meetings.AttendanceEntry(None, "李列席", role=AttendanceRole.OBSERVER, has_vote=False)
    )
    count = form.headcount()
    voters_present = count.voters_present
    form.resolutions = [
        meetings.ResolutionEntry(
            "同意接收张某为预备党员",
            0,
            voters_present - 1,
            1,
            0,
            kind=ResolutionKind.ADMISSION,
            written_for=2,
            written_against=1,
        )
    ]
    meeting_id = MEETING.finish(form, today=dt.date(2026, 11, 26))
    (pdf,) = documents.write(
        documents.record_document("meeting", meeting_id), tmp_path, "minutes", "pdf"
    )
    text = pdf_text(pdf).replace("\n", "")  # cells wrap their lines
    assert f"应到有表决权党员{count.voters_expected}人" in text
    assert f"实到有表决权党员{voters_present}人" in text
    assert f"应到人数{count.expected}人" in text and f"实到人数{count.present}人" in text
    assert "出席人员" in text and form.attendance[0].name in text
    assert f"{away[0].name}（请假：外出培训）" in text
    assert "李列席" in text
    assert (
        f"到会同意{voters_present - 1}票，反对1票，弃权0票；书面意见3份（同意2份，反对1份），通过"
    ) in text


def test_last_years_item_dismissed_with_a_reason_is_stated_with_it(store: Store) -> None:
    # rules.md §7: a report lists what is open; an item the secretary dismissed with
    # 不再提醒 is neither done nor silently late: the report says why, and when.
    from jianshi_desktop.services.reminders import dismiss_reminder, reminders

    demo.fill_demo(today=dt.date(2026, 12, 6))
    january = dt.date(2027, 1, 5)
    org_life = next(r for r in reminders(today=january) if r.kind == "last_year:org_life")
    assert org_life.dismissal is not None
    dismiss_reminder(org_life.dismissal, "书记长期病休，未能召开。", today=january)

    text = documents.report_draft(parse_period("2026"), today=january).sections[2].text
    assert "2026年组织生活会没有开展，原因：书记长期病休，未能召开（2027年1月5日说明）。" in text
    assert "2026年组织生活会（应1次" not in text, "not counted late a second time"
    assert "组织生活会（应" not in text, "nor counted as done"
    assert "均已" not in text
    assert "2026年民主评议党员（应1次，已0次，期限2026年12月31日）" in text, "still late"
    assert "没有按期完成" in text
    december = documents.report_draft(parse_period("2026-12"), today=january).sections[2].text
    assert "组织生活会" not in december, "a month does not cover a yearly item"


def test_the_report_counts_the_members_of_its_own_period(branch: Store) -> None:
    # rules.md §7: a period is judged with that period's members — a member who joins
    # today does not change what last quarter's report says about the branch.
    from jianshi_desktop.domain.enums import MemberStatus
    from jianshi_desktop.domain.members import MemberFields
    from jianshi_desktop.services import members

    def basics(period: str) -> str:
        return documents.report_draft(parse_period(period), today=TODAY).sections[0].text

    before_q3, before_q4 = basics("2026Q3"), basics("2026Q4")
    assert "到2026年9月30日有党员" in before_q3 and "支部现有党员" in before_q4
    members.add_member(
        MemberFields(name="新党员", joined_on=TODAY, status=MemberStatus.PROBATIONARY),
        today=TODAY,
    )
    assert basics("2026Q3") == before_q3
    assert basics("2026Q4") != before_q4
