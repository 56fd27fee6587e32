"""The peewee models, named from the shared glossary.

The schema itself is created and changed only by the numbered migrations in
:mod:`jianshi_desktop.db.migrations`; these classes describe it for queries, and a test
checks that both agree. Dates are ``DateField`` (ISO text), times ``HH:MM`` text, money
(later) integer 分. Nothing is deleted that a ledger may need: members leave by a state
change, records are archived and amended.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

import peewee

from jianshi_desktop.db.fields import EnumField, JSONField
from jianshi_desktop.domain.enums import (
    ArrearsDecision,
    AttachmentKind,
    AttendanceRole,
    AwardKind,
    CommitteePostKind,
    DuesCategory,
    Gender,
    HeartTalkKind,
    MeetingKind,
    MemberEventKind,
    MemberState,
    MemberStatus,
    OrganizationKind,
    Presence,
    Rating,
    RecordState,
    RecruitmentRole,
    ResolutionKind,
    StudentNeed,
    TransferDirection,
)

database_proxy = peewee.DatabaseProxy()


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _new_uid() -> str:
    return uuid.uuid4().hex


class BaseModel(peewee.Model):
    id = peewee.AutoField()

    class Meta:
        database = database_proxy
        legacy_table_names = False


class Setting(BaseModel):
    """Application and branch settings as key → JSON value (declared in services.settings)."""

    key = peewee.CharField(max_length=100, unique=True)
    value = JSONField()


class Organization(BaseModel):
    """A parent party organisation (党委 / 党总支), e.g. 中共建始县教育局委员会."""

    name = peewee.CharField(max_length=100)
    kind = EnumField(OrganizationKind, default=OrganizationKind.COMMITTEE)
    parent = peewee.ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")


class Branch(BaseModel):
    """The 党支部 that uses the app. One per database in practice."""

    uid = peewee.CharField(max_length=32, unique=True, default=_new_uid)
    name = peewee.CharField(max_length=100)
    organization = peewee.ForeignKeyField(Organization, backref="branches", on_delete="RESTRICT")
    founded_on = peewee.DateField()
    has_committee = peewee.BooleanField(default=False)
    theme_day_of_month = peewee.SmallIntegerField(default=1)
    is_demo = peewee.BooleanField(default=False)
    created_at = peewee.DateTimeField(default=_now)
    # The day the branch began keeping its records in the app (从哪一天开始在本程序记录):
    # periods wholly before it were kept on paper and are never overdue. NULL: from the
    # founding day.
    records_from = peewee.DateField(null=True)
    # 党费 came to the app on this day (the version that keeps dues was installed over a
    # branch kept here before): months before it are 未在本程序记录, not overdue
    dues_from = peewee.DateField(null=True)
    # The rest of the notice (班子成员讲党课, 学校党建工作会议, 组织设置情况) came to the app on
    # this day, set on a branch kept here before: periods wholly before it are 未在本程序记录
    notice_from = peewee.DateField(null=True)


class BranchNameSpan(BaseModel):
    """The branch's name and its 上级党组织 from ``valid_from`` until the next row
    (migration 11): a renamed branch keeps its old name on the documents of the records
    dated before the rename. ``Branch.name`` and its organisation hold the latest."""

    branch = peewee.ForeignKeyField(Branch, backref="name_spans", on_delete="CASCADE")
    name = peewee.CharField(max_length=100)
    parent_name = peewee.CharField(max_length=100)
    valid_from = peewee.DateField()

    class Meta:
        indexes = ((("branch", "valid_from"), True),)


class PartyGroup(BaseModel):
    """党小组. ``leader`` is set after members exist (a deferred key: groups come first)."""

    branch = peewee.ForeignKeyField(Branch, backref="groups", on_delete="RESTRICT")
    name = peewee.CharField(max_length=50)
    leader = peewee.DeferredForeignKey("Member", null=True, on_delete="SET NULL")
    position = peewee.IntegerField(default=0)
    leader_id: int | None  # peewee's accessor for the key, declared for the type checker
    members: Iterable[Member]

    class Meta:
        indexes = ((("branch", "name"), True),)


class Member(BaseModel):
    """党员: the fields of a 花名册 row, plus state and history (``MemberEvent``)."""

    branch = peewee.ForeignKeyField(Branch, backref="members", on_delete="RESTRICT")
    name = peewee.CharField(max_length=50)
    gender = EnumField(Gender, null=True)
    ethnicity = peewee.CharField(max_length=20, default="")
    birth_date = peewee.DateField(null=True)
    id_number = peewee.CharField(max_length=18, null=True, unique=True)
    education = peewee.CharField(max_length=30, default="")
    position = peewee.CharField(max_length=50, default="")  # 工作岗位/职务
    phone = peewee.CharField(max_length=20, default="")
    joined_on = peewee.DateField(null=True)  # 入党时间: accepted as probationary
    full_member_on = peewee.DateField(null=True)  # 转正时间
    status = EnumField(MemberStatus, default=MemberStatus.FULL)
    state = EnumField(MemberState, default=MemberState.ACTIVE)
    left_on = peewee.DateField(null=True)
    party_group = peewee.ForeignKeyField(
        PartyGroup, null=True, backref="members", on_delete="SET NULL"
    )
    notes = peewee.TextField(default="")
    created_at = peewee.DateTimeField(default=_now)
    updated_at = peewee.DateTimeField(default=_now)
    party_group_id: int | None
    branch_id: int


class MemberEvent(BaseModel):
    """One change of a member's status or state, never deleted (the member's history)."""

    member = peewee.ForeignKeyField(Member, backref="events", on_delete="CASCADE")
    kind = EnumField(MemberEventKind)
    occurred_on = peewee.DateField()
    note = peewee.TextField(default="")
    recorded_at = peewee.DateTimeField(default=_now)
    # 延长预备期: the new end of probation; 留党察看: the day it ends (exclusive: the
    # member votes again from that day). NULL for the other events.
    ends_on = peewee.DateField(null=True)
    # the decision (决议) behind 延长预备期, 取消预备党员资格, 留党察看: free text, and the
    # 支部党员大会 of that day when one is recorded
    resolution = peewee.TextField(default="")
    meeting = peewee.DeferredForeignKey("Meeting", null=True, on_delete="SET NULL")
    # the meeting whose per-person resolution took this change when it was finished
    # (转正, 延长预备期, 取消预备党员资格; migration 16) — never set by hand
    decided_in = peewee.DeferredForeignKey("Meeting", null=True, on_delete="SET NULL", backref="+")
    meeting_id: int | None


class Transfer(BaseModel):
    """组织关系转接: a 介绍信 (``letter_no``) moving a member in or out."""

    member = peewee.ForeignKeyField(Member, backref="transfers", on_delete="RESTRICT")
    direction = EnumField(TransferDirection)
    occurred_on = peewee.DateField()
    letter_no = peewee.CharField(max_length=50, default="")
    counterpart = peewee.CharField(max_length=100, default="")  # from / to which organisation
    note = peewee.TextField(default="")
    # 党费交至: the last month paid (its first day) — elsewhere for a 转入, here for a 转出
    dues_paid_through = peewee.DateField(null=True)
    recorded_at = peewee.DateTimeField(default=_now)


class BranchCommittee(BaseModel):
    """支部委员会, the body; its terms hold the posts."""

    branch = peewee.ForeignKeyField(Branch, backref="committees", unique=True, on_delete="RESTRICT")


class CommitteeTerm(BaseModel):
    """届: each term keeps its own dates; nothing is computed from a global term length."""

    committee = peewee.ForeignKeyField(BranchCommittee, backref="terms", on_delete="RESTRICT")
    number = peewee.IntegerField(null=True)  # 第几届, when known
    elected_on = peewee.DateField()
    starts_on = peewee.DateField()
    ends_on = peewee.DateField()
    is_by_election = peewee.BooleanField(default=False)
    notes = peewee.TextField(default="")
    posts: Iterable[CommitteePost]


class CommitteePost(BaseModel):
    """A post in a term; who held it when is in :class:`CommitteePostHolding`."""

    term = peewee.ForeignKeyField(CommitteeTerm, backref="posts", on_delete="CASCADE")
    post = EnumField(CommitteePostKind)
    title = peewee.CharField(max_length=30, default="")  # the name of an ``other`` post
    term_id: int


class CommitteePostHolding(BaseModel):
    """Who held a post from ``valid_from`` (inclusive) to ``valid_to`` (exclusive; NULL
    while current). Changing the holder closes one row and opens another: never
    overwritten, so the holders of any past day are known (architecture: spans)."""

    post = peewee.ForeignKeyField(CommitteePost, backref="holdings", on_delete="CASCADE")
    member = peewee.ForeignKeyField(Member, backref="holdings", on_delete="RESTRICT")
    valid_from = peewee.DateField()
    valid_to = peewee.DateField(null=True)
    post_id: int
    member_id: int


class GroupMembership(BaseModel):
    """A member in a 党小组 from ``valid_from`` (inclusive) to ``valid_to`` (exclusive;
    NULL while current). ``Member.party_group`` is today's value of this history."""

    member = peewee.ForeignKeyField(Member, backref="group_spans", on_delete="CASCADE")
    party_group = peewee.ForeignKeyField(PartyGroup, backref="spans", on_delete="CASCADE")
    valid_from = peewee.DateField()
    valid_to = peewee.DateField(null=True)
    member_id: int
    party_group_id: int


class LeadershipMember(BaseModel):
    """班子成员: a member who was one of the school's leaders (``title``: 校长, 副校长 …)
    from ``valid_from`` (inclusive) to ``valid_to`` (exclusive; NULL while current). Each
    must lecture at least once a year (the notice 二(一)3), judged by who led that year."""

    member = peewee.ForeignKeyField(Member, backref="leadership_spans", on_delete="CASCADE")
    title = peewee.CharField(max_length=30, default="")
    valid_from = peewee.DateField()
    valid_to = peewee.DateField(null=True)
    member_id: int


class _Record(BaseModel):
    """What meetings, theme days and talks share: state, 补录 flag, timestamps."""

    branch = peewee.ForeignKeyField(Branch, on_delete="RESTRICT")
    held_on = peewee.DateField()
    place = peewee.CharField(max_length=100, default="")
    state = EnumField(RecordState, default=RecordState.DRAFT)
    late_entry = peewee.BooleanField(default=False)
    created_at = peewee.DateTimeField(default=_now)
    updated_at = peewee.DateTimeField(default=_now)
    archived_at = peewee.DateTimeField(null=True)


class Meeting(_Record):
    """三会一课: one meeting of a :class:`MeetingKind`."""

    kind = EnumField(MeetingKind)
    party_group = peewee.ForeignKeyField(PartyGroup, null=True, on_delete="RESTRICT")
    sequence_no = peewee.IntegerField(null=True)
    starts_at = peewee.CharField(max_length=5, default="")
    ends_at = peewee.CharField(max_length=5, default="")
    chair = peewee.ForeignKeyField(Member, null=True, backref="chaired", on_delete="RESTRICT")
    # 受委托主持: the 书记 was absent and the chair was entrusted (条例 ch. 5; rules.md §7)
    entrusted_chair = peewee.BooleanField(default=False)
    recorder = peewee.ForeignKeyField(Member, null=True, backref="recorded", on_delete="RESTRICT")
    title = peewee.CharField(max_length=200, default="")  # a lecture's title, or a topic
    lecturer = peewee.ForeignKeyField(Member, null=True, backref="lectures", on_delete="RESTRICT")
    lecturer_name = peewee.CharField(max_length=50, default="")  # a lecturer from outside
    duration_minutes = peewee.IntegerField(null=True)
    tags = JSONField(default=list)  # e.g. 研究党建工作, 意识形态专题研究, 组织生活会
    summary = peewee.TextField(default="")
    open_items = peewee.TextField(default="")
    party_group_id: int | None
    chair_id: int | None
    recorder_id: int | None
    lecturer_id: int | None

    class Meta:
        indexes = ((("branch", "held_on"), False),)


class AgendaItem(BaseModel):
    """议题, in order; speeches hang below it."""

    meeting = peewee.ForeignKeyField(Meeting, backref="agenda_items", on_delete="CASCADE")
    position = peewee.IntegerField(default=0)
    title = peewee.CharField(max_length=200)
    discussion = peewee.TextField(default="")


class Speech(BaseModel):
    """发言: who spoke to an agenda item and what they said."""

    agenda_item = peewee.ForeignKeyField(AgendaItem, backref="speeches", on_delete="CASCADE")
    position = peewee.IntegerField(default=0)
    speaker = peewee.ForeignKeyField(Member, null=True, on_delete="RESTRICT")
    speaker_name = peewee.CharField(max_length=50, default="")
    content = peewee.TextField(default="")
    speaker_id: int | None


class Resolution(BaseModel):
    """决议 with its vote (表决) counts; ``passed`` is stored as decided at the meeting."""

    meeting = peewee.ForeignKeyField(Meeting, backref="resolutions", on_delete="CASCADE")
    agenda_item = peewee.ForeignKeyField(AgendaItem, null=True, on_delete="SET NULL")
    position = peewee.IntegerField(default=0)
    text = peewee.TextField()
    votes_for = peewee.IntegerField(null=True)
    votes_against = peewee.IntegerField(null=True)
    votes_abstain = peewee.IntegerField(null=True)
    # 接收预备党员, 转正, elections…: absent voters' 书面意见, apart from the counts (rules.md §7)
    kind = EnumField(ResolutionKind, default=ResolutionKind.GENERAL)
    written_for = peewee.IntegerField(null=True)
    written_against = peewee.IntegerField(null=True)
    passed = peewee.BooleanField(null=True)
    # whom a per-person decision is about (migration 16): the 发展党员 file for 确定入党积极分子,
    # 确定发展对象 and 接收预备党员; the member for 转正, 延长预备期 and 取消预备党员资格
    recruitment = peewee.DeferredForeignKey("Recruitment", null=True, on_delete="SET NULL")
    member = peewee.ForeignKeyField(Member, null=True, on_delete="SET NULL")
    extended_to = peewee.DateField(null=True)  # 延长预备期: the new end of the 预备期
    agenda_item_id: int | None
    recruitment_id: int | None
    member_id: int | None


class ThemeDay(_Record):
    """主题党日; ``meeting`` links a theme day held with a meeting (shared attendance)."""

    theme = peewee.CharField(max_length=200, default="")
    form = peewee.CharField(max_length=30, default="")
    required_items = JSONField(default=list)  # 规定动作 done, as labels
    summary = peewee.TextField(default="")
    meeting = peewee.ForeignKeyField(Meeting, null=True, on_delete="SET NULL")
    # 主持人 (migration 10); None on records made before it was kept
    chair = peewee.ForeignKeyField(
        Member, null=True, backref="chaired_theme_days", on_delete="RESTRICT"
    )
    meeting_id: int | None
    chair_id: int | None

    class Meta:
        indexes = ((("branch", "held_on"), False),)


class HeartTalk(_Record):
    """谈心谈话. A ``reminder`` talk is confidential unless the secretary decides otherwise."""

    kind = EnumField(HeartTalkKind)
    talker = peewee.ForeignKeyField(Member, backref="talks_given", on_delete="RESTRICT")
    talkee = peewee.ForeignKeyField(
        Member, null=True, backref="talks_received", on_delete="RESTRICT"
    )
    talkee_name = peewee.CharField(max_length=50, default="")  # someone from outside
    topic = peewee.CharField(max_length=200, default="")
    talker_said = peewee.TextField(default="")
    talkee_said = peewee.TextField(default="")
    problems = peewee.TextField(default="")
    follow_up = peewee.TextField(default="")
    confidential = peewee.BooleanField(default=False)
    talker_id: int
    talkee_id: int | None


class IdeologyReview(_Record):
    """意识形态风险研判, monthly (notice 二(二)3). ``areas``: one dict per area reviewed —
    ``area``, ``risk`` (a ``RiskLevel`` value), ``facts``, ``measures``,
    ``responsible_id`` / ``responsible_name``; ``follow_ups``: the progress on risks still
    open from earlier months — ``review_id``, ``area``, ``progress``, ``closed``."""

    chair = peewee.ForeignKeyField(
        Member, null=True, backref="chaired_ideology_reviews", on_delete="RESTRICT"
    )
    areas = JSONField(default=list)
    follow_ups = JSONField(default=list)
    summary = peewee.TextField(default="")
    reported_on = peewee.DateField(null=True)  # 上报 to the county, when it was
    # the 意识形态专题研究 meeting that discussed it, if one did
    meeting = peewee.ForeignKeyField(Meeting, null=True, on_delete="SET NULL")
    chair_id: int | None
    meeting_id: int | None

    class Meta:
        indexes = ((("branch", "held_on"), False),)


class OrgLifeMeeting(_Record):
    """组织生活会, yearly. ``talk_ids``: the 谈心谈话 held beforehand; ``self_reviews``:
    one dict per 对照检查 — ``member_id``, ``text``, ``attachment`` (a file name among the
    record's attachments, or ""); ``criticisms``: one dict per 批评与自我批评 entry —
    ``by_id``, ``of_id`` (None for 自我批评), ``text``. Its 整改清单 is
    ``RectificationItem``."""

    theme = peewee.CharField(max_length=200, default="")
    chair = peewee.ForeignKeyField(
        Member, null=True, backref="chaired_org_life_meetings", on_delete="RESTRICT"
    )
    recorder = peewee.ForeignKeyField(
        Member, null=True, backref="recorded_org_life_meetings", on_delete="RESTRICT"
    )
    study = peewee.TextField(default="")  # 会前学习
    opinions_count = peewee.IntegerField(null=True)  # 征求意见: how many
    opinions_source = peewee.CharField(max_length=200, default="")  # and from whom
    talk_ids = JSONField(default=list)
    self_reviews = JSONField(default=list)
    criticisms = JSONField(default=list)
    summary = peewee.TextField(default="")
    chair_id: int | None
    recorder_id: int | None

    class Meta:
        indexes = ((("branch", "held_on"), False),)


class RectificationItem(BaseModel):
    """整改清单: one item of an 组织生活会, open on 首页 until it is closed."""

    org_life_meeting = peewee.ForeignKeyField(
        OrgLifeMeeting, backref="rectification_items", on_delete="CASCADE"
    )
    position = peewee.IntegerField(default=0)
    problem = peewee.CharField(max_length=300)
    measure = peewee.TextField(default="")
    owner = peewee.ForeignKeyField(Member, null=True, on_delete="RESTRICT")
    due_on = peewee.DateField(null=True)
    closed_on = peewee.DateField(null=True)
    close_note = peewee.CharField(max_length=300, default="")
    org_life_meeting_id: int
    owner_id: int | None


class MemberAppraisal(_Record):
    """民主评议党员, yearly, often held with the 组织生活会; each member's result is an
    ``AppraisalRating``. ``meeting``: the 支部大会 that took the decisions on 不合格."""

    org_life_meeting = peewee.ForeignKeyField(OrgLifeMeeting, null=True, on_delete="SET NULL")
    meeting = peewee.ForeignKeyField(Meeting, null=True, on_delete="SET NULL")
    voters = peewee.IntegerField(null=True)  # 测评表 handed in
    summary = peewee.TextField(default="")
    org_life_meeting_id: int | None
    meeting_id: int | None

    class Meta:
        indexes = ((("branch", "held_on"), False),)


class AppraisalRating(BaseModel):
    """One member's 民主评议: 个人自评, the 测评 tallies (``peer_tally``), the branch's
    综合评定 (``rating``), and for 不合格 the reasons and the 支部大会's decision."""

    appraisal = peewee.ForeignKeyField(MemberAppraisal, backref="ratings", on_delete="CASCADE")
    member = peewee.ForeignKeyField(Member, backref="appraisal_ratings", on_delete="RESTRICT")
    position = peewee.IntegerField(default=0)
    self_assessment = peewee.TextField(default="")
    tally_excellent = peewee.IntegerField(default=0)
    tally_qualified = peewee.IntegerField(default=0)
    tally_basically_qualified = peewee.IntegerField(default=0)
    tally_unqualified = peewee.IntegerField(default=0)
    rating = EnumField(Rating, null=True)
    reasons = peewee.TextField(default="")
    decision = peewee.CharField(max_length=32, default="")  # an UnqualifiedDecision value
    appraisal_id: int
    member_id: int


class DuesBase(BaseModel):
    """党费基数: a member's category and monthly base for one year (rules.md §3), set once a
    year — typed, or from the school's wage list. ``base_fen`` for the categories paying a
    share (在职, 离退休); ``fixed_fen`` the amount a fixed-amount category pays (None: the
    table's default)."""

    member = peewee.ForeignKeyField(Member, backref="dues_bases", on_delete="CASCADE")
    year = peewee.SmallIntegerField()
    category = EnumField(DuesCategory, default=DuesCategory.EMPLOYED)
    base_fen = peewee.IntegerField(null=True)
    fixed_fen = peewee.IntegerField(null=True)
    source = peewee.CharField(max_length=100, default="")  # 手工填写 or the wage list's name
    recorded_at = peewee.DateTimeField(default=_now)
    member_id: int

    class Meta:
        indexes = ((("member", "year"), True),)


class DuesCollection(_Record):
    """党费收缴: one month's dues collected (``held_on`` the day), each member's payment a
    ``DuesPayment`` — the month's own, and 补交/预交 of other months paid that day.
    ``handed_on``/``handed_fen``: 上缴 to the 上级党委, when it was and how much."""

    month = peewee.DateField()  # the month collected for (its first day)
    collector = peewee.ForeignKeyField(Member, null=True, on_delete="RESTRICT")  # 收缴人
    handed_on = peewee.DateField(null=True)
    handed_fen = peewee.IntegerField(null=True)
    summary = peewee.TextField(default="")
    collector_id: int | None

    class Meta:
        indexes = ((("branch", "held_on"), False), (("branch", "month"), False))


class DuesPayment(BaseModel):
    """One member's dues for one month, paid in a ``DuesCollection`` (rules.md §3).
    ``due_fen``: what was due when it was recorded (kept, so a later base changes no
    past line)."""

    collection = peewee.ForeignKeyField(DuesCollection, backref="payments", on_delete="CASCADE")
    member = peewee.ForeignKeyField(Member, backref="dues_payments", on_delete="RESTRICT")
    for_month = peewee.DateField()  # the month paid for (its first day)
    due_fen = peewee.IntegerField(null=True)
    paid_fen = peewee.IntegerField()
    paid_on = peewee.DateField()
    method = peewee.CharField(max_length=20, default="")  # 现金, 转账, 微信, 支付宝 …
    note = peewee.CharField(max_length=200, default="")
    position = peewee.IntegerField(default=0)
    collection_id: int
    member_id: int

    class Meta:
        indexes = ((("member", "for_month"), False),)


class DuesArrearsDecision(BaseModel):
    """The branch's decision on a member six months without dues (党章 art. 9), for the
    run of unpaid months that began in ``since_month``."""

    member = peewee.ForeignKeyField(Member, backref="arrears_decisions", on_delete="CASCADE")
    since_month = peewee.DateField()
    months = peewee.IntegerField()  # how many months the run had when it was decided
    decided_on = peewee.DateField()
    decision = EnumField(ArrearsDecision)
    reason = peewee.TextField(default="")
    pay_by = peewee.DateField(null=True)  # 限期补交: by when
    meeting = peewee.ForeignKeyField(Meeting, null=True, on_delete="SET NULL")  # 支部大会
    recorded_at = peewee.DateTimeField(default=_now)
    member_id: int
    meeting_id: int | None


class Training(_Record):
    """培训: a training members attended (书记、党务干部培训, 党员教育培训): ``held_on`` its
    first day, ``ends_on`` its last; who attended is in :class:`Attendance`, certificates
    in :class:`Attachment`. Each attendee is credited ``class_hours`` (学时)."""

    title = peewee.CharField(max_length=200, default="")
    organiser = peewee.CharField(max_length=100, default="")  # 主办单位
    ends_on = peewee.DateField(null=True)
    class_hours = peewee.DecimalField(max_digits=6, decimal_places=1, null=True)
    content = peewee.TextField(default="")
    branch_id: int

    class Meta:
        indexes = ((("branch", "held_on"), False),)


class StudentPairing(BaseModel):
    """结对帮扶 (党员先行·关爱学生): a member paired with one student in need, kept to the
    least (the notice 二(三)3; rules.md §5): a name or a code, the class, the group,
    from ``starts_on`` to ``ends_on`` (inclusive; NULL while it lasts). No ID number, no
    health details beyond the group."""

    branch = peewee.ForeignKeyField(Branch, backref="pairings", on_delete="RESTRICT")
    member = peewee.ForeignKeyField(Member, backref="pairings", on_delete="RESTRICT")
    student = peewee.CharField(max_length=50)  # a name or a code, as the school keeps it
    code = peewee.CharField(max_length=20)  # what leaves the data folder: S001 …
    class_name = peewee.CharField(max_length=30, default="")  # 班级
    need = EnumField(StudentNeed)
    starts_on = peewee.DateField()
    ends_on = peewee.DateField(null=True)
    created_at = peewee.DateTimeField(default=_now)
    updated_at = peewee.DateTimeField(default=_now)
    branch_id: int
    member_id: int


class PairingHelp(_Record):
    """帮扶记录: one time a member helped their paired student — what was done, an optional
    photo (:class:`Attachment`)."""

    pairing = peewee.ForeignKeyField(StudentPairing, backref="helps", on_delete="RESTRICT")
    content = peewee.TextField(default="")
    pairing_id: int

    class Meta:
        indexes = ((("branch", "held_on"), False),)


class PairingSummary(BaseModel):
    """A pairing's 学期小结: one a school term (``term_start``: the term's first day)."""

    pairing = peewee.ForeignKeyField(StudentPairing, backref="summaries", on_delete="CASCADE")
    term_start = peewee.DateField()
    text = peewee.TextField(default="")
    written_on = peewee.DateField()
    recorded_at = peewee.DateTimeField(default=_now)
    pairing_id: int

    class Meta:
        indexes = ((("pairing", "term_start"), True),)


class OrganisationReport(_Record):
    """组织设置情况, reported every half year (the notice): ``held_on`` the report's day,
    ``half_start`` the first day of the half year it reports. ``snapshot`` is the
    organisation as it stood on ``held_on``, built from its history when written, so the
    report stays what was sent."""

    half_start = peewee.DateField()
    reported_on = peewee.DateField(null=True)  # 上报 to the county, when it was
    notes = peewee.TextField(default="")
    snapshot = JSONField(default=dict)
    branch_id: int

    class Meta:
        indexes = ((("branch", "held_on"), False),)


class Award(BaseModel):
    """评先: an honour the branch (``member`` NULL) or a member received — 红旗党支部,
    先锋共产党员 or another — in ``year``, from ``granted_by``."""

    branch = peewee.ForeignKeyField(Branch, backref="awards", on_delete="RESTRICT")
    member = peewee.ForeignKeyField(Member, null=True, backref="awards", on_delete="RESTRICT")
    kind = EnumField(AwardKind)
    title = peewee.CharField(max_length=100, default="")  # the honour as named
    year = peewee.SmallIntegerField()
    granted_by = peewee.CharField(max_length=100, default="")
    granted_on = peewee.DateField(null=True)
    notes = peewee.TextField(default="")
    recorded_at = peewee.DateTimeField(default=_now)
    branch_id: int
    member_id: int | None


class Attendance(BaseModel):
    """One person at a meeting, theme day, 意识形态研判 or 组织生活会: expected (应到) or
    observer (列席)."""

    meeting = peewee.ForeignKeyField(Meeting, null=True, backref="attendance", on_delete="CASCADE")
    theme_day = peewee.ForeignKeyField(
        ThemeDay, null=True, backref="attendance", on_delete="CASCADE"
    )
    ideology_review = peewee.ForeignKeyField(
        IdeologyReview, null=True, backref="attendance", on_delete="CASCADE"
    )
    org_life_meeting = peewee.ForeignKeyField(
        OrgLifeMeeting, null=True, backref="attendance", on_delete="CASCADE"
    )
    training = peewee.ForeignKeyField(
        Training, null=True, backref="attendance", on_delete="CASCADE"
    )
    member = peewee.ForeignKeyField(Member, null=True, on_delete="RESTRICT")
    name = peewee.CharField(max_length=50, default="")  # observers from outside
    role = EnumField(AttendanceRole, default=AttendanceRole.EXPECTED)
    presence = EnumField(Presence, default=Presence.PRESENT)
    reason = peewee.CharField(max_length=200, default="")
    has_vote = peewee.BooleanField(default=True)  # as on the day: probationary → False
    member_id: int | None


class Recruitment(BaseModel):
    """发展党员: one person's file through the "525" procedure, from the application to
    转正 (rules.md §4). The person's own fields until the 支部大会 accepts them; then
    ``member`` is the 预备党员 it made. ``stopped_on``: the branch stopped (终止培养)."""

    branch = peewee.ForeignKeyField(Branch, backref="recruitments", on_delete="RESTRICT")
    name = peewee.CharField(max_length=50)
    gender = EnumField(Gender, null=True)
    ethnicity = peewee.CharField(max_length=20, default="")
    birth_date = peewee.DateField(null=True)
    id_number = peewee.CharField(max_length=18, null=True, unique=True)
    education = peewee.CharField(max_length=30, default="")
    position = peewee.CharField(max_length=50, default="")  # 工作岗位/职务
    phone = peewee.CharField(max_length=20, default="")
    backbone = peewee.BooleanField(default=False)  # 教学业务骨干 (the notice)
    member = peewee.ForeignKeyField(Member, null=True, backref="recruitments", on_delete="SET NULL")
    stopped_on = peewee.DateField(null=True)
    stop_reason = peewee.TextField(default="")
    notes = peewee.TextField(default="")
    created_at = peewee.DateTimeField(default=_now)
    updated_at = peewee.DateTimeField(default=_now)
    member_id: int | None
    branch_id: int


class RecruitmentStep(BaseModel):
    """One step of a file taken on ``done_on`` (a step that repeats — 培养教育考察 — has
    a row each time). ``meeting``: the meeting whose per-person vote took it."""

    recruitment = peewee.ForeignKeyField(Recruitment, backref="steps", on_delete="CASCADE")
    step = peewee.SmallIntegerField()
    done_on = peewee.DateField()
    note = peewee.TextField(default="")
    meeting = peewee.ForeignKeyField(Meeting, null=True, on_delete="SET NULL")
    training_days = peewee.IntegerField(null=True)  # 集中培训
    training_hours = peewee.IntegerField(null=True)
    recorded_at = peewee.DateTimeField(default=_now)
    recruitment_id: int
    meeting_id: int | None

    class Meta:
        indexes = ((("recruitment", "step"), False),)


class RecruitmentStepPerson(BaseModel):
    """A member a step names: 谈话人, 培养联系人, 入党介绍人."""

    step = peewee.ForeignKeyField(RecruitmentStep, backref="people", on_delete="CASCADE")
    member = peewee.ForeignKeyField(Member, on_delete="RESTRICT")
    role = EnumField(RecruitmentRole)
    member_id: int


class Attachment(BaseModel):
    """A file kept in the data folder under its SHA-256, linked to one record."""

    sha256 = peewee.CharField(max_length=64, index=True)
    size = peewee.IntegerField()
    file_name = peewee.CharField(max_length=255)
    media_type = peewee.CharField(max_length=100, default="application/octet-stream")
    kind = EnumField(AttachmentKind, default=AttachmentKind.OTHER)
    caption = peewee.CharField(max_length=200, default="")
    meeting = peewee.ForeignKeyField(Meeting, null=True, backref="attachments", on_delete="CASCADE")
    theme_day = peewee.ForeignKeyField(
        ThemeDay, null=True, backref="attachments", on_delete="CASCADE"
    )
    heart_talk = peewee.ForeignKeyField(
        HeartTalk, null=True, backref="attachments", on_delete="CASCADE"
    )
    ideology_review = peewee.ForeignKeyField(
        IdeologyReview, null=True, backref="attachments", on_delete="CASCADE"
    )
    org_life_meeting = peewee.ForeignKeyField(
        OrgLifeMeeting, null=True, backref="attachments", on_delete="CASCADE"
    )
    member_appraisal = peewee.ForeignKeyField(
        MemberAppraisal, null=True, backref="attachments", on_delete="CASCADE"
    )
    dues_collection = peewee.ForeignKeyField(
        DuesCollection, null=True, backref="attachments", on_delete="CASCADE"
    )  # 上缴凭证, a receipt
    recruitment_step = peewee.ForeignKeyField(
        RecruitmentStep, null=True, backref="attachments", on_delete="CASCADE"
    )  # 入党申请书, 考察登记表 …
    training = peewee.ForeignKeyField(
        Training, null=True, backref="attachments", on_delete="CASCADE"
    )  # 培训证书
    pairing_help = peewee.ForeignKeyField(
        PairingHelp, null=True, backref="attachments", on_delete="CASCADE"
    )  # a photo of the help, if the member chose to take one
    added_at = peewee.DateTimeField(default=_now)


class CountyBranch(BaseModel):
    """县局汇总: a school branch whose packages this county data folder received, known by
    the uid its packages carry. ``public_key``: its signing key, remembered at first sight
    (``key_confirmed`` once the operator compared the fingerprint with the branch's)."""

    uid = peewee.CharField(max_length=64, unique=True)
    name = peewee.CharField(max_length=100)  # as its latest package names it
    public_key = peewee.CharField(max_length=200, null=True)  # signatures.encode
    key_confirmed = peewee.BooleanField(default=False)
    first_seen_at = peewee.DateTimeField(default=_now)


class CountyPackage(BaseModel):
    """One package received, kept read-only under ``stored_name`` in the folder's
    ``packages/`` with what it says (``records``, ``compliance``). ``status``: current (the
    newest of its branch and period), superseded (a newer one came; kept) or held (signed
    by a key that is not the branch's: kept apart until the operator accepts it)."""

    branch = peewee.ForeignKeyField(CountyBranch, backref="packages", on_delete="RESTRICT")
    period_code = peewee.CharField(max_length=40)
    period_label = peewee.CharField(max_length=60)
    period_start = peewee.DateField()
    period_end = peewee.DateField()
    created_at = peewee.CharField(max_length=40)  # the manifest's, as the branch wrote it
    app_version = peewee.CharField(max_length=40, default="")
    sha256 = peewee.CharField(max_length=64, unique=True)
    size = peewee.IntegerField()
    file_name = peewee.CharField(max_length=255)  # as it was on the stick
    stored_name = peewee.CharField(max_length=100)
    encrypted = peewee.BooleanField(default=False)
    fingerprint = peewee.CharField(max_length=100, null=True)  # the signer's; None: unsigned
    signer_key = peewee.CharField(max_length=200, null=True)  # signatures.encode
    status = peewee.CharField(max_length=20, default="current")
    superseded_by = peewee.ForeignKeyField("self", null=True, on_delete="SET NULL")
    notes = JSONField(default=list)  # what the check said about the signer
    records = JSONField(default=dict)
    compliance = JSONField(default=list)
    imported_at = peewee.DateTimeField(default=_now)
    branch_id: int

    class Meta:
        indexes = ((("branch", "period_code"), False),)


class Amendment(BaseModel):
    """A correction to an archived record: the reason, when, and the record before/after.

    The archived record itself is updated to the corrected content; ``before`` keeps the
    original as it was archived, so both can be shown and printed.
    """

    record_type = peewee.CharField(max_length=20)  # meeting / theme_day / heart_talk
    record_id = peewee.IntegerField()
    reason = peewee.TextField()
    made_at = peewee.DateTimeField(default=_now)
    before = JSONField()
    after = JSONField()

    class Meta:
        indexes = ((("record_type", "record_id"), False),)


class PeriodReport(BaseModel):
    """A period's 党建工作情况报告 as the secretary left it: the draft (one a period, saved as
    it is typed) or a finished one (定稿, kept as it was: never changed afterwards).

    ``content`` is the whole report's text (every part, title, 署名 …); ``figures`` the
    texts the app wrote from the records (基本情况, 落实情况) on the day, to tell later
    whether the records have changed since."""

    branch = peewee.ForeignKeyField(Branch, backref="reports", on_delete="RESTRICT")
    period_code = peewee.CharField(max_length=40)  # 2026Q3, 2026-07-01..2026-09-30
    period_label = peewee.CharField(max_length=60)
    state = peewee.CharField(max_length=32, default="draft")  # draft / finished
    content = JSONField()
    figures = JSONField()
    saved_at = peewee.DateTimeField(default=_now)
    finished_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = ((("branch", "period_code"), False),)


class ReminderDismissal(BaseModel):
    """不再提醒: last year's undone yearly obligation the secretary dismissed, with why."""

    obligation = peewee.CharField(max_length=40)  # the obligation's key (org_life …)
    period_start = peewee.DateField()
    period_end = peewee.DateField()
    reason = peewee.TextField()
    dismissed_on = peewee.DateField()

    class Meta:
        indexes = ((("obligation", "period_start"), True),)


class AuditLog(BaseModel):
    """Who-did-what trail: one row per user action, written in the action's transaction."""

    at = peewee.DateTimeField(default=_now, index=True)
    action = peewee.CharField(max_length=60)
    entity = peewee.CharField(max_length=40, default="")
    entity_id = peewee.IntegerField(null=True)
    summary = peewee.TextField(default="")
    detail = JSONField(null=True)
