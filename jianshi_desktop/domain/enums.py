"""The app's vocabulary as enums, named from the shared glossary.

Values are the stable strings stored in the database; ``label`` is the Chinese the
screen shows. Never store a label, never show a value.
"""

from __future__ import annotations

from enum import StrEnum


class _Labelled(StrEnum):
    @property
    def label(self) -> str:
        return _LABELS[(type(self), self.value)]

    @classmethod
    def from_label(cls, text: str) -> _Labelled:
        for item in cls:
            if item.label == text:
                return item
        raise ValueError(text)


class OrganizationKind(_Labelled):
    COMMITTEE = "committee"  # 党委
    GENERAL_BRANCH = "general_branch"  # 党总支


class MemberStatus(_Labelled):
    """人员类别: a full member votes, a probationary one attends without a vote."""

    FULL = "full"
    PROBATIONARY = "probationary"


class MemberState(_Labelled):
    """Whether a member still counts in the branch; leaving never deletes the record."""

    ACTIVE = "active"
    TRANSFERRED_OUT = "transferred_out"  # 转出
    MEMBERSHIP_STOPPED = "membership_stopped"  # 停止党籍
    DECEASED = "deceased"  # 去世
    LEFT_PARTY = "left_party"  # 出党: 开除党籍, 除名 or 退党
    PROBATION_CANCELLED = "probation_cancelled"  # 取消预备党员资格 (党章 art. 7)


class MemberEventKind(_Labelled):
    """One line of a member's history (the 党员 record's 变动记录)."""

    ADDED = "added"
    BECAME_FULL = "became_full"  # 转正
    TRANSFER_IN = "transfer_in"  # 转入
    TRANSFER_OUT = "transfer_out"  # 转出
    MEMBERSHIP_STOPPED = "membership_stopped"
    DECEASED = "deceased"
    LEFT_PARTY = "left_party"  # 出党 (开除党籍, 除名, 退党): leaves the roster that day
    RESTORED = "restored"  # a mistaken status change undone, with a reason
    PROBATION_EXTENDED = "probation_extended"  # 延长预备期: ``ends_on`` the new end
    PROBATION_CANCELLED = "probation_cancelled"  # 取消预备党员资格: leaves the roster
    PARTY_PROBATION = "party_probation"  # 留党察看 from ``occurred_on`` to ``ends_on``


class Gender(_Labelled):
    MALE = "male"
    FEMALE = "female"


class CommitteePostKind(_Labelled):
    SECRETARY = "secretary"
    DEPUTY_SECRETARY = "deputy_secretary"
    ORGANIZATION = "organization"
    PUBLICITY = "publicity"
    DISCIPLINE = "discipline"
    YOUTH = "youth"
    OTHER = "other"


class TransferDirection(_Labelled):
    IN = "in"
    OUT = "out"


class MeetingKind(_Labelled):
    GENERAL_ASSEMBLY = "general_assembly"
    COMMITTEE = "committee"
    GROUP = "group"
    LECTURE = "lecture"


class RecordState(_Labelled):
    """Life of a meeting, theme day or talk record."""

    DRAFT = "draft"
    FINISHED = "finished"
    ARCHIVED = "archived"


class Presence(_Labelled):
    PRESENT = "present"
    ON_LEAVE = "on_leave"
    ABSENT = "absent"


class AttendanceRole(_Labelled):
    EXPECTED = "expected"  # 应到
    OBSERVER = "observer"  # 列席


class ResolutionKind(_Labelled):
    """What a resolution decides. The per-person votes (rules.md §7: 接收预备党员, 转正,
    延长预备期, 取消预备党员资格, elections) count absent voters' written opinions."""

    GENERAL = "general"
    ADMISSION = "admission"  # 接收预备党员
    FULL_MEMBERSHIP = "full_membership"  # 预备党员转正
    PROBATION_EXTENDED = "probation_extended"  # 延长预备期
    PROBATION_CANCELLED = "probation_cancelled"  # 取消预备党员资格
    ELECTION = "election"  # 选举
    ACTIVIST = "name_activist"  # 确定入党积极分子 (支委会; 发展党员 step 3)
    CANDIDATE = "name_candidate"  # 确定发展对象 (支委会; 发展党员 step 7)


class HeartTalkKind(_Labelled):
    COMMITTEE_PEERS = "committee_peers"
    COMMITTEE_MEMBER = "committee_member"
    MEMBER_PEERS = "member_peers"
    REMINDER = "reminder"  # 提醒谈话: confidential by default


class RiskLevel(_Labelled):
    """意识形态风险研判: the risk found in one area."""

    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Rating(_Labelled):
    """民主评议党员: a 测评 choice and the branch's 综合评定 (glossary)."""

    EXCELLENT = "excellent"
    QUALIFIED = "qualified"
    BASICALLY_QUALIFIED = "basically_qualified"
    UNQUALIFIED = "unqualified"


class UnqualifiedDecision(_Labelled):
    """What the 支部大会 decides for a member rated 不合格 (rules.md §7)."""

    CORRECT = "correct"  # 限期改正
    PERSUADE_TO_LEAVE = "persuade_to_leave"  # 劝其退党
    REMOVE = "remove"  # 除名


class DuesCategory(_Labelled):
    """党费: how a member's dues are reckoned (rules.md §3, resources/rules/dues_rates.json)."""

    EMPLOYED = "employed"  # 在职: a share of the after-tax base
    RETIRED = "retired"  # 离退休: a share of the pension
    FARMER = "farmer"  # 农民: a fixed amount
    STUDENT = "student"  # 学生
    UNEMPLOYED = "unemployed"  # 下岗失业
    RELIEF = "relief"  # 享受低保


class ArrearsDecision(_Labelled):
    """The branch's decision on a member six months without dues (党章 art. 9)."""

    GOOD_REASON = "good_reason"  # 有正当理由，暂不作处理
    PAY_BY = "pay_by"  # 限期补交
    LEAVING = "leaving"  # 按自行脱党处理，提交支部大会除名


class RecruitmentStage(_Labelled):
    """发展党员: where a person stands in the "525" procedure (rules.md §4)."""

    APPLICANT = "applicant"  # 入党申请人
    ACTIVIST = "activist"  # 入党积极分子
    CANDIDATE = "candidate"  # 发展对象
    PROBATIONARY = "admitted"  # 预备党员
    FULL = "confirmed"  # 已转正


class RecruitmentActor(_Labelled):
    """Who takes a step of the "525" procedure."""

    APPLICANT = "person"  # 本人
    BRANCH = "branch"  # 党支部
    COMMITTEE = "branch_committee"  # 支委会
    ASSEMBLY = "assembly"  # 支部党员大会
    PARENT = "parent"  # 上级党委


class RecruitmentRole(_Labelled):
    """The members a step names: who talked, who guides, who introduces."""

    TALKER = "talker"  # 谈话人
    CONTACT = "contact"  # 培养联系人
    INTRODUCER = "introducer"  # 入党介绍人


class StudentNeed(_Labelled):
    """The six groups of students in need the notice names (二(三)3, 党员先行·关爱学生)."""

    LEARNING = "learning"  # 学困生
    CONDUCT = "conduct"  # 德困生
    LEFT_BEHIND = "left_behind"  # 留守儿童
    PSYCHOLOGICAL = "psychological"  # 心理异常学生
    POOR = "poor"  # 贫困生
    DISABLED = "disabled"  # 残障生


class AwardKind(_Labelled):
    """评先: the honours the notice names, and any other a branch or member receives."""

    RED_FLAG_BRANCH = "red_flag_branch"  # 红旗党支部 (a branch)
    VANGUARD_MEMBER = "vanguard_member"  # 先锋共产党员 (a member)
    OTHER_AWARD = "other_award"


class AttachmentKind(_Labelled):
    NOTICE = "notice"
    SIGN_IN = "sign_in"
    PHOTO = "photo"
    RESOLUTION = "resolution"
    CERTIFICATE = "certificate"  # 培训证书, 结业证书
    OTHER = "other"


# (member, label) pairs, not a dict keyed by member: members of two enums may share a value
# ("committee" is a 党委 and a 支委会), and a StrEnum member hashes and compares as its value
_LABEL_PAIRS: tuple[tuple[StrEnum, str], ...] = (
    (OrganizationKind.COMMITTEE, "党委"),
    (OrganizationKind.GENERAL_BRANCH, "党总支"),
    (MemberStatus.FULL, "正式党员"),
    (MemberStatus.PROBATIONARY, "预备党员"),
    (MemberState.ACTIVE, "在册"),
    (MemberState.TRANSFERRED_OUT, "已转出"),
    (MemberState.MEMBERSHIP_STOPPED, "停止党籍"),
    (MemberState.DECEASED, "已去世"),
    (MemberState.LEFT_PARTY, "已出党"),
    (MemberState.PROBATION_CANCELLED, "已取消预备党员资格"),
    (MemberEventKind.ADDED, "登记"),
    (MemberEventKind.BECAME_FULL, "转正"),
    (MemberEventKind.TRANSFER_IN, "转入"),
    (MemberEventKind.TRANSFER_OUT, "转出"),
    (MemberEventKind.MEMBERSHIP_STOPPED, "停止党籍"),
    (MemberEventKind.DECEASED, "去世"),
    (MemberEventKind.LEFT_PARTY, "出党"),
    (MemberEventKind.PROBATION_EXTENDED, "延长预备期"),
    (MemberEventKind.PROBATION_CANCELLED, "取消预备党员资格"),
    (MemberEventKind.PARTY_PROBATION, "留党察看"),
    (MemberEventKind.RESTORED, "恢复在册"),
    (Gender.MALE, "男"),
    (Gender.FEMALE, "女"),
    (CommitteePostKind.SECRETARY, "书记"),
    (CommitteePostKind.DEPUTY_SECRETARY, "副书记"),
    (CommitteePostKind.ORGANIZATION, "组织委员"),
    (CommitteePostKind.PUBLICITY, "宣传委员"),
    (CommitteePostKind.DISCIPLINE, "纪检委员"),
    (CommitteePostKind.YOUTH, "青年委员"),
    (CommitteePostKind.OTHER, "其他委员"),
    (TransferDirection.IN, "转入"),
    (TransferDirection.OUT, "转出"),
    (MeetingKind.GENERAL_ASSEMBLY, "支部党员大会"),
    (MeetingKind.COMMITTEE, "支委会"),
    (MeetingKind.GROUP, "党小组会"),
    (MeetingKind.LECTURE, "党课"),
    (RecordState.DRAFT, "草稿"),
    (RecordState.FINISHED, "已完成"),
    (RecordState.ARCHIVED, "已归档"),
    (ResolutionKind.GENERAL, "一般事项"),
    (ResolutionKind.ADMISSION, "接收预备党员"),
    (ResolutionKind.FULL_MEMBERSHIP, "预备党员转正"),
    (ResolutionKind.PROBATION_EXTENDED, "延长预备期"),
    (ResolutionKind.PROBATION_CANCELLED, "取消预备党员资格"),
    (ResolutionKind.ELECTION, "选举"),
    (ResolutionKind.ACTIVIST, "确定入党积极分子"),
    (ResolutionKind.CANDIDATE, "确定发展对象"),
    (RecruitmentStage.APPLICANT, "入党申请人"),
    (RecruitmentStage.ACTIVIST, "入党积极分子"),
    (RecruitmentStage.CANDIDATE, "发展对象"),
    (RecruitmentStage.PROBATIONARY, "预备党员"),
    (RecruitmentStage.FULL, "已转正"),
    (RecruitmentActor.APPLICANT, "本人"),
    (RecruitmentActor.BRANCH, "党支部"),
    (RecruitmentActor.COMMITTEE, "支委会"),
    (RecruitmentActor.ASSEMBLY, "支部党员大会"),
    (RecruitmentActor.PARENT, "上级党委"),
    (RecruitmentRole.TALKER, "谈话人"),
    (RecruitmentRole.CONTACT, "培养联系人"),
    (RecruitmentRole.INTRODUCER, "入党介绍人"),
    (Presence.PRESENT, "到会"),
    (Presence.ON_LEAVE, "请假"),
    (Presence.ABSENT, "缺席"),
    (AttendanceRole.EXPECTED, "应到"),
    (AttendanceRole.OBSERVER, "列席"),
    (HeartTalkKind.COMMITTEE_PEERS, "支委之间"),
    (HeartTalkKind.COMMITTEE_MEMBER, "支委与党员"),
    (HeartTalkKind.MEMBER_PEERS, "党员之间"),
    (HeartTalkKind.REMINDER, "提醒谈话"),
    (RiskLevel.NONE, "无"),
    (RiskLevel.LOW, "低"),
    (RiskLevel.MEDIUM, "中"),
    (RiskLevel.HIGH, "高"),
    (Rating.EXCELLENT, "优秀"),
    (Rating.QUALIFIED, "合格"),
    (Rating.BASICALLY_QUALIFIED, "基本合格"),
    (Rating.UNQUALIFIED, "不合格"),
    (DuesCategory.EMPLOYED, "在职"),
    (DuesCategory.RETIRED, "离退休"),
    (DuesCategory.FARMER, "农民"),
    (DuesCategory.STUDENT, "学生"),
    (DuesCategory.UNEMPLOYED, "下岗失业"),
    (DuesCategory.RELIEF, "享受低保"),
    (ArrearsDecision.GOOD_REASON, "有正当理由，暂不作处理"),
    (ArrearsDecision.PAY_BY, "限期补交"),
    (ArrearsDecision.LEAVING, "按自行脱党处理（提交支部大会除名）"),
    (UnqualifiedDecision.CORRECT, "限期改正"),
    (UnqualifiedDecision.PERSUADE_TO_LEAVE, "劝其退党"),
    (UnqualifiedDecision.REMOVE, "除名"),
    (AttachmentKind.NOTICE, "会议通知"),
    (AttachmentKind.SIGN_IN, "签到表"),
    (AttachmentKind.PHOTO, "现场照片"),
    (AttachmentKind.RESOLUTION, "决议"),
    (AttachmentKind.CERTIFICATE, "证书"),
    (StudentNeed.LEARNING, "学困生"),
    (StudentNeed.CONDUCT, "德困生"),
    (StudentNeed.LEFT_BEHIND, "留守儿童"),
    (StudentNeed.PSYCHOLOGICAL, "心理异常学生"),
    (StudentNeed.POOR, "贫困生"),
    (StudentNeed.DISABLED, "残障生"),
    (AwardKind.RED_FLAG_BRANCH, "红旗党支部"),
    (AwardKind.VANGUARD_MEMBER, "先锋共产党员"),
    (AwardKind.OTHER_AWARD, "其他表彰"),
    (AttachmentKind.OTHER, "其他材料"),
)
_LABELS: dict[tuple[type, str], str] = {(type(m), m.value): text for m, text in _LABEL_PAIRS}

DEFAULT_PARENT_ORGANIZATION = "中共建始县教育局委员会"
COMMITTEE_THRESHOLD_FULL_MEMBERS = 7  # rules.md §1: ≥7 full members → a committee
