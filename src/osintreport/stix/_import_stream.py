"""STIX import of a bundle of any size, holding digests of its ids, not its objects (private).

:func:`convert_stix` writes the report :func:`~osintreport.stix.read_stix` makes of a
bundle, byte for byte as :func:`~osintreport.dump` writes it, without holding the bundle
or the report. The reader is the same (:class:`~osintreport.stix._import._Reader` and
:class:`~osintreport.stix._foreign.Foreign`); what it remembers is kept compactly:

- the bundle is read once, one object at a time (:func:`osintreport._json_items.array_members`);
  the objects an osintreport export wrote are built at once and written out; the foreign
  ones wait in a temporary file as their JSON text, with a byte each for what they are;
- the model id of each STIX id, the ids given out, the sources by URL, the statuses
  opinions give, which notes are assessments: digests in
  :class:`~osintreport._digest_table.DigestMap` tables, the strings in temporary files;
- locations and identities (a relation's place, the report's publisher) are read back
  from a temporary file by position; marking definitions are kept whole;
- the objects kept as they are (``x_stix_objects``) and a long report's long lists are
  written into the report's header from disk, an item at a time
  (:func:`~osintreport.jsonl_convert.write_items` with ``lists``).

The foreign objects are then read back from that file kind by kind, in the order the whole
reader takes them (actors, incidents and notes named, then built, then relationships),
so every id and source comes out the same.
"""

from __future__ import annotations

import json
import os
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from .._checks import json_value_error
from .._files import read_text
from .._gcpause import paused_gc
from .._json import refuse_lone_surrogates
from .._json_items import NeedsGeneralPathError, Spilled, array_members, expand
from ..errors import LoadError, Problem
from ..jsonl_convert import KIND_OF, write_items
from ..model import COLLECTIONS, Report, Source
from ..relation import Relation
from ..serialization import Format, dump, structure
from ..streamed import ScaledTick, no_progress
from ._extension import CARRIED, extension_of
from ._import import HEAD, REST, SKIP, _native, _Reader, foreign_sort, read_stix
from ._import_tables import Statuses, StreamingForeign, Texts
from ._properties import KEPT

__all__ = ["StixConverted", "convert_stix"]

Tick = Callable[[int], object]
_SORTS = ("other", "actors", "events", "notes", "relationship", "report")
_CODE = {sort: code for code, sort in enumerate(_SORTS)}
_READ_FROM_REPORT = frozenset({"object_marking_refs", "external_references"})  # not kept
_NAMED = ("actors", "events", "notes")  # named first, in this order, then built
_NAMING = ("id", "type", "name", "x_osintreport_id")  # what names them


@attrs.frozen(kw_only=True)
class StixConverted:
    """What :func:`~osintreport.stix.convert_stix` wrote.

    Attributes:
        problems: What could not be read as it was, as :attr:`StixRead.problems` lists it.
        counts: How many of each kind of item were written (``"events"``: 1000, ...).
    """

    problems: tuple[Problem, ...]
    counts: Mapping[str, int]


class _Stream:
    """One bundle read in passes; :meth:`items` yields what :func:`write_items` writes."""

    def __init__(self, path: str, report_id: str | None, tick: Tick) -> None:
        self.path = path
        self.report_id = report_id
        self.tick = tick
        self.foreign = StreamingForeign()
        self.invalid: list[Problem] = []
        self.reader = _Reader(self.foreign, [])
        self.rest = {sort: Texts() for sort in _SORTS}  # the foreign objects, by sort
        self.indexes = {sort: array("i") for sort in _SORTS}  # their indexes in the bundle
        self.sequence = bytearray()  # the sort of each foreign object, in the bundle's order
        self.naming = {sort: Texts() for sort in _NAMED}  # what names them, small
        self.taken = {sort: bytearray() for sort in _SORTS}  # which became a model object
        self.native_relations = Texts()
        self.statuses = Statuses()
        self.top: dict[str, Any] = {}
        self.first_report: dict[str, Any] | None = None  # its long lists on disk
        self.report: Report | None = None
        self.kept = 0  # how many foreign objects became nothing
        self.long: dict[str, Iterable[Any]] = {}  # the header's long lists
        self.counts = dict.fromkeys(COLLECTIONS, 0)
        self.read_bytes = 0  # bytes of the bundle read
        # progress for the foreign objects read back: a share of the bundle for each byte
        self._rest_tick = ScaledTick(tick, 0.0)

    def close(self) -> None:
        self.foreign.close()
        for texts in (*self.rest.values(), *self.naming.values(), self.native_relations):
            texts.close()

    def items(self) -> Iterator[Any]:
        for item in self._items():
            self.counts[KIND_OF[type(item)]] += 1
            yield item

    def _items(self) -> Iterator[Any]:
        yield from self._first_read()
        reader, fr = self.reader, self.foreign
        fr.settle(any(len(self.rest[sort]) for sort in ("notes", "relationship", "report")))
        # The tables reach their size now, while the others are small: a table that grows
        # holds its old and its new slots together for a moment.
        named = sum(len(self.rest[sort]) for sort in _NAMED)
        fr.digest_ids.reserve(len(fr.digest_ids) + named + len(self.rest["relationship"]))
        fr.ids_of.reserve(named)
        report, relations = reader.read_head()
        if report is not None:
            yield from report.sources
        native = (self._native_relation(text) for text in self.native_relations)
        yield from reader.merge_relations(native, len(self.native_relations), relations)
        head = self.first_report if reader.head is None else None
        publisher = head.get("created_by_ref") if head else None
        total = sum(texts.total for texts in self.rest.values())
        self._rest_tick = ScaledTick(self.tick, self.read_bytes / total if total else 0.0)
        for sort in _NAMED:
            for text in self.naming[sort]:
                obj = json.loads(text)
                if sort != "actors" or obj["id"] != publisher:
                    reader.name(obj, sort)
        for _, obj in self._foreign("actors", publisher):
            yield fr.actor(obj)
            yield from self._sources()
        for where, obj in self._foreign("events", publisher):
            yield fr.event(obj, where)
            yield from self._sources()
        for where, obj in self._foreign("notes", publisher):
            yield fr.note(obj, where, self.statuses)
            yield from self._sources()
        related = self.taken["relationship"]
        for row, (where, obj) in enumerate(self._foreign("relationship", publisher)):
            relation = fr.relation(obj, where)
            if relation is not None:
                related[row] = 1
                if relation.where is not None:
                    fr.take_place(obj["target_ref"])  # the location: the place holds it
                yield relation
            yield from self._sources()
        self._keep(head)
        if report is None:
            report = reader.foreign_report(self.top, self._short(head))
            yield from self._sources()
        self.report = report

    def _first_read(self) -> Iterator[Any]:
        """Read the bundle: build the natives, spool the foreign objects."""
        fr, reader = self.foreign, self.reader
        with open(self.path, "rb") as handle:

            def read(size: int) -> bytes:
                data = handle.read(size)
                self.read_bytes += len(data)
                self.tick(len(data))
                return data

            members = array_members(read, "objects", self.top)
            for index, (obj, text) in enumerate(members):
                where = f"$.objects[{index}]"
                if not (
                    isinstance(obj, dict) and isinstance(obj.get("id"), str) and obj.get("type")
                ):
                    message = "not a STIX object (no type or id): left out"
                    self.invalid.append(Problem(message=message, path=where))
                    continue
                if text is None and not self._may_stay_long(obj):
                    # Long, and read as the whole reader reads it: needed whole.
                    obj = expand(obj)
                    text = json.dumps(obj, ensure_ascii=False)
                fr.remember(index, obj, text or "")
                made = reader.sort_native(where, obj)
                if made is REST:
                    sort = foreign_sort(obj)
                    self.rest[sort].add(text or "")
                    self.indexes[sort].append(index)
                    self.sequence.append(_CODE[sort])
                    self.taken[sort].append(sort in _NAMED)
                    if sort in _NAMED:
                        naming = {key: obj[key] for key in _NAMING if key in obj}
                        self.naming[sort].add(json.dumps(naming, ensure_ascii=False))
                    self.statuses.judge(obj)
                    if sort == "report" and self.first_report is None:
                        self.first_report = obj
                elif isinstance(made, Relation):
                    self.native_relations.add(text or "")
                elif made is HEAD and reader.head is not None and reader.head[0] is obj:
                    # Only the properties the report is read from: not its object_refs,
                    # a million ids in a big bundle.
                    carried = CARRIED["report"].values()
                    trimmed = {key: expand(obj[key]) for key in carried if key in obj}
                    reader.head = ({"id": obj["id"], **trimmed}, reader.head[1])
                elif made is not SKIP and made is not HEAD:
                    yield made
                if self.first_report is not None:
                    publisher = self.first_report.get("created_by_ref")
                    if obj["id"] == publisher:  # of any type, met after the report
                        fr.publisher = (publisher, {"name": expand(obj.get("name"))})

    def _may_stay_long(self, obj: Mapping[str, Any]) -> bool:
        """Whether a long object can keep its long lists on disk.

        It can when it is the report an export wrote (read from a few of its properties)
        or the first foreign report (whose long lists go to the report's header as they are).
        """
        ext = extension_of(obj)
        if ext is not None:
            return ext.get("collection") == "report"
        return obj.get("type") == "report" and self.first_report is None

    def _short(self, head: dict[str, Any] | None) -> dict[str, Any] | None:
        """``head`` with each long list it keeps as it is marked, to be written from disk."""
        if head is None:
            return None
        short = {}
        for key, value in head.items():
            if isinstance(value, Spilled) and key not in _READ_FROM_REPORT:
                self.long[f"x_stix_{key}"] = value
                short[key] = 0  # in its place in the header
            else:
                short[key] = expand(value)
        return short

    def _native_relation(self, text: str) -> Relation:
        """A relation an osintreport export wrote, built again (it built the first time)."""
        obj = json.loads(text)
        made: Relation = structure(_native(obj, extension_of(obj) or {}, "relations"), Relation)
        return made

    def _foreign(self, sort: str, publisher: object) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """The foreign objects of one sort, in order, each with its path.

        The publisher, among the actors, is passed over (and left untaken): the report's
        ``publisher`` names it, and it is kept as it is.
        """
        taken, indexes = self.taken[sort], self.indexes[sort]
        for row, text in enumerate(self.rest[sort]):
            self._rest_tick(len(text))
            obj = json.loads(text)
            if sort == "actors" and obj["id"] == publisher:
                taken[row] = 0
                continue
            yield f"$.objects[{indexes[row]}]", obj

    def _sources(self) -> Iterator[Source]:
        made = self.foreign.made
        if made:
            yield from made
            made.clear()

    def _keep(self, head: Mapping[str, Any] | None) -> None:
        """Find the foreign objects that became nothing: kept whole, in ``x_stix_objects``.

        They are marked untaken here, and read once more as the header is written.
        """
        head_id = head["id"] if head else None
        position = 0
        for sort, row, text in self._untaken():
            if sort in ("other", "report"):  # the others were counted when read
                self._rest_tick(len(text))
            first = sort == "report" and row == 0 and self.first_report is not None
            if first and head is self.first_report:  # not read whole just to say so
                self.taken[sort][row] = 1
                continue
            obj = self._kept(sort, row, text)
            if obj["id"] == head_id or self.foreign.is_place(obj["id"]):
                self.taken[sort][row] = 1
                continue
            error = json_value_error(f"extensions[{KEPT!r}][{position}]", obj, 1)
            if error is not None:
                raise error  # as the whole reader's report would
            position += 1
        self.kept = position

    def _untaken(self) -> Iterator[tuple[str, int, str]]:
        """Each foreign object not taken so far, in the bundle's order, with its text."""
        texts = {sort: iter(self.rest[sort]) for sort in _SORTS if sort not in _NAMED[1:]}
        rows = dict.fromkeys(texts, -1)
        for code in self.sequence:
            sort = _SORTS[code]
            if sort not in texts:
                continue  # incidents and notes: all taken
            text = next(texts[sort])
            rows[sort] += 1
            if not self.taken[sort][rows[sort]]:
                yield sort, rows[sort], text

    def _kept(self, sort: str, row: int, text: str) -> dict[str, Any]:
        if sort == "report" and row == 0 and self.first_report is not None:
            kept: dict[str, Any] = expand(self.first_report)  # may be long: not in the text
            return kept
        parsed: dict[str, Any] = json.loads(text)
        return parsed

    def _kept_objects(self) -> Iterator[dict[str, Any]]:
        for sort, row, text in self._untaken():
            yield self._kept(sort, row, text)

    def header(self) -> Report:
        report = self.report
        assert report is not None  # made at the end of the items
        extensions = dict(report.extensions)
        if self.kept:
            extensions[KEPT] = 0  # written from _kept_objects()
            self.long[KEPT] = self._kept_objects()
        fields: dict[str, Any] = dict.fromkeys(COLLECTIONS, ())
        if self.report_id:
            fields["id"] = self.report_id
        return attrs.evolve(report, extensions=extensions, **fields)

    def lists(self) -> dict[str, Iterable[Any]]:
        """The header's long lists, written an item at a time (see :func:`write_items`)."""
        return self.long

    def problems(self) -> tuple[Problem, ...]:
        return (*self.invalid, *self.reader.problems, *self.foreign.problems)


def convert_stix(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    format: Format,
    *,
    report_id: str | None = None,
    progress: Tick | None = None,
) -> StixConverted:
    """Write the report of the STIX bundle ``source`` to ``target`` as ``format``.

    The text is the one ``dump(read_stix(bundle).report, target)`` writes (with
    ``report_id`` as its id, when given), byte for byte, and the problems are the same.
    Memory holds digest tables of ids (about 70 bytes an object), not the objects:
    foreign objects wait on disk, and so do the objects the model has no place for, until
    they are written into ``x_stix_objects``. A bundle the streaming reader leaves to the
    whole one (a key repeated in the bundle itself, a lone surrogate escaped, no
    ``objects`` array) is read whole.

    Args:
        source: The bundle (a JSON file).
        target: Where to write; written atomically (on any error it keeps its content).
        format: ``"json"``, ``"yaml"`` or ``"jsonl"``.
        report_id: The report's id, in place of the one the bundle gives.
        progress: Called with a number of bytes as the work goes on: twice the bundle's
            size in all (once for reading it, once for the foreign objects).

    Raises:
        LoadError: ``source`` cannot be read, is not JSON, or is not a STIX bundle.
        OSError: ``target`` cannot be written.
    """
    name = os.fspath(source)
    done = 0

    def tick(count: int) -> None:
        nonlocal done
        done += count
        (progress or no_progress)(count)

    stream = _Stream(name, report_id, tick)
    try:
        with paused_gc():
            write_items(stream.items(), stream.header, target, format, lists=stream.lists)
    except NeedsGeneralPathError:
        return _whole(name, target, format, report_id)
    except (OSError, UnicodeDecodeError) as error:
        if isinstance(error, OSError) and error.filename != name:
            raise  # the target, or a temporary file: not the bundle
        problem = Problem(message=f"cannot read file: {error}", file=name)
        raise LoadError([problem]) from None
    except ValueError as error:  # a value the model refuses, as read_stix raises it
        raise LoadError([Problem(message=str(error), file=name)]) from None
    finally:
        stream.close()
    tick(max(0, 2 * stream.read_bytes - done))
    return StixConverted(problems=stream.problems(), counts=stream.counts)


def _whole(
    name: str, target: str | os.PathLike[str], format: Format, report_id: str | None
) -> StixConverted:
    """The bundle read whole, as :func:`read_stix` reads it."""
    text = read_text(name)
    try:
        data = json.loads(text)
        if "\\u" in text:
            refuse_lone_surrogates(data)  # UTF-8 cannot write them
        result = read_stix(data)
    except ValueError as error:
        raise LoadError([Problem(message=str(error), file=name)]) from None
    report = result.report
    if report_id:
        report = attrs.evolve(report, id=report_id)
    dump(report, target, format=format)
    counts = {kind: len(getattr(report, kind)) for kind in COLLECTIONS}
    return StixConverted(problems=result.problems, counts=counts)
