"""Password protection for a package: AES-256-GCM in 1 MiB chunks, key from scrypt.

A lost USB stick carries members' ID numbers. The container is ours (the county reads
it with this app): a header (magic, scrypt parameters, salt, nonce prefix), then chunks,
each authenticated with its index and whether it is the last — so a wrong password, a
changed byte, a reordered or a cut-off file are all detected. ``cryptography`` does the
cryptography; nothing here is home-made but the framing.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:  # cryptography loads with the first package, not when the app starts
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"JSBSENC1"
CHUNK = 1 << 20
SCRYPT_N, SCRYPT_R, SCRYPT_P = 1 << 15, 8, 1
_HEADER = struct.Struct(">8sIBB16s8s")  # magic, n, r, p, salt, nonce prefix
_LENGTH = struct.Struct(">I")
MIN_PASSWORD = 6


class WrongPassword(Exception):
    """The password does not open this package (or the file was changed)."""


class DamagedContainer(Exception):
    """The encrypted file is cut off or not one of ours."""


@dataclass(frozen=True)
class Header:
    n: int
    r: int
    p: int
    salt: bytes
    prefix: bytes

    def pack(self) -> bytes:
        return _HEADER.pack(MAGIC, self.n, self.r, self.p, self.salt, self.prefix)


def _aead(password: str, header: Header) -> AESGCM:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(_key(password, header))


def _key(password: str, header: Header) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = Scrypt(salt=header.salt, length=32, n=header.n, r=header.r, p=header.p)
    return kdf.derive(password.encode("utf-8"))


def _nonce(header: Header, index: int) -> bytes:
    return header.prefix + struct.pack(">I", index)


def _aad(header: Header, index: int, last: bool) -> bytes:
    return header.pack() + struct.pack(">I?", index, last)


def is_encrypted(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def encrypt_file(
    source: BinaryIO,
    target: BinaryIO,
    password: str,
    *,
    progress: Callable[[int], None] | None = None,
) -> None:
    header = Header(SCRYPT_N, SCRYPT_R, SCRYPT_P, os.urandom(16), os.urandom(8))
    aead = _aead(password, header)
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


def decrypt_file(source: BinaryIO, target: BinaryIO, password: str) -> None:
    """Raises :class:`WrongPassword` or :class:`DamagedContainer`; writes only verified data."""
    raw = source.read(_HEADER.size)
    if len(raw) < _HEADER.size:
        raise DamagedContainer("header")
    magic, n, r, p, salt, prefix = _HEADER.unpack(raw)
    if magic != MAGIC or n > 1 << 20 or r > 32 or p > 16:
        raise DamagedContainer("magic")
    header = Header(n, r, p, salt, prefix)
    from cryptography.exceptions import InvalidTag

    aead = _aead(password, header)
    index = 0
    while True:
        length_raw = source.read(_LENGTH.size)
        if len(length_raw) < _LENGTH.size:
            raise DamagedContainer("cut off")
        (length,) = _LENGTH.unpack(length_raw)
        if length > CHUNK + 16:
            raise DamagedContainer("chunk size")
        sealed = source.read(length)
        if len(sealed) < length:
            raise DamagedContainer("cut off")
        last = source.peek(1) == b"" if hasattr(source, "peek") else _at_end(source)
        try:
            plain = aead.decrypt(_nonce(header, index), sealed, _aad(header, index, last))
        except InvalidTag:
            if index == 0:
                raise WrongPassword() from None
            raise DamagedContainer("tampered") from None
        target.write(plain)
        if last:
            return
        index += 1


def _at_end(source: BinaryIO) -> bool:
    here = source.tell()
    end = source.seek(0, os.SEEK_END)
    source.seek(here)
    return here == end
