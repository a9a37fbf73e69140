"""Footnote markers in running text: ``[12]``, ``[12][13]``, ``[12, 13]``, ``[12-14]``, ``[iv]``.

Brackets that are not markers are left alone: ``[sic]``, ``[dot]``, ``[.]``, ``[...]``, an
editorial insertion like ``[i]t``, and numbers too large to be footnotes (``[2023]``).

    >>> [m.numbers for m in find_markers("Text.[1] More[2][3], and [4, 6-8]; [sic] [iv].")]
    [(1,), (2,), (3,), (4, 6, 7, 8), ('iv',)]
"""

from __future__ import annotations

import functools
import re

import attrs

__all__ = [
    "Marker",
    "find_markers",
    "has_markers",
    "marker_spans",
    "roman_value",
    "strip_markers",
    "strip_spans",
]

Number = int | str
"""A footnote number: an int, or a lower-case roman numeral kept as text."""

_MAX_NUMBER = 999
_MAX_RANGE = 50
_NUMERIC = r"\d{1,3}(?:\s*[-–]\s*\d{1,3})?"
_MARKER_RE = re.compile(
    r"\[\s*(?P<num>" + _NUMERIC + r"(?:\s*,\s*" + _NUMERIC + r")*)\s*\]"
    r"|\[(?P<roman>[ivxlcdm]{1,8})\](?![A-Za-z])"
)
_RANGE_DASH_RE = re.compile(r"\s*[-–]\s*")
_SPACES_RE = re.compile(r"\s+")
_ROMAN_RE = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


@attrs.frozen(kw_only=True)
class Marker:
    """One bracketed marker in the text.

    Attributes:
        numbers: The footnotes it points to, ranges expanded, each number once.
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


def _expand(part: str) -> range | list[int]:
    part = part.strip()
    if part.isdigit():
        return [int(part)]
    bounds = [int(x) for x in _RANGE_DASH_RE.split(part)]
    if len(bounds) == 2 and bounds[0] <= bounds[1] and bounds[1] - bounds[0] <= _MAX_RANGE:
        return range(bounds[0], bounds[1] + 1)
    return bounds


def _numbers(marker: str) -> tuple[Number, ...] | None:
    """The footnote numbers a marker (``[1, 3-5]``) names, or ``None`` when it names none.

    Short markers are cached: a report repeats the same ones, and a hostile text may repeat
    one a million times. Long ones are not, so the cache stays small.
    """
    return _cached_numbers(marker) if len(marker) <= 64 else _read_numbers(marker)


def _read_numbers(marker: str) -> tuple[Number, ...] | None:
    match = _MARKER_RE.fullmatch(marker)
    if match is None:  # pragma: no cover - only called with what _MARKER_RE found
        return None
    roman = match.group("roman")
    if roman:
        return (roman,) if roman_value(roman) is not None else None
    # Each number once, in order: ``[1, 1, 1, ...]`` is one reference, not thousands.
    values: dict[int, None] = {}
    for part in match.group("num").split(","):
        values.update(dict.fromkeys(_expand(part)))
    if 0 in values or max(values) > _MAX_NUMBER:
        return None
    return tuple(values)


_cached_numbers = functools.lru_cache(maxsize=4096)(_read_numbers)


def marker_spans(text: str) -> list[tuple[tuple[Number, ...], int, int]]:
    """The markers in ``text`` as ``(numbers, start, end)``: :func:`find_markers`, lighter."""
    if "[" not in text:
        return []
    found = []
    for match in _MARKER_RE.finditer(text):
        numbers = _numbers(match.group(0))
        if numbers is not None:
            found.append((numbers, match.start(), match.end()))
    return found


def find_markers(text: str) -> list[Marker]:
    """Return the footnote markers in ``text``, in order."""
    return [Marker(numbers=n, start=start, end=end) for n, start, end in marker_spans(text)]


def has_markers(text: str) -> bool:
    """Whether ``text`` holds at least one footnote marker (stops at the first)."""
    if "[" not in text:
        return False
    return any(_numbers(match.group(0)) is not None for match in _MARKER_RE.finditer(text))


def strip_markers(text: str, markers: list[Marker]) -> str:
    """Remove the given markers (and the space before each) from ``text``."""
    return strip_spans(text, [(m.start, m.end) for m in markers])


def strip_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Remove the ``(start, end)`` spans (and the space before each) from ``text``."""
    out = []
    last = 0
    for start, end in spans:
        out.append(text[last:start].rstrip(" \t"))
        last = end
    out.append(text[last:])
    return _SPACES_RE.sub(" ", "".join(out)).strip()
