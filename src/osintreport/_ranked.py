"""An enum whose members are ordered by a rank (private).

:class:`~osintreport.findings.Severity` and :class:`~osintreport.vocab.Tlp` both compare
their members by strictness; each gives ``rank`` and inherits the four comparisons here.
"""

from __future__ import annotations

import enum

__all__ = ["RankedEnum"]


class RankedEnum(enum.Enum):
    """Members compare by :attr:`rank`; members of different classes do not compare."""

    @property
    def rank(self) -> int:
        """The member's place in the order, lowest first."""
        raise NotImplementedError

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank >= other.rank
