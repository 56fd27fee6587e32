"""组织生活会: its record (组织生活会记录) in the local minutes table form, with the 整改清单
as a table of its own, and the 组织生活会召开情况报告 to the 上级党组织 (GB/T 9704 上行文, through
:func:`~jianshi_desktop.documents.records.report_document`).

Both print only what the record holds: a part of the preparation not recorded is left
out, never filled with words of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from jianshi_desktop.documents.model import Block, Cell, Document, Paragraph, SignatureLines, Table
from jianshi_desktop.documents.numbering import chinese_numeral
from jianshi_desktop.documents.records import (
    RECORD_WIDTHS,
    RecordNotes,
    ReportDraft,
    ReportSection,
    form_pair,
    form_row,
    notes_rows,
    people_text,
    report_document,
)
from jianshi_desktop.domain.dates import format_date

# 序号, 存在的问题, 整改措施, 责任人, 完成时限 — in mm, as wide as the record's table; at
# 小四 (12 pt) a name of three and 「2027年12月31日」 stay on one line (Word too)
ITEM_WIDTHS = [13.0, 36.0, 40.0, 20.0, 37.6]
ITEM_SIZE_PT = 12.0


@dataclass(frozen=True)
class SelfReview:
    name: str
    text: str = ""
    attachment: str = ""  # a file among the record's attachments


@dataclass(frozen=True)
class Criticism:
    by: str
    of: str = ""  # "": 自我批评
    text: str = ""

    @property
    def line(self) -> str:
        if not self.of or self.of == self.by:
            return f"{self.by}（自我批评）：{self.text}"
        return f"{self.by}对{self.of}：{self.text}"


@dataclass(frozen=True)
class Rectification:
    problem: str
    measure: str = ""
    owner: str = ""
    due_on: dt.date | None = None
    closed_on: dt.date | None = None


@dataclass(frozen=True)
class OrgLifeContent:
    branch: str
    held_on: dt.date
    theme: str
    place: str = ""
    chair: str = ""
    recorder: str = ""
    expected: int = 0
    present: int = 0
    attendees: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    observers: tuple[str, ...] = ()
    study: str = ""
    opinions_count: int | None = None
    opinions_source: str = ""
    talks: tuple[str, ...] = ()  # 2026年10月12日 丁雪艳与冯永
    self_reviews: tuple[SelfReview, ...] = ()
    criticisms: tuple[Criticism, ...] = ()
    rectification: tuple[Rectification, ...] = ()
    summary: str = ""
    notes: RecordNotes = field(default_factory=RecordNotes)


@dataclass(frozen=True)
class OrgLifeReportContent:
    minutes: OrgLifeContent
    recipient: str  # the 上级党组织 on the report's day
    signer: str  # the branch's name on that day
    issue_date: dt.date


def opinions_text(c: OrgLifeContent) -> str:
    """「征求意见建议12条（向全体教职工、学生家长征求）」, or "" when none was recorded."""
    if not c.opinions_count:
        return ""
    source = f"（向{c.opinions_source}征求）" if c.opinions_source else ""
    return f"征求意见建议{c.opinions_count}条{source}"


def preparation_lines(c: OrgLifeContent) -> list[str]:
    """会前准备 as recorded, one line each part."""
    lines = []
    if c.study.strip():
        lines.append(f"会前学习：{c.study.strip()}")
    if opinions_text(c):
        lines.append(f"{opinions_text(c)}。")
    if c.talks:
        lines.append(f"会前谈心谈话{len(c.talks)}次：{'；'.join(c.talks)}。")
    return lines


def self_review_lines(c: OrgLifeContent) -> list[str]:
    return [
        f"{r.name}：{r.text.strip()}" if r.text.strip() else f"{r.name}：见附件《{r.attachment}》"
        for r in c.self_reviews
    ]


def _numbered(lines: list[str]) -> str:
    return "\n".join(f"{n}. {line}" for n, line in enumerate(lines, 1))


def _items_table(items: tuple[Rectification, ...]) -> Table:
    rows: list[list[Cell]] = [
        [
            Cell("序号", label=True),
            Cell("存在的问题", label=True),
            Cell("整改措施", label=True),
            Cell("责任人", label=True),
            Cell("完成时限", label=True),
        ]
    ]
    for number, item in enumerate(items, 1):
        rows.append(
            [
                Cell(str(number), align="center", keep_together=True),
                Cell(item.problem, align="left"),
                Cell(item.measure, align="left"),
                Cell(item.owner, align="center"),
                Cell(format_date(item.due_on) if item.due_on else "", align="center"),
            ]
        )
    return Table(
        rows=rows, widths=ITEM_WIDTHS, width_unit="mm", header_rows=1, text_size_pt=ITEM_SIZE_PT
    )


def org_life_document(c: OrgLifeContent) -> Document:
    """组织生活会会议记录 (the year's), then its 整改清单."""
    rows: list[list[Cell]] = [
        [Cell("会议主题", label=True), Cell(c.theme, colspan=3, align="left", keep_together=True)],
        form_pair("时间", format_date(c.held_on), "地点", c.place),
        form_pair("主持人", c.chair, "记录人", c.recorder),
        form_pair("应到人数", f"{c.expected}人", "实到人数", f"{c.present}人"),
    ]
    if c.attendees:
        rows.append(form_row("出席人员", people_text(c.attendees)))
    rows.append(form_row("缺席人员及原因", people_text(c.absent)))
    if c.observers:
        rows.append(form_row("列席人员", people_text(c.observers)))
    preparation = preparation_lines(c)
    if preparation:
        rows.append(form_row("会前准备", _numbered(preparation)))
    if c.self_reviews:
        rows.append(form_row("对照检查", "\n".join(self_review_lines(c)), indent=True))
    if c.criticisms:
        lines = "\n".join(x.line for x in c.criticisms)
        rows.append(form_row("批评与自我批评", lines, indent=True))
    if c.summary.strip():
        rows.append(form_row("会议情况", c.summary.strip(), indent=True, lines=3))
    rows.extend(notes_rows(c.notes))
    blocks: list[Block] = [Table(rows=rows, widths=RECORD_WIDTHS, width_unit="mm", header_rows=1)]
    if c.rectification:
        blocks.append(Paragraph("整改清单", indent_chars=0, align="center", space_before_lines=1))
        blocks.append(_items_table(c.rectification))
    blocks.append(SignatureLines(["主持人（签字）", "记录人（签字）"]))
    return Document(
        title="组织生活会记录",
        subtitle=f"（{c.held_on.year}年度）",
        blocks=blocks,
        author=c.branch,
    )


def report_draft(r: OrgLifeReportContent) -> ReportDraft:
    """关于召开2026年度组织生活会情况的报告: every sentence from the record."""
    c = r.minutes
    year = c.held_on.year
    chair = f"，{c.chair}同志主持" if c.chair else ""
    opening = (
        f"{format_date(c.held_on)}，我支部在{c.place}召开{year}年度组织生活会{chair}，"
        f"会议主题为“{c.theme}”。应到党员{c.expected}名，实到{c.present}名。"
        "现将会议召开情况报告如下："
    )
    sections: list[ReportSection] = []
    preparation = []
    if c.study.strip():
        preparation.append(f"会前学习：{c.study.strip().rstrip('。')}。")
    if opinions_text(c):
        preparation.append(f"会前{opinions_text(c)}。")
    if c.talks:
        preparation.append(f"会前开展谈心谈话{len(c.talks)}次。")
    if preparation:
        sections.append(ReportSection("会前准备情况", "\n".join(preparation)))
    held = []
    if c.self_reviews:
        held.append(f"会上，{len(c.self_reviews)}名同志逐一作了对照检查发言。")
    if c.criticisms:
        selfs = sum(not x.of or x.of == x.by for x in c.criticisms)
        others = len(c.criticisms) - selfs
        parts = [f"批评意见{others}条"] if others else []
        if selfs:
            parts.append(f"自我批评{selfs}条")
        held.append(f"开展批评和自我批评，共提出{'、'.join(parts)}。")
    if c.summary.strip():
        held.append(c.summary.strip())
    if held:
        sections.append(ReportSection("会议召开情况", "\n".join(held)))
    if c.rectification:
        lines = [
            f"（{chinese_numeral(n)}）{i.problem.rstrip('。')}。"
            + (f"整改措施：{i.measure.strip().rstrip('。')}。" if i.measure.strip() else "")
            + (f"责任人：{i.owner}。" if i.owner else "")
            + (f"完成时限：{format_date(i.due_on)}。" if i.due_on else "")
            for n, i in enumerate(c.rectification, 1)
        ]
        closed = sum(
            i.closed_on is not None and i.closed_on <= r.issue_date for i in c.rectification
        )
        if closed:
            rest = len(c.rectification) - closed
            after = f"，其余{rest}项正在整改" if rest else "，全部整改完成"
            lines.append(f"截至{format_date(r.issue_date)}，已完成整改{closed}项{after}。")
        sections.append(ReportSection("查摆的问题和整改措施", "\n".join(lines)))
    return ReportDraft(
        title=f"关于召开{year}年度组织生活会情况的报告",
        recipient=r.recipient,
        opening=opening,
        sections=sections,
        closing="特此报告。",
        signer=r.signer,
        issue_date=r.issue_date,
    )


def org_life_report_document(r: OrgLifeReportContent) -> Document:
    """组织生活会召开情况报告 in GB/T 9704 form (上行文, 主送 the 上级党组织)."""
    return report_document(report_draft(r))
