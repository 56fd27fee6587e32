"""编写报告: the 党建工作情况报告 of a period, its every text editable before it is laid out.

The draft comes from ``services.documents.report_draft`` (figures the app already has);
the secretary edits the title, 主送机关, the opening, each part's heading and text, the
closing, 署名 and 成文日期, and may add a red masthead (发文机关 and 发文字号 with 〔〕,
which few people can type: a button inserts them, and [2020] or （2020） typed by hand
becomes 〔2020〕). A report to the county is 上行文 (发文字号 left, 签发人 right; the 签发人
offered is the 书记 on the 成文日期 and must not be left empty); 下行文 only when chosen.
The 版记 takes 抄送 (optional), 印发机关 (the 署名 until changed) and 印发日期 (the 成文日期
until changed). 预览… lays the report out in GB/T 9704 form in :class:`PreviewDialog`.

What is typed is kept as the period's draft without asking (``services.reports``): two
seconds after the last change and when the editor closes; reopening the period goes on
from it. 定稿… stores the report as it stands; a finished report opens read-only (with a
note when the records have changed since) and offers 按今天的记录另起草稿.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.documents.numbering import chinese_numeral
from jianshi_desktop.documents.records import ReportDraft, ReportSection, is_unfilled
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.periods import ReportPeriod
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.date_input import DateInput
from jianshi_desktop.gui.common.forms import child, load_form
from jianshi_desktop.gui.common.widgets import (
    ERROR_MARK,
    alive,
    make_primary,
    set_role,
    style_heading,
)
from jianshi_desktop.gui.common.workers import Task
from jianshi_desktop.gui.documents.rendering import Rendering
from jianshi_desktop.services import reports
from jianshi_desktop.services.documents import report, report_stem

if TYPE_CHECKING:  # QtPdf loads on the first preview, not with the page
    from jianshi_desktop.gui.documents.preview import PreviewDialog

log = logging.getLogger(__name__)

AUTOSAVE_MS = 2000  # a change is kept as the draft this long after the last keystroke
BRACKETS = "〔〕"
# [2020] 【2020】 (2020) （2020） [2020〕 … around a year → 〔2020〕
_YEAR_IN_BRACKETS = re.compile(r"[\[【(（〔［]\s*(\d{4})\s*[\]】)）〕］]")
# 一、 typed before a heading: the renderer numbers the parts itself
_HEADING_NUMBER = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*")
MAX_SECTIONS = 12


def tidy_document_number(text: str) -> str:
    """建教党[2020]9号 → 建教党〔2020〕9号."""
    return _YEAR_IN_BRACKETS.sub(lambda m: f"〔{m[1]}〕", text.strip())


def tidy_heading(text: str) -> str:
    """“一、基本情况” → “基本情况” (the number is added when the report is laid out)."""
    return _HEADING_NUMBER.sub("", text.strip())


def _show_error(label: QLabel, message: str) -> None:
    if message:
        label.setText(f"{ERROR_MARK}{message}")
        label.show()
    else:
        label.clear()
        label.hide()


class SectionEditor(QFrame):
    """One part of the body: its number (一、), heading, text, and 删除这一部分."""

    remove_requested = Signal(object)
    edited = Signal()

    def __init__(self, parent: QWidget | None, section: ReportSection) -> None:
        super().__init__(parent)
        self.setObjectName("sectionEditor")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QGridLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setHorizontalSpacing(8)
        layout.setVerticalSpacing(6)
        self.number_label = QLabel(self)
        self.number_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("十二、") + 4)
        self.heading_edit = QLineEdit(section.heading, self)
        self.heading_edit.setAccessibleName("这一部分的标题")
        self.heading_edit.setPlaceholderText("这一部分的标题，如：主要做法")
        self.remove_button = QPushButton("删除这一部分", self)
        self.remove_button.setAutoDefault(False)
        self.ask = section.ask  # what the secretary must write here, or ""
        self.key = section.key
        self.text_edit = QPlainTextEdit(section.text, self)
        self.text_edit.setAccessibleName("这一部分的内容")
        self.text_edit.setPlaceholderText(section.ask or "这一部分的内容；每一段另起一行。")
        self.text_edit.setTabChangesFocus(True)
        # six lines to read at once; longer texts scroll inside the box
        line = self.text_edit.fontMetrics().lineSpacing()
        self.text_edit.setFixedHeight(line * 6 + 14)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        set_role(self.error_label, "error")
        self.error_label.hide()
        layout.addWidget(self.number_label, 0, 0)
        layout.addWidget(self.heading_edit, 0, 1)
        layout.addWidget(self.remove_button, 0, 2)
        layout.addWidget(self.text_edit, 1, 1, 1, 2)
        layout.addWidget(self.error_label, 2, 1, 1, 2)
        layout.setColumnStretch(1, 1)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.heading_edit.textChanged.connect(self.edited)
        self.text_edit.textChanged.connect(self.edited)

    def set_read_only(self, read_only: bool) -> None:
        self.heading_edit.setReadOnly(read_only)
        self.text_edit.setReadOnly(read_only)
        self.remove_button.setVisible(not read_only)
        if read_only:
            self.text_edit.setPlaceholderText("")

    def set_number(self, number: int) -> None:
        self.number_label.setText(f"{chinese_numeral(number)}、")

    def section(self) -> ReportSection:
        return ReportSection(
            tidy_heading(self.heading_edit.text()),
            self.text_edit.toPlainText(),
            ask=self.ask,
            key=self.key,
        )

    def unfilled(self) -> bool:
        """A part the secretary must write that is still empty (or holds a 「（请填写…）」)."""
        return is_unfilled(self.section())

    def is_empty(self) -> bool:
        return not self.heading_edit.text().strip() and not self.text_edit.toPlainText().strip()

    def title(self) -> str:
        return f"{self.number_label.text()}{tidy_heading(self.heading_edit.text())}"


class ReportEditor(QDialog):
    """The report's texts in fields; 预览… shows it laid out. What is typed is saved as
    the period's draft; a finished report (``finished``) is shown read-only.
    ``closed_with(draft)`` gives the texts as they were left."""

    closed_with = Signal(object)  # ReportDraft

    def __init__(
        self,
        parent: QWidget | None,
        *,
        period: ReportPeriod,
        draft: ReportDraft,
        fresh: Callable[[], ReportDraft],
        data_root: Path,
        saved_at: dt.datetime | None = None,
        finished: reports.FinishedReport | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.period = period
        self.period_label = period.label
        self.today = today
        # shown read-only: the 定稿 (``finished``), when no draft follows it
        self.final_report = finished
        self.read_only = finished is not None and draft is finished.draft
        self.saved_at = saved_at
        self.original = draft
        self.fresh = fresh
        self.data_root = data_root
        self.preview_task: Task[Rendering] | None = None
        self.preview_dialog: PreviewDialog | None = None
        self.ui = load_form("report_editor", self)

        self.intro = child(self.ui, QLabel, "introLabel")
        self.first_intro = self.intro.text()
        set_role(self.intro, "hint")
        self.notice_label = child(self.ui, QLabel, "noticeLabel")
        set_role(self.notice_label, "warning")
        self.saved_label = child(self.ui, QLabel, "savedLabel")
        set_role(self.saved_label, "hint")
        style_heading(child(self.ui, QLabel, "sectionsHeading"), level=2)
        for name in ("issuerHint", "numberHint"):
            set_role(child(self.ui, QLabel, name), "hint")
        self.title_edit = child(self.ui, QLineEdit, "titleEdit")
        self.recipient_edit = child(self.ui, QLineEdit, "recipientEdit")
        self.opening_edit = child(self.ui, QPlainTextEdit, "openingEdit")
        self.opening_edit.setFixedHeight(self.opening_edit.fontMetrics().lineSpacing() * 3 + 14)
        self.closing_edit = child(self.ui, QLineEdit, "closingEdit")
        self.signer_edit = child(self.ui, QLineEdit, "signerEdit")
        self.date = DateInput.in_form(self.ui, "date")
        self.masthead_group = child(self.ui, QGroupBox, "mastheadGroup")
        self.issuer_edit = child(self.ui, QLineEdit, "issuerEdit")
        self.number_edit = child(self.ui, QLineEdit, "numberEdit")
        self.brackets_button = child(self.ui, QPushButton, "bracketsButton")
        # 上行文 (number left, 签发人 right) or 下行文 (number centred, no 签发人)
        self.upward_radio = child(self.ui, QRadioButton, "upwardRadio")
        self.downward_radio = child(self.ui, QRadioButton, "downwardRadio")
        self.masthead_signer_edit = child(self.ui, QLineEdit, "mastheadSignerEdit")
        # 版记: 抄送 (optional), 印发机关 (the 署名 unless changed), 印发日期 (the 成文日期
        # unless changed)
        self.copy_to_edit = child(self.ui, QLineEdit, "copyToEdit")
        self.printed_by_edit = child(self.ui, QLineEdit, "printedByEdit")
        self.printed_on = DateInput.in_form(self.ui, "printedOn")
        self._printed_by_follows = True
        self._printed_on_follows = True
        sections_layout = child(self.ui, QWidget, "sectionsHolder").layout()
        assert isinstance(sections_layout, QVBoxLayout)
        self.sections_layout: QVBoxLayout = sections_layout
        self.sections: list[SectionEditor] = []
        self.errors = {
            key: child(self.ui, QLabel, name)
            for key, name in (
                ("title", "titleError"),
                ("recipient", "recipientError"),
                ("signer", "signerError"),
                ("issue_date", "dateError"),
                ("issuer", "issuerError"),
                ("masthead_signer", "mastheadSignerError"),
                ("printed_on", "printedOnError"),
            )
        }
        for label in self.errors.values():
            label.setWordWrap(True)
            set_role(label, "error")
            label.hide()

        self.add_button = child(self.ui, QPushButton, "addSectionButton")
        self.reset_button = child(self.ui, QPushButton, "resetButton")
        self.preview_button = child(self.ui, QPushButton, "previewButton")
        self.finish_button = child(self.ui, QPushButton, "finishButton")
        self.redraft_button = child(self.ui, QPushButton, "redraftButton")
        self.close_button = child(self.ui, QPushButton, "closeButton")
        for button in (
            self.add_button,
            self.reset_button,
            self.preview_button,
            self.finish_button,
            self.redraft_button,
            self.close_button,
            self.brackets_button,
        ):
            button.setAutoDefault(False)
        make_primary(self.preview_button)
        self.add_button.clicked.connect(self.add_section)
        self.reset_button.clicked.connect(self.reset)
        self.preview_button.clicked.connect(self.preview)
        self.close_button.clicked.connect(self.reject)
        self.finish_button.clicked.connect(self.finish)
        self.redraft_button.clicked.connect(self.start_new_draft)
        self.brackets_button.clicked.connect(self.insert_brackets)
        self.number_edit.editingFinished.connect(self._tidy_number)
        self.masthead_group.toggled.connect(lambda _on: self._clear_error("issuer"))
        self.upward_radio.toggled.connect(self._direction_changed)
        self.signer_edit.textChanged.connect(self._follow_signer)
        self.date.edit.textChanged.connect(self._follow_issue_date)
        self.printed_by_edit.textEdited.connect(self._printed_by_edited)
        self.printed_on.edit.textEdited.connect(self._printed_on_edited)

        # the draft is saved AUTOSAVE_MS after the last change, and on closing
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self._autosave_tick)
        for line in self._line_edits():
            line.textChanged.connect(self._touched)
        self.opening_edit.textChanged.connect(self._touched)
        self.masthead_group.toggled.connect(self._touched)
        self.upward_radio.toggled.connect(self._touched)

        self.show_draft(draft)
        self._set_mode()
        self._autosave_timer.stop()  # showing the draft is no change to it
        self._size_to_screen()

    def _line_edits(self) -> tuple[QLineEdit, ...]:
        """The one-line fields of the report, in the order of the form."""
        return (
            self.title_edit,
            self.recipient_edit,
            self.closing_edit,
            self.signer_edit,
            self.issuer_edit,
            self.number_edit,
            self.date.edit,
            self.masthead_signer_edit,
            self.copy_to_edit,
            self.printed_by_edit,
            self.printed_on.edit,
        )

    # --- draft or 定稿 ----------------------------------------------------------------------

    def _set_mode(self) -> None:
        """Editable draft, or the 定稿 read-only; the lines above the fields say which."""
        read_only = self.read_only
        what = "查看报告" if read_only else "编写报告"
        self.setWindowTitle(f"{what} — {self.period_label}")
        for line in self._line_edits():
            line.setReadOnly(read_only)
        self.opening_edit.setReadOnly(read_only)
        self.date.button.setEnabled(not read_only)
        self.printed_on.button.setEnabled(not read_only)
        for radio in (self.upward_radio, self.downward_radio):
            radio.setEnabled(not read_only)
        self.masthead_group.setEnabled(not read_only)
        for editor in self.sections:
            editor.set_read_only(read_only)
        for button in (self.add_button, self.reset_button, self.finish_button):
            button.setVisible(not read_only)
        self.redraft_button.setVisible(read_only)
        notice = ""
        if read_only:
            assert self.final_report is not None
            self._autosave_timer.stop()
            self.intro.setText(
                f"这是{self.final_report.describe()}的报告，只能查看和打印，不能再修改。"
                "要修改，请点“按今天的记录另起草稿”：这份定稿保持原样，新的草稿定稿后就是"
                "这个期间的报告。"
            )
            if reports.figures_changed(self.period, self.final_report):
                notice = (
                    "定稿后记录有变动：按现在登记的记录，报告中“基本情况”或“落实组织生活制度情况”"
                    "的数字会不同。报告仍按定稿时的文字打印；要用今天的数字，请点“按今天的记录"
                    "另起草稿”。"
                )
        elif self.final_report is not None:
            self.intro.setText(
                f"这个期间的报告已于{format_date(self.final_report.finished_on)}定稿。这是另起的草稿，"
                "定稿后就是这个期间的报告（原来的定稿仍然保留）。"
            )
        elif self.saved_at is not None:
            self.intro.setText(
                "这是你上次修改过的报告，可以接着改；想按登记的记录重新写，请点“恢复初稿”。"
            )
        else:
            self.intro.setText(self.first_intro)
        self.notice_label.setText(notice)
        self.notice_label.setVisible(bool(notice))
        self._saved_snapshot = self._snapshot()
        self._say_saved()

    def _say_saved(self, problem: str = "") -> None:
        if problem:
            text = problem
        elif self.read_only and self.final_report is not None:
            at = self.final_report.finished_at
            text = f"{format_date(at.date())} {at:%H:%M} 定稿。"
        elif self.saved_at is not None:
            at = self.saved_at
            day = "今天" if at.date() == dt.date.today() else format_date(at.date())
            text = f"草稿已于{day} {at:%H:%M} 保存。修改会自动保存。"
        else:
            text = "修改会自动保存为草稿，关闭后再打开可以接着写。"
        self.saved_label.setText(text)

    def _snapshot(self) -> dict[str, object]:
        return reports.draft_to_json(self.current_draft())

    def changed(self) -> bool:
        """Whether the texts differ from the draft last saved (or first shown)."""
        return self._snapshot() != self._saved_snapshot

    def _touched(self, *_args: object) -> None:
        if not self.read_only:
            self._autosave_timer.start()  # again: two seconds after the last change

    def _autosave_tick(self) -> None:
        if alive(self):
            self.autosave()

    def autosave(self, *, loud: bool = False) -> bool:
        """Keep the texts as the period's draft if they changed; True when saved."""
        self._autosave_timer.stop()
        if self.read_only or not self.changed():
            return False
        draft = self.current_draft()
        try:
            self.saved_at = reports.save_report_draft(self.period, draft)
        except UserError as exc:
            log.warning("The report's draft was not saved: %s", exc)
            self._say_saved("！草稿没有保存成功，程序会在下次修改时再试。")
            if loud:
                messages.show_error(self, exc, title="草稿没有保存")
            return False
        self._saved_snapshot = reports.draft_to_json(draft)
        self._say_saved()
        return True

    def finish(self) -> bool:
        """定稿…: checked like 预览, asked once, then stored and shown read-only."""
        if self.read_only or not self.check():
            return False
        draft = self.current_draft()
        if not messages.ask(
            self,
            f"要把“{draft.title}”定稿吗？",
            title="定稿",
            yes_text="定稿",
            no_text="再改改",
            hint="定稿后报告不能再修改，报送包里放入的就是这份定稿；以后要改，可以另起草稿。",
        ):
            return False
        try:
            finished = reports.finish_report(self.period, draft, today=self.today())
        except UserError as exc:
            messages.show_error(self, exc, title="无法定稿")
            return False
        self._autosave_timer.stop()
        self.final_report = finished
        self.read_only = True
        self.original = finished.draft
        self.show_draft(finished.draft)
        self._set_mode()
        return True

    def start_new_draft(self) -> bool:
        """按今天的记录另起草稿: the 定稿's texts with today's figures, editable."""
        try:
            saved = reports.start_new_draft(self.period, today=self.today())
        except UserError as exc:
            messages.show_error(self, exc, title="无法另起草稿")
            return False
        self.read_only = False
        self.saved_at = saved.saved_at
        self.original = saved.draft
        self.show_draft(saved.draft)
        self._set_mode()
        self._autosave_timer.stop()
        return True

    def _size_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(900, 680)
            return
        available = screen.availableGeometry()
        self.resize(min(960, available.width() - 60), available.height() - 40)

    # --- the fields ----------------------------------------------------------------------

    def show_draft(self, draft: ReportDraft) -> None:
        self.title_edit.setText(draft.title)
        self.title_edit.setCursorPosition(0)
        self.recipient_edit.setText(draft.recipient)
        self.opening_edit.setPlainText(draft.opening)
        for editor in list(self.sections):
            self._drop_section(editor)
        for section in draft.sections:
            self.add_section(section)
        self.closing_edit.setText(draft.closing)
        self.signer_edit.setText(draft.signer)
        self.date.set_date(draft.issue_date)
        self.masthead_group.setChecked(bool(draft.issuer.strip()))
        self.issuer_edit.setText(draft.issuer or draft.signer)
        self.number_edit.setText(draft.document_number)
        upward = draft.direction == "upward"
        self.upward_radio.setChecked(upward)
        self.downward_radio.setChecked(not upward)
        # none named yet: the 书记 of the 成文日期 is offered, by the same rule as the
        # command line (a 定稿 shows what it stored)
        offered = draft if self.read_only else reports.with_default_signer(draft)
        self.masthead_signer_edit.setText(offered.masthead_signer)
        self._direction_changed()
        self.copy_to_edit.setText(draft.copy_to)
        self._printed_by_follows = not draft.printed_by.strip()
        self.printed_by_edit.setText(draft.printed_by or draft.signer)
        self._printed_on_follows = draft.printed_on is None
        self.printed_on.set_date(draft.printed_on or draft.issue_date)
        for key in self.errors:
            self._clear_error(key)

    def _direction_changed(self, *_args: object) -> None:
        """签发人 is printed only in an upward report."""
        self.masthead_signer_edit.setEnabled(self.upward_radio.isChecked())
        self._clear_error("masthead_signer")

    def _follow_signer(self, text: str) -> None:
        if self._printed_by_follows and alive(self.printed_by_edit):
            self.printed_by_edit.setText(text)

    def _follow_issue_date(self, text: str) -> None:
        if self._printed_on_follows and alive(self.printed_on.edit):
            self.printed_on.edit.setText(text)

    def _printed_by_edited(self, text: str) -> None:
        self._printed_by_follows = text.strip() == self.signer_edit.text().strip()

    def _printed_on_edited(self, _text: str) -> None:
        self._printed_on_follows = self.printed_on.value() == self.date.value()

    def add_section(self, section: ReportSection | None = None) -> SectionEditor | None:
        """添加一部分 (at the end), or one part of a draft being shown."""
        if len(self.sections) >= MAX_SECTIONS:
            messages.information(
                self,
                f"报告最多分 {MAX_SECTIONS} 个部分。",
                title="不能再添加",
                hint="可以把内容写进已有的部分里。",
            )
            return None
        editor = SectionEditor(self, section or ReportSection("", ""))
        editor.remove_requested.connect(self.remove_section)
        editor.edited.connect(self._touched)
        editor.set_read_only(self.read_only)
        self.sections_layout.addWidget(editor)
        editor.show()  # at once, not on the next turn of the event loop
        self.sections.append(editor)
        self._renumber()
        if section is None:
            editor.heading_edit.setFocus()
            scroll = child(self.ui, QScrollArea, "scrollArea")
            scroll.ensureWidgetVisible(editor)
        return editor

    def remove_section(self, editor: SectionEditor) -> None:
        """删除这一部分 (asked first unless it is empty)."""
        if not editor.is_empty() and not messages.ask(
            self,
            f"要删除“{editor.title()}”这一部分吗？",
            title="删除这一部分",
            yes_text="删除",
            no_text="保留",
            hint="删除后这一部分的文字不再出现在报告里。",
        ):
            return
        self._drop_section(editor)
        self._renumber()
        self._touched()

    def _drop_section(self, editor: SectionEditor) -> None:
        self.sections.remove(editor)
        self.sections_layout.removeWidget(editor)
        editor.hide()
        editor.deleteLater()

    def _renumber(self) -> None:
        for number, editor in enumerate(self.sections, 1):
            editor.set_number(number)

    def insert_brackets(self) -> None:
        """插入〔〕: at the cursor, the cursor left between them for the year."""
        edit = self.number_edit
        edit.insert(BRACKETS)
        edit.setCursorPosition(edit.cursorPosition() - 1)
        edit.setFocus()

    def _tidy_number(self) -> None:
        if not alive(self.number_edit):
            return
        tidy = tidy_document_number(self.number_edit.text())
        if tidy != self.number_edit.text():
            self.number_edit.setText(tidy)

    def _clear_error(self, key: str) -> None:
        _show_error(self.errors[key], "")

    def reset(self) -> None:
        """恢复初稿: the draft from the records again (asked first)."""
        if not messages.ask(
            self,
            "要放弃这次的修改，按登记的记录重新生成初稿吗？",
            title="恢复初稿",
            yes_text="恢复初稿",
            no_text="不恢复",
        ):
            return
        try:
            draft = self.fresh()
        except UserError as exc:
            messages.show_error(self, exc, title="无法生成初稿")
            return
        self.original = draft
        self.show_draft(draft)

    # --- reading -------------------------------------------------------------------------

    def current_draft(self) -> ReportDraft:
        """The texts as they are now (an unreadable date keeps the draft's date)."""
        masthead = self.masthead_group.isChecked()
        return ReportDraft(
            title=self.title_edit.text().strip(),
            recipient=self.recipient_edit.text().strip(),
            opening=self.opening_edit.toPlainText().strip(),
            sections=[e.section() for e in self.sections if not e.is_empty()],
            closing=self.closing_edit.text().strip(),
            signer=self.signer_edit.text().strip(),
            issue_date=self.date.value() or self.original.issue_date,
            issuer=self.issuer_edit.text().strip() if masthead else "",
            document_number=tidy_document_number(self.number_edit.text()) if masthead else "",
            direction="upward" if self.upward_radio.isChecked() else "downward",
            masthead_signer=self.masthead_signer_edit.text().strip(),
            copy_to=self.copy_to_edit.text().strip(),
            printed_by="" if self._printed_by_follows else self.printed_by_edit.text().strip(),
            printed_on=None if self._printed_on_follows else self.printed_on.value(),
        )

    def check(self) -> bool:
        """Show each field's problem beside it; True when the report can be laid out."""
        problems = {
            "title": "" if self.title_edit.text().strip() else "请填写报告的标题。",
            "recipient": "" if self.recipient_edit.text().strip() else "请填写主送机关。",
            "signer": "" if self.signer_edit.text().strip() else "请填写署名（发文的党组织）。",
            "issue_date": self._date_problem(),
            "issuer": (
                "加红头时请填写发文机关。"
                if self.masthead_group.isChecked() and not self.issuer_edit.text().strip()
                else ""
            ),
            "masthead_signer": (
                "上行文要印签发人，请填写（一般是支部书记），或改选下行文。"
                if self.masthead_group.isChecked()
                and self.upward_radio.isChecked()
                and not self.masthead_signer_edit.text().strip()
                else ""
            ),
            "printed_on": self._printed_on_problem(),
        }
        for key, problem in problems.items():
            _show_error(self.errors[key], problem)
        ok = not any(problems.values())
        first_unfilled: SectionEditor | None = None
        for editor in self.sections:
            problem = (
                "请填写这一部分的标题。"
                if not editor.is_empty() and not tidy_heading(editor.heading_edit.text())
                else ""
            )
            if not problem and editor.unfilled():
                # the report never prints with an empty 主要做法 (rules.md §7)
                problem = "这一部分要由你来写，写好后才能预览、打印和保存。"
                first_unfilled = first_unfilled or editor
            _show_error(editor.error_label, problem)
            ok = ok and not problem
        if first_unfilled is not None:
            child(self.ui, QScrollArea, "scrollArea").ensureWidgetVisible(first_unfilled)
            first_unfilled.text_edit.setFocus()
        if ok and not any(not e.is_empty() for e in self.sections):
            messages.warning(
                self,
                "报告正文还是空的。",
                title="请填写正文",
                hint="请点“添加一部分”写上正文后再预览。",
            )
            return False
        return ok

    def _printed_on_problem(self) -> str:
        if not self.printed_on.text().strip():
            return "请填写印发日期（一般与成文日期相同）。"
        return self.printed_on.problem()

    def _date_problem(self) -> str:
        if not self.date.text().strip():
            return "请填写成文日期。"
        return self.date.problem()

    def preview(self) -> Task[Rendering] | None:
        """预览…: the report laid out as it will print."""
        if not self.check():
            return None
        draft = self.current_draft()

        def opened(dialog: PreviewDialog) -> None:
            self.preview_dialog = dialog
            dialog.finished.connect(lambda _result: forget(dialog))

        def forget(dialog: PreviewDialog) -> None:
            if alive(self) and self.preview_dialog is dialog:
                self.preview_dialog = None

        from jianshi_desktop.gui.documents.preview import open_preview

        self.preview_task = open_preview(
            self,
            "党建工作情况报告",
            lambda: report(draft),
            report_stem(draft),
            self.data_root,
            on_opened=opened,
        )
        return self.preview_task

    def done(self, result: int) -> None:
        """Every way of closing (关闭, Esc, the window's ×) ends here: the texts are kept."""
        self._autosave_timer.stop()
        if self.isVisible():
            self.autosave(loud=True)
            self.closed_with.emit(self.current_draft())
        super().done(result)
