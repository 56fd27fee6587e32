"""学习培训: the rules a training is checked by (on its own first day), each member's hours
in a year against the minimum of training.json, the two documents, the package's list and
the reminder from 1 October."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from jianshi_desktop.db import models
from jianshi_desktop.documents.trainings import training_document, year_hours_document
from jianshi_desktop.domain.enums import RecordState
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.domain.training import (
    HoursError,
    TrainingRulesError,
    format_hours,
    load_rules,
    parse_hours,
    when_text,
)
from jianshi_desktop.errors import UserError, ValidationError
from jianshi_desktop.services import demo, documents, history, reminders, trainings
from jianshi_desktop.services.record_kinds import TRAINING
from jianshi_desktop.services.store import Store
from jianshi_desktop.services.training_documents import training_content, year_hours_content
from jianshi_desktop.services.trainings import TrainingForm
from tests.unit.document_helpers import docx_text, pdf_text

TODAY = dt.date(2026, 11, 26)
DAY = dt.date(2026, 3, 5)


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=TODAY, with_records=False)
    return store


def roster(day: dt.date = DAY) -> list[int]:
    return [m for m, _n in trainings.attendee_choices(day)]


def ready(
    day: dt.date = DAY, who: list[int] | None = None, hours: str = "16", days: int = 2
) -> TrainingForm:
    form = trainings.new_training_form(on=day)
    form.ends_on = day + dt.timedelta(days=days - 1)
    form.title, form.organiser, form.place = "党员集中轮训", "中共建始县教育局委员会", "县委党校"
    form.class_hours = hours
    form.attendance = trainings.attendees(day, roster(day) if who is None else who)
    return form


def fields(problems: list[trainings.Problem], severity: str = "error") -> dict[str, str]:
    return {p.field: p.message for p in problems if p.severity == severity}


# --- the rules ---------------------------------------------------------------------------


def test_class_hours_are_read_as_a_secretary_writes_them() -> None:
    assert parse_hours("16") == Decimal(16)
    assert parse_hours(" 2.5 学时") == Decimal("2.5")
    assert parse_hours("１６") == Decimal(16)
    assert format_hours(Decimal("16.0")) == "16" and format_hours(Decimal("2.50")) == "2.5"
    for typed, said in (
        ("", "请填写学时数"),
        ("十六", "不是数字"),
        ("0", "应大于0"),
        ("-4", "应大于0"),
        ("2.25", "最多保留一位小数"),
        ("5000", "太大"),
    ):
        with pytest.raises(HoursError, match=said):
            parse_hours(typed)


def test_the_yearly_minimum_is_read_from_its_file_and_a_broken_file_is_named() -> None:
    shipped = trainings.training_rules()
    assert shipped.min_hours_per_year == 32 and "党员教育管理工作条例" in shipped.source
    for broken in ("{", '{"source": "x"}', '{"min_hours_per_year": 0, "source": "x"}'):
        with pytest.raises(TrainingRulesError, match=r"training\.json"):
            load_rules(broken)


def test_the_dates_are_written_as_on_paper() -> None:
    assert when_text(DAY, DAY) == "2026年3月5日"
    assert when_text(DAY, dt.date(2026, 3, 7)) == "2026年3月5日至7日"
    assert when_text(dt.date(2026, 3, 30), dt.date(2026, 4, 2)) == "2026年3月30日至4月2日"


def test_a_ready_training_has_no_problem(branch: Store) -> None:
    assert trainings.check_training(ready(), today=TODAY) == []


def test_each_slip_is_told_beside_its_field_in_words(branch: Store) -> None:
    form = dataclasses.replace(
        ready(), title=" ", class_hours="abc", attendance=[], ends_on=dt.date(2026, 3, 1)
    )
    errors = fields(trainings.check_training(form, today=TODAY))
    assert errors["title"].startswith("请填写培训名称")
    assert "早于开始日期" in errors["ends_on"]
    assert "不是数字" in errors["class_hours"]
    assert "请勾选参加这次培训的党员" in errors["attendance"]
    with pytest.raises(ValidationError, match="早于开始日期"):
        TRAINING.finish(form, today=TODAY)


def test_a_text_longer_than_the_package_keeps_is_refused_in_words(branch: Store) -> None:
    # review finding 2: a 地点 of 103 characters was taken, and then every package of its
    # period failed its own read-back check (records.json keeps at most 100)
    limits = {"title": 200, "organiser": 100, "place": 100, "content": 100_000}
    labels = {"title": "培训名称", "organiser": "主办单位", "place": "地点", "content": "培训内容"}
    for name, limit in limits.items():
        too_long = dataclasses.replace(ready(), **{name: "党" * (limit + 1)})
        message = fields(trainings.check_training(too_long, today=TODAY)).get(name, "")
        assert labels[name] in message and f"最多{limit}个字" in message, name
        at_limit = dataclasses.replace(ready(), **{name: "党" * limit})
        assert name not in fields(trainings.check_training(at_limit, today=TODAY)), name
    with pytest.raises(ValidationError, match="地点"):
        TRAINING.finish(dataclasses.replace(ready(), place="党" * 101), today=TODAY)


def test_a_training_at_every_limit_still_goes_into_a_package_that_verifies(
    branch: Store,
) -> None:
    from jianshi_desktop.submission import schema
    from jianshi_desktop.submission.data import records_data
    from jianshi_desktop.submission.verify import RECORDS_SCHEMA

    form = dataclasses.replace(
        ready(), title="党" * 200, organiser="党" * 100, place="党" * 100, content="党" * 1000
    )
    TRAINING.finish(form, today=TODAY)
    data = records_data(
        parse_period("2026"), full_ids=False, include_confidential=False, today=TODAY
    )
    assert schema.check(data, RECORDS_SCHEMA, "记录数据") is None


def test_a_training_in_the_future_or_still_running_waits_as_a_draft(branch: Store) -> None:
    later = ready(dt.date(2026, 12, 1))
    assert "晚于今天" in fields(trainings.check_training(later, today=TODAY))["held_on"]
    running = ready(dt.date(2026, 11, 25), days=5)
    assert "才结束" in fields(trainings.check_training(running, today=TODAY))["ends_on"]
    draft_id = TRAINING.save_draft(running)
    assert TRAINING.state(draft_id) == (RecordState.DRAFT, False)


def test_absurd_hours_only_warn_per_day_of_the_training(branch: Store) -> None:
    one_day = ready(hours="24", days=1)
    warned = fields(trainings.check_training(one_day, today=TODAY), "warning")
    assert "平均每天超过10学时" in warned["class_hours"]
    three_days = ready(hours="24", days=3)
    assert "class_hours" not in fields(trainings.check_training(three_days, today=TODAY), "warning")


def test_an_attendee_is_a_member_on_the_training_s_own_first_day(branch: Store) -> None:
    facts = history.member_facts()
    newcomer = max(facts, key=lambda f: f.in_branch[0][0] or dt.date.min)
    arrived = newcomer.in_branch[0][0]
    assert arrived is not None and arrived > dt.date(2026, 1, 1)
    before = arrived - dt.timedelta(days=3)
    assert newcomer.id not in roster(before)  # not offered that day
    form = ready(before, days=1)
    form.attendance.append(trainings.AttendanceEntry(newcomer.id, newcomer.name))
    error = fields(trainings.check_training(form, today=TODAY))["attendance"]
    assert newcomer.name in error and "不是本支部党员" in error
    after = ready(arrived, who=[newcomer.id], hours="6", days=1)  # not today's roster
    assert trainings.check_training(after, today=TODAY) == []


def test_the_training_is_written_and_read_back(branch: Store) -> None:
    record_id = TRAINING.finish(ready(hours="2.5"), today=TODAY)
    back = trainings.load_training(record_id)
    assert back.class_hours == "2.5" and back.ends_on == dt.date(2026, 3, 6)
    assert [e.member_id for e in back.attendance] == roster()
    assert models.Training.get_by_id(record_id).class_hours == Decimal("2.5")
    (row,) = trainings.list_trainings(year=2026)
    assert (row.title, row.class_hours, row.attendees) == ("党员集中轮训", "2.5", len(roster()))
    copy = TRAINING.copy_last(record_id, on=dt.date(2026, 11, 2))
    assert copy.ends_on == dt.date(2026, 11, 3) and copy.title == "党员集中轮训"
    assert trainings.new_training_form(on=TODAY).organiser == "中共建始县教育局委员会"


# --- hours per member ------------------------------------------------------------------------


def test_each_member_is_credited_the_hours_of_the_year_s_finished_trainings(
    branch: Store,
) -> None:
    members = roster()
    TRAINING.finish(ready(hours="16"), today=TODAY)  # everyone
    TRAINING.finish(ready(dt.date(2026, 6, 1), members[:2], "24", 3), today=TODAY)
    TRAINING.save_draft(ready(dt.date(2026, 7, 1), members[:1], "8", 1))  # a draft: never
    TRAINING.finish(ready(dt.date(2025, 12, 1), members[:1], "8", 1), today=TODAY)  # last year
    lines = {line.member_id: line for line in trainings.hours_by_member(2026, today=TODAY)}
    assert lines[members[0]].hours == 40 and lines[members[0]].trainings == 2
    assert lines[members[2]].hours == 16 and lines[members[2]].trainings == 1
    ordered = [line.member_id for line in trainings.hours_by_member(2026, today=TODAY)]
    assert ordered == sorted(ordered)  # roster order, never ranked by hours
    below = trainings.below_minimum(lines.values(), Decimal(32))
    assert members[0] not in {b.member_id for b in below}
    assert members[2] in {b.member_id for b in below}


def test_the_yearly_table_names_who_is_below_the_minimum_plainly(
    branch: Store, tmp_path: Path
) -> None:
    members = roster()
    TRAINING.finish(ready(hours="16"), today=TODAY)
    TRAINING.finish(ready(dt.date(2026, 6, 1), members[:1], "24", 3), today=TODAY)
    content = year_hours_content(2026, today=TODAY)
    assert content.title == "2026年度党员学习培训学时统计" and content.as_of == TODAY
    first = content.lines[0]
    assert (first.hours, first.below) == (Decimal(40), False)
    doc = year_hours_document(content)
    paths = documents.write(doc, tmp_path, "学时", "both")
    text = pdf_text(paths[-1] if paths[-1].suffix == ".pdf" else paths[0])
    assert "2026年度党员学习培训学时统计" in text
    assert "不少于32学时的要求" in text and "目前不足" in text
    assert first.name in docx_text(next(p for p in paths if p.suffix == ".docx"))
    with pytest.raises(UserError, match="还没有开始"):
        year_hours_content(2027, today=TODAY)


def test_the_record_prints_only_what_it_holds(branch: Store, tmp_path: Path) -> None:
    form = ready()
    form.organiser, form.place = "", ""
    record_id = TRAINING.finish(form, today=TODAY)
    doc = training_document(training_content(record_id))
    assert doc.title.endswith(TRAINING.document_name)
    paths = documents.write(doc, tmp_path, "培训", "both")
    text = pdf_text(next(p for p in paths if p.suffix == ".pdf"))
    assert "党员集中轮训" in text and "2026年3月5日至6日" in text and "16学时" in text
    assert "主办单位" not in text and "证书" not in text
    (ref,) = [r for r in documents.records_in(parse_period("2026-03")) if r.id == record_id]
    assert ref.stem == "2026年3月5日培训记录" and ref.line == "3月5日 培训记录（党员集中轮训）"


# --- the package -----------------------------------------------------------------------------


def test_the_package_carries_the_trainings_as_the_reader_checks_them(branch: Store) -> None:
    from jianshi_desktop.submission import schema
    from jianshi_desktop.submission.data import records_data
    from jianshi_desktop.submission.package import PackageOptions, plan_package
    from jianshi_desktop.submission.verify import RECORDS_SCHEMA

    TRAINING.finish(ready(), today=TODAY)
    TRAINING.save_draft(ready(dt.date(2026, 4, 1)))
    data = records_data(
        parse_period("2026"), full_ids=False, include_confidential=False, today=TODAY
    )
    assert schema.check(data, RECORDS_SCHEMA, "记录数据") is None
    (training,) = data["trainings"]  # the draft stays out
    assert (training["class_hours"], training["ends_on"]) == ("16", "2026-03-06")
    assert len(training["attendance"]) == len(roster())
    training["class_hours"] = "十六"
    assert "class_hours" in (schema.check(data, RECORDS_SCHEMA, "记录数据") or "")
    assert plan_package(parse_period("2026"), PackageOptions()).training_years == (2026,)
    assert plan_package(parse_period("2026-03"), PackageOptions()).training_years == ()


# --- the reminder ------------------------------------------------------------------------------


def _training_reminders(today: dt.date) -> list[reminders.Reminder]:
    return [r for r in reminders.reminders(today=today) if r.kind == "training_hours"]


def test_from_october_one_reminder_says_how_many_are_below(branch: Store) -> None:
    assert _training_reminders(dt.date(2026, 10, 2)) == []  # nothing recorded here: silent
    members = roster()
    TRAINING.finish(ready(hours="16"), today=TODAY)
    TRAINING.finish(ready(dt.date(2026, 6, 1), members[:3], "24", 3), today=TODAY)
    assert _training_reminders(dt.date(2026, 9, 30)) == []
    (reminder,) = _training_reminders(dt.date(2026, 10, 1))
    assert (
        reminder.title == f"本年有{len(roster(dt.date(2026, 10, 1))) - 3}名党员学习培训不足32学时"
    )
    assert (reminder.action.area, reminder.action.command) == ("trainings", "")
    assert reminder.due == dt.date(2026, 12, 31) and not reminder.overdue


def test_a_draft_is_listed_on_the_home_page_to_go_on_with(branch: Store) -> None:
    from jianshi_desktop.services.drafts import unfinished_drafts

    draft_id = TRAINING.save_draft(ready(dt.date(2026, 11, 20), days=1, hours=""))
    (draft,) = [d for d in unfinished_drafts() if d.record_type == "training"]
    assert (draft.id, draft.kind_name, draft.area) == (draft_id, "学习培训", "trainings")
    assert draft.title == "2026年11月20日学习培训"


def test_the_self_test_names_a_broken_rules_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jianshi_desktop import selftest

    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "training.json").write_text('{"min_hours_per_year": "很多"}')
    monkeypatch.setattr(trainings, "resources_dir", lambda: tmp_path)
    trainings.training_rules.cache_clear()
    try:
        broken = selftest._training_rules_check()
    finally:
        monkeypatch.undo()
        trainings.training_rules.cache_clear()
    assert not broken.ok and "请核对 training.json" in broken.detail
    shipped = selftest._training_rules_check()
    assert shipped.ok and shipped.detail == "每年不少于32学时"


def test_a_package_with_a_certificate_verifies(branch: Store, tmp_path: Path) -> None:
    import json
    import zipfile

    from jianshi_desktop.domain.enums import AttachmentKind
    from jianshi_desktop.services.attachments import entry_for
    from jianshi_desktop.submission.package import PackageOptions, build_package
    from jianshi_desktop.submission.verify import verify_package

    scan = tmp_path / "结业证书.jpg"
    scan.write_bytes(b"\xff\xd8\xff certificate")
    form = ready()
    form.attachments = [
        dataclasses.replace(
            entry_for(branch.data.attachments, scan), kind=AttachmentKind.CERTIFICATE
        )
    ]
    TRAINING.finish(form, today=TODAY)
    path = build_package(
        branch.data, parse_period("2026"), tmp_path / "out", PackageOptions(), today=TODAY
    ).path
    report = verify_package(path)
    assert report.ok, report.problems
    names = {f["path"] for f in report.files}
    assert "文书/2026年度党员学习培训学时统计.pdf" in names
    assert "文书/记录/2026年3月5日培训记录.pdf" in names
    assert "附件/2026年3月5日培训记录/结业证书.jpg" in names
    with zipfile.ZipFile(path) as archive:
        data = json.loads(archive.read("数据/records.json"))
    (training,) = data["trainings"]
    assert training["attachments"][0]["kind"] == "certificate"


def test_a_long_course_is_judged_late_from_its_last_day_not_its_first(branch: Store) -> None:
    """A 30-day online course recorded two days after it ends is on time; the same course
    recorded six weeks after it ends is 补录."""
    start = dt.date(2026, 9, 1)
    course = ready(start, hours="30", days=30)
    on_time = TRAINING.finish(course, today=course.ends_on + dt.timedelta(days=2))
    assert TRAINING.state(on_time) == (RecordState.FINISHED, False)
    late = TRAINING.finish(ready(start, hours="30", days=30), today=dt.date(2026, 11, 12))
    assert TRAINING.state(late) == (RecordState.FINISHED, True)


def test_a_years_ledger_ends_with_its_learning_section(branch: Store, tmp_path: Path) -> None:
    """The 台账 of a period that ends a year closes with the year's 学时统计 (its 学习培训
    section); a quarter that does not end the year has none."""
    TRAINING.finish(ready(), today=TODAY)
    year = documents.ledger(parse_period("2026"), today=TODAY)
    (path,) = documents.write(year, tmp_path, "year", "docx")
    text = docx_text(path)
    assert "2026年度党员学习培训学时统计" in text and "参加培训" in text
    quarter = documents.ledger(parse_period("2026Q1"), today=TODAY)
    (path,) = documents.write(quarter, tmp_path, "quarter", "docx")
    assert "学时统计" not in docx_text(path)
