"""Logging: module-level named loggers, one rotating log file in the data folder."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import tempfile
from pathlib import Path

from jianshi_desktop import APP_ID

LOG_FILE = "jianshi.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_file_handler: logging.Handler | None = None


def configure_console(level: int = logging.WARNING) -> None:
    """Send warnings to stderr until the data folder (and its log file) is known."""
    root = logging.getLogger()
    if not any(isinstance(h, logging.StreamHandler) for h in root.handlers):
        handler = logging.StreamHandler()
        handler.setLevel(level)
        handler.setFormatter(logging.Formatter(_FORMAT))
        root.addHandler(handler)
    root.setLevel(logging.INFO)


def attach_log_file(logs_dir: Path) -> Path:
    """Log to ``logs_dir/jianshi.log``, rotated at 1 MB, five files kept."""
    global _file_handler
    path = logs_dir / LOG_FILE
    root = logging.getLogger()
    if _file_handler is not None:
        root.removeHandler(_file_handler)
        _file_handler.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _file_handler = handler
    return path


def current_log_file() -> Path | None:
    if isinstance(_file_handler, logging.handlers.RotatingFileHandler):
        return Path(_file_handler.baseFilename)
    return None


def default_logs_dir() -> Path:
    """``logs/`` in the system's user-data folder, found without platformdirs (which may be
    the very thing that is missing): the same folder as paths.default_data_dir."""
    if sys.platform.startswith("win"):
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_ID / "logs"


def ensure_log_file(data_root: Path | None = None) -> Path | None:
    """The log file in use, or one made for an error before the data folder was opened.

    Tries ``data_root/logs``, then the default data folder's ``logs``, then the system's
    temporary folder; None only when none of them can be written."""
    current = current_log_file()
    if current is not None:
        return current
    candidates = [data_root / "logs"] if data_root is not None else []
    candidates += [default_logs_dir(), Path(tempfile.gettempdir()) / f"{APP_ID}-logs"]
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            return attach_log_file(folder)
        except OSError:
            continue
    return None
