"""ACLED rows as events; every cell the model cannot give back is kept (``x_acled``)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from .._checks import is_identifier
from .._event_table import (
    EventStream,
    RowProblem,
    from_file,
    iter_rows,
    keep,
    lines_from,
    read_rows,
)
from .._slugs import UniqueIds, slug
from ..casualties import Casualties
from ..model import Actor, Event, Report, Source
from ..parts import Citation, Estimate, Participant, Place
from ..vocab import ActorKind, EventKind, Role, SourceKind
from ._codes import (
    COLUMNS,
    FROM_EVENT_TYPE,
    GEO,
    INTER_KINDS,
    KIND_TAG,
    AcledRead,
    inter_code,
    parse_day,
    when_of,
)
from ._write import derive

_KIND_TAG_RE = re.compile(re.escape(KIND_TAG) + r"([a-z_]+)")
_ALPHA2 = re.compile(r"[A-Z]{2}")


class _Builder:
    """One actor per distinct name and one source per distinct source name."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.sources: dict[str, Source] = {}
        self.actor_ids = UniqueIds()
        self.source_ids = UniqueIds()

    def actor(self, name: str, inter: str) -> str:
        code = inter_code(inter)
        kind = INTER_KINDS[code] if code is not None else ActorKind.OTHER
        known = self.actors.get(name)
        if known is None:
            known = Actor(
                id=self.actor_ids.make(slug(name, fallback="actor")), name=name, kind=kind
            )
            self.actors[name] = known
        elif known.kind is ActorKind.OTHER and kind is not ActorKind.OTHER:
            # first seen as an associated actor (no type); now we know its kind
            self.actors[name] = attrs.evolve(known, kind=kind)
        return known.id

    def source(self, name: str) -> str:
        known = self.sources.get(name)
        if known is None:
            ident = self.source_ids.make("src-" + slug(name, fallback="source"))
            known = Source(id=ident, kind=SourceKind.NEWS, title=name, publisher=name)
            self.sources[name] = known
        return known.id


def _names(text: str) -> list[str]:
    return [n.strip() for n in text.split(";") if n.strip()]


def _place(row: dict[str, str]) -> Place:
    lat, lon = row.get("latitude", "").strip(), row.get("longitude", "").strip()
    country = row.get("country", "").strip()
    return Place(
        name=row.get("location", "").strip() or None,
        admin1=row.get("admin1", "").strip() or None,
        admin2=row.get("admin2", "").strip() or None,
        country=country if _ALPHA2.fullmatch(country) else None,
        lat=float(lat) if lat else None,
        lon=float(lon) if lon else None,
        precision=GEO.get(row.get("geo_precision", "").strip()),
        # A country by name ("Syria") is kept as written: the cell keeps it too.
        extensions={"x_acled_country": country}
        if country and not _ALPHA2.fullmatch(country)
        else {},
    )


def _event(row: dict[str, str], builder: _Builder) -> Event:
    ident = row["event_id_cnty"].strip()
    if not is_identifier(ident):
        raise ValueError(f"event_id_cnty {ident!r} is not a usable id")
    when = when_of(parse_day(row["event_date"]), row.get("time_precision", "").strip())
    participants = []
    for column, inter, assoc, role in (
        ("actor1", "inter1", "assoc_actor_1", Role.INITIATOR),
        ("actor2", "inter2", "assoc_actor_2", Role.TARGET),
    ):
        # An associated actor is on the same side as the actor it is associated with.
        for name in _names(row.get(column, "")):
            participants.append(
                Participant(actor=builder.actor(name, row.get(inter, "")), role=role)
            )
        for name in _names(row.get(assoc, "")):
            participants.append(Participant(actor=builder.actor(name, ""), role=role))
    where = _place(row)
    tag = _KIND_TAG_RE.search(row.get("tags", ""))
    event_type = row.get("event_type", "").strip()
    kind = (
        EventKind(tag.group(1))
        if tag and tag.group(1) in EventKind._value2member_map_
        else FROM_EVENT_TYPE.get(event_type.lower(), EventKind.OTHER)
    )
    fatalities = row.get("fatalities", "").strip()
    summary = row.get("notes", "").strip() or (
        f"{event_type or 'Event'} at {where.name or 'an unnamed place'}"
    )
    return Event(
        id=ident,
        kind=kind,
        summary=summary,
        when=when,
        where=where,
        participants=tuple(participants),
        casualties=Casualties(killed=Estimate(best=int(fatalities))) if fatalities else None,
        citations=tuple(Citation(source=builder.source(n)) for n in _names(row.get("source", ""))),
    )


def read_acled(
    source: str | os.PathLike[str] | Iterable[str],
    *,
    report_id: str = "acled",
    title: str = "ACLED events",
) -> AcledRead:
    """Read ACLED CSV into a report; rows that do not fit are listed, not dropped.

    Any version of ACLED's columns is read (numeric or named actor types, dates as
    ``2023-07-14`` or ``14 July 2023``, columns since removed such as ``data_id``); the
    columns are kept in order on the report (``x_acled_columns``) and every cell the model
    cannot give back as written is kept on its event (``x_acled``), so that
    :func:`~osintreport.acled.write_acled` writes an unchanged file cell for cell.

    Args:
        source: A path, or an iterable of CSV lines (an open file, a list of strings).
        report_id: The id of the report made.
        title: Its title.
    """
    return lines_from(source, lambda lines: _read(lines, report_id, title))


def _read(lines: Iterable[str], report_id: str, title: str) -> AcledRead:
    builder = _Builder()
    header, rows, problems = read_rows(lines, build=lambda cells: _event(cells, builder), **_ROWS)
    named = any(_named(cells) for _, cells in rows)
    actors = {a.id: a for a in builder.actors.values()}
    sources = {s.id: s for s in builder.sources.values()}
    events = tuple(
        keep(event, "x_acled", cells, derive(event, actors, sources, named=named), header)
        for event, cells in rows
    )
    report = Report(
        id=report_id,
        title=title,
        actors=tuple(actors.values()),
        events=events,
        sources=tuple(sources.values()),
        extensions=_extensions(header, named),
    )
    return AcledRead(report=report, problems=tuple(problems))


_ROWS: dict[str, Any] = {"required": ("event_id_cnty", "event_date"), "id_column": "event_id_cnty"}


def _named(cells: dict[str, str]) -> bool:
    """Whether the row gives actor types by name (``State forces``), not by number."""
    return any(
        not cells.get(c, "").strip().isdigit() and inter_code(cells.get(c, "")) is not None
        for c in ("inter1", "inter2")
    )


def _extensions(header: list[str], named: bool) -> dict[str, object]:
    extensions: dict[str, object] = {}
    if header and header != list(COLUMNS):
        extensions["x_acled_columns"] = header
    if named:
        extensions["x_acled_inter"] = "names"
    return extensions


def stream_acled(
    path: str | os.PathLike[str], *, report_id: str = "acled", title: str = "ACLED events"
) -> EventStream:
    """Read an ACLED CSV file in two passes, for a file too big to hold as one report.

    The first pass names every actor and source and lists the rows left out; the events are
    built on the second, one at a time, as :func:`read_acled` builds them (so
    ``osintreport.jsonl_convert.write_stream(stream.records(), ...)`` writes the file
    ``read_acled`` and ``dump`` would).
    """
    builder = _Builder()
    problems: list[RowProblem] = []
    named = False

    def first(lines: Iterable[str]) -> list[str]:
        nonlocal named
        header, rows = iter_rows(
            lines, build=lambda c: _event(c, builder), problems=problems, **_ROWS
        )
        for _, cells in rows:
            named = named or _named(cells)
        return header

    header = lines_from(path, first)
    actors = {a.id: a for a in builder.actors.values()}
    sources = {s.id: s for s in builder.sources.values()}

    def second(lines: Iterable[str]) -> Iterator[Event]:
        _, rows = iter_rows(lines, build=lambda c: _event(c, builder), problems=[], **_ROWS)
        for event, cells in rows:
            derived = derive(event, actors, sources, named=named)
            yield keep(event, "x_acled", cells, derived, header)

    return EventStream(
        header=Report(id=report_id, title=title, extensions=_extensions(header, named)),
        actors=tuple(actors.values()),
        sources=tuple(sources.values()),
        problems=tuple(problems),
        events=from_file(path, second),
    )
