"""开始使用: the first things a new branch does, judged from its data — no Qt here.

A branch just set up has no members, no 书记 of record and no records, so 首页 has little
to say yet. Until each of these is done, 首页 names it with one button to the place that
does it: 导入党员名册 (the 党员 page offers 导入花名册), 登记支委会 (or, without a
committee, the 书记) and 记第一次会议. Each step is done when the data says so, whatever
page it was done on; when all are done the panel is gone for good.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jianshi_desktop.domain.compliance import Engine
from jianshi_desktop.domain.enums import MeetingKind
from jianshi_desktop.services.branch import BranchInfo
from jianshi_desktop.services.organization import current_term
from jianshi_desktop.services.reminders import Action

PANEL_TITLE = "开始使用"
PANEL_TEXT = "做好下面几件事，首页就能按月提醒本支部该做的工作。"


@dataclass(frozen=True)
class Step:
    """One step: what to do, why, and either its button's action or what was done."""

    key: str  # members / committee / first_meeting
    title: str
    hint: str
    done: bool
    done_text: str
    action: Action

    def text(self) -> str:
        """The step as one line (tests, screen readers)."""
        return f"✓ {self.title}：{self.done_text}" if self.done else f"{self.title}：{self.hint}"


def first_steps(info: BranchInfo, engine: Engine, today: dt.date) -> list[Step]:
    """The three steps, in order, each with its state read from ``info`` and ``engine``."""
    members = info.active_members
    steps = [
        Step(
            "members",
            "导入党员名册",
            "已有 Excel 花名册的，可以一次导入，导入前会先预览；也可以逐个添加。",
            members > 0,
            f"已登记{members}名党员",
            Action("members", "import_roster", label="导入花名册"),
        )
    ]
    secretary = bool(engine.facts.secretaries)
    # no term yet: 登记换届 opens at once; a term with its 书记 post vacant: the page
    command = "new_term" if not secretary and current_term(today=today) is None else ""
    if info.has_committee:
        steps.append(
            Step(
                "committee",
                "登记支委会",
                "登记本届支部委员会的书记和委员，支委会记录的主持人和应到人员由此预先填好。",
                secretary,
                "已登记本届支部委员会",
                Action("organization", command, label="登记支委会"),
            )
        )
    else:
        steps.append(
            Step(
                "committee",
                "登记书记",
                "登记支部书记，会议记录的主持人由此预先填好。",
                secretary,
                "已登记书记",
                Action("organization", command, label="登记书记"),
            )
        )
    kind = MeetingKind.COMMITTEE if info.has_committee else MeetingKind.GENERAL_ASSEMBLY
    recorded = len(engine.facts.records)
    steps.append(
        Step(
            "first_meeting",
            "记第一次会议",
            f"例如本月的{kind.label}：按步骤填写，完成后可以直接打印会议记录。",
            recorded > 0,
            f"已有{recorded}份完成的记录",
            Action(
                "meetings",
                "new_meeting",
                {"date": today.isoformat(), "kind": kind.value},
                label="记一次会议",
            ),
        )
    )
    return steps


def still_to_do(steps: list[Step]) -> bool:
    """Whether the panel shows: while any step is not done."""
    return any(not step.done for step in steps)
