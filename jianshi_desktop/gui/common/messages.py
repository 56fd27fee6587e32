"""Every message box of the app goes through here.

One place decides how a message reaches the user: a ``QMessageBox`` (:func:`present`;
tests replace it).

:func:`show_error` is the one way to report an exception: a :class:`UserError` shows its
own Chinese message and hint; anything else is a bug — logged with its traceback, and
the user reads a short apology that names the log file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from jianshi_desktop import crash
from jianshi_desktop.errors import UserError

log = logging.getLogger(__name__)


class Level(Enum):
    INFORMATION = "information"
    WARNING = "warning"
    CRITICAL = "critical"
    QUESTION = "question"


@dataclass(frozen=True)
class Message:
    """What one message box says: one sentence on what happened, one on what to do."""

    level: Level
    title: str
    text: str
    hint: str = ""
    yes_text: str = ""  # questions only: the button that answers yes
    no_text: str = ""
    default_answer: bool = False


_ICONS = {
    Level.INFORMATION: QMessageBox.Icon.Information,
    Level.WARNING: QMessageBox.Icon.Warning,
    Level.CRITICAL: QMessageBox.Icon.Critical,
    Level.QUESTION: QMessageBox.Icon.Question,
}


def present(parent: QWidget | None, message: Message) -> bool:
    """Show ``message`` and wait; True when a question was answered yes (tests replace this)."""
    box = QMessageBox(parent)
    box.setIcon(_ICONS[message.level])
    box.setWindowTitle(message.title)
    box.setText(message.text)
    if message.hint:
        box.setInformativeText(message.hint)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if message.level is Level.QUESTION:
        yes = box.addButton(message.yes_text or "是", QMessageBox.ButtonRole.YesRole)
        no = box.addButton(message.no_text or "否", QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(yes if message.default_answer else no)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()
    return True


def information(parent: QWidget | None, text: str, *, title: str = "提示", hint: str = "") -> None:
    present(parent, Message(Level.INFORMATION, title, text, hint))


def warning(parent: QWidget | None, text: str, *, title: str = "请注意", hint: str = "") -> None:
    present(parent, Message(Level.WARNING, title, text, hint))


def critical(parent: QWidget | None, text: str, *, title: str = "出错了", hint: str = "") -> None:
    present(parent, Message(Level.CRITICAL, title, text, hint))


def ask(
    parent: QWidget | None,
    text: str,
    *,
    title: str = "请确认",
    yes_text: str = "是",
    no_text: str = "否",
    hint: str = "",
    default_answer: bool = False,
) -> bool:
    """A yes/no question; the buttons say what they do (``删除``/``保留``), not just 是/否."""
    return present(
        parent,
        Message(Level.QUESTION, title, text, hint, yes_text, no_text, default_answer),
    )


DISCARD_QUESTION = "放弃已填写的内容？"
DISCARD_YES = "放弃"
DISCARD_NO = "继续填写"


def ask_discard(parent: QWidget | None, *, title: str = "") -> bool:
    """Before a dialog with typed content closes: True to throw it away (放弃); the
    default, and Esc, is 继续填写."""
    return ask(
        parent,
        DISCARD_QUESTION,
        title=title or "关闭",
        yes_text=DISCARD_YES,
        no_text=DISCARD_NO,
        hint="这次填写的内容还没有保存，放弃后不会保留。",
        default_answer=False,
    )


def show_error(parent: QWidget | None, exc: BaseException, *, title: str = "无法完成操作") -> None:
    """Report ``exc``: a user error as it is, anything else as a logged bug."""
    if isinstance(exc, UserError):
        log.info("User error shown: %s", exc)
        present(parent, Message(Level.WARNING, title, exc.message, exc.hint))
        return
    log.error("Unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    present(parent, Message(Level.CRITICAL, "程序出错", crash.crash_message(exc)))
