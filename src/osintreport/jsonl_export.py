"""Export a JSON Lines report as GeoJSON without holding it in memory.

:func:`jsonl_to_geojson` reads the file twice: first for the report header and the names
of its actors (the only things a feature needs besides its event), then for the events,
writing each feature as soon as it is made. The text is the one
``osintreport export --to geojson`` writes for the whole report, byte for byte. Parquet has
its own streaming writer, :func:`osintreport.frames.jsonl_to_parquet`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import IO

import attrs

from . import _json
from .errors import LoadError, Problem
from .geojson import collection_members, event_feature
from .jsonl import Record, iter_numbered_records
from .model import Actor, Event, Report
from .streamed import file_lines
from .vocab import Tlp

__all__ = ["jsonl_to_geojson"]


def _records(
    path: str | os.PathLike[str], tick: Callable[[int], object]
) -> Iterator[tuple[int, Record]]:
    return iter_numbered_records(file_lines(path, tick), file=os.fspath(path))


def _header(
    path: str | os.PathLike[str], tick: Callable[[int], object]
) -> tuple[Report, dict[str, str]]:
    """The one report header (its items dropped) and every actor's name, by id."""
    name = os.fspath(path)
    header: Report | None = None
    names: dict[str, str] = {}
    for number, record in _records(path, tick):
        if isinstance(record, Report):
            if header is not None:
                message = "a second report header: this file holds several; use iter_reports"
                raise LoadError([Problem(message=message, file=name, line=number)])
            names.update((actor.id, actor.name) for actor in record.actors)
            header = attrs.evolve(record, actors=())  # its events are read on the second pass
        elif header is None:
            message = "a record comes before the report header line"
            raise LoadError([Problem(message=message, file=name, line=number)])
        elif isinstance(record, Actor):
            names.setdefault(record.id, record.name)
    if header is None:
        raise LoadError([Problem(message="no report header line (type: report)", file=name)])
    return header, names


def jsonl_to_geojson(
    path: str | os.PathLike[str],
    out: IO[str],
    *,
    progress: Callable[[int], object] | None = None,
) -> tuple[int, int]:
    """Write the events of the one report in a JSON Lines file as a GeoJSON FeatureCollection.

    Args:
        path: A ``.jsonl`` file holding one report.
        out: Where to write the text (an open file, standard output).
        progress: Called with the number of characters read, on both passes.

    Returns:
        How many features were written, and how many events were left out for want of
        coordinates.

    Raises:
        LoadError: A bad line (with its number), no report header, a second one, or an
            item before it.
    """
    tick = progress or (lambda _: None)
    header, names = _header(path, tick)
    levels: set[Tlp] = set()
    if header.marking is not None and header.marking.tlp is not None:
        levels.add(header.marking.tlp)
    written = unmapped = 0
    out.write('{\n  "type": "FeatureCollection",\n  "features": [')

    def events() -> Iterator[Event]:
        for _, record in _records(path, tick):
            if isinstance(record, Report):
                yield from record.events
            elif isinstance(record, Event):
                yield record

    for event in events():
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
