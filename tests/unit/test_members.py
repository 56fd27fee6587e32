"""Member actions as the roster page and forms use them."""

from __future__ import annotations

import datetime as dt

import pytest

from jianshi_desktop.db import models
from jianshi_desktop.domain.enums import Gender, MemberEventKind, MemberState, MemberStatus
from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import members as svc
from jianshi_desktop.services.branch import BranchDraft, create_branch
from jianshi_desktop.services.store import Store

TODAY = dt.date(2026, 11, 26)
ZHANG = MemberFields(
    name="张晓明",
    id_number="42282219880315123" + "X",  # check char computed below
    joined_on=dt.date(2010, 6, 1),
    full_member_on=dt.date(2011, 6, 1),
    phone="138 1234 5678",
    party_group="第一党小组",
)


@pytest.fixture
def branch(store: Store) -> Store:
    create_branch(BranchDraft(name="中共建始县某某小学支部委员会", founded_on=dt.date(2008, 9, 1)))
    return store


def valid_id(first17: str) -> str:
    from jianshi_desktop.domain.idcard import check_char

    return first17 + check_char(first17)


def zhang(**changes: object) -> MemberFields:
    base = {**ZHANG.__dict__, "id_number": valid_id("42282219880315123")}
    return MemberFields(**{**base, **changes})  # type: ignore[arg-type]


def test_add_member_fills_birth_and_gender_from_the_id(branch: Store) -> None:
    member_id = svc.add_member(zhang(), today=TODAY)
    row = svc.get_member(member_id)
    assert row.birth_date == dt.date(1988, 3, 15)
    assert row.gender is Gender.MALE  # 17th digit 3 is odd
    assert row.phone == "13812345678"
    assert row.party_group == "第一党小组"
    assert row.id_number_masked == "422822********" + row.id_number_masked[-4:]
    assert "19880315" not in row.id_number_masked
    assert [e.kind for e in svc.member_history(member_id)] == [MemberEventKind.ADDED]


def test_the_same_id_cannot_be_registered_twice(branch: Store) -> None:
    svc.add_member(zhang(), today=TODAY)
    with pytest.raises(ValidationError) as caught:
        svc.add_member(zhang(name="张小明"), today=TODAY)
    assert "已登记在“张晓明”名下" in caught.value.message
    assert models.Member.select().count() == 1


def test_an_invalid_member_is_not_saved(branch: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        right = valid_id("42282219880315123")
        wrong = right[:-1] + ("0" if right[-1] != "0" else "1")
        svc.add_member(zhang(id_number=wrong), today=TODAY)
    assert caught.value.field == "id_number"
    assert models.Member.select().count() == 0
    assert models.AuditLog.select().where(models.AuditLog.action == "add_member").count() == 0


def test_revealing_the_full_id_is_audited(branch: Store) -> None:
    member_id = svc.add_member(zhang(), today=TODAY)
    assert svc.reveal_id_number(member_id) == zhang().id_number
    assert models.AuditLog.select().where(models.AuditLog.action == "reveal_id_number").count() == 1


def test_make_full_member_keeps_history(branch: Store) -> None:
    member_id = svc.add_member(
        zhang(
            status=MemberStatus.PROBATIONARY, joined_on=dt.date(2025, 12, 1), full_member_on=None
        ),
        today=TODAY,
    )
    row = svc.get_member(member_id)
    assert row.expected_full_member_on == dt.date(2026, 12, 1)
    svc.make_full_member(member_id, on=dt.date(2026, 12, 1), today=dt.date(2026, 12, 1))
    row = svc.get_member(member_id)
    assert row.status is MemberStatus.FULL and row.full_member_on == dt.date(2026, 12, 1)
    assert [e.kind for e in svc.member_history(member_id)][-1] is MemberEventKind.BECAME_FULL


def test_full_membership_waits_for_the_year_of_probation_and_is_never_ahead(
    branch: Store,
) -> None:
    # 党章 art. 7, 发展党员工作细则（2014）art. 31: the probation is one year from the 支部大会
    # that accepted the member; 转正 comes after it has ended, and never after today
    # (rules.md §7). Today's code accepted 转正 twelve days after joining and four years ahead.
    joined = dt.date(2026, 3, 10)
    member_id = svc.add_member(
        zhang(status=MemberStatus.PROBATIONARY, joined_on=joined, full_member_on=None),
        today=TODAY,
    )
    with pytest.raises(ValidationError) as caught:
        svc.make_full_member(member_id, on=dt.date(2026, 3, 22), today=TODAY)
    assert caught.value.field == "full_member_on"
    assert "不满一年" in caught.value.message and "2027年3月10日" in caught.value.message
    with pytest.raises(ValidationError) as caught:
        svc.make_full_member(member_id, on=dt.date(2030, 3, 10), today=TODAY)
    assert "晚于今天" in caught.value.message
    assert svc.get_member(member_id).status is MemberStatus.PROBATIONARY

    later = dt.date(2027, 3, 10)
    svc.make_full_member(member_id, on=later, today=later)  # the day the year is full
    assert svc.get_member(member_id).full_member_on == later


def test_the_form_path_cannot_make_a_recent_member_full(branch: Store) -> None:
    # 党章 art. 7: joined less than a year ago means still 预备党员, whatever the form says.
    member_id = svc.add_member(
        zhang(
            status=MemberStatus.PROBATIONARY, joined_on=dt.date(2026, 11, 14), full_member_on=None
        ),
        today=TODAY,
    )
    with pytest.raises(ValidationError) as caught:
        svc.update_member(
            member_id,
            zhang(status=MemberStatus.FULL, joined_on=dt.date(2026, 11, 14), full_member_on=None),
            today=TODAY,
        )
    assert caught.value.field == "status"
    with pytest.raises(ValidationError) as caught:
        svc.update_member(
            member_id,
            zhang(joined_on=dt.date(2026, 11, 14), full_member_on=dt.date(2026, 11, 26)),
            today=TODAY,
        )
    assert caught.value.field == "full_member_on" and "不满一年" in caught.value.message


def test_transfer_out_keeps_the_member_findable_but_out_of_counts(branch: Store) -> None:
    member_id = svc.add_member(zhang(), today=TODAY)
    with pytest.raises(ValidationError) as caught:
        svc.record_leaving(member_id, MemberEventKind.TRANSFER_OUT, on=TODAY, counterpart="某中学")
    assert caught.value.field == "letter_no"
    svc.record_leaving(
        member_id,
        MemberEventKind.TRANSFER_OUT,
        on=dt.date(2026, 9, 1),
        letter_no="建教党转〔2026〕12号",
        counterpart="中共建始县第一中学支部委员会",
        today=TODAY,
    )
    assert svc.list_members() == []
    left = svc.list_members(include_left=True)
    assert [r.state for r in left] == [MemberState.TRANSFERRED_OUT]
    counts = svc.roster_counts()
    assert (counts.active, counts.left) == (0, 1)
    transfer = models.Transfer.get()
    assert transfer.letter_no == "建教党转〔2026〕12号"
    assert transfer.direction == "out"


def test_a_member_who_left_can_transfer_back_in(branch: Store) -> None:
    member_id = svc.add_member(zhang(), today=TODAY)
    svc.record_leaving(
        member_id, MemberEventKind.TRANSFER_OUT, on=dt.date(2025, 9, 1),
        letter_no="A1", counterpart="某中学", today=TODAY,
    )  # fmt: skip
    back = svc.record_transfer_in(
        zhang(), on=dt.date(2026, 9, 1), letter_no="B2", counterpart="某中学", today=TODAY
    )
    assert back == member_id
    history = svc.member_history(member_id)
    assert any("介绍信编号：B2" in e.note and "来自：某中学" in e.note for e in history)
    assert svc.get_member(member_id).state is MemberState.ACTIVE
    kinds = [e.kind for e in svc.member_history(member_id) if e.kind is not MemberEventKind.ADDED]
    assert kinds == [MemberEventKind.TRANSFER_OUT, MemberEventKind.TRANSFER_IN]


def test_counts_by_category_and_group(branch: Store) -> None:
    svc.add_member(zhang(), today=TODAY)
    svc.add_member(
        MemberFields(
            name="李红",
            id_number=valid_id("42282219950101002"),
            joined_on=dt.date(2026, 5, 1),
            status=MemberStatus.PROBATIONARY,
        ),
        today=TODAY,
    )
    counts = svc.roster_counts()
    assert (counts.active, counts.full, counts.probationary) == (2, 1, 1)
    assert counts.by_group == {"第一党小组": 1, "未分组": 1}


@pytest.mark.parametrize(
    ("typed", "found"), [("zxm", True), ("zx", True), ("晓明", True), ("lh", False)]
)
def test_search_by_name_or_pinyin_initials(branch: Store, typed: str, found: bool) -> None:
    svc.add_member(zhang(), today=TODAY)
    (row,) = svc.list_members()
    assert svc.matches_search(row, typed) is found


def test_heteronym_surnames_are_found_either_way() -> None:
    assert {"zlj", "clj"} <= svc.name_initials("曾丽佳")


# ---- probation: 延长预备期, 取消预备党员资格, 留党察看 (issue 11) ---------------------------


def _probationary(joined: dt.date) -> int:
    return svc.add_member(
        zhang(joined_on=joined, full_member_on=None, status=MemberStatus.PROBATIONARY),
        today=TODAY,
    )


def test_an_extended_probation_moves_the_earliest_full_membership(branch: Store) -> None:
    """党章 art. 7 and rules.md §7: 转正 not before the end of the (extended) probation."""
    member = _probationary(dt.date(2025, 6, 1))
    svc.extend_probation(
        member,
        on=dt.date(2026, 6, 1),
        ends_on=dt.date(2026, 12, 1),
        resolution="支部党员大会决议延长预备期六个月",
        today=TODAY,
    )
    row = svc.get_member(member)
    assert row.expected_full_member_on == dt.date(2026, 12, 1)
    assert svc.list_members()[0].expected_full_member_on == dt.date(2026, 12, 1)
    with pytest.raises(ValidationError) as caught:
        svc.make_full_member(member, on=dt.date(2026, 11, 20), today=TODAY)
    assert "预备期已延长到2026年12月1日" in caught.value.message
    svc.make_full_member(member, on=dt.date(2026, 12, 1), today=dt.date(2026, 12, 2))
    history = svc.member_history(member)
    extended = next(e for e in history if e.kind is MemberEventKind.PROBATION_EXTENDED)
    assert extended.ends_on == dt.date(2026, 12, 1)
    assert extended.resolution == "支部党员大会决议延长预备期六个月"


def test_the_member_form_respects_an_extended_probation(branch: Store) -> None:
    """rules.md §7: 转正 not before the end of the (extended) probation, in every path —
    the member form too, not only the 转正 dialog."""
    from dataclasses import replace

    member = _probationary(dt.date(2025, 6, 1))
    svc.extend_probation(
        member,
        on=dt.date(2026, 6, 1),
        ends_on=dt.date(2026, 12, 1),
        resolution="支部党员大会决议延长预备期六个月",
        today=TODAY,
    )
    fields = replace(
        zhang(joined_on=dt.date(2025, 6, 1), status=MemberStatus.PROBATIONARY),
        status=MemberStatus.FULL,
        full_member_on=dt.date(2026, 7, 1),  # a year after joining, before the extension's end
    )
    problems = svc.check_member(fields, member_id=member, today=TODAY)
    assert any("预备期已延长到2026年12月1日" in p.message for p in problems), problems


def test_an_extension_is_at_most_a_year_never_in_the_future_and_by_resolution(
    branch: Store,
) -> None:
    """党章 art. 7: 延长预备期 at most one year; rules.md §7: by resolution, never ahead."""
    member = _probationary(dt.date(2025, 6, 1))
    cases = [
        ({"ends_on": dt.date(2027, 6, 2)}, "ends_on", "最长一年"),
        ({"ends_on": dt.date(2026, 5, 1)}, "ends_on", "应晚于原定"),
        ({"on": dt.date(2026, 12, 1)}, "occurred_on", "晚于今天"),
        ({"resolution": ""}, "resolution", "请填写作出决定的决议"),
    ]
    for change, field, words in cases:
        args: dict = {
            "on": dt.date(2026, 6, 1),
            "ends_on": dt.date(2027, 6, 1),
            "resolution": "决议",
            **change,
        }
        with pytest.raises(ValidationError) as caught:
            svc.extend_probation(member, today=TODAY, **args)
        assert caught.value.field == field and words in caught.value.message
    svc.extend_probation(
        member, on=dt.date(2026, 6, 1), ends_on=dt.date(2027, 6, 1), resolution="决议", today=TODAY
    )


def test_a_general_assembly_that_day_is_the_resolution(branch: Store) -> None:
    """rules.md §7: 延长预备期 by resolution — the 支部党员大会 of that day when recorded."""
    from jianshi_desktop.domain.enums import MeetingKind

    member = _probationary(dt.date(2025, 6, 1))
    meeting = models.Meeting.create(
        branch=models.Branch.get(), kind=MeetingKind.GENERAL_ASSEMBLY, held_on=dt.date(2026, 6, 1)
    )
    svc.extend_probation(member, on=dt.date(2026, 6, 1), ends_on=dt.date(2027, 1, 1), today=TODAY)
    event = models.MemberEvent.get(models.MemberEvent.kind == MemberEventKind.PROBATION_EXTENDED)
    assert event.meeting_id == meeting.id


def test_cancelling_the_probation_leaves_the_roster_that_day(branch: Store) -> None:
    """党章 art. 7, rules.md §7: 取消预备党员资格 by resolution; kept as history."""
    member = _probationary(dt.date(2025, 6, 1))
    svc.cancel_probation(member, on=dt.date(2026, 6, 1), resolution="支部党员大会决议", today=TODAY)
    row = svc.get_member(member)
    assert row.state is MemberState.PROBATION_CANCELLED and row.left_on == dt.date(2026, 6, 1)
    assert member not in [r.id for r in svc.list_members()]
    assert member in [r.id for r in svc.list_members(include_left=True)]
    kinds = [e.kind for e in svc.member_history(member)]
    assert MemberEventKind.PROBATION_CANCELLED in kinds
    with pytest.raises(ValidationError):
        svc.cancel_probation(member, on=dt.date(2026, 6, 2), resolution="决议", today=TODAY)


def test_only_probationary_members_are_extended_or_cancelled(branch: Store) -> None:
    member = svc.add_member(zhang(), today=TODAY)
    with pytest.raises(ValidationError, match="正式党员"):
        svc.extend_probation(
            member, on=TODAY, ends_on=TODAY + dt.timedelta(days=30), resolution="x", today=TODAY
        )
    with pytest.raises(ValidationError, match="正式党员"):
        svc.cancel_probation(member, on=TODAY, resolution="x", today=TODAY)


def test_party_probation_is_for_full_members_and_at_most_two_years(branch: Store) -> None:
    """党章 art. 40: 留党察看 at most two years; rules.md §7: never dated in the future."""
    member = svc.add_member(zhang(), today=TODAY)
    with pytest.raises(ValidationError, match="两年"):
        svc.record_party_probation(
            member,
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2028, 1, 2),
            resolution="x",
            today=TODAY,
        )
    with pytest.raises(ValidationError, match="晚于今天"):
        svc.record_party_probation(
            member,
            starts_on=TODAY + dt.timedelta(days=1),
            ends_on=dt.date(2027, 6, 1),
            resolution="x",
            today=TODAY,
        )
    probationary = _probationary_other()
    with pytest.raises(ValidationError, match="正式党员"):
        svc.record_party_probation(
            probationary,
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2027, 1, 1),
            resolution="x",
            today=TODAY,
        )


def _probationary_other() -> int:
    return svc.add_member(
        MemberFields(
            name="王芳",
            id_number=valid_id("42282219900720224"),
            joined_on=dt.date(2026, 3, 1),
            status=MemberStatus.PROBATIONARY,
        ),
        today=TODAY,
    )
