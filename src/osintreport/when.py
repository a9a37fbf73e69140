"""Fuzzy dates: EDTF (ISO 8601-2) level 0 and level 1, parsed by hand.

A :class:`When` is one date or an interval of two. Each date is a :class:`FuzzyDate` with
year, month or season, and day precision, the qualifiers ``~`` (approximate), ``?``
(uncertain) and ``%`` (both), and unspecified digits (``2023-07-XX``, ``201X``). An
interval end may also be open (``..``: no bound) or unknown (empty: a bound exists but is
not known).

The text form is the file format::

    >>> When.parse("2023-07-07/2023-07-12").latest()
    datetime.date(2023, 7, 12)
    >>> str(When.parse("2023-03~"))
    '2023-03~'
    >>> When.parse("2022-11/..").contains(When.parse("2023-07"))
    True

Bounds are *strict*: ``2023-07~`` spans 1 to 31 July; the qualifier says the month itself
may be off, and is kept for the reader, not widened into other months.

Rules beyond the grammar, all from EDTF level 1: seasons (``21`` spring, ``22`` summer,
``23`` autumn, ``24`` winter) take no qualifier; interval ends take no unspecified digits;
an interval needs at least one dated end. Winter ``2023-24`` runs from 1 December 2023 to
the end of February 2024 (Northern hemisphere meteorological winter).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from typing import Any

import attrs

from ._fuzzy_date import FuzzyDate, Unspecified
from .errors import FieldTypeError, FieldValueError

__all__ = ["FuzzyDate", "OpenEnd", "Unspecified", "When"]


class OpenEnd(enum.Enum):
    """An interval end that is not a date."""

    OPEN = ".."
    """No bound: the interval runs on (``2022-11/..``, "since last November")."""
    UNKNOWN = ""
    """A bound exists but is not known (``2022-11/``)."""


def _check_end(name: str, value: object, *, single: bool) -> None:
    if isinstance(value, FuzzyDate):
        if not single and value.unspecified is not Unspecified.NONE:
            raise FieldValueError(name, str(value), "an interval end without X digits")
        return
    if isinstance(value, OpenEnd):
        if single:
            raise FieldValueError(name, value, "a FuzzyDate for a single date")
        return
    raise FieldTypeError(name, value, "a FuzzyDate or OpenEnd")


@attrs.frozen(kw_only=True, order=False)
class When:
    """A fuzzy date or date range, written as an EDTF level 0/1 string.

    Attributes:
        start: The date, or the first end of an interval.
        end: The last end of an interval (inclusive), or ``None`` for a single date.

    Examples:
        >>> When.parse("2023-06-19/2023-06-20").is_interval
        True
        >>> When.from_date(dt.date(2023, 8, 3))
        When('2023-08-03')
    """

    start: FuzzyDate | OpenEnd
    end: FuzzyDate | OpenEnd | None = None

    def __attrs_post_init__(self) -> None:
        single = self.end is None
        _check_end("start", self.start, single=single)
        if self.end is not None:
            _check_end("end", self.end, single=False)
            if not isinstance(self.start, FuzzyDate) and not isinstance(self.end, FuzzyDate):
                raise FieldValueError("end", self.end, "at least one dated end in an interval")

    def __repr__(self) -> str:
        return f"When({str(self)!r})"

    def __str__(self) -> str:
        return self._text

    @functools.cached_property
    def _text(self) -> str:
        """The EDTF text, made once per object.

        A parsed ``When`` is shared by every record that repeats its text (see
        :func:`_parse_when`), so writing records writes each date once.
        """
        if self.end is None:
            return str(self.start)
        return f"{_end_text(self.start)}/{_end_text(self.end)}"

    @classmethod
    def parse(cls, text: str) -> When:
        """Parse an EDTF level 0/1 date or interval.

        Args:
            text: Such as ``2023``, ``2023-07-XX``, ``2023-03~``, ``2023-21`` (spring),
                ``2023-07-07/2023-07-12``, ``2022-11/..`` or ``/2023-07``.

        Raises:
            FieldValueError: The text is not a valid EDTF level 0/1 string.
            FieldTypeError: The value is not a string.
        """
        if not isinstance(text, str):
            raise FieldTypeError("when", text, "an EDTF date string")
        return _parse_when(text)

    @classmethod
    def from_date(cls, day: dt.date) -> When:
        """Make an exact single-day ``When`` from a :class:`datetime.date`."""
        return cls(start=FuzzyDate(year=day.year, month=day.month, day=day.day))

    @classmethod
    def between(cls, first: dt.date, last: dt.date) -> When:
        """Make an exact interval from two :class:`datetime.date` values (inclusive)."""
        return cls(
            start=FuzzyDate(year=first.year, month=first.month, day=first.day),
            end=FuzzyDate(year=last.year, month=last.month, day=last.day),
        )

    @property
    def is_interval(self) -> bool:
        """Whether this is an interval (``a/b``) rather than a single date."""
        return self.end is not None

    @property
    def approximate(self) -> bool:
        """Whether any date in it is marked approximate (``~`` or ``%``)."""
        return any(isinstance(p, FuzzyDate) and p.approximate for p in (self.start, self.end))

    @property
    def uncertain(self) -> bool:
        """Whether any date in it is marked uncertain (``?`` or ``%``)."""
        return any(isinstance(p, FuzzyDate) and p.uncertain for p in (self.start, self.end))

    def earliest(self) -> dt.date | None:
        """Return the first day it can mean, or ``None`` when the start is open or unknown."""
        return self.start.earliest() if isinstance(self.start, FuzzyDate) else None

    def latest(self) -> dt.date | None:
        """Return the last day it can mean, or ``None`` when the end is open or unknown."""
        last = self.start if self.end is None else self.end
        return last.latest() if isinstance(last, FuzzyDate) else None

    def bounds(self) -> tuple[dt.date, dt.date]:
        """Return ``(earliest, latest)`` with open and unknown ends as ``date.min``/``max``."""
        return (self.earliest() or dt.date.min, self.latest() or dt.date.max)

    def contains(self, other: When | dt.date) -> bool:
        """Whether every day ``other`` can mean lies inside this one.

        An open end (``..``) is unbounded. An unknown end proves nothing, so a ``When``
        with an unknown end contains nothing on that side.
        """
        low, high = _as_bounds(other)
        if self.start is OpenEnd.UNKNOWN or self.end is OpenEnd.UNKNOWN:
            return False
        mine_low, mine_high = self.bounds()
        return mine_low <= low and high <= mine_high

    def overlaps(self, other: When | dt.date) -> bool:
        """Whether the two can share at least one day (open and unknown ends unbounded)."""
        low, high = _as_bounds(other)
        mine_low, mine_high = self.bounds()
        return mine_low <= high and low <= mine_high

    def sort_key(self) -> tuple[dt.date, dt.date]:
        """Return a key that orders by earliest, then latest day; used by ``<`` and friends."""
        return self.bounds()

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, When):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, When):
            return NotImplemented
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, When):
            return NotImplemented
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, When):
            return NotImplemented
        return self.sort_key() >= other.sort_key()


@functools.lru_cache(maxsize=8192)
def _parse_when(text: str) -> When:
    """Parse (cached: data sets repeat their dates, and a ``When`` is immutable)."""
    if "/" not in text:
        return When(start=FuzzyDate.parse(text))
    first, _, second = text.partition("/")
    try:
        return When(start=_parse_end(first), end=_parse_end(second))
    except FieldValueError as error:
        raise FieldValueError("when", text, error.expected) from None


def _as_bounds(other: When | dt.date | Any) -> tuple[dt.date, dt.date]:
    if isinstance(other, When):
        return other.bounds()
    if isinstance(other, dt.date):
        day = other.date() if isinstance(other, dt.datetime) else other
        return (day, day)
    raise FieldTypeError("other", other, "a When or a datetime.date")


def _end_text(end: FuzzyDate | OpenEnd) -> str:
    return end.value if isinstance(end, OpenEnd) else str(end)


def _parse_end(text: str) -> FuzzyDate | OpenEnd:
    if text == "..":
        return OpenEnd.OPEN
    if text == "":
        return OpenEnd.UNKNOWN
    return FuzzyDate.parse(text)
