"""Reading the other pages' code while the secretary looks at the first one.

The first page needs little; the other pages need the record, document and package code
(a few hundred classes). Importing it on a background thread once the window shows makes
the first visit of those pages quicker without delaying the start. Only modules without Qt
widgets are read here (widgets belong to the GUI thread); a module that fails to load is
logged and left for the page itself, which reports it to the user as usual.
"""

from __future__ import annotations

import importlib
import logging
import threading

log = logging.getLogger(__name__)

# The heavy modules behind the pages after 首页, most used first; none creates a QObject.
PRELOADED_MODULES = (
    "jianshi_desktop.services.members",
    "jianshi_desktop.services.meetings",
    "jianshi_desktop.services.theme_days",
    "jianshi_desktop.services.heart_talks",
    "jianshi_desktop.services.documents",
    "jianshi_desktop.services.reports",
    "jianshi_desktop.services.roster",
    "jianshi_desktop.submission.package",
    "jianshi_desktop.submission.verify",
)


def preload(modules: tuple[str, ...] = PRELOADED_MODULES) -> list[str]:
    """Import ``modules``; the names of those that could not be loaded."""
    failed = []
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:  # a part missing: the page that needs it will say so
            log.warning("Could not preload %s", name, exc_info=True)
            failed.append(name)
    return failed


def preload_in_background() -> threading.Thread:
    """Start :func:`preload` on a daemon thread (it never blocks closing the window)."""
    thread = threading.Thread(target=preload, name="preload", daemon=True)
    thread.start()
    return thread
