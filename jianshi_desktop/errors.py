"""Errors a user can act on.

A :class:`UserError` carries a plain Chinese message — one sentence on what happened and
one on what to do — that the GUI shows as it is and the command line prints. Anything
that is not a ``UserError`` is a bug: it is logged with its traceback and the user sees
a short apology instead.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; ``message`` is shown to them verbatim (Chinese)."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}{self.hint}" if self.hint else self.message


class DataDirError(UserError):
    """The data folder cannot be created or written."""


class DatabaseError(UserError):
    """The database file cannot be opened as ours (not SQLite, damaged, locked)."""


class DatabaseTooNewError(DatabaseError):
    """The database was written by a newer version of the app; it is left untouched."""


class ValidationError(UserError):
    """Input that breaks a rule; ``field`` names the form field when there is one."""

    def __init__(self, message: str, *, field: str = "", hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.field = field
