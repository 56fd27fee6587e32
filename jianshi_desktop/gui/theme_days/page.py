"""主题党日: this month's theme day at a glance, and the list of theme days with the
actions 记录主题党日, 复制上次, 打开, 归档, 更正, 删除草稿 (:class:`RecordListPage`).

Each record opens in :class:`ThemeDayWizard` — a draft to go on with, a finished record
to change, an archived one read-only or for 更正. The wizard is window-modal but does not
block (``open()``), so that tests drive it like a user; the list reloads when it closes,
and a finished record offers the next step (归档) above the list.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from jianshi_desktop.domain.enums import RecordState
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.common.widgets import heading, set_role
from jianshi_desktop.gui.records.list_page import (
    Column,
    RecordActions,
    RecordListPage,
    RecordPrinting,
    date_column,
)
from jianshi_desktop.gui.records.wizard import Mode
from jianshi_desktop.gui.theme_days.wizard import ThemeDayWizard, theme_day_title
from jianshi_desktop.services.branch import branch_info
from jianshi_desktop.services.theme_days import (
    ThemeDayForm,
    ThemeDayRow,
    archive_theme_day,
    copy_theme_day,
    delete_theme_day_draft,
    list_theme_days,
    load_theme_day,
    new_theme_day_form,
)

MODES = {
    RecordState.DRAFT: Mode.DRAFT,
    RecordState.FINISHED: Mode.FINISHED,
    RecordState.ARCHIVED: Mode.READ_ONLY,
}


def attendance_text(row: ThemeDayRow) -> str:
    if row.with_meeting:
        return f"随{row.with_meeting}"
    return f"实到 {row.present}/应到 {row.expected}" if row.expected else ""


def month_text(rows: list[ThemeDayRow], today: dt.date) -> str:
    """How this month stands: 本月（11月）的主题党日已完成：…, or not recorded yet."""
    info = branch_info()
    fixed = f"本支部每月{info.theme_day_of_month}日为主题党日。" if info is not None else ""
    this_month = [r for r in rows if (r.held_on.year, r.held_on.month) == (today.year, today.month)]
    done = [r for r in this_month if r.state is not RecordState.DRAFT]
    if done:
        return (
            f"{fixed}✓ 本月（{today.month}月）的主题党日已记录：{done[0].theme or '（未写主题）'}。"
        )
    if this_month:
        return f"{fixed}本月（{today.month}月）的主题党日还是草稿，请打开接着填写并完成。"
    return f"{fixed}！本月（{today.month}月）的主题党日还没有记录。"


class ThemeDaysPage(Page):
    filled_when_built = True  # its __init__ ends with refresh()

    def __init__(
        self, attachments_dir: Path, parent: QWidget | None = None, *, data_root: Path | None = None
    ) -> None:
        super().__init__("theme_days", parent)
        self.attachments_dir = attachments_dir
        self.printing = RecordPrinting(self, "theme_day", data_root)
        self.wizard: ThemeDayWizard | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 16)
        layout.setSpacing(10)
        layout.addWidget(heading("主题党日", self))
        self.month_label = QLabel(self)
        self.month_label.setWordWrap(True)
        self.month_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.month_label)
        self.list = RecordListPage(
            noun="主题党日",
            rows=lambda: list_theme_days(),
            columns=(
                date_column(),
                Column("主题", lambda r: r.theme, width=280),
                Column("形式", lambda r: r.form, width=90),
                Column("地点", lambda r: r.place, width=120),
                Column(
                    "出席",
                    attendance_text,
                    sort_key=lambda r: r.present,
                    width=130,
                    tooltip=lambda r: (
                        f"与{r.with_meeting}同时举行，出席情况以会议记录为准。"
                        if r.with_meeting
                        else ""
                    ),
                ),
            ),
            title_of=lambda r: theme_day_title(r.held_on),
            actions=RecordActions(
                new=(("记录主题党日", self.new_theme_day),),
                open=self.open_theme_day,
                copy=self.copy_theme_day,
                archive=lambda r: archive_theme_day(r.id),
                amend=self.amend_theme_day,
                delete=lambda r: delete_theme_day_draft(r.id),
                preview=lambda r: self.printing.open(r.id),
                print_out=lambda r: self.printing.open(r.id, then="print"),
            ),
            empty_text=(
                "还没有主题党日记录。\n\n"
                "主题党日每月一次，在本支部固定的日子开展。记录时填写主题和地点，勾选完成的"
                "规定动作，点选请假或缺席的人；与支部党员大会同时举行的，出席情况不用再填。"
            ),
            empty_action_text="记录本月主题党日",
            search_hint="主题、形式、地点",
            parent=self,
        )
        self.list.status.connect(self.status.emit)
        self.list.status.connect(lambda _text: self._update_month())
        layout.addWidget(self.list, 1)
        self.refresh()

    def refresh(self) -> None:
        self.list.refresh()
        self._update_month()

    def _update_month(self) -> None:
        text = month_text(self.list.all_rows(), dt.date.today())
        self.month_label.setText(text)
        set_role(self.month_label, "ok" if "✓" in text else "warning" if "！" in text else "")

    # --- the wizard -------------------------------------------------------------------------

    def _open(self, form: ThemeDayForm, *, record_id: int | None = None, mode: Mode) -> None:
        if self.wizard is not None:
            self.wizard.raise_()
            self.wizard.activateWindow()
            messages.information(
                self,
                "已经打开了一个主题党日记录窗口。",
                title="主题党日",
                hint="请先在那个窗口中完成或关闭，再打开别的记录。",
            )
            return
        wizard = ThemeDayWizard(
            form,
            attachments_dir=self.attachments_dir,
            record_id=record_id,
            mode=mode,
            parent=self,
        )
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.wizard = wizard
        wizard.finished.connect(lambda _result: self._closed(wizard))
        wizard.open()

    def _closed(self, wizard: ThemeDayWizard) -> None:
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
                f"已完成「{title}」的记录。可以预览并打印，或保存为 PDF、Word 文件；"
                "核对无误后可以归档，归档后只能查看。",
                record_id,
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

    def new_theme_day(self) -> None:
        self._open(new_theme_day_form(), mode=Mode.NEW)

    def open_theme_day(self, row: ThemeDayRow) -> None:
        self._open(load_theme_day(row.id), record_id=row.id, mode=MODES[row.state])

    def copy_theme_day(self, row: ThemeDayRow) -> None:
        self._open(copy_theme_day(row.id), mode=Mode.NEW)

    def amend_theme_day(self, row: ThemeDayRow) -> None:
        self._open(load_theme_day(row.id), record_id=row.id, mode=Mode.AMEND)
