"""The collection's index: an SQLite file of what every report file holds (private).

SQLite, from Python's standard library: no extra to install, one file beside the reports,
transactions that leave the index whole if a build is killed, and B-tree indexes on dates,
coordinates, actors and references, which is what the collection's selective queries need
(docs/many-reports.md compares DuckDB and gives the figures). Each object is stored once as
JSON, with the columns queries filter on beside it; a file's rows are replaced in one
transaction when the file changes, and removed when it is gone.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import LoadError, OsintReportError, Problem
from ..jsonl import iter_records
from ..model import Report
from ..serialization import format_for, load, unstructure
from .queries import lookup_key, span

__all__ = ["SCHEMA", "Store"]

SCHEMA = 2
"""The index layout's version; an index of another version is rebuilt."""

_TABLES = {
    "events": "file, report, seq, id, kind, lo, hi, lat, lon, data",
    "participants": "file, report, event, actor",
    "actors": "file, report, seq, id, data",
    "names": "file, report, actor, key",
    "claims": "file, report, seq, id, claimant, data",
    "about": "file, report, claim, target",
    "assessments": "file, report, seq, id, words, data",
    "relations": "file, report, seq, id, subject, object, data",
}
_INDEXES = (
    "events(lo, hi)",
    "events(lat, lon)",
    "events(file, report, id)",
    "participants(file, report, actor)",
    "names(key)",
    "actors(id)",
    "claims(file, report, claimant)",
    "claims(file, report, id)",
    "actors(file, report, id)",
    "about(target)",
    "relations(file, report, subject)",
    "relations(file, report, object)",
)
_BATCH = 5000


def _data(obj: Any) -> str:
    return json.dumps(unstructure(obj), ensure_ascii=False, separators=(",", ":"))


class Store:
    """An open index file."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=60)  # another process may be writing
        try:
            self.db.execute("PRAGMA synchronous = NORMAL")
            self._create()
        except sqlite3.DatabaseError as error:
            self.db.close()
            raise LoadError(
                [
                    Problem(
                        message=f"not a collection index ({error}): remove the file and "
                        "run 'osintreport index' again, or give another index path",
                        file=self.path,
                    )
                ]
            ) from None

    def close(self) -> None:
        """Close the file."""
        self.db.close()

    def _create(self) -> None:
        found = self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
        ).fetchone()
        if found is not None:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is not None and row[0] == str(SCHEMA):
                return
            with self.db:
                for table in ("meta", "files", *_TABLES):
                    self.db.execute(f"DROP TABLE IF EXISTS {table}")
        with self.db:
            self.db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
            self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
            self.db.execute(
                "CREATE TABLE files (id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, "
                "size INTEGER, mtime_ns INTEGER, reports INTEGER, error TEXT)"
            )
            for table, columns in _TABLES.items():
                self.db.execute(f"CREATE TABLE {table} ({columns})")
            for number, target in enumerate(_INDEXES):
                self.db.execute(f"CREATE INDEX i{number} ON {target}")

    def known(self) -> dict[str, tuple[int, int, int]]:
        """Every indexed path -> ``(file id, size, mtime_ns)``."""
        rows = self.db.execute("SELECT path, id, size, mtime_ns FROM files")
        return {path: (fid, size, mtime) for path, fid, size, mtime in rows}

    def errors(self) -> dict[str, str]:
        """Indexed paths that could not be read -> why."""
        rows = self.db.execute("SELECT path, error FROM files WHERE error IS NOT NULL")
        return dict(rows.fetchall())

    def forget(self, fid: int) -> None:
        """Remove a file and its rows (inside the caller's transaction)."""
        for table in _TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE file = ?", (fid,))
        self.db.execute("DELETE FROM files WHERE id = ?", (fid,))

    def add(self, path: Path, size: int, mtime_ns: int, tick: Callable[[int], None]) -> str | None:
        """Index one file, replacing what was indexed of it; the error, if it is unreadable."""
        with self.db:
            old = self.db.execute("SELECT id FROM files WHERE path = ?", (str(path),)).fetchone()
            if old is not None:
                self.forget(old[0])
            cursor = self.db.execute(
                "INSERT INTO files (path, size, mtime_ns) VALUES (?, ?, ?)",
                (str(path), size, mtime_ns),
            )
            fid = int(cursor.lastrowid or 0)
            rows = _Rows(self.db, fid)
            try:
                reports = rows.add_all(_objects(path), tick)
            except (OsintReportError, OSError, ValueError) as error:
                rows.drop()
                message = str(error).splitlines()[0] if str(error) else type(error).__name__
                self.db.execute("UPDATE files SET error = ? WHERE id = ?", (message, fid))
                return message
            rows.flush()
            self.db.execute("UPDATE files SET reports = ? WHERE id = ?", (reports, fid))
        return None

    def select(self, sql: str, params: Iterable[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """Rows of a query, fetched a batch at a time."""
        cursor = self.db.execute(sql, tuple(params))
        while batch := cursor.fetchmany(1000):
            yield from batch


def _objects(path: Path) -> Iterator[tuple[str, Any]]:
    """``(report id, object)`` for every object in the file; a report yields itself first."""
    if format_for(path) == "jsonl":
        report_id = ""
        for record in iter_records(path):
            if isinstance(record, Report):
                report_id = record.id
            elif not report_id:
                raise LoadError(
                    [
                        Problem(
                            message="a record comes before any report header line", file=str(path)
                        )
                    ]
                )
            yield report_id, record
        return
    report = load(path)
    yield report.id, report
    for name in ("actors", "events", "claims", "assessments", "relations"):
        for obj in getattr(report, name):
            yield report.id, obj


class _Rows:
    """Rows waiting to be written, a batch at a time."""

    def __init__(self, db: sqlite3.Connection, fid: int) -> None:
        self.db, self.fid, self.seq = db, fid, 0
        self.pending: dict[str, list[tuple[Any, ...]]] = {table: [] for table in _TABLES}
        self.count = 0

    def add_all(self, objects: Iterator[tuple[str, Any]], tick: Callable[[int], None]) -> int:
        reports = 0
        for report, obj in objects:
            if isinstance(obj, Report):
                reports += 1
                continue
            self.add(report, obj)
            if self.count >= _BATCH:
                tick(self.count)
                self.flush()
        tick(self.count)
        return reports

    def add(self, report: str, obj: Any) -> None:
        fid, self.seq = self.fid, self.seq + 1
        seq, rows = self.seq, self.pending
        kind = type(obj).__name__
        if kind == "Event":
            bounds = span(obj.when) or (None, None)
            where = obj.where
            lat = where.lat if where is not None else None
            lon = where.lon if where is not None else None
            rows["events"].append(
                (fid, report, seq, obj.id, obj.kind.value, *bounds, lat, lon, _data(obj))
            )
            for p in obj.participants:
                rows["participants"].append((fid, report, obj.id, p.actor))
        elif kind == "Actor":
            rows["actors"].append((fid, report, seq, obj.id, _data(obj)))
            for key in dict.fromkeys(lookup_key(n) for n in (obj.name, *obj.aliases)):
                rows["names"].append((fid, report, obj.id, key))
        elif kind == "Claim":
            rows["claims"].append((fid, report, seq, obj.id, obj.claimant, _data(obj)))
            for target in obj.about:
                rows["about"].append((fid, report, obj.id, target))
        elif kind == "Assessment":
            words = f" {lookup_key(obj.text)} "
            rows["assessments"].append((fid, report, seq, obj.id, words, _data(obj)))
        elif kind == "Relation":
            rows["relations"].append(
                (fid, report, seq, obj.id, obj.subject, obj.object, _data(obj))
            )
        else:
            return
        self.count += 1

    def flush(self) -> None:
        for table, rows in self.pending.items():
            if rows:
                marks = ", ".join("?" * len(_TABLES[table].split(", ")))
                self.db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
                rows.clear()
        self.count = 0

    def drop(self) -> None:
        for rows in self.pending.values():
            rows.clear()
        for table in _TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE file = ?", (self.fid,))
