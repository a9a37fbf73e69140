"""Readable ids made from names, unique within what one reader makes (private).

The ACLED, UCDP and STIX readers and the ingester all name what they create after what it
is called (``"Syrian Democratic Forces"`` -> ``syrian-democratic-forces``) and number repeats
(``-2``, ``-3``). Ids are ASCII in every script: names in Cyrillic, Arabic, Persian, Chinese
and so on are transliterated with anyascii (the ``ingest`` extra; ``"Кремль"`` ->
``kreml``), accents are dropped (``"Ça Ira"`` -> ``ca-ira``) without it, and a long name is
cut at a word boundary. The same name gives the same id on every run.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

from ._digest_table import DigestMap, DigestTable

__all__ = ["DigestIds", "UniqueIds", "ascii_text", "slug", "transliterator"]

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_MARKED = 2  # DigestIds: the code of a marked id (1: taken)


@functools.cache
def transliterator() -> Callable[[str], str] | None:
    """Anyascii's transliteration, or ``None`` when it is not installed."""
    try:
        from anyascii import anyascii
    except ImportError:
        return None
    return anyascii


def ascii_text(text: str) -> str:
    """``text`` in ASCII.

    Transliterated when anyascii is installed; without it, accents are dropped and other
    letters left out.
    """
    if text.isascii():
        return text
    translit = transliterator()
    if translit is not None:
        return translit(text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str, *, fallback: str, limit: int = 48) -> str:
    """``text`` in lower-case ASCII letters, digits and single hyphens, at most ``limit`` long.

    A longer text is cut at the last word boundary that fits (mid-word only when its first
    word alone is longer). ``fallback`` stands in when nothing is left.
    """
    out = _NOT_SLUG.sub("-", ascii_text(text).lower().replace("'", "")).strip("-")
    if len(out) > limit:
        cut = out[: limit + 1]
        out = cut[: cut.rfind("-")] if "-" in cut else out[:limit]
    return out.strip("-") or fallback


class UniqueIds:
    """Hands out ids unique among those it has handed out or been told are taken.

    A base asked for again starts from the number it last reached (every id below it is
    taken, and stays taken), so a million events named alike cost a million steps, not
    half a million squared.
    """

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self._reached: dict[str, int] = {}

    def __contains__(self, ident: object) -> bool:
        return ident in self.taken

    def _take(self, ident: str) -> bool:
        """Take ``ident``; say whether it was free."""
        if ident in self.taken:
            return False
        self.taken.add(ident)
        return True

    def _last(self, base: str) -> int:
        """The number ``make(base)`` last reached (1 when it has not gone past ``base``)."""
        return self._reached.get(base, 1)

    def _reach(self, base: str, n: int) -> None:
        self._reached[base] = n

    def claim(self, ident: str) -> bool:
        """Take ``ident`` if it is free; say whether it was."""
        return self._take(ident)

    def make(self, base: str) -> str:
        """Return ``base``, or ``base-2``, ``base-3``, ... whichever is free first, and take it."""
        n = self._last(base)
        ident = base if n == 1 else f"{base}-{n}"
        while not self._take(ident):
            n += 1
            ident = f"{base}-{n}"
        if n > 1:
            self._reach(base, n)
        return ident


class DigestIds(UniqueIds):
    """:class:`UniqueIds` keeping 128-bit digests of the ids: for readers of any size."""

    def __init__(self) -> None:
        super().__init__()
        self._digests = DigestTable()
        self._numbers = DigestMap()

    def __contains__(self, ident: object) -> bool:
        return ident in self._digests

    def _take(self, ident: str) -> bool:
        return self._digests.insert(ident)

    def __len__(self) -> int:
        return len(self._digests)

    def reserve(self, count: int) -> None:
        """Make room for ``count`` ids in all (growing now, while memory is free)."""
        self._digests.reserve(count)

    def mark(self, ident: str) -> None:
        """Take ``ident`` if it is free, and mark it (a second set in the same table)."""
        self._digests.set_code(ident, _MARKED)

    def marked(self, ident: str) -> bool:
        """Whether :meth:`mark` marked ``ident``."""
        return self._digests.code(ident) == _MARKED

    def _last(self, base: str) -> int:
        return max(self._numbers.get(base), 1)

    def _reach(self, base: str, n: int) -> None:
        self._numbers.put(base, n)
