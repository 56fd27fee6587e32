"""民主评议党员: how this year stands, the list of appraisals (:class:`RecordListPage`)
and two documents of their own — 打印测评表… (the blank ballot handed to each voter, from
a draft before the meeting or, with nothing chosen, for today's members) and 情况报告…
(the report to the 县教育局党委 of a finished appraisal).

Each appraisal opens in :class:`MemberAppraisalWizard`, as on the 主题党日 page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from jianshi_desktop.domain.enums import RecordState
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.widgets import set_role
from jianshi_desktop.gui.member_appraisals.wizard import MemberAppraisalWizard
from jianshi_desktop.gui.records.list_page import Column, FormRecordsPage, date_column
from jianshi_desktop.gui.records.wizard import Mode
from jianshi_desktop.services import member_appraisals as svc
from jianshi_desktop.services.member_appraisals import (
    MemberAppraisalRow,
    appraisal_title,
    list_member_appraisals,
    new_member_appraisal_form,
)
from jianshi_desktop.services.record_kinds import MEMBER_APPRAISAL

EMPTY_TEXT = (
    "还没有民主评议党员的记录。\n\n"
    "民主评议党员每年一次，常与组织生活会一起开：先打印测评表发给党员，评议后填写每人的"
    "个人自评、测评票数和支部的综合评定；评为不合格的，写明理由和支部党员大会的处理决定。"
)


def year_text(rows: list[MemberAppraisalRow], today: dt.date) -> str:
    """How this year stands: done, a draft, or not yet."""
    this_year = [r for r in rows if r.held_on.year == today.year]
    done = [r for r in this_year if r.state is not RecordState.DRAFT]
    if done:
        return f"✓ {today.year}年的民主评议党员已完成：{done[0].result}。"
    if this_year:
        return f"{today.year}年的民主评议党员还是草稿，请打开接着填写并完成。"
    return f"{today.year}年还没有开展民主评议党员（每年一次，一般在第四季度）。"


class MemberAppraisalsPage(FormRecordsPage):
    KIND = MEMBER_APPRAISAL
    NOUN = "民主评议"
    wizard: MemberAppraisalWizard | None

    def __init__(
        self, attachments_dir: Path, parent: QWidget | None = None, *, data_root: Path | None = None
    ) -> None:
        self.data_dir = data_root or attachments_dir.parent
        super().__init__("member_appraisals", parent, data_root=self.data_dir)
        self.attachments_dir = attachments_dir
        self.year_label = QLabel(self)
        self.year_label.setWordWrap(True)
        self.year_label.setTextFormat(Qt.TextFormat.PlainText)
        self.page_layout.addWidget(self.year_label)

        share = QHBoxLayout()
        share.setSpacing(8)
        share.addWidget(QLabel("评为优秀的一般不超过参评党员的", self))
        self.share_spin = QSpinBox(self)
        self.share_spin.setRange(1, 100)
        self.share_spin.setSuffix("%")
        self.share_spin.setAccessibleName("优秀比例上限")
        self.share_spin.setToolTip(
            "本地通行做法是30%，可按上级党组织的要求修改；超过时只提醒，不拦着完成"
        )
        self.share_spin.setValue(svc.appraisal_rules().excellent_share_percent)
        share.addWidget(self.share_spin)
        self.share_error = QLabel(self)
        set_role(self.share_error, "error")
        self.share_error.hide()
        share.addWidget(self.share_error)
        share.addStretch(1)
        self.page_layout.addLayout(share)
        self.share_spin.editingFinished.connect(self._share_changed)
        self.ballot_button = QPushButton("打印测评表…", self)
        self.ballot_button.setToolTip(
            "评议会上发给每位党员的空白测评表：选中一条记录（草稿也可以）就按它的日期和名单，"
            "不选就按今天的党员名单"
        )
        self.ballot_button.clicked.connect(self.print_ballot)
        self.report_button = QPushButton("情况报告…", self)
        self.report_button.setToolTip("选中一次已完成的评议，生成报县教育局党委的情况报告")
        self.report_button.clicked.connect(self.show_report)
        self.add_list(
            rows=lambda: list_member_appraisals(),
            columns=(
                date_column(),
                Column("地点", lambda r: r.place, width=140),
                Column(
                    "参评",
                    lambda r: f"{r.appraised}人" if r.appraised else "",
                    sort_key=lambda r: r.appraised,
                ),
                Column("综合评定", lambda r: r.result, width=280),
                Column("与组织生活会", lambda r: r.with_org_life, width=180),
            ),
            title_of=lambda r: appraisal_title(r.held_on),
            actions=self.record_actions((("记录民主评议", self.new_appraisal),)),
            empty_text=EMPTY_TEXT,
            empty_action_text="记录今年的民主评议",
            search_hint="地点、评定结果",
            all_years=True,
        )
        self.list.add_buttons(self.ballot_button, self.report_button)
        self.list.status.connect(lambda _text: self._update_year())
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        self._update_year()

    def _update_year(self) -> None:
        text = year_text(self.list.all_rows(), dt.date.today())
        self.year_label.setText(text)
        set_role(self.year_label, "ok" if text.startswith("✓") else "warning")

    # --- the wizard -------------------------------------------------------------------------

    def _share_changed(self) -> None:
        try:
            svc.set_excellent_share(self.share_spin.value())
        except UserError as exc:
            self.share_error.setText(exc.message)
            self.share_error.show()
            return
        self.share_error.hide()

    def make_wizard(self, form: Any, record_id: int | None, mode: Mode) -> MemberAppraisalWizard:
        return MemberAppraisalWizard(
            form, attachments_dir=self.attachments_dir, record_id=record_id, mode=mode, parent=self
        )

    def new_appraisal(self, on: dt.date | None = None) -> MemberAppraisalWizard | None:
        wizard = self.open_form(new_member_appraisal_form(on=on))
        return wizard if isinstance(wizard, MemberAppraisalWizard) else None

    def new_for_reminder(
        self, on: dt.date | None, params: dict[str, object]
    ) -> MemberAppraisalWizard | None:
        return self.new_appraisal(min(on, dt.date.today()) if on is not None else None)

    # --- the documents of their own ---------------------------------------------------------

    def print_ballot(self) -> object:
        """打印测评表…: the selected appraisal's members and day (a draft will do), or
        today's members when none is selected."""
        from jianshi_desktop.gui.documents.preview import open_preview

        row = self.list.selected_row()
        record_id = row.id if row is not None else None
        today = dt.date.today()
        return open_preview(
            self,
            "民主评议党员测评表",
            lambda: svc.ballot_document(record_id, today=today),
            svc.ballot_stem(record_id, today=today),
            self.data_dir,
        )

    def show_report(self) -> object:
        """情况报告…: the report of the selected finished appraisal."""
        from jianshi_desktop.gui.documents.preview import open_preview

        row = self.list.selected_row()
        if row is None or row.state is RecordState.DRAFT:
            messages.information(
                self,
                "请先在列表中选中一次已完成的民主评议。"
                if row is None
                else "选中的民主评议还是草稿，不能生成情况报告。",
                title="情况报告",
                hint="情况报告按已完成的评议结果生成；草稿请先打开，填好后点“完成”。",
            )
            return None
        record_id = row.id
        return open_preview(
            self,
            "民主评议党员情况报告",
            lambda: svc.report_document(record_id),
            svc.report_stem(record_id),
            self.data_dir,
        )
