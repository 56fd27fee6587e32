"""Small shared pieces of the GUI: headings, notes, field errors, dates as people write them.

Roles (``heading``, ``error``, ``hint``, ``notice``, ``primary``) are dynamic properties
that ``resources/style.qss`` colours; sizes are set here relative to the application
font, so that a larger base font makes everything larger.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from pathlib import Path

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QObject, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from jianshi_desktop.domain.problems import Problem

log = logging.getLogger(__name__)

ERROR_MARK = "！"  # errors are marked by a sign as well as by colour
WARNING_MARK = "提示："


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


def error_label(parent: QWidget | None) -> QLabel:
    """A label for the problem beside a field, hidden until there is one."""
    label = QLabel(parent)
    prepare_error_label(label)
    return label


def show_problem(label: QLabel, problem: Problem | None, *, as_warning: bool = False) -> None:
    """A problem beside its field: red with ！ (errors), amber with 提示： (warnings, or an
    error that only warns here, ``as_warning``); ``None`` hides the label."""
    if problem is None:
        label.clear()
        label.setVisible(False)
        return
    warning = as_warning or not problem.is_error
    set_role(label, "warning" if warning else "error")
    label.setText(f"{WARNING_MARK if warning else ERROR_MARK}{problem.message}")
    label.setVisible(True)


def show_field_error(label: QLabel, message: str) -> None:
    """Show an error beside its field; an empty message hides the label."""
    show_problem(label, Problem("", message) if message else None)


def shown_problem(label: QLabel) -> str:
    """The problem ``label`` shows now, without its mark; ``""`` when hidden."""
    if label.isHidden():
        return ""
    return label.text().removeprefix(ERROR_MARK).removeprefix(WARNING_MARK)


def prepare_table(table: QTableView, name: str) -> QHeaderView:
    """A table as every list of the app shows one: rows a line of text high, no row
    numbers, column titles left-aligned and not highlighted; named for screen readers.
    Its header, for the widths each list sets itself."""
    table.setAccessibleName(name)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return header


def select_row(view: QAbstractItemView, row: int) -> None:
    """Select row ``row`` of ``view`` (of its model as shown) whole, make it current and
    scroll to it."""
    model = view.model()
    index = model.index(row, 0)
    view.selectionModel().select(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    view.setCurrentIndex(index)
    view.scrollTo(index)


def esc(text: object) -> str:
    """``text`` for a rich-text label or browser: escaped, line breaks kept."""
    return html.escape(str(text)).replace("\n", "<br>")


def open_in_system(path: Path) -> bool:
    """Open ``path`` with the program the system uses for it (Word or WPS for .docx; a
    folder in the file manager). False when no program took it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_folder(parent: QWidget, folder: Path, *, title: str) -> bool:
    """Open ``folder`` in the file manager; when the system cannot, say where it is."""
    if open_in_system(folder):
        return True
    log.warning("Could not open %s in the file manager", folder)
    from jianshi_desktop.gui.common import messages

    messages.warning(
        parent,
        f"无法自动打开文件夹“{folder}”。",
        hint="请在“此电脑”或文件管理器中按这个路径手动打开。",
        title=title,
    )
    return False


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_datetime(moment: dt.datetime) -> str:
    return f"{chinese_date(moment.date())} {moment:%H:%M}"


class ElidedLabel(QLabel):
    """A one-line label that shortens its text in the middle with 「…」 when it has less
    room than the text needs (a long data-folder path in the status bar at 1024×768 and
    larger text); the whole text is its tooltip. ``text()`` stays the whole text."""

    LEAST_CHARS = 12  # the narrowest it asks for: about this many characters

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        least = self.fontMetrics().averageCharWidth() * self.LEAST_CHARS
        return QSize(min(hint.width(), least), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        room = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideMiddle, room.width()
        )
        if shown == self.text():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.drawText(room, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), shown)
