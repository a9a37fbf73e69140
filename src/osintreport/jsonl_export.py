"""Export a JSON Lines report as GeoJSON, ACLED or UCDP GED CSV without holding it in memory.

Each reads the file twice: first for the report header, its actors and its sources (all an
exported event needs besides itself), then for the events, writing each as soon as it is
made. The text is the one ``osintreport export`` writes for the whole report, byte for
byte. Parquet has its own streaming writer, :func:`osintreport.frames.jsonl_to_parquet`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import IO, Literal

from . import _json
from ._stream_index import header_with, items_of_kind
from .geojson import collection_members, event_feature
from .jsonl_redact import StreamRedaction
from .model import Event
from .streamed import no_progress
from .vocab import Tlp

__all__ = ["jsonl_to_geojson", "jsonl_to_table"]

Redaction = StreamRedaction | None


def jsonl_to_table(
    path: str | os.PathLike[str],
    out: IO[str],
    format: Literal["acled", "ucdp"],
    *,
    progress: Callable[[int], object] | None = None,
    redaction: Redaction = None,
) -> tuple[int, tuple[tuple[str, str], ...]]:
    """Write the events of the one report in a JSON Lines file as ACLED or UCDP GED CSV.

    With ``redaction`` (from :func:`~osintreport.jsonl_redact.plan_redaction` on the same
    file), what it withholds is left out, as ``--max-tlp`` leaves it out of a whole report.

    Returns:
        How many events the report has, and ``(event id, reason)`` for each event the
        format cannot hold (not written).

    Raises:
        LoadError: A bad line (with its number), no report header, a second one, or an
            item before it.
    """
    from ._event_table import write_rows_to

    tick = progress or no_progress
    header = header_with(path, tick, redaction, ("actors", "sources"))
    from . import ucdp
    from .acled import COLUMNS, UNWRITABLE, _write

    columns: tuple[str, ...] = COLUMNS if format == "acled" else ucdp.COLUMNS
    seen = 0

    def counted() -> Iterator[Event]:
        nonlocal seen
        for event in items_of_kind(path, tick, redaction, "events"):
            seen += 1
            yield event

    skipped = write_rows_to(
        out,
        [(header, counted())],
        columns=columns,
        columns_key=f"x_{format}_columns",
        cells_of=_write.cells_of if format == "acled" else ucdp.cells_of,
        unwritable=UNWRITABLE if format == "acled" else ucdp.UNWRITABLE,
    )
    return seen, skipped


def jsonl_to_geojson(
    path: str | os.PathLike[str],
    out: IO[str],
    *,
    progress: Callable[[int], object] | None = None,
    redaction: Redaction = None,
) -> tuple[int, int]:
    """Write the events of the one report in a JSON Lines file as a GeoJSON FeatureCollection.

    Args:
        path: A ``.jsonl`` file holding one report.
        out: Where to write the text (an open file, standard output).
        progress: Called with the number of characters read, on both passes.
        redaction: What to withhold, from :func:`~osintreport.jsonl_redact.plan_redaction`
            on the same file (as ``--max-tlp`` does).

    Returns:
        How many features were written, and how many events were left out for want of
        coordinates.

    Raises:
        LoadError: A bad line (with its number), no report header, a second one, or an
            item before it.
    """
    tick = progress or no_progress
    header = header_with(path, tick, redaction, ("actors", "sources"))
    names = {actor.id: actor.name for actor in header.actors}  # as to_geojson makes them
    levels: set[Tlp] = set()
    if header.marking is not None and header.marking.tlp is not None:
        levels.add(header.marking.tlp)
    written = unmapped = 0
    out.write('{\n  "type": "FeatureCollection",\n  "features": [')

    for event in items_of_kind(path, tick, redaction, "events"):
        feature = event_feature(header, event, names, levels)
        if feature is None:
            unmapped += 1
            continue
        out.write(("\n" if not written else ",\n") + _json.emit_nested(feature, 2))
        written += 1
    out.write("\n  ],\n" if written else "],\n")
    members = collection_members(unmapped, levels)
    out.write(",\n".join(_json.emit_member(key, value) for key, value in members.items()))
    out.write("\n}\n")
    return written, unmapped
