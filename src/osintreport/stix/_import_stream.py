"""STIX import of a bundle of any size, holding digests of its ids, not its objects (private).

:func:`~osintreport.stix.convert_stix` writes the report
:func:`~osintreport.stix.read_stix` makes of a bundle, byte for byte as
:func:`~osintreport.dump` writes it, without holding the bundle or the report. The reader
is the same (:class:`~osintreport.stix._import._Reader` and
:class:`~osintreport.stix._foreign.Foreign`); what it remembers is kept compactly:

- the bundle is read once, one object at a time (:func:`osintreport._json_items.array_members`);
  the objects an osintreport export wrote are built at once and written out; the foreign
  ones wait in a temporary file as their JSON text, with a byte each for what they are;
- the model id of each STIX id, the ids given out, the sources by URL, the statuses
  opinions give, which notes are assessments: digests in
  :class:`~osintreport._digest_table.DigestMap` tables, the strings in temporary files;
- locations and identities (a relation's place, the report's publisher) are read back
  from a temporary file by position; marking definitions are kept whole;
- the ids that may be given to several objects (versions of one), in a Bloom filter
  (:class:`~osintreport.stix._versions.RepeatWatch`); only those are grouped, afterwards;
- the objects kept as they are (``x_stix_objects``) and a long report's long lists are
  written into the report's header from disk, an item at a time
  (:func:`~osintreport.jsonl_convert.write_items` with ``lists``).

The foreign objects are then read back from that file kind by kind, in the order the whole
reader takes them (actors, incidents and notes named, then built, then relationships),
so every id and source comes out the same.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from .._checks import json_value_error
from .._json_items import Spilled, array_members, expand
from .._spool import Rows
from ..errors import Problem
from ..jsonl_convert import KIND_OF
from ..model import COLLECTIONS, Report, Source
from ..relation import Relation
from ..serialization import structure
from ..streamed import ScaledTick
from ._extension import CARRIED, extension_of
from ._import import HEAD, REST, SKIP, _native, _Reader, foreign_sort, publisher_id
from ._import_tables import Statuses, StreamingForeign, Texts
from ._properties import KEPT
from ._versions import VERSIONED, RepeatWatch, older_rows

__all__ = ["BundleStream"]

Tick = Callable[[int], object]
_SORTS = ("other", "actors", "events", "notes", "relationship", "report")
_CODE = {sort: code for code, sort in enumerate(_SORTS)}
_READ_FROM_REPORT = frozenset({"object_marking_refs", "external_references"})  # not kept
_NAMED = ("actors", "events", "notes")  # named first, in this order, then built
_NAMING = ("id", "type", "name", "x_osintreport_id")  # what names them


class BundleStream:
    """One bundle read in passes; :meth:`items` yields what :func:`write_items` writes.

    ``path``: the bundle; ``report_id``: the id to give the report; ``tick``: called with
    each number of bytes read (see :func:`~osintreport.stix.convert_stix`).
    """

    def __init__(self, path: str, report_id: str | None, tick: Tick) -> None:
        self.path = path
        self.report_id = report_id
        self.tick = tick
        self.foreign = StreamingForeign()
        self.invalid: list[Problem] = []
        self.reader = _Reader(self.foreign, [])
        self.reader.whole_on_repeat = True
        self.rest = {sort: Texts() for sort in _SORTS}  # the foreign objects, by sort
        self.indexes = {sort: array("i") for sort in _SORTS}  # their indexes in the bundle
        self.sequence = bytearray()  # the sort of each foreign object, in the bundle's order
        self.naming = {sort: Texts() for sort in _NAMED}  # what names them, small
        # Each one's id and modified, in order: to tell versions apart (no offsets kept).
        self.stamps = {sort: Rows() for sort in VERSIONED}
        self.taken = {sort: bytearray() for sort in _SORTS}  # which became a model object
        self.watch = RepeatWatch()  # foreign ids that may be given to several objects
        self.natives = False  # whether an export wrote some objects (their versions lose)
        self.older: dict[str, set[int]] = {sort: set() for sort in VERSIONED}  # kept
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
        for rows in self.stamps.values():
            rows.close()

    def items(self) -> Iterator[Any]:
        for item in self._items():
            self.counts[KIND_OF[type(item)]] += 1
            yield item

    def _items(self) -> Iterator[Any]:
        yield from self._first_read()
        reader, fr = self.reader, self.foreign
        fr.settle(
            any(len(self.rest[sort]) for sort in ("notes", "relationship", "report"))
            or self._versions_to_check()  # with the natives' ids, to tell versions of them
        )
        self._find_older_versions()
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
        publisher = publisher_id(report, head)
        total = sum(texts.total for texts in self.rest.values())
        self._rest_tick = ScaledTick(self.tick, self.read_bytes / total if total else 0.0)
        for sort in _NAMED:
            older = self.older[sort]
            for row, text in enumerate(self.naming[sort]):
                obj = json.loads(text)
                if (sort != "actors" or obj["id"] != publisher) and row not in older:
                    reader.name(obj, sort)
        for _, _, obj in self._foreign("actors", publisher):
            yield fr.actor(obj)
            yield from self._sources()
        for _, where, obj in self._foreign("events", publisher):
            yield fr.event(obj, where)
            yield from self._sources()
        for _, where, obj in self._foreign("notes", publisher):
            yield fr.note(obj, where, self.statuses)
            yield from self._sources()
        related = self.taken["relationship"]
        for row, where, obj in self._foreign("relationship", publisher):
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
                if made is not REST and made is not SKIP and made is not HEAD:
                    self.natives = True
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
                    if sort in self.stamps:
                        self.watch.add(obj["id"])
                        modified = obj.get("modified")  # not a time unless a string
                        stamp = modified if isinstance(modified, str) else None
                        self.stamps[sort].add([obj["id"], stamp])
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
                        fr.meet_publisher(obj)

    def _versions_to_check(self) -> bool:
        """Whether a foreign object may be a version of another object (see below)."""
        foreign = any(self.stamps[sort].count for sort in VERSIONED)
        return bool(self.watch.candidates) or (self.natives and foreign)

    def _find_older_versions(self) -> None:
        """Mark the foreign objects that are older versions, as the whole reader does.

        Only the ids the first read met more than once are grouped, and the foreign objects
        with the id of one an export wrote (which wins). Run once the natives' ids are bound.
        """
        check = self._versions_to_check()
        candidates, natives = self.watch.candidates, self.foreign.local
        self.watch.forget()
        if not check:
            return
        for sort in VERSIONED:
            rows = (
                (row, {"id": ident, "modified": modified})
                for row, (ident, modified) in enumerate(self.stamps[sort])
                if ident in candidates or (self.natives and ident in natives)
            )
            self.older[sort] = older = older_rows(rows, natives.__contains__)
            if sort in _NAMED:
                for row in older:
                    self.taken[sort][row] = 0

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

    def _foreign(
        self, sort: str, publisher: object
    ) -> Iterator[tuple[int, str, Mapping[str, Any]]]:
        """The foreign objects of one sort, in order, each with its row and path.

        The publisher, among the actors, is passed over (and left untaken): the report's
        ``publisher`` names it, and it is kept as it is. So are older versions.
        """
        taken, indexes, older = self.taken[sort], self.indexes[sort], self.older[sort]
        for row, text in enumerate(self.rest[sort]):
            self._rest_tick(len(text))
            if row in older:
                continue
            obj = json.loads(text)
            if sort == "actors" and obj["id"] == publisher:
                taken[row] = 0
                continue
            yield row, f"$.objects[{indexes[row]}]", obj

    def _sources(self) -> Iterator[Source]:
        made = self.foreign.made
        if made:
            yield from made
            made.clear()

    def _keep(self, head: Mapping[str, Any] | None) -> None:
        """Find the foreign objects that became nothing: kept whole, in ``x_stix_objects``.

        They are marked untaken here, and read once more as the header is written.
        """
        position = 0
        for sort, row, text in self._untaken():
            if sort in ("other", "report"):  # the others were counted when read
                self._rest_tick(len(text))
            first = sort == "report" and row == 0 and self.first_report is not None
            if first and head is self.first_report:  # not read whole just to say so
                self.taken[sort][row] = 1
                continue
            obj = self._kept(sort, row, text)
            if self.foreign.holds(obj["id"], self.indexes[sort][row]):
                self.taken[sort][row] = 1
                continue
            error = json_value_error(f"extensions[{KEPT!r}][{position}]", obj, 1)
            if error is not None:
                raise error  # as the whole reader's report would
            position += 1
        self.kept = position

    def _untaken(self) -> Iterator[tuple[str, int, str]]:
        """Each foreign object not taken so far, in the bundle's order, with its text."""
        texts = {
            sort: iter(self.rest[sort])
            for sort in _SORTS
            if sort not in _NAMED[1:] or self.older[sort]
        }
        rows = dict.fromkeys(texts, -1)
        for code in self.sequence:
            sort = _SORTS[code]
            if sort not in texts:
                continue  # incidents and notes: all taken, unless some are older versions
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
