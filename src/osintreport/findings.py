"""Findings: what validation reports, one per problem, like a linter's messages."""

from __future__ import annotations

from typing import SupportsIndex, overload

import attrs

from ._ranked import RankedEnum

__all__ = ["Finding", "FindingList", "Severity"]


class Severity(RankedEnum):
    """How much a finding matters. Ordered: ``INFO < WARNING < ERROR``."""

    INFO = "info"
    """Worth knowing; nothing is wrong."""
    WARNING = "warning"
    """Probably a gap or a mistake; look before publishing."""
    ERROR = "error"
    """The data cannot be right as it stands."""

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _RANKS[self]

    def counted(self, count: int) -> str:
        """``count`` findings of this severity in words: "1 error", "55 warnings", "47 info"."""
        plural = count != 1 and self is not Severity.INFO
        return f"{count} {self.value}{'s' if plural else ''}"


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@attrs.frozen(kw_only=True)
class Finding:
    """One problem validation found in a report.

    Attributes:
        code: The rule's stable code, such as ``"OSR301"``.
        severity: How much it matters.
        path: Where in the document, such as ``"$.claims[3].citations[0]"``.
        subject: The id of the object the finding is about, if it has one.
        message: What is wrong, in a sentence.
        hint: What to do about it.
        line: The line of ``path`` in the file the report came from, when known (see
            :func:`osintreport.positions.locate_findings`); counted from 1.
        column: Its column, counted from 1, when known.
    """

    code: str
    severity: Severity
    path: str
    subject: str | None
    message: str
    hint: str = ""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.line}:{self.column or 1}: {self.path}"
        return f"{where}: {self.code} {self.message}"


class FindingList(list[Finding]):
    """The findings of a validation: a plain ``list`` that shows itself well.

    Its ``repr`` stays short however many findings there are, and in a notebook it renders
    as tables grouped by severity.
    """

    _SHOWN = 10

    def tally(self) -> dict[Severity, int]:
        """How many findings there are of each severity, most severe first."""
        return {level: sum(1 for f in self if f.severity is level) for level in reversed(Severity)}

    def codes(self) -> dict[str, int]:
        """How many findings there are of each code, in order of first appearance."""
        counts: dict[str, int] = {}
        for finding in self:
            counts[finding.code] = counts.get(finding.code, 0) + 1
        return counts

    @overload
    def __getitem__(self, index: SupportsIndex) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> FindingList: ...
    def __getitem__(self, index: SupportsIndex | slice) -> Finding | FindingList:
        """An item, or for a slice a ``FindingList`` that keeps the view."""
        if isinstance(index, slice):
            return FindingList(list.__getitem__(self, index))
        return list.__getitem__(self, index)

    def __repr__(self) -> str:
        if len(self) <= self._SHOWN:
            return f"FindingList({list.__repr__(self)})"
        tally = ", ".join(level.counted(n) for level, n in self.tally().items() if n)
        shown = ", ".join(repr(f) for f in self[: self._SHOWN])
        return f"FindingList([{shown}, ...] {len(self)} findings: {tally})"

    def __str__(self) -> str:
        from .views.text import findings_text

        return findings_text(self)

    def _repr_html_(self) -> str:
        from .views.notebook import findings_html

        return findings_html(self)
