"""Load a JSON report one item at a time, so the document is never in memory whole (private).

:func:`osintreport.load` on a ``.json`` report used to parse the whole text into dicts and
lists (about four times the file) and then build the objects from them, with the text, the
parsed data and the objects alive together. Here the file is read in chunks of 1 MiB; the
top-level object is walked by hand, and each value is parsed by the standard library's C
decoder (``raw_decode``, with the same duplicate-key check as :func:`osintreport._json.parse`).
Each item of a collection (``"events": [...]``) is parsed and built into its model object at
once, and its parsed data let go, so the peak is the objects plus a chunk.

Anything unusual gives ``None`` and the caller loads the document the general way, which
gives the value or the error, with its position, exactly as before: an error of any kind,
a key repeated at the top level, an older or newer ``schema_version``, an escaped surrogate.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from ._json import _SURROGATE_ESCAPE_RE, _object, _refuse_constant
from .jsonl import CLASS_OF
from .migration import migrate_event
from .model import SCHEMA_VERSION, Report
from .serialization import _structure

__all__ = [
    "LONG",
    "SPILL",
    "LongValueError",
    "NeedsGeneralPathError",
    "Spilled",
    "array_members",
    "expand",
    "load_report",
    "read_report_text",
]

CHUNK = 1 << 20
_SPACE_RE = re.compile(r"[ \t\n\r]*")
_NUMBER_TAIL_RE = re.compile(r"[0-9.eE+-]*")  # what may follow a number cut by a chunk


class _NeedsGeneralPathError(Exception):
    """The document needs the general path (which will say what is wrong, if anything)."""


NeedsGeneralPathError = _NeedsGeneralPathError
"""Raised by :func:`array_members` for a document it leaves to the general path."""


class LongValueError(Exception):
    """An object too long to parse whole: :func:`array_members` walks it key by key."""


LONG = 1 << 24
"""An object member of the walked array whose text runs past this many characters is read
key by key, and its long arrays kept on disk (:class:`Spilled`)."""

SPILL = 1 << 16
"""An array inside such an object with more items than this is kept on disk."""


class Spilled:
    """A long JSON array read by :func:`array_members`, its items on disk, one per line.

    Iterate it to read them back (as often as wanted); :func:`expand` makes a list of it.
    """

    def __init__(self, items: list[Any]) -> None:
        self._file = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self._count = 0
        for item in items:
            self.add(item)

    def add(self, item: Any) -> None:
        """Write one more item at the end."""
        self._file.write(json.dumps(item, ensure_ascii=False) + "\n")
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Any]:
        self._file.flush()
        self._file.seek(0)
        for line in self._file:
            yield json.loads(line)
        self._file.seek(0, 2)


def expand(data: Any) -> Any:
    """``data`` with every :class:`Spilled` array in it read back as a list."""
    if isinstance(data, Spilled):
        return [expand(item) for item in data]
    if isinstance(data, dict):
        return {key: expand(value) for key, value in data.items()}
    if isinstance(data, list):
        return [expand(item) for item in data]
    return data


_REFERENCES = frozenset(
    {"actor", "source", "claimant", "parent", "affiliation", "subject", "object"}
)
"""Keys whose values are ids of other objects: the same few ids, over and over."""


def _sharing_decoder() -> json.JSONDecoder:
    """The duplicate-refusing decoder, with one ``str`` for each id that references repeat.

    A report of 100,000 events names its actors and sources about 450,000 times; each name
    was a string of its own (about 57 bytes), now they share one per id.
    """
    shared: dict[str, str] = {}

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            _object(pairs)  # raises DuplicateKeyError, naming the key
        for key in _REFERENCES.intersection(result):
            value = result[key]
            if type(value) is str:
                result[key] = shared.setdefault(value, value)
        return result

    return json.JSONDecoder(object_pairs_hook=hook, parse_constant=_refuse_constant)


class _Reader:
    """A window on the file's text, refilled as the walk moves on."""

    def __init__(
        self,
        read: Callable[[int], bytes],
        text: str = "",
        decoder: json.JSONDecoder | None = None,
    ) -> None:
        self._read = read
        self._decoder = decoder or _sharing_decoder()
        self._utf8 = codecs.getincrementaldecoder("utf-8")("strict")
        self.text = text
        self.piece = ""  # the text of the last value read
        self.at = 0
        self.ended = bool(text)
        self._fill()
        if self.text.startswith("\ufeff"):
            self.at = 1  # a byte-order mark, dropped as read_text drops it

    def _fill(self, size: int | None = None) -> bool:
        """Read ``size`` more bytes (:data:`CHUNK`); ``False`` at the end of the file."""
        if self.ended:
            return False
        raw = self._read(size or CHUNK)
        try:
            more = self._utf8.decode(raw, final=not raw)
        except UnicodeDecodeError:
            raise _NeedsGeneralPathError from None
        self.text = self.text[self.at :] + more
        self.at = 0
        self.ended = not raw
        return True

    def peek(self) -> str:
        """The next character that is not white space (``""`` at the end)."""
        while True:
            self.at = _SPACE_RE.match(self.text, self.at).end()  # type: ignore[union-attr]
            if self.at < len(self.text) or not self._fill():
                return self.text[self.at : self.at + 1]

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise _NeedsGeneralPathError
        self.at += 1

    def value(self, long: int | None = None) -> Any:
        """The next JSON value, parsed by the C decoder; more is read if it is cut short.

        Raises:
            LongValueError: With ``long``: the value is an object whose text runs past
                ``long`` characters (nothing is consumed).
        """
        self.peek()
        while True:
            try:
                data, end = self._decoder.raw_decode(self.text, self.at)
            except ValueError:  # cut short by the chunk, or not JSON
                too_long = long is not None and len(self.text) - self.at > long
                if too_long and self.text[self.at] == "{":
                    raise LongValueError from None
                # As much again as the value has so far: a value of n bytes is parsed
                # about log(n) times over, not n / CHUNK times.
                if self._fill(max(CHUNK, len(self.text) - self.at)):
                    continue
                raise _NeedsGeneralPathError from None
            except RecursionError:
                raise _NeedsGeneralPathError from None
            cut = _NUMBER_TAIL_RE.match(self.text, end).end() == len(self.text)  # type: ignore[union-attr]
            if cut and not self.ended and self._fill():
                continue  # a number may go on in the next chunk ("35." then "758")
            piece = self.text[self.at : end]
            if "\\u" in piece and _SURROGATE_ESCAPE_RE.search(piece):
                raise _NeedsGeneralPathError  # maybe a lone surrogate: the general path checks
            self.at = end
            self.piece = piece
            return data

    def names(self) -> Iterator[str]:
        """Walk the object that starts here: each member's name, its ``:`` read.

        The caller reads each value before asking for the next name.
        """
        self.expect("{")
        first = True
        while self.peek() != "}":
            if not first:
                self.expect(",")
            first = False
            if self.peek() != '"':
                raise _NeedsGeneralPathError
            key: str = self.value()
            self.expect(":")
            yield key
        self.expect("}")

    def elements(self) -> Iterator[int]:
        """Walk the array that starts here: each position, before the value there is read.

        The caller reads each value before asking for the next position.
        """
        self.expect("[")
        position = 0
        while self.peek() != "]":
            if position:
                self.expect(",")
            yield position
            position += 1
        self.expect("]")


def load_report(path: str | os.PathLike[str], *, file: str) -> Report | None:
    """The report in the JSON file ``path``, or ``None`` when it needs the general path.

    Raises:
        OSError: The file cannot be opened or read (the caller reports it).
    """
    with open(path, "rb") as handle:
        try:
            return _walk(_Reader(handle.read), file)
        except _NeedsGeneralPathError:
            return None


def read_report_text(text: str, *, file: str | None) -> Report | None:
    """The report in JSON ``text``, built item by item; ``None`` for the general path."""
    if not text:
        return None
    try:
        return _walk(_Reader(_no_bytes, text), file)
    except _NeedsGeneralPathError:
        return None


def _no_bytes(_: int) -> bytes:
    return b""


def _walk(reader: _Reader, file: str | None) -> Report:
    """The report, for a document of the current version or of none.

    A document without ``schema_version`` is read as the current version with older-only
    keys migrated (:mod:`osintreport.migration`), so its events are migrated as read; an
    event that this changed, in a document found at the end to name the current version,
    sends it the general way (which refuses the key). Any other version is known as soon
    as it is read, and left to the general path at once: before the items, as written.
    """
    header: dict[str, Any] = {}
    items: dict[str, Any] = {}
    migrated = False
    for key in reader.names():
        if key in header or key in items:
            raise _NeedsGeneralPathError  # a repeated key: the general path names it
        if key in CLASS_OF and reader.peek() == "[":
            migrate = key == "events" and "schema_version" not in header
            items[key], changed = _collection(reader, CLASS_OF[key], file, migrate=migrate)
            migrated = migrated or changed
        else:
            header[key] = reader.value()
            if key == "schema_version" and header[key] != SCHEMA_VERSION:
                raise _NeedsGeneralPathError  # migrated, or refused, by the general path
    if reader.peek() != "":
        raise _NeedsGeneralPathError  # something after the document
    if migrated and "schema_version" in header:
        raise _NeedsGeneralPathError  # an event migrated in a document said to be current
    try:
        report = _structure(header, Report, file=file, line=None)
        return attrs.evolve(report, **items) if items else report
    except Exception:
        raise _NeedsGeneralPathError from None


def _collection(
    reader: _Reader, cls: type[Any], file: str | None, *, migrate: bool
) -> tuple[tuple[Any, ...], bool]:
    """The items of one collection, each built as soon as it is parsed.

    With ``migrate`` (events of a document with no version so far), each is migrated first;
    the flag returned says whether any was changed.
    """
    out: list[Any] = []
    changed = False
    for _ in reader.elements():
        data = reader.value()
        if migrate:
            new = migrate_event(data)
            changed = changed or new is not data
            data = new
        try:
            out.append(_structure(data, cls, file=file, line=None, migrate=False))
        except Exception:
            raise _NeedsGeneralPathError from None
    return tuple(out), changed


def _long_object(reader: _Reader) -> dict[str, Any]:
    """An object read key by key; its arrays of more than :data:`SPILL` items spilled."""
    out: dict[str, Any] = {}
    for name in reader.names():
        out[name] = _long_array(reader) if reader.peek() == "[" else reader.value()
    return out


def _long_array(reader: _Reader) -> list[Any] | Spilled:
    items: list[Any] = []
    spilled: Spilled | None = None
    for _ in reader.elements():
        if spilled is not None:
            spilled.add(reader.value())
            continue
        items.append(reader.value())
        if len(items) > SPILL:
            spilled = Spilled(items)
            items = []
    return items if spilled is None else spilled


def array_members(
    read: Callable[[int], bytes], key: str, top: dict[str, Any]
) -> Iterator[tuple[Any, str | None]]:
    """Each value of the array at ``key`` in a JSON object, with its text, one at a time.

    ``read`` reads the document's bytes (a file's ``read``). The object's other members
    are put in ``top`` as they are met (some may come after the array). Values are parsed
    as ``json.loads`` parses them (a repeated key inside a value keeps its last value).
    An object whose text runs past :data:`LONG` characters comes with ``None`` for its
    text, read key by key, its arrays of more than :data:`SPILL` items as :class:`Spilled`
    (a STIX ``report`` listing a million objects): see :func:`expand`.

    Raises:
        NeedsGeneralPathError: The document is not such an object (``key`` missing, or
            not an array), repeats a key of its own, or needs the general path for
            a reason given above; the caller reads it whole, which gives the value or the error.
    """
    reader = _Reader(read, decoder=json.JSONDecoder())
    seen = False
    for name in reader.names():
        if name in top or (name == key and seen):
            raise _NeedsGeneralPathError
        if name != key:
            top[name] = reader.value()
            continue
        seen = True
        for _ in reader.elements():
            try:
                value = reader.value(LONG)
            except LongValueError:
                yield _long_object(reader), None
                continue
            yield value, reader.piece
    if reader.peek() != "" or not seen:
        raise _NeedsGeneralPathError
