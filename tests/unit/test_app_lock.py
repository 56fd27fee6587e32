"""启动密码, the service: only a slow salted hash is stored; checking, changing, removing;
the wait after repeated wrong tries; the commands that reveal full personal data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from jianshi_desktop.db.models import AuditLog, Setting
from jianshi_desktop.errors import UserError, ValidationError
from jianshi_desktop.services import app_lock
from jianshi_desktop.services.store import Store
from tests.support import make_branch_folder, run_main

PASSWORD = "open-sesame"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def fresh_session(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeClock]:
    clock = FakeClock()
    monkeypatch.setattr(app_lock, "_clock", clock)  # the waits, without waiting
    app_lock.forget_session()
    yield clock
    app_lock.forget_session()


def test_off_by_default_and_nothing_is_asked(store: Store) -> None:
    assert not app_lock.is_set()
    assert not app_lock.needs_password()
    assert app_lock.check("anything").ok
    assert app_lock.idle_minutes() == app_lock.DEFAULT_IDLE_MINUTES == 10


def test_only_a_salted_scrypt_hash_is_stored(store: Store) -> None:
    app_lock.set_password(PASSWORD)
    row = Setting.get(Setting.key == app_lock.LOCK_KEY)
    stored = json.dumps(row.value)
    assert PASSWORD not in stored
    record = row.value
    assert record["scheme"] == "scrypt"
    assert (record["n"], record["r"], record["p"]) == (2**14, 8, 1)
    assert len(bytes.fromhex(record["salt"])) == app_lock.SALT_BYTES
    assert record["hash"] != PASSWORD.encode().hex()
    # the same password twice: another salt, another hash
    again = app_lock.make_record(PASSWORD)
    assert again["salt"] != record["salt"] and again["hash"] != record["hash"]
    assert app_lock.matches(again, PASSWORD)
    # the audit row says what happened, never the password or the hash
    audit = AuditLog.select().where(AuditLog.action == "set_app_lock").get()
    assert PASSWORD not in json.dumps(audit.detail) and record["hash"] not in str(audit.detail)


def test_the_stored_parameters_are_used_when_checking(store: Store) -> None:
    record = app_lock.make_record(PASSWORD)
    cheaper = dict(record, n=2**10)
    assert not app_lock.matches(cheaper, PASSWORD), "the parameters belong to the hash"
    assert not app_lock.matches({"scheme": "md5", "hash": "00", "salt": "00"}, PASSWORD)
    assert not app_lock.matches({"scheme": "scrypt"}, PASSWORD)


def test_right_and_wrong_passwords(store: Store, fresh_session: FakeClock) -> None:
    app_lock.set_password(PASSWORD)
    assert app_lock.is_set() and app_lock.needs_password()
    wrong = app_lock.check("not-it")
    assert not wrong.ok and wrong.message == app_lock.WRONG_TEXT and wrong.wait_seconds == 0
    assert app_lock.check(PASSWORD).ok
    assert not app_lock.needs_password(), "a short grace after a right password"
    fresh_session.now += app_lock.GRACE_SECONDS + 1
    assert app_lock.needs_password()


def test_repeated_wrong_passwords_wait_a_little_longer_each_time(
    store: Store, fresh_session: FakeClock
) -> None:
    app_lock.set_password(PASSWORD)
    waits = []
    for _ in range(6):
        result = app_lock.check("wrong")
        waits.append(result.wait_seconds)
        fresh_session.now += result.wait_seconds
    assert waits == [0, 0, 1, 2, 4, 8]
    app_lock.check("wrong")  # now 16 s
    fresh_session.now += 5
    early = app_lock.check(PASSWORD)
    assert not early.ok and early.wait_seconds > 0 and "请等" in early.message
    fresh_session.now += 12
    assert app_lock.check(PASSWORD).ok
    assert app_lock.check("wrong").wait_seconds == 0, "a right one starts the count again"
    assert app_lock.wait_seconds_after(100) == app_lock.MAX_WAIT_SECONDS


def test_changing_needs_the_old_password(store: Store) -> None:
    app_lock.set_password(PASSWORD)
    with pytest.raises(UserError, match="原来的启动密码不对"):
        app_lock.set_password("new-one", old="wrong")
    with pytest.raises(UserError):
        app_lock.set_password("new-one")  # no old one given
    assert app_lock.check(PASSWORD).ok
    app_lock.set_password("new-one", old=PASSWORD)
    assert not app_lock.check(PASSWORD).ok
    assert app_lock.check("new-one").ok


def test_a_new_password_must_be_usable(store: Store) -> None:
    with pytest.raises(ValidationError):
        app_lock.set_password("abc")
    with pytest.raises(ValidationError):
        app_lock.set_password(" spaced ")
    assert not app_lock.is_set()


def test_removing_needs_the_old_password(store: Store) -> None:
    app_lock.set_password(PASSWORD)
    with pytest.raises(UserError):
        app_lock.remove_password("wrong")
    assert app_lock.is_set()
    assert app_lock.remove_password(PASSWORD)
    assert not app_lock.is_set() and not app_lock.needs_password()
    assert not app_lock.remove_password(PASSWORD), "nothing left to remove"
    actions = [a.action for a in AuditLog.select().order_by(AuditLog.id)]
    assert actions[-2:] == ["set_app_lock", "remove_app_lock"]


def test_reset_without_the_password_is_audited(store: Store) -> None:
    app_lock.set_password(PASSWORD)
    assert app_lock.reset_without_password()
    assert not app_lock.is_set()
    assert AuditLog.select().where(AuditLog.action == "reset_app_lock").count() == 1


def test_idle_minutes(store: Store) -> None:
    app_lock.set_idle_minutes(3)
    assert app_lock.idle_minutes() == 3
    with pytest.raises(ValidationError):
        app_lock.set_idle_minutes(0)
    assert app_lock.idle_minutes() == 3


# --- the commands that reveal full personal data -----------------------------------------


@pytest.fixture
def locked_data(data_root: Path) -> Path:
    """A data folder with a 启动密码, closed, for main.py."""
    return make_branch_folder(data_root, password=PASSWORD)


def test_roster_export_asks_for_the_password(locked_data: Path, tmp_path: Path) -> None:
    target = tmp_path / "花名册.xlsx"
    refused = run_main("--data-dir", str(locked_data), "roster", "export", str(target))
    assert refused.returncode == 1
    assert "启动密码" in refused.stderr and "--lock-password-file" in refused.stderr
    assert not target.exists()

    masked = run_main("--data-dir", str(locked_data), "roster", "export", "--mask-ids", str(target))
    assert masked.returncode == 0, masked.stderr
    target.unlink()

    wrong = tmp_path / "wrong.txt"
    wrong.write_text("nope\n", encoding="utf-8")
    refused = run_main(
        "--data-dir", str(locked_data), "roster", "export", str(target),
        "--lock-password-file", str(wrong),
    )  # fmt: skip
    assert refused.returncode == 1 and "不对" in refused.stderr
    assert not target.exists()

    right = tmp_path / "right.txt"
    right.write_text(PASSWORD + "\n", encoding="utf-8")
    done = run_main(
        "--data-dir", str(locked_data), "roster", "export", str(target),
        "--lock-password-file", str(right), "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ok"] and target.exists()


def test_render_roster_full_ids_and_lock_reset(locked_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ("--data-dir", str(locked_data), "render", "roster", "--out", str(out))
    assert run_main(*args).returncode == 0, "masked: nothing asked"
    refused = run_main(*args, "--full-ids")
    assert refused.returncode == 1 and "启动密码" in refused.stderr

    reset = run_main("--data-dir", str(locked_data), "lock", "reset", "--json")
    assert reset.returncode == 0, reset.stderr
    assert json.loads(reset.stdout) == {"ok": True, "removed": True}
    assert run_main(*args, "--full-ids").returncode == 0, "no password: nothing asked"


def test_package_export_full_ids_is_refused_without_a_terminal(
    locked_data: Path, tmp_path: Path
) -> None:
    password = tmp_path / "zip.txt"
    password.write_text("zip-secret\n", encoding="utf-8")
    refused = run_main(
        "--data-dir", str(locked_data), "package", "export", "--period", "2025",
        "--out", str(tmp_path / "usb"), "--password-file", str(password), "--full-ids",
    )  # fmt: skip
    assert refused.returncode == 1 and "启动密码" in refused.stderr
