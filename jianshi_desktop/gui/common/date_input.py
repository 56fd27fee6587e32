"""A date typed the way people write it, or picked from a calendar.

A Designer form holds a ``QLineEdit`` and a ``QToolButton`` side by side; :class:`DateInput`
gives them their behaviour: the text is read with :func:`domain.dates.parse_date`
(``1985.03.05``, ``1985年3月5日``, ``19850305``, ``1985.03`` …), tidied to
``1985年3月5日`` when the field is left, and the button opens a calendar.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from jianshi_desktop.domain.dates import DateParseError, FuzzyDate, format_date, parse_date
from jianshi_desktop.gui.common.forms import child
from jianshi_desktop.gui.common.widgets import alive, set_role

PLACEHOLDER = "如 1985.03.05"
TOOLTIP = "可以直接输入，如 1985.03.05、1985年3月5日、19850305；也可以点右边的“日历”选择。"


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def py_date(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


class DateInput(QObject):
    """The behaviour of one date field. ``finished`` is emitted when the field is left or a
    day is picked; ``changed`` on every change of the text."""

    finished = Signal()
    changed = Signal()

    def __init__(self, edit: QLineEdit, button: QToolButton) -> None:
        super().__init__(edit)
        self.edit = edit
        self.button = button
        self.placeholder = PLACEHOLDER
        edit.setPlaceholderText(PLACEHOLDER)
        # room for “2024年12月31日” and a little more, however wide the form
        edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("2024年12月31日") + 48)
        edit.setToolTip(TOOLTIP)
        edit.setMaxLength(20)
        button.setText("日历")
        button.setToolTip("从日历中选择日期")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        set_role(button, "calendar")
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.menu = QMenu(button)
        action = QWidgetAction(self.menu)
        action.setDefaultWidget(self.calendar)
        self.menu.addAction(action)
        button.setMenu(self.menu)
        self.menu.aboutToShow.connect(self._open_calendar)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        edit.editingFinished.connect(self._left)
        edit.textChanged.connect(lambda _text: self.changed.emit())

    @classmethod
    def in_form(cls, form: QWidget, name: str) -> DateInput:
        """The date field of a form loaded from a .ui file: its line edit ``{name}Edit``
        and calendar button ``{name}Button``."""
        return cls(child(form, QLineEdit, f"{name}Edit"), child(form, QToolButton, f"{name}Button"))

    # --- reading and writing --------------------------------------------------------

    def text(self) -> str:
        return self.edit.text()

    def parsed(self) -> FuzzyDate | None:
        """The date typed, None when empty; raises :class:`DateParseError` when unreadable."""
        if not self.edit.text().strip():
            return None
        return parse_date(self.edit.text())

    def value(self) -> dt.date | None:
        """The date typed, or None when empty or unreadable (see :meth:`problem`)."""
        try:
            parsed = self.parsed()
        except DateParseError:
            return None
        return parsed.value if parsed else None

    def problem(self) -> str:
        """Why the text is not a date, or ``""``."""
        try:
            self.parsed()
        except DateParseError as exc:
            return exc.message
        return ""

    def set_date(self, day: dt.date | None) -> None:
        self.edit.setText(format_date(day))

    def set_enabled(self, enabled: bool) -> None:
        self.edit.setEnabled(enabled)
        self.button.setEnabled(enabled)

    # --- events -----------------------------------------------------------------------

    def _left(self) -> None:
        if not alive(self.edit, self.button):
            return  # the field loses its focus because its dialog is being deleted
        try:
            parsed = self.parsed()
        except DateParseError:
            parsed = None
        if parsed is not None:
            tidy = format_date(parsed.value, parsed.precision)
            if tidy != self.edit.text():
                self.edit.setText(tidy)
        self.finished.emit()

    def _open_calendar(self) -> None:
        day = self.value() or dt.date.today()
        self.calendar.setSelectedDate(qdate(day))

    def _picked(self, date: QDate) -> None:
        self.set_date(dt.date(date.year(), date.month(), date.day()))
        self.menu.close()
        self.finished.emit()
