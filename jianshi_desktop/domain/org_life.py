"""组织生活会: the rules that need no database — what the 条例 asks before the meeting
(学习, 征求意见, 谈心谈话), how many opinions were typed, and which 整改 items are overdue
or due soon.

《中国共产党支部工作条例（试行）》第十七条: 组织生活会一般每年召开1次 … 会前认真学习，
谈心谈话，听取意见；会上查摆问题，开展批评和自我批评，明确整改方向；会后制定整改措施，
逐一整改落实.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jianshi_desktop.domain.text import normalise_code

ARTICLE = "《支部工作条例》第十七条"
DUE_SOON_DAYS = 14  # an open 整改 item shows on 首页 this many days before its date


@dataclass(frozen=True)
class Preparation:
    """What was done before the meeting."""

    study: str  # 会前学习, as typed
    opinions_count: int | None  # 征求意见: how many
    opinions_source: str  # and from whom
    talks: int  # 谈心谈话 linked


def missing_preparation(prep: Preparation) -> list[tuple[str, str]]:
    """(field, what the 条例 expects) for each part of the preparation not recorded."""
    missing = []
    if not prep.study.strip():
        missing.append(("study", f"没有填写会前学习。{ARTICLE}要求会前认真学习，请写明学了什么。"))
    if not prep.opinions_count:
        missing.append(
            (
                "opinions_count",
                f"没有填写征求意见。{ARTICLE}要求会前听取意见，请写明征求到几条意见、向谁征求。",
            )
        )
    elif not prep.opinions_source.strip():
        missing.append(("opinions_source", "请写明向谁征求的意见（如：教职工、学生家长）。"))
    if prep.talks == 0:
        missing.append(
            (
                "talk_ids",
                f"没有关联会前的谈心谈话。{ARTICLE}要求会前开展谈心谈话，"
                "请先在“谈心谈话”中记录，再在这里勾选。",
            )
        )
    return missing


def parse_count(value: object) -> int | None:
    """The 征求意见 count typed (full-width digits too); None when nothing was typed;
    ValueError for anything but a whole number (a negative one included)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        if value < 0:
            raise ValueError(value)
        return value
    text = normalise_code(value)
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(value)
    return int(text)


@dataclass(frozen=True)
class ItemDue:
    """An 整改 item as the reminders see it."""

    due_on: dt.date | None
    closed_on: dt.date | None


def is_overdue(item: ItemDue, today: dt.date) -> bool:
    """Still open after its due date."""
    return item.closed_on is None and item.due_on is not None and item.due_on < today


def is_due_soon(item: ItemDue, today: dt.date) -> bool:
    """Still open, due today or within :data:`DUE_SOON_DAYS`."""
    if item.closed_on is not None or item.due_on is None:
        return False
    return today <= item.due_on <= today + dt.timedelta(days=DUE_SOON_DAYS)
