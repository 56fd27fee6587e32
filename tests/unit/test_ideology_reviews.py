"""意识形态风险研判: its rules (domain.ideology), the service its wizard uses, the monthly
obligation with its 上报截止日, and the three documents printed from the reviews."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from jianshi_desktop.db import models
from jianshi_desktop.documents.ideology import (
    quarter_document,
    year_notice_document,
)
from jianshi_desktop.documents.model import Document, Heading, Paragraph, SignatureBlock, Table
from jianshi_desktop.documents.render_docx import render_docx
from jianshi_desktop.documents.render_pdf import render_pdf
from jianshi_desktop.domain import ideology
from jianshi_desktop.domain.compliance import Per, State, period_of
from jianshi_desktop.domain.enums import MeetingKind, MemberStatus, RiskLevel
from jianshi_desktop.domain.ideology import Finding, ReviewFacts
from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import (
    compliance,
    demo,
    ideology_reviews,
    meetings,
    members,
    reminders,
)
from jianshi_desktop.services.ideology_reviews import AreaEntry, IdeologyReviewForm
from jianshi_desktop.services.meetings import AgendaEntry
from jianshi_desktop.services.record_kinds import IDEOLOGY_REVIEW, MEETING
from jianshi_desktop.services.store import Store
from tests.unit.document_helpers import docx_text, pdf_text, require

TODAY = dt.date(2026, 11, 26)
SEPT = dt.date(2026, 9, 16)
OCT = dt.date(2026, 10, 14)
NOV = dt.date(2026, 11, 18)
NET = "校园网络和新媒体"


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=TODAY, with_records=False)
    return store


def committee(on: dt.date) -> list[int]:
    return meetings.committee_member_ids(on)


def review(
    on: dt.date, *, reported: dt.date | None = None, areas: dict[str, AreaEntry] | None = None
) -> IdeologyReviewForm:
    """A ready review on ``on``: every area 无 unless given (by area name)."""
    form = ideology_reviews.new_ideology_review_form(on=on)
    form.place = "党员活动室"
    form.reported_on = reported
    form.areas = [(areas or {}).get(entry.area, entry) for entry in form.areas]
    return form


def net_risk(on: dt.date, level: RiskLevel = RiskLevel.MEDIUM) -> AreaEntry:
    return AreaEntry(
        NET,
        level,
        facts="个别学生在短视频平台转发不实信息。",
        measures="开展网络素养主题班会。",
        responsible_id=committee(on)[1],
    )


def errors(form: IdeologyReviewForm, today: dt.date = TODAY) -> list[str]:
    return [
        p.message for p in ideology_reviews.check_ideology_review(form, today=today) if p.is_error
    ]


def text_of(document: Document) -> str:
    """Everything a document prints, title and masthead-free body, without spaces."""
    parts = [document.title, document.subtitle]
    for block in document.blocks:
        if isinstance(block, Paragraph | Heading):
            parts.append(block.text)
        elif isinstance(block, Table):
            parts += [cell.text for row in block.rows for cell in row]
        elif isinstance(block, SignatureBlock):
            parts.append(block.signer)
    if document.colophon is not None:
        parts.append(document.colophon.printed_by)
    return "".join(parts).replace(" ", "").replace("\n", "")


# --- the rules without the database ----------------------------------------------------------


def test_the_shipped_areas_are_the_counties_six() -> None:
    path = Path(__file__).parents[2] / "resources" / "rules" / "ideology_areas.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["source"].startswith("建教党〔2020〕9号")
    assert ideology.load_areas(path.read_text(encoding="utf-8")) == (
        "教师思想动态",
        "课堂教学和教材教辅",
        NET,
        "宗教渗透",
        "校园舆情",
        "其他",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "不是有效的 JSON"),
        ('{"areas": []}', "列表是空的"),
        ('{"areas": ["宗教渗透", " 宗教渗透 "]}', "出现了两次"),
        ('{"areas": ["宗教渗透", 3]}', "不是文字"),
    ],
)
def test_a_broken_areas_list_is_refused_in_chinese(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ideology.load_areas(text)


def test_a_review_needs_an_area_and_a_serious_risk_needs_facts_measures_and_a_person() -> None:
    (none,) = ideology.finding_problems([])
    assert none.is_error and "没有研判任何领域" in none.message
    (serious,) = ideology.finding_problems([Finding(NET, RiskLevel.HIGH, facts="有传言")])
    assert serious.is_error
    assert serious.message == f"“{NET}”风险等级为高，请写明防范措施、责任人。"
    (low,) = ideology.finding_problems([Finding("校园舆情", RiskLevel.LOW)])
    assert not low.is_error and "简要写明具体情况" in low.message
    assert ideology.finding_problems([Finding("宗教渗透", RiskLevel.NONE)]) == []
    (twice,) = ideology.finding_problems([Finding("其他", RiskLevel.NONE)] * 2)
    assert "填写了两次" in twice.message


def test_the_deadline_is_the_set_day_of_the_month() -> None:
    assert ideology.report_deadline(2026, 11, 25) == dt.date(2026, 11, 25)
    assert ideology.report_deadline(2026, 2, 28) == dt.date(2026, 2, 28)
    assert ideology.report_day_problem(29) is not None
    assert ideology.report_day_problem(0) is not None
    assert ideology.report_day_problem(1) is None


def test_dates_in_the_future_or_a_report_before_the_review_are_refused() -> None:
    fields = {p.field: p.message for p in ideology.date_problems(NOV, NOV, NOV)}
    assert fields == {}
    later = ideology.date_problems(TODAY + dt.timedelta(days=1), None, TODAY)
    assert [p.field for p in later] == ["held_on"] and "晚于今天" in later[0].message
    (early,) = ideology.date_problems(NOV, NOV - dt.timedelta(days=1), TODAY)
    assert early.field == "reported_on" and "早于研判日期" in early.message
    (future,) = ideology.date_problems(NOV, TODAY + dt.timedelta(days=1), TODAY)
    assert future.field == "reported_on" and "晚于今天" in future.message


def test_a_risk_stays_open_until_a_later_review_closes_it() -> None:
    sept = ReviewFacts(
        1,
        SEPT,
        (
            Finding(NET, RiskLevel.MEDIUM, "传言", "班会", "曾丽佳"),
            Finding("校园舆情", RiskLevel.LOW, "议论", "公开收费", "陈桂"),
            Finding("教师思想动态", RiskLevel.LOW, "议论"),  # no measures: nothing to follow
            Finding("宗教渗透", RiskLevel.NONE, "", "继续排查"),  # no risk: nothing open
        ),
    )
    assert [r.area for r in ideology.open_risks([sept])] == [NET, "校园舆情"]
    assert ideology.open_risks([sept], before=SEPT) == [], "not before its own day"
    october = ReviewFacts(2, OCT, (), closed=frozenset({(1, NET)}))
    (still,) = ideology.open_risks([october, sept])
    assert (still.review_id, still.area, still.responsible) == (1, "校园舆情", "陈桂")


def test_the_month_line_says_what_to_do_by_when() -> None:
    deadline = dt.date(2026, 11, 25)
    say = ideology.month_state
    assert say(today=NOV, deadline=deadline, finished=False, reported_on=None) == (
        "本月意识形态风险研判请于11月25日前上报，现在还没有记录。"
    )
    assert say(today=TODAY, deadline=deadline, finished=True, reported_on=None).startswith(
        "！本月意识形态风险研判已完成，但还没有上报（截止日11月25日已过）"
    )
    assert "晚于截止日" in say(
        today=TODAY, deadline=deadline, finished=True, reported_on=dt.date(2026, 11, 26)
    )


# --- the service ---------------------------------------------------------------------------


def test_a_new_review_takes_the_committee_of_its_day_and_every_area(branch: Store) -> None:
    form = ideology_reviews.new_ideology_review_form(on=NOV)
    assert [a.member_id for a in form.attendance] == committee(NOV)
    assert form.chair_id == meetings.secretary_id(NOV)
    assert [a.area for a in form.areas] == list(ideology_reviews.area_choices())
    assert {a.risk for a in form.areas} == {RiskLevel.NONE}
    assert form.follow_ups == [] and form.reported_on is None


def test_a_branch_without_a_committee_reviews_with_all_its_members(branch: Store) -> None:
    models.CommitteePostHolding.delete().execute()  # nobody held a post that day
    form = ideology_reviews.new_ideology_review_form(on=NOV)
    assert len(form.attendance) == len(meetings.member_choices(NOV)) > 4


def test_bad_input_is_refused_with_what_to_fix(branch: Store) -> None:
    empty = review(NOV)
    empty.areas = []
    assert any("没有研判任何领域" in m for m in errors(empty))
    with pytest.raises(ValidationError, match="没有研判任何领域"):
        IDEOLOGY_REVIEW.finish(empty, today=TODAY)

    vague = review(NOV, areas={NET: AreaEntry(NET, RiskLevel.MEDIUM)})
    assert f"“{NET}”风险等级为中，请写明具体情况、防范措施、责任人。" in errors(vague)

    future = review(TODAY + dt.timedelta(days=2))
    assert any("研判日期晚于今天" in m for m in errors(future))
    early = review(NOV, reported=NOV - dt.timedelta(days=3))
    assert "上报日期早于研判日期，请核对：应在研判之后上报。" in errors(early)
    nowhere = review(NOV)
    nowhere.place = " "
    assert "请填写研判地点。" in errors(nowhere)
    assert errors(review(NOV, reported=NOV)) == []


def test_not_reported_yet_is_a_warning_that_names_the_deadline(branch: Store) -> None:
    problems = ideology_reviews.check_ideology_review(review(NOV), today=NOV)
    (warning,) = [p for p in problems if p.field == "reported_on"]
    assert not warning.is_error
    assert warning.message.startswith("还没有填写上报日期（本月应于11月25日前上报）")


def test_a_review_is_judged_by_the_members_of_its_own_day(branch: Store) -> None:
    # rules.md §7: a member who joined after the review cannot have taken part in it or
    # been made responsible for a risk on that day.
    newcomer = members.add_member(
        MemberFields(name="新党员", joined_on=TODAY, status=MemberStatus.PROBATIONARY),
        today=TODAY,
    )
    assert newcomer not in {m for m, _n in ideology_reviews.people_choices(NOV)}
    assert newcomer in {m for m, _n in ideology_reviews.people_choices(TODAY)}
    form = review(NOV, reported=NOV, areas={NET: net_risk(NOV)})
    form.areas[2].responsible_id = newcomer
    assert f"“{NET}”的责任人新党员在研判当天不是本支部党员，请重新选择。" in errors(form)
    form.chair_id = newcomer
    assert "所选主持人在研判当天不是本支部党员，请重新选择。" in errors(form)
    on_the_day = review(TODAY, reported=TODAY, areas={NET: net_risk(TODAY)})
    on_the_day.areas[2].responsible_id = newcomer
    assert errors(on_the_day) == []


def test_a_risk_is_carried_into_later_months_until_closed(branch: Store) -> None:
    sept_id = IDEOLOGY_REVIEW.finish(review(SEPT, reported=SEPT, areas={NET: net_risk(SEPT)}),
                                     today=SEPT)  # fmt: skip
    october = review(OCT, reported=OCT)
    assert [(f.review_id, f.area) for f in october.follow_ups] == [(sept_id, NET)]
    origins = ideology_reviews.follow_up_origins(october.follow_ups)
    assert origins[(sept_id, NET)].startswith("2026年9月研判，风险等级中；个别学生")
    october.follow_ups[0].closed = True
    (closing,) = [p for p in ideology_reviews.check_ideology_review(october, today=OCT)
                  if p.field == "follow_ups"]  # fmt: skip
    assert closing.is_error and closing.message == f"“{NET}”的风险要销号，请写明落实情况。"
    october.follow_ups[0].closed = False
    october.follow_ups[0].progress = "已开班会，继续观察。"
    IDEOLOGY_REVIEW.finish(october, today=OCT)
    november = review(NOV, reported=NOV)
    assert [f.area for f in november.follow_ups] == [NET], "not closed: carried again"
    november.follow_ups[0].progress, november.follow_ups[0].closed = "已解决，予以销号。", True
    nov_id = IDEOLOGY_REVIEW.finish(november, today=NOV)
    assert ideology_reviews.new_ideology_review_form(on=TODAY).follow_ups == []
    # the November review, opened again, still offers what it closed
    again = ideology_reviews.follow_ups_for(NOV, exclude=nov_id)
    assert [(f.review_id, f.area) for f in again] == [(sept_id, NET)]


def test_copy_keeps_the_measures_and_people_but_not_the_risks(branch: Store) -> None:
    old = review(SEPT, reported=SEPT, areas={NET: net_risk(SEPT)})
    copy = ideology_reviews.copied_ideology_review(old, NOV)
    (net,) = [a for a in copy.areas if a.area == NET]
    assert net.risk is RiskLevel.NONE and net.facts == ""
    assert net.measures == "开展网络素养主题班会。" and net.responsible_id == committee(SEPT)[1]
    assert copy.held_on == NOV and copy.reported_on is None and copy.place == "党员活动室"


def test_only_finished_study_meetings_of_the_year_are_offered(branch: Store) -> None:
    form = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=OCT)
    form.place, form.recorder_id = "会议室", form.chair_id
    form.agenda, form.tags = [AgendaEntry("分析研判意识形态工作")], ["意识形态专题研究"]
    study_id = MEETING.finish(form, today=OCT)
    other = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=OCT)
    other.place, other.recorder_id, other.agenda = "会议室", other.chair_id, [AgendaEntry("其他")]
    MEETING.finish(other, today=OCT)
    assert ideology_reviews.study_meetings(2026) == [(study_id, "2026年10月14日支委会")]
    assert ideology_reviews.study_meetings(2025) == []
    linked = review(OCT, reported=OCT)
    linked.meeting_id = study_id
    review_id = IDEOLOGY_REVIEW.finish(linked, today=OCT)
    assert ideology_reviews.load_ideology_review(review_id).meeting_id == study_id


# --- the monthly obligation and its 上报截止日 -----------------------------------------------


def month_status(today: dt.date) -> tuple[State, dt.date]:
    engine = compliance.engine(today=today)
    (obligation,) = [o for o in engine.obligations if o.key == "ideology_review"]
    (status,) = engine.status(obligation, period_of(today, Per.MONTH), today)
    return status.state, status.due


def ideology_reminders(today: dt.date, month: str = "本月") -> list[reminders.Reminder]:
    """The reminders of ``month``'s 研判 (本月, or 2026年10月 for last month)."""
    found = reminders.reminders(today=today)
    return [r for r in found if r.title.startswith(f"{month}意识形态风险研判")]


def test_the_month_is_due_by_the_25th_and_done_only_when_reported(branch: Store) -> None:
    assert month_status(NOV) == (State.NOT_YET_DUE, dt.date(2026, 11, 25))
    (reminder,) = ideology_reminders(NOV)
    assert reminder.title == "本月意识形态风险研判请于11月25日前上报"
    assert not reminder.overdue and reminder.action.command == "new_ideology_review"
    assert "每月至少1次，25日前上报" in reminder.detail
    assert reminder.detail.endswith("期限：2026年11月25日。") and reminder.due == NOV.replace(
        day=25
    )

    review_id = IDEOLOGY_REVIEW.finish(review(NOV), today=NOV)  # held, not reported
    assert month_status(NOV)[0] is State.NOT_YET_DUE
    assert month_status(TODAY)[0] is State.OVERDUE, "the 26th: past the deadline"
    (late,) = ideology_reminders(TODAY)
    assert late.title == "本月意识形态风险研判已完成但未按时上报（截止日11月25日）"
    assert late.overdue and late.action.label == "登记上报"
    assert "2026年11月18日已完成研判，还没有登记上报日期" in late.detail

    form = ideology_reviews.load_ideology_review(review_id)
    form.reported_on = dt.date(2026, 11, 20)
    IDEOLOGY_REVIEW.finish(form, record_id=review_id, today=TODAY)
    assert month_status(TODAY)[0] is State.DONE
    assert ideology_reminders(TODAY) == []


def test_last_month_left_unreported_is_still_said(branch: Store) -> None:
    IDEOLOGY_REVIEW.finish(review(OCT), today=OCT)
    IDEOLOGY_REVIEW.finish(review(NOV, reported=NOV), today=NOV)
    assert ideology_reminders(TODAY) == []
    (october,) = ideology_reminders(TODAY, "2026年10月")
    assert october.title == "2026年10月意识形态风险研判已完成但未按时上报（截止日10月25日）"


def test_the_deadline_setting_moves_the_month_and_is_audited(branch: Store) -> None:
    ideology_reviews.set_report_day(20)
    assert ideology_reviews.report_day() == 20
    assert month_status(NOV) == (State.DUE_SOON, dt.date(2026, 11, 20))
    (reminder,) = ideology_reminders(NOV)
    assert reminder.title == "本月意识形态风险研判请于11月20日前上报"
    audit = models.AuditLog.select().order_by(models.AuditLog.id.desc()).first()
    assert audit.action == "set_ideology_report_day"
    assert audit.summary == "意识形态风险研判上报截止日由每月25日改为每月20日"
    with pytest.raises(ValidationError, match="应在每月1日到28日之间"):
        ideology_reviews.set_report_day(30)
    ideology_reviews.set_report_day(25)  # back to the default: no override left
    overrides = models.Setting.get(models.Setting.key == compliance.OVERRIDES_KEY)
    assert "ideology_review" not in overrides.value


def test_other_obligations_keep_their_period_end() -> None:
    from jianshi_desktop.domain.compliance import Obligation

    theme = Obligation("theme_day", "主题党日", "theme_day", Per.MONTH, 1)
    period = period_of(NOV, Per.MONTH)
    assert theme.due_on(period) == dt.date(2026, 11, 30) and not theme.reports
    assert theme.describe() == "每月至少1次"


# --- the documents -------------------------------------------------------------------------


@pytest.fixture
def year_of_reviews(branch: Store) -> dict[str, int]:
    sept = review(SEPT, reported=dt.date(2026, 9, 20), areas={NET: net_risk(SEPT)})
    ids = {"sept": IDEOLOGY_REVIEW.finish(sept, today=dt.date(2026, 9, 20))}
    october = review(OCT, reported=dt.date(2026, 10, 28))  # late
    october.follow_ups[0].progress = "已开班会，继续观察。"
    ids["oct"] = IDEOLOGY_REVIEW.finish(october, today=dt.date(2026, 10, 28))
    november = review(NOV, reported=dt.date(2026, 11, 20))
    november.follow_ups[0].progress, november.follow_ups[0].closed = "已解决。", True
    november.summary = "总体平稳，继续做好网络舆情监测。"
    ids["nov"] = IDEOLOGY_REVIEW.finish(november, today=dt.date(2026, 11, 20))
    return ids


def test_the_monthly_report_is_an_upward_report_of_what_was_found(
    year_of_reviews: dict[str, int],
) -> None:
    document = IDEOLOGY_REVIEW.document(year_of_reviews["sept"])
    text = text_of(document)
    assert document.title == "2026年9月意识形态风险研判情况报告"
    assert document.layout == "official" and document.masthead is None
    assert document.colophon is not None
    assert document.colophon.printed_on == dt.date(2026, 9, 20), "dated the day it went up"
    recipient = document.blocks[0]
    assert isinstance(recipient, Paragraph)
    assert recipient.text == "中共建始县教育局委员会："
    chair = ideology_reviews.people_choices(SEPT)
    assert f"由{dict(chair)[meetings.secretary_id(SEPT) or 0]}主持" in text
    assert f"{NET}：风险等级中。具体情况：个别学生在短视频平台转发不实信息。" in text
    assert "防范措施：开展网络素养主题班会。责任人：" in text
    assert (
        "教师思想动态、课堂教学和教材教辅、宗教渗透、校园舆情、其他等方面未发现意识形态风险。"
        in text
    )
    assert "特此报告。" in text
    for absent in ("前期风险跟进情况", "研判结论", "请填写", "补录", "专题研究"):
        assert absent not in text, absent


def test_the_next_reports_say_how_the_risk_was_followed_and_closed(
    year_of_reviews: dict[str, int],
) -> None:
    october = text_of(IDEOLOGY_REVIEW.document(year_of_reviews["oct"]))
    assert f"2026年9月研判发现的“{NET}”风险（中，仍在跟进）：已开班会，继续观察。" in october
    november = text_of(IDEOLOGY_REVIEW.document(year_of_reviews["nov"]))
    assert f"“{NET}”风险（中，已销号）：已解决。" in november
    assert "研判结论和下一步工作总体平稳，继续做好网络舆情监测。" in november


def test_the_quarter_lists_each_month_and_what_is_still_open(
    year_of_reviews: dict[str, int],
) -> None:
    third = text_of(quarter_document(ideology_reviews.quarter_content(2026, 3, today=TODAY)))
    assert "意识形态风险研判情况季度汇总（2026年第三季度）" in third
    assert "7月没有研判记录" in third and "8月没有研判记录" in third
    assert f"{NET}（中）：个别学生在短视频平台转发不实信息。" in third
    assert "9月20日" in third
    assert "本季度3个月，开展研判1个月，按时上报1次。" in third
    assert f"仍在跟进的风险：2026年9月“{NET}”" in third
    fourth = text_of(quarter_document(ideology_reviews.quarter_content(2026, 4, today=TODAY)))
    assert "10月28日（逾期）" in fourth and "前期风险销号：" in fourth
    assert "12月" not in fourth.replace("（2026年第四季度）", ""), "December has not begun"
    assert "截至2026年11月26日，没有仍在跟进的风险。" in fourth


def test_the_year_notice_goes_to_every_member_and_claims_only_what_was_recorded(
    year_of_reviews: dict[str, int],
) -> None:
    document = year_notice_document(ideology_reviews.year_content(2026, today=TODAY))
    text = text_of(document)
    assert document.title == "关于2026年度本支部意识形态工作情况的通报"
    assert text.count("全体党员：") == 1 and text.endswith("（此件发至全体党员）") is False
    assert isinstance(document.blocks[-1], Paragraph)
    assert document.blocks[-1].text == "（此件发至全体党员）"
    assert (
        "2026年，支部开展意识形态风险研判3次（9月、10月、11月），向上级党组织上报3次，其中按期上报2次。"
        in text
    )
    assert "1月、2月、3月、4月、5月、6月、7月、8月没有研判记录。" in text
    assert f"9月研判发现“{NET}”风险（中）：个别学生在短视频平台转发不实信息。" in text
    assert f"11月研判确认“{NET}”风险整改销号。" in text
    assert "上述风险均已整改销号。" in text
    assert "2026年没有专题研究意识形态工作的会议记录。" in text
    for absent in ("请填写", "下一步", "高度重视", "认真落实"):
        assert absent not in text, absent


def test_the_monthly_report_prints_in_both_renderers(
    year_of_reviews: dict[str, int], tmp_path: Path
) -> None:
    require("pdftotext")
    document = IDEOLOGY_REVIEW.document(year_of_reviews["sept"])
    result = render_pdf(document, tmp_path / "report.pdf")
    assert result.pages == 1, "a month without follow-ups fits one page"
    printed = pdf_text(tmp_path / "report.pdf")
    assert "2026年9月意识形态风险研判情况报告" in printed
    assert "中共建始县教育局委员会：" in printed and "2026年9月20日印发" in printed
    render_docx(document, tmp_path / "report.docx")
    assert f"{NET}：风险等级中。" in docx_text(tmp_path / "report.docx")
