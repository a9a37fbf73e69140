"""Footnote markers in running text: ``[12]``, ``[12][13]``, ``[12, 13]``, ``[12-14]``, ``[iv]``.

Brackets that are not markers are left alone: ``[sic]``, ``[dot]``, ``[.]``, ``[...]``, an
editorial insertion like ``[i]t``, and numbers too large to be footnotes (``[2023]``).

    >>> [m.numbers for m in find_markers("Text.[1] More[2][3], and [4, 6-8]; [sic] [iv].")]
    [(1,), (2,), (3,), (4, 6, 7, 8), ('iv',)]
"""

from __future__ import annotations

import re

import attrs

__all__ = ["Marker", "find_markers", "roman_value", "strip_markers"]

Number = int | str
"""A footnote number: an int, or a lower-case roman numeral kept as text."""

_MAX_NUMBER = 999
_MAX_RANGE = 50
_NUMERIC = r"\d{1,3}(?:\s*[-–]\s*\d{1,3})?"
_MARKER_RE = re.compile(
    r"\[\s*(?P<num>" + _NUMERIC + r"(?:\s*,\s*" + _NUMERIC + r")*)\s*\]"
    r"|\[(?P<roman>[ivxlcdm]{1,8})\](?![A-Za-z])"
)
_ROMAN_RE = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


@attrs.frozen(kw_only=True)
class Marker:
    """One bracketed marker in the text.

    Attributes:
        numbers: The footnotes it points to, ranges expanded.
        start: Offset of ``[`` in the text.
        end: Offset just past ``]``.
    """

    numbers: tuple[Number, ...]
    start: int
    end: int


def roman_value(text: str) -> int | None:
    """The value of a lower-case roman numeral, or ``None`` when ``text`` is not one."""
    if not text or not _ROMAN_RE.match(text):
        return None
    total = 0
    for index, char in enumerate(text):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total


def _expand(part: str) -> list[int]:
    bounds = [int(x) for x in re.split(r"\s*[-–]\s*", part.strip())]
    if len(bounds) == 2 and bounds[0] <= bounds[1] and bounds[1] - bounds[0] <= _MAX_RANGE:
        return list(range(bounds[0], bounds[1] + 1))
    return bounds


def find_markers(text: str) -> list[Marker]:
    """Return the footnote markers in ``text``, in order."""
    found = []
    for match in _MARKER_RE.finditer(text):
        numbers: list[Number]
        if match.group("roman"):
            if roman_value(match.group("roman")) is None:
                continue
            numbers = [match.group("roman")]
        else:
            values = [n for part in match.group("num").split(",") for n in _expand(part)]
            if any(n == 0 or n > _MAX_NUMBER for n in values):
                continue
            numbers = list(values)
        found.append(Marker(numbers=tuple(numbers), start=match.start(), end=match.end()))
    return found


def strip_markers(text: str, markers: list[Marker]) -> str:
    """Remove the given markers (and the space before each) from ``text``."""
    out = []
    last = 0
    for marker in markers:
        out.append(text[last : marker.start].rstrip(" \t"))
        last = marker.end
    out.append(text[last:])
    return re.sub(r"\s+", " ", "".join(out)).strip()
