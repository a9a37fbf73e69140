"""Merge JSON Lines reports without holding them: :func:`merge_jsonl`.

:func:`osintreport.merge.merge` holds every report, every object and a map of every id.
:func:`merge_jsonl` takes the same decisions and writes the same report, byte for byte, but
holds only compact indexes:

1. Each file is read once and every line built, so that every bad line is reported before
   anything is written. What is kept of an item is the byte offset of its line (items
   written inside a header line are kept whole).
2. Collection by collection (actors, sources, events, claims, assessments, relations), the
   items are built again one at a time and their match keys joined in a union-find: a
   128-bit digest of each key with the first position that had it. Ids wait in a
   temporary file. Each group is then given its id, in the order of its first member,
   and the id map is filled: one digest per id, with a code for the merged id when it
   differs (see :class:`osintreport.merge._id_map.DigestMaps`).
3. The groups are merged and written in order. A group's later members are read again
   from their lines; the decisions wait in a temporary file.

Memory is about 100 bytes per item, whatever the size of the items.

    >>> import osintreport as osr, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> a = osr.Report(id="a", title="Update 1", actors=(osr.Actor(id="irgc-qf", name="IRGC-QF"),))
    >>> b = osr.Report(id="b", title="Update 2", actors=(
    ...     osr.Actor(id="quds-force", name="Quds Force", aliases=("IRGC-QF",)),))
    >>> osr.dump(a, folder / "a.jsonl"); osr.dump(b, folder / "b.jsonl")
    >>> with merge_jsonl([folder / "a.jsonl", folder / "b.jsonl"], folder / "m.jsonl") as done:
    ...     print(done.items, done.taken, [str(d) for d in done.decisions])
    1 1 ["actors/irgc-qf <- b:quds-force (name 'IRGC-QF')"]
    >>> [actor.aliases for actor in osr.load(folder / "m.jsonl").actors]
    [('Quds Force',)]
"""

from __future__ import annotations

import bisect
import os
from array import array
from collections.abc import Callable, Iterator, Sequence
from types import TracebackType
from typing import Any

import attrs

from ._diff_source import DiffSource
from ._digest_table import DigestTable
from ._spool import Again, Rows
from .errors import LoadError, Problem
from .jsonl import Record
from .jsonl_convert import write_stream
from .merge import MergeDecision, MergePlan, _decision, _names, _rejected, _reviewable
from .merge._id_map import DigestKeys, DigestMaps, IdSpool
from .merge._plan import (
    ORDER,
    Ref,
    UnionFind,
    absorbed,
    free,
    link,
    match_keys,
    merge_group,
    report_fields,
)
from .model import COLLECTIONS, Report
from .serialization import Format
from .streamed import no_progress

__all__ = ["StreamedMerge", "merge_jsonl"]

_EMPTY: dict[str, Any] = dict.fromkeys(COLLECTIONS, ())


class _Inputs:
    """The reports' files, read once to check every line and find every item's line."""

    def __init__(self, paths: Sequence[str | os.PathLike[str]], tick: Callable[[int], object]):
        self.sources: list[DiffSource] = []
        self.heads: list[Report] = []
        self.offsets: dict[str, list[array[int]]] = {kind: [] for kind in ORDER}
        self.inline: list[dict[str, list[Any]]] = []
        self.starts: dict[str, list[int]] = {kind: [0] for kind in ORDER}
        problems: list[Problem] = []
        try:
            for path in paths:
                self.sources.append(DiffSource(path, tick))
            for source in self.sources:
                try:
                    self._index(source)
                except LoadError as error:
                    problems.extend(error.problems)
            if problems:
                raise LoadError(problems)
        except BaseException:
            self.close()
            raise

    def _index(self, source: DiffSource) -> None:
        offsets = {kind: array("q") for kind in ORDER}
        inline: dict[str, list[Any]] = {kind: [] for kind in ORDER}
        for kind, item, offset, _ in source.items():
            if offset < 0:
                inline[kind].append(item)
                offset = -len(inline[kind])
            offsets[kind].append(offset)
        assert source.header is not None  # items() refuses a file without one
        self.heads.append(attrs.evolve(source.header, **_EMPTY))
        self.inline.append(inline)
        for kind in ORDER:
            self.offsets[kind].append(offsets[kind])
            self.starts[kind].append(self.starts[kind][-1] + len(offsets[kind]))

    def index_of(self, kind: str, position: int) -> int:
        """The report holding the ``kind`` item at ``position``."""
        return bisect.bisect_right(self.starts[kind], position) - 1

    def item(self, kind: str, position: int) -> tuple[int, Any]:
        """``(report index, item)`` of the ``kind`` item at ``position``, built again."""
        index = self.index_of(kind, position)
        offset = self.offsets[kind][index][position - self.starts[kind][index]]
        return index, self._built(index, kind, offset)

    def items(self, kind: str, wanted: bytearray | None = None) -> Iterator[tuple[int, int, Any]]:
        """``(position, report index, item)`` of each ``kind`` item (only ``wanted`` ones)."""
        position = 0
        for index, offsets in enumerate(self.offsets[kind]):
            for offset in offsets:
                if wanted is None or wanted[position]:
                    yield position, index, self._built(index, kind, offset)
                position += 1

    def _built(self, index: int, kind: str, offset: int) -> Any:
        """The item of report ``index`` at ``offset``: its line built again, or kept inline."""
        if offset < 0:
            return self.inline[index][kind][-offset - 1]
        return self.sources[index].item_at(offset, tick=True)

    def close(self) -> None:
        """Close every file."""
        for source in self.sources:
            source.close()


class _Read:
    """A progress callback that counts what it was given."""

    def __init__(self, tick: Callable[[int], object]) -> None:
        self.tick = tick
        self.count = 0

    def __call__(self, size: int) -> None:
        self.count += size
        self.tick(size)

    def up_to(self, total: int) -> None:
        """Count what a pass did not read again (header lines, blank lines) as read."""
        if total > self.count:
            self(total - self.count)


@attrs.frozen
class _Groups:
    """The groups of one collection: the roots, each member's next, the renamed roots."""

    roots: bytearray
    following: array[int]
    suffixed: dict[int, str] = attrs.field(factory=dict)

    def after(self, root: int) -> Iterator[int]:
        """The positions of the members after ``root`` in its group, in order."""
        member = self.following[root]
        while member >= 0:
            yield member
            member = self.following[member]


class StreamedMerge:
    """What :func:`merge_jsonl` did: counts, and the decisions it took, read from disk.

    Use it as a context manager, or call :meth:`close`, to delete the temporary file.

    Attributes:
        reports: The ids of the reports, in input order (a repeated one with ``#2``).
        items: How many objects the merged report holds.
        taken: How many merge decisions were taken.
        turned_down: How many the plan turned down.
    """

    def __init__(self, reports: tuple[str, ...], items: int, rows: Rows, taken: int) -> None:
        self.reports = reports
        self.items = items
        self.taken = taken
        self.turned_down = rows.count - taken
        self._rows = rows

    @property
    def decisions(self) -> Again:
        """Every :class:`~osintreport.merge.MergeDecision`, as ``merge(...).plan`` lists them."""
        return Again(lambda: (MergeDecision.from_data(row) for row in self._rows))

    def plan(self) -> MergePlan:
        """The whole plan, in memory (for a plan of a size memory can hold)."""
        return MergePlan(reports=self.reports, decisions=tuple(self.decisions))

    def close(self) -> None:
        """Delete the temporary file of decisions."""
        self._rows.close()

    def __enter__(self) -> StreamedMerge:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def merge_jsonl(
    paths: Sequence[str | os.PathLike[str]],
    target: str | os.PathLike[str] | None = None,
    format: Format = "jsonl",
    *,
    plan: MergePlan | None = None,
    progress: Callable[[int], object] | None = None,
) -> StreamedMerge:
    """Merge the JSON Lines reports ``paths`` into ``target``, as :func:`~osintreport.merge.merge`.

    Args:
        paths: At least one ``.jsonl`` file, each holding one report; first one first.
        target: Where to write the merged report (atomically); ``None`` to only decide.
        format: ``"jsonl"``, ``"json"`` or ``"yaml"``: the text ``dump`` writes.
        plan: A reviewed plan for the same reports: its turned-down decisions are not taken.
        progress: Called with the size of each line read (each file is read three times).

    Raises:
        LoadError: Every bad line of every file, or a file without exactly one report.
        MergePlanError: ``plan`` was made for other reports.
    """
    from .merge import MergePlanError

    if isinstance(paths, str | os.PathLike):
        raise TypeError(f"paths is a list of files, not one file: write [{os.fspath(paths)!r}]")
    if not paths:
        raise MergePlanError("merge needs at least one report")
    read = _Read(progress or no_progress)
    inputs = _Inputs(paths, read)
    size = read.count  # each later pass reads the item lines again: the rest is counted
    rows = Rows()
    try:
        names = _names(inputs.heads)
        rejected: frozenset[Ref] = frozenset() if plan is None else _rejected(plan, names)
        maps, taken = DigestMaps(), DigestTable()
        groups = {kind: _group(kind, inputs, maps, taken, rejected) for kind in ORDER}
        read.up_to(2 * size)
        records = _merged(inputs, groups, maps, names, rows)
        if target is None:
            for _ in records:
                pass
        else:
            write_stream(records, target, format)
        read.up_to(3 * size)
        count = rows.count
        for decision in plan.rejected() if plan is not None else ():
            rows.add(decision.to_data())
        items = sum(chosen.roots.count(1) for chosen in groups.values())  # one a group
        return StreamedMerge(names, items, rows, count)
    except BaseException:
        rows.close()
        raise
    finally:
        inputs.close()


def _group(
    kind: str, inputs: _Inputs, maps: DigestMaps, taken: DigestTable, rejected: frozenset[Ref]
) -> _Groups:
    """Group the ``kind`` items and give each group its id, filling ``maps``."""
    union = UnionFind()
    first_with, waiting = DigestKeys(), dict[tuple[str, str], list[int]]()
    with IdSpool() as ids:
        for _, index, obj in inputs.items(kind):
            keys = match_keys(kind, index, obj, maps.ref(index), rejected)
            link(union, union.add(), keys, first_with, waiting)
            ids.add(obj.id, absorbed(obj))
        del first_with, waiting
        groups = _Groups(*_chains(union))
        for root in (p for p, is_root in enumerate(groups.roots) if is_root):
            ident, old = ids.row(root)
            into = free(ident, taken)
            if into != ident:
                groups.suffixed[root] = into
            maps.assign(inputs.index_of(kind, root), ident, old, into)
            for member in groups.after(root):
                ident, old = ids.row(member)
                maps.assign(inputs.index_of(kind, member), ident, old, into)
    return groups


def _chains(union: UnionFind) -> tuple[bytearray, array[int]]:
    """Which positions are roots, and each member's next member (-1 after the last).

    The union-find's own array is spent on the way: walking down, a root's slot holds the
    first member after it seen so far, as ``-(position + 1)``.
    """
    parent = union.parent
    count = len(parent)
    for position in range(count):
        union.find(position)  # every slot now holds its root
    roots = bytearray(count)
    following = array("q", [-1]) * count
    for position in range(count - 1, -1, -1):
        root = parent[position]
        if root == position or root < 0:
            roots[position] = 1
            following[position] = -root - 1 if root < 0 else -1
        else:
            following[position] = -parent[root] - 1 if parent[root] < 0 else -1
            parent[root] = -position - 1
    union.parent = array("q")
    return roots, following


def _merged(
    inputs: _Inputs,
    groups: dict[str, _Groups],
    maps: DigestMaps,
    names: tuple[str, ...],
    rows: Rows,
) -> Iterator[tuple[int, Record]]:
    """The merged report's records: its fields, then each group merged, in order."""
    yield 0, report_fields(inputs.heads)
    for kind in ORDER:
        chosen = groups[kind]
        for root, index, obj in inputs.items(kind, chosen.roots):
            members = [(index, obj), *(inputs.item(kind, m) for m in chosen.after(root))]
            group = merge_group(kind, chosen.suffixed.get(root, obj.id), members, maps.ref)
            if _reviewable(group):
                rows.add(_decision(group, names).to_data())
            yield 0, group.merged
