"""Fixed vocabulary of the procedures: tags that count toward other obligations, theme-day
forms and the default 规定动作 list (rules.md §2 and the county notice)."""

from __future__ import annotations

# Tags a meeting can carry because it also fulfils another obligation (rules.md §2).
TAG_PARTY_BUILDING = "研究党建工作"
TAG_IDEOLOGY = "意识形态专题研究"
TAG_ORG_LIFE = "组织生活会"
TAG_APPRAISAL = "民主评议党员"
MEETING_TAGS = (TAG_PARTY_BUILDING, TAG_IDEOLOGY, TAG_ORG_LIFE, TAG_APPRAISAL)

THEME_DAY_FORMS = ("集中学习", "志愿服务", "参观学习", "民主议事", "其他")
DEFAULT_REQUIRED_ITEMS = ("重温入党誓词", "交纳党费", "集中学习", "民主议事", "志愿服务")
