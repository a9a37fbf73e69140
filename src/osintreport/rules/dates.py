"""Rules on dates (OSR2xx). Fuzzy dates compare by their bounds.

A date is only "after" another when its *earliest* day is after the other's *latest* day, so
``2023-07~`` (1 to 31 July) is not after 15 July: only what must be wrong is reported.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Collection, Iterator
from typing import cast

from ..findings import Severity
from ..ruleset import Context, Hit, rule
from ..when import FuzzyDate, When

__all__ = [
    "after_publication",
    "horizon_before_report",
    "implausible_year",
    "in_future",
    "source_after_report",
    "source_before_event",
    "start_after_end",
]

_FAR_FUTURE_YEARS = 50
_EARLIEST_YEAR = 1900


_DATED = (
    ("events", "when"),
    ("claims", "stated"),
    ("assessments", "horizon"),
    ("sources", "published"),
)
_REPORT_DATES = ("published", "period")


def _dated(
    ctx: Context,
    wrong: Callable[[When], bool],
    *,
    collections: Collection[str] = ("events", "claims", "assessments", "sources"),
    report_dates: Collection[str] = _REPORT_DATES,
) -> Iterator[tuple[str, str | None, When]]:
    """``(path, subject, when)`` of every date for which ``wrong(when)`` is true.

    Dates come in document order: the report's own, then each collection's. ``wrong`` runs
    once per distinct ``When`` object (data sets repeat their dates, and parsing shares
    equal ones), and a collection with no wrong date is passed over without a Python loop
    per item; paths are only made for hits.
    """
    report = ctx.report
    for field in _REPORT_DATES:
        when = getattr(report, field)
        if field in report_dates and when is not None and wrong(when):
            yield f"$.{field}", report.id, when
    for collection, field in _DATED:
        if collection not in collections:
            continue
        whens = _column(ctx, collection, field)
        distinct = dict(zip(map(id, whens), whens, strict=True))
        bad = {key for key, when in distinct.items() if when is not None and wrong(when)}
        if not bad:
            continue
        items = getattr(report, collection)
        for index, when in enumerate(whens):
            if id(when) in bad:
                yield f"$.{collection}[{index}].{field}", items[index].id, cast(When, when)


def _column(ctx: Context, collection: str, field: str) -> list[When | None]:
    """The ``field`` of every item of ``collection`` (``None`` where unset); built once."""
    key = f"dates:{collection}.{field}"
    cached: list[When | None] | None = ctx.cache.get(key)
    if cached is None:
        cached = list(map(operator.attrgetter(field), getattr(ctx.report, collection)))
        ctx.cache[key] = cached
    return cached


@rule("OSR201", "start-after-end", Severity.ERROR, "An interval whose start comes after its end.")
def start_after_end(ctx: Context) -> Iterator[Hit]:
    """``2023-07-12/2023-07-07`` cannot be: the start must not be after the end."""
    for path, subject, when in _dated(ctx, _starts_after_end):
        yield Hit(
            path=path,
            subject=subject,
            message=f"{when} starts after it ends",
            hint=f"swap the ends: {when.end}/{when.start}",
        )


def _starts_after_end(when: When) -> bool:
    start, end = when.start, when.end
    return (
        isinstance(start, FuzzyDate)
        and isinstance(end, FuzzyDate)
        and start.earliest() > end.latest()
    )


@rule(
    "OSR202",
    "after-publication",
    Severity.ERROR,
    "An event or statement dated after the report was published.",
)
def after_publication(ctx: Context) -> Iterator[Hit]:
    """A report cannot describe what happened, or was said, after it came out."""
    published = ctx.report.published
    last = published.latest() if published is not None else None
    if published is None or last is None:
        return
    for path, subject, when in _dated(
        ctx,
        lambda when: _after(when.earliest(), last),
        collections=("events", "claims"),
        report_dates=(),
    ):
        yield Hit(
            path=path,
            subject=subject,
            message=f"{when} is after the report's publication ({published})",
            hint="check the year and month; a report cannot describe its future",
        )


def _after(day: dt.date | None, limit: dt.date) -> bool:
    return day is not None and day > limit


@rule("OSR203", "in-future", Severity.ERROR, "A date after today.")
def in_future(ctx: Context) -> Iterator[Hit]:
    """Nothing in a report can have happened after today."""
    today = ctx.today
    for path, subject, when in _dated(
        ctx,  # a judgment's horizon may speak about the future
        lambda when: _after(when.earliest(), today),
        collections=("events", "claims", "sources"),
    ):
        yield Hit(
            path=path,
            subject=subject,
            message=f"{when} is after today ({today.isoformat()})",
            hint="check the year; pass --today if you validate an old report on purpose",
        )


@rule(
    "OSR204",
    "source-after-report",
    Severity.ERROR,
    "A source published after the report that cites it.",
)
def source_after_report(ctx: Context) -> Iterator[Hit]:
    """A report cannot cite what was published after it."""
    published = ctx.report.published
    last = published.latest() if published is not None else None
    if published is None or last is None:
        return
    for index, source in enumerate(ctx.report.sources):
        earliest = source.published.earliest() if source.published is not None else None
        if earliest is not None and earliest > last:
            yield Hit(
                path=f"$.sources[{index}].published",
                subject=source.id,
                message=f"source published {source.published}, after the report ({published})",
                hint="check the source's date, or the report's",
            )


@rule(
    "OSR205",
    "source-before-event",
    Severity.WARNING,
    "A source cited for an event but published before the event began.",
)
def source_before_event(ctx: Context) -> Iterator[Hit]:
    """A source cannot report what has not happened yet."""
    if not any(s.published is not None for s in ctx.report.sources):
        return  # no source is dated: nothing to compare
    for index, event in enumerate(ctx.report.events):
        begins = event.when.earliest() if event.when is not None else None
        if begins is None:
            continue
        for n, citation in enumerate(event.citations):
            source = ctx.sources.get(citation.source) if citation.source else None
            if source is None or source.published is None:
                continue
            last = source.published.latest()
            if last is not None and last < begins:
                yield Hit(
                    path=f"$.events[{index}].citations[{n}]",
                    subject=event.id,
                    message=(
                        f"source {source.id!r} was published {source.published}, "
                        f"before the event began ({event.when})"
                    ),
                    hint="check both dates, or whether this is the right source",
                )


@rule(
    "OSR206",
    "implausible-year",
    Severity.WARNING,
    f"A year before {_EARLIEST_YEAR} or more than {_FAR_FUTURE_YEARS} years from today.",
)
def implausible_year(ctx: Context) -> Iterator[Hit]:
    """Years far outside the range of conflict reporting are most likely typos."""
    latest_year = ctx.today.year + _FAR_FUTURE_YEARS

    def odd_year(when: When) -> int | None:
        for end in (when.start, when.end):
            if isinstance(end, FuzzyDate) and not _EARLIEST_YEAR <= end.year <= latest_year:
                return end.year
        return None

    for path, subject, when in _dated(ctx, lambda when: odd_year(when) is not None):
        yield Hit(
            path=path,
            subject=subject,
            message=f"year {odd_year(when)} in {when} looks like a typo",
            hint="check the year",
        )


@rule(
    "OSR207",
    "horizon-before-report",
    Severity.WARNING,
    "An assessment whose horizon ended before the report was published.",
)
def horizon_before_report(ctx: Context) -> Iterator[Hit]:
    """A forward-looking judgment should look forward from the report's date."""
    published = ctx.report.published
    first = published.earliest() if published is not None else None
    if first is None:
        return
    for index, assessment in enumerate(ctx.report.assessments):
        if assessment.horizon is None:
            continue
        ends = assessment.horizon.latest()
        if ends is not None and ends < first:
            yield Hit(
                path=f"$.assessments[{index}].horizon",
                subject=assessment.id,
                message=f"horizon {assessment.horizon} ended before the report ({published})",
                hint="set the horizon to the span the judgment speaks about, from the report on",
            )
