"""The attendance list of a meeting or theme day: one click per person.

:class:`AttendanceEditor` shows the expected people (``AttendanceEntry`` with role 应到)
each with three exclusive buttons 到会 / 请假 / 缺席; the reason box beside them is
enabled only for 请假 and 缺席. Observers (列席) are added by name — a member picked from
the list or a name typed — and never count as expected. The counts 应到 / 实到 / 请假 /
缺席 update as the buttons are clicked; for a meeting kind that votes, the quorum line
says whether resolutions can be passed (:func:`domain.meetings.quorum`).

API (kept small and stable; the theme-day wizard uses it too)::

    editor = AttendanceEditor(parent)            # members offered for 列席 from the roster
    editor.set_kind(MeetingKind.COMMITTEE)       # quorum line; None (default) hides it
    editor.set_entries(form.attendance)          # copies the entries
    editor.changed.connect(...)                  # any click, reason typed, observer added
    form.attendance = editor.entries()           # fresh copies, in the order given
    if editor.validate(): ...                    # reasons missing are shown beside the rows
    editor.set_read_only(True)

:func:`merge_attendance` refreshes an expected list (kind, group or date changed) while
keeping the marks of the people still expected.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.enums import AttendanceRole, MeetingKind, Presence
from jianshi_desktop.domain.meetings import Attendee, Headcount, Quorum, headcount, quorum
from jianshi_desktop.domain.meetings import needs_quorum as kind_needs_quorum
from jianshi_desktop.domain.text import squeeze
from jianshi_desktop.gui.common.widgets import (
    alive,
    prepare_error_label,
    scaled_font,
    set_role,
    show_field_error,
)
from jianshi_desktop.gui.records.pickers import fill_person_combo
from jianshi_desktop.services.meetings import AttendanceEntry, member_choices

PRESENCE_BUTTONS: tuple[tuple[Presence, str], ...] = (
    (Presence.PRESENT, "到会"),
    (Presence.ON_LEAVE, "请假"),
    (Presence.ABSENT, "缺席"),
)
REASON_PLACEHOLDER = "请写明原因，如 外出培训"
HINT = "默认全部到会。请只点选请假或缺席的人，并写明原因。"
NO_VOTE_NOTE = "预备党员，无表决权"
OBSERVER_NOTE = "列席"
REASON_MAX_LENGTH = 50


def _key(entry: AttendanceEntry) -> tuple[str, object]:
    """Who the entry is: the member, or the name for someone from outside."""
    if entry.member_id is not None:
        return ("member", entry.member_id)
    return ("name", squeeze(entry.name))


def merge_attendance(
    current: Sequence[AttendanceEntry], expected: Sequence[AttendanceEntry]
) -> list[AttendanceEntry]:
    """``expected`` (a fresh 应到 list) with the marks and reasons of ``current`` kept for
    the people still expected; observers are kept unless they are now expected."""
    marks = {_key(e): e for e in current if e.role is AttendanceRole.EXPECTED}
    merged: list[AttendanceEntry] = []
    for entry in expected:
        fresh = replace(entry)
        before = marks.get(_key(entry))
        if before is not None:
            fresh.presence, fresh.reason = before.presence, before.reason
        merged.append(fresh)
    wanted = {_key(e) for e in merged}
    merged += [
        replace(e) for e in current if e.role is AttendanceRole.OBSERVER and _key(e) not in wanted
    ]
    return merged


def counts_text(count: Headcount, observers: int = 0) -> str:
    """``应到 7 人 ｜ 实到 6 人 ｜ 请假 1 人 ｜ 缺席 0 人`` (and 列席 when there are any)."""
    parts = [
        f"应到 {count.expected} 人",
        f"实到 {count.present} 人",
        f"请假 {count.on_leave} 人",
        f"缺席 {count.absent} 人",
    ]
    if observers:
        parts.append(f"列席 {observers} 人")
    return " ｜ ".join(parts)


@dataclass
class _Row:
    """One person's line: the entry it edits and its widgets."""

    entry: AttendanceEntry
    name: QLabel
    buttons: dict[Presence, QToolButton] = field(default_factory=dict)
    group: QButtonGroup | None = None
    reason: QLineEdit | None = None
    error: QLabel | None = None


class AttendanceEditor(QWidget):
    """The attendance list: one click per person, live counts, observers, quorum line."""

    changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        members: Sequence[tuple[int, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attendanceEditor")
        self._entries: list[AttendanceEntry] = []
        self._rows: list[_Row] = []
        self._kind: MeetingKind | None = None
        self._read_only = False
        self._members = list(member_choices() if members is None else members)

        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("attendanceCounts")
        self.counts_label.setFont(scaled_font(1.1, bold=True))
        self.counts_label.setAccessibleName("出席人数")
        self.quorum_label = QLabel(self)
        self.quorum_label.setObjectName("quorumLabel")
        self.quorum_label.setWordWrap(True)
        self.quorum_label.setVisible(False)
        self.hint_label = QLabel(HINT, self)
        self.hint_label.setWordWrap(True)
        set_role(self.hint_label, "hint")

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setMinimumHeight(160)
        self.scroll_area.setAccessibleName("出席名单")

        self.observer_label = QLabel("列席人员：", self)
        self.observer_combo = QComboBox(self)
        self.observer_combo.setObjectName("observerCombo")
        self.observer_combo.setEditable(True)
        self.observer_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.observer_combo.setMinimumContentsLength(12)
        self.observer_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.observer_combo.setToolTip("从名单中选，或直接输入支部以外人员的姓名")
        line = self.observer_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText("选择或输入姓名")
            line.setMaxLength(30)
            line.returnPressed.connect(self._add_typed_observer)
        self.add_observer_button = QPushButton("添加列席人员", self)
        self.add_observer_button.setObjectName("addObserverButton")
        self.add_observer_button.setAutoDefault(False)
        self.add_observer_button.clicked.connect(self._add_typed_observer)
        self.observer_error = QLabel(self)
        prepare_error_label(self.observer_error)
        self.observer_note = QLabel("列席人员不计入应到、实到人数。", self)
        set_role(self.observer_note, "hint")
        self._fill_observer_choices()

        observers = QHBoxLayout()
        observers.setSpacing(8)
        observers.addWidget(self.observer_label)
        observers.addWidget(self.observer_combo)
        observers.addWidget(self.add_observer_button)
        observers.addWidget(self.observer_note, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.quorum_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(observers)
        layout.addWidget(self.observer_error)
        self._rebuild()

    # --- the API ------------------------------------------------------------------------

    def set_entries(self, entries: Sequence[AttendanceEntry]) -> None:
        """Show ``entries`` (copied): the expected people, then the observers."""
        self._entries = [replace(e) for e in entries]
        self._rebuild()

    def entries(self) -> list[AttendanceEntry]:
        """The entries as marked now (copies), in the order they were given."""
        result = []
        for entry in self._entries:
            copy = replace(entry)
            if copy.presence is Presence.PRESENT:
                copy.reason = ""
            result.append(copy)
        return result

    def set_kind(self, kind: MeetingKind | None) -> None:
        """The meeting kind whose quorum rule applies (None: no quorum line)."""
        changed = kind is not self._kind
        self._kind = kind
        if changed:
            self._rebuild()  # the 预备党员 notes depend on whether the kind votes
        else:
            self._update_counts()

    def kind(self) -> MeetingKind | None:
        return self._kind

    def set_member_choices(self, members: Sequence[tuple[int, str]]) -> None:
        """The members offered for 列席 (id, name); by default the active roster."""
        self._members = list(members)
        self._fill_observer_choices()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for widget in (
            self.observer_label,
            self.observer_combo,
            self.add_observer_button,
            self.observer_note,
            self.hint_label,
        ):
            widget.setVisible(not read_only)
        if read_only:
            show_field_error(self.observer_error, "")
        self._rebuild()

    def headcount(self) -> Headcount:
        return headcount(
            [
                Attendee(e.presence, e.has_vote)
                for e in self._entries
                if e.role is AttendanceRole.EXPECTED
            ]
        )

    def quorum(self) -> Quorum | None:
        """The quorum of the kind set, None when the kind does not vote (or none is set)."""
        if self._kind is None or not kind_needs_quorum(self._kind):
            return None
        return quorum(self._kind, self.headcount())

    def validate(self) -> list[str]:
        """Show beside each row what is missing; the problems (empty when all is well)."""
        problems = []
        for row in self._rows:
            message = self._row_problem(row.entry)
            if row.error is not None:
                show_field_error(row.error, message)
            if message:
                problems.append(f"{row.entry.name}：{message}")
        first = next((r for r in self._rows if self._row_problem(r.entry)), None)
        if first is not None and first.reason is not None:
            self.scroll_area.ensureWidgetVisible(first.reason)
            first.reason.setFocus()
        return problems

    # --- observers ----------------------------------------------------------------------

    def _fill_observer_choices(self) -> None:
        # in pinyin order, searched by initials (zsf → 张三丰) as every picker of people
        fill_person_combo(self.observer_combo, self._members, None, "", {})

    def add_observer(self, name: str, member_id: int | None = None) -> bool:
        """Add ``name`` as 列席; False (with the reason shown) when it cannot be added."""
        name = squeeze(name)
        if not name:
            show_field_error(self.observer_error, "请先选择或输入列席人员的姓名。")
            return False
        if member_id is None:  # a typed name that is a member's is that member
            member_id = next((i for i, n in self._members if n == name), None)
        new = AttendanceEntry(
            member_id=member_id,
            name=name,
            role=AttendanceRole.OBSERVER,
            presence=Presence.PRESENT,
            has_vote=False,
        )
        for entry in self._entries:
            if _key(entry) == _key(new):
                where = (
                    "已在应到名单中，不必再列为列席"
                    if entry.role is AttendanceRole.EXPECTED
                    else "已在列席名单中"
                )
                show_field_error(self.observer_error, f"{name}{where}。")
                return False
        show_field_error(self.observer_error, "")
        self._entries.append(new)
        self._rebuild()
        self.changed.emit()
        return True

    def _add_typed_observer(self) -> None:
        text = self.observer_combo.currentText()
        index = self.observer_combo.findText(squeeze(text))
        member_id = self.observer_combo.itemData(index) if index >= 0 else None
        if self.add_observer(text, member_id):
            self.observer_combo.setCurrentIndex(-1)
            self.observer_combo.setEditText("")

    def remove_observer(self, name: str) -> None:
        for number, entry in enumerate(self._entries):
            if entry.role is AttendanceRole.OBSERVER and entry.name == name:
                del self._entries[number]
                self._rebuild()
                self.changed.emit()
                return
        raise LookupError(name)

    # --- building the list ------------------------------------------------------------

    def _rebuild(self) -> None:
        old = self.scroll_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self._rows = []
        container = QWidget()
        container.setObjectName("attendanceList")
        grid = QGridLayout(container)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(2, 1)
        expected = [e for e in self._entries if e.role is AttendanceRole.EXPECTED]
        observers = [e for e in self._entries if e.role is AttendanceRole.OBSERVER]
        line = 0
        if expected:
            for column, text in enumerate(("姓名", "出席情况", "请假、缺席原因")):
                label = QLabel(text, container)
                set_role(label, "hint")
                grid.addWidget(label, line, column)
            line += 1
        else:
            empty = QLabel(
                "应到名单是空的。支委会从本届支部委员会取人，党小组会从所选党小组取人，"
                "其他会议从党员名册取人；请先在“党员”或“组织”中登记。",
                container,
            )
            empty.setWordWrap(True)
            set_role(empty, "hint")
            grid.addWidget(empty, line, 0, 1, 4)
            line += 1
        for entry in expected:
            self._rows.append(self._expected_row(container, grid, line, entry))
            line += 1
        if observers:
            title = QLabel("列席人员（不计入应到、实到）", container)
            title.setFont(scaled_font(1.0, bold=True))
            grid.addWidget(title, line, 0, 1, 4)
            line += 1
            for entry in observers:
                self._rows.append(self._observer_row(container, grid, line, entry))
                line += 1
        grid.setRowStretch(line, 1)
        self.scroll_area.setWidget(container)
        self._update_counts()

    def _name_label(self, parent: QWidget, entry: AttendanceEntry, note: str) -> QLabel:
        label = QLabel(entry.name, parent)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if note:
            label.setText(f"{entry.name}（{note}）")
            label.setToolTip(
                f"{entry.name}是预备党员，参加会议但没有表决权。"
                if note == NO_VOTE_NOTE
                else f"{entry.name}列席会议，不计入应到、实到人数。"
            )
        return label

    def _expected_row(
        self, parent: QWidget, grid: QGridLayout, line: int, entry: AttendanceEntry
    ) -> _Row:
        note = NO_VOTE_NOTE if not entry.has_vote and self._kind_has_votes() else ""
        row = _Row(entry=entry, name=self._name_label(parent, entry, note))
        grid.addWidget(row.name, line, 0)
        buttons = QWidget(parent)
        box = QHBoxLayout(buttons)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        group = QButtonGroup(buttons)
        group.setExclusive(True)
        for number, (presence, text) in enumerate(PRESENCE_BUTTONS):
            button = QToolButton(buttons)
            button.setText(text)
            button.setCheckable(True)
            button.setChecked(entry.presence is presence)
            button.setEnabled(not self._read_only)
            button.setAccessibleName(f"{entry.name}{text}")
            button.setToolTip(f"{entry.name}{presence.label}")
            button.setObjectName(f"presence_{presence.value}")
            set_role(button, "presence")
            group.addButton(button, number)
            box.addWidget(button)
            row.buttons[presence] = button
        row.group = group
        grid.addWidget(buttons, line, 1)
        reason = QLineEdit(parent)
        reason.setMaxLength(REASON_MAX_LENGTH)
        reason.setText(entry.reason if entry.presence is not Presence.PRESENT else "")
        reason.setAccessibleName(f"{entry.name}请假或缺席的原因")
        reason.setReadOnly(self._read_only)
        row.reason = reason
        error = QLabel(parent)
        error.setObjectName(f"reasonError:{entry.name}")
        prepare_error_label(error)
        error.setWordWrap(False)
        row.error = error
        cell = QHBoxLayout()
        cell.setSpacing(8)
        cell.addWidget(reason, 1)
        cell.addWidget(error)
        grid.addLayout(cell, line, 2)
        self._show_reason_state(row)
        group.buttonToggled.connect(
            lambda button, checked, r=row: self._presence_toggled(r, button, checked)
        )
        reason.textChanged.connect(lambda text, r=row: self._reason_typed(r, text))
        return row

    def _observer_row(
        self, parent: QWidget, grid: QGridLayout, line: int, entry: AttendanceEntry
    ) -> _Row:
        row = _Row(entry=entry, name=self._name_label(parent, entry, ""))
        grid.addWidget(row.name, line, 0)
        note = QLabel(OBSERVER_NOTE, parent)
        set_role(note, "hint")
        grid.addWidget(note, line, 1)
        if not self._read_only:
            remove = QPushButton("移除", parent)
            remove.setAutoDefault(False)
            remove.setAccessibleName(f"移除列席人员{entry.name}")
            remove.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            remove.clicked.connect(lambda _c=False, n=entry.name: self.remove_observer(n))
            grid.addWidget(remove, line, 2, Qt.AlignmentFlag.AlignLeft)
        return row

    def _kind_has_votes(self) -> bool:
        # only the general assembly has members without a vote (at a 支委会 all vote)
        return self._kind is MeetingKind.GENERAL_ASSEMBLY

    # --- reacting -----------------------------------------------------------------------

    def _presence_toggled(self, row: _Row, button: QAbstractButton, checked: bool) -> None:
        if not checked or not alive(button):
            return
        for presence, candidate in row.buttons.items():
            if candidate is button:
                row.entry.presence = presence
        if row.entry.presence is Presence.PRESENT:
            row.entry.reason = ""
            if row.reason is not None:
                row.reason.blockSignals(True)
                row.reason.clear()
                row.reason.blockSignals(False)
        self._show_reason_state(row)
        if row.error is not None and not row.error.isHidden():
            show_field_error(row.error, self._row_problem(row.entry))
        self._update_counts()
        if row.reason is not None and row.entry.presence is not Presence.PRESENT:
            row.reason.setFocus()
        self.changed.emit()

    def _reason_typed(self, row: _Row, text: str) -> None:
        row.entry.reason = text
        if row.error is not None and not row.error.isHidden():
            show_field_error(row.error, self._row_problem(row.entry))
        self.changed.emit()

    def _show_reason_state(self, row: _Row) -> None:
        if row.reason is None:
            return
        absent = row.entry.presence is not Presence.PRESENT
        row.reason.setEnabled(absent)
        row.reason.setPlaceholderText(REASON_PLACEHOLDER if absent else "")

    @staticmethod
    def _row_problem(entry: AttendanceEntry) -> str:
        if entry.role is not AttendanceRole.EXPECTED or entry.presence is Presence.PRESENT:
            return ""
        if squeeze(entry.reason):
            return ""
        return f"请填写{entry.presence.label}原因"

    def _update_counts(self) -> None:
        observers = sum(e.role is AttendanceRole.OBSERVER for e in self._entries)
        self.counts_label.setText(counts_text(self.headcount(), observers))
        found = self.quorum()
        if found is None:
            self.quorum_label.setVisible(False)
            return
        if found.reached:
            self.quorum_label.setText(f"✓ {found.message}")
            set_role(self.quorum_label, "ok")
        else:
            self.quorum_label.setText(f"！ {found.message}")
            set_role(self.quorum_label, "warning-item")
        self.quorum_label.setVisible(True)
