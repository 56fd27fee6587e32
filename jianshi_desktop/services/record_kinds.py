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
    OrganisationReport,
    OrgLifeMeeting,
    PairingHelp,
    ThemeDay,
    Training,
)
from jianshi_desktop.services import (
    dues,
    heart_talks,
    ideology_reviews,
    meetings,
    member_appraisals,
    org_life_meetings,
    organisation_reports,
    student_pairings,
    theme_days,
    trainings,
)
from jianshi_desktop.services.heart_talks import HeartTalkForm
from jianshi_desktop.services.ideology_reviews import IdeologyReviewForm
from jianshi_desktop.services.lifecycle import RecordKind
from jianshi_desktop.services.meetings import MeetingForm
from jianshi_desktop.services.member_appraisals import MemberAppraisalForm
from jianshi_desktop.services.org_life_meetings import OrgLifeMeetingForm
from jianshi_desktop.services.organisation_reports import OrganisationReportForm
from jianshi_desktop.services.theme_days import ThemeDayForm
from jianshi_desktop.services.trainings import TrainingForm

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


def _pairing_help_document(help_id: int) -> Document:
    from jianshi_desktop.documents.student_pairing import help_document
    from jianshi_desktop.services.pairing_documents import help_content

    return help_document(help_content(help_id))


def _dues_collection_document(collection_id: int) -> Document:
    from jianshi_desktop.documents.dues import collection_document
    from jianshi_desktop.services.dues_documents import collection_content

    return collection_document(collection_content(collection_id))


def _organisation_report_document(report_id: int) -> Document:
    from jianshi_desktop.documents.organisation_report import organisation_report_document

    return organisation_report_document(organisation_reports.organisation_report_content(report_id))


def _training_document(training_id: int) -> Document:
    from jianshi_desktop.documents.trainings import training_document
    from jianshi_desktop.services.training_documents import training_content

    return training_document(training_content(training_id))


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

TRAINING: RecordKind[TrainingForm] = RecordKind(
    record_type=trainings.RECORD_TYPE,
    name="学习培训",
    document_name="培训记录",
    area=trainings.AREA,
    package_key="trainings",
    model=Training,
    check=trainings.check_training,
    write=trainings.write_training,
    read=trainings.load_training,
    title=trainings.training_label,
    copy=trainings.copied_training,
    document=_training_document,
    file_name=trainings.training_file_name,
    contents_line=trainings.training_contents_line,
    facts=trainings.training_facts,
    order=7,
    columns=("title",),
    judged_on=trainings.training_last_day,
)

PAIRING_HELP: RecordKind[student_pairings.PairingHelpForm] = RecordKind(
    record_type=student_pairings.RECORD_TYPE,
    name="帮扶记录",
    document_name="结对帮扶记录",
    area=student_pairings.AREA,
    package_key="pairing_helps",  # replaced by codes and counts (submission/data.py)
    model=PairingHelp,
    check=student_pairings.check_pairing_help,
    write=student_pairings.write_pairing_help,
    read=student_pairings.load_pairing_help,
    title=student_pairings.pairing_help_label,
    copy=student_pairings.copied_pairing_help,
    document=_pairing_help_document,
    file_name=student_pairings.pairing_help_file_name,
    contents_line=student_pairings.pairing_help_contents_line,
    facts=student_pairings.pairing_help_facts,
    order=8,
    draft_check=student_pairings.check_pairing_help_for_draft,
)

ORGANISATION_REPORT: RecordKind[OrganisationReportForm] = RecordKind(
    record_type=organisation_reports.RECORD_TYPE,
    name="组织设置情况",
    document_name="组织设置情况报告表",
    area=organisation_reports.AREA,
    package_key="organisation_reports",
    model=OrganisationReport,
    check=organisation_reports.check_organisation_report,
    write=organisation_reports.write_organisation_report,
    read=organisation_reports.load_organisation_report,
    title=organisation_reports.organisation_report_label,
    copy=organisation_reports.copied_organisation_report,
    document=_organisation_report_document,
    file_name=organisation_reports.organisation_report_file_name,
    contents_line=organisation_reports.organisation_report_contents_line,
    facts=organisation_reports.organisation_report_facts,
    order=9,
    columns=("half_start",),
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
    TRAINING,
    PAIRING_HELP,
    ORGANISATION_REPORT,
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
