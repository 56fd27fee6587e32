"""Benchmark: the compliance engine on ten years of an invented 60-member branch.

Every kind of record: monthly committee and group meetings (3 groups) and theme days,
quarterly assemblies and lectures, tagged meetings, and 60+ talks a year. Prints the
time to build the engine and to evaluate every period of ten years, and the current
periods (the dashboard's tiles). Target: under 50 ms for the whole computation.

Run: python bench/bench_compliance.py
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jianshi_desktop.domain.compliance import BranchFacts, Engine, RecordFact, load_obligations

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 50.0


def invented_branch(years: int = 10, members: int = 60) -> BranchFacts:
    rng = random.Random(7)
    start = dt.date(2016, 1, 1)
    records: list[RecordFact] = []
    n = 0

    def add(**fields: object) -> None:
        nonlocal n
        n += 1
        records.append(RecordFact(id=n, **fields))  # type: ignore[arg-type]

    for year in range(start.year, start.year + years):
        for month in range(1, 13):
            day = dt.date(year, month, rng.randint(1, 25))
            add(
                record="meeting",
                held_on=day,
                kind="committee",
                tags=frozenset({"研究党建工作"}) if month in (3, 9) else frozenset(),
            )
            for group in (1, 2, 3):
                add(record="meeting", held_on=day, kind="group", group_id=group)
            add(record="theme_day", held_on=day.replace(day=15))
            if month % 3 == 0:
                add(
                    record="meeting",
                    held_on=day,
                    kind="general_assembly",
                    tags=frozenset({"意识形态专题研究"}),
                )
                add(record="meeting", held_on=day, kind="lecture", lecturer_id=rng.randint(1, 5))
        for _ in range(members + 10):
            a, b = rng.sample(range(1, members + 1), 2)
            add(
                record="heart_talk",
                held_on=dt.date(year, rng.randint(1, 12), 10),
                kind="member_peers",
                participants=frozenset({a, b}),
            )
    return BranchFacts(
        founded_on=start,
        has_committee=True,
        groups=((1, "第一党小组"), (2, "第二党小组"), (3, "第三党小组")),
        members=tuple((i, f"党员{i}") for i in range(1, members + 1)),
        secretary_id=1,
        records=tuple(records),
    )  # fmt: skip


def main() -> None:
    rules = json.loads((ROOT / "resources/rules/obligations.json").read_text(encoding="utf-8"))
    obligations = load_obligations(rules)
    facts = invented_branch()
    today = dt.date(2025, 11, 26)
    runs = []
    for _ in range(20):
        began = time.perf_counter()
        engine = Engine(obligations, facts)
        statuses = [s for year in range(2016, 2026) for s in engine.year(year, today)]
        statuses += engine.current(today)
        runs.append((time.perf_counter() - began) * 1000)
    best, median = min(runs), sorted(runs)[len(runs) // 2]
    print(f"ten years, {len(facts.members)} members, {len(facts.records)} records")
    print(f"  statuses computed: {len(statuses)}")
    print(f"  engine + ten years + current: best {best:.1f} ms, median {median:.1f} ms")
    verdict = "OK" if median < TARGET_MS else "SLOW"
    print(f"目标 / target < {TARGET_MS:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
