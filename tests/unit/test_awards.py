"""评先 (issue 20): awards of the branch and its members under the rules of their year, and
the 推荐材料 drafted from the year's records only — never claiming more than they show."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jianshi_desktop.db.models import AuditLog
from jianshi_desktop.domain.enums import AwardKind, MemberEventKind, MemberStatus
from jianshi_desktop.domain.idcard import check_char
from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import awards, members
from jianshi_desktop.services.awards import AwardForm, Nomination, NominationText
from jianshi_desktop.services.branch import BranchDraft, create_branch
from jianshi_desktop.services.documents import write
from jianshi_desktop.services.nomination import draft
from jianshi_desktop.services.store import Store

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def branch(store: Store) -> Store:
    create_branch(
        BranchDraft(
            name="某小学支部", parent_name="中共某县教育局委员会", founded_on=dt.date(2020, 1, 1)
        )
    )
    return store


def add(n: int, joined: dt.date = dt.date(2010, 1, 1)) -> int:
    first17 = f"42282219800101{n:03d}"
    return members.add_member(
        MemberFields(
            name=f"党员{n:02d}",
            id_number=first17 + check_char(first17),
            joined_on=joined,
            full_member_on=None if joined.year > 2025 else joined + dt.timedelta(days=400),
            status=MemberStatus.PROBATIONARY if joined.year > 2025 else MemberStatus.FULL,
        ),
        today=TODAY,
    )


def test_an_award_takes_its_title_and_granting_body_from_the_year(branch: Store) -> None:
    member = add(1)
    award = awards.add_award(AwardForm(AwardKind.VANGUARD_MEMBER, 2025, member), today=TODAY)
    (row,) = awards.list_awards(member_id=member)
    assert (row.id, row.title, row.granted_by) == (
        award,
        "2025年度先锋共产党员",
        "中共某县教育局委员会",
    )
    assert (
        awards.member_awards_line(member)
        == "获得表彰：2025年度先锋共产党员（中共某县教育局委员会）"
    )
    awards.add_award(AwardForm(AwardKind.RED_FLAG_BRANCH, 2025), today=TODAY)
    assert [r.who for r in awards.list_awards()] == ["本支部", "党员01"]
    awards.delete_award(award)
    assert [r.who for r in awards.list_awards()] == ["本支部"]
    assert [a.action for a in AuditLog.select().order_by(AuditLog.id)][-3:] == [
        "add_award",
        "add_award",
        "delete_award",
    ]


def test_the_rules_of_the_award_refuse_in_chinese(branch: Store) -> None:
    member = add(1)
    newcomer = add(2, joined=dt.date(2026, 3, 1))
    cases = [
        (AwardForm(AwardKind.RED_FLAG_BRANCH, 2025, member), "授予支部"),
        (AwardForm(AwardKind.VANGUARD_MEMBER, 2025), "请选择"),
        (AwardForm(AwardKind.VANGUARD_MEMBER, 2025, newcomer), "2025年不在本支部"),
        (AwardForm(AwardKind.VANGUARD_MEMBER, 2019, member), "2020年（支部成立）到2026年"),
        (AwardForm(AwardKind.VANGUARD_MEMBER, 2027, member), "之间"),
        (AwardForm(AwardKind.OTHER_AWARD, 2025, member), "请填写表彰名称"),
        (
            AwardForm(AwardKind.VANGUARD_MEMBER, 2025, member, granted_on=dt.date(2024, 12, 1)),
            "早于2025年",
        ),
    ]
    for form, message in cases:
        with pytest.raises(ValidationError, match=message):
            awards.add_award(form, today=TODAY)
    awards.add_award(AwardForm(AwardKind.VANGUARD_MEMBER, 2026, newcomer), today=TODAY)
    with pytest.raises(ValidationError, match="已经登记过"):
        awards.add_award(AwardForm(AwardKind.VANGUARD_MEMBER, 2026, newcomer), today=TODAY)
    # a member who has left is still honoured for the year he was here (rules.md §7)
    members.record_leaving(member, MemberEventKind.DECEASED, on=dt.date(2026, 2, 1), today=TODAY)
    awards.add_award(AwardForm(AwardKind.VANGUARD_MEMBER, 2025, member), today=TODAY)


def test_a_name_longer_than_the_package_keeps_is_refused(branch: Store) -> None:
    # records.json keeps 表彰名称 and 表彰单位 to 100 characters (submission.verify._AWARD)
    member = add(1)
    for form, message in (
        (AwardForm(AwardKind.OTHER_AWARD, 2025, member, title="党" * 101), "表彰名称最多100个字"),
        (
            AwardForm(AwardKind.OTHER_AWARD, 2025, member, "优秀共产党员", "党" * 101),
            "表彰单位最多100",
        ),
    ):
        with pytest.raises(ValidationError, match=message):
            awards.add_award(form, today=TODAY)
    awards.add_award(
        AwardForm(AwardKind.OTHER_AWARD, 2025, member, "党" * 100, "党" * 100), today=TODAY
    )


def test_the_draft_says_only_what_the_records_show(branch: Store) -> None:
    """A branch with nothing recorded is not praised for meetings it has no record of, and
    a year with obligations missing is never called fully done."""
    add(1)
    text = draft(Nomination(AwardKind.RED_FLAG_BRANCH, 2026), today=TODAY)
    body = "".join(text.paragraphs)
    assert text.title == "关于推荐某小学支部为2026年度红旗党支部的事迹材料"
    assert "现有党员1名" in body
    for claim in ("全部", "召开", "党费", "发展党员", "学时", "0次"):
        assert claim not in body, claim
    assert text.paragraphs[-1] == "特推荐某小学支部为2026年度红旗党支部。"
    assert text.signer == "某小学支部"


def test_a_member_draft_names_the_years_facts(branch: Store) -> None:
    member = add(3)
    text = draft(Nomination(AwardKind.VANGUARD_MEMBER, 2026, member), today=TODAY)
    assert text.title == "关于推荐党员03同志为2026年度先锋共产党员的事迹材料"
    assert text.paragraphs[0] == "党员03同志，2010年1月加入中国共产党。"
    assert not any("党课" in p or "评定" in p for p in text.paragraphs)


def test_the_edited_text_is_kept_until_replaced_and_prints(branch: Store, tmp_path: Path) -> None:
    member = add(1)
    nomination = Nomination(AwardKind.VANGUARD_MEMBER, 2026, member)
    text, kept = awards.nomination_text(nomination, today=TODAY)
    assert not kept
    edited = NominationText(
        text.title, ["他扎根山区教学二十年。", *text.paragraphs], "某小学支部", TODAY
    )
    awards.save_nomination(nomination, edited)
    again, kept = awards.nomination_text(nomination, today=TODAY)
    assert kept and again.paragraphs[0] == "他扎根山区教学二十年。"
    other = Nomination(AwardKind.VANGUARD_MEMBER, 2025, member)
    assert awards.nomination_text(other, today=TODAY)[1] is False
    with pytest.raises(ValidationError, match="正文是空的"):
        awards.save_nomination(nomination, NominationText("标题", [" "], "", TODAY))
    document = awards.nomination_document(again)
    assert document.title == again.title
    (path,) = write(document, tmp_path, awards.nomination_stem(again), "pdf")
    assert path.name == "推荐党员01同志为2026年度先锋共产党员的事迹材料.pdf"


def test_the_package_lists_the_awards_of_the_periods_years(branch: Store) -> None:
    member = add(1)
    awards.add_award(AwardForm(AwardKind.VANGUARD_MEMBER, 2025, member), today=TODAY)
    awards.add_award(AwardForm(AwardKind.RED_FLAG_BRANCH, 2026), today=TODAY)
    listed = awards.awards_in(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert [(a["kind"], a["member_id"], a["year"]) for a in listed] == [
        ("red_flag_branch", None, 2026)
    ]
