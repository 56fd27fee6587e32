"""Names in the order a register of names uses (pinyin, surnames read as surnames), and
found by what a secretary types: characters, pinyin initials, the start of the pinyin."""

from __future__ import annotations

import pytest

from jianshi_desktop.services.members import (
    name_match_rank,
    name_matches,
    name_pinyin,
    name_sort_key,
)


def by_pinyin(*names: str) -> list[str]:
    return sorted(names, key=name_sort_key)


def test_common_surnames_sort_by_pinyin() -> None:
    assert by_pinyin("赵敏", "王芳", "张伟", "李娜", "欧阳娜", "陈红") == [
        "陈红",  # chen
        "李娜",  # li
        "欧阳娜",  # ou yang
        "王芳",  # wang
        "张伟",  # zhang
        "赵敏",  # zhao
    ]


def test_a_surname_is_read_as_a_surname() -> None:
    """曾 is céng in 曾经 but Zēng as a surname: among the z, not before 陈."""
    assert by_pinyin("曾丽佳", "陈红", "张伟", "王芳") == ["陈红", "王芳", "曾丽佳", "张伟"]
    assert name_pinyin("曾丽佳") == ("zeng", "li", "jia")
    assert name_pinyin("单雄") == ("shan", "xiong")  # not dan
    assert name_pinyin("仇华") == ("qiu", "hua")  # not chou
    assert name_pinyin("尉迟敬") == ("yu", "chi", "jing")  # compound: 尉 alone is wei
    assert name_pinyin("尉明") == ("wei", "ming")


def test_syllable_by_syllable_then_the_name() -> None:
    """李 (li) before 刘 (liu) whatever follows; the same pinyin keeps a fixed order."""
    assert by_pinyin("刘一", "李子豪") == ["李子豪", "刘一"]
    assert by_pinyin("张伟", "章伟") == sorted(["张伟", "章伟"])
    assert by_pinyin("张三丰", "张三") == ["张三", "张三丰"]


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("zsf", "张三丰"),
        ("ZSF", "张三丰"),
        ("三丰", "张三丰"),
        ("zhangs", "张三丰"),
        ("zlj", "曾丽佳"),  # the surname reading
        ("clj", "曾丽佳"),  # and the other, for one who types it so
        ("oyn", "欧阳娜"),
        ("", "张三丰"),  # nothing typed: everyone
    ],
)
def test_a_name_is_found_by_what_is_typed(typed: str, name: str) -> None:
    assert name_matches(name, typed)


@pytest.mark.parametrize(("typed", "name"), [("lsf", "张三丰"), ("李", "张三丰"), ("zs1", "张三")])
def test_other_names_are_not_found(typed: str, name: str) -> None:
    assert not name_matches(name, typed)


def test_a_name_found_from_its_start_ranks_before_one_found_inside() -> None:
    assert name_match_rank("王芳", "w") == 0
    assert name_match_rank("张伟", "w") == 1  # zw
    assert name_match_rank("张三丰", "张") == 0
    assert name_match_rank("张三丰", "三丰") == 1
    assert name_match_rank("张三丰", "zhangs") == 0
    assert name_match_rank("张三丰", "lsf") is None
