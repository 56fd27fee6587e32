"""The member form (``ui/member_dialog.ui``): add a member, edit one, or register a 转入.

Each field is checked when it is left (and again as it is corrected), and all of them on
保存, with :func:`services.members.check_member`; each problem is shown beside its field.
Errors block saving, warnings (no ID number yet) do not. A valid ID number fills 出生日期
and 性别 when they are empty. Groups, 民族, 学历 and 岗位 offer what the roster already
holds, so nothing is typed twice.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import ClassVar, Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import Gender, MemberState, MemberStatus
from jianshi_desktop.domain.idcard import IdFacts, normalise_id_number, parse_id_number
from jianshi_desktop.domain.members import MemberFields, expected_full_member_date, validate_member
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common.date_input import DateInput
from jianshi_desktop.gui.common.forms import child
from jianshi_desktop.gui.common.widgets import alive, set_role, show_problem
from jianshi_desktop.gui.dues.bases import PaidThroughField
from jianshi_desktop.gui.members.base import FormDialog
from jianshi_desktop.services.members import (
    MemberRow,
    add_member,
    check_member,
    get_member,
    get_member_fields,
    list_members,
    member_history,
    normalise_fields,
    record_transfer_in,
    update_member,
)
from jianshi_desktop.services.organization import list_groups

Mode = Literal["add", "edit", "transfer_in"]

COMMON_ETHNICITIES = (
    "汉族",
    "土家族",
    "苗族",
    "侗族",
    "白族",
    "回族",
    "蒙古族",
    "满族",
    "壮族",
    "彝族",
    "瑶族",
)
COMMON_EDUCATIONS = ("研究生", "大学本科", "大学专科", "中专", "高中", "初中及以下")

# field of MemberFields (or of the 转入 part) → (error label, widget to focus) in the form
ERROR_LABELS = {
    "name": "nameError",
    "id_number": "idError",
    "gender": "genderError",
    "birth_date": "birthError",
    "ethnicity": "ethnicityError",
    "education": "educationError",
    "position": "positionError",
    "phone": "phoneError",
    "status": "statusError",
    "joined_on": "joinedError",
    "full_member_on": "fullError",
    "party_group": "groupError",
    "notes": "notesError",
    "occurred_on": "transferDateError",
    "letter_no": "letterError",
    "counterpart": "counterpartError",
}
FORM_ORDER = (
    "occurred_on",
    "letter_no",
    "counterpart",
    "dues_paid_through",
    "name",
    "id_number",
    "gender",
    "birth_date",
    "ethnicity",
    "education",
    "position",
    "phone",
    "status",
    "joined_on",
    "full_member_on",
    "party_group",
    "notes",
)
TITLES: dict[Mode, str] = {"add": "添加党员", "edit": "编辑党员信息", "transfer_in": "转入党员"}


def _by_frequency(values: list[str], common: tuple[str, ...] = ()) -> list[str]:
    """What the roster holds, most used first, then the common ones not yet used."""
    counted = [value for value, _n in Counter(v for v in values if v).most_common()]
    return counted + [value for value in common if value not in counted]


def editor_of(combo: QComboBox) -> QLineEdit:
    """The line edit of an editable combo box (the form makes them editable)."""
    line = combo.lineEdit()
    if line is None:
        raise LookupError(f"{combo.objectName()} is not editable")
    return line


def history_lines(member_id: int) -> list[str]:
    lines = []
    for event in member_history(member_id):
        note = f"：{event.note}" if event.note else ""
        lines.append(f"{format_date(event.occurred_on)}　{event.kind.label}{note}")
    return lines


def state_text(row: MemberRow) -> str:
    if row.state is MemberState.ACTIVE:
        return ""
    when = f"（{format_date(row.left_on)}）" if row.left_on else ""
    return (
        f"{row.name}{row.state.label}{when}，已不计入在册人数。"
        "这里仍可更正登记的信息；变动经过见右下方的“变动记录”。"
    )


class MemberDialog(FormDialog):
    """添加党员 / 编辑党员信息 / 转入党员. ``saved_id`` holds the member after 保存."""

    form_name = "member_dialog"
    DATE_FIELDS: ClassVar[dict[str, str]] = {
        "birth_date": "birth",
        "joined_on": "joined",
        "full_member_on": "full",
        "occurred_on": "transferDate",
    }

    def __init__(
        self, parent: QWidget | None = None, *, mode: Mode = "add", member_id: int | None = None
    ) -> None:
        super().__init__(parent)
        if mode == "edit" and member_id is None:
            raise ValueError("editing needs a member")
        self.mode: Mode = mode
        self.member_id = member_id
        self.saved_id: int | None = None
        self.setObjectName("memberDialog")
        self.setWindowTitle(TITLES[mode])
        self._find_widgets()
        self.error_labels(ERROR_LABELS)
        self.paid_through = PaidThroughField(  # 党费交至, on the 介绍信 (may stay empty)
            self.ui,
            child(self.ui, QFormLayout, "transferForm"),
            after=self.label("counterpartLabel"),
            leaving=False,
        )
        self.errors["dues_paid_through"] = self.paid_through.error
        for hint in ("idHint", "joinedHint", "fullHint", "groupHint"):
            set_role(self.label(hint), "hint")
        self.full_hint = self.label("fullHint")
        self.group_hint = self.label("groupHint")
        self._fill_choices()
        self.transfer_group.setVisible(mode == "transfer_in")
        self.history_group.setVisible(mode == "edit")
        self.state_label.setVisible(False)
        if mode == "edit":
            assert member_id is not None
            self._load(member_id)
        elif mode == "transfer_in":
            self.dates["occurred_on"].set_date(dt.date.today())
        self._status_changed()
        self._group_typed()
        self._connect()
        self._wire_primary("保存")
        self.setMinimumWidth(min(980, self._available_width()))
        (self.letter_edit if mode == "transfer_in" else self.name_edit).setFocus()

    # --- building -----------------------------------------------------------------------

    def _available_width(self) -> int:
        screen = self.screen()
        return screen.availableGeometry().width() - 40 if screen is not None else 980

    def _find_widgets(self) -> None:
        ui = self.ui
        self.state_label = child(ui, QLabel, "stateLabel")
        self.transfer_group = child(ui, QGroupBox, "transferGroup")
        self.history_group = child(ui, QGroupBox, "historyGroup")
        self.history_list = child(ui, QListWidget, "historyList")
        self.name_edit = child(ui, QLineEdit, "nameEdit")
        self.id_edit = child(ui, QLineEdit, "idEdit")
        self.gender_combo = child(ui, QComboBox, "genderCombo")
        self.ethnicity_combo = child(ui, QComboBox, "ethnicityCombo")
        self.education_combo = child(ui, QComboBox, "educationCombo")
        self.position_edit = child(ui, QLineEdit, "positionEdit")
        self.phone_edit = child(ui, QLineEdit, "phoneEdit")
        self.status_combo = child(ui, QComboBox, "statusCombo")
        self.group_combo = child(ui, QComboBox, "groupCombo")
        self.notes_edit = child(ui, QPlainTextEdit, "notesEdit")
        self.letter_edit = child(ui, QLineEdit, "letterEdit")
        self.counterpart_edit = child(ui, QLineEdit, "counterpartEdit")
        self.dates = {
            field: DateInput.in_form(ui, prefix) for field, prefix in self.DATE_FIELDS.items()
        }
        self.history_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history_list.setSelectionMode(QListWidget.SelectionMode.NoSelection)

    def _fill_choices(self) -> None:
        """Choices from what exists: groups, and the 民族/学历/岗位 the roster already holds."""
        rows = list_members(include_left=True)
        self.gender_combo.setPlaceholderText("请选择")
        self.gender_combo.setCurrentIndex(-1)
        self.gender_combo.setMinimumContentsLength(6)
        for combo, values, common, placeholder in (
            (
                self.ethnicity_combo,
                [r.ethnicity for r in rows],
                COMMON_ETHNICITIES,
                "选择或输入，如 土家族",
            ),
            (
                self.education_combo,
                [r.education for r in rows],
                COMMON_EDUCATIONS,
                "选择或输入，如 大学本科",
            ),
        ):
            combo.addItems(_by_frequency(values, common))
            combo.setCurrentIndex(-1)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            line = editor_of(combo)
            line.setPlaceholderText(placeholder)
            line.setMaxLength(20)
        positions = _by_frequency([r.position for r in rows])
        completer = QCompleter(positions, self.position_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.position_edit.setCompleter(completer)
        self.known_groups = [group.name for group in list_groups()]
        self.group_combo.addItems(self.known_groups)
        self.group_combo.setCurrentIndex(-1)
        self.group_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        group_line = editor_of(self.group_combo)
        group_line.setPlaceholderText("不分组可不填；输入新名称即新建党小组")
        group_line.setMaxLength(30)

    def _load(self, member_id: int) -> None:
        fields = get_member_fields(member_id)
        row = get_member(member_id)
        self.setWindowTitle(f"{TITLES['edit']} — {fields.name}")
        self.name_edit.setText(fields.name)
        self.id_edit.setText(fields.id_number)  # full: it is being edited
        if fields.gender is not None:
            self.gender_combo.setCurrentText(fields.gender.label)
        self.ethnicity_combo.setCurrentText(fields.ethnicity)
        self.dates["birth_date"].set_date(fields.birth_date)
        self.education_combo.setCurrentText(fields.education)
        self.position_edit.setText(fields.position)
        self.phone_edit.setText(fields.phone)
        self.status_combo.setCurrentText(fields.status.label)
        self.dates["joined_on"].set_date(fields.joined_on)
        self.dates["full_member_on"].set_date(fields.full_member_on)
        self.group_combo.setCurrentText(fields.party_group)
        self.notes_edit.setPlainText(fields.notes)
        self.history_list.addItems(history_lines(member_id) or ["（还没有变动记录）"])
        from jianshi_desktop.gui.member_appraisals.member_line import ratings_text

        appraisals = QLabel(ratings_text(member_id), self.history_group)  # 民主评议 by year
        appraisals.setObjectName("appraisalLabel")
        appraisals.setWordWrap(True)
        appraisals.setVisible(bool(appraisals.text()))
        from jianshi_desktop.services.dues_arrears import member_line

        dues_line = QLabel(member_line(member_id, dt.date.today()), self.history_group)
        dues_line.setObjectName("duesLabel")  # 党费：交至… or 党费：已N个月未交（…）
        dues_line.setWordWrap(True)
        dues_line.setVisible(bool(dues_line.text()))
        history_layout = self.history_group.layout()
        if history_layout is not None:
            history_layout.addWidget(appraisals)
            history_layout.addWidget(dues_line)
            from jianshi_desktop.gui.members.leaders import member_lines

            for label in member_lines(member_id, self.history_group):  # 班子成员, 表彰
                history_layout.addWidget(label)
        text = state_text(row)
        self.state_label.setText(text)
        self.state_label.setVisible(bool(text))
        if text:
            set_role(self.state_label, "notice")

    def _connect(self) -> None:
        watched: dict[str, QLineEdit] = {
            "name": self.name_edit,
            "id_number": self.id_edit,
            "phone": self.phone_edit,
            "position": self.position_edit,
            "letter_no": self.letter_edit,
            "counterpart": self.counterpart_edit,
        }
        for field, edit in watched.items():
            edit.editingFinished.connect(lambda f=field: self.check({f}))
            edit.textChanged.connect(lambda _t, f=field: self._recheck_shown(f))
        self.id_edit.textChanged.connect(self._id_typed)
        for field, date_input in self.dates.items():
            date_input.finished.connect(lambda f=field: self.check({f}))
            date_input.changed.connect(lambda f=field: self._recheck_shown(f))
        self.dates["joined_on"].changed.connect(self._update_expected)
        self.gender_combo.currentIndexChanged.connect(lambda _i: self.check({"gender"}))
        self.status_combo.currentIndexChanged.connect(lambda _i: self._status_changed())
        self.group_combo.editTextChanged.connect(lambda _t: self._group_typed())

    # --- what the form holds ------------------------------------------------------------

    def status(self) -> MemberStatus:
        return MemberStatus.from_label(self.status_combo.currentText())  # type: ignore[return-value]

    def gender(self) -> Gender | None:
        text = self.gender_combo.currentText()
        return Gender.from_label(text) if text else None  # type: ignore[return-value]

    def fields(self) -> MemberFields:
        """What the form holds now (an unreadable date counts as empty here)."""
        probationary = self.status() is MemberStatus.PROBATIONARY
        return MemberFields(
            name=self.name_edit.text(),
            id_number=self.id_edit.text(),
            gender=self.gender(),
            ethnicity=self.ethnicity_combo.currentText(),
            birth_date=self.dates["birth_date"].value(),
            education=self.education_combo.currentText(),
            position=self.position_edit.text(),
            phone=self.phone_edit.text(),
            joined_on=self.dates["joined_on"].value(),
            full_member_on=None if probationary else self.dates["full_member_on"].value(),
            status=self.status(),
            party_group=self.group_combo.currentText(),
            notes=self.notes_edit.toPlainText(),
        )

    def _active_dates(self) -> dict[str, DateInput]:
        dates = dict(self.dates)
        if self.status() is MemberStatus.PROBATIONARY:
            del dates["full_member_on"]
        if self.mode != "transfer_in":
            del dates["occurred_on"]
        return dates

    def problems(self) -> dict[str, Problem]:
        """Every field's first problem (an error before a warning), in form order."""
        found: dict[str, Problem] = {}
        for field, date_input in self._active_dates().items():
            message = date_input.problem()
            if message:
                found[field] = Problem(field, message)
        if self.mode == "transfer_in":
            if self.dates["occurred_on"].text().strip() == "":
                found["occurred_on"] = Problem("occurred_on", "请填写转入日期（介绍信上的日期）。")
            if not self.letter_edit.text().strip():
                found["letter_no"] = Problem("letter_no", "请填写组织关系介绍信编号。")
            if self.paid_through.problem():
                found["dues_paid_through"] = Problem(
                    "dues_paid_through", self.paid_through.problem()
                )
            # A member who left earlier may come back with the same ID number: the service
            # decides that on 保存, so only the field rules are checked here.
            checked = validate_member(normalise_fields(self.fields()))
        else:
            checked = check_member(self.fields(), member_id=self.member_id)
        for problem in checked:
            known = found.get(problem.field)
            if known is None or (problem.is_error and not known.is_error):
                found[problem.field] = problem
        return {field: found[field] for field in FORM_ORDER if field in found}

    def check(self, only: set[str] | None = None) -> dict[str, Problem]:
        """Show the problems of ``only`` (all fields when None) and of every field whose
        problem is on screen (it may be fixed now); the problems found."""
        if self.closing() or not alive(self.status_combo, self.gender_combo, self.group_combo):
            return {}
        found = self.problems()
        shown = {field for field, label in self.errors.items() if not label.isHidden()}
        wanted = set(self.errors) if only is None else (only | shown)
        for field in wanted:
            show_problem(self.errors[field], found.get(field))
        self.fit_height()
        return found

    def _recheck_shown(self, field: str) -> None:
        if not self.closing() and not self.errors[field].isHidden():
            self.check({field})

    # --- reacting to typing -------------------------------------------------------------

    def _id_typed(self, text: str) -> None:
        """A complete ID number is checked at once and fills 出生日期 and 性别 if empty."""
        number = normalise_id_number(text)
        if len(number) < 18:
            return
        facts = parse_id_number(number)
        if isinstance(facts, IdFacts):
            if not self.dates["birth_date"].text().strip():
                self.dates["birth_date"].set_date(facts.birth_date)
            if self.gender() is None:
                expected = Gender.MALE if facts.is_male else Gender.FEMALE
                self.gender_combo.setCurrentText(expected.label)
        self.check({"id_number"})

    def _status_changed(self) -> None:
        probationary = self.status() is MemberStatus.PROBATIONARY
        full = self.dates["full_member_on"]
        full.set_enabled(not probationary)
        full.edit.setPlaceholderText("预备党员不填" if probationary else full.placeholder)
        self._update_expected()
        self._recheck_shown("full_member_on")

    def _update_expected(self) -> None:
        """A probationary member's 预计转正时间 (joined + 1 year), shown under 转正时间."""
        if self.status() is not MemberStatus.PROBATIONARY:
            self.full_hint.setVisible(False)
            return
        joined = self.dates["joined_on"].value()
        if joined is None:
            text = "预备党员不填转正时间；填好入党时间后，这里显示预计转正时间。"
        else:
            due = expected_full_member_date(joined)
            expected = format_date(due)
            if due <= dt.date.today():
                text = f"预备党员，预备期已于{expected}满一年，请及时用“转正”办理。"
            else:
                text = f"预备党员，预计转正时间：{expected}（入党满一年）。到期后请用“转正”办理。"
        self.full_hint.setText(text)
        self.full_hint.setVisible(True)

    def _group_typed(self) -> None:
        name = self.group_combo.currentText().strip()
        if name and name not in self.known_groups:
            self.group_hint.setText(f"保存时将新建党小组“{name}”。")
            self.group_hint.setVisible(True)
        else:
            self.group_hint.setVisible(False)

    # --- 保存 ------------------------------------------------------------------------------

    def focus_field(self, field: str) -> None:
        widgets: dict[str, QWidget] = {
            "name": self.name_edit,
            "id_number": self.id_edit,
            "gender": self.gender_combo,
            "ethnicity": self.ethnicity_combo,
            "education": self.education_combo,
            "position": self.position_edit,
            "phone": self.phone_edit,
            "status": self.status_combo,
            "party_group": self.group_combo,
            "notes": self.notes_edit,
            "letter_no": self.letter_edit,
            "counterpart": self.counterpart_edit,
            "dues_paid_through": self.paid_through.edit,
        }
        widgets.update({f: d.edit for f, d in self.dates.items()})
        if field in widgets:
            widgets[field].setFocus()

    def save(self) -> None:
        found = self.check()
        errors = [field for field, problem in found.items() if problem.is_error]
        if errors:
            self.focus_field(errors[0])
            return
        fields = self.fields()
        try:
            if self.mode == "add":
                self.saved_id = add_member(fields)
            elif self.mode == "edit":
                assert self.member_id is not None
                update_member(self.member_id, fields)
                self.saved_id = self.member_id
            else:
                on = self.dates["occurred_on"].value()
                assert on is not None
                self.saved_id = record_transfer_in(
                    fields,
                    on=on,
                    letter_no=self.letter_edit.text(),
                    counterpart=self.counterpart_edit.text(),
                    dues_paid_through=self.paid_through.value(),
                )
        except UserError as exc:
            self.show_service_error(exc, title="没有保存")
            field = getattr(exc, "field", "")
            if field:
                self.focus_field(field)
            return
        self.accept()
