"""ACLED-style CSV: read rows into events and write events as rows.

Columns, in the order of ACLED's current export::

    event_id_cnty, event_date, year, time_precision, disorder_type, event_type,
    sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction,
    civilian_targeting, iso, region, country, admin1, admin2, admin3, location, latitude,
    longitude, geo_precision, source, source_scale, notes, fatalities, tags, timestamp

Mapping (documented with its losses in ``docs/interop.md``):

- ``time_precision`` 1 (day) is the exact day; 2 (week) is a 7-day window centred on
  ``event_date`` with approximate ends; 3 (month) is the month of ``event_date``. Writing picks
  the smallest of the three that holds the event's dates; an event whose dates span more than
  a month, or that has none, is not written and is reported.
- ``geo_precision`` 1, 2, 3 are ``exact``, ``near`` and ``region`` (``country`` writes 3).
- Each distinct actor name becomes one actor; ``actor1`` is the initiator, ``actor2`` the
  target, associated actors are supporters. ``inter1``/``inter2`` give the actor's kind.
- ``source`` names become sources cited by the event; ``notes`` is the summary.
- Columns with no place in the model are kept per event in ``x_acled`` and written back.

Reading never drops a row silently: a row that does not fit is left out of the report and
listed, with its line number, in :attr:`AcledRead.problems`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from collections.abc import Iterable
from typing import Any

import attrs

from ._checks import is_identifier
from ._files import atomic_writer
from ._slugs import UniqueIds, slug
from .casualties import Casualties
from .errors import FieldTypeError, FieldValueError
from .model import Actor, Event, Report, Source
from .parts import Citation, Estimate, Participant, Place
from .precision import from_acled, to_acled
from .vocab import ActorKind, EventKind, Role, SourceKind
from .when import FuzzyDate, When

__all__ = ["COLUMNS", "AcledRead", "RowProblem", "read_acled", "write_acled"]

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
"""ACLED's export columns, in order."""

_EVENT_TYPES = {
    EventKind.BATTLE: ("Political violence", "Battles"),
    EventKind.EXPLOSION: ("Political violence", "Explosions/Remote violence"),
    EventKind.VIOLENCE_AGAINST_CIVILIANS: ("Political violence", "Violence against civilians"),
    EventKind.PROTEST: ("Demonstrations", "Protests"),
    EventKind.RIOT: ("Demonstrations", "Riots"),
}
_FROM_EVENT_TYPE = {v[1].lower(): k for k, v in _EVENT_TYPES.items()} | {
    "strategic developments": EventKind.STRATEGIC_DEVELOPMENT
}
_INTER = {
    ActorKind.STATE: 1,
    ActorKind.GOVERNMENT: 1,
    ActorKind.ARMED_FORCE: 1,
    ActorKind.REBEL_GROUP: 2,
    ActorKind.TERRORIST_GROUP: 2,
    ActorKind.MILITIA: 3,
    ActorKind.CIVILIANS: 7,
    ActorKind.PERSON: 7,
}
_FROM_INTER = {
    "1": ActorKind.ARMED_FORCE,
    "2": ActorKind.REBEL_GROUP,
    "3": ActorKind.MILITIA,
    "4": ActorKind.MILITIA,
    "5": ActorKind.CIVILIANS,
    "6": ActorKind.CIVILIANS,
    "7": ActorKind.CIVILIANS,
    "8": ActorKind.OTHER,
    "state forces": ActorKind.ARMED_FORCE,
    "rebel groups": ActorKind.REBEL_GROUP,
    "political militias": ActorKind.MILITIA,
    "identity militias": ActorKind.MILITIA,
    "rioters": ActorKind.CIVILIANS,
    "protesters": ActorKind.CIVILIANS,
    "civilians": ActorKind.CIVILIANS,
    "external/other forces": ActorKind.OTHER,
}
_GEO = {str(code): from_acled(code) for code in (1, 2, 3)}
_KEPT = (
    "disorder_type",
    "sub_event_type",
    "iso",
    "region",
    "admin3",
    "source_scale",
    "timestamp",
    "civilian_targeting",
    "inter1",
    "inter2",
    "interaction",
)
_KIND_TAG = re.compile(r"osintreport:kind=([a-z_]+)")


@attrs.frozen(kw_only=True)
class RowProblem:
    """A CSV row that could not become an event.

    Attributes:
        line: The line number in the file (the header is line 1).
        message: What is wrong with it.
    """

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@attrs.frozen(kw_only=True)
class AcledRead:
    """The result of :func:`read_acled`.

    Attributes:
        report: A report holding the events, actors and sources of the rows that fit.
        problems: The rows left out, with their line numbers and why.
    """

    report: Report
    problems: tuple[RowProblem, ...]


def _parse_day(text: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"event_date {text!r} is not a date like 2023-07-14 or 14 July 2023")


def _when(day: dt.date, precision: str) -> When:
    if precision in ("", "1"):
        return When.from_date(day)
    if precision == "2":
        first, last = day - dt.timedelta(days=3), day + dt.timedelta(days=3)
        return When(
            start=FuzzyDate(year=first.year, month=first.month, day=first.day, approximate=True),
            end=FuzzyDate(year=last.year, month=last.month, day=last.day, approximate=True),
        )
    if precision == "3":
        return When(start=FuzzyDate(year=day.year, month=day.month))
    raise ValueError(f"time_precision {precision!r} is not 1, 2 or 3")


class _Builder:
    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.actor_ids: dict[str, str] = {}
        self.sources: dict[str, Source] = {}
        self.source_ids: dict[str, str] = {}
        self.actor_idents = UniqueIds()
        self.source_idents = UniqueIds()

    def actor(self, name: str, inter: str) -> str:
        kind = _FROM_INTER.get(inter.strip().lower(), ActorKind.OTHER)
        if name not in self.actor_ids:
            ident = self.actor_idents.make(slug(name, fallback="actor"))
            self.actor_ids[name] = ident
            self.actors[name] = Actor(id=ident, name=name, kind=kind)
        elif self.actors[name].kind is ActorKind.OTHER and kind is not ActorKind.OTHER:
            # first seen as an associated actor (no inter code); now we know its kind
            self.actors[name] = attrs.evolve(self.actors[name], kind=kind)
        return self.actor_ids[name]

    def source(self, name: str) -> str:
        if name not in self.source_ids:
            ident = self.source_idents.make("src-" + slug(name, fallback="actor"))
            self.source_ids[name] = ident
            self.sources[name] = Source(id=ident, kind=SourceKind.NEWS, title=name, publisher=name)
        return self.source_ids[name]


def _names(text: str) -> list[str]:
    return [n.strip() for n in re.split(r";", text) if n.strip()]


def _event(row: dict[str, str], builder: _Builder) -> Event:
    ident = row["event_id_cnty"].strip()
    if not is_identifier(ident):
        raise ValueError(f"event_id_cnty {ident!r} is not a usable id")
    when = _when(_parse_day(row["event_date"]), row.get("time_precision", "").strip())
    participants = []
    for column, inter, role, assoc in (
        ("actor1", "inter1", Role.INITIATOR, "assoc_actor_1"),
        ("actor2", "inter2", Role.TARGET, "assoc_actor_2"),
    ):
        for name in _names(row.get(column, "")):
            participants.append(
                Participant(actor=builder.actor(name, row.get(inter, "")), role=role)
            )
        for name in _names(row.get(assoc, "")):
            participants.append(Participant(actor=builder.actor(name, ""), role=Role.SUPPORTER))
    lat, lon = row.get("latitude", "").strip(), row.get("longitude", "").strip()
    country = row.get("country", "").strip()
    place_ext = (
        {} if not country or re.fullmatch(r"[A-Z]{2}", country) else {"x_acled_country": country}
    )
    where = Place(
        name=row.get("location", "").strip() or None,
        admin1=row.get("admin1", "").strip() or None,
        admin2=row.get("admin2", "").strip() or None,
        country=country if re.fullmatch(r"[A-Z]{2}", country) else None,
        lat=float(lat) if lat else None,
        lon=float(lon) if lon else None,
        precision=_GEO.get(row.get("geo_precision", "").strip()),
        extensions=place_ext,
    )
    tag = _KIND_TAG.search(row.get("tags", ""))
    kind = (
        EventKind(tag.group(1))
        if tag
        else _FROM_EVENT_TYPE.get(row.get("event_type", "").strip().lower(), EventKind.OTHER)
    )
    fatalities = row.get("fatalities", "").strip()
    kept = {c: row[c] for c in _KEPT if row.get(c, "").strip()}
    tags = _KIND_TAG.sub("", row.get("tags", "")).strip(" ;")
    if tags:
        kept["tags"] = tags
    summary = (
        row.get("notes", "").strip()
        or f"{row.get('event_type') or 'Event'} at {where.name or 'an unnamed place'}"
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
        extensions={"x_acled": kept} if kept else {},
    )


def read_acled(
    source: str | os.PathLike[str] | Iterable[str],
    *,
    report_id: str = "acled",
    title: str = "ACLED events",
) -> AcledRead:
    """Read ACLED-style CSV into a report; rows that do not fit are listed, not dropped.

    Args:
        source: A path, or an iterable of CSV lines (an open file, a list of strings).
        report_id: The id of the report made.
        title: Its title.
    """
    if isinstance(source, str | os.PathLike):
        with open(source, encoding="utf-8-sig", newline="") as handle:
            return _read(handle, report_id, title)
    return _read(source, report_id, title)


def _read(lines: Iterable[str], report_id: str, title: str) -> AcledRead:
    reader = csv.DictReader(lines)
    problems: list[RowProblem] = []
    missing = [c for c in ("event_id_cnty", "event_date") if c not in (reader.fieldnames or [])]
    if missing:
        problems.append(RowProblem(line=1, message=f"missing column(s): {', '.join(missing)}"))
        return AcledRead(report=Report(id=report_id, title=title), problems=tuple(problems))
    builder = _Builder()
    events: list[Event] = []
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num
        if None in row:
            problems.append(RowProblem(line=line, message="more fields than columns"))
            continue
        try:
            event = _event({k: v or "" for k, v in row.items()}, builder)
        except (ValueError, FieldValueError, FieldTypeError) as error:
            problems.append(RowProblem(line=line, message=str(error)))
            continue
        if event.id in seen:
            problems.append(
                RowProblem(line=line, message=f"event_id_cnty {event.id!r} repeats an earlier row")
            )
            continue
        seen.add(event.id)
        events.append(event)
    report = Report(
        id=report_id,
        title=title,
        actors=tuple(builder.actors.values()),
        events=tuple(events),
        sources=tuple(builder.sources.values()),
    )
    return AcledRead(report=report, problems=tuple(problems))


def _precision(when: When | None) -> tuple[dt.date, str] | None:
    if when is None:
        return None
    first, last = when.earliest(), when.latest()
    if first is None or last is None:
        return None
    span = (last - first).days + 1
    middle = first + dt.timedelta(days=(last - first).days // 2)
    if span == 1:
        return first, "1"
    if span <= 7:
        return middle, "2"
    if first.year == last.year and first.month == last.month:
        return first.replace(day=15), "3"
    return None


def _row(
    event: Event, actors: dict[str, Actor], sources: dict[str, Source]
) -> dict[str, str] | str:
    dated = _precision(event.when)
    if dated is None:
        return "its dates span more than a month (or it has none); ACLED holds a day, week or month"
    day, precision = dated
    roles: dict[Role, list[Actor]] = {}
    for participant in event.participants:
        if participant.actor in actors:
            roles.setdefault(participant.role, []).append(actors[participant.actor])
    side1 = roles.get(Role.INITIATOR, []) or roles.get(Role.PARTICIPANT, [])
    side2 = roles.get(Role.TARGET, []) or roles.get(Role.VICTIM, [])
    helpers = [a for a in roles.get(Role.SUPPORTER, []) if a not in side1 and a not in side2]
    kept: dict[str, Any] = (
        event.extensions.get("x_acled", {})
        if isinstance(event.extensions.get("x_acled"), dict)
        else {}
    )
    inter1 = str(_INTER.get(side1[0].kind, 8)) if side1 else ""
    inter2 = str(_INTER.get(side2[0].kind, 8)) if side2 else ""
    disorder, event_type = _EVENT_TYPES.get(
        event.kind, ("Strategic developments", "Strategic developments")
    )
    place = event.where or Place()
    fatalities = (
        event.fatalities.best
        if event.fatalities and event.fatalities.best is not None
        else (event.fatalities.low if event.fatalities else None)
    )
    tags = "; ".join(
        t for t in (f"osintreport:kind={event.kind.value}", str(kept.get("tags", ""))) if t
    )
    row = {
        "event_id_cnty": event.id,
        "event_date": day.isoformat(),
        "year": str(day.year),
        "time_precision": precision,
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": "",
        "actor1": side1[0].name if side1 else "",
        "assoc_actor_1": "; ".join(a.name for a in side1[1:] + helpers),
        "inter1": inter1,
        "actor2": side2[0].name if side2 else "",
        "assoc_actor_2": "; ".join(a.name for a in side2[1:]),
        "inter2": inter2,
        "interaction": "".join(sorted((inter1, inter2)))
        if inter1 and inter2
        else (f"{inter1 or inter2}0" if inter1 or inter2 else ""),
        "civilian_targeting": "Civilian targeting"
        if event.kind is EventKind.VIOLENCE_AGAINST_CIVILIANS
        else "",
        "iso": "",
        "region": "",
        "country": place.country or str(place.extensions.get("x_acled_country", "")),
        "admin1": place.admin1 or "",
        "admin2": place.admin2 or "",
        "admin3": "",
        "location": place.name or "",
        "latitude": "" if place.lat is None else repr(place.lat),
        "longitude": "" if place.lon is None else repr(place.lon),
        "geo_precision": str(to_acled(place.precision)) if place.precision else "",
        "source": "; ".join(
            sources[c.source].publisher or sources[c.source].title or c.source
            for c in event.citations
            if c.source in sources
        ),
        "source_scale": "",
        "notes": event.summary,
        "fatalities": "" if fatalities is None else str(fatalities),
        "tags": tags,
        "timestamp": "",
    }
    for column in _KEPT:
        if column in kept and column not in ("inter1", "inter2", "interaction"):
            row[column] = str(kept[column])
    return row


def write_acled(
    reports: Report | Iterable[Report], path: str | os.PathLike[str] | None = None
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Write the events of one or more reports as ACLED-style CSV.

    Args:
        reports: A report or several.
        path: Where to write (atomically); ``None`` to only return the text.

    Returns:
        The CSV text, and ``(event id, reason)`` for each event that could not be written.
    """
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    skipped: list[tuple[str, str]] = []
    for report in [reports] if isinstance(reports, Report) else reports:
        actors = {a.id: a for a in report.actors}
        sources = {s.id: s for s in report.sources}
        for event in report.events:
            row = _row(event, actors, sources)
            if isinstance(row, str):
                skipped.append((event.id, row))
            else:
                writer.writerow(row)
    text = out.getvalue()
    if path is not None:
        with atomic_writer(path) as handle:
            handle.write(text)
    return text, tuple(skipped)
