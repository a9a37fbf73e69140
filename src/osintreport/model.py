"""The model: a :class:`Report` and the actors, events, claims, assessments and sources in it.

Every class is a frozen, slotted, keyword-only attrs class compared by value. Construction
checks each field's own value (type, range, id syntax) and raises
:class:`~osintreport.errors.FieldValueError` or :class:`~osintreport.errors.FieldTypeError`.
Checks that span objects (does this id exist? is this date after that one?) belong to
validation and come back as findings. Change an object with :func:`attrs.evolve`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from . import _checks as check
from . import _fields as f
from .casualties import Casualties
from .handling import Marking, Retraction
from .parts import Citation, Estimate, ExternalIds, Original, Participant, Place
from .relation import Relation
from .vocab import (
    ActorKind,
    ClaimStatus,
    Confidence,
    Credibility,
    EventKind,
    Likelihood,
    Reliability,
    SourceKind,
)
from .when import When

__all__ = [
    "COLLECTIONS",
    "SCHEMA_VERSION",
    "Actor",
    "Assessment",
    "Claim",
    "Event",
    "Report",
    "Source",
]

SCHEMA_VERSION = 2
"""The version of the file format this release writes (version 1 files are migrated)."""

COLLECTIONS = ("actors", "events", "claims", "assessments", "sources", "relations")
"""The names of a report's collections of objects with ids, in document order."""


@attrs.frozen(kw_only=True)
class Actor:
    """A state, force, group, outlet or person.

    Attributes:
        id: Unique within the report (``"irgc-qf"``).
        name: The name the report uses.
        kind: What the actor is.
        aliases: Other names and spellings.
        country: ISO 3166-1 alpha-2 code of the actor's home country.
        parent: The id of the actor this one belongs to (the IRGC for the Quds Force).
        backers: Ids of actors that support this one.
        external_ids: The actor's ids in other datasets.
        description: A short note on who the actor is.
        marking: How the object may be shared (the report's marking is the floor).
        created: When the object was first recorded (timezone-aware).
        modified: When it was last changed (timezone-aware).
        created_by: Who recorded it: an actor id or free text.
        extensions: ``x_`` keys, kept and written back unchanged.
    """

    id: str = attrs.field(validator=check.identifier())
    name: str = attrs.field(validator=check.text())
    kind: ActorKind = attrs.field(default=ActorKind.OTHER, validator=check.member(ActorKind))
    aliases: tuple[str, ...] = attrs.field(
        default=(), validator=check.tuple_of(check.text(), "strings")
    )
    country: str | None = attrs.field(default=None, validator=check.country())
    parent: str | None = attrs.field(default=None, validator=check.identifier(optional=True))
    backers: tuple[str, ...] = attrs.field(default=(), validator=f.IDS)
    external_ids: ExternalIds | None = attrs.field(
        default=None, validator=check.instance(ExternalIds, "an ExternalIds", optional=True)
    )
    description: str | None = attrs.field(default=None, validator=check.text(optional=True))
    marking: Marking | None = f.marking()
    created: dt.datetime | None = f.timestamp()
    modified: dt.datetime | None = f.timestamp()
    created_by: str | None = f.creator()
    extensions: dict[str, Any] = f.extensions()


@attrs.frozen(kw_only=True)
class Event:
    """Something that happened, at a time and a place, with actors taking part.

    Attributes:
        id: Unique within the report (``"ev-deir-ez-zor-surge"``).
        kind: What kind of thing happened.
        summary: One or two sentences on what happened.
        when: When it happened, as precisely as known; ``None`` when undated.
        where: Where it happened.
        participants: The actors taking part, each with a role.
        casualties: Killed and injured, in total and by side, civilians and unknown.
        citations: The sources the account rests on.
        marking: How the object may be shared (the report's marking is the floor).
        created: When the object was first recorded (timezone-aware).
        modified: When it was last changed (timezone-aware).
        created_by: Who recorded it: an actor id or free text.
        extensions: ``x_`` keys, kept and written back unchanged.
    """

    id: str = attrs.field(validator=check.identifier())
    kind: EventKind = attrs.field(default=EventKind.OTHER, validator=check.member(EventKind))
    summary: str = attrs.field(validator=check.text())
    when: When | None = attrs.field(default=None, validator=f.WHEN)
    where: Place | None = attrs.field(
        default=None, validator=check.instance(Place, "a Place", optional=True)
    )
    participants: tuple[Participant, ...] = attrs.field(
        default=(), validator=check.tuple_of_instances(Participant, "Participant")
    )
    casualties: Casualties | None = attrs.field(
        default=None, validator=check.instance(Casualties, "a Casualties", optional=True)
    )
    citations: tuple[Citation, ...] = attrs.field(default=(), validator=f.CITATIONS)
    marking: Marking | None = f.marking()
    created: dt.datetime | None = f.timestamp()
    modified: dt.datetime | None = f.timestamp()
    created_by: str | None = f.creator()
    extensions: dict[str, Any] = f.extensions()

    @property
    def fatalities(self) -> Estimate | None:
        """Everyone killed: ``casualties.killed`` (the version 1 field, kept readable)."""
        return self.casualties.killed if self.casualties is not None else None


@attrs.frozen(kw_only=True)
class Claim:
    """A statement someone makes, which may be true or not.

    Attributes:
        id: Unique within the report.
        text: The statement, in a sentence (in English when ``original`` is given).
        original: The statement in its own language, when ``text`` is a translation.
        claimant: The id of the actor making it; ``None`` means the report's own authors.
        stated: When it was said.
        about: Ids of the actors, events or claims the statement is about.
        status: Where the claim stands after review.
        credibility: Admiralty credibility of the information, 1-6.
        citations: The sources that carry the claim.
        retracted: Set when whoever made the claim withdrew it.
        marking: How the object may be shared (the report's marking is the floor).
        created: When the object was first recorded (timezone-aware).
        modified: When it was last changed (timezone-aware).
        created_by: Who recorded it: an actor id or free text.
        extensions: ``x_`` keys, kept and written back unchanged.
    """

    id: str = attrs.field(validator=check.identifier())
    text: str = attrs.field(validator=check.text())
    original: Original | None = attrs.field(
        default=None, validator=check.instance(Original, "an Original", optional=True)
    )
    claimant: str | None = attrs.field(default=None, validator=check.identifier(optional=True))
    stated: When | None = attrs.field(default=None, validator=f.WHEN)
    about: tuple[str, ...] = attrs.field(default=(), validator=f.IDS)
    status: ClaimStatus = attrs.field(
        default=ClaimStatus.REPORTED, validator=check.member(ClaimStatus)
    )
    credibility: Credibility | None = attrs.field(
        default=None, validator=check.member(Credibility, optional=True)
    )
    citations: tuple[Citation, ...] = attrs.field(default=(), validator=f.CITATIONS)
    retracted: Retraction | None = f.retraction()
    marking: Marking | None = f.marking()
    created: dt.datetime | None = f.timestamp()
    modified: dt.datetime | None = f.timestamp()
    created_by: str | None = f.creator()
    extensions: dict[str, Any] = f.extensions()


@attrs.frozen(kw_only=True)
class Assessment:
    """An analytic judgment, with its likelihood and the analyst's confidence.

    Attributes:
        id: Unique within the report.
        text: The judgment as the analyst writes it.
        likelihood: The ICD 203 likelihood term the judgment carries, if any.
        confidence: The analyst's confidence in the judgment.
        basis: Ids of the claims and events the judgment rests on.
        horizon: The time span the judgment speaks about.
        citations: Sources cited for the judgment itself.
        retracted: Set when the analyst withdrew the judgment.
        marking: How the object may be shared (the report's marking is the floor).
        created: When the object was first recorded (timezone-aware).
        modified: When it was last changed (timezone-aware).
        created_by: Who recorded it: an actor id or free text.
        extensions: ``x_`` keys, kept and written back unchanged.
    """

    id: str = attrs.field(validator=check.identifier())
    text: str = attrs.field(validator=check.text())
    likelihood: Likelihood | None = attrs.field(
        default=None, validator=check.member(Likelihood, optional=True)
    )
    confidence: Confidence | None = attrs.field(
        default=None, validator=check.member(Confidence, optional=True)
    )
    basis: tuple[str, ...] = attrs.field(default=(), validator=f.IDS)
    horizon: When | None = attrs.field(default=None, validator=f.WHEN)
    citations: tuple[Citation, ...] = attrs.field(default=(), validator=f.CITATIONS)
    retracted: Retraction | None = f.retraction()
    marking: Marking | None = f.marking()
    created: dt.datetime | None = f.timestamp()
    modified: dt.datetime | None = f.timestamp()
    created_by: str | None = f.creator()
    extensions: dict[str, Any] = f.extensions()


@attrs.frozen(kw_only=True)
class Source:
    """Where evidence comes from: an article, a post, a dataset, an image.

    Attributes:
        id: Unique within the report.
        kind: What kind of source it is.
        title: The title of the item.
        publisher: Who published it (an outlet's name or a host such as ``sana.sy``).
        url: Where it was found.
        language: BCP 47 tag of its language (``"ar"``).
        published: When it was published.
        accessed: When the analyst retrieved it (timezone-aware).
        archive_url: A copy in an archive.
        sha256: Digest of the retrieved bytes.
        reliability: Admiralty reliability of the source, A-F.
        affiliation: The id of the actor the source belongs to or speaks for.
        marking: How the object may be shared (the report's marking is the floor).
        created: When the object was first recorded (timezone-aware).
        modified: When it was last changed (timezone-aware).
        created_by: Who recorded it: an actor id or free text.
        extensions: ``x_`` keys, kept and written back unchanged.
    """

    id: str = attrs.field(validator=check.identifier())
    kind: SourceKind = attrs.field(default=SourceKind.OTHER, validator=check.member(SourceKind))
    title: str | None = attrs.field(default=None, validator=check.text(optional=True))
    publisher: str | None = attrs.field(default=None, validator=check.text(optional=True))
    url: str | None = attrs.field(default=None, validator=check.url())
    language: str | None = attrs.field(default=None, validator=check.language())
    published: When | None = attrs.field(default=None, validator=f.WHEN)
    accessed: dt.datetime | None = attrs.field(default=None, validator=check.aware_datetime())
    archive_url: str | None = attrs.field(default=None, validator=check.url())
    sha256: str | None = attrs.field(default=None, validator=check.sha256())
    reliability: Reliability | None = attrs.field(
        default=None, validator=check.member(Reliability, optional=True)
    )
    affiliation: str | None = attrs.field(default=None, validator=check.identifier(optional=True))
    marking: Marking | None = f.marking()
    created: dt.datetime | None = f.timestamp()
    modified: dt.datetime | None = f.timestamp()
    created_by: str | None = f.creator()
    extensions: dict[str, Any] = f.extensions()


@attrs.frozen(kw_only=True)
class Report:
    """One analytic document and everything in it.

    Attributes:
        schema_version: The file-format version; always written, checked on load.
        id: A short id for the report.
        title: The report's title.
        authors: The authors, as credited.
        publisher: The organisation that published it.
        published: When it was published.
        period: The span of time the report covers.
        language: BCP 47 tag of the report's language.
        url: Where the report is published.
        summary: A short abstract.
        actors: Everyone the report names.
        events: What happened.
        claims: What someone says (the authors included).
        assessments: The analyst's judgments.
        sources: The evidence cited.
        relations: Typed, sourced links between the objects above.
        marking: How the object may be shared (the report's marking is the floor).
        created: When the object was first recorded (timezone-aware).
        modified: When it was last changed (timezone-aware).
        created_by: Who recorded it: an actor id or free text.
        extensions: ``x_`` keys, kept and written back unchanged.
    """

    schema_version: int = attrs.field(default=SCHEMA_VERSION, validator=check.count(optional=False))
    id: str = attrs.field(validator=check.identifier())
    title: str = attrs.field(validator=check.text())
    authors: tuple[str, ...] = attrs.field(
        default=(), validator=check.tuple_of(check.text(), "strings")
    )
    publisher: str | None = attrs.field(default=None, validator=check.text(optional=True))
    published: When | None = attrs.field(default=None, validator=f.WHEN)
    period: When | None = attrs.field(default=None, validator=f.WHEN)
    language: str | None = attrs.field(default=None, validator=check.language())
    url: str | None = attrs.field(default=None, validator=check.url())
    summary: str | None = attrs.field(default=None, validator=check.text(optional=True))
    actors: tuple[Actor, ...] = attrs.field(
        default=(), validator=check.tuple_of_instances(Actor, "Actor")
    )
    events: tuple[Event, ...] = attrs.field(
        default=(), validator=check.tuple_of_instances(Event, "Event")
    )
    claims: tuple[Claim, ...] = attrs.field(
        default=(), validator=check.tuple_of_instances(Claim, "Claim")
    )
    assessments: tuple[Assessment, ...] = attrs.field(
        default=(), validator=check.tuple_of_instances(Assessment, "Assessment")
    )
    sources: tuple[Source, ...] = attrs.field(
        default=(), validator=check.tuple_of_instances(Source, "Source")
    )
    relations: tuple[Relation, ...] = attrs.field(
        default=(), validator=check.tuple_of_instances(Relation, "Relation")
    )
    marking: Marking | None = f.marking()
    created: dt.datetime | None = f.timestamp()
    modified: dt.datetime | None = f.timestamp()
    created_by: str | None = f.creator()
    extensions: dict[str, Any] = f.extensions()

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(getattr(self, name))}" for name in COLLECTIONS)
        return f"Report(id={self.id!r}, title={self.title!r}, {counts})"

    def __str__(self) -> str:
        from .views.text import report_text

        return report_text(self)

    def _repr_html_(self) -> str:
        from .views.notebook import report_html

        return report_html(self)
