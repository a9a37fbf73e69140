"""Rules on circular reporting and corroboration (OSR9xx); see :mod:`osintreport.corroboration`."""

from __future__ import annotations

from collections.abc import Iterator

from ..corroboration import Corroboration, corroboration
from ..findings import Severity
from ..ruleset import Context, Hit, path_of, rule
from ..vocab import ClaimStatus, RelationKind

__all__ = ["corroborated_without_independence", "derivation_cycle", "single_origin"]


def _support(ctx: Context) -> Corroboration:
    cached: Corroboration | None = ctx.cache.get("corroboration")
    if cached is None:
        cached = ctx.cache["corroboration"] = corroboration(ctx.report)
    return cached


def _needed(ctx: Context) -> bool:
    """Only claims with two or more sources can be reported; skip the work otherwise."""
    return any(len(claim.citations) > 1 for claim in ctx.report.claims) or any(
        r.kind in (RelationKind.CORROBORATES, RelationKind.DUPLICATE_OF)
        for r in ctx.report.relations
    )


@rule(
    "OSR901",
    "derivation-cycle",
    Severity.WARNING,
    "Sources or claims that derive from each other in a circle.",
)
def derivation_cycle(ctx: Context) -> Iterator[Hit]:
    """A derives from B, which derives from A: circular reporting, no origin to be found."""
    relations = ctx.report.relations
    if not any(r.kind is RelationKind.DERIVED_FROM for r in relations):
        return
    index = {(r.subject, r.object): i for i, r in enumerate(relations)}
    for cycle in _support(ctx).cycles:
        position = index[(cycle[0], cycle[1] if len(cycle) > 1 else cycle[0])]
        circle = " -> ".join((*cycle, cycle[0]))
        yield Hit(
            path=path_of("relations", position),
            subject=relations[position].id,
            message=f"circular reporting: {circle} (each derived from the next)",
            hint="find the origin these derive from and point derived_from at it",
        )


@rule(
    "OSR902",
    "single-origin",
    Severity.INFO,
    "A claim carried by several sources that all trace to one origin.",
)
def single_origin(ctx: Context) -> Iterator[Hit]:
    """Three outlets repeating one post are one source, however many are cited."""
    if not _needed(ctx):
        return
    positions = {claim.id: i for i, claim in enumerate(ctx.report.claims)}
    for support in _support(ctx).claims:
        if support.count > 1 and support.independent == 1:
            yield Hit(
                path=path_of("claims", positions[support.claim]),
                subject=support.claim,
                message=(
                    f"claim {support.claim!r} is carried by {support.count} sources that are "
                    f"not independent: {'; '.join(support.reasons)}"
                ),
                hint="look for a source independent of these before counting it as confirmed",
            )


@rule(
    "OSR903",
    "corroborated-without-independence",
    Severity.WARNING,
    "A claim marked corroborated with fewer than two independent sources.",
)
def corroborated_without_independence(ctx: Context) -> Iterator[Hit]:
    """``corroborated`` means supported by independent evidence: two sources at least."""
    claims = ctx.report.claims
    if not any(claim.status is ClaimStatus.CORROBORATED for claim in claims):
        return
    supports = {support.claim: support for support in _support(ctx).claims}
    for index, claim in enumerate(claims):
        support = supports[claim.id]
        if claim.status is ClaimStatus.CORROBORATED and support.independent < 2:
            yield Hit(
                path=f"{path_of('claims', index)}.status",
                subject=claim.id,
                message=(
                    f"claim {claim.id!r} is marked corroborated, but its {support.count} "
                    f"source(s) count as {support.independent} independent"
                ),
                hint="cite an independent source, or mark the claim reported",
            )
