"""JSON documents written a piece at a time, with lists read from disk (private).

:func:`json_pieces` gives the text ``json.dumps(data, ensure_ascii=False, indent=2)`` gives,
plus a final line feed, as the commands print JSON; but each :class:`Spooled` list in
``data`` is written item by item from any iterable, so a document of millions of items
(findings, changes, STIX objects) never has them all in memory.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

__all__ = ["RawJson", "Spooled", "json_pieces"]


@attrs.frozen
class Spooled:
    """A list in a JSON document whose items are written one at a time (see :func:`json_pieces`).

    Attributes:
        items: The items: JSON data (which may hold further ``Spooled`` lists), or
            :class:`RawJson` texts; iterated once, as the document is written.
    """

    items: Iterable[Any]


@attrs.frozen
class RawJson:
    """An item of a :class:`Spooled` list that is JSON text already.

    The text is as ``json.dumps(item, ensure_ascii=False, indent=2)`` writes it; it is
    indented into place, not encoded again.

    Attributes:
        text: The JSON text.
    """

    text: str


_MARKER = f"\x00spooled-{uuid.uuid4().hex}\x00"


def json_pieces(data: Any) -> Iterator[str]:
    """The text ``dumps_json(data)`` gives, a piece at a time, reading each :class:`Spooled`.

    A :class:`Spooled` list is written item by item, so its items (read from disk, say)
    are never all in memory.
    """
    yield from _pieces(data, 0)
    yield "\n"


def _pieces(data: Any, indent: int) -> Iterator[str]:
    """``data`` as indented JSON, nested ``indent`` spaces deep."""
    spooled: list[Spooled] = []

    def hole(value: Any) -> str:
        if isinstance(value, Spooled):
            spooled.append(value)
            return _MARKER
        raise TypeError(f"not JSON data: {type(value).__name__}")

    text = json.dumps(data, ensure_ascii=False, indent=2, default=hole)
    if indent:
        text = text.replace("\n", "\n" + " " * indent)
    if not spooled:
        yield text
        return
    pieces = text.split(json.dumps(_MARKER))
    for piece, holder in zip(pieces, spooled, strict=False):
        yield piece
        line = piece[piece.rfind("\n") + 1 :]
        # a hole that starts the text sits where the caller left off: ``indent`` deep
        inner = (len(line) - len(line.lstrip(" ")) if "\n" in piece else indent) + 2
        pad, written = "\n" + " " * inner, False
        for item in holder.items:
            yield ("," if written else "[") + pad
            if isinstance(item, RawJson):
                yield item.text.replace("\n", pad)
            else:
                yield from _pieces(item, inner)
            written = True
        yield "\n" + " " * (inner - 2) + "]" if written else "[]"
    yield pieces[-1]
