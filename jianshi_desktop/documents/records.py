"""Builders: documents made from the branch's records.

They take plain content (dataclasses filled by ``services.documents`` from the
database) and return a :class:`Document` — 会议记录, 主题党日活动记录, 谈心谈话记录 in
the local table form, the period's 台账, the 花名册 and the GB/T 9704 report. No
database here: the layer rules keep documents/ on plain data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from jianshi_desktop.documents.model import (
    Block,
    Cell,
    Contents,
    ContentsEntry,
    Cover,
    Document,
    Heading,
    Masthead,
    PageBreak,
    Paragraph,
    SignatureBlock,
    SignatureLines,
    Table,
    Title,
)
from jianshi_desktop.documents.numbering import chinese_numeral
from jianshi_desktop.domain.dates import format_date

# Label column, content, label, content — in mm; the table fits the table-form text width.
RECORD_WIDTHS = [28.0, 52.0, 26.0, 40.6]


@dataclass(frozen=True)
class Speech:
    speaker: str
    content: str


@dataclass(frozen=True)
class AgendaContent:
    title: str
    discussion: str = ""
    speeches: tuple[Speech, ...] = ()


@dataclass(frozen=True)
class RecordNotes:
    """What every record shows beyond its content: 补录 and amendments (更正)."""

    late_entry: bool = False
    recorded_on: dt.date | None = None
    amendments: tuple[str, ...] = ()  # "2026年11月3日更正：原因"


@dataclass(frozen=True)
class MinutesContent:
    branch: str
    kind: str  # general_assembly / committee / group / lecture
    kind_label: str  # 支部党员大会 / 支委会 / 第一党小组会 / 党课
    held_on: dt.date
    sequence: int | None = None  # the n-th of its kind in the year
    starts_at: str = ""
    ends_at: str = ""
    place: str = ""
    chair: str = ""
    entrusted_chair: bool = False  # 受委托主持: the 书记 was absent
    recorder: str = ""
    expected: int = 0
    present: int = 0
    absent: tuple[str, ...] = ()  # 张三（病假）
    observers: tuple[str, ...] = ()
    # meetings that vote (大会, 支委会): 应到/实到 with a vote and who was there (rules.md §6–7)
    voters_expected: int | None = None
    voters_present: int | None = None
    attendees: tuple[str, ...] = ()  # names of those present
    agenda: tuple[AgendaContent, ...] = ()
    resolutions: tuple[str, ...] = ()  # text with the vote, as it will print
    lecturer: str = ""
    lecture_title: str = ""
    duration_minutes: int | None = None
    summary: str = ""
    open_items: str = ""
    tags: tuple[str, ...] = ()
    notes: RecordNotes = field(default_factory=RecordNotes)


@dataclass(frozen=True)
class ThemeDayContent:
    branch: str
    held_on: dt.date
    theme: str
    form: str = ""
    place: str = ""
    required_items: tuple[str, ...] = ()
    expected: int = 0
    present: int = 0
    absent: tuple[str, ...] = ()
    with_meeting: str = ""
    summary: str = ""
    notes: RecordNotes = field(default_factory=RecordNotes)


@dataclass(frozen=True)
class TalkContent:
    branch: str
    held_on: dt.date
    kind_label: str
    talker: str
    talkee: str
    place: str = ""
    topic: str = ""
    talker_said: str = ""
    talkee_said: str = ""
    problems: str = ""
    follow_up: str = ""
    confidential: bool = False
    notes: RecordNotes = field(default_factory=RecordNotes)


def _when(day: dt.date, starts: str, ends: str) -> str:
    times = f" {starts}—{ends}" if starts and ends else (f" {starts}" if starts else "")
    return f"{format_date(day)}{times}"


def _people(items: tuple[str, ...], none: str = "无") -> str:
    return "、".join(items) if items else none


def _row(
    label: str, text: str, *, left: bool = False, indent: bool = False, lines: int = 1
) -> list[Cell]:
    return [
        Cell(label, label=True),
        Cell(
            text,
            colspan=3,
            align="left" if left else None,
            indent_chars=2 if indent else 0,
            min_lines=lines,
        ),
    ]


def _pair(a: str, a_text: str, b: str, b_text: str) -> list[Cell]:
    return [Cell(a, label=True), Cell(a_text), Cell(b, label=True), Cell(b_text)]


def _notes_rows(notes: RecordNotes) -> list[list[Cell]]:
    rows = []
    lines = []
    if notes.late_entry:
        when = f"于{format_date(notes.recorded_on)}" if notes.recorded_on else "事后"
        lines.append(f"本记录{when}补录。")
    lines.extend(notes.amendments)
    if lines:
        rows.append(_row("备注", "\n".join(lines), left=True))
    return rows


def _numbered(items: tuple[str, ...] | list[str]) -> str:
    return "\n".join(f"{n}. {text}" for n, text in enumerate(items, 1))


def minutes_title(content: MinutesContent) -> tuple[str, str]:
    """(title, subtitle) as printed: 支委会会议记录 （2026年第11次）."""
    title = "党课记录" if content.kind == "lecture" else f"{content.kind_label}会议记录"
    if content.kind == "committee":
        title = "支部委员会会议记录"
    subtitle = f"（{content.held_on.year}年第{content.sequence}次）" if content.sequence else ""
    return title, subtitle


def _minutes_table(c: MinutesContent) -> Table:
    name = f"{format_date(c.held_on)}{c.kind_label}"
    rows: list[list[Cell]] = [
        [Cell("会议名称", label=True), Cell(name, colspan=3)],
        _pair("时间", _when(c.held_on, c.starts_at, c.ends_at), "地点", c.place),
    ]
    chair = f"{c.chair}（受委托主持）" if c.entrusted_chair and c.chair else c.chair
    if c.kind == "lecture":
        minutes = f"{c.duration_minutes}分钟" if c.duration_minutes else ""
        rows.append(_pair("主持人", chair, "记录人", c.recorder))
        rows.append(_pair("讲课人", c.lecturer, "时长", minutes))
        rows.append(_row("党课题目", c.lecture_title))
    else:
        rows.append(_pair("主持人", chair, "记录人", c.recorder))
    rows.append(_pair("应到人数", f"{c.expected}人", "实到人数", f"{c.present}人"))
    if c.voters_expected is not None:
        rows.append(
            _pair(
                "应到有表决权党员",
                f"{c.voters_expected}人",
                "实到有表决权党员",
                f"{c.voters_present or 0}人",
            )
        )
    if c.attendees:
        rows.append(_row("出席人员", _people(c.attendees), left=True))
    rows.append(_row("缺席人员及原因", _people(c.absent)))
    rows.append(_row("列席人员", _people(c.observers)))
    if c.agenda:
        rows.append(_row("议题", _numbered([a.title for a in c.agenda]), left=True))
    content_lines: list[str] = []
    for number, item in enumerate(c.agenda, 1):
        if len(c.agenda) > 1:
            content_lines.append(f"{chinese_numeral(number)}、{item.title}")
        if item.discussion:
            content_lines.append(item.discussion)
        content_lines.extend(f"{s.speaker}：{s.content}" for s in item.speeches)
    if c.summary:
        content_lines.append(c.summary)
    label = "党课内容" if c.kind == "lecture" else "会议内容"
    rows.append(_row(label, "\n".join(content_lines), indent=True, lines=6))
    if c.kind != "lecture":
        rows.append(_row("决议", _numbered(list(c.resolutions)) or "无", left=True, lines=2))
    if c.open_items:
        rows.append(_row("待办事项", c.open_items, left=True))
    rows.extend(_notes_rows(c.notes))
    return Table(rows=rows, widths=RECORD_WIDTHS, width_unit="mm", header_rows=1)


def minutes_document(content: MinutesContent) -> Document:
    title, subtitle = minutes_title(content)
    return Document(
        title=title,
        subtitle=subtitle,
        blocks=[_minutes_table(content), SignatureLines(["主持人（签字）", "记录人（签字）"])],
        author=content.branch,
    )


def theme_day_document(c: ThemeDayContent) -> Document:
    done = "、".join(f"√{item}" for item in c.required_items) or "无"  # √ is in GB2312, ✓ is not
    rows: list[list[Cell]] = [
        [Cell("活动主题", label=True), Cell(c.theme, colspan=3)],
        _pair("时间", format_date(c.held_on), "地点", c.place),
        _pair("活动形式", c.form, "应到/实到", f"{c.expected}人/{c.present}人"),
        _row("缺席人员及原因", _people(c.absent)),
        _row("规定动作", done, left=True),
    ]
    if c.with_meeting:
        rows.append(_row("同时召开", c.with_meeting))
    rows.append(_row("活动内容", c.summary, indent=True, lines=6))
    rows.extend(_notes_rows(c.notes))
    return Document(
        title="主题党日活动记录",
        subtitle=f"（{c.held_on.year}年{c.held_on.month}月）",
        blocks=[
            Table(rows=rows, widths=RECORD_WIDTHS, width_unit="mm", header_rows=1),
            SignatureLines(["记录人（签字）", "支部书记（签字）"]),
        ],
        author=c.branch,
    )


def talk_document(c: TalkContent) -> Document:
    rows: list[list[Cell]] = [
        _pair("谈话人", c.talker, "谈话对象", c.talkee),
        _pair("时间", format_date(c.held_on), "地点", c.place),
        _pair("谈话类型", c.kind_label, "谈话主题", c.topic),
        _row("谈话人谈话内容", c.talker_said, indent=True, lines=3),
        _row("谈话对象谈话内容", c.talkee_said, indent=True, lines=3),
        _row("存在的问题", c.problems or "无", indent=bool(c.problems)),
        _row("后续措施", c.follow_up or "无", indent=bool(c.follow_up)),
    ]
    rows.extend(_notes_rows(c.notes))
    return Document(
        title="谈心谈话记录",
        subtitle="（保密）" if c.confidential else "",
        blocks=[
            Table(rows=rows, widths=RECORD_WIDTHS, width_unit="mm", header_rows=1),
            SignatureLines(["谈话人（签字）", "谈话对象（签字）"]),
        ],
        author=c.branch,
    )


def ledger_document(
    *, branch: str, period_label: str, made_on: dt.date, records: list[tuple[str, Document]]
) -> Document:
    """台账: a cover, a contents list, then every record in date order, each on new pages.

    ``records`` pairs a contents line (``9月5日 支部委员会会议记录``) with the record's
    document as built above.
    """
    entries = []
    blocks: list[Block] = []
    for number, (line, record) in enumerate(records, 1):
        anchor = f"record-{number}"
        entries.append(ContentsEntry(line, anchor))
        blocks.append(PageBreak())
        blocks.append(Title(record.title, subtitle=record.subtitle, anchor=anchor))
        blocks.extend(record.blocks)
    cover = Cover(
        title="党建工作台账",
        branch=branch,
        period=period_label,
        lines=[f"{made_on.year}年{made_on.month}月"],
    )
    if not records:
        blocks = [PageBreak(), Paragraph("本期间没有已完成的记录。", indent_chars=0)]
    return Document(
        title=f"{branch}{period_label}党建工作台账",
        blocks=[cover, Contents(entries), *blocks] if records else [cover, *blocks],
        show_title=False,
        author=branch,
    )


# Portrait A4 holds eight columns at 10.5 pt without breaking a date or an ID number;
# the full roster with every field is the Excel export.
ROSTER_HEADER = ("序号", "姓名", "性别", "出生年月", "身份证号码", "入党时间", "类别", "党小组")
ROSTER_WIDTHS = [11.0, 14.5, 11.0, 18.0, 37.0, 22.0, 11.0, 22.1]  # text + 3 mm padding


def roster_document(
    *, branch: str, as_of: dt.date, rows: Sequence[Sequence[str]], masked: bool
) -> Document:
    """花名册 as a table; ``rows`` hold the cells after 序号, in ROSTER_HEADER order."""
    table_rows = [[Cell(text, label=True) for text in ROSTER_HEADER]]
    for number, row in enumerate(rows, 1):
        table_rows.append(
            [Cell(str(number), align="center")] + [Cell(t, align="center") for t in row]
        )
    note = "，身份证号码已隐去中间部分" if masked else ""
    return Document(
        title="党员花名册",
        subtitle=f"{branch}\n（截至{format_date(as_of)}{note}）",
        blocks=[
            Table(
                table_rows,
                widths=ROSTER_WIDTHS,
                width_unit="mm",
                header_rows=1,
                text_size_pt=10.5,
            )
        ],
        author=branch,
    )


@dataclass
class ReportSection:
    heading: str
    text: str  # paragraphs separated by blank lines
    # What the secretary must write here (主要做法 …), shown in the editor; a part with an
    # ``ask`` and no text keeps the report from being laid out, printed or saved.
    ask: str = ""
    key: str = ""  # "practices", "plans": how the command line fills a part from a file


# A bracketed request left in a text, like the old 「（请填写本期间的主要做法和成效。）」
_PLACEHOLDER = re.compile(r"[（(]\s*请(?:填写|补充|在此)[^）)]*[）)]")


def unfilled_sections(draft: ReportDraft) -> list[tuple[str, ReportSection]]:
    """The parts still to be written (empty, or a 「（请填写…）」 left in), each with its
    name as it prints: 「二、主要做法和成效」."""
    return [
        (f"{chinese_numeral(number)}、{section.heading}", section)
        for number, section in enumerate(draft.sections, 1)
        if is_unfilled(section)
    ]


def is_unfilled(section: ReportSection) -> bool:
    """A part to be written by the secretary still empty, or a 「（请填写…）」 left in."""
    return bool((section.ask and not section.text.strip()) or _PLACEHOLDER.search(section.text))


def unfilled_parts(draft: ReportDraft) -> list[str]:
    """「二、主要做法和成效」 … of the parts still to be written."""
    return [name for name, _section in unfilled_sections(draft)]


@dataclass
class ReportDraft:
    """The GB/T 9704 report before it is written: every text can be edited."""

    title: str
    recipient: str
    opening: str
    sections: list[ReportSection]
    closing: str
    signer: str
    issue_date: dt.date
    issuer: str = ""  # 发文机关标志 without 文件; empty: no masthead
    document_number: str = ""  # 建教党〔2020〕9号


def report_document(draft: ReportDraft) -> Document:
    blocks: list[Block] = [Paragraph(f"{draft.recipient}：", indent_chars=0)]
    if draft.opening.strip():
        blocks.append(Paragraph(draft.opening.strip()))
    for section in draft.sections:
        blocks.append(Heading(section.heading))
        for paragraph in (p.strip() for p in section.text.split("\n")):
            if paragraph:
                blocks.append(Paragraph(paragraph))
    if draft.closing.strip():
        blocks.append(Paragraph(draft.closing.strip()))
    blocks.append(SignatureBlock(draft.signer, draft.issue_date))
    masthead = (
        Masthead(issuer=f"{draft.issuer}文件", document_number=draft.document_number)
        if draft.issuer.strip()
        else None
    )
    return Document(
        title=draft.title,
        blocks=blocks,
        layout="official",
        masthead=masthead,
        author=draft.signer,
    )
