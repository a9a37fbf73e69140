"""JSON Lines: streams of records, read and written with memory that does not grow.

Each line is one JSON object with a ``"type"`` key (``report``, ``actor``, ``event``,
``claim``, ``assessment``, ``source`` or ``relation``) and the object's fields. A report is
written as a header line (the report without its collections) followed by one line per
actor, event, claim, assessment, source and relation; the items after a header belong to
it. Records after a header of an older ``schema_version`` are migrated (see
:mod:`osintreport.migration`). A file may hold many reports one after another::

    {"type":"report","schema_version":2,"id":"r1","title":"..."}
    {"type":"actor","id":"irgc-qf","name":"IRGC Quds Force","kind":"armed_force"}
    {"type":"event","id":"ev-1","kind":"deployment","summary":"...","when":"2023-07"}

:func:`iter_records` yields one object per line and never holds more than one line;
:func:`iter_reports` yields whole reports one at a time; :func:`write_records` streams any
iterable of records to a file atomically.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from . import _json
from ._converter import CONVERTER
from ._fastunstructure import make_fast_unstructure
from ._files import atomic_writer
from .errors import LoadError, Problem, SchemaVersionError
from .migration import migrate_record
from .model import Actor, Assessment, Claim, Event, Report, Source
from .relation import Relation
from .serialization import _structure, check_schema_version, parse_text

__all__ = [
    "CLASS_OF",
    "COLLECTION_OF",
    "RECORD_TYPES",
    "Record",
    "iter_numbered_records",
    "iter_record_lines",
    "iter_records",
    "iter_reports",
    "read_report",
    "record_line",
    "report_lines",
    "single_report",
    "write_records",
]

Record = Report | Actor | Event | Claim | Assessment | Source | Relation
"""Anything one JSON Lines line can hold."""

RECORD_TYPES: dict[str, type[Any]] = {
    "report": Report,
    "actor": Actor,
    "event": Event,
    "claim": Claim,
    "assessment": Assessment,
    "source": Source,
    "relation": Relation,
}
"""The ``"type"`` value of each record class."""

_TYPE_NAMES = {cls: name for name, cls in RECORD_TYPES.items()}
COLLECTION_OF: dict[type[Any], str] = {
    Actor: "actors",
    Event: "events",
    Claim: "claims",
    Assessment: "assessments",
    Source: "sources",
    Relation: "relations",
}
"""The collection of the report each item class goes in (``Event`` -> ``"events"``)."""

CLASS_OF: dict[str, type[Any]] = {name: cls for cls, name in COLLECTION_OF.items()}
"""The item class of each collection (``"events"`` -> ``Event``)."""


def record_line(record: Record) -> str:
    """Return one record as a compact JSON line (with its newline)."""
    try:
        plain = _LINE_DATA[type(record)]
    except KeyError:
        plain = _line_data(type(record))
    return _json.emit_line(plain(record))


_LINE_DATA: dict[type[Any], Callable[[Any], dict[str, Any]]] = {}
"""Each record class's generated unstructure function that writes ``"type"`` first."""


def _line_data(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
    try:
        name = _TYPE_NAMES[cls]
    except KeyError:
        raise TypeError(f"not a record: {cls.__name__}") from None
    plain = _LINE_DATA[cls] = make_fast_unstructure(cls, CONVERTER, type_name=name)
    return plain


def report_lines(report: Report) -> Iterator[str]:
    """Yield a report as JSON Lines: its header, then one line per item."""
    header = attrs.evolve(
        report, actors=(), events=(), claims=(), assessments=(), sources=(), relations=()
    )
    yield record_line(header)
    for items in (
        report.actors,
        report.events,
        report.claims,
        report.assessments,
        report.sources,
        report.relations,
    ):
        for item in items:
            yield record_line(item)


class _Version:
    """The ``schema_version`` of the last report header read (``None`` before any)."""

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value: int | None = None


def _parse_line(
    line: str, number: int, file: str | None, version: _Version, *, decoded: bool = False
) -> Record | None:
    """The record on one line (``None`` for a blank one).

    ``decoded``: the line was read from a file as UTF-8, so it holds no lone surrogate
    itself (see :func:`osintreport._json.parse`).
    """
    if not line.strip():
        return None
    data = parse_text(line, "json", file=file, decoded=decoded)
    if not isinstance(data, dict):
        message = f"expected a JSON object on each line, got {type(data).__name__}"
        raise LoadError([Problem(message=message, file=file, line=number)])
    kind = data.get("type")
    cls = RECORD_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        choices = ", ".join(RECORD_TYPES)
        message = f"expected 'type' to be one of {choices}, got {kind!r}"
        raise LoadError([Problem(message=message, path="$.type", file=file, line=number)])
    fields = {k: v for k, v in data.items() if k != "type"}
    if cls is Report:
        check_schema_version(fields, file=file, line=number)
        raw = fields.get("schema_version")
        version.value = raw if isinstance(raw, int) and not isinstance(raw, bool) else None
    fields = migrate_record(kind, fields, version.value)  # type: ignore[arg-type]
    record: Record = _structure(fields, cls, file=file, line=number, migrate=False)
    return record


def _second_header(file: str | None, line: int) -> Problem:
    message = "a second report header: this file holds several; use iter_reports"
    return Problem(message=message, file=file, line=line)


def _before_header(file: str | None, line: int) -> Problem:
    return Problem(message="a record comes before the report header line", file=file, line=line)


def _no_header(file: str | None) -> Problem:
    return Problem(message="no report header line (type: report)", file=file)


def _raise_problems(problems: list[Problem]) -> None:
    """Raise every problem of a file read whole, if any: a newer schema version first."""
    if problems:
        newer = any(p.path == "$.schema_version" for p in problems)
        raise (SchemaVersionError if newer else LoadError)(problems)


def _with_line(error: LoadError, number: int) -> LoadError:
    return type(error)([attrs.evolve(p, line=number) for p in error.problems])


class DecodedLines:
    """Lines decoded from a UTF-8 file, so that none holds a lone surrogate.

    An iterator over ``lines`` that the readers of this module trust: they skip looking for
    a lone surrogate in each line, a few microseconds a line of non-ASCII text. Made by
    :func:`osintreport.streamed.file_lines`; not part of the public API (not in ``__all__``).
    Wrap only lines decoded strictly as UTF-8, or a lone surrogate would be written through.
    """

    __slots__ = ("_lines",)

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = iter(lines)

    def __iter__(self) -> Iterator[str]:
        return self._lines

    def __next__(self) -> str:
        return next(self._lines)


def _lines(
    source: str | os.PathLike[str] | Iterable[str],
) -> tuple[Iterable[str], str | None, bool]:
    """The lines, the file's name, and whether they were decoded from UTF-8 here."""
    if isinstance(source, str | os.PathLike):
        return _file_lines(source), os.fspath(source), True
    return source, None, isinstance(source, DecodedLines)


def _file_lines(path: str | os.PathLike[str]) -> Iterator[str]:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            yield from handle
    except OSError as error:
        problem = Problem(message=f"cannot read file: {error.strerror or error}", file=str(path))
        raise LoadError([problem]) from None
    except UnicodeDecodeError as error:
        problem = Problem(message=f"not UTF-8 text: {error.reason}", file=str(path))
        raise LoadError([problem]) from None


def iter_records(
    source: str | os.PathLike[str] | Iterable[str], *, file: str | None = None
) -> Iterator[Record]:
    """Yield the record on each line of a JSON Lines file or iterable of lines.

    Memory stays flat: one line is held at a time. Blank lines are skipped.

    Args:
        source: A path, or any iterable of lines (an open file, a list of strings).
        file: A name for error messages when ``source`` is not a path.

    Raises:
        LoadError: At the first bad line, with its line number and every problem in it.
    """
    for _, record in iter_numbered_records(source, file=file):
        yield record


def iter_numbered_records(
    source: str | os.PathLike[str] | Iterable[str], *, file: str | None = None
) -> Iterator[tuple[int, Record]]:
    """Yield ``(line number, record)`` for each record, as :func:`iter_records` does.

    Raises:
        LoadError: At the first bad line, with its line number and every problem in it.
    """
    for number, _, record in iter_record_lines(source, file=file):
        yield number, record


def iter_record_lines(
    source: str | os.PathLike[str] | Iterable[str],
    *,
    file: str | None = None,
    problems: list[Problem] | None = None,
) -> Iterator[tuple[int, str, Record]]:
    """Yield ``(line number, line, record)`` for each record, as :func:`iter_records` does.

    The line is the text the record was read from (with its line break), for a caller that
    points at places inside it (:func:`osintreport.positions.position_in_line`).

    Args:
        source: A path, or any iterable of lines.
        file: A name for error messages when ``source`` is not a path.
        problems: When given, a bad line's problems are added to it and the line is
            skipped, so a caller can report every bad line at once; otherwise the first
            bad line raises.

    Raises:
        LoadError: At the first bad line (without ``problems``), with its line number and
            every problem in it.
    """
    lines, name, decoded = _lines(source)
    name = file or name
    version = _Version()
    for number, line in enumerate(lines, start=1):
        try:
            record = _parse_line(line, number, name, version, decoded=decoded)
        except LoadError as error:
            if problems is None:
                raise _with_line(error, number) from None
            problems.extend(_with_line(error, number).problems)
            continue
        if record is not None:
            yield number, line, record


def single_report(
    records: Iterable[tuple[int, Record]], *, file: str | None = None
) -> Iterator[tuple[int, Record]]:
    """Pass ``(line number, record)`` through, for a stream that holds exactly one report.

    Raises:
        LoadError: A second report header, a record before the first, or no header at all
            (once the stream is used up).
    """
    seen = False
    for number, record in records:
        if isinstance(record, Report):
            if seen:
                raise LoadError([_second_header(file, number)])
            seen = True
        elif not seen:
            raise LoadError([_before_header(file, number)])
        yield number, record
    if not seen:
        raise LoadError([_no_header(file)])


def iter_reports(
    source: str | os.PathLike[str] | Iterable[str], *, file: str | None = None
) -> Iterator[Report]:
    """Yield whole reports from a JSON Lines stream, one at a time.

    Raises:
        LoadError: A bad line, or items before the first report header.
    """
    current: Report | None = None
    items: dict[str, list[Any]] = {}
    for record in iter_records(source, file=file):
        if isinstance(record, Report):
            if current is not None:
                yield _attach(current, items)
            current, items = record, {}
        elif current is None:
            raise LoadError(
                [Problem(message="a record comes before any report header line", file=file)]
            )
        else:
            items.setdefault(COLLECTION_OF[type(record)], []).append(record)
    if current is not None:
        yield _attach(current, items)


def _attach(report: Report, items: dict[str, list[Any]]) -> Report:
    if not items:
        return report
    merged: dict[str, Any] = {
        name: (*getattr(report, name), *values) for name, values in items.items()
    }
    return attrs.evolve(report, **merged)


def read_report(lines: Iterable[str], *, file: str | None = None) -> Report:
    """Read exactly one report from JSON Lines, reporting every bad line at once.

    Raises:
        LoadError: Every problem on every line, or not exactly one report header.
    """
    return read_decoded_report(lines, file=file, decoded=False)


def read_decoded_report(lines: Iterable[str], *, file: str | None, decoded: bool) -> Report:
    """:func:`read_report`, told whether the lines were decoded from UTF-8 (no surrogates).

    Raises:
        LoadError: Every problem on every line, or not exactly one report header.
    """
    problems: list[Problem] = []
    reports: list[Report] = []
    items: dict[str, list[Any]] = {}
    version = _Version()
    for number, line in enumerate(lines, start=1):
        try:
            record = _parse_line(line, number, file, version, decoded=decoded)
        except LoadError as error:
            problems.extend(_with_line(error, number).problems)
            continue
        if isinstance(record, Report):
            reports.append(record)
            if len(reports) == 2:
                problems.append(_second_header(file, number))
        elif record is not None:
            if not reports:
                problems.append(_before_header(file, number))
            items.setdefault(COLLECTION_OF[type(record)], []).append(record)
    if not reports and not problems:
        problems.append(_no_header(file))
    _raise_problems(problems)
    return _attach(reports[0], items)


def write_records(path: str | os.PathLike[str], records: Iterable[Record]) -> int:
    """Stream records to a JSON Lines file atomically; return how many were written.

    A report is written whole (header and items). If the iterable raises part-way, the
    file at ``path`` keeps its old content.
    """
    count = 0
    with atomic_writer(path) as handle:
        for record in records:
            if isinstance(record, Report):
                handle.writelines(report_lines(record))
            else:
                handle.write(record_line(record))
            count += 1
    return count
