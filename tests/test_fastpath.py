"""The fast paths give exactly the same objects and errors as the default path."""

from __future__ import annotations

import json
import re
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import osintreport as osr
from osintreport import _fastpath, _json
from osintreport import strategies as ost
from osintreport._checks import inline_of
from osintreport._converter import CONVERTER, build_converter
from osintreport._data_paths import InvalidData
from osintreport._fastinit import make_builder

from .conftest import WORKED_EXAMPLE
from .test_fuzz import mutated_documents

REFERENCE = build_converter(fast=False)


def _outcome(converter: Any, data: Any, cls: type) -> tuple[str, Any]:
    """The result, with its repr: ``1`` and ``1.0`` are equal but not the same value."""
    try:
        result = converter.structure(data, cls)
    except InvalidData as error:
        return "invalid", error.problems
    return "ok", (result, repr(result))


@given(ost.reports())
def test_same_objects_for_valid_documents(report: osr.Report) -> None:
    data = osr.unstructure(report)
    assert (
        _outcome(CONVERTER, data, osr.Report)
        == _outcome(REFERENCE, data, osr.Report)
        == ("ok", (report, repr(report)))
    )


@given(mutated_documents())
def test_same_errors_for_invalid_documents(data: Any) -> None:
    assert _outcome(CONVERTER, data, osr.Report) == _outcome(REFERENCE, data, osr.Report)


ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(),
    st.text(max_size=8),
    st.sampled_from(
        [
            "2023-07",
            "battle",
            "e1",
            "a\n",  # "$" in a pattern would let a trailing newline through
            " ",
            "\u2003",  # an em space: blank to str.strip()
            "ok-id",
            "-bad",
            "SY",
            "sy",
            "initiator",
            90.0,
            -90.0,
            90.0000001,
            180,
            -181,
            2**63,
            10**400,
            -0.0,
            1e308,
        ]
    ),
    st.lists(st.sampled_from(["e1", "a\n", 1, None, "", {"actor": "a"}]), max_size=3),
    st.fixed_dictionaries({"actor": st.sampled_from(["a", "", 1])}),
    st.fixed_dictionaries({"low": st.integers(-1, 3), "best": st.integers(-1, 3)}),
)


@given(
    st.sampled_from(
        [
            osr.Event,
            osr.Claim,
            osr.Place,
            osr.Citation,
            osr.Estimate,
            osr.Source,
            osr.Actor,
            osr.Assessment,
            osr.Participant,
        ]
    ),
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
                "participants",
                "fatalities",
                "about",
                "backers",
                "basis",
                "actor",
                "role",
                "name",
                "country",
                "high",
                "quote",
                "url",
                "language",
                "status",
                "reliability",
            ]
        ),
        ODD_VALUES,
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
    repeated: list[str] = []

    def note_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        repeated.extend(key for index, key in enumerate(keys) if key in keys[:index])
        return dict(pairs)

    expected = _parse_outcome(_stdlib, text)
    if expected[0] == "ok":
        json.loads(text, object_pairs_hook=note_repeats)
    outcome = _parse_outcome(_json.parse, text)
    # The two differences: a repeated key is refused, not kept last; half a surrogate pair
    # is refused, as no UTF-8 file could hold it.
    if repeated:
        assert outcome == ("error", f"duplicate key {repeated[0]!r} (each key may appear once)")
    elif expected[0] == "ok" and re.search(
        "[\ud800-\udfff]", json.dumps(expected[1], ensure_ascii=False)
    ):
        assert outcome[0] == "error" and "lone surrogate" in outcome[1]
    else:
        assert outcome == expected


# --- every inline test against its validator --------------------------------------------------


def _validators() -> list[tuple[str, Any, Any]]:
    """``(label, field, validator)`` of every model field whose validator has an inline form."""
    out = []
    for cls in (
        osr.Report,
        osr.Actor,
        osr.Event,
        osr.Claim,
        osr.Assessment,
        osr.Source,
        osr.Citation,
        osr.Participant,
        osr.Place,
        osr.Estimate,
        osr.ExternalIds,
    ):
        for field in attrs.fields(cls):
            if inline_of(field.validator) is not None:
                out.append((f"{cls.__name__}.{field.name}", field, field.validator))
    return out


VALIDATORS = _validators()


def _inline_accepts(validator: Any, value: Any) -> bool:
    namespace: dict[str, Any] = {}
    inline = inline_of(validator)
    assert inline is not None
    test = _fastpath._test(inline, "v", namespace, "0")
    if test is None:
        return False  # no inline form: the validator itself is called
    try:
        return bool(eval(test, namespace, {"v": value}))
    except Exception:
        return False  # an error sends the document the general way


def _validator_accepts(field: Any, validator: Any, value: Any) -> bool:
    try:
        validator(None, field, value)
    except Exception:
        return False
    return True


class _Str(str):
    __slots__ = ()


TRICKY = [
    None,
    True,
    False,
    0,
    -1,
    1,
    2**70,
    10**400,
    0.0,
    -0.0,
    1.5,
    90,
    90.0,
    90.0000001,
    -180.0,
    float("nan"),
    float("inf"),
    "",
    " ",
    "\u2003",
    "\u00a0x",
    "a",
    "a\n",
    "ok-id",
    "-bad",
    "SY",
    "sy",
    "en",
    "Q42",
    "https://example.org/x",
    "https://exa mple.org",
    _Str("x"),
    (),
    ("a",),
    ("a\n",),
    ("a", 1),
    ["a"],
    {},
    {"x_a": 1},
    osr.When.parse("2023-07"),
    osr.Citation(source="s"),
]


@pytest.mark.parametrize(
    ("label", "field", "validator"), VALIDATORS, ids=[v[0] for v in VALIDATORS]
)
def test_inline_tests_never_accept_what_the_validator_refuses(
    label: str, field: Any, validator: Any
) -> None:
    accepted = [v for v in TRICKY if _inline_accepts(validator, v)]
    for value in accepted:
        assert _validator_accepts(field, validator, value), (label, value)


@given(st.sampled_from(VALIDATORS), st.one_of(ODD_VALUES, st.sampled_from(TRICKY)))
def test_inline_tests_never_accept_what_the_validator_refuses_generated(
    entry: tuple[str, Any, Any], value: Any
) -> None:
    label, field, validator = entry
    if _inline_accepts(validator, value):
        assert _validator_accepts(field, validator, value), (label, value)


def test_inline_tests_accept_ordinary_values() -> None:
    """The inline forms are not so strict that valid documents always go the slow way."""
    accepted = {label for label, _, validator in VALIDATORS if _inline_accepts(validator, None)}
    assert "Place.lat" in accepted and "Event.when" in accepted
    for label, value in [
        ("Event.id", "ev-1"),
        ("Event.summary", "clashes"),
        ("Place.lat", 35.5),
        ("Place.lon", -180),
        ("Place.country", "SY"),
        ("Estimate.best", 3),
        ("Citation.locator", 12),
        ("Citation.locator", "p. 4"),
        ("Claim.about", ("ev-1", "ev-2")),
        ("Report.authors", ("A. Analyst",)),
    ]:
        validator = next(v for name, _, v in VALIDATORS if name == label)
        assert _inline_accepts(validator, value), (label, value)


# --- the generated unstructure functions ------------------------------------------------------


def _plain(converter: Any, obj: Any) -> str:
    """Plain data as JSON text: equal text means equal data in the same key order."""
    return json.dumps(converter.unstructure(obj), ensure_ascii=False)


@given(ost.reports())
def test_same_data_from_the_generated_unstructure(report: osr.Report) -> None:
    assert _plain(CONVERTER, report) == _plain(REFERENCE, report)
    for items in (report.events, report.claims, report.sources, report.actors):
        for item in items:
            assert _plain(CONVERTER, item) == _plain(REFERENCE, item)


def test_generated_unstructure_on_the_worked_example() -> None:
    report = osr.load(WORKED_EXAMPLE)
    assert _plain(CONVERTER, report) == _plain(REFERENCE, report)


def test_generated_unstructure_with_values_of_the_wrong_class() -> None:
    """Objects built with validators off hold what they were given; it is written as is.

    (The general hook fails on the non-optional enum field with an AttributeError; the
    generated one sends a value of an unexpected class to the converter's dispatch.)
    """
    with attrs.validators.disabled():
        event = osr.Event(
            id="e",
            summary="s",
            kind="battle",  # type: ignore[arg-type]
            when="2023-07",  # type: ignore[arg-type]
            where={"lat": 1},  # type: ignore[arg-type]
        )
    assert CONVERTER.unstructure(event) == {
        "id": "e",
        "kind": "battle",
        "summary": "s",
        "when": "2023-07",
        "where": {"lat": 1},
    }


# --- classes the generated code cannot build itself --------------------------------------------


@attrs.frozen(kw_only=True)
class _Converted:
    """Not plain: a converter, and a pre-init hook; the fast path calls the class."""

    name: str = attrs.field(validator=attrs.validators.instance_of(str))
    tags: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    kind: osr.EventKind = osr.EventKind.OTHER

    def __attrs_pre_init__(self) -> None:
        pass


@given(
    st.fixed_dictionaries(
        {"name": st.one_of(st.text(max_size=3), st.integers())},
        optional={
            "tags": st.one_of(st.lists(st.text(max_size=2), max_size=2), st.integers()),
            "kind": st.sampled_from(["battle", "nope", 1]),
            "other": st.just(1),
        },
    )
)
def test_classes_that_are_not_plain_take_the_keyword_path(data: dict[str, Any]) -> None:
    assert not _fastpath.is_plain(_Converted)
    fast, slow = build_converter(fast=True), build_converter(fast=False)
    assert _outcome(fast, data, _Converted) == _outcome(slow, data, _Converted)
    if isinstance(data["name"], str) and set(data) == {"name"}:
        assert fast.structure(data, _Converted) == _Converted(name=data["name"])


# --- builders: a few fields, the class's own checks inline (osintreport._fastinit) ---------


def _call_outcome(make: Any, *args: Any) -> tuple[str, Any]:
    try:
        return "ok", make(*args)
    except (TypeError, ValueError) as error:
        return type(error).__name__, str(error)


_CLAIM_FIELDS = ("id", "text", "citations", "extensions")
_build_claim = make_builder(osr.Claim, _CLAIM_FIELDS)


@given(
    st.one_of(st.sampled_from(["cl-001", "a", "cl 1", "-x", ""]), ODD_VALUES),
    st.one_of(st.sampled_from(["Iran moved.", " ", "\t", "é"]), ODD_VALUES),
    st.one_of(
        st.just(()),
        st.just((osr.Citation(source="s1"),)),
        st.lists(st.builds(osr.Citation, source=st.just("s1")), max_size=2),
        st.tuples(st.just("s1")),
        ODD_VALUES,
    ),
    st.one_of(
        st.just({}),
        st.dictionaries(st.sampled_from(["x_section", "x_a", "y", ""]), ODD_VALUES, max_size=2),
        ODD_VALUES,
    ),
)
def test_a_builder_gives_what_the_class_gives(
    id_: Any, text: Any, citations: Any, extensions: Any
) -> None:
    def by_class(*values: Any) -> osr.Claim:
        return osr.Claim(**dict(zip(_CLAIM_FIELDS, values, strict=True)))

    built = _call_outcome(_build_claim, id_, text, citations, extensions)
    assert built == _call_outcome(by_class, id_, text, citations, extensions)
    if built[0] == "ok":
        assert built[1].status is osr.ClaimStatus.REPORTED and built[1].about == ()


def test_a_builder_refuses_a_shape_it_cannot_build() -> None:
    with pytest.raises(ValueError, match="has no field 'nope'"):
        make_builder(osr.Claim, ("id", "nope"))
    with pytest.raises(ValueError, match=r"Claim\.text has no default"):
        make_builder(osr.Claim, ("id",))
    build = make_builder(_Converted, ("name", "tags"))  # not plain: it calls the class
    assert build("n", ["a"]) == _Converted(name="n", tags=["a"])  # type: ignore[list-item]
