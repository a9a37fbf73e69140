"""Rules on dates (OSR2xx). Fuzzy dates compare by their bounds.

A date is only "after" another when its *earliest* day is after the other's *latest* day, so
``2023-07~`` (1 to 31 July) is not after 15 July: only what must be wrong is reported.
"""

from __future__ import annotations

from collections.abc import Iterator

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


Where = tuple[str, int, str]
"""``(collection, index, field)`` of a date; ``("", 0, field)`` for the report's own."""


def _dates(ctx: Context) -> list[tuple[Where, str | None, When]]:
    """Every date in the report, listed once per validation; paths are made on a hit."""
    cached: list[tuple[Where, str | None, When]] | None = ctx.cache.get("dates")
    if cached is not None:
        return cached
    report = ctx.report
    out: list[tuple[Where, str | None, When]] = []
    if report.published is not None:
        out.append((("", 0, "published"), report.id, report.published))
    if report.period is not None:
        out.append((("", 0, "period"), report.id, report.period))
    for collection, field in (
        ("events", "when"),
        ("claims", "stated"),
        ("assessments", "horizon"),
        ("sources", "published"),
    ):
        for index, item in enumerate(getattr(report, collection)):
            when = getattr(item, field)
            if when is not None:
                out.append(((collection, index, field), item.id, when))
    ctx.cache["dates"] = out
    return out


def _path(where: Where) -> str:
    collection, index, field = where
    return f"$.{field}" if not collection else f"$.{collection}[{index}].{field}"


@rule("OSR201", "start-after-end", Severity.ERROR, "An interval whose start comes after its end.")
def start_after_end(ctx: Context) -> Iterator[Hit]:
    """``2023-07-12/2023-07-07`` cannot be: the start must not be after the end."""
    for where, subject, when in _dates(ctx):
        start, end = when.start, when.end
        if (
            isinstance(start, FuzzyDate)
            and isinstance(end, FuzzyDate)
            and start.earliest() > end.latest()
        ):
            yield Hit(
                path=_path(where),
                subject=subject,
                message=f"{when} starts after it ends",
                hint=f"swap the ends: {end}/{start}",
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
    for where, subject, when in _dates(ctx):
        if where[0] not in ("events", "claims"):
            continue
        earliest = when.earliest()
        if earliest is not None and earliest > last:
            yield Hit(
                path=_path(where),
                subject=subject,
                message=f"{when} is after the report's publication ({published})",
                hint="check the year and month; a report cannot describe its future",
            )


@rule("OSR203", "in-future", Severity.ERROR, "A date after today.")
def in_future(ctx: Context) -> Iterator[Hit]:
    """Nothing in a report can have happened after today."""
    for where, subject, when in _dates(ctx):
        if where[2] == "horizon":
            continue  # a judgment may speak about the future
        earliest = when.earliest()
        if earliest is not None and earliest > ctx.today:
            yield Hit(
                path=_path(where),
                subject=subject,
                message=f"{when} is after today ({ctx.today.isoformat()})",
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
    for where, subject, when in _dates(ctx):
        for end in (when.start, when.end):
            if isinstance(end, FuzzyDate) and not _EARLIEST_YEAR <= end.year <= latest_year:
                yield Hit(
                    path=_path(where),
                    subject=subject,
                    message=f"year {end.year} in {when} looks like a typo",
                    hint="check the year",
                )
                break


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
