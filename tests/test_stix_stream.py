"""STIX export of a JSON Lines report as a stream: the bundle the whole report gives."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import osintreport as osr
from osintreport import strategies as ost
from osintreport._digest_table import DigestTable
from osintreport._json_stream import RawJson, Spooled, json_pieces
from osintreport.cli import main
from osintreport.cli._common import dumps_json
from osintreport.errors import LoadError, MarkingError
from osintreport.jsonl_redact import plan_redaction
from osintreport.redaction import redact
from osintreport.serialization import unstructure
from osintreport.stix import from_stix, to_stix
from osintreport.stix._stream import jsonl_to_stix

from .conftest import WORKED_EXAMPLE
from .test_jsonl_redact import marked_reports
from .test_stix import APT1
from .test_validation_oracle import messy_reports


def _write(report: osr.Report, path: Path, inline: bool) -> None:
    if inline:  # every item inside the header line
        path.write_text(json.dumps({"type": "report", **unstructure(report)}) + "\n")
    else:
        osr.dump(report, path, format="jsonl")


def _streamed(path: Path, **options: Any) -> str:
    out = io.StringIO()
    count = jsonl_to_stix(path, out, **options)
    assert count == len(json.loads(out.getvalue())["objects"])
    return out.getvalue()


@st.composite
def round_tripped(draw: st.DrawFn) -> osr.Report:
    """A report read back from its own STIX: every object keeps its STIX id."""
    return from_stix(to_stix(draw(ost.reports())))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(messy_reports(), ost.reports(), round_tripped()), st.booleans())
def test_the_streamed_bundle_is_the_whole_reports(report: osr.Report, inline: bool) -> None:
    # Messy reports repeat ids within and across kinds (STIX ids made twice get "-2"),
    # point claims at claims further on, and list a participant twice; round-tripped ones
    # carry the STIX ids they were read with.
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "r.jsonl"
        _write(report, path, inline)
        assert _streamed(path) == dumps_json(to_stix(osr.load(path)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(marked_reports(), st.sampled_from(list(osr.Tlp)))
def test_max_tlp_leaves_out_of_the_bundle_what_redact_leaves_out(
    report: osr.Report, level: osr.Tlp
) -> None:
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / "r.jsonl"
        _write(report, path, inline=False)
        try:
            expected = redact(report, level)
        except MarkingError:
            return
        redaction = plan_redaction(path, level)
        assert _streamed(path, redaction=redaction) == dumps_json(to_stix(expected))


def test_a_foreign_bundle_read_back_keeps_its_ids_and_objects(tmp_path: Path) -> None:
    if not APT1.exists():
        pytest.skip("corpus not available")
    report = from_stix(json.loads(APT1.read_text(encoding="utf-8")))
    path = tmp_path / "apt1.jsonl"
    osr.dump(report, path)
    assert _streamed(path) == dumps_json(to_stix(report))


def test_the_export_command_streams_stix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = osr.load(WORKED_EXAMPLE)
    jsonl, whole = tmp_path / "r.jsonl", tmp_path / "r.json"
    osr.dump(example, jsonl)
    osr.dump(example, whole)
    for source in (jsonl, whole):
        assert main(["export", str(source), "--to", "stix", "-o", f"{source}.stix.json"]) == 0
    streamed = Path(f"{jsonl}.stix.json").read_text(encoding="utf-8")
    assert streamed == Path(f"{whole}.stix.json").read_text(encoding="utf-8")
    assert main(["export", str(jsonl), "--to", "stix"]) == 0
    assert capsys.readouterr().out == streamed
    with jsonl.open("a", encoding="utf-8") as handle:
        handle.write('{"type": "event", "id": "bad"}\n{"type": "claim"}\n')
    assert main(["export", str(jsonl), "--to", "stix", "-o", str(tmp_path / "no.json")]) == 2
    said = capsys.readouterr()
    assert said.out == ""
    lines = len(jsonl.read_text(encoding="utf-8").splitlines())
    assert f"{jsonl}:{lines - 1}:" in said.err and f"{jsonl}:{lines}:" in said.err
    assert not (tmp_path / "no.json").exists()
    with pytest.raises(LoadError):
        jsonl_to_stix(jsonl, io.StringIO())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=6), st.integers(1, 255)), max_size=300))
def test_a_digest_table_holds_what_a_dict_holds(pairs: list[tuple[str, int]]) -> None:
    table, plain = DigestTable(capacity=2), dict[str, int]()  # grows from the smallest size
    for key, code in pairs:
        assert table.add(key, code) == plain.setdefault(key, code)
    assert len(table) == len(plain)
    for key, _ in pairs:
        assert table.code(key) == plain[key]
        assert key in table
    assert table.code("never added \x00") == 0
    assert 3 not in table
    with pytest.raises(ValueError, match="power of two"):
        DigestTable(capacity=3)
    with pytest.raises(ValueError, match="1 to 255"):
        table.add("x", 0)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


def _spool(data: Any, draw: st.DataObject) -> Any:
    """``data`` with some lists made Spooled, and some of their items raw JSON text."""
    if isinstance(data, dict):
        return {k: _spool(v, draw) for k, v in data.items()}
    if not isinstance(data, list):
        return data
    if not draw.draw(st.booleans()):
        return [_spool(item, draw) for item in data]
    items = [
        RawJson(json.dumps(item, ensure_ascii=False, indent=2))
        if draw.draw(st.booleans())
        else _spool(item, draw)
        for item in data
    ]
    return Spooled(iter(items))


@settings(max_examples=200, deadline=None)
@given(_JSON, st.data())
def test_json_pieces_write_what_dumps_json_writes(data: Any, draw: st.DataObject) -> None:
    spooled = _spool(data, draw)
    assert "".join(json_pieces(spooled)) == dumps_json(data)
