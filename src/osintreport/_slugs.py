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

__all__ = ["UniqueIds", "ascii_text", "slug", "transliterator"]

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


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
