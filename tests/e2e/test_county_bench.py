"""The county benchmark in CI with 8 packages (two schools) (the benchmark itself makes 200): the
packages derived and signed again verify and are imported, and the matrix is built; the
figures themselves are the benchmark's to judge, not this test's."""

from __future__ import annotations

import re

from tests.support import ROOT, run_python


def test_the_county_bench_runs_on_a_few_packages() -> None:
    bench = ROOT / "bench" / "bench_county.py"
    done = run_python(str(bench), "--packages", "8", timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "8 packages" in done.stdout and "2 schools" in done.stdout
    assert "NOT all imported" not in done.stdout  # every derived package verified
    assert re.search(r"matrix of \d{4}年 \(2 schools × \d+ obligations\)", done.stdout)
