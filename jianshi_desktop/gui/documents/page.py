"""文书: choose what to make — a single record, the 台账 of a period, the 党建工作情况报告,
the 党员花名册 — and see it in the preview before it is printed or saved.

Every choice ends in :func:`~jianshi_desktop.gui.documents.preview.open_preview`: the
document is built and laid out off the GUI thread (a year's 台账 shows progress), then
shown as it will print. The report opens :class:`ReportEditor` first. Confidential
提醒谈话 and full ID numbers are off by default and warned about when ticked.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from jianshi_desktop.documents.files import safe_file_name
from jianshi_desktop.documents.model import Document
from jianshi_desktop.documents.records import ReportDraft
from jianshi_desktop.domain.periods import ReportPeriod
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.forms import child, load_form
from jianshi_desktop.gui.common.in_front import open_in_front
from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.common.widgets import (
    alive,
    make_primary,
    scaled_font,
    set_role,
    style_heading,
)
from jianshi_desktop.gui.common.workers import Task
from jianshi_desktop.gui.documents.period_picker import PeriodPicker
from jianshi_desktop.gui.documents.rendering import Rendering
from jianshi_desktop.services import documents as svc
from jianshi_desktop.services.documents import RecordRef, RecordType
from jianshi_desktop.services.record_kinds import counted

if TYPE_CHECKING:  # QtPdf and the report editor load on first use, not with the page
    from jianshi_desktop.gui.documents.preview import PreviewDialog
    from jianshi_desktop.gui.documents.report_editor import ReportEditor

log = logging.getLogger(__name__)

KINDS = (
    ("record", "会议记录等单份记录"),
    ("ledger", "党建工作台账"),
    ("report", "党建工作情况报告"),
    ("roster", "党员花名册"),
)
KIND_ROLE = Qt.ItemDataRole.UserRole
RECORD_ROLE = Qt.ItemDataRole.UserRole
FULL_ID_SUFFIX = "（含完整身份证号码）"
CONFIDENTIAL_MARK = "（保密的提醒谈话）"


def record_text(ref: RecordRef) -> str:
    """How a record is listed: 2026年11月5日 支委会会议记录; with what tells it apart from
    another of its day (a talk: 2026年11月3日 谈心谈话记录（王某某）), before a number
    （2） that ends a shared name."""
    _day, _space, what = ref.line.partition(" ")
    what = what or ref.line
    if ref.subject:
        head, mark, number = what.rpartition("（")
        if mark and number.removesuffix("）").isdigit():
            what = f"{head}（{ref.subject}）（{number}"
        else:
            what = f"{what}（{ref.subject}）"
    return f"{ref.held_on.year}年{ref.held_on.month}月{ref.held_on.day}日  {what}"


def ledger_summary(refs: list[RecordRef], confidential: int, *, included: bool) -> str:
    """这段时间有 12 份记录：会议记录 8 份、… (and what is left out)."""
    if not refs:
        return "这段时间还没有已完成的记录，台账里只会有封面和目录。"
    counts = counted(r.record_type for r in refs)
    text = f"台账将收入这段时间的 {len(refs)} 份记录：{counts}。"
    if confidential and not included:
        text += f"另有 {confidential} 份保密的提醒谈话记录没有收入。"
    elif confidential:
        text += f"其中有 {confidential} 份保密的提醒谈话记录。"
    return text


class DocumentsPage(Page):
    filled_when_built = True  # __init__ chooses the first kind, which refreshes

    def __init__(
        self,
        data_root: Path,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__("documents", parent)
        self.data_root = data_root
        self.today = today
        self.ui = load_form("documents_page", self)
        self.preview_task: Task[Rendering] | None = None
        self.preview_dialog: PreviewDialog | None = None
        self.report_editor: ReportEditor | None = None

        style_heading(child(self.ui, QLabel, "headingLabel"))
        set_role(child(self.ui, QLabel, "introLabel"), "hint")
        for name in ("recordHeading", "ledgerHeading", "reportHeading", "rosterHeading"):
            style_heading(child(self.ui, QLabel, name), level=2)
        for name in ("recordHint", "ledgerHint", "reportHint", "rosterHint", "recordEmpty"):
            set_role(child(self.ui, QLabel, name), "hint")

        self.kind_list = child(self.ui, QListWidget, "kindList")
        self.kind_list.setFont(scaled_font(1.1))
        self.kind_list.setObjectName("kindList")
        for key, label in KINDS:
            item = QListWidgetItem(label)
            item.setData(KIND_ROLE, key)
            item.setSizeHint(QSize(0, self.kind_list.fontMetrics().height() * 2 + 8))
            self.kind_list.addItem(item)
        widest = max(self.kind_list.fontMetrics().horizontalAdvance(label) for _k, label in KINDS)
        self.kind_list.setFixedWidth(widest + 48)
        frame = self.kind_list.frameWidth() * 2
        rows = sum(self.kind_list.sizeHintForRow(r) for r in range(self.kind_list.count()))
        self.kind_list.setFixedHeight(rows + frame + 4)
        self.stack = child(self.ui, QStackedWidget, "optionsStack")

        # 单份记录
        self.record_period = self._picker("recordPeriodRow", kind="year")
        self.record_list = child(self.ui, QListWidget, "recordList")
        self.record_empty = child(self.ui, QLabel, "recordEmpty")
        self.record_button = child(self.ui, QPushButton, "recordPreviewButton")
        # 台账
        self.ledger_period = self._picker("ledgerPeriodRow", kind="quarter")
        self.ledger_summary = child(self.ui, QLabel, "ledgerSummary")
        self.confidential_check = child(self.ui, QCheckBox, "confidentialCheck")
        self.confidential_warning = child(self.ui, QLabel, "confidentialWarning")
        self.ledger_button = child(self.ui, QPushButton, "ledgerPreviewButton")
        # 报告
        self.report_period = self._picker("reportPeriodRow", kind="quarter")
        self.report_button = child(self.ui, QPushButton, "reportEditButton")
        # 花名册
        self.full_id_check = child(self.ui, QCheckBox, "fullIdCheck")
        self.full_id_warning = child(self.ui, QLabel, "fullIdWarning")
        self.roster_button = child(self.ui, QPushButton, "rosterPreviewButton")

        for warning in (self.confidential_warning, self.full_id_warning):
            set_role(warning, "warning-item")
            warning.hide()
        for button in (
            self.record_button,
            self.ledger_button,
            self.report_button,
            self.roster_button,
        ):
            make_primary(button)

        self.kind_list.currentRowChanged.connect(self._kind_changed)
        self.record_period.changed.connect(self._load_records)
        self.record_list.currentRowChanged.connect(lambda _row: self._update_record_button())
        self.record_list.itemActivated.connect(lambda _item: self.preview_record())
        self.record_button.clicked.connect(self.preview_record)
        self.ledger_period.changed.connect(self._load_ledger_summary)
        self.confidential_check.toggled.connect(self._confidential_toggled)
        self.ledger_button.clicked.connect(self.preview_ledger)
        self.report_period.changed.connect(self._update_report_button)
        self.report_button.clicked.connect(self.write_report)
        self.full_id_check.toggled.connect(self.full_id_warning.setVisible)
        self.roster_button.clicked.connect(self.preview_roster)

        self.kind_list.setCurrentRow(0)

    def _picker(self, row_name: str, *, kind: str) -> PeriodPicker:
        picker = PeriodPicker(self, today=self.today, kind=kind)
        row = self.ui.findChild(QHBoxLayout, row_name)
        assert row is not None, row_name
        row.addWidget(picker, 1)
        return picker

    # --- what is shown -------------------------------------------------------------------

    def refresh(self) -> None:
        """Records may have been finished elsewhere since the page was last shown."""
        self._load_records()
        self._load_ledger_summary()

    def _kind_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self.refresh()

    def _load_records(self) -> None:
        self.record_list.clear()
        period = self.record_period.period()
        refs = svc.records_in(period, include_confidential=True) if period else []
        for ref in reversed(refs):  # the latest first: usually the one to print
            item = QListWidgetItem(self._record_line(ref))
            item.setData(RECORD_ROLE, (ref.record_type, ref.id))
            self.record_list.addItem(item)
        if period is None:
            self.record_empty.setText("请先把时间段填完整。")
        elif not refs:
            self.record_empty.setText(
                f"{period.label}还没有已完成的记录。可以换一个时间段，"
                "或先到“三会一课”“主题党日”“谈心谈话”里把记录填完。"
            )
        self.record_empty.setVisible(period is None or not refs)
        self.record_list.setVisible(bool(refs))
        if refs:
            self.record_list.setCurrentRow(0)
        self._update_record_button()

    @staticmethod
    def _record_line(ref: RecordRef) -> str:
        secret = CONFIDENTIAL_MARK if ref.confidential else ""
        return f"{record_text(ref)}{secret}"

    def _update_record_button(self) -> None:
        self.record_button.setEnabled(self.record_list.currentItem() is not None)

    def select_record(self, record_type: RecordType, record_id: int) -> bool:
        for row in range(self.record_list.count()):
            if self.record_list.item(row).data(RECORD_ROLE) == (record_type, record_id):
                self.record_list.setCurrentRow(row)
                return True
        return False

    def _load_ledger_summary(self) -> None:
        period = self.ledger_period.period()
        self.ledger_button.setEnabled(period is not None)
        if period is None:
            self.ledger_summary.setText("")
            return
        everything = svc.records_in(period, include_confidential=True)
        ordinary = [ref for ref in everything if not ref.confidential]
        included = self.confidential_check.isChecked()
        self.ledger_summary.setText(
            ledger_summary(
                everything if included else ordinary,
                len(everything) - len(ordinary),
                included=included,
            )
        )

    def _confidential_toggled(self, checked: bool) -> None:
        self.confidential_warning.setVisible(checked)
        self._load_ledger_summary()

    def _update_report_button(self) -> None:
        self.report_button.setEnabled(self.report_period.period() is not None)

    # --- making documents ------------------------------------------------------------------

    def _opened(self, dialog: PreviewDialog) -> None:
        self.preview_dialog = dialog
        dialog.finished.connect(lambda _result: self._forget(dialog))

    def _forget(self, dialog: PreviewDialog) -> None:
        if self.preview_dialog is dialog:
            self.preview_dialog = None

    def _preview(
        self, title: str, build: Callable[[], Document], stem: str
    ) -> Task[Rendering] | None:
        from jianshi_desktop.gui.documents.preview import BUSY_TEXT, open_preview

        task = open_preview(self, title, build, stem, self.data_root, on_opened=self._opened)
        if task is None:
            self.status.emit(BUSY_TEXT)
        self.preview_task = task
        return task

    def preview_record(self) -> Task[Rendering] | None:
        """预览这份记录…: the chosen record, in the local table form."""
        item = self.record_list.currentItem()
        if item is None:
            return None
        record_type, record_id = item.data(RECORD_ROLE)
        return self.preview_of_record(record_type, record_id)

    def preview_of_record(self, record_type: RecordType, record_id: int) -> Task[Rendering] | None:
        """Any finished record's document, as the record lists open it."""
        from jianshi_desktop.gui.documents.preview import open_record

        self.preview_task = open_record(
            self, record_type, record_id, data_root=self.data_root, on_opened=self._opened
        )
        return self.preview_task

    def preview_ledger(self) -> Task[Rendering] | None:
        """预览台账…: cover, contents and every record of the period."""
        period = self.ledger_period.period()
        if period is None:
            return None
        include = self.confidential_check.isChecked()
        today = self.today()
        try:
            stem = svc.ledger_stem(period)
        except UserError as exc:
            messages.show_error(self, exc, title="无法生成台账")
            return None
        return self._preview(
            "党建工作台账",
            lambda: svc.ledger(period, include_confidential=include, today=today),
            stem,
        )

    def write_report(self) -> ReportEditor | None:
        """编写报告…: the period's saved draft, else its 定稿 (read-only), else a new draft
        from the records."""
        period = self.report_period.period()
        if period is None:
            return None
        if self.report_editor is not None and alive(self.report_editor):
            self.report_editor.raise_()
            self.report_editor.activateWindow()
            return self.report_editor
        today = self.today()
        # The editor and the saved reports load with the first report, not with the page.
        from jianshi_desktop.gui.documents.report_editor import ReportEditor
        from jianshi_desktop.services import reports

        def fresh(period: ReportPeriod = period) -> ReportDraft:
            return svc.report_draft(period, today=today)

        try:
            kept = reports.saved_draft(period)
            finished = reports.finished_report(period)
            if kept is not None:
                draft = kept.draft
            elif finished is not None:
                draft = finished.draft  # shown read-only
            else:
                draft = fresh()
        except UserError as exc:
            messages.show_error(self, exc, title="无法生成报告初稿")
            return None
        editor = ReportEditor(
            self,
            period=period,
            draft=draft,
            fresh=fresh,
            data_root=self.data_root,
            saved_at=kept.saved_at if kept is not None else None,
            finished=finished,
            today=self.today,
        )
        editor.closed_with.connect(lambda _left: self._editor_closed())
        self.report_editor = editor
        open_in_front(editor)
        return editor

    def _editor_closed(self) -> None:
        self.report_editor = None

    def preview_roster(self) -> Task[Rendering] | None:
        """预览花名册…: ID numbers masked unless 显示完整身份证号码 is ticked."""
        full = self.full_id_check.isChecked()
        today = self.today()
        try:
            stem = svc.roster_stem(today)
        except UserError as exc:
            messages.show_error(self, exc, title="无法生成花名册")
            return None
        if full:
            stem = safe_file_name(f"{stem}{FULL_ID_SUFFIX}")
        return self._preview("党员花名册", lambda: svc.roster(masked=not full, today=today), stem)
