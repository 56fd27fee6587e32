"""Exporting safely: every record has its own file name (render, 台账, 报送包), and writing a
package to a stick never leaves a half-written, unverified or plain-text package behind —
the previous package stays until the new one verifies."""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jianshi_desktop.db.models import HeartTalk, ThemeDay
from jianshi_desktop.documents.model import Contents
from jianshi_desktop.domain.enums import RecordState
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.errors import UserError
from jianshi_desktop.services import demo, documents, heart_talks, theme_days
from jianshi_desktop.services.attachments import entry_for
from jianshi_desktop.services.record_kinds import HEART_TALK, THEME_DAY
from jianshi_desktop.services.store import Store, open_store
from jianshi_desktop.submission import crypto, names
from jianshi_desktop.submission import package as pkg
from jianshi_desktop.submission.package import PackageOptions, build_package
from jianshi_desktop.submission.verify import VerifyReport, verify_package

TODAY = dt.date(2026, 11, 26)
PERIOD = parse_period("2026-07")
PASSWORD = "建始2026"
ZIP_MAGIC = b"PK\x03\x04"


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo branch plus clashing records in July 2026: a second 主题党日 in the month
    and a second talk on the same day with the same people, each with a photo of the
    same name as the first one's."""
    root = tmp_path_factory.mktemp("demo") / "data"
    store = open_store(root, log_to_file=False)
    demo.fill_demo(today=TODAY)
    photos = tmp_path_factory.mktemp("photos")
    photo = photos / "现场照片.jpg"
    done = (RecordState.FINISHED, RecordState.ARCHIVED)
    within = ThemeDay.held_on.between(PERIOD.start, PERIOD.end) & ThemeDay.state.in_(done)
    day = ThemeDay.select().where(within).order_by(ThemeDay.id).first()
    within = HeartTalk.held_on.between(PERIOD.start, PERIOD.end) & HeartTalk.state.in_(done)
    within &= HeartTalk.confidential == False  # noqa: E712
    talk = HeartTalk.select().where(within).order_by(HeartTalk.id).first()
    assert day is not None and talk is not None, "the demo has a theme day and a talk in July"
    for kind, record_id in (("theme_day", day.id), ("heart_talk", talk.id)):
        for copy in range(2):  # two more of each: three that share a name
            photo.write_bytes(b"\xff\xd8" + f"{kind}{copy}".encode() * 500)
            entry = entry_for(store.data.attachments, photo)
            if kind == "theme_day":
                form = theme_days.load_theme_day(record_id)
                on = form.held_on.replace(day=27 - copy)
                form = dataclasses.replace(form, held_on=on, attachments=[entry])
                THEME_DAY.finish(form, today=TODAY)
            else:
                talk_form = heart_talks.load_heart_talk(record_id)
                talk_form = dataclasses.replace(talk_form, attachments=[entry])
                HEART_TALK.finish(talk_form, today=TODAY)
    store.close()
    return root


@pytest.fixture
def branch(demo_folder: Path) -> Iterator[Store]:
    store = open_store(demo_folder, log_to_file=False)
    yield store
    store.close()


def export(store: Store, target: Path, **options: object) -> Path:
    chosen = PackageOptions(**options)  # type: ignore[arg-type]
    return build_package(store.data, PERIOD, target, chosen, today=TODAY).path


def plain_zips(folder: Path) -> list[str]:
    """Files in ``folder`` (at any depth) that start as a plain zip."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                if handle.read(4) == ZIP_MAGIC:
                    found.append(path.name)
    return found


# --- unique names ----------------------------------------------------------------------------


def test_clashing_records_get_unique_stable_names(branch: Store) -> None:
    refs = documents.records_in(PERIOD, include_confidential=True)
    stems = [r.stem for r in refs]
    assert len(set(stems)) == len(stems), stems
    days = [r for r in refs if r.record_type == "theme_day"]
    base = "2026年7月主题党日活动记录"
    by_id = sorted(days, key=lambda d: d.id)
    assert [d.stem for d in by_id] == [base, f"{base}（2）", f"{base}（3）"], "numbered by id"
    assert [d.stem for d in days] == [base, f"{base}（3）", f"{base}（2）"], "in date order"
    talks = [r for r in refs if r.record_type == "heart_talk"]
    same_day = [t for t in talks if t.held_on == talks[0].held_on]
    assert [t.stem for t in same_day] == [same_day[0].stem + m for m in ("", "（2）", "（3）")]
    # stable: the same name each time, from each way of asking
    assert [r.stem for r in documents.records_in(PERIOD, include_confidential=True)] == stems
    for ref in refs:
        assert documents.record_file_stem(ref.record_type, ref.id) == ref.stem
    # the contents line carries the same number, so the 台账 tells them apart too
    lines = [r.line for r in refs]
    assert len(set(lines)) == len(lines) and by_id[1].line.endswith("主题党日活动记录（2）")


def test_a_draft_does_not_renumber_finished_records(branch: Store) -> None:
    day = next(r for r in documents.records_in(PERIOD) if r.record_type == "theme_day")
    form = theme_days.load_theme_day(day.id)
    draft = THEME_DAY.save_draft(
        dataclasses.replace(form, held_on=form.held_on.replace(day=2), attachments=[])
    )
    try:
        before = [r.stem for r in documents.records_in(PERIOD)]
        assert documents.record_file_stem("theme_day", draft) == "2026年7月主题党日活动记录（4）"
        assert [r.stem for r in documents.records_in(PERIOD)] == before
    finally:
        THEME_DAY.delete_draft(draft)


def test_rendered_records_have_one_file_each(branch: Store, tmp_path: Path) -> None:
    refs = documents.records_in(PERIOD, include_confidential=True)
    written: list[Path] = []
    for ref in refs:
        stem = documents.record_file_stem(ref.record_type, ref.id)
        document = documents.record_document(ref.record_type, ref.id)
        written += documents.write(document, tmp_path, stem, "docx")
    assert len(set(written)) == len(refs) == len(list(tmp_path.iterdir()))


def test_the_ledger_lists_every_record_apart(branch: Store) -> None:
    ledger = documents.ledger(PERIOD, include_confidential=True, today=TODAY)
    (contents,) = [b for b in ledger.blocks if isinstance(b, Contents)]
    texts = [entry.text for entry in contents.entries]
    assert (
        len(texts)
        == len(set(texts))
        == len(documents.records_in(PERIOD, include_confidential=True))
    )
    assert any(text.endswith("主题党日活动记录（2）") for text in texts)


def test_the_package_has_no_duplicate_entries_and_unzips_whole(
    branch: Store, tmp_path: Path
) -> None:
    path = export(branch, tmp_path / "stick", include_confidential=True)
    with zipfile.ZipFile(path) as archive:
        listed = archive.namelist()
        assert len(listed) == len(set(listed)) == len({n.casefold() for n in listed})
        archive.extractall(tmp_path / "unzipped")
    assert len([p for p in (tmp_path / "unzipped").rglob("*") if p.is_file()]) == len(listed)
    assert "文书/记录/2026年7月主题党日活动记录（2）.pdf" in listed
    assert "文书/记录/2026年7月主题党日活动记录.pdf" in listed
    photos = [n for n in listed if n.startswith("附件/") and n.endswith("现场照片.jpg")]
    assert len(photos) == 4 and len({n.split("/")[1] for n in photos}) == 4
    refs = documents.records_in(PERIOD, include_confidential=True)
    for ref in refs:
        assert f"文书/记录/{ref.stem}.docx" in listed
    assert verify_package(path).ok


# --- writing safely --------------------------------------------------------------------------


def test_a_failure_mid_write_leaves_no_part_and_the_previous_package(
    branch: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "stick"
    previous = export(branch, stick)
    kept = previous.read_bytes()

    def pulled_out(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    with monkeypatch.context() as patched:
        patched.setattr(pkg.os, "fsync", pulled_out)
        with pytest.raises(UserError) as caught:
            export(branch, stick)
    assert "报送包没有写完" in caught.value.message
    assert [p.name for p in stick.iterdir()] == [previous.name], "no .part beside it"
    assert previous.read_bytes() == kept and verify_package(previous).ok
    assert not list(branch.data.temp.iterdir()), "scratch files and the part list are gone"


def test_a_part_that_does_not_verify_never_replaces_the_previous_package(
    branch: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "stick"
    previous = export(branch, stick, password=PASSWORD)
    kept = previous.read_bytes()

    def damaged(path: Path, **options: Any) -> VerifyReport:
        assert path.name.endswith(".part"), "the part is verified, before the rename"
        assert previous.read_bytes() == kept, "the previous package is still there meanwhile"
        return VerifyReport(path=path, problems=["文件“数据/records.json”与清单不符。"])

    monkeypatch.setattr(pkg, "verify_package", damaged)
    with pytest.raises(UserError) as caught:
        export(branch, stick, password=PASSWORD)
    assert "读回检查，内容对不上" in caught.value.message
    assert [p.name for p in stick.iterdir()] == [previous.name]
    assert previous.read_bytes() == kept
    assert verify_package(previous, password=PASSWORD).ok


def test_a_failed_rename_keeps_the_previous_package(
    branch: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "stick"
    previous = export(branch, stick)
    kept = previous.read_bytes()

    real_replace = os.replace

    def busy(source: str | Path, target: str | Path) -> None:
        if Path(target) == previous:  # the package is open in another program
            raise PermissionError(errno.EACCES, "The file is in use")
        real_replace(source, target)

    with monkeypatch.context() as patched:
        patched.setattr(pkg.os, "replace", busy)
        with pytest.raises(UserError) as caught:
            export(branch, stick)
    assert "原来的报送包保持不变" in caught.value.message
    assert [p.name for p in stick.iterdir()] == [previous.name]
    assert previous.read_bytes() == kept


def test_an_encrypted_export_never_puts_plain_zip_bytes_on_the_stick(
    branch: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "stick"
    seen: list[list[str]] = []
    real_verify = pkg.verify_package
    real_encrypt = crypto.encrypt_file

    def watching_verify(path: Path, **options: Any) -> VerifyReport:
        assert path.is_file() and path.stat().st_size > 0, "the whole part is written"
        seen.append(plain_zips(stick))
        return real_verify(path, **options)

    def watching_encrypt(source: io.BufferedReader, target: io.BufferedWriter, *a, **k):  # type: ignore[no-untyped-def]
        seen.append(plain_zips(stick))
        result = real_encrypt(source, target, *a, **k)
        target.flush()
        seen.append(plain_zips(stick))
        return result

    monkeypatch.setattr(pkg, "verify_package", watching_verify)
    monkeypatch.setattr(pkg.crypto, "encrypt_file", watching_encrypt)
    path = export(branch, stick, password=PASSWORD)
    assert len(seen) == 3 and seen == [[], [], []], seen
    assert plain_zips(stick) == [] and path.name.endswith(".zip.enc")
    assert [p.name for p in stick.iterdir()] == [path.name]

    # … and when it fails after the encrypted part is written: still nothing plain, no part
    def broken(path: Path, **options: Any) -> VerifyReport:
        seen.append(plain_zips(stick))
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(pkg, "verify_package", broken)
    with pytest.raises(OSError):
        export(branch, stick, password=PASSWORD)
    assert seen[-1] == [] and plain_zips(stick) == []
    assert [p.name for p in stick.iterdir()] == [path.name]
    assert not list(branch.data.temp.iterdir())


def test_cancelling_an_encrypted_export_leaves_nothing(branch: Store, tmp_path: Path) -> None:
    def cancelled() -> bool:  # while the package is encrypted onto the stick
        return any(p.name.endswith(".part") for p in tmp_path.iterdir())

    with pytest.raises(pkg.Cancelled):
        build_package(
            branch.data,
            PERIOD,
            tmp_path,
            PackageOptions(password=PASSWORD, include_confidential=True),
            cancelled=cancelled,
            today=TODAY,
        )
    assert list(tmp_path.iterdir()) == [] and not list(branch.data.temp.iterdir())


def test_a_stale_part_is_removed_at_the_next_start(demo_folder: Path, tmp_path: Path) -> None:
    stick, gone = tmp_path / "stick", tmp_path / "unplugged"
    stick.mkdir()
    part = stick / ".青山湾小学党支部_2026年7月_报送包.zip.enc.part"
    part.write_bytes(b"JSBSENC2 half written")
    elsewhere = gone / ".另一个_报送包.zip.part"
    not_a_part = stick / "照片.jpg"
    not_a_part.write_bytes(b"photo")
    temp = demo_folder / "tmp"
    names.remember_part(temp, part)
    names.remember_part(temp, elsewhere)
    names.remember_part(temp, not_a_part)  # a bad list never removes anything but a part
    store = open_store(demo_folder, log_to_file=False)  # the next start
    try:
        assert not part.exists() and not_a_part.exists()
        # a stick not plugged in now: remembered for later
        assert names.clean_pending_parts(store.data.temp) == [elsewhere]
        gone.mkdir()
        elsewhere.write_bytes(b"PK\x03\x04 plain half")
        assert names.clean_pending_parts(store.data.temp) == []
        assert not elsewhere.exists()
        assert not list(store.data.temp.iterdir())
    finally:
        store.close()


def test_a_stale_part_is_removed_before_the_next_export(branch: Store, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    stale = stick / ".旧的_报送包.zip.part"
    stale.write_bytes(b"PK\x03\x04 plain half")
    names.remember_part(branch.data.temp, stale)
    path = export(branch, stick)
    assert [p.name for p in stick.iterdir()] == [path.name]
    assert not list(branch.data.temp.iterdir())


def test_full_ids_only_with_a_password(branch: Store, tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        export(branch, tmp_path / "stick", full_ids=True)
    assert caught.value.message == "完整的身份证号码只能放进设了密码的报送包。"
    assert "设置密码" in caught.value.hint
    assert not (tmp_path / "stick").exists() or not list((tmp_path / "stick").iterdir())
    path = export(branch, tmp_path / "stick", full_ids=True, password=PASSWORD)
    report = verify_package(path, password=PASSWORD)
    assert report.ok and report.encrypted
    assert report.manifest is not None and report.manifest["options"]["full_ids"] is True


def test_an_encrypted_export_derives_its_key_once_and_reads_back_with_it(
    branch: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """scrypt takes 32 MB: once, before the documents, not again to read the part back."""
    derived: list[bytes] = []
    real_key = crypto._key

    def counting_key(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
        derived.append(salt)
        return real_key(password, salt, n, r, p)

    monkeypatch.setattr(crypto, "_key", counting_key)
    path = export(branch, tmp_path / "stick", password=PASSWORD)
    assert len(derived) == 1
    # a reader without the export's key derives it, from the same salt, and it opens
    assert verify_package(path, password=PASSWORD).ok
    assert len(derived) == 2 and derived[0] == derived[1]
    # the export's key is no help to another file or a wrong password
    other = crypto.sealing_key(PASSWORD)
    assert len(derived) == 3
    wrong = verify_package(path, password="不是这个密码", known_key=other)
    assert not wrong.ok and "密码不正确" in wrong.problems[0]
