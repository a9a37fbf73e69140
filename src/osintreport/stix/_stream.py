"""STIX export of a JSON Lines report, in memory that does not grow with it (private).

:func:`jsonl_to_stix` writes the bundle :func:`~osintreport.stix.to_stix` makes of the
report, byte for byte, as ``osintreport export --to stix`` prints it. The exporter is the
same; what it remembers is kept compactly:

- every STIX id it has given out (to give none twice) as a 128-bit digest, 17 bytes each
  (:class:`~osintreport._digest_table.DigestTable`);
- which STIX id each model id was written as: a digest and the STIX type, since the id is
  the one the type and the model id make; an id made otherwise (kept from a STIX import,
  or changed to avoid a clash) is kept whole;
- the locations likewise, by the place they stand for;
- the objects on disk, as JSON text, with their ids for the report's ``object_refs``.

The file is read four times: the report header with its actors, sources, assessments and
relations (events and claims are passed over unbuilt); the events; the claims, for the
note ids they will have (a claim may be about a claim further on); and the claims again,
to write them.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from itertools import chain
from typing import IO, Any, cast

from .._digest_table import DigestTable
from .._json_stream import RawJson, Spooled, json_pieces
from .._stream_index import header_with, index_file, items_of_kind
from ..errors import LoadError
from ..jsonl_redact import StreamRedaction
from ..model import Report
from ..streamed import no_progress
from ._export import (
    _Exporter,
    bundle_id,
    export_actors,
    export_claim,
    export_event,
    finish,
    start,
)
from ._extension import IDENTITY_ID, definitions
from ._properties import kept_id

__all__ = ["jsonl_to_stix"]

Tick = Callable[[int], object]
_KEPT = ("actors", "sources", "assessments", "relations")  # read first, kept whole
_SEPARATOR = "\x1e"  # between JSON texts on disk: json.dumps escapes it inside strings


class _IdMap:
    """Keys (model ids, place keys) to STIX ids, as a dict would hold them, compactly."""

    def __init__(self, make_id: Callable[..., str]) -> None:
        self._make_id = make_id
        self._table = DigestTable()
        self._exact: dict[str, str] = {}
        self._types: list[str] = [""]  # code -> STIX type

    def get(self, key: str | None, default: str | None = None) -> str | None:
        if key is None:
            return default
        exact = self._exact.get(key)
        if exact is not None:
            return exact
        code = self._table.code(key)
        return self._make_id(self._types[code], key) if code else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (key in self._exact or key in self._table)

    def __getitem__(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def setdefault(self, key: str, value: str) -> str:
        found = self.get(key)
        if found is not None:
            return found
        kind = value.split("--", 1)[0]
        if value == self._make_id(kind, key) and (kind in self._types or len(self._types) < 256):
            if kind not in self._types:
                self._types.append(kind)
            self._table.add(key, self._types.index(kind))
        else:
            self._exact[key] = value
        return value

    def __setitem__(self, key: str, value: str) -> None:
        self.setdefault(key, value)


class _ObjectSpool:
    """The objects added: on disk as indented JSON, but the last one, which may change."""

    def __init__(self) -> None:
        self._texts: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self._ids: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.last: dict[str, Any] | None = None
        self.written = 0

    def append(self, obj: dict[str, Any]) -> None:
        self.flush()
        self.last = obj

    def __getitem__(self, index: int) -> dict[str, Any]:
        if index != -1 or self.last is None:
            raise IndexError(index)
        return self.last

    def flush(self) -> None:
        """Write the last object to disk."""
        if self.last is not None:
            text = json.dumps(self.last, ensure_ascii=False, indent=2)
            self._texts.write(text + _SEPARATOR)
            self._ids.write(self.last["id"] + "\n")
            self.written += 1
            self.last = None

    def ids(self) -> Iterator[str]:
        """The ids of the objects on disk, in order."""
        self._ids.flush()
        self._ids.seek(0)
        for line in self._ids:
            yield line.rstrip("\n")

    def texts(self) -> Iterator[RawJson]:
        """The objects on disk, in order, as JSON texts."""
        self._texts.flush()
        self._texts.seek(0)
        rest = ""
        while chunk := self._texts.read(1 << 20):
            *done, rest = (rest + chunk).split(_SEPARATOR)
            yield from map(RawJson, done)

    def close(self) -> None:
        self._texts.close()
        self._ids.close()


class _StreamExporter(_Exporter):
    """The exporter, remembering ids in digest tables and writing objects to disk."""

    def __init__(self, report: Report, kept: list[dict[str, Any]]) -> None:
        super().__init__(report, kept)
        used = DigestTable()
        for ident in self.used:
            used.add(ident)
        self.used: Any = used
        self.refs: Any = _IdMap(self.make_id)
        self.locations: Any = _IdMap(self.make_id)
        self.objects: Any = _ObjectSpool()

    def object_ids(self) -> Any:
        spool = cast(_ObjectSpool, self.objects)
        spool.flush()
        return Spooled(spool.ids()) if spool.written else [IDENTITY_ID]


def jsonl_to_stix(
    path: str | os.PathLike[str],
    out: IO[str],
    *,
    progress: Tick = no_progress,
    redaction: StreamRedaction | None = None,
) -> int:
    """Write the one report in a JSON Lines file as a STIX 2.1 bundle; return the object count.

    The text is the one ``osintreport export --to stix`` writes for the report loaded
    whole (``to_stix``, indented as the commands print JSON). Nothing is written to
    ``out`` until the file has been read without a problem.

    Args:
        path: A ``.jsonl`` file holding one report.
        out: Where to write the bundle.
        progress: Called with the number of characters read, on each of the four reads.
        redaction: What to withhold, from :func:`~osintreport.jsonl_redact.plan_redaction`
            on the same file (as ``--max-tlp`` does).

    Raises:
        LoadError: The file cannot be read or holds no valid report: every problem on
            every line, as :func:`osintreport.load` reports them.
    """
    name = os.fspath(path)
    try:
        report = header_with(path, progress, redaction, _KEPT, skim=True)
        ex, kept = start(report, _StreamExporter)
        export_actors(ex, report.actors)
        for event in items_of_kind(path, progress, redaction, "events", skim=True):
            export_event(ex, event)
        unusual: dict[int, str] = {}  # claim number -> a note id not made from its id
        claims = items_of_kind(path, progress, redaction, "claims", skim=True)
        for number, claim in enumerate(claims):
            note = ex.claim_id("note", kept_id(claim), claim.id)
            ex.refs.setdefault(claim.id, note)
            if note != ex.make_id("note", claim.id):
                unusual[number] = note
        claims = items_of_kind(path, progress, redaction, "claims", skim=True)
        for number, claim in enumerate(claims):
            export_claim(ex, claim, unusual.get(number) or ex.make_id("note", claim.id))
        rest = finish(ex, kept, report.assessments, report.relations)
    except LoadError:
        index_file(path, name, no_progress, skim=False)  # raises with every problem
        raise
    spool = cast(_ObjectSpool, ex.objects)
    last = [spool.last] if spool.last is not None else []  # the report object
    objects = chain(definitions(), ex.markings.objects, spool.texts(), last, rest)
    count = len(definitions()) + len(ex.markings.objects) + spool.written + len(rest)
    count += spool.last is not None
    bundle = {"type": "bundle", "id": bundle_id(report), "objects": Spooled(objects)}
    try:
        out.writelines(json_pieces(bundle))
    finally:
        spool.close()
    return count
