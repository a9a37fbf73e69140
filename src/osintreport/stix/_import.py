"""STIX 2.0/2.1 import (private; see :mod:`osintreport.stix`)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from .._checks import is_identifier
from .._json_items import NeedsGeneralPathError
from .._slugs import UniqueIds, slug
from ..errors import LoadError, Problem
from ..model import Actor, Assessment, Claim, Event, Report
from ..relation import Relation
from ..serialization import structure
from ._extension import ACTOR_TYPES, CARRIED, EXTENSION_ID, IDENTITY_ID, extension_of
from ._foreign import Foreign, Local, clean_text, parse_when, statuses
from ._markings import TLP_MARKING_IDS
from ._properties import KEPT
from ._versions import VERSIONED, older_natives, older_rows

__all__ = ["StixRead", "from_stix", "read_stix"]

_CLASSES: dict[str, type[Any]] = {
    "actors": Actor,
    "events": Event,
    "claims": Claim,
    "assessments": Assessment,
    "relations": Relation,
}

_KINDS = {cls: name for name, cls in _CLASSES.items()}
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
    foreign_problems: list[Problem] = []
    report = _read(objects, problems, data, foreign_problems)
    return StixRead(report=report, problems=tuple(problems + foreign_problems))


def from_stix(bundle: Mapping[str, Any] | str) -> Report:
    """Read a STIX 2.0 or 2.1 bundle into a report.

    See :func:`read_stix`, which also returns what could not be read as it was.

    Raises:
        ValueError: ``bundle`` is not a STIX bundle (no ``objects`` list).
    """
    return read_stix(bundle).report


SKIP, REST, HEAD = "skip", "rest", "report"
"""What :meth:`_Reader.sort_native` says of an object that is not a model object."""


def native_kind(obj: Mapping[str, Any], ext: Mapping[str, Any] | None) -> str:
    """What an object with the osintreport extension ``ext`` (or none) is to the reader.

    SKIP: made from another object, or written into every bundle. REST: a foreign object.
    HEAD: the report an export wrote. Otherwise the collection of the model object it is.
    """
    if ext is not None and ext.get("derived") is True:
        return SKIP  # made from another object's field, which comes back with it
    if obj["id"] in (IDENTITY_ID, EXTENSION_ID) or obj["id"] in _TLP_DEFINITIONS:
        return SKIP  # written into every bundle that needs them
    collection = ext.get("collection") if ext else None
    if collection == "report":
        return HEAD
    return collection if collection in _CLASSES else REST


def builds(obj: Mapping[str, Any]) -> bool:
    """Whether ``obj`` is a model object an osintreport export wrote (not the report)."""
    return native_kind(obj, extension_of(obj)) in _CLASSES


def foreign_sort(obj: Mapping[str, Any]) -> str:
    """Which list a foreign object joins.

    One of ``actors``, ``events``, ``notes``, ``relationship``, ``report`` or ``other``;
    the publisher, of an actor type, is taken out of the actors later.
    """
    kind = obj.get("type")
    if kind in ACTOR_TYPES:
        return "actors"
    if kind == "incident":
        return "events"
    if kind == "note":
        return (
            "notes" if isinstance(obj.get("content"), str) and obj["content"].strip() else "other"
        )
    return kind if kind in ("relationship", "report") else "other"


class _Reader:
    """The reading of one bundle: natives first, then the foreign objects, then the head.

    The whole reader (:func:`read_stix`) and the streaming one
    (:func:`osintreport.stix.convert_stix`) share these steps; they differ in where the
    objects and what is known of them are kept.
    """

    def __init__(self, foreign: Foreign, problems: list[Problem]) -> None:
        self.foreign = foreign
        self.ids = foreign.ids
        self.problems = problems
        self.head: tuple[Mapping[str, Any], Mapping[str, Any]] | None = None
        self.unlinked: list[int] = []
        # A streaming reader cannot take back a model object it gave: a second one of a
        # model id (two exports put together) sends the bundle to the whole reader.
        self.whole_on_repeat = False
        self.older: set[int] = set()  # natives (by id()) that are older versions of others

    def sort_native(self, where: str, obj: Mapping[str, Any]) -> Any:
        """The model object an osintreport export wrote as ``obj``, built, or what else it is.

        SKIP: made from another object, or written into every bundle. HEAD: the report.
        REST: a foreign object (or a native one that does not build: a problem says why).
        """
        ext = extension_of(obj)
        collection = native_kind(obj, ext)
        if collection in (SKIP, REST):
            return collection
        if id(obj) in self.older:
            return REST  # an older version of another native: kept as it is
        assert ext is not None  # a model object or the report: an export wrote it
        if collection == HEAD:
            if self.head is None:
                self.head = (obj, ext)
            return HEAD
        try:
            made = structure(_native(obj, ext, collection), _CLASSES[collection])
        except LoadError as error:
            for problem in error.problems:
                message = f"osintreport extension: {problem.path}: {problem.message}"
                self.problems.append(Problem(message=message, path=where))
            return REST
        if not self.ids.claim(made.id) and self.whole_on_repeat:
            raise NeedsGeneralPathError
        self.foreign.bind(obj["id"], made.id)
        return made

    def read_head(self) -> tuple[Report | None, object]:
        """The report an osintreport export wrote, and the relations it kept unlinked."""
        if self.head is None:
            return None, None
        head, ext = self.head
        data = _native(head, ext, "report")
        relations = data.pop("relations", None)
        positions = ext.get("unlinked_relations")
        self.unlinked = [p for p in positions if isinstance(p, int)] if positions else []
        try:
            return structure(data), relations
        except LoadError as error:
            for problem in error.problems:
                message = f"osintreport extension: {problem.path}: {problem.message}"
                self.problems.append(Problem(message=message, path="$.objects"))
            return None, relations

    def merge_relations(
        self, linked: Iterator[Relation], count: int, unlinked: object
    ) -> Iterator[Relation]:
        """The ``count`` relations from relationships, and those STIX could not link.

        The unlinked relations go back to the places they had in the report.
        """
        if not isinstance(unlinked, list) or len(unlinked) != len(self.unlinked):
            yield from linked
            return
        waiting = dict(zip(self.unlinked, unlinked, strict=True))
        left = count
        for position in range(count + len(waiting)):
            if position in waiting:
                try:
                    yield structure(waiting[position], Relation)
                except LoadError as error:
                    message = f"osintreport extension: relation at {position}: {error}"
                    self.problems.append(Problem(message=message, path="$.objects"))
            elif left:
                left -= 1
                yield next(linked)
        yield from linked

    def name(self, obj: Mapping[str, Any], sort: str) -> None:
        """Give a foreign actor, incident or note its model id."""
        if sort == "actors":
            fallback = str(obj.get("name") or obj["type"])
        elif sort == "events":
            fallback = str(obj.get("name") or "event")
        else:
            fallback = f"note-{obj['id'][-12:]}"
        self.foreign.bind(obj["id"], self.foreign.name(obj, fallback))

    def foreign_report(self, bundle: Mapping[str, Any], head: Mapping[str, Any] | None) -> Report:
        """The report's own fields from a foreign ``report`` object (or from the bundle)."""
        fr = self.foreign
        head = head or {}
        publisher_id = head.get("created_by_ref")
        publisher = fr.lookup(publisher_id) if isinstance(publisher_id, str) else {}
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


def _leave_older_versions(
    sorted_: dict[str, list[tuple[str, Mapping[str, Any]]]], natives: Local
) -> None:
    """Take the older versions out of ``sorted_``: they are kept as they are.

    ``natives`` holds the STIX ids of the objects an osintreport export wrote.
    """
    for sort in VERSIONED:
        group = sorted_.get(sort, [])
        older = older_rows(((row, obj) for row, (_, obj) in enumerate(group)), natives.__contains__)
        if older:
            sorted_[sort] = [pair for row, pair in enumerate(group) if row not in older]


def publisher_id(report: Report | None, foreign_head: Mapping[str, Any] | None) -> str | None:
    """The STIX id of the publisher, whose identity is kept as it is, not made an actor.

    It is the foreign report's ``created_by_ref``, or, of a report an export wrote, the one
    its report carried from a first import (``x_stix_created_by_ref``): the identity was
    kept then and written back beside it.
    """
    if foreign_head is not None:
        found = foreign_head.get("created_by_ref")
    else:
        found = None if report is None else report.extensions.get("x_stix_created_by_ref")
    return found if isinstance(found, str) else None


def _read(
    objects: list[tuple[str, Mapping[str, Any]]],
    problems: list[Problem],
    bundle: Mapping[str, Any],
    foreign_problems: list[Problem],
) -> Report:
    """The report of a bundle's valid objects, all in memory."""
    reader = _Reader(Foreign(objects, UniqueIds()), problems)
    fr = reader.foreign
    fr.problems = foreign_problems
    native: dict[str, list[Any]] = {name: [] for name in _CLASSES}
    rest: list[tuple[str, Mapping[str, Any]]] = []
    reader.older = older_natives((o for _, o in objects), builds)
    for where, obj in objects:
        made = reader.sort_native(where, obj)
        if made is REST:
            rest.append((where, obj))
        elif made is not SKIP and made is not HEAD:
            native[_KINDS[type(made)]].append(made)
    report, relations = reader.read_head()
    sorted_: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    for where, obj in rest:
        sorted_.setdefault(foreign_sort(obj), []).append((where, obj))
    _leave_older_versions(sorted_, fr.local)
    reports = sorted_.get("report", [])
    foreign_head = reports[0][1] if reports and reader.head is None else None
    publisher = publisher_id(report, foreign_head)
    actors = [(w, o) for w, o in sorted_.get("actors", []) if o["id"] != publisher]
    incidents, notes = sorted_.get("events", []), sorted_.get("notes", [])
    for sort, group in (("actors", actors), ("events", incidents), ("notes", notes)):
        for _, obj in group:
            reader.name(obj, sort)
    judged = statuses([o for _, o in rest])
    made_actors = tuple(fr.actor(o) for _, o in actors)
    made_events = tuple(fr.event(o, w) for w, o in incidents)
    written = [fr.note(o, w, judged) for w, o in notes]
    taken = {id(o) for _, o in (*actors, *incidents, *notes)}  # the objects, not their ids
    places: set[int] = set()  # the locations relations' places hold (not older versions)
    foreign_relations = []
    for where, obj in sorted_.get("relationship", []):
        relation = fr.relation(obj, where)
        if relation is not None:
            foreign_relations.append(relation)
            taken.add(id(obj))
            if relation.where is not None:
                places.add(id(fr.by_id[obj["target_ref"]]))
    if foreign_head is not None:
        taken.add(id(foreign_head))
    kept = [dict(o) for _, o in rest if id(o) not in taken and id(o) not in places]
    if report is None:
        report = reader.foreign_report(bundle, foreign_head)
    linked = native["relations"]
    extensions = dict(report.extensions)
    if kept:
        extensions[KEPT] = kept
    return attrs.evolve(
        report,
        actors=tuple(native["actors"]) + made_actors,
        events=tuple(native["events"]) + made_events,
        claims=tuple(native["claims"]) + tuple(n for n in written if isinstance(n, Claim)),
        assessments=tuple(native["assessments"])
        + tuple(n for n in written if isinstance(n, Assessment)),
        relations=tuple(reader.merge_relations(iter(linked), len(linked), relations))
        + tuple(foreign_relations),
        sources=report.sources + tuple(fr.sources.values()),
        extensions=extensions,
    )
