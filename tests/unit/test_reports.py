"""The period's report kept: its draft saved and reopened, its 定稿 frozen against later
changes to the records, and a new draft started from today's figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jianshi_desktop.db.models import AuditLog, PeriodReport
from jianshi_desktop.domain.enums import MeetingKind
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.errors import UserError
from jianshi_desktop.services import demo, documents, meetings, reports
from jianshi_desktop.services.meetings import AgendaEntry, SpeechEntry
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
    return meetings.finish_meeting(form, today=TODAY)


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


def test_the_report_json_round_trips(branch: Store) -> None:
    draft = written(documents.report_draft(Q3, today=TODAY))
    assert reports.draft_from_json(reports.draft_to_json(draft)) == draft
