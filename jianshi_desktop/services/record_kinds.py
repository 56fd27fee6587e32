"""Every kind of record the branch keeps, registered once with all it brings: its model
and form, its checks, how it is written and read back, named and copied, the document it
prints as, and the facts the compliance engine counts toward its obligations
(``resources/rules/obligations.json`` names the kind by ``record_type``).

The lifecycle — draft, finish, archive, amend, delete a draft, copy the last one — comes
from :class:`~jianshi_desktop.services.lifecycle.RecordKind` for every kind alike.
``docs/adding-a-record-kind.md`` says how to add one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from jianshi_desktop.db.models import HeartTalk, Meeting, ThemeDay
from jianshi_desktop.services import heart_talks, meetings, theme_days
from jianshi_desktop.services.heart_talks import HeartTalkForm
from jianshi_desktop.services.lifecycle import RecordKind
from jianshi_desktop.services.meetings import MeetingForm
from jianshi_desktop.services.theme_days import ThemeDayForm

if TYPE_CHECKING:  # the documents load when a record is first printed, not with the
    # kinds (首页 counts the records through the kinds while the window opens)
    from jianshi_desktop.documents.model import Document


def _meeting_document(meeting_id: int) -> Document:
    from jianshi_desktop.documents.records import minutes_document
    from jianshi_desktop.services.documents import minutes_content

    return minutes_document(minutes_content(meeting_id))


def _theme_day_document(theme_day_id: int) -> Document:
    from jianshi_desktop.documents.records import theme_day_document
    from jianshi_desktop.services.documents import theme_day_content

    return theme_day_document(theme_day_content(theme_day_id))


def _talk_document(heart_talk_id: int) -> Document:
    from jianshi_desktop.documents.records import talk_document
    from jianshi_desktop.services.documents import talk_content

    return talk_document(talk_content(heart_talk_id))


MEETING: RecordKind[MeetingForm] = RecordKind(
    record_type=meetings.RECORD_TYPE,
    name="三会一课",
    document_name="会议记录",
    area="meetings",
    package_key="meetings",
    model=Meeting,
    check=meetings.check_meeting,
    write=meetings.write_meeting,
    read=meetings.load_meeting,
    title=meetings.meeting_label,
    copy=meetings.copied_meeting,
    document=_meeting_document,
    file_name=meetings.meeting_file_name,
    contents_line=meetings.meeting_contents_line,
    facts=meetings.meeting_facts,
    order=0,
    columns=("kind", "party_group", "title"),
    before_delete=meetings.unlink_theme_days,
)

THEME_DAY: RecordKind[ThemeDayForm] = RecordKind(
    record_type=theme_days.RECORD_TYPE,
    name="主题党日",
    document_name="主题党日活动记录",
    area="theme_days",
    package_key="theme_days",
    model=ThemeDay,
    check=theme_days.check_theme_day,
    write=theme_days.write_theme_day,
    read=theme_days.load_theme_day,
    title=theme_days.theme_day_label,
    copy=theme_days.copied_theme_day,
    document=_theme_day_document,
    file_name=theme_days.theme_day_file_name,
    contents_line=theme_days.theme_day_contents_line,
    facts=theme_days.theme_day_facts,
    order=1,
)

HEART_TALK: RecordKind[HeartTalkForm] = RecordKind(
    record_type=heart_talks.RECORD_TYPE,
    name="谈心谈话",
    document_name="谈心谈话记录",
    area="heart_talks",
    package_key="heart_talks",
    model=HeartTalk,
    check=heart_talks.check_heart_talk,
    write=heart_talks.write_heart_talk,
    read=heart_talks.load_heart_talk,
    title=heart_talks.heart_talk_label,
    copy=heart_talks.copied_heart_talk,
    document=_talk_document,
    file_name=heart_talks.talk_file_name,
    contents_line=heart_talks.talk_contents_line,
    facts=heart_talks.talk_facts,
    order=2,
    columns=("confidential", "talkee", "talkee_name"),
    draft_check=heart_talks.check_talker_for_draft,
    anonymous=heart_talks.heart_talk_anonymous,
    confidential=lambda row: bool(row.confidential),
    subject=heart_talks.talkee_of,
)

# In the order a day's records stand in ledgers, contents lists and packages.
KINDS: tuple[RecordKind[Any], ...] = (MEETING, THEME_DAY, HEART_TALK)

# --- 意识形态风险研判 (IDEOLOGY_REVIEW, order 3): defined here, then KINDS += (…,) ---

# --- 组织生活会 (ORG_LIFE_MEETING, order 4): defined here, then KINDS += (…,) ---

# --- 民主评议党员 (MEMBER_APPRAISAL, order 5): defined here, then KINDS += (…,) ---


def kind_of(record_type: str) -> RecordKind[Any]:
    """The registered kind named ``record_type``; LookupError for any other name."""
    for kind in KINDS:
        if kind.record_type == record_type:
            return kind
    raise LookupError(record_type)


def counted(record_types: Iterable[str]) -> str:
    """会议记录 8 份、主题党日活动记录 3 份: how many records of each kind, in the kinds'
    order ("" for none)."""
    types = list(record_types)
    return "、".join(
        f"{kind.document_name} {types.count(kind.record_type)} 份"
        for kind in KINDS
        if kind.record_type in types
    )
