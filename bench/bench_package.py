"""Benchmark: a year's submission package with 200 photos of 2 MB, export + verify, beside
a plain zip of the same photos (target: within 3× of the plain zip).

Run from the project folder: ``python bench/bench_package.py [--photos N]``. Uses a
temporary data folder with the demo branch (a year of records) and random bytes as
photos (already-compressed data, like JPEG).
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--mb", type=float, default=2.0)
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
            photo.write_bytes(os.urandom(int(args.mb * (1 << 20))))
            stored = store_file(store.data.attachments, photo)
            Attachment.create(
                sha256=stored.sha256, size=stored.size, file_name=stored.file_name,
                media_type="image/jpeg", kind="photo", meeting=meetings[n % len(meetings)],
            )  # fmt: skip
        period = parse_period(str(today.year))
        began = time.perf_counter()
        plain = root / "plain.zip"
        with zipfile.ZipFile(plain, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for photo in sorted(photos.iterdir()):
                archive.write(photo, photo.name)
        plain_s = time.perf_counter() - began
        began = time.perf_counter()
        result = build_package(store.data, period, root / "stick", PackageOptions(), today=today)
        export_s = time.perf_counter() - began
        began = time.perf_counter()
        report = verify_package(result.path)
        verify_s = time.perf_counter() - began
        assert report.ok, report.problems
        store.close()
    total = export_s + verify_s
    print(f"{args.photos} photos of {args.mb:g} MB, a year of demo records")
    print(f"  plain zip of the photos      {plain_s:6.2f} s")
    size_mb = result.size >> 20
    print(f"  package export (with verify) {export_s:6.2f} s  ({result.files} files, {size_mb} MB)")
    print(f"  package verify again         {verify_s:6.2f} s")
    ratio = total / plain_s
    verdict = "OK" if ratio <= 3 else "SLOW"
    print(f"export + verify = {ratio:.1f}× the plain zip — 目标 / target ≤ 3×: {verdict}")


if __name__ == "__main__":
    main()
