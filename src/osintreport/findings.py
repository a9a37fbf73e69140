"""Findings: what validation reports, one per problem, like a linter's messages."""

from __future__ import annotations

import enum

import attrs

__all__ = ["Finding", "Severity"]


class Severity(enum.Enum):
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

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank


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
    """

    code: str
    severity: Severity
    path: str
    subject: str | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return f"{self.path}: {self.code} {self.message}"
