"""结对帮扶 documents: the 结对帮扶登记表 (a year's pairings), the 帮扶记录 (a pairing's or
a member's helps and term summaries) and one help record in the local table form.

They print the student's name: they are the secretary's own papers. The package leaves
them out unless the secretary chose otherwise (submission/package.py). No database here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jianshi_desktop.documents.layout import as_landscape, default_layout
from jianshi_desktop.documents.model import (
    Block,
    Cell,
    Document,
    Heading,
    Paragraph,
    SignatureLines,
    Table,
)
from jianshi_desktop.documents.records import (
    RECORD_WIDTHS,
    RecordNotes,
    form_pair,
    form_row,
    notes_rows,
)
from jianshi_desktop.domain.dates import format_date


def _label(text: str) -> Cell:
    return Cell(text, label=True, keep_together=True)


def _centre(text: str) -> Cell:
    return Cell(text, align="center")


def _left(text: str) -> Cell:
    return Cell(text, align="left")


# --- one help record ---------------------------------------------------------------------


@dataclass(frozen=True)
class HelpContent:
    branch: str
    held_on: dt.date
    member: str
    student: str
    class_name: str
    need: str
    place: str
    content: str
    photos: int
    notes: RecordNotes


def help_document(c: HelpContent) -> Document:
    rows: list[list[Cell]] = [
        form_pair("帮扶党员", c.member, "帮扶对象", c.student),
    ]
    if c.class_name:
        rows.append(form_pair("班级", c.class_name, "类别", c.need))
    else:
        rows.append(form_row("类别", c.need))
    if c.place:
        rows.append(form_pair("时间", format_date(c.held_on), "地点", c.place))
    else:
        rows.append(form_row("时间", format_date(c.held_on)))
    rows.append(form_row("帮扶内容", c.content, indent=True, lines=8))
    if c.photos:
        rows.append(form_row("照片", f"{c.photos}张（存于本支部台账）"))
    rows.extend(notes_rows(c.notes))
    return Document(
        title="结对帮扶记录",
        subtitle="（党员先行·关爱学生）",
        blocks=[Table(rows=rows, widths=RECORD_WIDTHS, width_unit="mm", header_rows=1)],
        author=c.branch,
    )


# --- 结对帮扶登记表 ------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterLine:
    member: str
    student: str
    class_name: str
    need: str
    starts_on: dt.date
    ends_on: dt.date | None


@dataclass(frozen=True)
class RegisterContent:
    branch: str
    year: int
    lines: tuple[RegisterLine, ...]


REGISTER_WIDTHS = [14.0, 30.0, 32.0, 34.0, 40.0, 42.0, 42.0]  # mm, landscape


def register_document(c: RegisterContent) -> Document:
    """The pairings that held on any day of the year, one a line."""
    rows: list[list[Cell]] = [
        [_label(t) for t in ("序号", "党员", "学生", "班级", "类别", "结对时间", "结束时间")]
    ]
    for number, line in enumerate(c.lines, 1):
        rows.append(
            [
                _centre(str(number)),
                _centre(line.member),
                _centre(line.student),
                _centre(line.class_name),
                _centre(line.need),
                _centre(format_date(line.starts_on)),
                _centre(format_date(line.ends_on) if line.ends_on else "至今"),
            ]
        )
    members = len({line.member for line in c.lines})
    blocks: list[Block] = [
        Table(rows=rows, widths=REGISTER_WIDTHS, width_unit="mm", header_rows=1),
        Paragraph(f"{c.year}年共有{members}名党员与{len(c.lines)}名学生结对帮扶。"),
        SignatureLines(["填表人（签字）", "支部书记（签字）"]),
    ]
    return Document(
        title=f"{c.branch}\n{c.year}年“党员先行·关爱学生”结对帮扶登记表",
        blocks=blocks,
        author=c.branch,
        settings=as_landscape(default_layout("table_form")),
    )


# --- 帮扶记录 (a pairing's or a member's) ---------------------------------------------------


@dataclass(frozen=True)
class HelpLine:
    held_on: dt.date
    place: str
    content: str


@dataclass(frozen=True)
class SummaryLine:
    term: str  # 2026年秋季学期
    written_on: dt.date
    text: str


@dataclass(frozen=True)
class PairingHelps:
    member: str
    student: str
    class_name: str
    need: str
    span: str  # 2026年9月1日起
    helps: tuple[HelpLine, ...]
    summaries: tuple[SummaryLine, ...]


@dataclass(frozen=True)
class HelpsContent:
    branch: str
    subject: str  # 王芳 or 王芳　学生甲
    pairings: tuple[PairingHelps, ...]


HELP_WIDTHS = [40.0, 106.6]  # a date on one line


def helps_document(c: HelpsContent) -> Document:
    """Each pairing: who and since when, its helps by date, its term summaries."""
    blocks: list[Block] = []
    for p in c.pairings:
        where = f"，{p.class_name}" if p.class_name else ""
        blocks.append(Heading(f"{p.member}　帮扶{p.student}（{p.need}{where}）", level=1))
        blocks.append(Paragraph(f"结对时间：{p.span}。", indent_chars=0))
        if p.helps:
            rows: list[list[Cell]] = [[_label("日期"), _label("帮扶内容")]]
            for h in p.helps:
                place = f"（{h.place}）" if h.place else ""
                rows.append([_centre(format_date(h.held_on)), _left(f"{h.content}{place}")])
            blocks.append(Table(rows=rows, widths=HELP_WIDTHS, width_unit="mm", header_rows=1))
        else:
            blocks.append(Paragraph("还没有帮扶记录。", indent_chars=0))
        for s in p.summaries:
            blocks.append(Heading(f"{s.term}小结（{format_date(s.written_on)}）", level=2))
            blocks.extend(Paragraph(part) for part in s.text.splitlines() if part.strip())
    return Document(
        title="结对帮扶记录",
        subtitle=f"（{c.subject}）",
        blocks=blocks,
        author=c.branch,
    )
