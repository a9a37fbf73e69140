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
from array import array

__all__ = ["DigestMap", "DigestTable", "digest"]

_SIZE = 16


def digest(key: str) -> bytes:
    """The 128-bit BLAKE2b digest a table keeps of ``key``."""
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
        return self._codes[self._slot(digest(key))]

    def add(self, key: str, code: int = 1) -> int:
        """Store ``key`` with ``code`` unless it is there; return the code it has now."""
        if not 0 < code < 256:
            raise ValueError(f"a code is 1 to 255, got {code}")
        wanted = digest(key)
        slot = self._slot(wanted)
        found = self._codes[slot]
        if found:
            return found
        self._keys[_SIZE * slot : _SIZE * slot + _SIZE] = wanted
        self._codes[slot] = code
        self._count += 1
        if 4 * self._count > 3 * (self._mask + 1):
            self._grow()
        return code

    def reserve(self, count: int) -> None:
        """Make room for ``count`` keys in all now, so that the table need not grow later."""
        while 4 * count > 3 * (self._mask + 1):
            self._grow()

    def set_code(self, key: str, code: int) -> None:
        """Store ``key`` with ``code``, in place of the code it has if it is there."""
        if not 0 < code < 256:
            raise ValueError(f"a code is 1 to 255, got {code}")
        if self.add(key, code) != code:
            self._codes[self._slot(digest(key))] = code

    def insert(self, key: str) -> bool:
        """Add ``key`` (code 1) unless it is there; say whether it was added."""
        wanted = digest(key)
        slot = self._slot(wanted)
        if self._codes[slot]:
            return False
        self._keys[_SIZE * slot : _SIZE * slot + _SIZE] = wanted
        self._codes[slot] = 1
        self._count += 1
        if 4 * self._count > 3 * (self._mask + 1):
            self._grow()
        return True

    def _slot(self, wanted: bytes) -> int:
        """The slot holding ``wanted``, or the empty slot where it would go."""
        mask, keys, codes = self._mask, self._keys, self._codes
        slot = int.from_bytes(wanted[:8], "little") & mask
        while codes[slot] and keys[_SIZE * slot : _SIZE * slot + _SIZE] != wanted:
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
                kept = bytes(keys[_SIZE * old : _SIZE * old + _SIZE])
                slot = self._slot(kept)
                self._keys[_SIZE * slot : _SIZE * slot + _SIZE] = kept
                self._codes[slot] = code


class DigestMap:
    """A map from strings, kept as digests, to integers from 0 to 2**63 - 1.

    As :class:`DigestTable`, with a 64-bit value in place of the code: 24 bytes a slot.

    Args:
        capacity: The number of slots to start with (a power of two; it doubles as needed).
    """

    __slots__ = ("_count", "_keys", "_mask", "_values")

    def __init__(self, capacity: int = 1 << 12) -> None:
        if capacity < 2 or capacity & (capacity - 1):
            raise ValueError(f"capacity must be a power of two, got {capacity}")
        self._keys = bytearray(_SIZE * capacity)
        self._values = array("q", [-1]) * capacity
        self._mask = capacity - 1
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def reserve(self, count: int) -> None:
        """Make room for ``count`` keys in all now, so that the map need not grow later."""
        while 4 * count > 3 * (self._mask + 1):
            self._grow()

    def get(self, key: str) -> int:
        """The value stored with ``key``; -1 when it is not in the map."""
        return self._values[self._slot(digest(key))]

    def setdefault(self, key: str, value: int) -> int:
        """Store ``value`` with ``key`` unless it has one; return the value it has now."""
        return self.put(key, value, replace=False)

    def put(self, key: str, value: int, *, replace: bool = True) -> int:
        """Store ``value`` with ``key`` (only if new, without ``replace``); return its value."""
        if value < 0:
            raise ValueError(f"a value is at least 0, got {value}")
        found = digest(key)
        slot = self._slot(found)
        old = self._values[slot]
        if old >= 0:
            if replace:
                self._values[slot] = value
                return value
            return old
        self._keys[_SIZE * slot : _SIZE * slot + _SIZE] = found
        self._values[slot] = value
        self._count += 1
        if 4 * self._count > 3 * (self._mask + 1):
            self._grow()
        return value

    def _slot(self, found: bytes) -> int:
        mask, keys, values = self._mask, self._keys, self._values
        slot = int.from_bytes(found[:8], "little") & mask
        while values[slot] >= 0 and keys[_SIZE * slot : _SIZE * slot + _SIZE] != found:
            slot = (slot + 1) & mask
        return slot

    def _grow(self) -> None:
        keys, values = self._keys, self._values
        capacity = 2 * (self._mask + 1)
        self._keys = bytearray(_SIZE * capacity)
        self._values = array("q", [-1]) * capacity
        self._mask = capacity - 1
        for old, value in enumerate(values):
            if value >= 0:
                found = bytes(keys[_SIZE * old : _SIZE * old + _SIZE])
                slot = self._slot(found)
                self._keys[_SIZE * slot : _SIZE * slot + _SIZE] = found
                self._values[slot] = value
