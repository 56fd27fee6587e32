"""The 主题党日 wizard: date (the branch's fixed day), theme, form, place and the meeting it
was held with; the 规定动作 checklist; attendance — or, held with a meeting, that meeting's
attendance shown and not asked again; a summary and photos; review, then 完成.

Everything is saved through :mod:`services.theme_days`; drafts as the steps change and
when the window is closed (see :mod:`jianshi_desktop.gui.records.wizard`). Member choices
come from :mod:`jianshi_desktop.gui.records.pickers`, as in every record's wizard.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import AttendanceRole, MeetingKind, Presence
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.procedures import DUES_ITEM, THEME_DAY_FORMS
from jianshi_desktop.domain.text import squeeze
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common.forms import GuardedDialog, child, load_form
from jianshi_desktop.gui.common.in_front import open_in_front
from jianshi_desktop.gui.common.widgets import make_primary, set_role
from jianshi_desktop.gui.records.attachments import AttachmentsEditor
from jianshi_desktop.gui.records.attendance import AttendanceEditor, merge_attendance
from jianshi_desktop.gui.records.pickers import (
    combo_member,
    fill_member_combo,
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
    show_problem,
    stretch,
)
from jianshi_desktop.services.branch import branch_info
from jianshi_desktop.services.meetings import (
    AttendanceEntry,
    expected_attendance,
    list_meetings,
    load_meeting,
    meeting_title,
    member_choices,
)
from jianshi_desktop.services.record_kinds import THEME_DAY
from jianshi_desktop.services.theme_days import (
    ThemeDayForm,
    chair_choices,
    default_chair,
    meetings_on,
    required_item_choices,
    set_required_item_choices,
)

NOT_LINKED = "不是，单独记录出席情况"
GONE = "（所关联的会议已不存在）"


def meeting_exists(meeting_id: int) -> bool:
    """Whether the meeting ``meeting_id`` is still recorded (a linked draft may be deleted)."""
    return any(row.id == meeting_id for row in list_meetings())


def attendance_summary(entries: list[AttendanceEntry]) -> str:
    """应到 12 人，实到 10 人；请假：张三（外出培训）；缺席：李四（病假）."""
    expected = [e for e in entries if e.role is AttendanceRole.EXPECTED]
    present = sum(e.presence is Presence.PRESENT for e in expected)
    parts = [f"应到 {len(expected)} 人，实到 {present} 人"]
    for presence in (Presence.ON_LEAVE, Presence.ABSENT):
        who = [f"{e.name}（{e.reason}）" if e.reason else e.name for e in expected]
        who = [w for w, e in zip(who, expected, strict=True) if e.presence is presence]
        if who:
            parts.append(f"{presence.label}：{'、'.join(who)}")
    observers = [e.name for e in entries if e.role is AttendanceRole.OBSERVER]
    if observers:
        parts.append(f"列席：{'、'.join(observers)}")
    return "；".join(parts)


# --- step 1 --------------------------------------------------------------------------------


class BasicsPage(StepPage):
    form_name = "theme_day_basics"
    step_title = "时间、主题和地点"
    subtitle = "日期默认为本支部每月的主题党日。与支部党员大会等会议同时举行的，可以关联该会议。"
    FIELDS: ClassVar[dict[str, tuple[str, str]]] = {
        "held_on": ("dateError", "dateEdit"),
        "theme": ("themeError", "themeEdit"),
        "place": ("placeError", "placeCombo"),
        "chair_id": ("chairError", "chairCombo"),
        "meeting_id": ("meetingError", "meetingCombo"),
    }

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        self.date_edit = child(self.ui, QDateEdit, "dateEdit")
        prepare_date_edit(self.date_edit)
        self.theme_edit = child(self.ui, QLineEdit, "themeEdit")
        self.form_combo = child(self.ui, QComboBox, "formCombo")
        self.form_combo.addItems(list(THEME_DAY_FORMS))
        self.form_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.place_combo = child(self.ui, QComboBox, "placeCombo")
        fill_place_combo(self.place_combo)
        self.meeting_combo = child(self.ui, QComboBox, "meetingCombo")
        # 主持人: the members of the day (as the meeting wizard's pickers); the 书记 of
        # the day by default, followed when the date changes until another is picked
        self.chair_combo = child(self.ui, QComboBox, "chairCombo")
        self.names = people_names()
        self._default_chair: int | None = None
        self._saved_chair: int | None = None  # the record's own chair, kept even if off the roll
        self.gone_meeting: int | None = None  # the linked meeting, when it no longer exists
        self.meeting_hint = self.label("meetingHint")
        for name in ("dateHint", "formHint", "meetingHint"):
            set_role(self.label(name), "hint")
        info = branch_info()
        if info is not None:
            self.label("dateHint").setText(f"本支部每月{info.theme_day_of_month}日为主题党日")
        self.date_edit.dateChanged.connect(lambda _d: self._date_changed())
        self.watch("theme", self.theme_edit.editingFinished, changed=self.theme_edit.textChanged)
        self.watch("place", self.place_combo.currentTextChanged)
        self.watch("chair_id", self.chair_combo.currentIndexChanged)
        self.watch("meeting_id", self.meeting_combo.currentIndexChanged)

    def held_on(self) -> dt.date:
        return date_of(self.date_edit)

    def chair_id(self) -> int | None:
        return combo_member(self.chair_combo)

    def _fill_chairs(self, keep: int | None) -> None:
        """The day's members in the picker; ``keep`` stays picked while one of them (or,
        on a saved record, marked as no longer on the roll)."""
        day = self.held_on()
        default = default_chair(day)
        if keep is not None and keep == self._default_chair:
            keep = default  # still following the default: the new day's 书记
        choices = chair_choices(day)
        if keep is not None and keep not in {m for m, _n in choices} and keep != self._saved_chair:
            keep = default
        fill_member_combo(self.chair_combo, choices, self.names, keep)
        self._default_chair = default

    def meeting_id(self) -> int | None:
        value = self.meeting_combo.currentData()
        return int(value) if value is not None else None

    def _fill_meetings(self, keep: int | None) -> None:
        found = meetings_on(self.held_on())
        if keep is not None and keep not in {m for m, _label in found}:
            # linked on another day, or gone (the check says so beside the field)
            self.gone_meeting = None if meeting_exists(keep) else keep
            found.append((keep, GONE if keep == self.gone_meeting else meeting_title(keep)))
        self.meeting_combo.blockSignals(True)
        self.meeting_combo.clear()
        self.meeting_combo.addItem(NOT_LINKED, None)
        for meeting_id, label in found:
            self.meeting_combo.addItem(f"是，与{label}同时举行", meeting_id)
        set_combo_data(self.meeting_combo, keep)
        self.meeting_combo.blockSignals(False)
        if found:
            self.meeting_hint.setText(
                "这一天记录了会议。主题党日与它同时举行的，请选中它：出席情况就用会议的，"
                "不用再填一遍。"
            )
        else:
            self.meeting_hint.setText(
                "这一天没有已完成的会议记录。与会议同时举行的，请先在“三会一课”中完成会议记录。"
            )
        self.meeting_combo.setEnabled(bool(found) and self.owner.mode is not Mode.READ_ONLY)

    def _date_changed(self) -> None:
        self._fill_meetings(self.meeting_id())
        self._fill_chairs(self.chair_id())
        self.check({"held_on", "meeting_id", "chair_id"})

    def load(self, form: ThemeDayForm) -> None:
        self.date_edit.blockSignals(True)
        set_date(self.date_edit, form.held_on)
        self.date_edit.blockSignals(False)
        self.theme_edit.setText(form.theme)
        self.form_combo.setCurrentText(form.form)
        self.place_combo.setCurrentText(form.place)
        self._saved_chair = form.chair_id
        self._default_chair = default_chair(form.held_on)
        self._fill_chairs(form.chair_id)
        self._fill_meetings(form.meeting_id)

    def fill(self, form: ThemeDayForm) -> None:
        form.held_on = self.held_on()
        form.theme = self.theme_edit.text()
        form.form = squeeze(self.form_combo.currentText()) or THEME_DAY_FORMS[0]
        form.place = self.place_combo.currentText()
        form.chair_id = self.chair_id()
        form.meeting_id = self.meeting_id()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for name in ("formHint", "meetingHint"):  # how to fill in: nothing to fill in now
            self.label(name).setVisible(not read_only)
        if not read_only:
            self.meeting_combo.setEnabled(self.meeting_combo.count() > 1)


# --- step 2 --------------------------------------------------------------------------------


class ItemsDialog(GuardedDialog):
    """The branch's 规定动作 list: add, rename (double-click), remove, reorder; 确定 saves it
    with :func:`set_required_item_choices`."""

    def __init__(self, items: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("修改规定动作清单")
        self.ui = load_form("theme_day_items_dialog", self)
        self.list = child(self.ui, QListWidget, "itemList")
        self.add_edit = child(self.ui, QLineEdit, "addEdit")
        self.error = child(self.ui, QLabel, "listError")
        show_problem(self.error, None)
        buttons = child(self.ui, QDialogButtonBox, "buttonBox")
        buttons.setStandardButtons(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("保存清单")
        make_primary(ok)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        for item in items:
            self._add(item)
        child(self.ui, QPushButton, "addButton").clicked.connect(self.add_typed)
        child(self.ui, QPushButton, "removeButton").clicked.connect(self.remove_selected)
        child(self.ui, QPushButton, "upButton").clicked.connect(lambda: self.move_item(-1))
        child(self.ui, QPushButton, "downButton").clicked.connect(lambda: self.move_item(1))
        self.add_edit.returnPressed.connect(self.add_typed)
        self.resize(600, 440)

    def _add(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)

    def items(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def add_typed(self) -> None:
        text = squeeze(self.add_edit.text())
        if not text:
            show_problem(self.error, Problem("items", "请先在框中输入新的规定动作。"))
            return
        if text in self.items():
            show_problem(self.error, Problem("items", f"“{text}”已在清单中。"))
            return
        show_problem(self.error, None)
        self._add(text)
        self.add_edit.clear()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def move_item(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def save(self) -> None:
        try:
            set_required_item_choices(self.items())
        except UserError as exc:
            show_problem(self.error, Problem("items", exc.message))
            return
        self.accept()


class ItemsPage(StepPage):
    form_name = "theme_day_items"
    step_title = "规定动作"
    subtitle = "勾选这次主题党日完成的规定动作。"
    FIELDS: ClassVar[dict[str, tuple[str, str]]] = {
        "required_items": ("itemsError", "editItemsButton")
    }

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        self.box = child(self.ui, QWidget, "itemsBox")
        self.box_layout = QVBoxLayout(self.box)
        self.box_layout.setContentsMargins(8, 4, 0, 4)
        self.box_layout.setSpacing(8)
        self.checks: list[QCheckBox] = []
        self.edit_button = child(self.ui, QPushButton, "editItemsButton")
        self.edit_button.clicked.connect(self.edit_list)
        set_role(self.label("itemsHint"), "hint")
        self.dialog: ItemsDialog | None = None

    def _build(self, choices: list[str], ticked: list[str]) -> None:
        for check in self.checks:
            check.hide()
            check.deleteLater()
        self.checks = []
        for text in [*choices, *(t for t in ticked if t not in choices)]:
            check = QCheckBox(text, self.box)
            check.setChecked(text in ticked)
            check.setEnabled(self.owner.mode is not Mode.READ_ONLY)
            check.toggled.connect(lambda _on: self.check({"required_items"}))
            if text == DUES_ITEM:  # the tick says it happened; it records no one's dues
                check.setToolTip("这里只记这项活动。每名党员交了多少，请在“党费”中登记本月收缴")
            self.box_layout.addWidget(check)
            self.checks.append(check)

    def ticked(self) -> list[str]:
        return [check.text() for check in self.checks if check.isChecked()]

    def load(self, form: ThemeDayForm) -> None:
        self._build(required_item_choices(), list(form.required_items))

    def fill(self, form: ThemeDayForm) -> None:
        form.required_items = self.ticked()

    def set_read_only(self, read_only: bool) -> None:
        self.edit_button.setVisible(not read_only)
        self.label("itemsHint").setVisible(not read_only)
        for check in self.checks:
            check.setEnabled(not read_only)

    def edit_list(self) -> ItemsDialog:
        dialog = ItemsDialog(required_item_choices(), self)
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(result: int) -> None:
            self.dialog = None
            if result == QDialog.DialogCode.Accepted:
                self._build(required_item_choices(), self.ticked())

        dialog.finished.connect(finished)
        open_in_front(dialog)
        return dialog


# --- step 3 --------------------------------------------------------------------------------


class AttendancePage(StepPage):
    form_name = "theme_day_attendance"
    step_title = "出席情况"
    subtitle = "应到人员为全体在册党员。"
    FIELDS: ClassVar[dict[str, tuple[str, str]]] = {"attendance": ("attendanceError", "editorHost")}

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        host = child(self.ui, QWidget, "editorHost")
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editor = AttendanceEditor(host)
        self.linked_editor = AttendanceEditor(host)
        self.linked_editor.set_read_only(True)
        layout.addWidget(self.editor)
        layout.addWidget(self.linked_editor)
        stretch(self.ui, host)
        self.linked_notice = self.label("linkedNotice")
        set_role(self.linked_notice, "notice")
        self.editor.changed.connect(lambda: self._edited())
        self._show_linked(None)

    def _edited(self) -> None:
        if not self.errors["attendance"].isHidden():
            self.check({"attendance"})

    def basics(self) -> BasicsPage:
        page = self.owner.pages[0]
        assert isinstance(page, BasicsPage)
        return page

    def linked_meeting(self) -> int | None:
        return self.basics().meeting_id()

    def is_linked(self) -> bool:
        """Held with a meeting: its attendance is shown, and none is asked here."""
        return self.linked_meeting() is not None

    def _show_linked(self, meeting_id: int | None) -> None:
        linked = meeting_id is not None
        self.editor.setVisible(not linked)
        self.linked_editor.setVisible(linked)
        self.linked_notice.setVisible(linked)
        if meeting_id is None:
            self.setSubTitle(AttendancePage.subtitle)
            return
        if meeting_id == self.basics().gone_meeting:
            title = "所关联的会议"
            self.linked_editor.set_entries([])
        else:
            title = meeting_title(meeting_id)
            self.linked_editor.set_entries(load_meeting(meeting_id).attendance)
        self.setSubTitle("与会议同时举行，出席情况以会议记录为准。")
        self.linked_notice.setText(
            f"本次主题党日与{title}同时举行，出席情况就是该会议的出席情况（见下），不用再填。"
            "如需修改，请到“三会一课”中打开这次会议。"
        )

    def initializePage(self) -> None:
        basics = self.basics()
        # 应到 and 列席 are the members of the theme day's own date (rules.md §7), not
        # today's roster; marks already made are kept for those still expected.
        held_on = basics.held_on()
        self.editor.set_member_choices(member_choices(held_on))
        if self.owner.mode is not Mode.READ_ONLY:
            fresh = expected_attendance(MeetingKind.GENERAL_ASSEMBLY, on=held_on)
            self.editor.set_entries(merge_attendance(self.editor.entries(), fresh))
        self._show_linked(self.linked_meeting())

    def load(self, form: ThemeDayForm) -> None:
        entries = form.attendance
        if not entries and form.meeting_id is not None:  # in case it is unlinked later
            entries = expected_attendance(MeetingKind.GENERAL_ASSEMBLY, on=form.held_on)
        self.editor.set_entries(entries)
        self._show_linked(form.meeting_id)

    def fill(self, form: ThemeDayForm) -> None:
        form.attendance = [] if form.meeting_id is not None else self.editor.entries()

    def set_read_only(self, read_only: bool) -> None:
        self.editor.set_read_only(read_only)

    def validate_more(self) -> bool:
        if self.is_linked() or self.owner.mode is Mode.READ_ONLY:
            return True
        problems = self.editor.validate()
        if problems:
            show_problem(
                self.errors["attendance"],
                Problem("attendance", "请为请假、缺席的人写明原因（见名单中标出的行）。"),
            )
        return not problems


# --- step 4 --------------------------------------------------------------------------------


class SummaryPage(StepPage):
    form_name = "theme_day_summary"
    step_title = "活动情况和照片"
    subtitle = "简要记录活动情况。照片不是必需的。"

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        self.summary_edit = child(self.ui, QPlainTextEdit, "summaryEdit")
        host = child(self.ui, QWidget, "attachmentsHost")
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        assert isinstance(owner, ThemeDayWizard)
        self.attachments = AttachmentsEditor(owner.attachments_dir, host)
        layout.addWidget(self.attachments)
        stretch(self.ui, host)

    def load(self, form: ThemeDayForm) -> None:
        self.summary_edit.setPlainText(form.summary)
        self.attachments.set_entries(form.attachments)

    def fill(self, form: ThemeDayForm) -> None:
        form.summary = self.summary_edit.toPlainText()
        form.attachments = self.attachments.entries()

    def set_read_only(self, read_only: bool) -> None:
        self.summary_edit.setReadOnly(read_only)
        self.attachments.set_read_only(read_only)


class ThemeDayReviewPage(ReviewPage):
    form_name = "theme_day_review"


# --- the wizard ------------------------------------------------------------------------------


class ThemeDayWizard(DraftWizard):
    """Records one 主题党日. ``form`` from ``new_theme_day_form``, ``load_theme_day`` or
    ``THEME_DAY.copy_last``; ``record_id`` and ``mode`` for a saved record."""

    PAGES: ClassVar[tuple[type[StepPage], ...]] = (
        BasicsPage,
        ItemsPage,
        AttendancePage,
        SummaryPage,
        ThemeDayReviewPage,
    )
    KIND = THEME_DAY

    @property
    def basics(self) -> BasicsPage:
        page = self.pages[0]
        assert isinstance(page, BasicsPage)
        return page

    @property
    def attendance_page(self) -> AttendancePage:
        page = self.pages[2]
        assert isinstance(page, AttendancePage)
        return page

    def review_html(self, form: Any) -> str:
        assert isinstance(form, ThemeDayForm)
        if form.meeting_id is not None:
            page = self.attendance_page
            title = (
                self.basics.meeting_combo.currentText()
                .removeprefix("是，与")
                .removesuffix("同时举行")
            )
            linked = attendance_summary(page.linked_editor.entries())
            attendance = f"与{title}同时举行，以会议记录为准：{linked}"
        else:
            attendance = attendance_summary(form.attendance)
        files = "、".join(a.file_name for a in form.attachments)
        return review_table(
            [
                ("活动日期", format_date(form.held_on)),
                ("活动主题", form.theme.strip()),
                ("活动形式", form.form),
                ("活动地点", form.place.strip()),
                ("主持人", self.basics.names.get(form.chair_id or 0, "") or "（未选择）"),
                ("规定动作", "、".join(form.required_items)),
                ("出席情况", attendance),
                ("活动情况", form.summary.strip()),
                ("照片和材料", f"{len(form.attachments)} 个：{files}" if files else "无"),
            ]
        )
