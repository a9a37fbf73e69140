"""Rules on translations and casualty figures (OSR8xx)."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator
from typing import Any

from ..findings import Severity
from ..parts import Estimate
from ..ruleset import Context, Hit, path_of, rule
from .identity import casualty_parts, citation_columns

_ORIGINAL = operator.attrgetter("original")

__all__ = ["casualty_parts_exceed_total", "translation_without_language"]


def _originals(ctx: Context) -> Iterator[tuple[str, str, Any]]:
    """``(path, subject id, original)`` of every original text in the report."""
    if not _any_original(ctx):
        return  # the common case, found at C speed
    for kind, items in ctx.statement_groups():
        for index, item in enumerate(items):
            base = path_of(kind, index)
            original = getattr(item, "original", None)
            if original is not None:
                yield f"{base}.original", item.id, original
            for n, citation in enumerate(item.citations):
                if citation.original is not None:
                    yield f"{base}.citations[{n}].original", item.id, citation.original
    for index, relation in enumerate(ctx.report.relations):
        for n, citation in enumerate(relation.citations):
            if citation.original is not None:
                path = f"{path_of('relations', index)}.citations[{n}].original"
                yield path, relation.id, citation.original


def _any_original(ctx: Context) -> bool:
    flat = itertools.chain.from_iterable
    for kind, items in ctx.statement_groups():
        if kind == "claims" and any(map(_ORIGINAL, items)):
            return True
        if any(map(_ORIGINAL, flat(citation_columns(ctx, kind)[0]))):
            return True
    citations = flat(r.citations for r in ctx.report.relations)
    return any(map(_ORIGINAL, citations))


@rule(
    "OSR801",
    "translation-without-language",
    Severity.WARNING,
    "An original text given beside a translation without its language.",
)
def translation_without_language(ctx: Context) -> Iterator[Hit]:
    """A reader checking a translation needs to know what language the original is in."""
    for path, subject, original in _originals(ctx):
        if original.language is None:
            yield Hit(
                path=f"{path}.language",
                subject=subject,
                message="the original text has no language",
                hint="add its BCP 47 tag, such as 'ar', 'fa' or 'ru'",
            )


def _low(estimate: Estimate) -> int:
    """The smallest figure an estimate admits (0 when it gives none)."""
    for figure in (estimate.low, estimate.best, estimate.high):
        if figure is not None:
            return figure
    return 0


def _high(estimate: Estimate) -> int | None:
    """The largest figure an estimate admits (``None`` when it gives none)."""
    for figure in (estimate.high, estimate.best, estimate.low):
        if figure is not None:
            return figure
    return None


@rule(
    "OSR802",
    "casualty-parts-exceed-total",
    Severity.WARNING,
    "Casualties by side, civilians and unknown that add up to more than the total.",
)
def casualty_parts_exceed_total(ctx: Context) -> Iterator[Hit]:
    """The parts of a toll cannot exceed the whole.

    Parts exceed the total when the sum of their best figures is above the total's best,
    or the sum of their lowest figures is above the total's highest.
    """
    events = ctx.report.events
    indexes, _, has_parts = casualty_parts(ctx)
    for index in itertools.compress(indexes, has_parts):  # only tolls that give parts
        event = events[index]
        casualties = event.casualties
        assert casualties is not None
        for figure in ("killed", "injured"):
            total: Estimate | None = getattr(casualties, figure)
            parts = casualties.parts(figure)
            if total is None or not parts:
                continue
            bests = [p.best for p in parts]
            best_sum = sum(b for b in bests if b is not None)
            low_sum = sum(_low(p) for p in parts)
            high = _high(total)
            over_best = total.best is not None and None not in bests and best_sum > total.best
            if over_best or (high is not None and low_sum > high):
                shown = best_sum if over_best else low_sum
                yield Hit(
                    path=f"{path_of('events', index)}.casualties.{figure}",
                    subject=event.id,
                    message=(
                        f"the {figure} by side, civilians and unknown add up to {shown}, "
                        f"more than the total ({high if not over_best else total.best})"
                    ),
                    hint="correct the parts or the total, or cite the source of each",
                )
