from __future__ import annotations

import datetime as dt
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from osintreport import FieldTypeError, FieldValueError, FuzzyDate, OpenEnd, Unspecified, When
from osintreport import strategies as ost

D = dt.date


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2023", D(2023, 1, 1), D(2023, 12, 31)),
        ("2023-02", D(2023, 2, 1), D(2023, 2, 28)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2023-07-14", D(2023, 7, 14), D(2023, 7, 14)),
        ("2023-03~", D(2023, 3, 1), D(2023, 3, 31)),
        ("2023-07-XX", D(2023, 7, 1), D(2023, 7, 31)),
        ("2023-XX", D(2023, 1, 1), D(2023, 12, 31)),
        ("2023-XX-XX", D(2023, 1, 1), D(2023, 12, 31)),
        ("201X", D(2010, 1, 1), D(2019, 12, 31)),
        ("20XX", D(2000, 1, 1), D(2099, 12, 31)),
        ("2023-21", D(2023, 3, 1), D(2023, 5, 31)),
        ("2023-22", D(2023, 6, 1), D(2023, 8, 31)),
        ("2023-23", D(2023, 9, 1), D(2023, 11, 30)),
        ("2023-24", D(2023, 12, 1), D(2024, 2, 29)),
        ("2023-07-07/2023-07-12", D(2023, 7, 7), D(2023, 7, 12)),
        ("2023-06-19/2023-06-20", D(2023, 6, 19), D(2023, 6, 20)),
        ("2023-07-01~/2023-07-10~", D(2023, 7, 1), D(2023, 7, 10)),
        ("2022-11/..", D(2022, 11, 1), None),
        ("../2023-07", None, D(2023, 7, 31)),
        ("/2023-07-01", None, D(2023, 7, 1)),
        ("2023-07-01/", D(2023, 7, 1), None),
    ],
)
def test_bounds(text: str, earliest: D | None, latest: D | None) -> None:
    when = When.parse(text)
    assert when.earliest() == earliest
    assert when.latest() == latest
    assert str(when) == text


def test_qualifiers() -> None:
    assert When.parse("2023-03~").approximate
    assert not When.parse("2023-03~").uncertain
    assert When.parse("2023?").uncertain
    both = When.parse("2023-07-07%")
    assert both.approximate
    assert both.uncertain
    assert When.parse("2023-07-01?/2023-07-10").uncertain
    assert not When.parse("2023-07").approximate


def test_parts() -> None:
    when = When.parse("2023-07-XX")
    assert when.start == FuzzyDate(year=2023, month=7, unspecified=Unspecified.DAY)
    assert When.parse("2022-11/..").end is OpenEnd.OPEN
    assert When.parse("/2022").start is OpenEnd.UNKNOWN
    assert When.parse("2023-22").start.is_season  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "23",
        "2023-13",
        "2023-00",
        "2023-02-29",
        "2023-04-31",
        "0000",
        "2023-21~",
        "2023-21-01",
        "2023-XX-05",
        "201X-05",
        "2023-07-XX/2023-08",
        "../..",
        "/",
        "2023/2024/2025",
        "2023-7-1",
        " 2023",
        "2023 ",
        "July 2023",
        "2023~?",
    ],
)
def test_rejects(text: str) -> None:
    with pytest.raises(FieldValueError) as info:
        When.parse(text)
    assert text in str(info.value) or repr(text) in str(info.value)


def test_rejects_non_strings() -> None:
    with pytest.raises(FieldTypeError):
        When.parse(2023)  # type: ignore[arg-type]
    with pytest.raises(FieldTypeError):
        When(start="2023")  # type: ignore[arg-type]
    with pytest.raises(FieldValueError):
        When(start=OpenEnd.OPEN)


def test_contains_and_overlaps() -> None:
    since_november = When.parse("2022-11/..")
    assert since_november.contains(When.parse("2023-07"))
    assert since_november.contains(D(2030, 1, 1))
    assert not since_november.contains(When.parse("2022-10-31"))
    july = When.parse("2023-07")
    assert july.contains(When.parse("2023-07-14"))
    assert not july.contains(When.parse("2023-07-20/2023-08-02"))
    assert july.overlaps(When.parse("2023-07-20/2023-08-02"))
    assert not july.overlaps(When.parse("2023-08"))
    # An unknown end proves nothing, so nothing is contained on that side.
    assert not When.parse("2023-07-01/").contains(D(2023, 7, 2))
    assert When.parse("2023-07-01/").overlaps(D(2023, 7, 2))
    # "2023-07~" is not after the 15th: its bounds span the whole month.
    assert When.parse("2023-07~").earliest() <= D(2023, 7, 15)  # type: ignore[operator]
    with pytest.raises(FieldTypeError):
        july.contains("2023-07")  # type: ignore[arg-type]


def test_ordering() -> None:
    texts = ["2023-07-14", "2023", "2022-11/..", "../2022", "2023-07", "2023-07-07/2023-07-12"]
    ordered = sorted(When.parse(t) for t in texts)
    assert [str(w) for w in ordered] == [
        "../2022",
        "2022-11/..",
        "2023",
        "2023-07",
        "2023-07-07/2023-07-12",
        "2023-07-14",
    ]
    assert When.parse("2023") < When.parse("2024")
    assert When.parse("2024") >= When.parse("2023-12-31")


def test_constructors() -> None:
    assert str(When.from_date(D(2023, 8, 3))) == "2023-08-03"
    assert str(When.between(D(2023, 7, 7), D(2023, 7, 12))) == "2023-07-07/2023-07-12"
    assert repr(When.parse("2023-03~")) == "When('2023-03~')"


@given(ost.whens(ordered=False))
def test_parse_format_identity(when: When) -> None:
    text = str(when)
    assert When.parse(text) == when
    assert str(When.parse(text)) == text


@given(ost.whens(ordered=False))
def test_text_is_made_once_and_is_not_a_field(when: When) -> None:
    """``str`` is cached on the object: the same text each time, made by the rules."""
    first = str(when)
    assert str(when) is first
    ends = [when.start] if when.end is None else [when.start, when.end]
    assert first == "/".join(e.value if isinstance(e, OpenEnd) else str(e) for e in ends)
    assert [f.name for f in attrs.fields(When)] == ["start", "end"]
    again = pickle.loads(pickle.dumps(when))
    assert again == when and hash(again) == hash(when) and str(again) == first
    if when.end is not None and isinstance(when.start, FuzzyDate):  # a new object, new text
        assert str(attrs.evolve(when, end=OpenEnd.OPEN)) == f"{when.start}/.."


@given(st.text(alphabet="0123456789-/X~?%.", max_size=25))
def test_parser_never_raises_anything_else(text: str) -> None:
    try:
        when = When.parse(text)
    except FieldValueError:
        return
    assert str(when) == text


@given(ost.whens(ordered=False))
def test_edtf_oracle_agrees(when: When) -> None:
    """Every string we write parses in the `edtf` package with the same strict bounds."""
    edtf = pytest.importorskip("edtf")
    parsed = edtf.parse_edtf(str(when))
    parts = [when.start] if when.end is None else [when.start, when.end]
    lower, upper = (parsed, parsed) if when.end is None else (parsed.lower, parsed.upper)
    # Known difference: edtf ends winter (season 24) on 31 December of the same year; we end
    # it with February of the next year, so that a season spans three months.
    if isinstance(parts[0], FuzzyDate):
        assert tuple(lower.lower_strict()[:3]) == parts[0].earliest().timetuple()[:3]
    last = parts[-1]
    if isinstance(last, FuzzyDate) and last.month != 24:
        assert tuple(upper.upper_strict()[:3]) == last.latest().timetuple()[:3]
