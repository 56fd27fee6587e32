"""What the member and organisation dialogs share: a Designer form in a dialog, problems
shown beside their fields (errors in red with ！, warnings in amber with “提示：”), and a
:class:`ValidationError` from a service put beside the field it names.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QWidget

from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.errors import UserError, ValidationError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.forms import GuardedDialog, child, load_form
from jianshi_desktop.gui.common.widgets import alive, make_primary, show_problem


class FormDialog(GuardedDialog):
    """A dialog whose body is ``ui/<form_name>.ui`` with a ``buttonBox``; the OK (or Save)
    button is the primary action and runs :meth:`save`, which accepts on success. 取消 and
    Esc ask before throwing away what was typed (:class:`GuardedDialog`)."""

    form_name = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = load_form(self.form_name, self)
        self.buttons = child(self.ui, QDialogButtonBox, "buttonBox")
        self.buttons.rejected.connect(self.reject)
        self.errors: dict[str, QLabel] = {}

    def primary_button(self) -> QPushButton:
        for which in (QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Ok):
            button = self.buttons.button(which)
            if button is not None:
                return button
        raise LookupError("dialog without a Save or OK button")

    def _wire_primary(self, text: str = "") -> QPushButton:
        button = self.primary_button()
        if text:
            button.setText(text)
        make_primary(button)
        button.setDefault(True)
        button.clicked.connect(self.save)
        return button

    def label(self, name: str) -> QLabel:
        return child(self.ui, QLabel, name)

    def error_labels(self, names: dict[str, str]) -> dict[str, QLabel]:
        """Field → its error label (named in the form), each hidden until needed."""
        labels = {field: self.label(name) for field, name in names.items()}
        for label in labels.values():
            label.setWordWrap(True)
            show_problem(label, None)
        self.errors.update(labels)
        return labels

    def closing(self) -> bool:
        """True while Qt is deleting the dialog: a field that loses its focus then still
        reports that it was left, but the other widgets may be gone already."""
        return not alive(self, self.buttons, *self.errors.values())

    def fit_height(self) -> None:
        """Grow to show every line of the problems now shown: wrapped labels need more
        height than the dialog's minimum size accounts for."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = (
            layout.totalHeightForWidth(self.width())
            if layout.hasHeightForWidth()
            else layout.totalMinimumSize().height()
        )
        if needed > self.height():
            self.resize(self.width(), needed)

    def show_service_error(self, exc: UserError, *, title: str) -> None:
        """A refusal from a service: beside its field when it names one, else a message."""
        field = exc.field if isinstance(exc, ValidationError) else ""
        if field in self.errors and alive(self.errors[field]):
            show_problem(self.errors[field], Problem(field, exc.message))
            self.fit_height()
            return
        messages.show_error(self, exc, title=title)

    def save(self) -> None:
        """Do the dialog's action; accept when done (subclasses)."""
        raise NotImplementedError
