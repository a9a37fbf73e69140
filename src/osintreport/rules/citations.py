"""Rules on citations and sources (OSR3xx); see :mod:`osintreport.citation_coverage`."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator

from ..citation_coverage import is_cited
from ..findings import Severity
from ..ruleset import Context, Hit, Statement, path_of, rule
from ..vocab import ClaimStatus, Reliability
from .identity import citation_columns, cited_sources

__all__ = [
    "basis_discredited",
    "empty_citation",
    "empty_source",
    "source_never_cited",
    "uncited_statement",
    "weak_sources_only",
]

_SINGULAR = {"claims": "claim", "events": "event", "assessments": "assessment"}


def _kind(path: str) -> str:
    return _SINGULAR[path[2 : path.index("[")]]


def _suspects(ctx: Context) -> list[tuple[str, Statement]]:
    """``(path, statement)`` of the statements OSR301, OSR302 and OSR305 must look at.

    A statement with at least one citation, every one to a usable source, can give none of
    them a hit. Those are set aside with C-speed passes over all citations at once; only
    the rest (no citation, or a citation to nothing or to an unusable source) are listed,
    in document order. Built once per validation.
    """
    cached: list[tuple[str, Statement]] | None = ctx.cache.get("citation_suspects")
    if cached is not None:
        return cached
    out: list[tuple[str, Statement]] = []
    unusable = cited_sources(ctx).difference(ctx.usable_sources)  # ids cited, none None
    for kind, items in ctx.statement_groups():
        cites, sources = citation_columns(ctx, kind)
        lengths = list(map(len, cites))
        bad = unusable | {None} if None in sources else unusable
        picked: set[int] = set()
        if 0 in lengths:
            picked.update(index for index, length in enumerate(lengths) if not length)
        if bad:
            starts = list(itertools.accumulate(lengths, initial=0))
            picked.update(
                bisect.bisect_right(starts, position) - 1
                for position, source in enumerate(sources)
                if source in bad
            )
        out.extend((path_of(kind, index), items[index]) for index in sorted(picked))
    ctx.cache["citation_suspects"] = out
    return out


@rule(
    "OSR301",
    "uncited-statement",
    Severity.WARNING,
    "A claim, event or assessment that cites no usable source.",
)
def uncited_statement(ctx: Context) -> Iterator[Hit]:
    """Every statement should rest on at least one source a reader can find."""
    for path, statement in _suspects(ctx):
        if is_cited(statement, ctx.usable_sources):
            continue
        if not statement.citations:
            why = "cites nothing"
        elif all(c.source is None for c in statement.citations):
            notes = ", ".join(str(c.locator) for c in statement.citations if c.locator is not None)
            why = (
                f"cites only empty or missing footnotes ({notes})"
                if notes
                else "cites only empty citations"
            )
        else:
            why = "cites no source a reader could find"
        yield Hit(
            path=path,
            subject=statement.id,
            message=f"{_kind(path)} {statement.id!r} {why}",
            hint="add a citation to a source with a URL, an archive copy or a title",
        )


@rule(
    "OSR302",
    "empty-source",
    Severity.WARNING,
    "A citation to a source with no URL, archive copy or title.",
)
def empty_source(ctx: Context) -> Iterator[Hit]:
    """A source nobody can find supports nothing."""
    for path, statement in _suspects(ctx):
        for n, citation in enumerate(statement.citations):
            if citation.source is None or citation.source in ctx.usable_sources:
                continue
            source = ctx.sources.get(citation.source)
            if source is not None:
                yield Hit(
                    path=f"{path}.citations[{n}]",
                    subject=statement.id,
                    message=f"cites source {source.id!r}, which has no URL, archive URL or title",
                    hint=f"give source {source.id!r} a url, archive_url or title",
                )


@rule("OSR303", "source-never-cited", Severity.WARNING, "A source that no statement cites.")
def source_never_cited(ctx: Context) -> Iterator[Hit]:
    """Sources are listed to be cited; an uncited one is a lost link or clutter."""
    cited = cited_sources(ctx)
    for index, source in enumerate(ctx.report.sources):
        if source.id not in cited:
            yield Hit(
                path=f"$.sources[{index}]",
                subject=source.id,
                message=f"source {source.id!r} is never cited",
                hint="cite it from the statements it supports, or remove it",
            )


@rule(
    "OSR304",
    "weak-sources-only",
    Severity.WARNING,
    "A statement whose only sources are rated E or F.",
)
def weak_sources_only(ctx: Context) -> Iterator[Hit]:
    """Unreliable (E) or unjudgeable (F) sources alone do not carry a statement."""
    weak = {Reliability.E, Reliability.F}
    usable = ctx.usable_sources
    if not any(s.reliability in weak and s.id in usable for s in ctx.report.sources):
        return  # no weak source at all: nothing to look for
    for path, statement in ctx.statements:
        sources = [ctx.sources[c.source] for c in statement.citations if c.source in usable]
        if sources and all(s.reliability in weak for s in sources):
            ids = ", ".join(sorted({s.id for s in sources}))
            yield Hit(
                path=path,
                subject=statement.id,
                message=(
                    f"{_kind(path)} {statement.id!r} rests only on sources rated E or F ({ids})"
                ),
                hint="find a more reliable source, or say in the text that it is unconfirmed",
            )


@rule(
    "OSR305",
    "empty-citation",
    Severity.INFO,
    "A citation that points to no source (an empty or missing footnote).",
)
def empty_citation(ctx: Context) -> Iterator[Hit]:
    """A footnote with nothing behind it is kept so the gap shows; this lists each one."""
    for path, statement in _suspects(ctx):
        for n, citation in enumerate(statement.citations):
            if citation.source is None:
                where = (
                    f"footnote {citation.locator}" if citation.locator is not None else "a citation"
                )
                yield Hit(
                    path=f"{path}.citations[{n}]",
                    subject=statement.id,
                    message=f"{where} of {statement.id!r} points to no source",
                    hint="find the source the footnote meant and add it",
                )


@rule(
    "OSR306",
    "basis-discredited",
    Severity.WARNING,
    "An assessment whose whole basis is false or disputed claims.",
)
def basis_discredited(ctx: Context) -> Iterator[Hit]:
    """A judgment resting only on claims shown false or disputed rests on nothing."""
    bad = {ClaimStatus.FALSE, ClaimStatus.DISPUTED}
    for index, assessment in enumerate(ctx.report.assessments):
        if not assessment.basis:
            continue
        claims = [ctx.claims.get(ref) for ref in assessment.basis]
        if all(claim is not None and claim.status in bad for claim in claims):
            yield Hit(
                path=f"{path_of('assessments', index)}.basis",
                subject=assessment.id,
                message=f"assessment {assessment.id!r} rests only on false or disputed claims",
                hint="add the corroborated claims or events the judgment rests on, or revise it",
            )
