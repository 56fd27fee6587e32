"""Ed25519 signatures on a package (docs/package-format.md, “签名”).

A package of schema version 3 carries ``signature.json`` beside ``manifest.json``::

    {"algorithm": "Ed25519", "public_key": "<base64, 32 bytes>",
     "signature": "<base64, 64 bytes: over the exact bytes of manifest.json>",
     "key_change": {"previous_public_key": "<base64>",
                    "signature_by_previous": "<base64: the old key over KEY_CHANGE_PREFIX +
                                               the new raw public key>"}}   # optional

``signature.json`` is not listed in the manifest (it signs the manifest); verify knows it
by name. Keys are raw 32-byte Ed25519 keys. ``cryptography`` is imported only when a key
is made, something is signed or a signature checked — never at start-up; the fingerprint
is plain SHA-256 and needs no import.
"""

from __future__ import annotations

import binascii
from dataclasses import dataclass

from jianshi_desktop.signatures import (  # re-exported: the package side uses them here
    ALGORITHM,
    KEY_CHANGE_PREFIX,
    KeyChange,
    KeyPair,
    announce,
    decode,
    encode,
    fingerprint,
    key_pair,
    new_key,
    sign,
    signature_document,
    signature_valid,
)
from jianshi_desktop.submission import schema

__all__ = [
    "ALGORITHM",
    "KEY_CHANGE_PREFIX",
    "KeyChange",
    "KeyPair",
    "SignatureProblem",
    "Signed",
    "announce",
    "check_signature",
    "decode",
    "encode",
    "fingerprint",
    "key_pair",
    "new_key",
    "sign",
    "signature_document",
    "signature_valid",
]

SIGNATURE_NAME = "signature.json"
MAX_SIGNATURE = 64 << 10  # bytes of signature.json (about 300 in fact)
_KEY = r"[A-Za-z0-9+/]{43}="  # base64 of 32 bytes
_SIG = r"[A-Za-z0-9+/]{86}=="  # base64 of 64 bytes
SIGNATURE_SCHEMA = schema.Obj(
    {
        "algorithm": schema.Str(1, 40),
        "public_key": schema.Str(44, 44, _KEY),
        "signature": schema.Str(88, 88, _SIG),
    },
    optional={
        "key_change": schema.Obj(
            {
                "previous_public_key": schema.Str(44, 44, _KEY),
                "signature_by_previous": schema.Str(88, 88, _SIG),
            }
        )
    },
)


@dataclass(frozen=True)
class Signed:
    """What a package's ``signature.json`` says, checked: the signer and, when the key
    was changed, the previous key that announced it (its signature also checked)."""

    public_key: bytes
    previous_public_key: bytes | None = None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    @property
    def previous_fingerprint(self) -> str | None:
        return None if self.previous_public_key is None else fingerprint(self.previous_public_key)


class SignatureProblem(Exception):
    """The signature cannot be believed; ``str()`` says why, in Chinese."""


TAMPERED = "签名与清单不符：报送包在签名之后被改动过（或签名文件被换掉了），不能相信其中的内容"


def check_signature(raw: bytes, manifest: bytes) -> Signed:
    """Read ``signature.json`` and check it against the exact ``manifest`` bytes."""
    document_name = f"签名文件 {SIGNATURE_NAME} "
    try:
        document = schema.parse(raw, document_name)
    except schema.SchemaError as exc:
        raise SignatureProblem(str(exc)) from None
    problem = schema.check(document, SIGNATURE_SCHEMA, "签名文件")
    if problem:
        raise SignatureProblem(problem)
    if document["algorithm"] != ALGORITHM:
        raise SignatureProblem(
            f"签名文件用的签名方法“{document['algorithm'][:40]}”本程序不认识（应为 {ALGORITHM}）"
        )
    try:
        public_key = decode(document["public_key"])
        signature = decode(document["signature"])
        change = document.get("key_change")
        previous = decode(change["previous_public_key"]) if change else None
        by_previous = decode(change["signature_by_previous"]) if change else None
    except (binascii.Error, ValueError):
        raise SignatureProblem("签名文件中的密钥或签名不是正确的 base64 编码") from None
    if not signature_valid(public_key, signature, manifest):
        raise SignatureProblem(TAMPERED)
    if previous is not None and by_previous is not None:
        if not signature_valid(previous, by_previous, KEY_CHANGE_PREFIX + public_key):
            raise SignatureProblem("签名文件中的“更换密钥声明”不是原来的密钥签的，不能相信这次更换")
        return Signed(public_key, previous)
    return Signed(public_key)
