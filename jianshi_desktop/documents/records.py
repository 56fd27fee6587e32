"""Builders: documents made from the branch's records.

They take plain content (dataclasses filled by ``services.documents`` from the
database) and return a :class:`Document` — 会议记录, 主题党日活动记录, 谈心谈话记录 in
the local table form, the period's 台账, the 花名册 and the GB/T 9704 report. No
database here: the layer rules keep documents/ on plain data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from jianshi_desktop.documents.layout import (
    PT_PER_MM,
    TABLE_FORM,
    PageLayout,
    as_landscape,
    default_layout,
    mm_to_pt,
)
from jianshi_desktop.documents.model import (
    Block,
    Cell,
    Colophon,
    Contents,
    ContentsEntry,
    Cover,
    Direction,
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
from jianshi_desktop.documents.plan import text_em
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.errors import ValidationError

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
    chair: str = ""  # 主持人; "" for a record made before the chair was kept: no row
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


def people_text(items: tuple[str, ...], none: str = "无") -> str:
    return "、".join(items) if items else none


def form_row(label: str, text: str, *, indent: bool = False, lines: int = 1) -> list[Cell]:
    """A label and its text across the other three columns. Prose (``indent``: 会议内容 …)
    is justified; a short value, a list of names or numbered items is set left, so that a
    line broken before a long word (a date, a time) is never spread letter by letter.

    Only prose may split across pages; the other rows (决议, 出席人员 …) go onto the next
    page whole, unless one is taller than a page."""
    return [
        Cell(label, label=True),
        Cell(
            text,
            colspan=3,
            align=None if indent else "left",
            indent_chars=2 if indent else 0,
            min_lines=lines,
            keep_together=not indent,
        ),
    ]


def form_pair(a: str, a_text: str, b: str, b_text: str) -> list[Cell]:
    """Two short label/value pairs on one row; values set left (never letter-spaced);
    the row never splits across pages."""
    return [
        Cell(a, label=True, keep_together=True),
        Cell(a_text, align="left"),
        Cell(b, label=True),
        Cell(b_text, align="left"),
    ]


def _fits(text: str, width_mm: float, size_pt: float) -> bool:
    """Whether ``text`` surely fits one line of a cell ``width_mm`` wide (an upper
    estimate of its width: :func:`text_width_em`)."""
    inner = mm_to_pt(width_mm - 2 * TABLE_FORM.cell_padding_mm)
    return text_width_em(text) * size_pt <= inner


def _time_and_place(when: str, place: str) -> list[list[Cell]]:
    """时间 and 地点 side by side when the time fits its cell on one line (a date alone);
    otherwise each across its row, so that 「2026年10月15日 16:00—17:10」 stays on one line
    instead of breaking before the dash."""
    if _fits(when, RECORD_WIDTHS[1], TABLE_FORM.table_size_pt):
        return [form_pair("时间", when, "地点", place)]
    return [form_row("时间", when), form_row("地点", place)]


def notes_rows(notes: RecordNotes) -> list[list[Cell]]:
    rows = []
    lines = []
    if notes.late_entry:
        when = f"于{format_date(notes.recorded_on)}" if notes.recorded_on else "事后"
        lines.append(f"本记录{when}补录。")
    lines.extend(notes.amendments)
    if lines:
        rows.append(form_row("备注", "\n".join(lines)))
    return rows


def _numbered(items: tuple[str, ...] | list[str]) -> str:
    return "\n".join(f"{n}. {text}" for n, text in enumerate(items, 1))


def group_name(kind_label: str) -> str:
    """The party group a 党小组 meeting's kind label names, for titles and file names that
    add their own 会议: 第一党小组会议 → 第一党小组, 党小组会 → 党小组."""
    return kind_label.removesuffix("会议").removesuffix("会")


def kind_title(kind: str, kind_label: str) -> str:
    """The record's title by kind: 支部党员大会会议记录, 支部委员会会议记录, 第一党小组会议记录
    (the label 第一党小组会议 already ends in 会议), 党小组会议记录, 党课记录."""
    if kind == "lecture":
        return "党课记录"
    if kind == "committee":
        return "支部委员会会议记录"
    if kind == "group":  # 第一党小组会议 / 党小组会 → 第一党小组 / 党小组
        return f"{group_name(kind_label)}会议记录"
    return f"{kind_label}会议记录"


def minutes_title(content: MinutesContent) -> tuple[str, str]:
    """(title, subtitle) as printed: 支部委员会会议记录 （2026年第11次）."""
    title = kind_title(content.kind, content.kind_label)
    subtitle = f"（{content.held_on.year}年第{content.sequence}次）" if content.sequence else ""
    return title, subtitle


def _minutes_table(c: MinutesContent) -> Table:
    name = f"{format_date(c.held_on)}{c.kind_label}"
    rows: list[list[Cell]] = [
        [Cell("会议名称", label=True), Cell(name, colspan=3, align="left", keep_together=True)],
        *_time_and_place(_when(c.held_on, c.starts_at, c.ends_at), c.place),
    ]
    chair = f"{c.chair}（受委托主持）" if c.entrusted_chair and c.chair else c.chair
    if c.kind == "lecture":
        minutes = f"{c.duration_minutes}分钟" if c.duration_minutes else ""
        rows.append(form_pair("主持人", chair, "记录人", c.recorder))
        rows.append(form_pair("讲课人", c.lecturer, "时长", minutes))
        rows.append(form_row("党课题目", c.lecture_title))
    else:
        rows.append(form_pair("主持人", chair, "记录人", c.recorder))
    rows.append(form_pair("应到人数", f"{c.expected}人", "实到人数", f"{c.present}人"))
    if c.voters_expected is not None:
        rows.append(
            form_pair(
                "应到有表决权党员",
                f"{c.voters_expected}人",
                "实到有表决权党员",
                f"{c.voters_present or 0}人",
            )
        )
    if c.attendees:
        rows.append(form_row("出席人员", people_text(c.attendees)))
    rows.append(form_row("缺席人员及原因", people_text(c.absent)))
    rows.append(form_row("列席人员", people_text(c.observers)))
    if c.agenda:
        rows.append(form_row("议题", _numbered([a.title for a in c.agenda])))
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
    rows.append(form_row(label, "\n".join(content_lines), indent=True, lines=6))
    if c.kind != "lecture":
        rows.append(form_row("决议", _numbered(list(c.resolutions)) or "无", lines=2))
    if c.open_items:
        rows.append(form_row("待办事项", c.open_items))
    rows.extend(notes_rows(c.notes))
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
        [Cell("活动主题", label=True), Cell(c.theme, colspan=3, align="left", keep_together=True)],
        form_pair("时间", format_date(c.held_on), "地点", c.place),
    ]
    counts = f"{c.expected}人/{c.present}人"
    if c.chair:  # printed only when known (older records kept no chair)
        rows.append(form_pair("主持人", c.chair, "应到/实到", counts))
        rows.append(form_row("活动形式", c.form))
    else:
        rows.append(form_pair("活动形式", c.form, "应到/实到", counts))
    rows += [
        form_row("缺席人员及原因", people_text(c.absent)),
        form_row("规定动作", done),
    ]
    if c.with_meeting:
        rows.append(form_row("同时召开", c.with_meeting))
    rows.append(form_row("活动内容", c.summary, indent=True, lines=6))
    rows.extend(notes_rows(c.notes))
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
        form_pair("谈话人", c.talker, "谈话对象", c.talkee),
        form_pair("时间", format_date(c.held_on), "地点", c.place),
        form_pair("谈话类型", c.kind_label, "谈话主题", c.topic),
        form_row("谈话人谈话内容", c.talker_said, indent=True, lines=3),
        form_row("谈话对象谈话内容", c.talkee_said, indent=True, lines=3),
        form_row("存在的问题", c.problems or "无", indent=bool(c.problems)),
        form_row("后续措施", c.follow_up or "无", indent=bool(c.follow_up)),
    ]
    rows.extend(notes_rows(c.notes))
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


ROSTER_HEADER = ("序号", "姓名", "性别", "出生年月", "身份证号码", "入党时间", "类别", "党小组")
ROSTER_SIZE_PT = 10.5  # 五号
# Columns whose text may go onto a second line when the page is too narrow, with the
# width (in ems) they keep at least: a name of up to six characters is never broken.
ROSTER_WRAPPING = {1: 6.0, 7: 4.0}
# What a column holds beyond its text's estimated width: Word and LibreOffice measure with
# the reader's fonts, so half an em to spare keeps an ID number or a date on one line.
ROSTER_SPARE_EM = 0.5


def text_width_em(text: str) -> float:
    """The widest line of ``text`` in ems, as :func:`~.plan.text_em` estimates it."""
    return max((text_em(line) for line in text.split("\n")), default=0.0)


def roster_columns(
    rows: Sequence[Sequence[str]], layout: PageLayout, size_pt: float = ROSTER_SIZE_PT
) -> tuple[list[float], bool]:
    """Column widths (pt) sized from their content, and whether the page turns landscape.

    Every header and cell on one line when that fits across a portrait page; otherwise
    landscape. Where even that is too narrow, only 姓名 (down to six characters) and 党小组
    give up width; numbers and dates never do. Spare width is shared out in proportion."""
    pad = 2 * mm_to_pt(layout.cell_padding_mm) + ROSTER_SPARE_EM * size_pt
    columns = (
        list(zip(ROSTER_HEADER, *rows, strict=False)) if rows else [(h,) for h in ROSTER_HEADER]
    )
    natural = [max(text_width_em(t) for t in column) * size_pt + pad for column in columns]
    portrait = (
        layout
        if not layout.landscape
        else dataclasses.replace(
            layout, page_width_mm=layout.page_height_mm, page_height_mm=layout.page_width_mm
        )
    )
    turned = sum(natural) > portrait.text_width_pt + 0.01
    available = as_landscape(portrait).text_width_pt if turned else portrait.text_width_pt
    widths = list(natural)
    excess = sum(widths) - available
    if excess > 0:
        floors = {i: min(widths[i], em * size_pt + pad) for i, em in ROSTER_WRAPPING.items()}
        room = sum(widths[i] - floors[i] for i in floors)
        for i, floor in floors.items():
            give = widths[i] - floor
            widths[i] -= give * min(1.0, excess / room) if room else 0.0
    spare = available - sum(widths)
    if spare > 0:
        total = sum(widths)
        widths = [w + spare * w / total for w in widths]
    return widths, turned


def roster_total(rows: Sequence[Sequence[str]]) -> str:
    """「党员23名，其中正式党员21名、预备党员2名」 from the rows' 类别 column."""
    status = ROSTER_HEADER.index("类别") - 1  # rows hold the cells after 序号
    full = sum(1 for row in rows if row[status] == "正式")
    probationary = sum(1 for row in rows if row[status] == "预备")
    return f"党员{len(rows)}名，其中正式党员{full}名、预备党员{probationary}名"


def roster_document(
    *, branch: str, as_of: dt.date, rows: Sequence[Sequence[str]], masked: bool
) -> Document:
    """花名册 as a table; ``rows`` hold the cells after 序号, in ROSTER_HEADER order
    (类别 正式/预备). Columns sized from their content; landscape when a portrait page is
    too narrow for them; a 合计 row at the end."""
    numbered = [[str(number), *row] for number, row in enumerate(rows, 1)]
    settings = default_layout("table_form")
    widths, turned = roster_columns(numbered, settings)
    if turned:
        settings = as_landscape(settings)
    table_rows = [[Cell(text, label=True) for text in ROSTER_HEADER]]
    table_rows.extend([Cell(t, align="center") for t in row] for row in numbered)
    table_rows.append(
        [Cell("合计", label=True), Cell(roster_total(rows), colspan=len(widths) - 1, align="left")]
    )
    note = "，身份证号码已隐去中间部分" if masked else ""
    return Document(
        title="党员花名册",
        subtitle=f"{branch}\n（截至{format_date(as_of)}{note}）",
        blocks=[
            Table(
                table_rows,
                widths=[w / PT_PER_MM for w in widths],
                width_unit="mm",
                header_rows=1,
                text_size_pt=ROSTER_SIZE_PT,
            )
        ],
        author=branch,
        settings=settings if turned else None,
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
    """The GB/T 9704 report before it is written: every text can be edited.

    ``signer`` is the 署名 (the signing body, printed above 成文日期); the 签发人 printed
    in an upward masthead is ``masthead_signer``. ``printed_by`` and ``printed_on`` (印发
    机关, 印发日期 in the 版记) left empty follow the 署名 and 成文日期."""

    title: str
    recipient: str
    opening: str
    sections: list[ReportSection]
    closing: str
    signer: str
    issue_date: dt.date
    issuer: str = ""  # 发文机关标志 without 文件; empty: no masthead
    document_number: str = ""  # 建教党〔2020〕9号
    direction: Direction = "upward"  # 上行文 to the 党委; 下行文 only when chosen
    masthead_signer: str = ""  # 签发人 (upward only)
    copy_to: str = ""  # 抄送 (optional)
    printed_by: str = ""  # 印发机关; "": the 署名
    printed_on: dt.date | None = None  # 印发日期; None: the 成文日期
    # False for a report stored before the app printed a 版记 (content version 1): a 定稿
    # of that time prints as it did, without one
    colophon_printed: bool = True

    @property
    def colophon(self) -> Colophon | None:
        """The 版记 as printed: 印发机关 (the 署名 unless given), 印发日期 (the 成文日期
        unless given) and 抄送 when there is one."""
        printed_by = self.printed_by.strip() or self.signer.strip()
        if not printed_by or not self.colophon_printed:
            return None
        return Colophon(
            printed_by=printed_by,
            printed_on=self.printed_on or self.issue_date,
            copy_to=self.copy_to.strip(),
        )


def signer_missing(draft: ReportDraft) -> bool:
    """An upward report with a red masthead and no 签发人: it must be asked for, never
    printed blank."""
    return bool(
        draft.issuer.strip() and draft.direction == "upward" and not draft.masthead_signer.strip()
    )


def report_document(draft: ReportDraft) -> Document:
    """The report in GB/T 9704 form: masthead (upward: 发文字号 left, 签发人 right; downward:
    centred) when an issuer is given, title, 主送机关, body, 署名 and 成文日期 with room for
    the seal, and the 版记 at the foot of the last page."""
    if signer_missing(draft):
        raise ValidationError(
            "上报的文件（上行文）要写明签发人。",
            field="masthead_signer",
            hint="请在“编写报告”的红头部分填写签发人，或改选下行文。",
        )
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
    upward = draft.direction == "upward"
    masthead = (
        Masthead(
            issuer=f"{draft.issuer}文件",
            document_number=draft.document_number,
            signer=draft.masthead_signer.strip() if upward else "",
            direction=draft.direction,
        )
        if draft.issuer.strip()
        else None
    )
    return Document(
        title=draft.title,
        blocks=blocks,
        layout="official",
        masthead=masthead,
        author=draft.signer,
        colophon=draft.colophon,
    )
