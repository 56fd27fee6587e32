"""The period's report kept: its draft saved and reopened, its 定稿 frozen against later
changes to the records, and a new draft started from today's figures."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from jianshi_desktop.db.models import AuditLog, PeriodReport
from jianshi_desktop.domain.enums import MeetingKind
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.errors import UserError
from jianshi_desktop.services import demo, documents, meetings, reports
from jianshi_desktop.services.meetings import AgendaEntry, SpeechEntry
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.services.store import Store

TODAY = dt.date(2026, 11, 26)
Q3 = parse_period("2026Q3")


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=TODAY)
    return store


def written(draft: documents.ReportDraft) -> documents.ReportDraft:
    for section in draft.sections:
        if section.key == "practices":
            section.text = "开展“红烛先锋”示范岗活动。\n结对帮扶青年教师八人。"
        elif section.key == "plans":
            section.text = "继续抓好“三会一课”。"
    return draft


def add_committee_meeting(on: dt.date) -> int:
    form = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=on)
    form.place = "学校会议室"
    form.starts_at, form.ends_at = "15:30", "16:40"
    form.recorder_id = form.chair_id
    form.agenda = [
        AgendaEntry("研究党建工作", speeches=[SpeechEntry(form.chair_id, "", "安排下月工作。")])
    ]
    return MEETING.finish(form, today=TODAY)


def test_a_draft_is_kept_and_reopened(branch: Store) -> None:
    assert reports.saved_draft(Q3) is None
    draft = documents.report_draft(Q3, today=TODAY)
    draft.sections[1].text = "开展“红烛先锋”示范岗活动。"
    draft.issuer, draft.document_number = "中共建始县实验小学支部委员会", "建实小党〔2026〕3号"
    saved_at = reports.save_report_draft(Q3, draft)
    draft.opening = "本季度，支部认真落实各项制度。"
    reports.save_report_draft(Q3, draft)  # the same draft again, not a second one

    kept = reports.saved_draft(Q3)
    assert kept is not None and kept.saved_at >= saved_at
    assert kept.draft == draft
    assert PeriodReport.select().count() == 1
    assert reports.saved_draft(parse_period("2026Q2")) is None, "one draft a period"
    assert reports.finished_report(Q3) is None
    actions = [a.action for a in AuditLog.select().order_by(AuditLog.id)]
    assert actions[-2:] == ["save_report_draft", "save_report_draft"]


def test_a_report_with_empty_parts_cannot_be_finished(branch: Store) -> None:
    draft = documents.report_draft(Q3, today=TODAY)
    with pytest.raises(documents.ReportUnfinished):
        reports.finish_report(Q3, draft, today=TODAY)
    assert reports.finished_report(Q3) is None


def test_finishing_freezes_the_text_against_later_records(branch: Store) -> None:
    draft = written(documents.report_draft(Q3, today=TODAY))
    reports.save_report_draft(Q3, draft)
    finished = reports.finish_report(Q3, draft, today=TODAY)
    assert reports.saved_draft(Q3) is None, "the draft became the 定稿"
    assert finished.draft == draft
    assert finished.figures == documents.report_figures(Q3, TODAY)
    assert finished.finished_on == dt.date.today()
    assert finished.describe().endswith("定稿")
    assert not reports.figures_changed(Q3, finished)
    before = documents.report_figures(Q3, TODAY)["basics"]

    add_committee_meeting(dt.date(2026, 9, 25))  # 补录 after the 定稿
    assert documents.report_figures(Q3, TODAY)["basics"] != before

    again = reports.finished_report(Q3)
    assert again is not None
    assert again.draft == draft, "the finished text is as it was"
    assert again.draft.sections[0].text == before
    assert reports.figures_changed(Q3, again)


def test_a_new_draft_starts_from_todays_figures_and_the_finished_one_stays(
    branch: Store,
) -> None:
    draft = written(documents.report_draft(Q3, today=TODAY))
    finished = reports.finish_report(Q3, draft, today=TODAY)
    add_committee_meeting(dt.date(2026, 9, 25))

    later = TODAY + dt.timedelta(days=3)
    new = reports.start_new_draft(Q3, today=later)
    assert new.draft.sections[0].text == documents.report_figures(Q3, later)["basics"]
    assert new.draft.sections[1].text == draft.sections[1].text, "her own words kept"
    assert new.draft.issue_date == later
    assert reports.start_new_draft(Q3, today=later).id == new.id, "one draft a period"
    assert reports.finished_report(Q3) == finished, "the 定稿 stays as it was"

    refinished = reports.finish_report(Q3, new.draft, today=later)
    assert reports.finished_report(Q3) == refinished
    assert PeriodReport.select().where(PeriodReport.state == "finished").count() == 2
    assert "start_report_draft" in [a.action for a in AuditLog.select()]


def test_no_new_draft_without_a_finished_report(branch: Store) -> None:
    with pytest.raises(UserError):
        reports.start_new_draft(Q3, today=TODAY)


def test_the_finished_report_renders_from_its_stored_text(branch: Store, tmp_path: Path) -> None:
    draft = written(documents.report_draft(Q3, today=TODAY))
    finished = reports.finish_report(Q3, draft, today=TODAY)
    add_committee_meeting(dt.date(2026, 9, 25))
    (pdf,) = documents.write(
        reports.finished_document(finished), tmp_path, reports.finished_stem(finished), "pdf"
    )
    pypdf = pytest.importorskip("pypdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages).replace(" ", "")
    assert "红烛先锋" in text
    first = draft.sections[0].text.replace(" ", "")
    assert first[:30] in text.replace("\n", "")


def test_an_old_finished_report_prints_without_the_colophon_a_new_one_with_it(
    branch: Store, tmp_path: Path
) -> None:
    """A 定稿 stored before the app printed a 版记 (content version 1) prints as it did;
    one finished today has the 版记 (印发机关 and 印发日期 at the foot of the last page)."""
    pypdf = pytest.importorskip("pypdf")
    draft = written(documents.report_draft(Q3, today=TODAY))
    finished = reports.finish_report(Q3, draft, today=TODAY)

    def printed(report: reports.FinishedReport, name: str) -> str:
        (path,) = documents.write(reports.finished_document(report), tmp_path, name, "pdf")
        return "".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages)

    new_text = printed(finished, "new").replace(" ", "")
    assert "2026年11月26日印发" in new_text

    row = PeriodReport.get_by_id(finished.id)  # as a version-1 定稿 was stored
    old_content = dict(row.content)
    for key in ("version", "direction", "masthead_signer", "copy_to", "printed_by"):
        old_content.pop(key, None)
    old_content.pop("printed_on", None)
    row.content = old_content
    row.save()
    old = reports.finished_report(Q3)
    assert old is not None
    old_text = printed(old, "old").replace(" ", "")
    assert "印发" not in old_text and "抄送" not in old_text
    assert "红烛先锋" in old_text  # the report itself still prints
    # a new draft started from it is a report of today: it has the 版记 again
    assert reports.start_new_draft(Q3, today=TODAY).draft.colophon is not None


def test_the_report_json_round_trips(branch: Store) -> None:
    draft = written(documents.report_draft(Q3, today=TODAY))
    assert reports.draft_from_json(reports.draft_to_json(draft)) == draft


def test_the_secretary_of_the_issue_date_is_offered_as_signer(branch: Store) -> None:
    from jianshi_desktop.services import history

    secretary = history.secretary_name_on(TODAY)
    holders = history.post_holders_on(TODAY)
    assert secretary == next(p.member_name for p in holders if p.kind.value == "secretary")
    offered = written(documents.report_draft(Q3, today=TODAY))
    assert offered.masthead_signer == secretary and offered.direction == "upward"
    draft = dataclasses.replace(offered, masthead_signer="")  # an older draft: none named
    assert reports.with_default_signer(draft).masthead_signer == secretary
    kept = reports.with_default_signer(dataclasses.replace(draft, masthead_signer="张喆"))
    assert kept.masthead_signer == "张喆"  # one typed in is never replaced
    # before any committee was recorded there is no 书记 to offer: nothing is made up
    assert history.secretary_name_on(dt.date(1990, 1, 1)) == ""
    before = dataclasses.replace(draft, issue_date=dt.date(1990, 1, 1))
    assert reports.with_default_signer(before).masthead_signer == ""


def test_the_report_format_fields_are_kept_with_the_draft(branch: Store) -> None:
    draft = dataclasses.replace(
        written(documents.report_draft(Q3, today=TODAY)),
        issuer="中共建始县青山湾小学支部委员会",
        direction="upward",
        masthead_signer="张喆",
        copy_to="县教育局",
        printed_on=dt.date(2026, 11, 27),
    )
    reports.save_report_draft(Q3, draft)
    saved = reports.saved_draft(Q3)
    assert saved is not None and saved.draft == draft
    finished = reports.finish_report(Q3, draft, today=TODAY)
    document = reports.finished_document(finished)
    assert document.masthead is not None and document.masthead.signer == "张喆"
    assert document.colophon is not None
    assert document.colophon.copy_to_text == "抄送：县教育局。"
    assert document.colophon.printed_on_text == "2026年11月27日印发"


def test_an_upward_report_without_signer_is_not_finished(branch: Store) -> None:
    draft = dataclasses.replace(
        written(documents.report_draft(Q3, today=TODAY)),
        issuer="中共建始县青山湾小学支部委员会",
        masthead_signer="",
    )
    with pytest.raises(UserError, match="签发人"):
        reports.finish_report(Q3, draft, today=TODAY)
    assert reports.finished_report(Q3) is None
    reports.finish_report(Q3, dataclasses.replace(draft, direction="downward"), today=TODAY)


def test_a_draft_reprinted_after_a_new_secretary_offers_the_new_one(branch: Store) -> None:
    """A report printed today is signed off by today's 书记, not by the one the draft
    offered on its old 成文日期 — unless a name was typed in by hand."""
    from jianshi_desktop.db.models import Member
    from jianshi_desktop.services import history

    old_day = dt.date(2026, 10, 8)
    draft = written(documents.report_draft(Q3, today=old_day))
    secretary = next(p for p in history.post_holders_on(old_day) if p.kind.value == "secretary")
    assert draft.masthead_signer == secretary.member_name
    successor = Member.select().where(Member.id != secretary.member_id).first()
    history.change_post_holder(secretary.post_id, successor.id, on=dt.date(2026, 11, 1))

    again = reports.with_todays_figures(draft, Q3, TODAY)
    assert again.issue_date == TODAY and again.masthead_signer == successor.name
    typed = dataclasses.replace(draft, masthead_signer="张喆")
    assert reports.with_todays_figures(typed, Q3, TODAY).masthead_signer == "张喆"
