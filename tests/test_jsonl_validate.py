"""Streamed validation of JSON Lines gives the whole report's findings, line and column too."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import osintreport as osr
from osintreport import strategies as ost
from osintreport.cli import main
from osintreport.cli._common import dumps_json
from osintreport.errors import LoadError
from osintreport.jsonl import write_records
from osintreport.jsonl_validate import validate_jsonl
from osintreport.rules import DEFAULT_RULES
from osintreport.ruleset import Context, Hit, rule
from osintreport.validation import validate_file

from .conftest import WORKED_EXAMPLE
from .test_validation_oracle import messy_reports

TODAY = dt.date(2026, 11, 24)


def _key(finding: osr.Finding) -> tuple[object, ...]:
    return (
        finding.code,
        finding.path,
        finding.severity.value,
        finding.subject or "",
        finding.message,
        finding.hint,
        finding.line,
        finding.column,
    )


def _codes_in_rule_order(findings: list[osr.Finding]) -> list[str]:
    order = [r.code for r in DEFAULT_RULES]
    return sorted({f.code for f in findings}, key=order.index)


@settings(max_examples=120, deadline=None)
@given(st.one_of(messy_reports(), ost.reports()), st.integers(1, 4))
def test_findings_equal_the_whole_reports(report: osr.Report, window: int) -> None:
    # Messy reports share ids across kinds, point at nothing and at the wrong kinds, and
    # relate claims to each other: every rule that spans objects is exercised across
    # windows of one to four events and claims.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.jsonl"
        write_records(path, [report])
        whole = validate_file(path, today=TODAY)
        streamed = validate_jsonl(path, today=TODAY, window=window)
        got = list(streamed.findings)
        assert sorted(map(_key, got)) == sorted(map(_key, whole))
        # rule by rule, in the order the rules run
        assert [f.code for f in got] == sorted(
            (f.code for f in got), key=[r.code for r in DEFAULT_RULES].index
        )
        assert streamed.coverage == osr.citation_coverage.coverage(report)
        streamed.findings.close()


@pytest.mark.parametrize("window", [1, 7, 10_000])
def test_the_worked_example(tmp_path: Path, window: int) -> None:
    report = osr.load(WORKED_EXAMPLE)
    path = tmp_path / "report.jsonl"
    osr.dump(report, path)
    whole = validate_file(path, today=TODAY)
    streamed = validate_jsonl(path, today=TODAY, window=window)
    assert len(whole) == len(streamed.findings) == 107
    assert sorted(map(_key, streamed.findings)) == sorted(map(_key, whole))
    assert _codes_in_rule_order(list(streamed.findings)) == _codes_in_rule_order(whole)
    assert streamed.counts == {
        "actors": len(report.actors),
        "events": len(report.events),
        "claims": len(report.claims),
        "assessments": len(report.assessments),
        "sources": len(report.sources),
        "relations": len(report.relations),
    }
    assert str(streamed.coverage) == str(osr.citation_coverage.coverage(report))


def _lines(*records: str) -> str:
    return "".join(record + "\n" for record in records)


def test_items_inside_the_header_line_are_located_there(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(
        _lines(
            '{"type":"report","id":"r","title":"T","events":[{"id":"e0","summary":"s"}]}',
            '{"type":"event","id":"e1","summary":"s","when":"2023-07-12/2023-07-07"}',
            '{"type":"event","id":"e0","summary":"again"}',
        ),
        "utf-8",
    )
    rows = path.read_text("utf-8").splitlines()
    found = {(f.code, f.path): (f.line, f.column) for f in validate_jsonl(path).findings}
    # inside the header line, where the event is written; a field is located at its key
    assert found[("OSR301", "$.events[0]")] == (1, rows[0].index('{"id":"e0"') + 1)
    assert found[("OSR201", "$.events[1].when")] == (2, rows[1].index('"when"') + 1)
    assert found[("OSR101", "$.events[2].id")] == (3, rows[2].index('"id"') + 1)
    message = next(f.message for f in validate_jsonl(path).findings if f.code == "OSR101")
    assert message == "id 'e0' is already used at $.events[0]"


def test_every_bad_line_is_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        _lines(
            '{"type":"report","id":"r","title":"T"}',
            '{"type":"event","id":"e1"}',
            '{"type":"event","id":"e2","summary":"s"}',
            '{"type":"claim","id":"c1","text":""}',
        ),
        "utf-8",
    )
    with pytest.raises(LoadError) as caught:
        validate_jsonl(path)
    assert sorted({(p.line, p.file) for p in caught.value.problems}) == [
        (2, str(path)),
        (4, str(path)),
    ]
    for text, message in (
        ('{"type":"event","id":"e1","summary":"s"}', "before the report header"),
        (
            '{"type":"report","id":"r","title":"T"}\n{"type":"report","id":"s","title":"T"}',
            "second",
        ),
        ("", "no report header"),
    ):
        path.write_text(text + "\n", "utf-8")
        with pytest.raises(LoadError, match=message):
            validate_jsonl(path)


def test_severity_floor_selection_and_a_failing_rule(tmp_path: Path) -> None:
    report = osr.load(WORKED_EXAMPLE)
    path = tmp_path / "report.jsonl"
    osr.dump(report, path)
    warnings = validate_jsonl(path, today=TODAY, min_severity=osr.Severity.WARNING).findings
    whole = [f for f in validate_file(path, today=TODAY) if f.severity >= osr.Severity.WARNING]
    assert sorted(map(_key, warnings)) == sorted(map(_key, whole))
    assert len(whole) < 107  # the info findings are left out
    assert {f.code for f in validate_jsonl(path, select=["OSR3"]).findings} <= {
        "OSR301",
        "OSR302",
        "OSR303",
        "OSR304",
        "OSR305",
        "OSR306",
    }

    @rule("X900", "breaks", osr.Severity.WARNING, "Fails on purpose.")
    def breaks(ctx: Context) -> Iterator[Hit]:
        raise RuntimeError("boom")
        yield  # pragma: no cover - a generator

    found = list(
        validate_jsonl(path, rules=DEFAULT_RULES.extended(breaks), select=["X9"], window=5).findings
    )
    assert [(f.code, f.path, f.message) for f in found] == [
        ("OSR000", "$", "rule X900 (breaks) failed: RuntimeError: boom")
    ]
    with pytest.raises(ValueError, match="window"):
        validate_jsonl(path, window=0)


def test_the_spool_reads_back_again_and_closes(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(
        _lines(
            '{"type":"report","id":"r","title":"T"}',
            *(f'{{"type":"claim","id":"c{n}","text":"t","claimant":"nobody"}}' for n in range(5)),
        ),
        "utf-8",
    )
    findings = validate_jsonl(path, window=2).findings
    first = list(findings)
    assert [f.code for f in first] == ["OSR102"] * 5 + ["OSR301"] * 5
    assert list(findings) == first and len(findings) == 10 and first[0] in findings
    assert "10 finding(s)" in repr(findings)
    findings.close()
    assert list(findings) == [] and not findings


def test_the_command_streams_json_lines_and_prints_what_the_whole_path_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    report = osr.load(WORKED_EXAMPLE)
    path = tmp_path / "report.jsonl"
    osr.dump(report, path)
    args = ["validate", "--today", "2026-11-24", "--min-severity", "info"]
    assert main([*args, str(path)]) == 1
    streamed = capsys.readouterr().out.splitlines()
    with path.open(encoding="utf-8") as stdin:  # its format told from its text: read whole
        monkeypatch.setattr("sys.stdin", stdin)
        assert main([*args, "-"]) == 1
    whole = [line.replace("<stdin>", str(path)) for line in capsys.readouterr().out.splitlines()]
    assert sorted(streamed) == sorted(whole)
    assert streamed[-1] == whole[-1]  # the tally and coverage line
    with path.open(encoding="utf-8") as stdin:  # said to be JSON Lines: copied, streamed
        monkeypatch.setattr("sys.stdin", stdin)
        assert main([*args, "--input-format", "jsonl", "-"]) == 1
    piped = capsys.readouterr().out.splitlines()
    assert [line.replace("<stdin>", str(path)) for line in piped] == streamed
    empty = tmp_path / "empty.jsonl"  # a file with no finding between two with some
    empty.write_text('{"type":"report","id":"r","title":"T"}\n', "utf-8")
    assert main([*args, "--format", "json", str(path), str(empty), str(path)]) == 1
    text = capsys.readouterr().out  # written a finding at a time, as if dumped whole
    data = json.loads(text)
    assert text == dumps_json(data)
    assert [len(entry["findings"]) for entry in data["files"]] == [107, 0, 107]
    assert data["files"][0]["findings"][0]["line"] is not None
    assert main([*args, "--format", "github", str(path)]) == 1
    assert len(capsys.readouterr().out.splitlines()) == 107
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type":"report","id":"r","title":"T"}\n{"type":"x"}\n', "utf-8")
    assert main(["validate", str(bad)]) == 2
    assert f"{bad}:2" in capsys.readouterr().err
