"""Make one object of several, and point references at merged ids (private).

Field by field, in the order the reports were given: the first value set wins (a field
left at its default is not set); lists are joined in order without repeats; ``x_`` keys
are joined, the first value of a key winning; the stricter marking wins and caveats are
joined. An actor's other names become aliases. Every value that lost is listed as a
conflict for the merge plan. The ids the object absorbed are kept in ``x_merged_ids``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs

from ..handling import Marking
from ..model import Actor
from ..parts import ExternalIds

__all__ = ["MERGED_IDS", "combine", "renamed"]

MERGED_IDS = "x_merged_ids"
"""The ``x_`` key listing the ids a merged object absorbed."""

_REFS = ("parent", "claimant", "affiliation", "subject", "object")
_REF_LISTS = ("backers", "about", "basis")


def renamed(item: Any, ref: Callable[[str], str]) -> Any:
    """``item`` with every id it refers to passed through ``ref``."""
    fields = attrs.fields_dict(type(item))
    changes: dict[str, Any] = {}
    for name in _REFS:
        value = getattr(item, name, None) if name in fields else None
        if value is not None:
            changes[name] = ref(value)
    for name in _REF_LISTS:
        if name in fields:
            changes[name] = _unique(ref(i) for i in getattr(item, name))
    if "citations" in fields:
        changes["citations"] = tuple(
            c if c.source is None else attrs.evolve(c, source=ref(c.source)) for c in item.citations
        )
    if "participants" in fields:
        changes["participants"] = tuple(
            attrs.evolve(p, actor=ref(p.actor)) for p in item.participants
        )
    casualties = getattr(item, "casualties", None)
    if casualties is not None and casualties.sides:
        sides = tuple(attrs.evolve(s, actor=ref(s.actor)) for s in casualties.sides)
        changes["casualties"] = attrs.evolve(casualties, sides=sides)
    retracted = getattr(item, "retracted", None)
    if retracted is not None and retracted.replaced_by is not None:
        changes["retracted"] = attrs.evolve(retracted, replaced_by=ref(retracted.replaced_by))
    changed = {k: v for k, v in changes.items() if v != getattr(item, k)}
    return attrs.evolve(item, **changed) if changed else item


def combine(objects: Sequence[Any], into: str) -> tuple[Any, tuple[str, ...]]:
    """One object from ``objects``, with id ``into``, and the values that lost.

    The objects are of one class, their references already renamed. Conflicts read
    ``"field: kept value / lost value"``.
    """
    first = objects[0]
    cls = type(first)
    conflicts: list[str] = []
    values: dict[str, Any] = {}
    for field in attrs.fields(cls):
        name = field.name
        if name in ("id", "extensions", "aliases"):
            continue
        own = [getattr(o, name) for o in objects]
        if cls is Actor and name == "name":  # the other names become aliases
            values[name] = own[0]
        elif isinstance(field.default, tuple) or isinstance(own[0], tuple):
            values[name] = _unique(v for value in own for v in value)
        elif name == "marking":
            values[name] = _marking(own)
        elif name == "external_ids":
            values[name] = _external_ids(own, conflicts)
        else:
            values[name] = _first(name, own, field.default, conflicts)
    absorbed = _unique(
        i
        for o in objects
        for i in (o.id, *o.extensions.get(MERGED_IDS, ()))
        if i != into and isinstance(i, str)
    )
    extensions: dict[str, Any] = {}
    for o in objects:
        for key, value in o.extensions.items():
            extensions.setdefault(key, value)
    if absorbed:
        extensions[MERGED_IDS] = list(absorbed)
    if cls is Actor:
        names = _unique(n for o in objects for n in (o.name, *o.aliases))
        values["aliases"] = tuple(n for n in names if n != values["name"])
    return cls(id=into, extensions=extensions, **values), tuple(conflicts)


def _first(name: str, values: list[Any], default: Any, conflicts: list[str]) -> Any:
    unset = default if not isinstance(default, attrs.Factory) else None  # type: ignore[arg-type]
    chosen = next((v for v in values if v is not None and v != unset), values[0])
    for value in values:
        if value is not None and value != unset and value != chosen:
            conflicts.append(f"{name}: {_short(chosen)} / {_short(value)}")
    return chosen


def _marking(values: list[Marking | None]) -> Marking | None:
    present = [m for m in values if m is not None]
    if not present or all(m == present[0] for m in present[1:]):  # one marking: as written
        return present[0] if present else None
    levels = [m.tlp for m in present if m.tlp is not None]
    caveats = _unique(c for m in present for c in m.caveats)
    extensions: dict[str, Any] = {}
    for m in present:
        for key, value in m.extensions.items():
            extensions.setdefault(key, value)
    return Marking(tlp=max(levels) if levels else None, caveats=caveats, extensions=extensions)


def _external_ids(values: list[ExternalIds | None], conflicts: list[str]) -> ExternalIds | None:
    present = [v for v in values if v is not None]
    if len(present) < 2:
        return present[0] if present else None
    fields: dict[str, Any] = {}
    for name in ("wikidata", "acled", "ucdp", "stix"):
        fields[name] = _first(
            f"external_ids.{name}", [getattr(v, name) for v in present], None, conflicts
        )
    extensions: dict[str, Any] = {}
    for v in present:
        for key, value in v.extensions.items():
            extensions.setdefault(key, value)
    return ExternalIds(**fields, extensions=extensions)


def _unique(items: Any) -> tuple[Any, ...]:
    seen: list[Any] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return tuple(seen)


def _short(value: Any) -> str:
    text = str(getattr(value, "value", value))
    return text if len(text) <= 60 else text[:57] + "..."
