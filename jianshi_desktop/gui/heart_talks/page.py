"""谈心谈话: who has had no talk this year and which committee pairs are still missing
(:func:`services.heart_talks.talk_coverage`), in plain words and collapsed to a line each
when long; below it the list of talks (:class:`RecordListPage`), with 保密 marked.

Each talk opens in :class:`HeartTalkWizard`, as on the 主题党日 page: drafts go on,
finished talks can be changed, archived ones open read-only or for 更正.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from jianshi_desktop.domain.enums import HeartTalkKind, RecordState
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.common.widgets import heading, set_role
from jianshi_desktop.gui.heart_talks.wizard import HeartTalkWizard, talk_title
from jianshi_desktop.gui.records.list_page import (
    Column,
    KindFilter,
    RecordActions,
    RecordListPage,
    RecordPrinting,
    date_column,
)
from jianshi_desktop.gui.records.wizard import Mode
from jianshi_desktop.services.heart_talks import (
    HeartTalkForm,
    HeartTalkRow,
    TalkCoverage,
    archive_heart_talk,
    copy_heart_talk,
    delete_heart_talk_draft,
    list_heart_talks,
    load_heart_talk,
    new_heart_talk_form,
    talk_coverage,
)

MODES = {
    RecordState.DRAFT: Mode.DRAFT,
    RecordState.FINISHED: Mode.FINISHED,
    RecordState.ARCHIVED: Mode.READ_ONLY,
}
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


class HeartTalksPage(Page):
    filled_when_built = True  # its __init__ ends with refresh()

    def __init__(self, parent: QWidget | None = None, *, data_root: Path | None = None) -> None:
        super().__init__("heart_talks", parent)
        self.printing = RecordPrinting(self, "heart_talk", data_root)
        self.wizard: HeartTalkWizard | None = None
        self.expanded = False
        self._coverage: TalkCoverage | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 16)
        layout.setSpacing(10)
        layout.addWidget(heading("谈心谈话", self))

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
        layout.addLayout(row)

        self.list = RecordListPage(
            noun="谈心谈话",
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
            actions=RecordActions(
                new=(("记录谈心谈话", self.new_talk),),
                open=self.open_talk,
                copy=self.copy_talk,
                archive=lambda r: archive_heart_talk(r.id),
                amend=self.amend_talk,
                delete=lambda r: delete_heart_talk_draft(r.id),
                preview=lambda r: self.printing.open(r.id),
                print_out=lambda r: self.printing.open(r.id, then="print"),
            ),
            empty_text=(
                "还没有谈心谈话记录。\n\n"
                "支委之间、支委与党员、党员之间每年都要谈心谈话。记录时选好谈话双方，"
                "简要写下谈话内容；提醒谈话默认保密，不放入报送材料和台账。"
            ),
            empty_action_text="记录一次谈心谈话",
            kinds=KindFilter([(k.label, k) for k in HeartTalkKind], of=lambda r: r.kind),
            search_hint="姓名、主题",
            parent=self,
        )
        self.list.status.connect(self.status.emit)
        self.list.status.connect(lambda _text: self._update_coverage())
        layout.addWidget(self.list, 1)
        self.refresh()

    @staticmethod
    def _title(row: HeartTalkRow) -> str:
        return talk_title(row.held_on, row.talker, row.talkee)

    # --- coverage ---------------------------------------------------------------------------

    def refresh(self) -> None:
        self.list.refresh()
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

    def coverage_text(self) -> str:
        return self.coverage_label.text()

    # --- the wizard -------------------------------------------------------------------------

    def _open(self, form: HeartTalkForm, *, record_id: int | None = None, mode: Mode) -> None:
        if self.wizard is not None:
            self.wizard.raise_()
            self.wizard.activateWindow()
            messages.information(
                self,
                "已经打开了一个谈心谈话记录窗口。",
                title="谈心谈话",
                hint="请先在那个窗口中完成或关闭，再打开别的记录。",
            )
            return
        wizard = HeartTalkWizard(form, record_id=record_id, mode=mode, parent=self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.wizard = wizard
        wizard.finished.connect(lambda _result: self._closed(wizard))
        wizard.open()

    def _closed(self, wizard: HeartTalkWizard) -> None:
        if self.wizard is wizard:
            self.wizard = None
        self.refresh()
        record_id = wizard.record_id
        if record_id is not None:
            self.list.select_record(record_id)
        title = wizard.record_title(wizard.form())
        if wizard.outcome == "finished" and record_id is not None:
            self.printing.offer(
                self.list,
                f"已完成「{title}」的记录。可以预览并打印，或保存为 PDF、Word 文件。",
                record_id,
                ("再记录一次谈话", self.new_talk),
                ("归档", lambda: self._archive(record_id)),
            )
            self.status.emit(f"已完成「{title}」的记录。")
        elif wizard.outcome == "amended":
            self.status.emit(f"已保存对「{title}」的更正，原记录已保留。")
        elif wizard.outcome == "draft":
            self.status.emit(f"「{title}」已存为草稿，可以在列表中打开接着填。")

    def _archive(self, record_id: int) -> None:
        if self.list.select_record(record_id):
            self.list.archive_selected()

    def new_talk(self) -> None:
        self._open(new_heart_talk_form(), mode=Mode.NEW)

    def open_talk(self, row: HeartTalkRow) -> None:
        self._open(load_heart_talk(row.id), record_id=row.id, mode=MODES[row.state])

    def copy_talk(self, row: HeartTalkRow) -> None:
        self._open(copy_heart_talk(row.id), mode=Mode.NEW)

    def amend_talk(self, row: HeartTalkRow) -> None:
        self._open(load_heart_talk(row.id), record_id=row.id, mode=Mode.AMEND)
