"""Crash trials in CI: ``bench/bench_export_crash.py`` with a few kills (the benchmark
itself runs 20). ``main.py package export`` killed at random moments must leave no
unverified package, no plain zip bytes when a password is set, and the previous package."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_killed_exports_leave_nothing_unsafe() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_export_crash.py"), "--kills", "3",
         "--photos", "4", "--seed", "20261206"],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "OK:" in done.stdout
    assert re.search(r"killed [1-9]", done.stdout), "at least one run was really cut off"
