"""组织生活会: its rules (judged on the meeting's own day), the service and the lifecycle,
the 整改清单 whose closing state outlives a 更正, the reminders on 首页, the package, and
both documents — the minutes and the 召开情况报告 — as they print."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jianshi_desktop.db import models
from jianshi_desktop.documents.model import Table
from jianshi_desktop.domain.enums import HeartTalkKind, MemberEventKind, Presence, RecordState
from jianshi_desktop.domain.org_life import (
    ItemDue,
    Preparation,
    is_due_soon,
    is_overdue,
    missing_preparation,
    parse_count,
)
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import (
    compliance,
    demo,
    documents,
    heart_talks,
    history,
    meetings,
    members,
)
from jianshi_desktop.services import org_life_meetings as olm
from jianshi_desktop.services.record_kinds import HEART_TALK, ORG_LIFE_MEETING
from jianshi_desktop.services.store import Store

from .document_helpers import BRANCH, docx_text, pdf_text

TODAY = dt.date(2026, 12, 20)
DAY = dt.date(2026, 12, 10)


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=TODAY, with_records=False)
    return store


def talk(on: dt.date, *, kind: HeartTalkKind = HeartTalkKind.COMMITTEE_MEMBER) -> int:
    form = heart_talks.new_heart_talk_form(on=on, kind=kind)
    form.talkee_id = meetings.member_choices(on)[6][0]
    form.topic, form.talker_said, form.place = "思想和工作情况", "交流了近期的工作。", "校长室"
    return HEART_TALK.finish(form, today=on)


def ready(on: dt.date = DAY) -> olm.OrgLifeMeetingForm:
    """A 组织生活会 with everything the 条例 asks."""
    form = olm.new_org_life_meeting_form(on=on)
    form.theme, form.place = "对照党章党规找差距", "学校会议室"
    form.study = "集中学习党章和《支部工作条例》。"
    form.opinions_count, form.opinions_source = 12, "全体教职工"
    form.talk_ids = [talk(on - dt.timedelta(days=20))]
    people = olm.reviewers(on, form.attendance)
    form.self_reviews = [olm.SelfReviewEntry(i, "理论学习不够系统。") for i, _n in people]
    first, second = people[0][0], people[1][0]
    form.criticisms = [
        olm.CriticismEntry(first, second, "家访次数偏少。"),
        olm.CriticismEntry(second, None, "带头作用发挥不够。"),
    ]
    form.rectification = [
        olm.RectificationEntry("学习联系实际不够", "每月学习分享会", first, on + dt.timedelta(60)),
        olm.RectificationEntry("家校沟通单一", "开展家访周", second, on + dt.timedelta(120)),
    ]
    return form


def messages_of(form: olm.OrgLifeMeetingForm, field: str, *, today: dt.date = TODAY) -> list[str]:
    return [p.message for p in olm.check_org_life_meeting(form, today=today) if p.field == field]


def errors_of(form: olm.OrgLifeMeetingForm, *, today: dt.date = TODAY) -> list[str]:
    return [p.message for p in olm.check_org_life_meeting(form, today=today) if p.is_error]


# --- the rules without a database ----------------------------------------------------------


def test_the_missing_preparation_is_said_with_what_the_article_expects() -> None:
    nothing = missing_preparation(Preparation("", None, "", 0))
    assert [field for field, _text in nothing] == ["study", "opinions_count", "talk_ids"]
    assert all("《支部工作条例》第十七条" in text for _field, text in nothing)
    assert "谈心谈话" in nothing[2][1]
    assert missing_preparation(Preparation("学习党章", 3, "教职工", 2)) == []
    (source,) = missing_preparation(Preparation("学习党章", 3, "", 2))
    assert source[0] == "opinions_source"


@pytest.mark.parametrize(
    ("typed", "count"), [("", None), (None, None), ("12", 12), ("１２", 12), (" 0 ", 0), (7, 7)]
)
def test_an_opinions_count_is_read_as_typed(typed: object, count: int | None) -> None:
    assert parse_count(typed) == count


@pytest.mark.parametrize("typed", ["-3", "十二", "12条", "1.5", -1, True])
def test_an_opinions_count_that_is_no_whole_number_is_refused(typed: object) -> None:
    with pytest.raises(ValueError):
        parse_count(typed)


def test_an_item_is_overdue_only_while_open_after_its_date() -> None:
    today = dt.date(2027, 3, 1)
    assert is_overdue(ItemDue(dt.date(2027, 2, 28), None), today)
    assert not is_overdue(ItemDue(dt.date(2027, 2, 28), dt.date(2027, 2, 20)), today)
    assert not is_overdue(ItemDue(today, None), today), "due today is not late yet"
    assert is_due_soon(ItemDue(today + dt.timedelta(14), None), today)
    assert not is_due_soon(ItemDue(today + dt.timedelta(15), None), today)
    assert not is_due_soon(ItemDue(dt.date(2027, 2, 28), None), today), "overdue, not soon"


# --- the form and its checks ----------------------------------------------------------------


def test_a_ready_meeting_has_no_problem_and_finishes(branch: Store) -> None:
    form = ready()
    assert olm.check_org_life_meeting(form, today=TODAY) == []
    record_id = ORG_LIFE_MEETING.finish(form, today=TODAY)
    loaded = olm.load_org_life_meeting(record_id)
    assert loaded.theme == "对照党章党规找差距" and loaded.opinions_count == 12
    assert [c.of_id for c in loaded.criticisms][1] is None, "自我批评"
    assert [i.problem for i in loaded.rectification] == ["学习联系实际不够", "家校沟通单一"]
    assert all(i.item_id is not None and i.closed_on is None for i in loaded.rectification)
    (row,) = olm.list_org_life_meetings(year=2026)
    assert (row.present, row.expected, row.items_open, row.items_total) == (23, 23, 2, 2)
    assert ORG_LIFE_MEETING.state(record_id) == (RecordState.FINISHED, False)


def test_defaults_are_the_people_of_the_day(branch: Store) -> None:
    form = olm.new_org_life_meeting_form(on=DAY)
    assert len(form.attendance) == 23
    assert form.chair_id == history.secretary_on(DAY)
    people = olm.reviewers(DAY, form.attendance)
    committee = history.committee_member_ids_on(DAY)
    assert [i for i, _n in people][: len(committee)] == committee, "the 支委 first"
    assert len(people) == 23


def test_the_rules_of_the_meeting_s_own_day_apply(branch: Store) -> None:
    # rules.md §7: a 支委 who died after the meeting still owed a 对照检查 on its day;
    # a member who joined later was never expected.
    committee = history.committee_member_ids_on(DAY)
    gone = committee[-1]
    name = members.get_member(gone).name
    members.record_leaving(gone, MemberEventKind.DECEASED, on=DAY + dt.timedelta(3), today=TODAY)
    form = ready()
    assert gone in {a.member_id for a in form.attendance}
    form.self_reviews = [r for r in form.self_reviews if r.member_id != gone]
    (warning,) = messages_of(form, "self_reviews")
    assert name in warning and "还没有对照检查" in warning
    later = olm.new_org_life_meeting_form(on=DAY + dt.timedelta(5))
    assert gone not in {a.member_id for a in later.attendance}
    assert gone not in {i for i, _n in olm.reviewers(later.held_on, later.attendance)}


def test_someone_absent_owes_no_self_review(branch: Store) -> None:
    form = ready()
    away = next(a for a in form.attendance if a.member_id not in (form.chair_id, None))
    away.presence, away.reason = Presence.ON_LEAVE, "外出培训"
    form.self_reviews = [r for r in form.self_reviews if r.member_id != away.member_id]
    assert messages_of(form, "self_reviews") == []


def test_nobody_s_self_review_is_an_error(branch: Store) -> None:
    form = ready()
    form.self_reviews = []
    (problem,) = [
        p for p in olm.check_org_life_meeting(form, today=TODAY) if p.field == "self_reviews"
    ]
    assert problem.is_error and "还没有任何人的对照检查" in problem.message
    with pytest.raises(ValidationError, match="对照检查"):
        ORG_LIFE_MEETING.finish(form, today=TODAY)


def test_a_self_review_may_be_a_file_among_the_attachments(branch: Store) -> None:
    from jianshi_desktop.services.attachments import AttachmentEntry

    form = ready()
    form.self_reviews[0] = olm.SelfReviewEntry(form.self_reviews[0].member_id, "", "检查材料.docx")
    assert "不在附件中" in messages_of(form, "self_reviews")[0]
    form.attachments = [AttachmentEntry("ab" * 32, 10, "检查材料.docx", "application/x")]
    assert messages_of(form, "self_reviews") == []


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda f: setattr(f, "held_on", TODAY + dt.timedelta(1)), "held_on", "晚于今天"),
        (lambda f: setattr(f, "theme", " "), "theme", "请填写会议主题"),
        (lambda f: setattr(f, "place", ""), "place", "请填写会议地点"),
        (lambda f: setattr(f, "chair_id", None), "chair_id", "请选择主持人"),
        (lambda f: setattr(f, "opinions_count", "十二"), "opinions_count", "0或正整数"),
        (lambda f: setattr(f, "opinions_count", -2), "opinions_count", "0或正整数"),
        (lambda f: setattr(f.criticisms[0], "text", "  "), "criticisms", "没有内容，请填写"),
        (lambda f: setattr(f.criticisms[1], "by_id", None), "criticisms", "第2条"),
        (lambda f: setattr(f.rectification[0], "owner_id", None), "rectification", "第1项没有选择"),
        (lambda f: setattr(f.rectification[1], "due_on", None), "rectification", "第2项没有填写"),
        (
            lambda f: setattr(f.rectification[0], "due_on", DAY - dt.timedelta(1)),
            "rectification",
            "早于会议日期",
        ),
        (lambda f: setattr(f.rectification[0], "problem", ""), "rectification", "没有写存在的问题"),
        (lambda f: setattr(f.attendance[5], "presence", Presence.ABSENT), "attendance", "缺席的"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_with_what_to_fix(
    branch: Store, change: object, field: str, words: str
) -> None:
    form = ready()
    assert callable(change)
    change(form)
    found = [
        p for p in olm.check_org_life_meeting(form, today=TODAY) if p.field == field and p.is_error
    ]
    assert found and words in found[0].message, [p.message for p in found]
    with pytest.raises(ValidationError) as caught:
        ORG_LIFE_MEETING.finish(form, today=TODAY)
    assert caught.value.field is not None
    assert models.OrgLifeMeeting.select().count() == 0, "nothing written"


def test_missing_preparation_only_warns(branch: Store) -> None:
    form = ready()
    form.study, form.opinions_count, form.talk_ids = "", None, []
    form.criticisms, form.rectification = [], []
    problems = olm.check_org_life_meeting(form, today=TODAY)
    assert {p.field for p in problems} == {
        "study",
        "opinions_count",
        "talk_ids",
        "criticisms",
        "rectification",
    }
    assert not any(p.is_error for p in problems)
    assert "会前认真学习" in messages_of(form, "study")[0]
    assert ORG_LIFE_MEETING.finish(form, today=TODAY) > 0


def test_only_finished_open_talks_of_the_year_before_the_day_are_offered(branch: Store) -> None:
    before = talk(dt.date(2026, 11, 3))
    last_year = talk(dt.date(2025, 12, 3))
    after = talk(dt.date(2026, 12, 15))
    reminder = heart_talks.new_heart_talk_form(on=dt.date(2026, 11, 5), kind=HeartTalkKind.REMINDER)
    reminder.talkee_id = meetings.member_choices(DAY)[8][0]
    reminder.topic, reminder.talker_said, reminder.place = "提醒", "注意言行。", "校长室"
    confidential = HEART_TALK.finish(reminder, today=TODAY)
    draft = heart_talks.new_heart_talk_form(on=dt.date(2026, 11, 6))
    draft.talkee_id = meetings.member_choices(DAY)[9][0]
    draft_id = HEART_TALK.save_draft(draft)
    offered = [i for i, _label in olm.talk_choices(DAY)]
    assert offered == [before]
    assert not {last_year, after, confidential, draft_id} & set(offered)
    form = ready()
    form.talk_ids = [before, confidential]
    assert "请重新勾选" in errors_of(form)[0]


# --- the 整改清单 -----------------------------------------------------------------------


def test_an_item_closed_stays_closed_after_an_amendment(branch: Store) -> None:
    record_id = ORG_LIFE_MEETING.finish(ready(), today=TODAY)
    ORG_LIFE_MEETING.archive(record_id)
    first, second = olm.load_org_life_meeting(record_id).rectification
    assert first.item_id is not None and second.item_id is not None
    olm.close_rectification_item(first.item_id, TODAY, "分享会已开展。", today=TODAY)
    form = olm.load_org_life_meeting(record_id)
    form.rectification[0].measure = "每月一次学习分享会，纳入学期计划"
    form.rectification.append(
        olm.RectificationEntry("作业设计创新不够", "每单元一次实践作业", form.chair_id, TODAY)
    )
    ORG_LIFE_MEETING.amend(record_id, form, reason="补记一项整改", today=TODAY)
    items = olm.load_org_life_meeting(record_id).rectification
    assert [i.item_id for i in items[:2]] == [first.item_id, second.item_id]
    assert items[0].closed_on == TODAY and items[0].close_note == "分享会已开展。"
    assert items[0].measure == "每月一次学习分享会，纳入学期计划"
    assert items[1].closed_on is None and items[2].closed_on is None
    open_items = olm.open_rectification_items(TODAY)
    assert [r.problem for r in open_items] == ["作业设计创新不够", "家校沟通单一"], "by due date"
    # an item removed by a 更正 is gone from the list on 首页
    form = olm.load_org_life_meeting(record_id)
    form.rectification = form.rectification[:1]
    ORG_LIFE_MEETING.amend(record_id, form, reason="误记", today=TODAY)
    assert olm.open_rectification_items(TODAY) == []
    assert models.RectificationItem.select().count() == 1


def test_closing_an_item_is_checked_and_audited(branch: Store) -> None:
    record_id = ORG_LIFE_MEETING.finish(ready(), today=TODAY)
    item = olm.load_org_life_meeting(record_id).rectification[0].item_id
    assert item is not None
    with pytest.raises(ValidationError, match="晚于今天"):
        olm.close_rectification_item(item, TODAY + dt.timedelta(1), "已完成", today=TODAY)
    with pytest.raises(ValidationError, match="早于组织生活会"):
        olm.close_rectification_item(item, DAY - dt.timedelta(1), "已完成", today=TODAY)
    with pytest.raises(ValidationError, match="整改结果") as caught:
        olm.close_rectification_item(item, TODAY, "  ", today=TODAY)
    assert caught.value.field == "close_note"
    olm.close_rectification_item(item, TODAY, "已完成", today=TODAY)
    with pytest.raises(ValidationError, match="已于2026年12月20日完成"):
        olm.close_rectification_item(item, TODAY, "又一次", today=TODAY)
    audit = models.AuditLog.select().order_by(models.AuditLog.id.desc()).first()
    assert audit.action == "close_rectification_item"
    assert "学习联系实际不够" in audit.summary and "2026年12月20日" in audit.summary
    olm.reopen_rectification_item(item)
    assert olm.load_org_life_meeting(record_id).rectification[0].closed_on is None
    with pytest.raises(ValidationError, match="还没有标记完成"):
        olm.reopen_rectification_item(item)


def test_a_draft_s_items_are_not_on_the_list_yet(branch: Store) -> None:
    ORG_LIFE_MEETING.save_draft(ready())
    assert olm.open_rectification_items(TODAY) == []


def test_items_late_or_near_their_date_are_reminded_on_the_home_page(branch: Store) -> None:
    from jianshi_desktop.services.reminders import reminders

    record_id = ORG_LIFE_MEETING.finish(ready(), today=TODAY)
    items = olm.load_org_life_meeting(record_id).rectification
    owner = members.get_member(items[0].owner_id or 0).name
    # not due yet: one line says they are open, until each is marked done
    (waiting,) = [r for r in reminders(today=TODAY) if r.kind == "rectification"]
    assert waiting.title == "组织生活会整改清单还有2项正在整改" and not waiting.overdue
    assert waiting.detail.startswith("“学习联系实际不够”、“家校沟通单一”，最早2027年2月8日到期。")
    assert waiting.action.command == "show_rectification"
    near = DAY + dt.timedelta(50)  # the first is due in 10 days, the second in 70
    soon, rest = [r for r in reminders(today=near) if r.kind == "rectification"]
    assert rest.title == "组织生活会整改清单还有1项正在整改"
    assert soon.title == f"整改事项“学习联系实际不够”将于2027年2月8日到期（责任人：{owner}）"
    assert not soon.overdue
    assert (soon.action.area, soon.action.command) == ("org_life_meetings", "show_rectification")
    assert soon.action.params == {"item_id": items[0].item_id}
    late = DAY + dt.timedelta(61)
    overdue, _rest = [r for r in reminders(today=late) if r.kind == "rectification"]
    assert overdue.overdue and "已过完成时限" in overdue.title
    assert items[0].item_id is not None and items[1].item_id is not None
    olm.close_rectification_item(items[0].item_id, late, "已完成", today=late)
    olm.close_rectification_item(items[1].item_id, late, "已完成", today=late)
    assert not [r for r in reminders(today=late) if r.kind == "rectification"], "all done"


# --- it counts toward the obligation --------------------------------------------------------


def test_the_year_s_org_life_obligation_counts_it(branch: Store) -> None:
    from jianshi_desktop.domain.compliance import Per, Period, State
    from jianshi_desktop.services.reminders import reminders

    year = Period(Per.YEAR, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    engine = compliance.engine(today=TODAY)
    obligation = next(o for o in engine.obligations if o.key == "org_life")
    assert [s.state for s in engine.status(obligation, year, TODAY)] != [State.DONE]
    reminder = next(r for r in reminders(today=TODAY) if r.kind == "obligation:org_life")
    assert (reminder.action.area, reminder.action.command) == (
        "org_life_meetings",
        "new_org_life_meeting",
    )
    ORG_LIFE_MEETING.save_draft(ready())
    engine = compliance.engine(today=TODAY)
    assert [s.state for s in engine.status(obligation, year, TODAY)] != [State.DONE], "a draft"
    ORG_LIFE_MEETING.finish(ready(), today=TODAY)
    engine = compliance.engine(today=TODAY)
    assert [s.state for s in engine.status(obligation, year, TODAY)] == [State.DONE]
    assert not [r for r in reminders(today=TODAY) if r.kind == "obligation:org_life"]


# --- the package ------------------------------------------------------------------------------


def test_the_package_carries_the_items_with_their_closing_state(branch: Store) -> None:
    from jianshi_desktop.domain.periods import parse_period
    from jianshi_desktop.submission import schema
    from jianshi_desktop.submission.data import records_data
    from jianshi_desktop.submission.verify import RECORDS_SCHEMA

    record_id = ORG_LIFE_MEETING.finish(ready(), today=TODAY)
    item = olm.load_org_life_meeting(record_id).rectification[0].item_id
    assert item is not None
    olm.close_rectification_item(item, TODAY, "已完成", today=TODAY)
    data = records_data(
        parse_period("2026"), full_ids=False, include_confidential=False, today=TODAY
    )
    (entry,) = data["org_life_meetings"]
    assert entry["theme"] == "对照党章党规找差距" and entry["opinions_count"] == 12
    assert entry["rectification"][0]["closed_on"] == "2026-12-20"
    assert entry["rectification"][1]["closed_on"] is None
    import json

    assert schema.check(json.loads(json.dumps(data)), RECORDS_SCHEMA, "记录数据") is None
    entry["rectification"][0]["closed_on"] = 5
    assert schema.check(data, RECORDS_SCHEMA, "记录数据")


# --- the documents ----------------------------------------------------------------------------


def test_the_minutes_print_what_the_record_holds(branch: Store, tmp_path: Path) -> None:
    from jianshi_desktop.documents.org_life import org_life_document

    record_id = ORG_LIFE_MEETING.finish(ready(), today=TODAY)
    content = olm.org_life_content(record_id)
    assert content.branch == BRANCH and content.present == 23
    document = org_life_document(content)
    assert document.title == "组织生活会记录" and document.subtitle == "（2026年度）"
    (pdf,) = documents.write(
        documents.record_document(olm.RECORD_TYPE, record_id), tmp_path, "m", "pdf"
    )
    text = pdf_text(pdf)
    chair = members.get_member(content_chair(record_id)).name
    for words in (
        "组织生活会记录",
        "对照党章党规找差距",
        "2026年12月10日",
        f"主持人{chair}",
        "会前学习：集中学习党章和《支部工作条例》。",
        "征求意见建议12条（向全体教职工征求）。",
        "会前谈心谈话1次",
        "理论学习不够系统。",
        "（自我批评）：带头作用发挥不够。",
        "整改清单",
        "学习联系实际不够",
        "每月学习分享会",
        "2027年2月8日",
        "主持人（签字）",
    ):
        assert words in text, words
    assert documents.record_file_stem(olm.RECORD_TYPE, record_id) == "2026年12月组织生活会记录"
    (docx,) = documents.write(document, tmp_path, "m", "docx")
    assert "家校沟通单一" in docx_text(docx)


def content_chair(record_id: int) -> int:
    chair = olm.load_org_life_meeting(record_id).chair_id
    assert chair is not None
    return chair


def test_the_minutes_leave_out_what_was_not_recorded(branch: Store) -> None:
    from jianshi_desktop.documents.org_life import org_life_document

    form = ready()
    form.study, form.opinions_count, form.opinions_source, form.talk_ids = "", None, "", []
    form.criticisms, form.rectification, form.summary = [], [], ""
    record_id = ORG_LIFE_MEETING.finish(form, today=TODAY)
    document = org_life_document(olm.org_life_content(record_id))
    table = document.blocks[0]
    assert isinstance(table, Table)
    labels = [row[0].text for row in table.rows]
    assert "会前准备" not in labels and "批评与自我批评" not in labels
    assert "会议情况" not in labels and "对照检查" in labels
    assert not any(getattr(b, "text", "") == "整改清单" for b in document.blocks)


def test_the_report_goes_up_as_an_official_document(branch: Store, tmp_path: Path) -> None:
    from jianshi_desktop.documents.org_life import org_life_report_document

    draft_id = ORG_LIFE_MEETING.save_draft(ready())
    with pytest.raises(ValidationError, match="还是草稿"):
        olm.org_life_report_content(draft_id, on=TODAY)
    ORG_LIFE_MEETING.delete_draft(draft_id)
    record_id = ORG_LIFE_MEETING.finish(ready(), today=TODAY)
    item = olm.load_org_life_meeting(record_id).rectification[0].item_id
    assert item is not None
    olm.close_rectification_item(item, TODAY, "已完成", today=TODAY)
    with pytest.raises(ValidationError, match="早于会议日期"):
        olm.org_life_report_content(record_id, on=DAY - dt.timedelta(1))
    document = org_life_report_document(olm.org_life_report_content(record_id, on=TODAY))
    assert (
        document.layout == "official" and document.title == "关于召开2026年度组织生活会情况的报告"
    )
    (pdf,) = documents.write(document, tmp_path, "report", "pdf")
    text = pdf_text(pdf)
    for words in (
        "中共建始县教育局委员会：",
        "2026年12月10日，我支部在学校会议室召开2026年度组织生活会",
        "应到党员23名，实到23名",
        "会前征求意见建议12条（向全体教职工征求）。",
        "会前开展谈心谈话1次。",
        "23名同志逐一作了对照检查发言",
        "批评意见1条、自我批评1条",
        "（一）学习联系实际不够。整改措施：每月学习分享会。",
        "截至2026年12月20日，已完成整改1项，其余1项正在整改。",
        "特此报告。",
        BRANCH,
        "2026年12月20日",
    ):
        assert words in text, words
    assert "请填写" not in text and "（" + "）" not in text
