"""Rules on ids and references (OSR1xx)."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..ruleset import Context, Hit, rule

__all__ = ["dangling_reference", "duplicate_id", "parent_cycle", "wrong_kind_reference"]

_KIND_NAMES = {
    "actors": "an actor",
    "events": "an event",
    "claims": "a claim",
    "assessments": "an assessment",
    "sources": "a source",
}


def _references(ctx: Context) -> Iterator[tuple[str, str | None, str, frozenset[str], str]]:
    """Yield ``(path, subject, target id, allowed kinds, what)`` for every reference."""
    actors = frozenset({"actors"})
    report = ctx.report
    for index, actor in enumerate(report.actors):
        base = f"$.actors[{index}]"
        if actor.parent is not None:
            yield f"{base}.parent", actor.id, actor.parent, actors, "parent"
        for n, backer in enumerate(actor.backers):
            yield f"{base}.backers[{n}]", actor.id, backer, actors, "backer"
    for index, source in enumerate(report.sources):
        if source.affiliation is not None:
            yield (
                f"$.sources[{index}].affiliation",
                source.id,
                source.affiliation,
                actors,
                "affiliation",
            )
    for index, event in enumerate(report.events):
        for n, participant in enumerate(event.participants):
            path = f"$.events[{index}].participants[{n}].actor"
            yield path, event.id, participant.actor, actors, "participant"
    for index, claim in enumerate(report.claims):
        base = f"$.claims[{index}]"
        if claim.claimant is not None:
            yield f"{base}.claimant", claim.id, claim.claimant, actors, "claimant"
        about = frozenset({"actors", "events", "claims", "assessments", "sources"})
        for n, ref in enumerate(claim.about):
            yield f"{base}.about[{n}]", claim.id, ref, about, "subject"
    for index, assessment in enumerate(report.assessments):
        basis = frozenset({"claims", "events"})
        for n, ref in enumerate(assessment.basis):
            yield f"$.assessments[{index}].basis[{n}]", assessment.id, ref, basis, "basis"
    sources = frozenset({"sources"})
    for path, statement in ctx.statements:
        for n, citation in enumerate(statement.citations):
            if citation.source is not None:
                yield (
                    f"{path}.citations[{n}].source",
                    statement.id,
                    citation.source,
                    sources,
                    "citation",
                )


@rule("OSR101", "duplicate-id", Severity.ERROR, "An id used by more than one object in the report.")
def duplicate_id(ctx: Context) -> Iterator[Hit]:
    """Ids must be unique across actors, events, claims, assessments and sources together."""
    for ref, entries in ctx.by_id.items():
        if len(entries) < 2:
            continue
        first = entries[0][1]
        for _, path, _ in entries[1:]:
            yield Hit(
                path=f"{path}.id",
                subject=ref,
                message=f"id {ref!r} is already used at {first}",
                hint="give each actor, event, claim, assessment and source its own id",
            )


@rule(
    "OSR102",
    "dangling-reference",
    Severity.ERROR,
    "A reference to an id that nothing in the report has.",
)
def dangling_reference(ctx: Context) -> Iterator[Hit]:
    """Every reference must name an object in the same report."""
    for path, subject, target, _, what in _references(ctx):
        if target not in ctx.by_id:
            yield Hit(
                path=path,
                subject=subject,
                message=f"{what} {target!r} is not the id of anything in the report",
                hint=f"add an object with id {target!r}, or fix the spelling",
            )


@rule(
    "OSR103", "wrong-kind-reference", Severity.ERROR, "A reference to an object of the wrong kind."
)
def wrong_kind_reference(ctx: Context) -> Iterator[Hit]:
    """A citation must name a source, a participant an actor, a basis a claim or event, ..."""
    for path, subject, target, allowed, what in _references(ctx):
        kind = ctx.kind_of(target)
        if kind is not None and kind not in allowed:
            wanted = " or ".join(_KIND_NAMES[k] for k in sorted(allowed))
            yield Hit(
                path=path,
                subject=subject,
                message=f"{what} {target!r} is {_KIND_NAMES[kind]}, not {wanted}",
                hint=f"point the {what} at {wanted}",
            )


@rule("OSR104", "parent-cycle", Severity.ERROR, "Actors whose parent chain loops back on itself.")
def parent_cycle(ctx: Context) -> Iterator[Hit]:
    """Following ``parent`` from any actor must end, not return to where it started."""
    reported: set[str] = set()
    for index, actor in enumerate(ctx.report.actors):
        seen = [actor.id]
        current = actor.parent
        while current is not None and current in ctx.actors:
            if current in seen:
                loop = seen[seen.index(current) :]
                if not reported.intersection(loop):
                    reported.update(loop)
                    yield Hit(
                        path=f"$.actors[{index}].parent",
                        subject=actor.id,
                        message="parent chain loops: " + " -> ".join([*loop, current]),
                        hint="an actor cannot be its own ancestor; fix one of the parents",
                    )
                break
            seen.append(current)
            current = ctx.actors[current].parent
