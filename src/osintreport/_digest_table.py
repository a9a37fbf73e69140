"""A set of strings, or a map from strings to small codes, in 17 bytes a slot (private).

Streaming writers must remember millions of ids (every STIX id written, every model id
referred to) without holding them: a Python ``set`` of a million 45-character strings
takes over 100 MB. :class:`DigestTable` keeps a 128-bit BLAKE2b digest of each key in one
``bytearray`` (open addressing, linear probing, at most three quarters full), and one byte
beside it: 0 for an empty slot, else the key's code (1 for a plain set member). Two keys
are taken as one only when their 128-bit digests are equal, which for any number of keys
a machine can hold is less likely than a hardware error.
"""

from __future__ import annotations

import hashlib

__all__ = ["DigestTable"]

_SIZE = 16


def _digest(key: str) -> bytes:
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=_SIZE).digest()


class DigestTable:
    """Strings kept as digests, each with a code from 1 to 255.

    Args:
        capacity: The number of slots to start with (a power of two; it doubles as needed).
    """

    __slots__ = ("_codes", "_count", "_keys", "_mask")

    def __init__(self, capacity: int = 1 << 12) -> None:
        if capacity < 2 or capacity & (capacity - 1):
            raise ValueError(f"capacity must be a power of two, got {capacity}")
        self._keys = bytearray(_SIZE * capacity)
        self._codes = bytearray(capacity)
        self._mask = capacity - 1
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.code(key) != 0

    def code(self, key: str) -> int:
        """The code stored with ``key``; 0 when it is not in the table."""
        return self._codes[self._slot(_digest(key))]

    def add(self, key: str, code: int = 1) -> int:
        """Store ``key`` with ``code`` unless it is there; return the code it has now."""
        if not 0 < code < 256:
            raise ValueError(f"a code is 1 to 255, got {code}")
        digest = _digest(key)
        slot = self._slot(digest)
        found = self._codes[slot]
        if found:
            return found
        self._keys[_SIZE * slot : _SIZE * slot + _SIZE] = digest
        self._codes[slot] = code
        self._count += 1
        if 4 * self._count > 3 * (self._mask + 1):
            self._grow()
        return code

    def _slot(self, digest: bytes) -> int:
        """The slot holding ``digest``, or the empty slot where it would go."""
        mask, keys, codes = self._mask, self._keys, self._codes
        slot = int.from_bytes(digest[:8], "little") & mask
        while codes[slot] and keys[_SIZE * slot : _SIZE * slot + _SIZE] != digest:
            slot = (slot + 1) & mask
        return slot

    def _grow(self) -> None:
        keys, codes = self._keys, self._codes
        capacity = 2 * (self._mask + 1)
        self._keys = bytearray(_SIZE * capacity)
        self._codes = bytearray(capacity)
        self._mask = capacity - 1
        for old, code in enumerate(codes):
            if code:
                digest = bytes(keys[_SIZE * old : _SIZE * old + _SIZE])
                slot = self._slot(digest)
                self._keys[_SIZE * slot : _SIZE * slot + _SIZE] = digest
                self._codes[slot] = code
