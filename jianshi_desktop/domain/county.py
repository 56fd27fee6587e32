"""县局汇总 (CountyAggregate): the county's view of many schools' packages — which school
did what over a period (the matrix: schools × obligations), who has not sent or sent late,
and the organisation facts across the county. Pure Python: the packages come in as plain
values (:class:`PackageData`, what services.county keeps of each current package).

What the matrix says, and only that (print nothing the data does not show):

- A cell is one school × one obligation over the chosen period, summed from the compliance
  rows of the school's current packages (数据/compliance.json): the rows of every
  sub-period (2026年7月, 2026年第三季度 …) that lies inside the chosen period *and* inside
  the package's own period. A period wider than any one package (a year from four
  quarterly packages, a quarter from three monthly ones) is assembled from several
  packages; where two current packages carry the same row (a July package and a later
  third-quarter package), the later made counts.
- ``done`` counts towards what is required, row by row: four 支委会 in July do not make up
  for none in August (「3/3」 only when each row is done).
- The state is the worst of the rows: 已逾期 > 即将到期 > 未到期 > (part missing) >
  未在本程序记录 > 已完成. A row is judged as the package judged it on the day it was made,
  except that a row not done whose sub-period has ended by ``today`` is 已逾期: the
  county knows it was not done when the package was made, and no later package says
  otherwise. A cell whose rows miss some sub-periods of the chosen period (a quarter not
  sent) is :data:`PARTIAL` (部分缺报, its ``missing_periods`` say which) unless a row is
  worse — it never says 已完成 for part of a period. A school with no package at all has
  :data:`MISSING` in every column.
- Every obligation column applies to every school: an obligation a school's packages
  carry no row for in the period (a quarterly item when only monthly packages came — the
  compliance rows of a package only hold sub-periods inside its own period) is
  :data:`MISSING` for it, with no rows: the county does not know, and never counts it done.
- A school's ``partial``: some of its packages count for the period but they do not cover
  all of it (``gaps``: the months no package covers); ``missing``: not all of the period
  covered (no package, or partial).
- Schools are listed by name, never by score (力戒形式主义: no rankings).

A package is *late* when made more than :data:`LATE_DAYS` days after its own period's end.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jianshi_desktop.domain.dates import add_months, format_date
from jianshi_desktop.domain.organisation import (
    MAX_BRANCH_MEMBERS,
    MIN_FULL_MEMBERS,
    RE_ELECTION_NOTICE_MONTHS,
    read_snapshot,
)

MISSING = "missing"  # a cell/school with no package covering the period, or no rows
PARTIAL = "partial"  # a cell with rows for some of the period's sub-periods only
# Days after a period's end by which its package is expected. No rule or notice fixes a
# day for the packages (the notice sets what is done, not when it is sent): a local
# default, to be set by the county (``late_days=``).
LATE_DAYS = 10
# Organisation facts: the 组织设置情况 is reported every half year (the notice 二(三)2);
# terms ending within 6 months are flagged (rules.md §1, the notice: 提前6个月通知).
REPORT_EVERY_MONTHS = 6
ARREARS_WITHIN_DAYS = 366  # dues decisions of the last year are facts; older ones history

DONE, DUE_SOON, OVERDUE, NOT_YET_DUE, NOT_RECORDED = (
    "done",
    "due_soon",
    "overdue",
    "not_yet_due",
    "not_recorded",
)
# Worst first: a cell's state is the first of these any of its rows has.
SEVERITY = (OVERDUE, DUE_SOON, NOT_YET_DUE, MISSING, PARTIAL, NOT_RECORDED, DONE)
STATE_LABELS = {
    DONE: "已完成",
    DUE_SOON: "即将到期",
    OVERDUE: "已逾期",
    NOT_YET_DUE: "未到期",
    NOT_RECORDED: "未在本程序记录",
    MISSING: "缺报",
    PARTIAL: "部分缺报",
}

NameKey = Callable[[str], Any]


@dataclass(frozen=True)
class PackageData:
    """One current package as the aggregate reads it (services.county keeps it)."""

    id: int
    uid: str
    school: str
    period_start: dt.date
    period_end: dt.date
    period_label: str
    created_at: str  # the manifest's, ISO text as the branch wrote it
    records: Mapping[str, Any] = field(default_factory=dict)
    compliance: Sequence[Mapping[str, Any]] = ()

    @property
    def made_on(self) -> dt.date | None:
        """The day the branch made the package (None: not a date — never from a verified
        package)."""
        try:
            return dt.date.fromisoformat(self.created_at[:10])
        except ValueError:
            return None


@dataclass(frozen=True)
class Cell:
    """One school × one obligation over the chosen period."""

    required: int
    done: int  # towards the requirement, row by row (never above ``required``)
    late_entries: int  # 补录 records among those counted
    state: str  # worst of its rows (SEVERITY); MISSING when no package
    periods: tuple[str, ...]  # the sub-period labels counted (2026年7月 …)
    subjects_short: tuple[str, ...]  # per-group/per-member subjects not done
    # the sub-period labels of the chosen period no row of the school's packages covers
    missing_periods: tuple[str, ...] = ()

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)

    @property
    def has_data(self) -> bool:
        """Some row of the school's packages counts (else the county knows nothing)."""
        return bool(self.periods)


@dataclass(frozen=True)
class SchoolRow:
    uid: str
    name: str
    package_ids: tuple[int, ...]  # the current packages counted for the period
    made_on: str | None  # latest day (ISO) a counted package was made
    missing: bool  # no current package covers (all of) the period
    late: bool  # a counted package made after its period's end + late_days
    cells: Mapping[str, Cell]  # obligation key → cell (every obligation of the matrix)
    partial: bool = False  # some packages count, but they do not cover all of the period
    gaps: tuple[str, ...] = ()  # the months (2026年8月 …) no counted package covers


@dataclass(frozen=True)
class Matrix:
    period_label: str
    obligations: tuple[tuple[str, str], ...]  # (key, label), in the order packages list them
    schools: tuple[SchoolRow, ...]  # by name, never by score


@dataclass(frozen=True)
class OrgFact:
    uid: str
    school: str
    kind: str  # term_ending | vacancy | size | arrears | no_report
    text: str  # one Chinese sentence a county operator reads
    due: dt.date | None


# ---- sub-periods ---------------------------------------------------------------------------

_LABEL = re.compile(r"(\d{4})年(?:(\d{1,2})月|第([一二三四])季度|([上下])半年)?")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def sub_period(label: str) -> tuple[dt.date, dt.date, str] | None:
    """The first and last day of a compliance row's period label (2026年7月, 2026年第三
    季度, 2026年上半年, 2026年) and its kind (month/quarter/half/year); None when the label
    is none of these."""
    match = _LABEL.fullmatch(label.strip())
    if match is None:
        return None
    year = int(match[1])
    if not 1 <= year <= 9998:
        return None
    if match[2]:
        month = int(match[2])
        if not 1 <= month <= 12:
            return None
        return dt.date(year, month, 1), _month_end(year, month), "month"
    if match[3]:
        first = "一二三四".index(match[3]) * 3 + 1
        return dt.date(year, first, 1), _month_end(year, first + 2), "quarter"
    if match[4]:
        first = 1 if match[4] == "上" else 7
        return dt.date(year, first, 1), _month_end(year, first + 5), "half"
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


_KIND_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}


def _expected(kind: str, start: dt.date, end: dt.date) -> set[dt.date]:
    """The first days of the sub-periods of ``kind`` lying inside start..end."""
    months = _KIND_MONTHS[kind]
    found: set[dt.date] = set()
    day = dt.date(start.year, 1, 1)
    while day <= end:
        last = add_months(day, months) - dt.timedelta(days=1)
        if start <= day and last <= end:
            found.add(day)
        day = add_months(day, months)
    return found


def _covers(spans: Iterable[tuple[dt.date, dt.date]], start: dt.date, end: dt.date) -> bool:
    """Whether the spans together cover every day of start..end."""
    reached = start
    for first, last in sorted(spans):
        if first > reached:
            return False
        if last >= reached:
            if last >= end:
                return True
            reached = last + dt.timedelta(days=1)
    return False


def _label(kind: str, first: dt.date) -> str:
    if kind == "month":
        return f"{first.year}年{first.month}月"
    if kind == "quarter":
        return f"{first.year}年第{'一二三四'[(first.month - 1) // 3]}季度"
    if kind == "half":
        return f"{first.year}年{'上' if first.month <= 6 else '下'}半年"
    return f"{first.year}年"


def periods_text(labels: Iterable[str]) -> str:
    """「8、9月」, 「第三、四季度」, 「下半年」, 「全年」 for sub-period labels (the year said
    only when they span more than one): how a cell names what is missing."""
    spans = [(span, label) for label in labels if (span := sub_period(label)) is not None]
    years = sorted({span[0].year for span, _ in spans})
    parts: list[str] = []
    for year in years:
        own = sorted((s for s, _ in spans if s[0].year == year), key=lambda s: (s[0], s[1]))
        words: list[str] = []
        months = [str(s[0].month) for s in own if s[2] == "month"]
        quarters = ["一二三四"[(s[0].month - 1) // 3] for s in own if s[2] == "quarter"]
        halves = ["上" if s[0].month <= 6 else "下" for s in own if s[2] == "half"]
        words += [f"{'、'.join(months)}月"] if months else []
        words += [f"第{'、'.join(quarters)}季度"] if quarters else []
        words += [f"{'、'.join(halves)}半年"] if halves else []
        words += ["全年"] if any(s[2] == "year" for s in own) else []
        prefix = f"{year}年" if len(years) > 1 else ""
        parts += [f"{prefix}{word}" for word in words]
    return "、".join(parts)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


# ---- the matrix ----------------------------------------------------------------------------


@dataclass
class _Row:
    key: str
    label: str
    period: str
    start: dt.date
    end: dt.date
    kind: str
    subject: str
    required: int
    done: int
    late_entries: int
    state: str


def _rows_of(package: PackageData, start: dt.date, end: dt.date, today: dt.date) -> Iterable[_Row]:
    for row in package.compliance:
        label = _text(row.get("period"))
        span = sub_period(label)
        key = _text(row.get("key"))
        if span is None or not key:
            continue
        first, last, kind = span
        if not (start <= first and last <= end):
            continue  # outside the chosen period
        if not (package.period_start <= first and last <= package.period_end):
            continue  # not the package's to say
        required = _int(row.get("required"))
        done = min(_int(row.get("done")), required)
        state = _text(row.get("state"))
        if state not in STATE_LABELS or state == MISSING:
            state = OVERDUE if last < today else NOT_YET_DUE
        if done >= required:
            state = DONE
        elif state in (DUE_SOON, NOT_YET_DUE, DONE) and last < today:
            state = OVERDUE  # not done when made, the period over, no later package
        yield _Row(
            key,
            _text(row.get("obligation")) or key,
            label,
            first,
            last,
            kind,
            _text(row.get("subject")),
            required,
            done,
            _int(row.get("late_entries")),
            state,
        )


def _worst(states: Iterable[str]) -> str:
    found = set(states)
    for state in SEVERITY:
        if state in found:
            return state
    return DONE


def _cell(rows: Sequence[_Row], start: dt.date, end: dt.date, usual: set[str]) -> Cell:
    """``usual``: the kinds of sub-period the obligation's rows have in any school's
    packages (what is expected of a school whose packages carry none)."""
    states = [r.state for r in rows]
    kinds = {r.kind for r in rows} or usual
    have = {(r.kind, r.start) for r in rows}
    absent = sorted(
        (day, kind)
        for kind in kinds
        for day in _expected(kind, start, end)
        if (kind, day) not in have
    )
    if not rows:
        states.append(MISSING)  # the school's packages say nothing of it for the period
    elif absent:
        states.append(PARTIAL)  # some sub-period of the chosen one was never sent
    periods: list[str] = []
    subjects: list[str] = []
    for row in sorted(rows, key=lambda r: (r.start, r.end)):
        if row.period not in periods:
            periods.append(row.period)
        if row.done < row.required and row.subject and row.subject not in subjects:
            subjects.append(row.subject)
    return Cell(
        required=sum(r.required for r in rows),
        done=sum(r.done for r in rows),
        late_entries=sum(r.late_entries for r in rows),
        state=_worst(states),
        periods=tuple(periods),
        subjects_short=tuple(subjects),
        missing_periods=tuple(_label(kind, day) for day, kind in absent),
    )


def _not_owed(
    kinds: set[str], sent: Sequence[tuple[dt.date, dt.date]], start: dt.date, end: dt.date
) -> bool:
    """An obligation with no row in the school's packages although a package of the school
    holds each of its sub-periods whole: the branch did not owe it (a branch without a
    committee owes no 支委会), so it is 无此项, left out of the school's cells — unlike a
    quarterly item a school sent only monthly packages for, which the county cannot know."""
    expected = [
        (day, add_months(day, _KIND_MONTHS[kind]) - dt.timedelta(days=1))
        for kind in kinds
        for day in _expected(kind, start, end)
    ]
    return bool(expected) and all(
        any(first <= day and last <= stop for first, stop in sent) for day, last in expected
    )


def _gaps(spans: Sequence[tuple[dt.date, dt.date]], start: dt.date, end: dt.date) -> list[str]:
    """The months of start..end (whole months only) no span covers all of."""
    found = []
    for day in sorted(_expected("month", start, end)):
        last = add_months(day, 1) - dt.timedelta(days=1)
        if not _covers(spans, day, last):
            found.append(_label("month", day))
    return found


def _newest_first(packages: Iterable[PackageData]) -> list[PackageData]:
    return sorted(packages, key=lambda p: (p.created_at, p.period_end, p.id), reverse=True)


def _is_late(package: PackageData, late_days: int) -> bool:
    made = package.made_on
    return made is not None and made > package.period_end + dt.timedelta(days=late_days)


def build_matrix(
    period_start: dt.date,
    period_end: dt.date,
    period_label: str,
    packages: Sequence[PackageData],
    *,
    today: dt.date,
    late_days: int = LATE_DAYS,
    schools: Sequence[tuple[str, str]] = (),
    name_key: NameKey | None = None,
) -> Matrix:
    """The matrix of the period from every school's current packages (any period: those
    that do not touch the chosen one only make their school a row). ``schools``: (uid,
    name) of branches known without a current package (a missing row each); ``name_key``:
    how names sort (pinyin in the services; plain order here)."""
    by_school: dict[str, list[PackageData]] = {}
    names: dict[str, str] = dict(schools)
    for package in _newest_first(packages):
        by_school.setdefault(package.uid, []).append(package)
        names.setdefault(package.uid, package.school)  # as its newest package names it
    for uid in names:
        by_school.setdefault(uid, [])

    obligations: dict[str, str] = {}
    usual: dict[str, set[str]] = {}
    chosen: dict[str, tuple[list[PackageData], dict[str, list[_Row]]]] = {}
    for uid, own in by_school.items():
        taken: dict[tuple[str, str, str], _Row] = {}
        contributors: dict[tuple[str, str, str], PackageData] = {}
        for package in own:  # newest first: a row already taken is a newer package's
            if package.period_end < period_start or package.period_start > period_end:
                continue
            for row in _rows_of(package, period_start, period_end, today):
                obligations.setdefault(row.key, row.label)
                usual.setdefault(row.key, set()).add(row.kind)
                ident = (row.key, row.period, row.subject)
                if ident not in taken:
                    taken[ident] = row
                    contributors[ident] = package
        used_ids = {p.id for p in contributors.values()}
        used = [
            p
            for p in own
            if p.id in used_ids or (period_start <= p.period_start and p.period_end <= period_end)
        ]
        grouped: dict[str, list[_Row]] = {}
        for row in taken.values():
            grouped.setdefault(row.key, []).append(row)
        chosen[uid] = (used, grouped)

    keys = tuple(obligations)
    rows: list[SchoolRow] = []
    for uid, (used, cell_rows) in chosen.items():
        spans = [(max(p.period_start, period_start), min(p.period_end, period_end)) for p in used]
        covered = _covers(spans, period_start, period_end)
        sent = [(p.period_start, p.period_end) for p in by_school[uid]]
        cells = {
            key: _cell(cell_rows.get(key, []), period_start, period_end, usual.get(key, set()))
            for key in keys
            if cell_rows.get(key)
            or not _not_owed(usual.get(key, set()), sent, period_start, period_end)
        }
        made = [p.made_on for p in used if p.made_on is not None]
        rows.append(
            SchoolRow(
                uid=uid,
                name=names[uid],
                package_ids=tuple(
                    p.id for p in sorted(used, key=lambda p: (p.period_start, p.created_at, p.id))
                ),
                made_on=max(made).isoformat() if made else None,
                missing=not covered,
                late=any(_is_late(p, late_days) for p in used),
                cells=cells,
                partial=bool(used) and not covered,
                gaps=tuple(_gaps(spans, period_start, period_end)) if used and not covered else (),
            )
        )
    key = name_key or (lambda name: name)
    rows.sort(key=lambda r: (key(r.name), r.uid))
    return Matrix(period_label, tuple(obligations.items()), tuple(rows))


# ---- the organisation facts ----------------------------------------------------------------


# Snapshot warnings said otherwise: the term (judged against today), vacant posts (from the
# posts), the member counts (from the latest package's members list).
_SAID_ELSEWHERE = re.compile(
    r"本届支部委员会任期(已于|将于).*|.*职务空缺。|名册中还没有党员。"
    r"|正式党员只有\d+名，不足\d+名。|党员有\d+名，超过\d+名。"
)


def _latest_snapshot(own: Sequence[PackageData]) -> tuple[Any, bool] | None:
    """The latest 组织设置情况 snapshot among the school's packages, and whether any
    package could carry one (older packages have no ``organisation_reports``)."""
    best: tuple[str, int, Mapping[str, Any]] | None = None
    carried = False
    for package in own:
        reports = package.records.get("organisation_reports")
        if not isinstance(reports, list):
            continue
        carried = True
        for report in reports:
            if not isinstance(report, Mapping) or not isinstance(report.get("snapshot"), Mapping):
                continue
            ident = (_text(report.get("held_on")), _int(report.get("id")))
            if best is None or ident > best[:2]:
                best = (*ident, report["snapshot"])
    if best is None:
        return (None, carried) if carried else None
    try:
        return read_snapshot(best[2]), True
    except (KeyError, TypeError, ValueError, AssertionError, AttributeError):
        return None, True


def _members_count(records: Mapping[str, Any]) -> tuple[int, int] | None:
    members = records.get("members")
    if not isinstance(members, list):
        return None
    full = sum(1 for m in members if isinstance(m, Mapping) and m.get("status") == "full")
    return len(members), full


def _school_facts(
    uid: str, school: str, own: Sequence[PackageData], today: dt.date
) -> list[OrgFact]:
    facts: list[OrgFact] = []

    def add(kind: str, text: str, due: dt.date | None = None) -> None:
        facts.append(OrgFact(uid, school, kind, text, due))

    latest = max(own, key=lambda p: (p.period_end, p.created_at, p.id))
    found = _latest_snapshot(own)
    snapshot = found[0] if found else None
    if found is None:
        add(
            "no_report",
            "报送包由旧版本程序生成，不含组织设置情况，任期、职务空缺等情况不详。",
        )
    elif snapshot is None:
        add("no_report", "收到的报送包中没有组织设置情况报告。")
    else:
        source = f"（据截至{format_date(snapshot.day)}的组织设置情况报告）"
        if snapshot.day < add_months(today, -REPORT_EVERY_MONTHS):
            add(
                "no_report",
                f"收到的报送包中，近半年没有组织设置情况报告，最近一次截至{format_date(snapshot.day)}。",
            )
        term = snapshot.term
        if term is not None and term.ends_on <= add_months(today, RE_ELECTION_NOTICE_MONTHS):
            if term.ends_on < today:
                add(
                    "term_ending",
                    f"本届支部委员会任期已于{format_date(term.ends_on)}届满，应及时换届{source}。",
                    term.ends_on,
                )
            else:
                add(
                    "term_ending",
                    f"本届支部委员会任期将于{format_date(term.ends_on)}届满，"
                    f"应做好换届准备{source}。",
                    term.ends_on,
                )
        vacant = [p.title for p in snapshot.posts if p.vacant]
        if vacant:
            add("vacancy", f"{'、'.join(vacant)}职务空缺，应及时补选{source}。")
        for warning in snapshot.warnings:
            if _SAID_ELSEWHERE.fullmatch(warning.message.strip()):
                continue  # said above from the term and posts, or below from the members
            add("size", f"{warning.message.strip().rstrip('。')}{source}。")
    counts = _members_count(latest.records)
    if counts is not None:
        total, full = counts
        as_of = _day(latest.records.get("members_as_of"))
        when = f"（{format_date(as_of)}在册）" if as_of is not None else ""
        if total > MAX_BRANCH_MEMBERS:
            add("size", f"党员有{total}名，超过{MAX_BRANCH_MEMBERS}名，一般应分设党支部{when}。")
        if full < MIN_FULL_MEMBERS:
            add("size", f"正式党员只有{full}名，不足{MIN_FULL_MEMBERS}名{when}。")
    facts.extend(_arrears(uid, school, own, today))
    return facts


def _day(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _month_text(text: str) -> str:
    match = re.fullmatch(r"(\d{4})-(\d{2})", text)
    return f"{match[1]}年{int(match[2])}月" if match else ""


def _arrears(uid: str, school: str, own: Sequence[PackageData], today: dt.date) -> list[OrgFact]:
    """党费: the decisions on six months unpaid of the last year (packages from version 3
    carry them; older ones say nothing either way, so nothing is claimed)."""
    decisions: dict[int, Mapping[str, Any]] = {}
    for package in _newest_first(own):
        found = package.records.get("dues_arrears_decisions")
        if not isinstance(found, list):
            continue
        for item in found:
            if isinstance(item, Mapping) and _int(item.get("id")) not in decisions:
                decisions[_int(item.get("id"))] = item
    facts = []
    since = today - dt.timedelta(days=ARREARS_WITHIN_DAYS)
    ordered = sorted(
        decisions.values(), key=lambda d: (_text(d.get("decided_on")), _int(d.get("id")))
    )
    for item in ordered:
        decided = _day(item.get("decided_on"))
        if decided is None or decided < since:
            continue
        # never the member's name: the facts go into the 通报 every school reads, and the
        # county needs to know that the branch decided, not about whom
        start = _month_text(_text(item.get("since_month")))
        months = _int(item.get("months"))
        label = _text(item.get("decision_label"))
        due = _day(item.get("pay_by")) if item.get("decision") == "pay_by" else None
        until = f"（{format_date(due)}前）" if due is not None else ""
        decision = f"决定{label}{until}" if label else "作出处理决定"
        facts.append(
            OrgFact(
                uid,
                school,
                "arrears",
                f"一名党员{'自' + start + '起' if start else ''}连续{months}个月未交党费，"
                f"支部于{format_date(decided)}{decision}。",
                due,
            )
        )
    return facts


def organisation_facts(
    packages: Sequence[PackageData], *, today: dt.date, name_key: NameKey | None = None
) -> list[OrgFact]:
    """The organisation facts of each school from its current packages: the latest
    组织设置情况 snapshot among them (terms ending within 6 months of ``today``, vacant
    posts, the form and size warnings it reported), the members of its latest package
    (fewer than 3 full members, more than 50), the 党费 decisions on six months unpaid of
    the last year, and "no 组织设置情况 in the last half year". A package of an older
    version that cannot carry a list says nothing about it: unknown, never "no problem"."""
    by_school: dict[str, list[PackageData]] = {}
    names: dict[str, str] = {}
    for package in _newest_first(packages):
        by_school.setdefault(package.uid, []).append(package)
        names.setdefault(package.uid, package.school)
    key = name_key or (lambda name: name)
    facts: list[OrgFact] = []
    for uid in sorted(by_school, key=lambda u: (key(names[u]), u)):
        facts.extend(_school_facts(uid, names[uid], by_school[uid], today))
    return facts
