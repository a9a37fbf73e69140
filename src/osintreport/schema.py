"""The JSON Schema (draft 2020-12) of the file format, generated from the model classes.

Tools in other languages can validate the same YAML and JSON files we read::

    >>> from osintreport.schema import json_schema
    >>> schema = json_schema()
    >>> schema["$schema"], sorted(schema["$defs"])[:3]
    ('https://json-schema.org/draft/2020-12/schema', ['Actor', 'Assessment', 'Casualties'])

Each field's schema comes from the validator attrs runs on it (type, range, pattern), so the
constructor's checks and this schema cannot drift apart. What JSON Schema cannot say is
checked only by the loader: that a calendar day exists (``2023-02-30``), that
``low <= best <= high``, that ``lat`` and ``lon`` come together, that a key appears once in a
YAML mapping, and the EDTF rules beyond the grammar (listed in ``docs/dates.md``).
"""

from __future__ import annotations

import json
from typing import Any

import attrs

from ._checks import schema_of
from .casualties import Casualties, CasualtyCount, SideCasualties
from .handling import Marking, Retraction
from .model import SCHEMA_VERSION, Actor, Assessment, Claim, Event, Report, Source
from .parts import Citation, Estimate, ExternalIds, Original, Participant, Place
from .relation import Relation

__all__ = ["EDTF_PATTERN", "json_schema", "schema_text"]

_DATE = r"(\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?[~?%]?|-(2[1-4]))?|\d{4}[~?%]?)"
_UNSPECIFIED = r"(\d{3}X|\d{2}XX|\d{4}-XX(-XX)?|\d{4}-(0[1-9]|1[0-2])-XX)[~?%]?"
_END = r"(\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?[~?%]?|\d{4}-2[1-4])"
EDTF_PATTERN = rf"^({_DATE}|{_UNSPECIFIED}|({_END}|\.\.|)/{_END}|{_END}/(\.\.|))$"
"""A regular expression for the EDTF level 0/1 strings ``When`` reads."""

_CLASSES: tuple[type, ...] = (
    Report, Actor, Event, Claim, Assessment, Source, Citation, Participant, Place, Estimate,
    ExternalIds, Relation, Marking, Retraction, Original, Casualties, CasualtyCount,
    SideCasualties,
)  # fmt: skip


def _field_schema(field: attrs.Attribute[Any]) -> dict[str, Any]:
    schema = schema_of(field.validator)
    if field.name == "schema_version":
        schema = {"type": "integer", "minimum": 1, "maximum": SCHEMA_VERSION}
    if field.default is None:
        schema = {"anyOf": [schema, {"type": "null"}]}
    if field.name in ("id",):
        schema["description"] = "Unique within the report."
    return schema


def _not_null(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": [name], "properties": {name: {"not": {"type": "null"}, **schema}}}


_CONSTRAINTS: dict[type, dict[str, Any]] = {
    # The checks each class makes across its own fields at construction.
    Marking: {"anyOf": [_not_null("tlp", {}), _not_null("caveats", {"minItems": 1})]},
    Relation: {
        "if": {"properties": {"kind": {"const": "located_at"}}},
        "then": {**_not_null("where", {}), "not": _not_null("object", {})},
        "else": {**_not_null("object", {}), "not": _not_null("where", {})},
    },
}


def _class_schema(cls: type) -> dict[str, Any]:
    fields = [f for f in attrs.fields(cls) if f.name != "extensions"]
    properties = {f.name: _field_schema(f) for f in fields}
    required = [f.name for f in fields if f.default is attrs.NOTHING]
    schema: dict[str, Any] = {
        "type": "object",
        "description": (cls.__doc__ or "").strip().split("\n")[0],
        "properties": properties,
        "patternProperties": {"^x_": {}},
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    schema.update(_CONSTRAINTS.get(cls, {}))
    return schema


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of a report document (draft 2020-12), as a dict."""
    defs = {cls.__name__: _class_schema(cls) for cls in _CLASSES}
    defs["When"] = {
        "type": "string",
        "description": "A date or interval in EDTF (ISO 8601-2) level 0/1, such as "
        "2023-07-14, 2023-03~, 2023-07-XX or 2022-11/..",
        "pattern": EDTF_PATTERN,
    }
    root = dict(defs["Report"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://osintreport.invalid/schema/report-v{SCHEMA_VERSION}.json",
        "title": "osintreport Report",
        **root,
        "$defs": defs,
    }


def schema_text() -> str:
    """Return the schema as indented JSON text with a final newline."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
