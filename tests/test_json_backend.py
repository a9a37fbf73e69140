"""JSON Lines are written by msgspec only where that gives the standard library's bytes."""

from __future__ import annotations

import json
import random
import struct
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osintreport import _json

_STDLIB = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _stdlib_line(data: Any) -> str:
    return _STDLIB.encode(data) + "\n"


class _Refuse:
    """Stands in for the standard library's encoder: any call means msgspec was not used."""

    def encode(self, data: Any) -> str:
        raise AssertionError(f"written by the standard library: {str(data)[:80]!r}")


def _same(data: Any) -> None:
    try:
        expected = _stdlib_line(data)
    except (TypeError, ValueError) as error:
        with pytest.raises(type(error)):
            _json.emit_line(data)
    else:
        assert _json.emit_line(data) == expected


def test_every_code_point_is_written_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    # Control characters are escaped as \u00XX, and "\u001e" holds the mark "0e": the line
    # would go to the standard library, so they are tested apart (next test).
    text = "".join(chr(c) for c in range(0x20, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    data = {"text": text, text[:5000]: [text[-300:], "\\", '"', "\x7f\u2028"]}
    expected = _stdlib_line(data)
    monkeypatch.setattr(_json, "_LINE_ENCODER", _Refuse())
    assert _json.emit_line(data) == expected  # and msgspec wrote it


def test_control_characters_are_written_alike() -> None:
    for code in range(0x20):
        data = {chr(code): [chr(code), "a" + chr(code) * 3 + "b"]}
        assert _json.emit_line(data) == _stdlib_line(data)
        assert _json._FAST_ENCODER.encode(data).decode() + "\n" == _stdlib_line(data)


def test_an_ordinary_record_is_written_by_msgspec(monkeypatch: pytest.MonkeyPatch) -> None:
    record = {
        "type": "event",
        "id": "ev-0001",
        "where": {"lat": 36.2021, "lon": 37.1343, "name": "حلب"},
        "casualties": {"killed": {"low": 3, "high": 12}},
        "tags": ["shelling", "", 0, -1, 1.5, True, False],
        "big": 2**70,
        "small": -0.0,
    }
    expected = _stdlib_line(record)
    monkeypatch.setattr(_json, "_LINE_ENCODER", _Refuse())
    assert _json.emit_line(record) == expected


@pytest.mark.parametrize(
    "data",
    [
        {"x": 1e-05},
        {"x": [1e16]},
        {"x": -1.5e300},
        {"x": 5e-324},
        {"x": 0.0001},
        {"x": 1e15},
        {1e-05: 1},
        {1e16: 1},
        {"x": "null", "y": "3e4f", "z": "0.00001"},
        {True: 1, None: 2, 3: 4},
        {"x": "\ud800"},
    ],
)
def test_where_msgspec_would_differ_the_standard_library_writes(data: Any) -> None:
    _same(data)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_what_json_cannot_hold_is_refused_as_before(value: float) -> None:
    with pytest.raises(ValueError, match="JSON compliant"):
        _json.emit_line({"x": [1, {"y": value}]})


def test_random_floats_of_every_size() -> None:
    draw = random.Random(14)
    for _ in range(100_000):
        value = struct.unpack("d", struct.pack("Q", draw.getrandbits(64)))[0]
        if value == value and abs(value) != float("inf"):
            assert _json.emit_line({"x": value}) == _stdlib_line({"x": value})
        exponent = draw.randint(-25, 25)
        value = draw.random() * 10.0**exponent * draw.choice((1, -1))
        assert _json.emit_line({"x": [value]}) == _stdlib_line({"x": [value]})


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(st.characters(codec="utf-8") | st.sampled_from('"\\:,[]0e.-')),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(max_size=8), _JSON, max_size=6))
def test_any_plain_mapping_is_written_as_the_standard_library_writes_it(
    data: dict[str, Any],
) -> None:
    _same(data)


@given(_JSON)
def test_anything_else_goes_to_the_standard_library(data: Any) -> None:
    _same(data)
