"""美篇素材: for the yearly 美篇 contest on the county platform, a folder per member with a
text of their helps and term summaries and their photos, ready to upload.

The text is a plain ``.txt`` (UTF-8 with a byte-order mark, Windows line ends): 美篇's
editor takes text and pictures block by block, and text pasted from a Word file brings
its fonts, sizes and spacing along, which the editor keeps or mangles; plain text pastes
clean, paragraph by paragraph, and opens on any computer or phone. The photos are copied
with readable names (``20260904_1.jpg``: the help's date and its number) so the teacher
finds them in the upload dialog beside the text that names them.

The folder holds students' information: it is written only where the secretary chose,
after a warning, and never into a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jianshi_desktop.db.models import Attachment, Member, PairingHelp, StudentPairing
from jianshi_desktop.documents.files import safe_file_name
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import AttachmentKind
from jianshi_desktop.errors import UserError, ValidationError
from jianshi_desktop.services import records
from jianshi_desktop.services.attachments import blob_path
from jianshi_desktop.services.student_pairings import summaries_of

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".heic"}
WARNING = (
    "导出的文件夹里有学生的姓名、班级和帮扶内容，还有照片。上传到美篇之后，请把这个文件夹删除；"
    "不要放在共用电脑或网盘上。发布前请再看一遍，学生的姓名可以改成“某同学”。"
)


class ExportCancelled(Exception):
    """The secretary pressed 取消: nothing of the export is left behind."""


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    members: int
    helps: int
    photos: int


def export_years() -> list[int]:
    """The years with a finished help, newest first (what there is to export)."""
    years = {
        held_on.year
        for (held_on,) in records.tuples(
            PairingHelp.select(PairingHelp.held_on).where(PairingHelp.state.in_(records.DONE))
        )
    }
    return sorted(years, reverse=True)


def _is_photo(a: Attachment) -> bool:
    return a.kind is AttachmentKind.PHOTO or Path(a.file_name).suffix.lower() in IMAGE_SUFFIXES


def _free_name(folder: Path, name: str) -> Path:
    target = folder / name
    number = 2
    while target.exists():
        target = folder / f"{name}（{number}）"
        number += 1
    return target


def export_materials(
    target: Path,
    year: int,
    attachments_dir: Path,
    *,
    progress: Callable[[str, int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> ExportResult:
    """Write 「2026年关爱学生美篇素材」 into ``target``: a folder per member with
    「王芳_结对帮扶.txt」 and the photos. Stops (and removes what it wrote) when
    ``cancelled()``; a missing photo file or a disk problem is a clear message."""
    if not target.is_dir():
        raise ValidationError("所选的文件夹不存在，请重新选择。")
    helps = list(
        PairingHelp.select()
        .where(
            (PairingHelp.held_on >= dt.date(year, 1, 1))
            & (PairingHelp.held_on <= dt.date(year, 12, 31))
            & PairingHelp.state.in_(records.DONE)
        )
        .order_by(PairingHelp.held_on, PairingHelp.id)
    )
    if not helps:
        raise ValidationError(f"{year}年还没有完成的帮扶记录，没有素材可以导出。")
    pairings = {p.id: p for p in StudentPairing.select()}
    names = {m.id: m.name for m in Member.select(Member.id, Member.name)}
    by_member: dict[int, list[PairingHelp]] = {}
    for h in helps:
        by_member.setdefault(pairings[h.pairing_id].member_id, []).append(h)
    root = _free_name(target, f"{year}年关爱学生美篇素材")
    total = len(helps) + len(by_member)
    done = 0
    photos = 0
    try:
        root.mkdir()
        for member_id, member_helps in by_member.items():
            name = names.get(member_id, "") or f"党员{member_id}"
            # two members of one name (two 王芳) get 王芳 and 王芳（2）
            folder = _free_name(root, safe_file_name(name))
            folder.mkdir()
            lines = [f"{name}　结对帮扶（{year}年）", ""]
            used: dict[dt.date, int] = {}
            for h in member_helps:
                if cancelled():
                    raise ExportCancelled
                p = pairings[h.pairing_id]
                where = f"　{h.place}" if h.place else ""
                lines.append(f"{format_date(h.held_on)}{where}　帮扶{p.student}")
                lines.extend(part for part in h.content.splitlines() if part.strip())
                shown = []
                for a in (
                    Attachment.select().where(Attachment.pairing_help == h).order_by(Attachment.id)
                ):
                    if not _is_photo(a):
                        continue
                    source = blob_path(attachments_dir, a.sha256)
                    if not source.is_file():
                        raise UserError(
                            f"照片“{a.file_name}”的文件不在数据文件夹中了，无法导出。",
                            hint="请从备份中恢复数据文件夹的 attachments 子文件夹，"
                            "或在帮扶记录中删去这张照片。",
                        )
                    used[h.held_on] = used.get(h.held_on, 0) + 1
                    suffix = Path(a.file_name).suffix.lower() or ".jpg"
                    photo = f"{h.held_on:%Y%m%d}_{used[h.held_on]}{suffix}"
                    shutil.copyfile(source, folder / photo)
                    shown.append(photo)
                    photos += 1
                if shown:
                    lines.append(f"（照片：{'、'.join(shown)}）")
                lines.append("")
                done += 1
                if progress:
                    progress(f"正在整理{name}的帮扶记录", done, total)
            # the summaries of the year of each of the member's pairings
            paired = [p.id for p in pairings.values() if p.member_id == member_id]
            for pairing_id in sorted(paired):
                for s in summaries_of(pairing_id):
                    if s.term.start.year == year or s.term.end.year == year:
                        lines.append(f"{s.term.label}小结（帮扶{pairings[pairing_id].student}）")
                        lines.extend(part for part in s.text.splitlines() if part.strip())
                        lines.append("")
            text = "\r\n".join(lines).rstrip() + "\r\n"
            (folder / f"{safe_file_name(name)}_结对帮扶.txt").write_text(text, encoding="utf-8-sig")
            done += 1
            if progress:
                progress(f"已整理{name}的素材", done, total)
    except ExportCancelled:
        shutil.rmtree(root, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(root, ignore_errors=True)
        raise UserError(
            f"无法写入所选的文件夹：{exc.strerror or exc}",
            hint="请换一个文件夹（如“桌面”或U盘），或检查磁盘空间。",
        ) from exc
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return ExportResult(root, len(by_member), len(helps), photos)
