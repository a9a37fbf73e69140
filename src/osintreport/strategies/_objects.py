"""Strategies for the model objects, given the ids they may refer to (private)."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from ..handling import Retraction
from ..model import Actor, Assessment, Claim, Event, Source
from ..parts import ExternalIds
from ..relation import ENDPOINTS, SAME_KIND, Relation
from ..vocab import (
    ActorKind,
    ClaimStatus,
    Confidence,
    Credibility,
    EventKind,
    Likelihood,
    RelationKind,
    Reliability,
    SourceKind,
    Tlp,
)
from ._values import (
    _maybe,
    _refs,
    casualties,
    citations,
    extensions,
    identifiers,
    originals,
    participants,
    places,
    provenance,
    texts,
    timestamps,
    urls,
    whens,
)


def _with_id(obj: Any, new_id: str) -> Any:
    return attrs.evolve(obj, id=new_id)


def _many(
    one: st.SearchStrategy[Any], ids: Sequence[str], max_tlp: Tlp | None
) -> st.SearchStrategy[tuple[Any, ...]]:
    """One object per id, each with drawn provenance (marked no stricter than ``max_tlp``)."""
    placed = st.tuples(one, provenance(max_tlp)).map(lambda pair: attrs.evolve(pair[0], **pair[1]))
    return st.tuples(*[placed.map(functools.partial(_with_id, new_id=i)) for i in ids])


@st.composite
def actors(
    draw: st.DrawFn, ids: Sequence[str] | None = None, max_tlp: Tlp | None = None
) -> tuple[Actor, ...]:
    """Actors with the given ids (or drawn ones); ``parent`` and ``backers`` point back."""
    ids = list(ids) if ids is not None else draw(st.lists(identifiers(), max_size=4, unique=True))
    out = []
    for index, actor_id in enumerate(ids):
        earlier = ids[:index]
        out.append(
            Actor(
                id=actor_id,
                name=draw(texts(max_size=30)),
                kind=draw(st.sampled_from(list(ActorKind))),
                aliases=tuple(draw(st.lists(texts(max_size=20), max_size=2))),
                country=draw(_maybe(st.sampled_from(["SY", "IR", "RU", "US"]))),
                parent=draw(_maybe(st.sampled_from(earlier))) if earlier else None,
                backers=draw(_refs([i for i in ids if i != actor_id])),
                external_ids=draw(
                    _maybe(
                        st.builds(
                            ExternalIds,
                            wikidata=_maybe(st.integers(1, 10**7).map(lambda n: f"Q{n}")),
                            acled=_maybe(texts(max_size=20)),
                        )
                    )
                ),
                description=draw(_maybe(texts())),
                extensions=draw(extensions()),
                **draw(provenance(max_tlp)),
            )
        )
    return tuple(out)


def sources(
    ids: Sequence[str], actor_ids: Sequence[str] = (), max_tlp: Tlp | None = None
) -> st.SearchStrategy[tuple[Source, ...]]:
    """Sources with the given ids, affiliated (sometimes) with the given actors."""
    one = st.builds(
        Source,
        id=st.just("placeholder"),
        kind=st.sampled_from(list(SourceKind)),
        title=_maybe(texts()),
        publisher=_maybe(texts(max_size=20)),
        url=_maybe(urls()),
        language=_maybe(st.sampled_from(["en", "ar", "fa", "ru", "fa-IR"])),
        published=_maybe(whens()),
        accessed=_maybe(timestamps()),
        archive_url=_maybe(urls()),
        sha256=_maybe(st.binary(min_size=32, max_size=32).map(bytes.hex)),
        reliability=_maybe(st.sampled_from(list(Reliability))),
        affiliation=_maybe(st.sampled_from(list(actor_ids))) if actor_ids else st.none(),
        extensions=extensions(),
    )
    return _many(one, ids, max_tlp)


def events(
    ids: Sequence[str],
    actor_ids: Sequence[str] = (),
    source_ids: Sequence[str] = (),
    max_tlp: Tlp | None = None,
) -> st.SearchStrategy[tuple[Event, ...]]:
    """Events with the given ids, their participants and citations drawn from the others."""
    one = st.builds(
        Event,
        id=st.just("placeholder"),
        kind=st.sampled_from(list(EventKind)),
        summary=texts(),
        when=_maybe(whens()),
        where=_maybe(places()),
        participants=st.lists(participants(actor_ids), max_size=3).map(tuple)
        if actor_ids
        else st.just(()),
        casualties=_maybe(casualties(actor_ids)),
        citations=st.lists(citations(source_ids), max_size=3).map(tuple),
        extensions=extensions(),
    )
    return _many(one, ids, max_tlp)


def _retractions(ids: Sequence[str]) -> st.SearchStrategy[Retraction | None]:
    return _maybe(
        st.builds(
            Retraction,
            reason=texts(),
            when=_maybe(whens()),
            by=_maybe(texts(max_size=20)),
            replaced_by=_maybe(st.sampled_from(list(ids))) if len(ids) > 1 else st.none(),
            extensions=extensions(),
        )
    )


def _not_replaced_by_itself(obj: Any) -> Any:
    retracted = obj.retracted
    if retracted is not None and retracted.replaced_by == obj.id:
        return attrs.evolve(obj, retracted=attrs.evolve(retracted, replaced_by=None))
    return obj


def claims(
    ids: Sequence[str],
    actor_ids: Sequence[str] = (),
    source_ids: Sequence[str] = (),
    about_ids: Sequence[str] = (),
    max_tlp: Tlp | None = None,
) -> st.SearchStrategy[tuple[Claim, ...]]:
    """Claims with the given ids; claimants, subjects and citations drawn from the others."""
    one = st.builds(
        Claim,
        id=st.just("placeholder"),
        text=texts(),
        original=_maybe(originals()),
        claimant=_maybe(st.sampled_from(list(actor_ids))) if actor_ids else st.none(),
        stated=_maybe(whens()),
        about=_refs(about_ids),
        status=st.sampled_from(list(ClaimStatus)),
        credibility=_maybe(st.sampled_from(list(Credibility))),
        citations=st.lists(citations(source_ids), max_size=3).map(tuple),
        retracted=_retractions(ids),
        extensions=extensions(),
    )
    return _many(one, ids, max_tlp).map(lambda items: tuple(map(_not_replaced_by_itself, items)))


def assessments(
    ids: Sequence[str],
    basis_ids: Sequence[str] = (),
    source_ids: Sequence[str] = (),
    max_tlp: Tlp | None = None,
) -> st.SearchStrategy[tuple[Assessment, ...]]:
    """Assessments with the given ids; their basis drawn from claim and event ids."""
    one = st.builds(
        Assessment,
        id=st.just("placeholder"),
        text=texts(),
        likelihood=_maybe(st.sampled_from(list(Likelihood))),
        confidence=_maybe(st.sampled_from(list(Confidence))),
        basis=_refs(basis_ids),
        horizon=_maybe(whens()),
        citations=st.lists(citations(source_ids), max_size=2).map(tuple),
        retracted=_retractions(ids),
        extensions=extensions(),
    )
    return _many(one, ids, max_tlp).map(lambda items: tuple(map(_not_replaced_by_itself, items)))


@st.composite
def relations(
    draw: st.DrawFn,
    ids: Sequence[str],
    objects: Mapping[str, Sequence[str]],
    source_ids: Sequence[str] = (),
    max_tlp: Tlp | None = None,
) -> tuple[Relation, ...]:
    """Relations with the given ids, each linking objects of kinds its kind allows.

    Args:
        ids: The relations' ids.
        objects: The ids of each collection (``{"actors": [...], "claims": [...]}``).
        source_ids: Sources the relations may cite.
        max_tlp: The strictest TLP level a relation may be marked with.
    """
    out = []
    for relation_id in ids:
        options = []
        for kind, (subjects, targets) in ENDPOINTS.items():
            for subject_kind in sorted(subjects):
                if not objects.get(subject_kind):
                    continue
                allowed = [subject_kind] if kind in SAME_KIND else sorted(targets)
                if kind is RelationKind.LOCATED_AT or any(objects.get(t) for t in allowed):
                    options.append((kind, subject_kind, allowed))
        if not options:
            break
        kind, subject_kind, allowed = draw(st.sampled_from(options))
        subject = draw(st.sampled_from(list(objects[subject_kind])))
        target_kind = draw(st.sampled_from([t for t in allowed if objects.get(t)] or [""]))
        located = kind is RelationKind.LOCATED_AT
        out.append(
            Relation(
                id=relation_id,
                kind=kind,
                subject=subject,
                object=None if located else draw(st.sampled_from(list(objects[target_kind]))),
                where=draw(places()) if located else None,
                likelihood=draw(_maybe(st.sampled_from(list(Likelihood)))),
                confidence=draw(_maybe(st.sampled_from(list(Confidence)))),
                stated=draw(_maybe(whens())),
                description=draw(_maybe(texts())),
                citations=tuple(draw(st.lists(citations(source_ids), max_size=2))),
                extensions=draw(extensions()),
                **draw(provenance(max_tlp)),
            )
        )
    return tuple(out)
