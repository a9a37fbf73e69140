"""Hypothesis strategies for the model, for your own property tests.

Needs the ``hypothesis`` extra (``pip install 'osintreport[hypothesis]'``)::

    from hypothesis import given
    from osintreport import strategies as ost

    @given(ost.reports())
    def test_my_exporter_accepts_any_report(report):
        my_exporter(report)

:func:`reports` builds valid, cross-referenced reports: every id is unique, and every
reference (citation source, participant, claimant, ``about``, ``basis``, ``parent``,
``backers``, ``affiliation``) points at an object of the right kind in the same report.
Text mixes Latin, Arabic, Persian and Cyrillic letters.
"""

from __future__ import annotations

from ..errors import MissingExtraError

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - exercised only without the extra
    raise MissingExtraError("hypothesis", "hypothesis", "osintreport.strategies") from error

from ..model import Report
from ..vocab import Tlp
from ._objects import actors, assessments, claims, events, relations, sources
from ._values import (
    _maybe,
    casualties,
    citations,
    estimates,
    extensions,
    fuzzy_dates,
    identifiers,
    markings,
    originals,
    participants,
    places,
    provenance,
    texts,
    timestamps,
    urls,
    whens,
)

__all__ = [
    "actors",
    "assessments",
    "casualties",
    "citations",
    "claims",
    "estimates",
    "events",
    "extensions",
    "fuzzy_dates",
    "identifiers",
    "markings",
    "originals",
    "participants",
    "places",
    "provenance",
    "relations",
    "reports",
    "sources",
    "texts",
    "timestamps",
    "urls",
    "whens",
]


@st.composite
def reports(draw: st.DrawFn, *, max_items: int = 4) -> Report:
    """Valid reports whose every reference resolves to an object of the right kind.

    Every part of the model appears: relations of every kind, markings (no object marked
    stricter than its report), provenance, translations, retractions and casualties.

    Args:
        max_items: The most actors, sources, events, claims, assessments and relations
            (each).
    """
    sizes = [draw(st.integers(0, max_items)) for _ in range(6)]
    all_ids = draw(
        st.lists(identifiers(), min_size=sum(sizes) + 1, max_size=sum(sizes) + 1, unique=True)
    )
    report_id, rest = all_ids[0], all_ids[1:]
    groups: list[list[str]] = []
    for size in sizes:
        groups.append(rest[:size])
        rest = rest[size:]
    actor_ids, source_ids, event_ids, claim_ids, assessment_ids, relation_ids = groups
    head = draw(provenance())
    marking = head["marking"]
    floor = marking.tlp if marking is not None and marking.tlp is not None else Tlp.CLEAR
    ids = {
        "actors": actor_ids,
        "sources": source_ids,
        "events": event_ids,
        "claims": claim_ids,
        "assessments": assessment_ids,
    }
    return Report(
        id=report_id,
        title=draw(texts()),
        authors=tuple(draw(st.lists(texts(max_size=30), max_size=3))),
        publisher=draw(_maybe(texts(max_size=30))),
        published=draw(_maybe(whens())),
        period=draw(_maybe(whens())),
        language=draw(_maybe(st.sampled_from(["en", "ar", "fa", "ru"]))),
        url=draw(_maybe(urls())),
        summary=draw(_maybe(texts())),
        actors=draw(actors(actor_ids, max_tlp=floor)),
        sources=draw(sources(source_ids, actor_ids, max_tlp=floor)),
        events=draw(events(event_ids, actor_ids, source_ids, max_tlp=floor)),
        claims=draw(claims(claim_ids, actor_ids, source_ids, actor_ids + event_ids, max_tlp=floor)),
        assessments=draw(
            assessments(assessment_ids, claim_ids + event_ids, source_ids, max_tlp=floor)
        ),
        relations=draw(relations(relation_ids, ids, source_ids, max_tlp=floor)),
        extensions=draw(extensions()),
        **head,
    )
