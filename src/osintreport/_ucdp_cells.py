"""The cells of a UCDP GED row the model gives for an event (private).

:func:`derive` is the model's side of the lossless rule of :mod:`osintreport.ucdp`: a cell
read is kept on its event (``x_ucdp``) when this gives something else for it, and written
back while this still gives the same.
"""

from __future__ import annotations

from collections.abc import Mapping

from .casualties import Casualties
from .model import Actor, Event, Source
from .parts import Estimate, Place
from .precision import to_ucdp
from .vocab import EventKind, Role

__all__ = ["derive"]


def _figure(estimate: Estimate | None, part: str = "best") -> str:
    value = None if estimate is None else getattr(estimate, part)
    return "" if value is None else str(value)


def _date_prec(days: int) -> str:
    return (
        "1" if days == 1 else "2" if days <= 6 else "3" if days <= 7 else "4" if days <= 31 else "5"
    )


def derive(
    event: Event, actors: Mapping[str, Actor], sources: Mapping[str, Source]
) -> dict[str, str] | None:
    """The cells the model gives for ``event``; None if GED cannot date it."""
    first = event.when.earliest() if event.when else None
    last = event.when.latest() if event.when else None
    if first is None or last is None:
        return None
    sides: dict[Role, Actor] = {}
    for participant in event.participants:
        actor = actors.get(participant.actor)
        if actor is not None and participant.role in (Role.INITIATOR, Role.TARGET, Role.VICTIM):
            sides.setdefault(
                Role.TARGET if participant.role is Role.VICTIM else participant.role, actor
            )
    side_a, side_b = sides.get(Role.INITIATOR), sides.get(Role.TARGET)
    toll = event.casualties or Casualties()
    by_actor = {s.actor: s.killed for s in toll.sides}
    place = event.where or Place()
    cited = [sources[c.source] for c in event.citations if c.source and c.source in sources]
    return {
        "id": event.id,
        "year": str(first.year),
        "type_of_violence": "3" if event.kind is EventKind.VIOLENCE_AGAINST_CIVILIANS else "1",
        "side_a": side_a.name if side_a else "",
        "side_b": side_b.name if side_b else "",
        "source_article": "; ".join(s.title or s.id for s in cited),
        "where_prec": str(to_ucdp(place.precision)) if place.precision else "",
        "where_coordinates": place.name or "",
        "adm_1": place.admin1 or "",
        "adm_2": place.admin2 or "",
        "latitude": "" if place.lat is None else repr(place.lat),
        "longitude": "" if place.lon is None else repr(place.lon),
        "date_prec": _date_prec((last - first).days + 1),
        "date_start": first.isoformat(),
        "date_end": last.isoformat(),
        "deaths_a": _figure(by_actor.get(side_a.id) if side_a else None),
        "deaths_b": _figure(by_actor.get(side_b.id) if side_b else None),
        "deaths_civilians": _figure(toll.civilians.killed if toll.civilians else None),
        "deaths_unknown": _figure(toll.unknown.killed if toll.unknown else None),
        "best": _figure(toll.killed),
        "high": _figure(toll.killed, "high"),
        "low": _figure(toll.killed, "low"),
    }
