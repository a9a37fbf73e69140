"""The compact indexes of a streamed merge (private; see :mod:`osintreport.jsonl_merge`).

- :class:`DigestMaps` does what :class:`~osintreport.merge._plan.Maps` does, the merged id
  of every id of every report, in one :class:`~osintreport._digest_table.DigestMap` entry a
  distinct id: 24 bytes a slot, where ``Maps`` takes about 200 bytes an id and report.
- :class:`DigestKeys` is where each match key was first seen, as a digest.
- :class:`IdSpool` keeps the ids of a collection's items on disk, in order, each found again
  by its position.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from types import TracebackType

from .._digest_table import DigestMap
from .._spool import Texts
from ._keys import Key

__all__ = ["DigestKeys", "DigestMaps", "IdSpool"]

_CODE = (1 << 32) - 1  # the low 32 bits: the merged id the id has for every report
_OWN = 32  # then a bit for each report with an object of this id, up to report 30
_BITS = 31


class DigestMaps:
    """The merged id each id maps to, report by report, as :class:`~._plan.Maps` has it.

    An entry holds, for one id, the merged id it has for the reports without an object of
    that id (the first assigned: code 1 for the id itself, else a number into a list of
    merged ids), and a bit for each report that has one. A report whose object of that id
    went elsewhere has an entry in a dictionary of exceptions; reports after the 31st keep
    their bits in a set.
    """

    def __init__(self) -> None:
        self._table = DigestMap()
        self._intos: list[str] = []
        self._codes: dict[str, int] = {}
        self._elsewhere: dict[tuple[int, str], str] = {}
        self._far: set[tuple[int, str]] = set()

    def assign(self, index: int, ident: str, absorbed: Sequence[str], into: str) -> None:
        """Object ``ident`` of report ``index``, which absorbed ``absorbed``, is ``into``."""
        entry = self._table.get(ident)
        if entry < 0:
            entry, everywhere = self._code(ident, into), into
        else:
            everywhere = self._into(ident, entry)
        if not self._has(index, ident, entry):
            if into != everywhere:
                self._elsewhere[index, ident] = into
            if index < _BITS:
                entry |= 1 << (_OWN + index)
            else:
                self._far.add((index, ident))
        self._table.put(ident, entry)
        for old in absorbed:
            if self._table.get(old) < 0:
                self._table.put(old, self._code(old, into))

    def ref(self, index: int) -> Callable[[str], str]:
        """The merged id of an id report ``index`` refers to."""
        table, elsewhere = self._table, self._elsewhere

        def ref(ident: str) -> str:
            entry = table.get(ident)
            if entry < 0:
                return ident
            everywhere = self._into(ident, entry)
            if self._has(index, ident, entry):
                return elsewhere.get((index, ident), everywhere)
            return everywhere

        return ref

    def _has(self, index: int, ident: str, entry: int) -> bool:
        if index < _BITS:
            return bool(entry >> (_OWN + index) & 1)
        return (index, ident) in self._far

    def _code(self, ident: str, into: str) -> int:
        if into == ident:
            return 1
        code = self._codes.get(into)
        if code is None:
            code = self._codes[into] = len(self._intos) + 2
            self._intos.append(into)
        return code

    def _into(self, ident: str, entry: int) -> str:
        code = entry & _CODE
        return ident if code == 1 else self._intos[code - 2]


class DigestKeys:
    """Match keys, each with the position that had it first (a ``KeyIndex``)."""

    def __init__(self) -> None:
        self._map = DigestMap()

    def setdefault(self, key: Key, position: int, /) -> int:
        """``position``, stored unless ``key`` has one; the position ``key`` has now."""
        return self._map.setdefault(f"{key[0]}\x1f{key[1]}", position)

    def get(self, key: Key, /) -> int | None:
        """The position stored with ``key``, or ``None``."""
        found = self._map.get(f"{key[0]}\x1f{key[1]}")
        return None if found < 0 else found


class IdSpool:
    """Rows of ``(id, absorbed ids)`` in a temporary file, read back by position."""

    def __init__(self) -> None:
        self._rows = Texts()

    def add(self, ident: str, absorbed: Sequence[str]) -> None:
        """Write the next position's row."""
        self._rows.add(json.dumps([ident, *absorbed], ensure_ascii=False))

    def row(self, position: int) -> tuple[str, list[str]]:
        """The id and absorbed ids at ``position`` (read by itself, not a buffer's worth)."""
        ident, *absorbed = json.loads(self._rows[position])
        return ident, absorbed

    def close(self) -> None:
        """Delete the file."""
        self._rows.close()

    def __enter__(self) -> IdSpool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
