"""Fixed vocabulary of the procedures: tags that count toward other obligations, theme-day
forms and the default 规定动作 list (rules.md §2 and the county notice)."""

from __future__ import annotations

# Tags a meeting can carry because it also fulfils another obligation (rules.md §2).
TAG_PARTY_BUILDING = "研究党建工作"
TAG_IDEOLOGY = "意识形态专题研究"
# 每年通报1次本单位意识形态工作情况 (建教党〔2020〕9号 二(二)3): told to the members at a
# meeting, from the 通报 the 意识形态 page drafts from the year's 研判 and 专题研究
TAG_IDEOLOGY_REPORT = "通报意识形态工作情况"
# 书记每年至少召开2次以上学校党建工作会议 (建教党〔2020〕9号 三(一)): the school's meeting on
# party building the secretary convenes, its own obligation apart from the branch's
# 研究党建工作 (a meeting may carry both when it is both)
TAG_SCHOOL_PARTY_BUILDING = "学校党建工作会议"
MEETING_TAGS = (TAG_PARTY_BUILDING, TAG_SCHOOL_PARTY_BUILDING, TAG_IDEOLOGY, TAG_IDEOLOGY_REPORT)
# 组织生活会 and 民主评议党员 are records of their own kinds now (with 对照检查, 整改清单,
# each member's rating); a new meeting is no longer offered these tags. A meeting that was
# tagged so before keeps its tag, and still counts for its year (the obligation's tag).
TAG_ORG_LIFE = "组织生活会"
TAG_APPRAISAL = "民主评议党员"

THEME_DAY_FORMS = ("集中学习", "志愿服务", "参观学习", "民主议事", "其他")
DUES_ITEM = "交纳党费"  # the activity only: who paid what is the 党费 area's 党费收缴
DEFAULT_REQUIRED_ITEMS = ("重温入党誓词", DUES_ITEM, "集中学习", "民主议事", "志愿服务")
