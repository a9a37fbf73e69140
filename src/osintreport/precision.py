"""Place precision codes of UCDP GED and ACLED, mapped to and from :class:`PlacePrecision`.

| ours | UCDP ``where_prec`` | ACLED ``geo_precision`` |
| --- | --- | --- |
| ``exact`` | 1: the exact place | 1: the town or village itself |
| ``near`` | 2: within about 25 km of a known point | 2: near a town, or part of a region |
| ``district`` | 3: a second-order administrative area | 2 (written) |
| ``region`` | 4: a first-order administrative area | 3: a larger region (province) |
| ``wide_area`` | 5: a linear feature or an area wider than a province | 3 (written) |
| ``country`` | 6: the country only | 3 (written) |
| ``international`` | 7: international waters or airspace | 3 (written) |

UCDP's seven codes map one to one, so a UCDP code read and written back is unchanged; ACLED's
three codes read and written back are unchanged too. Writing one of our finer levels to ACLED
takes the nearest ACLED code ("written" above), which does not come back as the same level.

:data:`TYPICAL_RADIUS_M` gives, for each level, a radius in metres that a map may draw when a
place has no ``uncertainty_m`` of its own; it is a rough guide, not data.
"""

from __future__ import annotations

from .vocab import PlacePrecision

__all__ = ["TYPICAL_RADIUS_M", "from_acled", "from_ucdp", "to_acled", "to_ucdp"]

_UCDP = (
    PlacePrecision.EXACT,
    PlacePrecision.NEAR,
    PlacePrecision.DISTRICT,
    PlacePrecision.REGION,
    PlacePrecision.WIDE_AREA,
    PlacePrecision.COUNTRY,
    PlacePrecision.INTERNATIONAL,
)
_FROM_ACLED = {1: PlacePrecision.EXACT, 2: PlacePrecision.NEAR, 3: PlacePrecision.REGION}
_TO_ACLED = {
    PlacePrecision.EXACT: 1,
    PlacePrecision.NEAR: 2,
    PlacePrecision.DISTRICT: 2,
    PlacePrecision.REGION: 3,
    PlacePrecision.WIDE_AREA: 3,
    PlacePrecision.COUNTRY: 3,
    PlacePrecision.INTERNATIONAL: 3,
}

TYPICAL_RADIUS_M: dict[PlacePrecision, float] = {
    PlacePrecision.EXACT: 1_000.0,
    PlacePrecision.NEAR: 25_000.0,
    PlacePrecision.DISTRICT: 50_000.0,
    PlacePrecision.REGION: 150_000.0,
    PlacePrecision.WIDE_AREA: 300_000.0,
    PlacePrecision.COUNTRY: 500_000.0,
    PlacePrecision.INTERNATIONAL: 500_000.0,
}
"""A rough radius per level, for drawing; never written into a place."""


def _code(value: int | str) -> int:
    if isinstance(value, bool):
        raise ValueError(f"not a precision code: {value!r}")
    try:
        return int(str(value).strip())
    except ValueError:
        raise ValueError(f"not a precision code: {value!r}") from None


def from_ucdp(code: int | str) -> PlacePrecision:
    """Our level for a UCDP GED ``where_prec`` code (1-7, as an int or text).

    Raises:
        ValueError: Not one of 1-7.
    """
    number = _code(code)
    if not 1 <= number <= len(_UCDP):
        raise ValueError(f"UCDP where_prec must be 1 to 7, got {code!r}")
    return _UCDP[number - 1]


def to_ucdp(precision: PlacePrecision) -> int:
    """The UCDP GED ``where_prec`` code (1-7) of one of our levels."""
    return _UCDP.index(precision) + 1


def from_acled(code: int | str) -> PlacePrecision:
    """Our level for an ACLED ``geo_precision`` code (1-3, as an int or text).

    Raises:
        ValueError: Not one of 1-3.
    """
    number = _code(code)
    try:
        return _FROM_ACLED[number]
    except KeyError:
        raise ValueError(f"ACLED geo_precision must be 1, 2 or 3, got {code!r}") from None


def to_acled(precision: PlacePrecision) -> int:
    """The nearest ACLED ``geo_precision`` code (1-3) for one of our levels."""
    return _TO_ACLED[precision]
