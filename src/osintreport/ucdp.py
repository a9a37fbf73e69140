"""UCDP GED CSV: read events of the Georeferenced Event Dataset, write events back, cell for cell.

The 49 columns of GED (version 20.1 onwards), in order: :data:`COLUMNS`. Mapping, with its
losses, in ``docs/interop.md``:

- ``id`` is the event id; ``date_start``/``date_end`` the fuzzy date (one day, or the span);
  ``date_prec`` is written from the span: 1 one day, 2 up to 6 days, 3 a week, 4 a month,
  5 longer. ``year`` is the year of ``date_start``.
- ``type_of_violence`` 1 and 2 (state-based, non-state) read as battles, 3 (one-sided) as
  violence against civilians.
- ``side_a`` is the initiator and ``side_b`` the target; each distinct name is one actor
  (``Government of ...`` a state, ``Civilians`` civilians).
- ``latitude``, ``longitude``, ``where_prec`` (1-7, one to one with
  :class:`~osintreport.PlacePrecision`), ``adm_1``, ``adm_2`` and ``where_coordinates`` (the
  place's name) make the place.
- Deaths: ``low``/``best``/``high`` the total, ``deaths_a`` and ``deaths_b`` the sides,
  ``deaths_civilians`` and ``deaths_unknown`` the civilians and the unknown.
- ``source_article`` becomes a source cited by the event.
- Lossless, as for ACLED: every cell the model does not give back as read (conflict and dyad
  ids, ``relid``, ``geom_wkt``, ``priogrid_gid``, ``gwnoa``, dates written with a time, ...)
  is kept on its event in ``x_ucdp`` and written back while the model still gives the same;
  the file's columns are kept on the report (``x_ucdp_columns``).

Reading never drops a row silently: a row that does not fit is left out and listed, with
its line number, in :attr:`UcdpRead.problems`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from ._checks import is_identifier
from ._event_table import (
    EventStream,
    RowProblem,
    from_file,
    iter_rows,
    keep,
    lines_from,
    read_rows,
    restore,
    write_rows,
)
from ._slugs import UniqueIds, slug
from ._ucdp_cells import derive
from .casualties import Casualties, CasualtyCount, SideCasualties
from .model import Actor, Event, Report, Source
from .parts import Citation, Estimate, Participant, Place
from .precision import from_ucdp
from .vocab import ActorKind, EventKind, Role, SourceKind
from .when import When

__all__ = ["COLUMNS", "UNWRITABLE", "UcdpRead", "read_ucdp", "stream_ucdp", "write_ucdp"]

COLUMNS = (
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
)
"""The 49 columns of UCDP GED, in order."""

UNWRITABLE = "it has no start or end date; GED holds a span of days"


@attrs.frozen(kw_only=True)
class UcdpRead:
    """The result of :func:`read_ucdp`.

    Attributes:
        report: A report holding the events, actors and sources of the rows that fit.
        problems: The rows left out, with their line numbers and why.
    """

    report: Report
    problems: tuple[RowProblem, ...]


def _day(text: str, column: str) -> dt.date:
    cell = text.strip()
    try:
        # GED writes "2017-01-01" or "2017-01-01 00:00:00.000": the day is what counts.
        return dt.date.fromisoformat(cell[:10])
    except ValueError:
        raise ValueError(f"{column} {text!r} is not a date like 2017-01-01") from None


def _count(text: str, column: str) -> int | None:
    cell = text.strip()
    if not cell:
        return None
    if not cell.isdigit():
        raise ValueError(f"{column} {text!r} is not a number of deaths")
    return int(cell)


def _kind_of_actor(name: str) -> ActorKind:
    lowered = name.lower()
    if lowered.startswith("government of"):
        return ActorKind.STATE
    if lowered == "civilians":
        return ActorKind.CIVILIANS
    return ActorKind.OTHER


class _Builder:
    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.sources: dict[str, Source] = {}
        self.actor_ids = UniqueIds()
        self.source_ids = UniqueIds()

    def actor(self, name: str) -> str:
        known = self.actors.get(name)
        if known is None:
            ident = self.actor_ids.make(slug(name, fallback="actor"))
            known = Actor(id=ident, name=name, kind=_kind_of_actor(name))
            self.actors[name] = known
        return known.id

    def source(self, text: str) -> str:
        known = self.sources.get(text)
        if known is None:
            ident = self.source_ids.make("src-" + slug(text[:60], fallback="source"))
            known = Source(id=ident, kind=SourceKind.NEWS, title=text)
            self.sources[text] = known
        return known.id


def _event(row: Mapping[str, str], builder: _Builder) -> Event:
    ident = row.get("id", "").strip()
    if not is_identifier(ident):
        raise ValueError(f"id {ident!r} is not a usable id")
    start = _day(row.get("date_start", ""), "date_start")
    end = _day(row.get("date_end", "") or row.get("date_start", ""), "date_end")
    if end < start:
        raise ValueError(f"date_end {end} is before date_start {start}")
    when = When.parse(start.isoformat() if start == end else f"{start}/{end}")
    sides = []
    for column, role in (("side_a", Role.INITIATOR), ("side_b", Role.TARGET)):
        name = row.get(column, "").strip()
        if name:
            sides.append(Participant(actor=builder.actor(name), role=role))
    lat, lon = row.get("latitude", "").strip(), row.get("longitude", "").strip()
    prec = row.get("where_prec", "").strip()
    where = Place(
        name=row.get("where_coordinates", "").strip() or None,
        admin1=row.get("adm_1", "").strip() or None,
        admin2=row.get("adm_2", "").strip() or None,
        lat=float(lat) if lat else None,
        lon=float(lon) if lon else None,
        precision=from_ucdp(prec) if prec else None,
    )
    counts = {c: _count(row.get(c, ""), c) for c in _DEATHS}
    side_counts = tuple(
        SideCasualties(actor=p.actor, killed=Estimate(best=counts[column]))
        for p, column in zip(sides, ("deaths_a", "deaths_b"), strict=False)
        if counts[column] is not None
    )
    casualties = Casualties(
        killed=Estimate(low=counts["low"], best=counts["best"], high=counts["high"]),
        sides=side_counts,
        civilians=_group(counts["deaths_civilians"]),
        unknown=_group(counts["deaths_unknown"]),
    )
    violence = row.get("type_of_violence", "").strip()
    article = row.get("source_article", "").strip()
    summary = " ".join(
        part
        for part in (row.get("dyad_name", "").strip(), row.get("where_description", "").strip())
        if part
    )
    return Event(
        id=ident,
        kind=EventKind.VIOLENCE_AGAINST_CIVILIANS if violence == "3" else EventKind.BATTLE,
        summary=summary or f"UCDP GED event {ident}",
        when=when,
        where=where,
        participants=tuple(sides),
        casualties=casualties,
        citations=(Citation(source=builder.source(article)),) if article else (),
    )


_DEATHS = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low")


def _group(killed: int | None) -> CasualtyCount | None:
    return None if killed is None else CasualtyCount(killed=Estimate(best=killed))


def read_ucdp(
    source: str | os.PathLike[str] | Iterable[str],
    *,
    report_id: str = "ucdp-ged",
    title: str = "UCDP GED events",
) -> UcdpRead:
    """Read UCDP GED CSV into a report; rows that do not fit are listed, not dropped.

    Args:
        source: A path, or an iterable of CSV lines (an open file, a list of strings).
        report_id: The id of the report made.
        title: Its title.
    """
    return lines_from(source, lambda lines: _read(lines, report_id, title))


def _read(lines: Iterable[str], report_id: str, title: str) -> UcdpRead:
    builder = _Builder()
    header, rows, problems = read_rows(
        lines, required=("id", "date_start"), id_column="id", build=lambda c: _event(c, builder)
    )
    actors = {a.id: a for a in builder.actors.values()}
    sources = {s.id: s for s in builder.sources.values()}
    events = [
        keep(event, "x_ucdp", cells, derive(event, actors, sources), header)
        for event, cells in rows
    ]
    report = Report(
        id=report_id,
        title=title,
        actors=tuple(actors.values()),
        events=tuple(events),
        sources=tuple(sources.values()),
        extensions=_extensions(header),
    )
    return UcdpRead(report=report, problems=tuple(problems))


def _extensions(header: list[str]) -> dict[str, object]:
    return {} if not header or header == list(COLUMNS) else {"x_ucdp_columns": header}


def stream_ucdp(
    path: str | os.PathLike[str], *, report_id: str = "ucdp-ged", title: str = "UCDP GED events"
) -> EventStream:
    """Read a UCDP GED CSV file in two passes, as :func:`~osintreport.acled.stream_acled`."""
    builder = _Builder()
    problems: list[RowProblem] = []

    def rows(lines: Iterable[str], found: list[RowProblem]) -> tuple[list[str], Iterator[Any]]:
        return iter_rows(
            lines,
            required=("id", "date_start"),
            id_column="id",
            build=lambda c: _event(c, builder),
            problems=found,
        )

    def first(lines: Iterable[str]) -> list[str]:
        header, found = rows(lines, problems)
        for _ in found:
            pass
        return header

    header = lines_from(path, first)
    actors = {a.id: a for a in builder.actors.values()}
    sources = {s.id: s for s in builder.sources.values()}

    def second(lines: Iterable[str]) -> Iterator[Event]:
        for event, cells in rows(lines, [])[1]:
            yield keep(event, "x_ucdp", cells, derive(event, actors, sources), header)

    return EventStream(
        header=Report(id=report_id, title=title, extensions=_extensions(header)),
        actors=tuple(actors.values()),
        sources=tuple(sources.values()),
        problems=tuple(problems),
        events=from_file(path, second),
    )


def cells_of(report: Report) -> Callable[[Event], dict[str, str] | None]:
    """The function giving the row of one of ``report``'s events (``None``: unwritable).

    It reads the report's actors and sources, not its events.
    """
    actors = {a.id: a for a in report.actors}
    sources = {s.id: s for s in report.sources}

    def cells(event: Event) -> dict[str, str] | None:
        derived = derive(event, actors, sources)
        return None if derived is None else restore(derived, event.extensions.get("x_ucdp"))

    return cells


def write_ucdp(
    reports: Report | Iterable[Report], path: str | os.PathLike[str] | None = None
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Write the events of one or more reports as UCDP GED CSV.

    The columns are those of the file read (``x_ucdp_columns``), else :data:`COLUMNS`; an
    event read from GED and left unchanged is written cell for cell as it was read.

    Returns:
        The CSV text, and ``(event id, reason)`` for each event that could not be written.
    """
    return write_rows(
        reports,
        columns=COLUMNS,
        columns_key="x_ucdp_columns",
        cells_of=cells_of,
        unwritable=UNWRITABLE,
        path=path,
    )
