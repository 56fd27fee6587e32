"""学习培训 as printed: one training's 培训记录 (the kind's own document, in the local table
form) and the year's 党员学习培训学时统计 (each member's hours, in roster order, and who is
below the yearly minimum — said plainly, never ranked).

Plain content in, a :class:`Document` out; no database. Only what the data holds is
printed: no 主办单位 or 地点 row when none was recorded, no certificate line without one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from jianshi_desktop.documents.model import Block, Cell, Document, Paragraph, SignatureLines, Table
from jianshi_desktop.documents.records import (
    RECORD_WIDTHS,
    RecordNotes,
    form_pair,
    form_row,
    notes_rows,
)
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.training import format_hours, when_text

DOCUMENT_NAME = "培训记录"
SHORT_NAME = 7  # an organiser this long shares its row with the place; a longer one has its own


@dataclass(frozen=True)
class TrainingContent:
    branch: str
    held_on: dt.date
    ends_on: dt.date | None
    title: str
    organiser: str = ""
    place: str = ""
    class_hours: str = ""  # 「16」
    attendees: tuple[str, ...] = ()
    content: str = ""
    certificates: tuple[str, ...] = ()  # the attached files' names (or captions)
    notes: RecordNotes = field(default_factory=RecordNotes)


def training_document(c: TrainingContent) -> Document:
    rows: list[list[Cell]] = [
        [
            Cell("培训名称", label=True),
            Cell(c.title, colspan=3, align="left", keep_together=True),
        ],
        form_row("培训时间", when_text(c.held_on, c.ends_on)),
    ]
    if c.organiser and c.place and len(c.organiser) <= SHORT_NAME:
        rows.append(form_pair("主办单位", c.organiser, "地点", c.place))
    else:
        if c.organiser:
            rows.append(form_row("主办单位", c.organiser))
        if c.place:
            rows.append(form_row("地点", c.place))
    hours = f"{c.class_hours}学时" if c.class_hours else ""
    rows.append(form_pair("学时", hours, "参训人数", f"{len(c.attendees)}人"))
    rows.append(form_row("参训人员", "、".join(c.attendees)))
    rows.append(form_row("培训内容", c.content, indent=True, lines=6))
    if c.certificates:
        rows.append(form_row("证书", "、".join(c.certificates)))
    rows.extend(notes_rows(c.notes))
    return Document(
        title=DOCUMENT_NAME,
        subtitle=f"（{format_date(c.held_on)}）",
        blocks=[
            Table(rows=rows, widths=RECORD_WIDTHS, width_unit="mm", header_rows=1),
            SignatureLines(["填表人（签字）", "支部书记（签字）"]),
        ],
        author=c.branch,
    )


# --- 年度党员学习培训学时统计 ----------------------------------------------------------------


@dataclass(frozen=True)
class HoursLine:
    name: str
    trainings: int
    hours: Decimal
    counted: bool  # in the branch at the year's end (today while it runs): held to the minimum
    below: bool  # held to the minimum and under it
    note: str = ""  # part of the year only


@dataclass(frozen=True)
class TrainingLine:
    """One training of the year, as listed under the members' table."""

    held_on: dt.date
    ends_on: dt.date | None
    title: str
    organiser: str
    class_hours: str
    attendees: int


@dataclass(frozen=True)
class YearHoursContent:
    branch: str
    year: int
    lines: tuple[HoursLine, ...]
    trainings: tuple[TrainingLine, ...]
    minimum: Decimal
    source: str
    as_of: dt.date | None = None  # a running year: counted up to this day

    @property
    def title(self) -> str:
        return f"{self.year}年度党员学习培训学时统计"


TABLE_SIZE_PT = 12.0  # 小四: a branch of about twenty-five on one page
TABLE_LEADING_PT = 16.0
HOURS_WIDTHS = [14.0, 30.0, 26.0, 24.0, 52.6]
LIST_WIDTHS = [42.0, 54.0, 32.0, 18.6]


def _label(text: str) -> Cell:
    return Cell(text, label=True, keep_together=True)


def _centre(text: str) -> Cell:
    return Cell(text, align="center")


def _summary(c: YearHoursContent) -> str:
    total = sum((line.hours for line in c.lines), Decimal(0))
    people = sum(line.trainings for line in c.lines)
    text = (
        f"本年度在本支部的党员{len(c.lines)}人，参加培训共{people}人次，"
        f"合计{format_hours(total)}学时"
    )
    counted = [line for line in c.lines if line.counted]
    if counted:
        average = sum((line.hours for line in counted), Decimal(0)) / len(counted)
        text += f"；{'目前' if c.as_of is not None else '年末'}在册党员{len(counted)}人，"
        text += f"人均{format_hours(average)}学时"
    below = [line for line in c.lines if line.below]
    minimum = format_hours(c.minimum)
    if below:
        names = "、".join(line.name for line in below)
        verb = "目前不足" if c.as_of is not None else "不足"
        text += f"。按每年不少于{minimum}学时的要求，{len(below)}人{verb}：{names}。"
    elif counted:
        text += f"，全部达到每年{minimum}学时。"
    else:
        text += "。"
    return text


def year_hours_document(c: YearHoursContent) -> Document:
    """Each member's trainings and hours (roster order), the totals, who is below the
    minimum, then the year's trainings."""
    rows: list[list[Cell]] = [
        [_label("序号"), _label("姓名"), _label("参加培训（次）"), _label("学时"), _label("备注")]
    ]
    for number, line in enumerate(c.lines, 1):
        rows.append(
            [
                _centre(str(number)),
                _centre(line.name),
                _centre(str(line.trainings)),
                _centre(format_hours(line.hours)),
                Cell(line.note, align="left"),
            ]
        )
    total = sum((line.hours for line in c.lines), Decimal(0))
    rows.append(
        [
            Cell("合计", colspan=2, label=True, keep_together=True),
            _centre(str(sum(line.trainings for line in c.lines))),
            _centre(format_hours(total)),
            Cell(""),
        ]
    )
    blocks: list[Block] = [
        Table(
            rows=rows,
            widths=HOURS_WIDTHS,
            width_unit="mm",
            header_rows=1,
            text_size_pt=TABLE_SIZE_PT,
            text_leading_pt=TABLE_LEADING_PT,
        ),
        Paragraph(_summary(c), indent_chars=2),
    ]
    explained = f"学时按已完成的培训记录统计，每次培训的学时计入每名参训党员。要求：{c.source}。"
    if c.as_of is not None:
        explained += f"统计截至{format_date(c.as_of)}。"
    blocks.append(Paragraph(explained, indent_chars=2))
    if c.trainings:
        listed: list[list[Cell]] = [
            [_label("培训时间"), _label("培训名称"), _label("主办单位"), _label("学时/人数")]
        ]
        for t in c.trainings:
            listed.append(
                [
                    Cell(when_text(t.held_on, t.ends_on).removeprefix(f"{c.year}年"), align="left"),
                    Cell(t.title, align="left"),
                    Cell(t.organiser, align="left"),
                    _centre(f"{t.class_hours}/{t.attendees}人"),
                ]
            )
        blocks.append(Paragraph("本年度培训：", indent_chars=0))
        blocks.append(
            Table(
                rows=listed,
                widths=LIST_WIDTHS,
                width_unit="mm",
                header_rows=1,
                text_size_pt=TABLE_SIZE_PT,
                text_leading_pt=TABLE_LEADING_PT,
            )
        )
    blocks.append(SignatureLines(["填表人（签字）", "支部书记（签字）"]))
    return Document(title=f"{c.branch}\n{c.title}", blocks=blocks, author=c.branch)
