"""组织设置情况, every half year: the report is the organisation as it stood on its day,
stays what was sent once finished, counts for the half it reports, prints and goes into
the package."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jianshi_desktop.documents.model import Table
from jianshi_desktop.domain.compliance import Per, State, period_of
from jianshi_desktop.domain.enums import CommitteePostKind, MemberEventKind, MemberStatus
from jianshi_desktop.domain.idcard import check_char
from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.domain.organisation import (
    OrgSnapshot,
    counted_on,
    half_label,
    months_left,
    read_snapshot,
    reported_half,
)
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import compliance, documents, members
from jianshi_desktop.services import organisation_reports as reports
from jianshi_desktop.services import organization as org
from jianshi_desktop.services.branch import BranchDraft, create_branch
from jianshi_desktop.services.record_kinds import ORGANISATION_REPORT
from jianshi_desktop.services.store import Store

TODAY = dt.date(2026, 12, 7)
ELECTED = dt.date(2024, 3, 1)  # a three-year term: it ends on 2027-02-28
LEFT = dt.date(2026, 10, 9)  # the 纪检委员 moves away
JOINED_LATE = dt.date(2026, 11, 25)  # a member admitted after the report's day


def add(
    n: int,
    *,
    status: MemberStatus = MemberStatus.FULL,
    joined: dt.date | None = None,
    group: str = "",
) -> int:
    first17 = f"42282219800101{n:03d}"
    return members.add_member(
        MemberFields(
            name=f"党员{n:02d}",
            id_number=first17 + check_char(first17),
            joined_on=joined or dt.date(2010, 1, 1),
            full_member_on=dt.date(2011, 1, 1) if status is MemberStatus.FULL else None,
            status=status,
            party_group=group,
        ),
        today=TODAY,
    )


def vacant(snapshot: OrgSnapshot) -> tuple[str, ...]:
    """The posts the report shows 空缺."""
    return tuple(p.title for p in snapshot.posts if p.vacant)


@pytest.fixture
def branch(store: Store) -> dict[str, int]:
    """Eight full members and a 预备党员 from 2010, a committee of four elected in 2024,
    two 党小组; the 纪检委员 left on 9 October; a member joined on 25 November."""
    create_branch(BranchDraft(name="某中学支部", founded_on=dt.date(2008, 9, 1)))
    org.set_has_committee(True)
    first = org.create_group("第一党小组")
    second = org.create_group("第二党小组")
    ids = [add(n, group="第一党小组" if n <= 4 else "第二党小组") for n in range(1, 9)]
    ids.append(
        add(9, status=MemberStatus.PROBATIONARY, joined=dt.date(2026, 3, 1), group="第二党小组")
    )
    org.set_group_leader(first, ids[0])
    org.set_group_leader(second, ids[4])
    posts = {
        CommitteePostKind.SECRETARY: ids[0],
        CommitteePostKind.ORGANIZATION: ids[1],
        CommitteePostKind.PUBLICITY: ids[2],
        CommitteePostKind.DISCIPLINE: ids[3],
    }
    org.elect_committee(elected_on=ELECTED, posts=posts, number=3, today=TODAY)
    members.record_leaving(
        ids[3],
        MemberEventKind.TRANSFER_OUT,
        on=LEFT,
        letter_no="建组〔2026〕12号",
        counterpart="某小学支部",
        today=TODAY,
    )
    late = add(10, status=MemberStatus.PROBATIONARY, joined=JOINED_LATE)
    return {
        "secretary": ids[0],
        "second": ids[1],
        "left": ids[3],
        "late": late,
        "fifth": ids[4],
        "group": first,
    }


def test_the_snapshot_is_the_organisation_of_its_own_day(branch: dict[str, int]) -> None:
    snap = reports.build_snapshot(dt.date(2026, 11, 20))
    # the member who joined on 25 November is not counted; the one who left is not either
    assert (snap.total, snap.full, snap.probationary) == (8, 7, 1)
    assert (snap.branch, snap.has_committee, snap.secretary) == ("某中学支部", True, "党员01")
    assert snap.term is not None and snap.term.label == "第3届"
    assert snap.term.ends_on == dt.date(2027, 2, 28) and snap.term.months_left == 3
    assert snap.term.ending_soon
    assert vacant(snap) == ("纪检委员",)  # its holder left on 9 October
    assert [(g.name, g.leader, len(g.members)) for g in snap.groups] == [
        ("第一党小组", "党员01", 3),  # the 纪检委员 had left it
        ("第二党小组", "党员05", 5),
    ]
    messages = [w.message for w in snap.warnings]
    assert "纪检委员职务空缺。" in messages
    assert "本届支部委员会任期将于2027年2月28日届满。" in messages
    assert any("补选" in w.action for w in snap.warnings)

    # on the last day of June the 纪检委员 still held the post, nothing was due yet
    june = reports.build_snapshot(dt.date(2026, 6, 30))
    assert vacant(june) == () and june.total == 9 and june.term is not None
    assert not june.term.ending_soon and june.term.months_left == 8
    assert [w.message for w in june.warnings] == []


def test_a_finished_report_stays_what_was_sent(branch: dict[str, int]) -> None:
    form = reports.new_organisation_report_form(on=dt.date(2026, 11, 20))
    assert form.half_start == dt.date(2026, 7, 1)
    record_id = ORGANISATION_REPORT.finish(form, today=TODAY)
    org.set_post_holder(
        org.term_on(TODAY).posts[3].id,  # type: ignore[union-attr]
        branch["fifth"],
        since=dt.date(2026, 11, 10),  # a 补选 entered afterwards, dated before the report
    )
    stored = read_snapshot(ORGANISATION_REPORT.read(record_id).snapshot)
    assert vacant(stored) == ("纪检委员",)  # as it was sent
    assert vacant(reports.build_snapshot(dt.date(2026, 11, 20))) == ()

    # filling in 上报日期 and 说明 after it was sent keeps what was sent
    sent = ORGANISATION_REPORT.read(record_id)
    org.set_group_leader(branch["group"], branch["second"])  # a new 组长 in December
    org.rename_group(branch["group"], "语文党小组")
    again = ORGANISATION_REPORT.read(record_id)
    again.reported_on = dt.date(2026, 11, 22)
    again.notes = "已报县教育局党委。"
    ORGANISATION_REPORT.finish(again, record_id=record_id, today=TODAY)
    kept = ORGANISATION_REPORT.read(record_id)
    assert kept.snapshot == sent.snapshot
    assert (kept.reported_on, kept.notes) == (dt.date(2026, 11, 22), "已报县教育局党委。")
    first = read_snapshot(kept.snapshot).groups[0]
    assert (first.name, first.leader) == ("第一党小组", "党员01")  # as on the report's day

    # 更正 keeps it too: what was sent stays, only the fields corrected change
    ORGANISATION_REPORT.archive(record_id)
    corrected = ORGANISATION_REPORT.read(record_id)
    corrected.notes = "已报县教育局党委组织科。"
    ORGANISATION_REPORT.amend(record_id, corrected, reason="说明写得不全", today=TODAY)
    assert ORGANISATION_REPORT.read(record_id).snapshot == sent.snapshot

    # an 更正 of the report's day builds it again on the new day
    moved = ORGANISATION_REPORT.read(record_id)
    moved.held_on = dt.date(2026, 11, 21)
    ORGANISATION_REPORT.amend(record_id, moved, reason="截至日期应为11月21日", today=TODAY)
    rebuilt = read_snapshot(ORGANISATION_REPORT.read(record_id).snapshot)
    assert rebuilt.day == dt.date(2026, 11, 21) and vacant(rebuilt) == ()


def test_a_draft_is_built_again_until_it_is_finished(branch: dict[str, int]) -> None:
    form = reports.new_organisation_report_form(on=dt.date(2026, 11, 20))
    record_id = ORGANISATION_REPORT.save_draft(form)
    org.set_post_holder(
        org.term_on(TODAY).posts[3].id,  # type: ignore[union-attr]
        branch["fifth"],
        since=dt.date(2026, 11, 10),
    )
    # finishing the draft stores the history of its day as it stands now
    ORGANISATION_REPORT.finish(
        ORGANISATION_REPORT.read(record_id), record_id=record_id, today=TODAY
    )
    assert vacant(read_snapshot(ORGANISATION_REPORT.read(record_id).snapshot)) == ()

    # a finished report whose day is changed (not yet archived) is built on the new day
    moved = ORGANISATION_REPORT.read(record_id)
    moved.held_on = dt.date(2026, 11, 5)
    ORGANISATION_REPORT.finish(moved, record_id=record_id, today=TODAY)
    stored = read_snapshot(ORGANISATION_REPORT.read(record_id).snapshot)
    assert stored.day == dt.date(2026, 11, 5) and vacant(stored) == ("纪检委员",)


def test_a_group_leader_is_named_only_if_in_the_group_that_day(
    branch: dict[str, int],
) -> None:
    # 党员02 moves from the first group to lead the second today: on 20 November it was
    # in the first group, so the second group's report names no leader it cannot know
    second = next(g.id for g in org.list_groups() if g.name == "第二党小组")
    org.set_group_leader(second, branch["second"])
    snap = reports.build_snapshot(dt.date(2026, 11, 20))
    assert [(g.name, g.leader) for g in snap.groups] == [
        ("第一党小组", "党员01"),
        ("第二党小组", ""),
    ]
    # and the printed form leaves that cell blank: it does not claim 未设组长
    report = ORGANISATION_REPORT.finish(
        reports.new_organisation_report_form(on=dt.date(2026, 11, 20)), today=TODAY
    )
    (table,) = [b for b in ORGANISATION_REPORT.document(report).blocks if isinstance(b, Table)]
    printed = [cell.text for row in table.rows for cell in row]
    assert "党员01" in printed and "未设组长" not in printed


def test_the_half_a_report_is_for() -> None:
    assert reported_half(dt.date(2026, 7, 3)) == dt.date(2026, 1, 1)  # just after the half
    assert reported_half(dt.date(2026, 6, 20)) == dt.date(2026, 1, 1)
    assert reported_half(dt.date(2026, 8, 1)) == dt.date(2026, 7, 1)
    assert reported_half(dt.date(2027, 1, 5)) == dt.date(2026, 7, 1)
    assert half_label(dt.date(2026, 7, 1)) == "2026年下半年"
    assert counted_on(dt.date(2026, 7, 3), dt.date(2026, 1, 1)) == dt.date(2026, 6, 30)
    assert counted_on(dt.date(2026, 6, 20), dt.date(2026, 1, 1)) == dt.date(2026, 6, 20)
    assert months_left(dt.date(2026, 11, 30), dt.date(2027, 2, 28)) == 3
    assert months_left(dt.date(2026, 12, 1), dt.date(2027, 2, 28)) == 2


def test_a_report_made_on_3_july_counts_for_the_first_half(branch: dict[str, int]) -> None:
    form = reports.new_organisation_report_form(on=dt.date(2026, 7, 3))
    assert form.half_start == dt.date(2026, 1, 1)
    ORGANISATION_REPORT.finish(form, today=TODAY)
    engine = compliance.engine(today=TODAY)
    (obligation,) = [o for o in engine.obligations if o.key == "organisation_report"]
    first = engine.status(obligation, period_of(dt.date(2026, 3, 1), Per.HALF), TODAY)
    second = engine.status(obligation, period_of(dt.date(2026, 9, 1), Per.HALF), TODAY)
    assert first[0].state is State.DONE
    assert second[0].state is not State.DONE


def test_the_half_rules_refuse_what_cannot_be(branch: dict[str, int]) -> None:
    form = reports.new_organisation_report_form(on=dt.date(2026, 7, 3))
    ORGANISATION_REPORT.finish(form, today=TODAY)
    again = reports.new_organisation_report_form(on=dt.date(2026, 7, 10))
    with pytest.raises(ValidationError) as caught:
        ORGANISATION_REPORT.finish(again, today=TODAY)
    assert "2026年上半年的组织设置情况已有一份报告（截至2026年7月3日" in caught.value.message
    assert "要修改请用更正" in caught.value.message

    early = reports.new_organisation_report_form(on=dt.date(2026, 6, 1))
    early.half_start = dt.date(2026, 7, 1)
    problems = reports.check_organisation_report(early, today=TODAY)
    assert any("早于2026年下半年的第一天" in p.message and p.is_error for p in problems)

    late = reports.new_organisation_report_form(on=dt.date(2026, 11, 20))
    late.half_start = dt.date(2026, 1, 1)
    (problem,) = [
        p for p in reports.check_organisation_report(late, today=TODAY) if p.field == "held_on"
    ]
    assert not problem.is_error and "一个多月之后" in problem.message

    late.reported_on = dt.date(2026, 11, 1)
    assert any(
        p.field == "reported_on" and "早于截至日期" in p.message
        for p in reports.check_organisation_report(late, today=TODAY)
    )
    future = reports.new_organisation_report_form(on=TODAY + dt.timedelta(days=3))
    assert any(
        p.field == "held_on" and p.is_error
        for p in reports.check_organisation_report(future, today=TODAY)
    )


def test_the_report_prints_as_its_table_form(branch: dict[str, int], tmp_path: Path) -> None:
    from jianshi_desktop.documents.model import Paragraph, Table

    form = reports.new_organisation_report_form(on=dt.date(2026, 11, 20))
    form.notes = "纪检委员补选工作已报县教育局党委。"
    record_id = ORGANISATION_REPORT.finish(form, today=TODAY)
    doc = ORGANISATION_REPORT.document(record_id)
    assert doc.title == "组织设置情况报告表"
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    cells = [cell.text for row in table.rows for cell in row]
    for text in ("某中学支部", "第3届", "党员01", "空缺（需补选）", "第二党小组", "5名"):
        assert text in cells, text
    assert "8名（正式党员7名，预备党员1名）" in cells
    assert "2024年3月1日至2027年2月28日（距届满3个月，应做好换届准备）" in cells
    assert any("纪检委员职务空缺" in c for c in cells)
    assert form.notes in cells
    said = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert "报告期：2026年下半年　　截至日期：2026年11月20日" in said
    assert "填报人：党员01　　填报日期：2026年11月20日" in said
    for kind in ("pdf", "docx"):
        (written,) = documents.write(doc, tmp_path, "组织设置情况报告表", kind)
        assert written.stat().st_size > 0


def test_the_package_carries_the_report_and_verifies(branch: dict[str, int]) -> None:
    from jianshi_desktop.domain.periods import parse_period
    from jianshi_desktop.submission import data, schema
    from jianshi_desktop.submission.verify import RECORDS_SCHEMA

    record_id = ORGANISATION_REPORT.finish(
        reports.new_organisation_report_form(on=dt.date(2026, 11, 20)), today=TODAY
    )
    records = data.records_data(
        parse_period("2026H2"), full_ids=False, include_confidential=False, today=TODAY
    )
    (listed,) = records["organisation_reports"]
    assert listed["id"] == record_id and listed["half_start"] == "2026-07-01"
    assert listed["snapshot"]["posts"][3]["member_id"] is None
    assert schema.check(records, RECORDS_SCHEMA, "records.json") is None
    listed["snapshot"]["total"] = "八"
    assert "total" in (schema.check(records, RECORDS_SCHEMA, "records.json") or "")
