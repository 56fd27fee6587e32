"""党员先行·关爱学生 结对帮扶 (issue 20): school terms, the pairings' rules on their own day,
coverage, term summaries and their reminder, the documents, the 美篇 folder, and a package
that carries codes and counts only — no student's name anywhere in it — unless the
secretary chose otherwise."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from jianshi_desktop.db.models import AuditLog, StudentPairing
from jianshi_desktop.domain import student_pairing as rules
from jianshi_desktop.domain.enums import MemberEventKind, MemberStatus, StudentNeed
from jianshi_desktop.domain.idcard import check_char
from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.domain.student_pairing import Term, term_of
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import demo, documents, members, pairing_documents, reminders
from jianshi_desktop.services import student_pairings as sp
from jianshi_desktop.services.attachments import entry_for
from jianshi_desktop.services.meetings import member_choices
from jianshi_desktop.services.pairing_export import export_materials
from jianshi_desktop.services.record_kinds import PAIRING_HELP
from jianshi_desktop.services.store import Store
from jianshi_desktop.submission.package import PackageOptions, build_package
from jianshi_desktop.submission.verify import verify_package
from tests.unit.document_helpers import docx_text, pdf_text

TODAY = dt.date(2026, 11, 26)
AUTUMN = term_of(TODAY)  # 2026年秋季学期
DEMO_STUDENTS = ("学生甲", "学生乙", "学生丙", "学生丁", "学生戊", "学生己", "学生庚")


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=TODAY, with_records=False)
    return store


def first_member(on: dt.date = dt.date(2026, 9, 1)) -> tuple[int, str]:
    return member_choices(on)[0]


def pair(
    member_id: int,
    student: str = "张小明",
    *,
    starts_on: dt.date = dt.date(2026, 9, 1),
    ends_on: dt.date | None = None,
    need: StudentNeed | None = StudentNeed.LEFT_BEHIND,
) -> int:
    return sp.add_pairing(
        sp.PairingEntry(
            member_id, student, need, starts_on, class_name="三年级1班", ends_on=ends_on
        )
    )


def help_on(pairing_id: int, day: dt.date, content: str = "课后辅导数学。") -> int:
    form = sp.new_pairing_help_form(on=day, pairing_id=pairing_id)
    form.content = content
    return PAIRING_HELP.finish(form, today=TODAY)


# --- terms ---------------------------------------------------------------------------------


def test_school_terms_run_february_to_july_and_august_to_january() -> None:
    assert term_of(dt.date(2026, 2, 1)) == Term(dt.date(2026, 2, 1), dt.date(2026, 7, 31))
    assert term_of(dt.date(2026, 7, 31)).label == "2026年春季学期"
    assert term_of(dt.date(2026, 8, 1)).label == "2026年秋季学期"
    # January belongs to the autumn term named by the year it started
    january = term_of(dt.date(2027, 1, 31))
    assert january.label == "2026年秋季学期" and january.end == dt.date(2027, 1, 31)
    assert january.next().label == "2027年春季学期"
    assert january.previous().label == "2026年春季学期"


def test_summaries_are_due_from_a_month_before_a_term_ends_until_a_month_after() -> None:
    assert rules.summary_window(AUTUMN) == (dt.date(2026, 12, 31), dt.date(2027, 2, 28))
    assert rules.summary_term_due(dt.date(2026, 12, 30)) is None
    assert rules.summary_term_due(dt.date(2026, 12, 31)) == AUTUMN
    assert rules.summary_term_due(dt.date(2027, 2, 28)) == AUTUMN  # in the spring term
    assert rules.summary_term_due(dt.date(2027, 3, 1)) is None
    assert rules.summary_term_due(dt.date(2027, 7, 1)) == term_of(dt.date(2027, 3, 1))


@pytest.mark.parametrize(
    "typed",
    [
        "42282219800101001X",
        "422822 1980 0101 0011",
        "４２２８２２１９８００１０１００１Ｘ",
        "422822800101001",
    ],
)
def test_something_like_an_id_number_is_refused_as_the_student(typed: str) -> None:
    assert rules.student_name_problem(typed) == "学生只填姓名或学校的编号，不要填身份证号。"


@pytest.mark.parametrize("typed", ["张小明", "2023001", "S012", "学生甲"])
def test_a_name_or_a_school_number_is_accepted(typed: str) -> None:
    assert rules.student_name_problem(typed) is None


# --- the pairings ----------------------------------------------------------------------------


def test_pairings_get_codes_in_turn_and_are_audited_by_code(branch: Store) -> None:
    member, name = first_member()
    other = member_choices(dt.date(2026, 9, 1))[1][0]
    first = pair(member)
    second = pair(other, "李小红")
    assert [(r.id, r.code) for r in sp.list_pairings(today=TODAY)] == [
        (first, "S001"),
        (second, "S002"),
    ]
    audit = AuditLog.select().where(AuditLog.action == "add_student_pairing").first()
    assert audit.summary == f"新建结对帮扶：{name}—S001（留守儿童）"
    assert "张小明" not in audit.summary  # the student is masked outside the page


def test_the_rules_of_a_pairing_refuse_in_chinese(branch: Store) -> None:
    member, _name = first_member()
    pair(member)
    entry = sp.PairingEntry(member, "张小明", StudentNeed.POOR, dt.date(2026, 10, 1))
    cases = [
        (sp.PairingEntry(member, "42282219800101001X", StudentNeed.POOR, TODAY), "身份证号"),
        (sp.PairingEntry(member, " ", StudentNeed.POOR, TODAY), "请填写学生的姓名"),
        (sp.PairingEntry(None, "王小", StudentNeed.POOR, TODAY), "请选择结对的党员"),
        (sp.PairingEntry(member, "王小", None, TODAY), "请选择学生的类别"),
        (
            sp.PairingEntry(member, "王小", StudentNeed.POOR, TODAY, ends_on=dt.date(2026, 1, 1)),
            "结束日期不能早于",
        ),
        (entry, "已经结对（S001"),  # the same student again, overlapping
    ]
    for bad, words in cases:
        with pytest.raises(ValidationError, match=words):
            sp.add_pairing(bad)
    # once the first pairing ended, the same student may be paired again
    sp.end_pairing(sp.list_pairings(today=TODAY)[0].id, dt.date(2026, 9, 30))
    assert sp.add_pairing(entry) > 0


def test_a_member_is_paired_only_from_a_day_on_the_roster(branch: Store) -> None:
    """Rules on the record's own day (rules.md §7): a member who joined on 1 October."""
    first17 = "42282219900101123"
    newcomer = members.add_member(
        MemberFields(
            name="新党员",
            id_number=first17 + check_char(first17),
            joined_on=dt.date(2026, 10, 1),
            status=MemberStatus.PROBATIONARY,
        ),
        today=TODAY,
    )
    with pytest.raises(ValidationError, match="2026年9月1日这位党员不在本支部的名册上"):
        pair(newcomer, starts_on=dt.date(2026, 9, 1))
    assert pair(newcomer, starts_on=dt.date(2026, 10, 8)) > 0


def test_a_help_must_fall_within_its_pairing_and_say_what_was_done(branch: Store) -> None:
    member, _name = first_member()
    pairing = pair(member, ends_on=dt.date(2026, 10, 31))
    # only the pairings of the day are offered
    assert [c for c, _l in sp.pairing_choices(dt.date(2026, 10, 31))] == [pairing]
    assert sp.pairing_choices(dt.date(2026, 11, 1)) == []
    form = sp.new_pairing_help_form(on=dt.date(2026, 11, 5), pairing_id=pairing)
    form.pairing_id = pairing
    problems = {p.field: p.message for p in sp.check_pairing_help(form, today=TODAY)}
    assert "2026年11月5日不在其中" in problems["pairing_id"]
    assert problems["content"] == "请写一写这次帮扶做了什么。"
    form.held_on, form.content = dt.date(2026, 12, 1), "家访。"
    assert "晚于今天" in sp.check_pairing_help(form, today=TODAY)[0].message
    help_id = help_on(pairing, dt.date(2026, 10, 20))
    # the record's title names the member and the code, never the student
    assert PAIRING_HELP.title(PAIRING_HELP.read(help_id)).startswith("2026年10月20日帮扶记录（")
    assert "张小明" not in PAIRING_HELP.title(PAIRING_HELP.read(help_id))
    # a pairing cannot be cut short of its helps
    with pytest.raises(ValidationError, match="2026年10月20日有帮扶记录"):
        sp.end_pairing(pairing, dt.date(2026, 10, 10))


def test_coverage_counts_the_members_of_the_day_paired_and_the_term_s_helps(branch: Store) -> None:
    roster = member_choices(dt.date(2026, 9, 1))
    a, b = roster[0][0], roster[1][0]
    pa = pair(a)
    pair(b, "李小红", starts_on=dt.date(2026, 11, 1))
    pair(b, "王小刚", starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 6, 30))
    help_on(pa, dt.date(2026, 9, 10))
    help_on(pa, dt.date(2026, 10, 10))
    on_october = sp.coverage_on(dt.date(2026, 10, 15))
    assert (on_october.coverage.paired, on_october.coverage.members) == (1, len(roster))
    assert on_october.helps_this_term == 2
    on_today = sp.coverage_on(TODAY)
    assert on_today.coverage.text == f"2/{len(member_choices(TODAY))}名党员已结对"
    assert on_today.text.endswith(f"（截至{TODAY.year}年11月26日）")
    assert [m.helps_this_term for m in on_today.members if m.member_id == a] == [2]
    spring = sp.coverage_on(dt.date(2026, 5, 1))
    assert (spring.coverage.paired, spring.helps_this_term) == (1, 0)
    assert sp.dashboard_text(TODAY) == (
        f"关爱学生：2/{len(member_choices(TODAY))}名党员已结对，本学期帮扶2次"
    )


def test_the_dashboard_line_is_hidden_before_the_first_pairing(branch: Store) -> None:
    assert sp.dashboard_text(TODAY) == ""


def test_one_summary_a_pairing_a_term_and_the_reminder_counts_those_missing(
    branch: Store,
) -> None:
    roster = member_choices(dt.date(2026, 9, 1))
    first = pair(roster[0][0])
    pair(roster[1][0], "李小红")
    assert sp.summary_reminders(TODAY) == []  # more than a month before the term ends
    (due,) = sp.summary_reminders(dt.date(2027, 1, 5))
    assert due.title == "2026年秋季学期还有2个结对帮扶没有写学期小结"
    assert (due.action.area, due.action.command) == ("student_pairing", "show_summaries")
    assert "帮扶" in due.detail and "次" not in due.title  # no count of helps: no check-ins
    january = dt.date(2027, 1, 6)
    sp.write_summary(first, AUTUMN, "家访两次，辅导六次。", written_on=TODAY, today=TODAY)
    sp.write_summary(first, AUTUMN, "家访两次，辅导八次。", written_on=january, today=january)
    (summary,) = sp.summaries_of(first)
    assert (summary.text, summary.written_on) == ("家访两次，辅导八次。", dt.date(2027, 1, 6))
    (still,) = sp.summary_reminders(dt.date(2027, 2, 10))
    assert still.title.startswith("2026年秋季学期还有1个") and still.overdue
    with pytest.raises(ValidationError, match="晚于今天"):
        sp.write_summary(first, AUTUMN, "x", written_on=january, today=TODAY)
    with pytest.raises(ValidationError, match="不在2026年春季学期之内"):
        sp.write_summary(first, term_of(dt.date(2026, 3, 1)), "x", written_on=TODAY)
    with pytest.raises(ValidationError, match="请写学期小结的内容"):
        sp.write_summary(first, AUTUMN, "  ", written_on=TODAY)
    assert [t.label for t in sp.summary_terms(first, today=dt.date(2027, 3, 1))] == [
        "2027年春季学期",
        "2026年秋季学期",
    ]
    # the reminder is one of 首页's
    titles = [r.title for r in reminders.reminders(today=dt.date(2027, 1, 5))]
    assert "2026年秋季学期还有1个结对帮扶没有写学期小结" in titles


# --- documents and the 美篇 folder -----------------------------------------------------------


def test_the_register_and_the_help_records_print_what_was_recorded(
    branch: Store, tmp_path: Path
) -> None:
    member, name = first_member()
    pairing = pair(member, ends_on=dt.date(2026, 12, 31))
    help_id = help_on(pairing, dt.date(2026, 10, 20), "家访，与奶奶商量作业时间。")
    sp.write_summary(pairing, AUTUMN, "学生按时交作业了。", written_on=TODAY)
    with pytest.raises(ValidationError, match="2025年没有结对帮扶"):
        pairing_documents.register(2025)
    (pdf,) = documents.write(pairing_documents.register(2026), tmp_path, "登记表", "pdf")
    text = pdf_text(pdf)
    for words in ("结对帮扶登记表", name, "张小明", "三年级1班", "留守儿童", "2026年9月1日"):
        assert words in text, words
    docx, pdf = documents.write(pairing_documents.helps_record(member_id=member), tmp_path, "记录")
    for words in ("家访，与奶奶商量作业时间。", "2026年秋季学期小结", "学生按时交作业了。"):
        assert words in pdf_text(pdf) and words in docx_text(docx), words
    (one,) = documents.write(PAIRING_HELP.document(help_id), tmp_path, "一次", "pdf")
    assert "帮扶对象" in pdf_text(one) and "照片" not in pdf_text(one)  # no photo: no row


def test_the_meipian_folder_holds_a_text_and_readable_photo_names(
    branch: Store, tmp_path: Path
) -> None:
    member, name = first_member()
    pairing = pair(member)
    photo = tmp_path / "IMG_0042.JPG"
    photo.write_bytes(b"\xff\xd8\xff photo")
    form = sp.new_pairing_help_form(on=dt.date(2026, 10, 20), pairing_id=pairing)
    form.content = "家访。"
    form.attachments = [entry_for(branch.data.attachments, photo)]
    PAIRING_HELP.finish(form, today=TODAY)
    help_on(pairing, dt.date(2026, 11, 2), "课后辅导。")
    target = tmp_path / "out"
    target.mkdir()
    result = export_materials(target, 2026, branch.data.attachments)
    assert (result.members, result.helps, result.photos) == (1, 2, 1)
    folder = target / "2026年关爱学生美篇素材" / name
    assert sorted(p.name for p in folder.iterdir()) == ["20261020_1.jpg", f"{name}_结对帮扶.txt"]
    text = (folder / f"{name}_结对帮扶.txt").read_text(encoding="utf-8-sig")
    assert "2026年10月20日" in text and "（照片：20261020_1.jpg）" in text and "课后辅导。" in text
    # a second export does not overwrite the first
    assert export_materials(target, 2026, branch.data.attachments).folder.name.endswith("（2）")
    with pytest.raises(ValidationError, match="2025年还没有完成的帮扶记录"):
        export_materials(target, 2025, branch.data.attachments)


# --- the package -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from jianshi_desktop.services.store import open_store

    root = tmp_path_factory.mktemp("demo") / "data"
    store = open_store(root, log_to_file=False)
    demo.fill_demo(today=TODAY)  # six pairings since 1 August, helps in August
    store.close()
    return root


@pytest.fixture
def demo_branch(demo_folder: Path) -> Iterator[Store]:
    from jianshi_desktop.services.store import open_store

    store = open_store(demo_folder, log_to_file=False)
    yield store
    store.close()


def every_text(path: Path) -> Iterator[tuple[str, str]]:
    """Each file of a package as text: JSON and text as they are, Word and Excel files'
    XML, PDFs' text as read back."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name.endswith((".docx", ".xlsx")):
                with zipfile.ZipFile(io.BytesIO(data)) as inner:
                    text = "".join(
                        inner.read(n).decode("utf-8", "replace") for n in inner.namelist()
                    )
            elif name.endswith(".pdf"):
                scratch = path.parent / "scratch.pdf"
                scratch.write_bytes(data)
                text = pdf_text(scratch)
            else:
                text = data.decode("utf-8", "replace")
            yield name, text


def test_a_package_carries_codes_and_counts_and_no_student_s_name(
    demo_branch: Store, tmp_path: Path
) -> None:
    period = parse_period("2026-08")
    path = build_package(demo_branch.data, period, tmp_path, PackageOptions(), today=TODAY).path
    assert verify_package(path).ok
    texts = dict(every_text(path))
    for name, text in texts.items():
        for student in (*DEMO_STUDENTS, "三年级1班", "与奶奶商量"):
            assert student not in text, (name, student)
    assert not any("帮扶" in name for name in texts)  # no 帮扶记录 documents, no photos
    assert json.loads(texts["manifest.json"])["options"]["students_included"] is False
    records = json.loads(texts["数据/records.json"])
    assert records["pairing_helps"][0] == {
        "id": records["pairing_helps"][0]["id"],
        "held_on": "2026-08-11",
        "state": "finished",
        "late_entry": False,
        "code": "S001",
        "member_id": 1,
        "has_photo": False,
    }
    codes = {p["code"]: p for p in records["student_pairings"]}
    assert set(codes) == {"S001", "S002", "S003", "S004", "S005", "S006"}
    assert {p["need"] for p in codes.values()} == {n.value for n in StudentNeed}
    assert codes["S001"]["helps"] == 1 and codes["S004"]["helps"] == 0


def test_the_secretary_may_choose_to_send_names_content_and_photos(
    demo_branch: Store, tmp_path: Path
) -> None:
    period = parse_period("2026-08")
    options = PackageOptions(include_students=True)
    path = build_package(demo_branch.data, period, tmp_path, options, today=TODAY).path
    assert verify_package(path).ok
    texts = dict(every_text(path))
    records = json.loads(texts["数据/records.json"])
    assert records["pairing_helps"][0]["student"] == "学生甲"
    assert "与奶奶商量" in records["pairing_helps"][0]["content"]
    assert {p["student"] for p in records["student_pairings"]} >= {"学生甲", "学生乙"}
    helps = [name for name in texts if "结对帮扶记录" in name]
    assert len(helps) == 4  # two records, each as Word and PDF
    assert json.loads(texts["manifest.json"])["options"]["students_included"] is True


# --- review of issue 20: the member of finished helps, a member who leaves, two members of
# one name, text longer than the package allows ------------------------------------------------


def test_a_pairing_with_finished_helps_keeps_its_member_and_student(branch: Store) -> None:
    """The finished and archived helps were the first member's: changing the pairing's
    member (or student) would reprint them under another (no 更正)."""
    roster = member_choices(dt.date(2026, 9, 1))
    (first, name), (second, _other) = roster[0], roster[1]
    pairing = pair(first)
    PAIRING_HELP.archive(help_on(pairing, dt.date(2026, 10, 9)))
    entry = sp.load_pairing(pairing)
    with pytest.raises(ValidationError, match="请先结束这个结对，再为这名党员新建结对") as caught:
        sp.edit_pairing(pairing, replace(entry, member_id=second))
    assert caught.value.field == "member_id"
    with pytest.raises(ValidationError, match="不能改换学生") as caught:
        sp.edit_pairing(pairing, replace(entry, student="李小红"))
    assert caught.value.field == "student"
    (row,) = sp.list_pairing_helps(pairing_id=pairing)
    assert row.member == name
    # the class, the group and the end may still be corrected
    sp.edit_pairing(pairing, replace(entry, class_name="三年级2班", need=StudentNeed.POOR))
    assert sp.load_pairing(pairing).class_name == "三年级2班"


def test_a_pairing_with_only_drafts_may_change_its_member_and_the_drafts_follow(
    branch: Store,
) -> None:
    roster = member_choices(dt.date(2026, 9, 1))
    (first, _name), (second, other) = roster[0], roster[1]
    pairing = pair(first)
    form = sp.new_pairing_help_form(on=dt.date(2026, 10, 9), pairing_id=pairing)
    PAIRING_HELP.save_draft(form)
    sp.edit_pairing(pairing, replace(sp.load_pairing(pairing), member_id=second))
    assert [r.member for r in sp.list_pairing_helps(pairing_id=pairing)] == [other]


def test_a_member_who_leaves_ends_their_pairings_and_helps_after_are_refused(
    branch: Store,
) -> None:
    """Rules on the record's own day (rules.md §7): 转出 on 9 October."""
    member, _name = first_member()
    pairing = pair(member)
    later = pair(member, "李小红", starts_on=dt.date(2026, 12, 1))  # nothing recorded yet
    members.record_leaving(
        member,
        MemberEventKind.TRANSFER_OUT,
        on=dt.date(2026, 10, 9),
        letter_no="建组〔2026〕12号",
        counterpart="某小学支部",
        today=TODAY,
    )
    (row,) = [r for r in sp.list_pairings(today=TODAY) if r.id == pairing]
    assert (row.ends_on, row.active) == (dt.date(2026, 10, 9), False)  # the leaving day
    assert later not in [r.id for r in sp.list_pairings(today=TODAY)]
    assert sp.pairing_choices(dt.date(2026, 11, 20)) == []
    # the leaving day itself the member was still in the branch
    assert help_on(pairing, dt.date(2026, 10, 9)) > 0
    form = sp.new_pairing_help_form(on=dt.date(2026, 11, 20), pairing_id=pairing)
    form.pairing_id, form.content = pairing, "课后辅导。"
    problems = {p.field: p.message for p in sp.check_pairing_help(form, today=TODAY)}
    assert "至2026年10月9日，2026年11月20日不在其中" in problems["pairing_id"]
    assert sp.dashboard_text(TODAY).startswith("关爱学生：0/")


def test_a_help_is_refused_on_a_day_its_member_was_not_in_the_branch(branch: Store) -> None:
    """Even in a pairing still open (a leaving recorded before pairings ended)."""
    member, name = first_member()
    pairing = pair(member)
    members.record_leaving(member, MemberEventKind.DECEASED, on=dt.date(2026, 10, 9), today=TODAY)
    StudentPairing.update(ends_on=None).where(StudentPairing.id == pairing).execute()
    form = sp.new_pairing_help_form(on=dt.date(2026, 10, 10), pairing_id=pairing)
    form.pairing_id, form.content = pairing, "课后辅导。"
    problems = {p.field: p.message for p in sp.check_pairing_help(form, today=TODAY)}
    assert problems["pairing_id"].startswith(f"2026年10月10日{name}不在本支部的名册上")
    assert sp.coverage_on(TODAY).coverage.paired == 0


def test_two_members_of_one_name_get_a_folder_each(branch: Store, tmp_path: Path) -> None:
    first17 = ("42282219900101123", "42282219900101124")
    twins = [
        members.add_member(
            MemberFields(
                name="王芳",
                id_number=n + check_char(n),
                joined_on=dt.date(2010, 1, 1),
                full_member_on=dt.date(2011, 1, 1),
                status=MemberStatus.FULL,
            ),
            today=TODAY,
        )
        for n in first17
    ]
    help_on(pair(twins[0], "学生甲"), dt.date(2026, 10, 9), "辅导数学。")
    help_on(pair(twins[1], "学生乙"), dt.date(2026, 10, 9), "家访。")
    result = export_materials(tmp_path, 2026, branch.data.attachments)
    assert (result.members, result.helps) == (2, 2)
    root = tmp_path / "2026年关爱学生美篇素材"
    assert sorted(p.name for p in root.iterdir()) == ["王芳", "王芳（2）"]
    texts = [
        (root / folder / "王芳_结对帮扶.txt").read_text(encoding="utf-8-sig")
        for folder in ("王芳", "王芳（2）")
    ]
    assert "学生甲" in texts[0] and "辅导数学。" in texts[0]
    assert "学生乙" in texts[1] and "家访。" in texts[1]


def test_text_longer_than_the_package_allows_is_refused_in_chinese(branch: Store) -> None:
    member, _name = first_member()
    entry = sp.PairingEntry(member, "张小明", StudentNeed.POOR, dt.date(2026, 9, 1))
    with pytest.raises(ValidationError, match="班级最多30个字") as caught:
        sp.add_pairing(replace(entry, class_name="七年级（3）班" * 5))
    assert caught.value.field == "class_name"
    with pytest.raises(ValidationError, match="学生的姓名或编号最多50个字"):
        sp.add_pairing(replace(entry, student="张" * 51))
    pairing = sp.add_pairing(replace(entry, class_name="班" * 30, student="张" * 50))
    form = sp.new_pairing_help_form(on=dt.date(2026, 10, 9), pairing_id=pairing)
    form.place, form.content = "地" * 101, "辅" * 100_001
    problems = {p.field: p.message for p in sp.check_pairing_help(form, today=TODAY)}
    assert problems["place"] == "地点最多100个字，请改短一些。"
    assert problems["content"].startswith("帮扶内容最多100000个字")
    with pytest.raises(ValidationError, match="最多100000个字"):
        sp.write_summary(pairing, AUTUMN, "小" * 100_001, written_on=TODAY)


def test_a_package_with_students_verifies_at_the_longest_text_allowed(
    branch: Store, tmp_path: Path
) -> None:
    member, _name = first_member()
    pairing = sp.add_pairing(
        sp.PairingEntry(
            member, "张" * 50, StudentNeed.POOR, dt.date(2026, 9, 1), class_name="班" * 30
        )
    )
    form = sp.new_pairing_help_form(on=dt.date(2026, 10, 9), pairing_id=pairing)
    form.place, form.content = "地" * 100, "课后辅导。"
    PAIRING_HELP.finish(form, today=TODAY)
    options = PackageOptions(include_students=True)
    path = build_package(branch.data, parse_period("2026Q4"), tmp_path, options, today=TODAY).path
    assert verify_package(path).ok


def test_a_pairing_cannot_run_past_its_member_s_leaving(branch: Store) -> None:
    member, name = first_member()
    pairing = pair(member)
    members.record_leaving(member, MemberEventKind.DECEASED, on=dt.date(2026, 10, 9), today=TODAY)
    entry = sp.load_pairing(pairing)
    with pytest.raises(ValidationError, match=f"{name}2026年10月9日已离开本支部") as caught:
        sp.edit_pairing(pairing, replace(entry, ends_on=None))
    assert caught.value.field == "ends_on"
    sp.edit_pairing(pairing, replace(entry, ends_on=dt.date(2026, 10, 1)))
    assert sp.load_pairing(pairing).ends_on == dt.date(2026, 10, 1)
