"""Typed, sourced links between the objects of a report: :class:`Relation`.

A relation reads ``subject <kind> object``: ``militias attributed_to irgc-qf``,
``src-wire derived_from src-telegram``. Which kinds of object each relation kind may link is
checked by validation (``OSR103`` for a wrong kind, ``OSR102`` for an id that is not there),
not at construction: a relation only holds ids. ``located_at`` is the one kind whose object
is a place: it gives ``where`` instead of ``object``.

| kind | subject | object | STIX 2.1 |
| --- | --- | --- | --- |
| ``attributed_to`` | actor, event, source | actor | ``attributed-to`` |
| ``backed_by`` | actor | actor | ``backed-by`` (custom) |
| ``part_of`` | actor, event | actor, event (the same kind) | ``part-of`` (custom) |
| ``located_at`` | actor, event | ``where`` (a Place) | ``located-at`` a ``location`` |
| ``contradicts`` | claim, event | claim, event | ``contradicts`` (custom) |
| ``corroborates`` | claim, event, source | claim, event | ``corroborates`` (custom) |
| ``derived_from`` | source, claim | source, claim (the same kind) | ``derived-from`` |
| ``duplicate_of`` | any | any (the same kind) | ``duplicate-of`` |
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from . import _checks as check
from . import _fields as f
from .errors import FieldValueError
from .handling import Marking
from .parts import Citation, Place
from .vocab import Confidence, Likelihood, RelationKind
from .when import When

__all__ = ["ENDPOINTS", "Relation"]

_ANY = frozenset({"actors", "events", "claims", "assessments", "sources"})
ENDPOINTS: dict[RelationKind, tuple[frozenset[str], frozenset[str]]] = {
    RelationKind.ATTRIBUTED_TO: (frozenset({"actors", "events", "sources"}), frozenset({"actors"})),
    RelationKind.BACKED_BY: (frozenset({"actors"}), frozenset({"actors"})),
    RelationKind.PART_OF: (frozenset({"actors", "events"}), frozenset({"actors", "events"})),
    RelationKind.LOCATED_AT: (frozenset({"actors", "events"}), frozenset()),
    RelationKind.CONTRADICTS: (frozenset({"claims", "events"}), frozenset({"claims", "events"})),
    RelationKind.CORROBORATES: (
        frozenset({"claims", "events", "sources"}),
        frozenset({"claims", "events"}),
    ),
    RelationKind.DERIVED_FROM: (frozenset({"sources", "claims"}), frozenset({"sources", "claims"})),
    RelationKind.DUPLICATE_OF: (_ANY, _ANY),
}
"""For each relation kind: the collections its subject and its object may come from."""

SAME_KIND = frozenset({RelationKind.PART_OF, RelationKind.DERIVED_FROM, RelationKind.DUPLICATE_OF})
"""Relation kinds whose subject and object must be of the same kind (``OSR602``)."""


@attrs.frozen(kw_only=True)
class Relation:
    """A typed link ``subject <kind> object``, with its own id, confidence and sources.

    Attributes:
        id: Unique within the report (``"rel-militias-irgc-qf"``).
        kind: What the link says.
        subject: The id of the object the relation is about.
        object: The id of the object it points to; ``None`` for ``located_at``.
        where: The place, for ``located_at`` only.
        likelihood: ICD 203 likelihood that the link holds (an attribution's odds).
        confidence: The analyst's confidence in the judgment.
        stated: When the link was stated or holds.
        description: A sentence on the link, as the report gives it.
        citations: The sources for the link.
        marking: How the relation may be shared (the report's marking is the floor).
        created: When the relation was first recorded (timezone-aware).
        modified: When it was last changed (timezone-aware).
        created_by: Who recorded it: an actor id or free text.
        extensions: ``x_`` keys, kept and written back unchanged.

    Raises:
        FieldValueError: ``located_at`` without ``where`` or with an ``object``; any other
            kind without ``object`` or with a ``where``.
    """

    id: str = attrs.field(validator=check.identifier())
    kind: RelationKind = attrs.field(validator=check.member(RelationKind))
    subject: str = attrs.field(validator=check.identifier())
    object: str | None = attrs.field(default=None, validator=check.identifier(optional=True))
    where: Place | None = attrs.field(
        default=None, validator=check.instance(Place, "a Place", optional=True)
    )
    likelihood: Likelihood | None = attrs.field(
        default=None, validator=check.member(Likelihood, optional=True)
    )
    confidence: Confidence | None = attrs.field(
        default=None, validator=check.member(Confidence, optional=True)
    )
    stated: When | None = attrs.field(default=None, validator=f.WHEN)
    description: str | None = attrs.field(default=None, validator=check.text(optional=True))
    citations: tuple[Citation, ...] = attrs.field(default=(), validator=f.CITATIONS)
    marking: Marking | None = f.marking()
    created: dt.datetime | None = f.timestamp()
    modified: dt.datetime | None = f.timestamp()
    created_by: str | None = f.creator()
    extensions: dict[str, Any] = f.extensions()

    def __attrs_post_init__(self) -> None:
        if self.kind is RelationKind.LOCATED_AT:
            if self.where is None or self.object is not None:
                raise FieldValueError(
                    "object/where", (self.object, self.where), "located_at with a where, no object"
                )
        elif self.object is None or self.where is not None:
            raise FieldValueError(
                "object/where",
                (self.object, self.where),
                f"{self.kind.value} with an object id and no where",
            )
