"""What the steps of the meeting wizard share: the wizard they belong to, and the working
form they keep what was entered in when left (a later step reads it: who is expected
depends on step 1, the agenda sections on steps 1 and 2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from jianshi_desktop.gui.records.wizard import Mode, StepPage

if TYPE_CHECKING:
    from jianshi_desktop.gui.meetings.wizard import MeetingWizard

NUMBERS = "一二三四五六七八九十"


def ordinal(number: int) -> str:
    """议题一, 议题二 … 议题十, then 议题11."""
    return NUMBERS[number - 1] if 1 <= number <= len(NUMBERS) else str(number)


def text_box(lines: int, parent: QWidget | None = None) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    height = box.fontMetrics().lineSpacing() * lines + 14
    box.setFixedHeight(height)
    return box


class MeetingStep(StepPage):
    """A step of the meeting wizard: what it holds goes into the working form when it is
    left, forward (after its checks) or back."""

    owner: MeetingWizard

    def keep(self) -> None:
        if self.owner.mode is not Mode.READ_ONLY:
            self.fill(self.owner.work)

    def validatePage(self) -> bool:
        self.keep()
        return super().validatePage()

    def cleanupPage(self) -> None:  # going back: keep what was typed
        self.keep()
        super().cleanupPage()
