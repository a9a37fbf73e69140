"""The first pass of streamed validation: the header, the small collections, every id's kind.

See :mod:`osintreport.jsonl_validate` (private).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from .errors import LoadError, Problem, SchemaVersionError
from .jsonl import COLLECTION_OF, Record, iter_record_lines
from .model import COLLECTIONS, Report
from .streamed import file_lines

__all__ = ["KEPT", "RANK", "STREAMED", "Index", "index_file", "items_of"]

STREAMED = ("events", "claims")
"""The collections read a window at a time."""
KEPT = ("actors", "sources", "assessments", "relations")
"""The collections kept whole."""
RANK = {kind: rank for rank, kind in enumerate(COLLECTIONS)}
"""Each collection's place in ``COLLECTIONS``: where an id repeats, the first use wins."""
_SKIMMED = {"event": "events", "claim": "claims"}
_NO_ITEMS: dict[str, Any] = dict.fromkeys(COLLECTIONS, ())

Tick = Callable[[int], object]


class Index:
    """What the first pass keeps: the header, the small collections and every id's kind."""

    def __init__(self) -> None:
        self.header: Report | None = None
        self.header_line = 0
        self.kinds: dict[str, str] = {}
        self.repeated: set[str] = set()
        self.counts = dict.fromkeys(COLLECTIONS, 0)
        self.kept: dict[str, list[Any]] = {kind: [] for kind in KEPT}
        self.lines: dict[str, list[int]] = {kind: [] for kind in KEPT}

    def add(self, kind: str, item: Any, line: int) -> None:
        """Index an item of collection ``kind`` read on ``line``; keep it if its kind is kept."""
        self.add_id(kind, item.id)
        if kind in self.kept:
            self.kept[kind].append(item)
            self.lines[kind].append(line)

    def add_id(self, kind: str, ident: str) -> None:
        """Count an item of collection ``kind`` and index its id (for a skimmed line)."""
        known = self.kinds.get(ident)
        if known is None:
            self.kinds[ident] = kind
        else:
            self.repeated.add(ident)
            if RANK[kind] < RANK[known]:  # the first use is of the earliest collection
                self.kinds[ident] = kind
        self.counts[kind] += 1


def items_of(record: Record) -> Iterable[tuple[str, Any]]:
    """``(collection, item)`` of what a record holds: a header's own items, or itself."""
    if isinstance(record, Report):
        return [(kind, item) for kind in COLLECTIONS for item in getattr(record, kind)]
    return [(COLLECTION_OF[type(record)], record)]


def _skimming(lines: Iterable[str], index: Index) -> Iterator[str]:
    """The lines, with each event and claim after the header only indexed, not built.

    Parsing a line as plain JSON costs a fifth of building its object. A skimmed line is
    passed on blank, so line numbers stay right; one that does not skim cleanly is passed
    on whole and built, and any problem in a skimmed one is found when it is built later
    (then the file is read once more for every problem, as a load reports them).
    """
    for line in lines:
        if index.header is not None and '"type"' in line:
            try:
                data = json.loads(line)
            except ValueError:
                yield line
                continue
            named = data.get("type") if isinstance(data, dict) else None
            kind = _SKIMMED.get(named) if isinstance(named, str) else None
            ident = data.get("id") if kind else None
            if kind and isinstance(ident, str):
                index.add_id(kind, ident)
                yield "\n"
                continue
        yield line


def index_file(path: str | os.PathLike[str], name: str, tick: Tick, *, skim: bool) -> Index:
    """Pass 1: every bad line and misplaced header is reported at once, as a load does.

    With ``skim``, events and claims are only indexed (see :func:`_skimming`).
    """
    index = Index()
    problems: list[Problem] = []
    lines = file_lines(path, tick)
    for number, _, record in iter_record_lines(
        _skimming(lines, index) if skim else lines, file=name, problems=problems
    ):
        if isinstance(record, Report):
            if index.header is not None:
                message = "a second report header: this file holds several; use iter_reports"
                problems.append(Problem(message=message, file=name, line=number))
                continue
            index.header, index.header_line = attrs.evolve(record, **_NO_ITEMS), number
        elif index.header is None:
            message = "a record comes before the report header line"
            problems.append(Problem(message=message, file=name, line=number))
        for kind, item in items_of(record):
            index.add(kind, item, number)
    if index.header is None and not problems:
        problems.append(Problem(message="no report header line (type: report)", file=name))
    if problems:
        newer = any(p.path == "$.schema_version" for p in problems)
        raise (SchemaVersionError if newer else LoadError)(problems)
    return index
