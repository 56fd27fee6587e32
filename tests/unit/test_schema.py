"""The package's JSON schema check (submission/schema.py): every kind of fault named with
the field at fault, as the county desk and the branch side show it; the nesting limit."""

from __future__ import annotations

import json

import pytest

from jianshi_desktop.submission import schema
from jianshi_desktop.submission.schema import Arr, Bool, Int, Nullable, Obj, Str

SPEC = Obj(
    {
        "name": Str(min_len=1, max_len=5),
        "code": Str(pattern=r"\d{4}"),
        "items": Arr(Obj({"n": Int(maximum=9), "ok": Bool()}, {"note": Nullable(Str())}), 3),
    },
    {"extra": Int()},
)
GOOD = {"name": "建始", "code": "2026", "items": [{"n": 1, "ok": True, "note": None}]}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({}, None),
        ({"unknown": [[[]]]}, None),  # fields only grow: one the spec does not name is fine
        ({"name": ""}, "文档中的 name 不能为空"),
        ({"name": "建始县第一小学"}, "文档中的 name 太长（超过 5 个字符）"),
        ({"name": 5}, "文档中的 name 应为文字"),
        ({"code": "二〇二六"}, "文档中的 code 格式不对"),
        ({"items": {}}, "文档中的 items 应为列表（[…]）"),
        ({"items": [GOOD["items"][0]] * 4}, "文档中的 items 项目太多（超过 3 项）"),
        ({"items": [GOOD["items"][0], 7]}, "文档中的 items[1] 应为对象（{…}）"),
        ({"items": [{"n": 1}]}, "文档中缺少 items[0].ok"),
        ({"items": [{"n": True, "ok": True}]}, "文档中的 items[0].n 应为整数"),
        ({"items": [{"n": 10, "ok": True}]}, "文档中的 items[0].n 超出了允许的范围"),
        ({"items": [{"n": 1, "ok": 1}]}, "文档中的 items[0].ok 应为 true 或 false"),
        ({"items": [{"n": 1, "ok": True, "note": 3}]}, "文档中的 items[0].note 应为文字"),
        ({"extra": "1"}, "文档中的 extra 应为整数"),
    ],
)
def test_each_fault_names_its_field(change: dict[str, object], message: str | None) -> None:
    assert schema.check({**GOOD, **change}, SPEC, "文档") == message


def test_a_missing_field_and_a_wrong_whole_are_named() -> None:
    assert schema.check({"code": "2026", "items": []}, SPEC, "文档") == "文档中缺少 name"
    assert schema.check([], SPEC, "文档") == "文档应为对象（{…}）"
    assert schema.check(GOOD, SPEC, "清单", "files[2]") is None
    assert schema.check({}, SPEC, "清单", "files[2]") == "清单中缺少 files[2].name"


def test_nesting_deeper_than_the_limit_is_refused_and_repeated_keys_too() -> None:
    deep = "[" * (schema.MAX_DEPTH + 1) + "]" * (schema.MAX_DEPTH + 1)
    with pytest.raises(schema.SchemaError, match="嵌套层数太多"):
        schema.parse(deep.encode(), "记录数据")
    just = "[" * schema.MAX_DEPTH + "]" * schema.MAX_DEPTH
    assert schema.depth(schema.parse(just.encode(), "记录数据")) == schema.MAX_DEPTH
    assert schema.depth({"a": [{"b": []}], "c": 1}) == 4
    assert schema.depth(5) == 0
    with pytest.raises(schema.SchemaError, match="有重复的字段“a”"):
        schema.parse(b'{"b": 1, "a": 1, "a": 2}', "清单文件")
    assert schema.parse(json.dumps(GOOD).encode(), "清单文件") == GOOD
