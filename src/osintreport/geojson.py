"""GeoJSON (RFC 7946): events with coordinates as a FeatureCollection for maps.

Each event whose place has coordinates becomes a ``Point`` feature (longitude first, as RFC
7946 requires). Its properties carry the report and event ids, kind, summary, the EDTF date
with its bounds (``start``/``end`` as ISO dates, ``null`` when open or unknown), the place and
the actors taking part. Events without coordinates are left out; ``to_geojson`` counts them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .model import Report

__all__ = ["to_geojson"]


def to_geojson(reports: Report | Iterable[Report]) -> dict[str, Any]:
    """Return the events of one or more reports as a GeoJSON FeatureCollection (a dict).

    The collection's foreign member ``x_osintreport_unmapped`` counts the events left out
    for want of coordinates.
    """
    features: list[dict[str, Any]] = []
    unmapped = 0
    for report in [reports] if isinstance(reports, Report) else reports:
        names = {a.id: a.name for a in report.actors}
        for event in report.events:
            place = event.where
            if place is None or place.lat is None or place.lon is None:
                unmapped += 1
                continue
            when = event.when
            first = when.earliest() if when else None
            last = when.latest() if when else None
            features.append(
                {
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
                        "actors": [names.get(p.actor, p.actor) for p in event.participants],
                        "actor_ids": [p.actor for p in event.participants],
                        "roles": [p.role.value for p in event.participants],
                        "fatalities": event.fatalities.best if event.fatalities else None,
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features, "x_osintreport_unmapped": unmapped}
