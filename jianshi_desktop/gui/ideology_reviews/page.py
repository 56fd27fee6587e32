"""意识形态: this month's 风险研判 and its 上报截止日 at a glance, the list of reviews with the
actions of every record (:class:`FormRecordsPage`), and the summaries printed from them —
the quarter's 意识形态风险研判情况季度汇总 and the year's 本单位意识形态工作情况通报.

A reminder on 首页 (``new_ideology_review``) opens the month's finished review that is
not reported yet at its last step (to write the 上报日期), or a new review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QSpinBox, QWidget

from jianshi_desktop.domain.enums import RiskLevel
from jianshi_desktop.domain.ideology import FIRST_REPORT_DAY, LAST_REPORT_DAY
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common.widgets import set_role
from jianshi_desktop.gui.ideology_reviews.wizard import IdeologyReviewWizard
from jianshi_desktop.gui.records.list_page import (
    Column,
    FormRecordsPage,
    attendance_column,
    date_column,
)
from jianshi_desktop.gui.records.wizard import STATE_MODES, Mode
from jianshi_desktop.services.ideology_reviews import (
    IdeologyReviewRow,
    list_ideology_reviews,
    load_ideology_review,
    month_state,
    new_ideology_review_form,
    quarter_content,
    report_day,
    review_title,
    set_report_day,
    year_content,
)
from jianshi_desktop.services.record_kinds import IDEOLOGY_REVIEW

EMPTY_TEXT = (
    "还没有意识形态风险研判记录。\n\n"
    "每月开展一次意识形态风险研判，逐项研判教师思想动态、课堂教学和教材教辅、校园网络和新媒体等"
    "领域，写明发现的风险、防范措施和责任人，并在每月上报截止日前报上级党组织。"
)
QUARTERS = "一二三四"


def reported_text(row: IdeologyReviewRow) -> str:
    """9月20日, 9月27日（逾期）, or 未上报."""
    if row.reported_on is None:
        return "未上报"
    late = "（逾期）" if row.reported_on > row.deadline else ""
    return f"{row.reported_on.month}月{row.reported_on.day}日{late}"


def quarters_to_offer(today: dt.date) -> list[tuple[int, int]]:
    """(year, quarter) begun by ``today``, newest first: this year's and last year's last."""
    current = (today.month - 1) // 3 + 1
    found = [(today.year, q) for q in range(current, 0, -1)]
    return [*found, (today.year - 1, 4)]


class IdeologyReviewsPage(FormRecordsPage):
    KIND = IDEOLOGY_REVIEW
    NOUN = "研判"
    wizard: IdeologyReviewWizard | None

    def __init__(
        self,
        attachments_dir: Path,
        parent: QWidget | None = None,
        *,
        data_root: Path | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.today = today  # the day this month is judged on
        root = data_root or attachments_dir.parent
        super().__init__("ideology_reviews", parent, data_root=root)
        self.attachments_dir = attachments_dir
        self.data_root = root
        self.month_label = QLabel(self)
        self.month_label.setWordWrap(True)
        self.month_label.setTextFormat(Qt.TextFormat.PlainText)
        self.month_label.setAccessibleName("本月研判情况")
        self.page_layout.addWidget(self.month_label)

        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(QLabel("上报截止日：每月", self))
        self.day_spin = QSpinBox(self)
        self.day_spin.setRange(FIRST_REPORT_DAY, LAST_REPORT_DAY)
        self.day_spin.setAccessibleName("上报截止日")
        self.day_spin.setToolTip("上级党组织要求每月几日前上报研判情况（默认25日）")
        self.day_spin.setValue(report_day())
        row.addWidget(self.day_spin)
        row.addWidget(QLabel("日", self))
        self.day_error = QLabel(self)
        set_role(self.day_error, "error")
        self.day_error.hide()
        row.addWidget(self.day_error)
        row.addStretch(1)
        self.quarter_button = QPushButton("季度汇总…", self)
        self.quarter_button.setToolTip("预览并打印意识形态风险研判情况季度汇总")
        self.quarter_menu = QMenu(self.quarter_button)
        self.quarter_menu.aboutToShow.connect(self._fill_quarters)
        self.quarter_button.setMenu(self.quarter_menu)
        self.year_button = QPushButton("年度通报…", self)
        self.year_button.setToolTip(
            "预览并打印本单位意识形态工作情况通报（发至全体党员）。在党员大会上通报后，"
            "在那次会议的记录里勾选“通报意识形态工作情况”，首页的这项年度要求就算完成"
        )
        self.year_menu = QMenu(self.year_button)
        self.year_menu.aboutToShow.connect(self._fill_years)
        self.year_button.setMenu(self.year_menu)
        self.page_layout.addLayout(row)
        self.day_spin.editingFinished.connect(self._day_changed)

        self.add_list(
            rows=lambda: list_ideology_reviews(),
            columns=(
                date_column(),
                Column("地点", lambda r: r.place, width=140),
                Column(
                    "发现的风险",
                    lambda r: r.risks or "未发现风险",
                    sort_key=lambda r: list(RiskLevel).index(r.highest),
                    width=320,
                ),
                attendance_column(tooltip=lambda r: ""),
                Column("上报", reported_text, sort_key=lambda r: r.reported_on or dt.date.min),
            ),
            title_of=lambda r: review_title(r.held_on),
            actions=self.record_actions((("记录本月研判", self.new_ideology_review),)),
            empty_text=EMPTY_TEXT,
            empty_action_text="记录本月研判",
            search_hint="地点、风险",
        )
        self.list.add_buttons(self.quarter_button, self.year_button)
        self.list.status.connect(lambda _text: self._update_month())
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        self._update_month()

    def _update_month(self) -> None:
        today = self.today()
        text = month_state(today).text(today)
        self.month_label.setText(text)
        set_role(self.month_label, "ok" if "✓" in text else "warning" if "！" in text else "")

    def _day_changed(self) -> None:
        try:
            set_report_day(self.day_spin.value())
        except UserError as exc:
            self.day_error.setText(exc.message)
            self.day_error.show()
            return
        self.day_error.hide()
        self._update_month()
        self.list.refresh()

    # --- the summaries --------------------------------------------------------------------

    def _fill_quarters(self) -> None:
        self.quarter_menu.clear()
        for year, quarter in quarters_to_offer(self.today()):
            action = self.quarter_menu.addAction(f"{year}年第{QUARTERS[quarter - 1]}季度")
            action.triggered.connect(lambda _c=False, y=year, q=quarter: self.preview_quarter(y, q))

    def _fill_years(self) -> None:
        self.year_menu.clear()
        today = self.today()
        for year in (today.year, today.year - 1):
            action = self.year_menu.addAction(f"{year}年度")
            action.triggered.connect(lambda _c=False, y=year: self.preview_year(y))

    def preview_quarter(self, year: int, quarter: int) -> object:
        from jianshi_desktop.documents.ideology import quarter_document
        from jianshi_desktop.gui.documents.preview import open_preview

        title = f"{year}年第{QUARTERS[quarter - 1]}季度意识形态风险研判情况汇总"
        return open_preview(
            self,
            title,
            lambda: quarter_document(quarter_content(year, quarter, today=self.today())),
            title,
            self.data_root,
        )

    def preview_year(self, year: int) -> object:
        from jianshi_desktop.documents.ideology import year_notice_document
        from jianshi_desktop.gui.documents.preview import open_preview

        title = f"{year}年度本单位意识形态工作情况通报"
        return open_preview(
            self,
            title,
            lambda: year_notice_document(year_content(year, today=self.today())),
            title,
            self.data_root,
        )

    # --- the wizard -------------------------------------------------------------------------

    def make_wizard(self, form: Any, record_id: int | None, mode: Mode) -> IdeologyReviewWizard:
        return IdeologyReviewWizard(
            form,
            attachments_dir=self.attachments_dir,
            record_id=record_id,
            mode=mode,
            today=self.today,
            parent=self,
        )

    def new_ideology_review(self, on: dt.date | None = None) -> IdeologyReviewWizard | None:
        wizard = self.open_form(new_ideology_review_form(on=on or self.today()))
        return wizard if isinstance(wizard, IdeologyReviewWizard) else None

    def new_for_reminder(
        self, on: dt.date | None, params: dict[str, object]
    ) -> IdeologyReviewWizard | None:
        """The month's review held but not reported: opened at its last step to write the
        上报日期; else a new review on ``on``."""
        state = month_state(on or self.today())
        if state.finished_id is not None and state.reported_on is None:
            wizard = self.open_form(
                load_ideology_review(state.finished_id),
                record_id=state.finished_id,
                mode=STATE_MODES[IDEOLOGY_REVIEW.state(state.finished_id)[0]],
            )
            if isinstance(wizard, IdeologyReviewWizard):
                wizard.go_to_step(len(wizard.pages) - 1)
                return wizard
            return None
        return self.new_ideology_review(on)
