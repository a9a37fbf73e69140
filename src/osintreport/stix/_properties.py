"""How model values are written as STIX 2.1 property values, and read back (private)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from .._checks import is_stix_id
from ..model import Actor, Assessment, Claim, Event, Report, Source
from ..parts import Place
from ..relation import Relation
from ..vocab import ClaimStatus, Confidence, Credibility

__all__ = [
    "CONFIDENCE",
    "CREDIBILITY_CONFIDENCE",
    "KEPT",
    "OPINIONS",
    "kept_id",
    "kept_objects",
    "place_fields",
    "reference",
    "restore",
    "stamp",
    "uri",
]

KEPT = "x_stix_objects"
"""The report's ``x_`` key holding the STIX objects the model has no place for."""

CREDIBILITY_CONFIDENCE = {
    Credibility.CONFIRMED: 90,
    Credibility.PROBABLY_TRUE: 70,
    Credibility.POSSIBLY_TRUE: 50,
    Credibility.DOUBTFUL: 30,
    Credibility.IMPROBABLE: 10,
}
"""STIX 2.1 Appendix A, Admiralty credibility scale: the confidence each grade is written as."""
CONFIDENCE = {Confidence.LOW: 15, Confidence.MODERATE: 50, Confidence.HIGH: 85}
"""STIX 2.1 Appendix A, low/med/high scale: the confidence each level is written as."""
OPINIONS = {
    ClaimStatus.CORROBORATED: "agree",
    ClaimStatus.DISPUTED: "disagree",
    ClaimStatus.FALSE: "strongly-disagree",
    ClaimStatus.UNVERIFIED: "neutral",
}
"""The ``opinion`` a claim's status is written as."""


def stamp(value: dt.datetime) -> str:
    """A STIX timestamp: UTC, milliseconds, ``Z``."""
    utc = value.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def kept_id(obj: Actor | Event | Claim | Assessment | Relation | Report) -> str | None:
    """The STIX id an object read from STIX had, to write it under again."""
    if isinstance(obj, Actor) and obj.external_ids is not None and obj.external_ids.stix:
        return obj.external_ids.stix
    kept = obj.extensions.get("x_stix_id")
    return kept if isinstance(kept, str) else None


NOT_PROPERTIES = frozenset({"x_stix_id", "x_stix_bundle", "x_stix_country", KEPT})


def restore(fields: dict[str, Any], extensions: Mapping[str, Any]) -> None:
    """Put back the properties an object read from STIX had beyond what the model holds."""
    for key, value in extensions.items():
        if key.startswith("x_stix_") and key not in NOT_PROPERTIES:
            fields[key.removeprefix("x_stix_")] = value


def kept_objects(report: Report) -> list[dict[str, Any]]:
    """The STIX objects a report read from STIX kept because the model has no place for them."""
    kept = report.extensions.get(KEPT)
    if not isinstance(kept, list) or not all(
        isinstance(o, Mapping) and is_stix_id(o.get("id")) and isinstance(o.get("type"), str)
        for o in kept
    ):
        return []
    return [dict(o) for o in kept]


def uri(url: str) -> str:
    """Percent-encode what a URI may not hold (non-ASCII paths); STIX wants URIs, not IRIs."""
    url = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", url)  # a stray % is not an escape
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def reference(source: Source) -> dict[str, Any]:
    """An external reference for a source.

    STIX asks for a hash beside every URL: the URL is written as ``url`` only with the
    source's SHA-256, and in the description otherwise.
    """
    ref: dict[str, Any] = {"source_name": source.publisher or source.id, "external_id": source.id}
    if source.url and source.sha256:
        ref["url"] = uri(source.url)
        ref["hashes"] = {"SHA-256": source.sha256}
    text = [source.title] if source.title else []
    if source.url and "url" not in ref:
        text.append(uri(source.url))
    if text:
        ref["description"] = " ".join(text)
    return ref


def place_fields(place: Place) -> dict[str, Any] | None:
    """The properties of a STIX ``location`` for ``place``; ``None`` when STIX needs more."""
    fields: dict[str, Any] = {"name": place.name, "administrative_area": place.admin1}
    if place.country == "XK":  # user-assigned: STIX wants an assigned code, so give the region
        fields.update(region="southern-europe", name=place.name or "Kosovo")
    elif place.country:
        fields["country"] = place.country
    if place.lat is not None and place.lon is not None:  # precision only beside coordinates
        fields.update(latitude=place.lat, longitude=place.lon, precision=place.uncertainty_m)
    if not ({"country", "region", "latitude"} & fields.keys()):
        return None
    return {k: v for k, v in fields.items() if v is not None}
