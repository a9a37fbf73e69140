"""Rules on circular reporting and corroboration (OSR9xx); see :mod:`osintreport.corroboration`."""

from __future__ import annotations

from collections.abc import Iterator

from ..corroboration import SupportIndex, derivation_cycles
from ..findings import Severity
from ..ruleset import Context, Hit, path_of, rule
from ..vocab import ClaimStatus, RelationKind

__all__ = ["corroborated_without_independence", "derivation_cycle", "single_origin"]


def _index(ctx: Context) -> SupportIndex:
    cached: SupportIndex | None = ctx.cache.get("support-index")
    if cached is None:
        cached = ctx.cache["support-index"] = SupportIndex(ctx.report)
    return cached


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
    for cycle in derivation_cycles(ctx.report):
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
    links = _has_links(ctx)  # without them, a claim's sources are its citations
    index = None
    for position, claim in enumerate(ctx.report.claims):
        if len(claim.citations) < 2 and not links:
            continue
        index = index or _index(ctx)
        carried = index.carried(claim)
        if len(carried) < 2 or index.independent(carried) > 1:
            continue
        support = index.support(claim)
        yield Hit(
            path=path_of("claims", position),
            subject=claim.id,
            message=(
                f"claim {claim.id!r} is carried by {support.count} sources that are "
                f"not independent: {'; '.join(support.reasons)}"
            ),
            hint="look for a source independent of these before counting it as confirmed",
        )


def _has_links(ctx: Context) -> bool:
    """Whether any claim gets sources from a corroborates or duplicate_of relation."""
    found: bool | None = ctx.cache.get("support-links")
    if found is None:
        kinds = (RelationKind.CORROBORATES, RelationKind.DUPLICATE_OF)
        found = ctx.cache["support-links"] = any(r.kind in kinds for r in ctx.report.relations)
    return found


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
    index = _index(ctx)
    for position, claim in enumerate(claims):
        if claim.status is not ClaimStatus.CORROBORATED:
            continue
        carried = index.carried(claim)
        independent = index.independent(carried)
        if independent < 2:
            yield Hit(
                path=f"{path_of('claims', position)}.status",
                subject=claim.id,
                message=(
                    f"claim {claim.id!r} is marked corroborated, but its {len(carried)} "
                    f"source(s) count as {independent} independent"
                ),
                hint="cite an independent source, or mark the claim reported",
            )
