"""One JSON Lines report read for a streamed diff: items with where to find them again (private).

See :mod:`osintreport.jsonl_diff`. :class:`DiffSource` reads a file line by line in binary,
so each item comes with the byte offset of its line, and :meth:`DiffSource.item_at` builds
the item on that line again later without holding it in memory. Items that have no line of
their own (written inside the header line) are kept in memory instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from .errors import LoadError, Problem
from .jsonl import (
    COLLECTION_OF,
    Record,
    _before_header,
    _no_header,
    _parse_line,
    _raise_problems,
    _second_header,
    _Version,
    _with_line,
)
from .model import COLLECTIONS, Report
from .streamed import no_progress

__all__ = ["DiffSource", "Tick"]

_BOM = b"\xef\xbb\xbf"

Tick = Callable[[int], object]
"""A progress callback taking a number of bytes."""


class DiffSource:
    """A JSON Lines file holding one report, read for :func:`osintreport.jsonl_diff.diff_jsonl`.

    Args:
        path: The file.
        tick: Called with the size of each line read.
    """

    def __init__(self, path: str | os.PathLike[str], tick: Tick = no_progress) -> None:
        self.name = os.fspath(path)
        self.header: Report | None = None
        self.version = _Version()
        self._tick = tick
        self._reader: BinaryIO | None = None
        try:
            self._handle: BinaryIO = open(path, "rb")  # noqa: SIM115 - closed by close()
        except OSError as error:
            message = f"cannot read file: {error.strerror or error}"
            raise LoadError([Problem(message=message, file=self.name)]) from None

    def close(self) -> None:
        """Close the file."""
        self._handle.close()
        if self._reader is not None:
            self._reader.close()

    def items(
        self, known: Callable[[str], bool] | None = None
    ) -> Iterator[tuple[str, Any, int, str | None]]:
        """Yield ``(collection, item, offset, line)`` for each item, in file order.

        ``offset`` is where the item's line starts, for :meth:`item_at`; it is -1, and
        ``line`` is ``None``, for an item with no line of its own. Every bad line is
        reported at once, at the end, as :func:`osintreport.jsonl.read_report` reports them.

        Args:
            known: Called with each line after the header; a line it returns ``True`` for
                is passed over unbuilt (the caller has read the same line before).

        Raises:
            LoadError: Every problem on every line, or not exactly one report header.
        """
        problems: list[Problem] = []
        for number, offset, text in self._lines():
            if known is not None and self.header is not None and known(text):
                continue
            try:
                record = _parse_line(text, number, self.name, self.version, decoded=True)
            except LoadError as error:
                problems.extend(_with_line(error, number).problems)
                continue
            if record is None:
                continue
            if isinstance(record, Report):
                if self.header is not None:
                    problems.append(_second_header(self.name, number))
                    continue
                self.header = record
                for kind in COLLECTIONS:
                    for item in getattr(record, kind):
                        yield kind, item, -1, None
                continue
            if self.header is None:
                problems.append(_before_header(self.name, number))
            yield COLLECTION_OF[type(record)], record, offset, text if offset >= 0 else None
        if self.header is None and not problems:
            problems.append(_no_header(self.name))
        _raise_problems(problems)

    def _lines(self) -> Iterator[tuple[int, int, str]]:
        """``(line number, offset, text)``, lines ending at line feeds only, as ``load`` reads."""
        handle = self._handle
        handle.seek(0)
        offset = 0
        for number, raw in enumerate(handle, start=1):
            self._tick(len(raw))
            start = offset
            offset += len(raw)
            if start == 0 and raw.startswith(_BOM):
                raw = raw[len(_BOM) :]
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                message = f"not UTF-8 text ({error.reason}, on line {number})"
                raise LoadError([Problem(message=message, file=self.name)]) from None
            yield number, start, text

    def item_at(self, offset: int, *, tick: bool = False) -> Record:
        """Build the record on the line at ``offset`` again (read by :meth:`items` before).

        With ``tick``, the line's size is counted as read for the progress callback.
        """
        if self._reader is None:  # a handle of its own: items() may be reading the file
            self._reader = open(self.name, "rb")  # noqa: SIM115 - closed by close()
        self._reader.seek(offset)
        raw = self._reader.readline()
        if tick:
            self._tick(len(raw))
        if offset == 0 and raw.startswith(_BOM):
            raw = raw[len(_BOM) :]
        record = _parse_line(raw.decode("utf-8"), 0, self.name, self.version, decoded=True)
        if record is None or isinstance(record, Report):  # the file changed under us
            raise LoadError([Problem(message="the file changed while it was read", file=self.name)])
        return record
