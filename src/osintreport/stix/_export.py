"""STIX 2.1 export (private; see :mod:`osintreport.stix`)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any
from urllib.parse import quote

from .._converter import CONVERTER
from ..handling import effective_tlp
from ..model import Actor, Assessment, Claim, Event, Report, Source
from ..parts import Citation
from ..relation import Relation
from ..vocab import ActorKind, ClaimStatus, Confidence, Credibility, RelationKind, Tlp
from ._markings import Markings

__all__ = ["NAMESPACE", "OPINIONS", "to_stix"]

NAMESPACE = uuid.UUID("5b1a4c7e-2f0d-5d8e-9c61-6f7a0e3b2d41")
"""The UUIDv5 namespace of osintreport's STIX ids."""

_THREAT_ACTOR_TYPES = {
    ActorKind.ARMED_FORCE: "nation-state",
    ActorKind.MILITIA: "unknown",
    ActorKind.REBEL_GROUP: "unknown",
    ActorKind.TERRORIST_GROUP: "terrorist",
}
_IDENTITY_CLASS = {ActorKind.PERSON: "individual", ActorKind.CIVILIANS: "class"}
_CREDIBILITY_CONFIDENCE = {
    Credibility.CONFIRMED: 90,
    Credibility.PROBABLY_TRUE: 70,
    Credibility.POSSIBLY_TRUE: 50,
    Credibility.DOUBTFUL: 30,
    Credibility.IMPROBABLE: 10,
}
_CONFIDENCE = {Confidence.LOW: 15, Confidence.MODERATE: 50, Confidence.HIGH: 85}
OPINIONS = {
    ClaimStatus.CORROBORATED: "agree",
    ClaimStatus.DISPUTED: "disagree",
    ClaimStatus.FALSE: "strongly-disagree",
    ClaimStatus.UNVERIFIED: "neutral",
}


_RELATIONSHIP_TYPES = {
    RelationKind.ATTRIBUTED_TO: "attributed-to",
    RelationKind.BACKED_BY: "backed-by",
    RelationKind.PART_OF: "part-of",
    RelationKind.LOCATED_AT: "located-at",
    RelationKind.CONTRADICTS: "contradicts",
    RelationKind.CORROBORATES: "corroborates",
    RelationKind.DERIVED_FROM: "derived-from",
    RelationKind.DUPLICATE_OF: "duplicate-of",
}
"""The STIX relationship type each relation kind is written as (see :mod:`osintreport.relation`)."""


def _stamp(value: dt.datetime) -> str:
    """A STIX timestamp: UTC, milliseconds, ``Z``."""
    utc = value.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


class _Exporter:
    def __init__(self, report: Report) -> None:
        self.report = report
        day = report.published.earliest() if report.published else None
        self.stamp = f"{(day.isoformat() if day else '1970-01-01')}T00:00:00.000Z"
        self.objects: list[dict[str, Any]] = []
        self.refs: dict[str, str] = {}
        self.sources = {s.id: s for s in report.sources}
        self.actors = {a.id: a for a in report.actors}
        self.locations: dict[str, str] = {}
        self.creator: str | None = None
        self.markings = Markings(self.make_id)
        self.levels: set[Tlp] = set()

    def make_id(self, kind: str, *parts: str) -> str:
        return f"{kind}--{uuid.uuid5(NAMESPACE, '/'.join((self.report.id, kind, *parts)))}"

    def add(self, kind: str, local: str, *, of: Any = None, **fields: Any) -> str:
        """Add a STIX object; ``of`` is the model object whose provenance and marking apply."""
        ident = self.make_id(kind, local)
        obj: dict[str, Any] = {"type": kind, "spec_version": "2.1", "id": ident}
        source = of if of is not None else self.report
        creator = source.created_by
        ref = self.refs.get(creator) if creator else None
        if ref is None or not ref.startswith("identity--"):
            ref = self.creator  # STIX wants an identity; other creators go in x_
        if ref and ref != ident:
            obj["created_by_ref"] = ref
        created = _stamp(source.created) if source.created else self.stamp
        modified = _stamp(source.modified) if source.modified else created
        obj.update(created=created, modified=max(created, modified))
        obj.update({k: v for k, v in fields.items() if v not in (None, [], {})})
        mapped = self.refs.get(creator) if creator else None
        if creator and (mapped is None or mapped != obj.get("created_by_ref")):
            obj["x_osintreport_created_by"] = creator  # not an identity STIX can point to
        tlp = effective_tlp(source.marking, self.report.marking)
        if tlp is not None:
            self.levels.add(tlp)
        refs = self.markings.refs(tlp, source.marking)
        if refs:
            obj["object_marking_refs"] = refs
        self.objects.append(obj)
        return ident

    def relate(self, source: str, kind: str, target: str, **fields: Any) -> str:
        return self.add(
            "relationship",
            f"{source}|{kind}|{target}",
            relationship_type=kind,
            source_ref=source,
            target_ref=target,
            **fields,
        )

    def location(self, key: str, **fields: Any) -> str:
        if key not in self.locations:
            self.locations[key] = self.add("location", key, **fields)
        return self.locations[key]

    def external(self, citations: tuple[Citation, ...]) -> list[dict[str, str]]:
        out = []
        seen = set()
        for citation in citations:
            source = self.sources.get(citation.source) if citation.source else None
            if source is None or source.id in seen:
                continue
            seen.add(source.id)
            out.append(_reference(source))
        return out


def _uri(url: str) -> str:
    """Percent-encode what a URI may not hold (non-ASCII paths); STIX wants URIs, not IRIs."""
    url = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", url)  # a stray % is not an escape
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def _reference(source: Source) -> dict[str, str]:
    ref = {"source_name": source.publisher or source.id, "external_id": source.id}
    if source.url:
        ref["url"] = _uri(source.url)
    if source.title:
        ref["description"] = source.title
    return ref


def to_stix(report: Report) -> dict[str, Any]:
    """Export a report as a STIX 2.1 bundle (a plain dict); the same report, the same bundle."""
    ex = _Exporter(report)
    if report.publisher:
        ex.creator = ex.make_id("identity", "publisher")
        ex.add("identity", "publisher", name=report.publisher, identity_class="organization")
    for actor in report.actors:
        ex.refs[actor.id] = _export_actor(ex, actor)
    for actor in report.actors:
        me = ex.refs[actor.id]
        if actor.parent in ex.refs:
            ex.relate(me, "part-of", ex.refs[actor.parent], of=actor)
        for backer in actor.backers:
            if backer in ex.refs:
                ex.relate(me, "backed-by", ex.refs[backer], of=actor)
        if actor.country:
            location = ex.location(f"country:{actor.country}", country=actor.country)
            ex.relate(me, "located-at", location, of=actor)
    for event in report.events:
        ex.refs[event.id] = _export_event(ex, event)
    for claim in report.claims:
        ex.refs[claim.id] = ex.make_id("note", claim.id)
    for claim in report.claims:
        _export_claim(ex, claim)
    for assessment in report.assessments:
        _export_assessment(ex, assessment)
    unlinked = [_plain(r) for r in report.relations if not _export_relation(ex, r)]
    refs = [o["id"] for o in ex.objects] or [ex.make_id("note", "empty")]
    fields: dict[str, Any] = {
        "name": report.title,
        "description": report.summary,
        "published": ex.stamp,
        "report_types": ["threat-report"],
        "object_refs": refs,
        "external_references": [_reference(s) for s in report.sources] or None,
        "x_osintreport_id": report.id,
        "x_osintreport_authors": list(report.authors) or None,
        "x_osintreport_period": str(report.period) if report.period else None,
        "x_osintreport_relations": unlinked or None,
    }
    if report.url:
        fields["external_references"] = [
            {"source_name": "report", "url": _uri(report.url)},
            *(fields["external_references"] or []),
        ]
    ex.add("report", "report", **fields)
    # The strictest marking wins for the report as a whole: it holds everything above.
    strictest = max(ex.levels) if ex.levels else None
    refs = ex.markings.refs(strictest, report.marking)
    if refs:
        ex.objects[-1]["object_marking_refs"] = refs  # the report object just added
    bundle_id = f"bundle--{uuid.uuid5(NAMESPACE, report.id + '/bundle')}"
    return {"type": "bundle", "id": bundle_id, "objects": [*ex.markings.objects, *ex.objects]}


def _export_actor(ex: _Exporter, actor: Actor) -> str:
    common: dict[str, Any] = {
        "of": actor,
        "name": actor.name,
        "description": actor.description,
        "x_osintreport_id": actor.id,
        "x_osintreport_kind": actor.kind.value,
    }
    if actor.kind in _THREAT_ACTOR_TYPES:
        return ex.add(
            "threat-actor",
            actor.id,
            aliases=list(actor.aliases),
            threat_actor_types=[_THREAT_ACTOR_TYPES[actor.kind]],
            **common,
        )
    common["x_osintreport_aliases"] = list(actor.aliases)
    return ex.add(
        "identity",
        actor.id,
        identity_class=_IDENTITY_CLASS.get(actor.kind, "organization"),
        **common,
    )


def _export_event(ex: _Exporter, event: Event) -> str:
    casualties = CONVERTER.unstructure(event.casualties) if event.casualties else None
    ident = ex.add(
        "incident",
        event.id,
        of=event,
        name=event.summary[:120],
        description=event.summary,
        external_references=ex.external(event.citations),
        x_osintreport_id=event.id,
        x_osintreport_kind=event.kind.value,
        x_osintreport_when=str(event.when) if event.when else None,
        x_osintreport_casualties=casualties,
    )
    place = event.where
    if place is not None and (place.lat is not None or place.country):
        location = ex.location(f"event:{event.id}", of=event, **_place_fields(place))
        ex.relate(ident, "located-at", location, of=event)
    for participant in event.participants:
        if participant.actor in ex.refs:
            ex.relate(
                ex.refs[participant.actor],
                "participated-in",
                ident,
                of=event,
                description=participant.role.value,
            )
    return ident


def _export_claim(ex: _Exporter, claim: Claim) -> None:
    about = [ex.refs[r] for r in claim.about if r in ex.refs]
    author = next((a.name for a in ex.report.actors if a.id == claim.claimant), None)
    ident = ex.add(
        "note",
        claim.id,
        of=claim,
        content=claim.text,
        authors=[author] if author else list(ex.report.authors) or None,
        object_refs=about or [ex.make_id("report", "report")],
        confidence=_CREDIBILITY_CONFIDENCE.get(claim.credibility) if claim.credibility else None,
        external_references=ex.external(claim.citations),
        x_osintreport_id=claim.id,
        x_osintreport_status=claim.status.value,
        x_osintreport_claimant=claim.claimant,
        x_osintreport_stated=str(claim.stated) if claim.stated else None,
        x_osintreport_original=_plain(claim.original),
        x_osintreport_retracted=_plain(claim.retracted),
    )
    if claim.status in OPINIONS:
        ex.add(
            "opinion",
            claim.id,
            of=claim,
            opinion=OPINIONS[claim.status],
            object_refs=[ident],
            explanation=f"Analyst's status of the claim: {claim.status.value}",
        )


def _export_assessment(ex: _Exporter, assessment: Assessment) -> None:
    basis = [ex.refs[r] for r in assessment.basis if r in ex.refs]
    ex.add(
        "note",
        assessment.id,
        of=assessment,
        abstract="Assessment",
        content=assessment.text,
        authors=list(ex.report.authors) or None,
        object_refs=basis or [ex.make_id("report", "report")],
        confidence=_CONFIDENCE.get(assessment.confidence) if assessment.confidence else None,
        external_references=ex.external(assessment.citations),
        x_osintreport_id=assessment.id,
        x_osintreport_likelihood=assessment.likelihood.value if assessment.likelihood else None,
        x_osintreport_horizon=str(assessment.horizon) if assessment.horizon else None,
        x_osintreport_retracted=_plain(assessment.retracted),
    )


def _plain(value: Any) -> Any:
    return CONVERTER.unstructure(value) if value is not None else None


def _place_fields(place: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "name": place.name,
        "country": place.country,
        "administrative_area": place.admin1,
        "x_osintreport_precision": place.precision.value if place.precision else None,
    }
    if place.lat is not None:  # STIX allows precision (metres) only beside coordinates
        fields.update(latitude=place.lat, longitude=place.lon, precision=place.uncertainty_m)
    return fields


def _export_relation(ex: _Exporter, relation: Relation) -> bool:
    """Write a relation as a relationship; ``False`` when STIX has no object for an end."""
    source = ex.refs.get(relation.subject)
    target: str | None
    where = relation.where
    if where is not None and where.lat is None and where.country is None:
        return False  # a STIX location needs coordinates, a country or a region
    if relation.kind is RelationKind.LOCATED_AT and where is not None:
        target = ex.location(f"relation:{relation.id}", **_place_fields(where))
    else:
        target = ex.refs.get(relation.object or "")
    if source is None or target is None:
        return False  # an end STIX has no object for (a source), or a dangling id
    ex.add(
        "relationship",
        f"relation:{relation.id}",
        of=relation,
        relationship_type=_RELATIONSHIP_TYPES[relation.kind],
        source_ref=source,
        target_ref=target,
        description=relation.description,
        confidence=_CONFIDENCE.get(relation.confidence) if relation.confidence else None,
        external_references=ex.external(relation.citations),
        x_osintreport_id=relation.id,
        x_osintreport_likelihood=relation.likelihood.value if relation.likelihood else None,
        x_osintreport_stated=str(relation.stated) if relation.stated else None,
    )
    return True
