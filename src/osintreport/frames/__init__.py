"""DataFrames, Arrow tables and Parquet: one row per object of a kind (events, relations, ...).

Needs the ``frames`` extra (``pip install 'osintreport[frames]'``: pandas and pyarrow),
imported only when used. Every row carries its ``report_id``. Dates are given three ways:
the EDTF text (``when``) and its bounds (``start``, ``end``: Arrow dates, and ``datetime64``
in a DataFrame; empty when open or unknown). Counts are nullable integers. Lists (aliases,
participants, cited sources) are list columns. Every row also has the object's own TLP level
and caveats (``tlp``, ``caveats``), its provenance (``created``, ``modified``,
``created_by``) and its ``x_`` data as JSON text (``extensions``). Events give
killed and injured totals as ``fatalities_*`` and ``injured_*`` and the whole breakdown as
JSON text (``casualties``); claims give the original text and its language beside the
English one, and claims and assessments the reason they were retracted.

``jsonl_to_parquet`` converts a JSON Lines file of any size in chunks, with memory that does
not grow with the file (figures in ``docs/interop.md``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal

from ..errors import MissingExtraError
from ..jsonl import iter_numbered_records
from ..jsonl_redact import StreamRedaction
from ..model import Report
from ..streamed import file_lines, no_progress
from ._rows import COLUMNS, ROWS, TYPES, make_row

__all__ = [
    "KINDS",
    "Kind",
    "arrow_schema",
    "items_frame",
    "iter_rows",
    "jsonl_to_parquet",
    "read_parquet",
    "to_arrow",
    "to_frame",
    "write_parquet",
]

Kind = Literal["events", "claims", "sources", "actors", "assessments", "relations"]
KINDS: tuple[Kind, ...] = ("events", "claims", "sources", "actors", "assessments", "relations")
"""The kinds of rows."""


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as error:
        raise MissingExtraError("pandas", "frames", "DataFrames") from error
    return pandas


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as error:
        raise MissingExtraError("pyarrow", "frames", "Arrow tables and Parquet") from error
    return pyarrow


def _check_kind(kind: str) -> None:
    if kind not in ROWS:
        raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")


def iter_rows(reports: Report | Iterable[Report], kind: Kind) -> Iterator[dict[str, Any]]:
    """Yield one plain dict per item of ``kind`` (no extra needed)."""
    _check_kind(kind)
    for report in [reports] if isinstance(reports, Report) else reports:
        for item in getattr(report, kind):
            yield make_row(report.id, item, kind)


def _schema(kind: Kind) -> Any:
    pa = _pyarrow()
    types = {
        "text": pa.string(),
        "int": pa.int64(),
        "int8": pa.int8(),
        "float": pa.float64(),
        "date": pa.date32(),
        "timestamp": pa.timestamp("us", tz="UTC"),
        "strings": pa.list_(pa.string()),
    }
    return pa.schema([(name, types[type_name]) for name, type_name in COLUMNS[kind]])


def arrow_schema(kind: Kind) -> Any:
    """The ``pyarrow.Schema`` of the rows of ``kind`` (for engines that write Parquet)."""
    _check_kind(kind)
    return _schema(kind)


def to_arrow(reports: Report | Iterable[Report], kind: Kind) -> Any:
    """Return a ``pyarrow.Table`` with one row per item of ``kind``, typed columns."""
    pa = _pyarrow()
    return pa.Table.from_pylist(list(iter_rows(reports, kind)), schema=_schema(kind))


def _to_pandas(table: Any) -> Any:
    """A ``DataFrame`` with typed columns: dates as ``datetime64``, counts as nullable ints."""
    pd = _pandas()
    pa = _pyarrow()
    nullable = {pa.int64(): pd.Int64Dtype(), pa.int8(): pd.Int8Dtype()}
    return table.to_pandas(date_as_object=False, types_mapper=nullable.get)


def to_frame(reports: Report | Iterable[Report], kind: Kind) -> Any:
    """Return a ``pandas.DataFrame`` with one row per item of ``kind``.

    Columns are typed as in :func:`arrow_schema`: ``start`` and ``end`` are ``datetime64``
    (so ``.dt`` and comparisons with ``pd.Timestamp`` work; an open bound is ``NaT``), counts
    are nullable integers (``Int64``: a missing figure is ``<NA>``, not ``NaN`` or an object),
    ``created`` and ``modified`` are timezone-aware timestamps.
    """
    _pandas()
    return _to_pandas(to_arrow(reports, kind))


def items_frame(items: Iterable[tuple[str, Any]], kind: Kind) -> Any:
    """A ``pandas.DataFrame`` of objects of ``kind`` from any reports.

    The objects come as ``(report id, object)`` pairs; the columns are those of
    :func:`to_frame`.
    """
    _check_kind(kind)
    pa = _pyarrow()
    rows = [make_row(report_id, item, kind) for report_id, item in items]
    return _to_pandas(pa.Table.from_pylist(rows, schema=_schema(kind)))


def write_parquet(
    reports: Report | Iterable[Report], path: str | os.PathLike[str], kind: Kind
) -> int:
    """Write the rows of ``kind`` to a Parquet file; return how many were written."""
    pa = _pyarrow()
    table = to_arrow(reports, kind)
    pa.parquet.write_table(table, os.fspath(path))
    return int(table.num_rows)


def read_parquet(path: str | os.PathLike[str]) -> Any:
    """Read a Parquet file written by :func:`write_parquet` into a ``pandas.DataFrame``."""
    _pandas()
    pa = _pyarrow()
    return _to_pandas(pa.parquet.read_table(os.fspath(path)))


def jsonl_to_parquet(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    kind: Kind = "events",
    *,
    chunk_size: int = 10_000,
    progress: Callable[[int], object] | None = None,
    redaction: StreamRedaction | None = None,
) -> int:
    """Convert a JSON Lines file of any size to Parquet in chunks; return the row count.

    Records are streamed a line at a time; at most ``chunk_size`` rows are held at once,
    so memory does not grow with the file. Items of ``kind`` take their ``report_id`` from
    the report header line before them. ``progress`` is called with the number of
    characters of each line read. With ``redaction`` (from
    :func:`~osintreport.jsonl_redact.plan_redaction` on the same file), what it withholds
    is left out, as ``--max-tlp`` leaves it out of a whole report.
    """
    _check_kind(kind)
    pa = _pyarrow()
    schema = _schema(kind)
    wanted = TYPES[kind]
    count = 0
    report_id = ""
    chunk: list[dict[str, Any]] = []
    with pa.parquet.ParquetWriter(os.fspath(target), schema) as writer:
        lines = file_lines(source, progress or no_progress)
        records = iter_numbered_records(lines, file=os.fspath(source))
        if redaction is not None:
            records = redaction.records(records)
        for _, record in records:
            if isinstance(record, Report):
                report_id = record.id
                nested = list(iter_rows(record, kind))
                chunk.extend(nested)
            elif isinstance(record, wanted):
                chunk.append(make_row(report_id, record, kind))
            if len(chunk) >= chunk_size:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                count += len(chunk)
                chunk = []
        if chunk or count == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
    return count
