"""Many report files as one: :class:`Collection`, read lazily and queried through an index.

A collection is a folder (every ``.yaml``, ``.yml``, ``.json`` and ``.jsonl`` file under it)
or a glob of report files. Iterating it reads one file at a time. Its queries (events in a
period and a bounding box, everything an actor did, every claim about an event, every
assessment on a topic) are answered from an index, an SQLite file built from the reports
and brought up to date before each query: only files that are new or changed (by size and
modification time) are read again, and files that are gone are dropped. ``osintreport index
DIR`` builds or refreshes it from the command line.

    >>> from osintreport.collection import Collection
    >>> reports = Collection("examples", index=":memory:")
    >>> [hit.obj.id for hit in reports.events(period="2023-08-27/2023-08-31", actor="SDF")]
    ['ev-dmc-commander-arrest', 'ev-tribal-clashes']
    >>> [hit.report for hit in reports.claims_about("ev-dmc-commander-arrest")]
    ['iran-update-2023-09-29']

Each result is a :class:`Found`: the file, the report id and the model object. The same
questions asked of single reports are the functions of :mod:`osintreport.collection.queries`,
for Dask or any other engine (``examples/collection_dask.py``).
"""

from __future__ import annotations

import glob
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from ..jsonl import iter_reports
from ..model import Actor, Assessment, Claim, Event, Report
from ..relation import Relation
from ..serialization import format_for, load, structure
from ..streamed import no_progress
from ..when import When
from ._store import Store
from .queries import BBox, lookup_key, span

__all__ = ["SUFFIXES", "Collection", "Found", "IndexUpdate"]

SUFFIXES = (".yaml", ".yml", ".json", ".jsonl")
"""The suffixes of the files a folder's collection holds."""

INDEX_NAME = os.path.join(".osintreport", "index.sqlite")
"""Where a folder's index is kept, inside the folder."""


@attrs.frozen(kw_only=True)
class Found:
    """One object a query found.

    Attributes:
        file: The report file it is in.
        report: The id of the report it is in.
        obj: The object (an :class:`~osintreport.Event`, :class:`~osintreport.Claim`, ...).
    """

    file: str
    report: str
    obj: Any


@attrs.frozen(kw_only=True)
class IndexUpdate:
    """What bringing the index up to date did.

    Attributes:
        added: Files indexed for the first time.
        changed: Files read again because they changed.
        removed: Files gone since the last update.
        unchanged: Files left as they were indexed.
        objects: Objects indexed in this update.
        seconds: How long it took.
        errors: Files that could not be read -> why (their objects are left out until fixed).
    """

    added: int
    changed: int
    removed: int
    unchanged: int
    objects: int
    seconds: float
    errors: dict[str, str] = attrs.field(factory=dict)


class Collection:
    """Report files in a folder or matching a glob, as one body of reports.

    Args:
        source: A folder, a glob (``"reports/2023-*.jsonl"``), or a list of files.
        index: Where to keep the index: a path, or ``":memory:"`` for one that lasts as long
            as the object. Default: ``.osintreport/index.sqlite`` inside a folder source, in
            memory for other sources.
    """

    def __init__(
        self,
        source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
        *,
        index: str | os.PathLike[str] | None = None,
    ) -> None:
        self.source = source
        if index is None:
            folder = isinstance(source, (str, os.PathLike)) and Path(source).is_dir()
            index = Path(source, INDEX_NAME) if folder else ":memory:"  # type: ignore[arg-type]
        self._store = Store(index)
        self._fresh = False

    @property
    def index(self) -> str:
        """Where the index is kept (``":memory:"`` for one in memory)."""
        return self._store.path

    def __repr__(self) -> str:
        return f"Collection({str(self.source)!r}, index={self._store.path!r})"

    def close(self) -> None:
        """Close the index file."""
        self._store.close()

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def files(self) -> list[Path]:
        """The report files, sorted by path."""
        source = self.source
        if isinstance(source, (str, os.PathLike)):
            path = Path(source)
            if path.is_dir():
                found: Iterable[Path] = (
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in SUFFIXES and ".osintreport" not in p.parts
                )
            else:
                found = (Path(p) for p in glob.glob(str(source), recursive=True))
        else:
            found = (Path(p) for p in source)
        return sorted(p for p in found if p.is_file())

    def __iter__(self) -> Iterator[Report]:
        """Every report, one file at a time (a JSON Lines file may hold several)."""
        for path in self.files:
            if format_for(path) == "jsonl":
                yield from iter_reports(path)
            else:
                yield load(path)

    def update(self, progress: Callable[[int], object] | None = None) -> IndexUpdate:
        """Bring the index up to date with the files: read new and changed ones, drop gone ones.

        Args:
            progress: Called with the number of objects indexed since its last call.
        """
        start = time.perf_counter()
        tick = progress or no_progress
        known = self._store.known()
        counts = {"added": 0, "changed": 0, "unchanged": 0, "objects": 0}
        errors: dict[str, str] = {}

        def counted(n: int) -> None:
            counts["objects"] += n
            tick(n)

        paths = [p.resolve() for p in self.files]
        for path in paths:
            stat = path.stat()
            old = known.get(str(path))
            if old is not None and old[1:] == (stat.st_size, stat.st_mtime_ns):
                counts["unchanged"] += 1
                continue
            counts["changed" if old is not None else "added"] += 1
            error = self._store.add(path, stat.st_size, stat.st_mtime_ns, counted)
            if error is not None:
                errors[str(path)] = error
        gone = set(known) - {str(p) for p in paths}
        with self._store.db:
            for path_text in gone:
                self._store.forget(known[path_text][0])
        self._fresh = True
        return IndexUpdate(
            removed=len(gone),
            seconds=time.perf_counter() - start,
            errors={**self._store.errors(), **errors},
            **counts,
        )

    def _rows(
        self, sql: str, params: Sequence[Any], cls: type[Any], fresh: bool
    ) -> Iterator[Found]:
        if fresh or not self._fresh:
            self.update()
        full = (
            f"SELECT f.path, t.report, t.data FROM ({sql}) AS t "
            "JOIN files AS f ON f.id = t.file ORDER BY f.path, t.seq"
        )
        for path, report, data in self._store.select(full, params):
            yield Found(file=path, report=report, obj=structure(json.loads(data), cls, file=path))

    def events(
        self,
        *,
        period: When | str | None = None,
        bbox: BBox | None = None,
        actor: str | None = None,
        kind: str | None = None,
        refresh: bool = True,
    ) -> Iterator[Found]:
        """Events that match every filter given; a filter left ``None`` takes all.

        Args:
            period: Events that may fall in it (a :class:`~osintreport.When` or EDTF text);
                undated events are left out.
            bbox: ``(west, south, east, north)``: events placed inside it.
            actor: Events it took part in: an id, name or alias, matched in each report.
            kind: Events of this kind (``"battle"``).
            refresh: Bring the index up to date first (``False``: trust it as it is).
        """
        where: list[str] = ["1 = 1"]
        params: list[Any] = []
        window = span(period)
        if window is not None:
            where.append("lo <= ? AND hi >= ?")
            params += [window[1], window[0]]
        if bbox is not None:
            west, south, east, north = bbox
            where.append("lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?")
            params += [south, north, west, east]
        if kind is not None:
            where.append("kind = ?")
            params.append(kind)
        if actor is not None:
            where.append(
                "e.rowid IN (SELECT x.rowid FROM participants AS p JOIN events AS x "
                "ON x.file = p.file AND x.report = p.report AND x.id = p.event "
                f"WHERE (p.file, p.report, p.actor) IN ({_ACTORS}))"
            )
            params += [lookup_key(actor), actor]
        sql = f"SELECT e.file, e.report, e.seq, e.data FROM events AS e WHERE {' AND '.join(where)}"
        return self._rows(sql, params, Event, refresh)

    def actor(self, actor: str, *, refresh: bool = True) -> dict[str, list[Found]]:
        """Everything ``actor`` (an id, name or alias) did and is, across the reports.

        Returns:
            ``{"actors": ..., "events": ..., "claims": ..., "relations": ...}``: how each
            report names it, the events it took part in, the claims it made, and the
            relations it is an end of.
        """
        key = [lookup_key(actor), actor]
        matched = f"IN ({_ACTORS})"
        queries: dict[str, tuple[str, list[str], type[Any]]] = {
            "actors": (
                f"SELECT file, report, seq, data FROM actors WHERE (file, report, id) {matched}",
                key,
                Actor,
            ),
            "claims": (
                "SELECT file, report, seq, data FROM claims "
                f"WHERE (file, report, claimant) {matched}",
                key,
                Claim,
            ),
            "relations": (
                "SELECT file, report, seq, data FROM relations "
                f"WHERE (file, report, subject) {matched} OR (file, report, object) {matched}",
                key + key,
                Relation,
            ),
        }
        out = {"actors": list(self._rows(*queries["actors"], refresh))}
        out["events"] = list(self.events(actor=actor, refresh=False))
        out["claims"] = list(self._rows(*queries["claims"], False))
        out["relations"] = list(self._rows(*queries["relations"], False))
        return out

    def claims_about(self, target: str, *, refresh: bool = True) -> Iterator[Found]:
        """Claims about the object with id ``target`` (an event's, an actor's...)."""
        sql = (
            "SELECT c.file, c.report, c.seq, c.data FROM claims AS c WHERE c.rowid IN ("
            "SELECT x.rowid FROM about AS a JOIN claims AS x ON x.file = a.file "
            "AND x.report = a.report AND x.id = a.claim WHERE a.target = ?)"
        )
        return self._rows(sql, [target], Claim, refresh)

    def assessments(self, topic: str, *, refresh: bool = True) -> Iterator[Found]:
        """Assessments with a word starting with each word of ``topic``.

        As :func:`~osintreport.collection.queries.assessments_on` finds them in one report.
        """
        words = lookup_key(topic).split()
        where = " AND ".join("words LIKE ?" for _ in words) or "1 = 1"
        sql = f"SELECT file, report, seq, data FROM assessments WHERE {where}"
        return self._rows(sql, [f"% {w}%" for w in words], Assessment, refresh)

    @staticmethod
    def frame(found: Iterable[Found], kind: str) -> Any:
        """Found objects of one kind (``"events"``, ``"claims"``...) as a ``pandas.DataFrame``.

        The columns :func:`osintreport.frames.to_frame` gives, and ``file``.

        Raises:
            MissingExtraError: pandas or pyarrow is missing (the ``frames`` extra).
        """
        from ..frames import items_frame

        items = list(found)
        table = items_frame(((f.report, f.obj) for f in items), kind)  # type: ignore[arg-type]
        table.insert(0, "file", [f.file for f in items])
        return table


_ACTORS = (
    "SELECT file, report, actor FROM names WHERE key = ? "
    "UNION SELECT file, report, id FROM actors WHERE id = ?"
)
"""``(file, report, actor id)`` of every actor a name, alias or id names, in each report."""
