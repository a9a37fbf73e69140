"""STIX 2.1 export (private; see :mod:`osintreport.stix`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..handling import effective_tlp
from ..model import Actor, Assessment, Claim, Event, Report
from ..parts import Citation, Place
from ..relation import Relation
from ..serialization import unstructure
from ..vocab import ActorKind, RelationKind, Tlp
from ._extension import (
    ACTOR_TYPES,
    CARRIED,
    EXTENSION_ID,
    IDENTITY_ID,
    definitions,
    relationship_type,
    stix_uuid,
)
from ._markings import Markings
from ._properties import (
    CONFIDENCE,
    CREDIBILITY_CONFIDENCE,
    KEPT,
    OPINIONS,
    kept_id,
    kept_objects,
    place_fields,
    reference,
    restore,
    stamp,
    uri,
)

__all__ = ["to_stix"]

_THREAT_ACTOR_TYPES = {
    ActorKind.ARMED_FORCE: "nation-state",
    ActorKind.MILITIA: "unknown",
    ActorKind.REBEL_GROUP: "unknown",
    ActorKind.TERRORIST_GROUP: "terrorist",
}
_IDENTITY_CLASS = {ActorKind.PERSON: "individual", ActorKind.CIVILIANS: "class"}


class _Exporter:
    def __init__(self, report: Report, kept: list[dict[str, Any]]) -> None:
        self.report = report
        day = report.published.earliest() if report.published else None
        self.stamp = f"{(day.isoformat() if day else '1970-01-01')}T00:00:00.000Z"
        self.objects: list[dict[str, Any]] = []
        self.used = {IDENTITY_ID, EXTENSION_ID}
        self.refs: dict[str, str] = {}
        self.sources = {s.id: s for s in report.sources}
        self.actors = {a.id: a for a in reversed(report.actors)}  # the first of an id wins
        self.locations: dict[str, str] = {}
        self.creator: str | None = None
        self.head = self.claim_id("report", kept_id(report), "report")
        self.markings = Markings(self.make_id)
        self.levels: set[Tlp] = set()
        # Notes an opinion kept from the imported bundle already judges: no second opinion.
        self.judged = {
            ref for o in kept if o["type"] == "opinion" for ref in o.get("object_refs") or []
        }
        # The ids of kept objects that an added object has too: the kept ones are older
        # versions of it (the import keeps them as they are), written beside it.
        self.kept_ids = {o["id"] for o in kept}
        self.versioned: set[str] = set()

    def make_id(self, kind: str, *parts: str) -> str:
        return f"{kind}--{stix_uuid(self.report.id, kind, *parts)}"

    def claim_id(self, kind: str, wanted: str | None, *parts: str) -> str:
        """``wanted`` when it is a free id of this type, else one made from ``parts``."""
        if wanted and wanted.startswith(f"{kind}--") and wanted not in self.used:
            ident = wanted
        else:
            ident, n = self.make_id(kind, *parts), 1
            while ident in self.used:
                n += 1
                ident = self.make_id(kind, *parts, str(n))
        self.used.add(ident)
        return ident

    def add(self, kind: str, ident: str, *, of: Any, ext: dict[str, Any], **fields: Any) -> None:
        """Add a STIX object; ``of`` is the model object whose provenance and marking apply."""
        obj: dict[str, Any] = {"type": kind, "spec_version": "2.1", "id": ident}
        source = of if of is not None else self.report
        ref = self.refs.get(source.created_by) if source.created_by else None
        ref = ref if ref and ref.startswith("identity--") else self.creator
        if ref and ref != ident:
            obj["created_by_ref"] = ref
        created = stamp(source.created) if source.created else self.stamp
        modified = stamp(source.modified) if source.modified else created
        obj.update(created=created, modified=max(created, modified))
        if ident in self.kept_ids:
            self.versioned.add(ident)
        obj.update({k: v for k, v in fields.items() if v is not None and v != [] and v != {}})
        tlp = effective_tlp(source.marking, self.report.marking)
        if tlp is not None:
            self.levels.add(tlp)
        refs = self.markings.refs(tlp, source.marking)
        if refs and "object_marking_refs" not in fields:  # else kept as read from STIX
            obj["object_marking_refs"] = refs
        others = obj.get("extensions")
        others = dict(others) if isinstance(others, Mapping) else {}
        others[EXTENSION_ID] = {"extension_type": "property-extension", **ext}
        obj["extensions"] = others
        self.objects.append(obj)

    def primary(
        self, kind: str, collection: str, obj: Any, ident: str | None = None, **fields: Any
    ) -> str:
        """Add the STIX object standing for a model object; its extension holds the object."""
        ident = ident or self.claim_id(kind, kept_id(obj), obj.id)
        data = unstructure(obj)
        restore(fields, obj.extensions)
        for field, prop in CARRIED[collection].items():
            if field in data and fields.get(prop) == data[field]:
                del data[field]  # the STIX property holds it as it is
        self.add(kind, ident, of=obj, ext={"collection": collection, "object": data}, **fields)
        self.refs.setdefault(obj.id, ident)
        return ident

    def relate(self, source: str, kind: str, target: str, of: Any, **fields: Any) -> None:
        """Add a relationship made from a field of ``of`` (a derived object)."""
        written = relationship_type(source, kind, target)
        ident = self.claim_id("relationship", None, source, kind, target)
        ext: dict[str, Any] = {"derived": True}
        if written != kind:
            ext["relationship_type"] = kind
        self.add(
            "relationship",
            ident,
            of=of,
            ext=ext,
            relationship_type=written,
            source_ref=source,
            target_ref=target,
            **fields,
        )

    def location(self, place: Place, of: Any) -> str | None:
        """The id of a ``location`` for ``place``, one per distinct place.

        ``None`` when STIX cannot hold the place (no coordinates, country or region).
        """
        fields = place_fields(place)
        if fields is None:
            return None
        kept = place.extensions.get("x_stix_id")
        wanted = kept if isinstance(kept, str) else None
        key = wanted or repr(sorted(fields.items()))  # one location per place, or as read
        if key not in self.locations:
            ident = self.claim_id("location", wanted, key)
            restore(fields, place.extensions)
            self.add("location", ident, of=of, ext={"derived": True}, **fields)
            self.locations[key] = ident
        return self.locations[key]

    def object_ids(self) -> Any:
        """The ids of the objects added so far, for the report's ``object_refs``."""
        return [o["id"] for o in self.objects] or [IDENTITY_ID]

    def external(self, citations: tuple[Citation, ...]) -> list[dict[str, Any]]:
        out = []
        seen = set()
        for citation in citations:
            source = self.sources.get(citation.source) if citation.source else None
            if source is None or source.id in seen:
                continue
            seen.add(source.id)
            out.append(reference(source))
        return out


def to_stix(report: Report) -> dict[str, Any]:
    """Export a report as a STIX 2.1 bundle (a plain dict); the same report, the same bundle."""
    ex, kept = start(report, _Exporter)
    export_actors(ex, report.actors)
    for event in report.events:
        export_event(ex, event)
    notes = [ex.claim_id("note", kept_id(claim), claim.id) for claim in report.claims]
    for claim, note in zip(report.claims, notes, strict=True):
        ex.refs.setdefault(claim.id, note)  # first: claims may be about claims further on
    for claim, note in zip(report.claims, notes, strict=True):
        export_claim(ex, claim, note)
    rest = finish(ex, kept, report.assessments, report.relations)
    objects = [*definitions(), *ex.markings.objects, *ex.objects, *rest]
    return {"type": "bundle", "id": bundle_id(report), "objects": objects}


def bundle_id(report: Report) -> str:
    """The id of the bundle a report is exported as."""
    return f"bundle--{stix_uuid(report.id, 'bundle')}"


def start(report: Report, exporter: type[_Exporter]) -> tuple[_Exporter, list[dict[str, Any]]]:
    """An exporter for ``report`` with the publisher added, and the objects kept from STIX."""
    kept = kept_objects(report)
    ex = exporter(report, kept)
    publisher = report.extensions.get("x_stix_created_by_ref")
    if any(o["id"] == publisher for o in kept):
        ex.creator = publisher  # the publisher's identity, kept as it came
    elif report.publisher:
        ex.creator = ex.claim_id("identity", None, "publisher")
        name, cls = report.publisher, "organization"
        ex.add(
            "identity", ex.creator, of=None, ext={"derived": True}, name=name, identity_class=cls
        )
    return ex, kept


def export_actors(ex: _Exporter, actors: tuple[Actor, ...]) -> None:
    """The actors, then the links between them (parents, backers, countries)."""
    for actor in actors:
        _export_actor(ex, actor)
    for actor in actors:
        _export_actor_links(ex, actor)


def finish(
    ex: _Exporter,
    kept: list[dict[str, Any]],
    assessments: tuple[Assessment, ...],
    relations: tuple[Relation, ...],
) -> list[dict[str, Any]]:
    """The assessments, relations and report object; return the kept objects left to write."""
    for assessment in assessments:
        _export_assessment(ex, assessment)
    unlinked = [i for i, r in enumerate(relations) if not _export_relation(ex, r)]
    _export_report(ex, kept, unlinked)
    # A kept object is written unless its id is taken otherwise than by an object added
    # (the ids of the objects every bundle gets, say): one added makes it a version of it.
    return [o for o in kept if o["id"] not in ex.used or o["id"] in ex.versioned]


def _export_report(ex: _Exporter, kept: list[dict[str, Any]], unlinked: list[int]) -> None:
    report = ex.report
    data = unstructure(report)
    for name in ("actors", "events", "claims", "assessments", "relations"):
        data.pop(name, None)
    for field in CARRIED["report"]:
        data.pop(field, None)  # always written as name and description
    if kept:
        data.pop(KEPT)  # written as objects of the bundle
    if unlinked:  # relations STIX cannot link (a source at one end), at their places
        data["relations"] = [unstructure(report.relations[i]) for i in unlinked]
    references = [reference(s) for s in report.sources]
    if report.url:
        references.insert(0, {"source_name": "report", "description": uri(report.url)})
    ext = {"collection": "report", "object": data, "unlinked_relations": unlinked or None}
    fields: dict[str, Any] = {
        "name": report.title,
        "description": report.summary,
        "published": ex.stamp,
        "report_types": ["threat-report"],
        "object_refs": ex.object_ids(),
        "external_references": references,
    }
    restore(fields, report.extensions)
    ex.add(
        "report",
        ex.head,
        of=report,
        ext={k: v for k, v in ext.items() if v is not None},
        **fields,
    )
    # The strictest marking wins for the report as a whole: it holds everything above.
    refs = ex.markings.refs(max(ex.levels) if ex.levels else None, report.marking)
    if refs and "object_marking_refs" not in fields:
        ex.objects[-1]["object_marking_refs"] = refs  # the report object just added


def _export_actor(ex: _Exporter, actor: Actor) -> None:
    kept = kept_id(actor)
    kind = kept.split("--")[0] if kept else None
    if kind not in ACTOR_TYPES:
        kind = "threat-actor" if actor.kind in _THREAT_ACTOR_TYPES else "identity"
    fields: dict[str, Any] = {"name": actor.name, "description": actor.description}
    if kind != "identity":
        fields["aliases"] = list(actor.aliases)
    if kind == "threat-actor":
        fields["threat_actor_types"] = [_THREAT_ACTOR_TYPES.get(actor.kind, "unknown")]
    elif kind == "identity":
        fields["identity_class"] = _IDENTITY_CLASS.get(actor.kind, "organization")
    ex.primary(kind, "actors", actor, **fields)


def _export_actor_links(ex: _Exporter, actor: Actor) -> None:
    me = ex.refs[actor.id]
    if actor.parent in ex.refs:
        ex.relate(me, "part-of", ex.refs[actor.parent], actor)
    for backer in actor.backers:
        if backer in ex.refs:
            ex.relate(me, "backed-by", ex.refs[backer], actor)
    if actor.country:
        location = ex.location(Place(country=actor.country), actor)
        if location:
            ex.relate(me, "located-at", location, actor)


def export_event(ex: _Exporter, event: Event) -> None:
    """An event as an incident, with its location and participants."""
    ident = ex.primary(
        "incident",
        "events",
        event,
        name=event.summary[:120],
        description=event.summary,
        external_references=ex.external(event.citations),
    )
    location = ex.location(event.where, event) if event.where is not None else None
    if location:
        ex.relate(ident, "located-at", location, event)
    for participant in event.participants:
        if participant.actor in ex.refs:
            role = participant.role.value
            ex.relate(ex.refs[participant.actor], "participated-in", ident, event, description=role)


def export_claim(ex: _Exporter, claim: Claim, ident: str) -> None:
    """A claim as a note (``ident``), and an opinion for its status."""
    about = [ex.refs[r] for r in claim.about if r in ex.refs]
    claimant = ex.actors.get(claim.claimant) if claim.claimant else None
    author = claimant.name if claimant is not None else None
    credibility = claim.credibility
    ex.primary(
        "note",
        "claims",
        claim,
        ident,
        content=claim.text,
        authors=[author] if author else list(ex.report.authors) or None,
        object_refs=about or [ex.head],
        confidence=CREDIBILITY_CONFIDENCE.get(credibility) if credibility else None,
        external_references=ex.external(claim.citations),
    )
    if claim.status in OPINIONS and ident not in ex.judged:
        ex.add(
            "opinion",
            ex.claim_id("opinion", None, claim.id),
            of=claim,
            ext={"derived": True},
            opinion=OPINIONS[claim.status],
            object_refs=[ident],
            explanation=f"Analyst's status of the claim: {claim.status.value}",
        )


def _export_assessment(ex: _Exporter, assessment: Assessment) -> None:
    basis = [ex.refs[r] for r in assessment.basis if r in ex.refs]
    confidence = assessment.confidence
    ex.primary(
        "note",
        "assessments",
        assessment,
        abstract="Assessment",
        content=assessment.text,
        authors=list(ex.report.authors) or None,
        object_refs=basis or [ex.head],
        confidence=CONFIDENCE.get(confidence) if confidence else None,
        external_references=ex.external(assessment.citations),
    )


def _export_relation(ex: _Exporter, relation: Relation) -> bool:
    """Write a relation as a relationship; ``False`` when STIX has no object for an end."""
    source = ex.refs.get(relation.subject)
    if relation.kind is RelationKind.LOCATED_AT and relation.where is not None:
        target = ex.location(relation.where, relation)
    else:
        target = ex.refs.get(relation.object or "")
    if source is None or target is None:
        return False  # an end STIX has no object for (a source, a bare place) or no such id
    kind = relation.kind.value.replace("_", "-")
    confidence = CONFIDENCE.get(relation.confidence) if relation.confidence else None
    ex.primary(
        "relationship",
        "relations",
        relation,
        relationship_type=relationship_type(source, kind, target),
        source_ref=source,
        target_ref=target,
        description=relation.description,
        confidence=confidence,
        external_references=ex.external(relation.citations),
    )
    return True
