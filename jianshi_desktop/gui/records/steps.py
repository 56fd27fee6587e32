"""The steps of a record wizard (:mod:`.wizard`): :class:`StepPage` — a Designer form or
widgets built in code, the problems beside their fields — and :class:`ReviewPage`, the last
step: everything on one page, what still needs doing, the amendments and (更正) the reason.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from jianshi_desktop.domain.enums import AttachmentKind
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.text import clean
from jianshi_desktop.gui.common.date_input import py_date, qdate
from jianshi_desktop.gui.common.forms import child, load_form
from jianshi_desktop.gui.common.widgets import (
    ERROR_MARK,
    WARNING_MARK,
    alive,
    error_label,
    esc,
    set_role,
    show_problem,
)

if TYPE_CHECKING:
    from jianshi_desktop.gui.records.wizard import DraftWizard

DATE_FORMAT = "yyyy年M月d日"


class Mode(StrEnum):
    NEW = "new"  # nothing saved yet
    DRAFT = "draft"  # a saved draft, saved again as it changes
    FINISHED = "finished"  # changed only by 完成 (checked)
    READ_ONLY = "view"  # archived: to look at (更正… turns it into AMEND)
    AMEND = "amend"  # archived: 更正 with a reason


def set_date(edit: QDateEdit, day: dt.date) -> None:
    edit.setDate(qdate(day))


def date_of(edit: QDateEdit) -> dt.date:
    return py_date(edit.date())


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
    """One step: a Designer form (or widgets built in code), the problem fields it shows,
    and a footer line."""

    form_name: ClassVar[str] = ""  # "": the step builds its widgets in code, into ``ui``
    step_title: ClassVar[str] = ""
    subtitle: ClassVar[str] = ""
    SCROLLED: ClassVar[bool] = False  # a long step: its form scrolls above the footer
    # problem field → (error label name, widget to focus) in the form; steps built in code
    # register theirs with add_field()
    FIELDS: ClassVar[dict[str, tuple[str, str]]] = {}
    # problem fields the step checks itself (validate_more): the review links them here
    LINKED_FIELDS: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        self.owner = owner
        self.setSubTitle(self.subtitle)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        host: QWidget = self
        if self.SCROLLED:
            host = QWidget(self)
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setWidget(host)
            outer.addWidget(scroll, 1)
        if self.form_name:
            self.ui = load_form(self.form_name, host)
        else:
            outer.setSpacing(8)
            self.ui = QWidget(host)
            body = QVBoxLayout(self.ui)
            body.setContentsMargins(0, 0, 0, 0)
            body.setSpacing(8)
            if host is self:
                outer.addWidget(self.ui, 1)
            else:
                load_layout = QVBoxLayout(host)
                load_layout.setContentsMargins(0, 0, 0, 0)
                load_layout.addWidget(self.ui)
        self.errors: dict[str, QLabel] = {}
        self.focus: dict[str, QWidget] = {}
        for field, (label_name, widget_name) in self.FIELDS.items():
            self.add_field(
                field, child(self.ui, QLabel, label_name), child(self.ui, QWidget, widget_name)
            )
        self.footer = QLabel(self)
        self.footer.setObjectName("footer")
        self.footer.setWordWrap(True)
        set_role(self.footer, "hint")
        outer.addWidget(self.footer)

    def body(self) -> QVBoxLayout:
        """The layout a step built in code adds its widgets to."""
        layout = self.ui.layout()
        assert isinstance(layout, QVBoxLayout)
        return layout

    def add_field(self, field: str, label: QLabel, focus: QWidget) -> None:
        """Show ``field``'s problems in ``label`` (one label may serve several fields)."""
        label.setWordWrap(True)
        show_problem(label, None)
        self.errors[field] = label
        self.focus[field] = focus

    # --- for the subclasses -------------------------------------------------------------

    def load(self, form: Any) -> None:
        """Put ``form`` into the widgets."""

    def fill(self, form: Any) -> None:
        """Write the widgets into ``form``."""

    def keep_typed(self) -> None:
        """Take in what was typed into an "add" field but not added yet (an agenda item
        without 添加), so that 下一步 or closing the window does not drop it."""

    def nothing_to_ask(self) -> bool:
        """Whether the step has nothing to ask now: the wizard passes over it going forward
        (and leaves it out of the step count) unless it is opened on purpose."""
        return False

    def set_read_only(self, read_only: bool) -> None:
        """Let nothing be changed (archived records)."""
        for widget in self.ui.findChildren(QWidget):
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(read_only)
            elif isinstance(widget, QComboBox | QAbstractSpinBox | QCheckBox | QAbstractButton):
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

    def recheck_shown(self, fields: set[str]) -> None:
        """Check again those of ``fields`` whose problem is shown (as they are corrected)."""
        shown = {f for f in fields if alive(self.errors[f]) and not self.errors[f].isHidden()}
        if shown:
            self.check(shown)

    # --- checking -----------------------------------------------------------------------

    def check(self, fields: set[str] | None = None) -> list[Problem]:
        """Show the problems of this step's ``fields`` (all of them by default)."""
        owner = self.owner
        if not alive(self, *self.errors.values()) or owner.mode is Mode.READ_ONLY or owner.loading:
            return []
        wanted = set(self.errors) if fields is None else fields & set(self.errors)
        # fields sharing a label (开始时间 and 结束时间) are checked and shown together
        labels = {id(self.errors[f]) for f in wanted}
        wanted |= {f for f, label in self.errors.items() if id(label) in labels}
        found: dict[str, Problem] = {}
        for problem in self.owner.check(self.owner.form()):
            if problem.field in wanted and problem.field not in found:
                found[problem.field] = problem
        shared: dict[int, list[str]] = {}
        for field in self.errors:  # in the order of the step
            if field in wanted:
                shared.setdefault(id(self.errors[field]), []).append(field)
        lenient = self.owner.LENIENT
        for together in shared.values():
            label = self.errors[together[0]]
            problems = [found[f] for f in together if f in found]
            blocking = [p for p in problems if p.is_error and p.field not in lenient]
            shown = blocking or problems
            if not shown:
                show_problem(label, None)
                continue
            text = "".join(dict.fromkeys(p.message for p in shown))
            show_problem(
                label,
                Problem(shown[0].field, text, shown[0].severity),
                as_warning=not blocking,
            )
        return list(found.values())

    def validatePage(self) -> bool:
        if self.owner.mode is Mode.READ_ONLY:
            return True
        self.keep_typed()
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
        self.show_mode()
        self.reason_edit.setPlaceholderText("如：出席人数登记有误，按签到表更正")
        self.reason_edit.textChanged.connect(lambda _t: self._reason_changed())

    def show_mode(self) -> None:
        """The reason is asked for only when amending."""
        amending = self.owner.mode is Mode.AMEND
        self.reason_label.setVisible(amending)
        self.reason_edit.setVisible(amending)
        if not amending:
            show_problem(self.errors["reason"], None)

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
        notes = [
            f"<span style='color:#5A5A5A'>{esc(note)}</span>"
            for note in self.owner.review_notes(form)
        ]
        if lines:
            self.problems_label.setText("<br>".join(lines + notes))
        elif self.owner.mode is Mode.READ_ONLY:
            steps = "　".join(
                f"<a href='{number}'>第{number + 1}步 {page.step_title}</a>"
                for number, page in enumerate(self.owner.pages[:-1])
            )
            self.problems_label.setText(f"逐步查看：{steps}")
        else:
            finish = self.owner.finish_text()
            also = "，或点“完成并打印…”接着打印出来" if self.owner.offers_print() else ""
            ok = f"<span style='color:#1E6B35'>✓ 内容齐全，可以点“{finish}”{also}。</span>"
            self.problems_label.setText("<br>".join([*notes, ok]))
        self.problems_label.setVisible(bool(self.problems_label.text()))
        history = self.owner.history()
        self.history_label.setText(history)
        self.history_label.setVisible(bool(history))

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


class TextAndFilesPage(StepPage):
    """A step of free text (the form's ``text_field``) with optional files under it: what a
    training covered and its certificates, what a help did and its photos. A step says
    its words and the files it offers in its class attributes."""

    text_field: ClassVar[str] = "content"
    text_label: ClassVar[str] = ""  # 「培训内容：」
    placeholder: ClassVar[str] = ""
    text_stretch: ClassVar[int] = 1
    files_label: ClassVar[str] = ""  # 「证书（可不添加）：」
    add_buttons: ClassVar[tuple[tuple[str, str, str, AttachmentKind | None], ...]] = ()
    files_empty: ClassVar[str] = ""

    def __init__(self, owner: DraftWizard) -> None:
        from jianshi_desktop.gui.records.attachments import AttachmentsEditor

        super().__init__(owner)
        self.body().addWidget(QLabel(self.text_label, self.ui))
        self.content_edit = QPlainTextEdit(self.ui)
        self.content_edit.setAccessibleName(self.text_label.rstrip("："))
        self.content_edit.setPlaceholderText(self.placeholder)
        self.body().addWidget(self.content_edit, self.text_stretch)
        error = error_label(self.ui)
        self.body().addWidget(error)
        self.add_field(self.text_field, error, self.content_edit)
        self.watch(self.text_field, changed=self.content_edit.textChanged)
        self.body().addWidget(QLabel(self.files_label, self.ui))
        self.attachments = AttachmentsEditor(
            owner.attachments_dir,
            self.ui,
            add_buttons=self.add_buttons,
            empty_text=self.files_empty,
        )
        self.body().addWidget(self.attachments, 1)

    def load(self, form: Any) -> None:
        self.content_edit.setPlainText(getattr(form, self.text_field))
        self.attachments.set_entries(form.attachments)

    def fill(self, form: Any) -> None:
        setattr(form, self.text_field, self.content_edit.toPlainText())
        form.attachments = self.attachments.entries()

    def set_read_only(self, read_only: bool) -> None:
        self.content_edit.setReadOnly(read_only)
        self.attachments.set_read_only(read_only)
