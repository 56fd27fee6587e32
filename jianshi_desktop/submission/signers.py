"""The verifying side of package signatures: the keys of the branches whose packages this
data folder received, remembered per branch (``known_signing_keys`` in the ``setting``
table: ``{branch uid: {"public_key", "branch_name", "remembered_at"}}``), and the judgement
of a verified package's signer against them (docs/package-format.md, “签名”)."""

from __future__ import annotations

from typing import Any

from jianshi_desktop import signatures as signing
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.settings import read_value, write_value
from jianshi_desktop.services.signing_keys import now_text
from jianshi_desktop.submission.verify import VerifyReport, judge_signer

KNOWN_KEYS = "known_signing_keys"


def known_keys() -> dict[str, dict[str, Any]]:
    value = read_value(KNOWN_KEYS)
    return value if isinstance(value, dict) else {}


def known_fingerprint(uid: str) -> str | None:
    entry = known_keys().get(uid)
    if not isinstance(entry, dict):
        return None
    try:
        return signing.fingerprint(signing.decode(str(entry["public_key"])))
    except (KeyError, ValueError):
        return None


def remember(uid: str, branch_name: str, public_key: bytes) -> None:
    with user_action("remember_signing_key", entity="setting") as audit:
        keys = known_keys()
        keys[uid] = {
            "public_key": signing.encode(public_key),
            "branch_name": branch_name,
            "remembered_at": now_text(),
        }
        write_value(KNOWN_KEYS, keys)
        audit.summary = (
            f"记下“{branch_name}”的报送包签名密钥（指纹 {signing.fingerprint(public_key)}）"
        )


def known_key(uid: str) -> bytes | None:
    entry = known_keys().get(uid)
    if not isinstance(entry, dict):
        return None
    try:
        return signing.decode(str(entry["public_key"]))
    except (KeyError, ValueError):
        return None


def check_signer(report: VerifyReport, *, accept_new_key: bool = False) -> VerifyReport:
    """Judge a verified package's signer against the key remembered for its branch, and
    remember the signer's key when it is the first, announced or explicitly accepted."""
    if not report.ok or report.manifest is None:
        return report
    branch = report.manifest["branch"]
    uid = str(branch["uid"])
    known = known_key(uid) if uid else None
    if judge_signer(report, known, accept_new_key=accept_new_key) and uid:
        assert report.signer is not None
        remember(uid, str(branch["name"]), report.signer.public_key)
    return report
