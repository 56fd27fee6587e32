"""The removable drives the system reports (USB sticks), with their free space.

Windows: drive letters whose type is DRIVE_REMOVABLE and that hold a medium, named by
their volume label (as Explorer shows it); fixed disks, CD drives and network drives are
left out, and an empty card reader brings up no message box. Linux (also Kylin/UOS): mount
points under /media and /run/media (where desktops mount sticks). The user may always
pick any folder instead.
"""

from __future__ import annotations

import logging
import os
import shutil
import string
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Drive:
    path: Path
    label: str
    free: int
    total: int

    def describe(self) -> str:
        gb = 1 << 30
        return f"{self.label}（可用 {self.free / gb:.1f} GB / 共 {self.total / gb:.1f} GB）"


def _usage(path: Path, label: str) -> Drive | None:
    try:
        usage = shutil.disk_usage(path)
    except OSError:
        return None
    return Drive(path=path, label=label, free=usage.free, total=usage.total)


DRIVE_REMOVABLE = 2  # GetDriveTypeW: USB sticks and card readers (DRIVE_FIXED is 3)
# SetThreadErrorMode: an empty card-reader slot must not bring up "插入磁盘" message boxes.
_SEM_FAILCRITICALERRORS = 0x0001
_SEM_NOOPENFILEERRORBOX = 0x8000


def _windows_volume(kernel: Any, letter: str) -> Drive | None:
    """The drive ``letter`` when it is a removable drive with a medium in it, else None."""
    import ctypes

    root = f"{letter}:\\"
    if kernel.GetDriveTypeW(ctypes.c_wchar_p(root)) != DRIVE_REMOVABLE:
        return None
    label = ctypes.create_unicode_buffer(261)
    serial, max_name, flags = ctypes.c_uint32(), ctypes.c_uint32(), ctypes.c_uint32()
    file_system = ctypes.create_unicode_buffer(261)
    if not kernel.GetVolumeInformationW(
        ctypes.c_wchar_p(root),
        label,
        len(label),
        ctypes.byref(serial),
        ctypes.byref(max_name),
        ctypes.byref(flags),
        file_system,
        len(file_system),
    ):
        return None  # no medium (an empty card reader), or not formatted
    free, total, total_free = ctypes.c_ulonglong(), ctypes.c_ulonglong(), ctypes.c_ulonglong()
    if not kernel.GetDiskFreeSpaceExW(
        ctypes.c_wchar_p(root), ctypes.byref(free), ctypes.byref(total), ctypes.byref(total_free)
    ):
        return None
    name = f"U盘 {letter}:" + (f" {label.value.strip()}" if label.value.strip() else "")
    return Drive(path=Path(root), label=name, free=free.value, total=total.value)


def _windows_drives(kernel: Any | None = None) -> list[Drive]:
    """Removable drives through kernel32: GetLogicalDrives, GetDriveTypeW,
    GetVolumeInformationW (the volume's label) and GetDiskFreeSpaceExW. A: and B: (floppy
    drives on old PCs, never a USB stick) are not asked: that can take seconds."""
    import ctypes

    if kernel is None:
        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    old_mode = ctypes.c_uint32()
    quiet = _SEM_FAILCRITICALERRORS | _SEM_NOOPENFILEERRORBOX
    changed = bool(kernel.SetThreadErrorMode(quiet, ctypes.byref(old_mode)))
    try:
        mask = int(kernel.GetLogicalDrives())
        found = []
        for index, letter in enumerate(string.ascii_uppercase):
            if mask & (1 << index) and letter not in "AB":
                drive = _windows_volume(kernel, letter)
                if drive is not None:
                    found.append(drive)
        return found
    finally:
        if changed:
            kernel.SetThreadErrorMode(old_mode.value, None)


def _linux_drives(roots: tuple[Path, ...]) -> list[Drive]:
    found = []
    for root in roots:
        if not root.is_dir():
            continue
        candidates = []
        for child in sorted(root.iterdir()):
            # /media/<user>/<label> or /media/<label>
            inner = (
                [c for c in child.iterdir() if c.is_dir()]
                if child.is_dir() and not os.path.ismount(child)
                else []
            )
            candidates.extend(inner if inner else [child])
        for mount in candidates:
            if os.path.ismount(mount):
                drive = _usage(mount, f"U盘 {mount.name}")
                if drive is not None:
                    found.append(drive)
    return found


def removable_drives(
    *,
    roots: tuple[Path, ...] = (Path("/media"), Path("/run/media")),
    platform: str | None = None,
) -> list[Drive]:
    """The USB sticks to offer; an error asking the system means none (never a crash)."""
    try:
        if (sys.platform if platform is None else platform) == "win32":
            return _windows_drives()
        return _linux_drives(roots)
    except (OSError, AttributeError, ValueError):
        log.warning("Could not list the removable drives", exc_info=True)
        return []
