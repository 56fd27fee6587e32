"""Ed25519 keys and signatures, the primitives (docs/package-format.md, “签名”): a
branch signs its packages with its own key (``services.signing_keys`` keeps it in the
database), the receiving side checks them (``submission.signing``, ``submission.signers``).

Keys are raw 32-byte Ed25519 keys. ``cryptography`` is imported only when a key is made,
something is signed or a signature checked — never at start-up; the fingerprint is plain
SHA-256 and needs no import. No layer of the app is below this module's needs, so any may
use it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any

ALGORITHM = "Ed25519"
KEY_CHANGE_PREFIX = b"jianshi-submission key change v1:"


def fingerprint(public_key: bytes) -> str:
    """The key's short fingerprint: the first 16 hex digits of SHA-256 of the raw public
    key, in groups of four: ``3F2A-9C01-5B7E-D480``."""
    digits = hashlib.sha256(public_key).hexdigest()[:16].upper()
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def encode(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def decode(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class KeyPair:
    private_key: bytes  # raw 32 bytes
    public_key: bytes  # raw 32 bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def new_key() -> KeyPair:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return key_pair(Ed25519PrivateKey.generate().private_bytes_raw())


def key_pair(private_key: bytes) -> KeyPair:
    """The pair of a stored raw private key (ValueError when it is not one)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.from_private_bytes(private_key)
    return KeyPair(private_key, key.public_key().public_bytes_raw())


def sign(private_key: bytes, message: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(private_key).sign(message)


def signature_valid(public_key: bytes, signature: bytes, message: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class KeyChange:
    """The announcement that ``previous`` handed over to the signing key."""

    previous_public_key: bytes
    signature_by_previous: bytes


def announce(previous: KeyPair, new_public_key: bytes) -> KeyChange:
    """The old key's signature over the new public key."""
    return KeyChange(
        previous.public_key, sign(previous.private_key, KEY_CHANGE_PREFIX + new_public_key)
    )


def signature_document(key: KeyPair, manifest: bytes, key_change: KeyChange | None) -> bytes:
    """The bytes of ``signature.json`` for the exact ``manifest`` bytes."""
    document: dict[str, Any] = {
        "algorithm": ALGORITHM,
        "public_key": encode(key.public_key),
        "signature": encode(sign(key.private_key, manifest)),
    }
    if key_change is not None:
        document["key_change"] = {
            "previous_public_key": encode(key_change.previous_public_key),
            "signature_by_previous": encode(key_change.signature_by_previous),
        }
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
