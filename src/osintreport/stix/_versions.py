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

What is looked up by id (the location a relation's place holds, the report's publisher,
whether a note is an assessment) follows the same rule: of the versions of a location, an
identity or threat actor, or a note, the one an export wrote, else the latest, is found
(:func:`looked_up`, :func:`rank`). Of objects of one id but not of one such type, the
last in the bundle is found, as before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ._extension import ACTOR_TYPES, extension_of

__all__ = [
    "VERSIONED",
    "RepeatWatch",
    "looked_up",
    "older_natives",
    "older_rows",
    "outranked",
    "rank",
    "stamp",
    "timestamp",
]

VERSIONED = ("actors", "events", "notes", "relationship")
"""The sorts of foreign object (see ``foreign_sort``) read from their latest version only."""

_UNKNOWN = -(1 << 63)  # no ``modified``, or not a time with its zone: older than any
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


RANKED = frozenset({"location", "note", *ACTOR_TYPES})
"""The types of object whose versions :func:`looked_up` tells apart."""


def timestamp(value: object) -> dt.datetime | None:
    """A STIX timestamp read (``created``, ``modified``); ``None`` unless it names its zone."""
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def stamp(obj: Mapping[str, Any]) -> int:
    """``obj``'s ``modified`` in microseconds since 1970, read as the model reads it."""
    when = timestamp(obj.get("modified"))
    return _UNKNOWN if when is None else (when - _EPOCH) // dt.timedelta(microseconds=1)


def rank(obj: Mapping[str, Any]) -> int:
    """Which of several versions of an object a lookup by id finds: the greatest rank.

    One written by an osintreport export outranks any other; then the latest ``modified``
    (as :func:`stamp` reads it; none is the oldest). A number from 0 to 2**60 - 1, so that
    a streaming reader can keep it in a digest map's value.
    """
    when = stamp(obj)
    order = 0 if when == _UNKNOWN else when + (1 << 56) + 1  # years 1 to 9999: under 2**59
    return (int(extension_of(obj) is not None) << 59) | order


def outranked(new: Mapping[str, Any], old: Mapping[str, Any]) -> bool:
    """Whether ``old``, met before ``new`` of the same id, stays the one found by id.

    Only of two versions of one of the :data:`RANKED` types, the lower rank yields; of
    equal ranks, and of any other pair, the later in the bundle is found.
    """
    kind = new.get("type")
    return kind in RANKED and old.get("type") == kind and rank(new) < rank(old)


def looked_up(
    objects: Iterable[tuple[str, Mapping[str, Any]]],
) -> tuple[dict[str, Mapping[str, Any]], dict[str, str]]:
    """The object found by each id and its path, of (path, object) pairs in bundle order."""
    by_id: dict[str, Mapping[str, Any]] = {}
    paths: dict[str, str] = {}
    for where, obj in objects:
        ident = obj["id"]
        old = by_id.get(ident)
        if old is None or not outranked(obj, old):
            by_id[ident] = obj
            paths[ident] = where
    return by_id, paths


def older_natives(objects: Iterable[Mapping[str, Any]], native: Callable[[Any], bool]) -> set[int]:
    """The objects (by ``id()``) an export wrote that are older versions of another one.

    Two exports put together may hold an object twice (one id, its model object as it was
    in each). Of the objects ``native`` says an export wrote as model objects, grouped by
    id, all but the latest (of equal ``modified``, the last) are older: kept as they are.
    """
    natives = [obj for obj in objects if native(obj)]
    return {id(natives[row]) for row in older_rows(enumerate(natives), lambda _: False)}


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
