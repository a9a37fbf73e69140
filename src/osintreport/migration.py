"""Migration of older documents to the current schema, in one place.

Every reader calls :func:`migrate_report` on a whole report document and
:func:`migrate_record` on a JSON Lines record before structuring, so a file written by an
older release loads unchanged and is written back in the current version.

- **1 to 2**: an event's ``fatalities`` (an Estimate) becomes ``casualties.killed``.
  Everything else version 2 adds is new and optional, so a version 1 document is
  otherwise already valid.

A document without ``schema_version`` (a hand-written file, a bare record) is read as the
current version, except that keys which only an older version had are migrated: they cannot
mean anything else.
"""

from __future__ import annotations

from typing import Any

__all__ = ["migrate_event", "migrate_record", "migrate_report"]

_CURRENT = 2


def _version(data: dict[str, Any]) -> int | None:
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool):
        return version
    return None


def migrate_event(event: Any) -> Any:
    """An event mapping in version 2 shape (``fatalities`` moved to ``casualties.killed``).

    Returns the same object when there is nothing to change; never changes its argument.
    Keys keep their places, so error messages follow the document's order.
    """
    if not isinstance(event, dict) or "fatalities" not in event or "casualties" in event:
        return event
    return {
        ("casualties" if key == "fatalities" else key): (
            {"killed": value} if key == "fatalities" else value
        )
        for key, value in event.items()
    }


def migrate_report(data: Any) -> Any:
    """A report document in the current shape (the argument is not changed).

    Documents that are not mappings, or that already have the current shape, come back as
    they are; the structuring step reports whatever else is wrong with them.
    """
    if not isinstance(data, dict):
        return data
    version = _version(data)
    if version is not None and version >= _CURRENT:
        return data
    out = dict(data)
    if version is not None:
        out["schema_version"] = _CURRENT
    events = data.get("events")
    if isinstance(events, list):
        out["events"] = [migrate_event(event) for event in events]
    return out


def migrate_record(kind: str, data: Any, version: int | None) -> Any:
    """A JSON Lines record of ``kind`` (``"event"``, ...) in the current shape.

    Args:
        kind: The record's ``type``.
        data: The record's fields.
        version: The ``schema_version`` of the report header it follows, if known.
    """
    if version is not None and version >= _CURRENT:
        return data
    if kind == "report":
        return migrate_report(data)
    if kind == "event":
        return migrate_event(data)
    return data
