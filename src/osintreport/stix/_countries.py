"""Country names to ISO 3166-1 alpha-2 codes, with pycountry (private).

STIX ``location.country`` should be an ISO code, but bundles in the wild write names
(``"China"``, ``"Syrian Arab Republic"``). Codes are read without any extra; names need the
``countries`` extra (``pip install 'osintreport[countries]'``: pycountry, which follows the
ISO 3166 maintenance agency). A name pycountry knows by its short, official or common
name, or its alpha-3 code, maps; so does a name that is the start of exactly one country's
name (``"Russia"``). Nothing else is guessed: ``"Kosovo"`` is not matched to a Serbian
province, and a name we cannot map stays ``None`` (the reader keeps the text beside).
"""

from __future__ import annotations

import functools
import unicodedata

from .._iso3166 import KNOWN

__all__ = ["country_code"]

_NAMES = {"kosovo": "XK", "turkey": "TR"}
"""Names pycountry does not give: Kosovo's user-assigned code, and Turkey's former short name."""


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


@functools.lru_cache(maxsize=1024)
def country_code(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country code or name; ``None`` when unknown.

    Names need pycountry (the ``countries`` extra); without it only codes map.
    """
    if text.strip().upper() in KNOWN:
        return text.strip().upper()
    folded = _fold(text)
    if folded in _NAMES:
        return _NAMES[folded]
    try:
        import pycountry
    except ImportError:
        return None
    try:
        return str(pycountry.countries.lookup(text.strip()).alpha_2)
    except LookupError:
        pass
    starts = {
        country.alpha_2
        for country in pycountry.countries
        for name in (
            country.name,
            getattr(country, "official_name", ""),
            getattr(country, "common_name", ""),
        )
        if name and len(folded) >= 4 and _fold(name).startswith(folded)
    }
    return str(starts.pop()) if len(starts) == 1 else None


def needs_extra() -> bool:
    """Whether names cannot be mapped here because pycountry is missing."""
    try:
        import pycountry  # noqa: F401
    except ImportError:
        return True
    return False
