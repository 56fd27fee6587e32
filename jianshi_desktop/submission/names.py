"""Names that survive FAT32/exFAT sticks and Windows: no forbidden characters, no
reserved names, sane lengths."""

from __future__ import annotations

from jianshi_desktop.documents.files import safe_file_name

MAX_NAME = 100  # characters of one file or folder name inside the package
MAX_PATH = 180  # characters of a path inside the package (Windows' 260 minus the target)


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


def member_path(*parts: str) -> str:
    """A path inside the package: each part made safe and shortened."""
    safe = []
    for part in parts:
        name = safe_file_name(part)
        if len(name) > MAX_NAME:
            stem, dot, suffix = name.rpartition(".")
            name = (stem[: MAX_NAME - len(suffix) - 1] + dot + suffix) if dot else name[:MAX_NAME]
        safe.append(name)
    path = "/".join(safe)
    if len(path) > MAX_PATH:
        raise ValueError(path)
    return path
