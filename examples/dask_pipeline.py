"""Validate a directory of JSON Lines reports with Dask and write the results as Parquet.

Each JSON Lines file is one partition of a Dask bag. A worker process reads it with
``iter_reports``, validates each report, and writes two Parquet files: the events (through
``osintreport.frames``) and the findings. Only the public API is used. Needs
``pip install 'osintreport[frames]' 'dask[bag]'``::

    python examples/dask_pipeline.py            # makes a small directory of reports first

The test suite runs it on a local pool of two worker processes. Read the results with any
Parquet reader, for example ``pandas.read_parquet(out / "events")``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import attrs
import dask
import dask.bag as db

import osintreport as osr
from osintreport import frames

HERE = Path(__file__).parent
FINDING_COLUMNS = ("file", "report_id", "code", "severity", "path", "subject", "message")


def process_file(path: str, out: str) -> dict[str, int]:
    """Validate every report in one JSON Lines file and write its events and findings."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    name = Path(path).stem
    reports = list(osr.iter_reports(path))
    rows: dict[str, list[Any]] = {column: [] for column in FINDING_COLUMNS}
    for report in reports:
        for finding in osr.validate(report):
            values = (
                Path(path).name,
                report.id,
                finding.code,
                finding.severity.value,
                finding.path,
                finding.subject,
                finding.message,
            )
            for column, value in zip(FINDING_COLUMNS, values, strict=True):
                rows[column].append(value)
    schema = pa.schema([(column, pa.string()) for column in FINDING_COLUMNS])
    pq.write_table(pa.table(rows, schema=schema), Path(out) / "findings" / f"{name}.parquet")
    events = frames.write_parquet(reports, Path(out) / "events" / f"{name}.parquet", "events")
    return {"findings": len(rows["code"]), "events": events}


def run(directory: Path, out: Path, *, workers: int = 2) -> tuple[int, int]:
    """Validate and export every ``*.jsonl`` file of ``directory``; return the row counts."""
    (out / "findings").mkdir(parents=True, exist_ok=True)
    (out / "events").mkdir(parents=True, exist_ok=True)
    files = sorted(str(p) for p in directory.glob("*.jsonl"))
    with dask.config.set(scheduler="processes", num_workers=workers):
        counts = db.from_sequence(files, npartitions=len(files)).map(process_file, str(out))
        totals = counts.compute()
    return sum(t["findings"] for t in totals), sum(t["events"] for t in totals)


def make_directory(directory: Path, copies: int = 4) -> None:
    """Write ``copies`` JSON Lines files of the worked example, each with its own report id."""
    report = osr.load(HERE / "isw-2023-08-03-syria-coordination.yaml")
    for n in range(copies):
        osr.dump(attrs.evolve(report, id=f"{report.id}-{n}"), directory / f"report-{n}.jsonl")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "reports", Path(folder) / "out"
        source.mkdir()
        make_directory(source)
        findings, events = run(source, out)
        print(f"{findings} findings and {events} events written as Parquet from 4 files")


if __name__ == "__main__":
    main()
    sys.exit(0)
