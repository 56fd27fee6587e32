"""Reaching into the meeting wizard the way a test needs: its steps, what the review shows,
a vote's result line. Only tests use these; the wizard itself needs none of them."""

from __future__ import annotations

import re
from typing import TypeVar

from PySide6.QtGui import QTextDocumentFragment

from jianshi_desktop.gui.common.widgets import ERROR_MARK, WARNING_MARK
from jianshi_desktop.gui.meetings.attendance_step import AttachmentsPage, AttendancePage
from jianshi_desktop.gui.meetings.basics import BasicsPage
from jianshi_desktop.gui.meetings.proceedings import ProceedingsPage
from jianshi_desktop.gui.meetings.proceedings_rows import ResolutionRow
from jianshi_desktop.gui.meetings.review import MeetingReviewPage
from jianshi_desktop.gui.meetings.wizard import MeetingWizard
from jianshi_desktop.gui.records.wizard import Mode, StepPage

PageT = TypeVar("PageT", bound=StepPage)


def step(wizard: MeetingWizard, kind: type[PageT]) -> PageT:
    (page,) = [p for p in wizard.pages if isinstance(p, kind)]
    return page


def basics(wizard: MeetingWizard) -> BasicsPage:
    return step(wizard, BasicsPage)


def attendance(wizard: MeetingWizard) -> AttendancePage:
    return step(wizard, AttendancePage)


def proceedings(wizard: MeetingWizard) -> ProceedingsPage:
    return step(wizard, ProceedingsPage)


def attachments(wizard: MeetingWizard) -> AttachmentsPage:
    return step(wizard, AttachmentsPage)


def review(wizard: MeetingWizard) -> MeetingReviewPage:
    return step(wizard, MeetingReviewPage)


def agenda_titles(wizard: MeetingWizard) -> list[str]:
    return [entry.title for entry in wizard.form().agenda]


def drafts_allowed(wizard: MeetingWizard) -> bool:
    return wizard.mode in (Mode.NEW, Mode.DRAFT)


def review_text(wizard: MeetingWizard) -> str:
    """The record as the review shows it, with its amendments below."""
    page = review(wizard)
    history = QTextDocumentFragment.fromHtml(page.history_label.text()).toPlainText()
    shown = history if page.history_label.isVisibleTo(page) else ""
    return page.review.toPlainText() + "\n" + shown


def problem_texts(wizard: MeetingWizard) -> list[str]:
    """The problems listed on the review, without their marks and links."""
    label = review(wizard).problems_label
    text = QTextDocumentFragment.fromHtml(label.text()).toPlainText()
    lines = [line for line in text.splitlines() if line.startswith((ERROR_MARK, WARNING_MARK))]
    return [
        re.sub(
            r"（回到第\d+步修改）$", "", line.removeprefix(ERROR_MARK).removeprefix(WARNING_MARK)
        )
        for line in lines
    ]


def result_text(row: ResolutionRow) -> str:
    return row.result.text()


def set_written(row: ResolutionRow, written_for: int, against: int = 0) -> None:
    """Written opinions of absent voters (only for per-person votes, rules.md §7)."""
    row.spins["written_for"].setValue(written_for)
    row.spins["written_against"].setValue(against)
