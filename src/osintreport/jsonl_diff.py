r"""What changed between two JSON Lines reports, in memory that does not grow with them.

:func:`diff_jsonl` gives what :func:`osintreport.diff.diff` gives for the same two reports
(objects added, removed, changed field by field, renamed) without holding either report.
It reads each file once in full and keeps only compact indexes:

1. The old file: for each item, a 64-bit hash of its collection and id, where its line
   starts, and a 128-bit digest of the line (with the file's schema version).
2. The new file, in order: an item whose id the old file has and whose line is the same
   byte for byte is unchanged, and is not even built (its type and id are read from the
   start of the line as ``record_line`` writes it, and the line's digest must match the
   old line's, which was built: so it is known good); otherwise the old line is read again
   and the two are compared field by field. Items whose id is new wait on disk.
3. Renames: an item gone from the old file and a new one with the same content (all but
   the id) are one object renamed, paired in file order as :func:`~osintreport.diff.diff`
   pairs them, keyed on a 128-bit digest of that content. Only the smaller of the two
   groups is held, as digests.
4. What is left is added (the new items waiting) or removed (the old items gone, read again).

Every change is written to temporary files as it is found and read back in the order
:func:`~osintreport.diff.diff` lists them; :class:`StreamedDiff` reads them as often as
asked. Ids that share a hash are checked against the lines they came from; if two
different ids ever share one, the files are diffed whole instead, for the same answer.

    >>> import osintreport as osr, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> old = osr.Report(id="r", title="Update 1", actors=(osr.Actor(id="a1", name="A"),))
    >>> new = osr.Report(id="r", title="Update 2", actors=(osr.Actor(id="a2", name="A"),))
    >>> osr.dump(old, folder / "old.jsonl"); osr.dump(new, folder / "new.jsonl")
    >>> with diff_jsonl(folder / "old.jsonl", folder / "new.jsonl") as changes:
    ...     print("\n".join(changes.lines()))
    ~ report: title: Update 1 -> Update 2
    ~ actors/a2: renamed from a1
"""

from __future__ import annotations

import hashlib
import heapq
import os
import re
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any

import attrs

from ._diff_source import DiffSource
from ._spool import Again, Rows
from .diff import (
    ABSENT,
    FieldChange,
    ObjectChange,
    change_lines,
    changed_fields,
    content_key,
    diff,
    field_data,
    head_data,
    highlight_lines,
)
from .jsonl import CLASS_OF, COLLECTION_OF, RECORD_TYPES
from .model import COLLECTIONS, Report
from .serialization import _structure, load, unstructure
from .streamed import no_progress

__all__ = ["StreamedDiff", "diff_jsonl"]

_NO_LINE = bytes(16)
# How record_line (and json.dumps) start an item's line: its type and id, read unparsed.
_LINE_START = re.compile(
    r'\{\s*"type"\s*:\s*"(actor|event|claim|assessment|source|relation)"\s*,\s*"id"\s*:\s*"([^"\\]*)"'
)
_COLLECTION_NAMED = {
    name: COLLECTION_OF[cls] for name, cls in RECORD_TYPES.items() if cls in COLLECTION_OF
}
_REPORT_FIELDS = [f.name for f in attrs.fields(Report) if f.name not in COLLECTIONS]
_FIELDS = {kind: [f.name for f in attrs.fields(CLASS_OF[kind])] for kind in COLLECTIONS}


class _CollisionError(Exception):
    """Two different ids share a hash: the streamed diff gives way to the whole one."""


def _id_hash(kind: str, ident: str) -> int:
    key = f"{kind}\0{ident}".encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "little")


def _line_digest(version: int | None, line: str) -> bytes:
    text = f"{version}\n{line}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=16).digest()


def _content_digest(data: dict[str, Any]) -> bytes:
    return hashlib.blake2b(content_key(data).encode("utf-8", "surrogatepass")).digest()[:16]


def _rows() -> dict[str, Rows]:
    return {kind: Rows() for kind in COLLECTIONS}


def _change_row(n: int, ident: str, old_id: str, fields: Iterable[FieldChange]) -> list[Any]:
    return [n, ident, old_id, [field_data(f) for f in fields]]


class StreamedDiff:
    """The difference between two JSON Lines reports, kept on disk (see :func:`diff_jsonl`).

    It reads as :class:`~osintreport.diff.ReportDiff` reads, in the same order, except that
    ``added``, ``removed`` and ``changed`` are read from disk each time they are iterated
    (one iteration at a time), and there is no ``order`` for ``apply``. Close it (or use
    it in a ``with`` block) to delete its temporary files.

    Attributes:
        report: Changes to the report's own fields.
    """

    def __init__(self, report: tuple[FieldChange, ...]) -> None:
        self.report = report
        self._changed, self._renamed = _rows(), _rows()
        self._added, self._removed = _rows(), _rows()

    @property
    def added(self) -> Iterable[tuple[str, Any]]:
        """``(collection, object)`` for each object only the new version has."""
        return Again(lambda: self._objects(self._added))

    @property
    def removed(self) -> Iterable[tuple[str, Any]]:
        """``(collection, object)`` for each object only the old version has."""
        return Again(lambda: self._objects(self._removed))

    @property
    def changed(self) -> Iterable[ObjectChange]:
        """Each object in both versions that differs, or was renamed."""
        return Again(self._changes)

    @property
    def counts(self) -> dict[str, int]:
        """How many objects were added, removed and changed."""
        return {
            "added": sum(r.count for r in self._added.values()),
            "removed": sum(r.count for r in self._removed.values()),
            "changed": sum(
                r.count for spool in (self._changed, self._renamed) for r in spool.values()
            ),
        }

    def __bool__(self) -> bool:
        return bool(self.report) or any(self.counts.values())

    def highlights(self) -> Iterator[str]:
        """The lines of :meth:`ReportDiff.highlights <osintreport.diff.ReportDiff.highlights>`."""
        return highlight_lines(self.changed, self.added, self.removed)

    def lines(self) -> Iterator[str]:
        """The lines of ``str(ReportDiff)``, one at a time (none when nothing differs)."""
        return change_lines(self.report, self.added, self.removed, self.changed)

    def close(self) -> None:
        """Delete the temporary files; the diff reads as empty after."""
        for spool in (self._changed, self._renamed, self._added, self._removed):
            for rows in spool.values():
                rows.close()

    def __enter__(self) -> StreamedDiff:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {what}" for what, n in self.counts.items())
        return f"<StreamedDiff: {len(self.report)} report field(s), {counts}>"

    def _objects(self, spool: dict[str, Rows]) -> Iterator[tuple[str, Any]]:
        for kind in COLLECTIONS:
            cls = CLASS_OF[kind]
            for data in spool[kind]:
                yield kind, _structure(data, cls, file=None, line=None, migrate=False)

    def _changes(self) -> Iterator[ObjectChange]:
        for kind in COLLECTIONS:
            rows = heapq.merge(self._changed[kind], self._renamed[kind], key=lambda row: row[0])
            for _, ident, old_id, fields in rows:
                yield ObjectChange(
                    collection=kind,
                    id=ident,
                    old_id=old_id,
                    fields=tuple(
                        FieldChange(
                            field=f["field"], old=f.get("old", ABSENT), new=f.get("new", ABSENT)
                        )
                        for f in fields
                    ),
                )


class _OldIndex:
    """Pass 1: the old file's items by id hash, with their lines' places and digests."""

    def __init__(self, source: DiffSource) -> None:
        self.source = source
        self.slots: dict[int, int] = {}
        self.kinds = bytearray()
        self.offsets = array("q")
        self.digests = bytearray()
        self.matched = bytearray()
        self.memory: list[Any] = []
        for kind, item, offset, line in source.items():
            self._add(kind, item, offset, line)

    def _add(self, kind: str, item: Any, offset: int, line: str | None) -> None:
        if line is None:
            offset, digest = -1 - len(self.memory), _NO_LINE
            self.memory.append(item)
        else:
            digest = _line_digest(self.source.version.value, line)
        key = _id_hash(kind, item.id)
        at = self.slots.get(key)
        if at is None:
            self.slots[key] = len(self.offsets)
            self.kinds.append(COLLECTIONS.index(kind))
            self.offsets.append(offset)
            self.digests += digest
            self.matched.append(0)
            return
        if not self.same_item(at, kind, item.id):
            raise _CollisionError
        self.offsets[at] = offset  # an id used twice: the last one is compared, as diff does
        self.digests[16 * at : 16 * at + 16] = digest

    def item(self, at: int) -> Any:
        """The item at place ``at``, read again from its line."""
        offset = self.offsets[at]
        return self.source.item_at(offset) if offset >= 0 else self.memory[-1 - offset]

    def same_item(self, at: int, kind: str, ident: str) -> bool:
        """Whether place ``at`` holds an item of ``kind`` with id ``ident`` (not a collision)."""
        return self.kinds[at] == COLLECTIONS.index(kind) and self.item(at).id == ident

    def same_line(self, at: int, digest: bytes) -> bool:
        """Whether item ``at`` was read from a line with this digest."""
        return self.offsets[at] >= 0 and self.digests[16 * at : 16 * at + 16] == digest

    def gone(self, kind: str) -> array[int]:
        """The places of the items of ``kind`` whose ids the new file does not have."""
        number = COLLECTIONS.index(kind)
        return array(
            "q", (at for at, k in enumerate(self.kinds) if k == number and not self.matched[at])
        )


def diff_jsonl(
    old: str | os.PathLike[str],
    new: str | os.PathLike[str],
    *,
    progress: Callable[[int], object] = no_progress,
) -> StreamedDiff:
    """The difference between two JSON Lines reports, as :func:`~osintreport.diff.diff` finds it.

    Memory holds compact indexes, not the reports: about 150 bytes per item of the old
    file (175 MB in all for 1M events). The changes are kept in temporary files (see
    :class:`StreamedDiff`).

    Args:
        old: The earlier version: a JSON Lines file holding one report.
        new: The later version.
        progress: Called with the number of bytes read, for a progress bar over the
            two files' sizes together.

    Raises:
        LoadError: Every problem in the first file with one, named by file and line.
    """
    old_file, new_file = DiffSource(old, progress), DiffSource(new, progress)
    try:
        return _diff(old_file, new_file)
    except _CollisionError:
        whole = diff(load(old, format="jsonl"), load(new, format="jsonl"))
        result = StreamedDiff(whole.report)
        for kind, obj in whole.added:
            result._added[kind].add(unstructure(obj))
        for kind, obj in whole.removed:
            result._removed[kind].add(unstructure(obj))
        for n, change in enumerate(whole.changed):
            row = _change_row(n, change.id, change.old_id, change.fields)
            result._changed[change.collection].add(row)
        return result
    finally:
        old_file.close()
        new_file.close()


def _diff(old: DiffSource, new: DiffSource) -> StreamedDiff:
    index = _OldIndex(old)
    waiting = _rows()
    result = StreamedDiff(())
    try:
        seen = dict.fromkeys(COLLECTIONS, 0)

        def known(line: str) -> bool:
            """A line the old file has byte for byte, found without building it."""
            named = _LINE_START.match(line)
            if named is None:
                return False
            kind = _COLLECTION_NAMED[named[1]]
            at = index.slots.get(_id_hash(kind, named[2]))
            if at is None or not index.same_line(at, _line_digest(new.version.value, line)):
                return False
            index.matched[at] = 1
            return True

        for kind, item, _, line in new.items(known):
            n = seen[kind]
            seen[kind] += 1
            at = index.slots.get(_id_hash(kind, item.id))
            if at is None:
                waiting[kind].add([n, unstructure(item)])
                continue
            index.matched[at] = 1
            if line is not None and index.same_line(at, _line_digest(new.version.value, line)):
                continue
            before = index.item(at)
            if index.kinds[at] != COLLECTIONS.index(kind) or before.id != item.id:
                raise _CollisionError
            fields = changed_fields(unstructure(before), unstructure(item), _FIELDS[kind])
            if fields:
                result._changed[kind].add(_change_row(n, item.id, item.id, fields))
        assert old.header is not None  # items() checked both
        assert new.header is not None
        result.report = tuple(
            changed_fields(head_data(old.header), head_data(new.header), _REPORT_FIELDS)
        )
        for kind in COLLECTIONS:
            _settle(kind, index, waiting[kind], result)
    except BaseException:
        result.close()
        raise
    finally:
        for rows in waiting.values():
            rows.close()
    return result


def _settle(kind: str, index: _OldIndex, waiting: Rows, result: StreamedDiff) -> None:
    """Renamed, added and removed items of ``kind``, once the new file is read."""
    gone = index.gone(kind)
    pairs = _pairs(gone, waiting, index) if gone and waiting.count else {}
    for n, data in waiting:
        at = pairs.get(n)
        if at is None:
            result._added[kind].add(data)
        else:
            result._renamed[kind].add([n, data["id"], index.item(at).id, []])
    paired = set(pairs.values())
    for at in gone:
        if at not in paired:
            result._removed[kind].add(unstructure(index.item(at)))


def _pairs(gone: array[int], waiting: Rows, index: _OldIndex) -> dict[int, int]:
    """New item number -> old place, for items with the same content, paired in order.

    The k-th new item with some content pairs with the k-th gone item with it, which is
    what :func:`~osintreport.diff.diff` does taking the first gone item for each new one.
    The smaller group is held (as content digests); the other is read past it.
    """
    pairs: dict[int, int] = {}
    queues: dict[bytes, deque[int]] = {}
    if len(gone) <= waiting.count:
        for at in gone:
            queues.setdefault(_content_digest(unstructure(index.item(at))), deque()).append(at)
        for n, data in waiting:
            queue = queues.get(_content_digest(data))
            if queue:
                pairs[n] = queue.popleft()
    else:
        for n, data in waiting:
            queues.setdefault(_content_digest(data), deque()).append(n)
        for at in gone:
            queue = queues.get(_content_digest(unstructure(index.item(at))))
            if queue:
                pairs[queue.popleft()] = at
    return pairs
