"""Temporary ``.NAME.part`` files written outside the data folder (a package on a USB
stick) that a crash or a power cut may leave behind, and the list that finds them again.

The list is a small file in the data folder's ``tmp/``: a writer adds its part *before*
creating it and takes it off once the part is renamed or removed. Parts still listed are
removed when the data folder is next opened (before ``tmp/`` is emptied) and before the
next export. Only names of the form ``.NAME.part`` are ever removed. Standard library only:
this runs at every start.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

from jianshi_desktop.paths import write_text_atomically

PART_SUFFIX = ".part"  # a package is written as ".NAME.part" first, then renamed
PENDING_FILE = "pending-parts.json"  # in the data folder's tmp/: parts not yet cleaned up
_MAX_PENDING = 50  # parts on sticks not plugged in are remembered, but not forever
_pending_lock = threading.Lock()

log = logging.getLogger(__name__)


def part_path(target: Path) -> Path:
    """``.NAME.part`` beside ``target``: where the package is written before it counts."""
    return target.with_name(f".{target.name}{PART_SUFFIX}")


def is_part(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(PART_SUFFIX)


def _read_pending(temp: Path) -> list[Path]:
    try:
        raw = json.loads((temp / PENDING_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(raw, list):
        return []
    return [Path(item) for item in raw if isinstance(item, str)]


def _write_pending(temp: Path, parts: list[Path]) -> None:
    """Replaces the list as a whole (a half-written list is never read)."""
    listed = temp / PENDING_FILE
    if not parts:
        listed.unlink(missing_ok=True)
        return
    temp.mkdir(parents=True, exist_ok=True)
    write_text_atomically(listed, json.dumps([str(p) for p in parts[-_MAX_PENDING:]]))


def remember_part(temp: Path, part: Path) -> None:
    """Note ``part`` before it is created, so a crash cannot leave it unknown."""
    with _pending_lock:
        parts = [p for p in _read_pending(temp) if p != part]
        _write_pending(temp, [*parts, part])


def forget_part(temp: Path, part: Path) -> None:
    with _pending_lock:
        parts = _read_pending(temp)
        if part in parts:
            _write_pending(temp, [p for p in parts if p != part])


def clean_pending_parts(temp: Path, *, keep: frozenset[Path] = frozenset()) -> list[Path]:
    """Remove the parts left behind (but those in ``keep``, being written now); returns the
    ones that could not be reached (a stick not plugged in), which stay on the list."""
    with _pending_lock:
        left: list[Path] = []
        for part in _read_pending(temp):
            if part in keep:
                left.append(part)
                continue
            if not is_part(part):
                continue  # never remove anything but a part
            if not part.parent.is_dir():  # the stick is not plugged in: next time
                left.append(part)
                continue
            try:
                if part.is_file():
                    part.unlink()
                    log.info("Removed the unfinished package %s", part)
            except OSError:
                left.append(part)
        try:
            _write_pending(temp, left)
        except OSError:
            log.warning("Could not update %s", temp / PENDING_FILE)
        return left
