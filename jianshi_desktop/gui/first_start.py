"""The first-start wizard: the secretary registers the branch, and nothing is written
until they press 完成.

The pages are listed in :attr:`FirstStartWizard.PAGES`. Each page checks its own fields
with :func:`services.branch.validate_branch_draft` in ``validatePage()`` and shows every
problem beside its field in red (marked with ！), never in a pop-up. A field is also
checked as soon as it is left. A problem shows in the place of its field's hint
(:func:`in_place_of_hint`), so nothing on the page moves when one appears or goes
(issue 16). On 完成 the wizard calls :func:`services.branch.create_branch` once.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar, TypeVar

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QDateTimeEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from jianshi_desktop import APP_NAME
from jianshi_desktop.domain.enums import DEFAULT_PARENT_ORGANIZATION
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.date_input import py_date
from jianshi_desktop.gui.common.forms import OpenedInputs, child, load_form
from jianshi_desktop.gui.common.icons import app_icon
from jianshi_desktop.gui.common.widgets import (
    alive,
    chinese_date,
    prepare_error_label,
    scaled_font,
    set_role,
    show_field_error,
)
from jianshi_desktop.services.branch import (
    BranchDraft,
    BranchInfo,
    create_branch,
    validate_branch_draft,
)

PageT = TypeVar("PageT", bound=QWizardPage)

WINDOW_TITLE = f"建立支部 — {APP_NAME}"
FOUNDED_UNSET = QDate(1921, 6, 30)  # one day before the earliest valid date: "not chosen"
COMMITTEE_TEXT = "设支部委员会（正式党员7人及以上）"
SECRETARY_TEXT = "只设书记（正式党员不足7人）"
PROBLEM_LINES = 2  # the room kept for a problem: two lines
BRANCH_USE_TEXT = "这台电脑用于本支部的党建工作台账（支部）"
COUNTY_USE_TEXT = "这台电脑用于县教育局党委汇总各校报送包（县局汇总）"
COUNTY_USE_HINT = (
    "选县局汇总时不登记支部，点“完成”后直接打开汇总窗口：导入各校交来的报送包，"
    "查看全县各校的完成情况。"
)


def hold_place(label: QLabel, *, lines: int = PROBLEM_LINES) -> None:
    """Keep the room of a problem ``label`` (prepared by ``prepare_error_label``) whether
    it shows or not: ``lines`` lines high, its text at the top, so the fields around it
    never move when a problem appears or goes."""
    _keep_size(label)
    policy = label.sizePolicy()
    policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
    label.setSizePolicy(policy)
    label.setFixedHeight(label.fontMetrics().lineSpacing() * lines + 2)


def _keep_size(label: QLabel) -> None:
    policy = label.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    label.setSizePolicy(policy)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


class _HintOrProblem(QObject):
    """Shows a field's hint while its problem label is hidden, and hides it while the
    problem shows in the same place."""

    def __init__(self, hint: QLabel, problem: QLabel, parent: QObject) -> None:
        super().__init__(parent)
        self.hint = hint
        self.problem = problem
        problem.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.problem and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self.hint.setVisible(self.problem.isHidden())  # hidden by hand, not with the page
        return False


def in_place_of_hint(
    form: QWidget, problem: QLabel, hint: QLabel, *, lines: int = PROBLEM_LINES
) -> None:
    """Show ``problem`` (prepared by ``prepare_error_label``) in the place of the field's
    ``hint`` while there is one, as a form's helper text gives way to its error: both in
    one place at least ``lines`` lines high, so the fields around it never move when a
    problem appears or goes (issue 16). The two labels are siblings in a QVBoxLayout of
    ``form``."""
    box = next(b for b in form.findChildren(QVBoxLayout) if b.indexOf(hint) >= 0)
    index = min(box.indexOf(hint), box.indexOf(problem))
    box.removeWidget(problem)
    box.removeWidget(hint)
    place = QWidget(hint.parentWidget())
    place.setObjectName(f"{hint.objectName()}Place")
    grid = QGridLayout(place)
    grid.setContentsMargins(0, 0, 0, 0)
    for label in (hint, problem):
        _keep_size(label)
        grid.addWidget(label, 0, 0)
    place.setMinimumHeight(hint.fontMetrics().lineSpacing() * lines)
    box.insertWidget(index, place)
    _HintOrProblem(hint, problem, place)


class _FormPage(QWizardPage):
    """A wizard page whose body is a Designer form."""

    form_name: ClassVar[str] = ""
    page_title: ClassVar[str] = ""
    page_subtitle: ClassVar[str] = ""

    def __init__(self, owner: FirstStartWizard) -> None:
        super().__init__(owner)
        self.owner = owner
        self.setTitle(self.page_title)
        self.setSubTitle(self.page_subtitle)
        self.ui = load_form(self.form_name, self)

    def _label(self, name: str) -> QLabel:
        return child(self.ui, QLabel, name)

    def _show_problems(self, fields: dict[str, QLabel], only: set[str] | None = None) -> list[str]:
        """Validate the whole draft, show the problems of ``fields`` (or of ``only``)."""
        wanted = set(fields) if only is None else only
        problems = {
            p.field: p.message
            for p in validate_branch_draft(self.owner.draft())
            if p.field in wanted
        }
        for field in wanted:
            show_field_error(fields[field], problems.get(field, ""))
        return [field for field in fields if field in problems]


class WelcomePage(_FormPage):
    form_name = "first_start_welcome"
    page_title = f"欢迎使用{APP_NAME}"
    page_subtitle = "第一次打开程序，先用三步登记本支部。"

    def __init__(self, owner: FirstStartWizard) -> None:
        super().__init__(owner)
        folder = self._label("dataFolderLabel")
        if owner.data_root is not None:
            folder.setText(f"数据将保存在本机的文件夹：{owner.data_root}")
            set_role(folder, "hint")
        else:
            folder.hide()
        # 县局汇总 (issue 21): the other use of a new data folder; the branch stays the default
        self.branch_radio = QRadioButton(BRANCH_USE_TEXT, self.ui)
        self.county_radio = QRadioButton(COUNTY_USE_TEXT, self.ui)
        self.branch_radio.setChecked(True)
        county_hint = QLabel(COUNTY_USE_HINT, self.ui)
        county_hint.setWordWrap(True)
        set_role(county_hint, "hint")
        layout = self.ui.layout()
        assert isinstance(layout, QVBoxLayout)
        for offset, widget in enumerate((self.branch_radio, self.county_radio, county_hint)):
            layout.insertWidget(layout.indexOf(folder) + 1 + offset, widget)
        self.county_radio.toggled.connect(self._use_chosen)

    def _use_chosen(self, county: bool) -> None:
        """完成 in place of 下一步 for 县局汇总: QWizard judges "the last page" only when a
        page is entered, so this page is entered anew (nothing on it is cleared)."""
        self.owner.setOption(QWizard.WizardOption.HaveFinishButtonOnEarlyPages, county)
        self.owner.restart()

    def county_chosen(self) -> bool:
        return self.county_radio.isChecked()

    def nextId(self) -> int:
        return -1 if self.county_chosen() else super().nextId()


class BranchPage(_FormPage):
    form_name = "first_start_branch"
    page_title = "第1步（共3步）：支部名称和上级党组织"
    page_subtitle = "按上级党组织批复的名称和日期填写。"
    FIELDS: ClassVar[tuple[str, ...]] = ("name", "parent_name", "founded_on")

    def __init__(self, owner: FirstStartWizard) -> None:
        super().__init__(owner)
        self.name_edit = child(self.ui, QLineEdit, "nameEdit")
        self.parent_edit = child(self.ui, QLineEdit, "parentEdit")
        self.founded_edit = child(self.ui, QDateEdit, "foundedEdit")
        self.errors = {
            "name": self._label("nameError"),
            "parent_name": self._label("parentError"),
            "founded_on": self._label("foundedError"),
        }
        for label, hint in zip(
            self.errors.values(), ("nameHint", "parentHint", "foundedHint"), strict=True
        ):
            prepare_error_label(label)
            set_role(self._label(hint), "hint")
            in_place_of_hint(self.ui, label, self._label(hint))
        self.parent_edit.setText(DEFAULT_PARENT_ORGANIZATION)
        self.founded_edit.setMinimumDate(FOUNDED_UNSET)
        self.founded_edit.setMaximumDate(QDate.currentDate())
        self.founded_edit.setSpecialValueText("请选择日期")
        self.founded_edit.setDate(FOUNDED_UNSET)
        # The calendar would open at the "not chosen" date in 1921; open it at today instead.
        self.founded_edit.calendarWidget().installEventFilter(self)
        self.founded_edit.installEventFilter(self)

        self.name_edit.editingFinished.connect(lambda: self.check({"name"}))
        self.parent_edit.editingFinished.connect(lambda: self.check({"parent_name"}))
        self.founded_edit.editingFinished.connect(lambda: self.check({"founded_on"}))
        self.name_edit.textChanged.connect(lambda: self._recheck_if_shown("name"))
        self.parent_edit.textChanged.connect(lambda: self._recheck_if_shown("parent_name"))
        self.founded_edit.dateChanged.connect(lambda: self._recheck_if_shown("founded_on"))

    def founded_on(self) -> dt.date | None:
        date = self.founded_edit.date()
        if date <= FOUNDED_UNSET:
            return None
        return dt.date(date.year(), date.month(), date.day())

    def check(self, only: set[str] | None = None) -> list[str]:
        """Show the problems of this page's fields; the names of the fields in error."""
        if not alive(self.name_edit, self.parent_edit, self.founded_edit, *self.errors.values()):
            return []  # leaving a field while the wizard is being closed
        return self._show_problems(self.errors, only)

    def _recheck_if_shown(self, field: str) -> None:
        if not self.errors[field].isHidden():
            self.check({field})

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        unset = self.founded_on() is None
        calendar = self.founded_edit.calendarWidget()
        if watched is calendar and event.type() == QEvent.Type.Show and unset:
            today = QDate.currentDate()
            calendar.setCurrentPage(today.year(), today.month())
        elif (
            watched is self.founded_edit
            and unset
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            # Typing over "请选择日期" would garble it: start from today with the year
            # selected, so that typing 1998 replaces the year.
            stepping = event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            if event.text().isdigit() or stepping:
                self.founded_edit.setDate(QDate.currentDate())
                self.founded_edit.setSelectedSection(QDateTimeEdit.Section.YearSection)
                return stepping  # a digit goes on to replace the year
        return super().eventFilter(watched, event)

    def validatePage(self) -> bool:
        wrong = self.check()
        focus: dict[str, QWidget] = {
            "name": self.name_edit,
            "parent_name": self.parent_edit,
            "founded_on": self.founded_edit,
        }
        if wrong:
            focus[wrong[0]].setFocus()
        return not wrong


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


class SetupPage(_FormPage):
    form_name = "first_start_setup"
    page_title = "第2步（共3步）：组织形式和主题党日"
    page_subtitle = "这几项决定程序以后提醒哪些会议、在哪一天提醒主题党日、从哪一天开始检查。"

    def __init__(self, owner: FirstStartWizard) -> None:
        super().__init__(owner)
        self.committee_radio = child(self.ui, QRadioButton, "committeeRadio")
        self.secretary_radio = child(self.ui, QRadioButton, "secretaryRadio")
        self.theme_day_spin = child(self.ui, QSpinBox, "themeDaySpin")
        self.organization_error = self._label("organizationError")
        self.theme_day_error = self._label("themeDayError")
        prepare_error_label(self.organization_error)
        prepare_error_label(self.theme_day_error)
        set_role(self._label("organizationHint"), "hint")
        set_role(self._label("themeDayHint"), "hint")
        in_place_of_hint(self.ui, self.organization_error, self._label("organizationHint"))
        in_place_of_hint(self.ui, self.theme_day_error, self._label("themeDayHint"))
        self.committee_radio.setText(COMMITTEE_TEXT)
        self.secretary_radio.setText(SECRETARY_TEXT)
        self.committee_radio.toggled.connect(self._organization_chosen)
        self.secretary_radio.toggled.connect(self._organization_chosen)
        self.theme_day_spin.valueChanged.connect(lambda _value: self.check_theme_day())
        # 从哪一天开始在本程序记录: the start of this month unless changed; never before
        # the founding (set when the page opens) nor after today.
        self.records_from_edit = child(self.ui, QDateEdit, "recordsFromEdit")
        self.records_from_error = self._label("recordsFromError")
        prepare_error_label(self.records_from_error)
        set_role(self._label("recordsFromHint"), "hint")
        in_place_of_hint(self.ui, self.records_from_error, self._label("recordsFromHint"))
        today = dt.date.today()
        self.records_from_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        start = month_start(today)
        self.records_from_edit.setDate(QDate(start.year, start.month, start.day))
        self.records_from_edit.dateChanged.connect(lambda _date: self.check_records_from())

    def initializePage(self) -> None:
        founded = self.owner.branch_page.founded_on()
        if founded is not None:  # a branch founded this month keeps its records from then
            self.records_from_edit.setMinimumDate(QDate(founded.year, founded.month, founded.day))

    def records_from(self) -> dt.date:
        return py_date(self.records_from_edit.date())

    def check_records_from(self) -> bool:
        return not self._show_problems({"records_from": self.records_from_error})

    def has_committee(self) -> bool | None:
        """True/False once chosen, None while neither option is picked."""
        if self.committee_radio.isChecked():
            return True
        if self.secretary_radio.isChecked():
            return False
        return None

    def _organization_chosen(self) -> None:
        if self.has_committee() is not None:
            show_field_error(self.organization_error, "")

    def check_theme_day(self) -> bool:
        wrong = self._show_problems({"theme_day_of_month": self.theme_day_error})
        return not wrong

    def validatePage(self) -> bool:
        ok = True
        if self.has_committee() is None:
            show_field_error(
                self.organization_error,
                "请选择本支部的组织形式：正式党员7人及以上选第一项，不足7人选第二项。",
            )
            self.committee_radio.setFocus()
            ok = False
        if not self.check_theme_day():
            if ok:
                self.theme_day_spin.setFocus()
            ok = False
        if not self.check_records_from():
            if ok:
                self.records_from_edit.setFocus()
            ok = False
        return ok


class ReviewPage(_FormPage):
    form_name = "first_start_review"
    page_title = "第3步（共3步）：核对并保存"
    page_subtitle = "请核对以下信息。"

    def __init__(self, owner: FirstStartWizard) -> None:
        super().__init__(owner)
        self.values = {
            key: self._label(name)
            for key, name in (
                ("name", "reviewName"),
                ("parent_name", "reviewParent"),
                ("founded_on", "reviewFounded"),
                ("organization", "reviewOrganization"),
                ("theme_day", "reviewThemeDay"),
                ("records_from", "reviewRecordsFrom"),
            )
        }
        for label in self.values.values():
            label.setTextFormat(Qt.TextFormat.PlainText)  # a name is never markup
            label.setFont(scaled_font(1.0, bold=True))

    def initializePage(self) -> None:
        draft = self.owner.draft()
        self.values["name"].setText(draft.name.strip())
        self.values["parent_name"].setText(draft.parent_name.strip())
        self.values["founded_on"].setText(
            chinese_date(draft.founded_on) if draft.founded_on else "（未填写）"
        )
        self.values["organization"].setText(
            COMMITTEE_TEXT if draft.has_committee else SECRETARY_TEXT
        )
        self.values["theme_day"].setText(f"每月{draft.theme_day_of_month}日")
        self.values["records_from"].setText(
            chinese_date(draft.records_from) if draft.records_from else "支部成立之日"
        )

    def summary(self) -> dict[str, str]:
        """What the review page shows, by field (for tests and screen readers)."""
        return {key: label.text() for key, label in self.values.items()}


class FirstStartWizard(QWizard):
    """Registers the branch. ``created`` holds it after 完成; cancelling writes nothing."""

    PAGES: ClassVar[tuple[type[_FormPage], ...]] = (WelcomePage, BranchPage, SetupPage, ReviewPage)

    def __init__(self, parent: QWidget | None = None, *, data_root: Path | None = None) -> None:
        super().__init__(parent)
        self.data_root = data_root
        self.created: BranchInfo | None = None
        self.opened_inputs = OpenedInputs(self)
        self.setWindowTitle(WINDOW_TITLE)
        self.setWindowIcon(app_icon())
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, QPixmap(app_icon().pixmap(48, 48)))
        self.pages: list[_FormPage] = []
        for page_type in self.PAGES:
            page = page_type(self)
            self.pages.append(page)
            self.addPage(page)
        self.resize(760, 560)

    def page_of(self, kind: type[PageT]) -> PageT:
        for page in self.pages:
            if isinstance(page, kind):
                return page
        raise LookupError(kind.__name__)

    @property
    def branch_page(self) -> BranchPage:
        return self.page_of(BranchPage)

    @property
    def setup_page(self) -> SetupPage:
        return self.page_of(SetupPage)

    @property
    def review_page(self) -> ReviewPage:
        return self.page_of(ReviewPage)

    def draft(self) -> BranchDraft:
        """What the pages hold right now (nothing is saved)."""
        branch = self.branch_page
        setup = self.setup_page
        return BranchDraft(
            name=branch.name_edit.text(),
            parent_name=branch.parent_edit.text(),
            founded_on=branch.founded_on(),
            has_committee=bool(setup.has_committee()),
            theme_day_of_month=setup.theme_day_spin.value(),
            records_from=setup.records_from(),
        )

    def showEvent(self, event: QShowEvent) -> None:
        self.opened_inputs.shown()
        super().showEvent(event)

    def reject(self) -> None:
        """取消, Esc or ✕: asks first when something was typed (nothing is saved yet)."""
        if self.opened_inputs.typed() and not messages.ask_discard(self, title=WINDOW_TITLE):
            return
        super().reject()

    def accept(self) -> None:
        if self.page_of(WelcomePage).county_chosen():  # 县局汇总: no branch to register
            from jianshi_desktop.services.county import make_county_folder

            try:
                make_county_folder()
            except UserError as exc:
                messages.show_error(self, exc, title="无法用于县局汇总")
                return
            super().accept()
            return
        try:
            self.created = create_branch(self.draft())
        except UserError as exc:
            messages.show_error(self, exc, title="无法建立支部")
            return
        super().accept()
