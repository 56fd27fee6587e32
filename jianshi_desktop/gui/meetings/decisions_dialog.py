"""发展党员表决: everyone a 支委会 or 支部党员大会 may decide about on its day (确定积极分子,
发展对象, 接收, 转正, 延长预备期 …), with tickboxes; one per-person resolution is added for
each person ticked."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.enums import MeetingKind, ResolutionKind
from jianshi_desktop.gui.common.widgets import scaled_font, set_role
from jianshi_desktop.gui.meetings.proceedings_rows import subject_label
from jianshi_desktop.services.recruitment import Subject

TITLE = "发展党员表决"
NOBODY = "这次会议没有到期需要表决的发展对象或预备党员。"
WHY_MISSING = {
    MeetingKind.COMMITTEE: (
        "确定入党积极分子前要先派人谈话（第2步）；确定发展对象要在确定为入党积极分子满一年、"
        "有培养教育考察记录之后。要找的人不在这里时，请到“发展党员”页面看他的下一步和"
        "最早可以办理的日期，并核对会议日期。"
    ),
    MeetingKind.GENERAL_ASSEMBLY: (
        "接收预备党员要先办完第14步（填写入党志愿书）；预备党员转正要等预备期满（入党满一年，"
        "或延长后的日期）。要找的人不在这里时，请到“发展党员”页面看他的下一步和最早可以办理"
        "的日期，并核对会议日期。延长预备期或取消预备党员资格，请点“添加决议”，在“决议类别”"
        "中选择。"
    ),
}
# the order the kinds are listed in, with a heading each
HEADINGS = {
    ResolutionKind.ACTIVIST: "确定为入党积极分子",
    ResolutionKind.CANDIDATE: "列为发展对象",
    ResolutionKind.ADMISSION: "接收为预备党员",
    ResolutionKind.FULL_MEMBERSHIP: "预备期满，讨论转正",
    ResolutionKind.PROBATION_EXTENDED: "延长预备期（只在需要时勾选）",
    ResolutionKind.PROBATION_CANCELLED: "取消预备党员资格（只在需要时勾选）",
}
# ticked to start: what such a meeting is usually called for
USUAL = frozenset(
    {
        ResolutionKind.ACTIVIST,
        ResolutionKind.CANDIDATE,
        ResolutionKind.ADMISSION,
        ResolutionKind.FULL_MEMBERSHIP,
    }
)


class DecisionsDialog(QDialog):
    """The people due for a decision at this meeting, grouped by what is decided; 延长预备期
    and 取消资格 are offered unticked (they are the exception)."""

    def __init__(self, parent: QWidget | None, subjects: list[Subject]) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.boxes: list[tuple[QCheckBox, Subject]] = []
        intro = QLabel(
            "勾选这次会议要表决的人，每人添加一项决议（表决票数先按全体同意填写，可再修改）。",
            self,
        )
        intro.setWordWrap(True)
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.setSpacing(4)
        for kind, heading_text in HEADINGS.items():
            mine = [s for s in subjects if s.kind is kind]
            if not mine:
                continue
            heading = QLabel(heading_text, inner)
            heading.setFont(scaled_font(1.0, bold=True))
            column.addWidget(heading)
            for subject in mine:
                box = QCheckBox(subject_label(subject), inner)
                box.setChecked(kind in USUAL)
                box.setToolTip(subject.text)
                column.addWidget(box)
                self.boxes.append((box, subject))
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        note = QLabel(
            "一人一项决议，表决结果为通过的，会议完成后自动记入发展党员档案或党员名册。", self
        )
        note.setWordWrap(True)
        set_role(note, "hint")
        buttons = QDialogButtonBox(self)
        self.add_button = buttons.addButton("添加决议", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(460, 380)

    def chosen(self) -> list[Subject]:
        return [subject for box, subject in self.boxes if box.isChecked()]
