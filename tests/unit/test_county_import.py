"""县局汇总, the import (issue 21): packages verified as the branch side verifies them, kept
read-only with their history (a newer package of the same branch and period supersedes
the older, which is kept), the branch's key remembered at first sight and a package
signed by another key held apart."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from jianshi_desktop.db.models import Setting
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import county, demo, signing_keys
from jianshi_desktop.services.store import Store, open_store
from jianshi_desktop.submission.county import find_packages, import_packages, packages_dir
from jianshi_desktop.submission.package import PackageOptions, build_package

TODAY = dt.date(2026, 11, 26)


@dataclass(frozen=True)
class Sent:
    """What the demo branch sent: July, then July again (made later), then August signed
    by a key nobody announced (a new PC), and a package damaged on the stick."""

    july: Path
    july_again: Path
    august_new_key: Path
    september_new_key: Path
    damaged: Path


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> Sent:
    root = tmp_path_factory.mktemp("county-sent")
    store = open_store(root / "branch", log_to_file=False)
    try:
        demo.fill_demo(today=TODAY)
        july = build_package(
            store.data, parse_period("2026-07"), root / "1", PackageOptions(), today=TODAY
        ).path
        again = build_package(
            store.data,
            parse_period("2026-07"),
            root / "2",
            PackageOptions(),
            today=TODAY + dt.timedelta(days=1),
        ).path
        Setting.delete().where(Setting.key == signing_keys.OWN_KEY).execute()  # a new PC
        august = build_package(
            store.data, parse_period("2026-08"), root / "3", PackageOptions(), today=TODAY
        ).path
        september = build_package(
            store.data, parse_period("2026-09"), root / "5", PackageOptions(), today=TODAY
        ).path
    finally:
        store.close()
    damaged = root / "4" / "坏的_报送包.zip"
    damaged.parent.mkdir()
    data = bytearray(july.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    return Sent(july, again, august, september, damaged)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "county", log_to_file=False)
    try:
        county.make_county_folder()
        yield opened
    finally:
        opened.close()


def test_a_county_folder_is_marked_and_a_branch_folder_cannot_become_one(
    desk: Store, tmp_path: Path
) -> None:
    assert county.is_county_folder()
    desk.close()
    branch = open_store(tmp_path / "branch", log_to_file=False)
    try:
        demo.fill_demo(today=TODAY, with_records=False)
        with pytest.raises(ValidationError, match="已经有支部的数据"):
            county.make_county_folder()
        assert not county.is_county_folder()
    finally:
        branch.close()


def test_packages_are_kept_read_only_with_their_history(desk: Store, sent: Sent) -> None:
    # the later one first: the older one still comes in, as history
    results = import_packages([sent.july_again, sent.july], desk.data)
    assert [r.outcome for r in results] == ["imported", "imported"]
    statuses = {r.path: r.package.status for r in results if r.package}
    assert statuses == {sent.july_again: county.CURRENT, sent.july: county.SUPERSEDED}
    assert "已导入（已有更新的同期报送包" in results[1].text
    (branch,) = county.branches()
    assert branch.packages == 2 and branch.fingerprint is not None
    assert not branch.key_confirmed  # remembered at first sight, to be compared once
    for row in county.packages():
        stored = packages_dir(desk.data) / row.stored_name
        assert stored.is_file() and not os.stat(stored).st_mode & stat.S_IWUSR
    current = county.packages(statuses=[county.CURRENT])
    assert [p.created_at for p in current] == [max(p.created_at for p in county.packages())]
    records, rows = county.package_data(current[0].id)
    assert records["period"]["code"] == "2026-07" and rows  # what the matrix reads
    # the same file again is the same package
    (again,) = import_packages([sent.july], desk.data)
    assert again.outcome == "duplicate" and "以前已导入" in again.text
    county.confirm_key(branch.id)
    assert county.branches()[0].key_confirmed


def test_a_package_signed_by_another_key_is_held_apart_until_accepted(
    desk: Store, sent: Sent
) -> None:
    import_packages([sent.july], desk.data)
    (held,) = import_packages([sent.august_new_key], desk.data)
    assert held.outcome == "imported" and held.package is not None
    assert held.package.status == county.HELD
    assert "签名密钥与以前不同" in held.text
    assert any("电话" in note for note in held.package.notes), held.package.notes
    assert county.packages(statuses=[county.CURRENT])[0].period_code == "2026-07"
    accepted = county.accept_held(held.package.id)
    assert accepted.status == county.CURRENT
    (branch,) = county.branches()
    assert branch.fingerprint == accepted.fingerprint and branch.key_confirmed


def test_a_damaged_package_is_refused_in_chinese_and_nothing_is_kept(
    desk: Store, sent: Sent, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    (stick / "某学校").mkdir(parents=True)
    shutil.copy(sent.damaged, stick / "某学校" / sent.damaged.name)
    shutil.copy(sent.july, stick / sent.july.name)
    (stick / "说明.txt").write_text("不是报送包", encoding="utf-8")
    found = find_packages(stick)
    assert sorted(p.name for p in found) == sorted([sent.damaged.name, sent.july.name])
    results = import_packages(found, desk.data)
    outcomes = {r.path.name: r.outcome for r in results}
    assert outcomes == {sent.damaged.name: "refused", sent.july.name: "imported"}
    refused = next(r for r in results if r.outcome == "refused")
    assert refused.problems and "未导入" in refused.text
    assert len(county.packages()) == 1
    assert len(list(packages_dir(desk.data).iterdir())) == 1
    assert list(desk.data.temp.iterdir()) == []  # the copies checked are gone


def test_a_county_folder_gets_its_daily_backup(desk: Store, sent: Sent) -> None:
    from jianshi_desktop.services.store import backup_if_due

    import_packages([sent.july], desk.data)
    made = backup_if_due(desk)
    assert made is not None and made.is_file()
    assert backup_if_due(desk) is None  # once a day


def test_a_damaged_kept_copy_is_stored_again_when_the_package_comes_again(
    desk: Store, sent: Sent
) -> None:
    (first,) = import_packages([sent.july], desk.data)
    assert first.package is not None
    kept = packages_dir(desk.data) / first.package.stored_name
    os.chmod(kept, stat.S_IRUSR | stat.S_IWUSR)
    kept.write_bytes(kept.read_bytes()[:1000])  # a bad sector, a half-copied backup
    (again,) = import_packages([sent.july], desk.data)
    assert again.outcome == "duplicate" and "已用这份重新存好" in again.text
    assert kept.read_bytes() == sent.july.read_bytes()


def test_what_is_not_a_package_is_refused_before_it_is_read_whole(
    desk: Store, sent: Sent, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jianshi_desktop.submission import county as importing

    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "link_报送包.zip").symlink_to(sent.july)  # links are not followed
    assert find_packages(stick) == []
    monkeypatch.setattr(importing, "MAX_PACKAGE_BYTES", 1 << 20)  # 1 MB for the test
    (big,) = import_packages([sent.july], desk.data)
    assert big.outcome == "refused" and "已停止读取" in big.text
    assert list(desk.data.temp.iterdir()) == []


def test_after_one_held_package_is_accepted_the_others_with_its_key_come_too(
    desk: Store, sent: Sent
) -> None:
    """A school's new PC sent August and September with its new key: both are held; once
    the operator accepts one after the phone call, the other (same key) is taken too."""
    import_packages([sent.july], desk.data)
    held = import_packages([sent.august_new_key, sent.september_new_key], desk.data)
    assert [r.package.status for r in held if r.package] == [county.HELD, county.HELD]
    assert held[0].package is not None
    county.accept_held(held[0].package.id)
    assert county.packages(statuses=[county.HELD]) == []
    current = {p.period_code for p in county.packages(statuses=[county.CURRENT])}
    assert current == {"2026-07", "2026-08", "2026-09"}


def test_a_package_without_its_branchs_number_is_refused(
    desk: Store, sent: Sent, tmp_path: Path
) -> None:
    """Two schools' packages with an empty uid would be taken for one school."""
    from tests.unit.test_signing import MANIFEST, RECORDS, members, rebuild, rehash

    parts = members(sent.july.read_bytes())
    manifest = json.loads(parts[MANIFEST])
    records = json.loads(parts[RECORDS])
    manifest["branch"]["uid"] = records["branch"]["uid"] = ""
    manifest["schema_version"] = 2  # an unsigned older program's package
    parts.pop("signature.json", None)
    parts[RECORDS] = json.dumps(records, ensure_ascii=False).encode()
    parts[MANIFEST] = rehash(parts, manifest)
    path = tmp_path / "无编号.zip"
    path.write_bytes(rebuild(parts))
    (result,) = import_packages([path], desk.data)
    assert result.outcome == "refused" and "没有支部的编号" in result.text, result.problems
    assert county.branches() == []


def test_many_packages_are_read_ahead_on_worker_threads_and_kept_in_order(
    desk: Store, sent: Sent, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Worker threads read and verify the next files while the importing thread keeps
    each: the results come in the order of the files, the same file twice in one import is
    one package, and a refused file among them changes nothing for the others."""
    from jianshi_desktop.submission import county as importing

    monkeypatch.setattr(importing, "workers", lambda: 3)
    files = [sent.july, sent.damaged, sent.july_again, sent.july, sent.august_new_key]
    results = import_packages(files, desk.data)
    assert [r.path for r in results] == files
    assert [r.outcome for r in results] == [
        "imported",
        "refused",
        "imported",
        "duplicate",
        "imported",
    ]
    assert results[3].package is not None and results[0].package is not None
    assert results[3].package.id == results[0].package.id
    assert len(county.packages()) == 3
    assert list(desk.data.temp.iterdir()) == []


def test_a_cancelled_import_leaves_nothing_read_ahead_behind(
    desk: Store, sent: Sent, monkeypatch: pytest.MonkeyPatch
) -> None:
    """取消 after the first package: what the workers had read ahead is dropped (nothing
    left in tmp/, nothing kept), and they never read much further than they were asked."""
    from jianshi_desktop.submission import county as importing

    monkeypatch.setattr(importing, "workers", lambda: 2)
    monkeypatch.setattr(importing, "IN_MEMORY_BYTES", 0)  # every one copied into tmp/
    real_check = importing._check
    checked: list[Path] = []

    def counting(path: Path, *args: object) -> object:
        checked.append(path)
        return real_check(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importing, "_check", counting)
    files = [sent.july, sent.july_again, sent.august_new_key, sent.september_new_key] * 3
    said: list[int] = []

    def progress(_text: str, done: int, _total: int) -> None:
        said.append(done)

    results = import_packages(files, desk.data, progress=progress, cancelled=lambda: len(said) >= 1)
    assert [r.outcome for r in results] == ["imported"]
    assert len(checked) <= 1 + 2 + 1  # the one kept, and at most workers + 1 ahead
    assert len(county.packages()) == 1
    assert list(desk.data.temp.iterdir()) == []
    assert len(list(packages_dir(desk.data).iterdir())) == 1


def test_a_large_package_is_copied_into_tmp_and_kept_the_same_way(
    desk: Store, sent: Sent, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A package larger than what is read into memory is copied into tmp/ instead: it is
    verified and kept all the same, and its copy is moved, not left."""
    from jianshi_desktop.submission import county as importing

    monkeypatch.setattr(importing, "IN_MEMORY_BYTES", 1024)
    results = import_packages([sent.july, sent.damaged, sent.july], desk.data)
    assert [r.outcome for r in results] == ["imported", "refused", "duplicate"]
    (row,) = county.packages()
    stored = packages_dir(desk.data) / row.stored_name
    assert stored.read_bytes() == sent.july.read_bytes()
    assert list(desk.data.temp.iterdir()) == []
