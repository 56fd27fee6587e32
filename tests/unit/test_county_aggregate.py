"""县局汇总, the aggregate (issue 21): the matrix of a period from real packages of the demo
branch — a quarter assembled from monthly packages, a school whose package is missing, a
late one, superseded and held packages not counted — the organisation facts, and packages
of an older version that cannot say everything."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import types
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jianshi_desktop.db.models import Branch, Setting
from jianshi_desktop.documents.county import all_done
from jianshi_desktop.domain import county as aggregate
from jianshi_desktop.domain.county import MISSING, PackageData, build_matrix, organisation_facts
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.services import county, county_aggregate, demo, signing_keys
from jianshi_desktop.services.store import Store, open_store
from jianshi_desktop.submission import package as package_module
from jianshi_desktop.submission.county import import_packages
from jianshi_desktop.submission.package import PackageOptions, build_package

TODAY = dt.date(2026, 11, 26)
Q3 = parse_period("2026Q3")
SCHOOL_B = "中共建始县花坪小学支部委员会"
SCHOOL_C = "中共建始县长梁小学支部委员会"


@dataclass(frozen=True)
class Sent:
    """青山湾小学 (A) sent July (then July again), August and September on time, and a
    September package signed by a new key (held); 花坪小学 (B) the third quarter late;
    长梁小学 (C) only June."""

    july: Path
    july_again: Path
    august: Path
    september: Path
    september_new_key: Path
    b_quarter: Path
    c_june: Path
    uid_a: str


def _made_at(day: dt.date) -> types.SimpleNamespace:
    """``dt`` for submission.package with its clock at ``day`` (the manifest's
    created_at is the clock's)."""

    class Clock(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Clock:
            return cls(day.year, day.month, day.day, 9, 30)

    return types.SimpleNamespace(date=dt.date, datetime=Clock, timedelta=dt.timedelta)


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sent]:
    root = tmp_path_factory.mktemp("county-aggregate")
    store = open_store(root / "branch", log_to_file=False)
    made: dict[str, Path] = {}

    def build(name: str, code: str, day: dt.date) -> None:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(package_module, "dt", _made_at(day))
            made[name] = build_package(
                store.data, parse_period(code), root / name, PackageOptions(), today=day
            ).path

    try:
        demo.fill_demo(today=TODAY)
        uid_a = Branch.get().uid
        build("july", "2026-07", dt.date(2026, 8, 3))
        build("july_again", "2026-07", dt.date(2026, 8, 6))
        build("august", "2026-08", dt.date(2026, 9, 4))
        build("september", "2026-09", dt.date(2026, 10, 5))
        Setting.delete().where(Setting.key == signing_keys.OWN_KEY).execute()  # a new PC
        build("september_new_key", "2026-09", dt.date(2026, 10, 20))
        Branch.update(uid="b" * 32, name=SCHOOL_B).execute()
        build("b_quarter", "2026Q3", TODAY)
        Branch.update(uid="c" * 32, name=SCHOOL_C).execute()
        build("c_june", "2026-06", dt.date(2026, 7, 2))
    finally:
        store.close()
    yield Sent(**made, uid_a=uid_a)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "county", log_to_file=False)
    try:
        county.make_county_folder()
        yield opened
    finally:
        opened.close()


def _everything(desk: Store, sent: Sent) -> None:
    paths = [
        sent.july_again,
        sent.july,
        sent.august,
        sent.september,
        sent.september_new_key,
        sent.b_quarter,
        sent.c_june,
    ]
    results = import_packages(paths, desk.data)
    assert [r.outcome for r in results] == ["imported"] * len(paths), [r.text for r in results]


def test_a_quarter_is_assembled_from_monthly_packages(desk: Store, sent: Sent) -> None:
    _everything(desk, sent)
    matrix = county_aggregate.matrix(Q3, today=TODAY)
    assert matrix.period_label == "2026年第三季度"
    names = [s.name for s in matrix.schools]
    assert len(names) == 3 and set(names) == {
        SCHOOL_B,
        SCHOOL_C,
        "中共建始县青山湾小学支部委员会",
    }
    assert names == sorted(names, key=county_aggregate.name_sort_key)  # by name, not score
    a = next(s for s in matrix.schools if s.uid == sent.uid_a)
    assert not a.missing and not a.late
    # the three current monthly packages, not the superseded July, not the held September
    kept = {p.id: p for p in county.packages()}
    assert sorted(kept[i].period_code for i in a.package_ids) == ["2026-07", "2026-08", "2026-09"]
    assert all(kept[i].status == county.CURRENT for i in a.package_ids)
    assert a.made_on == "2026-10-05"  # not the held package's 20 October
    committee = a.cells["committee"]
    assert committee.periods == ("2026年7月", "2026年8月", "2026年9月")
    assert committee.required == 3 and committee.done <= committee.required
    assert committee.state in ("done", "overdue")
    assert (committee.done == 3) == (committee.state == "done")
    # 花坪小学's quarter package carries the quarter's 党员大会
    keys = [k for k, _ in matrix.obligations]
    assert "general_assembly" in keys and "committee" in keys
    # monthly packages carry no quarterly rows: the county knows nothing of 青山湾's
    # 党员大会 for the quarter — 缺报 (every column applies to every school), never done
    assert set(a.cells) == set(keys)
    assembly = a.cells["general_assembly"]
    assert assembly.state == MISSING and not assembly.has_data
    assert assembly.missing_periods == ("2026年第三季度",)
    assert not all_done(a)  # never praised for items it sent nothing on


def test_a_missing_and_a_late_school(desk: Store, sent: Sent) -> None:
    _everything(desk, sent)
    matrix = county_aggregate.matrix(Q3, today=TODAY)
    b = next(s for s in matrix.schools if s.name == SCHOOL_B)
    assert b.late and not b.missing and b.made_on == TODAY.isoformat()
    c = next(s for s in matrix.schools if s.name == SCHOOL_C)
    assert c.missing and not c.package_ids and c.made_on is None
    assert {cell.state for cell in c.cells.values()} == {MISSING}
    assert set(c.cells) == {k for k, _ in matrix.obligations}
    # June is 长梁小学's: the first half year shows it, with the other two missing
    half = county_aggregate.matrix(parse_period("2026H1"), today=TODAY)
    c_half = next(s for s in half.schools if s.name == SCHOOL_C)
    assert c_half.missing  # only June of six months
    assert c_half.partial and not c.partial  # sent part of it, not nothing
    assert c_half.gaps == tuple(f"2026年{m}月" for m in range(1, 6))
    assert c_half.cells["committee"].missing_periods == c_half.gaps
    assert all(cell.state != "done" for cell in c_half.cells.values())  # never 已完成 for part
    assert c_half.cells["committee"].periods == ("2026年6月",)
    # a longer tolerance: 花坪小学 is no longer late
    lenient = county_aggregate.matrix(Q3, today=TODAY, late_days=60)
    assert not next(s for s in lenient.schools if s.name == SCHOOL_B).late


def test_a_held_package_counts_once_accepted(desk: Store, sent: Sent) -> None:
    import_packages([sent.july_again, sent.august, sent.september_new_key], desk.data)
    before = county_aggregate.matrix(Q3, today=TODAY)
    (a,) = before.schools
    assert a.missing and a.partial  # September only held: the quarter lacks a month
    assert a.gaps == ("2026年9月",)
    assert a.cells["committee"].state in (aggregate.PARTIAL, "overdue")
    assert a.cells["committee"].missing_periods == ("2026年9月",)
    assert a.cells["committee"].periods == ("2026年7月", "2026年8月")
    held = county.packages(statuses=[county.HELD])[0]
    county.accept_held(held.id)
    (after,) = county_aggregate.matrix(Q3, today=TODAY).schools
    assert not after.missing and after.late  # made 20 October: ten days after the month
    assert after.cells["committee"].periods == ("2026年7月", "2026年8月", "2026年9月")


def test_the_workbook_says_each_cell_in_words(desk: Store, sent: Sent, tmp_path: Path) -> None:
    _everything(desk, sent)
    target = tmp_path / "汇总.xlsx"
    county_aggregate.export_matrix(Q3, target, today=TODAY)
    book = load_workbook(target)
    assert book.sheetnames == ["工作完成情况", "未报送", "组织设置"]
    grid = [list(r) for r in book["工作完成情况"].iter_rows(values_only=True)]
    assert grid[0][0] == "2026年第三季度各学校党支部工作完成情况"
    header = grid[1]
    by_school = {row[0]: row for row in grid[2:5]}
    c = by_school[SCHOOL_C]
    assert c[1] == "缺报" and all(v == "缺报" for v in c[2:])
    a = by_school["中共建始县青山湾小学支部委员会"]
    assert a[header.index("支部党员大会")] == "缺报\n（报送包中没有这项的情况）"
    committee = a[header.index("支委会")]
    assert committee.startswith("3/3 已完成") or "已逾期" in committee
    b = by_school[SCHOOL_B]
    assert "（逾期）" in b[1]
    missing = [list(r) for r in book["未报送"].iter_rows(values_only=True)]
    assert [SCHOOL_C, "未报送"] in [row[:2] for row in missing]
    assert [SCHOOL_B, "逾期报送"] in [row[:2] for row in missing]
    assert not any(row[0] == "中共建始县青山湾小学支部委员会" for row in missing)
    facts = [list(r) for r in book["组织设置"].iter_rows(values_only=True)]
    kinds = {(row[0], row[1]) for row in facts[2:] if row[1]}
    assert (SCHOOL_B, "换届") in kinds and (SCHOOL_B, "职务空缺") in kinds


def test_organisation_facts_from_the_latest_report(desk: Store, sent: Sent) -> None:
    _everything(desk, sent)
    facts = county_aggregate.organisation_facts(today=TODAY)
    b = [f for f in facts if f.school == SCHOOL_B]
    term = next(f for f in b if f.kind == "term_ending")
    assert term.due is not None and term.due <= dt.date(2027, 5, 26)
    assert "届满" in term.text and "组织设置情况报告" in term.text
    vacancy = next(f for f in b if f.kind == "vacancy")
    assert "青年委员" in vacancy.text and "空缺" in vacancy.text
    # 青山湾's July package carries the report of 3 July, its other months none
    a = [f for f in facts if f.uid == sent.uid_a]
    assert {f.kind for f in a} >= {"term_ending", "vacancy"}
    assert all("2026年7月3日" in f.text for f in a if f.kind in ("term_ending", "vacancy"))
    # 长梁小学 sent June only, without a report: not "no problems", the want of a report
    c = [f for f in facts if f.school == SCHOOL_C]
    assert [f.kind for f in c] == ["no_report"] and "没有组织设置情况报告" in c[0].text
    # a year later the report is older than half a year
    later = county_aggregate.organisation_facts(today=TODAY + dt.timedelta(days=200))
    assert any(f.school == SCHOOL_B and f.kind == "no_report" and "近半年" in f.text for f in later)


def _package_data(desk: Store) -> list[PackageData]:
    return county_aggregate.current_packages()


def test_older_package_versions_say_unknown_not_zero(desk: Store, sent: Sent) -> None:
    import_packages([sent.b_quarter], desk.data)
    (b,) = _package_data(desk)
    old_records = {
        k: v
        for k, v in b.records.items()
        if k not in ("organisation_reports", "dues_arrears_decisions", "leaders", "awards")
    }
    old = dataclasses.replace(b, records={**old_records, "schema_version": 2})
    facts = organisation_facts([old], today=TODAY)
    assert [f.kind for f in facts] == ["no_report"]
    assert "旧版本" in facts[0].text and "不详" in facts[0].text
    # an older package without some obligations: those columns are absent, not done
    rows = [r for r in b.compliance if r["key"] != "dues"]
    matrix = build_matrix(Q3.start, Q3.end, Q3.label, [dataclasses.replace(old, compliance=rows)],
                          today=TODAY)  # fmt: skip
    assert "dues" not in dict(matrix.obligations)
    assert "dues" not in matrix.schools[0].cells


def test_rows_are_judged_as_the_county_knows_them() -> None:
    """A row not done in a package made before its month ended is 已逾期 once the month is
    over; four meetings in one month do not make up for none in another."""

    def row(period: str, done: int, state: str) -> dict[str, object]:
        return {"obligation": "支委会", "key": "committee", "period": period, "subject": "",
                "required": 1, "done": done, "late_entries": 0, "state": state,
                "state_label": "", "source": ""}  # fmt: skip

    package = PackageData(
        1, "u" * 32, "某小学党支部", Q3.start, Q3.end, Q3.label, "2026-09-20T10:00:00",
        {}, [row("2026年7月", 4, "done"), row("2026年8月", 0, "overdue"),
             row("2026年9月", 0, "not_yet_due")],
    )  # fmt: skip
    cell = (
        build_matrix(Q3.start, Q3.end, Q3.label, [package], today=TODAY)
        .schools[0]
        .cells["committee"]
    )
    assert (cell.required, cell.done, cell.state) == (3, 1, "overdue")
    during = build_matrix(
        Q3.start, Q3.end, Q3.label, [package], today=dt.date(2026, 9, 21)
    ).schools[0]
    assert during.cells["committee"].state == "overdue"  # August was already overdue
    only_september = dataclasses.replace(package, compliance=[row("2026年9月", 0, "due_soon")])
    early = build_matrix(
        Q3.start, Q3.end, Q3.label, [only_september], today=dt.date(2026, 9, 21)
    ).schools[0]
    assert not early.missing and early.cells["committee"].state == "due_soon"
    assert aggregate.sub_period("2026年第三季度") == (Q3.start, Q3.end, "quarter")
    assert aggregate.sub_period("2026年13月") is None


def _older_program(package: Path, target: Path) -> Path:
    """What an older program made of the same data: manifest version 2 (unsigned),
    records.json version 2 without the lists later versions brought."""
    with zipfile.ZipFile(package) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    del parts["signature.json"]
    records = json.loads(parts["数据/records.json"])
    records["schema_version"] = 2
    for key in LATER_LISTS:
        records.pop(key, None)
    parts["数据/records.json"] = json.dumps(records, ensure_ascii=False).encode()
    manifest = json.loads(parts["manifest.json"])
    manifest["schema_version"] = 2
    for entry in manifest["files"]:
        data = parts[entry["path"]]
        entry.update(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    parts["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return target


LATER_LISTS = (
    "dues_collections", "dues_arrears_decisions", "recruitments", "trainings",
    "pairing_helps", "student_pairings", "organisation_reports", "awards", "leaders",
)  # fmt: skip


def test_an_imported_older_package_is_unknown_where_it_cannot_say(
    desk: Store, sent: Sent, tmp_path: Path
) -> None:
    old = _older_program(sent.b_quarter, tmp_path / "旧" / sent.b_quarter.name)
    (result,) = import_packages([old], desk.data)
    assert result.outcome == "imported", result.text
    facts = county_aggregate.organisation_facts(today=TODAY)
    assert [(f.school, f.kind) for f in facts] == [(SCHOOL_B, "no_report")]
    assert "旧版本" in facts[0].text  # not "no vacancy, no term ending"
    (school,) = county_aggregate.matrix(Q3, today=TODAY).schools
    assert not school.missing and school.cells["committee"].periods  # its rows still count


def test_a_partly_sent_school_is_partial_not_missing(
    desk: Store, sent: Sent, tmp_path: Path
) -> None:
    """Only July of the third quarter: what July shows, and which months did not come —
    not 「缺报」 for a school whose package was received, not 「1/1」 as if all."""
    import_packages([sent.july_again], desk.data)
    (a,) = county_aggregate.matrix(Q3, today=TODAY).schools
    assert a.package_ids and a.missing and a.partial
    assert a.gaps == ("2026年8月", "2026年9月")
    committee = a.cells["committee"]
    assert committee.periods == ("2026年7月",)
    assert committee.missing_periods == ("2026年8月", "2026年9月")
    assert committee.state in (aggregate.PARTIAL, "overdue") and committee.state != MISSING
    assert aggregate.periods_text(committee.missing_periods) == "8、9月"
    target = tmp_path / "汇总.xlsx"
    county_aggregate.export_matrix(Q3, target, today=TODAY)
    book = load_workbook(target)
    grid = [list(r) for r in book["工作完成情况"].iter_rows(values_only=True)]
    header, row = grid[1], grid[2]
    assert "（部分报送）" in row[1]
    text = row[header.index("支委会")]
    assert text.startswith(f"{committee.done}/{committee.required}") and "（缺8、9月）" in text
    assert "部分期间缺报" not in text
    listed = [list(r) for r in book["未报送"].iter_rows(values_only=True)]
    (partial,) = [r for r in listed if r[0] == a.name]
    assert partial[1] == "部分报送" and "缺8、9月的报送包" in partial[3]


def test_an_item_a_school_did_not_owe_is_not_asked_of_it() -> None:
    """A branch without a committee owes no 支委会: its quarter's package, which holds
    every month whole, carries no 支委会 rows — 无此项, and the school may still be praised;
    a school that sent only monthly packages is asked the quarterly items (缺报)."""
    from jianshi_desktop.documents.county import all_done
    from jianshi_desktop.domain.county import PackageData, build_matrix

    def row(key: str, label: str, period: str) -> dict[str, object]:
        return {
            "obligation": label, "key": key, "period": period, "subject": "",
            "required": 1, "done": 1, "late_entries": 0, "state": "done",
            "state_label": "已完成", "source": "",
        }  # fmt: skip

    months = ("2026年7月", "2026年8月", "2026年9月")
    with_committee = PackageData(
        1, "a", "甲小学支部", dt.date(2026, 7, 1), dt.date(2026, 9, 30), "2026年第三季度",
        "2026-10-05T09:00:00",
        compliance=[row("general_assembly", "支部党员大会", "2026年第三季度")]
        + [row("committee", "支委会", m) for m in months],
    )  # fmt: skip
    without = PackageData(
        2, "b", "乙小学支部", dt.date(2026, 7, 1), dt.date(2026, 9, 30), "2026年第三季度",
        "2026-10-05T09:00:00",
        compliance=[row("general_assembly", "支部党员大会", "2026年第三季度")],
    )  # fmt: skip
    matrix = build_matrix(
        dt.date(2026, 7, 1), dt.date(2026, 9, 30), "2026年第三季度",
        [with_committee, without], today=dt.date(2026, 12, 7),
    )  # fmt: skip
    b = next(s for s in matrix.schools if s.uid == "b")
    assert "committee" not in b.cells and all_done(b)
    assert all_done(next(s for s in matrix.schools if s.uid == "a"))


def test_a_dues_decision_is_told_without_the_members_name() -> None:
    """The organisation facts go into the 通报 every school reads and into the summary:
    that a branch decided on six months of unpaid dues is said, never about whom."""
    from jianshi_desktop.documents.county import draft_notice, summary_document

    decision = {
        "id": 7, "member": "严军林", "member_id": 3, "since_month": "2026-06", "months": 6,
        "decided_on": "2026-12-03", "decision": "pay_by", "decision_label": "限期补交",
        "pay_by": "2026-12-31", "reason": "",
    }  # fmt: skip
    package = PackageData(
        1, "u" * 32, "中共建始县某小学支部委员会", Q3.start, Q3.end, Q3.label,
        "2026-10-02T10:00:00", {"dues_arrears_decisions": [decision]}, [],
    )  # fmt: skip
    today = dt.date(2026, 12, 7)
    (fact,) = [f for f in organisation_facts([package], today=today) if f.kind == "arrears"]
    assert fact.text == (
        "一名党员自2026年6月起连续6个月未交党费，支部于2026年12月3日决定限期补交"
        "（2026年12月31日前）。"
    )
    matrix = build_matrix(Q3.start, Q3.end, Q3.label, [package], today=today)
    notice = draft_notice(matrix, [fact], today=today)
    drafted = json.dumps(dataclasses.asdict(notice), ensure_ascii=False, default=str)
    assert "严军林" not in drafted and "一名党员自2026年6月起" in drafted
    summary = summary_document(matrix, [fact], today=today)
    assert "严军林" not in repr(summary)
