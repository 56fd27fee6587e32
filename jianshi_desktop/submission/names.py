"""Names that survive FAT32/exFAT sticks and Windows: no forbidden characters, no
reserved names, sane lengths. The package is written as ``.NAME.part`` first
(:mod:`jianshi_desktop.unfinished` keeps the list of parts not yet cleaned up)."""

from __future__ import annotations

from pathlib import Path

from jianshi_desktop.documents.files import (
    fit_file_name,
    path_length,
    safe_file_name,
    shorten_name,
)
from jianshi_desktop.unfinished import (  # re-exported: the package's writer uses them
    PART_SUFFIX,
    clean_pending_parts,
    forget_part,
    part_path,
    remember_part,
)

__all__ = [
    "PART_SUFFIX",
    "clean_pending_parts",
    "forget_part",
    "member_path",
    "package_file_name",
    "part_path",
    "remember_part",
    "short_branch_name",
    "target_path",
]

MAX_NAME = 100  # characters of one file or folder name inside the package
MAX_PATH = 180  # characters of a path inside the package (Windows' 260 minus the target)
_MIN_PART = 16  # a shortened name inside the package keeps at least this many characters


def short_branch_name(full: str) -> str:
    """中共建始县青山湾小学支部委员会 → 青山湾小学党支部."""
    name = full.removeprefix("中共").removeprefix("建始县")
    for suffix in ("支部委员会", "党支部", "支部"):
        if name.endswith(suffix):
            return name.removesuffix(suffix) + "党支部"
    return name


def package_file_name(branch: str, period_label: str, *, encrypted: bool) -> str:
    """青山湾小学党支部_2020年第三季度_报送包.zip (.zip.enc when password protected)."""
    stem = safe_file_name(f"{short_branch_name(branch)}_{period_label}_报送包")[:MAX_NAME]
    return f"{stem}.zip.enc" if encrypted else f"{stem}.zip"


def target_path(folder: Path, file_name: str) -> Path:
    """Where the package goes in ``folder`` (a USB stick's folder): the name is shortened,
    the same way every time, when the whole path (also its temporary ``.NAME.part``) would
    pass Windows' 259 characters; a folder too deep for any name is a ``UserError``."""
    reserve = len(".") + len(PART_SUFFIX)
    return folder / fit_file_name(folder, file_name, reserve=reserve)


def member_path(*parts: str) -> str:
    """A path inside the package: each part made safe, at most 100 characters, and the
    whole at most 180 — long names are shortened the same way every time, keeping their
    ending (``.jpg``), so the county can unpack the package into a folder of its own."""
    safe = [shorten_name(safe_file_name(part), MAX_NAME) for part in parts]
    while path_length(path := "/".join(safe)) > MAX_PATH:
        longest = max(range(len(safe)), key=lambda i: (path_length(safe[i]), i))
        size = path_length(safe[longest])
        wanted = max(size - (path_length(path) - MAX_PATH), _MIN_PART)
        if wanted >= size:
            raise ValueError(path)
        safe[longest] = shorten_name(safe[longest], wanted)
    return path
