"""Build, refresh and query a collection's index; compare the queries on DuckDB.

Run: python benchmarks/collection.py [--files 10000] [--events 10] [--jsonl 0]

Writes FILES generated JSON reports of EVENTS events each (every event dated, placed and with
two participants; one claim about every event; an assessment per report) into a temporary
folder, and optionally JSONL files of a million events in all (``--jsonl 100`` writes 100
files of 10,000 events). Then times, in this process:

- the first ``Collection.update()`` (the index build), and its peak memory (RSS);
- a second update with nothing changed, and one after one file changed;
- each query (best of five): events in a month and a box, events of one actor by name,
  claims about one event, assessments on a topic.

With ``duckdb`` installed (``pip install duckdb``; not a dependency), the same rows are
copied into DuckDB and the same queries run there, to compare the engines on equal data.
Record the figures in docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import osintreport as osr
from osintreport.collection import Collection

ACTORS = [
    ("sdf", "Syrian Democratic Forces", ("SDF",)),
    ("irgc-qf", "IRGC Quds Force", ("Quds Force", "IRGC-QF")),
    ("saa", "Syrian Arab Army", ("SAA",)),
    ("tribes", "Arab tribal fighters", ()),
    ("isis", "Islamic State", ("ISIS", "Daesh")),
]
EVENT = "ev-7-3"  # the event claims are asked about; main() picks one the files have
TOPICS = ["tribal revolt", "militia deployment", "air defense", "border crossing"]


def make_report(number: int, events: int, rng: random.Random) -> osr.Report:
    """A report of ``events`` events in eastern Syria, with claims and an assessment."""
    actors = tuple(osr.Actor(id=i, name=n, aliases=a) for i, n, a in ACTORS)
    made, claims = [], []
    for n in range(events):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(365))
        a, b = rng.sample(ACTORS, 2)
        event_id = f"ev-{number}-{n}"
        made.append(
            osr.Event(
                id=event_id,
                kind=osr.EventKind.BATTLE,
                summary=f"Clash {n} near the river between {a[1]} and {b[1]}.",
                when=osr.When.from_date(day),
                where=osr.Place(
                    name="Deir ez Zor", lat=rng.uniform(34.0, 36.5), lon=rng.uniform(38.5, 41.5)
                ),
                participants=(
                    osr.Participant(actor=a[0], role=osr.Role.INITIATOR),
                    osr.Participant(actor=b[0], role=osr.Role.TARGET),
                ),
            )
        )
        claims.append(
            osr.Claim(id=f"cl-{number}-{n}", text=f"Clash {n} happened.", about=(event_id,))
        )
    topic = TOPICS[number % len(TOPICS)]
    assessment = osr.Assessment(id=f"as-{number}", text=f"The {topic} will likely go on.")
    return osr.Report(
        id=f"r-{number}",
        title=f"Daily update {number}",
        actors=actors,
        events=tuple(made),
        claims=tuple(claims),
        assessments=(assessment,),
    )


def best(run: Callable[[], Any], repeat: int = 5) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


QUERIES: dict[str, tuple[Callable[[Collection], Any], str]] = {
    "events in a month and a box": (
        lambda c: list(c.events(period="2023-07", bbox=(39.0, 34.5, 40.0, 35.5), refresh=False)),
        "SELECT e.data FROM events e WHERE lo <= '2023-07-31' AND hi >= '2023-07-01' "
        "AND lat BETWEEN 34.5 AND 35.5 AND lon BETWEEN 39.0 AND 40.0",
    ),
    "events of one actor, by name": (
        lambda c: list(c.events(actor="Quds Force", refresh=False)),
        "SELECT e.data FROM events e WHERE e.rowid IN (SELECT x.rowid FROM participants p "
        "JOIN events x ON x.file = p.file AND x.report = p.report AND x.id = p.event "
        "WHERE (p.file, p.report, p.actor) IN (SELECT file, report, actor FROM names "
        "WHERE key = 'quds force'))",
    ),
    "claims about one event": (
        lambda c: list(c.claims_about(EVENT, refresh=False)),
        "SELECT c.data FROM claims c JOIN about a ON a.file = c.file AND a.report = c.report "
        "AND a.claim = c.id WHERE a.target = '{event}'",
    ),
    "assessments on a topic": (
        lambda c: list(c.assessments("tribal revolt", refresh=False)),
        "SELECT data FROM assessments WHERE words LIKE '% tribal%' AND words LIKE '% revolt%'",
    ),
}


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def on_duckdb(index: Path) -> dict[str, float]:
    """The same queries on DuckDB, over the same rows copied from the SQLite index."""
    import duckdb

    source = sqlite3.connect(index)
    duck = duckdb.connect()
    for table in ("events", "participants", "names", "claims", "about", "assessments"):
        cursor = source.execute(f"SELECT * FROM {table}")
        columns = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
        import pandas as pd

        frame = pd.DataFrame(rows, columns=columns)  # noqa: F841 - read by DuckDB by name
        duck.execute(f"CREATE TABLE {table} AS SELECT *, row_number() OVER () AS rowid FROM frame")
    out = {}
    for name, (_, sql) in QUERIES.items():
        out[name], _ = best(lambda sql=sql: duck.execute(sql.format(event=EVENT)).fetchall())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=10)
    parser.add_argument("--jsonl", type=int, default=0, help="JSONL files of 10,000 events")
    args = parser.parse_args()
    global EVENT
    EVENT = "ev-7-3" if args.files > 7 else "ev-100007-3"
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        start = time.perf_counter()
        for n in range(args.files):
            osr.dump(make_report(n, args.events, rng), root / f"r-{n:05d}.json")
        for n in range(args.jsonl):
            osr.dump(make_report(100_000 + n, 10_000, rng), root / f"big-{n:03d}.jsonl")
        events = args.files * args.events + args.jsonl * 10_000
        size = sum(p.stat().st_size for p in root.iterdir()) / 1e6
        print(
            f"{args.files + args.jsonl} files, {events:,} events, {size:.0f} MB "
            f"(written in {time.perf_counter() - start:.0f} s)"
        )
        with Collection(root) as collection:
            before = rss_mb()
            done = collection.update()
            print(
                f"build: {done.seconds:.1f} s for {done.objects:,} objects; peak RSS "
                f"{rss_mb():.0f} MB (was {before:.0f} MB before the build); index "
                f"{os.path.getsize(collection.index) / 1e6:.0f} MB"
            )
            again = collection.update()
            print(f"refresh, nothing changed: {again.seconds:.2f} s")
            first = (
                sorted(root.glob("r-*.json"))[0] if args.files else sorted(root.glob("*.jsonl"))[0]
            )
            osr.dump(osr.load(first), first)
            os.utime(first, ns=(time.time_ns(), time.time_ns() + 1000))
            changed = collection.update()
            print(f"refresh, one file changed: {changed.seconds:.2f} s ({changed.changed} read)")
            ours = {}
            for name, (query, _) in QUERIES.items():
                ours[name], found = best(lambda query=query: query(collection))
                print(f"query {name}: {ours[name] * 1000:.1f} ms ({len(found)} found)")
            index = Path(collection.index)
        raw = sqlite3.connect(index)
        plain = {
            name: best(lambda sql=sql: raw.execute(sql.format(event=EVENT)).fetchall())[0]
            for name, (_, sql) in QUERIES.items()
        }
        try:
            theirs = on_duckdb(index)
        except ImportError:
            theirs = {}
            print("duckdb is not installed: no comparison")
        for name, seconds in plain.items():
            duck = f"{theirs[name] * 1000:.1f} ms" if name in theirs else "-"
            print(f"same SQL, rows only: {name}: SQLite {seconds * 1000:.1f} ms, DuckDB {duck}")


if __name__ == "__main__":
    main()
