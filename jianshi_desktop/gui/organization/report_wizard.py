"""The 组织设置情况 wizard: 基本信息 (截至日期, the half reported, 上报日期, 说明), then the
report as the secretary will send it — built by the program from the organisation's
history on the 截至日期, never typed.

A new report and a draft show the report built from the history of the 截至日期 as it
stands now — what 完成 stores. Once finished, a report is what was sent: a finished or
archived one opens with what was stored, and saving it again (上报日期, 说明) or 保存更正
keeps it. Only changing the 截至日期 builds it again, for the new day (once per day: the
steps ask for the form often) — the same rule as the service's
(:func:`jianshi_desktop.services.organisation_reports.write_organisation_report`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.organisation import OrgSnapshot, half_label, read_snapshot
from jianshi_desktop.gui.common.widgets import esc, prepare_error_label, set_role
from jianshi_desktop.gui.records.wizard import (
    DraftWizard,
    Mode,
    ReviewPage,
    StepPage,
    date_of,
    prepare_date_edit,
    set_combo_data,
    set_date,
)
from jianshi_desktop.services.organisation_reports import (
    OrganisationReportForm,
    half_choices,
    reported_half,
    snapshot_of,
)
from jianshi_desktop.services.record_kinds import ORGANISATION_REPORT

VACANT = "空缺（需补选）"
BUILT_NOTE = (
    "以下内容由程序按截至日期当天的党员、支委和党小组记录自动生成，不能在这里修改；"
    "如与实际不符，请先在“组织”“党员”页更正记录，再回到这里。"
)
SENT_NOTE = (
    "以下是完成时保存的报告表，就是上报的样子；填写上报日期、说明或更正，都不会改变它。"
    "只有改动截至日期，程序才按新的截至日期重新生成。"
)


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    prepare_error_label(label)
    return label


# --- step 1 --------------------------------------------------------------------------------


class BasicsPage(StepPage):
    step_title = "基本信息"
    subtitle = "截至日期当天的组织设置情况由程序生成；请核对所报的半年，上报后填写上报日期。"

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        form = QFormLayout()
        form.setSpacing(8)
        self.date_edit = QDateEdit(self.ui)
        self.date_edit.setAccessibleName("截至日期")
        prepare_date_edit(self.date_edit)
        date_error = _error_label(self.ui)
        self.half_combo = QComboBox(self.ui)
        self.half_combo.setAccessibleName("报告期")
        half_error = _error_label(self.ui)
        self.reported_check = QCheckBox("已上报，上报日期：", self.ui)
        self.reported_edit = QDateEdit(self.ui)
        self.reported_edit.setAccessibleName("上报日期")
        prepare_date_edit(self.reported_edit)
        reported_row = QHBoxLayout()
        reported_row.addWidget(self.reported_check)
        reported_row.addWidget(self.reported_edit)
        reported_row.addStretch(1)
        reported_error = _error_label(self.ui)
        self.notes_edit = QPlainTextEdit(self.ui)
        self.notes_edit.setAccessibleName("说明")
        self.notes_edit.setPlaceholderText(
            "需要向上级说明的情况（可不填），如：纪检委员补选已报批。"
        )
        self.date_hint = QLabel("报告反映这一天的组织设置情况，一般是上报的日子。", self.ui)
        set_role(self.date_hint, "hint")
        form.addRow("截至日期：", self.date_edit)
        form.addRow("", self.date_hint)
        form.addRow("", date_error)
        form.addRow("报告期：", self.half_combo)
        form.addRow("", half_error)
        form.addRow("上报：", reported_row)
        form.addRow("", reported_error)
        form.addRow("说明：", self.notes_edit)
        self.body().addLayout(form)
        self.body().addStretch(1)
        self.add_field("held_on", date_error, self.date_edit)
        self.add_field("half_start", half_error, self.half_combo)
        self.add_field("reported_on", reported_error, self.reported_edit)
        self._stored: tuple[dt.date, dict[str, Any]] | None = None  # as loaded
        self._built: dict[dt.date, dict[str, Any]] = {}  # built once per day
        self.date_edit.dateChanged.connect(lambda _d: self._date_changed())
        self.watch("half_start", self.half_combo.currentIndexChanged)
        self.reported_check.toggled.connect(lambda _on: self._reported_changed())
        self.watch("reported_on", self.reported_edit.dateChanged)

    def held_on(self) -> dt.date:
        return date_of(self.date_edit)

    def half_start(self) -> dt.date:
        value = self.half_combo.currentData()
        return value if isinstance(value, dt.date) else reported_half(self.held_on())

    def _fill_halves(self, keep: dt.date | None) -> None:
        day = self.held_on()
        choices = half_choices(day)
        starts = [start for start, _label in choices]
        if keep is not None and keep not in starts:
            choices.append((keep, half_label(keep)))
        self.half_combo.blockSignals(True)
        self.half_combo.clear()
        for start, label in choices:
            self.half_combo.addItem(label, start)
        set_combo_data(self.half_combo, keep if keep is not None else reported_half(day))
        self.half_combo.blockSignals(False)

    def _date_changed(self) -> None:
        if self.owner.loading:
            return
        current = self.half_start()
        starts = {start for start, _label in half_choices(self.held_on())}
        self._fill_halves(current if current in starts else reported_half(self.held_on()))
        self.check({"held_on", "half_start", "reported_on"})

    def _reported_changed(self) -> None:
        self.reported_edit.setEnabled(
            self.reported_check.isChecked() and self.owner.mode is not Mode.READ_ONLY
        )
        if not self.owner.loading:
            self.check({"reported_on"})

    def shows_sent(self, day: dt.date) -> bool:
        """Whether the report for ``day`` is the one stored when it was finished (a
        finished or archived report on its own day), not built anew."""
        return (
            self._stored is not None
            and self._stored[0] == day
            and bool(self._stored[1])
            and self.owner.mode in (Mode.FINISHED, Mode.READ_ONLY, Mode.AMEND)
        )

    def snapshot_for(self, day: dt.date) -> dict[str, Any]:
        """What the report says for ``day``: as stored for a finished or archived report
        on its own day (as it was sent), else built from the history of that day (what
        完成 stores for a new report, a draft or a changed day)."""
        if self.shows_sent(day) and self._stored is not None:
            return self._stored[1]
        if day not in self._built:
            self._built[day] = snapshot_of(day)
        return self._built[day]

    def load(self, form: OrganisationReportForm) -> None:
        self.date_edit.blockSignals(True)
        set_date(self.date_edit, form.held_on)
        self.date_edit.blockSignals(False)
        self._fill_halves(form.half_start)
        self.reported_check.setChecked(form.reported_on is not None)
        set_date(self.reported_edit, form.reported_on or self.owner.today())
        self.reported_edit.setEnabled(form.reported_on is not None)
        self.notes_edit.setPlainText(form.notes)
        self._stored = (form.held_on, form.snapshot)

    def fill(self, form: OrganisationReportForm) -> None:
        form.held_on = self.held_on()
        form.half_start = self.half_start()
        form.reported_on = date_of(self.reported_edit) if self.reported_check.isChecked() else None
        form.notes = self.notes_edit.toPlainText()
        form.snapshot = self.snapshot_for(form.held_on)
        form.record_id = self.owner.record_id  # its own report is no second one of the half

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.date_hint.setVisible(not read_only)
        self.reported_edit.setEnabled(not read_only and self.reported_check.isChecked())


# --- step 2: the report as it will be sent ----------------------------------------------------


class ReportReviewPage(ReviewPage):
    form_name = "organisation_report_review"
    subtitle = (
        "这是将要上报的组织设置情况报告表。没问题就点“完成”；以后可以打印或保存为 PDF、Word 文件。"
    )


def _cell(text: str, *, label: bool = False, span: int = 1) -> str:
    style = "background:#F2F2F2; color:#3A3A3A;" if label else ""
    return (
        f"<td colspan='{span}' style='{style} padding:4px 8px; border:1px solid #BBBBBB'>"
        f"{esc(text)}</td>"
    )


def _section(text: str) -> str:
    return (
        "<tr><td colspan='4' style='background:#E6E6E6; padding:4px 8px; "
        f"border:1px solid #BBBBBB'><b>{esc(text)}</b></td></tr>"
    )


def report_html(half: str, snapshot: OrgSnapshot, notes: str, reported_on: dt.date | None) -> str:
    """The report as the 报告表 prints it (documents.organisation_report), in HTML."""
    s = snapshot
    rows = [
        _section("基本情况"),
        f"<tr>{_cell('支部名称', label=True)}{_cell(s.branch, span=3)}</tr>",
        f"<tr>{_cell('上级党组织', label=True)}{_cell(s.parent, span=3)}</tr>",
        f"<tr>{_cell('组织形式', label=True)}{_cell(s.form_text)}"
        f"{_cell('成立时间', label=True)}{_cell(format_date(s.founded_on))}</tr>",
        f"<tr>{_cell('党员总数', label=True)}"
        f"{_cell(f'{s.total}名（正式党员{s.full}名，预备党员{s.probationary}名）', span=3)}</tr>",
        f"<tr>{_cell('党小组数', label=True)}{_cell(f'{len(s.groups)}个', span=3)}</tr>",
    ]
    term = s.term
    if term is not None:
        rows.append(_section("支部委员会" if s.has_committee else "支部书记"))
        left = f"距届满{term.months_left}个月" if term.ends_on >= s.day else "已届满"
        if term.ending_soon:
            left += "，应做好换届准备"
        rows.append(
            f"<tr>{_cell('届次', label=True)}{_cell(term.label)}"
            f"{_cell('选举日期', label=True)}{_cell(format_date(term.elected_on))}</tr>"
        )
        span = f"{format_date(term.starts_on)}至{format_date(term.ends_on)}（{left}）"
        rows.append(f"<tr>{_cell('任期', label=True)}{_cell(span, span=3)}</tr>")
        for post in s.posts:
            who = VACANT if post.vacant else post.member
            since = "" if post.vacant else format_date(post.since)
            rows.append(
                f"<tr>{_cell(post.title, label=True)}{_cell(who)}"
                f"{_cell('任职时间', label=True)}{_cell(since)}</tr>"
            )
    if s.groups:
        rows.append(_section("党小组"))
        for group in s.groups:
            leader = f"组长：{group.leader}" if group.leader else "组长：（这一天的组长无记录）"
            rows.append(
                f"<tr>{_cell(group.name, label=True)}{_cell(leader)}"
                f"{_cell('人数', label=True)}{_cell(f'{len(group.members)}名')}</tr>"
            )
    rows.append(_section("存在问题"))
    if not s.warnings:
        rows.append(f"<tr>{_cell('无', span=4)}</tr>")
    for number, warning in enumerate(s.warnings, 1):
        rows.append(f"<tr>{_cell(f'{number}. {warning.message}', span=4)}</tr>")
    if notes.strip():
        rows += [_section("说明"), f"<tr>{_cell(notes.strip(), span=4)}</tr>"]
    head = (
        f"<p><b>组织设置情况报告表（{esc(half)}）</b><br>填报单位：{esc(s.branch)}　　"
        f"截至日期：{esc(format_date(s.day))}"
        + (f"　　上报日期：{esc(format_date(reported_on))}" if reported_on else "")
        + "</p>"
    )
    signed = f"填报人：{esc(s.secretary)}　　" if s.secretary else ""
    return (
        head + "<table cellspacing='0' cellpadding='0' width='100%' "
        "style='border-collapse:collapse'>"
        + "".join(rows)
        + f"</table><p align='right'>{signed}填报日期：{esc(format_date(s.day))}</p>"
    )


# --- the wizard ------------------------------------------------------------------------------


class OrganisationReportWizard(DraftWizard):
    """One half year's 组织设置情况. ``form`` from ``new_organisation_report_form``,
    ``load_organisation_report`` or ``ORGANISATION_REPORT.copy_last``."""

    PAGES: ClassVar[tuple[type[StepPage], ...]] = (BasicsPage, ReportReviewPage)
    KIND = ORGANISATION_REPORT
    CHANGE_LABELS: ClassVar[dict[str, str]] = {
        "held_on": "截至日期",
        "half_start": "报告期",
        "reported_on": "上报日期",
        "notes": "说明",
        "snapshot": "组织设置情况",
    }
    SIZE: ClassVar[tuple[int, int]] = (900, 720)

    def review_html(self, form: Any) -> str:
        assert isinstance(form, OrganisationReportForm)
        return report_html(
            half_label(form.half_start), read_snapshot(form.snapshot), form.notes, form.reported_on
        )

    def review_notes(self, form: Any) -> list[str]:
        assert isinstance(form, OrganisationReportForm)
        if self.mode is Mode.READ_ONLY:
            return []
        basics = self.pages[0]
        assert isinstance(basics, BasicsPage)
        return [SENT_NOTE if basics.shows_sent(form.held_on) else BUILT_NOTE]

    def describe_value(self, key: str, value: object) -> str:
        if key == "half_start" and isinstance(value, str):
            return half_label(dt.date.fromisoformat(value))
        if key == "reported_on" and isinstance(value, str):
            return format_date(dt.date.fromisoformat(value))
        return super().describe_value(key, value)
