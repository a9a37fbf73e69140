"""Feed mutated, truncated and random documents to every loader: only LoadError escapes."""

from __future__ import annotations

import json
from typing import Any, cast

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import osintreport as osr
from osintreport import LoadError
from osintreport import strategies as ost
from osintreport.serialization import Format

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**30, max_value=10**40),
    st.just(10**400),  # too large for a float: must be a problem, not an OverflowError
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(["2023-13-45", "..", "/", "2023/2024/2025", "NaN", "-1", "x_", "", " "]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _nodes(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_nodes(value, (*path, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(_nodes(value, (*path, index)))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    data = osr.unstructure(draw(ost.reports(max_items=3)))
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _nodes(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(data, path)
        action = draw(st.sampled_from(["replace", "delete", "add_key", "nest"]))
        if action == "replace":
            parent[path[-1]] = draw(JUNK)
        elif action == "delete":
            del parent[path[-1]]
        elif action == "add_key" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = draw(JUNK)
        elif action == "nest":
            value: Any = draw(JUNK)
            for _ in range(draw(st.integers(1, 60))):
                value = [value]
            parent[path[-1]] = value
    return data


def _check(text: str | bytes, fmt: str) -> None:
    try:
        result = osr.loads(text, cast(Format, fmt))
    except LoadError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.path.startswith("$")
            assert problem.message
        return
    assert isinstance(result, osr.Report)


@given(mutated_documents(), st.sampled_from(["json", "yaml"]))
def test_mutated_documents(data: Any, fmt: str) -> None:
    text = (
        json.dumps(data, ensure_ascii=False)
        if fmt == "json"
        else yaml.safe_dump(data, allow_unicode=True)
    )
    _check(text, fmt)


@given(mutated_documents())
def test_mutated_records_in_json_lines(data: Any) -> None:
    lines = [
        json.dumps({"type": "report", **{k: v for k, v in data.items() if not isinstance(v, list)}})
    ]
    for key in ("actors", "events", "claims", "assessments", "sources"):
        items = data.get(key)
        if isinstance(items, list):
            for item in items:
                record = {"type": key[:-1], **item} if isinstance(item, dict) else item
                lines.append(json.dumps(record))
    _check("\n".join(lines) + "\n", "jsonl")


@given(ost.reports(max_items=2), st.sampled_from(["json", "yaml", "jsonl"]), st.data())
def test_truncated_documents(report: osr.Report, fmt: str, data: st.DataObject) -> None:
    text = osr.dumps(report, cast(Format, fmt))
    cut = data.draw(st.integers(0, len(text)))
    _check(text[:cut], fmt)


@given(st.binary(max_size=300), st.sampled_from(["json", "yaml", "jsonl"]))
def test_random_bytes(raw: bytes, fmt: str) -> None:
    _check(raw, fmt)


@given(st.text(max_size=200), st.sampled_from(["json", "yaml", "jsonl"]))
def test_random_text(text: str, fmt: str) -> None:
    _check(text, fmt)


@pytest.mark.parametrize("fmt", ["json", "yaml", "jsonl"])
@pytest.mark.parametrize(
    "text",
    [
        "[" * 50_000,
        '{"id": "r", "title": "t", "x_deep": ' + "[" * 5000 + "]" * 5000 + "}",
        '{"id": "r", "title": "t", "events": [{"id": "e", "summary": "s", "fatalities": {"low": '
        + "9" * 5000
        + "}}]}",
        '{"id": "r", "title": "t", "events": [{"id": "e", "summary": "s", "where": {"lat": 1e400, "lon": 1}}]}',
        "id: r\ntitle: t\nevents: " + "[" * 3000,
        "a: &a [*a]",
        "- &x a\n- *y\n",
        "\x00\x01\x02",
    ],
)
def test_pathological_inputs(text: str, fmt: str) -> None:
    _check(text, fmt)
