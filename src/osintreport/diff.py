"""What changed between two versions of a report: objects added, removed and changed.

:func:`diff` matches objects by collection and id; an object whose id changed but whose
content did not is matched by content and reported as renamed. Changes are listed field by
field, as the report file writes the fields, and the ones analysts look for first are called
out (:meth:`ReportDiff.highlights`): an assessment's likelihood or confidence moving
("likely -> very likely"), a claim newly corroborated, disputed, judged false or retracted.
:func:`apply` replays a diff: ``apply(old, diff(old, new)) == new``.

    >>> import attrs
    >>> import osintreport as osr
    >>> judgment = osr.Assessment(id="a1", text="Militias will attack.",
    ...                           likelihood=osr.Likelihood.LIKELY)
    >>> old = osr.Report(id="r", title="Update 1", assessments=(judgment,))
    >>> new = attrs.evolve(old, title="Update 2", assessments=(
    ...     attrs.evolve(judgment, likelihood=osr.Likelihood.VERY_LIKELY),))
    >>> changes = diff(old, new)
    >>> changes.highlights()
    ['assessments/a1: likelihood likely -> very likely']
    >>> apply(old, changes) == new
    True
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from .jsonl import CLASS_OF
from .model import COLLECTIONS, Report
from .serialization import structure, unstructure

__all__ = ["ABSENT", "FieldChange", "ObjectChange", "ReportDiff", "apply", "diff"]


class _Absent:
    """The value of a field a version does not set (``None`` is a value: JSON's null)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()
"""What :class:`FieldChange` holds for a field one version does not set."""

_WATCHED = {
    "assessments": ("likelihood", "confidence"),
    "claims": ("status", "credibility"),
    "relations": ("likelihood", "confidence"),
}


@attrs.frozen(kw_only=True)
class FieldChange:
    """One field's old and new value, as the report file writes them.

    Attributes:
        field: The field's name (``likelihood``, ``where``, ``x_note``).
        old: Its value before, in plain data; :data:`ABSENT` when it was not set.
        new: Its value after; :data:`ABSENT` when it is not set.
    """

    field: str
    old: Any
    new: Any

    def __str__(self) -> str:
        return f"{self.field}: {_show(self.old)} -> {_show(self.new)}"


@attrs.frozen(kw_only=True)
class ObjectChange:
    """An object found in both versions that differs, field by field.

    Attributes:
        collection: ``actors``, ``events``, ``claims``, ``assessments``, ``sources`` or
            ``relations``.
        id: Its id in the new version.
        old_id: Its id in the old version, when it was renamed (else the same as ``id``).
        fields: The fields that changed, in the order the model declares them.
    """

    collection: str
    id: str
    old_id: str
    fields: tuple[FieldChange, ...]


@attrs.frozen(kw_only=True)
class ReportDiff:
    """The difference between an old and a new version of a report (see :func:`diff`).

    Attributes:
        report: Changes to the report's own fields (title, dates, marking, ``x_`` keys).
        added: ``(collection, object)`` for each object only the new version has.
        removed: ``(collection, object)`` for each object only the old version has.
        changed: Each object in both that differs, or was renamed.
        order: For each collection, the ids of the new version in its order (for
            :func:`apply`).
    """

    report: tuple[FieldChange, ...]
    added: tuple[tuple[str, Any], ...]
    removed: tuple[tuple[str, Any], ...]
    changed: tuple[ObjectChange, ...]
    order: dict[str, tuple[str, ...]] = attrs.field(factory=dict, eq=False)

    def __bool__(self) -> bool:
        return bool(self.report or self.added or self.removed or self.changed)

    def highlights(self) -> list[str]:
        """The changes analysts look for first, one line each.

        Likelihood and confidence of assessments and relations, status and credibility of
        claims, retractions, and objects added or removed.
        """
        return list(highlight_lines(self.changed, self.added, self.removed))

    def __str__(self) -> str:
        lines = list(change_lines(self.report, self.added, self.removed, self.changed))
        return "\n".join(lines) if lines else "no differences"

    def to_data(self) -> dict[str, Any]:
        """The diff as plain data, ready for ``json.dumps``."""
        return {
            "report": [field_data(c) for c in self.report],
            "added": [object_data(k, o) for k, o in self.added],
            "removed": [object_data(k, o) for k, o in self.removed],
            "changed": [change_data(c) for c in self.changed],
            "highlights": self.highlights(),
        }

    def _repr_html_(self) -> str:
        from .views.notebook import diff_html

        return diff_html(self)


def highlight_lines(
    changed: Iterable[ObjectChange],
    added: Iterable[tuple[str, Any]],
    removed: Iterable[tuple[str, Any]],
) -> Iterator[str]:
    """The lines of :meth:`ReportDiff.highlights`, one at a time, from any iterables."""
    for change in changed:
        for field in change.fields:
            if field.field in _WATCHED.get(change.collection, ()):
                default = attrs.fields_dict(CLASS_OF[change.collection])[field.field].default
                old, new = _term(field.old, default), _term(field.new, default)
                yield f"{change.collection}/{change.id}: {field.field} {old} -> {new}"
            elif field.field == "retracted" and field.new is not None:
                yield f"{change.collection}/{change.id}: retracted"
    yield from (f"{kind}/{obj.id}: added" for kind, obj in added)
    yield from (f"{kind}/{obj.id}: removed" for kind, obj in removed)


def change_lines(
    report: Iterable[FieldChange],
    added: Iterable[tuple[str, Any]],
    removed: Iterable[tuple[str, Any]],
    changed: Iterable[ObjectChange],
) -> Iterator[str]:
    """The lines of ``str(diff)``, one at a time, from any iterables."""
    yield from (f"~ report: {change}" for change in report)
    yield from (f"+ {kind}/{obj.id}: {_headline(obj)}" for kind, obj in added)
    yield from (f"- {kind}/{obj.id}: {_headline(obj)}" for kind, obj in removed)
    for change in changed:
        name = f"{change.collection}/{change.id}"
        if change.old_id != change.id:
            yield f"~ {name}: renamed from {change.old_id}"
        yield from (f"~ {name}: {field}" for field in change.fields)


def field_data(change: FieldChange) -> dict[str, Any]:
    """A field change as JSON data: ``old`` or ``new`` left out where the field was not set."""
    data = {"field": change.field, "old": change.old, "new": change.new}
    return {k: v for k, v in data.items() if v is not ABSENT}


def object_data(collection: str, obj: Any) -> dict[str, Any]:
    """An added or removed object as JSON data, with its collection."""
    return {"collection": collection, "object": unstructure(obj)}


def change_data(change: ObjectChange) -> dict[str, Any]:
    """An object's changes as JSON data."""
    return {
        "collection": change.collection,
        "id": change.id,
        "old_id": change.old_id,
        "fields": [field_data(f) for f in change.fields],
    }


def _show(value: Any) -> str:
    if value is ABSENT:
        return "(not set)"
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 80 else text[:77] + "..."


def _term(value: Any, default: Any) -> str:
    """A vocabulary term as read ("very likely"); not set means the field's default."""
    if value is ABSENT:
        value = getattr(default, "value", default)
    return "(none)" if value is None else str(value).replace("_", " ")


def _headline(obj: Any) -> str:
    for name in ("name", "summary", "text", "title", "url"):
        value = getattr(obj, name, None)
        if isinstance(value, str):
            return _show(value)
    return getattr(obj, "kind", type(obj)).__str__()


def changed_fields(old: dict[str, Any], new: dict[str, Any], names: list[str]) -> list[FieldChange]:
    """Changed fields: the model's in order, then ``x_`` keys in sorted order."""
    extra = sorted((old.keys() | new.keys()) - set(names))
    return [
        FieldChange(field=name, old=old.get(name, ABSENT), new=new.get(name, ABSENT))
        for name in [*names, *extra]
        if old.get(name, ABSENT) != new.get(name, ABSENT)
    ]


def content_key(data: dict[str, Any]) -> str:
    """An object's content without its id, to match it when only the id changed."""
    return json.dumps({k: v for k, v in data.items() if k != "id"}, sort_keys=True, default=str)


def diff(old: Report, new: Report) -> ReportDiff:
    """The difference between ``old`` and ``new``: matched by id, then by content."""
    added: list[tuple[str, Any]] = []
    removed: list[tuple[str, Any]] = []
    changed: list[ObjectChange] = []
    order: dict[str, tuple[str, ...]] = {}
    for collection in COLLECTIONS:
        before = {o.id: o for o in getattr(old, collection)}
        after = getattr(new, collection)
        order[collection] = tuple(o.id for o in after)
        kept = {o.id for o in after}
        gone = {i: unstructure(o) for i, o in before.items() if i not in kept}
        by_content: dict[str, list[str]] = {}
        for ident, data in gone.items():
            by_content.setdefault(content_key(data), []).append(ident)
        for obj in after:
            data = unstructure(obj)
            names = [f.name for f in attrs.fields(type(obj))]
            if obj.id in before:
                fields = tuple(changed_fields(unstructure(before[obj.id]), data, names))
                if fields:
                    changed.append(
                        ObjectChange(collection=collection, id=obj.id, old_id=obj.id, fields=fields)
                    )
                continue
            match = by_content.get(content_key(data))
            if match:  # the same content under another id: renamed
                old_id = match.pop(0)
                del gone[old_id]
                changed.append(
                    ObjectChange(collection=collection, id=obj.id, old_id=old_id, fields=())
                )
            else:
                added.append((collection, obj))
        removed += [(collection, before[ident]) for ident in gone]
    names = [f.name for f in attrs.fields(Report) if f.name not in COLLECTIONS]
    return ReportDiff(
        report=tuple(changed_fields(head_data(old), head_data(new), names)),
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        order=order,
    )


def head_data(report: Report) -> dict[str, Any]:
    """The report's own fields as plain data, without unstructuring its collections."""
    empty: dict[str, Any] = dict.fromkeys(COLLECTIONS, ())
    data: dict[str, Any] = unstructure(attrs.evolve(report, **empty))
    return data


def apply(old: Report, changes: ReportDiff) -> Report:
    """The new version of a report: ``old`` with ``changes`` made (``diff``'s inverse)."""
    data = head_data(old)
    for field in changes.report:
        _set(data, field)
    for collection in COLLECTIONS:
        objects = {o.id: unstructure(o) for o in getattr(old, collection)}
        for kind, obj in changes.removed:
            if kind == collection:
                objects.pop(obj.id, None)
        for change in changes.changed:
            if change.collection == collection:
                moved = objects.pop(change.old_id)
                moved["id"] = change.id
                for field in change.fields:
                    _set(moved, field)
                objects[change.id] = moved
        for kind, obj in changes.added:
            if kind == collection:
                objects[obj.id] = unstructure(obj)
        wanted = changes.order.get(collection, tuple(objects))
        items = [objects[ident] for ident in wanted if ident in objects]
        if items:
            data[collection] = items
    result: Report = structure(data)
    return result


def _set(data: dict[str, Any], change: FieldChange) -> None:
    if change.new is ABSENT:
        data.pop(change.field, None)
    else:
        data[change.field] = change.new
