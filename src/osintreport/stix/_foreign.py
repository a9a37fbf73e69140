"""Reading STIX objects that no osintreport export wrote (private; see :mod:`osintreport.stix`).

Each object the model can hold becomes a model object; every property the model has no
field for is kept in its ``extensions`` as ``x_stix_<property>``, and the STIX id as
``x_stix_id`` (``external_ids.stix`` for actors), so export writes the object back as it came.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, Protocol, TypeGuard

from .._checks import is_identifier, is_stix_id
from .._slugs import UniqueIds, slug
from ..errors import FieldValueError, Problem
from ..handling import Marking
from ..model import Actor, Assessment, Claim, Event, Source
from ..parts import Citation, ExternalIds, Place
from ..relation import ENDPOINTS, Relation
from ..vocab import ActorKind, ClaimStatus, Confidence, EventKind, Likelihood, RelationKind, Tlp
from ..when import When
from ._countries import country_code, needs_extra
from ._markings import TLP_MARKING_IDS
from ._properties import CREDIBILITY_CONFIDENCE, OPINIONS, stamp
from ._versions import looked_up, timestamp

__all__ = [
    "Foreign",
    "Judged",
    "Local",
    "Names",
    "clean_text",
    "confidence_level",
    "judged",
    "parse_when",
    "statuses",
    "timestamp",
]

_TA_KINDS = {"nation-state": ActorKind.ARMED_FORCE, "terrorist": ActorKind.TERRORIST_GROUP}
_ID_CLASS_KINDS = {
    "individual": ActorKind.PERSON,
    "organization": ActorKind.ORGANIZATION,
    "class": ActorKind.CIVILIANS,
}
_STATUS = {v: k for k, v in OPINIONS.items()} | {"strongly-agree": ClaimStatus.CORROBORATED}
_EXACT = {15: Confidence.LOW, 50: Confidence.MODERATE, 85: Confidence.HIGH}
_CREDIBILITY = {v: k for k, v in CREDIBILITY_CONFIDENCE.items()}


def confidence_level(value: object) -> Confidence | None:
    """The level a STIX confidence 1-100 falls in (STIX 2.1 Appendix A, Low/Med/High)."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= 100:
        return None
    return Confidence.LOW if value < 30 else Confidence.MODERATE if value < 70 else Confidence.HIGH


_TLP_V1 = {
    "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9": Tlp.CLEAR,
    "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da": Tlp.GREEN,
    "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82": Tlp.AMBER,
    "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed": Tlp.RED,
}
_TLP_IDS = _TLP_V1 | {v: k for k, v in TLP_MARKING_IDS.items()}
_ALWAYS = frozenset({"type", "id", "spec_version"})
_LEGACY = "x_osintreport_"  # the custom properties osintreport 0.1 wrote


def clean_text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _enum(kind: Any, value: object, default: Any) -> Any:
    try:
        return kind(value)
    except ValueError:
        return default


def parse_when(value: object) -> When | None:
    if not isinstance(value, str):
        return None
    try:
        return When.parse(value)
    except FieldValueError:
        return When.parse(value[:10]) if re.match(r"^\d{4}-\d{2}-\d{2}", value) else None


def _degrees(value: object, limit: float) -> TypeGuard[float]:
    """Whether ``value`` is a number (not a bool) no further than ``limit`` from zero."""
    return isinstance(value, int | float) and not isinstance(value, bool) and abs(value) <= limit


class Names(Protocol):
    """The model ids given out: a ``set``, or a digest table in a streaming reader."""

    def __contains__(self, key: object, /) -> bool: ...

    def add(self, key: str, /) -> object: ...


class Local(Protocol):
    """STIX ids to model ids: a ``dict``, or digests in a streaming reader."""

    def __contains__(self, key: object, /) -> bool: ...

    def __getitem__(self, key: str, /) -> str: ...

    def __setitem__(self, key: str, value: str, /) -> None: ...

    def get(self, key: str, /) -> str | None: ...


class Judged(Protocol):
    """The status each opinion gives the notes it judges, by note id."""

    def get(self, key: str, default: ClaimStatus, /) -> ClaimStatus: ...


class Foreign:
    """Turns foreign STIX objects into model objects, one bundle at a time."""

    def __init__(self, objects: list[tuple[str, Mapping[str, Any]]], ids: UniqueIds) -> None:
        self.by_id, self.paths = looked_up(objects)  # of versions of an id, the one found
        self.ids = ids
        self.local: Local = {}  # STIX id -> model id, natives included
        self.named: Names = set()  # the model ids of actors, events and notes, natives included
        self.sources: dict[str, Source] = {}
        self.problems: list[Problem] = []

    def bind(self, stix_id: str, model_id: str) -> None:
        """Record that the object with ``stix_id`` became the model object ``model_id``."""
        self.local[stix_id] = model_id
        self.named.add(model_id)

    # What the reader looks up by STIX id; a streaming reader keeps these otherwise.

    def lookup(self, stix_id: str) -> Mapping[str, Any]:
        """The object with this STIX id (see :func:`looked_up`), or an empty mapping."""
        return self.by_id.get(stix_id, {})

    def location(self, stix_id: str, where: str) -> tuple[Mapping[str, Any], str] | None:
        """The ``location`` with this id and its path; ``None`` when it is not one."""
        loc = self.by_id.get(stix_id)
        if loc is None or loc.get("type") != "location":
            return None
        return loc, self.paths.get(stix_id, where)

    def is_assessment(self, stix_id: str) -> bool:
        """Whether the note with this id is an assessment (``abstract`` ``"Assessment"``)."""
        return self.by_id.get(stix_id, {}).get("abstract") == "Assessment"

    def source_id(self, url: str) -> str | None:
        """The id of the source made for ``url``, if one was."""
        source = self.sources.get(url)
        return None if source is None else source.id

    def keep_source(self, url: str, source: Source) -> None:
        """Remember the source made for ``url`` (a streaming reader writes it out)."""
        self.sources[url] = source

    def name(self, obj: Mapping[str, Any], fallback: str) -> str:
        wanted = obj.get(f"{_LEGACY}id")
        if is_identifier(wanted) and self.ids.claim(wanted):
            return wanted
        return self.ids.make(slug(fallback, fallback="object"))

    def common(self, obj: Mapping[str, Any], mapped: set[str]) -> dict[str, Any]:
        """The fields every model object takes: timestamps, marking, leftovers."""
        fields: dict[str, Any] = {}
        kept = {k: v for k, v in obj.items() if k not in mapped and k not in _ALWAYS}
        for name in ("created", "modified"):
            value = timestamp(obj.get(name))
            if value is not None:
                fields[name] = value
                if stamp(value) == obj[name]:
                    kept.pop(name)  # written back as it came
        marking = self.marking(obj.get("object_marking_refs"))
        if marking is not None:
            fields["marking"] = marking
        extensions = {f"x_stix_{k}": v for k, v in kept.items()}
        fields["extensions"] = {"x_stix_id": obj["id"], **extensions}
        return fields

    def marking(self, refs: object) -> Marking | None:
        if not isinstance(refs, list):
            return None
        levels = [_TLP_IDS[r] for r in refs if r in _TLP_IDS]
        caveats: list[str] = []
        for ref in refs:
            definition = self.lookup(ref) if isinstance(ref, str) else {}
            body = definition.get("definition")
            if definition.get("definition_type") == "statement" and isinstance(body, Mapping):
                caveats.extend(s for s in [clean_text(body.get("statement"))] if s)
        if not levels and not caveats:
            return None
        return Marking(tlp=max(levels) if levels else None, caveats=tuple(caveats))

    def citations(self, obj: Mapping[str, Any], where: str) -> tuple[Citation, ...]:
        out = []
        for ref in obj.get("external_references") or []:
            url = ref.get("url") if isinstance(ref, Mapping) else None
            if not isinstance(url, str):
                continue
            made = self.source_id(url)
            if made is None:
                name = clean_text(ref.get("source_name")) or "source"
                hashes = ref.get("hashes")
                digest = hashes.get("SHA-256") if isinstance(hashes, Mapping) else None
                try:
                    source = Source(
                        id=self.ids.make(slug(f"src-{name}", fallback="object")),
                        url=url,
                        publisher=name,
                        title=clean_text(ref.get("description")),
                        sha256=digest.lower() if isinstance(digest, str) else None,
                    )
                except ValueError as error:
                    message = f"external reference {name!r} not kept as a source: {error}"
                    self.problems.append(Problem(message=message, path=where))
                    continue
                self.keep_source(url, source)
                made = source.id
            out.append(Citation(source=made))
        return tuple(dict.fromkeys(out))

    def actor(self, obj: Mapping[str, Any]) -> Actor:
        kind = _enum(ActorKind, obj.get(f"{_LEGACY}kind"), None)
        if kind is None and obj["type"] == "threat-actor":
            types = obj.get("threat_actor_types") or obj.get("labels") or []
            kind = next((_TA_KINDS[t] for t in types if t in _TA_KINDS), ActorKind.OTHER)
        elif kind is None and obj["type"] == "identity":
            kind = _ID_CLASS_KINDS.get(str(obj.get("identity_class")), ActorKind.ORGANIZATION)
        mapped = {f"{_LEGACY}id", f"{_LEGACY}kind", "name", "description"}
        aliases = obj.get("aliases")
        if isinstance(aliases, list) and all(clean_text(a) for a in aliases):
            mapped.add("aliases")
        name = clean_text(obj.get("name"))
        if name and name == obj.get("name"):
            mapped.add("name")
        fields = self.common(obj, mapped)
        self.citations(obj, "$.objects")  # an actor cites nothing, but its references are sources
        ident = obj["id"]
        if is_stix_id(ident):
            fields["extensions"].pop("x_stix_id")  # kept as external_ids.stix
        return Actor(
            id=self.local[ident],
            name=name or ident,
            kind=kind or ActorKind.OTHER,
            aliases=tuple(aliases) if isinstance(aliases, list) and "aliases" in mapped else (),
            description=clean_text(obj.get("description")),
            external_ids=ExternalIds(stix=ident) if is_stix_id(ident) else None,
            **fields,
        )

    def event(self, obj: Mapping[str, Any], where: str) -> Event:
        summary = clean_text(obj.get("description")) or clean_text(obj.get("name")) or obj["id"]
        mapped = {"description", f"{_LEGACY}id", f"{_LEGACY}kind", f"{_LEGACY}when"}
        if obj.get("name") == summary[:120]:
            mapped.add("name")
        return Event(
            id=self.local[obj["id"]],
            kind=_enum(EventKind, obj.get(f"{_LEGACY}kind"), EventKind.OTHER),
            summary=summary,
            when=parse_when(obj.get(f"{_LEGACY}when")),
            citations=self.citations(obj, where),
            **self.common(obj, mapped),
        )

    def note(self, obj: Mapping[str, Any], where: str, statuses: Judged) -> Claim | Assessment:
        about = tuple(
            dict.fromkeys(self.local[r] for r in obj.get("object_refs") or [] if r in self.local)
        )
        legacy = {f"{_LEGACY}{k}" for k in ("id", "status", "claimant", "stated")}
        common = self.common(obj, {"content", *legacy, f"{_LEGACY}likelihood"})
        confidence = obj.get("confidence")
        if obj.get("abstract") == "Assessment":
            return Assessment(
                confidence=confidence_level(confidence),
                id=self.local[obj["id"]],
                text=obj["content"],
                basis=about,
                likelihood=_enum(Likelihood, obj.get(f"{_LEGACY}likelihood"), None),
                horizon=parse_when(obj.get(f"{_LEGACY}horizon")),
                citations=self.citations(obj, where),
                **common,
            )
        claimant = obj.get(f"{_LEGACY}claimant")
        return Claim(
            credibility=_CREDIBILITY.get(confidence) if isinstance(confidence, int) else None,
            id=self.local[obj["id"]],
            text=obj["content"],
            about=about,
            claimant=claimant if claimant in self.named else None,
            stated=parse_when(obj.get(f"{_LEGACY}stated")),
            status=_enum(
                ClaimStatus,
                obj.get(f"{_LEGACY}status"),
                statuses.get(obj["id"], ClaimStatus.REPORTED),
            ),
            citations=self.citations(obj, where),
            **common,
        )

    def place(self, loc: Mapping[str, Any], where: str) -> Place | None:
        """A place from a ``location``; ``None`` when it names nothing the model holds."""
        text = clean_text(loc.get("country"))
        code = country_code(text) if text else None
        mapped = {"name", "administrative_area"}
        fields: dict[str, Any] = {
            "name": clean_text(loc.get("name")),
            "admin1": clean_text(loc.get("administrative_area")),
            "country": code,
        }
        if code is not None and code == text:
            mapped.add("country")
        elif text:
            fields["extensions"] = {"x_stix_country": text}
            if code is None:
                message = f"country {text!r} is not an ISO 3166-1 code or a name we know"
                if needs_extra():
                    message += " (names need pycountry: pip install 'osintreport[countries]')"
                self.problems.append(Problem(message=message, path=f"{where}.country"))
        lat, lon = loc.get("latitude"), loc.get("longitude")
        if _degrees(lat, 90) and _degrees(lon, 180):
            fields.update(lat=lat, lon=lon)
            mapped |= {"latitude", "longitude"}
            precision = loc.get("precision")
            if _degrees(precision, float("inf")) and precision >= 0:
                fields["uncertainty_m"] = precision
                mapped.add("precision")
        kept = {f"x_stix_{k}": v for k, v in loc.items() if k not in mapped and k not in _ALWAYS}
        kept.pop("x_stix_country", None)
        extensions = {"x_stix_id": loc["id"], **kept, **fields.pop("extensions", {})}
        if not any(fields.values()):
            return None
        return Place(**{k: v for k, v in fields.items() if v is not None}, extensions=extensions)

    def relation(self, obj: Mapping[str, Any], where: str) -> Relation | None:
        """A relation from a relationship; ``None`` when the model has no such link."""
        kind = _enum(RelationKind, str(obj.get("relationship_type")).replace("-", "_"), None)
        source, target = obj.get("source_ref"), obj.get("target_ref")
        subject = self.local.get(source) if isinstance(source, str) else None
        if kind is None or subject is None or not isinstance(target, str):
            return None
        if not isinstance(source, str):
            return None
        ends = ENDPOINTS[kind]
        if self.collection(source) not in ends[0]:
            return None
        place = None
        if kind is RelationKind.LOCATED_AT:
            found = self.location(target, where)
            if found is None:
                return None
            place = self.place(*found)
            if place is None:
                return None
        elif target not in self.local or self.collection(target) not in ends[1]:
            return None
        mapped = {"relationship_type", "source_ref", "target_ref", "description"}
        confidence: Any = obj.get("confidence")
        if confidence in _EXACT and not isinstance(confidence, bool):
            mapped.add("confidence")  # written back as it came
        return Relation(
            id=self.ids.make(slug(f"rel-{kind.value}", fallback="rel")),
            kind=kind,
            subject=subject,
            object=self.local[target] if place is None else None,
            where=place,
            confidence=confidence_level(confidence),
            description=clean_text(obj.get("description")),
            citations=self.citations(obj, where),
            **self.common(obj, mapped),
        )

    def collection(self, stix_id: str) -> str:
        kind = stix_id.split("--")[0]
        if kind == "incident":
            return "events"
        if kind == "note":
            return "assessments" if self.is_assessment(stix_id) else "claims"
        return "actors"


def judged(obj: Mapping[str, Any]) -> Iterator[tuple[str, ClaimStatus]]:
    """The notes an ``opinion`` judges, each with the status it gives (none for others)."""
    if obj.get("type") != "opinion" or obj.get("opinion") not in _STATUS:
        return
    status = _STATUS[obj["opinion"]]
    for ref in obj.get("object_refs") or []:
        if isinstance(ref, str):
            yield ref, status


def statuses(objects: list[Mapping[str, Any]]) -> dict[str, ClaimStatus]:
    """The status each opinion gives the notes it judges (the last opinion on a note wins)."""
    return {ref: status for obj in objects for ref, status in judged(obj)}
