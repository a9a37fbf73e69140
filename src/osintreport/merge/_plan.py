"""Which objects of several reports are one, and the report that makes of them (private).

Collection by collection (actors, sources, events, claims, assessments, relations), every
object's match keys (:mod:`._keys`) go into one union-find: objects sharing a key, directly
or through others, are one group. The group takes the id of its first member, in the order
the reports were given; an id already taken by another group gets ``-2``, ``-3``. Later
collections see references through the ids given so far, so two claims by the same actor
under different ids match.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from ..model import COLLECTIONS, Report
from ..serialization import unstructure
from ..when import When
from ._combine import MERGED_IDS, combine, renamed
from ._keys import Key, keys_of

__all__ = ["Group", "Resolution", "resolve"]

_ORDER = ("actors", "sources", "events", "claims", "assessments", "relations")

Ref = tuple[int, str]
"""``(report index, id)``: one object of one input report."""


@attrs.frozen(kw_only=True)
class Group:
    """Objects of one collection that are one: their members, evidence and merged form."""

    collection: str
    into: str
    members: tuple[Ref, ...]
    evidence: tuple[str, ...]
    conflicts: tuple[str, ...]
    identical: bool
    merged: Any = attrs.field(eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Resolution:
    """The groups of every collection and the merged report."""

    groups: tuple[Group, ...]
    report: Report


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve(reports: Sequence[Report], rejected: frozenset[Ref] = frozenset()) -> Resolution:
    """Group the objects of ``reports`` and merge each group.

    Args:
        reports: The reports, first one first; earlier values win.
        rejected: Objects to keep apart from every object that is not identical to them
            (a merge decision a reviewer turned down).
    """
    maps: list[dict[str, str]] = [{} for _ in range(len(reports) + 1)]  # last: every report
    taken: set[str] = set()
    planned: list[tuple[str, str, list[tuple[int, Any]]]] = []
    for collection in _ORDER:
        items = [
            (index, obj)
            for index, report in enumerate(reports)
            for obj in getattr(report, collection)
        ]
        for positions in _groups(collection, items, maps, rejected):
            members = [items[i] for i in positions]
            into = _free(members[0][1].id, taken)
            for index, obj in members:
                maps[index].setdefault(obj.id, into)
                for old in (obj.id, *_absorbed(obj)):
                    maps[-1].setdefault(old, into)
            planned.append((collection, into, members))
    groups = [_merge(collection, into, members, maps) for collection, into, members in planned]
    merged: dict[str, Any] = {
        name: tuple(g.merged for g in groups if g.collection == name) for name in COLLECTIONS
    }
    return Resolution(groups=tuple(groups), report=attrs.evolve(_report_fields(reports), **merged))


def _groups(
    collection: str,
    items: list[tuple[int, Any]],
    maps: list[dict[str, str]],
    rejected: frozenset[Ref],
) -> list[list[int]]:
    """Indexes of ``items``, grouped; groups in order of their first member."""
    union = _UnionFind(len(items))
    first_with: dict[Key, int] = {}
    waiting: dict[Key, list[int]] = {}
    for position, (index, obj) in enumerate(items):
        for key in _match_keys(collection, index, obj, maps, rejected):
            if key[0] == "initials":  # matches an acronym, never other initials
                active = ("acronym", key[1])
                if active in first_with:
                    union.union(first_with[active], position)
                else:
                    waiting.setdefault(active, []).append(position)
                continue
            other = first_with.setdefault(key, position)
            if other != position:
                union.union(other, position)
            for passive in waiting.pop(key, ()):
                union.union(passive, position)
    grouped: dict[int, list[int]] = {}
    for position in range(len(items)):
        grouped.setdefault(union.find(position), []).append(position)
    return list(grouped.values())


def _free(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... if another group has it; now taken."""
    into, number = wanted, 2
    while into in taken:
        into, number = f"{wanted}-{number}", number + 1
    taken.add(into)
    return into


def _match_keys(
    collection: str, index: int, obj: Any, maps: list[dict[str, str]], rejected: frozenset[Ref]
) -> list[Key]:
    ref = _ref(maps, index)
    identical: Key = ("identical", _digest(renamed(obj, ref)))
    if (index, obj.id) in rejected:
        return [identical]
    keys = [key for key, _ in keys_of(collection, obj, ref)]
    keys += [("id", i) for i in _absorbed(obj)]
    return [*keys, identical]


def _merge(
    collection: str, into: str, members: list[tuple[int, Any]], maps: list[dict[str, str]]
) -> Group:
    objects = [renamed(obj, _ref(maps, index)) for index, obj in members]
    identical = all(o == objects[0] for o in objects[1:])
    if identical and objects[0].id == into:
        result, conflicts = objects[0], tuple[str, ...]()
    else:
        result, conflicts = combine(objects, into)
    evidence = _evidence(collection, members, maps) if len(members) > 1 else ()
    return Group(
        collection=collection,
        into=into,
        members=tuple((index, obj.id) for index, obj in members),
        evidence=evidence,
        conflicts=conflicts,
        identical=identical and all(obj.id == into for _, obj in members),
        merged=result,
    )


def _evidence(
    collection: str, members: list[tuple[int, Any]], maps: list[dict[str, str]]
) -> tuple[str, ...]:
    """The keys members share, each in words, in order of first appearance."""
    holders: dict[Key, list[tuple[int, str]]] = {}
    for position, (index, obj) in enumerate(members):
        for (kind, value), words in keys_of(collection, obj, _ref(maps, index)):
            passive = kind == "initials"
            key = ("acronym", value) if passive else (kind, value)
            holders.setdefault(key, []).append((position, "" if passive else words))
    shared: list[str] = []
    for found in holders.values():
        positions = {position for position, _ in found}
        said = [w for _, w in found if w]
        if len(positions) > 1 and said:
            shared.append(said[0])
    names = {w.removeprefix("name ") for w in shared if w.startswith("name ")}
    shared = [w for w in shared if not (w.startswith("acronym ") and w[8:] in names)]
    return tuple(dict.fromkeys(shared)) or ("identical objects",)


def _report_fields(reports: Sequence[Report]) -> Report:
    """A report with the reports' own fields merged and no objects."""
    empty: dict[str, Any] = dict.fromkeys(COLLECTIONS, ())
    heads = [attrs.evolve(report, **empty) for report in reports]
    if all(head == heads[0] for head in heads[1:]):
        return heads[0]
    head: Report = combine(heads, heads[0].id)[0]
    published = [h.published for h in heads if h.published is not None]
    return attrs.evolve(
        head,
        schema_version=heads[0].schema_version,
        published=max(published, key=When.sort_key) if published else None,
        period=_span([h.period for h in heads if h.period is not None]),
    )


def _span(periods: list[When]) -> When | None:
    """The period every one of ``periods`` lies in.

    The first with an open or unknown end if one has (it cannot be widened), else from the
    earliest start to the latest end; a period shared by all stays as it is written.
    """
    if not periods or all(p == periods[0] for p in periods[1:]):
        return periods[0] if periods else None
    unbounded = [p for p in periods if p.earliest() is None or p.latest() is None]
    if unbounded:
        return unbounded[0]
    first = min(p.earliest() or dt.date.max for p in periods)
    last = max(p.latest() or dt.date.min for p in periods)
    return When.between(first, last)


def _absorbed(obj: Any) -> list[str]:
    """The ids ``obj`` absorbed in an earlier merge."""
    return [i for i in obj.extensions.get(MERGED_IDS, ()) if isinstance(i, str)]


def _ref(maps: list[dict[str, str]], index: int) -> Callable[[str], str]:
    """The merged id of an id report ``index`` refers to.

    Its own objects first; then an object of another report with that id (a reference the
    report does not resolve itself, made good by a report that has the object).
    """
    own, everywhere = maps[index], maps[-1]
    return lambda i: own.get(i) or everywhere.get(i, i)


def _digest(obj: Any) -> str:
    text = json.dumps(unstructure(obj), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
