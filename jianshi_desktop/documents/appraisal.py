"""民主评议党员 as printed: the 测评表 handed to each voter (a blank ballot listing the
members of the day), the 结果汇总表 (the record's document) and the 情况报告 to the
县教育局党委 (GB/T 9704 上行文, through :func:`documents.records.report_document`).

Plain content in, a :class:`Document` out; no database (the layer rules keep documents/
on plain data). Only what the record holds is printed: no blank to fill in where the
record has a value, and no line for what it does not know.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from jianshi_desktop.documents.layout import as_landscape, default_layout
from jianshi_desktop.documents.model import Cell, Document, Paragraph, SignatureLines, Table
from jianshi_desktop.documents.records import RecordNotes, ReportDraft, ReportSection
from jianshi_desktop.domain.dates import format_date

RATING_LABELS = ("优秀", "合格", "基本合格", "不合格")
LIST_SIZE_PT = 12.0  # 小四: a branch's members on one or two pages
BOX = "□"  # in GB2312, printed by both renderers


@dataclass(frozen=True)
class BallotContent:
    """The 测评表: the branch, the year and the members to rate, in roster order;
    ``held_on`` when the appraisal's day is set (a draft made before the meeting)."""

    branch: str
    year: int
    members: tuple[str, ...]
    held_on: dt.date | None = None


@dataclass(frozen=True)
class RatingLine:
    """One member's line of the 结果汇总表."""

    name: str
    self_assessment: str
    tallies: tuple[int, int, int, int]  # 优秀, 合格, 基本合格, 不合格
    rating: str  # 综合评定: 优秀 …
    reasons: str = ""  # for 不合格
    decision: str = ""  # for 不合格: 限期改正 …


@dataclass(frozen=True)
class AppraisalContent:
    """A finished (or draft) appraisal as the 结果汇总表 and the 情况报告 print it."""

    branch: str
    held_on: dt.date
    place: str
    voters: int | None
    lines: tuple[RatingLine, ...]
    members_full: int = 0  # 正式党员 of the day
    members_probationary: int = 0  # 预备党员 of the day
    with_org_life: str = ""  # 「2026年12月5日组织生活会」 when held together
    deciding_meeting: str = ""  # 「2026年12月10日支部党员大会」 that decided on 不合格
    summary: str = ""
    notes: RecordNotes = field(default_factory=RecordNotes)

    def count(self, rating: str) -> int:
        return sum(line.rating == rating for line in self.lines)

    def names(self, rating: str) -> list[str]:
        return [line.name for line in self.lines if line.rating == rating]


def _label(text: str, *, colspan: int = 1) -> Cell:
    return Cell(text, colspan=colspan, label=True, keep_together=True)


def _value(text: str, *, colspan: int = 1) -> Cell:
    return Cell(text, colspan=colspan, align="left", keep_together=True)


# --- 民主评议党员测评表 ---------------------------------------------------------------------

BALLOT_WIDTHS = [14.0, 38.0, 26.0, 26.0, 26.0, 26.0]
BALLOT_LEADING_PT = 14.0


def ballot_document(c: BallotContent) -> Document:
    """The blank ballot: one line per member with a box under each of the four ratings."""
    when = f"评议时间：{format_date(c.held_on)}" if c.held_on is not None else ""
    header = [_label("序号"), _label("姓名"), *(_label(label) for label in RATING_LABELS)]
    rows: list[list[Cell]] = [header]
    for number, name in enumerate(c.members, 1):
        rows.append(
            [
                Cell(str(number), align="center"),
                Cell(name, align="center"),
                *(Cell(BOX, align="center") for _label_text in RATING_LABELS),
            ]
        )
    blocks: list[Paragraph | Table | SignatureLines] = [
        Paragraph(
            "请对下列每一位党员作出评价，在相应栏内画“√”，每人只选一项。本表不记名，填好后交回。",
            indent_chars=2,
        )
    ]
    if when:
        blocks.append(Paragraph(when, indent_chars=0, align="right"))
    blocks.append(
        Table(
            rows=rows,
            widths=BALLOT_WIDTHS,
            width_unit="mm",
            header_rows=1,
            text_size_pt=LIST_SIZE_PT,
            # one line a member, set close: a branch of up to about 25 members on one
            # sheet (each voter gets one)
            text_leading_pt=BALLOT_LEADING_PT,
        )
    )
    return Document(
        title="民主评议党员测评表",
        subtitle=f"（{c.year}年）",
        blocks=list(blocks),
        author=c.branch,
    )


# --- 民主评议党员结果汇总表 -----------------------------------------------------------------

# landscape: the text block is about 233 mm wide
SUMMARY_WIDTHS = [12.0, 22.0, 107.0, 18.0, 18.0, 18.0, 18.0, 20.0]
TALLY_HEADINGS = {"优秀": "优秀", "合格": "合格", "基本合格": "基本\n合格", "不合格": "不合格"}
INFO_WIDTHS = [30.0, 86.0, 30.0, 87.0]
UNQUALIFIED_WIDTHS = [30.0, 116.0, 87.0]


def summary_document(c: AppraisalContent) -> Document:
    """The record's document: when and where, how many 测评表, then per member the 个人自评,
    the tallies and the 综合评定; the 不合格 with their reasons and the decision; the
    result in numbers; 补录 and 更正 notes."""
    info: list[list[Cell]] = [
        [_label("评议时间"), _value(format_date(c.held_on)), _label("地点"), _value(c.place)],
        [
            _label("参评党员"),
            _value(f"{len(c.lines)}人"),
            _label("收回测评表"),
            _value(f"{c.voters}份" if c.voters else ""),
        ],
    ]
    if c.with_org_life:
        info.append([_label("同时召开"), _value(c.with_org_life, colspan=3)])
    result = "，".join(f"{label}{c.count(label)}人" for label in RATING_LABELS)
    info.append([_label("评定结果"), _value(result, colspan=3)])
    if c.summary:
        info.append([_label("评议情况"), Cell(c.summary, colspan=3, indent_chars=2, min_lines=2)])
    notes = _notes_lines(c.notes)
    if notes:
        info.append([_label("备注"), _value("\n".join(notes), colspan=3)])

    # two header rows: the four tallies under one heading (the model has no row spans)
    header = [
        _label("序号"),
        _label("姓名"),
        _label("个人自评"),
        _label("民主测评得票（票）", colspan=4),
        _label("综合评定"),
    ]
    under = [
        _label(""),
        _label(""),
        _label(""),
        *(_label(TALLY_HEADINGS[label]) for label in RATING_LABELS),
        _label(""),
    ]
    rows: list[list[Cell]] = [header, under]
    for number, line in enumerate(c.lines, 1):
        rows.append(
            [
                Cell(str(number), align="center"),
                Cell(line.name, align="center"),
                Cell(line.self_assessment, align="left"),
                *(Cell(str(count), align="center") for count in line.tallies),
                Cell(line.rating, align="center"),
            ]
        )
    blocks: list[Table | Paragraph | SignatureLines] = [
        Table(rows=info, widths=INFO_WIDTHS, width_unit="mm", text_size_pt=LIST_SIZE_PT),
        Paragraph("", indent_chars=0),
        Table(
            rows=rows,
            widths=SUMMARY_WIDTHS,
            width_unit="mm",
            header_rows=2,
            text_size_pt=LIST_SIZE_PT,
        ),
    ]
    unqualified = [line for line in c.lines if line.rating == "不合格"]
    if unqualified:
        decided = f"（{c.deciding_meeting}决定）" if c.deciding_meeting else ""
        rows_u: list[list[Cell]] = [
            [_label("姓名"), _label("不合格的理由"), _label(f"处理决定{decided}")]
        ]
        for line in unqualified:
            rows_u.append(
                [
                    Cell(line.name, align="center"),
                    Cell(line.reasons, align="left"),
                    Cell(line.decision, align="center"),
                ]
            )
        blocks += [
            Paragraph("", indent_chars=0),
            Table(rows=rows_u, widths=UNQUALIFIED_WIDTHS, width_unit="mm", header_rows=1),
        ]
    blocks.append(SignatureLines(["填表人（签字）", "支部书记（签字）"]))
    return Document(
        title="民主评议党员结果汇总表",
        subtitle=f"（{c.held_on.year}年）",
        blocks=list(blocks),
        author=c.branch,
        settings=as_landscape(default_layout("table_form")),
    )


def _notes_lines(notes: RecordNotes) -> list[str]:
    lines = []
    if notes.late_entry:
        when = f"于{format_date(notes.recorded_on)}" if notes.recorded_on else "事后"
        lines.append(f"本记录{when}补录。")
    lines.extend(notes.amendments)
    return lines


# --- 民主评议党员情况报告 -------------------------------------------------------------------

PARENT_COMMITTEE = "中共建始县教育局委员会"


def _short_branch(branch: str) -> str:
    return branch.removeprefix("中共").removesuffix("支部委员会").removesuffix("支部")


def report_draft(c: AppraisalContent, *, issued_on: dt.date, secretary: str) -> ReportDraft:
    """关于××党支部××年民主评议党员情况的报告: what the record holds, in words — the
    members of the day, the 测评表, the result with the names of those rated 优秀, and each
    不合格 with its reasons and decision. Nothing the record does not show."""
    year = c.held_on.year
    total = c.members_full + c.members_probationary
    place = f"在{c.place}" if c.place else ""
    together = f"，与{c.with_org_life}结合进行" if c.with_org_life else ""
    opening = (
        f"{format_date(c.held_on)}，我支部{place}开展了{year}年度民主评议党员工作{together}。"
        "现将有关情况报告如下："
    )
    basics = (
        f"评议当天支部有党员{total}名，其中正式党员{c.members_full}名、"
        f"预备党员{c.members_probationary}名，参加评议{len(c.lines)}名。"
    )
    if c.voters:
        basics += f"民主测评收回测评表{c.voters}份。"
    sections = [ReportSection("基本情况", basics)]
    if c.summary:
        sections.append(ReportSection("评议过程", c.summary))
    counts = "，".join(f"{label}{c.count(label)}名" for label in RATING_LABELS)
    result = f"经个人自评、党员互评和民主测评，支部综合评定：{counts}。"
    excellent = c.names("优秀")
    if excellent:
        result += f"评定为优秀的党员是：{'、'.join(excellent)}。"
    sections.append(ReportSection("评议结果", result))
    unqualified = [line for line in c.lines if line.rating == "不合格"]
    if unqualified:
        by = c.deciding_meeting or "支部党员大会"
        text = "\n".join(
            f"{line.name}评定为不合格，理由：{line.reasons.rstrip('。')}。"
            f"经{by}讨论，决定{line.decision}。"
            for line in unqualified
        )
        sections.append(ReportSection("对不合格党员的处理", text))
    return ReportDraft(
        title=f"关于{_short_branch(c.branch)}党支部{year}年度民主评议党员情况的报告",
        recipient=PARENT_COMMITTEE,
        opening=opening,
        sections=sections,
        closing="特此报告。",
        signer=c.branch,
        issue_date=issued_on,
        masthead_signer=secretary,
    )
