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
from array import array
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

import attrs

from ..model import COLLECTIONS, Report
from ..serialization import unstructure
from ..when import When
from ._combine import MERGED_IDS, combine, renamed
from ._keys import Key, keys_of

__all__ = [
    "ORDER",
    "Group",
    "KeyIndex",
    "Maps",
    "Resolution",
    "Taken",
    "UnionFind",
    "absorbed",
    "free",
    "link",
    "match_keys",
    "merge_group",
    "report_fields",
    "resolve",
]

ORDER = ("actors", "sources", "events", "claims", "assessments", "relations")

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


class UnionFind:
    """Union-find over positions 0, 1, 2...; a group's root is its first position."""

    __slots__ = ("parent",)

    def __init__(self) -> None:
        self.parent = array("q")

    def add(self) -> int:
        """A new position, alone in its group."""
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, i: int) -> int:
        """The root of ``i``'s group (the paths walked are shortened)."""
        parent = self.parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    def union(self, a: int, b: int) -> None:
        """Join the groups of ``a`` and ``b``."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class KeyIndex(Protocol):
    """Where each match key was first seen: a ``dict``, or a digest map for big inputs."""

    def setdefault(self, key: Key, position: int, /) -> int: ...

    def get(self, key: Key, /) -> int | None: ...


class Taken(Protocol):
    """The merged ids given out: a ``set``, or a digest table for big inputs."""

    def __contains__(self, key: object, /) -> bool: ...

    def add(self, key: str, /) -> object: ...


class Maps:
    """The merged id each object's id and absorbed ids get, report by report.

    ``assign`` records a member of a group; ``ref(index)`` maps an id report ``index``
    refers to: its own objects first, then an object of another report with that id (a
    reference the report does not resolve itself, made good by a report that has it).
    Where an id is assigned twice, the first assignment stays.
    """

    def __init__(self, count: int) -> None:
        self._own: list[dict[str, str]] = [{} for _ in range(count)]
        self._everywhere: dict[str, str] = {}

    def assign(self, index: int, ident: str, absorbed: Sequence[str], into: str) -> None:
        """Object ``ident`` of report ``index``, which absorbed ``absorbed``, is ``into``."""
        self._own[index].setdefault(ident, into)
        for old in (ident, *absorbed):
            self._everywhere.setdefault(old, into)

    def ref(self, index: int) -> Callable[[str], str]:
        """The merged id of an id report ``index`` refers to."""
        own, everywhere = self._own[index], self._everywhere
        return lambda i: own.get(i) or everywhere.get(i, i)


Refs = Callable[[int], Callable[[str], str]]
"""``ref`` of a :class:`Maps`: report index -> the map of the ids it refers to."""


def resolve(reports: Sequence[Report], rejected: frozenset[Ref] = frozenset()) -> Resolution:
    """Group the objects of ``reports`` and merge each group.

    Args:
        reports: The reports, first one first; earlier values win.
        rejected: Objects to keep apart from every object that is not identical to them
            (a merge decision a reviewer turned down).
    """
    maps = Maps(len(reports))
    taken: set[str] = set()
    planned: list[tuple[str, str, list[tuple[int, Any]]]] = []
    for collection in ORDER:
        items = [
            (index, obj)
            for index, report in enumerate(reports)
            for obj in getattr(report, collection)
        ]
        union = UnionFind()
        first_with: dict[Key, int] = {}
        waiting: dict[Key, list[int]] = {}
        for index, obj in items:
            keys = match_keys(collection, index, obj, maps.ref(index), rejected)
            link(union, union.add(), keys, first_with, waiting)
        grouped: dict[int, list[int]] = {}
        for position in range(len(items)):
            grouped.setdefault(union.find(position), []).append(position)
        for positions in grouped.values():
            members = [items[i] for i in positions]
            into = free(members[0][1].id, taken)
            for index, obj in members:
                maps.assign(index, obj.id, absorbed(obj), into)
            planned.append((collection, into, members))
    groups = [
        merge_group(collection, into, members, maps.ref) for collection, into, members in planned
    ]
    merged: dict[str, Any] = {
        name: tuple(g.merged for g in groups if g.collection == name) for name in COLLECTIONS
    }
    empty: dict[str, Any] = dict.fromkeys(COLLECTIONS, ())
    heads = [attrs.evolve(report, **empty) for report in reports]
    return Resolution(groups=tuple(groups), report=attrs.evolve(report_fields(heads), **merged))


def link(
    union: UnionFind,
    position: int,
    keys: Iterable[Key],
    first_with: KeyIndex,
    waiting: dict[Key, list[int]],
) -> None:
    """Join the item at ``position`` to the earlier items sharing one of its ``keys``.

    ``initials`` keys wait in ``waiting`` for an acronym: they match an acronym, never
    other initials.
    """
    for key in keys:
        if key[0] == "initials":
            active = ("acronym", key[1])
            other = first_with.get(active)
            if other is not None:
                union.union(other, position)
            else:
                waiting.setdefault(active, []).append(position)
            continue
        other = first_with.setdefault(key, position)
        if other != position:
            union.union(other, position)
        for passive in waiting.pop(key, ()):
            union.union(passive, position)


def free(wanted: str, taken: Taken) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... if another group has it; now taken."""
    into, number = wanted, 2
    while into in taken:
        into, number = f"{wanted}-{number}", number + 1
    taken.add(into)
    return into


def match_keys(
    collection: str, index: int, obj: Any, ref: Callable[[str], str], rejected: frozenset[Ref]
) -> list[Key]:
    """The keys ``obj`` of report ``index`` is matched by (only its content if rejected)."""
    identical: Key = ("identical", _digest(renamed(obj, ref)))
    if (index, obj.id) in rejected:
        return [identical]
    keys = [key for key, _ in keys_of(collection, obj, ref)]
    keys += [("id", i) for i in absorbed(obj)]
    return [*keys, identical]


def merge_group(
    collection: str, into: str, members: Sequence[tuple[int, Any]], refs: Refs
) -> Group:
    """The group of ``members`` (``(report index, object)``, first first), merged as ``into``."""
    objects = [renamed(obj, refs(index)) for index, obj in members]
    identical = all(o == objects[0] for o in objects[1:])
    if identical and objects[0].id == into:
        result, conflicts = objects[0], tuple[str, ...]()
    else:
        result, conflicts = combine(objects, into)
    evidence = _evidence(collection, members, refs) if len(members) > 1 else ()
    return Group(
        collection=collection,
        into=into,
        members=tuple((index, obj.id) for index, obj in members),
        evidence=evidence,
        conflicts=conflicts,
        identical=identical and all(obj.id == into for _, obj in members),
        merged=result,
    )


def _evidence(collection: str, members: Sequence[tuple[int, Any]], refs: Refs) -> tuple[str, ...]:
    """The keys members share, each in words, in order of first appearance."""
    holders: dict[Key, list[tuple[int, str]]] = {}
    for position, (index, obj) in enumerate(members):
        for (kind, value), words in keys_of(collection, obj, refs(index)):
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


def report_fields(heads: Sequence[Report]) -> Report:
    """The reports' own fields merged, from their ``heads`` (the reports without objects)."""
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


def absorbed(obj: Any) -> list[str]:
    """The ids ``obj`` absorbed in an earlier merge."""
    return [i for i in obj.extensions.get(MERGED_IDS, ()) if isinstance(i, str)]


def _digest(obj: Any) -> str:
    text = json.dumps(unstructure(obj), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
