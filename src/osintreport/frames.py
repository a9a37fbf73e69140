"""DataFrames, Arrow tables and Parquet: one row per event, claim, source, actor or assessment.

Needs the ``frames`` extra (``pip install 'osintreport[frames]'``: pandas and pyarrow),
imported only when used. Every row carries its ``report_id``. Dates are given three ways:
the EDTF text (``when``) and its bounds (``start``, ``end``, as dates; empty when open or
unknown). Lists (aliases, participants, cited sources) are list columns.

``jsonl_to_parquet`` converts a JSON Lines file of any size in chunks, with memory that does
not grow with the file (figures in ``docs/interop.md``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal

from .errors import MissingExtraError
from .jsonl import iter_records
from .model import Actor, Assessment, Claim, Event, Report, Source
from .when import When

__all__ = [
    "KINDS",
    "Kind",
    "arrow_schema",
    "iter_rows",
    "jsonl_to_parquet",
    "read_parquet",
    "to_arrow",
    "to_frame",
    "write_parquet",
]

Kind = Literal["events", "claims", "sources", "actors", "assessments"]
KINDS: tuple[Kind, ...] = ("events", "claims", "sources", "actors", "assessments")
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


def _dates(when: When | None, column: str = "when") -> dict[str, Any]:
    """The date as written (in ``column``) and its first and last possible days."""
    return {
        column: str(when) if when else None,
        "start": when.earliest() if when else None,
        "end": when.latest() if when else None,
    }


def _ext(obj: Any) -> str | None:
    return json.dumps(obj.extensions, ensure_ascii=False) if obj.extensions else None


def _event(report_id: str, e: Event) -> dict[str, Any]:
    place = e.where
    return {
        "report_id": report_id,
        "id": e.id,
        "kind": e.kind.value,
        "summary": e.summary,
        **_dates(e.when),
        "place": place.name if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "precision": place.precision.value if place and place.precision else None,
        "actors": [p.actor for p in e.participants],
        "roles": [p.role.value for p in e.participants],
        "fatalities_low": e.fatalities.low if e.fatalities else None,
        "fatalities_best": e.fatalities.best if e.fatalities else None,
        "fatalities_high": e.fatalities.high if e.fatalities else None,
        "sources": [c.source for c in e.citations if c.source],
        "citations": len(e.citations),
        "extensions": _ext(e),
    }


def _claim(report_id: str, c: Claim) -> dict[str, Any]:
    return {
        "report_id": report_id,
        "id": c.id,
        "text": c.text,
        "claimant": c.claimant,
        **_dates(c.stated, "stated"),
        "about": list(c.about),
        "status": c.status.value,
        "credibility": int(c.credibility) if c.credibility else None,
        "sources": [x.source for x in c.citations if x.source],
        "citations": len(c.citations),
        "extensions": _ext(c),
    }


def _source(report_id: str, s: Source) -> dict[str, Any]:
    return {
        "report_id": report_id,
        "id": s.id,
        "kind": s.kind.value,
        "title": s.title,
        "publisher": s.publisher,
        "url": s.url,
        "language": s.language,
        **_dates(s.published, "published"),
        "accessed": s.accessed,
        "archive_url": s.archive_url,
        "sha256": s.sha256,
        "reliability": s.reliability.value if s.reliability else None,
        "affiliation": s.affiliation,
        "extensions": _ext(s),
    }


def _actor(report_id: str, a: Actor) -> dict[str, Any]:
    return {
        "report_id": report_id,
        "id": a.id,
        "name": a.name,
        "kind": a.kind.value,
        "aliases": list(a.aliases),
        "country": a.country,
        "parent": a.parent,
        "backers": list(a.backers),
        "description": a.description,
        "wikidata": a.external_ids.wikidata if a.external_ids else None,
        "extensions": _ext(a),
    }


def _assessment(report_id: str, a: Assessment) -> dict[str, Any]:
    return {
        "report_id": report_id,
        "id": a.id,
        "text": a.text,
        "likelihood": a.likelihood.value if a.likelihood else None,
        "confidence": a.confidence.value if a.confidence else None,
        "basis": list(a.basis),
        **_dates(a.horizon, "horizon"),
        "sources": [x.source for x in a.citations if x.source],
        "extensions": _ext(a),
    }


_ROWS: dict[str, Callable[[str, Any], dict[str, Any]]] = {
    "events": _event,
    "claims": _claim,
    "sources": _source,
    "actors": _actor,
    "assessments": _assessment,
}
_TYPES = {
    "events": Event,
    "claims": Claim,
    "sources": Source,
    "actors": Actor,
    "assessments": Assessment,
}


def _check_kind(kind: str) -> None:
    if kind not in _ROWS:
        raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")


def iter_rows(reports: Report | Iterable[Report], kind: Kind) -> Iterator[dict[str, Any]]:
    """Yield one plain dict per item of ``kind`` (no extra needed)."""
    _check_kind(kind)
    make = _ROWS[kind]
    for report in [reports] if isinstance(reports, Report) else reports:
        for item in getattr(report, kind):
            yield make(report.id, item)


def _schema(kind: Kind) -> Any:
    pa = _pyarrow()
    text, date, strings = pa.string(), pa.date32(), pa.list_(pa.string())
    common = [("report_id", text), ("id", text)]
    fields = {
        "events": [
            ("kind", text),
            ("summary", text),
            ("when", text),
            ("start", date),
            ("end", date),
            ("place", text),
            ("admin1", text),
            ("admin2", text),
            ("country", text),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
            ("precision", text),
            ("actors", strings),
            ("roles", strings),
            ("fatalities_low", pa.int64()),
            ("fatalities_best", pa.int64()),
            ("fatalities_high", pa.int64()),
            ("sources", strings),
            ("citations", pa.int64()),
        ],
        "claims": [
            ("text", text),
            ("claimant", text),
            ("stated", text),
            ("start", date),
            ("end", date),
            ("about", strings),
            ("status", text),
            ("credibility", pa.int8()),
            ("sources", strings),
            ("citations", pa.int64()),
        ],
        "sources": [
            ("kind", text),
            ("title", text),
            ("publisher", text),
            ("url", text),
            ("language", text),
            ("published", text),
            ("start", date),
            ("end", date),
            ("accessed", pa.timestamp("us", tz="UTC")),
            ("archive_url", text),
            ("sha256", text),
            ("reliability", text),
            ("affiliation", text),
        ],
        "actors": [
            ("name", text),
            ("kind", text),
            ("aliases", strings),
            ("country", text),
            ("parent", text),
            ("backers", strings),
            ("description", text),
            ("wikidata", text),
        ],
        "assessments": [
            ("text", text),
            ("likelihood", text),
            ("confidence", text),
            ("basis", strings),
            ("horizon", text),
            ("start", date),
            ("end", date),
            ("sources", strings),
        ],
    }[kind]
    return pa.schema([*common, *fields, ("extensions", text)])


def arrow_schema(kind: Kind) -> Any:
    """The ``pyarrow.Schema`` of the rows of ``kind`` (for engines that write Parquet)."""
    _check_kind(kind)
    return _schema(kind)


def to_arrow(reports: Report | Iterable[Report], kind: Kind) -> Any:
    """Return a ``pyarrow.Table`` with one row per item of ``kind``, typed columns."""
    pa = _pyarrow()
    return pa.Table.from_pylist(list(iter_rows(reports, kind)), schema=_schema(kind))


def to_frame(reports: Report | Iterable[Report], kind: Kind) -> Any:
    """Return a ``pandas.DataFrame`` with one row per item of ``kind``."""
    pd = _pandas()
    return pd.DataFrame.from_records(
        list(iter_rows(reports, kind)), columns=list(_schema(kind).names)
    )


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
    return pa.parquet.read_table(os.fspath(path)).to_pandas()


def jsonl_to_parquet(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    kind: Kind = "events",
    *,
    chunk_size: int = 50_000,
) -> int:
    """Convert a JSON Lines file of any size to Parquet in chunks; return the row count.

    Records are streamed with :func:`~osintreport.jsonl.iter_records`; at most ``chunk_size``
    rows are held at once, so memory does not grow with the file. Items of ``kind`` take
    their ``report_id`` from the report header line before them.
    """
    _check_kind(kind)
    pa = _pyarrow()
    schema = _schema(kind)
    make, wanted = _ROWS[kind], _TYPES[kind]
    count = 0
    report_id = ""
    chunk: list[dict[str, Any]] = []
    with pa.parquet.ParquetWriter(os.fspath(target), schema) as writer:
        for record in iter_records(source):
            if isinstance(record, Report):
                report_id = record.id
                nested = list(iter_rows(record, kind))
                chunk.extend(nested)
            elif isinstance(record, wanted):
                chunk.append(make(report_id, record))
            if len(chunk) >= chunk_size:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                count += len(chunk)
                chunk = []
        if chunk or count == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
    return count
