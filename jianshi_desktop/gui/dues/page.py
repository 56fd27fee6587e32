"""党费: this month's collection at a glance, who is behind and what the branch decided, the
members' yearly bases, the list of monthly 党费收缴 records with the actions of every record
(:class:`FormRecordsPage`), and the documents printed from them — the month's 党费收缴明细表
(each record's own document), the year's 党费收缴情况 and a member's 党费交纳证明.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.dues import format_yuan, month_label, month_of
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.in_front import open_in_front
from jianshi_desktop.gui.common.widgets import alive, set_role
from jianshi_desktop.gui.dues.arrears import ArrearsPanel
from jianshi_desktop.gui.dues.bases import BasesWindow
from jianshi_desktop.gui.dues.wizard import DuesCollectionWizard
from jianshi_desktop.gui.records.list_page import Column, FormRecordsPage, date_column
from jianshi_desktop.gui.records.pickers import combo_member, fill_member_combo
from jianshi_desktop.gui.records.wizard import DraftWizard, Mode
from jianshi_desktop.services.dues import (
    back_payment_form,
    dues_collection_title,
    list_dues_collections,
    month_status,
    new_dues_collection_form,
)
from jianshi_desktop.services.dues_documents import (
    certificate_content,
    certificate_members,
    certificate_stem,
    year_content,
    year_stem,
)
from jianshi_desktop.services.record_kinds import DUES_COLLECTION


class DuesPage(FormRecordsPage):
    KIND = DUES_COLLECTION
    NOUN = "收缴记录"

    def __init__(
        self,
        attachments_dir: Path,
        parent: QWidget | None = None,
        *,
        data_root: Path | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.today = today  # the day "this month" and the arrears are judged on
        root = data_root or attachments_dir.parent
        super().__init__("dues", parent, data_root=root)
        self.attachments_dir = attachments_dir
        self.data_root = root

        self.month_status_label = QLabel(self)
        self.month_status_label.setWordWrap(True)
        self.month_status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.month_status_label.setAccessibleName("本月党费收缴情况")
        self.page_layout.addWidget(self.month_status_label)

        self.arrears_panel = ArrearsPanel(self.today(), self)
        self.arrears_panel.status.connect(self.status.emit)
        self.arrears_panel.back_payment_requested.connect(self.record_back_payment)
        self.page_layout.addWidget(self.arrears_panel)

        self.add_list(
            rows=lambda: list_dues_collections(),
            columns=(
                Column("月份", lambda r: month_label(r.month), sort_key=lambda r: r.month),
                date_column("收缴日期"),
                Column(
                    "已交/应交人数",
                    lambda r: f"{r.paid}/{r.owing}",
                    sort_key=lambda r: r.owing - r.paid,
                ),
                Column(
                    "金额（元）", lambda r: format_yuan(r.total_fen), sort_key=lambda r: r.total_fen
                ),
                Column(
                    "上缴",
                    lambda r: (
                        f"{r.handed_on.month}月{r.handed_on.day}日" if r.handed_on else "未上缴"
                    ),
                    sort_key=lambda r: r.handed_on or dt.date.min,
                    tooltip=lambda r: (
                        f"上缴{format_yuan(r.handed_fen)}元" if r.handed_fen is not None else ""
                    ),
                ),
            ),
            title_of=lambda r: dues_collection_title(r.month),
            actions=self.record_actions((("记录本月党费", self.new_dues_collection),)),
            empty_text=(
                "还没有党费收缴记录。\n\n每月收缴一次党费：点“记录本月党费”，全体党员默认按应交"
                "金额交纳，只需改动没交或交的金额不同的人。"
            ),
            empty_action_text="记录本月党费",
            search_hint="月份",
        )

        self.bases_window: QWidget | None = None
        self.bases_button = QPushButton("缴费基数…", self)
        self.bases_button.setObjectName("duesBasesButton")
        self.bases_button.setToolTip(
            "每名党员每年的党费基数：逐人填写、沿用上年或导入工资表；收缴时可选的交纳方式"
        )
        self.bases_button.clicked.connect(lambda: self.open_bases())
        self.list.add_buttons(self.bases_button)

        self.dues_year_button = QPushButton("年度情况…", self)
        self.dues_year_button.setToolTip(
            "预览并打印一年的党费收缴情况：每名党员每月交了多少，全年应交、实交和欠交。"
        )
        self.dues_year_menu = QMenu(self.dues_year_button)
        self.dues_year_menu.aboutToShow.connect(self._fill_dues_years)
        self.dues_year_button.setMenu(self.dues_year_menu)
        self.certificate_button = QPushButton("交纳证明…", self)
        self.certificate_button.setToolTip(
            "党员转出时开具党费交纳证明：写明党费交到哪个月、每月交纳标准。"
        )
        self.certificate_button.clicked.connect(self.choose_certificate_member)
        self.list.add_buttons(self.dues_year_button, self.certificate_button)

        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        self.show_month_status()
        self.arrears_panel.refresh(self.today())

    def perform(self, command: str, params: dict[str, object]) -> bool:
        if command in ("show_arrears", "decide_arrears"):
            return self.act_on_arrears(command, params)
        if command == "set_dues_bases":
            return self.open_bases(int(str(params.get("year") or self.today().year))) is not None
        return super().perform(command, params)

    def show_month_status(self) -> None:
        status = month_status(self.today())
        self.month_status_label.setText(status.text)
        set_role(self.month_status_label, "ok" if status.complete else "warning")

    def make_wizard(self, form: Any, record_id: int | None, mode: Mode) -> DraftWizard:
        return DuesCollectionWizard(
            form,
            data_root=self.data_root,
            attachments_dir=self.attachments_dir,
            record_id=record_id,
            mode=mode,
            today=self.today,
            parent=self,
        )

    def new_dues_collection(self, on: dt.date | None = None) -> DraftWizard | None:
        """记录本月党费: everyone owing the month paid as due, on ``on`` (today)."""
        return self.open_form(new_dues_collection_form(on=on or self.today()))

    def record_back_payment(self, member_id: int) -> DraftWizard | None:
        """记录补交 of the member chosen in the arrears list: a collection today, for the
        member's latest unpaid month, with that member's unpaid months and no one else's."""
        try:
            form = back_payment_form(member_id, on=self.today())
        except UserError as exc:  # paid meanwhile (another window): nothing to record
            messages.show_error(self, exc, title="记录补交")
            return None
        return self.open_form(form)

    def new_for_reminder(self, on: dt.date | None, params: dict[str, object]) -> DraftWizard | None:
        """The "dues" reminder of a month (``on`` in it): a new collection for that
        month, collected today."""
        today = self.today()
        return self.open_form(new_dues_collection_form(on=today, month=month_of(on or today)))

    def open_bases(self, year: int | None = None) -> QWidget:
        """缴费基数…: the members' bases of ``year`` (this year by default), in front."""
        shown = self.bases_window
        if isinstance(shown, BasesWindow) and alive(shown) and shown.isVisible():
            if year is not None:
                shown.year_combo.setCurrentIndex(shown.year_combo.findData(year))
            shown.raise_()
            shown.activateWindow()
            return shown
        window = BasesWindow(self, year=year, today=self.today())
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.bases_window = window

        def closed(_result: int) -> None:
            if self.bases_window is window:
                self.bases_window = None
            self.refresh()  # the month's dues follow the bases

        window.finished.connect(closed)
        open_in_front(window)
        return window

    def show_arrears(self, member_id: int) -> bool:
        """查看欠缴 (a reminder on 首页): the member selected in the list of arrears."""
        self.arrears_panel.refresh(self.today())
        return self.arrears_panel.select_member(member_id)

    def decide_arrears(self, member_id: int) -> object:
        """作出决定… (a reminder on 首页): the decision dialog for the member."""
        self.arrears_panel.refresh(self.today())
        return self.arrears_panel.decide(member_id)

    def act_on_arrears(self, command: str, params: dict[str, object]) -> bool:
        member_id = params.get("member_id")
        if not isinstance(member_id, int):
            return False
        if command == "show_arrears":
            return self.show_arrears(member_id)
        return self.decide_arrears(member_id) is not None

    def _fill_dues_years(self) -> None:
        self.dues_year_menu.clear()
        today = self.today()
        for year in (today.year, today.year - 1):
            action = self.dues_year_menu.addAction(f"{year}年度")
            action.triggered.connect(lambda _c=False, y=year: self.preview_dues_year(y))

    def preview_dues_year(self, year: int) -> object:
        """The year's 党费收缴情况 in the preview (a year without a finished collection is
        refused there with the reason)."""
        from jianshi_desktop.documents.dues import year_document
        from jianshi_desktop.gui.documents.preview import open_preview

        today = self.today()
        return open_preview(
            self,
            f"{year}年度党费收缴情况",
            lambda: year_document(year_content(year, today=today)),
            year_stem(year, today),
            self.data_root,
        )

    def certificate_dialog(self) -> QDialog:
        """Whom to print a 党费交纳证明 for: the members of today, then those who left
        within the last year (the combo is the dialog's ``QComboBox``)."""
        dialog = QDialog(self)
        dialog.setWindowTitle("党费交纳证明")
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel("为哪位党员开具党费交纳证明？", dialog))
        combo = QComboBox(dialog)
        combo.setMinimumWidth(320)
        choices = certificate_members(self.today())
        fill_member_combo(combo, choices, dict(choices), None, "输入或选择姓名")
        layout.addWidget(combo)
        hint = QLabel("一年内转出或离开本支部的党员也在名单中。", dialog)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("预览…")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        return dialog

    def choose_certificate_member(self) -> None:
        dialog = self.certificate_dialog()
        combo = dialog.findChild(QComboBox)
        assert combo is not None
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        member_id = combo_member(combo)
        if member_id is not None:
            self.preview_certificate(member_id)

    def preview_certificate(self, member_id: int) -> object:
        """The member's 党费交纳证明 in the preview; a member who never paid is told why,
        and nothing is printed."""
        from jianshi_desktop.documents.dues import certificate_document
        from jianshi_desktop.gui.documents.preview import open_preview

        try:
            content = certificate_content(member_id, today=self.today())
        except UserError as exc:
            messages.show_error(self, exc, title="无法开具党费交纳证明")
            return None
        return open_preview(
            self,
            "党费交纳证明",
            lambda: certificate_document(content),
            certificate_stem(member_id),
            self.data_root,
        )
