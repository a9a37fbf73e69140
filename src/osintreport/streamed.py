"""What a JSON Lines report holds, read in two passes with memory that does not grow.

:func:`summarize` counts a report's objects and measures its citation coverage as
:func:`osintreport.citation_coverage.coverage` does, without building the report: the first
pass keeps the header, the counts and the ids of usable sources; the second checks each
statement's citations against them. Memory is that of the ids kept (usable sources, and the
statements that cite none), not of the objects. ``osintreport summary`` uses it for a
``.jsonl`` file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from .citation_coverage import Coverage, KindCoverage, is_cited, is_usable
from .errors import LoadError, Problem
from .jsonl import (
    COLLECTION_OF,
    DecodedLines,
    iter_numbered_records,
    iter_records,
    single_report,
)
from .model import COLLECTIONS, Assessment, Claim, Event, Report, Source

__all__ = [
    "CoverageCounter",
    "ScaledTick",
    "Summary",
    "file_lines",
    "no_progress",
    "summarize",
]

_STATEMENTS = ("claims", "events", "assessments")


@attrs.frozen(kw_only=True)
class Summary:
    """A report's header, the number of objects of each kind, and its citation coverage.

    Attributes:
        report: The report's own fields (its collections empty).
        counts: How many actors, events, claims, assessments, sources and relations it has.
        coverage: Its citation coverage.
    """

    report: Report
    counts: dict[str, int]
    coverage: Coverage


def no_progress(_: int) -> None:
    """A progress callback that does nothing: the default where none is given."""


class ScaledTick:
    """A progress callback that passes ``scale`` times what it is given on to ``tick``.

    In whole numbers, the fractions carried over: for a pass whose characters stand for
    another amount (a file's bytes, a bundle's share).
    """

    __slots__ = ("done", "scale", "tick", "told")

    def __init__(self, tick: Callable[[int], object], scale: float) -> None:
        self.tick, self.scale = tick, scale
        self.done = self.told = 0

    def __call__(self, count: int) -> None:
        """Count ``count``, passing on what it comes to in whole numbers."""
        self.done += count
        due = int(self.done * self.scale) - self.told
        if due > 0:
            self.tick(due)
            self.told += due


def file_lines(path: str | os.PathLike[str], tick: Callable[[int], object]) -> DecodedLines:
    """The lines of a UTF-8 file, calling ``tick`` with each one's length.

    A byte order mark at the start is dropped, as :func:`osintreport.load` drops it. The
    lines are marked as decoded (``jsonl.DecodedLines``), for the readers
    of :mod:`osintreport.jsonl`.

    Raises:
        LoadError: The file cannot be read, or is not UTF-8 (naming the line after which).
    """
    return DecodedLines(_read_lines(path, tick))


def _read_lines(path: str | os.PathLike[str], tick: Callable[[int], object]) -> Iterator[str]:
    number = 0
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for number, line in enumerate(handle, start=1):  # noqa: B007 - read after the loop
                tick(len(line))
                yield line
    except UnicodeDecodeError as error:
        message = f"not UTF-8 text ({error.reason}, after line {number})"
        raise LoadError([Problem(message=message, file=os.fspath(path))]) from None
    except OSError as error:
        message = f"cannot read file: {error.strerror or error}"
        raise LoadError([Problem(message=message, file=os.fspath(path))]) from None


def _statements_in(record: object) -> list[Claim | Event | Assessment]:
    """The statements a record is (an item line) or holds (a header line with items)."""
    if isinstance(record, Report):
        return [*record.events, *record.claims, *record.assessments]
    if isinstance(record, Claim | Event | Assessment):
        return [record]
    return []


def summarize(
    path: str | os.PathLike[str], *, progress: Callable[[int], object] | None = None
) -> Summary:
    """Summarize the one report in the JSON Lines file ``path``.

    Args:
        path: A ``.jsonl`` file holding one report.
        progress: Called with the number of characters read, on both passes.

    Raises:
        LoadError: A bad line (every line is checked, as when loading), no report header,
            or more than one.
    """
    tick = progress or no_progress
    name = os.fspath(path)
    head: Report | None = None
    counts = dict.fromkeys(COLLECTIONS, 0)
    usable: set[str] = set()
    records = iter_numbered_records(file_lines(path, tick), file=name)
    for _, record in single_report(records, file=name):
        if isinstance(record, Report):
            for kind in counts:  # items written inside the header line count too
                counts[kind] += len(getattr(record, kind))
            usable.update(source.id for source in record.sources if is_usable(source))
            empty: dict[str, Any] = dict.fromkeys(counts, ())
            head = attrs.evolve(record, **empty)
            continue
        counts[COLLECTION_OF[type(record)]] += 1
        if isinstance(record, Source) and is_usable(record):
            usable.add(record.id)
    assert head is not None  # single_report refuses a file without one
    counter = CoverageCounter(usable)
    for record in iter_records(file_lines(path, tick), file=name):
        for statement in _statements_in(record):
            counter.add(statement)
    return Summary(report=head, counts=counts, coverage=counter.coverage())


class CoverageCounter:
    """Citation coverage counted one statement at a time, keeping only uncited ids.

    Gives what :func:`osintreport.citation_coverage.coverage` gives for the whole report
    when every claim, event and assessment is added in document order.

    Args:
        usable: The ids of the report's usable sources
            (:func:`osintreport.citation_coverage.is_usable`).
    """

    def __init__(self, usable: set[str] | frozenset[str]) -> None:
        self.usable = usable
        self.totals = dict.fromkeys(_STATEMENTS, 0)
        self.uncited: dict[str, list[str]] = {kind: [] for kind in _STATEMENTS}

    def add(self, statement: Claim | Event | Assessment) -> None:
        """Count one statement."""
        kind = COLLECTION_OF[type(statement)]
        self.totals[kind] += 1
        if not is_cited(statement, self.usable):
            self.uncited[kind].append(statement.id)

    def coverage(self) -> Coverage:
        """The coverage of the statements added so far."""
        parts = {
            kind: KindCoverage(
                kind=kind,
                total=self.totals[kind],
                cited=self.totals[kind] - len(self.uncited[kind]),
                uncited=tuple(self.uncited[kind]),
            )
            for kind in _STATEMENTS
        }
        overall = KindCoverage(
            kind="all",
            total=sum(p.total for p in parts.values()),
            cited=sum(p.cited for p in parts.values()),
            uncited=tuple(i for p in parts.values() for i in p.uncited),
        )
        return Coverage(overall=overall, **parts)
