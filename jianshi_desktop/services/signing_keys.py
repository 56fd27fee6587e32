"""The branch's own signing key (and, in ``submission.signers``, the keys of the branches
whose packages we received).

Both live in the ``setting`` table (key → JSON), so the automatic backups — copies of the
database — carry them; the private key is never written to a file of its own.

- ``signing_key``: ``{"private_key", "public_key", "created_at"}`` (base64 of the raw
  Ed25519 keys) and, after 更换签名密钥, ``"key_change"``: the previous public key and its
  signature over the new one (docs/package-format.md, “签名”). Made when first needed —
  the first package, the first report, the 设置 page — and made again if it is missing.
- ``known_signing_keys``: ``{branch uid: {"public_key", "branch_name", "remembered_at"}}``,
  what the verifying side remembers once a package of that branch verifies.

``cryptography`` is loaded only to make a key or to sign/check: the fingerprint of a
stored key is plain SHA-256.
"""

from __future__ import annotations

import datetime as dt
import logging

from jianshi_desktop import signatures as signing
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.settings import read_value, write_value

log = logging.getLogger(__name__)

OWN_KEY = "signing_key"
PURPOSE = (
    "本程序用本支部自己的密钥给每个报送包签名，上级收到报送包时用这个指纹核对"
    "是本支部发出的、没有被改动；报告末尾也印有这个指纹。密钥保存在数据文件夹里（备份中也有），"
    "换电脑时把整个数据文件夹带过去即可。只有怀疑密钥外泄（例如旧电脑丢失）时才需要"
    "“更换签名密钥”，换后请打电话把新指纹告诉上级。"
)


def now_text() -> str:
    """Now, as the keys' records say it (ISO, to the second)."""
    return dt.datetime.now().replace(microsecond=0).isoformat()


def _stored_pair() -> signing.KeyPair | None:
    value = read_value(OWN_KEY)
    if not isinstance(value, dict):
        return None
    try:
        pair = signing.key_pair(signing.decode(str(value["private_key"])))
    except (KeyError, ValueError):
        log.warning("The stored signing key cannot be read; a new one will be made")
        return None
    return pair


def fingerprint() -> str | None:
    """The own key's fingerprint, or None when there is none yet (no crypto loaded)."""
    value = read_value(OWN_KEY)
    if not isinstance(value, dict):
        return None
    try:
        return signing.fingerprint(signing.decode(str(value["public_key"])))
    except (KeyError, ValueError):
        return None


def own_key() -> signing.KeyPair:
    """The branch's signing key, made (and kept in the database) when there is none."""
    pair = _stored_pair()
    if pair is not None:
        return pair
    pair = signing.new_key()
    with user_action("create_signing_key", entity="setting") as audit:
        write_value(
            OWN_KEY,
            {
                "private_key": signing.encode(pair.private_key),
                "public_key": signing.encode(pair.public_key),
                "created_at": now_text(),
            },
        )
        audit.summary = f"生成报送包签名密钥（指纹 {pair.fingerprint}）"
    return pair


def ensure_fingerprint() -> str:
    """The own key's fingerprint, making the key first when there is none."""
    return fingerprint() or own_key().fingerprint


def key_change() -> signing.KeyChange | None:
    """The announcement of the last 更换签名密钥, carried by every package since."""
    value = read_value(OWN_KEY)
    change = value.get("key_change") if isinstance(value, dict) else None
    if not isinstance(change, dict):
        return None
    try:
        return signing.KeyChange(
            signing.decode(str(change["previous_public_key"])),
            signing.decode(str(change["signature_by_previous"])),
        )
    except (KeyError, ValueError):
        return None


def replace_key() -> signing.KeyPair:
    """更换签名密钥: a new key; the old one signs the announcement of the new one, which
    the next packages carry. The old private key is not kept after that."""
    old = own_key()
    new = signing.new_key()
    change = signing.announce(old, new.public_key)
    with user_action("replace_signing_key", entity="setting") as audit:
        write_value(
            OWN_KEY,
            {
                "private_key": signing.encode(new.private_key),
                "public_key": signing.encode(new.public_key),
                "created_at": now_text(),
                "key_change": {
                    "previous_public_key": signing.encode(change.previous_public_key),
                    "signature_by_previous": signing.encode(change.signature_by_previous),
                },
            },
        )
        audit.summary = f"更换报送包签名密钥（原指纹 {old.fingerprint}，新指纹 {new.fingerprint}）"
        audit.detail = {"old": old.fingerprint, "new": new.fingerprint}
    return new


def sign_manifest(manifest: bytes) -> bytes:
    """The bytes of ``signature.json`` for a package with this manifest."""
    return signing.signature_document(own_key(), manifest, key_change())
