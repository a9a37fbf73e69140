"""Row builders and Arrow schemas of :mod:`osintreport.frames` (private).

One function per kind turns a model object into a plain dict; :func:`columns` lists each
kind's columns with their Arrow type names, from which the Arrow schema is built. Columns
every kind shares (``report_id``, ``id``, the marking and provenance, ``extensions``) are
added here once.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..casualties import Casualties
from ..model import Actor, Assessment, Claim, Event, Source
from ..parts import Estimate
from ..relation import Relation
from ..serialization import unstructure
from ..when import When

__all__ = ["COLUMNS", "ROWS", "TYPES", "make_row"]


def _dates(when: When | None, column: str) -> dict[str, Any]:
    """The date as written (in ``column``) and its first and last possible days."""
    return {
        column: str(when) if when else None,
        "start": when.earliest() if when else None,
        "end": when.latest() if when else None,
    }


def _json(value: Any) -> str | None:
    return json.dumps(value, ensure_ascii=False) if value else None


def _figures(prefix: str, estimate: Estimate | None) -> dict[str, int | None]:
    return {
        f"{prefix}_low": estimate.low if estimate else None,
        f"{prefix}_best": estimate.best if estimate else None,
        f"{prefix}_high": estimate.high if estimate else None,
    }


def _casualties(c: Casualties | None) -> dict[str, Any]:
    return {
        **_figures("fatalities", c.killed if c else None),
        **_figures("injured", c.injured if c else None),
        "casualties": _json(unstructure(c)) if c else None,
    }


def _sources(item: Any) -> list[str]:
    return [c.source for c in item.citations if c.source]


def _event(e: Event) -> dict[str, Any]:
    place = e.where
    return {
        "kind": e.kind.value,
        "summary": e.summary,
        **_dates(e.when, "when"),
        "place": place.name if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "precision": place.precision.value if place and place.precision else None,
        "uncertainty_m": place.uncertainty_m if place else None,
        "actors": [p.actor for p in e.participants],
        "roles": [p.role.value for p in e.participants],
        **_casualties(e.casualties),
        "sources": _sources(e),
        "citations": len(e.citations),
    }


def _retraction(item: Claim | Assessment) -> dict[str, Any]:
    r = item.retracted
    return {
        "retracted": r.reason if r else None,
        "retracted_when": str(r.when) if r and r.when else None,
    }


def _claim(c: Claim) -> dict[str, Any]:
    original = c.original
    return {
        "text": c.text,
        "original_text": original.text if original else None,
        "original_language": original.language if original else None,
        "translated_by": original.translated_by if original else None,
        "claimant": c.claimant,
        **_dates(c.stated, "stated"),
        "about": list(c.about),
        "status": c.status.value,
        "credibility": int(c.credibility) if c.credibility else None,
        "sources": _sources(c),
        "citations": len(c.citations),
        **_retraction(c),
    }


def _source(s: Source) -> dict[str, Any]:
    return {
        "kind": s.kind.value,
        "title": s.title,
        "publisher": s.publisher,
        "url": s.url,
        "language": s.language,
        **_dates(s.published, "published"),
        "accessed": s.accessed,
        "archive_url": s.archive_url,
        "sha256": s.sha256,
        "reliability": s.reliability.value if s.reliability else None,
        "affiliation": s.affiliation,
    }


def _actor(a: Actor) -> dict[str, Any]:
    return {
        "name": a.name,
        "kind": a.kind.value,
        "aliases": list(a.aliases),
        "country": a.country,
        "parent": a.parent,
        "backers": list(a.backers),
        "description": a.description,
        "wikidata": a.external_ids.wikidata if a.external_ids else None,
    }


def _assessment(a: Assessment) -> dict[str, Any]:
    return {
        "text": a.text,
        "likelihood": a.likelihood.value if a.likelihood else None,
        "confidence": a.confidence.value if a.confidence else None,
        "basis": list(a.basis),
        **_dates(a.horizon, "horizon"),
        "sources": _sources(a),
        **_retraction(a),
    }


def _relation(r: Relation) -> dict[str, Any]:
    place = r.where
    return {
        "kind": r.kind.value,
        "subject": r.subject,
        "object": r.object,
        "place": place.name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "likelihood": r.likelihood.value if r.likelihood else None,
        "confidence": r.confidence.value if r.confidence else None,
        **_dates(r.stated, "stated"),
        "description": r.description,
        "sources": _sources(r),
    }


ROWS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "events": _event,
    "claims": _claim,
    "sources": _source,
    "actors": _actor,
    "assessments": _assessment,
    "relations": _relation,
}
TYPES: dict[str, type] = {
    "events": Event,
    "claims": Claim,
    "sources": Source,
    "actors": Actor,
    "assessments": Assessment,
    "relations": Relation,
}


def make_row(report_id: str, item: Any, kind: str) -> dict[str, Any]:
    """The row of ``item`` (of ``kind``): shared columns around the kind's own."""
    marking = item.marking
    return {
        "report_id": report_id,
        "id": item.id,
        **ROWS[kind](item),
        "tlp": marking.tlp.value if marking and marking.tlp else None,
        "caveats": list(marking.caveats) if marking else [],
        "created": item.created,
        "modified": item.modified,
        "created_by": item.created_by,
        "extensions": _json(item.extensions),
    }


_DATES = [("start", "date"), ("end", "date")]
_FIGURES = [(f"{p}_{f}", "int") for p in ("fatalities", "injured") for f in ("low", "best", "high")]
_RETRACTION = [("retracted", "text"), ("retracted_when", "text")]
_OWN: dict[str, list[tuple[str, str]]] = {
    "events": [
        ("kind", "text"),
        ("summary", "text"),
        ("when", "text"),
        *_DATES,
        ("place", "text"),
        ("admin1", "text"),
        ("admin2", "text"),
        ("country", "text"),
        ("lat", "float"),
        ("lon", "float"),
        ("precision", "text"),
        ("uncertainty_m", "float"),
        ("actors", "strings"),
        ("roles", "strings"),
        *_FIGURES,
        ("casualties", "text"),
        ("sources", "strings"),
        ("citations", "int"),
    ],
    "claims": [
        ("text", "text"),
        ("original_text", "text"),
        ("original_language", "text"),
        ("translated_by", "text"),
        ("claimant", "text"),
        ("stated", "text"),
        *_DATES,
        ("about", "strings"),
        ("status", "text"),
        ("credibility", "int8"),
        ("sources", "strings"),
        ("citations", "int"),
        *_RETRACTION,
    ],
    "sources": [
        ("kind", "text"),
        ("title", "text"),
        ("publisher", "text"),
        ("url", "text"),
        ("language", "text"),
        ("published", "text"),
        *_DATES,
        ("accessed", "timestamp"),
        ("archive_url", "text"),
        ("sha256", "text"),
        ("reliability", "text"),
        ("affiliation", "text"),
    ],
    "actors": [
        ("name", "text"),
        ("kind", "text"),
        ("aliases", "strings"),
        ("country", "text"),
        ("parent", "text"),
        ("backers", "strings"),
        ("description", "text"),
        ("wikidata", "text"),
    ],
    "assessments": [
        ("text", "text"),
        ("likelihood", "text"),
        ("confidence", "text"),
        ("basis", "strings"),
        ("horizon", "text"),
        *_DATES,
        ("sources", "strings"),
        *_RETRACTION,
    ],
    "relations": [
        ("kind", "text"),
        ("subject", "text"),
        ("object", "text"),
        ("place", "text"),
        ("lat", "float"),
        ("lon", "float"),
        ("likelihood", "text"),
        ("confidence", "text"),
        ("stated", "text"),
        *_DATES,
        ("description", "text"),
        ("sources", "strings"),
    ],
}
_SHARED_TAIL = [
    ("tlp", "text"),
    ("caveats", "strings"),
    ("created", "timestamp"),
    ("modified", "timestamp"),
    ("created_by", "text"),
    ("extensions", "text"),
]
COLUMNS: dict[str, list[tuple[str, str]]] = {
    kind: [("report_id", "text"), ("id", "text"), *own, *_SHARED_TAIL] for kind, own in _OWN.items()
}
"""Each kind's columns in order, with a type name (text, int, int8, float, date,
timestamp, strings) that :mod:`osintreport.frames` turns into an Arrow type."""
