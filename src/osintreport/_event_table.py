"""Event tables of other tools (ACLED, UCDP GED) read and written cell for cell (private).

:func:`read_rows` and :func:`write_rows` do what both formats share: the header, rows that
do not fit (listed with their line numbers, never dropped), repeated ids, the columns kept
per report, the events a format cannot hold. Each format gives the cells of one event.

A reader derives, from the object it built, the cells a writer would write; each cell of the
row as read that differs is kept, with what the model gave for it then::

    x_acled: {cells: {inter1: "6"}, as_read: {inter1: "7"}}

A writer derives the cells from the object as it is now and writes each kept cell back as
read while the model still gives what it gave at reading. Once that part of the object is
edited, the model's value wins. A row read and written unchanged is the same row.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, Any, TypeVar

import attrs

from ._files import atomic_writer
from .errors import FieldTypeError, FieldValueError
from .model import Actor, Event, Report, Source

__all__ = [
    "EventStream",
    "RowProblem",
    "from_file",
    "iter_rows",
    "keep",
    "lines_from",
    "read_rows",
    "restore",
    "write_rows",
    "write_rows_to",
]

T = TypeVar("T")


def lines_from(
    source: str | os.PathLike[str] | Iterable[str], read: Callable[[Iterable[str]], T]
) -> T:
    """``read`` the lines of a path (UTF-8, a BOM skipped) or of any iterable of lines."""
    if isinstance(source, str | os.PathLike):
        with open(source, encoding="utf-8-sig", newline="") as handle:
            return read(handle)
    return read(source)


@attrs.frozen(kw_only=True)
class RowProblem:
    """A CSV row that could not become an event.

    Attributes:
        line: The line number in the file (the header is line 1).
        message: What is wrong with it.
    """

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


Rows = list[tuple[Event, dict[str, str]]]


@attrs.frozen(kw_only=True)
class EventStream:
    """A table read in two passes: what the first found, and the events of the second.

    Attributes:
        header: The report, without its items.
        actors: Every actor, in the order first named.
        sources: Every source, in the order first named.
        problems: The rows left out, with their line numbers and why.
        events: Called once, reads the file again and yields each event as it is built.
    """

    header: Report
    actors: tuple[Actor, ...]
    sources: tuple[Source, ...]
    problems: tuple[RowProblem, ...]
    events: Callable[[], Iterator[Event]]

    def records(self) -> Iterator[tuple[int, Report | Event | Actor | Source]]:
        """``(number, record)``: the header, the events, the actors and the sources."""
        yield 0, self.header
        yield from enumerate(self.events(), start=1)
        yield from ((0, actor) for actor in self.actors)
        yield from ((0, source) for source in self.sources)


def from_file(
    path: str | os.PathLike[str], read: Callable[[Iterable[str]], Iterator[T]]
) -> Callable[[], Iterator[T]]:
    """A function that opens ``path`` (as :func:`lines_from` does) and yields ``read``'s items."""

    def items() -> Iterator[T]:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            yield from read(handle)

    return items


def read_rows(
    lines: Iterable[str],
    *,
    required: tuple[str, ...],
    id_column: str,
    build: Callable[[dict[str, str]], Event],
) -> tuple[list[str], Rows, list[RowProblem]]:
    """The header, each event built with the row it came from, and the rows left out.

    A row is left out, with its line number and why, when it has more fields than columns,
    ``build`` refuses it (``ValueError`` or a model error), or its id repeats an earlier row.
    """
    problems: list[RowProblem] = []
    header, rows = iter_rows(
        lines, required=required, id_column=id_column, build=build, problems=problems
    )
    return header, list(rows), problems


def iter_rows(
    lines: Iterable[str],
    *,
    required: tuple[str, ...],
    id_column: str,
    build: Callable[[dict[str, str]], Event],
    problems: list[RowProblem],
) -> tuple[list[str], Iterator[tuple[Event, dict[str, str]]]]:
    """:func:`read_rows` one row at a time: the header, and the rows as they are read.

    Each row left out is added to ``problems`` when the iteration reaches it.
    """
    reader = csv.DictReader(lines)
    header = [str(c) for c in reader.fieldnames or []]
    missing = [c for c in required if c not in header]
    if missing:
        problems.append(RowProblem(line=1, message=f"missing column(s): {', '.join(missing)}"))
        return header, iter(())

    def rows() -> Iterator[tuple[Event, dict[str, str]]]:
        seen: set[str] = set()
        for row in reader:
            line = reader.line_num
            if None in row:
                problems.append(RowProblem(line=line, message="more fields than columns"))
                continue
            cells = {k: v or "" for k, v in row.items()}
            try:
                event = build(cells)
            except (ValueError, FieldValueError, FieldTypeError) as error:
                problems.append(RowProblem(line=line, message=str(error)))
                continue
            if event.id in seen:
                message = f"{id_column} {event.id!r} repeats an earlier row"
                problems.append(RowProblem(line=line, message=message))
                continue
            seen.add(event.id)
            yield event, cells

    return header, rows()


def write_rows(
    reports: Report | Iterable[Report],
    *,
    columns: tuple[str, ...],
    columns_key: str,
    cells_of: Callable[[Report], Callable[[Event], dict[str, str] | None]],
    unwritable: str,
    path: str | os.PathLike[str] | None,
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """CSV of the reports' events: the columns read (``columns_key``) or ``columns``.

    ``cells_of(report)`` gives the function making an event's cells (kept cells included),
    or ``None`` for an event the format cannot hold: that one is skipped, with ``unwritable``.
    """
    listed = [reports] if isinstance(reports, Report) else list(reports)
    out = io.StringIO(newline="")
    skipped = write_rows_to(
        out,
        [(report, report.events) for report in listed],
        columns=columns,
        columns_key=columns_key,
        cells_of=cells_of,
        unwritable=unwritable,
    )
    text = out.getvalue()
    if path is not None:
        with atomic_writer(path) as handle:
            handle.write(text)
    return text, skipped


def write_rows_to(
    out: IO[str],
    parts: Iterable[tuple[Report, Iterable[Event]]],
    *,
    columns: tuple[str, ...],
    columns_key: str,
    cells_of: Callable[[Report], Callable[[Event], dict[str, str] | None]],
    unwritable: str,
) -> tuple[tuple[str, str], ...]:
    """:func:`write_rows` to ``out``, each report's events given apart from it (a stream).

    Each report in ``parts`` gives the columns and what ``cells_of`` needs (its actors,
    sources and extensions); its events are the iterable beside it, read once.
    """
    parts = list(parts)
    header: list[str] = []
    for report, _ in parts:
        kept = report.extensions.get(columns_key)
        for column in kept if isinstance(kept, list) else columns:
            if str(column) not in header:
                header.append(str(column))
    header = header or list(columns)
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    skipped: list[tuple[str, str]] = []
    for report, events in parts:
        make = cells_of(report)
        for event in events:
            row = make(event)
            if row is None:
                skipped.append((event.id, unwritable))
            else:
                writer.writerow({column: row.get(column, "") for column in header})
    return tuple(skipped)


def keep(
    event: Event,
    key: str,
    given: Mapping[str, str],
    derived: Mapping[str, str] | None,
    columns: Iterable[str],
) -> Event:
    """``event`` with ``key`` (``x_acled``...) holding the cells ``derived`` does not give back.

    ``given`` is the row as read, ``derived`` what the model gives for the event (``None``
    when the format cannot hold it: every cell is kept).
    """
    value = _kept(given, derived or {}, columns)
    if value is None:
        return event
    return attrs.evolve(event, extensions={**event.extensions, key: value})


def _kept(
    given: Mapping[str, str], derived: Mapping[str, str], columns: Iterable[str]
) -> dict[str, Any] | None:
    cells: dict[str, str] = {}
    as_read: dict[str, str] = {}
    for column in columns:
        cell, made = given.get(column, ""), derived.get(column, "")
        if cell != made:
            cells[column] = cell
            if made:
                as_read[column] = made
    if not cells:
        return None
    value: dict[str, Any] = {"cells": cells}
    if as_read:
        value["as_read"] = as_read
    return value


def restore(derived: dict[str, str], kept: object) -> dict[str, str]:
    """``derived`` with each kept cell written back where the model still gives the same."""
    if not isinstance(kept, Mapping):
        return derived
    cells, as_read = kept.get("cells"), kept.get("as_read")
    if not isinstance(cells, Mapping):
        return derived
    made = as_read if isinstance(as_read, Mapping) else {}
    for column, original in cells.items():
        if derived.get(str(column), "") == str(made.get(column, "")):
            derived[str(column)] = str(original)
    return derived
