"""STIX 2.0/2.1 import (private; see :mod:`osintreport.stix`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs

from .._checks import is_identifier
from .._slugs import UniqueIds, slug
from ..errors import LoadError, Problem
from ..model import Actor, Assessment, Claim, Event, Report
from ..relation import Relation
from ..serialization import structure
from ._extension import ACTOR_TYPES, CARRIED, EXTENSION_ID, IDENTITY_ID, extension_of
from ._foreign import Foreign, clean_text, parse_when, statuses
from ._markings import TLP_MARKING_IDS
from ._properties import KEPT

__all__ = ["StixRead", "from_stix", "read_stix"]

_CLASSES: dict[str, type[Any]] = {
    "actors": Actor,
    "events": Event,
    "claims": Claim,
    "assessments": Assessment,
    "relations": Relation,
}

_TLP_DEFINITIONS = frozenset(TLP_MARKING_IDS.values())


@attrs.frozen(kw_only=True)
class StixRead:
    """The result of :func:`~osintreport.stix.read_stix`.

    Attributes:
        report: The report: every object the model can hold, the rest kept in its
            ``x_stix_objects``.
        problems: What could not be read as it was (an object without an id, a country
            name not mapped, a URL the model refuses), each with its path in the bundle.
    """

    report: Report
    problems: tuple[Problem, ...]


def _native(obj: Mapping[str, Any], ext: Mapping[str, Any], collection: str) -> dict[str, Any]:
    """The model object's data: the extension's ``object`` plus the text STIX holds."""
    data = {field: obj[prop] for field, prop in CARRIED[collection].items() if prop in obj}
    body = ext.get("object")
    return data | (dict(body) if isinstance(body, Mapping) else {})


def read_stix(bundle: Mapping[str, Any] | str) -> StixRead:
    """Read a STIX 2.0 or 2.1 bundle (a dict or JSON text) into a report, with its problems.

    Objects written by :func:`~osintreport.stix.to_stix` come back exactly, from the
    osintreport extension they carry. Any other object the model can hold becomes an actor
    (identities, threat actors, intrusion sets, campaigns), an event (incidents), a claim or
    an assessment (notes), or a relation (relationships of a kind :class:`Relation` has,
    between objects it can link); its STIX id and every property the model has no field
    for are kept in its ``x_stix_*`` keys. Every other object is kept, as it is, in the
    report's ``x_stix_objects``, so :func:`~osintreport.stix.to_stix` writes it back.

    Raises:
        ValueError: ``bundle`` is not a STIX bundle (no ``objects`` list).
    """
    data = json.loads(bundle) if isinstance(bundle, str) else bundle
    listed = data.get("objects") if isinstance(data, Mapping) else None
    if not isinstance(listed, list):
        raise ValueError("not a STIX bundle: expected a JSON object with an 'objects' list")
    problems: list[Problem] = []
    objects: list[tuple[str, Mapping[str, Any]]] = []
    for index, obj in enumerate(listed):
        where = f"$.objects[{index}]"
        if isinstance(obj, Mapping) and isinstance(obj.get("id"), str) and obj.get("type"):
            objects.append((where, obj))
        else:
            problems.append(
                Problem(message="not a STIX object (no type or id): left out", path=where)
            )
    reader = _Reader(objects, problems)
    report = reader.report(data)
    return StixRead(report=report, problems=tuple(problems + reader.foreign.problems))


def from_stix(bundle: Mapping[str, Any] | str) -> Report:
    """Read a STIX 2.0 or 2.1 bundle into a report.

    See :func:`read_stix`, which also returns what could not be read as it was.

    Raises:
        ValueError: ``bundle`` is not a STIX bundle (no ``objects`` list).
    """
    return read_stix(bundle).report


class _Reader:
    def __init__(
        self, objects: list[tuple[str, Mapping[str, Any]]], problems: list[Problem]
    ) -> None:
        self.objects = objects
        self.problems = problems
        self.ids = UniqueIds()
        self.foreign = Foreign(objects, self.ids)
        self.native: dict[str, list[Any]] = {name: [] for name in (*_CLASSES, "report")}
        self.unlinked: list[int] = []
        self.kept: list[Mapping[str, Any]] = []

    def take_native(self) -> list[tuple[str, Mapping[str, Any]]]:
        """Build the objects an osintreport export wrote; return the others."""
        rest = []
        for where, obj in self.objects:
            ext = extension_of(obj)
            collection = ext.get("collection") if ext else None
            if ext is not None and ext.get("derived") is True:
                continue  # made from another object's field, which comes back with it
            if obj["id"] in (IDENTITY_ID, EXTENSION_ID) or obj["id"] in _TLP_DEFINITIONS:
                continue  # written into every bundle that needs them
            if ext is None or (collection not in _CLASSES and collection != "report"):
                rest.append((where, obj))
                continue
            assert ext is not None
            try:
                if collection == "report":
                    self.native["report"].append((obj, ext))
                    continue
                made = structure(_native(obj, ext, collection), _CLASSES[collection])
            except LoadError as error:
                for problem in error.problems:
                    message = f"osintreport extension: {problem.path}: {problem.message}"
                    self.problems.append(Problem(message=message, path=where))
                rest.append((where, obj))
                continue
            self.ids.claim(made.id)
            self.foreign.local[obj["id"]] = made.id
            self.native[collection].append(made)
        return rest

    def report(self, bundle: Mapping[str, Any]) -> Report:
        rest = self.take_native()
        head: Mapping[str, Any] = {}
        report: Report | None = None
        relations: object = None
        if self.native["report"]:
            head, ext = self.native["report"][0]
            data = _native(head, ext, "report")
            relations = data.pop("relations", None)
            positions = ext.get("unlinked_relations")
            self.unlinked = [p for p in positions if isinstance(p, int)] if positions else []
            try:
                report = structure(data)
            except LoadError as error:
                for problem in error.problems:
                    message = f"osintreport extension: {problem.path}: {problem.message}"
                    self.problems.append(Problem(message=message, path="$.objects"))
        foreign = self.read_foreign(rest, head)
        if report is None:
            report = self.foreign_report(bundle, foreign["head"])
        extensions = dict(report.extensions)
        if self.kept:
            extensions[KEPT] = [dict(o) for o in self.kept]
        return attrs.evolve(
            report,
            actors=tuple(self.native["actors"]) + foreign["actors"],
            events=tuple(self.native["events"]) + foreign["events"],
            claims=tuple(self.native["claims"]) + foreign["claims"],
            assessments=tuple(self.native["assessments"]) + foreign["assessments"],
            relations=self.merge_relations(relations) + foreign["relations"],
            sources=report.sources + tuple(self.foreign.sources.values()),
            extensions=extensions,
        )

    def merge_relations(self, unlinked: object) -> tuple[Relation, ...]:
        """Relations from relationships, with those STIX could not link back at their places."""
        linked = list(self.native["relations"])
        if not isinstance(unlinked, list) or len(unlinked) != len(self.unlinked):
            return tuple(linked)
        out: list[Relation] = []
        waiting = dict(zip(self.unlinked, unlinked, strict=True))
        total = len(linked) + len(waiting)
        for position in range(total):
            if position in waiting:
                try:
                    out.append(structure(waiting[position], Relation))
                except LoadError as error:
                    message = f"osintreport extension: relation at {position}: {error}"
                    self.problems.append(Problem(message=message, path="$.objects"))
            elif linked:
                out.append(linked.pop(0))
        return tuple(out + linked)

    def read_foreign(
        self, rest: list[tuple[str, Mapping[str, Any]]], head: Mapping[str, Any]
    ) -> dict[str, Any]:
        fr = self.foreign
        reports = [o for _, o in rest if o.get("type") == "report"]
        foreign_head = reports[0] if reports and not head else None
        publisher = foreign_head.get("created_by_ref") if foreign_head else None
        actors = [(w, o) for w, o in rest if o.get("type") in ACTOR_TYPES and o["id"] != publisher]
        incidents = [(w, o) for w, o in rest if o.get("type") == "incident"]
        notes = [
            (w, o)
            for w, o in rest
            if o.get("type") == "note"
            and isinstance(o.get("content"), str)
            and o["content"].strip()
        ]
        for _, obj in actors:
            fr.local[obj["id"]] = fr.name(obj, str(obj.get("name") or obj["type"]))
        for _, obj in incidents:
            fr.local[obj["id"]] = fr.name(obj, str(obj.get("name") or "event"))
        for _, obj in notes:
            fr.local[obj["id"]] = fr.name(obj, f"note-{obj['id'][-12:]}")
        fr.named = set(fr.local.values())
        judged = statuses([o for _, o in rest])
        made: dict[str, Any] = {
            "head": foreign_head,
            "actors": tuple(fr.actor(o) for _, o in actors),
            "events": tuple(fr.event(o, w) for w, o in incidents),
        }
        written = [fr.note(o, w, judged) for w, o in notes]
        made["claims"] = tuple(n for n in written if isinstance(n, Claim))
        made["assessments"] = tuple(n for n in written if isinstance(n, Assessment))
        taken = {o["id"] for _, o in (*actors, *incidents, *notes)}
        relations = []
        for where, obj in rest:
            if obj.get("type") == "relationship":
                relation = fr.relation(obj, where)
                if relation is not None:
                    relations.append(relation)
                    taken.add(obj["id"])
                    if relation.where is not None:
                        taken.add(obj["target_ref"])  # the location: the place holds it
        made["relations"] = tuple(relations)
        if foreign_head is not None:
            taken.add(foreign_head["id"])
        self.kept = [o for _, o in rest if o["id"] not in taken]
        return made

    def foreign_report(self, bundle: Mapping[str, Any], head: Mapping[str, Any] | None) -> Report:
        """The report's own fields from a foreign ``report`` object (or from the bundle)."""
        fr = self.foreign
        head = head or {}
        publisher_id = head.get("created_by_ref")
        publisher = fr.by_id.get(publisher_id, {}) if isinstance(publisher_id, str) else {}
        wanted, name = head.get("x_osintreport_id"), clean_text(head.get("name"))
        if not (is_identifier(wanted) and self.ids.claim(wanted)):
            wanted = self.ids.make(slug(name or str(bundle.get("id")), fallback="stix-bundle"))
        fields: dict[str, Any] = {"extensions": {}}
        if head:
            fields = fr.common(head, {"name", "description", "x_osintreport_id"})
            fr.citations(head, "$.objects")  # the report's own references become sources too
        fields["extensions"] = {"x_stix_bundle": str(bundle.get("id")), **fields["extensions"]}
        return Report(
            id=wanted,
            title=name or f"STIX bundle {bundle.get('id')}",
            summary=clean_text(head.get("description")),
            publisher=clean_text(publisher.get("name")),
            published=parse_when(head.get("published")),
            **fields,
        )
