"""Events as ACLED rows: cells derived from the model, and the cells kept from reading."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping

from .._event_table import restore, write_rows
from ..model import Actor, Event, Report, Source
from ..parts import Place
from ..precision import to_acled
from ..vocab import EventKind, Role
from ._codes import (
    COLUMNS,
    EVENT_TYPES,
    FROM_EVENT_TYPE,
    INTER_NAMES,
    INTER_OF_KIND,
    KIND_TAG,
    STRATEGIC,
    dated,
)

UNWRITABLE = "its dates span more than a month (or it has none); ACLED holds a day, week or month"


def _inter(actor: Actor | None, named: bool) -> str:
    if actor is None:
        return ""
    code = INTER_OF_KIND.get(actor.kind, 8)
    return INTER_NAMES[code] if named else str(code)


def _interaction(inter1: str, inter2: str, named: bool) -> str:
    if not inter1 and not inter2:
        return ""
    if named:
        return "-".join(i for i in (inter1, inter2) if i)
    if inter1 and inter2:
        return "".join(sorted((inter1, inter2)))
    return f"{inter1 or inter2}0"


def derive(
    event: Event, actors: Mapping[str, Actor], sources: Mapping[str, Source], *, named: bool
) -> dict[str, str] | None:
    """The cells the model gives for ``event``; None if ACLED cannot date it.

    ``named``: write actor types as names ("State forces") rather than numbers.
    """
    when = dated(event.when)
    if when is None:
        return None
    day, precision = when
    side1: list[Actor] = []
    side2: list[Actor] = []
    for participant in event.participants:
        actor = actors.get(participant.actor)
        if actor is None:
            continue
        if participant.role in (Role.INITIATOR, Role.PARTICIPANT, Role.SUPPORTER):
            side1.append(actor)
        elif participant.role in (Role.TARGET, Role.VICTIM):
            side2.append(actor)
    inter1 = _inter(side1[0] if side1 else None, named)
    inter2 = _inter(side2[0] if side2 else None, named)
    disorder, event_type = EVENT_TYPES.get(event.kind, STRATEGIC)
    read_back = FROM_EVENT_TYPE.get(event_type.lower())
    place = event.where or Place()
    estimate = event.fatalities
    fatalities = (
        None if estimate is None else estimate.best if estimate.best is not None else estimate.low
    )
    cited = [
        sources[c.source] for c in event.citations if c.source is not None and c.source in sources
    ]
    return {
        "event_id_cnty": event.id,
        "event_date": day.isoformat(),
        "year": str(day.year),
        "time_precision": precision,
        "disorder_type": disorder,
        "event_type": event_type,
        "actor1": side1[0].name if side1 else "",
        "assoc_actor_1": "; ".join(a.name for a in side1[1:]),
        "inter1": inter1,
        "actor2": side2[0].name if side2 else "",
        "assoc_actor_2": "; ".join(a.name for a in side2[1:]),
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2, named),
        "civilian_targeting": (
            "Civilian targeting" if event.kind is EventKind.VIOLENCE_AGAINST_CIVILIANS else ""
        ),
        "country": place.country or "",
        "admin1": place.admin1 or "",
        "admin2": place.admin2 or "",
        "location": place.name or "",
        "latitude": "" if place.lat is None else repr(place.lat),
        "longitude": "" if place.lon is None else repr(place.lon),
        "geo_precision": str(to_acled(place.precision)) if place.precision else "",
        "source": "; ".join(s.publisher or s.title or s.id for s in cited),
        "notes": event.summary,
        "fatalities": "" if fatalities is None else str(fatalities),
        # The kind goes in a tag only where event_type would read back as another kind.
        "tags": "" if read_back is event.kind else f"{KIND_TAG}{event.kind.value}",
    }


def row_of(
    event: Event, actors: Mapping[str, Actor], sources: Mapping[str, Source], *, named: bool
) -> dict[str, str] | None:
    """The row written for ``event``: the derived cells, and the kept ones (``x_acled``)."""
    row = derive(event, actors, sources, named=named)
    return None if row is None else restore(row, event.extensions.get("x_acled"))


def cells_of(report: Report) -> Callable[[Event], dict[str, str] | None]:
    """The function giving the row of one of ``report``'s events (``None``: unwritable).

    It reads the report's actors, sources and extensions, not its events.
    """
    actors = {a.id: a for a in report.actors}
    sources = {s.id: s for s in report.sources}
    named = report.extensions.get("x_acled_inter") == "names"
    return lambda event: row_of(event, actors, sources, named=named)


def write_acled(
    reports: Report | Iterable[Report], path: str | os.PathLike[str] | None = None
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Write the events of one or more reports as ACLED CSV.

    The columns are those of the file the report was read from (``x_acled_columns``), else
    :data:`~osintreport.acled.COLUMNS`. An event read from ACLED and left unchanged is written
    cell for cell as it was read.

    Args:
        reports: A report or several.
        path: Where to write (atomically); ``None`` to only return the text.

    Returns:
        The CSV text, and ``(event id, reason)`` for each event that could not be written.
    """
    return write_rows(
        reports,
        columns=COLUMNS,
        columns_key="x_acled_columns",
        cells_of=cells_of,
        unwritable=UNWRITABLE,
        path=path,
    )
