"""The benchmark's event record in msgspec and pydantic, given the checks osintreport makes.

``compare.py`` times these beside the unchecked classes, so that a typed decode is compared
with a typed decode that checks as much (issue 14): ids match osintreport's id pattern, text
is non-blank (the pattern ``\\S``), vocabularies are closed (``Literal``), coordinates and
counts are in range, ISO country codes and unknown keys are refused. What neither peer does
here and osintreport does: parse ``when`` as EDTF into bounds (both keep it a string that must
match a date-like pattern), check that ``low <= best <= high``, and copy ``x_`` keys.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
import pydantic

from osintreport._checks import ID_PATTERN
from osintreport.vocab import EventKind, PlacePrecision, Role

__all__ = ["CheckedEvent", "PCheckedEvent"]

TEXT = r"\S"
WHEN = r"^[0-9X.?~%/-]+$"
COUNTRY = r"^[A-Z]{2}$"

Kind = Literal[tuple(k.value for k in EventKind)]  # type: ignore[valid-type]
RoleName = Literal[tuple(r.value for r in Role)]  # type: ignore[valid-type]
Precision = Literal[tuple(p.value for p in PlacePrecision)]  # type: ignore[valid-type]

MId = Annotated[str, msgspec.Meta(pattern=ID_PATTERN)]
MText = Annotated[str, msgspec.Meta(pattern=TEXT)]
MCount = Annotated[int, msgspec.Meta(ge=0)]


class MPlace(msgspec.Struct, forbid_unknown_fields=True):
    name: MText | None = None
    admin1: MText | None = None
    admin2: MText | None = None
    country: Annotated[str, msgspec.Meta(pattern=COUNTRY)] | None = None
    lat: Annotated[float, msgspec.Meta(ge=-90, le=90)] | None = None
    lon: Annotated[float, msgspec.Meta(ge=-180, le=180)] | None = None
    precision: Precision | None = None


class MParticipant(msgspec.Struct, forbid_unknown_fields=True):
    actor: MId
    role: RoleName = "participant"


class MEstimate(msgspec.Struct, forbid_unknown_fields=True):
    low: MCount | None = None
    best: MCount | None = None
    high: MCount | None = None


class MCasualties(msgspec.Struct, forbid_unknown_fields=True):
    killed: MEstimate | None = None
    injured: MEstimate | None = None


class MCitation(msgspec.Struct, forbid_unknown_fields=True):
    source: MId | None = None
    locator: Annotated[int, msgspec.Meta(ge=0)] | MText | None = None
    quote: MText | None = None


class CheckedEvent(msgspec.Struct, forbid_unknown_fields=True):
    """msgspec, with osintreport's checks on the benchmark's fields."""

    id: MId
    summary: MText
    kind: Kind = "other"
    when: Annotated[str, msgspec.Meta(pattern=WHEN)] | None = None
    where: MPlace | None = None
    participants: list[MParticipant] = []
    casualties: MCasualties | None = None
    citations: list[MCitation] = []


PId = Annotated[str, pydantic.StringConstraints(pattern=ID_PATTERN)]
PText = Annotated[str, pydantic.StringConstraints(pattern=TEXT)]
PCount = Annotated[int, pydantic.Field(ge=0)]


class PPlace(pydantic.BaseModel, extra="forbid", strict=True):
    name: PText | None = None
    admin1: PText | None = None
    admin2: PText | None = None
    country: Annotated[str, pydantic.StringConstraints(pattern=COUNTRY)] | None = None
    lat: Annotated[float, pydantic.Field(ge=-90, le=90)] | None = None
    lon: Annotated[float, pydantic.Field(ge=-180, le=180)] | None = None
    precision: Precision | None = None


class PParticipant(pydantic.BaseModel, extra="forbid", strict=True):
    actor: PId
    role: RoleName = "participant"


class PEstimate(pydantic.BaseModel, extra="forbid", strict=True):
    low: PCount | None = None
    best: PCount | None = None
    high: PCount | None = None


class PCasualties(pydantic.BaseModel, extra="forbid", strict=True):
    killed: PEstimate | None = None
    injured: PEstimate | None = None


class PCitation(pydantic.BaseModel, extra="forbid", strict=True):
    source: PId | None = None
    locator: Annotated[int, pydantic.Field(ge=0)] | PText | None = None
    quote: PText | None = None


class PCheckedEvent(pydantic.BaseModel, extra="forbid", strict=True):
    """pydantic v2, with osintreport's checks on the benchmark's fields."""

    id: PId
    summary: PText
    kind: Kind = "other"
    when: Annotated[str, pydantic.StringConstraints(pattern=WHEN)] | None = None
    where: PPlace | None = None
    participants: list[PParticipant] = []
    casualties: PCasualties | None = None
    citations: list[PCitation] = []
