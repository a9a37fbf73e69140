"""--max-tlp on a JSON Lines stream leaves out what redact() leaves out of the whole report."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import osintreport as osr
from osintreport.acled import write_acled
from osintreport.cli import main
from osintreport.errors import MarkingError
from osintreport.geojson import to_geojson
from osintreport.handling import Marking
from osintreport.jsonl_convert import convert_jsonl
from osintreport.jsonl_export import jsonl_to_geojson, jsonl_to_table
from osintreport.jsonl_redact import plan_redaction
from osintreport.model import COLLECTIONS
from osintreport.redaction import redact
from osintreport.serialization import unstructure
from osintreport.ucdp import write_ucdp

from .conftest import WORKED_EXAMPLE
from .test_validation_oracle import messy_reports

MARKINGS = st.none() | st.sampled_from([Marking(tlp=level) for level in osr.Tlp])


@st.composite
def marked_reports(draw: st.DrawFn) -> osr.Report:
    """Messy reports (ids shared across kinds, claimants and relation ends that are marked
    objects) whose items and header carry TLP levels of every kind."""
    report = draw(messy_reports())
    changes: dict[str, Any] = {
        kind: tuple(attrs.evolve(i, marking=draw(MARKINGS)) for i in getattr(report, kind))
        for kind in COLLECTIONS
    }
    return attrs.evolve(report, marking=draw(MARKINGS), **changes)


def _write(report: osr.Report, path: Path, inline: bool) -> None:
    if inline:  # every item inside the header line
        path.write_text(json.dumps({"type": "report", **unstructure(report)}) + "\n")
    else:
        osr.dump(report, path, format="jsonl")


@settings(max_examples=120, deadline=None)
@given(marked_reports(), st.sampled_from(list(osr.Tlp)), st.booleans())
def test_streams_leave_out_what_redact_leaves_out(
    report: osr.Report, level: osr.Tlp, inline: bool
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "r.jsonl"
        _write(report, path, inline)
        try:
            expected = redact(report, level)
        except MarkingError as error:
            with pytest.raises(MarkingError, match=str(error).replace("+", r"\+")):
                plan_redaction(path, level)
            event("refused")
            return
        redaction = plan_redaction(path, level)
        withheld = {i.id for k in COLLECTIONS for i in getattr(report, k)} - {
            i.id for k in COLLECTIONS for i in getattr(expected, k)
        }
        assert withheld == redaction.withheld
        event(f"{len(withheld) > 0} withheld")
        for fmt in ("json", "jsonl", "yaml"):
            target = folder / f"out.{fmt}"
            convert_jsonl(path, target, fmt, redaction=redaction)
            assert target.read_text(encoding="utf-8") == osr.dumps(expected, fmt)
        left_out = sum(len(getattr(report, k)) - len(getattr(expected, k)) for k in COLLECTIONS)
        assert redaction.left_out == left_out
        geojson = io.StringIO()
        jsonl_to_geojson(path, geojson, redaction=redaction)
        whole = json.dumps(to_geojson(expected), ensure_ascii=False, indent=2) + "\n"
        assert geojson.getvalue() == whole
        assert redaction.left_out == left_out  # read twice, counted once
        for table, write in (("acled", write_acled), ("ucdp", write_ucdp)):
            text = io.StringIO()
            _, skipped = jsonl_to_table(path, text, table, redaction=redaction)  # type: ignore[arg-type]
            assert (text.getvalue(), skipped) == write(expected)


def test_a_report_marked_above_the_level_is_refused(tmp_path: Path) -> None:
    report = osr.Report(id="r", title="T", marking=Marking(tlp=osr.Tlp.RED))
    path = tmp_path / "r.jsonl"
    osr.dump(report, path)
    with pytest.raises(MarkingError, match="TLP:RED, above TLP:AMBER"):
        plan_redaction(path, "amber")
    assert plan_redaction(path, "red").withheld == frozenset()


def test_the_commands_stream_with_max_tlp_and_say_what_they_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = osr.load(WORKED_EXAMPLE)
    amber = Marking(tlp=osr.Tlp.AMBER)
    marked = attrs.evolve(
        example,
        actors=(attrs.evolve(example.actors[0], marking=amber), *example.actors[1:]),
        events=(attrs.evolve(example.events[0], marking=amber), *example.events[1:]),
    )
    jsonl, whole = tmp_path / "r.jsonl", tmp_path / "r.json"
    osr.dump(marked, jsonl)
    osr.dump(marked, whole)
    runs = [
        ["convert", "{}", "{}.yaml"],
        ["export", "{}", "--to", "geojson", "-o", "{}.geojson"],
        ["export", "{}", "--to", "acled", "-o", "{}.csv"],
    ]
    for run in runs:
        said = []
        for source in (jsonl, whole):
            args = [a.format(source) for a in run] + ["--max-tlp", "green"]
            main(args)
            said.append(capsys.readouterr().err.replace(str(source), "FILE"))
        assert said[0] == said[1]
        assert "objects above TLP:GREEN left out" in said[0]
        out = run[-1].format("")
        streamed = (tmp_path / f"r.jsonl{out}").read_text(encoding="utf-8")
        assert streamed == (tmp_path / f"r.json{out}").read_text(encoding="utf-8")
    kept = osr.load(tmp_path / "r.jsonl.yaml")
    assert example.actors[0].id not in {a.id for a in kept.actors}
    assert len(kept.events) == len(example.events) - 1
    red = tmp_path / "red.jsonl"
    osr.dump(attrs.evolve(example, marking=Marking(tlp=osr.Tlp.RED)), red)
    assert main(["convert", str(red), str(tmp_path / "red.json"), "--max-tlp", "amber"]) == 2
    assert "marked TLP:RED" in capsys.readouterr().err
    assert not (tmp_path / "red.json").exists()
