"""Passes over a JSON Lines report for the streaming commands (private).

:func:`index_file` is the first pass of streamed validation: the header, the small
collections, every id's kind (see :mod:`osintreport.jsonl_validate`). :func:`header_with`
and :func:`items_of_kind` are the passes of the streaming writers (GeoJSON, ACLED, UCDP,
STIX): the header with the collections they keep, then one collection at a time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from .errors import Problem
from .jsonl import (
    CLASS_OF,
    COLLECTION_OF,
    DecodedLines,
    Record,
    _before_header,
    _no_header,
    _raise_problems,
    _second_header,
    iter_numbered_records,
    iter_record_lines,
    single_report,
)
from .model import COLLECTIONS, Report
from .streamed import file_lines

if TYPE_CHECKING:
    from .jsonl_redact import StreamRedaction

__all__ = [
    "KEPT",
    "RANK",
    "STREAMED",
    "Index",
    "header_with",
    "index_file",
    "items_of",
    "items_of_kind",
    "report_records",
    "skim_lines",
]

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


def skim_lines(lines: Iterable[str], wanted: Callable[[str, str], bool]) -> Iterator[str]:
    """The lines, with events and claims not ``wanted`` passed on blank, unbuilt.

    Each event or claim line is parsed as plain JSON (a fifth of the cost of building its
    object) and ``wanted(collection, id)`` says whether it is to be built. A line left out
    is passed on blank, so line numbers stay right. A line that does not parse, or has no
    string id, is passed on whole, so building it reports what is wrong. Lines marked as
    decoded from UTF-8 (:class:`~osintreport.jsonl.DecodedLines`) come out marked too.
    """
    skimmed = _skim(lines, wanted)
    return DecodedLines(skimmed) if isinstance(lines, DecodedLines) else skimmed


def _skim(lines: Iterable[str], wanted: Callable[[str, str], bool]) -> Iterator[str]:
    for line in lines:
        if '"type"' in line:
            try:
                data = json.loads(line)
            except ValueError:
                yield line
                continue
            named = data.get("type") if isinstance(data, dict) else None
            kind = _SKIMMED.get(named) if isinstance(named, str) else None
            ident = data.get("id") if kind else None
            if kind and isinstance(ident, str) and not wanted(kind, ident):
                yield "\n"
                continue
        yield line


def report_records(
    path: str | os.PathLike[str],
    tick: Tick,
    redaction: StreamRedaction | None,
    *,
    built: str | None = "",
) -> Iterator[tuple[int, Record]]:
    """The records of the one report in ``path``, redacted when asked.

    With ``built`` (a collection, or ``None`` for neither), the events and claims not of
    that collection are passed over unbuilt (see :func:`skim_lines`); ``""``, the default,
    builds every line.

    Raises:
        LoadError: A bad line (with its number), no report header, a second one, or an
            item before it.
    """
    name = os.fspath(path)
    lines: Iterable[str] = file_lines(path, tick)
    if built != "":
        lines = skim_lines(lines, lambda kind, _: kind == built)
    records = single_report(iter_numbered_records(lines, file=name), file=name)
    return records if redaction is None else redaction.records(records)


def header_with(
    path: str | os.PathLike[str],
    tick: Tick,
    redaction: StreamRedaction | None,
    kinds: Iterable[str],
    *,
    skim: bool = False,
) -> Report:
    """The report header with its collections ``kinds`` (the header's own items first).

    With ``skim``, events and claims are not built (so a bad one is found on a later pass).
    """
    items: dict[str, list[Any]] = {kind: [] for kind in kinds}
    header: Report | None = None
    for _, record in report_records(path, tick, redaction, built=None if skim else ""):
        for kind, item in items_of(record):
            if kind in items:
                items[kind].append(item)
        if isinstance(record, Report):
            header = record
    assert header is not None  # single_report refuses a stream without one
    chosen: dict[str, Any] = {k: tuple(items.get(k, ())) for k in COLLECTIONS}
    return attrs.evolve(header, **chosen)


def items_of_kind(
    path: str | os.PathLike[str],
    tick: Tick,
    redaction: StreamRedaction | None,
    kind: str,
    *,
    skim: bool = False,
) -> Iterator[Any]:
    """The items of collection ``kind``, in the order loading gives them (the header's first).

    With ``skim``, the other kind of events and claims is not built.
    """
    cls = CLASS_OF[kind]
    for _, record in report_records(path, tick, redaction, built=kind if skim else ""):
        if isinstance(record, Report):
            yield from getattr(record, kind)
        elif isinstance(record, cls):
            yield record


def index_file(path: str | os.PathLike[str], name: str, tick: Tick, *, skim: bool) -> Index:
    """Pass 1: every bad line and misplaced header is reported at once, as a load does.

    With ``skim``, the events and claims after the header are only indexed, not built (see
    :func:`skim_lines`); a problem in one is found when it is built later, and then the
    file is read once more without ``skim`` for every problem.
    """
    index = Index()
    problems: list[Problem] = []

    def indexed(kind: str, ident: str) -> bool:
        if index.header is None:
            return True  # built, to be reported as coming before the header
        index.add_id(kind, ident)
        return False

    lines = file_lines(path, tick)
    for number, _, record in iter_record_lines(
        skim_lines(lines, indexed) if skim else lines, file=name, problems=problems
    ):
        if isinstance(record, Report):
            if index.header is not None:
                problems.append(_second_header(name, number))
                continue
            index.header, index.header_line = attrs.evolve(record, **_NO_ITEMS), number
        elif index.header is None:
            problems.append(_before_header(name, number))
        for kind, item in items_of(record):
            index.add(kind, item, number)
    if index.header is None and not problems:
        problems.append(_no_header(name))
    _raise_problems(problems)
    return index
