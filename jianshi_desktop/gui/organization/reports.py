"""组织设置情况 on the 组织 page: the half-yearly reports (the notice: "每半年将组织设置情况
上报一次") — 报告期, 截至日期, 状态, 上报日期 — with 新建本半年报告…, 打开 (or double-click),
预览/打印, 归档 and 更正 from the shared list (:class:`FormRecordsPage`), each report in
:class:`OrganisationReportWizard`. A reminder on 首页 (``new_organisation_report``) opens a
new report for the half it names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from jianshi_desktop.domain.dates import add_months, format_date
from jianshi_desktop.domain.organisation import half_end, half_start
from jianshi_desktop.gui.common.widgets import set_role
from jianshi_desktop.gui.organization.report_wizard import OrganisationReportWizard
from jianshi_desktop.gui.records.list_page import Column, FormRecordsPage, date_column
from jianshi_desktop.gui.records.wizard import Mode
from jianshi_desktop.services.organisation_reports import (
    OrganisationReportRow,
    list_organisation_reports,
    new_organisation_report_form,
    report_title,
)
from jianshi_desktop.services.record_kinds import ORGANISATION_REPORT

HINT = (
    "每半年向上级党组织报告一次组织设置情况（建教党〔2020〕9号）。报告表按截至日期当天的"
    "党员、支部委员会和党小组自动生成，不用另外填写；完成后内容固定，就是上报的样子。"
)
EMPTY_TEXT = (
    "还没有组织设置情况报告。\n\n"
    "每半年上报一次：点“新建本半年报告…”，程序按当天的党员、支委和党小组生成报告表，"
    "核对后完成，即可打印或保存为 PDF、Word 文件上报。"
)
SECTION_HEIGHT = 320  # the list keeps a few rows in view; the page scrolls


def reported_text(row: OrganisationReportRow) -> str:
    return format_date(row.reported_on) if row.reported_on else "未上报"


class ReportsSection(FormRecordsPage):
    """The reports' list, as a section of the 组织 page: a box titled 组织设置情况."""

    KIND = ORGANISATION_REPORT
    NOUN = "组织设置情况报告"
    wizard: OrganisationReportWizard | None
    FINISHED_TEXT = (
        "已完成「{title}」{late}。可以预览并打印，或保存为 PDF、Word 文件上报；"
        "上报后打开它填写上报日期。核对无误后可以归档。"
    )

    def __init__(self, parent: QWidget | None = None, *, data_root: Path) -> None:
        super().__init__("organisation_reports", parent, data_root=data_root)
        # a box like the page's other sections (支部委员会, 党小组), the list inside it
        self.page_layout.setContentsMargins(0, 0, 0, 0)
        item = self.page_layout.itemAt(0)  # the page's heading: the box says it
        title = item.widget() if item is not None else None
        if title is not None:
            title.hide()
        box = QGroupBox(ORGANISATION_REPORT.name, self)
        box_layout = QVBoxLayout(box)
        hint = QLabel(HINT, box)
        hint.setWordWrap(True)
        set_role(hint, "hint")
        box_layout.addWidget(hint)
        actions = self.record_actions((("新建本半年报告…", self.new_report),))
        self.add_list(
            rows=lambda: list_organisation_reports(),
            columns=(
                Column("报告期", lambda r: r.half, sort_key=lambda r: r.half_start, width=200),
                date_column("截至日期"),
                Column("上报日期", reported_text, sort_key=lambda r: r.reported_on or dt.date.min),
            ),
            title_of=lambda r: report_title(r.half_start),
            # no 复制上次: a report is built from its day, nothing in it is typed to copy
            actions=replace(actions, copy=None),
            empty_text=EMPTY_TEXT,
            empty_action_text="新建本半年报告…",
            search_hint="报告期",
        )
        self.page_layout.removeWidget(self.list)
        box_layout.addWidget(self.list, 1)
        self.page_layout.addWidget(box, 1)
        self.setMinimumHeight(SECTION_HEIGHT)
        self.refresh()

    def make_wizard(self, form: Any, record_id: int | None, mode: Mode) -> OrganisationReportWizard:
        return OrganisationReportWizard(form, record_id=record_id, mode=mode, parent=self)

    def new_report(
        self, on: dt.date | None = None, *, half: dt.date | None = None
    ) -> OrganisationReportWizard | None:
        """A new report of today (or ``on``): the organisation of that day, for ``half`` or
        the half holding the day — the half just ended in its first month."""
        wizard = self.open_form(new_organisation_report_form(on=on, half=half))
        return wizard if isinstance(wizard, OrganisationReportWizard) else None

    def new_for_reminder(
        self, on: dt.date | None, params: dict[str, object]
    ) -> OrganisationReportWizard | None:
        """The reminder's day lies in the half it asks for: a report of that half, made
        today — or, a month and more after the half ended (补录), on its last day."""
        if on is None:
            return self.new_report()
        start = half_start(on)
        today = dt.date.today()
        day = today if today <= add_months(half_end(start), 1) else half_end(start)
        return self.new_report(day, half=start)
