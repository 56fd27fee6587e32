"""启动密码: an optional password asked when the program starts, after a while without
use, and before full personal data is shown or exported.

Stored only as a slow hash (scrypt from :mod:`hashlib`), with its random salt and its
parameters beside it, in the ``setting`` table under :data:`LOCK_KEY`. Without a password
(the default) nothing is asked.

This lock keeps out someone who sits down at the shared PC; it does NOT encrypt the data.
Anyone who can copy the data folder can read it, and can remove the password
(``main.py lock reset``) — it is not a security boundary against file access.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jianshi_desktop.errors import UserError, ValidationError
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.settings import read_value, write_value

LOCK_KEY = "app_lock"  # {"scheme", "n", "r", "p", "dklen", "salt", "hash"}; {} when off
IDLE_KEY = "app_lock_idle_minutes"
SCHEME = "scrypt"
SCRYPT_N = 2**14  # 16 MiB of memory, about 0.05–0.1 s per check
SCRYPT_R = 8
SCRYPT_P = 1
DKLEN = 32
SALT_BYTES = 16
MIN_LENGTH = 4
MAX_LENGTH = 128
DEFAULT_IDLE_MINUTES = 10
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 240
GRACE_SECONDS = 60.0  # after a right password, showing or exporting asks not again so soon
FREE_FAILURES = 3  # wrong passwords in a row before each further try has to wait
MAX_WAIT_SECONDS = 30.0

FORGOTTEN_TEXT = (
    "启动密码无法找回，程序里也没有“后门”。可以这样处理：\n"
    "1. 请能直接打开数据文件夹的人（例如管这台电脑的老师）在命令行运行"
    "“main.py lock reset”取消启动密码，然后重新设置；\n"
    "2. 或者在另一台电脑上用最近的备份恢复数据（备份里的启动密码是备份当时的）。\n"
    "启动密码只防止别人坐到电脑前直接翻看，数据本身没有加密。"
)
WRONG_TEXT = "密码不对，请再输入一次。"

Clock = Callable[[], float]
_clock: Clock = time.monotonic


@dataclass
class _State:
    """This process's memory of the last right password and of wrong tries in a row."""

    confirmed_at: float | None = None
    failures: int = 0
    wait_until: float = 0.0


_state = _State()


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    wait_seconds: float = 0.0  # > 0: not checked; try again after this long
    message: str = ""


def forget_session() -> None:
    """Forget the last right password and the wrong tries (a new session, or tests)."""
    global _state
    _state = _State()


# --- the hash ----------------------------------------------------------------------------


def _derive(password: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=256 * 1024 * 1024
    )


def make_record(password: str) -> dict[str, Any]:
    """What is stored for ``password``: the scrypt hash, its random salt and parameters."""
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _derive(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, DKLEN)
    return {
        "scheme": SCHEME,
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "dklen": DKLEN,
        "salt": salt.hex(),
        "hash": digest.hex(),
    }


def matches(record: dict[str, Any], password: str) -> bool:
    """Whether ``password`` gives the stored hash (with the record's own parameters)."""
    try:
        if record.get("scheme") != SCHEME:
            return False
        salt = bytes.fromhex(str(record["salt"]))
        expected = bytes.fromhex(str(record["hash"]))
        digest = _derive(
            password, salt, int(record["n"]), int(record["r"]), int(record["p"]), len(expected)
        )
    except (KeyError, TypeError, ValueError):
        return False
    return hmac.compare_digest(digest, expected)


# --- reading -----------------------------------------------------------------------------


def stored_record() -> dict[str, Any] | None:
    value = read_value(LOCK_KEY)
    return value if isinstance(value, dict) and value.get("hash") else None


def is_set() -> bool:
    """Whether a 启动密码 is set (one small query)."""
    return stored_record() is not None


def idle_minutes() -> int:
    value = read_value(IDLE_KEY)
    try:
        minutes = int(value) if value is not None else DEFAULT_IDLE_MINUTES
    except (TypeError, ValueError):
        return DEFAULT_IDLE_MINUTES
    return min(max(minutes, MIN_IDLE_MINUTES), MAX_IDLE_MINUTES)


# --- checking ----------------------------------------------------------------------------


def wait_seconds_after(failures: int) -> float:
    """How long to wait after ``failures`` wrong passwords in a row: nothing for the first
    few, then 1, 2, 4 … seconds, at most :data:`MAX_WAIT_SECONDS`."""
    if failures < FREE_FAILURES:
        return 0.0
    return float(min(2 ** (failures - FREE_FAILURES), MAX_WAIT_SECONDS))


def remaining_wait() -> float:
    return max(0.0, _state.wait_until - _clock())


def check(password: str) -> CheckResult:
    """Check ``password`` against the stored hash. A right one is remembered for
    :data:`GRACE_SECONDS`; after repeated wrong ones each try waits a little longer.
    With no password set, anything is right."""
    record = stored_record()
    if record is None:
        return CheckResult(True)
    wait = remaining_wait()
    if wait > 0:
        return CheckResult(False, wait, f"输错的次数较多，请等 {int(wait + 0.999)} 秒再试。")
    if matches(record, password):
        _state.failures = 0
        _state.wait_until = 0.0
        _state.confirmed_at = _clock()
        return CheckResult(True)
    _state.failures += 1
    _state.confirmed_at = None
    wait = wait_seconds_after(_state.failures)
    _state.wait_until = _clock() + wait
    if wait > 0:
        return CheckResult(False, wait, f"{WRONG_TEXT}（请等 {int(wait + 0.999)} 秒再试）")
    return CheckResult(False, 0.0, WRONG_TEXT)


def recently_confirmed(grace_seconds: float = GRACE_SECONDS) -> bool:
    """Whether the right password was entered less than ``grace_seconds`` ago."""
    at = _state.confirmed_at
    return at is not None and _clock() - at < grace_seconds


def needs_password(grace_seconds: float = GRACE_SECONDS) -> bool:
    """Whether showing or exporting full personal data must ask for the password now."""
    return not recently_confirmed(grace_seconds) and is_set()


# --- changing ----------------------------------------------------------------------------


def _valid_new(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise ValidationError(f"启动密码至少要{MIN_LENGTH}个字符。", field="password")
    if len(password) > MAX_LENGTH:
        raise ValidationError(f"启动密码最多{MAX_LENGTH}个字符。", field="password")
    if password != password.strip():
        raise ValidationError("启动密码的开头和结尾不能是空格。", field="password")


def _old_right(old: str) -> dict[str, Any] | None:
    record = stored_record()
    if record is not None and not matches(record, old):
        raise UserError(
            "原来的启动密码不对，没有改动。", hint="忘记了原来的密码？请看“忘记密码？”。"
        )
    return record


def set_password(new: str, *, old: str = "") -> None:
    """Set the password, or change it (then ``old`` must be the current one)."""
    _valid_new(new)
    with user_action("set_app_lock", entity="setting") as audit:
        had = _old_right(old) is not None
        write_value(LOCK_KEY, make_record(new))
        audit.summary = "修改了启动密码" if had else "设置了启动密码"
        audit.detail = {"key": LOCK_KEY, "changed": had}  # never the password or its hash
    forget_session()


def remove_password(old: str) -> bool:
    """Remove the password (``old`` must be the current one); False when none was set."""
    if _old_right(old) is None:
        return False
    _turn_off("remove_app_lock", "取消了启动密码")
    return True


def reset_without_password() -> bool:
    """``main.py lock reset``: remove the password without it, for whoever can open the
    data folder (which anyone with the folder can do anyway); False when none was set."""
    if stored_record() is None:
        return False
    _turn_off("reset_app_lock", "在命令行取消了启动密码（忘记密码）")
    return True


def _turn_off(action: str, summary: str) -> None:
    with user_action(action, entity="setting") as audit:
        write_value(LOCK_KEY, {})  # off: no hash
        audit.summary = summary
        audit.detail = {"key": LOCK_KEY}
    forget_session()


def set_idle_minutes(minutes: int) -> None:
    if not MIN_IDLE_MINUTES <= minutes <= MAX_IDLE_MINUTES:
        raise ValidationError(
            f"空闲锁定时间应在{MIN_IDLE_MINUTES}到{MAX_IDLE_MINUTES}分钟之间。", field=IDLE_KEY
        )
    with user_action("change_setting", entity="setting") as audit:
        old = idle_minutes()
        write_value(IDLE_KEY, minutes)
        audit.summary = f"“空闲多久后锁定”由{old}分钟改为{minutes}分钟"
        audit.detail = {"key": IDLE_KEY, "old": old, "new": minutes}
