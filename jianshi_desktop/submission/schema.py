"""A small schema check for the JSON in a package, naming the field that is wrong.

``check(value, spec, "清单")`` returns None or a message such as
“清单中的 files[3].size 应为整数”. Fields only grow (docs/package-format.md): objects may
carry fields the spec does not name; the named ones must be there and of the right type.
:func:`parse` reads JSON with limits: size, nesting depth, no repeated keys, no NaN.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
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
    fault = _checker(spec)(value)
    if fault is None:
        return None
    for key in reversed(fault.path):
        where = _path(where, key)
    if fault.missing:
        return f"{document}中缺少 {where}"
    at = f"{document}中的 {where} " if where else f"{document}"
    return f"{at}{fault.text}"


@dataclass
class _Fault:
    """What is wrong (the words after the field's name), and where: the keys and indexes
    from the innermost out, added as the check returns."""

    text: str
    path: list[str | int] = field(default_factory=list)
    missing: bool = False


Checker = Callable[[Any], "_Fault | None"]
_CHECKERS: dict[int, tuple[Spec, Checker]] = {}


def _checker(spec: Spec) -> Checker:
    """``spec`` made into nested functions once (a package's records hold thousands of
    values: checking them is then a call each, not a walk through the spec)."""
    known = _CHECKERS.get(id(spec))
    if known is None or known[0] is not spec:
        known = (spec, _compile(spec))
        _CHECKERS[id(spec)] = known
    return known[1]


def _accept(_value: Any) -> None:
    return None


def _compile(spec: Spec) -> Checker:
    if isinstance(spec, Anything):
        return _accept
    if isinstance(spec, Nullable):
        inner = _compile(spec.inner)

        def nullable(value: Any) -> _Fault | None:
            return None if value is None else inner(value)

        return nullable
    if isinstance(spec, Str):
        least, most = spec.min_len, spec.max_len
        pattern = None if spec.pattern is None else re.compile(spec.pattern)

        def text(value: Any) -> _Fault | None:
            if not isinstance(value, str):
                return _Fault(f"应为{_kind(spec)}")
            if len(value) < least:
                return _Fault("不能为空")
            if len(value) > most:
                return _Fault(f"太长（超过 {most} 个字符）")
            if pattern is not None and not pattern.fullmatch(value):
                return _Fault("格式不对")
            return None

        return text
    if isinstance(spec, Int):
        low, high = spec.minimum, spec.maximum

        def integer(value: Any) -> _Fault | None:
            if type(value) is not int and (not isinstance(value, int) or isinstance(value, bool)):
                return _Fault("应为整数")
            if not low <= value <= high:
                return _Fault("超出了允许的范围")
            return None

        return integer
    if isinstance(spec, Bool):

        def boolean(value: Any) -> _Fault | None:
            return None if isinstance(value, bool) else _Fault("应为 true 或 false")

        return boolean
    if isinstance(spec, Arr):
        item, most_items = _compile(spec.item), spec.max_items

        def array(value: Any) -> _Fault | None:
            if not isinstance(value, list):
                return _Fault("应为列表（[…]）")
            if len(value) > most_items:
                return _Fault(f"项目太多（超过 {most_items} 项）")
            if item is not _accept:
                for index, element in enumerate(value):
                    fault = item(element)
                    if fault is not None:
                        fault.path.append(index)
                        return fault
            return None

        return array
    required = [(key, _compile(inner)) for key, inner in spec.fields.items()]
    optional = [(key, _compile(inner)) for key, inner in spec.optional.items()]

    def obj(value: Any) -> _Fault | None:
        if not isinstance(value, dict):
            return _Fault("应为对象（{…}）")
        for key, inner in required:
            if key not in value:
                return _Fault("", [key], missing=True)
            fault = inner(value[key])
            if fault is not None:
                fault.path.append(key)
                return fault
        for key, inner in optional:
            if key in value:
                fault = inner(value[key])
                if fault is not None:
                    fault.path.append(key)
                    return fault
        return None

    return obj


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):  # rare: find the key named twice, for the message
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise SchemaError(f"有重复的字段“{key[:40]}”")
            seen.add(key)
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
    """Nesting depth of lists and objects, without recursion (a level at a time; stops
    counting past MAX_DEPTH)."""
    deepest = 0
    level = [value]
    while level:
        containers = [item for item in level if isinstance(item, (dict, list))]
        if not containers:
            break
        deepest += 1
        if deepest > MAX_DEPTH:
            break
        level = []
        for item in containers:
            level.extend(item.values() if isinstance(item, dict) else item)
    return deepest
