"""Benchmark: a year's submission package with 200 photos of 2 MB — export (which reads the
written package back and verifies every hash before it counts) beside a plain ``zipfile``
of the same photos, in the same run. Targets: within 1.2× of the plain zip, and the whole
process's peak memory within 150 MB, the limit verify keeps.

Run from the project folder: ``python bench/bench_package.py [--photos N] [--mb M]``. Uses a
temporary data folder with the demo branch (a year of records) and random bytes named
``.jpg`` as photos (already-compressed data, like JPEG). The plain zip is what a secretary
gets with "send to compressed folder": every file deflated. It prints figures; it is not
a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jianshi_desktop.db.models import Attachment, Meeting
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.services import demo
from jianshi_desktop.services.attachments import store_file
from jianshi_desktop.services.store import open_store
from jianshi_desktop.submission.package import PackageOptions, build_package
from jianshi_desktop.submission.verify import verify_package

TARGET = 1.2
MEMORY_TARGET_MB = 150  # as for verify (bench_verify.py): the whole process, demo included


def _peak_mb() -> float | None:
    """The process's peak resident memory so far, in MB (None on Windows)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20 if sys.platform == "darwin" else 1 << 10)


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f} MB"


def _photo_bytes(size: int, seed: int) -> bytes:
    """JPEG-like: a JPEG header, then bytes that do not compress."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(size - 11 - seed % 7)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--password", default="", help="also encrypt (at least 6 characters)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        store = open_store(root / "data", log_to_file=False)
        today = dt.date.today()
        demo.fill_demo(today=today)
        photos = root / "photos"
        photos.mkdir()
        meetings = list(Meeting.select().where(Meeting.state != "draft"))
        for n in range(args.photos):
            photo = photos / f"现场照片{n:03d}.jpg"
            photo.write_bytes(_photo_bytes(int(args.mb * (1 << 20)), n))
            stored = store_file(store.data.attachments, photo)
            Attachment.create(
                sha256=stored.sha256, size=stored.size, file_name=stored.file_name,
                media_type="image/jpeg", kind="photo", meeting=meetings[n % len(meetings)],
            )  # fmt: skip
        period = parse_period(str(today.year))
        before_mb = _peak_mb()
        began = time.perf_counter()
        plain = root / "plain.zip"
        with zipfile.ZipFile(plain, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for photo in sorted(photos.iterdir()):
                archive.write(photo, photo.name)
        plain_s = time.perf_counter() - began
        began = time.perf_counter()
        options = PackageOptions(password=args.password)
        result = build_package(store.data, period, root / "stick", options, today=today)
        export_s = time.perf_counter() - began
        export_peak = _peak_mb()
        began = time.perf_counter()
        report = verify_package(result.path, password=args.password)
        verify_s = time.perf_counter() - began
        assert report.ok, report.problems
        store.close()
    print(f"{args.photos} photos of {args.mb:g} MB, a year of demo records")
    print(f"  plain zip of the photos (deflated)      {plain_s:6.2f} s")
    size_mb = result.size >> 20
    print(
        f"  package export, read back and verified  {export_s:6.2f} s"
        f"  ({result.files} files, {size_mb} MB{', encrypted' if result.encrypted else ''})"
    )
    print(f"  verify the package once more            {verify_s:6.2f} s  (not counted below)")
    print(f"  peak memory: {_mb(before_mb)} before, {_mb(export_peak)} after the export")
    ratio = export_s / plain_s
    verdict = "OK" if ratio <= TARGET else "NOT OK"
    print(f"export + verify = {ratio:.2f}× the plain zip — 目标 / target ≤ {TARGET}×: {verdict}")
    if export_peak is not None:
        verdict = "OK" if export_peak <= MEMORY_TARGET_MB else "NOT OK"
        print(
            f"peak memory of the whole run = {export_peak:.0f} MB"
            f" — 目标 / target ≤ {MEMORY_TARGET_MB} MB: {verdict}"
        )


if __name__ == "__main__":
    main()
