"""Logging: module-level named loggers, one rotating log file in the data folder."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

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


def detach_log_file() -> None:
    global _file_handler
    if _file_handler is not None:
        logging.getLogger().removeHandler(_file_handler)
        _file_handler.close()
        _file_handler = None
