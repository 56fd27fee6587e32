"""党费 documents as the secretary and the county read them: the month's 党费收缴明细表
(a payment a line, the members who did not pay shown as 未交, totals in 分), the year's
党费收缴情况 (「—」 where nothing was owed, 「未交」 where it was), a member's 党费交纳证明
(from the payments, honest about a gap), both renderers, and the package carrying the
collections without the bases."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest

from jianshi_desktop.db import models
from jianshi_desktop.documents.dues import (
    certificate_document,
    collection_document,
    year_document,
)
from jianshi_desktop.documents.model import Document, Paragraph, SignatureBlock, Table, Title
from jianshi_desktop.domain.enums import (
    ArrearsDecision,
    DuesCategory,
    MemberEventKind,
    MemberStatus,
    RecordState,
)
from jianshi_desktop.domain.idcard import check_char
from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.errors import UserError
from jianshi_desktop.services import demo, documents, history, members
from jianshi_desktop.services import dues_documents as svc
from jianshi_desktop.services.branch import current_branch
from jianshi_desktop.services.store import Store
from tests.unit.document_helpers import docx_text, pdf_text

TODAY = dt.date(2026, 12, 7)
NOV = dt.date(2026, 11, 1)
BASE_FEN = 540_000  # 5400 元 → 1.5 % → 81 元
DUE = 8_100


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=TODAY, with_records=False)
    # independent of whatever dues the demo may carry: these tests make their own
    models.DuesPayment.delete().execute()
    models.DuesArrearsDecision.delete().execute()
    models.DuesCollection.delete().execute()
    models.DuesBase.delete().execute()
    return store


def roster(day: dt.date = NOV) -> list[tuple[int, str]]:
    return [(f.id, f.name) for f in history.member_facts() if f.member_on(day)]


def set_bases(year: int = 2026, *, base_fen: int = BASE_FEN) -> None:
    for member_id, _name in roster(dt.date(year, 12, 1)) + roster(dt.date(year, 1, 1)):
        models.DuesBase.get_or_create(
            member=member_id,
            year=year,
            defaults={"category": DuesCategory.EMPLOYED, "base_fen": base_fen},
        )


def collect(
    month: dt.date,
    held_on: dt.date,
    payers: Iterable[int],
    *,
    extra: Iterable[tuple[int, dt.date]] = (),
    state: RecordState = RecordState.FINISHED,
    handed: tuple[dt.date, int] | None = None,
    collector: int | None = None,
) -> int:
    """A collection of ``month`` on ``held_on``: each payer's month, then ``extra``
    (member, month) 补交/预交 lines."""
    row = models.DuesCollection.create(
        branch=current_branch(),
        held_on=held_on,
        month=month,
        state=state,
        collector=collector,
        handed_on=handed[0] if handed else None,
        handed_fen=handed[1] if handed else None,
    )
    lines = [(m, month) for m in payers] + list(extra)
    for position, (member_id, for_month) in enumerate(lines):
        models.DuesPayment.create(
            collection=row,
            member=member_id,
            for_month=for_month,
            due_fen=DUE,
            paid_fen=DUE,
            paid_on=held_on,
            method="微信",
            position=position,
        )
    return int(row.id)


# --- 党费收缴明细表 -----------------------------------------------------------------------


def test_the_statement_has_a_line_a_payment_and_the_unpaid_members(branch: Store) -> None:
    set_bases()
    people = roster()
    ids = [m for m, _n in people]
    late = people[0]  # paid November, and 补交 October, in this collection
    missing = people[1:3]  # owed November and did not pay
    payers = [m for m in ids if m not in {p for p, _n in missing}]
    record = collect(
        NOV,
        dt.date(2026, 11, 8),
        payers,
        extra=[(late[0], dt.date(2026, 10, 1))],
        handed=(dt.date(2026, 11, 20), DUE * (len(payers) + 1)),
        collector=ids[0],
    )
    content = svc.collection_content(record)
    assert content.title == "2026年11月党费收缴明细表"
    assert content.branch == current_branch().name
    paid_lines = [line for line in content.lines if line.paid_fen is not None]
    assert len(paid_lines) == len(payers) + 1  # a line per DuesPayment
    (late_line,) = [line for line in paid_lines if line.kind == "补交"]
    assert late_line.name == late[1] and late_line.month == dt.date(2026, 10, 1)
    unpaid = content.unpaid
    assert [line.name for line in unpaid] == [name for _m, name in missing]
    assert all(line.paid_fen is None and line.due_fen == DUE for line in unpaid)
    # totals in 分: what was paid here, and the 应交 column as printed
    assert content.paid_total == DUE * (len(payers) + 1)
    assert content.due_total == DUE * (len(payers) + 1 + len(missing))
    assert (content.owing, content.paid_month) == (len(ids), len(payers))
    # the base, the rate and the category print beside the amount they give
    assert (paid_lines[0].category, paid_lines[0].base_fen, paid_lines[0].rate) == (
        "在职",
        BASE_FEN,
        "1.5%",
    )

    document = collection_document(content)
    texts = _text(document)
    assert "未交" in texts and "补交" in texts and "5400.00" in texts
    assert f"上缴：2026年11月20日，{DUE * (len(payers) + 1) // 100}.00元" in texts
    assert f"收缴人：{late[1]}" in texts
    assert f"未交{len(missing)}人" in texts  # in the 合计 row, each on a line of their own
    assert all(f"{n}\n在职\n5400.00\n1.5%\n81.00\n\n11月\n\n\n未交" in texts for _m, n in missing)
    assert not document.page_layout.landscape  # as it stands in the portrait 台账


def test_the_statement_prints_nothing_the_record_does_not_hold(branch: Store) -> None:
    set_bases()
    ids = [m for m, _n in roster()]
    record = collect(NOV, dt.date(2026, 11, 8), ids)
    content = svc.collection_content(record)
    texts = _text(collection_document(content))
    assert "上缴" not in texts and "收缴人" not in texts and "未交" not in texts
    assert content.unpaid == ()


def test_a_month_paid_ahead_before_the_collection_is_not_unpaid(branch: Store) -> None:
    set_bases()
    ids = [m for m, _n in roster()]
    ahead = ids[0]
    collect(dt.date(2026, 10, 1), dt.date(2026, 10, 8), ids, extra=[(ahead, NOV)])
    later = ids[1]  # pays November only after the collection day: 未交 on that day
    record = collect(NOV, dt.date(2026, 11, 8), ids[2:])
    collect(dt.date(2026, 12, 1), dt.date(2026, 12, 3), [], extra=[(later, NOV)])
    lines = {line.name: line for line in svc.collection_content(record).lines}
    names = dict(roster())
    assert lines[names[ahead]].note == "10月8日已预交"
    assert lines[names[ahead]].paid_fen is None and lines[names[ahead]].due_fen is None
    assert lines[names[later]].note == "未交"


def test_a_base_changed_since_leaves_the_recorded_amount_without_a_base(branch: Store) -> None:
    set_bases()
    ids = [m for m, _n in roster()]
    record = collect(NOV, dt.date(2026, 11, 8), ids)
    models.DuesBase.update(base_fen=300_000).where(models.DuesBase.member == ids[0]).execute()
    first = svc.collection_content(record).lines[0]
    assert first.due_fen == DUE and first.base_fen is None and first.rate == ""


# --- 年度党费收缴情况 ---------------------------------------------------------------------


def test_the_year_shows_dashes_before_the_dues_began_and_before_joining(branch: Store) -> None:
    set_bases()
    people = roster()
    ids = [m for m, _n in people]
    newcomer = members.add_member(
        MemberFields(
            name="杨新",
            id_number="42282219900101" + "001" + check_char("42282219900101001"),
            joined_on=dt.date(2026, 10, 12),
            status=MemberStatus.PROBATIONARY,
        ),
        today=TODAY,
    )
    # the branch keeps its dues from September; one member skips October
    skipper = ids[3]
    collect(dt.date(2026, 9, 1), dt.date(2026, 9, 6), ids)
    collect(
        dt.date(2026, 10, 1), dt.date(2026, 10, 9), [m for m in ids if m != skipper] + [newcomer]
    )
    collect(NOV, dt.date(2026, 11, 8), [*ids, newcomer])
    content = svc.year_content(2026, today=TODAY)
    by_name = {line.name: line for line in content.lines}
    names = dict(people)
    full = by_name[names[ids[0]]]
    assert full.months[:8] == ("—",) * 8  # before the branch's dues began
    assert full.months[8:11] == ("81.00",) * 3
    assert full.months[11] == ""  # December is not over on 7 December
    assert (full.due_fen, full.paid_fen, full.behind_fen) == (3 * DUE, 3 * DUE, 0)
    behind = by_name[names[skipper]]
    assert behind.months[9] == "未交" and behind.behind_fen == DUE
    joined = by_name["杨新"]
    assert joined.months[:9] == ("—",) * 9 and joined.months[9] == "81.00"
    assert content.month_paid_fen[9] == DUE * len(ids)  # October: all but one, and 杨新
    assert content.behind_total == DUE
    assert content.as_of == TODAY

    texts = _text(year_document(content))
    assert "2026年度党费收缴情况" in texts and "未交" in texts
    assert f"欠交合计{DUE // 100}.00元（1人：{names[skipper]}）" in texts


def test_a_year_before_any_collection_is_refused_with_a_reason(branch: Store) -> None:
    with pytest.raises(UserError, match="2026年还没有完成的党费收缴记录"):
        svc.year_content(2026, today=TODAY)
    collect(NOV, dt.date(2026, 11, 8), [], state=RecordState.DRAFT)  # a draft pays nothing
    with pytest.raises(UserError):
        svc.year_content(2026, today=TODAY)


# --- 党费交纳证明 -------------------------------------------------------------------------


def test_the_certificate_says_the_month_paid_through_and_the_standard(branch: Store) -> None:
    set_bases()
    ids = [m for m, _n in roster()]
    collect(dt.date(2026, 10, 1), dt.date(2026, 10, 9), ids)
    collect(NOV, dt.date(2026, 11, 8), ids)
    member = ids[2]
    name = dict(roster())[member]
    content = svc.certificate_content(member, today=TODAY)
    assert content.body() == (
        f"兹证明{name}同志（{content.status}）党费已交至2026年11月。按月交纳标准81.00元。"
    )
    assert content.status in ("正式党员", "预备党员")
    texts = _text(certificate_document(content))
    assert "党费交纳证明" in texts and "特此证明。" in texts and "（盖章）" in texts


def test_the_certificate_names_the_unpaid_months_instead_of_claiming_them(
    branch: Store,
) -> None:
    set_bases()
    ids = [m for m, _n in roster()]
    member = ids[2]
    for month in (7, 8, 9, 10, 11):
        payers = [m for m in ids if m != member or month in (7, 10, 11)]
        collect(dt.date(2026, month, 1), dt.date(2026, month, 8), payers)
    content = svc.certificate_content(member, today=TODAY)
    assert content.paid_through == NOV
    assert content.gaps_text == "2026年8月—9月"
    assert "党费交纳至2026年11月，其中2026年8月—9月的党费未交。" in content.body()
    assert "已交至" not in content.body()


def test_a_member_transferred_out_gets_a_letter_to_the_receiving_branch(branch: Store) -> None:
    set_bases()
    ids = [m for m, _n in roster()]
    member = ids[4]
    collect(NOV, dt.date(2026, 11, 8), ids)
    members.record_leaving(
        member,
        MemberEventKind.TRANSFER_OUT,
        on=dt.date(2026, 11, 25),
        letter_no="建教党转〔2026〕3号",
        counterpart="中共建始县某中学支部委员会",
        today=TODAY,
    )
    offered = dict(svc.certificate_members(TODAY))
    assert offered[member].endswith("（2026年11月25日离开本支部）")
    content = svc.certificate_content(member, today=TODAY)
    assert content.recipient == "中共建始县某中学支部委员会"
    first = certificate_document(content).blocks[0]
    assert isinstance(first, Paragraph) and first.text == "中共建始县某中学支部委员会："


def test_no_certificate_for_a_member_who_never_paid(branch: Store) -> None:
    member, name = roster()[0]
    with pytest.raises(UserError, match=f"{name}还没有交纳党费的记录"):
        svc.certificate_content(member, today=TODAY)


# --- both renderers -----------------------------------------------------------------------


def test_each_document_prints_in_word_and_pdf(branch: Store, tmp_path: Path) -> None:
    set_bases()
    ids = [m for m, _n in roster()]
    record = collect(NOV, dt.date(2026, 11, 8), ids[1:], extra=[(ids[1], dt.date(2026, 12, 1))])
    built = {
        "明细表": (collection_document(svc.collection_content(record)), "预交"),
        "年度": (year_document(svc.year_content(2026, today=TODAY)), "全年应交"),
        "证明": (
            certificate_document(svc.certificate_content(ids[1], today=TODAY)),
            "党费已交至2026年12月",
        ),
    }
    for stem, (document, phrase) in built.items():
        written = {path.suffix: path for path in documents.write(document, tmp_path, stem)}
        pdf, docx = written[".pdf"], written[".docx"]
        assert phrase in pdf_text(pdf), stem
        assert phrase in docx_text(docx), stem
        assert "未交" in pdf_text(pdf) or stem == "证明"


# --- the package --------------------------------------------------------------------------


def test_the_package_carries_the_collections_and_decisions_without_bases(
    branch: Store, tmp_path: Path
) -> None:
    from jianshi_desktop.submission.package import PackageOptions, build_package
    from jianshi_desktop.submission.verify import RECORDS_VERSION, verify_package

    set_bases()
    ids = [m for m, _n in roster()]
    collect(
        NOV,
        dt.date(2026, 11, 8),
        ids[1:],
        extra=[(ids[1], dt.date(2026, 10, 1))],
        handed=(dt.date(2026, 11, 20), 12_300),
    )
    collect(dt.date(2026, 12, 1), dt.date(2026, 12, 2), ids, state=RecordState.DRAFT)
    models.DuesArrearsDecision.create(
        member=ids[0],
        since_month=dt.date(2026, 5, 1),
        months=6,
        decided_on=dt.date(2026, 11, 20),
        decision=ArrearsDecision.PAY_BY,
        reason="外出务工，已联系",
        pay_by=dt.date(2026, 12, 31),
    )
    result = build_package(
        branch.data, parse_period("2026"), tmp_path / "out", PackageOptions(), today=TODAY
    )
    report = verify_package(result.path)
    assert report.ok, report.problems
    with zipfile.ZipFile(result.path) as archive:
        data = json.loads(archive.read("数据/records.json"))
    assert data["schema_version"] == RECORDS_VERSION >= 3
    (collection,) = data["dues_collections"]  # the draft stays out
    assert collection["month"] == "2026-11" and collection["handed_fen"] == 12_300
    assert collection["handed_on"] == "2026-11-20"
    payment = collection["payments"][-1]
    assert payment["for_month"] == "2026-10" and payment["paid_fen"] == DUE
    assert payment["member"] == dict(roster())[ids[1]] and payment["member_id"] == ids[1]
    assert {"due_fen", "paid_on", "method"} <= payment.keys()
    (decision,) = data["dues_arrears_decisions"]
    assert decision["decision"] == "pay_by" and decision["pay_by"] == "2026-12-31"
    assert "base" not in json.dumps(data["dues_collections"])  # no income in a package


def _text(document: Document) -> str:
    """Every text of a document as printed, in order: titles, paragraphs, table cells and
    the signature."""
    found: list[str] = []
    for block in document.body_blocks():
        if isinstance(block, Title):
            found += [block.text, block.subtitle]
        elif isinstance(block, Paragraph):
            found.append(block.text)
        elif isinstance(block, Table):
            found.extend(cell.text for row in block.rows for cell in row)
        elif isinstance(block, SignatureBlock):
            found += [block.signer, block.date_text]
    return "\n".join(found)


def test_a_back_payment_noted_so_says_it_once() -> None:
    from jianshi_desktop.documents.dues import CollectionContent, PaymentLine

    back = PaymentLine(
        name="冯永",
        due_fen=8100,
        paid_fen=8100,
        month=dt.date(2026, 10, 1),
        kind="补交",
        paid_on=dt.date(2026, 11, 15),
        method="现金",
        note="补交",  # the wizard's own note of a 补交 row
    )
    content = CollectionContent(
        branch="中共建始县测试小学支部委员会",
        month=dt.date(2026, 11, 1),
        held_on=dt.date(2026, 11, 15),
        lines=(back,),
    )
    cells = _text(collection_document(content)).split("\n")
    assert "补交" in cells and "补交；补交" not in cells
