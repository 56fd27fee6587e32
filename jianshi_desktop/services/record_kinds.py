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

from jianshi_desktop.db.models import (
    DuesCollection,
    HeartTalk,
    IdeologyReview,
    Meeting,
    MemberAppraisal,
    OrgLifeMeeting,
    ThemeDay,
)
from jianshi_desktop.services import (
    dues,
    heart_talks,
    ideology_reviews,
    meetings,
    member_appraisals,
    org_life_meetings,
    theme_days,
)
from jianshi_desktop.services.heart_talks import HeartTalkForm
from jianshi_desktop.services.ideology_reviews import IdeologyReviewForm
from jianshi_desktop.services.lifecycle import RecordKind
from jianshi_desktop.services.meetings import MeetingForm
from jianshi_desktop.services.member_appraisals import MemberAppraisalForm
from jianshi_desktop.services.org_life_meetings import OrgLifeMeetingForm
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


def _ideology_review_document(review_id: int) -> Document:
    from jianshi_desktop.documents.ideology import review_report_document

    return review_report_document(ideology_reviews.review_content(review_id))


def _org_life_document(record_id: int) -> Document:
    from jianshi_desktop.documents.org_life import org_life_document

    return org_life_document(org_life_meetings.org_life_content(record_id))


def _appraisal_document(appraisal_id: int) -> Document:
    from jianshi_desktop.documents.appraisal import summary_document

    return summary_document(member_appraisals.appraisal_content(appraisal_id))


def _dues_collection_document(collection_id: int) -> Document:
    from jianshi_desktop.documents.dues import collection_document
    from jianshi_desktop.services.dues_documents import collection_content

    return collection_document(collection_content(collection_id))


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
    after_finish=meetings.take_decisions,
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


IDEOLOGY_REVIEW: RecordKind[IdeologyReviewForm] = RecordKind(
    record_type=ideology_reviews.RECORD_TYPE,
    name="意识形态研判",
    document_name="意识形态风险研判情况报告",
    area="ideology_reviews",
    package_key="ideology_reviews",
    model=IdeologyReview,
    check=ideology_reviews.check_ideology_review,
    write=ideology_reviews.write_ideology_review,
    read=ideology_reviews.load_ideology_review,
    title=ideology_reviews.ideology_review_label,
    copy=ideology_reviews.copied_ideology_review,
    document=_ideology_review_document,
    file_name=ideology_reviews.ideology_review_file_name,
    contents_line=ideology_reviews.ideology_review_contents_line,
    facts=ideology_reviews.ideology_review_facts,
    order=3,
)


ORG_LIFE_MEETING: RecordKind[OrgLifeMeetingForm] = RecordKind(
    record_type=org_life_meetings.RECORD_TYPE,
    name="组织生活会",
    document_name="组织生活会记录",
    area=org_life_meetings.AREA,
    package_key="org_life_meetings",
    model=OrgLifeMeeting,
    check=org_life_meetings.check_org_life_meeting,
    write=org_life_meetings.write_org_life_meeting,
    read=org_life_meetings.load_org_life_meeting,
    title=org_life_meetings.org_life_meeting_label,
    copy=org_life_meetings.copied_org_life_meeting,
    document=_org_life_document,
    file_name=org_life_meetings.org_life_file_name,
    contents_line=org_life_meetings.org_life_contents_line,
    facts=org_life_meetings.org_life_facts,
    order=4,
)

MEMBER_APPRAISAL: RecordKind[MemberAppraisalForm] = RecordKind(
    record_type=member_appraisals.RECORD_TYPE,
    name="民主评议党员",
    document_name="民主评议党员结果汇总表",
    area="member_appraisals",
    package_key="member_appraisals",
    model=MemberAppraisal,
    check=member_appraisals.check_member_appraisal,
    write=member_appraisals.write_member_appraisal,
    read=member_appraisals.load_member_appraisal,
    title=member_appraisals.member_appraisal_label,
    copy=member_appraisals.copied_member_appraisal,
    document=_appraisal_document,
    file_name=member_appraisals.member_appraisal_file_name,
    contents_line=member_appraisals.member_appraisal_contents_line,
    facts=member_appraisals.member_appraisal_facts,
    order=5,
)

DUES_COLLECTION: RecordKind[dues.DuesCollectionForm] = RecordKind(
    record_type=dues.RECORD_TYPE,
    name="党费收缴",
    document_name="党费收缴明细表",
    area="dues",
    package_key="dues_collections",
    model=DuesCollection,
    check=dues.check_dues_collection,
    write=dues.write_dues_collection,
    read=dues.load_dues_collection,
    title=dues.dues_collection_label,
    copy=dues.copied_dues_collection,
    document=_dues_collection_document,
    file_name=dues.dues_collection_file_name,
    contents_line=dues.dues_collection_contents_line,
    facts=dues.dues_collection_facts,
    order=6,
    columns=("month",),
)

# In the order a day's records stand in ledgers, contents lists and packages.
KINDS: tuple[RecordKind[Any], ...] = (
    MEETING,
    THEME_DAY,
    HEART_TALK,
    IDEOLOGY_REVIEW,
    ORG_LIFE_MEETING,
    MEMBER_APPRAISAL,
    DUES_COLLECTION,
)


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
