"""The 意识形态风险研判 wizard: 基本情况 (date, place, chair, who took part); 研判内容 (one
row per area: reviewed or not, 风险等级, 具体情况, 防范措施, 责任人); 跟进 (the risks still
open from earlier months — passed over when there are none); 核对 (everything on one
page, the day it was reported and the 专题研究 meeting that discussed it).

Everything is saved through :mod:`services.ideology_reviews` and the kind's lifecycle;
drafts as the steps change and when the window is closed (:mod:`gui.records.wizard`).
People are those of the review's own day (rules.md §7).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import RiskLevel
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.gui.common.widgets import prepare_error_label, set_role, show_problem
from jianshi_desktop.gui.records.attachments import AttachmentsEditor
from jianshi_desktop.gui.records.attendance import AttendanceEditor, merge_attendance
from jianshi_desktop.gui.records.pickers import (
    combo_member,
    combo_person,
    fill_member_combo,
    fill_person_combo,
    fill_place_combo,
    people_names,
)
from jianshi_desktop.gui.records.wizard import (
    DraftWizard,
    Mode,
    ReviewPage,
    StepPage,
    date_of,
    prepare_date_edit,
    review_table,
    set_combo_data,
    set_date,
)
from jianshi_desktop.gui.theme_days.wizard import attendance_summary
from jianshi_desktop.services.ideology_reviews import (
    AreaEntry,
    FollowUpEntry,
    IdeologyReviewForm,
    area_choices,
    deadline_of,
    default_chair,
    follow_up_origins,
    follow_ups_for,
    participants_on,
    people_choices,
    study_meetings,
)
from jianshi_desktop.services.record_kinds import IDEOLOGY_REVIEW

NO_MEETING = "没有，单独开展研判"
TEXT_HEIGHT = 54  # two lines: 具体情况 and 防范措施 are short


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    prepare_error_label(label)
    return label


def _text_edit(parent: QWidget, name: str, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(TEXT_HEIGHT)
    return edit


# --- step 1 --------------------------------------------------------------------------------


class BasicsPage(StepPage):
    step_title = "基本情况"
    subtitle = "研判的日期、地点和主持人；参加人员默认为当天的支委会成员。"

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        form = QFormLayout()
        form.setSpacing(8)
        self.date_edit = QDateEdit(self.ui)
        self.date_edit.setAccessibleName("研判日期")
        prepare_date_edit(self.date_edit)
        self.deadline_label = QLabel(self.ui)
        set_role(self.deadline_label, "hint")
        self.place_combo = QComboBox(self.ui)
        self.place_combo.setEditable(True)
        self.place_combo.setAccessibleName("研判地点")
        fill_place_combo(self.place_combo)
        self.chair_combo = QComboBox(self.ui)
        self.chair_combo.setAccessibleName("主持人")
        self.editor = AttendanceEditor(self.ui, members=[])
        self.names = people_names()
        errors = {f: _error_label(self.ui) for f in ("held_on", "place", "chair_id", "attendance")}
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit)
        date_row.addWidget(self.deadline_label, 1)
        form.addRow("研判日期：", date_row)
        form.addRow("", errors["held_on"])
        form.addRow("地点：", self.place_combo)
        form.addRow("", errors["place"])
        form.addRow("主持人：", self.chair_combo)
        form.addRow("", errors["chair_id"])
        self.body().addLayout(form)
        self.body().addWidget(QLabel("参加人员（点选请假、缺席的人）：", self.ui))
        self.body().addWidget(self.editor, 1)
        self.body().addWidget(errors["attendance"])
        self.add_field("held_on", errors["held_on"], self.date_edit)
        self.add_field("place", errors["place"], self.place_combo)
        self.add_field("chair_id", errors["chair_id"], self.chair_combo)
        self.add_field("attendance", errors["attendance"], self.editor)
        self._default_chair: int | None = None
        self.date_edit.dateChanged.connect(lambda _d: self._date_changed())
        self.watch("place", self.place_combo.currentTextChanged)
        self.watch("chair_id", self.chair_combo.currentIndexChanged)
        self.editor.changed.connect(lambda: self.recheck_shown({"attendance"}))

    def held_on(self) -> dt.date:
        return date_of(self.date_edit)

    def _show_deadline(self) -> None:
        deadline = deadline_of(self.held_on())
        self.deadline_label.setText(f"本月应于{deadline.month}月{deadline.day}日前上报")

    def _fill_people(self, chair: int | None) -> None:
        day = self.held_on()
        choices = people_choices(day)
        default = default_chair(day)
        if chair is None or chair == self._default_chair:
            chair = default  # following the default: the 书记 of the new day
        fill_member_combo(self.chair_combo, choices, self.names, chair)
        self._default_chair = default
        self.editor.set_member_choices(choices)

    def _date_changed(self) -> None:
        self._show_deadline()
        self._fill_people(combo_member(self.chair_combo))
        if self.owner.mode is not Mode.READ_ONLY and not self.owner.loading:
            fresh = participants_on(self.held_on())
            self.editor.set_entries(merge_attendance(self.editor.entries(), fresh))
        self.check({"held_on", "chair_id", "attendance"})

    def load(self, form: IdeologyReviewForm) -> None:
        self.date_edit.blockSignals(True)
        set_date(self.date_edit, form.held_on)
        self.date_edit.blockSignals(False)
        self._show_deadline()
        self.place_combo.setCurrentText(form.place)
        self._default_chair = default_chair(form.held_on)
        self._fill_people(form.chair_id)
        set_combo_data(self.chair_combo, form.chair_id)
        if form.chair_id is None:
            self.chair_combo.setCurrentIndex(-1)
        self.editor.set_entries(form.attendance)

    def fill(self, form: IdeologyReviewForm) -> None:
        form.held_on = self.held_on()
        form.place = self.place_combo.currentText()
        form.chair_id = combo_member(self.chair_combo)
        form.attendance = self.editor.entries()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.editor.set_read_only(read_only)

    def validate_more(self) -> bool:
        if self.owner.mode is Mode.READ_ONLY:
            return True
        problems = self.editor.validate()
        if problems:
            show_problem(
                self.errors["attendance"],
                Problem("attendance", "请为请假、缺席的人写明原因（见名单中标出的行）。"),
            )
        return not problems


# --- step 2 --------------------------------------------------------------------------------


@dataclass
class AreaRow:
    """The widgets of one area."""

    area: str
    frame: QFrame
    reviewed: QCheckBox
    risk: QComboBox
    facts: QPlainTextEdit
    measures: QPlainTextEdit
    responsible: QComboBox
    original: tuple[int | None, str] = (None, "")

    def entry(self) -> AreaEntry:
        member_id, name = combo_person(self.responsible, self.original)
        return AreaEntry(
            area=self.area,
            risk=RiskLevel(self.risk.currentData() or RiskLevel.NONE.value),
            facts=self.facts.toPlainText(),
            measures=self.measures.toPlainText(),
            responsible_id=member_id,
            responsible_name=name,
        )


class AreasPage(StepPage):
    step_title = "研判内容"
    subtitle = (
        "逐项研判。没有发现风险的选“无”；风险等级为中、高的，要写明具体情况、防范措施和责任人。"
        "本月没有研判的领域，去掉前面的勾。"
    )
    SCROLLED = True

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        error = _error_label(self.ui)
        self.body().addWidget(error)
        self.add_field("areas", error, self.ui)
        self.rows_host = QWidget(self.ui)
        self.rows_layout = QVBoxLayout(self.rows_host)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(10)
        self.body().addWidget(self.rows_host)
        self.rows: list[AreaRow] = []
        self.names = people_names()
        self.body().addWidget(QLabel("研判结论和下一步工作（可不填）：", self.ui))
        self.summary_edit = QPlainTextEdit(self.ui)
        self.summary_edit.setAccessibleName("研判结论和下一步工作")
        self.summary_edit.setFixedHeight(TEXT_HEIGHT * 2)
        self.body().addWidget(self.summary_edit)
        self.body().addWidget(QLabel("附件（研判记录、上报回执等，可不添加）：", self.ui))
        assert isinstance(owner, IdeologyReviewWizard)
        self.attachments = AttachmentsEditor(owner.attachments_dir, self.ui)
        self.body().addWidget(self.attachments)

    def _make_row(self, entry: AreaEntry, reviewed: bool) -> AreaRow:
        frame = QFrame(self.rows_host)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(frame)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setHorizontalSpacing(8)
        check = QCheckBox(entry.area, frame)
        check.setMinimumWidth(170)  # the risk pickers line up
        check.setChecked(reviewed)
        check.setToolTip("勾选：本月研判了这个领域")
        risk = QComboBox(frame)
        risk.setAccessibleName(f"{entry.area}风险等级")
        for level in RiskLevel:
            risk.addItem(level.label, level.value)
        set_combo_data(risk, entry.risk.value)
        responsible = QComboBox(frame)
        responsible.setEditable(True)
        responsible.setAccessibleName(f"{entry.area}责任人")
        responsible.setToolTip(
            "从名单中选（可输入姓名或拼音首字母查找），支部以外的人可直接输入姓名"
        )
        fill_person_combo(
            responsible,
            people_choices(self.held_on()),
            entry.responsible_id,
            entry.responsible_name,
            self.names,
        )
        facts = _text_edit(frame, f"{entry.area}具体情况", "具体情况：发现了什么，涉及哪些人和事")
        measures = _text_edit(frame, f"{entry.area}防范措施", "防范措施：准备怎么做")
        grid.addWidget(check, 0, 0)
        grid.addWidget(QLabel("风险等级：", frame), 0, 1)
        grid.addWidget(risk, 0, 2)
        grid.addWidget(QLabel("责任人：", frame), 0, 3)
        grid.addWidget(responsible, 0, 4)
        grid.setColumnStretch(4, 1)
        grid.addWidget(facts, 1, 0, 1, 5)
        grid.addWidget(measures, 2, 0, 1, 5)
        facts.setPlainText(entry.facts)
        measures.setPlainText(entry.measures)
        row = AreaRow(
            entry.area,
            frame,
            check,
            risk,
            facts,
            measures,
            responsible,
            (entry.responsible_id, entry.responsible_name),
        )
        check.toggled.connect(lambda on, r=row: self._toggled(r, on))
        risk.currentIndexChanged.connect(lambda _i: self.check({"areas"}))
        for edit in (facts, measures):
            edit.textChanged.connect(lambda: self.recheck_shown({"areas"}))
        responsible.currentTextChanged.connect(lambda _t: self.recheck_shown({"areas"}))
        self._toggled(row, reviewed)
        self.rows_layout.addWidget(frame)
        return row

    def _toggled(self, row: AreaRow, on: bool) -> None:
        editable = on and self.owner.mode is not Mode.READ_ONLY
        for widget in (row.risk, row.responsible, row.facts, row.measures):
            widget.setEnabled(editable)
        self.check({"areas"})

    def held_on(self) -> dt.date:
        page = self.owner.pages[0]
        assert isinstance(page, BasicsPage)
        return page.held_on()

    def load(self, form: IdeologyReviewForm) -> None:
        for row in self.rows:
            row.frame.deleteLater()
        self.rows = []
        reviewed = {entry.area: entry for entry in form.areas}
        order = [*form.areas]
        order += [AreaEntry(area) for area in area_choices() if area not in reviewed]
        for entry in order:
            self.rows.append(self._make_row(entry, entry.area in reviewed))
        self.summary_edit.setPlainText(form.summary)
        self.attachments.set_entries(form.attachments)

    def initializePage(self) -> None:
        # the people of the review's day, should the date have changed (rules.md §7)
        choices = people_choices(self.held_on())
        for row in self.rows:
            member_id, name = combo_person(row.responsible, row.original)
            fill_person_combo(row.responsible, choices, member_id, name, self.names)

    def fill(self, form: IdeologyReviewForm) -> None:
        form.areas = [row.entry() for row in self.rows if row.reviewed.isChecked()]
        form.summary = self.summary_edit.toPlainText()
        form.attachments = self.attachments.entries()

    def set_read_only(self, read_only: bool) -> None:
        for row in self.rows:
            row.reviewed.setEnabled(not read_only)
            for widget in (row.risk, row.responsible):
                widget.setEnabled(not read_only and row.reviewed.isChecked())
            row.facts.setReadOnly(read_only)
            row.measures.setReadOnly(read_only)
        self.summary_edit.setReadOnly(read_only)
        self.attachments.set_read_only(read_only)


# --- step 3 --------------------------------------------------------------------------------


@dataclass
class FollowUpRow:
    review_id: int
    area: str
    frame: QFrame
    progress: QPlainTextEdit
    closed: QCheckBox

    def entry(self) -> FollowUpEntry:
        return FollowUpEntry(
            self.review_id, self.area, self.progress.toPlainText(), self.closed.isChecked()
        )


class FollowUpPage(StepPage):
    step_title = "前期风险跟进"
    subtitle = (
        "以前研判发现、还没有销号的风险：写明这个月的进展；已经整改到位的，勾选“已整改，销号”。"
    )
    SCROLLED = True

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        error = _error_label(self.ui)
        self.body().addWidget(error)
        self.add_field("follow_ups", error, self.ui)
        self.rows_host = QWidget(self.ui)
        self.rows_layout = QVBoxLayout(self.rows_host)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(10)
        self.body().addWidget(self.rows_host)
        self.body().addStretch(1)
        self.rows: list[FollowUpRow] = []

    def _build(self, entries: list[FollowUpEntry]) -> None:
        for row in self.rows:
            row.frame.deleteLater()
        self.rows = []
        origins = follow_up_origins(entries)
        for entry in entries:
            frame = QFrame(self.rows_host)
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            layout = QVBoxLayout(frame)
            layout.setContentsMargins(10, 8, 10, 8)
            title = QLabel(
                f"{entry.area}（{origins.get((entry.review_id, entry.area), '')}）", frame
            )
            title.setWordWrap(True)
            progress = _text_edit(frame, f"{entry.area}跟进情况", "这个月的进展和落实情况")
            progress.setPlainText(entry.progress)
            closed = QCheckBox("已整改，销号", frame)
            closed.setAccessibleName(f"{entry.area}已整改销号")
            closed.setChecked(entry.closed)
            layout.addWidget(title)
            layout.addWidget(progress)
            layout.addWidget(closed)
            progress.textChanged.connect(lambda: self.recheck_shown({"follow_ups"}))
            closed.toggled.connect(lambda _on: self.check({"follow_ups"}))
            self.rows_layout.addWidget(frame)
            self.rows.append(FollowUpRow(entry.review_id, entry.area, frame, progress, closed))
        read_only = self.owner.mode is Mode.READ_ONLY
        for row in self.rows:
            row.progress.setReadOnly(read_only)
            row.closed.setEnabled(not read_only)

    def entries(self) -> list[FollowUpEntry]:
        return [row.entry() for row in self.rows]

    def _fresh(self) -> list[FollowUpEntry]:
        """The risks open before the review's day, with what was typed for them kept."""
        page = self.owner.pages[0]
        assert isinstance(page, BasicsPage)
        return follow_ups_for(page.held_on(), self.entries(), exclude=self.owner.record_id)

    def nothing_to_ask(self) -> bool:
        if self.owner.mode is Mode.READ_ONLY:
            return not self.rows
        return not self.rows and not self._fresh()

    def initializePage(self) -> None:
        if self.owner.mode is not Mode.READ_ONLY:
            fresh = self._fresh()
            if [(f.review_id, f.area) for f in fresh] != [(r.review_id, r.area) for r in self.rows]:
                self._build(fresh)

    def load(self, form: IdeologyReviewForm) -> None:
        self._build(list(form.follow_ups))

    def fill(self, form: IdeologyReviewForm) -> None:
        form.follow_ups = self.entries()

    def set_read_only(self, read_only: bool) -> None:
        for row in self.rows:
            row.progress.setReadOnly(read_only)
            row.closed.setEnabled(not read_only)


# --- step 4 --------------------------------------------------------------------------------


class IdeologyReviewReviewPage(ReviewPage):
    form_name = "ideology_review_review"
    OWN_FIELDS: ClassVar[frozenset[str]] = frozenset({"reported_on", "meeting_id"})

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        extra = QFormLayout()
        extra.setSpacing(6)
        self.reported_check = QCheckBox("已上报，上报日期：", self.ui)
        self.reported_edit = QDateEdit(self.ui)
        self.reported_edit.setAccessibleName("上报日期")
        prepare_date_edit(self.reported_edit)
        self.deadline_label = QLabel(self.ui)
        set_role(self.deadline_label, "hint")
        row = QHBoxLayout()
        row.addWidget(self.reported_check)
        row.addWidget(self.reported_edit)
        row.addWidget(self.deadline_label, 1)
        self.meeting_combo = QComboBox(self.ui)
        self.meeting_combo.setAccessibleName("专题研究会议")
        reported_error = _error_label(self.ui)
        meeting_error = _error_label(self.ui)
        extra.addRow("上报：", row)
        extra.addRow("", reported_error)
        extra.addRow("专题研究会议：", self.meeting_combo)
        extra.addRow("", meeting_error)
        layout = self.ui.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(1, extra)
        self.add_field("reported_on", reported_error, self.reported_edit)
        self.add_field("meeting_id", meeting_error, self.meeting_combo)
        self.reported_check.toggled.connect(lambda _on: self._reported_changed())
        self.reported_edit.dateChanged.connect(lambda _d: self._reported_changed())
        self.meeting_combo.currentIndexChanged.connect(lambda _i: self._reported_changed())

    def _reported_changed(self) -> None:
        self.reported_edit.setEnabled(
            self.reported_check.isChecked() and self.owner.mode is not Mode.READ_ONLY
        )
        if not self.owner.loading and self.isVisible():
            self.show_review()
            self.check(set(self.OWN_FIELDS))

    def held_on(self) -> dt.date:
        page = self.owner.pages[0]
        assert isinstance(page, BasicsPage)
        return page.held_on()

    def _fill_meetings(self, keep: int | None) -> None:
        found = study_meetings(self.held_on().year)
        if keep is not None and keep not in {m for m, _l in found}:
            found.append((keep, "（所关联的会议不在本年度的专题研究会议中）"))
        self.meeting_combo.blockSignals(True)
        self.meeting_combo.clear()
        self.meeting_combo.addItem(NO_MEETING, None)
        for meeting_id, label in found:
            self.meeting_combo.addItem(f"在{label}上研判", meeting_id)
        set_combo_data(self.meeting_combo, keep)
        self.meeting_combo.blockSignals(False)
        self.meeting_combo.setToolTip(
            "列出本年度已完成、标为“意识形态专题研究”的会议。"
            if len(found)
            else "本年度还没有标为“意识形态专题研究”的会议记录。"
        )

    def meeting_id(self) -> int | None:
        value = self.meeting_combo.currentData()
        return int(value) if value is not None else None

    def initializePage(self) -> None:
        self._fill_meetings(self.meeting_id())
        deadline = deadline_of(self.held_on())
        self.deadline_label.setText(f"本月截止日：{deadline.month}月{deadline.day}日")
        if not self.reported_check.isChecked():
            set_date(self.reported_edit, self.owner.today())
        super().initializePage()
        self.check(set(self.OWN_FIELDS))

    def load(self, form: IdeologyReviewForm) -> None:
        self.reported_check.setChecked(form.reported_on is not None)
        set_date(self.reported_edit, form.reported_on or self.owner.today())
        self.reported_edit.setEnabled(form.reported_on is not None)
        self._fill_meetings(form.meeting_id)

    def fill(self, form: IdeologyReviewForm) -> None:
        form.reported_on = date_of(self.reported_edit) if self.reported_check.isChecked() else None
        form.meeting_id = self.meeting_id()

    def check(self, fields: set[str] | None = None) -> list[Problem]:
        """This step's own fields: an error beside its field (a warning, such as the 上报日期
        not written yet, is said once, in the list above)."""
        wanted = set(self.OWN_FIELDS) if fields is None else fields & self.OWN_FIELDS
        found = StepPage.check(self, wanted) if wanted else []
        for field in wanted:
            if not any(p.field == field and p.is_error for p in found):
                show_problem(self.errors[field], None)
        return found

    def validatePage(self) -> bool:
        self.check(set(self.OWN_FIELDS))
        return super().validatePage()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.reported_check.setEnabled(not read_only)
        self.reported_edit.setEnabled(not read_only and self.reported_check.isChecked())
        self.meeting_combo.setEnabled(not read_only)


# --- the wizard ------------------------------------------------------------------------------


def _area_line(entry: AreaEntry, names: dict[int, str]) -> str:
    who = entry.responsible_name.strip() or names.get(entry.responsible_id or 0, "")
    parts = ["未发现风险" if entry.risk is RiskLevel.NONE else f"风险等级{entry.risk.label}"]
    if entry.facts.strip():
        parts.append(f"情况：{entry.facts.strip()}")
    if entry.measures.strip():
        parts.append(f"措施：{entry.measures.strip()}")
    if who:
        parts.append(f"责任人：{who}")
    return "；".join(parts)


class IdeologyReviewWizard(DraftWizard):
    """Records one month's 意识形态风险研判. ``form`` from ``new_ideology_review_form``,
    ``load_ideology_review`` or ``IDEOLOGY_REVIEW.copy_last``."""

    PAGES: ClassVar[tuple[type[StepPage], ...]] = (
        BasicsPage,
        AreasPage,
        FollowUpPage,
        IdeologyReviewReviewPage,
    )
    KIND = IDEOLOGY_REVIEW
    CHANGE_LABELS: ClassVar[dict[str, str]] = {
        "held_on": "研判日期",
        "place": "地点",
        "chair_id": "主持人",
        "attendance": "参加人员",
        "areas": "研判内容",
        "follow_ups": "前期风险跟进",
        "summary": "研判结论",
        "reported_on": "上报日期",
        "meeting_id": "专题研究会议",
    }
    SIZE: ClassVar[tuple[int, int]] = (960, 720)

    @property
    def basics(self) -> BasicsPage:
        page = self.pages[0]
        assert isinstance(page, BasicsPage)
        return page

    def step_of(self, field: str) -> int | None:
        """None for the review step's own fields: its problems need no link back."""
        if field in IdeologyReviewReviewPage.OWN_FIELDS:
            return None
        return super().step_of(field)

    def review_html(self, form: Any) -> str:
        assert isinstance(form, IdeologyReviewForm)
        names = self.basics.names
        rows = [
            ("研判日期", format_date(form.held_on)),
            ("地点", form.place.strip()),
            ("主持人", names.get(form.chair_id or 0, "") or "（未选择）"),
            ("参加人员", attendance_summary(form.attendance)),
        ]
        rows += [(entry.area, _area_line(entry, names)) for entry in form.areas]
        if not form.areas:
            rows.append(("研判内容", "（没有研判任何领域）"))
        origins = follow_up_origins(form.follow_ups)
        for entry in form.follow_ups:
            state = "已整改，销号" if entry.closed else "继续跟进"
            origin = origins.get((entry.review_id, entry.area), "")
            rows.append(
                (
                    f"跟进：{entry.area}",
                    f"{origin}。进展：{entry.progress.strip().rstrip('。；;') or '（未写）'}"
                    f"（{state}）",
                )
            )
        rows.append(("研判结论", form.summary.strip() or "无"))
        return review_table(rows)
