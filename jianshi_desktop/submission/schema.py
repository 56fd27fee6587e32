"""A small schema check for the JSON in a package, naming the field that is wrong.

``check(value, spec, "清单")`` returns None or a message such as
“清单中的 files[3].size 应为整数”. Fields only grow (docs/package-format.md): objects may
carry fields the spec does not name; the named ones must be there and of the right type.
:func:`parse` reads JSON with limits: size, nesting depth, no repeated keys, no NaN.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

MAX_DEPTH = 32


@dataclass(frozen=True)
class Str:
    min_len: int = 0
    max_len: int = 10_000
    pattern: str | None = None


@dataclass(frozen=True)
class Int:
    minimum: int = 0
    maximum: int = 1 << 62


@dataclass(frozen=True)
class Bool:
    pass


@dataclass(frozen=True)
class Anything:
    pass


@dataclass(frozen=True)
class Nullable:
    inner: Spec


@dataclass(frozen=True)
class Arr:
    item: Spec
    max_items: int = 100_000


@dataclass(frozen=True)
class Obj:
    fields: dict[str, Spec]
    optional: dict[str, Spec] = field(default_factory=dict)


Spec = Str | Int | Bool | Anything | Nullable | Arr | Obj


class SchemaError(Exception):
    """The JSON cannot be read at all; ``str()`` says why, in Chinese."""


def _path(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


def _kind(spec: Spec) -> str:
    if isinstance(spec, Str):
        return "文字"
    if isinstance(spec, Int):
        return "整数"
    if isinstance(spec, Bool):
        return "true 或 false"
    if isinstance(spec, Arr):
        return "列表（[…]）"
    if isinstance(spec, Obj):
        return "对象（{…}）"
    if isinstance(spec, Nullable):
        return _kind(spec.inner) + "或 null"
    return "任意值"


def check(value: Any, spec: Spec, document: str, where: str = "") -> str | None:
    """None when ``value`` fits ``spec``; else “<document>中的 <field> 应为……”."""
    at = f"{document}中的 {where} " if where else f"{document}"
    if isinstance(spec, Anything):
        return None
    if isinstance(spec, Nullable):
        return None if value is None else check(value, spec.inner, document, where)
    if isinstance(spec, Str):
        if not isinstance(value, str):
            return f"{at}应为{_kind(spec)}"
        if not spec.min_len <= len(value) <= spec.max_len:
            if len(value) < spec.min_len:
                return f"{at}不能为空"
            return f"{at}太长（超过 {spec.max_len} 个字符）"
        if spec.pattern is not None and not re.fullmatch(spec.pattern, value):
            return f"{at}格式不对"
        return None
    if isinstance(spec, Int):
        if not isinstance(value, int) or isinstance(value, bool):
            return f"{at}应为整数"
        if not spec.minimum <= value <= spec.maximum:
            return f"{at}超出了允许的范围"
        return None
    if isinstance(spec, Bool):
        return None if isinstance(value, bool) else f"{at}应为 true 或 false"
    if isinstance(spec, Arr):
        if not isinstance(value, list):
            return f"{at}应为列表（[…]）"
        if len(value) > spec.max_items:
            return f"{at}项目太多（超过 {spec.max_items} 项）"
        for index, item in enumerate(value):
            problem = check(item, spec.item, document, _path(where, index))
            if problem:
                return problem
        return None
    if not isinstance(value, dict):
        return f"{at}应为对象（{{…}}）"
    for key, inner in spec.fields.items():
        if key not in value:
            return f"{document}中缺少 {_path(where, key)}"
        problem = check(value[key], inner, document, _path(where, key))
        if problem:
            return problem
    for key, inner in spec.optional.items():
        if key in value:
            problem = check(value[key], inner, document, _path(where, key))
            if problem:
                return problem
    return None


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise SchemaError(f"有重复的字段“{key[:40]}”")
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise SchemaError(f"含有 JSON 不允许的值 {name}")


def parse(raw: bytes, document: str) -> Any:
    """Decode and parse; :class:`SchemaError` naming what is wrong."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SchemaError(f"{document}不是 UTF-8 编码的文字") from None
    try:
        value = json.loads(text, object_pairs_hook=_no_repeats, parse_constant=_no_constant)
    except SchemaError as exc:
        raise SchemaError(f"{document}{exc}") from None
    except RecursionError:
        raise SchemaError(f"{document}的嵌套层数太多（超过 {MAX_DEPTH} 层）") from None
    except ValueError as exc:
        where = f"第 {exc.lineno} 行" if isinstance(exc, json.JSONDecodeError) else ""
        raise SchemaError(f"{document}不是正确的 JSON（{where}格式错误）") from None
    if depth(value) > MAX_DEPTH:
        raise SchemaError(f"{document}的嵌套层数太多（超过 {MAX_DEPTH} 层）")
    return value


def depth(value: Any) -> int:
    """Nesting depth of lists and objects, without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            items = list(item.values())
        elif isinstance(item, list):
            items = item
        else:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, level + 1) for child in items)
    return deepest
