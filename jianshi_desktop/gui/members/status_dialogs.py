"""Status changes of one member: 转正, 人员变动 (转出, 停止党籍, 去世), and the probation
decisions (延长预备期, 取消预备党员资格, 留党察看).

Nothing is deleted: the services record the change in the member's history and, for a
转出, the 介绍信 number and the receiving organisation. Problems from the services are
shown beside the field they name.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFormLayout, QLineEdit, QRadioButton, QWidget

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import MemberEventKind
from jianshi_desktop.domain.members import (
    expected_full_member_date,
    extension_problem,
    full_member_date_problem,
    latest_extension_end,
    party_probation_problem,
)
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common.date_input import DateInput
from jianshi_desktop.gui.common.forms import child
from jianshi_desktop.gui.common.widgets import alive, set_role, show_problem
from jianshi_desktop.gui.dues.bases import PaidThroughField
from jianshi_desktop.gui.members.base import FormDialog
from jianshi_desktop.services.members import (
    MemberRow,
    cancel_probation,
    extend_probation,
    general_assembly_on,
    get_member,
    make_full_member,
    record_leaving,
    record_party_probation,
)


class FullMemberDialog(FormDialog):
    """转正: the date and a note.

    The date filled in is one the rules allow: today once the one-year probation has
    ended (党章 art. 7; 发展党员工作细则 art. 31). Before that the dialog says when it ends
    and 确认转正 stays disabled.
    """

    form_name = "full_member_dialog"

    def __init__(
        self, parent: QWidget | None, member_id: int, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.member = get_member(member_id)
        self.setWindowTitle(f"转正 — {self.member.name}")
        self.date = DateInput.in_form(self.ui, "date")
        self.note_edit = child(self.ui, QLineEdit, "noteEdit")
        self.error_labels({"full_member_on": "dateError", "note": "noteError"})
        hint = self.label("dateHint")
        set_role(hint, "hint")
        hint.setText("支部大会讨论通过其转为正式党员的日期，不早于预备期满一年，不晚于今天。")
        self.label("introLabel").setText(self._intro())
        self.confirm = self._wire_primary("确认转正")
        expected = self.member.expected_full_member_on
        self.probation_ended = expected is None or expected <= self.today
        if self.probation_ended:
            self.date.set_date(self.today)
        else:
            self.date.set_date(None)
            self.date.set_enabled(False)
            self.note_edit.setEnabled(False)
            self.confirm.setEnabled(False)
        self.date.finished.connect(self.check)
        self.setMinimumWidth(520)
        self.date.edit.setFocus()

    def _intro(self) -> str:
        row = self.member
        if row.joined_on is None:
            return f"为预备党员{row.name}办理转正。请填写转正时间。"
        expected = row.expected_full_member_on
        joined = f"{row.name}于{format_date(row.joined_on)}入党"
        if expected is None:
            return f"{joined}。请填写转正时间。"
        if row.probation_extended_to is not None:  # 延长预备期 (党章 art. 7)
            ends = format_date(row.probation_extended_to)
            if expected > self.today:
                return f"{joined}，预备期已延长到{ends}，现在还不能转正。"
            return f"{joined}，延长的预备期已于{ends}期满。请填写转正时间。"
        if expected > self.today:
            return (
                f"{joined}，预备期到{format_date(expected)}才满一年，"
                "现在还不能转正。预备期满后，经支部大会讨论通过，再来办理转正。"
            )
        return f"{joined}，预备期已于{format_date(expected)}满一年。请填写转正时间。"

    def check(self) -> bool:
        if self.closing():
            return False
        message = self.date.problem() or ("" if self.date.text().strip() else "请填写转正时间。")
        on = self.date.value()
        if not message and on is not None:
            problem = full_member_date_problem(
                self.member.joined_on,
                on,
                today=self.today,
                extended_to=self.member.probation_extended_to,
            )
            message = problem.message if problem else ""
        show_problem(
            self.errors["full_member_on"], Problem("full_member_on", message) if message else None
        )
        self.fit_height()
        return not message

    def save(self) -> None:
        if not self.check():
            self.date.edit.setFocus()
            return
        on = self.date.value()
        assert on is not None
        try:
            make_full_member(self.member.id, on=on, note=self.note_edit.text(), today=self.today)
        except UserError as exc:
            self.show_service_error(exc, title="没有办理转正")
            return
        self.accept()


CONFIRM_TEXT = {
    MemberEventKind.TRANSFER_OUT: "确认转出",
    MemberEventKind.MEMBERSHIP_STOPPED: "确认停止党籍",
    MemberEventKind.DECEASED: "确认登记",
    MemberEventKind.LEFT_PARTY: "确认登记出党",
}
DATE_LABEL = {
    MemberEventKind.TRANSFER_OUT: "转出日期",
    MemberEventKind.MEMBERSHIP_STOPPED: "停止党籍日期",
    MemberEventKind.DECEASED: "去世日期",
    MemberEventKind.LEFT_PARTY: "出党日期",
}


class LeavingDialog(FormDialog):
    """人员变动: 转出 (date, 介绍信编号, 转往党组织, 备注), 停止党籍, 去世 or 出党 (date,
    备注)."""

    form_name = "leaving_dialog"

    def __init__(
        self,
        parent: QWidget | None,
        member_id: int,
        *,
        kind: MemberEventKind = MemberEventKind.TRANSFER_OUT,
    ) -> None:
        super().__init__(parent)
        self.member: MemberRow = get_member(member_id)
        self.setWindowTitle(f"人员变动 — {self.member.name}")
        self.radios = {
            MemberEventKind.TRANSFER_OUT: child(self.ui, QRadioButton, "transferRadio"),
            MemberEventKind.MEMBERSHIP_STOPPED: child(self.ui, QRadioButton, "stoppedRadio"),
            MemberEventKind.DECEASED: child(self.ui, QRadioButton, "deceasedRadio"),
            MemberEventKind.LEFT_PARTY: child(self.ui, QRadioButton, "leftPartyRadio"),
        }
        self.date = DateInput.in_form(self.ui, "date")
        self.letter_edit = child(self.ui, QLineEdit, "letterEdit")
        self.counterpart_edit = child(self.ui, QLineEdit, "counterpartEdit")
        self.note_edit = child(self.ui, QLineEdit, "noteEdit")
        self.form = child(self.ui, QFormLayout, "leavingForm")
        self.error_labels(
            {
                "occurred_on": "dateError",
                "letter_no": "letterError",
                "counterpart": "counterpartError",
                "note": "noteError",
            }
        )
        self.paid_through = PaidThroughField(  # 党费交至, for the 介绍信 (may stay empty)
            self.ui, self.form, after=self.label("counterpartLabel"), leaving=True
        )
        self.errors["dues_paid_through"] = self.paid_through.error
        set_role(self.label("keptHint"), "hint")
        self.label("introLabel").setText(
            f"为{self.member.name}（{self.member.status.label}"
            f"{'，' + self.member.party_group if self.member.party_group else ''}）"
            "登记人员变动。请选择变动类型并填写日期。"
        )
        self.date.set_date(dt.date.today())
        self.confirm = self._wire_primary()
        self.setMinimumWidth(600)
        for radio in self.radios.values():
            radio.toggled.connect(lambda _on: self._kind_changed())
        self.radios[kind].setChecked(True)
        self._kind_changed()
        self.date.finished.connect(lambda: self.check({"occurred_on"}))
        self.letter_edit.editingFinished.connect(lambda: self.check({"letter_no"}))
        self.counterpart_edit.editingFinished.connect(lambda: self.check({"counterpart"}))
        self.letter_edit.textChanged.connect(lambda _t: self._recheck_shown("letter_no"))
        self.counterpart_edit.textChanged.connect(lambda _t: self._recheck_shown("counterpart"))

    def kind(self) -> MemberEventKind:
        for kind, radio in self.radios.items():
            if radio.isChecked():
                return kind
        return MemberEventKind.TRANSFER_OUT

    def set_kind(self, kind: MemberEventKind) -> None:
        self.radios[kind].setChecked(True)

    def _kind_changed(self) -> None:
        kind = self.kind()
        transfer = kind is MemberEventKind.TRANSFER_OUT
        self.form.setRowVisible(self.label("letterLabel"), transfer)
        self.form.setRowVisible(self.label("counterpartLabel"), transfer)
        self.paid_through.set_visible(transfer)
        self.label("dateLabel").setText(f'{DATE_LABEL[kind]} <span style="color:#C8161D;">*</span>')
        self.confirm.setText(CONFIRM_TEXT[kind])
        self.note_edit.setPlaceholderText(
            "例如：经支部大会讨论决定予以除名，报上级党委批准"
            if kind is MemberEventKind.LEFT_PARTY
            else ""
        )
        if not transfer:
            show_problem(self.errors["letter_no"], None)
            show_problem(self.errors["counterpart"], None)
            show_problem(self.errors["dues_paid_through"], None)

    def problems(self) -> dict[str, str]:
        """What must be filled in before the change can be recorded (the service checks
        the rest and says so beside the field)."""
        found: dict[str, str] = {}
        date_problem = self.date.problem()
        if date_problem:
            found["occurred_on"] = date_problem
        elif not self.date.text().strip():
            found["occurred_on"] = f"请填写{DATE_LABEL[self.kind()]}。"
        if self.kind() is MemberEventKind.TRANSFER_OUT:
            if not self.letter_edit.text().strip():
                found["letter_no"] = "请填写组织关系介绍信编号。"
            if not self.counterpart_edit.text().strip():
                found["counterpart"] = "请填写转往的党组织。"
            if self.paid_through.problem():
                found["dues_paid_through"] = self.paid_through.problem()
        return found

    def check(self, only: set[str] | None = None) -> dict[str, str]:
        if self.closing() or not all(alive(r) for r in self.radios.values()):
            return {}
        found = self.problems()
        shown = {field for field, label in self.errors.items() if not label.isHidden()}
        for field in set(self.errors) if only is None else only | shown:
            message = found.get(field, "")
            show_problem(self.errors[field], Problem(field, message) if message else None)
        self.fit_height()
        return found

    def _recheck_shown(self, field: str) -> None:
        if not self.closing() and not self.errors[field].isHidden():
            self.check({field})

    def save(self) -> None:
        found = self.check()
        if found:
            first = next(iter(found))
            focus = {
                "occurred_on": self.date.edit,
                "letter_no": self.letter_edit,
                "counterpart": self.counterpart_edit,
                "dues_paid_through": self.paid_through.edit,
            }
            focus[first].setFocus()
            return
        on = self.date.value()
        assert on is not None
        transfer = self.kind() is MemberEventKind.TRANSFER_OUT
        try:
            record_leaving(
                self.member.id,
                self.kind(),
                on=on,
                letter_no=self.letter_edit.text() if transfer else "",
                counterpart=self.counterpart_edit.text() if transfer else "",
                note=self.note_edit.text(),
                dues_paid_through=self.paid_through.value() if transfer else None,
            )
        except UserError as exc:
            self.show_service_error(exc, title="没有登记人员变动")
            return
        self.accept()


def leaving_summary(row: MemberRow, kind: MemberEventKind) -> str:
    """The status-bar sentence after a change was recorded."""
    return {
        MemberEventKind.TRANSFER_OUT: f"已登记{row.name}转出。",
        MemberEventKind.MEMBERSHIP_STOPPED: f"已登记{row.name}停止党籍。",
        MemberEventKind.DECEASED: f"已登记{row.name}去世。",
        MemberEventKind.LEFT_PARTY: f"已登记{row.name}出党。",
    }[kind]


PROBATION_KINDS = (
    MemberEventKind.PROBATION_EXTENDED,
    MemberEventKind.PROBATION_CANCELLED,
    MemberEventKind.PARTY_PROBATION,
)
PROBATION_CONFIRM = {
    MemberEventKind.PROBATION_EXTENDED: "确认延长",
    MemberEventKind.PROBATION_CANCELLED: "确认取消资格",
    MemberEventKind.PARTY_PROBATION: "确认登记",
}


class ProbationDialog(FormDialog):
    """延长预备期 (决定日期, 延长至, 决议), 取消预备党员资格 (决定日期, 决议) or 留党察看
    (开始日期, 察看期满, 决议), with the date rules checked as typed: never after today;
    延长 at most one year (党章 art. 7); 留党察看 at most two years (党章 art. 40). The
    决议 may be left empty when the 支部党员大会 of that day is recorded."""

    form_name = "probation_dialog"

    def __init__(
        self,
        parent: QWidget | None,
        member_id: int,
        *,
        kind: MemberEventKind,
        today: dt.date | None = None,
    ) -> None:
        if kind not in PROBATION_KINDS:
            raise ValueError(kind)
        super().__init__(parent)
        self.kind = kind
        self.today = today or dt.date.today()
        self.member: MemberRow = get_member(member_id)
        self.setWindowTitle(f"{kind.label} — {self.member.name}")
        self.date = DateInput.in_form(self.ui, "date")
        self.ends = DateInput.in_form(self.ui, "ends")
        self.resolution_edit = child(self.ui, QLineEdit, "resolutionEdit")
        self.note_edit = child(self.ui, QLineEdit, "noteEdit")
        self.form = child(self.ui, QFormLayout, "probationForm")
        self.error_labels(
            {
                "occurred_on": "dateError",
                "ends_on": "endsError",
                "resolution": "resolutionError",
                "note": "noteError",
            }
        )
        for hint in ("dateHint", "endsHint"):
            set_role(self.label(hint), "hint")
        self._texts()
        self.confirm = self._wire_primary(PROBATION_CONFIRM[kind])
        self.date.set_date(self.today)
        self.form.setRowVisible(
            self.label("endsLabel"), kind is not MemberEventKind.PROBATION_CANCELLED
        )
        self.date.finished.connect(lambda: self.check({"occurred_on", "resolution"}))
        self.ends.finished.connect(lambda: self.check({"ends_on"}))
        self.setMinimumWidth(560)
        self.date.edit.setFocus()

    def _texts(self) -> None:
        row, kind = self.member, self.kind
        star = ' <span style="color:#C8161D;">*</span>'
        if kind is MemberEventKind.PARTY_PROBATION:
            self.label("dateLabel").setText(f"开始日期{star}")
            self.label("endsLabel").setText(f"察看期满{star}")
            self.label("dateHint").setText("党组织作出留党察看决定的日期，不晚于今天。")
            self.label("endsHint").setText(
                "察看期满的日期，从这一天起恢复表决权；留党察看最长不超过两年（党章第四十条）。"
            )
            intro = (
                f"为正式党员{row.name}登记留党察看。察看期间仍参加组织生活，"
                "但没有表决权、选举权和被选举权（党章第四十条）。"
            )
        else:
            self.label("dateHint").setText("支部党员大会作出决定的日期，不晚于今天。")
            joined = row.joined_on
            ends = row.expected_full_member_on
            since = f"{row.name}于{format_date(joined)}入党" if joined else f"预备党员{row.name}"
            until = f"，预备期到{format_date(ends)}满" if ends else ""
            if kind is MemberEventKind.PROBATION_EXTENDED:
                latest = latest_extension_end(joined) if joined else None
                self.label("dateLabel").setText(f"决定日期{star}")
                self.label("endsLabel").setText(f"延长至{star}")
                self.label("endsHint").setText(
                    "延长后的预备期满日。延长预备期最长一年（党章第七条）"
                    + (f"，最晚到{format_date(latest)}。" if latest else "。")
                )
                intro = (
                    f"{since}{until}。经支部党员大会讨论决定延长预备期的，"
                    "请填写决定日期和延长后的预备期满日；转正和提醒将按新的日期计算。"
                )
            else:
                self.label("dateLabel").setText(f"决定日期{star}")
                intro = (
                    f"{since}{until}。经支部党员大会讨论决定取消其预备党员资格的，"
                    "从决定之日起不再列入名册，以往的记录保留。"
                )
        self.label("introLabel").setText(intro)

    def problems(self) -> dict[str, str]:
        """What is wrong with the fields now (the service checks again when saving)."""
        found: dict[str, str] = {}
        kind = self.kind
        on = self.date.value()
        if self.date.problem():
            found["occurred_on"] = self.date.problem() or ""
        elif on is None:
            found["occurred_on"] = "请填写日期。"
        ends = self.ends.value()
        if kind is not MemberEventKind.PROBATION_CANCELLED:
            if self.ends.problem():
                found["ends_on"] = self.ends.problem() or ""
            elif ends is None:
                found["ends_on"] = "请填写日期。"
        if on is not None and "occurred_on" not in found:
            problem = None
            if kind is MemberEventKind.PROBATION_CANCELLED:
                if on > self.today:
                    found["occurred_on"] = f"决定日期{format_date(on)}晚于今天，请核对。"
            elif ends is not None and "ends_on" not in found:
                if kind is MemberEventKind.PROBATION_EXTENDED:
                    joined = self.member.joined_on
                    current = self.member.probation_extended_to or (
                        expected_full_member_date(joined) if joined else None
                    )
                    problem = extension_problem(
                        joined, on, ends, today=self.today, current_end=current
                    )
                else:
                    problem = party_probation_problem(on, ends, today=self.today)
            if problem:
                found[problem.field] = problem.message
            if (
                "occurred_on" not in found
                and not self.resolution_edit.text().strip()
                and general_assembly_on(on) is None
            ):
                found["resolution"] = (
                    f"请填写作出决定的决议（{format_date(on)}没有登记支部党员大会）。"
                )
        return found

    def check(self, only: set[str] | None = None) -> dict[str, str]:
        if self.closing():
            return {}
        found = self.problems()
        shown = {field for field, label in self.errors.items() if not label.isHidden()}
        for field in set(self.errors) if only is None else only | shown:
            message = found.get(field, "")
            show_problem(self.errors[field], Problem(field, message) if message else None)
        self.fit_height()
        return found

    def save(self) -> None:
        found = self.check()
        if found:
            focus = {
                "occurred_on": self.date.edit,
                "ends_on": self.ends.edit,
                "resolution": self.resolution_edit,
            }
            focus.get(next(iter(found)), self.date.edit).setFocus()
            return
        on, ends = self.date.value(), self.ends.value()
        assert on is not None
        resolution, note = self.resolution_edit.text(), self.note_edit.text()
        try:
            if self.kind is MemberEventKind.PROBATION_CANCELLED:
                cancel_probation(
                    self.member.id, on=on, resolution=resolution, note=note, today=self.today
                )
            elif self.kind is MemberEventKind.PROBATION_EXTENDED:
                assert ends is not None
                extend_probation(
                    self.member.id,
                    on=on,
                    ends_on=ends,
                    resolution=resolution,
                    note=note,
                    today=self.today,
                )
            else:
                assert ends is not None
                record_party_probation(
                    self.member.id,
                    starts_on=on,
                    ends_on=ends,
                    resolution=resolution,
                    note=note,
                    today=self.today,
                )
        except UserError as exc:
            self.show_service_error(exc, title=f"没有登记{self.kind.label}")
            return
        self.accept()


def probation_summary(row: MemberRow, kind: MemberEventKind) -> str:
    """The status-bar sentence after a probation decision was recorded."""
    return f"已登记{row.name}{kind.label}。"
