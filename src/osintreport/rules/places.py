"""Rules on places and countries (OSR5xx)."""

from __future__ import annotations

import math
import operator
from collections.abc import Iterator

from .._iso3166 import KNOWN
from ..findings import Severity
from ..parts import Place
from ..ruleset import Context, Hit, rule

__all__ = ["coordinates_invalid", "unknown_country"]

_KNOWN_OR_NONE = KNOWN | {None}


def _places(ctx: Context) -> Iterator[tuple[str, str, Place]]:
    for index, event in enumerate(ctx.report.events):
        if event.where is not None:
            yield f"$.events[{index}].where", event.id, event.where


def _bad_coordinate(value: object, limit: float) -> bool:
    if value is None:
        return False
    if isinstance(value, bool) or not isinstance(value, int | float):
        return True
    return not (-limit <= value <= limit and math.isfinite(value))


@rule(
    "OSR501",
    "coordinates-invalid",
    Severity.ERROR,
    "A latitude or longitude that is not a number within range.",
)
def coordinates_invalid(ctx: Context) -> Iterator[Hit]:
    """Latitude is -90 to 90 and longitude -180 to 180 (WGS 84, decimal degrees).

    The constructor already refuses such values; this rule catches objects built with
    validators switched off (``attrs.validators.disabled()``) or changed behind attrs' back.
    """
    places = list(filter(None, map(_WHERE, ctx.report.events)))
    if all(_all_in_range(list(map(getter, places)), limit) for getter, limit in _COORDINATES):
        return  # the common case, checked without a Python loop per place
    for path, subject, place in _places(ctx):
        for name, value, limit in (("lat", place.lat, 90.0), ("lon", place.lon, 180.0)):
            if _bad_coordinate(value, limit):
                yield Hit(
                    path=f"{path}.{name}",
                    subject=subject,
                    message=f"{name} {value!r} is not a number from -{limit:g} to {limit:g}",
                    hint="latitude comes first in 'lat', longitude in 'lon'; did you swap them?",
                )


_WHERE = operator.attrgetter("where")
_COORDINATES = ((operator.attrgetter("lat"), 90.0), (operator.attrgetter("lon"), 180.0))
_NUMBER_TYPES = frozenset({int, float, type(None)})


def _all_in_range(values: list[object], limit: float) -> bool:
    """Whether every value is ``None`` or a finite number within ``[-limit, limit]``."""
    if not set(map(type, values)) <= _NUMBER_TYPES:
        return False  # bool, str, a subclass, ...: let the careful check decide
    numbers: list[float] = list(filter(None, values))  # type: ignore[arg-type]
    if not numbers:
        return True
    return -limit <= min(numbers) and max(numbers) <= limit and not any(map(math.isnan, numbers))


@rule(
    "OSR502",
    "unknown-country",
    Severity.WARNING,
    "A country that is not an ISO 3166-1 alpha-2 code.",
)
def unknown_country(ctx: Context) -> Iterator[Hit]:
    """Countries are ISO 3166-1 alpha-2 codes (``SY``, ``IR``); a made-up one joins nothing."""
    report = ctx.report
    used = {a.country for a in report.actors} | {
        e.where.country for e in report.events if e.where is not None
    }
    if used <= _KNOWN_OR_NONE:
        return  # every country is a known code: nothing to report
    places = [(f"{path}.country", subject, place.country) for path, subject, place in _places(ctx)]
    actors = [
        (f"$.actors[{index}].country", actor.id, actor.country)
        for index, actor in enumerate(ctx.report.actors)
    ]
    for path, subject, country in (*actors, *places):
        if country is not None and country not in KNOWN:
            yield Hit(
                path=path,
                subject=subject,
                message=f"country {country!r} is not an ISO 3166-1 alpha-2 code",
                hint="use the two-letter code, such as 'SY' for Syria or 'IR' for Iran",
            )
