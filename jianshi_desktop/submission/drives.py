"""The removable drives the system reports (USB sticks), with their free space.

Windows: drive letters whose type is DRIVE_REMOVABLE. Linux (also Kylin/UOS): mount
points under /media and /run/media (where desktops mount sticks). The user may always
pick any folder instead.
"""

from __future__ import annotations

import os
import shutil
import string
import sys
from dataclasses import dataclass
from pathlib import Path


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


def _windows_drives() -> list[Drive]:
    import ctypes

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    removable = 2
    found = []
    for letter in string.ascii_uppercase:
        root = f"{letter}:\\"
        if kernel.GetDriveTypeW(root) == removable and os.path.exists(root):
            drive = _usage(Path(root), f"U盘 {letter}:")
            if drive is not None:
                found.append(drive)
    return found


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
    *, roots: tuple[Path, ...] = (Path("/media"), Path("/run/media"))
) -> list[Drive]:
    try:
        if sys.platform == "win32":
            return _windows_drives()
        return _linux_drives(roots)
    except OSError:
        return []
