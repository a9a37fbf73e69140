"""Ask a collection of reports the same questions on a Dask cluster as from its index.

``Collection`` answers from an SQLite index on one machine. Across cores and machines, the
same questions are the functions of ``osintreport.collection.queries``, mapped over a
``dask.bag`` of report files: each worker reads its own files and keeps only what matches.
This script starts a local Dask cluster (two worker processes), asks for the events of
late August 2023 in which the SDF took part, the claims about one event and the assessments
on a topic, and checks that the cluster and the index agree. Needs
``pip install 'osintreport[merge]' 'dask[bag,distributed]'``::

    python examples/collection_dask.py            # the two example reports, four copies each

Point ``run`` at your own folder, and at a scheduler's address instead of a local cluster
(``Client("tcp://scheduler:8786")``) to spread it over machines.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import attrs
import dask.bag as db
from dask.distributed import Client, LocalCluster

import osintreport as osr
from osintreport.collection import Collection
from osintreport.collection import queries as q

HERE = Path(__file__).parent
PERIOD = "2023-08-27/2023-08-31"
ACTOR = "Syrian Democratic Forces"
EVENT = "ev-dmc-commander-arrest"
TOPIC = "tribes"


def read(path: str) -> list[osr.Report]:
    """Every report in one file (a JSON Lines file may hold several)."""
    if path.endswith(".jsonl"):
        return list(osr.iter_reports(path))
    return [osr.load(path)]


def ask(report: osr.Report) -> list[tuple[str, str, str]]:
    """``(question, report id, object id)`` for everything in ``report`` that answers."""
    found = [("events", report.id, e.id) for e in q.events_in(report, period=PERIOD, actor=ACTOR)]
    found += [("claims", report.id, c.id) for c in q.claims_about(report, EVENT)]
    found += [("assessments", report.id, a.id) for a in q.assessments_on(report, TOPIC)]
    return found


def on_dask(files: list[str], client: Client) -> list[tuple[str, str, str]]:
    """The answers, worked out by the cluster's workers, one file per partition."""
    bag = db.from_sequence(files, npartitions=len(files)).map(read).flatten().map(ask).flatten()
    answers: list[Any] = client.compute(bag).result()
    return sorted(tuple(a) for a in answers)


def from_index(collection: Collection) -> list[tuple[str, str, str]]:
    """The same answers from the collection's index."""
    found = [("events", f.report, f.obj.id) for f in collection.events(period=PERIOD, actor=ACTOR)]
    found += [("claims", f.report, f.obj.id) for f in collection.claims_about(EVENT)]
    found += [("assessments", f.report, f.obj.id) for f in collection.assessments(TOPIC)]
    return sorted(found)


def make_folder(folder: Path, copies: int = 4) -> None:
    """Copies of the two example reports, each with its own id, as YAML, JSON and JSON Lines."""
    suffixes = (".yaml", ".json", ".jsonl")
    for name in ("isw-2023-08-03-syria-coordination", "iran-update-2023-09-29"):
        report = osr.load(HERE / f"{name}.yaml")
        for n in range(copies):
            copy = attrs.evolve(report, id=f"{report.id}-{n}")
            osr.dump(copy, folder / f"{name}-{n}{suffixes[n % 3]}")


def run(folder: Path, *, workers: int = 2) -> tuple[int, bool]:
    """Answer on a local cluster and from the index; return the answers and whether they agree."""
    with Collection(folder) as collection:
        expected = from_index(collection)
    files = sorted(str(p) for p in Collection(folder, index=":memory:").files)
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True) as cluster,
        Client(cluster) as client,
    ):
        answers = on_dask(files, client)
    return len(answers), answers == expected


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        make_folder(Path(folder))
        count, agree = run(Path(folder))
        print(f"{count} answers from the Dask cluster; the index agrees: {agree}")


if __name__ == "__main__":
    main()
    sys.exit(0)
