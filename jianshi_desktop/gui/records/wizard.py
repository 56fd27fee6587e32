"""What the 主题党日 and 谈心谈话 wizards share: steps from Designer forms, problems beside
their fields, drafts kept without asking, read-only archived records and 更正.

A :class:`DraftWizard` edits one form (the service's ``*Form`` dataclass). Its steps are
listed in ``PAGES``; each :class:`StepPage` puts the form into its widgets (``load``) and
back (``fill``), and declares the problem fields it shows. ``validatePage()`` refuses to go
on while the step has errors (a date in the future only warns: a draft may be planned).

Drafts: every change of step and closing the window save a draft when something differs
from what was last saved (a new record nobody touched leaves nothing behind). Finished
records are changed only by 完成, after the checks; archived records open read-only, and
an amendment (更正) asks for its reason on the last step.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
from dataclasses import asdict
from enum import Enum
from typing import Any, ClassVar

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QWidget,
    QWizard,
    QWizardPage,
)

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.text import clean
from jianshi_desktop.errors import UserError, ValidationError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.forms import child, load_form
from jianshi_desktop.gui.common.icons import app_icon
from jianshi_desktop.gui.common.widgets import (
    ERROR_MARK,
    WARNING_MARK,
    alive,
    esc,
    set_role,
    show_problem,
    shown_problem,
)
from jianshi_desktop.services import records

log = logging.getLogger(__name__)

DATE_FORMAT = "yyyy年M月d日"


AUTOSAVE_MS = 2000  # what changed is kept as a draft this often while the wizard is open


class Mode(Enum):
    NEW = "new"  # nothing saved yet
    DRAFT = "draft"  # a saved draft, saved again as it changes
    FINISHED = "finished"  # changed only by 完成 (checked)
    READ_ONLY = "read_only"  # archived: to look at
    AMEND = "amend"  # archived: 更正 with a reason


def set_date(edit: QDateEdit, day: dt.date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


def date_of(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


def prepare_date_edit(edit: QDateEdit) -> None:
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setMaximumDate(QDate(2099, 12, 31))


def set_combo_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


def stretch(form: QWidget, widget: QWidget) -> None:
    """Let ``widget`` take the spare height of ``form``'s (box) layout."""
    layout = form.layout()
    if isinstance(layout, QBoxLayout):
        layout.setStretchFactor(widget, 1)


def review_table(rows: list[tuple[str, str]]) -> str:
    """What the review page shows: label and value, one row each (values escaped here)."""
    cells = "".join(
        f"<tr><td style='color:#5A5A5A; padding:4px 16px 4px 0; white-space:nowrap'>"
        f"{esc(label)}</td><td style='padding:4px 0'>{esc(value) if value else '（未填写）'}"
        "</td></tr>"
        for label, value in rows
    )
    return f"<table cellspacing='0'>{cells}</table>"


class StepPage(QWizardPage):
    """One step: a Designer form, the problem fields it shows, and a footer line."""

    form_name: ClassVar[str] = ""
    step_title: ClassVar[str] = ""
    subtitle: ClassVar[str] = ""
    # problem field → (error label name, widget to focus) in the form
    FIELDS: ClassVar[dict[str, tuple[str, str]]] = {}

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        self.owner = owner
        self.setSubTitle(self.subtitle)
        self.ui = load_form(self.form_name, self)
        self.errors: dict[str, QLabel] = {}
        self.focus: dict[str, QWidget] = {}
        for field, (label_name, widget_name) in self.FIELDS.items():
            label = child(self.ui, QLabel, label_name)
            label.setWordWrap(True)
            show_problem(label, None)
            self.errors[field] = label
            self.focus[field] = child(self.ui, QWidget, widget_name)
        self.footer = QLabel(self)
        self.footer.setWordWrap(True)
        set_role(self.footer, "hint")
        layout = self.layout()
        if layout is not None:
            layout.addWidget(self.footer)

    # --- for the subclasses -------------------------------------------------------------

    def load(self, form: Any) -> None:
        """Put ``form`` into the widgets."""

    def fill(self, form: Any) -> None:
        """Write the widgets into ``form``."""

    def set_read_only(self, read_only: bool) -> None:
        """Let nothing be changed (archived records)."""
        for widget in self.ui.findChildren(QWidget):
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(read_only)
            elif isinstance(widget, QComboBox | QDateEdit | QCheckBox | QAbstractButton):
                widget.setEnabled(not read_only)

    def label(self, name: str) -> QLabel:
        return child(self.ui, QLabel, name)

    def watch(self, field: str, *signals: Any, changed: Any = None) -> None:
        """Check ``field`` whenever one of ``signals`` fires (a field left, a choice), and
        as it is corrected (``changed``, e.g. ``textChanged``) once a problem is shown."""
        for signal in signals:
            signal.connect(lambda *_a, f=field: self.check({f}))
        if changed is not None:
            changed.connect(lambda *_a, f=field: self._recheck_if_shown(f))

    def _recheck_if_shown(self, field: str) -> None:
        if alive(self.errors[field]) and not self.errors[field].isHidden():
            self.check({field})

    # --- checking -----------------------------------------------------------------------

    def check(self, fields: set[str] | None = None) -> list[Problem]:
        """Show the problems of this step's ``fields`` (all of them by default)."""
        owner = self.owner
        if not alive(self, *self.errors.values()) or owner.mode is Mode.READ_ONLY or owner.loading:
            return []
        wanted = set(self.errors) if fields is None else fields & set(self.errors)
        found: dict[str, Problem] = {}
        for problem in self.owner.check(self.owner.form()):
            if problem.field in wanted and problem.field not in found:
                found[problem.field] = problem
        for field in wanted:
            shown = found.get(field)
            show_problem(self.errors[field], shown, as_warning=field in self.owner.LENIENT)
        return list(found.values())

    def field_error(self, field: str) -> str:
        """What is shown beside ``field`` now, without its mark (tests, screen readers)."""
        return shown_problem(self.errors[field])

    def validatePage(self) -> bool:
        if self.owner.mode is Mode.READ_ONLY:
            return True
        blocking = [p for p in self.check() if p.is_error and p.field not in self.owner.LENIENT]
        more = self.validate_more()  # also when blocked: it shows its own marks
        if blocking:
            self.focus[blocking[0].field].setFocus()
        return not blocking and more

    def validate_more(self) -> bool:
        """Checks of the step beyond its fields (the attendance list)."""
        return True


class ReviewPage(StepPage):
    """The last step: everything on one page, what still needs doing, and (更正) the reason."""

    step_title = "核对并完成"
    subtitle = "请核对以下内容。没问题就点“完成”；还没填完可以点“存为草稿”，以后接着填。"
    FIELDS: ClassVar[dict[str, tuple[str, str]]] = {"reason": ("reasonError", "reasonEdit")}

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        self.problems_label = self.label("problemsLabel")
        self.problems_label.setWordWrap(True)
        self.problems_label.linkActivated.connect(self._go_to)
        self.review = child(self.ui, QTextBrowser, "reviewText")
        self.review.setOpenLinks(False)
        self.reason_label = self.label("reasonLabel")
        self.reason_edit = child(self.ui, QLineEdit, "reasonEdit")
        self.reason_edit.setMaxLength(200)
        self.history_label = self.label("historyLabel")
        self.history_label.setWordWrap(True)
        set_role(self.history_label, "hint")
        amending = owner.mode is Mode.AMEND
        self.reason_label.setVisible(amending)
        self.reason_edit.setVisible(amending)
        self.reason_edit.setPlaceholderText("如：出席人数登记有误，按签到表更正")
        self.reason_edit.textChanged.connect(lambda _t: self._reason_changed())

    def initializePage(self) -> None:
        self.show_review()

    def show_review(self) -> None:
        form = self.owner.form()
        self.review.setHtml(self.owner.review_html(form))
        lines = []
        if self.owner.mode is not Mode.READ_ONLY:
            for problem in self.owner.check(form):
                step = self.owner.step_of(problem.field)
                where = (
                    f"（<a href='{step}'>回到第{step + 1}步修改</a>）" if step is not None else ""
                )
                mark = ERROR_MARK if problem.is_error else WARNING_MARK
                colour = "#C8161D" if problem.is_error else "#8A5A00"
                lines.append(
                    f"<span style='color:{colour}'>{mark}{esc(problem.message)}</span>{where}"
                )
        if lines:
            self.problems_label.setText("<br>".join(lines))
        elif self.owner.mode is Mode.READ_ONLY:
            steps = "　".join(
                f"<a href='{number}'>第{number + 1}步 {page.step_title}</a>"
                for number, page in enumerate(self.owner.pages[:-1])
            )
            self.problems_label.setText(f"逐步查看：{steps}")
        else:
            finish = self.owner.finish_text()
            self.problems_label.setText(
                f"<span style='color:#1E6B35'>✓ 内容齐全，可以点“{finish}”。</span>"
            )
        self.problems_label.setVisible(bool(self.problems_label.text()))
        history = self.owner.history()
        self.history_label.setText(history)
        self.history_label.setVisible(bool(history))

    def problems_text(self) -> str:
        return self.problems_label.text()

    def _go_to(self, link: str) -> None:
        self.owner.go_to_step(int(link))

    def _reason_changed(self) -> None:
        if not self.errors["reason"].isHidden() and self.reason_edit.text().strip():
            show_problem(self.errors["reason"], None)

    def check(self, fields: set[str] | None = None) -> list[Problem]:
        return []  # the whole form is checked in validatePage

    def validatePage(self) -> bool:
        if self.owner.mode is Mode.READ_ONLY:
            return True
        self.show_review()
        errors = [p for p in self.owner.check(self.owner.form()) if p.is_error]
        if errors:
            self.owner.show_all_problems()
            return False
        if self.owner.mode is Mode.AMEND and not clean(self.reason_edit.text()):
            show_problem(self.errors["reason"], Problem("reason", "请写明更正原因。"))
            self.reason_edit.setFocus()
            return False
        return True

    def set_read_only(self, read_only: bool) -> None:
        self.reason_edit.setReadOnly(read_only)


class DraftWizard(QWizard):
    """A procedure's wizard. Subclasses set ``PAGES`` and the service calls.

    ``outcome`` says what happened when it closed: ``"finished"``, ``"amended"``,
    ``"draft"`` (a draft was saved) or ``""`` (nothing written). ``saved`` is emitted with
    the record id after every write.
    """

    saved = Signal(int)
    PAGES: ClassVar[tuple[type[StepPage], ...]] = ()
    NOUN: ClassVar[str] = ""
    RECORD_TYPE: ClassVar[str] = ""  # as the services name it, for the amendments
    LENIENT: ClassVar[frozenset[str]] = frozenset({"held_on"})  # warn, but let a draft go on

    def __init__(
        self,
        form: Any,
        *,
        record_id: int | None = None,
        mode: Mode = Mode.NEW,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
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
        self.setButtonText(QWizard.WizardButton.CancelButton, "关闭")
        self.setButtonText(QWizard.WizardButton.CustomButton1, "存为草稿")
        self.setButtonText(
            QWizard.WizardButton.FinishButton, "保存更正" if mode is Mode.AMEND else "完成"
        )
        if mode in (Mode.NEW, Mode.DRAFT):
            self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
            self.customButtonClicked.connect(lambda _which: self.save_draft_and_close())
        layout = [QWizard.WizardButton.CustomButton1] if mode in (Mode.NEW, Mode.DRAFT) else []
        layout += [
            QWizard.WizardButton.Stretch,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
        ]
        if mode is not Mode.READ_ONLY:
            layout.append(QWizard.WizardButton.FinishButton)
        layout.append(QWizard.WizardButton.CancelButton)
        self.setButtonLayout(layout)
        finish = self.button(QWizard.WizardButton.FinishButton)
        if isinstance(finish, QAbstractButton):
            set_role(finish, "primary")
        self.pages: list[StepPage] = []
        for number, page_type in enumerate(self.PAGES):
            page = page_type(self)
            page.setTitle(f"第{number + 1}步（共{len(self.PAGES)}步）：{page.step_title}")
            self.pages.append(page)
            self.addPage(page)
        for page in self.pages:
            page.load(self._form)
            page.set_read_only(mode is Mode.READ_ONLY)
        self._title_review()
        self.loading = False
        self._saved_snapshot = self._snapshot()
        self._last_saved_at: dt.datetime | None = None
        self._say_saved()
        self.setWindowTitle(self.window_title())
        self.currentIdChanged.connect(lambda _id: self._autosave_on_step())
        # A crash loses at most the last moments of typing: what changed is kept as a
        # draft every few seconds, not only on a step change or on closing.
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self._autosave_tick)
        if mode in (Mode.NEW, Mode.DRAFT):
            self._autosave_timer.start()
        self.resize(900, 660)

    def _title_review(self) -> None:
        review = self.pages[-1]
        count = len(self.pages)
        if self.mode is Mode.READ_ONLY:
            review.setTitle(f"第{count}步（共{count}步）：全部内容")
            review.setSubTitle("这条记录已归档，只能查看。点下面的链接可以逐步查看各项。")
            self.setStartId(count - 1)  # everything on one page first
        elif self.mode is Mode.AMEND:
            review.setTitle(f"第{count}步（共{count}步）：核对并写明更正原因")
            review.setSubTitle("请核对更正后的内容，写明更正原因，再点“保存更正”。")
        elif self.mode is Mode.FINISHED:
            review.setSubTitle("请核对以下内容。改好后点“完成”保存修改。")

    # --- for the subclasses ---------------------------------------------------------------

    def check(self, form: Any) -> list[Problem]:
        raise NotImplementedError

    def save_draft_record(self, form: Any, record_id: int | None) -> int:
        raise NotImplementedError

    def finish_record(self, form: Any, record_id: int | None) -> int:
        raise NotImplementedError

    def amend_record(self, record_id: int, form: Any, reason: str) -> None:
        raise NotImplementedError

    def record_title(self, form: Any) -> str:
        """How the record is named: 2026年11月主题党日."""
        raise NotImplementedError

    def review_html(self, form: Any) -> str:
        raise NotImplementedError

    def history(self) -> str:
        """The amendments of an archived record, in words ("" when there are none)."""
        if self.record_id is None or self.mode not in (Mode.READ_ONLY, Mode.AMEND):
            return ""
        lines = [
            f"{format_date(a.made_at.date())} {a.made_at:%H:%M} 更正，原因：{esc(a.reason)}"
            for a in records.amendments(self.RECORD_TYPE, self.record_id)
        ]
        return ("更正记录（原记录保留）：<br>" + "<br>".join(lines)) if lines else ""

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
            if field in page.errors:
                return number
        return None

    def go_to_step(self, number: int) -> None:
        """Back to step ``number`` (counted from 0); from the start when it was not visited
        (an archived record opens on its last step)."""
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
            text = "这条记录已归档，只能查看。如需修改，请关闭后在列表中选中它，点“更正”。"
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

    def autosave(self) -> bool:
        """Save a draft when something changed (new records and drafts only)."""
        if self.mode not in (Mode.NEW, Mode.DRAFT) or not self.changed():
            return False
        form = self.form()
        self.record_id = self.save_draft_record(form, self.record_id)
        self.mode = Mode.DRAFT
        self._saved_snapshot = asdict(form)
        self._last_saved_at = dt.datetime.now()
        self.outcome = self.outcome or "draft"
        self._say_saved()
        self.setWindowTitle(self.window_title())
        self.saved.emit(self.record_id)
        return True

    def _autosave_tick(self) -> None:
        if self.loading or not self.isVisible():
            return
        self._autosave_on_step()

    def done(self, result: int) -> None:
        self._autosave_timer.stop()
        super().done(result)

    def _autosave_on_step(self) -> None:
        try:
            self.autosave()
        except UserError as exc:  # e.g. no talker yet: tried again on closing, with a word
            log.info("Draft not saved on a step change: %s", exc)

    def save_draft_and_close(self) -> None:
        try:
            self.autosave()
        except UserError as exc:
            self.show_service_error(exc, title="无法保存草稿")
            return
        if self.record_id is not None:
            self.outcome = "draft"
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
        self.saved.emit(self.record_id)
        super().accept()

    def reject(self) -> None:
        """Closing: a new record or draft is kept as a draft without asking; changes to a
        finished record or an amendment are only dropped when the secretary says so."""
        if self.mode in (Mode.NEW, Mode.DRAFT):
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
