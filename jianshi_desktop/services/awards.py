"""评先: the honours received (红旗党支部, 先锋共产党员, others) and the 推荐材料 drafted
from a year's records.

An award is the branch's (``member`` None) or a member's. The rules of the record's own
day apply (rules.md §7): a 先锋共产党员 is a member who was in the branch in that year;
the year lies between the branch's founding and this year; 颁发单位 defaults to the
上级党组织 as named on the day it was granted. Each change is one audited action.

The 推荐材料 (事迹材料) is drafted from the year's records only (:mod:`.nomination`
sentences here), for the secretary to edit; the edited text is kept as a setting keyed by
honour, year and member (``award_draft:<kind>:<year>:<member id or 0>``) until the
secretary replaces it with a fresh draft.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import JOIN

from jianshi_desktop.db.models import Award, Member
from jianshi_desktop.documents import awards as documents_awards
from jianshi_desktop.documents.model import Document
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import AwardKind
from jianshi_desktop.domain.text import clean, squeeze
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import history
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.branch import branch_as_of, current_branch
from jianshi_desktop.services.records import tuples
from jianshi_desktop.services.settings import read_value, write_value

TITLE_MAX = 100
GRANTED_BY_MAX = 100


@dataclass
class AwardForm:
    """What the 添加/修改 dialog collects."""

    kind: AwardKind
    year: int
    member_id: int | None = None
    title: str = ""  # "": 「2026年度先锋共产党员」 from the kind and year
    granted_by: str = ""  # "": the 上级党组织 on the day granted
    granted_on: dt.date | None = None
    notes: str = ""


@dataclass(frozen=True)
class AwardRow:
    id: int
    kind: AwardKind
    member_id: int | None
    member_name: str
    title: str
    year: int
    granted_by: str
    granted_on: dt.date | None
    notes: str

    @property
    def who(self) -> str:
        """获奖对象: 本支部, or the member's name."""
        return self.member_name if self.member_id is not None else "本支部"

    def form(self) -> AwardForm:
        return AwardForm(
            self.kind,
            self.year,
            self.member_id,
            self.title,
            self.granted_by,
            self.granted_on,
            self.notes,
        )


def default_title(kind: AwardKind, year: int) -> str:
    """「2026年度先锋共产党员」; "" for another honour (its name must be typed)."""
    if kind is AwardKind.OTHER_AWARD:
        return ""
    return f"{year}年度{kind.label}"


def default_granted_by(year: int, granted_on: dt.date | None, today: dt.date) -> str:
    """The 上级党组织 as named on the day granted (else the year's last day, or today)."""
    day = granted_on or min(dt.date(year, 12, 31), today)
    return branch_as_of(day).parent_name


def in_branch_in(member_id: int, year: int) -> bool:
    """Whether the member belonged to the branch on some day of ``year``."""
    facts = history.facts_of(member_id)
    if facts is None:
        return False
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return any(
        (start is None or start <= last) and (end is None or end >= first)
        for start, end in facts.in_branch
    )


def checked(form: AwardForm, *, today: dt.date | None = None) -> AwardForm:
    """The form as it would be saved (defaults filled), or a ValidationError in Chinese."""
    today = today or dt.date.today()
    branch = current_branch()
    first_year = branch.founded_on.year
    if not first_year <= form.year <= today.year:
        raise ValidationError(
            f"年度应在{first_year}年（支部成立）到{today.year}年之间，请核对。", field="year"
        )
    if form.kind is AwardKind.RED_FLAG_BRANCH and form.member_id is not None:
        raise ValidationError("红旗党支部是授予支部的表彰，不用选择党员。", field="member")
    if form.kind is AwardKind.VANGUARD_MEMBER and form.member_id is None:
        raise ValidationError("请选择获得先锋共产党员的党员。", field="member")
    if form.member_id is not None:
        member = Member.get_or_none(Member.id == form.member_id)
        if member is None:
            raise ValidationError("找不到这名党员，请重新选择。", field="member")
        if not in_branch_in(member.id, form.year):
            raise ValidationError(
                f"{member.name}{form.year}年不在本支部，不能登记为本支部这一年的表彰。",
                field="member",
            )
    if form.granted_on is not None:
        if form.granted_on > today:
            raise ValidationError("表彰日期晚于今天，请核对。", field="granted_on")
        if form.granted_on.year < form.year:
            raise ValidationError(
                f"表彰日期早于{form.year}年，请核对年度或日期。", field="granted_on"
            )
    title = squeeze(form.title) or default_title(form.kind, form.year)
    if not title:
        raise ValidationError("请填写表彰名称，例如“优秀共产党员”。", field="title")
    if len(title) > TITLE_MAX:
        raise ValidationError(f"表彰名称最多{TITLE_MAX}个字。", field="title")
    granted_by = squeeze(form.granted_by) or default_granted_by(form.year, form.granted_on, today)
    if len(granted_by) > GRANTED_BY_MAX:
        raise ValidationError(f"表彰单位最多{GRANTED_BY_MAX}个字。", field="granted_by")
    return AwardForm(
        form.kind, form.year, form.member_id, title, granted_by, form.granted_on, clean(form.notes)
    )


def _same(form: AwardForm, other_than: int | None) -> None:
    if form.kind is AwardKind.OTHER_AWARD:
        return
    query = Award.select(Award.id).where(
        (Award.kind == form.kind)
        & (Award.year == form.year)
        & (Award.member.is_null() if form.member_id is None else Award.member == form.member_id)
    )
    if other_than is not None:
        query = query.where(Award.id != other_than)
    if query.exists():
        raise ValidationError(f"{_who(form)}的“{form.title}”已经登记过了。", field="year")


def _who(form: AwardForm) -> str:
    if form.member_id is None:
        return "本支部"
    return str(Member.get_by_id(form.member_id).name)


def _apply(award: Award, form: AwardForm) -> None:
    award.kind = form.kind
    award.year = form.year
    award.member_id = form.member_id
    award.title = form.title
    award.granted_by = form.granted_by
    award.granted_on = form.granted_on
    award.notes = form.notes


def add_award(form: AwardForm, *, today: dt.date | None = None) -> int:
    """添加 an award (audited)."""
    form = checked(form, today=today)
    _same(form, None)
    with user_action("add_award", entity="award") as audit:
        award = Award(branch=current_branch())
        _apply(award, form)
        award.save()
        audit.entity_id = award.id
        audit.summary = f"登记表彰：{_who(form)}获{form.title}"
    return int(award.id)


def update_award(award_id: int, form: AwardForm, *, today: dt.date | None = None) -> None:
    """修改 an award (audited)."""
    award = _award(award_id)
    form = checked(form, today=today)
    _same(form, award_id)
    with user_action("update_award", entity="award") as audit:
        _apply(award, form)
        award.save()
        audit.entity_id = award.id
        audit.summary = f"修改表彰：{_who(form)}获{form.title}"


def delete_award(award_id: int) -> None:
    """删除 an award entered by mistake (audited)."""
    award = _award(award_id)
    who = "本支部" if award.member_id is None else Member.get_by_id(award.member_id).name
    with user_action("delete_award", entity="award") as audit:
        audit.entity_id = award.id
        audit.summary = f"删除表彰：{who}获{award.title}"
        audit.detail = {"year": award.year, "kind": award.kind.value, "title": award.title}
        award.delete_instance()


def _award(award_id: int) -> Award:
    award = Award.get_or_none(Award.id == award_id)
    if award is None:
        raise ValidationError("找不到这条表彰记录，可能已被删除。请刷新后再试。")
    return award


def list_awards(*, member_id: int | None = None) -> list[AwardRow]:
    """The branch's and members' awards, latest year first (``member_id``: that member's)."""
    query = (
        Award.select(
            Award.id,
            Award.kind,
            Award.member,
            Member.name,
            Award.title,
            Award.year,
            Award.granted_by,
            Award.granted_on,
            Award.notes,
        )
        .join(Member, JOIN.LEFT_OUTER, on=(Award.member == Member.id))
        .order_by(Award.year.desc(), Award.member, Award.id)  # the branch's first
    )
    if member_id is not None:
        query = query.where(Award.member == member_id)
    return [
        AwardRow(id_, AwardKind(kind), member, name or "", title, year, by, on, notes)
        for id_, kind, member, name, title, year, by, on, notes in tuples(query)
    ]


def award_text(row: AwardRow) -> str:
    """2025年度先锋共产党员（中共建始县教育局委员会，2026年1月10日）."""
    extra = "，".join(p for p in (row.granted_by, format_date(row.granted_on)) if p)
    return f"{row.title}（{extra}）" if extra else row.title


def member_awards_line(member_id: int) -> str:
    """「获得表彰：…」 for the member's window; "" without awards."""
    rows = list_awards(member_id=member_id)
    return f"获得表彰：{'；'.join(award_text(r) for r in rows)}" if rows else ""


def awards_in(start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """The package's ``awards``: those of the years the period touches."""
    return [
        {
            "id": row.id,
            "kind": row.kind.value,
            "member_id": row.member_id,
            "title": row.title,
            "year": row.year,
            "granted_by": row.granted_by,
            "granted_on": row.granted_on.isoformat() if row.granted_on else None,
        }
        for row in sorted(list_awards(), key=lambda r: (r.year, r.id))
        if start.year <= row.year <= end.year
    ]


def member_choices(year: int) -> list[tuple[int, str]]:
    """Members who were in the branch in ``year`` (by name order of the roster ids)."""
    rows = tuples(Member.select(Member.id, Member.name).order_by(Member.id))
    return [(id_, name) for id_, name in rows if in_branch_in(id_, year)]


# ---- the 推荐材料 ------------------------------------------------------------------------


@dataclass(frozen=True)
class Nomination:
    """Which 推荐材料: the honour, the year, the member (None: the branch)."""

    kind: AwardKind
    year: int
    member_id: int | None = None

    @property
    def key(self) -> str:
        return f"award_draft:{self.kind.value}:{self.year}:{self.member_id or 0}"


@dataclass
class NominationText:
    """The 事迹材料 as the secretary edits it: title, paragraphs, 署名 and date."""

    title: str
    paragraphs: list[str]
    signer: str
    signed_on: dt.date

    def as_value(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "paragraphs": list(self.paragraphs),
            "signer": self.signer,
            "signed_on": self.signed_on.isoformat(),
        }


def check_nomination(nomination: Nomination, *, today: dt.date | None = None) -> None:
    """The honour and the person fit (as for an award); a ValidationError otherwise."""
    checked(AwardForm(nomination.kind, nomination.year, nomination.member_id), today=today)


def saved_nomination(nomination: Nomination) -> NominationText | None:
    """What the secretary kept, or None."""
    value = read_value(nomination.key)
    if not isinstance(value, dict):
        return None
    try:
        return NominationText(
            str(value["title"]),
            [str(p) for p in value["paragraphs"]],
            str(value["signer"]),
            dt.date.fromisoformat(str(value["signed_on"])),
        )
    except (KeyError, TypeError, ValueError):
        return None


def save_nomination(nomination: Nomination, text: NominationText) -> None:
    """Keep the edited text (audited) until it is replaced."""
    paragraphs = [squeeze(p) for p in text.paragraphs if squeeze(p)]
    if not squeeze(text.title):
        raise ValidationError("请填写标题。", field="title")
    if not paragraphs:
        raise ValidationError("正文是空的，请填写事迹。", field="body")
    kept = NominationText(squeeze(text.title), paragraphs, squeeze(text.signer), text.signed_on)
    with user_action("save_nomination", entity="award") as audit:
        write_value(nomination.key, kept.as_value())
        audit.summary = f"保存推荐材料：{kept.title}"


def nomination_text(
    nomination: Nomination, *, today: dt.date | None = None
) -> tuple[NominationText, bool]:
    """The kept text (True) or a fresh draft from the year's records (False)."""
    kept = saved_nomination(nomination)
    if kept is not None:
        return kept, True
    from jianshi_desktop.services.nomination import draft

    return draft(nomination, today=today or dt.date.today()), False


def nomination_document(text: NominationText) -> Document:
    """The 推荐材料 as printed (Word, PDF, 打印)."""
    return documents_awards.nomination_document(
        text.title, text.paragraphs, text.signer, text.signed_on
    )


def nomination_stem(text: NominationText) -> str:
    """The file name: the title without 「关于」 (关于推荐…的事迹材料 → 推荐…的事迹材料)."""
    return text.title.removeprefix("关于") or "推荐材料"
