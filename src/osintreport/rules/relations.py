"""Rules on relations (OSR6xx).

Dangling relation ends and ends of the wrong kind are reported by ``OSR102`` and ``OSR103``
with every other reference; these rules check what only relations can get wrong.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator

from ..findings import Severity
from ..relation import SAME_KIND
from ..ruleset import Context, Hit, path_of, rule
from ..vocab import ClaimStatus, RelationKind

__all__ = ["contradiction_both_corroborated", "relation_kind_mismatch", "relation_to_itself"]

_KIND = operator.attrgetter("kind")


@rule("OSR601", "relation-to-itself", Severity.WARNING, "A relation whose subject is its object.")
def relation_to_itself(ctx: Context) -> Iterator[Hit]:
    """An object cannot back, contradict or duplicate itself."""
    for index, relation in enumerate(ctx.report.relations):
        if relation.object == relation.subject:
            yield Hit(
                path=f"{path_of('relations', index)}.object",
                subject=relation.id,
                message=f"relation {relation.id!r} links {relation.subject!r} to itself",
                hint="point the relation at the other object it is about",
            )


@rule(
    "OSR602",
    "relation-kind-mismatch",
    Severity.ERROR,
    "A part-of, derived-from or duplicate-of relation between objects of different kinds.",
)
def relation_kind_mismatch(ctx: Context) -> Iterator[Hit]:
    """An event is part of an event, a source derives from a source, a duplicate is alike."""
    kinds = ctx.kinds
    for index, relation in enumerate(ctx.report.relations):
        if relation.kind not in SAME_KIND or relation.object is None:
            continue
        a, b = kinds.get(relation.subject), kinds.get(relation.object)
        if a is not None and b is not None and a != b:
            yield Hit(
                path=f"{path_of('relations', index)}.object",
                subject=relation.id,
                message=(
                    f"{relation.kind.value} links {a[:-1]} {relation.subject!r} "
                    f"to {b[:-1]} {relation.object!r}"
                ),
                hint=f"{relation.kind.value} links two objects of the same kind",
            )


@rule(
    "OSR603",
    "contradiction-both-corroborated",
    Severity.WARNING,
    "Two claims that contradict each other, both marked corroborated.",
)
def contradiction_both_corroborated(ctx: Context) -> Iterator[Hit]:
    """If two claims contradict each other, at most one of them can be corroborated."""
    relations = ctx.report.relations
    if RelationKind.CONTRADICTS not in set(map(_KIND, relations)):
        return  # no claim index to build
    claims = ctx.claims
    for index, relation in enumerate(relations):
        if relation.kind is not RelationKind.CONTRADICTS or relation.object is None:
            continue
        a, b = claims.get(relation.subject), claims.get(relation.object)
        if (
            a is not None
            and b is not None
            and a.status is ClaimStatus.CORROBORATED
            and b.status is ClaimStatus.CORROBORATED
        ):
            yield Hit(
                path=path_of("relations", index),
                subject=relation.id,
                message=(
                    f"claims {a.id!r} and {b.id!r} contradict each other, "
                    "yet both are marked corroborated"
                ),
                hint="mark one of them disputed or false, or remove the contradiction",
            )
