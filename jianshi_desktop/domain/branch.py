"""What a branch's name must look like, and which name held on a day (pure rules).

A branch's name goes on every document: the heading of each 会议记录, the 台账's cover,
the report's 署名. It is the name in the 上级党组织's 批复 — the full form
``中共建始县花坪小学支部委员会`` (a branch with a committee), ``中共建始县花坪小学党支部``
or the short ``花坪小学党支部`` — never the school's name alone. The first start and
设置 › 支部信息 both ask :func:`branch_name_problem`.

A renamed branch keeps its old name on the records of before the rename (architecture:
"Time: every fact has a span"): :func:`name_on` picks the name that held on a day from
the dated names (:class:`NameSpan`), each holding from its ``valid_from`` until the next.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

MAX_NAME_LENGTH = 100
COUNTY = "建始县"
PARTY_PREFIX = "中共"
COMMITTEE_SUFFIX = "支部委员会"
BRANCH_SUFFIX = "支部"  # also ends ``…党支部``
EXAMPLE_UNIT = "某某小学"
# what people type after the school's name that is not a branch: stripped to build the
# example shown back to them
_NOT_BRANCH_SUFFIXES = ("党总支部", "党总支", "总支", "党委", "委员会", "党组织", "党")
_MIN_UNIT_LENGTH = 2  # "支部" or "中共支部委员会" alone names no school


def _unit(name: str) -> str:
    """The school or unit named in ``name``: without 中共, the county and any suffix."""
    unit = name.strip().removeprefix(PARTY_PREFIX).removeprefix(COUNTY)
    for suffix in (COMMITTEE_SUFFIX, "党支部", BRANCH_SUFFIX, *_NOT_BRANCH_SUFFIXES):
        if unit.endswith(suffix):
            unit = unit.removesuffix(suffix)
            break
    return unit.strip()


def name_examples(typed: str) -> tuple[str, str]:
    """The full and the short name built from what was typed:
    花坪小学 → (中共建始县花坪小学支部委员会, 花坪小学党支部)."""
    unit = _unit(typed)
    if len(unit) < _MIN_UNIT_LENGTH:
        unit = EXAMPLE_UNIT
    return f"{PARTY_PREFIX}{COUNTY}{unit}{COMMITTEE_SUFFIX}", f"{unit}党支部"


def branch_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a branch's name, in words for the secretary; None when it
    looks like one: ``中共…支部委员会``, or ending ``…党支部`` / ``…支部``."""
    name = name.strip()
    if not name:
        full, _short = name_examples("")
        return f"请填写支部名称，例如“{full}”。"
    if len(name) > MAX_NAME_LENGTH:
        return f"支部名称太长（最多{MAX_NAME_LENGTH}个字），请精简。"
    if "总支" in name:  # …党总支部 / …总支部委员会 end like a branch's name but are not one
        plain = name
        for word in ("党总支部", "总支部", "党总支", "总支"):
            plain = plain.replace(word, "")
        full, short = name_examples(plain)
        return (
            f"党总支不是党支部，本程序记的是党支部的工作。请写支部的名称，例如“{full}”或“{short}”。"
        )
    full, short = name_examples(name)
    looks_like_a_branch = (
        name.startswith(PARTY_PREFIX) and name.endswith(COMMITTEE_SUFFIX)
    ) or name.endswith(BRANCH_SUFFIX)
    if name.endswith(COMMITTEE_SUFFIX) and not name.startswith(PARTY_PREFIX):
        return f"支部委员会的全称以“中共”开头，例如“{full}”；也可以写“{short}”。"
    if not looks_like_a_branch or len(_unit(name)) < _MIN_UNIT_LENGTH:
        return f"请写支部的全称，例如“{full}”或“{short}”。"
    return None


@dataclass(frozen=True)
class NameSpan:
    """The branch's name and its 上级党组织 from ``valid_from`` until the next span."""

    name: str
    parent_name: str
    valid_from: dt.date


def name_on(spans: Iterable[NameSpan], day: dt.date) -> NameSpan | None:
    """The span that held on ``day``: the latest that began on or before it; before the
    first span, the first (a record dated before the founding still carries a name).
    None when there are no spans."""
    ordered = sorted(spans, key=lambda span: span.valid_from)
    if not ordered:
        return None
    held = ordered[0]
    for span in ordered:
        if span.valid_from <= day:
            held = span
    return held
