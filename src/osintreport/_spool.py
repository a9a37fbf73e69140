"""Findings kept in temporary files, one per rule, and read back in rule order (private).

:func:`osintreport.jsonl_validate.validate_jsonl` finds hits window by window, rule by
rule; a report of a million events can have millions of findings. They are written to
disk as they come, one temporary file per rule, so memory holds none of them, and
iterating the spool reads them back in the order the rules run.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Collection, Iterator
from typing import IO

from .findings import Finding, Severity

__all__ = ["SpooledFindings"]


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
