"""``--max-tlp`` on JSON Lines: :func:`~osintreport.redaction.redact` a record at a time.

:func:`plan_redaction` reads a JSON Lines report once (twice when something is withheld)
and finds every id :func:`~osintreport.redaction.redact` would withhold: the objects
marked above the level, the claims whose claimant is one of them, and the relations with
an end among those. Only the withheld ids and each relation's ends are kept, never the
objects. :meth:`StreamRedaction.records` then filters any stream of the file's records:
withheld items are left out, and the others lose their references to them, as ``redact``
does to the whole report. The streaming writers (``convert``, every ``export`` but STIX)
take ``max_tlp=`` and do this themselves.

    >>> import osintreport as osr, tempfile, pathlib
    >>> from osintreport.handling import Marking
    >>> from osintreport.jsonl import iter_numbered_records
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "r.jsonl"
    >>> secret = Marking(tlp=osr.Tlp.RED)
    >>> osr.dump(osr.Report(id="r", title="t", actors=(
    ...     osr.Actor(id="a1", name="Open"), osr.Actor(id="a2", name="Hidden", marking=secret),
    ... )), path)
    >>> redaction = plan_redaction(path, "green")
    >>> sorted(redaction.withheld)
    ['a2']
    >>> [r.id for _, r in redaction.records(iter_numbered_records(path))]
    ['r', 'a1']
    >>> redaction.left_out
    1
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from .handling import effective_tlp
from .jsonl import Record, iter_numbered_records, single_report
from .model import COLLECTIONS, Report
from .redaction import _scrub, check_report_level
from .relation import Relation
from .streamed import file_lines, no_progress
from .vocab import Tlp

__all__ = ["StreamRedaction", "plan_redaction"]


@attrs.define
class StreamRedaction:
    """The ids to withhold from one JSON Lines report, and a filter for its records.

    Attributes:
        report_id: The report's id.
        limit: The most restricted level kept.
        withheld: The ids of the objects left out (with every reference to them).
        left_out: How many items the last full read through :meth:`records` left out
            (a writer that reads the file twice counts each item once).
    """

    report_id: str
    limit: Tlp
    withheld: frozenset[str]
    left_out: int = 0

    def records(self, records: Iterable[tuple[int, Record]]) -> Iterator[tuple[int, Record]]:
        """``(line number, record)`` as ``redact`` leaves each: scrubbed, or left out."""
        withheld = self.withheld
        if not withheld:
            yield from records
            return
        left_out = 0
        for number, record in records:
            if isinstance(record, Report):
                changes: dict[str, Any] = {}
                for kind in COLLECTIONS:
                    items = getattr(record, kind)
                    changes[kind] = tuple(
                        _scrub(i, withheld) for i in items if i.id not in withheld
                    )
                    left_out += len(items) - len(changes[kind])
                yield number, attrs.evolve(record, **changes)
            elif record.id in withheld:
                left_out += 1
            else:
                yield number, _scrub(record, withheld)
        self.left_out = left_out


def plan_redaction(
    path: str | os.PathLike[str],
    max_tlp: Tlp | str,
    *,
    progress: Callable[[int], object] = no_progress,
) -> StreamRedaction:
    """What :func:`~osintreport.redaction.redact` would withhold from the report in ``path``.

    Args:
        path: A JSON Lines file holding one report.
        max_tlp: The most restricted level the recipient may see (``"green"``, ...).
        progress: Called with the number of characters read, on each read.

    Raises:
        MarkingError: The report itself is marked above ``max_tlp``.
        LoadError: A bad line (with its number), no report header, a second one, or an
            item before it.
        ValueError: ``max_tlp`` is not a TLP 2.0 level.
    """
    limit = Tlp.parse(max_tlp)
    name = os.fspath(path)
    floor, report_id = None, ""
    marked: set[str] = set()
    ends: list[tuple[str, str, str | None]] = []  # each relation: id, subject, object
    records = iter_numbered_records(file_lines(path, progress), file=name)
    for _, record in single_report(records, file=name):
        if isinstance(record, Report):
            floor, report_id = record.marking, record.id
            check_report_level(record, limit)
            items: Iterable[Any] = (i for kind in COLLECTIONS for i in getattr(record, kind))
        else:
            items = (record,)
        for item in items:
            level = effective_tlp(item.marking, floor)
            if level is not None and level > limit:
                marked.add(item.id)
            if isinstance(item, Relation):
                ends.append((item.id, item.subject, item.object))
    if not marked:
        return StreamRedaction(report_id=report_id, limit=limit, withheld=frozenset())
    withheld = marked | _claims_by(path, marked, progress)
    withheld.update(i for i, subject, obj in ends if subject in withheld or obj in withheld)
    return StreamRedaction(report_id=report_id, limit=limit, withheld=frozenset(withheld))


def _claims_by(
    path: str | os.PathLike[str], marked: set[str], progress: Callable[[int], object]
) -> set[str]:
    """The ids of the claims whose claimant is ``marked``: a second, plain JSON read.

    The first read built every record, so each line is known good; claims are not
    migrated between schema versions, so the ``claimant`` written is the one loaded.
    """
    found: set[str] = set()
    for line in file_lines(path, progress):
        data = json.loads(line) if line.strip() else None
        if not isinstance(data, dict):
            continue
        if data.get("type") == "claim":
            claims: Iterable[Any] = (data,)
        elif data.get("type") == "report":
            claims = data.get("claims") or ()
        else:
            continue
        found.update(c["id"] for c in claims if c.get("claimant") in marked)
    return found
