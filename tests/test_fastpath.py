"""The fast paths give exactly the same objects and errors as the default path."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import osintreport as osr
from osintreport import _json
from osintreport import strategies as ost
from osintreport._converter import CONVERTER, InvalidData, build_converter

from .test_fuzz import mutated_documents

REFERENCE = build_converter(fast=False)


def _outcome(converter: Any, data: Any, cls: type) -> tuple[str, Any]:
    try:
        return "ok", converter.structure(data, cls)
    except InvalidData as error:
        return "invalid", error.problems


@given(ost.reports())
def test_same_objects_for_valid_documents(report: osr.Report) -> None:
    data = osr.unstructure(report)
    assert (
        _outcome(CONVERTER, data, osr.Report)
        == _outcome(REFERENCE, data, osr.Report)
        == ("ok", report)
    )


@given(mutated_documents())
def test_same_errors_for_invalid_documents(data: Any) -> None:
    assert _outcome(CONVERTER, data, osr.Report) == _outcome(REFERENCE, data, osr.Report)


@given(
    st.sampled_from([osr.Event, osr.Claim, osr.Place, osr.Citation, osr.Estimate, osr.Source]),
    st.dictionaries(
        st.sampled_from(
            [
                "id",
                "summary",
                "text",
                "kind",
                "when",
                "lat",
                "lon",
                "low",
                "best",
                "source",
                "locator",
                "credibility",
                "accessed",
                "x_note",
                "where",
                "citations",
            ]
        ),
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(-3, 3),
            st.floats(),
            st.text(max_size=8),
            st.sampled_from(["2023-07", "battle", "e1"]),
            st.lists(st.integers(), max_size=2),
        ),
        max_size=6,
    ),
)
def test_same_outcome_for_odd_values(cls: type, data: dict[str, Any]) -> None:
    assert _outcome(CONVERTER, data, cls) == _outcome(REFERENCE, data, cls)


def _parse_outcome(parse: Any, text: str) -> tuple[str, Any]:
    try:
        return "ok", parse(text)
    except (ValueError, RecursionError) as error:
        return "error", str(error)


def _stdlib(text: str) -> Any:
    return json.loads(text, parse_constant=_json._refuse_constant)


@given(
    st.one_of(
        ost.reports().map(lambda r: osr.dumps(r, "json")),
        st.text(max_size=60),
        st.sampled_from(
            [
                '{"a": NaN}',
                "[1e400]",
                '{"a": 1, "a": 2}',
                '"\\ud800"',
                "[" + "9" * 30 + "]",
                '{"a": 1.0000000000000002}',
            ]
        ),
    )
)
def test_json_parser_agrees_with_the_standard_library(text: str) -> None:
    assert _parse_outcome(_json.parse, text) == _parse_outcome(_stdlib, text)
