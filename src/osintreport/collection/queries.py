"""The collection's queries as plain functions of one report, for any engine.

:class:`~osintreport.collection.Collection` answers these from its index; the same questions
asked of reports one at a time, on Dask workers, on Spark or in a loop, are these functions
(``examples/collection_dask.py`` maps them over a ``dask.bag`` of reports). They give the same
objects the index does, in the report's order.

    >>> import osintreport as osr
    >>> report = osr.load("examples/iran-update-2023-09-29.yaml")
    >>> [e.id for e in events_in(report, period="2023-08-27", actor="SDF")]
    ['ev-dmc-commander-arrest', 'ev-tribal-clashes']
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..errors import MissingExtraError
from ..merge._keys import name_key
from ..model import Actor, Assessment, Claim, Event, Report
from ..relation import Relation
from ..when import When

__all__ = [
    "BBox",
    "actor_ids",
    "actors_named",
    "assessments_on",
    "claims_about",
    "claims_by",
    "events_in",
    "lookup_key",
    "relations_of",
    "span",
]

BBox = tuple[float, float, float, float]
"""``(west, south, east, north)`` in degrees: minimum longitude and latitude, then maximum."""


def lookup_key(name: str) -> str:
    """A name as lookups compare it (:func:`osintreport.merge._keys.name_key`).

    Without the ``merge`` extra, a name in another script is compared as written, lower-cased.
    """
    try:
        return name_key(name)
    except MissingExtraError:
        return " ".join(name.casefold().split())


def span(when: When | str | None) -> tuple[str, str] | None:
    """``(earliest, latest)`` day of ``when`` as ISO dates; open ends are the extreme days."""
    if when is None:
        return None
    low, high = (When.parse(when) if isinstance(when, str) else when).bounds()
    return low.isoformat(), high.isoformat()


def actor_ids(report: Report, actor: str) -> set[str]:
    """Ids of the actors of ``report`` that ``actor`` names: by id, name or alias."""
    key = lookup_key(actor)
    return {
        a.id
        for a in report.actors
        if a.id == actor or any(lookup_key(n) == key for n in (a.name, *a.aliases))
    }


def _inside(event: Event, bbox: BBox) -> bool:
    where = event.where
    if where is None or where.lat is None or where.lon is None:
        return False
    west, south, east, north = bbox
    return south <= where.lat <= north and west <= where.lon <= east


def events_in(
    report: Report,
    *,
    period: When | str | None = None,
    bbox: BBox | None = None,
    actor: str | None = None,
    kind: str | None = None,
) -> Iterator[Event]:
    """Events of ``report`` that match every filter given; a filter left ``None`` takes all.

    The filters are those of :meth:`osintreport.collection.Collection.events`.
    """
    window = span(period)
    ids = actor_ids(report, actor) if actor is not None else None
    for event in report.events:
        if kind is not None and event.kind.value != kind:
            continue
        if window is not None:
            own = span(event.when)
            if own is None or own[0] > window[1] or own[1] < window[0]:
                continue
        if bbox is not None and not _inside(event, bbox):
            continue
        if ids is not None and not any(p.actor in ids for p in event.participants):
            continue
        yield event


def claims_by(report: Report, actor: str) -> Iterator[Claim]:
    """Claims ``actor`` (an id, name or alias) made."""
    ids = actor_ids(report, actor)
    return (claim for claim in report.claims if claim.claimant in ids)


def relations_of(report: Report, actor: str) -> Iterator[Relation]:
    """Relations whose subject or object is ``actor`` (an id, name or alias)."""
    ids = actor_ids(report, actor)
    return (r for r in report.relations if r.subject in ids or r.object in ids)


def claims_about(report: Report, target: str) -> Iterator[Claim]:
    """Claims about the object with id ``target`` (their ``about`` names it)."""
    return (claim for claim in report.claims if target in claim.about)


def assessments_on(report: Report, topic: str | Sequence[str]) -> Iterator[Assessment]:
    """Assessments whose text has a word starting with each word of ``topic``.

    Case, accents and punctuation aside: ``"tribe"`` finds "tribes", ``"quds force"`` finds
    "Quds Force's", and ``"force"`` does not find "reinforce".
    """
    words = _words(topic)
    for assessment in report.assessments:
        text = f" {lookup_key(assessment.text)} "
        if all(f" {w}" in text for w in words):
            yield assessment


def _words(topic: str | Sequence[str]) -> list[str]:
    phrases = [topic] if isinstance(topic, str) else list(topic)
    return [w for phrase in phrases for w in lookup_key(phrase).split()]


def actors_named(report: Report, actor: str) -> Iterator[Actor]:
    """Actors of ``report`` that ``actor`` names."""
    ids = actor_ids(report, actor)
    return (a for a in report.actors if a.id in ids)
