"""GeoJSON (RFC 7946): events with coordinates as a FeatureCollection for maps.

Each event whose place has coordinates becomes a ``Point`` feature (longitude first, as RFC
7946 requires). Its properties carry the report and event ids, kind, summary, the EDTF date
with its bounds (``start``/``end`` as ISO dates, ``null`` when open or unknown), the place,
its precision and uncertainty radius in metres (``uncertainty_m``), the actors taking part,
killed and injured (best figures) and the TLP level the event is handled at (``tlp``: its
own marking raised to its report's). Events without coordinates are left out;
``to_geojson`` counts them.

The strictest marking wins for the export as a whole: the collection's foreign member
``x_osintreport_tlp`` is the strictest level of any report or feature in it. To share a
collection at a given level, redact first (:func:`osintreport.redact`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .handling import effective_tlp
from .model import Event, Report
from .parts import Estimate
from .vocab import Tlp

__all__ = ["collection_members", "event_feature", "to_geojson"]


def to_geojson(reports: Report | Iterable[Report]) -> dict[str, Any]:
    """Return the events of one or more reports as a GeoJSON FeatureCollection (a dict).

    The collection's foreign member ``x_osintreport_unmapped`` counts the events left out
    for want of coordinates.
    """
    features: list[dict[str, Any]] = []
    unmapped = 0
    levels: set[Tlp] = set()
    for report in [reports] if isinstance(reports, Report) else reports:
        names = {a.id: a.name for a in report.actors}
        if report.marking is not None and report.marking.tlp is not None:
            levels.add(report.marking.tlp)
        for event in report.events:
            feature = event_feature(report, event, names, levels)
            if feature is None:
                unmapped += 1
            else:
                features.append(feature)
    return {
        "type": "FeatureCollection",
        "features": features,
        **collection_members(unmapped, levels),
    }


def collection_members(unmapped: int, levels: set[Tlp]) -> dict[str, Any]:
    """The collection's foreign members: events left out, and the strictest TLP level."""
    return {
        "x_osintreport_unmapped": unmapped,
        "x_osintreport_tlp": max(levels).value if levels else None,
    }


def event_feature(
    report: Report, event: Event, names: Mapping[str, str], levels: set[Tlp]
) -> dict[str, Any] | None:
    """The feature of ``event`` (``None`` without coordinates); adds its TLP to ``levels``.

    ``report`` gives the report's id and marking (its collections are not read); ``names``
    maps actor ids to names.
    """
    place = event.where
    if place is None or place.lat is None or place.lon is None:
        return None
    when = event.when
    tlp = effective_tlp(event.marking, report.marking)
    if tlp is not None:
        levels.add(tlp)
    casualties = event.casualties
    first = when.earliest() if when else None
    last = when.latest() if when else None
    return {
        "type": "Feature",
        "id": f"{report.id}/{event.id}",
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": {
            "report": report.id,
            "id": event.id,
            "kind": event.kind.value,
            "summary": event.summary,
            "when": str(when) if when else None,
            "start": first.isoformat() if first else None,
            "end": last.isoformat() if last else None,
            "place": place.name,
            "country": place.country,
            "precision": place.precision.value if place.precision else None,
            "uncertainty_m": place.uncertainty_m,
            "actors": [names.get(p.actor, p.actor) for p in event.participants],
            "actor_ids": [p.actor for p in event.participants],
            "roles": [p.role.value for p in event.participants],
            "fatalities": _best(casualties.killed if casualties else None),
            "injured": _best(casualties.injured if casualties else None),
            "tlp": tlp.value if tlp else None,
        },
    }


def _best(estimate: Estimate | None) -> int | None:
    """The best figure, else the low one (a floor is better than nothing on a map)."""
    if estimate is None:
        return None
    return estimate.best if estimate.best is not None else estimate.low
