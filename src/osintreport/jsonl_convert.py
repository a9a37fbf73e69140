"""Convert a JSON Lines report to JSON, YAML or JSON Lines without holding it in memory.

:func:`convert_jsonl` reads the file once, one record at a time. Each item is checked as
:func:`osintreport.load` checks it, written out in the target format at once, and kept in a
temporary file of its kind (actors, events, ...); at the end the report's own fields and
the kinds are joined in the order a report is written. The output is the text
``dump(load(source), target)`` writes, byte for byte; memory is that of one record. The
temporary files live beside the output and take about its size.

``osintreport convert`` uses it for a ``.jsonl`` input when the whole report is not needed
(no ``--max-tlp``).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import uuid
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import attrs

from . import _json, _yaml
from ._files import atomic_writer
from .jsonl import RECORD_TYPES, Record, iter_numbered_records, record_line, single_report
from .jsonl_redact import StreamRedaction
from .model import COLLECTIONS, Report
from .serialization import Format, unstructure
from .streamed import file_lines, no_progress

__all__ = ["KIND_OF", "convert_jsonl", "write_items", "write_stream"]

_EMPTY: dict[str, Any] = dict.fromkeys(COLLECTIONS, ())
KIND_OF = {cls: f"{name}s" for name, cls in RECORD_TYPES.items() if name != "report"}
"""The collection each kind of item goes in (``Event`` -> ``"events"``)."""
_FIELDS = [field.name for field in attrs.fields(Report)]
_BEFORE = set(_FIELDS[: _FIELDS.index(COLLECTIONS[0])])  # fields written before the items


def convert_jsonl(
    source: str | os.PathLike[str] | Iterable[str],
    target: str | os.PathLike[str],
    format: Format,
    *,
    file: str | None = None,
    progress: Callable[[int], object] | None = None,
    redaction: StreamRedaction | None = None,
) -> int:
    """Write the one report in JSON Lines ``source`` to ``target`` as ``format``.

    Args:
        source: A ``.jsonl`` path, or an iterable of its lines.
        target: Where to write; written atomically (on any error it keeps its content).
        format: ``"json"``, ``"yaml"`` or ``"jsonl"``.
        file: A name for error messages when ``source`` is not a path.
        progress: Called with the number of characters of each line read from a path.
        redaction: What to withhold, from
            :func:`~osintreport.jsonl_redact.plan_redaction` on the same file: the text
            written is then that of ``redact(report, max_tlp)``.

    Returns:
        How many items (actors, events, ...) were written.

    Raises:
        LoadError: A bad line (with its number), no report header, a second one, or an
            item before it.
        OSError: ``target`` cannot be written.
    """
    if isinstance(source, str | os.PathLike):
        name: str | None = file or os.fspath(source)
        source = file_lines(source, progress or no_progress)
    else:
        name = file
    records = iter_numbered_records(source, file=name)
    if redaction is not None:
        records = redaction.records(records)
    return write_stream(records, target, format, file=name)


def write_stream(
    records: Iterable[tuple[int, Record]],
    target: str | os.PathLike[str],
    format: Format,
    *,
    file: str | None = None,
) -> int:
    """Write one report given as a stream of records to ``target`` as ``format``.

    ``records`` yields ``(number, record)``: the report's header first (its items, if it
    holds any, come first in their kinds), then its items in any order; the number goes in
    error messages. The text is the one :func:`~osintreport.dump` writes for the report the
    records make (items of a kind in the order given), byte for byte; memory is one record.

    Returns:
        How many items were written.

    Raises:
        LoadError: No report header, a second one, or an item before it.
        OSError: ``target`` cannot be written.
    """

    def spill_records(spill: Callable[[Any], None]) -> Report:
        header: Report | None = None
        for _, record in single_report(records, file=file):
            if isinstance(record, Report):
                for kind in COLLECTIONS:
                    for item in getattr(record, kind):
                        spill(item)
                header = attrs.evolve(record, **_EMPTY)
            else:
                spill(record)
        assert header is not None  # single_report refuses a stream without one
        return header

    return _spilled(spill_records, target, format)


def write_items(
    items: Iterable[Any],
    header: Callable[[], Report],
    target: str | os.PathLike[str],
    format: Format,
    *,
    lists: Callable[[], Mapping[str, Iterable[Any]]] | None = None,
) -> int:
    """Write a report whose items come before its own fields are known.

    ``items`` yields the report's actors, events, claims, assessments, sources and
    relations, in any order; once they are all read, ``header()`` gives the report's own
    fields, as a report with no items. The text is the one :func:`~osintreport.dump`
    writes for that report holding the items (those of a kind in the order given), byte
    for byte; memory is one item. :func:`osintreport.stix.convert_stix` writes this way:
    a bundle's report id is known only once every object has been read.

    ``lists()``, called after ``header()``, names extension keys of the report whose
    values are long lists: each is written from its iterable, an item at a time, in
    place of the value the header holds for it (any JSON placeholder), so the list is
    never in memory whole (a STIX report's ``object_refs``, the objects kept whole).

    Returns:
        How many items were written.

    Raises:
        ValueError: The header holds items of its own.
        OSError: ``target`` cannot be written.
    """
    long: dict[str, Iterable[Any]] = {}

    def spill_items(spill: Callable[[Any], None]) -> Report:
        for item in items:
            spill(item)
        report = header()
        if any(getattr(report, kind) for kind in COLLECTIONS):
            raise ValueError("write_items: the header must hold no items; give them as items")
        long.update(lists() if lists is not None else {})
        missing = set(long) - set(report.extensions)
        if missing:
            raise ValueError(f"write_items: the header has no extension {sorted(missing)}")
        marks = {key: f"\x00osintreport-list-{uuid.uuid4().hex}" for key in long}
        extensions = {key: marks.get(key, value) for key, value in report.extensions.items()}
        long.update({marks[key]: long.pop(key) for key in list(long)})
        return attrs.evolve(report, extensions=extensions)

    return _spilled(spill_items, target, format, long)


def _spilled(
    fill: Callable[[Callable[[Any], None]], Report],
    target: str | os.PathLike[str],
    format: Format,
    long: Mapping[str, Iterable[Any]] | None = None,
) -> int:
    """Write the report ``fill`` makes: it spills each item, then returns the bare header."""
    folder = Path(os.path.realpath(target)).parent
    with contextlib.ExitStack() as stack:
        files = {
            kind: stack.enter_context(
                tempfile.TemporaryFile("w+", encoding="utf-8", dir=folder, prefix=".osr-")
            )
            for kind in COLLECTIONS
        }
        counts = dict.fromkeys(COLLECTIONS, 0)
        encode = _encoder(format, counts)

        def spill(item: Any) -> None:
            kind = KIND_OF[type(item)]
            files[kind].write(encode(kind, item))

        header = fill(spill)
        with atomic_writer(target) as out:
            _write(_Spliced(out, format, long or {}), header, format, files, counts)
    return sum(counts.values())


def _encoder(format: Format, counts: dict[str, int]) -> Callable[[str, Any], str]:
    """A function writing one item as it appears inside a whole document of ``format``."""

    def encode(kind: str, item: Any) -> str:
        first = counts[kind] == 0
        counts[kind] += 1
        if format == "jsonl":
            return record_line(item)
        if format == "yaml":
            return _yaml.emit([unstructure(item)])
        return ("" if first else ",\n") + _json.emit_nested(unstructure(item), 2)

    return encode


def _write(
    out: _Spliced,
    header: Report,
    format: Format,
    spill: Mapping[str, IO[str]],
    counts: dict[str, int],
) -> None:
    """The header's fields and the spilled items, in the order the whole report is written."""
    if format == "jsonl":
        out.write(record_line(header))
        for kind in COLLECTIONS:
            _copy(spill[kind], out)
        return
    data = unstructure(header)
    before = {key: value for key, value in data.items() if key in _BEFORE}
    after = {key: value for key, value in data.items() if key not in _BEFORE}
    if format == "yaml":
        out.write(_yaml.emit(before))
        for kind in COLLECTIONS:
            if counts[kind]:
                out.write(f"{kind}:\n")
                _copy(spill[kind], out)
        if after:
            out.write(_yaml.emit(after))
        return
    parts = [_json.emit_member(key, value) for key, value in before.items()]
    out.write("{\n" + ",\n".join(parts))
    written = bool(parts)
    for kind in COLLECTIONS:
        if counts[kind]:
            out.write((",\n" if written else "") + f'  "{kind}": [\n')
            _copy(spill[kind], out)
            out.write("\n  ]")
            written = True
    for key, value in after.items():
        out.write((",\n" if written else "") + _json.emit_member(key, value))
        written = True
    out.write("\n}\n")


class _Spliced:
    """A text stream that writes long lists in place of the marks standing for them."""

    def __init__(self, out: IO[str], format: Format, long: Mapping[str, Iterable[Any]]) -> None:
        self._out = out
        self._format = format
        self._long = dict(long)
        self._tokens = {_token(mark, format): mark for mark in long}

    def write(self, text: str) -> None:
        """Write ``text``, each mark's list written out where the mark is."""
        if not self._long or "osintreport-list-" not in text:
            self._out.write(text)
            return
        found = sorted((text.index(token), token) for token in self._tokens if token in text)
        at = 0
        for start, token in found:
            self._out.write(text[at:start])
            self._list(self._long.pop(self._tokens[token]))
            at = start + len(token)
        self._out.write(text[at:])

    def _list(self, items: Iterable[Any]) -> None:
        """The list as its format writes it at the top level of the report."""
        out, format = self._out, self._format
        first = True
        for item in items:
            if format == "jsonl":
                out.write(("[" if first else ",") + _json.emit_line(item)[:-1])
            elif format == "json":
                out.write(("[\n" if first else ",\n") + _json.emit_nested(item, 2))
            else:
                out.write(("\n" if first else "") + _yaml.emit([item]))
            first = False
        if format == "yaml":
            out.write(" []\n" if first else "")
        elif first:
            out.write("[]")
        else:
            out.write("]" if format == "jsonl" else "\n  ]")


def _token(mark: str, format: Format) -> str:
    """The text ``mark`` becomes in ``format``, as a value of the report's own fields."""
    if format == "yaml":
        return " " + _yaml.emit({"k": mark})[len("k: ") :]  # the space and the newline too
    return json.dumps(mark, ensure_ascii=False)


def _copy(spilled: IO[str], out: _Spliced) -> None:
    spilled.seek(0)
    while chunk := spilled.read(1 << 20):
        out.write(chunk)
