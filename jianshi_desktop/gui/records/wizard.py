"""The one wizard framework of the record kinds (三会一课, 主题党日, 谈心谈话): steps from
Designer forms or built in code, problems beside their fields, drafts kept without asking,
read-only archived records and 更正.

A :class:`DraftWizard` edits one form (the service's ``*Form`` dataclass). Its steps are
listed in ``PAGES``; each :class:`StepPage` puts the form into its widgets (``load``) and
back (``fill``), and declares the problem fields it shows (``FIELDS`` for a Designer form,
``add_field`` for widgets built in code; fields may share a label). ``validatePage()``
refuses to go on while the step has errors (a date in the future only warns: a draft may
be planned); ``validate_more()`` adds a step's own checks (an attendance list, votes), and
``LINKED_FIELDS`` lets the review link such problems back to the step.

A step with nothing to ask now (``StepPage.nothing_to_ask``, e.g. the meeting's 附件 while
there are none) is passed over going forward and left out of the step count, until it is
opened on purpose (``go_to_step``, e.g. 添加附件… on the review). A kind whose wizard knows
the data folder (``data_root``) offers 完成并打印… on the last step: 完成, then the record
in the preview with the print dialog over it (gui.documents.preview.open_record).

Drafts: every change of step, every few seconds and closing the window save a draft when
something differs from what was last saved (a new record nobody touched leaves nothing
behind); ``keep_draft()`` saves one even untouched, for a document of a planned record.
Finished records are changed only by 完成, after the checks; archived records open
read-only with 更正… , and an amendment asks for its reason on the last step. The review
lists the amendments with what each changed (``CHANGE_LABELS``). The service calls are the
hooks of :class:`DraftWizard`, and nothing else of a kind's wizard calls the lifecycle.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QPixmap, QShowEvent
from PySide6.QtWidgets import QAbstractButton, QDialog, QWidget, QWizard

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import RecordState
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.text import clean
from jianshi_desktop.errors import UserError, ValidationError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.forms import OpenedInputs
from jianshi_desktop.gui.common.icons import app_icon
from jianshi_desktop.gui.common.widgets import esc, set_role, show_problem
from jianshi_desktop.gui.records.steps import (
    DATE_FORMAT,
    Mode,
    ReviewPage,
    StepPage,
    date_of,
    prepare_date_edit,
    review_table,
    set_combo_data,
    set_date,
    stretch,
)
from jianshi_desktop.services.lifecycle import RecordKind

log = logging.getLogger(__name__)

AUTOSAVE_MS = 2000  # what changed is kept as a draft this often while the wizard is open

DRAFT_BUTTON = QWizard.WizardButton.CustomButton1  # 存为草稿
AMEND_BUTTON = QWizard.WizardButton.CustomButton2  # 更正…, on an archived record
PRINT_BUTTON = QWizard.WizardButton.CustomButton3  # 完成并打印…, on the last step


# How a saved record opens, by its state.
STATE_MODES = {
    RecordState.DRAFT: Mode.DRAFT,
    RecordState.FINISHED: Mode.FINISHED,
    RecordState.ARCHIVED: Mode.READ_ONLY,
}


class DraftWizard(QWizard):
    """A kind of record's wizard. Subclasses set ``PAGES`` (their steps, the last a
    :class:`ReviewPage`) and ``KIND`` (the kind, ``services.record_kinds``: its lifecycle
    checks, saves, finishes and amends) and write ``review_html``; optionally
    ``review_notes``, ``status_text``, ``CHANGE_LABELS`` and ``SIZE``.

    ``outcome`` says what happened when it closed: ``"finished"``, ``"amended"``,
    ``"draft"`` (a draft was saved) or ``""`` (nothing written). ``saved`` is emitted with
    the record id after every write; ``status`` with a line for the status bar when the
    wizard closes having written something.
    """

    saved = Signal(int)
    status = Signal(str)
    PAGES: ClassVar[tuple[type[StepPage], ...]] = ()
    KIND: ClassVar[RecordKind[Any]]  # the kind of record (services.record_kinds)
    LENIENT: ClassVar[frozenset[str]] = frozenset({"held_on"})  # warn, but let a draft go on
    # form field → its name, for what an amendment changed (地点原为“学校会议室”)
    CHANGE_LABELS: ClassVar[dict[str, str]] = {}
    SIZE: ClassVar[tuple[int, int]] = (900, 660)  # the window's first size

    def __init__(
        self,
        form: Any,
        *,
        record_id: int | None = None,
        mode: Mode = Mode.NEW,
        today: Callable[[], dt.date] = dt.date.today,
        attachments_dir: Path | None = None,
        data_root: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.today = today  # the day the rules are checked on (a record's future, 补录)
        # where a kind with attachments keeps their files (set before the steps are built)
        self._attachments_dir = attachments_dir
        self._data_root = data_root  # given by a kind that offers 完成并打印…
        self.loading = True  # no problems shown while the form is put into the steps
        self.mode = mode
        self.record_id = record_id
        self.outcome = ""
        self._form = copy.deepcopy(form)
        self.setWindowIcon(app_icon())
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, QPixmap(app_icon().pixmap(40, 40)))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)
        self.setButtonText(QWizard.WizardButton.BackButton, "上一步")
        self.setButtonText(QWizard.WizardButton.NextButton, "下一步")
        self.setButtonText(QWizard.WizardButton.CancelButton, "关闭")
        self.setButtonText(DRAFT_BUTTON, "存为草稿")
        self.setButtonText(AMEND_BUTTON, "更正…")
        self.setButtonText(PRINT_BUTTON, "完成并打印…")
        self.customButtonClicked.connect(self._custom_clicked)
        finish = self.button(QWizard.WizardButton.FinishButton)
        if isinstance(finish, QAbstractButton):
            set_role(finish, "primary")
        self.pages: list[StepPage] = []
        self.asked_for: set[int] = set()  # steps opened on purpose, though they ask nothing
        for page_type in self.PAGES:
            page = page_type(self)
            self.pages.append(page)
            self.addPage(page)
        for page in self.pages:
            page.load(self._form)
        self._last_saved_at: dt.datetime | None = None
        # A crash loses at most the last moments of typing: what changed is kept as a
        # draft every few seconds, not only on a step change or on closing.
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self._autosave_tick)
        self._apply_mode()
        self.loading = False
        self._saved_snapshot = self._snapshot()
        self.opened_inputs = OpenedInputs(self)
        self.currentIdChanged.connect(lambda _id: self._autosave_on_step())
        self.currentIdChanged.connect(lambda _id: self._step_changed())
        self.resize(*self.SIZE)

    def _apply_mode(self) -> None:
        """Buttons, titles, footers and read-only steps as ``mode`` says."""
        mode = self.mode
        drafts = mode in (Mode.NEW, Mode.DRAFT)
        read_only = mode is Mode.READ_ONLY
        finish = {Mode.AMEND: "保存更正", Mode.READ_ONLY: "关闭"}.get(mode, "完成")
        self.setButtonText(QWizard.WizardButton.FinishButton, finish)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, drafts)
        offer_amend = read_only and self.record_id is not None
        self.setOption(QWizard.WizardOption.HaveCustomButton2, offer_amend)
        layout = [DRAFT_BUTTON] if drafts else [AMEND_BUTTON] if offer_amend else []
        layout += [
            QWizard.WizardButton.Stretch,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
        ]
        self.setOption(QWizard.WizardOption.HaveCustomButton3, self.offers_print())
        if self.offers_print():
            layout.append(PRINT_BUTTON)
        if not read_only:  # read-only: 关闭 (the cancel button) on every step, no 完成
            layout.append(QWizard.WizardButton.FinishButton)
        layout.append(QWizard.WizardButton.CancelButton)
        self.setButtonLayout(layout)
        amend = self.button(AMEND_BUTTON)
        amend.setToolTip("修改已归档的记录：需要写明更正原因，原记录会保留")
        self.button(DRAFT_BUTTON).setToolTip("保存已填的内容，以后在列表中打开继续填写")
        self.button(PRINT_BUTTON).setToolTip(
            "完成这条记录，接着打印出来（打印前可以看到打印出来的样子）"
        )
        self._show_print_button()
        for page in self.pages:
            page.set_read_only(read_only)
        self.review_page.show_mode()
        # an archived record opens on everything on one page first
        self.setStartId(len(self.pages) - 1 if read_only else 0)
        self.number_steps()
        self._say_saved()
        self.refresh_title()
        if drafts:
            self._autosave_timer.start()
        else:
            self._autosave_timer.stop()

    def _custom_clicked(self, which: int) -> None:
        if which == DRAFT_BUTTON.value:
            self.save_draft_and_close()
        elif which == AMEND_BUTTON.value:
            self.start_amending()
        elif which == PRINT_BUTTON.value:
            self.finish_and_print()

    # --- steps with nothing to ask, and the step numbers ---------------------------------

    def skips(self, number: int) -> bool:
        """Whether step ``number`` is passed over going forward: it has nothing to ask now
        (``StepPage.nothing_to_ask``) and was not opened on purpose (``go_to_step``)."""
        return number not in self.asked_for and self.pages[number].nothing_to_ask()

    def nextId(self) -> int:
        number = self.currentId() + 1
        while number < len(self.pages) - 1 and self.skips(number):
            number += 1
        return number if number < len(self.pages) else -1

    def number_steps(self) -> None:
        """第2步（共4步）: the steps counted as they will be shown, the skipped ones left
        out (a skipped step keeps the number it has when opened on purpose)."""
        shown = [n for n in range(len(self.pages)) if not self.skips(n)]
        for number, page in enumerate(self.pages):
            place = len([n for n in shown if n < number]) + 1
            page.setTitle(f"第{place}步（共{len(shown)}步）：{page.step_title}")
        self._title_review()

    def _step_changed(self) -> None:
        self.number_steps()
        self._show_print_button()

    # --- 完成并打印 ---------------------------------------------------------------------------

    @property
    def attachments_dir(self) -> Path:
        """The data folder's attachments, for a kind whose record keeps files."""
        if self._attachments_dir is None:
            raise TypeError(f"{type(self).__name__} was made without an attachments folder")
        return self._attachments_dir

    def data_root(self) -> Path | None:
        """The data folder, for a kind whose wizard offers 完成并打印… (None: not offered)."""
        return self._data_root

    def offers_print(self) -> bool:
        return self.data_root() is not None and self.mode in (Mode.NEW, Mode.DRAFT, Mode.FINISHED)

    def _show_print_button(self) -> None:
        """完成并打印… on the last step only."""
        last = self.currentId() == len(self.pages) - 1
        self.button(PRINT_BUTTON).setVisible(self.offers_print() and last)

    def finish_and_print(self) -> object:
        """完成并打印…: 完成 (after the checks), then the record as it prints with the print
        dialog over it (gui.documents.preview: 打印, or 另存为 PDF/Word from there); the
        preview opens over the window the wizard was opened from."""
        data_root = self.data_root()
        if data_root is None:
            return None
        self.accept()
        if self.outcome != "finished" or self.record_id is None:
            return None  # refused: the problems are shown as for 完成
        from jianshi_desktop.gui.documents.preview import open_record

        parent = self.parentWidget() or self
        return open_record(
            parent, self.KIND.record_type, self.record_id, then="print", data_root=data_root
        )

    def start_amending(self) -> None:
        """From looking at an archived record to correcting it (更正…), from step 1."""
        self.mode = Mode.AMEND
        self.loading = True
        self._apply_mode()
        self.loading = False
        self.restart()

    def refresh_title(self) -> None:
        self.setWindowTitle(self.window_title())

    def _title_review(self) -> None:
        review = self.pages[-1]
        count = len([n for n in range(len(self.pages)) if not self.skips(n)])
        review.setTitle(f"第{count}步（共{count}步）：{review.step_title}")
        review.setSubTitle(review.subtitle)
        if self.mode is Mode.READ_ONLY:
            review.setTitle(f"第{count}步（共{count}步）：全部内容")
            review.setSubTitle(
                "这条记录已归档，只能查看。点下面的链接可以逐步查看各项；"
                "发现错误时请点“更正…”，写明原因后修改，原记录会保留。"
            )
        elif self.mode is Mode.AMEND:
            review.setTitle(f"第{count}步（共{count}步）：核对并写明更正原因")
            review.setSubTitle("请核对更正后的内容，写明更正原因，再点“保存更正”。")
        elif self.mode is Mode.FINISHED:
            review.setSubTitle("请核对以下内容。改好后点“完成”保存修改。")

    # --- the kind's lifecycle (services.lifecycle.RecordKind) --------------------------------

    def check(self, form: Any) -> list[Problem]:
        return self.KIND.check(form, today=self.today())

    def save_draft_record(self, form: Any, record_id: int | None) -> int:
        return self.KIND.save_draft(form, record_id=record_id)

    def finish_record(self, form: Any, record_id: int | None) -> int:
        return self.KIND.finish(form, record_id=record_id, today=self.today())

    def amend_record(self, record_id: int, form: Any, reason: str) -> None:
        self.KIND.amend(record_id, form, reason=reason, today=self.today())

    def record_title(self, form: Any) -> str:
        """How the record is named: 2026年11月主题党日."""
        return self.KIND.title(form)

    # --- for the subclasses ---------------------------------------------------------------

    def review_html(self, form: Any) -> str:
        raise NotImplementedError

    def review_notes(self, form: Any) -> list[str]:
        """Notes for the review beside its problems (plain text; e.g. 补录)."""
        return []

    def status_text(self, outcome: str) -> str:
        """The status-bar line when the wizard closes having written ``outcome``."""
        title = self.record_title(self.form())
        return {
            "draft": f"已存为草稿：{title}。",
            "finished": f"已完成「{title}」。",
            "amended": f"已保存对「{title}」的更正，原记录已保留。",
        }.get(outcome, "")

    def amendments(self, record_id: int) -> list[Any]:
        """The record's amendments, oldest first (``made_at``, ``reason``, ``before``,
        ``after``)."""
        return self.KIND.amendments(record_id)

    def history(self) -> str:
        """The amendments of an archived record, in words, with what each changed ("" when
        there are none)."""
        if self.record_id is None or self.mode not in (Mode.READ_ONLY, Mode.AMEND):
            return ""
        lines = []
        for amendment in self.amendments(self.record_id):
            changes = self.amendment_changes(amendment.before, amendment.after)
            lines.append(
                f"{format_date(amendment.made_at.date())} {amendment.made_at:%H:%M} 更正，"
                f"原因：{esc(amendment.reason)}" + (f"。{esc(changes)}" if changes else "")
            )
        return ("更正记录（原记录保留）：<br>" + "<br>".join(lines)) if lines else ""

    def amendment_changes(self, before: object, after: object) -> str:
        """What an amendment changed, with the original values, for the fields named in
        ``CHANGE_LABELS``: 地点原为“学校会议室”；议题和发言有改动."""
        if not isinstance(before, dict) or not isinstance(after, dict):
            return ""
        parts = []
        for key, label in self.CHANGE_LABELS.items():
            old, new = before.get(key), after.get(key)
            if old == new:
                continue
            if isinstance(old, list | dict):
                parts.append(f"{label}有改动")
                continue
            shown = self.describe_value(key, old)
            parts.append(f"{label}原为“{shown or '（空）'}”")
        return "；".join(parts)

    def describe_value(self, key: str, value: object) -> str:
        """A saved value in words (a member's id as a name, a date as 2026年5月8日)."""
        if isinstance(value, str) and key == "held_on":
            try:
                return format_date(dt.date.fromisoformat(value))
            except ValueError:
                return value
        return "" if value is None else str(value)

    # --- the form ---------------------------------------------------------------------------

    def form(self) -> Any:
        """The form as the steps hold it now (nothing is saved)."""
        form = copy.deepcopy(self._form)
        for page in self.pages:
            page.fill(form)
        return form

    def _snapshot(self) -> dict[str, Any]:
        return asdict(self.form())

    def changed(self) -> bool:
        """Whether anything differs from what was last saved (or loaded)."""
        return self._snapshot() != self._saved_snapshot

    def showEvent(self, event: QShowEvent) -> None:
        self.opened_inputs.shown()
        super().showEvent(event)

    def typed(self) -> bool:
        """Whether the secretary changed the record, or typed into any field (an agenda
        item not added yet) since the window opened."""
        return self.changed() or self.opened_inputs.typed()

    def keeps_drafts(self) -> bool:
        """A new record or a draft: closing keeps what was typed as a draft."""
        return self.mode in (Mode.NEW, Mode.DRAFT)

    def unfinished(self) -> bool:
        """Closing it now leaves something unfinished: a draft, or anything typed (a new
        record nobody typed into leaves nothing behind)."""
        return self.mode is Mode.DRAFT or self.typed()

    def window_title(self) -> str:
        title = self.record_title(self.form())
        suffix = {
            Mode.NEW: "（新记录）",
            Mode.DRAFT: "（草稿）",
            Mode.FINISHED: "（已完成）",
            Mode.READ_ONLY: "（已归档，只能查看）",
            Mode.AMEND: "（更正）",
        }[self.mode]
        return f"{title}{suffix}"

    @property
    def review_page(self) -> ReviewPage:
        page = self.pages[-1]
        assert isinstance(page, ReviewPage)
        return page

    def step_of(self, field: str) -> int | None:
        for number, page in enumerate(self.pages):
            if field in page.errors or field in page.LINKED_FIELDS:
                return number
        return None

    def go_to_step(self, number: int) -> None:
        """Back to step ``number`` (counted from 0); from the start when it was not visited
        (an archived record opens on its last step)."""
        if self.skips(number):
            self.asked_for.add(number)
            self.number_steps()
        if number not in self.visitedIds():
            start = self.startId()
            self.setStartId(0)
            self.restart()
            self.setStartId(start)
        while number in self.visitedIds() and self.currentId() != number:
            self.back()
        while self.currentId() < number and self.validateCurrentPage():
            self.next()

    def show_all_problems(self) -> None:
        for page in self.pages[:-1]:
            page.check()

    # --- saving -----------------------------------------------------------------------------

    def _say_saved(self) -> None:
        if self.mode is Mode.READ_ONLY:
            text = "这条记录已归档，只能查看。发现错误时请点“更正…”，写明原因后修改。"
        elif self.mode is Mode.AMEND:
            text = (
                "正在更正已归档的记录：改好后在最后一步写明更正原因，点“保存更正”。原记录会保留。"
            )
        elif self.mode is Mode.FINISHED:
            text = "这条记录已完成。修改后请在最后一步点“完成”保存；直接关闭则不保存修改。"
        elif self._last_saved_at is not None:
            text = (
                f"已于 {self._last_saved_at:%H:%M} 自动存为草稿。"
                "随时可以关闭，以后在列表中打开草稿接着填。"
            )
        else:
            text = "随时可以关闭：已填写的内容会自动存为草稿。"
        for page in self.pages:
            page.footer.setText(text)
            set_role(page.footer, "hint")
            page.footer.setVisible(bool(text))

    def autosave(self, *, even_unchanged: bool = False) -> bool:
        """Save a draft when something changed (new records and drafts only); with
        ``even_unchanged`` also a new record nobody touched yet."""
        if self.mode not in (Mode.NEW, Mode.DRAFT):
            return False
        if not self.changed() and not (even_unchanged and self.record_id is None):
            return False
        form = self.form()
        self.record_id = self.save_draft_record(form, self.record_id)
        self.mode = Mode.DRAFT
        self._saved_snapshot = asdict(form)
        self._last_saved_at = dt.datetime.now()
        self.outcome = self.outcome or "draft"
        self._say_saved()
        self.refresh_title()
        self.saved.emit(self.record_id)
        return True

    def keep_draft(self) -> int | None:
        """The saved record, a draft kept first when it changed or was never saved (e.g. a
        document of a planned record is built from the saved record); None when the
        record cannot be saved as a draft now (finished or archived and changed)."""
        if self.mode in (Mode.NEW, Mode.DRAFT):
            self.autosave(even_unchanged=True)
        elif self.changed():
            return None
        return self.record_id

    def finished_record(self) -> bool:
        """True after 完成 (not 更正): the list then offers the next step, 归档."""
        return self.outcome == "finished"

    def _autosave_tick(self) -> None:
        if self.loading or not self.isVisible():
            return
        self._autosave_on_step()

    def done(self, result: int) -> None:
        self._autosave_timer.stop()
        super().done(result)

    def _autosave_on_step(self) -> None:
        """Keep a draft now; when it cannot be kept (no talker yet, a full disk, a stick
        pulled out), every footer says so — it is tried again on closing, with a word."""
        try:
            self.autosave()
        except UserError as exc:
            log.info("Draft not saved on a step change: %s", exc)
            text = f"！草稿没能自动保存：{exc.message}{exc.hint}请改好后点“存为草稿”再试一次。"
            for page in self.pages:
                page.footer.setText(text)
                set_role(page.footer, "error")
                page.footer.setVisible(True)

    def save_draft_and_close(self) -> None:
        try:
            self.autosave()
        except UserError as exc:
            self.show_service_error(exc, title="无法保存草稿")
            return
        if self.record_id is not None:
            self.outcome = "draft"
            self.status.emit(self.status_text("draft"))
        # QDialog's done(): QWizard's would check the current step, and a draft may be unfinished
        QDialog.done(self, int(QDialog.DialogCode.Accepted))

    def show_service_error(self, exc: UserError, *, title: str) -> None:
        """A refusal from a service: beside its field when it names one, else a message."""
        field = exc.field if isinstance(exc, ValidationError) else ""
        step = self.step_of(field) if field else None
        if step is not None and field != "reason":
            self.go_to_step(step)
            show_problem(self.pages[step].errors[field], Problem(field, exc.message))
            self.pages[step].focus[field].setFocus()
            return
        messages.show_error(self, exc, title=title)

    def accept(self) -> None:
        if self.mode is Mode.READ_ONLY:
            super().accept()
            return
        if not self.validateCurrentPage():  # QWizard checks only in done(), after this
            return
        form = self.form()
        try:
            if self.mode is Mode.AMEND:
                assert self.record_id is not None
                self.amend_record(self.record_id, form, clean(self.review_page.reason_edit.text()))
                self.outcome = "amended"
            else:
                self.record_id = self.finish_record(form, self.record_id)
                self.outcome = "finished"
        except UserError as exc:
            self.show_service_error(exc, title="无法完成记录")
            return
        self._saved_snapshot = asdict(form)
        self._autosave_timer.stop()
        self.saved.emit(self.record_id)
        self.status.emit(self.status_text(self.outcome))
        super().accept()

    def reject(self) -> None:
        """Closing: a new record or draft is kept as a draft without asking; changes to a
        finished record or an amendment are only dropped when the secretary says so."""
        if self.keeps_drafts():
            for page in self.pages:
                page.keep_typed()  # an agenda item typed but not added is kept too
            try:
                self.autosave()
            except UserError as exc:
                if not messages.ask(
                    self,
                    f"草稿没有保存：{exc.message}",
                    title="关闭",
                    hint="仍要关闭吗？关闭后这次填写的内容不会保留。",
                    yes_text="关闭，不保存",
                    no_text="继续填写",
                ):
                    return
            if self.record_id is not None and self.outcome:
                self.status.emit(self.status_text("draft"))
        elif self.mode in (Mode.FINISHED, Mode.AMEND) and self.changed():
            what = "更正" if self.mode is Mode.AMEND else "修改"
            if not messages.ask(
                self,
                f"放弃对「{self.record_title(self._form)}」的{what}？",
                title="关闭",
                hint=f"这次的{what}还没有保存。要保存，请回到最后一步点“{self.finish_text()}”。",
                yes_text=f"放弃{what}",
                no_text="继续填写",
            ):
                return
        super().reject()

    def finish_text(self) -> str:
        return self.buttonText(QWizard.WizardButton.FinishButton)


__all__ = [  # the steps, for the kinds' wizards that import them from here
    "AMEND_BUTTON",
    "AUTOSAVE_MS",
    "DATE_FORMAT",
    "DRAFT_BUTTON",
    "PRINT_BUTTON",
    "DraftWizard",
    "Mode",
    "ReviewPage",
    "StepPage",
    "date_of",
    "prepare_date_edit",
    "review_table",
    "set_combo_data",
    "set_date",
    "show_problem",
    "stretch",
]
