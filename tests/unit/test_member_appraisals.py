"""民主评议党员 through the service its wizard uses: the members of its own day, the checks
with their messages, what is saved and read back, what counts toward the yearly
obligation, each member's ratings over the years, and the three documents as printed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jianshi_desktop.db import models
from jianshi_desktop.domain.compliance import Per, Period, State
from jianshi_desktop.domain.enums import (
    MeetingKind,
    MemberEventKind,
    Rating,
    RecordState,
    UnqualifiedDecision,
)
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.errors import UserError, ValidationError
from jianshi_desktop.services import (
    compliance,
    demo,
    documents,
    meetings,
    members,
)
from jianshi_desktop.services import (
    member_appraisals as svc,
)
from jianshi_desktop.services.meetings import AgendaEntry
from jianshi_desktop.services.record_kinds import MEETING, MEMBER_APPRAISAL
from jianshi_desktop.services.store import Store
from tests.unit.document_helpers import docx_text, pdf_text, require

TODAY = dt.date(2026, 11, 26)
DAY = dt.date(2026, 11, 20)
JOINED_LATE = "马俊"  # the demo's member who joined on 2026-05-20


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=TODAY, with_records=False)
    return store


def ready(on: dt.date = DAY, *, voters: int = 20) -> svc.MemberAppraisalForm:
    """A form ready to finish: every member 合格 by most votes, two 优秀."""
    form = svc.new_member_appraisal_form(on=on)
    form.place, form.voters = "学校会议室", voters
    for number, entry in enumerate(form.ratings):
        entry.self_assessment = "见附件"
        if number < 2:
            entry.excellent, entry.qualified, entry.rating = 15, 5, Rating.EXCELLENT
        else:
            entry.excellent, entry.qualified, entry.rating = 2, 18, Rating.QUALIFIED
    return form


def errors(form: svc.MemberAppraisalForm) -> list[str]:
    return [p.message for p in svc.check_member_appraisal(form, today=TODAY) if p.is_error]


def assembly(on: dt.date) -> int:
    form = meetings.new_meeting_form(MeetingKind.GENERAL_ASSEMBLY, on=on)
    form.place, form.recorder_id = "学校会议室", form.chair_id
    form.agenda = [AgendaEntry("讨论民主评议中评为不合格党员的处理")]
    return MEETING.finish(form, today=TODAY)


# --- the members of the day --------------------------------------------------------------


def test_the_new_form_lists_the_members_of_its_own_day(branch: Store) -> None:
    november = svc.new_member_appraisal_form(on=DAY)
    assert len(november.ratings) == 23 and JOINED_LATE in {e.name for e in november.ratings}
    march = svc.new_member_appraisal_form(on=dt.date(2026, 3, 1))
    assert JOINED_LATE not in {e.name for e in march.ratings}  # joined after the day
    assert all(e.rating is None and e.votes == 0 for e in november.ratings)  # nothing guessed


def test_a_member_who_left_before_the_day_is_not_rated(branch: Store) -> None:
    leaving = svc.new_member_appraisal_form(on=DAY).ratings[4]
    members.record_leaving(
        leaving.member_id,
        MemberEventKind.TRANSFER_OUT,
        on=dt.date(2026, 10, 15),
        letter_no="建教党转〔2026〕3号",
        counterpart="某中学支部",
        today=TODAY,
    )
    after = svc.new_member_appraisal_form(on=DAY)
    assert leaving.member_id not in {e.member_id for e in after.ratings}
    before = svc.new_member_appraisal_form(on=dt.date(2026, 10, 15))  # still a member that day
    assert leaving.member_id in {e.member_id for e in before.ratings}
    # a line kept for him (a form from before the leaving) is refused, saying why
    form = ready()
    form.ratings.append(leaving)
    assert any(f"{leaving.name}在2026年11月20日不是本支部党员" in m for m in errors(form))


def test_a_member_of_the_day_missing_from_the_list_is_an_error(branch: Store) -> None:
    form = ready()
    gone = form.ratings.pop(3)
    assert any(f"{gone.name}是2026年11月20日的党员，名单中缺少" in m for m in errors(form))


# --- the checks --------------------------------------------------------------------------


def test_a_ready_form_finishes_and_reads_back(branch: Store) -> None:
    form = ready()
    assert errors(form) == []
    record_id = MEMBER_APPRAISAL.finish(form, today=TODAY)
    loaded = svc.load_member_appraisal(record_id)
    assert loaded == form
    assert models.AppraisalRating.select().count() == 23
    (row,) = svc.list_member_appraisals(year=2026)
    assert (row.appraised, row.voters, row.result) == (23, 20, "优秀2人 合格21人")


@pytest.mark.parametrize("voters", [None, 0])
def test_voters_missing_or_zero_blocks_finishing(branch: Store, voters: int | None) -> None:
    form = ready()
    form.voters = voters
    with pytest.raises(ValidationError) as caught:
        MEMBER_APPRAISAL.finish(form, today=TODAY)
    assert caught.value.field == "voters" and "测评表" in caught.value.message


def test_tallies_over_the_voters_name_the_member(branch: Store) -> None:
    form = ready(voters=20)
    entry = form.ratings[1]
    assert errors(form) == []  # 15 + 5 = 20: exactly the voters
    entry.qualified = 6
    with pytest.raises(ValidationError) as caught:
        MEMBER_APPRAISAL.finish(form, today=TODAY)
    assert caught.value.message == (
        f"{entry.name}的测评票数合计21票，多于收回的测评表20份，请核对。"
    )
    entry.qualified = -1
    assert any(f"{entry.name}的“合格”票数不能是负数" in m for m in errors(form))


def test_a_future_date_is_an_error(branch: Store) -> None:
    form = ready(on=TODAY + dt.timedelta(days=1))
    assert any("评议日期晚于今天" in m for m in errors(form))
    MEMBER_APPRAISAL.save_draft(form)  # a planned appraisal may be kept as a draft


def test_a_member_without_a_rating_is_an_error(branch: Store) -> None:
    form = ready()
    form.ratings[2].rating = None
    assert f"请为{form.ratings[2].name}选择综合评定。" in errors(form)


def test_excellent_over_the_share_only_warns(branch: Store) -> None:
    form = ready()
    for entry in form.ratings[:7]:  # 7 of 23 = 30.4 %
        entry.excellent, entry.qualified, entry.rating = 18, 2, Rating.EXCELLENT
    problems = svc.check_member_appraisal(form, today=TODAY)
    (warning,) = [p for p in problems if "优秀" in p.message]
    assert not warning.is_error and "超过一般不超过30%" in warning.message
    form.ratings[6].rating = Rating.QUALIFIED  # 6 of 23 = 26 %
    assert not [p for p in svc.check_member_appraisal(form, today=TODAY) if "优秀" in p.message]
    MEMBER_APPRAISAL.finish(form, today=TODAY)


def test_the_branch_sets_its_own_share_of_excellent_audited(branch: Store) -> None:
    """The county may set another limit than the usual 30 %: the check follows it."""
    form = ready()
    for entry in form.ratings[:6]:  # 6 of 23 = 26 %
        entry.excellent, entry.qualified, entry.rating = 18, 2, Rating.EXCELLENT
    assert not [p for p in svc.check_member_appraisal(form, today=TODAY) if "优秀" in p.message]
    svc.set_excellent_share(20)
    (warning,) = [p for p in svc.check_member_appraisal(form, today=TODAY) if "优秀" in p.message]
    assert "超过一般不超过20%" in warning.message
    audit = models.AuditLog.select().order_by(models.AuditLog.id.desc()).first()
    assert audit.summary == "民主评议党员优秀比例上限由30%改为20%"
    with pytest.raises(ValidationError, match="1到100之间"):
        svc.set_excellent_share(0)
    svc.set_excellent_share(30)  # the shipped value again: the branch's own is gone
    assert models.Setting.get_or_none(models.Setting.key == svc.EXCELLENT_SHARE_KEY) is None
    assert svc.appraisal_rules().excellent_share_percent == 30


def test_unqualified_needs_reasons_a_decision_and_the_deciding_assembly(branch: Store) -> None:
    form = ready()
    entry = form.ratings[5]
    entry.excellent, entry.qualified, entry.unqualified = 0, 4, 16
    entry.rating = Rating.UNQUALIFIED
    found = errors(form)
    assert f"{entry.name}评定为不合格，请写明理由。" in found
    assert any("处理决定" in m and entry.name in m for m in found)
    assert any("请选择作出决定的支部党员大会记录" in m for m in found)
    entry.reasons, entry.decision = "全年无故不参加组织生活", UnqualifiedDecision.CORRECT
    planned = meetings.new_meeting_form(MeetingKind.GENERAL_ASSEMBLY, on=dt.date(2026, 11, 25))
    form.meeting_id = MEETING.save_draft(planned)
    assert any("支部党员大会记录还是草稿" in m for m in errors(form))
    # an assembly before the appraisal did not decide on it
    form.meeting_id = assembly(dt.date(2026, 11, 10))
    assert any("评议当天或之后" in m for m in errors(form))
    form.meeting_id = assembly(dt.date(2026, 11, 24))
    assert errors(form) == []
    assert svc.deciding_meeting_choices(DAY) == [(form.meeting_id, "2026年11月24日支部党员大会")]
    record_id = MEMBER_APPRAISAL.finish(form, today=TODAY)
    saved = svc.load_member_appraisal(record_id).ratings[5]
    assert (saved.reasons, saved.decision) == (
        "全年无故不参加组织生活",
        UnqualifiedDecision.CORRECT,
    )


def test_reasons_are_kept_only_for_unqualified(branch: Store) -> None:
    form = ready()
    form.ratings[0].reasons, form.ratings[0].decision = "旧的理由", UnqualifiedDecision.REMOVE
    record_id = MEMBER_APPRAISAL.finish(form, today=TODAY)
    saved = svc.load_member_appraisal(record_id).ratings[0]
    assert (saved.reasons, saved.decision) == ("", None)


def test_a_missing_self_assessment_only_warns(branch: Store) -> None:
    form = ready()
    form.ratings[0].self_assessment = ""
    (warning,) = [
        p for p in svc.check_member_appraisal(form, today=TODAY) if "个人自评" in p.message
    ]
    assert not warning.is_error and "见附件" in warning.message


# --- counting, the member page, copying ---------------------------------------------------


def test_a_finished_appraisal_does_the_yearly_obligation(branch: Store) -> None:
    year = Period(Per.YEAR, dt.date(2026, 1, 1), dt.date(2026, 12, 31))

    def state() -> State:
        engine = compliance.engine(today=TODAY)
        (obligation,) = [o for o in engine.obligations if o.key == "appraisal"]
        (status,) = engine.status(obligation, year, TODAY)
        return status.state

    draft_id = MEMBER_APPRAISAL.save_draft(ready())
    assert state() is not State.DONE  # a draft never counts
    MEMBER_APPRAISAL.finish(ready(), record_id=draft_id, today=TODAY)
    assert state() is State.DONE
    (fact,) = svc.member_appraisal_facts()
    assert fact.tags == frozenset({"民主评议党员"}) and fact.title == "2026年民主评议党员"


def test_each_member_s_ratings_over_the_years(branch: Store) -> None:
    last_year = ready(on=dt.date(2025, 12, 1))
    member_id = last_year.ratings[0].member_id  # 优秀 in ready()
    MEMBER_APPRAISAL.finish(last_year, today=dt.date(2025, 12, 2))
    MEMBER_APPRAISAL.finish(ready(), today=TODAY)
    draft = ready(on=TODAY)
    draft.ratings[0].rating = Rating.BASICALLY_QUALIFIED
    MEMBER_APPRAISAL.save_draft(draft)  # not counted
    assert svc.ratings_of_member(member_id) == [
        svc.YearRating(2026, Rating.EXCELLENT),
        svc.YearRating(2025, Rating.EXCELLENT),
    ]
    other = last_year.ratings[2].member_id
    assert [r.rating for r in svc.ratings_of_member(other)] == [Rating.QUALIFIED] * 2


def test_copy_keeps_the_place_and_never_the_results(branch: Store) -> None:
    record_id = MEMBER_APPRAISAL.finish(ready(), today=TODAY)
    copy = MEMBER_APPRAISAL.copy_last(record_id, on=dt.date(2026, 3, 1))
    assert copy.place == "学校会议室" and copy.voters is None
    assert JOINED_LATE not in {e.name for e in copy.ratings}  # the members of the new day
    assert all(e.rating is None and e.votes == 0 and not e.self_assessment for e in copy.ratings)


def test_the_org_life_meeting_linked_must_be_of_the_same_year(branch: Store) -> None:
    other_year = models.OrgLifeMeeting.create(
        branch=models.Branch.get(), held_on=dt.date(2025, 12, 5), state=RecordState.FINISHED
    )
    form = ready()
    form.org_life_meeting_id = other_year.id
    assert any("所关联的组织生活会是2025年的" in m for m in errors(form))
    same = models.OrgLifeMeeting.create(
        branch=models.Branch.get(), held_on=dt.date(2026, 11, 20), state=RecordState.FINISHED
    )
    assert svc.org_life_choices(2026) == [(same.id, "2026年11月20日组织生活会")]
    draft = models.OrgLifeMeeting.create(
        branch=models.Branch.get(), held_on=dt.date(2026, 11, 21), state=RecordState.DRAFT
    )
    assert svc.org_life_choices(2026) == [(same.id, "2026年11月20日组织生活会")]  # no draft
    form.org_life_meeting_id = draft.id
    assert any("所关联的组织生活会还是草稿" in m for m in errors(form))
    form.org_life_meeting_id = same.id
    record_id = MEMBER_APPRAISAL.finish(form, today=TODAY)
    (row,) = svc.list_member_appraisals()
    assert row.with_org_life == "2026年11月20日组织生活会"
    assert svc.appraisal_content(record_id).with_org_life == "2026年11月20日组织生活会"


# --- the documents -----------------------------------------------------------------------


def _cells(document: object) -> list[str]:
    from jianshi_desktop.documents.model import Table

    return [
        cell.text
        for block in document.blocks  # type: ignore[attr-defined]
        if isinstance(block, Table)
        for row in block.rows
        for cell in row
    ]


def _with_unqualified() -> int:
    form = ready()
    entry = form.ratings[5]
    entry.excellent, entry.qualified, entry.unqualified = 0, 4, 16
    entry.rating, entry.reasons = Rating.UNQUALIFIED, "全年无故不参加组织生活"
    entry.decision = UnqualifiedDecision.PERSUADE_TO_LEAVE
    form.meeting_id = assembly(dt.date(2026, 11, 24))
    return MEMBER_APPRAISAL.finish(form, today=TODAY)


def test_the_summary_prints_each_member_s_tallies_rating_and_the_decision(branch: Store) -> None:
    record_id = _with_unqualified()
    document = MEMBER_APPRAISAL.document(record_id)
    assert (document.title, document.subtitle) == ("民主评议党员结果汇总表", "（2026年）")
    cells = _cells(document)
    name = svc.load_member_appraisal(record_id).ratings[5].name
    row = cells.index(name)
    assert cells[row - 1 : row + 7] == ["6", name, "见附件", "0", "4", "0", "16", "不合格"]
    assert "全年无故不参加组织生活" in cells and "劝其退党" in cells
    assert "处理决定（2026年11月24日支部党员大会决定）" in cells
    assert "优秀2人，合格20人，基本合格0人，不合格1人" in cells
    assert "20份" in cells and "23人" in cells


def test_the_summary_without_unqualified_has_no_decision_table(branch: Store) -> None:
    document = MEMBER_APPRAISAL.document(MEMBER_APPRAISAL.finish(ready(), today=TODAY))
    assert not any("处理决定" in text or "不合格的理由" in text for text in _cells(document))
    assert not any("同时召开" in text or "补录" in text for text in _cells(document))


def test_the_ballot_lists_the_members_of_the_day_with_empty_boxes(branch: Store) -> None:
    draft_id = MEMBER_APPRAISAL.save_draft(svc.new_member_appraisal_form(on=dt.date(2026, 3, 1)))
    document = svc.ballot_document(draft_id)  # printed from a draft, before the meeting
    assert (document.title, document.subtitle) == ("民主评议党员测评表", "（2026年）")
    cells = _cells(document)
    assert cells[:6] == ["序号", "姓名", "优秀", "合格", "基本合格", "不合格"]
    names = [e.name for e in svc.load_member_appraisal(draft_id).ratings]
    assert cells[6:12] == ["1", names[0], "□", "□", "□", "□"]
    assert len(cells) == 6 * (len(names) + 1) and JOINED_LATE not in cells
    # without a record: today's members, no date printed
    today_ballot = svc.ballot_document(None, today=TODAY)
    assert JOINED_LATE in _cells(today_ballot)
    texts = [b.text for b in today_ballot.blocks if hasattr(b, "text")]
    assert not any("评议时间" in t for t in texts)


def test_the_report_says_what_the_record_shows(branch: Store) -> None:
    record_id = _with_unqualified()
    document = svc.report_document(record_id, today=TODAY)
    assert document.title == "关于建始县青山湾小学党支部2026年度民主评议党员情况的报告"
    assert document.layout == "official" and document.masthead is None
    text = "".join(getattr(b, "text", "") for b in document.blocks)
    assert text.startswith("中共建始县教育局委员会：")
    assert "2026年11月20日，我支部在学校会议室开展了2026年度民主评议党员工作。" in text
    assert "评议当天支部有党员23名，其中正式党员21名、预备党员2名，参加评议23名。" in text
    assert "收回测评表20份" in text
    assert "优秀2名，合格20名，基本合格0名，不合格1名" in text
    name = svc.load_member_appraisal(record_id).ratings[5].name
    assert (
        f"{name}评定为不合格，理由：全年无故不参加组织生活。"
        "经2026年11月24日支部党员大会讨论，决定劝其退党。"
    ) in text
    assert "请填写" not in text and "××" not in text


def test_a_draft_has_no_report(branch: Store) -> None:
    draft_id = MEMBER_APPRAISAL.save_draft(ready())
    with pytest.raises(UserError, match="还是草稿"):
        svc.report_document(draft_id, today=TODAY)


def test_the_documents_render_as_pdf_and_word(branch: Store, tmp_path: Path) -> None:
    require("pdftotext")
    record_id = _with_unqualified()
    name = svc.load_member_appraisal(record_id).ratings[5].name
    for document, stem, expected in (
        (
            MEMBER_APPRAISAL.document(record_id),
            "summary",
            ["民主评议党员结果汇总表", name, "劝其退党"],
        ),
        (svc.ballot_document(record_id), "ballot", ["民主评议党员测评表", name, "基本合格"]),
        (svc.report_document(record_id, today=TODAY), "report", ["中共建始县教育局委员会", name]),
    ):
        docx, pdf = documents.write(document, tmp_path, stem)
        for wanted in expected:
            assert wanted in pdf_text(pdf), (stem, wanted)
            assert wanted in docx_text(docx), (stem, wanted)


def test_the_appraisal_is_listed_in_the_period_s_records(branch: Store) -> None:
    record_id = MEMBER_APPRAISAL.finish(ready(), today=TODAY)
    (ref,) = [r for r in documents.records_in(parse_period("2026-11")) if r.id == record_id]
    assert ref.stem == "2026年11月20日民主评议党员结果汇总表"
    assert ref.line == "11月20日 民主评议党员结果汇总表"


def test_the_package_carries_each_member_s_rating(branch: Store) -> None:
    from jianshi_desktop.submission import schema
    from jianshi_desktop.submission.data import records_data
    from jianshi_desktop.submission.verify import RECORDS_SCHEMA

    _with_unqualified()
    data = records_data(
        parse_period("2026"), full_ids=False, include_confidential=False, today=TODAY
    )
    assert schema.check(data, RECORDS_SCHEMA, "记录数据") is None
    (appraisal,) = data["member_appraisals"]
    assert appraisal["voters"] == 20 and len(appraisal["ratings"]) == 23
    rating = appraisal["ratings"][5]
    assert (rating["rating"], rating["decision"]) == ("unqualified", "persuade_to_leave")
    assert rating["reasons"] == "全年无故不参加组织生活"


def test_the_package_reader_refuses_a_negative_tally_or_an_unknown_rating(
    branch: Store,
) -> None:
    from jianshi_desktop.submission import schema
    from jianshi_desktop.submission.data import records_data
    from jianshi_desktop.submission.verify import RECORDS_SCHEMA

    MEMBER_APPRAISAL.finish(ready(), today=TODAY)
    data = records_data(
        parse_period("2026"), full_ids=False, include_confidential=False, today=TODAY
    )
    assert schema.check(data, RECORDS_SCHEMA, "记录数据") is None
    data["member_appraisals"][0]["ratings"][0]["qualified"] = -1
    assert schema.check(data, RECORDS_SCHEMA, "记录数据") is not None
    data["member_appraisals"][0]["ratings"][0]["qualified"] = 18
    data["member_appraisals"][0]["ratings"][0]["rating"] = "great"
    assert schema.check(data, RECORDS_SCHEMA, "记录数据") is not None


@pytest.mark.parametrize(("members", "pages"), [(25, 1), (40, 2)])
def test_the_ballot_of_a_usual_branch_is_one_sheet(
    tmp_path: Path, members: int, pages: int
) -> None:
    """Each voter gets a 测评表: a branch of up to 25 members prints it on one page."""
    from pypdf import PdfReader

    from jianshi_desktop.documents.appraisal import BallotContent, ballot_document

    names = tuple(f"党员{number:02d}" for number in range(1, members + 1))
    content = BallotContent("中共建始县青山湾小学支部委员会", 2026, names, dt.date(2026, 12, 10))
    (pdf,) = documents.write(ballot_document(content), tmp_path, "测评表", "pdf")
    assert len(PdfReader(pdf).pages) == pages
    assert "党员25" in pdf_text(pdf)
