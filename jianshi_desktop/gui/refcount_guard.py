"""A guard against a reference-counting bug of PySide6 6.12.0 on Python 3.11.

PySide6 6.12.0 drops one reference to ``None`` each time C++ hands Python an invalid
QVariant — for example a table model's ``data()`` answering ``None`` for a role, reached
through a QSortFilterProxyModel (PySide6 6.11 does not). Every refresh of the 党员 table
costs dozens; after enough of them Python frees ``None`` and aborts ("Fatal Python error:
none_dealloc"), at exit or in the middle of the secretary's work. ``True`` and ``False``
have been seen to go the same way (bool_dealloc).

Python 3.12 and later make these objects immortal. On 3.11 the guard does the same: it
adds 2**40 to their reference counts, which no leak can use up. The objects are static
parts of the interpreter and never freed, so a large count changes nothing else.
``tests/gui/test_refcount_guard.py`` shows the leak and that the process survives it.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 40


def guard_singletons() -> None:
    """Make ``None``, ``True`` and ``False`` as good as immortal (nothing to do on 3.12+)."""
    if sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every object in CPython's release builds.
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < HEADROOM:
            count.value += HEADROOM
