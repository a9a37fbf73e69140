"""ACLED's columns and codes, and how dates and precisions map to the model (private)."""

from __future__ import annotations

import datetime as dt

import attrs

from .._event_table import RowProblem
from ..model import Report
from ..precision import from_acled
from ..vocab import ActorKind, EventKind
from ..when import FuzzyDate, When

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
"""ACLED's export columns since March 2023, in order."""

EVENT_TYPES = {
    EventKind.BATTLE: ("Political violence", "Battles"),
    EventKind.EXPLOSION: ("Political violence", "Explosions/Remote violence"),
    EventKind.VIOLENCE_AGAINST_CIVILIANS: ("Political violence", "Violence against civilians"),
    EventKind.PROTEST: ("Demonstrations", "Protests"),
    EventKind.RIOT: ("Demonstrations", "Riots"),
}
STRATEGIC = ("Strategic developments", "Strategic developments")
FROM_EVENT_TYPE = {v[1].lower(): k for k, v in EVENT_TYPES.items()} | {
    "strategic developments": EventKind.STRATEGIC_DEVELOPMENT
}

# ACLED's actor types: the numeric codes of older exports and the names of newer ones.
INTER_NAMES = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}
INTER_KINDS = {
    1: ActorKind.ARMED_FORCE,
    2: ActorKind.REBEL_GROUP,
    3: ActorKind.MILITIA,
    4: ActorKind.MILITIA,
    5: ActorKind.CIVILIANS,
    6: ActorKind.CIVILIANS,
    7: ActorKind.CIVILIANS,
    8: ActorKind.OTHER,
}
INTER_OF_KIND = {
    ActorKind.STATE: 1,
    ActorKind.GOVERNMENT: 1,
    ActorKind.ARMED_FORCE: 1,
    ActorKind.REBEL_GROUP: 2,
    ActorKind.TERRORIST_GROUP: 2,
    ActorKind.MILITIA: 3,
    ActorKind.CIVILIANS: 7,
    ActorKind.PERSON: 7,
}


def inter_code(text: str) -> int | None:
    """The numeric actor type of an ``inter1``/``inter2`` cell, numeric or named; else None."""
    cell = text.strip().lower()
    if cell.isdigit():
        return int(cell) if int(cell) in INTER_NAMES else None
    for code, name in INTER_NAMES.items():
        # Singular and plural spellings both occur ("Rebel group", "Rebel groups").
        if cell in (name.lower(), name.lower() + "s", name.lower().removesuffix("s")):
            return code
    return None


GEO = {str(code): from_acled(code) for code in (1, 2, 3)}
KIND_TAG = "osintreport:kind="


@attrs.frozen(kw_only=True)
class AcledRead:
    """The result of :func:`~osintreport.acled.read_acled`.

    Attributes:
        report: A report holding the events, actors and sources of the rows that fit.
        problems: The rows left out, with their line numbers and why.
    """

    report: Report
    problems: tuple[RowProblem, ...]


_DAY_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%d-%m-%Y", "%d %b %Y")


def parse_day(text: str) -> dt.date:
    """``event_date`` in any of the forms ACLED exports have used."""
    for fmt in _DAY_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"event_date {text!r} is not a date like 2023-07-14 or 14 July 2023")


def when_of(day: dt.date, precision: str) -> When:
    """The fuzzy date of ``event_date`` at ACLED ``time_precision`` 1 (day), 2 (week), 3 (month)."""
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


def dated(when: When | None) -> tuple[dt.date, str] | None:
    """``(event_date, time_precision)`` for a fuzzy date, or None if ACLED cannot hold it.

    A day is precision 1; a span of up to 7 days is 2, dated at its middle day; a longer
    span inside one month is 3, dated the 15th (ACLED dates month-precise events mid-month).
    """
    if when is None:
        return None
    first, last = when.earliest(), when.latest()
    if first is None or last is None:
        return None
    span = (last - first).days + 1
    if span == 1:
        return first, "1"
    if span <= 7:
        return first + dt.timedelta(days=(last - first).days // 2), "2"
    if first.year == last.year and first.month == last.month:
        return first.replace(day=15), "3"
    return None
