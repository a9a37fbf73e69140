"""Versions of one STIX object in a bundle: which one is read (private).

STIX gives every version of an object the same id, told apart by ``modified``; a bundle
(a TAXII collection read with ``match[version]=all``, two exports put together) may hold
several. Both readers make a model object of the latest version of each actor, incident,
note and relationship (the greatest ``modified``, an instant with its zone, as the model
reads it; of equal ones, the last in the bundle) and keep the older versions as they are
in the report's ``x_stix_objects``, so an export writes every version back and no model
id is given twice. An object an osintreport export
wrote (with its extension) is the one read of its id: the export wrote the model's object
so, and the other versions beside it as they were kept.

The whole reader groups every object by id. The streaming reader cannot afford a table of
every id: :class:`RepeatWatch` finds the few ids that may repeat as the bundle is read, and
only those are grouped, from the ids and times it keeps on disk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ._foreign import timestamp

__all__ = ["VERSIONED", "RepeatWatch", "older_rows", "stamp"]

VERSIONED = ("actors", "events", "notes", "relationship")
"""The sorts of foreign object (see ``foreign_sort``) read from their latest version only."""

_UNKNOWN = -(1 << 63)  # no ``modified``, or not a time with its zone: older than any
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def stamp(obj: Mapping[str, Any]) -> int:
    """``obj``'s ``modified`` in microseconds since 1970, read as the model reads it."""
    when = timestamp(obj.get("modified"))
    return _UNKNOWN if when is None else (when - _EPOCH) // dt.timedelta(microseconds=1)


def older_rows(
    rows: Iterable[tuple[int, Mapping[str, Any]]], native: Callable[[str], bool]
) -> set[int]:
    """The rows not read, of the objects of one sort given as (row, object) pairs.

    Every row of an id an export wrote (``native``), and of the other ids given to more
    than one row, all but the latest.
    """
    groups: dict[str, list[tuple[int, int]]] = {}
    for row, obj in rows:
        groups.setdefault(obj["id"], []).append((stamp(obj), row))
    older: set[int] = set()
    for ident, versions in groups.items():
        if native(ident):
            older.update(row for _, row in versions)
        elif len(versions) > 1:
            latest = max(versions)[1]  # the greatest stamp; of equal ones, the last row
            older.update(row for _, row in versions if row != latest)
    return older


class RepeatWatch:
    """The ids met more than once as a bundle is read, and a few more, in fixed memory.

    A Bloom filter of the ids met (8 MB, made at the first id; two probes); an id it says
    was met before is a candidate. Every repeated id is one; so is about one id in a
    thousand of a bundle of a million objects, met once, which the grouping of
    :func:`older_rows` passes over.
    """

    _BITS = 1 << 26

    def __init__(self) -> None:
        self._filter = bytearray()
        self.candidates: set[str] = set()

    def add(self, ident: str) -> None:
        """Note that an object has the id ``ident``."""
        digest, last = hash(ident), self._BITS - 1
        first, second = digest & last, (digest >> 32) & last
        found = self._filter
        if not found:
            found = self._filter = bytearray(self._BITS // 8)
        mask_1, mask_2 = 1 << (first & 7), 1 << (second & 7)
        if found[first >> 3] & mask_1 and found[second >> 3] & mask_2:
            self.candidates.add(ident)
        found[first >> 3] |= mask_1
        found[second >> 3] |= mask_2

    def forget(self) -> None:
        """Let go of the filter, once the ids are all met (``candidates`` stay)."""
        self._filter = bytearray()
