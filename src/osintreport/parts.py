"""The small value objects statements are built from: citations, places, figures.

These classes hold no ids of their own; they live inside an :class:`~osintreport.Event`,
:class:`~osintreport.Claim`, :class:`~osintreport.Assessment` or
:class:`~osintreport.Actor`.
"""

from __future__ import annotations

import itertools
from typing import Any

import attrs

from . import _checks as check
from ._extensions import field as extensions_field
from .errors import FieldValueError
from .vocab import PlacePrecision, Role

__all__ = ["Citation", "Estimate", "ExternalIds", "Original", "Participant", "Place"]


@attrs.frozen(kw_only=True)
class Original:
    """The text in its own language, beside the English rendering that quotes it.

    Attributes:
        text: The original words, verbatim (Arabic, Persian, Russian, ...).
        language: BCP 47 tag of the original (``"ar"``). Leaving it out is a finding
            (``OSR801``): a translation is checked against a language.
        translated_by: Who made the English rendering: a person, an outlet, or a tool
            (``"analyst"``, ``"machine: <tool name>"``).
        extensions: ``x_`` keys, kept and written back unchanged.
    """

    text: str = attrs.field(validator=check.text())
    language: str | None = attrs.field(default=None, validator=check.language())
    translated_by: str | None = attrs.field(default=None, validator=check.text(optional=True))
    extensions: dict[str, Any] = extensions_field()


@attrs.frozen(kw_only=True)
class Citation:
    """One pointer from a statement to a source.

    A citation whose ``source`` is ``None`` points to nothing: the footnote behind it is
    empty or missing. It is kept so that the gap shows, and counts as uncited.

    Attributes:
        source: The id of a :class:`~osintreport.Source`, or ``None``.
        locator: Where in the report or source: a footnote number (``12``), or text such
            as a page (``"p. 4"``) or a timestamp (``"01:23:10"``).
        quote: The words relied on (in English when ``original`` is given).
        original: The quote in the source's own language, when ``quote`` is a translation.
        extensions: ``x_`` keys, kept and written back unchanged.
    """

    source: str | None = attrs.field(default=None, validator=check.identifier(optional=True))
    locator: int | str | None = attrs.field(default=None, validator=check.locator())
    quote: str | None = attrs.field(default=None, validator=check.text(optional=True))
    original: Original | None = attrs.field(
        default=None, validator=check.instance(Original, "an Original", optional=True)
    )
    extensions: dict[str, Any] = extensions_field()


@attrs.frozen(kw_only=True)
class Participant:
    """An actor taking part in an event, and how.

    Attributes:
        actor: The id of an :class:`~osintreport.Actor`.
        role: The part the actor played.
        extensions: ``x_`` keys, kept and written back unchanged.
    """

    actor: str = attrs.field(validator=check.identifier())
    role: Role = attrs.field(default=Role.PARTICIPANT, validator=check.member(Role))
    extensions: dict[str, Any] = extensions_field()


@attrs.frozen(kw_only=True)
class Place:
    """Where something happened.

    Attributes:
        name: The place as the report names it (``"Deir ez Zor City"``).
        admin1: First-level administrative area (province, governorate).
        admin2: Second-level administrative area (district).
        country: ISO 3166-1 alpha-2 code (``"SY"``).
        lat: Latitude in decimal degrees, WGS 84, -90 to 90.
        lon: Longitude in decimal degrees, WGS 84, -180 to 180.
        precision: How precisely the coordinates fit the place (UCDP and ACLED codes map
            to it; see :mod:`osintreport.precision`).
        uncertainty_m: The radius, in metres, around the coordinates within which the
            place lies.
        extensions: ``x_`` keys, kept and written back unchanged.
    """

    name: str | None = attrs.field(default=None, validator=check.text(optional=True))
    admin1: str | None = attrs.field(default=None, validator=check.text(optional=True))
    admin2: str | None = attrs.field(default=None, validator=check.text(optional=True))
    country: str | None = attrs.field(default=None, validator=check.country())
    lat: float | None = attrs.field(default=None, validator=check.coordinate(90))
    lon: float | None = attrs.field(default=None, validator=check.coordinate(180))
    precision: PlacePrecision | None = attrs.field(
        default=None, validator=check.member(PlacePrecision, optional=True)
    )
    uncertainty_m: float | None = attrs.field(default=None, validator=check.distance())
    extensions: dict[str, Any] = extensions_field()

    def __attrs_post_init__(self) -> None:
        if (self.lat is None) != (self.lon is None):
            raise FieldValueError("lat/lon", (self.lat, self.lon), "both lat and lon, or neither")


@attrs.frozen(kw_only=True)
class Estimate:
    """A count given as a range: low, best and high figures, any of them unknown.

    Attributes:
        low: The lowest credible figure.
        best: The best estimate.
        high: The highest credible figure.
        extensions: ``x_`` keys, kept and written back unchanged.

    Raises:
        FieldValueError: A figure is negative, or ``low <= best <= high`` does not hold.
    """

    low: int | None = attrs.field(default=None, validator=check.count())
    best: int | None = attrs.field(default=None, validator=check.count())
    high: int | None = attrs.field(default=None, validator=check.count())
    extensions: dict[str, Any] = extensions_field()

    def __attrs_post_init__(self) -> None:
        low, best, high = self.low, self.best, self.high
        if low is not None and best is not None and high is not None and low <= best <= high:
            return  # all three given and in order: the common case
        figures = (("low", low), ("best", best), ("high", high))
        given = [(name, value) for name, value in figures if value is not None]
        for (name_a, a), (name_b, b) in itertools.pairwise(given):
            if a > b:
                raise FieldValueError(
                    f"{name_a}/{name_b}", (a, b), f"{name_a} <= {name_b} (low <= best <= high)"
                )


@attrs.frozen(kw_only=True)
class ExternalIds:
    """Identifiers of the same actor in other datasets.

    Attributes:
        wikidata: Wikidata item (``"Q858"``).
        acled: ACLED actor name, as ACLED writes it.
        ucdp: UCDP actor id.
        stix: STIX 2.1 id of the matching identity, threat actor or intrusion set.
        extensions: ``x_`` keys for any other scheme, kept and written back unchanged.
    """

    wikidata: str | None = attrs.field(default=None, validator=check.wikidata())
    acled: str | None = attrs.field(default=None, validator=check.text(optional=True))
    ucdp: str | None = attrs.field(default=None, validator=check.text(optional=True))
    stix: str | None = attrs.field(default=None, validator=check.stix_id())
    extensions: dict[str, Any] = extensions_field()
