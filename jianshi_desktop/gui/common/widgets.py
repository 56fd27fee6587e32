"""Small shared pieces of the GUI: headings, notes, field errors, dates as people write them.

Roles (``heading``, ``error``, ``hint``, ``notice``, ``primary``) are dynamic properties
that ``resources/style.qss`` colours; sizes are set here relative to the application
font, so that a larger base font makes everything larger.
"""

from __future__ import annotations

import datetime as dt

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

ERROR_MARK = "！"  # errors are marked by a sign as well as by colour


def alive(*objects: QObject) -> bool:
    """False once Qt has deleted any of ``objects`` (signals can arrive during teardown)."""
    return all(shiboken6.isValid(obj) for obj in objects)


def set_role(widget: QWidget, role: str) -> None:
    """Give ``widget`` a style role and re-apply the style sheet to it."""
    widget.setProperty("role", role)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def scaled_font(factor: float, *, bold: bool = False) -> QFont:
    font = QFont(QApplication.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    font.setBold(bold)
    return font


def heading(text: str, parent: QWidget | None = None, *, level: int = 1) -> QLabel:
    """A page (level 1) or section (level 2) heading."""
    label = QLabel(text, parent)
    label.setFont(scaled_font(1.5 if level == 1 else 1.15, bold=True))
    set_role(label, "heading" if level == 1 else "subheading")
    return label


def style_heading(label: QLabel, *, level: int = 1) -> None:
    """Make a label loaded from a form into a heading."""
    label.setFont(scaled_font(1.5 if level == 1 else 1.15, bold=True))
    set_role(label, "heading" if level == 1 else "subheading")


def notice(text: str, parent: QWidget | None = None) -> QLabel:
    """A plain boxed note, e.g. that a part of the app comes in a later version."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    set_role(label, "notice")
    return label


def make_primary(button: QPushButton) -> None:
    set_role(button, "primary")


def prepare_error_label(label: QLabel) -> None:
    label.setWordWrap(True)
    set_role(label, "error")
    label.setVisible(False)


def show_field_error(label: QLabel, message: str) -> None:
    """Show a field's problem beside it; an empty message hides the label."""
    if message:
        label.setText(f"{ERROR_MARK}{message}")
        label.setVisible(True)
    else:
        label.clear()
        label.setVisible(False)


def field_error(label: QLabel) -> str:
    """The problem currently shown by ``label`` (without the mark), or ``""``."""
    if label.isHidden():
        return ""
    return label.text().removeprefix(ERROR_MARK)


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_datetime(moment: dt.datetime) -> str:
    return f"{chinese_date(moment.date())} {moment:%H:%M}"
