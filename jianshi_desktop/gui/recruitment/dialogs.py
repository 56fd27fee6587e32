"""The dialogs of a 发展党员 file: the person (新建发展档案 with the application's day, or
修改信息), one step taken (记录此步 / 修改), and 终止培养.

Every problem is shown beside its field in the words of the service; a step's warning (a
step later than the rules allow) is shown first and accepted by pressing 确定 again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import Gender, MemberStatus
from jianshi_desktop.domain.idcard import IdFacts, parse_id_number
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.recruitment import StepRule, Window
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.date_input import DateInput
from jianshi_desktop.gui.common.widgets import (
    error_label,
    make_primary,
    set_role,
    show_problem,
)
from jianshi_desktop.gui.records.attachments import AttachmentsEditor
from jianshi_desktop.services import history
from jianshi_desktop.services import recruitment as service
from jianshi_desktop.services.recruitment import (
    RecruitmentFields,
    StepForm,
    decision_meetings,
    usual_meeting,
)

LETTER_BUTTONS = (
    (
        "添加入党申请书…",
        "选择入党申请书的扫描件或照片",
        "图片或 PDF (*.jpg *.jpeg *.png *.pdf);;所有文件 (*)",
        None,
    ),
)
STEP_BUTTONS = (("添加材料…", "选择这一步的材料（扫描件、照片或文档）", "所有文件 (*)", None),)


def _date_field(parent: QWidget) -> tuple[QWidget, DateInput]:
    box = QWidget(parent)
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    edit = QLineEdit(box)
    button = QToolButton(box)
    row.addWidget(edit)
    row.addWidget(button)
    row.addStretch(1)
    field = DateInput(edit, button)
    edit.setMinimumWidth(edit.maximumWidth())
    return box, field


def _fit(dialog: QDialog) -> None:
    """Tall enough for the messages just shown beside the fields."""
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
    dialog.resize(dialog.width(), max(dialog.height(), dialog.sizeHint().height()))


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    make_primary(ok)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.rejected.connect(dialog.reject)
    return buttons


class PersonDialog(QDialog):
    """新建发展档案 (``recruitment_id`` None: with 递交入党申请书日期 and the letter) or
    修改信息 of a file. ``saved`` carries the file's id."""

    saved = Signal(int)

    def __init__(
        self,
        attachments_dir: Path,
        parent: QWidget | None = None,
        *,
        recruitment_id: int | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.recruitment_id = recruitment_id
        self.today = today
        new = recruitment_id is None
        self.setWindowTitle("新建发展档案" if new else "修改信息")
        self.setObjectName("recruitmentPersonDialog")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.errors: dict[str, QLabel] = {}

        def add(label: str, widget: QWidget, key: str) -> None:
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(widget)
            error = error_label(self)
            column.addWidget(error)
            self.errors[key] = error
            form.addRow(label, column)

        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(30)
        add("姓名", self.name_edit, "name")
        self.id_edit = QLineEdit(self)
        self.id_edit.setMaxLength(22)
        self.id_edit.setPlaceholderText("18位，性别和出生日期从号码中读出")
        add("身份证号", self.id_edit, "id_number")
        self.gender_combo = QComboBox(self)
        self.gender_combo.addItem("请选择", None)
        for gender in Gender:
            self.gender_combo.addItem(gender.label, gender)
        add("性别", self.gender_combo, "gender")
        birth_box, self.birth_input = _date_field(self)
        add("出生日期", birth_box, "birth_date")
        self.ethnicity_edit = QLineEdit(self)
        self.ethnicity_edit.setPlaceholderText("如 汉族、土家族")
        add("民族", self.ethnicity_edit, "ethnicity")
        self.education_edit = QLineEdit(self)
        self.education_edit.setPlaceholderText("如 大学本科")
        add("学历", self.education_edit, "education")
        self.position_edit = QLineEdit(self)
        self.position_edit.setPlaceholderText("如 语文教师、教务主任")
        add("岗位/职务", self.position_edit, "position")
        self.phone_edit = QLineEdit(self)
        add("联系电话", self.phone_edit, "phone")
        self.backbone_box = QCheckBox("是教学业务骨干", self)
        self.backbone_box.setToolTip("建教党〔2020〕9号：真正将教学业务骨干培养发展成为党员")
        add("教学业务骨干", self.backbone_box, "backbone")
        self.notes_edit = QLineEdit(self)
        add("备注", self.notes_edit, "notes")
        self.id_edit.editingFinished.connect(self._id_left)

        self.attachments: AttachmentsEditor | None = None
        self.applied_input: DateInput | None = None
        if new:
            applied_box, self.applied_input = _date_field(self)
            self.applied_input.set_date(today())
            add("递交入党申请书日期", applied_box, "done_on")
            self.attachments = AttachmentsEditor(
                attachments_dir,
                self,
                add_buttons=LETTER_BUTTONS,
                empty_text="可以附上入党申请书的扫描件或照片（可不附）。",
            )
            self.attachments.setMinimumHeight(110)
            layout.addWidget(self.attachments)
        elif recruitment_id is not None:
            self._fill(service.person_fields(recruitment_id))
        self.general_error = error_label(self)
        layout.addWidget(self.general_error)
        buttons = _buttons(self, "建立档案" if new else "保存")
        buttons.accepted.connect(self.save)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _fill(self, fields: RecruitmentFields) -> None:
        self.name_edit.setText(fields.name)
        self.id_edit.setText(fields.id_number)
        self.gender_combo.setCurrentIndex(max(0, self.gender_combo.findData(fields.gender)))
        self.birth_input.set_date(fields.birth_date)
        self.ethnicity_edit.setText(fields.ethnicity)
        self.education_edit.setText(fields.education)
        self.position_edit.setText(fields.position)
        self.phone_edit.setText(fields.phone)
        self.backbone_box.setChecked(fields.backbone)
        self.notes_edit.setText(fields.notes)

    def _id_left(self) -> None:
        """A valid number fills 性别 and 出生日期 (the number is what counts)."""
        facts = parse_id_number(self.id_edit.text(), today=self.today())
        if isinstance(facts, IdFacts):
            gender = Gender.MALE if facts.is_male else Gender.FEMALE
            self.gender_combo.setCurrentIndex(self.gender_combo.findData(gender))
            self.birth_input.set_date(facts.birth_date)

    def fields(self) -> RecruitmentFields:
        self._id_left()
        return RecruitmentFields(
            name=self.name_edit.text(),
            id_number=self.id_edit.text(),
            gender=self.gender_combo.currentData(),
            ethnicity=self.ethnicity_edit.text(),
            birth_date=self.birth_input.value(),
            education=self.education_edit.text(),
            position=self.position_edit.text(),
            phone=self.phone_edit.text(),
            backbone=self.backbone_box.isChecked(),
            notes=self.notes_edit.text(),
        )

    def problems(self) -> list[Problem]:
        fields = self.fields()
        problems = service.check_person(
            fields, recruitment_id=self.recruitment_id, today=self.today()
        )
        if self.birth_input.problem():
            problems.append(Problem("birth_date", self.birth_input.problem()))
        if self.applied_input is not None:
            applied = self.applied_input.value()
            if applied is None:
                problems.append(
                    Problem(
                        "done_on", self.applied_input.problem() or "请填写递交入党申请书的日期。"
                    )
                )
            else:
                from jianshi_desktop.domain import recruitment as rules_

                facts = rules_.FileFacts.of((), birth_date=fields.birth_date)
                problems.extend(
                    rules_.step_problems(service.rules(), facts, 1, applied, today=self.today())
                )
        return problems

    def show_problems(self, problems: Sequence[Problem]) -> None:
        shown: dict[str, Problem] = {}
        rest: list[str] = []
        for problem in problems:
            if problem.field in self.errors:
                shown.setdefault(problem.field, problem)
            else:
                rest.append(problem.message)
        for key, label in self.errors.items():
            show_problem(label, shown.get(key))
        show_problem(self.general_error, Problem("", "\n".join(rest)) if rest else None)
        _fit(self)

    def save(self) -> None:
        problems = self.problems()
        self.show_problems(problems)
        if any(p.is_error for p in problems):
            return
        try:
            if self.recruitment_id is None:
                assert self.applied_input is not None and self.attachments is not None
                applied = self.applied_input.value()
                assert applied is not None
                saved = service.new_recruitment(
                    self.fields(),
                    applied_on=applied,
                    today=self.today(),
                    attachments=self.attachments.entries(),
                )
            else:
                service.update_person(self.recruitment_id, self.fields(), today=self.today())
                saved = self.recruitment_id
        except UserError as exc:
            messages.show_error(self, exc, title=self.windowTitle())
            return
        self.saved.emit(saved)
        self.accept()


def window_text(spot: Window | None, today: dt.date) -> tuple[str, bool]:
    """「应在2027年3月1日前」/「可在…起」 for a step not done, and whether it is overdue."""
    if spot is None:
        return "", False
    if spot.missing:
        names = "、".join(f"第{n}步" for n in spot.missing)
        return f"先完成{names}", False
    if spot.latest is not None:
        late = spot.latest < today
        text = f"应在{format_date(spot.latest)}前"
        return (f"已逾期（{text}）" if late else text), late
    if spot.earliest is not None and spot.earliest > today:
        return f"可在{format_date(spot.earliest)}起", False
    return "现在可以做", False


# what a decided step typed by hand does to the roster, as a meeting's would
HAND_EFFECT = {
    15: "；登记后此人从这一天起列入党员名册，为预备党员（名册中已有的，按身份证号码关联）。",
    23: "；登记后此人从这一天起为正式党员。",
}


class StepDialog(QDialog):
    """记录此步 (``step_id`` None) or 修改 a recorded step of a file. ``saved`` when done."""

    saved = Signal()
    # 去记录支委会…: a new meeting of that kind (its value) for the decision
    meetings_requested = Signal(str)

    def __init__(
        self,
        recruitment_id: int,
        no: int,
        attachments_dir: Path,
        parent: QWidget | None = None,
        *,
        step: service.StepRecord | None = None,
        default_day: dt.date | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.recruitment_id = recruitment_id
        self.rule: StepRule = service.rules().step(no)
        self.step = step
        self.today = today
        self.accepted_warnings: list[str] = []
        self.setObjectName("recruitmentStepDialog")
        self.setWindowTitle(("修改 " if step else "记录 ") + self.rule.title)
        layout = QVBoxLayout(self)
        heading = QLabel(f"{self.rule.title}（{self.rule.actor.label}）", self)
        set_role(heading, "heading2")
        layout.addWidget(heading)
        if self.rule.documents:
            docs = QLabel("材料：" + "、".join(self.rule.documents), self)
            set_role(docs, "hint")
            layout.addWidget(docs)

        self.meeting_notice: QLabel | None = None
        self.meetings_button: QPushButton | None = None
        if self.rule.decided_by is not None and (step is None or step.meeting_id is None):
            meeting = "或".join(k.label for k in sorted(decision_meetings(self.rule.decided_by)))
            self.usual_meeting = usual_meeting(self.rule.decided_by)
            start = service.meetings_recorded_from()
            self.meeting_notice = QLabel(
                f"这一步由{meeting}表决决定：在{meeting}的会议记录里，决议选“"
                f"{self.rule.decided_by.label}”并选中此人，会议完成后这一步自动记入档案。"
                f"本支部从{format_date(start)}起在本程序记录会议，在此之前做的，可以在这里直接登记日期"
                + HAND_EFFECT.get(self.rule.no, "。"),
                self,
            )
            self.meeting_notice.setWordWrap(True)
            set_role(self.meeting_notice, "notice")
            layout.addWidget(self.meeting_notice)
            self.meetings_button = QPushButton(f"记录一次{self.usual_meeting.label}…", self)
            self.meetings_button.setToolTip(
                f"新建一份{self.usual_meeting.label}记录；在“会议内容”一步点“发展党员表决…”选人"
            )
            self.meetings_button.setAutoDefault(False)
            self.meetings_button.clicked.connect(self._to_meetings)
            row = QHBoxLayout()
            row.addWidget(self.meetings_button)
            row.addStretch(1)
            layout.addLayout(row)

        form = QFormLayout()
        layout.addLayout(form)
        date_box, self.date_input = _date_field(self)
        self.date_error = error_label(self)
        column = QVBoxLayout()
        column.addWidget(date_box)
        column.addWidget(self.date_error)
        form.addRow("日期", column)
        if step is not None and step.meeting_id is not None:
            self.date_input.set_enabled(False)
            self.date_input.edit.setToolTip("由会议决定的，日期就是会议日期。")

        self.people_list: QListWidget | None = None
        self.people_error = error_label(self)
        if self.rule.people is not None:
            people = self.rule.people
            self.people_list = QListWidget(self)
            self.people_list.setObjectName("peopleList")
            self.people_list.setMaximumHeight(150)
            self.people_list.setAccessibleName(people.role.label)
            hint = (
                f"勾选{people.least}至{people.most}名"
                if people.least != people.most
                else f"勾选{people.least}名"
            )
            if people.full_members:
                hint += "（只列出这一天的正式党员）"
            column = QVBoxLayout()
            note = QLabel(hint, self)
            set_role(note, "hint")
            column.addWidget(note)
            column.addWidget(self.people_list)
            column.addWidget(self.people_error)
            form.addRow(people.role.label, column)

        self.days_spin: QSpinBox | None = None
        self.hours_spin: QSpinBox | None = None
        self.training_error = error_label(self)
        if self.rule.training:
            self.days_spin = QSpinBox(self)
            self.days_spin.setRange(0, 60)
            self.days_spin.setSuffix(" 天")
            self.hours_spin = QSpinBox(self)
            self.hours_spin.setRange(0, 500)
            self.hours_spin.setSuffix(" 学时")
            row_box = QWidget(self)
            row = QHBoxLayout(row_box)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(self.days_spin)
            row.addWidget(QLabel("或", row_box))
            row.addWidget(self.hours_spin)
            row.addStretch(1)
            column = QVBoxLayout()
            column.addWidget(row_box)
            column.addWidget(self.training_error)
            form.addRow("培训时间", column)

        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setMaximumHeight(70)
        self.note_edit.setPlaceholderText("可不填")
        form.addRow("备注", self.note_edit)
        self.attachments = AttachmentsEditor(
            attachments_dir,
            self,
            add_buttons=STEP_BUTTONS,
            empty_text="可以附上这一步的材料（扫描件或照片，可不附）。",
        )
        self.attachments.setMinimumHeight(100)
        layout.addWidget(self.attachments)
        self.general_error = error_label(self)
        layout.addWidget(self.general_error)
        buttons = _buttons(self, "确定")
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.save)
        layout.addWidget(buttons)

        day = step.done_on if step else (default_day or today())
        self.date_input.set_date(day)
        self.date_input.finished.connect(self._day_changed)
        self._fill_people([p.member_id for p in step.people] if step else [])
        if step is not None:
            self.note_edit.setPlainText(step.note)
            if self.days_spin is not None and self.hours_spin is not None:
                self.days_spin.setValue(step.training_days or 0)
                self.hours_spin.setValue(step.training_hours or 0)
            self.attachments.set_entries(service.step_attachments(step.id))
        self.resize(600, self.sizeHint().height())

    def _to_meetings(self) -> None:
        self.meetings_requested.emit(self.usual_meeting.value)
        self.reject()

    def _day_changed(self) -> None:
        self._fill_people(self.chosen_people())

    def _fill_people(self, chosen: list[int]) -> None:
        """The members of the step's day (正式党员 only for 培养联系人/入党介绍人)."""
        if self.people_list is None or self.rule.people is None:
            return
        day = self.date_input.value() or self.today()
        full_only = self.rule.people.full_members
        self.people_list.clear()
        for member in sorted(history.roster_on(day), key=lambda m: m.name):
            if full_only and member.status is not MemberStatus.FULL:
                continue
            item = QListWidgetItem(member.name, self.people_list)
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if member.id in chosen else Qt.CheckState.Unchecked
            )

    def chosen_people(self) -> list[int]:
        if self.people_list is None:
            return []
        return [
            int(self.people_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.people_list.count())
            if self.people_list.item(i).checkState() is Qt.CheckState.Checked
        ]

    def check_person(self, member_id: int, checked: bool = True) -> None:
        """Tick (or untick) a member in the people list."""
        assert self.people_list is not None
        for i in range(self.people_list.count()):
            item = self.people_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == member_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def form(self) -> StepForm | None:
        day = self.date_input.value()
        if day is None:
            return None
        days = self.days_spin.value() if self.days_spin is not None else 0
        hours = self.hours_spin.value() if self.hours_spin is not None else 0
        return StepForm(
            no=self.rule.no,
            done_on=day,
            note=self.note_edit.toPlainText(),
            people=self.chosen_people(),
            training_days=days or None,
            training_hours=hours or None,
            attachments=self.attachments.entries(),
        )

    def save(self) -> None:
        form = self.form()
        if form is None:
            show_problem(
                self.date_error,
                Problem("done_on", self.date_input.problem() or "请填写这一步的日期。"),
            )
            return
        problems = service.check_step(
            self.recruitment_id,
            form,
            step_id=self.step.id if self.step else None,
            today=self.today(),
            by_meeting=self.step is not None and self.step.meeting_id is not None,
        )
        places = {"done_on": self.date_error, "people": self.people_error}
        places["training"] = self.training_error
        shown: dict[str, Problem] = {}
        rest: list[Problem] = []
        for problem in problems:
            if problem.field in places:
                if problem.field not in shown or (
                    problem.is_error and not shown[problem.field].is_error
                ):
                    shown[problem.field] = problem
            else:
                rest.append(problem)
        for key, label in places.items():
            show_problem(label, shown.get(key))
        show_problem(self.general_error, rest[0] if rest else None)
        _fit(self)
        if any(p.is_error for p in problems):
            return
        warnings = sorted(p.message for p in problems)
        if warnings and warnings != self.accepted_warnings:
            self.accepted_warnings = warnings  # shown: 仍然记录 records it
            self.ok_button.setText("仍然记录")
            return
        try:
            if self.step is None:
                service.record_step(self.recruitment_id, form, today=self.today())
            else:
                service.update_step(self.step.id, form, today=self.today())
        except UserError as exc:
            messages.show_error(self, exc, title=self.windowTitle())
            return
        self.saved.emit()
        self.accept()


class StopDialog(QDialog):
    """终止培养: the day and the reason."""

    def __init__(
        self,
        recruitment_id: int,
        name: str,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.recruitment_id = recruitment_id
        self.today = today
        self.setWindowTitle("终止培养")
        layout = QVBoxLayout(self)
        intro = QLabel(f"终止对{name}的培养后，档案仍然保留，可以随时恢复培养。", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)
        box, self.date_input = _date_field(self)
        self.date_input.set_date(today())
        form.addRow("日期", box)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText("如 本人撤回申请、调离本单位")
        form.addRow("原因", self.reason_edit)
        self.error = error_label(self)
        layout.addWidget(self.error)
        buttons = _buttons(self, "终止培养")
        buttons.accepted.connect(self.save)
        layout.addWidget(buttons)

    def save(self) -> None:
        day = self.date_input.value()
        if day is None:
            show_problem(self.error, Problem("", self.date_input.problem() or "请填写日期。"))
            return
        try:
            service.stop_recruitment(
                self.recruitment_id, on=day, reason=self.reason_edit.text(), today=self.today()
            )
        except UserError as exc:
            show_problem(self.error, Problem("", str(exc)))
            return
        self.accept()
