"""Rules on ids and references (OSR1xx)."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

from ..findings import Severity
from ..parts import Citation
from ..relation import ENDPOINTS
from ..ruleset import Context, Hit, path_of, rule

__all__ = [
    "casualty_parts",
    "citation_columns",
    "cited_sources",
    "dangling_reference",
    "duplicate_hit",
    "duplicate_id",
    "parent_cycle",
    "referenced_ids",
    "references",
    "wrong_kind_reference",
]

_KIND_NAMES = {
    "actors": "an actor",
    "events": "an event",
    "claims": "a claim",
    "assessments": "an assessment",
    "sources": "a source",
    "relations": "a relation",
}


_ACTORS = frozenset({"actors"})
_SOURCES = frozenset({"sources"})
_ABOUT = frozenset({"actors", "events", "claims", "assessments", "sources", "relations"})
_BASIS = frozenset({"claims", "events"})
_CLAIMS = frozenset({"claims"})
_ASSESSMENTS = frozenset({"assessments"})

Reference = tuple[str, int, str, int | None, str, str, frozenset[str], str]
"""``(collection, index, field, position, subject, target, allowed kinds, what)``."""


def _path(collection: str, index: int, field: str, position: int | None) -> str:
    base = f"$.{collection}[{index}].{field}"
    return base if position is None else f"{base}[{position}]"


def references(ctx: Context) -> list[Reference]:
    """Every reference in the report, built once per validation (paths made only on a hit)."""
    cached: list[Reference] | None = ctx.cache.get("references")
    if cached is not None:
        return cached
    out: list[Reference] = []
    add = out.append
    report = ctx.report
    for index, actor in enumerate(report.actors):
        if actor.parent is not None:
            add(("actors", index, "parent", None, actor.id, actor.parent, _ACTORS, "parent"))
        for n, backer in enumerate(actor.backers):
            add(("actors", index, "backers", n, actor.id, backer, _ACTORS, "backer"))
    for index, source in enumerate(report.sources):
        if source.affiliation is not None:
            add(
                (
                    "sources",
                    index,
                    "affiliation",
                    None,
                    source.id,
                    source.affiliation,
                    _ACTORS,
                    "affiliation",
                )
            )
    for index, event in enumerate(report.events):
        for n, participant in enumerate(event.participants):
            add(
                (
                    "events",
                    index,
                    "participants",
                    n,
                    event.id,
                    participant.actor,
                    _ACTORS,
                    "participant",
                )
            )
    for index, claim in enumerate(report.claims):
        if claim.claimant is not None:
            add(("claims", index, "claimant", None, claim.id, claim.claimant, _ACTORS, "claimant"))
        for n, ref in enumerate(claim.about):
            add(("claims", index, "about", n, claim.id, ref, _ABOUT, "subject"))
    for index, assessment in enumerate(report.assessments):
        for n, ref in enumerate(assessment.basis):
            add(("assessments", index, "basis", n, assessment.id, ref, _BASIS, "basis"))
    for collection in ("claims", "events", "assessments"):
        for index, statement in enumerate(getattr(report, collection)):
            for n, citation in enumerate(statement.citations):
                if citation.source is not None:
                    add(
                        (
                            collection,
                            index,
                            "citations",
                            n,
                            statement.id,
                            citation.source,
                            _SOURCES,
                            "citation",
                        )
                    )
    out.extend(_v2_only(ctx))
    ctx.cache["references"] = out
    return out


def casualty_parts(ctx: Context) -> tuple[list[int], list[bool], list[bool]]:
    """Events with casualty figures: their indexes, and for each, sides given? any part given?

    A part is a side, civilians or unknown. Built once per validation, at C speed, so the
    rules on sides and parts loop only over the events that have them.
    """
    cached: tuple[list[int], list[bool], list[bool]] | None = ctx.cache.get("casualty_parts")
    if cached is None:
        events = ctx.report.events
        indexes = list(itertools.compress(itertools.count(), map(_CASUALTIES, events)))
        found = list(map(_CASUALTIES, map(events.__getitem__, indexes)))
        sides = list(map(bool, map(_SIDES, found)))
        parts = list(
            map(any, zip(sides, map(_CIVILIANS, found), map(_UNKNOWN, found), strict=True))
        )
        cached = ctx.cache["casualty_parts"] = (indexes, sides, parts)
    return cached


def _v2_references(ctx: Context, add: Callable[[Reference], None]) -> None:
    """References that model version 2 added: casualty sides, retractions, relations."""
    report = ctx.report
    events = report.events
    indexes, with_sides, _ = casualty_parts(ctx)
    for index in itertools.compress(indexes, with_sides):
        event = events[index]
        assert event.casualties is not None  # listed because it has casualties
        for n, side in enumerate(event.casualties.sides):
            add(("events", index, "casualties.sides", n, event.id, side.actor, _ACTORS, "side"))
    for collection, allowed in (("claims", _CLAIMS), ("assessments", _ASSESSMENTS)):
        for index, item in enumerate(getattr(report, collection)):
            retracted = item.retracted
            if retracted is not None and retracted.replaced_by is not None:
                field = "retracted.replaced_by"
                add(
                    (collection, index, field, None, item.id, retracted.replaced_by, allowed, field)
                )
    for index, relation in enumerate(report.relations):
        subjects, objects = ENDPOINTS[relation.kind]
        me = relation.id
        add(("relations", index, "subject", None, me, relation.subject, subjects, "subject"))
        if relation.object is not None:
            add(("relations", index, "object", None, me, relation.object, objects, "object"))
        for n, citation in enumerate(relation.citations):
            if citation.source is not None:
                add(("relations", index, "citations", n, me, citation.source, _SOURCES, "citation"))


def _reference_path(ref: Reference) -> str:
    collection, index, field, position, _, _, _, what = ref
    path = _path(collection, index, field, position)
    if what in ("participant", "side"):
        return path + ".actor"
    return path + ".source" if what == "citation" else path


_PARENT = operator.attrgetter("parent")
_BACKERS = operator.attrgetter("backers")
_AFFILIATION = operator.attrgetter("affiliation")
_PARTICIPANTS = operator.attrgetter("participants")
_ACTOR = operator.attrgetter("actor")
_CLAIMANT = operator.attrgetter("claimant")
_ABOUT_IDS = operator.attrgetter("about")
_BASIS_IDS = operator.attrgetter("basis")
_CITATIONS = operator.attrgetter("citations")
_SOURCE = operator.attrgetter("source")
_flat = itertools.chain.from_iterable


def citation_columns(
    ctx: Context, kind: str
) -> tuple[list[tuple[Citation, ...]], list[str | None]]:
    """Each statement's citations, and every citation's source id, for one ``kind``.

    ``kind`` is claims, events or assessments; the source ids are of all the statements'
    citations in a row. Built once per validation.
    """
    key = f"citations:{kind}"
    cached: tuple[list[tuple[Citation, ...]], list[str | None]] | None = ctx.cache.get(key)
    if cached is None:
        cites = list(map(_CITATIONS, getattr(ctx.report, kind)))
        cached = (cites, list(map(_SOURCE, _flat(cites))))
        ctx.cache[key] = cached
    return cached


def _ids(values: Iterable[str | None]) -> set[str]:
    """The distinct values, without ``None``."""
    out = set(values)
    out.discard(None)
    return cast(set[str], out)


def referenced_ids(ctx: Context) -> dict[frozenset[str], set[str]]:
    """The distinct ids referenced, per group of kinds allowed (no ``None``).

    Built once per validation with ``map`` and ``chain`` (no Python loop per item); the
    ``_SOURCES`` group is the set of every source id a statement cites.
    """
    cached: dict[frozenset[str], set[str]] | None = ctx.cache.get("targets")
    if cached is not None:
        return cached
    r = ctx.report
    actors = _ids(map(_PARENT, r.actors))
    actors.update(_flat(map(_BACKERS, r.actors)))
    actors.update(_ids(map(_AFFILIATION, r.sources)))
    actors.update(map(_ACTOR, _flat(map(_PARTICIPANTS, r.events))))
    actors.update(_ids(map(_CLAIMANT, r.claims)))
    sources: set[str] = set()
    for kind, _ in ctx.statement_groups():
        sources.update(_ids(citation_columns(ctx, kind)[1]))
    groups = {
        _ACTORS: actors,
        _ABOUT: set(_flat(map(_ABOUT_IDS, r.claims))),
        _BASIS: set(_flat(map(_BASIS_IDS, r.assessments))),
        _SOURCES: sources,
    }
    if r.relations or any(map(_CASUALTIES, r.events)) or _any_retracted(r):
        for ref in _v2_only(ctx):
            groups.setdefault(ref[6], set()).add(ref[5])
    ctx.cache["targets"] = groups
    return groups


_CASUALTIES = operator.attrgetter("casualties")
_SIDES = operator.attrgetter("sides")
_CIVILIANS = operator.attrgetter("civilians")
_UNKNOWN = operator.attrgetter("unknown")
_RETRACTED = operator.attrgetter("retracted")


def _any_retracted(report: Any) -> bool:
    return any(map(_RETRACTED, report.claims)) or any(map(_RETRACTED, report.assessments))


def _v2_only(ctx: Context) -> list[Reference]:
    """The references :func:`_v2_references` lists, built once per validation."""
    cached: list[Reference] | None = ctx.cache.get("v2_references")
    if cached is None:
        cached = ctx.cache["v2_references"] = []
        _v2_references(ctx, cached.append)
    return cached


def cited_sources(ctx: Context) -> set[str]:
    """The distinct source ids that claims, events and assessments cite."""
    return referenced_ids(ctx)[_SOURCES]


@rule("OSR101", "duplicate-id", Severity.ERROR, "An id used by more than one object in the report.")
def duplicate_id(ctx: Context) -> Iterator[Hit]:
    """Ids must be unique across every collection of the report together."""
    for kind, index, item in ctx.duplicates:
        first_kind, first_index, _ = ctx.by_id[item.id]
        yield duplicate_hit(item.id, (kind, index), (first_kind, first_index))


def duplicate_hit(ident: str, at: tuple[str, int], first: tuple[str, int]) -> Hit:
    """The ``OSR101`` hit for id ``ident`` used again at ``(kind, index)`` ``at``."""
    return Hit(
        path=f"{path_of(*at)}.id",
        subject=ident,
        message=f"id {ident!r} is already used at {path_of(*first)}",
        hint="give each actor, event, claim, assessment, source and relation its own id",
    )


@rule(
    "OSR102",
    "dangling-reference",
    Severity.ERROR,
    "A reference to an id that nothing in the report has.",
)
def dangling_reference(ctx: Context) -> Iterator[Hit]:
    """Every reference must name an object in the same report."""
    missing: set[str] = set()
    for targets in referenced_ids(ctx).values():
        missing.update(targets.difference(ctx.kinds))
    if not missing:
        return
    for ref in references(ctx):
        subject, target, what = ref[4], ref[5], ref[7]
        if target in missing:
            yield Hit(
                path=_reference_path(ref),
                subject=subject,
                message=f"{what} {target!r} is not the id of anything in the report",
                hint=f"add an object with id {target!r}, or fix the spelling",
            )


@rule(
    "OSR103", "wrong-kind-reference", Severity.ERROR, "A reference to an object of the wrong kind."
)
def wrong_kind_reference(ctx: Context) -> Iterator[Hit]:
    """A citation must name a source, a participant an actor, a basis a claim or event, ..."""
    kinds = ctx.kinds
    wrong: dict[tuple[frozenset[str], str], str] = {}  # (allowed, target) -> target's kind
    for allowed, targets in referenced_ids(ctx).items():
        if allowed == _ABOUT:
            continue  # a claim may be about anything
        known = targets.difference(targets.difference(kinds))  # targets & kinds, quickly
        if set(map(kinds.__getitem__, known)) <= allowed:
            continue  # every target is of an allowed kind: the common case
        for target in known:
            if kinds[target] not in allowed:
                wrong[(allowed, target)] = kinds[target]
    if not wrong:
        return
    for ref in references(ctx):
        subject, target, allowed, what = ref[4], ref[5], ref[6], ref[7]
        found_kind = wrong.get((allowed, target))
        if found_kind is not None:
            wanted = " or ".join(_KIND_NAMES[k] for k in sorted(allowed))
            yield Hit(
                path=_reference_path(ref),
                subject=subject,
                message=f"{what} {target!r} is {_KIND_NAMES[found_kind]}, not {wanted}",
                hint=f"point the {what} at {wanted}",
            )


@rule("OSR104", "parent-cycle", Severity.ERROR, "Actors whose parent chain loops back on itself.")
def parent_cycle(ctx: Context) -> Iterator[Hit]:
    """Following ``parent`` from any actor must end, not return to where it started.

    Each actor is walked once: a walk stops at an actor an earlier walk finished, so the
    rule takes time in proportion to the number of actors, however long the chains.
    """
    actors = ctx.actors
    finished: set[str] = set()  # ids whose whole chain an earlier walk followed
    reported: set[str] = set()
    started: set[str] = set()  # ids already walked from as an actor of their own
    for index, actor in enumerate(ctx.report.actors):
        repeated = actor.id in started
        started.add(actor.id)
        if actor.id in finished and not repeated:
            continue  # an earlier walk followed this chain, and reported any loop on it
        # A repeated id (OSR101) has a parent of its own: walk it in full, as a new chain.
        shortcut: set[str] | frozenset[str] = frozenset() if repeated else finished
        walk = {actor.id: 0}  # id -> its place on this walk
        current = actor.parent
        while current is not None and current in actors:
            if current in walk:  # back on this walk: a loop
                loop = list(walk)[walk[current] :]
                if not reported.intersection(loop):
                    reported.update(loop)
                    yield Hit(
                        path=f"$.actors[{index}].parent",
                        subject=actor.id,
                        message="parent chain loops: " + " -> ".join([*loop, current]),
                        hint="an actor cannot be its own ancestor; fix one of the parents",
                    )
                break
            if current in shortcut:
                break  # the rest of this chain was followed already
            walk[current] = len(walk)
            current = actors[current].parent
        finished.update(walk)
