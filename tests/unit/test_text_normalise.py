"""Numbers typed with other digits or invisible characters are the same number (issue 13).

One person is never registered twice because an ID number was typed with a full-width
５, an Arabic-Indic ٥ or a mathematical 𝟓, or pasted with a zero-width space; names keep
their characters.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from jianshi_desktop.db import models
from jianshi_desktop.domain.idcard import (
    IdFacts,
    check_char,
    mask_id_number,
    normalise_id_number,
    parse_id_number,
)
from jianshi_desktop.domain.members import MemberFields, normalise_phone, validate_member
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.text import (
    ascii_digits,
    clean,
    invisible_characters,
    invisible_note,
    normalise_code,
    squeeze,
    strip_invisible,
)
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import members as svc
from jianshi_desktop.services.branch import BranchDraft, create_branch
from jianshi_desktop.services.store import Store

TODAY = dt.date(2026, 11, 26)
FIRST17 = "42282219880315123"
NUMBER = FIRST17 + check_char(FIRST17)  # 422822198803151235 — ends in a digit
WITH_X = "42282219731125116X"  # a valid number ending in X

FULL_WIDTH = "０１２３４５６７８９"
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
EXTENDED_ARABIC = "۰۱۲۳۴۵۶۷۸۹"  # Persian / Urdu
DEVANAGARI = "०१२३४५६७८९"
MATH_BOLD = "".join(chr(0x1D7CE + d) for d in range(10))  # 𝟎 … 𝟗
MATH_MONOSPACE = "".join(chr(0x1D7F6 + d) for d in range(10))
DIGIT_SETS = (FULL_WIDTH, ARABIC_INDIC, EXTENDED_ARABIC, DEVANAGARI, MATH_BOLD, MATH_MONOSPACE)
INVISIBLE = (
    [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2060, 0x2065)]
    + ["\ufeff"]
)


def with_digits(number: str, digits: str, *, at: int | None = None) -> str:
    """``number`` with one digit (``at``) or every digit written with ``digits``."""
    return "".join(
        digits[int(ch)] if ch.isdigit() and (at is None or i == at) else ch
        for i, ch in enumerate(number)
    )


# ------------------------------------------------------------------ the domain


@pytest.mark.parametrize("digits", DIGIT_SETS)
def test_every_kind_of_digit_is_the_same_id_number(digits: str) -> None:
    assert ascii_digits(unicodedata.normalize("NFKC", digits)) == "0123456789"
    assert normalise_code(digits) == "0123456789"
    for at in (0, 9, 17):
        typed = with_digits(NUMBER, digits, at=at)
        assert typed != NUMBER
        assert normalise_id_number(typed) == NUMBER
        facts = parse_id_number(typed, today=TODAY)
        assert isinstance(facts, IdFacts)
        assert facts.number == NUMBER
    assert normalise_id_number(with_digits(NUMBER, digits)) == NUMBER


def test_a_non_ascii_digit_never_passes_as_stored_text() -> None:
    """Before: Python's ``\\d`` and ``int`` took ٥, so the number was valid and stored as
    typed. Now the stored number is ASCII whatever was typed."""
    facts = parse_id_number(with_digits(NUMBER, ARABIC_INDIC, at=5), today=TODAY)
    assert isinstance(facts, IdFacts)
    assert facts.number.isascii()


@pytest.mark.parametrize("x", ["x", "X", "ｘ", "Ｘ", "×", "х", "Х", "χ", "Χ"])
def test_the_check_character_x_however_typed(x: str) -> None:
    assert normalise_id_number(WITH_X[:-1] + x) == WITH_X
    assert isinstance(parse_id_number(WITH_X[:-1] + x, today=TODAY), IdFacts)


@pytest.mark.parametrize("mark", INVISIBLE)
def test_invisible_characters_are_removed_from_id_numbers(mark: str) -> None:
    typed = NUMBER[:6] + mark + NUMBER[6:] + mark
    assert normalise_id_number(typed) == NUMBER
    facts = parse_id_number(typed, today=TODAY)
    assert isinstance(facts, IdFacts), facts  # no “现在是19位” length message
    assert invisible_characters(typed)
    assert mask_id_number(typed) == mask_id_number(NUMBER)


def test_invisible_characters_are_named_plainly() -> None:
    assert invisible_characters("张\u200b三") == ["零宽空格"]
    assert invisible_characters("\u200e\u200f\u202e\ufeff") == [
        "文字方向标记",
        "文字方向控制符",
        "零宽不换行空格",
    ]
    assert invisible_characters("张三") == []
    assert invisible_note("身份证号码", NUMBER + "\u200b") == (
        "身份证号码中有看不见的字符（零宽空格），已去掉，请核对。"
    )
    assert invisible_note("身份证号码", NUMBER) == ""


def test_a_wrong_number_with_invisible_characters_is_counted_without_them() -> None:
    problem = parse_id_number("\u200d" + NUMBER[:17], today=TODAY)
    assert isinstance(problem, Problem)
    assert "现在是17位" in problem.message


def test_phones_are_normalised_the_same_way() -> None:
    mobile = "13812345678"
    assert normalise_phone(with_digits(mobile, ARABIC_INDIC)) == mobile
    assert normalise_phone(with_digits(mobile, MATH_BOLD)) == mobile
    assert normalise_phone("138\u200b1234\u200e5678") == mobile
    assert normalise_phone("+86 ١٣٨-١٢٣٤-٥٦٧٨") == mobile
    assert normalise_phone("０７１８－３３２２１２３") == "0718-3322123"


def test_validation_warns_about_invisible_characters_it_removes() -> None:
    fields = MemberFields(
        name="张\u200b晓明",
        id_number=NUMBER + "\u2060",
        phone="\u202a13812345678\u202c",
        joined_on=dt.date(2010, 6, 1),
        full_member_on=dt.date(2011, 6, 1),
    )
    found = {(p.field, p.severity): p.message for p in validate_member(fields, today=TODAY)}
    assert found == {
        ("name", "warning"): "姓名中有看不见的字符（零宽空格），已去掉，请核对。",
        ("id_number", "warning"): "身份证号码中有看不见的字符（零宽不换行符），已去掉，请核对。",
        ("phone", "warning"): "联系电话中有看不见的字符（文字方向控制符），已去掉，请核对。",
    }


COMMON_NAMES = [
    "张晓明",
    "王秀英",
    "李建国",
    "刘志强",
    "陈丽华",
    "杨文",
    "赵德福",
    "黄淑芬",
    "周婷婷",
    "吴磊",
    "欧阳娜娜",
    "司马光",
    "覃光荣",
    "向远菊",
    "谭家乐",
    "田晓燕",
    "冉茂林",
    "邓小平",
    "龚自珍",
    "鲁迅",
    "郭沫若",
    "阿依古丽·买买提",
    "扎西·次仁",
    "张三丰",
    "諸葛亮",
    "犇",
    "龘",
    "𠮷野",
    "𡈽",
]
ETHNIC_GROUPS = [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
]


def test_names_and_ethnic_groups_keep_their_characters() -> None:
    assert len(ETHNIC_GROUPS) == 56
    for text in COMMON_NAMES + ETHNIC_GROUPS:
        # NFKC would be safe on them too; names are only squeezed, never NFKC'd.
        assert unicodedata.normalize("NFKC", text) == text
        assert squeeze(text) == text
        assert clean(text) == text
        assert squeeze(text[:1] + "\u200b\u3000" + text[1:]) == text


def test_compatibility_ideographs_in_a_name_are_not_rewritten() -> None:
    name = "\uf9d0\u5927\u660e"  # a compatibility ideograph NFKC would replace
    assert unicodedata.normalize("NFKC", name) != name
    assert squeeze(name) == name


def test_strip_invisible_leaves_visible_text() -> None:
    assert strip_invisible("第一\u200d党小组\ufeff") == "第一党小组"
    assert clean("  备注\u200b 内容  ") == "备注 内容"
    assert normalise_code(None) == "" and squeeze(None) == "" and clean(None) == ""


# ------------------------------------------------------------------ the member form's service


@pytest.fixture
def branch(store: Store) -> Store:
    create_branch(BranchDraft(name="中共建始县某某小学支部委员会", founded_on=dt.date(2008, 9, 1)))
    return store


def zhang(**changes: object) -> MemberFields:
    base: dict[str, object] = {
        "name": "张晓明",
        "id_number": NUMBER,
        "joined_on": dt.date(2010, 6, 1),
        "full_member_on": dt.date(2011, 6, 1),
        "phone": "13812345678",
    }
    return MemberFields(**{**base, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize("digits", [FULL_WIDTH, ARABIC_INDIC, MATH_BOLD])
def test_the_form_refuses_the_same_person_typed_with_other_digits(
    branch: Store, digits: str
) -> None:
    svc.add_member(zhang(), today=TODAY)
    for typed in (with_digits(NUMBER, digits, at=5), with_digits(NUMBER, digits)):
        with pytest.raises(ValidationError) as caught:
            svc.add_member(zhang(name="张小明", id_number=typed), today=TODAY)
        assert "已登记在“张晓明”名下" in caught.value.message
    assert models.Member.select().count() == 1


def test_a_number_is_stored_in_ascii_whatever_was_typed(branch: Store) -> None:
    member_id = svc.add_member(
        zhang(id_number=with_digits(NUMBER, ARABIC_INDIC) + "\u200b", phone="١٣٨١٢٣٤٥٦٧٨"),
        today=TODAY,
    )
    stored = models.Member.get_by_id(member_id)
    assert stored.id_number == NUMBER
    assert stored.phone == "13812345678"


def test_an_update_cannot_take_another_members_number_typed_differently(branch: Store) -> None:
    svc.add_member(zhang(), today=TODAY)
    other_first17 = "42282219900101123"
    other = svc.add_member(
        zhang(name="李丽", id_number=other_first17 + check_char(other_first17)), today=TODAY
    )
    with pytest.raises(ValidationError) as caught:
        svc.update_member(
            other, zhang(name="李丽", id_number=with_digits(NUMBER, MATH_BOLD)), today=TODAY
        )
    assert "已登记在“张晓明”名下" in caught.value.message
    # Its own number typed with other digits is the same number: saved, no duplicate.
    svc.update_member(
        other,
        zhang(
            name="李丽",
            id_number=with_digits(other_first17 + check_char(other_first17), ARABIC_INDIC),
        ),
        today=TODAY,
    )
    assert models.Member.get_by_id(other).id_number == other_first17 + check_char(other_first17)


def test_a_number_stored_before_normalising_is_still_found(branch: Store) -> None:
    """A member saved by an older version with an Arabic-Indic digit in the number."""
    member_id = svc.add_member(zhang(), today=TODAY)
    legacy = with_digits(NUMBER, ARABIC_INDIC, at=3)
    models.Member.update(id_number=legacy).where(models.Member.id == member_id).execute()
    with pytest.raises(ValidationError) as caught:
        svc.add_member(zhang(name="张小明"), today=TODAY)
    assert "已登记在“张晓明”名下" in caught.value.message
    assert svc.member_with_id_number(NUMBER).id == member_id  # type: ignore[union-attr]
    assert svc.member_with_id_number(NUMBER, other_than=member_id) is None
    svc.update_member(member_id, zhang(), today=TODAY)  # its own record: allowed
    assert models.Member.get_by_id(member_id).id_number == NUMBER


def test_the_form_names_invisible_characters_before_saving(branch: Store) -> None:
    problems = svc.check_member(zhang(id_number="\u200b" + NUMBER), today=TODAY)
    assert [(p.field, p.severity, p.message) for p in problems] == [
        ("id_number", "warning", "身份证号码中有看不见的字符（零宽空格），已去掉，请核对。")
    ]
    member_id = svc.add_member(zhang(id_number="\u200b" + NUMBER, name="张\u200d晓明"), today=TODAY)
    stored = models.Member.get_by_id(member_id)
    assert (stored.name, stored.id_number) == ("张晓明", NUMBER)
