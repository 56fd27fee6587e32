"""谈心谈话: who has had no talk this year and which committee pairs are still missing
(:func:`services.heart_talks.talk_coverage`), in plain words and collapsed to a line each
when long; below it the list of talks (:class:`RecordListPage`), with 保密 marked.

Each talk opens in :class:`HeartTalkWizard`, as on the 主题党日 page: drafts go on,
finished talks can be changed, archived ones open read-only or for 更正.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from jianshi_desktop.domain.enums import HeartTalkKind
from jianshi_desktop.gui.common.widgets import set_role
from jianshi_desktop.gui.heart_talks.wizard import HeartTalkWizard
from jianshi_desktop.gui.records.list_page import (
    Column,
    FormRecordsPage,
    KindFilter,
    date_column,
)
from jianshi_desktop.gui.records.wizard import Mode
from jianshi_desktop.services.heart_talks import (
    HeartTalkRow,
    TalkCoverage,
    list_heart_talks,
    new_heart_talk_form,
    talk_coverage,
    talk_title,
)
from jianshi_desktop.services.record_kinds import HEART_TALK

EMPTY_TEXT = (
    "还没有谈心谈话记录。\n\n"
    "支委之间、支委与党员、党员之间每年都要谈心谈话。记录时选好谈话双方，"
    "简要写下谈话内容；提醒谈话默认保密，不放入报送材料和台账。"
)
COMPLETE = "今年的谈心谈话已覆盖全部党员。"
SHORT_NAMES = 8  # names shown on the collapsed line
SHORT_PAIRS = 4


def coverage_lines(coverage: TalkCoverage, *, short: bool = False) -> list[str]:
    """The coverage in words, one line for members and one for committee pairs."""
    names = [name for _id, name in coverage.members_without_talk]
    pairs = [f"{a}—{b}" for a, b in coverage.committee_pairs_missing]
    if short:
        names = names[:SHORT_NAMES] + (["……"] if len(names) > SHORT_NAMES else [])
        pairs = pairs[:SHORT_PAIRS] + (["……"] if len(pairs) > SHORT_PAIRS else [])
    lines = []
    if coverage.members_without_talk:
        count = len(coverage.members_without_talk)
        lines.append(f"今年还没有谈心谈话的党员（{count}人）：{'、'.join(names)}")
    if coverage.committee_pairs_missing:
        count = len(coverage.committee_pairs_missing)
        lines.append(f"支委之间还未谈话（{count}对）：{'，'.join(pairs)}")
    return lines


def is_long(coverage: TalkCoverage) -> bool:
    return (
        len(coverage.members_without_talk) > SHORT_NAMES
        or len(coverage.committee_pairs_missing) > SHORT_PAIRS
    )


class HeartTalksPage(FormRecordsPage):
    KIND = HEART_TALK
    NOUN = "谈心谈话"
    wizard: HeartTalkWizard | None
    FINISHED_TEXT = "已完成「{title}」的记录。可以预览并打印，或保存为 PDF、Word 文件。"

    def __init__(self, parent: QWidget | None = None, *, data_root: Path) -> None:
        super().__init__("heart_talks", parent, data_root=data_root)
        self.expanded = False
        self._coverage: TalkCoverage | None = None
        row = QHBoxLayout()
        row.setSpacing(8)
        self.coverage_label = QLabel(self)
        self.coverage_label.setObjectName("coverageLabel")
        self.coverage_label.setWordWrap(True)
        self.coverage_label.setTextFormat(Qt.TextFormat.PlainText)
        self.coverage_label.setAccessibleName("今年谈心谈话的覆盖情况")
        self.more_button = QPushButton("展开全部", self)
        self.more_button.clicked.connect(self.toggle_coverage)
        row.addWidget(self.coverage_label, 1)
        row.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignTop)
        self.page_layout.addLayout(row)
        self.add_list(
            rows=lambda: list_heart_talks(),
            columns=(
                date_column(),
                Column("类型", lambda r: r.kind.label, width=100),
                Column("谈话人", lambda r: r.talker, width=80),
                Column("谈话对象", lambda r: r.talkee, width=90),
                Column("谈话主题", lambda r: r.topic, width=250),
                Column(
                    "保密",
                    lambda r: "保密" if r.confidential else "",
                    width=60,
                    tooltip=lambda r: "保密：不放入报送材料包和台账。" if r.confidential else "",
                ),
            ),
            title_of=self._title,
            actions=self.record_actions(
                (("记录谈心谈话", self.new_talk),),
            ),
            empty_text=EMPTY_TEXT,
            empty_action_text="记录一次谈心谈话",
            kinds=KindFilter([(k.label, k) for k in HeartTalkKind], of=lambda r: r.kind),
            search_hint="姓名、主题",
        )
        self.list.status.connect(lambda _text: self._update_coverage())
        self.refresh()

    @staticmethod
    def _title(row: HeartTalkRow) -> str:
        return talk_title(row.held_on, row.talker, row.talkee)

    # --- coverage ---------------------------------------------------------------------------

    def refresh(self) -> None:
        super().refresh()
        self._update_coverage()

    def _update_coverage(self) -> None:
        self._coverage = talk_coverage(dt.date.today().year)
        self._show_coverage()

    def _show_coverage(self) -> None:
        coverage = self._coverage
        if coverage is None:
            return
        long = is_long(coverage)
        lines = coverage_lines(coverage, short=long and not self.expanded)
        if lines:
            self.coverage_label.setText("！" + "\n！".join(lines))
            set_role(self.coverage_label, "warning-item")
        else:
            self.coverage_label.setText(f"✓ {COMPLETE}")
            set_role(self.coverage_label, "ok")
        self.more_button.setVisible(long)
        self.more_button.setText("收起" if self.expanded else "展开全部")

    def toggle_coverage(self) -> None:
        self.expanded = not self.expanded
        self._show_coverage()

    # --- the wizard -------------------------------------------------------------------------

    def make_wizard(self, form: Any, record_id: int | None, mode: Mode) -> HeartTalkWizard:
        return HeartTalkWizard(form, record_id=record_id, mode=mode, parent=self)

    def next_steps(self) -> tuple[tuple[str, Any], ...]:
        return (("再记录一次谈话", self.new_talk),)

    def new_talk(
        self, on: dt.date | None = None, talkee_id: int | None = None
    ) -> HeartTalkWizard | None:
        """A new talk (on ``on``, with the member ``talkee_id`` when given)."""
        form = new_heart_talk_form(on=on)
        form.talkee_id = talkee_id
        wizard = self.open_form(form)
        return wizard if isinstance(wizard, HeartTalkWizard) else None

    def new_for_reminder(
        self, on: dt.date | None, params: dict[str, object]
    ) -> HeartTalkWizard | None:
        """``new_heart_talk``: a talk on ``date``, with ``member_id`` when the reminder names
        one member."""
        member = params.get("member_id")
        return self.new_talk(on, member if isinstance(member, int) else None)
