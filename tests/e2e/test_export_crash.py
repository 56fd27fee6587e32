"""Crash trials in CI: ``bench/bench_export_crash.py`` with a few kills (the benchmark
itself runs 20). ``main.py package export`` killed at random moments must leave no
unverified package, no plain zip bytes when a password is set, and the previous package."""

from __future__ import annotations

import re

from tests.support import ROOT, run_python


def test_killed_exports_leave_nothing_unsafe() -> None:
    bench = ROOT / "bench" / "bench_export_crash.py"
    done = run_python(str(bench), "--kills", "3", "--photos", "4", "--seed", "20261206")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "OK:" in done.stdout
    assert re.search(r"killed [1-9]", done.stdout), "at least one run was really cut off"
