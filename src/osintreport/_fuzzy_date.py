"""One EDTF date, :class:`FuzzyDate`, and its :class:`Unspecified` digits (private).

Both are public as :mod:`osintreport.when` names (and documented there); they live here
to keep that module small. See :mod:`osintreport.when` for the grammar.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re

import attrs

from .errors import FieldTypeError, FieldValueError

__all__ = ["FuzzyDate", "Unspecified"]


class Unspecified(enum.Enum):
    """Which digits of a :class:`FuzzyDate` are written as ``X`` (EDTF level 1)."""

    NONE = "none"
    """Every digit given."""
    DECADE = "decade"
    """``201X``: some year of a decade."""
    CENTURY = "century"
    """``20XX``: some year of a century."""
    MONTH = "month"
    """``2004-XX``: some month of a year."""
    DAY = "day"
    """``1985-04-XX``: some day of a month."""
    MONTH_AND_DAY = "month_and_day"
    """``1985-XX-XX``: some day of a year."""


_SEASONS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}

_DATE_RE = re.compile(
    r"(?P<year>\d{4}|\d{3}X|\d{2}XX)"
    r"(?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?)?"
    r"(?P<qual>[~?%])?",
    re.ASCII,  # EDTF digits are 0-9: not Arabic-Indic or fullwidth ones, which \d matches
)


def _check_bool(name: str, value: object) -> None:
    if not isinstance(value, bool):
        raise FieldTypeError(name, value, "a bool")


def _check_int(name: str, value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise FieldTypeError(name, value, "an int")


@attrs.frozen(kw_only=True, order=False)
class FuzzyDate:
    """One calendar date known to the year, season, month or day.

    Usually made by :meth:`When.parse`; build one directly when you hold the parts.

    Attributes:
        year: 1 to 9999. With unspecified digits, the first year of the decade or century.
        month: 1-12, a season 21-24, or ``None``.
        day: 1 to the month's length, or ``None``.
        unspecified: Which digits are written as ``X``.
        approximate: ``~``: the date is about right.
        uncertain: ``?``: the source is not sure of the date.
    """

    year: int
    month: int | None = None
    day: int | None = None
    unspecified: Unspecified = Unspecified.NONE
    approximate: bool = False
    uncertain: bool = False

    def __attrs_post_init__(self) -> None:
        _check_int("year", self.year)
        if self.month is not None:
            _check_int("month", self.month)
        if self.day is not None:
            _check_int("day", self.day)
        if not isinstance(self.unspecified, Unspecified):
            raise FieldTypeError("unspecified", self.unspecified, "an Unspecified")
        _check_bool("approximate", self.approximate)
        _check_bool("uncertain", self.uncertain)
        if not 1 <= self.year <= 9999:
            raise FieldValueError("year", self.year, "a year from 1 to 9999")
        if self.month is not None and not (1 <= self.month <= 12 or self.month in _SEASONS):
            raise FieldValueError("month", self.month, "a month 1-12 or a season 21-24")
        if self.day is not None:
            if self.month is None or self.month > 12:
                raise FieldValueError("day", self.day, "no day without a month")
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise FieldValueError(
                    "day", self.day, f"a day from 1 to {last} for {self.year}-{self.month:02d}"
                )
        if self.month is not None and self.month > 12 and (self.approximate or self.uncertain):
            raise FieldValueError("month", self.month, "a season without ~ ? or % qualifier")
        self._check_unspecified()

    def _check_unspecified(self) -> None:
        kind = self.unspecified
        if kind is Unspecified.NONE:
            return
        if kind is Unspecified.DAY:
            ok = self.month is not None and self.month <= 12 and self.day is None
        else:
            ok = self.month is None and self.day is None
        if kind is Unspecified.DECADE:
            ok = ok and self.year % 10 == 0 and self.year >= 10
        elif kind is Unspecified.CENTURY:
            ok = ok and self.year % 100 == 0 and self.year >= 100
        if not ok:
            raise FieldValueError(
                "unspecified", kind.value, f"a combination that fits {self.year}/{self.month}"
            )

    @property
    def is_season(self) -> bool:
        """Whether the date names a season rather than a month."""
        return self.month is not None and self.month > 12

    def earliest(self) -> dt.date:
        """Return the first calendar day the date can mean."""
        if self.month is None:
            return dt.date(self.year, 1, 1)
        if self.month > 12:
            return dt.date(self.year, _SEASONS[self.month][0], 1)
        return dt.date(self.year, self.month, self.day or 1)

    def latest(self) -> dt.date:
        """Return the last calendar day the date can mean."""
        year = self.year
        if self.unspecified is Unspecified.DECADE:
            year += 9
        elif self.unspecified is Unspecified.CENTURY:
            year += 99
        if self.month is None:
            return dt.date(year, 12, 31)
        if self.day is not None:
            return dt.date(year, self.month, self.day)
        month = _SEASONS[self.month][1] if self.month > 12 else self.month
        if self.month == 24:
            if year == 9999:
                return dt.date(9999, 12, 31)
            year += 1
        return dt.date(year, month, calendar.monthrange(year, month)[1])

    def __str__(self) -> str:
        kind = self.unspecified
        if kind is Unspecified.DECADE:
            text = f"{self.year // 10:03d}X"
        elif kind is Unspecified.CENTURY:
            text = f"{self.year // 100:02d}XX"
        else:
            text = f"{self.year:04d}"
            if kind is Unspecified.MONTH:
                text += "-XX"
            elif kind is Unspecified.MONTH_AND_DAY:
                text += "-XX-XX"
            elif self.month is not None:
                text += f"-{self.month:02d}"
                if kind is Unspecified.DAY:
                    text += "-XX"
                elif self.day is not None:
                    text += f"-{self.day:02d}"
        if self.approximate and self.uncertain:
            text += "%"
        elif self.approximate:
            text += "~"
        elif self.uncertain:
            text += "?"
        return text

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        """Parse one EDTF level 0/1 date such as ``2023-07-XX`` or ``2023-03~``.

        Raises:
            FieldValueError: The text is not such a date.
        """
        if not isinstance(text, str):
            raise FieldTypeError("date", text, "an EDTF date string")
        match = _DATE_RE.fullmatch(text)
        if match is None:
            raise FieldValueError("date", text, "an EDTF date like 2023, 2023-07 or 2023-07-14~")
        year_text, month_text, day_text, qual = match.group("year", "month", "day", "qual")
        unspecified = Unspecified.NONE
        month = day = None
        if year_text.endswith("XX"):
            unspecified = Unspecified.CENTURY
        elif year_text.endswith("X"):
            unspecified = Unspecified.DECADE
        if unspecified is not Unspecified.NONE and month_text is not None:
            raise FieldValueError("date", text, "no month after unspecified year digits")
        year = int(year_text.replace("X", "0"))
        if month_text == "XX":
            if day_text not in (None, "XX"):
                raise FieldValueError("date", text, "an unspecified day after -XX month")
            unspecified = Unspecified.MONTH if day_text is None else Unspecified.MONTH_AND_DAY
        elif month_text is not None:
            month = int(month_text)
            if day_text == "XX":
                unspecified = Unspecified.DAY
            elif day_text is not None:
                day = int(day_text)
        try:
            return cls(
                year=year,
                month=month,
                day=day,
                unspecified=unspecified,
                approximate=qual in ("~", "%"),
                uncertain=qual in ("?", "%"),
            )
        except FieldValueError as error:
            raise FieldValueError("date", text, error.expected) from None
