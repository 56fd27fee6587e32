"""Setting up the branch (what the first-start wizard calls) and the demo branch."""

from __future__ import annotations

import datetime as dt

import pytest

from jianshi_desktop.db import models
from jianshi_desktop.errors import UserError, ValidationError
from jianshi_desktop.services import demo
from jianshi_desktop.services.branch import (
    BranchDraft,
    branch_info,
    create_branch,
    has_branch,
    validate_branch_draft,
)
from jianshi_desktop.services.store import Store, backup_if_due, backup_now

GOOD = BranchDraft(
    name="中共建始县某某小学支部委员会",
    founded_on=dt.date(2010, 9, 1),
    has_committee=True,
    theme_day_of_month=15,
)


def fields(draft: BranchDraft) -> list[str]:
    return [p.field for p in validate_branch_draft(draft, today=dt.date(2026, 11, 26))]


def test_a_complete_draft_has_no_problems() -> None:
    assert fields(GOOD) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "  　"}, "name"),
        ({"parent_name": ""}, "parent_name"),
        ({"founded_on": None}, "founded_on"),
        ({"founded_on": dt.date(2026, 11, 27)}, "founded_on"),
        ({"theme_day_of_month": 29}, "theme_day_of_month"),
        ({"theme_day_of_month": 0}, "theme_day_of_month"),
    ],
)
def test_each_problem_names_its_field(change: dict[str, object], field: str) -> None:
    draft = BranchDraft(**{**GOOD.__dict__, **change})  # type: ignore[arg-type]
    assert fields(draft) == [field]


def test_create_branch_saves_parent_branch_committee_and_audit(store: Store) -> None:
    info = create_branch(GOOD)
    assert info.name == GOOD.name
    assert info.parent_name == "中共建始县教育局委员会"
    assert info.founded_on == dt.date(2010, 9, 1)
    assert info.theme_day_of_month == 15
    assert models.BranchCommittee.select().count() == 1
    assert models.AuditLog.get().action == "create_branch"
    assert len(info.uid) == 32


def test_a_second_branch_is_refused(store: Store) -> None:
    create_branch(GOOD)
    with pytest.raises(ValidationError):
        create_branch(GOOD)
    assert models.Branch.select().count() == 1


def test_demo_fills_an_empty_folder_once(store: Store) -> None:
    assert demo.ensure_demo(store, today=dt.date(2026, 11, 26)) is True
    info = branch_info()
    assert info is not None and info.is_demo
    # the roster's 23, and three accepted by the 支部大会 from the demo's 发展党员 files (one
    # full since, two 预备党员)
    assert info.active_members == 26
    assert info.probationary_members == 4
    term = models.CommitteeTerm.get()
    assert term.ends_on - term.starts_on > dt.timedelta(days=3 * 365 - 2)
    assert term.ends_on < dt.date(2026, 11, 26) + dt.timedelta(days=183)  # 换届 warning due
    # post holders are dated holdings now (migration 5): one post has none
    vacant = models.CommitteePost.select().where(
        models.CommitteePost.id.not_in(
            models.CommitteePostHolding.select(models.CommitteePostHolding.post)
        )
    )
    assert vacant.count() == 1
    assert demo.ensure_demo(store) is False
    assert models.Member.select().count() == 26


def test_demo_has_a_year_of_records_in_every_kind_and_state(store: Store) -> None:
    from jianshi_desktop.domain.enums import HeartTalkKind, MeetingKind, RecordState
    from jianshi_desktop.services import heart_talks, meetings, theme_days

    today = dt.date(2026, 11, 26)
    demo.ensure_demo(store, today=today)
    rows = meetings.list_meetings()
    assert {r.kind for r in rows} == set(MeetingKind)
    assert {r.state for r in rows} == set(RecordState)
    assert any(r.late_entry for r in rows) and any(r.amended for r in rows)
    # a year of records; older ones only the meetings that decided the 发展党员 steps of
    # the demo's files (确定积极分子 … 转正 take more than two years)
    deciding = {s.meeting_id for s in models.RecruitmentStep.select() if s.meeting_id}
    older = [r for r in rows if r.held_on < dt.date(2025, 12, 1)]
    assert older and all(r.id in deciding for r in older)
    assert {r.kind for r in older} == {MeetingKind.COMMITTEE, MeetingKind.GENERAL_ASSEMBLY}
    assert max(r.held_on for r in rows) <= today
    days = theme_days.list_theme_days()
    assert len(days) == 12 and any(d.with_meeting for d in days)
    talks = heart_talks.list_heart_talks()
    assert any(t.kind is HeartTalkKind.REMINDER and t.confidential for t in talks)
    assert {t.kind for t in talks} >= {
        HeartTalkKind.COMMITTEE_PEERS,
        HeartTalkKind.COMMITTEE_MEMBER,
    }


def test_demo_never_mixes_with_a_real_branch(store: Store) -> None:
    create_branch(GOOD)
    with pytest.raises(UserError) as caught:
        demo.ensure_demo(store)
    assert "真实数据" in str(caught.value)
    assert models.Member.select().count() == 0


def test_a_demo_that_fails_halfway_leaves_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = demo.load_demo_data

    def broken() -> dict[str, object]:
        data = original()
        data["members"][5]["party_group"] = "不存在的党小组"  # type: ignore[index]
        return data

    monkeypatch.setattr(demo, "load_demo_data", broken)
    with pytest.raises(KeyError):
        demo.ensure_demo(store)
    assert not has_branch()
    assert models.Member.select().count() == 0


def test_backups_are_consistent_copies_and_daily(store: Store) -> None:
    assert backup_if_due(store) is None  # nothing to keep yet
    create_branch(GOOD)
    first = backup_if_due(store)
    assert first is not None and first.is_file()
    assert backup_if_due(store) is None  # once a day
    import sqlite3

    with sqlite3.connect(first) as copy:
        assert copy.execute("SELECT name FROM branch").fetchall() == [(GOOD.name,)]
    copy.close()
    for _ in range(12):
        backup_now(store)
    from jianshi_desktop.services import backups

    assert len(backups.list_backups(store.data)) == 1  # one a day is kept (7 days, 5 weeks …)
