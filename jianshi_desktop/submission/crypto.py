"""Password protection for a package: AES-256-GCM in 1 MiB chunks, key from scrypt.

A lost USB stick carries members' ID numbers. The container is ours (the county reads
it with this app): a header (magic, scrypt parameters, salt, nonce prefix and — from
``JSBSENC2`` on — a key-check value and a checksum of the header), then chunks, each
authenticated with its index and whether it is the last — so a wrong password, a changed
byte, a reordered or a cut-off file are all detected. The key-check value tells the two
apart: when it matches, the password is right and a chunk that fails means the file is
damaged. ``cryptography`` does the cryptography; nothing here is home-made but the framing.

Reading refuses scrypt parameters other than the ones the exporter writes: a hostile
header must not make the reader spend gigabytes of memory or minutes of time.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:  # cryptography loads with the first package, not when the app starts
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC_V1 = b"JSBSENC1"  # no key-check value: still read
MAGIC = b"JSBSENC2"  # written now
MAGIC_STEM = b"JSBSENC"  # any version: "this is one of ours, encrypted"
CHUNK = 1 << 20
SCRYPT_N, SCRYPT_R, SCRYPT_P = 1 << 15, 8, 1
_HEADER_V1 = struct.Struct(">8sIBB16s8s")  # magic, n, r, p, salt, nonce prefix
_HEADER = struct.Struct(">8sIBB16s8s16s8s")  # … the key-check value, a header checksum
_LENGTH = struct.Struct(">I")
_KEY_CHECK = b"jianshi-submission key check v2"
MIN_PASSWORD = 6


class WrongPassword(Exception):
    """The password does not open this package (for JSBSENC1: or the file was changed)."""


class DamagedContainer(Exception):
    """The encrypted file is cut off, changed or not one of ours."""


class UnknownVersion(DamagedContainer):
    """A container of ours from a newer program (``JSBSENC3`` …)."""


@dataclass(frozen=True)
class Header:
    n: int
    r: int
    p: int
    salt: bytes
    prefix: bytes
    check: bytes | None = None  # None: a JSBSENC1 header

    def pack(self) -> bytes:
        if self.check is None:
            return _HEADER_V1.pack(MAGIC_V1, self.n, self.r, self.p, self.salt, self.prefix)
        fields = (MAGIC, self.n, self.r, self.p, self.salt, self.prefix, self.check)
        return _HEADER.pack(*fields, _header_sum(_HEADER.pack(*fields, b"")[:-8]))


def _header_sum(head: bytes) -> bytes:
    """An unkeyed checksum of the header: a damaged header is not taken for a wrong password."""
    return hashlib.sha256(head).digest()[:8]


def _aead(key: bytes) -> AESGCM:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def _key(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = Scrypt(salt=salt, length=32, n=n, r=r, p=p)
    return kdf.derive(password.encode("utf-8"))


def key_check(key: bytes) -> bytes:
    """16 bytes that show a derived key is the right one without revealing it."""
    return hmac.new(key, _KEY_CHECK, hashlib.sha256).digest()[:16]


def _nonce(header: Header, index: int) -> bytes:
    return header.prefix + struct.pack(">I", index)


def _aad(header: Header, index: int, last: bool) -> bytes:
    return header.pack() + struct.pack(">I?", index, last)


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` starts as one of our encrypted containers (any version)."""
    with path.open("rb") as handle:
        return handle.read(len(MAGIC)).startswith(MAGIC_STEM)


def encrypt_file(
    source: BinaryIO,
    target: BinaryIO,
    password: str,
    *,
    progress: Callable[[int], None] | None = None,
) -> None:
    salt, prefix = os.urandom(16), os.urandom(8)
    key = _key(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    header = Header(SCRYPT_N, SCRYPT_R, SCRYPT_P, salt, prefix, key_check(key))
    aead = _aead(key)
    target.write(header.pack())
    index = 0
    chunk = source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        sealed = aead.encrypt(_nonce(header, index), chunk, _aad(header, index, last))
        target.write(_LENGTH.pack(len(sealed)))
        target.write(sealed)
        if progress:
            progress(len(chunk))
        if last:
            return
        chunk, index = following, index + 1


def read_header(source: BinaryIO) -> Header:
    """The header of either version; :class:`DamagedContainer` when it is not sound."""
    magic = source.read(len(MAGIC))
    if magic == MAGIC:
        layout = _HEADER
    elif magic == MAGIC_V1:
        layout = _HEADER_V1
    elif magic.startswith(MAGIC_STEM):
        raise UnknownVersion(magic.decode("ascii", "replace"))
    else:
        raise DamagedContainer("magic")
    rest = source.read(layout.size - len(magic))
    if len(rest) < layout.size - len(magic):
        raise DamagedContainer("header")
    fields = layout.unpack(magic + rest)
    if layout is _HEADER and _header_sum((magic + rest)[:-8]) != fields[7]:
        raise DamagedContainer("header checksum")
    _magic, n, r, p, salt, prefix = fields[:6]
    if (n, r, p) != (SCRYPT_N, SCRYPT_R, SCRYPT_P):  # only what the exporter writes
        raise DamagedContainer("scrypt parameters")
    return Header(n, r, p, salt, prefix, fields[6] if layout is _HEADER else None)


def decrypt_file(
    source: BinaryIO,
    target: BinaryIO,
    password: str,
    *,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Raises :class:`WrongPassword` or :class:`DamagedContainer`; writes only verified data.

    Streams: one chunk (1 MiB) in memory at a time. ``progress`` gets the bytes read.
    """
    header = read_header(source)
    from cryptography.exceptions import InvalidTag

    key = _key(password, header.salt, header.n, header.r, header.p)
    if header.check is not None and not hmac.compare_digest(key_check(key), header.check):
        raise WrongPassword()
    aead = _aead(key)
    index = 0
    while True:
        length_raw = source.read(_LENGTH.size)
        if len(length_raw) < _LENGTH.size:
            raise DamagedContainer("cut off")
        (length,) = _LENGTH.unpack(length_raw)
        if length > CHUNK + 16 or length < 16:
            raise DamagedContainer("chunk size")
        sealed = source.read(length)
        if len(sealed) < length:
            raise DamagedContainer("cut off")
        last = _at_end(source)
        try:
            plain = aead.decrypt(_nonce(header, index), sealed, _aad(header, index, last))
        except InvalidTag:
            if index == 0 and header.check is None:  # JSBSENC1 cannot tell the two apart
                raise WrongPassword() from None
            raise DamagedContainer("tampered") from None
        target.write(plain)
        if progress:
            progress(_LENGTH.size + length)
        if last:
            return
        if len(plain) != CHUNK:  # only the last chunk may be short
            raise DamagedContainer("short chunk")
        index += 1
        if index >= 1 << 32:
            raise DamagedContainer("too many chunks")


def _at_end(source: BinaryIO) -> bool:
    peek = getattr(source, "peek", None)
    if peek is not None:
        return peek(1) == b""
    here = source.tell()
    end = source.seek(0, os.SEEK_END)
    source.seek(here)
    return here == end
