"""Crash trials in CI: ``bench/bench_crash_import.py`` with a few kills (the benchmark
itself runs 20). A roster import or the saving of meetings killed at random moments must
leave a sound database, each import and meeting whole or absent, a program that starts,
and no member data in the system temp folder."""

from __future__ import annotations

import re

from tests.support import ROOT, run_python


def test_killed_imports_and_saves_lose_nothing() -> None:
    bench = ROOT / "bench" / "bench_crash_import.py"
    done = run_python(str(bench), "--kills", "3", "--seed", "20261206")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "OK:" in done.stdout
    assert re.search(r"killed [1-9]", done.stdout), "at least one run was really cut off"
    assert "the program started 3×" in done.stdout
