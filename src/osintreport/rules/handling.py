"""Rules on markings and provenance (OSR7xx)."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator
from typing import Any

from ..findings import Severity
from ..model import COLLECTIONS
from ..ruleset import Context, Hit, path_of, rule
from ..vocab import Tlp

__all__ = ["marked_above_report", "modified_before_created"]


def _items(ctx: Context, field: str) -> Iterator[tuple[str, Any]]:
    """``(path, object)`` for the report and every object in it whose ``field`` is set.

    Objects without it are passed over at C speed (``compress`` over ``map``), so a report
    that uses no markings or timestamps costs one pass per collection.
    """
    get = operator.attrgetter(field)
    if get(ctx.report) is not None:
        yield "$", ctx.report
    for kind in COLLECTIONS:
        items = getattr(ctx.report, kind)
        for index in itertools.compress(itertools.count(), map(get, items)):
            yield path_of(kind, index), items[index]


@rule(
    "OSR701",
    "marked-above-report",
    Severity.WARNING,
    "An object marked with a stricter TLP level than the report that contains it.",
)
def marked_above_report(ctx: Context) -> Iterator[Hit]:
    """The report's marking must cover what it holds, or sharing it leaks the object."""
    report = ctx.report
    floor = report.marking.tlp if report.marking and report.marking.tlp else None
    for path, item in _items(ctx, "marking"):
        if item is report or item.marking.tlp is None:
            continue
        level = item.marking.tlp
        if level > (floor or Tlp.CLEAR):
            shown = f"TLP:{floor.value.upper()}" if floor else "no TLP level"
            yield Hit(
                path=f"{path}.marking.tlp",
                subject=item.id,
                message=(
                    f"{item.id!r} is marked TLP:{level.value.upper()} but the report is "
                    f"marked {shown}"
                ),
                hint=(
                    f"raise the report's marking to {level.value}, or share it with "
                    f"--max-tlp {(floor or Tlp.CLEAR).value} to leave the object out"
                ),
            )


@rule(
    "OSR702",
    "modified-before-created",
    Severity.ERROR,
    "An object whose modified time is before its created time.",
)
def modified_before_created(ctx: Context) -> Iterator[Hit]:
    """An object cannot be changed before it was made."""
    for path, item in _items(ctx, "modified"):
        created, modified = item.created, item.modified
        if created is not None and modified is not None and modified < created:
            yield Hit(
                path=f"{path}.modified",
                subject=item.id,
                message=(
                    f"{item.id!r} was modified ({modified.isoformat()}) before it was "
                    f"created ({created.isoformat()})"
                ),
                hint="swap the two times, or correct the one that is wrong",
            )
