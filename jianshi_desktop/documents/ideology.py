"""意识形态 documents: the monthly 意识形态风险研判情况报告 (GB/T 9704 上行文 to the 党委),
the quarter's 意识形态风险研判情况季度汇总 (a table), and the yearly 本单位意识形态工作情况
通报 to the branch's members (下行文, 发至全体党员).

Each prints only what its content holds — the records behind it — and nothing else: no
placeholder, no claim the records do not show. No database here (``services.ideology_reviews``
fills the content).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from jianshi_desktop.documents.model import Cell, Document, Paragraph, Table
from jianshi_desktop.documents.records import (
    RecordNotes,
    ReportDraft,
    ReportSection,
    report_document,
)
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import RiskLevel
from jianshi_desktop.domain.ideology import Finding, OpenRisk

QUARTERS = "一二三四"


def _sentence(text: str) -> str:
    """``text`` ending in a full stop (one added unless it ends in punctuation already)."""
    text = text.strip()
    return text if not text or text[-1] in "。！？；…" else f"{text}。"


def _month(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


@dataclass(frozen=True)
class AreaContent:
    area: str
    risk: RiskLevel
    facts: str = ""
    measures: str = ""
    responsible: str = ""


@dataclass(frozen=True)
class FollowUpContent:
    area: str
    origin: str  # 「2026年9月」: the review that found it
    risk: RiskLevel
    progress: str = ""
    closed: bool = False


@dataclass(frozen=True)
class IdeologyReviewContent:
    branch: str
    parent: str  # 主送: the 上级党组织 of the day
    held_on: dt.date
    place: str = ""
    chair: str = ""
    participants: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()  # 张三（请假：外出培训）
    areas: tuple[AreaContent, ...] = ()
    follow_ups: tuple[FollowUpContent, ...] = ()
    summary: str = ""
    reported_on: dt.date | None = None
    meeting: str = ""  # the 意识形态专题研究 meeting it was discussed at
    notes: RecordNotes = field(default_factory=RecordNotes)


def _basics(c: IdeologyReviewContent) -> str:
    place = f"在{c.place}" if c.place else ""
    chair = f"，由{c.chair}主持" if c.chair else ""
    people = f"，{'、'.join(c.participants)}参加" if c.participants else ""
    what = f"开展{c.held_on.month}月意识形态风险研判"
    text = f"{format_date(c.held_on)}，{c.branch}{place}{what}{chair}{people}。"
    if c.absent:
        text += f"{'、'.join(c.absent)}未参加。"
    if c.meeting:
        text += f"本次研判结合{c.meeting}意识形态专题研究进行。"
    return text


def _area_text(a: AreaContent) -> str:
    parts = [f"{a.area}：风险等级{a.risk.label}。"]
    if a.facts.strip():
        parts.append(f"具体情况：{_sentence(a.facts)}")
    if a.measures.strip():
        parts.append(f"防范措施：{_sentence(a.measures)}")
    if a.responsible:
        parts.append(f"责任人：{a.responsible}。")
    return "".join(parts)


def _areas_text(areas: tuple[AreaContent, ...]) -> str:
    """Areas without risk and without words in one sentence; each other area its own."""
    quiet = [
        a.area for a in areas if a.risk is RiskLevel.NONE and not (a.facts or a.measures).strip()
    ]
    lines = [_area_text(a) for a in areas if a.area not in quiet]
    if quiet:
        lines.append(
            f"{'、'.join(quiet)}{'等方面' if len(quiet) > 1 else '方面'}未发现意识形态风险。"
        )
    return "\n".join(lines)


def _follow_up_text(f: FollowUpContent) -> str:
    state = "已销号" if f.closed else "仍在跟进"
    found = (
        f"{f.origin}研判发现的“{f.area}”风险（{f.risk.label}，{state}）"
        if f.origin
        else f"前期“{f.area}”风险（{state}）"
    )
    return f"{found}{'：' + _sentence(f.progress) if f.progress.strip() else '。'}"


def review_report_document(c: IdeologyReviewContent) -> Document:
    """The monthly 意识形态风险研判情况报告: a GB/T 9704 上行文 to the 上级党组织, dated the
    day it was reported (or the day of the review while it is not)."""
    sections = [
        ReportSection("研判基本情况", _basics(c)),
        ReportSection("风险研判情况", _areas_text(c.areas)),
    ]
    if c.follow_ups:
        sections.append(
            ReportSection("前期风险跟进情况", "\n".join(_follow_up_text(f) for f in c.follow_ups))
        )
    if c.summary.strip():
        sections.append(ReportSection("研判结论和下一步工作", c.summary.strip()))
    notes = []
    if c.notes.late_entry:
        when = f"于{format_date(c.notes.recorded_on)}" if c.notes.recorded_on else "事后"
        notes.append(f"本记录{when}补录。")
    notes.extend(c.notes.amendments)
    draft = ReportDraft(
        title=f"{c.held_on.year}年{c.held_on.month}月意识形态风险研判情况报告",
        recipient=c.parent,
        opening=f"现将我支部{c.held_on.year}年{c.held_on.month}月意识形态风险研判情况报告如下：",
        sections=sections,
        closing="特此报告。",
        signer=c.branch,
        issue_date=c.reported_on or c.held_on,
    )
    document = report_document(draft)
    if notes:  # 附注, under the date (GB/T 9704 7.3.7)
        document.blocks.append(Paragraph(f"（{''.join(notes)}）"))
    return document


# --- the quarter and the year --------------------------------------------------------------


@dataclass(frozen=True)
class MonthLine:
    """One finished review as a summary lists it."""

    held_on: dt.date
    areas: tuple[str, ...]
    risks: tuple[Finding, ...]  # the areas with a risk (低 and up)
    closed: tuple[str, ...]  # earlier risks it closed (销号), by area
    reported_on: dt.date | None
    deadline: dt.date

    @property
    def on_time(self) -> bool:
        return self.reported_on is not None and self.reported_on <= self.deadline

    def reported_text(self) -> str:
        if self.reported_on is None:
            return "未上报"
        late = "" if self.on_time else "（逾期）"
        return f"{_month(self.reported_on)}{late}"


def _risks_text(line: MonthLine) -> str:
    if not line.risks:
        return "未发现风险"
    return "；".join(
        f"{r.area}（{r.risk.label}）：{r.facts.strip() or '未写明'}" for r in line.risks
    )


def _measures_text(line: MonthLine) -> str:
    parts = [
        f"{r.area}：{r.measures.strip()}（责任人{r.responsible}）"
        if r.responsible
        else f"{r.area}：{r.measures.strip()}"
        for r in line.risks
        if r.measures.strip()
    ]
    if line.closed:
        parts.append(f"前期风险销号：{'、'.join(line.closed)}")
    return "；".join(parts) or "无"


def _open_text(risk: OpenRisk) -> str:
    who = f"，责任人{risk.responsible}" if risk.responsible else ""
    return f"{risk.held_on.year}年{risk.held_on.month}月“{risk.area}”（{risk.risk.label}{who}）"


@dataclass(frozen=True)
class QuarterContent:
    branch: str
    year: int
    quarter: int
    months: tuple[int, ...]  # the quarter's months begun by the day it is made
    lines: tuple[MonthLine, ...]
    still_open: tuple[OpenRisk, ...]
    made_on: dt.date


def quarter_document(c: QuarterContent) -> Document:
    """意识形态风险研判情况季度汇总: the quarter's months, one row each, then the risks
    still open."""
    header = [
        Cell("月份", label=True),
        Cell("研判日期", label=True),
        Cell("发现的风险", label=True),
        Cell("防范措施和跟进", label=True),
        Cell("上报日期", label=True),
    ]
    rows = [header]
    for month in c.months:
        found = [line for line in c.lines if line.held_on.month == month]
        if not found:
            rows.append(
                [Cell(f"{month}月", align="center"), Cell("没有研判记录", colspan=4, align="left")]
            )
        for line in found:
            rows.append(
                [
                    Cell(f"{month}月", align="center"),
                    Cell(_month(line.held_on), align="center"),
                    Cell(_risks_text(line), align="left"),
                    Cell(_measures_text(line), align="left"),
                    Cell(line.reported_text(), align="center"),
                ]
            )
    held = len({line.held_on.month for line in c.lines})
    on_time = sum(line.on_time for line in c.lines)
    ended = c.made_on >= _quarter_end(c)
    months = f"本季度{len(c.months)}个月" if ended else f"本季度已过{len(c.months)}个月"
    blocks: list[Table | Paragraph] = [
        Table(rows=rows, widths=[16, 26, 48, 48, 26], header_rows=1),
        Paragraph(
            f"{months}，开展研判{held}个月，按时上报{on_time}次。",
            space_before_lines=1,
        ),
    ]
    if c.still_open:
        blocks.append(
            Paragraph(
                f"截至{format_date(min(c.made_on, _quarter_end(c)))}仍在跟进的风险："
                f"{'、'.join(_open_text(r) for r in c.still_open)}。"
            )
        )
    else:
        blocks.append(
            Paragraph(
                "截至本季度末，没有仍在跟进的风险。"
                if c.made_on >= _quarter_end(c)
                else f"截至{format_date(c.made_on)}，没有仍在跟进的风险。"
            )
        )
    blocks.append(
        Paragraph(
            f"{c.branch}　{format_date(c.made_on)}",
            align="right",
            indent_chars=0,
            space_before_lines=1,
        )
    )
    return Document(
        title="意识形态风险研判情况季度汇总",
        subtitle=f"（{c.year}年第{QUARTERS[c.quarter - 1]}季度）",
        blocks=list(blocks),
        author=c.branch,
    )


def _quarter_end(c: QuarterContent) -> dt.date:
    month = c.quarter * 3
    following = dt.date(c.year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


@dataclass(frozen=True)
class StudyMeeting:
    label: str  # 2026年3月12日支委会
    topic: str = ""
    review_months: tuple[int, ...] = ()  # the reviews it discussed, by month


@dataclass(frozen=True)
class YearContent:
    branch: str
    year: int
    months_due: tuple[int, ...]  # months whose 上报截止日 has passed when it is made
    lines: tuple[MonthLine, ...]
    still_open: tuple[OpenRisk, ...]
    studies: tuple[StudyMeeting, ...]
    made_on: dt.date


def _months(months: list[int] | tuple[int, ...]) -> str:
    return "、".join(f"{m}月" for m in months)


def year_notice_document(c: YearContent) -> Document:
    """本单位意识形态工作情况通报 (下行文 to the branch's members): the year's reviews, the
    risks found and what became of them, and the 意识形态专题研究 meetings — as recorded."""
    held = sorted({line.held_on.month for line in c.lines})
    missing = [m for m in c.months_due if m not in held]
    on_time = sum(line.on_time for line in c.lines)
    reported = sum(line.reported_on is not None for line in c.lines)
    review = f"{c.year}年，支部开展意识形态风险研判{len(c.lines)}次"
    if held and set(held) >= set(c.months_due) and len(held) > 3:
        review += (
            f"（{held[0]}月至{held[-1]}月每月1次）"
            if held == list(range(held[0], held[-1] + 1))
            else f"（{_months(held)}）"
        )
    elif held:
        review += f"（{_months(held)}）"
    review += f"，向上级党组织上报{reported}次，其中按期上报{on_time}次。" if c.lines else "。"
    if missing:
        review += f"{_months(missing)}没有研判记录。"
    risks = [(line, r) for line in c.lines for r in line.risks]
    if risks:
        found = "\n".join(
            f"{line.held_on.month}月研判发现“{r.area}”风险（{r.risk.label}）"
            + (f"：{_sentence(r.facts)}" if r.facts.strip() else "。")
            + (f"采取的措施：{_sentence(r.measures)}" if r.measures.strip() else "")
            for line, r in risks
        )
        closed = [(line, area) for line in c.lines for area in line.closed]
        if closed:
            found += (
                "\n"
                + "；".join(
                    f"{line.held_on.month}月研判确认“{area}”风险整改销号" for line, area in closed
                )
                + "。"
            )
        if c.still_open:
            still = "、".join(_open_text(r) for r in c.still_open)
            found += f"\n截至{format_date(c.made_on)}仍在跟进：{still}。"
        else:
            found += "\n上述风险均已整改销号。"
    else:
        found = "全年各次研判未发现意识形态风险。" if c.lines else ""
    sections = [ReportSection("意识形态风险研判情况", review)]
    if found:
        sections.append(ReportSection("发现的风险及处置情况", found))
    if c.studies:
        study = (
            f"{c.year}年，支部{len(c.studies)}次专题研究意识形态工作："
            + "；".join(
                s.label
                + (f"，研究“{s.topic}”" if s.topic else "")
                + (f"，研究了{_months(list(s.review_months))}的风险研判" if s.review_months else "")
                for s in c.studies
            )
            + "。"
        )
    else:
        study = f"{c.year}年没有专题研究意识形态工作的会议记录。"
    sections.append(ReportSection("专题研究意识形态工作情况", study))
    draft = ReportDraft(
        title=f"关于{c.year}年度本支部意识形态工作情况的通报",
        recipient="全体党员",
        opening=f"现将{c.year}年度本支部意识形态工作情况通报如下：",
        sections=sections,
        closing="特此通报。",
        signer=c.branch,
        issue_date=c.made_on,
        direction="downward",
    )
    document = report_document(draft)
    document.blocks.append(Paragraph("（此件发至全体党员）"))  # 附注 (GB/T 9704 7.3.7)
    return document
