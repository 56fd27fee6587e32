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
import io
import os
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

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


@dataclass(frozen=True, repr=False)
class SealingKey:
    """The key of one new package and the header it goes with. Deriving it costs scrypt's
    32 MB and a quarter of a second, so an export derives it once, first — before the
    documents' fonts fill its memory — and uses it to write the package and to read it
    back. ``repr`` shows no key."""

    header: Header
    key: bytes


def sealing_key(password: str) -> SealingKey:
    """A fresh salt and nonce prefix, and the key ``password`` gives with them."""
    salt, prefix = os.urandom(16), os.urandom(8)
    key = _key(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return SealingKey(Header(SCRYPT_N, SCRYPT_R, SCRYPT_P, salt, prefix, key_check(key)), key)


def encrypt_file(
    source: BinaryIO,
    target: BinaryIO,
    sealing: SealingKey,
    *,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write ``source`` sealed with a key from :func:`sealing_key` (one key a package:
    the nonces are unique only within one file)."""
    header = sealing.header
    aead = _aead(sealing.key)
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


def open_decrypted(
    source: BinaryIO,
    password: str,
    *,
    progress: Callable[[int], None] | None = None,
    known: SealingKey | None = None,
) -> io.BufferedReader:
    """The plain bytes of the encrypted ``source``, to seek and read like a file — without
    a decrypted copy anywhere on disk. Every chunk is authenticated first, in one pass
    (``progress`` gets the bytes read); raises :class:`WrongPassword` or
    :class:`DamagedContainer`, having written nothing. Reading afterwards decrypts
    one chunk at a time again, and raises :class:`DamagedContainer` if the file changed
    meanwhile. ``source`` must stay open while the result is read."""
    header, aead = _opened(source, password, known)
    start = source.tell()
    size = chunks = 0
    for plain in _chunks(source, header, aead, progress):
        size += len(plain)
        chunks += 1
    return io.BufferedReader(_Decrypted(source, header, aead, start, chunks, size), 1 << 16)


def _opened(source: BinaryIO, password: str, known: SealingKey | None) -> tuple[Header, AESGCM]:
    header = read_header(source)
    if known is not None and known.header == header:
        key = known.key
    else:
        key = _key(password, header.salt, header.n, header.r, header.p)
    if header.check is not None and not hmac.compare_digest(key_check(key), header.check):
        raise WrongPassword()
    return header, _aead(key)


def _chunks(
    source: BinaryIO, header: Header, aead: AESGCM, progress: Callable[[int], None] | None
) -> Iterator[bytes]:
    """Each chunk's plain bytes, authenticated, in order, from where ``source`` stands."""
    from cryptography.exceptions import InvalidTag

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
        if progress:
            progress(_LENGTH.size + length)
        if not last and len(plain) != CHUNK:  # only the last chunk may be short
            raise DamagedContainer("short chunk")
        yield plain
        if last:
            return
        index += 1
        if index >= 1 << 32:
            raise DamagedContainer("too many chunks")


class _Decrypted(io.RawIOBase):
    """A container authenticated whole by :func:`open_decrypted`, read at any offset: every
    chunk but the last holds exactly :data:`CHUNK` plain bytes, so the chunk for an offset
    is found by arithmetic, read and decrypted (the last one kept)."""

    def __init__(
        self, source: BinaryIO, header: Header, aead: AESGCM, start: int, chunks: int, size: int
    ) -> None:
        super().__init__()
        self.source, self.header, self.aead = source, header, aead
        self.start, self.chunks, self.size = start, chunks, size
        self.position = 0
        self.cached: tuple[int, bytes] = (-1, b"")

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self.position, os.SEEK_END: self.size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self.position = base + offset
        return self.position

    def readinto(self, buffer: Any) -> int:
        if self.position >= self.size:
            return 0
        index, within = divmod(self.position, CHUNK)
        plain = self._chunk(index)
        count = min(len(buffer), len(plain) - within)
        buffer[:count] = plain[within : within + count]
        self.position += count
        return count

    def _chunk(self, index: int) -> bytes:
        if self.cached[0] != index:
            from cryptography.exceptions import InvalidTag

            self.source.seek(self.start + index * (_LENGTH.size + CHUNK + 16))
            (length,) = _LENGTH.unpack(self.source.read(_LENGTH.size).rjust(_LENGTH.size))
            sealed = self.source.read(min(length, CHUNK + 16))
            last = index == self.chunks - 1
            try:
                plain = self.aead.decrypt(
                    _nonce(self.header, index), sealed, _aad(self.header, index, last)
                )
            except InvalidTag:
                raise DamagedContainer("changed while read") from None
            self.cached = (index, plain)
        return self.cached[1]


def _at_end(source: BinaryIO) -> bool:
    peek = getattr(source, "peek", None)
    if peek is not None:
        return peek(1) == b""
    here = source.tell()
    end = source.seek(0, os.SEEK_END)
    source.seek(here)
    return here == end
