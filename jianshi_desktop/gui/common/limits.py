"""Length limits shown while typing: nothing is cut without the secretary seeing it.

A line edit with a maximum length (set in Designer or with ``setMaxLength``) gets a small
counter at its right end (:class:`LengthCounter`): it appears as the text nears the limit
(“86/100”), and when more is typed or pasted than fits it turns red (“100/100 已满”) and
a note just under the field says for a few seconds that the rest was not taken. The
field's tooltip names the limit from the start. Nothing moves in the layout: the counter
sits inside the field, the note over what lies below it.

:func:`show_limits` gives every limited line edit under a widget its counter (every form
loaded with :func:`~jianshi_desktop.gui.common.forms.load_form` gets it);
:func:`watch_application` gives it to any limited line edit when it takes the focus, for
the fields built in code.

Short limits (under :data:`MIN_LIMIT`, such as a time “19:30”) are formats, not lengths,
and have no counter.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from jianshi_desktop.gui.common.widgets import scaled_font, set_role

NO_LIMIT = 32767  # QLineEdit's maxLength when none was set
MIN_LIMIT = 10
SHOW_FROM = 0.8  # the counter appears at this share of the limit
COUNTER_NAME = "lengthCounter"
NOTE_MS = 6000  # how long the note under the field stays after more was refused
NOTE_STYLE = (
    "QLabel { background: #FFF4F4; border: 1px solid #E7A7A9; border-radius: 3px;"
    " padding: 3px 6px; color: #C8161D; }"
)


def limit_of(edit: QLineEdit) -> int | None:
    """The field's maximum length, None when it has none worth showing."""
    limit = edit.maxLength()
    if limit >= NO_LIMIT or limit < MIN_LIMIT or edit.echoMode() != QLineEdit.EchoMode.Normal:
        return None
    return limit


def limit_tip(limit: int) -> str:
    return f"最多可填{limit}个字。"


def refused_text(limit: int) -> str:
    return f"这一栏最多填{limit}个字，多出的字没有填进去，请精简后再填。"


class LengthCounter(QLabel):
    """“86/100” inside the right end of ``edit`` near its limit; red with a note once
    more was typed or pasted than fits."""

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        self.refused = False  # more was typed or pasted than fits, since the text was shorter
        self.note: QLabel | None = None
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_MS)
        self._note_timer.timeout.connect(self._hide_note)
        self.setObjectName(COUNTER_NAME)
        self.setFont(scaled_font(0.85))
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setAccessibleName("字数")
        set_role(self, "hint")
        edit.textChanged.connect(lambda _text: self.update_count())
        edit.inputRejected.connect(self._rejected)
        edit.installEventFilter(self)
        tip = edit.toolTip()
        limit = limit_of(edit)
        if limit is not None and "最多可填" not in tip:
            edit.setToolTip(f"{tip}\n{limit_tip(limit)}" if tip else limit_tip(limit))
        self.update_count()

    def limit(self) -> int | None:
        return limit_of(self.edit)

    def message(self) -> str:
        """The note shown when more was typed than fits ("" otherwise)."""
        limit = self.limit()
        return refused_text(limit) if self.refused and limit is not None else ""

    def update_count(self) -> None:
        limit = self.limit()
        length = len(self.edit.text())
        if limit is None or length < limit:
            self.refused = False
            self._hide_note()
        if limit is None or length < int(limit * SHOW_FROM):
            self.setVisible(False)
            self.edit.setTextMargins(0, 0, 0, 0)
            return
        full = self.refused and length >= limit
        self.setText(f"{length}/{limit} 已满" if full else f"{length}/{limit}")
        set_role(self, "error" if full else "hint")
        self.setToolTip(self.message() or limit_tip(limit))
        self._place()
        self.setVisible(True)

    def _rejected(self) -> None:
        limit = self.limit()
        if limit is None or len(self.edit.text()) < limit:
            return  # refused by a validator, not by the length
        self.refused = True
        self.update_count()
        self._show_note()

    def _show_note(self) -> None:
        """The note just under the field, over what lies below it for a few seconds (a
        tooltip of the window itself: nothing in the layout moves)."""
        window = self.edit.window()
        if self.note is None or self.note.parentWidget() is not window:
            self.note = QLabel(window)
            self.note.setObjectName("lengthNote")
            self.note.setStyleSheet(NOTE_STYLE)
            self.note.setWordWrap(True)
            self.note.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.note.setText(f"！{self.message()}")
        width = max(self.edit.width(), 260)
        self.note.setFixedWidth(min(width, max(window.width() - 8, 1)))
        self.note.adjustSize()
        below = self.edit.mapTo(window, QPoint(0, self.edit.height() + 2))
        x = max(0, min(below.x(), window.width() - self.note.width()))
        self.note.move(x, below.y())
        self.note.show()
        self.note.raise_()
        self._note_timer.start()

    def _hide_note(self) -> None:
        if self.note is not None:
            self.note.hide()

    def note_text(self) -> str:
        """The note under the field as shown now ("" when none is shown)."""
        return self.note.text() if self.note is not None and self.note.isVisible() else ""

    def _place(self) -> None:
        self.adjustSize()
        width = self.sizeHint().width()
        margin = 6
        self.setGeometry(self.edit.width() - width - margin, 0, width, max(self.edit.height(), 1))
        self.edit.setTextMargins(0, 0, width + margin, 0)
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit:
            if event.type() == QEvent.Type.Resize and self.isVisible():
                self._place()
            elif event.type() in (QEvent.Type.FocusOut, QEvent.Type.Hide):
                self._hide_note()
        return False


def counter_of(edit: QLineEdit) -> LengthCounter | None:
    found = edit.findChild(LengthCounter, COUNTER_NAME)
    return found if isinstance(found, LengthCounter) else None


def show_limit(edit: QLineEdit) -> LengthCounter | None:
    """``edit``'s counter, made now when the field has a limit and no counter yet."""
    counter = counter_of(edit)
    if counter is None and limit_of(edit) is not None and not edit.isReadOnly():
        counter = LengthCounter(edit)
    return counter


def show_limits(root: QWidget) -> None:
    """A counter for every limited line edit under ``root``."""
    for edit in root.findChildren(QLineEdit):
        show_limit(edit)


_watching: set[int] = set()


def watch_application(app: QApplication | None = None) -> None:
    """From now on, a limited line edit gets its counter when it takes the focus."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    if not isinstance(app, QApplication) or id(app) in _watching:
        return
    _watching.add(id(app))
    app.focusChanged.connect(_focus_changed)


def _focus_changed(_old: QWidget | None, now: QWidget | None) -> None:
    if isinstance(now, QLineEdit):
        show_limit(now)
