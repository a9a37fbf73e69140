"""Closed vocabularies, each documented with the standard it comes from.

Values are the strings written to files. Multi-word values use ``snake_case``
(``state_media``, ``very_likely``). Two scales keep the spelling of their standard: the
NATO Admiralty code writes source reliability as capital letters ``A``-``F`` and information
credibility as the digits ``1``-``6``, so :class:`Reliability` values are ``"A"``-``"F"`` and
:class:`Credibility` is an integer enum (``credibility: 2`` in YAML).
"""

from __future__ import annotations

import enum

from ._ranked import RankedEnum

__all__ = [
    "ActorKind",
    "ClaimStatus",
    "Confidence",
    "Credibility",
    "EventKind",
    "Likelihood",
    "PlacePrecision",
    "RelationKind",
    "Reliability",
    "Role",
    "SourceKind",
    "Tlp",
]


class Likelihood(enum.Enum):
    """Estimative likelihood terms of US Intelligence Community Directive 203.

    Each term stands for a probability range, available as :attr:`range`.
    """

    ALMOST_NO_CHANCE = "almost_no_chance"
    VERY_UNLIKELY = "very_unlikely"
    UNLIKELY = "unlikely"
    ROUGHLY_EVEN_CHANCE = "roughly_even_chance"
    LIKELY = "likely"
    VERY_LIKELY = "very_likely"
    ALMOST_CERTAIN = "almost_certain"

    @property
    def range(self) -> tuple[float, float]:
        """The probability range of the term as ``(low, high)`` fractions, per ICD 203."""
        return _LIKELIHOOD_RANGES[self]

    @property
    def phrases(self) -> tuple[str, ...]:
        """The words ICD 203 gives for the term: the term itself and its synonym."""
        return _LIKELIHOOD_PHRASES[self]


_LIKELIHOOD_RANGES: dict[Likelihood, tuple[float, float]] = {
    Likelihood.ALMOST_NO_CHANCE: (0.01, 0.05),
    Likelihood.VERY_UNLIKELY: (0.05, 0.20),
    Likelihood.UNLIKELY: (0.20, 0.45),
    Likelihood.ROUGHLY_EVEN_CHANCE: (0.45, 0.55),
    Likelihood.LIKELY: (0.55, 0.80),
    Likelihood.VERY_LIKELY: (0.80, 0.95),
    Likelihood.ALMOST_CERTAIN: (0.95, 0.99),
}

_LIKELIHOOD_PHRASES: dict[Likelihood, tuple[str, ...]] = {
    Likelihood.ALMOST_NO_CHANCE: ("almost no chance", "remote"),
    Likelihood.VERY_UNLIKELY: ("very unlikely", "highly improbable"),
    Likelihood.UNLIKELY: ("unlikely", "improbable"),
    Likelihood.ROUGHLY_EVEN_CHANCE: ("roughly even chance", "roughly even odds"),
    Likelihood.LIKELY: ("likely", "probable"),
    Likelihood.VERY_LIKELY: ("very likely", "highly probable"),
    Likelihood.ALMOST_CERTAIN: ("almost certain", "nearly certain"),
}


class Confidence(enum.Enum):
    """Analytic confidence levels (ICD 203 and common IC practice): low, moderate, high."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class Reliability(enum.Enum):
    """Source reliability, NATO Admiralty code (STANAG 2511 / AJP-2.1), letters A-F."""

    A = "A"
    """Completely reliable."""
    B = "B"
    """Usually reliable."""
    C = "C"
    """Fairly reliable."""
    D = "D"
    """Not usually reliable."""
    E = "E"
    """Unreliable."""
    F = "F"
    """Reliability cannot be judged."""


class Credibility(enum.IntEnum):
    """Information credibility, NATO Admiralty code, digits 1-6."""

    CONFIRMED = 1
    """Confirmed by other sources."""
    PROBABLY_TRUE = 2
    """Probably true."""
    POSSIBLY_TRUE = 3
    """Possibly true."""
    DOUBTFUL = 4
    """Doubtful."""
    IMPROBABLE = 5
    """Improbable."""
    CANNOT_BE_JUDGED = 6
    """Truth cannot be judged."""


class ClaimStatus(enum.Enum):
    """Where a claim stands after the analyst's review."""

    REPORTED = "reported"
    """Stated by someone; not yet checked."""
    CORROBORATED = "corroborated"
    """Supported by independent evidence."""
    DISPUTED = "disputed"
    """Contradicted by other credible evidence, but not shown false."""
    FALSE = "false"
    """Shown to be false."""
    UNVERIFIED = "unverified"
    """Checked, but could not be verified either way."""


class ActorKind(enum.Enum):
    """What an actor is. Loosely follows ACLED's actor types, split where analysts need it."""

    STATE = "state"
    GOVERNMENT = "government"
    ARMED_FORCE = "armed_force"
    MILITIA = "militia"
    REBEL_GROUP = "rebel_group"
    TERRORIST_GROUP = "terrorist_group"
    COALITION = "coalition"
    POLITICAL_GROUP = "political_group"
    ORGANIZATION = "organization"
    MEDIA_OUTLET = "media_outlet"
    PERSON = "person"
    CIVILIANS = "civilians"
    OTHER = "other"


class EventKind(enum.Enum):
    """What kind of thing happened.

    The first six values are ACLED's event types; the rest are finer kinds, named after
    PLOVER categories where one fits, that conflict analysts record often.
    """

    BATTLE = "battle"
    EXPLOSION = "explosion"
    """ACLED "Explosions/Remote violence"."""
    VIOLENCE_AGAINST_CIVILIANS = "violence_against_civilians"
    PROTEST = "protest"
    RIOT = "riot"
    STRATEGIC_DEVELOPMENT = "strategic_development"
    DEPLOYMENT = "deployment"
    """PLOVER "MOBILIZE": forces moved or massed."""
    WITHDRAWAL = "withdrawal"
    """PLOVER "RETREAT": forces pulled back."""
    EXERCISE = "exercise"
    SHOW_OF_FORCE = "show_of_force"
    """Parades, demonstrative flights, harassment without an attack."""
    ARMS_TRANSFER = "arms_transfer"
    """PLOVER "AID" of a military kind."""
    MEETING = "meeting"
    """PLOVER "CONSULT"."""
    AGREEMENT = "agreement"
    """PLOVER "AGREE"."""
    ANNOUNCEMENT = "announcement"
    INFORMATION_OPERATION = "information_operation"
    OTHER = "other"


class SourceKind(enum.Enum):
    """Where a piece of evidence comes from."""

    NEWS = "news"
    STATE_MEDIA = "state_media"
    OFFICIAL = "official"
    SOCIAL_MEDIA = "social_media"
    IMAGERY = "imagery"
    DATASET = "dataset"
    REPORT = "report"
    OTHER = "other"


class Role(enum.Enum):
    """The part an actor plays in an event."""

    INITIATOR = "initiator"
    """ACLED's actor 1: the side that acted."""
    TARGET = "target"
    """ACLED's actor 2: the side acted upon."""
    SUPPORTER = "supporter"
    """Backed the initiator or target without acting directly."""
    PARTICIPANT = "participant"
    """Took part on an equal footing (meetings, agreements, exercises)."""
    VICTIM = "victim"
    OBSERVER = "observer"


class PlacePrecision(enum.Enum):
    """How precisely a place is known: what the coordinates stand for.

    The levels cover UCDP GED's ``where_prec`` 1-7 one to one and ACLED's
    ``geo_precision`` 1-3; :mod:`osintreport.precision` maps codes to and from them.
    """

    EXACT = "exact"
    """The place itself (UCDP 1, ACLED 1)."""
    NEAR = "near"
    """Near the named place, within about 25 km (UCDP 2, ACLED 2)."""
    DISTRICT = "district"
    """Somewhere in a second-order administrative area (UCDP 3)."""
    REGION = "region"
    """Somewhere in a first-order administrative area: a province (UCDP 4, ACLED 3)."""
    WIDE_AREA = "wide_area"
    """Along a linear feature (a road, a river, a border) or in a part of the country wider
    than a province (UCDP 5)."""
    COUNTRY = "country"
    """Somewhere in the country (UCDP 6)."""
    INTERNATIONAL = "international"
    """International waters or airspace (UCDP 7)."""


class RelationKind(enum.Enum):
    """The kinds of typed link a :class:`~osintreport.Relation` makes.

    Each is documented with the STIX 2.1 relationship type it maps to (section 4.x of the
    STIX 2.1 specification, and the custom types this library writes where STIX has none).
    Read a relation as ``subject <kind> object``.
    """

    ATTRIBUTED_TO = "attributed_to"
    """An actor or event is the work of another actor. STIX ``attributed-to``."""
    BACKED_BY = "backed_by"
    """An actor is supported (funded, armed, directed) by another. STIX custom ``backed-by``."""
    PART_OF = "part_of"
    """An event belongs to a larger event, an actor to a larger actor. STIX custom ``part-of``."""
    LOCATED_AT = "located_at"
    """An actor or event is at the relation's ``where`` place. STIX ``located-at``."""
    CONTRADICTS = "contradicts"
    """A claim or event contradicts another. STIX custom ``contradicts``."""
    CORROBORATES = "corroborates"
    """A claim or event supports another. STIX custom ``corroborates``."""
    DERIVED_FROM = "derived_from"
    """A source or claim repeats or is based on another (a wire story repeating a post).
    STIX ``derived-from``."""
    DUPLICATE_OF = "duplicate_of"
    """Two objects of the same kind are the same thing. STIX ``duplicate-of``."""


class Tlp(RankedEnum):
    """Traffic Light Protocol 2.0 (FIRST, 2022) sharing levels, least to most restricted.

    Members compare by strictness: ``Tlp.GREEN < Tlp.AMBER``. STIX 2.1 export writes the
    OASIS TLP 2.0 marking definitions.
    """

    CLEAR = "clear"
    """Disclosure is not limited."""
    GREEN = "green"
    """Limited to the community; not for public channels."""
    AMBER = "amber"
    """Limited to the recipient's organisation and its clients, on a need-to-know basis."""
    AMBER_STRICT = "amber+strict"
    """Limited to the recipient's organisation only."""
    RED = "red"
    """For the eyes of the individual recipients only."""

    @property
    def rank(self) -> int:
        """Strictness, 0 (CLEAR) to 4 (RED)."""
        return _TLP_ORDER.index(self)

    @classmethod
    def parse(cls, value: str | Tlp) -> Tlp:
        """A level from its value or a label such as ``"TLP:AMBER+STRICT"`` or ``"Green"``.

        Raises:
            ValueError: Not a TLP 2.0 level (``white`` is TLP 1.0's word: use ``clear``).
        """
        if isinstance(value, Tlp):
            return value
        text = value.strip().lower().removeprefix("tlp:")
        try:
            return cls(text)
        except ValueError:
            choices = ", ".join(member.value for member in cls)
            raise ValueError(f"not a TLP 2.0 level: {value!r}; use one of {choices}") from None


_TLP_ORDER = (Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER, Tlp.AMBER_STRICT, Tlp.RED)
