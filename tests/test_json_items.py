"""Loading a JSON report item by item gives what parsing it whole gives, values and errors."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import osintreport as osr
from osintreport import _json_items
from osintreport import strategies as ost
from osintreport.errors import LoadError
from osintreport.serialization import _structure, parse_text

from .conftest import WORKED_EXAMPLE


def _general(text: str) -> osr.Report | LoadError:
    """The whole document parsed, then structured: what loading did before."""
    try:
        data = parse_text(text, "json", file="r.json")
        return _structure(data, osr.Report, file="r.json", line=None)
    except LoadError as error:
        return error


def _both(path: Path) -> list[object]:
    """The general path's result, then ``load``'s and ``loads``'s."""
    text = path.read_text("utf-8-sig")
    out: list[object] = [_general(text)]
    for fmt in ("load", "loads"):
        try:
            out.append(osr.load(path) if fmt == "load" else osr.loads(text, "json", file="r.json"))
        except LoadError as error:
            out.append(error)
    return out


def _same(whole: object, *got: object) -> None:
    for other in got:
        if isinstance(whole, LoadError):
            assert isinstance(other, LoadError)
            assert [(p.path, p.message) for p in other.problems] == [
                (p.path, p.message) for p in whole.problems
            ]
        else:
            assert other == whole


@settings(max_examples=60, deadline=None)
@given(ost.reports(), st.sampled_from([7, 64, 1 << 20]), st.booleans())
def test_item_by_item_equals_the_whole_document(
    report: osr.Report, chunk: int, indented: bool
) -> None:
    text = osr.dumps(report, "json")
    if not indented:
        text = json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))
    saved = _json_items.CHUNK
    _json_items.CHUNK = chunk  # values cut at every place a chunk can cut them
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "r.json"
            path.write_text(text, "utf-8")
            assert _json_items.load_report(path, file=str(path)) == report
            assert _json_items.read_report_text(text, file=None) == report
            assert osr.load(path) == report
    finally:
        _json_items.CHUNK = saved


def test_the_worked_example(tmp_path: Path) -> None:
    report = osr.load(WORKED_EXAMPLE)
    path = tmp_path / "r.json"
    osr.dump(report, path)
    assert _json_items.load_report(path, file="r.json") == report


@pytest.mark.parametrize(
    "text",
    [
        '{"schema_version": 2, "id": "r", "title": "T", "id": "s"}',  # a repeated top key
        '{"schema_version": 2, "id": "r", "title": "T", "claims": [{"id": "c", "id": "d", '
        '"text": "t"}]}',  # a repeated key inside an item
        '{"schema_version": 2, "id": "r", "title": "T"} {}',  # something after the document
        '{"schema_version": 2, "id": "r", "title": "T",}',  # a trailing comma
        '{"schema_version": 2, "id": "r", "title": "T", "events": [{"id": "e", "summary": "s"},]}',
        '{"schema_version": 2, "id": "r", "title": "T", "events": [{"id": "e"}]}',  # no summary
        '{"schema_version": 2, "id": "r", "title": "T", "claims": [{"id": "c", '
        '"text": "\\ud800"}]}',  # a lone surrogate, escaped
        '{"schema_version": 1, "id": "r", "title": "T", "events": []}',  # migrated
        '{"schema_version": 99, "id": "r", "title": "T"}',  # newer: refused
        '{"id": "r", "title": "T", "events": [{"id": "e", "summary": "s", "when": "2023"}]}',
        '{"schema_version": 2, "id": "r", "title": "T", "events": {"id": "e"}}',  # not a list
        # No version: read as current, an older-only key migrated.
        '{"id": "r", "title": "T", "events": [{"id": "e", "summary": "s", '
        '"fatalities": {"low": 2, "high": 3}}, {"id": "f", "summary": "t"}]}',
        # The version after the events: a current document, where that key is unknown.
        '{"id": "r", "title": "T", "events": [{"id": "e", "summary": "s", '
        '"fatalities": {"low": 2}}], "schema_version": 2}',
        '{"id": "r", "title": "T", "events": [{"id": "e", "summary": "s"}], "schema_version": 1}',
        '{"id": "r", "schema_version": true, "title": "T", "events": []}',
        '{"schema_version": 2, "id": "r", "title": "T", "x_n": 12345678901234567890}',
        '\ufeff{"schema_version": 2, "id": "r", "title": "T", "x_n": 1.5e3}',  # a BOM
        '{"schema_version": 2, "id": "r", "title": "T", "x_n": NaN}',
        "[]",
        "",
        '{"schema_version": 2, "id": "r", "title": "T", "claims": [{"id": "c", "text": "t"',
    ],
)
def test_unusual_documents_load_or_fail_as_before(tmp_path: Path, text: str) -> None:
    path = tmp_path / "r.json"
    path.write_text(text, "utf-8")
    for chunk in (5, 1 << 20):
        saved = _json_items.CHUNK
        _json_items.CHUNK = chunk
        try:
            _same(*_both(path))
        finally:
            _json_items.CHUNK = saved


def test_bytes_that_are_not_utf8_fail_as_before(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(b'{"schema_version": 2, "id": "r", "title": "\xff"}')
    assert _json_items.load_report(path, file="r.json") is None
    with pytest.raises(LoadError, match="not UTF-8"):
        osr.load(path)


@pytest.mark.parametrize("chunk", range(1, 16))
def test_a_number_cut_by_a_chunk_is_read_whole(chunk: int) -> None:
    """A chunk ending at "35." or "1e" must not give 35 or 1: the number goes on after it."""
    data = b"[35.758, 1e5, -2.5E-3, 12, 0.5]"
    source = io.BytesIO(data)
    reader = _json_items._Reader(lambda size: source.read(min(size, chunk)))
    assert [reader.value() for _ in reader.elements()] == [35.758, 1e5, -2.5e-3, 12, 0.5]


def test_a_document_without_version_is_read_item_by_item() -> None:
    """What the general path does to such a document (migrate an event's ``fatalities``),
    the item-by-item reader does as it reads, so it need not read the document twice."""
    text = (
        '{"id": "r", "title": "T", "events": [{"id": "e", "summary": "s", '
        '"fatalities": {"low": 2, "high": 3}}]}'
    )
    report = _json_items.read_report_text(text, file=None)
    assert report is not None
    assert report == _general(text)
    casualties = report.events[0].casualties
    assert casualties is not None and casualties.killed is not None
    assert (casualties.killed.low, casualties.killed.high) == (2, 3)
    # Named older, or newer, the document is left to the general path at once.
    assert (
        _json_items.read_report_text(
            text.replace('{"id"', '{"schema_version": 1, "id"', 1), file=None
        )
        is None
    )
