"""Results kept in temporary files and read back in order (private).

:func:`osintreport.jsonl_validate.validate_jsonl` finds hits window by window, rule by
rule; a report of a million events can have millions of findings. They are written to
disk as they come, one temporary file per rule (:class:`SpooledFindings`), so memory
holds none of them, and iterating the spool reads them back in the order the rules run.
:func:`osintreport.jsonl_diff.diff_jsonl` keeps its changes the same way, as JSON rows
(:class:`Rows`), read again through :class:`Again`.
"""

from __future__ import annotations

import json
import os
import tempfile
from array import array
from collections.abc import Callable, Collection, Iterator
from typing import IO, Any

from .findings import Finding, Severity

__all__ = ["Again", "Rows", "SpooledFindings", "Texts"]


class SpooledFindings(Collection[Finding]):
    """Findings on disk, grouped by rule: a collection, iterable again and again.

    Args:
        order: The codes of the rules, in the order their findings are read back.
    """

    def __init__(self, order: list[str]) -> None:
        self._order = list(order)
        self._files: dict[str, IO[str]] = {}
        self._count = 0

    def add(self, finding: Finding, slot: str | None = None) -> None:
        """Store ``finding`` with the findings of rule ``slot`` (its own code by default)."""
        key = slot or finding.code
        handle = self._files.get(key)
        if handle is None:
            handle = self._files[key] = tempfile.TemporaryFile(  # noqa: SIM115 - kept open
                "w+", encoding="utf-8"
            )
        row = [
            finding.code,
            finding.severity.value,
            finding.path,
            finding.subject,
            finding.message,
            finding.hint,
            finding.line,
            finding.column,
        ]
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self) -> Iterator[Finding]:
        for key in self._order:
            handle = self._files.get(key)
            if handle is None:
                continue
            handle.flush()
            handle.seek(0)
            for line in handle:
                code, severity, path, subject, message, hint, row, column = json.loads(line)
                yield Finding(
                    code=code,
                    severity=Severity(severity),
                    path=path,
                    subject=subject,
                    message=message,
                    hint=hint,
                    line=row,
                    column=column,
                )
            handle.seek(0, 2)  # back to the end, for any later add

    def __contains__(self, item: object) -> bool:
        return any(finding == item for finding in self)

    def close(self) -> None:
        """Delete the temporary files; the spool is empty after."""
        for handle in self._files.values():
            handle.close()
        self._files.clear()
        self._count = 0

    def __repr__(self) -> str:
        return f"<SpooledFindings: {self._count} finding(s) on disk>"


class Rows:
    """JSON rows in a temporary file, made on the first row; read back in order, again.

    One iteration at a time: each reads the file from the start and leaves it at the end.
    The file is made in ``folder`` (beside an output, say), else in the system's folder
    for temporary files.
    """

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self._file: IO[str] | None = None
        self._folder = folder
        self.count = 0

    def add(self, row: Any) -> None:
        """Write ``row`` (JSON data) to the end."""
        if self._file is None:
            self._file = tempfile.TemporaryFile(  # noqa: SIM115 - closed by close()
                "w+", encoding="utf-8", dir=self._folder, prefix=".osr-"
            )
        self._file.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.count += 1

    def __iter__(self) -> Iterator[Any]:
        handle = self._file
        if handle is None:
            return
        handle.flush()
        handle.seek(0)
        for line in handle:
            yield json.loads(line)
        handle.seek(0, 2)  # back to the end, for any later add

    def close(self) -> None:
        """Delete the file; no rows after."""
        if self._file is not None:
            self._file.close()
            self._file = None
        self.count = 0


class Again:
    """An iterable that calls ``make`` for each iteration (a spool read again)."""

    def __init__(self, make: Callable[[], Iterator[Any]]) -> None:
        self._make = make

    def __iter__(self) -> Iterator[Any]:
        return self._make()


class Texts:
    """Strings in a temporary file, added in order and read back by position or in order."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self._starts = array("q", [0])
        self._dirty = False

    def __len__(self) -> int:
        return len(self._starts) - 1

    def add(self, text: str) -> int:
        """Write ``text``; return its position."""
        data = text.encode("utf-8", "surrogatepass")
        self._file.write(data)
        self._starts.append(self._starts[-1] + len(data))
        self._dirty = True
        return len(self._starts) - 2

    @property
    def total(self) -> int:
        """How many bytes the texts take."""
        return self._starts[-1]

    def size(self, position: int) -> int:
        """How many bytes the text at ``position`` takes."""
        return self._starts[position + 1] - self._starts[position]

    def __getitem__(self, position: int) -> str:
        if self._dirty:
            self._file.flush()
            self._dirty = False
        start = self._starts[position]
        data = os.pread(self._file.fileno(), self._starts[position + 1] - start, start)
        return data.decode("utf-8", "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        self._file.flush()
        self._dirty = False
        with open(os.dup(self._file.fileno()), "rb", buffering=1 << 20) as handle:
            handle.seek(0)
            for position in range(len(self)):
                yield handle.read(self.size(position)).decode("utf-8", "surrogatepass")

    def close(self) -> None:
        self._file.close()
