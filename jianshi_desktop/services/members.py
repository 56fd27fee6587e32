"""Member actions: add, edit, 转正, leave (转出/停止党籍/去世), 转入, and the roster list.

Leaving never deletes: the member's state changes, a ``MemberEvent`` (and for transfers a
``Transfer`` with the 介绍信 number) records it, and the member stays findable.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, replace
from functools import lru_cache

import peewee

from jianshi_desktop.db.models import Branch, Meeting, Member, MemberEvent, PartyGroup, Transfer
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import (
    Gender,
    MeetingKind,
    MemberEventKind,
    MemberState,
    MemberStatus,
    TransferDirection,
)
from jianshi_desktop.domain.idcard import (
    IdFacts,
    mask_id_number,
    normalise_id_number,
    parse_id_number,
)
from jianshi_desktop.domain.members import (
    MemberFields,
    extension_problem,
    full_member_date_problem,
    invisible_problems,
    normalise_phone,
    party_probation_problem,
    probation_end,
    validate_member,
)
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.text import clean, squeeze
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import history, records, recruitment
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.branch import current_branch


@dataclass(frozen=True)
class MemberRow:
    """One line of the roster table (ID number masked)."""

    id: int
    name: str
    gender: Gender | None
    ethnicity: str
    birth_date: dt.date | None
    id_number_masked: str
    education: str
    position: str
    phone: str
    joined_on: dt.date | None
    full_member_on: dt.date | None
    status: MemberStatus
    state: MemberState
    left_on: dt.date | None
    party_group: str
    notes: str
    probation_extended_to: dt.date | None = None  # 延长预备期: the new end

    @property
    def initials(self) -> frozenset[str]:
        """Pinyin initials of the name, worked out on the first search (pypinyin loads its
        dictionaries then, not when the roster is shown)."""
        return name_initials(self.name)

    @property
    def expected_full_member_on(self) -> dt.date | None:
        """The end of the 预备期: a year after joining, or as a 延长预备期 set it."""
        if self.status is MemberStatus.PROBATIONARY and self.joined_on:
            return probation_end(self.joined_on, self.probation_extended_to)
        return None


@dataclass(frozen=True)
class MemberEventRow:
    kind: MemberEventKind
    occurred_on: dt.date
    note: str
    ends_on: dt.date | None = None
    resolution: str = ""


@dataclass(frozen=True)
class RosterCounts:
    active: int
    full: int
    probationary: int
    left: int
    by_group: dict[str, int]


@lru_cache(maxsize=4096)
def name_initials(name: str) -> frozenset[str]:
    """Pinyin initials of a name, every reading of a 多音字: 曾丽佳 → {"zlj", "clj"}."""
    from pypinyin import Style, pinyin

    letters = pinyin(squeeze(name), style=Style.FIRST_LETTER, heteronym=True, errors="ignore")
    choices = [sorted({s[:1].lower() for s in options if s}) for options in letters]
    combos = itertools.islice(itertools.product(*choices), 64)
    return frozenset("".join(c) for c in combos)


# Surnames read otherwise than the character's commonest reading (曾 is céng in 曾经 but
# Zēng as a surname); pypinyin has no surname mode. Compound surnames whose first character
# is in the table are read whole (尉迟 is Yùchí, 尉 alone Wèi).
SURNAME_READINGS: dict[str, str] = {
    "曾": "zeng", "单": "shan", "仇": "qiu", "解": "xie", "区": "ou", "朴": "piao",
    "查": "zha", "覃": "qin", "盖": "ge", "乐": "yue", "缪": "miao", "翟": "zhai",
    "员": "yun", "秘": "bi", "种": "chong", "召": "shao", "柏": "bai", "藏": "zang",
    "能": "nai", "隗": "wei", "句": "gou", "繁": "po", "折": "she", "眭": "sui",
    "牟": "mou", "莘": "shen", "黑": "he", "尉": "wei", "阚": "kan", "谌": "chen",
}  # fmt: skip
COMPOUND_SURNAMES: dict[str, tuple[str, str]] = {
    "尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "单于": ("chan", "yu"),
    "长孙": ("zhang", "sun"), "乐正": ("yue", "zheng"),
}  # fmt: skip


@lru_cache(maxsize=4096)
def name_pinyin(name: str) -> tuple[str, ...]:
    """The name's syllables without tones, the surname read as a surname:
    曾丽佳 → ("zeng", "li", "jia"); letters and digits are kept as they are, lower case."""
    from pypinyin import lazy_pinyin

    name = squeeze(name)
    syllables = [s.lower() for s in lazy_pinyin(name, errors="default")]
    if name[:2] in COMPOUND_SURNAMES:
        syllables[:2] = COMPOUND_SURNAMES[name[:2]]
    elif name[:1] in SURNAME_READINGS:
        syllables[0] = SURNAME_READINGS[name[0]]
    return tuple(syllables)


def name_sort_key(name: str) -> tuple[tuple[str, ...], str]:
    """Sorts names as a register of names does: by pinyin syllable by syllable (李 before
    刘, 王 before 吴, 曾 among the z), the name itself breaking ties."""
    return name_pinyin(name), name


def name_match_rank(name: str, text: str) -> int | None:
    """How ``text`` finds the name: 0 from its start (``张``, ``zsf``, ``zhangs``), 1 inside
    it (``三丰``, ``sf``: initials of either reading of a 多音字), None not at all."""
    needle = squeeze(text).lower()
    if not needle or name.startswith(needle):
        return 0
    if needle in name:
        return 1
    if not (needle.isascii() and needle.isalpha()):
        return None
    initials = name_initials(name)
    if any(s.startswith(needle) for s in initials):
        return 0
    if "".join(name_pinyin(name)).startswith(needle):
        return 0
    return 1 if any(needle in s for s in initials) else None


def name_matches(name: str, text: str) -> bool:
    """A name found by part of it, by pinyin initials (``zsf`` finds 张三丰, both readings of
    a 多音字) or by the start of its full pinyin (``zhangs``)."""
    return name_match_rank(name, text) is not None


def matches_search(row: MemberRow, text: str) -> bool:
    """Search by name or part of it, or by pinyin initials (``zxm`` finds 张晓明)."""
    needle = squeeze(text).lower()
    if name_matches(row.name, needle):
        return True
    return not (needle.isascii() and needle.isalpha()) and needle in row.phone


def _group_name(member: Member) -> str:
    group = member.party_group
    return str(group.name) if group is not None else ""


def probation_extensions(
    member_id: int | None = None, *, by: dt.date | None = None
) -> dict[int, dt.date]:
    """Member id → the end of probation the latest 延长预备期 set (党章 art. 7); with
    ``by``, the latest decided by that day."""
    query = MemberEvent.select(MemberEvent.member, MemberEvent.ends_on).where(
        (MemberEvent.kind == MemberEventKind.PROBATION_EXTENDED)
        & MemberEvent.ends_on.is_null(False)
    )
    if member_id is not None:
        query = query.where(MemberEvent.member == member_id)
    if by is not None:
        query = query.where(MemberEvent.occurred_on <= by)
    ordered = query.order_by(MemberEvent.occurred_on, MemberEvent.id)
    return {m: ends for m, ends in records.tuples(ordered)}


def _row(member: Member, extended: dict[int, dt.date] | None = None) -> MemberRow:
    if extended is None:
        extended = probation_extensions(member.id)
    return MemberRow(
        id=member.id,
        name=member.name,
        gender=member.gender,
        ethnicity=member.ethnicity,
        birth_date=member.birth_date,
        id_number_masked=mask_id_number(member.id_number or ""),
        education=member.education,
        position=member.position,
        phone=member.phone,
        joined_on=member.joined_on,
        full_member_on=member.full_member_on,
        status=member.status,
        state=member.state,
        left_on=member.left_on,
        party_group=_group_name(member),
        notes=member.notes,
        probation_extended_to=extended.get(member.id),
    )


def list_members(*, include_left: bool = False) -> list[MemberRow]:
    """The roster, active members first by joining date, then those who left."""
    query = Member.select(Member, PartyGroup).join(PartyGroup, peewee.JOIN.LEFT_OUTER)
    if not include_left:
        query = query.where(Member.state == MemberState.ACTIVE)
    extended = probation_extensions()
    rows = [_row(m, extended) for m in query]
    rows.sort(key=lambda r: (r.state is not MemberState.ACTIVE, r.joined_on or dt.date.max, r.id))
    return rows


def roster_counts(rows: list[MemberRow] | None = None) -> RosterCounts:
    """Head counts of the roster; ``rows`` is ``list_members(include_left=True)`` when the
    caller has just read it (the 党员 page), else it is read here."""
    rows = list_members(include_left=True) if rows is None else rows
    active = [r for r in rows if r.state is MemberState.ACTIVE]
    by_group: dict[str, int] = {}
    for row in active:
        by_group[row.party_group or "未分组"] = by_group.get(row.party_group or "未分组", 0) + 1
    return RosterCounts(
        active=len(active),
        full=sum(r.status is MemberStatus.FULL for r in active),
        probationary=sum(r.status is MemberStatus.PROBATIONARY for r in active),
        left=len(rows) - len(active),
        by_group=by_group,
    )


def get_member_fields(member_id: int) -> MemberFields:
    """Everything a member form shows, the full ID number included (for editing)."""
    member = Member.get_by_id(member_id)
    return fields_of(member, _group_name(member))


def fields_of(m: Member, group_name: str) -> MemberFields:
    """A stored member as the fields a form or a roster row holds."""
    return MemberFields(
        name=m.name,
        id_number=m.id_number or "",
        gender=m.gender,
        ethnicity=m.ethnicity,
        birth_date=m.birth_date,
        education=m.education,
        position=m.position,
        phone=m.phone,
        joined_on=m.joined_on,
        full_member_on=m.full_member_on,
        status=m.status,
        party_group=group_name,
        notes=m.notes,
    )


def get_member(member_id: int) -> MemberRow:
    return _row(Member.get_by_id(member_id))


def member_history(member_id: int) -> list[MemberEventRow]:
    events = MemberEvent.select().where(MemberEvent.member == member_id)
    return [
        MemberEventRow(e.kind, e.occurred_on, e.note, e.ends_on, e.resolution)
        for e in events.order_by(MemberEvent.occurred_on, MemberEvent.id)
    ]


def reveal_id_number(member_id: int) -> str:
    """The full ID number, shown on purpose only; the reveal is written to the audit log."""
    member = Member.get_by_id(member_id)
    with user_action("reveal_id_number", entity="member") as audit:
        audit.entity_id = member.id
        audit.summary = f"查看“{member.name}”的完整身份证号码"
    return str(member.id_number or "")


def normalise_fields(fields: MemberFields) -> MemberFields:
    """What a form or a roster row gives, tidied the way it will be stored."""
    return replace(
        fields,
        name=squeeze(fields.name),
        id_number=normalise_id_number(fields.id_number),
        ethnicity=squeeze(fields.ethnicity),
        education=squeeze(fields.education),
        position=clean(fields.position),
        phone=normalise_phone(fields.phone),
        party_group=squeeze(fields.party_group),
        notes=clean(fields.notes),
    )


def check_member(
    fields: MemberFields, *, member_id: int | None = None, today: dt.date | None = None
) -> list[Problem]:
    """Field rules plus what needs the database: the ID number must not be taken, and a
    转正 date respects an extended probation (党章 art. 7) in the form as in the dialog."""
    typed = invisible_problems(fields)  # named before normalising removes them
    fields = normalise_fields(fields)
    problems = validate_member(fields, today=today)
    problems.extend(typed)
    extended_to = probation_extensions(member_id).get(member_id) if member_id else None
    checked = any(p.field == "full_member_on" for p in problems)
    if extended_to is not None and fields.full_member_on is not None and not checked:
        problem = full_member_date_problem(
            fields.joined_on,
            fields.full_member_on,
            today=today or dt.date.today(),
            extended_to=extended_to,
        )
        if problem is not None:
            problems.append(problem)
    if fields.id_number and not any(p.field == "id_number" for p in problems):
        taken = member_with_id_number(fields.id_number, other_than=member_id)
        if taken is not None:
            problems.append(
                Problem(
                    "id_number",
                    f"身份证号码已登记在“{taken.name}”名下，同一个人不能登记两次。"
                    "如果是同一人，请直接编辑原来的记录。",
                )
            )
    return problems


def member_with_id_number(number: str, *, other_than: int | None = None) -> Member | None:
    """The member registered under ``number`` (normalised), if any.

    Numbers are stored normalised; one stored before that (with an Arabic-Indic or other
    non-ASCII digit, an invisible character) is found too, so nobody is registered twice.
    """
    number = normalise_id_number(number)
    if not number:
        return None
    query = Member.select().where(Member.id_number == number)
    if other_than is not None:
        query = query.where(Member.id != other_than)
    found = query.first()
    if found is not None:
        return found
    odd = Member.select().where(
        Member.id_number.is_null(False) & peewee.fn.glob("*[^0-9X]*", Member.id_number)
    )
    if other_than is not None:
        odd = odd.where(Member.id != other_than)
    return next((m for m in odd if normalise_id_number(m.id_number) == number), None)


def _group(branch: Branch, name: str) -> PartyGroup | None:
    if not name:
        return None
    group = PartyGroup.get_or_none((PartyGroup.branch == branch) & (PartyGroup.name == name))
    if group is None:
        position = PartyGroup.select().where(PartyGroup.branch == branch).count()
        group = PartyGroup.create(branch=branch, name=name, position=position)
    return group


def stored_fields(fields: MemberFields) -> MemberFields:
    """The fields as saving stores them: gender and birth date taken from a valid ID."""
    if not fields.id_number:
        return fields
    facts = parse_id_number(fields.id_number)
    if not isinstance(facts, IdFacts):
        return fields
    return replace(
        fields,
        gender=fields.gender or (Gender.MALE if facts.is_male else Gender.FEMALE),
        birth_date=facts.birth_date,
    )


def _apply(member: Member, fields: MemberFields, branch: Branch) -> None:
    fields = stored_fields(fields)
    member.name = fields.name
    member.id_number = fields.id_number or None
    member.gender = fields.gender
    member.birth_date = fields.birth_date
    member.ethnicity = fields.ethnicity
    member.education = fields.education
    member.position = fields.position
    member.phone = fields.phone
    member.joined_on = fields.joined_on
    member.full_member_on = fields.full_member_on
    member.status = fields.status
    member.party_group = _group(branch, fields.party_group)
    member.notes = fields.notes
    member.updated_at = dt.datetime.now().replace(microsecond=0)


def add_member(fields: MemberFields, *, today: dt.date | None = None, note: str = "") -> int:
    """Register a member (new to the app); returns the id."""
    fields = normalise_fields(fields)
    records.raise_first_error(check_member(fields, today=today))
    branch = current_branch()
    with user_action("add_member", entity="member") as audit:
        member = Member(branch=branch)
        _apply(member, fields, branch)
        member.save()
        day = today or dt.date.today()
        joined = fields.joined_on
        history.set_group(member, member.party_group_id, on=min(joined or day, day))
        MemberEvent.create(
            member=member,
            kind=MemberEventKind.ADDED,
            occurred_on=day,
            note=note,
        )
        audit.entity_id = member.id
        audit.summary = f"登记党员“{member.name}”"
    return int(member.id)


def update_member(member_id: int, fields: MemberFields, *, today: dt.date | None = None) -> None:
    fields = normalise_fields(fields)
    records.raise_first_error(check_member(fields, member_id=member_id, today=today))
    branch = current_branch()
    with user_action("update_member", entity="member") as audit:
        member = Member.get_by_id(member_id)
        was_probationary = member.status is MemberStatus.PROBATIONARY
        old_group = member.party_group
        _apply(member, fields, branch)
        member.save()
        led = old_group if old_group is not None and old_group.leader_id == member.id else None
        if led is not None and led.id != member.party_group_id:  # a 组长 who moved leads no more
            led.leader = None
            led.save()
        history.set_group(member, member.party_group_id, on=today or dt.date.today())
        if was_probationary and fields.status is MemberStatus.FULL:
            MemberEvent.create(
                member=member,
                kind=MemberEventKind.BECAME_FULL,
                occurred_on=fields.full_member_on or today or dt.date.today(),
            )
        audit.entity_id = member.id
        audit.summary = f"修改党员“{member.name}”的信息"


def make_full_member(
    member_id: int, *, on: dt.date, note: str = "", today: dt.date | None = None
) -> None:
    """转正: a probationary member becomes a full member on ``on``.

    Not before the one-year probation has ended and never after today (党章 art. 7;
    发展党员工作细则 art. 31; rules.md §7).
    """
    member = Member.get_by_id(member_id)
    if member.status is not MemberStatus.PROBATIONARY:
        raise ValidationError(f"“{member.name}”已经是正式党员。")
    problem = full_member_date_problem(
        member.joined_on,
        on,
        today=today or dt.date.today(),
        extended_to=probation_extensions(member.id).get(member.id),
    )
    if problem:
        raise ValidationError(problem.message, field=problem.field)
    with user_action("make_full_member", entity="member") as audit:
        member.status = MemberStatus.FULL
        member.full_member_on = on
        member.updated_at = dt.datetime.now().replace(microsecond=0)
        member.save()
        MemberEvent.create(
            member=member, kind=MemberEventKind.BECAME_FULL, occurred_on=on, note=note
        )
        recruitment.member_became_full(member.id, on, note)  # step 23 of a file kept here
        audit.entity_id = member.id
        audit.summary = f"“{member.name}”转为正式党员"


def _transfer_note(letter_no: str, counterpart: str, note: str, *, towards: str) -> str:
    """What the member's history shows: 介绍信编号 and where from / to."""
    parts = [f"介绍信编号：{squeeze(letter_no)}", f"{towards}：{clean(counterpart)}"]
    if clean(note):
        parts.append(clean(note))
    return "；".join(parts)


_LEAVING = {
    MemberEventKind.TRANSFER_OUT: MemberState.TRANSFERRED_OUT,
    MemberEventKind.MEMBERSHIP_STOPPED: MemberState.MEMBERSHIP_STOPPED,
    MemberEventKind.DECEASED: MemberState.DECEASED,
    MemberEventKind.LEFT_PARTY: MemberState.LEFT_PARTY,
}


def general_assembly_on(day: dt.date) -> Meeting | None:
    """The 支部党员大会 recorded on ``day``, if any (the one that decided a change)."""
    return (
        Meeting.select()
        .where((Meeting.kind == MeetingKind.GENERAL_ASSEMBLY) & (Meeting.held_on == day))
        .order_by(Meeting.id)
        .first()
    )


def _decision(on: dt.date, resolution: str) -> tuple[str, Meeting | None]:
    """The resolution behind a change decided on ``on`` (rules.md §7: by resolution): the
    text given, and the 支部党员大会 of that day when one is recorded; one of them needed."""
    text = clean(resolution)
    meeting = general_assembly_on(on)
    if not text and meeting is None:
        raise ValidationError(
            f"请填写作出决定的决议（{format_date(on)}没有登记支部党员大会）。",
            field="resolution",
        )
    return text, meeting


def _record_decision(
    member: Member,
    kind: MemberEventKind,
    *,
    on: dt.date,
    ends_on: dt.date,
    resolution: str,
    note: str,
    action: str,
    summary: str,
) -> None:
    """A dated status decision with its end (延长预备期, 留党察看): the resolution behind
    it (:func:`_decision`), one event, one audit row."""
    text, meeting = _decision(on, resolution)
    with user_action(action, entity="member") as audit:
        MemberEvent.create(
            member=member,
            kind=kind,
            occurred_on=on,
            ends_on=ends_on,
            resolution=text,
            meeting=meeting,
            note=clean(note),
        )
        audit.entity_id = member.id
        audit.summary = summary


def _active_probationary(member: Member) -> None:
    if member.state is not MemberState.ACTIVE:
        raise ValidationError(f"“{member.name}”已不在册（{member.state.label}）。")
    if member.status is not MemberStatus.PROBATIONARY:
        raise ValidationError(f"“{member.name}”是正式党员，没有预备期。")


def extend_probation(
    member_id: int,
    *,
    on: dt.date,
    ends_on: dt.date,
    resolution: str = "",
    note: str = "",
    today: dt.date | None = None,
) -> None:
    """延长预备期, decided on ``on`` by resolution, until ``ends_on`` (党章 art. 7: at most
    one year; rules.md §7). The reminder and the earliest 转正 follow the new end."""
    member = Member.get_by_id(member_id)
    _active_probationary(member)
    current = probation_extensions(member.id).get(member.id)
    problem = extension_problem(
        member.joined_on, on, ends_on, today=today or dt.date.today(), current_end=current
    )
    if problem:
        raise ValidationError(problem.message, field=problem.field)
    _record_decision(
        member,
        MemberEventKind.PROBATION_EXTENDED,
        on=on,
        ends_on=ends_on,
        resolution=resolution,
        note=note,
        action="extend_probation",
        summary=f"“{member.name}”延长预备期至{format_date(ends_on)}",
    )


def cancel_probation(
    member_id: int,
    *,
    on: dt.date,
    resolution: str = "",
    note: str = "",
    today: dt.date | None = None,
) -> None:
    """取消预备党员资格 by resolution on ``on`` (党章 art. 7; rules.md §7): the member leaves
    the roster that day and stays in the history; earlier records still count them."""
    member = Member.get_by_id(member_id)
    _active_probationary(member)
    if on > (today or dt.date.today()):
        raise ValidationError("日期晚于今天，请核对。", field="occurred_on")
    if member.joined_on is not None and on < member.joined_on:
        raise ValidationError("决定日期早于入党时间，请核对。", field="occurred_on")
    text, meeting = _decision(on, resolution)
    with user_action("cancel_probation", entity="member") as audit:
        member.state = MemberState.PROBATION_CANCELLED
        member.left_on = on
        member.updated_at = dt.datetime.now().replace(microsecond=0)
        member.save()
        history.end_posts_of(member.id, on=on)
        MemberEvent.create(
            member=member,
            kind=MemberEventKind.PROBATION_CANCELLED,
            occurred_on=on,
            resolution=text,
            meeting=meeting,
            note=clean(note),
        )
        recruitment.member_left(member.id, on, "取消预备党员资格")
        audit.entity_id = member.id
        audit.summary = f"“{member.name}”取消预备党员资格"


def record_party_probation(
    member_id: int,
    *,
    starts_on: dt.date,
    ends_on: dt.date,
    resolution: str = "",
    note: str = "",
    today: dt.date | None = None,
) -> None:
    """留党察看 of a full member from ``starts_on`` until ``ends_on`` (exclusive: the vote
    returns that day). 党章 art. 40: no vote while it lasts, at most two years."""
    member = Member.get_by_id(member_id)
    if member.state is not MemberState.ACTIVE:
        raise ValidationError(f"“{member.name}”已不在册（{member.state.label}）。")
    if member.status is not MemberStatus.FULL or (
        member.full_member_on is not None and starts_on < member.full_member_on
    ):
        raise ValidationError(
            f"留党察看只适用于正式党员，“{member.name}”当时不是正式党员。", field="occurred_on"
        )
    problem = party_probation_problem(starts_on, ends_on, today=today or dt.date.today())
    if problem:
        raise ValidationError(problem.message, field=problem.field)
    _record_decision(
        member,
        MemberEventKind.PARTY_PROBATION,
        on=starts_on,
        ends_on=ends_on,
        resolution=resolution,
        note=note,
        action="party_probation",
        summary=f"“{member.name}”留党察看至{format_date(ends_on)}",
    )


def record_leaving(
    member_id: int,
    kind: MemberEventKind,
    *,
    on: dt.date,
    letter_no: str = "",
    counterpart: str = "",
    note: str = "",
    today: dt.date | None = None,
    dues_paid_through: dt.date | None = None,
) -> None:
    """转出 (with 介绍信 number and destination), 停止党籍 or 去世: kept, out of counts.
    ``dues_paid_through``: for a 转出, the last month paid here (党费交至, on the 介绍信)."""
    if kind not in _LEAVING:
        raise ValueError(kind)
    member = Member.get_by_id(member_id)
    if member.state is not MemberState.ACTIVE:
        raise ValidationError(f"“{member.name}”已不在册（{member.state.label}）。")
    if on > (today or dt.date.today()):
        raise ValidationError("日期晚于今天，请核对。", field="occurred_on")
    if kind is MemberEventKind.TRANSFER_OUT:
        if not squeeze(letter_no):
            raise ValidationError("请填写组织关系介绍信编号。", field="letter_no")
        if not squeeze(counterpart):
            raise ValidationError("请填写转往的党组织。", field="counterpart")
        paid_through = checked_paid_through(
            dues_paid_through, on=on, joined_on=member.joined_on, leaving=True
        )
    with user_action(kind.value, entity="member") as audit:
        member.state = _LEAVING[kind]
        member.left_on = on
        member.updated_at = dt.datetime.now().replace(microsecond=0)
        member.save()
        # rules.md §7: a 支委 who leaves leaves the post that day; the post is vacant
        history.end_posts_of(member.id, on=on)
        MemberEvent.create(
            member=member,
            kind=kind,
            occurred_on=on,
            note=_transfer_note(letter_no, counterpart, note, towards="转往")
            if kind is MemberEventKind.TRANSFER_OUT
            else clean(note),
        )
        if kind is MemberEventKind.TRANSFER_OUT:
            Transfer.create(
                member=member,
                direction=TransferDirection.OUT,
                occurred_on=on,
                letter_no=squeeze(letter_no),
                counterpart=clean(counterpart),
                note=clean(note),
                dues_paid_through=paid_through,
            )
        if member.status is MemberStatus.PROBATIONARY:  # the 发展党员 file closes too
            recruitment.member_left(member.id, on, kind.label)
        audit.entity_id = member.id
        audit.summary = f"“{member.name}”{kind.label}"


def checked_paid_through(
    through: dt.date | None, *, on: dt.date, joined_on: dt.date | None, leaving: bool
) -> dt.date | None:
    """党费交至 on a 转入 or 转出 as a month (its first day), or a ValidationError: not
    before the member joined the party, and at most the allowed 预交 beyond the month of
    the transfer (rules.md §3)."""
    if through is None:
        return None
    from jianshi_desktop.domain import dues
    from jianshi_desktop.services import dues_ledger

    month = dues.month_of(through)
    ahead = dues_ledger.table_on(dues.month_of(on)).ahead_months
    what = "转出" if leaving else "转入"
    if month > dues.add_months(dues.month_of(on), ahead):
        raise ValidationError(
            f"党费交至{dues.month_label(month)}，比{what}日期晚了{ahead}个月以上，请核对。",
            field="dues_paid_through",
        )
    if joined_on is not None and month < dues.month_of(joined_on):
        raise ValidationError(
            f"党费交至{dues.month_label(month)}，早于入党时间，请核对。",
            field="dues_paid_through",
        )
    return month


def _returning_member(fields: MemberFields) -> Member | None:
    if not fields.id_number:
        return None
    return member_with_id_number(fields.id_number)


def check_transfer_in(fields: MemberFields, *, today: dt.date | None = None) -> list[Problem]:
    """The member form's checks for a 转入: someone who left may come back under their ID."""
    fields = normalise_fields(fields)
    returning = _returning_member(fields)
    if returning is not None and returning.state is MemberState.ACTIVE:
        return [
            Problem(
                "id_number",
                f"“{returning.name}”已在本支部名册中，不能重复转入。",
            )
        ]
    return check_member(fields, member_id=returning.id if returning else None, today=today)


def record_transfer_in(
    fields: MemberFields,
    *,
    on: dt.date,
    letter_no: str,
    counterpart: str,
    note: str = "",
    today: dt.date | None = None,
    dues_paid_through: dt.date | None = None,
) -> int:
    """转入: a member arrives with a 介绍信; someone who left earlier returns to the roster.
    ``dues_paid_through``: the last month paid at the old branch (党费交至, on the 介绍信):
    the member owes dues here from the month after it."""
    if not squeeze(letter_no):
        raise ValidationError("请填写组织关系介绍信编号。", field="letter_no")
    if not squeeze(counterpart):
        raise ValidationError("请填写转出的党组织。", field="counterpart")
    if on > (today or dt.date.today()):
        raise ValidationError("转入日期晚于今天，请核对。", field="occurred_on")
    fields = normalise_fields(fields)
    records.raise_first_error(check_transfer_in(fields, today=today))
    paid_through = checked_paid_through(
        dues_paid_through, on=on, joined_on=fields.joined_on, leaving=False
    )
    returning = _returning_member(fields)
    branch = current_branch()
    with user_action("transfer_in", entity="member") as audit:
        member = returning or Member(branch=branch)
        _apply(member, fields, branch)
        member.state = MemberState.ACTIVE
        member.left_on = None
        member.save()
        history.set_group(member, member.party_group_id, on=on)
        MemberEvent.create(
            member=member,
            kind=MemberEventKind.TRANSFER_IN,
            occurred_on=on,
            note=_transfer_note(letter_no, counterpart, note, towards="来自"),
        )
        Transfer.create(
            member=member,
            direction=TransferDirection.IN,
            occurred_on=on,
            letter_no=squeeze(letter_no),
            counterpart=clean(counterpart),
            note=clean(note),
            dues_paid_through=paid_through,
        )
        audit.entity_id = member.id
        audit.summary = f"“{member.name}”转入"
    return int(member.id)
