"""STIX 2.0/2.1 import (private; see :mod:`osintreport.stix`)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from .._checks import is_identifier, is_stix_id
from .._iso3166 import KNOWN as _COUNTRIES
from .._slugs import UniqueIds, slug
from ..errors import FieldValueError
from ..model import Actor, Assessment, Claim, Event, Report, Source
from ..parts import Citation, ExternalIds, Participant, Place
from ..vocab import ActorKind, ClaimStatus, EventKind, Likelihood, Role
from ..when import When
from ._export import OPINIONS

__all__ = ["from_stix"]

_ACTOR_TYPES = {"identity", "threat-actor", "intrusion-set", "campaign"}
_KNOWN_TYPES = {*_ACTOR_TYPES, "relationship", "location", "note", "opinion", "report", "incident"}
_TA_KINDS = {"nation-state": ActorKind.ARMED_FORCE, "terrorist": ActorKind.TERRORIST_GROUP}
_ID_CLASS_KINDS = {
    "individual": ActorKind.PERSON,
    "organization": ActorKind.ORGANIZATION,
    "class": ActorKind.CIVILIANS,
}
_STATUS = {v: k for k, v in OPINIONS.items()} | {"strongly-agree": ClaimStatus.CORROBORATED}


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _enum(kind: Any, value: object, default: Any) -> Any:
    try:
        return kind(value)
    except ValueError:
        return default


def _when(value: object) -> When | None:
    if not isinstance(value, str):
        return None
    try:
        return When.parse(value)
    except FieldValueError:
        return When.parse(value[:10]) if re.match(r"^\d{4}-\d{2}-\d{2}", value) else None


class _Reader:
    def __init__(self, objects: list[Mapping[str, Any]]) -> None:
        self.objects = objects
        self.by_id = {o["id"]: o for o in objects}
        self.rels = [o for o in objects if o.get("type") == "relationship"]
        self.ids = UniqueIds()
        self.local: dict[str, str] = {}
        self.sources: dict[str, Source] = {}

    def name(self, obj: Mapping[str, Any], fallback: str) -> str:
        wanted = obj.get("x_osintreport_id")
        if is_identifier(wanted) and self.ids.claim(wanted):
            return wanted
        return self.ids.make(slug(fallback, fallback="object"))

    def related(self, source: str, *kinds: str) -> list[Mapping[str, Any]]:
        return [
            r
            for r in self.rels
            if r.get("source_ref") == source and r.get("relationship_type") in kinds
        ]

    def citations(self, obj: Mapping[str, Any]) -> tuple[Citation, ...]:
        out = []
        for ref in obj.get("external_references") or []:
            url = ref.get("url") if isinstance(ref, Mapping) else None
            if not isinstance(url, str):
                continue
            if url not in self.sources:
                name = _text(ref.get("source_name")) or "source"
                try:
                    self.sources[url] = Source(
                        id=self.ids.make(slug(f"src-{name}", fallback="object")),
                        url=url,
                        publisher=name,
                        title=_text(ref.get("description")),
                    )
                except ValueError:
                    continue  # not a URL our model accepts; the loss is documented
            out.append(Citation(source=self.sources[url].id))
        return tuple(out)

    def place(self, ref: str) -> tuple[str | None, dict[str, Any]]:
        """Return (ISO country or None, Place fields) of a location object."""
        loc = self.by_id.get(ref, {})
        country = _text(loc.get("country"))
        code = country.upper() if country and country.upper() in _COUNTRIES else None
        fields: dict[str, Any] = {
            "name": _text(loc.get("name")),
            "country": code,
            "admin1": _text(loc.get("administrative_area")),
        }
        lat, lon = loc.get("latitude"), loc.get("longitude")
        if (
            isinstance(lat, int | float)
            and isinstance(lon, int | float)
            and abs(lat) <= 90
            and abs(lon) <= 180
        ):
            fields.update(lat=lat, lon=lon)
        extra = {"x_stix_country": country} if country and not code else {}
        return code, fields | ({"extensions": extra} if extra else {})


def _actor(reader: _Reader, obj: Mapping[str, Any]) -> Actor:
    me = obj["id"]
    kind = _enum(ActorKind, obj.get("x_osintreport_kind"), None)
    if kind is None and obj["type"] == "threat-actor":
        types = obj.get("threat_actor_types") or obj.get("labels") or []
        kind = next((_TA_KINDS[t] for t in types if t in _TA_KINDS), ActorKind.OTHER)
    elif kind is None and obj["type"] == "identity":
        kind = _ID_CLASS_KINDS.get(str(obj.get("identity_class")), ActorKind.ORGANIZATION)
    parents = [
        r["target_ref"]
        for r in reader.related(me, "part-of")
        if r.get("target_ref") in reader.local
    ]
    backers = [
        r["target_ref"]
        for r in reader.related(me, "backed-by", "attributed-to")
        if r.get("target_ref") in reader.local and r.get("target_ref") != me
    ]
    country = None
    extensions: dict[str, Any] = {}
    for rel in reader.related(me, "located-at"):
        code, fields = reader.place(str(rel.get("target_ref")))
        country = country or code
        extensions |= fields.get("extensions", {})
    aliases = [a for a in obj.get("aliases") or obj.get("x_osintreport_aliases") or [] if _text(a)]
    return Actor(
        id=reader.local[me],
        name=_text(obj.get("name")) or me,
        kind=kind or ActorKind.OTHER,
        aliases=tuple(aliases),
        country=country,
        parent=reader.local[parents[0]] if parents and parents[0] != me else None,
        backers=tuple(dict.fromkeys(reader.local[b] for b in backers)),
        description=_text(obj.get("description")),
        external_ids=ExternalIds(stix=me) if is_stix_id(me) else None,
        extensions=extensions,
    )


def _event(reader: _Reader, obj: Mapping[str, Any]) -> Event:
    where = None
    for rel in reader.related(obj["id"], "located-at"):
        _, fields = reader.place(str(rel.get("target_ref")))
        fields.pop("extensions", None)
        where = Place(**fields)
    participants = tuple(
        Participant(
            actor=reader.local[r["source_ref"]],
            role=_enum(Role, r.get("description"), Role.PARTICIPANT),
        )
        for r in reader.rels
        if r.get("target_ref") == obj["id"]
        and r.get("relationship_type") == "participated-in"
        and r.get("source_ref") in reader.local
    )
    return Event(
        id=reader.local[obj["id"]],
        kind=_enum(EventKind, obj.get("x_osintreport_kind"), EventKind.OTHER),
        summary=_text(obj.get("description")) or _text(obj.get("name")) or obj["id"],
        when=_when(obj.get("x_osintreport_when")),
        where=where,
        participants=participants,
        citations=reader.citations(obj),
    )


def from_stix(bundle: Mapping[str, Any] | str) -> Report:
    """Read a STIX 2.0 or 2.1 bundle (a dict or JSON text) into a report.

    Never fails on unknown object types, old ``spec_version`` values or free-text country
    names: what does not map is skipped and counted (``x_stix_skipped``) or kept in ``x_``
    keys. The loss is listed in ``docs/interop.md``.

    Raises:
        ValueError: ``bundle`` is not a STIX bundle (no ``objects`` list).
    """
    data = json.loads(bundle) if isinstance(bundle, str) else bundle
    objects = data.get("objects") if isinstance(data, Mapping) else None
    if not isinstance(objects, list):
        raise ValueError("not a STIX bundle: expected a JSON object with an 'objects' list")
    reader = _Reader(
        [o for o in objects if isinstance(o, Mapping) and isinstance(o.get("id"), str)]
    )
    reports = [o for o in reader.objects if o.get("type") == "report"]
    head: Mapping[str, Any] = reports[0] if reports else {}
    publisher_id = head.get("created_by_ref")
    publisher = reader.by_id.get(publisher_id, {}) if isinstance(publisher_id, str) else {}
    actor_objs = [o for o in reader.objects if o.get("type") in _ACTOR_TYPES and o is not publisher]
    for obj in actor_objs:
        reader.local[obj["id"]] = reader.name(obj, str(obj.get("name") or obj["type"]))
    incidents = [o for o in reader.objects if o.get("type") == "incident"]
    for obj in incidents:
        reader.local[obj["id"]] = reader.name(obj, str(obj.get("name") or "event"))
    notes = [o for o in reader.objects if o.get("type") == "note" and _text(o.get("content"))]
    for obj in notes:
        reader.local[obj["id"]] = reader.name(obj, f"note-{obj['id'][-12:]}")
    statuses = {
        ref: _STATUS[o["opinion"]]
        for o in reader.objects
        if o.get("type") == "opinion" and o.get("opinion") in _STATUS
        for ref in o.get("object_refs") or []
    }
    claims: list[Claim] = []
    assessments: list[Assessment] = []
    for obj in notes:
        refs = tuple(
            dict.fromkeys(
                reader.local[r] for r in obj.get("object_refs") or [] if r in reader.local
            )
        )
        if obj.get("abstract") == "Assessment":
            assessments.append(
                Assessment(
                    id=reader.local[obj["id"]],
                    text=obj["content"],
                    basis=refs,
                    likelihood=_enum(Likelihood, obj.get("x_osintreport_likelihood"), None),
                    horizon=_when(obj.get("x_osintreport_horizon")),
                    citations=reader.citations(obj),
                )
            )
            continue
        claimant = obj.get("x_osintreport_claimant")
        claims.append(
            Claim(
                id=reader.local[obj["id"]],
                text=obj["content"],
                about=refs,
                claimant=claimant if claimant in reader.local.values() else None,
                stated=_when(obj.get("x_osintreport_stated")),
                status=_enum(
                    ClaimStatus,
                    obj.get("x_osintreport_status"),
                    statuses.get(obj["id"], ClaimStatus.REPORTED),
                ),
                citations=reader.citations(obj),
            )
        )
    actors = [_actor(reader, o) for o in actor_objs]
    events = [_event(reader, o) for o in incidents]
    if head:
        reader.citations(head)  # the report's own references become sources too
    skipped = Counter(
        str(o.get("type")) for o in reader.objects if o.get("type") not in _KNOWN_TYPES
    )
    extensions: dict[str, Any] = {"x_stix_bundle": str(data.get("id"))}
    if skipped:
        extensions["x_stix_skipped"] = dict(sorted(skipped.items()))
    wanted_id = head.get("x_osintreport_id")
    authors = head.get("x_osintreport_authors")
    return Report(
        id=wanted_id
        if is_identifier(wanted_id)
        else slug(str(head.get("name") or data.get("id") or "stix-bundle"), fallback="object"),
        title=_text(head.get("name")) or f"STIX bundle {data.get('id')}",
        authors=tuple(a for a in authors if _text(a)) if isinstance(authors, list) else (),
        publisher=_text(publisher.get("name")),
        summary=_text(head.get("description")),
        published=_when(head.get("published")),
        period=_when(head.get("x_osintreport_period")),
        actors=tuple(actors),
        events=tuple(events),
        claims=tuple(claims),
        assessments=tuple(assessments),
        sources=tuple(reader.sources.values()),
        extensions=extensions,
    )
