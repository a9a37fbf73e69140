"""osintreport's STIX 2.1 extension, ids and relationship types (private).

Every object :func:`~osintreport.stix.to_stix` writes carries one property extension,
defined in the bundle by an ``extension-definition`` (STIX 2.1 section 7.3), so a strict
validator sees no custom property. The extension holds either

- ``collection`` and ``object``: the model object the STIX object stands for, as the
  report file would write it, less the text STIX already holds in its own properties
  (:data:`CARRIED`); or
- ``derived``: ``true`` on objects made from a field of another one (a location made from
  ``Event.where``, a ``part-of`` relationship made from ``Actor.parent``, the opinion made
  from a claim's status), which a reader of the extension skips.
"""

from __future__ import annotations

import uuid
from typing import Any

__all__ = [
    "ACTOR_TYPES",
    "CARRIED",
    "EXTENSION_ID",
    "IDENTITY_ID",
    "NAMESPACE",
    "definitions",
    "extension_of",
    "relationship_type",
    "stix_uuid",
]

EXTENSION_ID = "extension-definition--a2f6ff33-b281-4e96-8709-2fb1814f3e59"
"""The id of osintreport's extension definition: the same in every bundle."""

IDENTITY_ID = "identity--3b396164-ea08-432e-b4a3-36b713a25b96"
"""The id of the ``identity`` that created the extension definition (osintreport)."""

NAMESPACE = uuid.UUID("5b1a4c7e-2f0d-5d8e-9c61-6f7a0e3b2d41")
"""The namespace ids are made in: a SHA-1 name-based UUID, written in version 4 form."""

SCHEMA_URL = "https://osintreport.readthedocs.io/en/latest/interop.html#the-stix-extension"
_CREATED = "2026-11-26T00:00:00.000Z"

ACTOR_TYPES = ("identity", "threat-actor", "intrusion-set", "campaign")
"""The STIX object types an actor is written as (and read from)."""

CARRIED: dict[str, dict[str, str]] = {
    "actors": {"name": "name", "description": "description", "aliases": "aliases"},
    "events": {"summary": "description"},
    "claims": {"text": "content"},
    "assessments": {"text": "content"},
    "relations": {"description": "description"},
    "report": {"title": "name", "summary": "description"},
}
"""Per collection, the model fields STIX properties hold as they are: model -> STIX name.

These are left out of the extension's ``object`` and read back from the STIX properties,
so an edit made in a STIX tool to a name or a text is kept.
"""

_COMMON = frozenset({"derived-from", "duplicate-of", "related-to"})
_SUGGESTED = frozenset(
    {
        ("identity", "located-at", "location"),
        ("threat-actor", "located-at", "location"),
        ("threat-actor", "attributed-to", "identity"),
        ("threat-actor", "impersonates", "identity"),
        ("threat-actor", "targets", "identity"),
        ("threat-actor", "targets", "location"),
        ("intrusion-set", "attributed-to", "threat-actor"),
        ("intrusion-set", "originates-from", "location"),
        ("intrusion-set", "targets", "identity"),
        ("intrusion-set", "targets", "location"),
        ("campaign", "attributed-to", "intrusion-set"),
        ("campaign", "attributed-to", "threat-actor"),
        ("campaign", "originates-from", "location"),
        ("campaign", "targets", "identity"),
        ("campaign", "targets", "location"),
    }
)
"""(source type, relationship type, target type) that STIX 2.1 section 4 suggests, for the
object types an osintreport bundle holds."""


def relationship_type(source: str, kind: str, target: str) -> str:
    """The relationship type to write for ``source kind target``.

    ``kind`` when STIX suggests it for these object types, else ``related-to`` (the real
    type is then in the extension).
    """
    source_type, target_type = source.split("--")[0], target.split("--")[0]
    if kind in _COMMON or (source_type, kind, target_type) in _SUGGESTED:
        return kind
    return "related-to"


def stix_uuid(*parts: str) -> str:
    """A UUID made from ``parts`` (SHA-1, name based), with the version bits of a UUIDv4.

    STIX 2.1 asks for version 4 ids; a name-based UUID keeps export deterministic, and
    writing it with version 4 bits keeps a strict validator content.
    """
    digest = uuid.uuid5(NAMESPACE, "/".join(parts))
    return str(uuid.UUID(bytes=digest.bytes, version=4))


def extension_of(obj: object) -> dict[str, Any] | None:
    """The osintreport extension of a STIX object, or ``None`` when it has none."""
    if not isinstance(obj, dict):
        return None
    extensions = obj.get("extensions")
    found = extensions.get(EXTENSION_ID) if isinstance(extensions, dict) else None
    return found if isinstance(found, dict) else None


def definitions() -> list[dict[str, Any]]:
    """The ``identity`` of osintreport and the ``extension-definition`` it created."""
    return [
        {
            "type": "identity",
            "spec_version": "2.1",
            "id": IDENTITY_ID,
            "created": _CREATED,
            "modified": _CREATED,
            "name": "osintreport",
            "identity_class": "system",
            "description": "The osintreport Python library (https://github.com/osintreport).",
        },
        {
            "type": "extension-definition",
            "spec_version": "2.1",
            "id": EXTENSION_ID,
            "created_by_ref": IDENTITY_ID,
            "created": _CREATED,
            "modified": _CREATED,
            "name": "osintreport",
            "description": (
                "The osintreport model object each STIX object stands for: the fields STIX "
                "has no property for (event kinds and fuzzy dates, casualties, claim status "
                "and claimant, likelihood, source kinds, citation locators, place precision, "
                "external ids, markings, x_ keys), so a bundle reads back into the same report."
            ),
            "schema": SCHEMA_URL,
            "version": "1.0.0",
            "extension_types": ["property-extension"],
        },
    ]
