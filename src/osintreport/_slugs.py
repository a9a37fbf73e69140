"""Readable ids made from names, unique within what one reader makes (private).

The ACLED and STIX readers and the footnote ingester all name what they create after what
it is called (``"Syrian Democratic Forces"`` -> ``syrian-democratic-forces``) and number
repeats (``-2``, ``-3``).
"""

from __future__ import annotations

import re

__all__ = ["UniqueIds", "slug"]

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, *, fallback: str, limit: int = 48) -> str:
    """``text`` in lower-case letters, digits and single hyphens, at most ``limit`` long.

    ``fallback`` stands in when nothing is left (a name in Arabic script, say).
    """
    return _NOT_SLUG.sub("-", text.lower()).strip("-")[:limit].strip("-") or fallback


class UniqueIds:
    """Hands out ids unique among those it has handed out or been told are taken."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, ident: str) -> bool:
        """Take ``ident`` if it is free; say whether it was."""
        if ident in self.taken:
            return False
        self.taken.add(ident)
        return True

    def make(self, base: str) -> str:
        """Return ``base``, or ``base-2``, ``base-3``, ... whichever is free first, and take it."""
        ident, n = base, 1
        while ident in self.taken:
            n += 1
            ident = f"{base}-{n}"
        self.taken.add(ident)
        return ident
