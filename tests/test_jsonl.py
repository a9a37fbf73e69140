from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import osintreport as osr
from osintreport import LoadError, Report, jsonl
from osintreport import strategies as ost

from .conftest import WORKED_EXAMPLE


@given(ost.reports())
def test_records_round_trip(report: Report) -> None:
    lines = list(jsonl.report_lines(report))
    assert json.loads(lines[0])["type"] == "report"
    assert all(line.endswith("\n") and line.count("\n") == 1 for line in lines)
    assert list(jsonl.iter_reports(lines)) == [report]


def test_many_reports_in_one_file(tmp_path: Path) -> None:
    reports = [
        Report(id=f"r{i}", title=f"Report {i}", events=(osr.Event(id="e", summary="s"),))
        for i in range(3)
    ]
    path = tmp_path / "all.jsonl"
    assert jsonl.write_records(path, reports) == 3
    assert list(osr.iter_reports(path)) == reports
    kinds = [type(r).__name__ for r in osr.iter_records(path)]
    assert kinds == ["Report", "Event"] * 3
    with pytest.raises(LoadError, match="second report header"):
        osr.load(path)


def test_iter_records_is_lazy() -> None:
    consumed = 0

    def lines() -> Iterator[str]:
        nonlocal consumed
        yield '{"type": "report", "id": "r", "title": "t"}\n'
        for i in itertools.count():
            consumed += 1
            yield json.dumps({"type": "event", "id": f"e{i}", "summary": "s"}) + "\n"

    records = osr.iter_records(lines())
    first = list(itertools.islice(records, 6))
    assert [r.id for r in first] == ["r", "e0", "e1", "e2", "e3", "e4"]
    assert consumed == 5  # nothing read ahead


def test_streaming_memory_stays_flat(tmp_path: Path) -> None:
    import tracemalloc

    path = tmp_path / "big.jsonl"
    event = json.dumps({"type": "event", "id": "e", "summary": "وقفة " * 20, "when": "2023-07~"})
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"type": "report", "id": "r", "title": "t"}\n')
        for _ in range(20_000):
            handle.write(event + "\n")

    def peak_for(limit: int) -> int:
        tracemalloc.start()
        count = sum(1 for _ in itertools.islice(osr.iter_records(path), limit))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert count == limit
        return peak

    small, large = peak_for(1_000), peak_for(20_001)
    assert large < small * 2  # 20x the records, not 20x the memory


def test_bad_line_reports_line_number(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"type": "report", "id": "r", "title": "t"}\n'
        '{"type": "event", "id": "e1", "summary": "s"}\n'
        '{"type": "event", "id": "e2", "summary": 3, "when": "2023-13"}\n'
        '{"type": "gadget", "id": "g"}\n'
        "not json\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as info:
        osr.load(path)
    found = [(p.line, p.path) for p in info.value.problems]
    assert found == [(3, "$.summary"), (3, "$.when"), (4, "$.type"), (5, "$")]
    assert str(info.value.problems[0]).startswith(f"{path}:3: $.summary")
    records = osr.iter_records(path)
    assert next(records).id == "r"
    assert next(records).id == "e1"
    with pytest.raises(LoadError) as info:
        next(records)
    assert {p.line for p in info.value.problems} == {3}


def test_items_before_header_and_empty_stream() -> None:
    with pytest.raises(LoadError, match="before the report header"):
        osr.loads(
            '{"type": "event", "id": "e", "summary": "s"}\n{"type": "report", "id": "r", "title": "t"}\n',
            "jsonl",
        )
    with pytest.raises(LoadError, match="no report header"):
        osr.loads("\n\n", "jsonl")
    with pytest.raises(LoadError, match="before any report header"):
        list(osr.iter_reports(['{"type": "actor", "id": "a", "name": "n"}']))


def test_write_records_is_atomic(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    jsonl.write_records(path, [Report(id="r", title="old")])
    before = path.read_bytes()

    def failing() -> Iterator[osr.Event]:
        yield osr.Event(id="e", summary="s")
        raise RuntimeError("scraper died")

    with pytest.raises(RuntimeError):
        jsonl.write_records(path, failing())
    assert path.read_bytes() == before


def test_record_line_refuses_non_records() -> None:
    with pytest.raises(TypeError, match="not a record"):
        jsonl.record_line(osr.Place(name="x"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not a record"):  # and again, once its hook is asked for
        jsonl.record_line(osr.Place(name="x"))  # type: ignore[arg-type]


@given(ost.reports())
def test_record_line_is_the_type_then_the_unstructured_record(report: Report) -> None:
    """``record_line`` writes with its own generated functions ("type" first): the same
    bytes as the type followed by :func:`osintreport.unstructure`, for every record class."""
    names = {cls: name for name, cls in jsonl.RECORD_TYPES.items()}
    header = attrs.evolve(
        report, actors=(), events=(), claims=(), assessments=(), sources=(), relations=()
    )
    items: list[jsonl.Record] = [header]
    for collection in ("actors", "events", "claims", "assessments", "sources", "relations"):
        items += getattr(report, collection)
    for item in items:
        expected = {"type": names[type(item)], **osr.unstructure(item)}
        written = json.dumps(expected, ensure_ascii=False, separators=(",", ":"))
        assert jsonl.record_line(item) == written + "\n"


def test_summary_of_a_jsonl_file_streams_and_says_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from osintreport.cli import main
    from osintreport.streamed import summarize

    report = osr.load(WORKED_EXAMPLE)
    path = tmp_path / "r.jsonl"
    osr.dump(report, path)
    found = summarize(path)
    assert found.coverage == osr.coverage(report)
    assert found.counts["events"] == len(report.events)
    assert found.counts["relations"] == len(report.relations)
    assert main(["summary", str(WORKED_EXAMPLE)]) == 0
    whole = capsys.readouterr().out.split(": ", 1)[1]
    assert main(["summary", str(path)]) == 0
    assert capsys.readouterr().out.split(": ", 1)[1] == whole
    assert main(["summary", str(WORKED_EXAMPLE), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert main(["summary", str(path), "--format", "json"]) == 0
    streamed = json.loads(capsys.readouterr().out)
    assert {**streamed, "file": None} == {**data, "file": None}
    two = tmp_path / "two.jsonl"
    two.write_text(path.read_text(encoding="utf-8") * 2, encoding="utf-8")
    assert main(["summary", str(two)]) == 2
    assert "a second report header" in capsys.readouterr().err
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"type":"report","id":"r","title":"t"}\n\xff\n')
    assert main(["summary", str(bad)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_summary_counts_items_written_inside_the_header_line(tmp_path: Path) -> None:
    from osintreport.streamed import summarize

    report = osr.load(WORKED_EXAMPLE)
    lines = osr.dumps(report, "jsonl").split("\n")
    header = json.loads(lines[0])
    header["sources"] = [json.loads(line) for line in lines[1:] if '"type":"source"' in line]
    header["claims"] = [json.loads(line) for line in lines[1:] if '"type":"claim"' in line][:5]
    for item in (*header["sources"], *header["claims"]):
        del item["type"]
    rest = [line for line in lines[1:] if line and json.loads(line)["type"] != "source"]
    rest = [
        line for line in rest if json.loads(line)["id"] not in {c["id"] for c in header["claims"]}
    ]
    path = tmp_path / "nested.jsonl"
    path.write_text("\n".join([json.dumps(header), *rest]) + "\n", encoding="utf-8")
    loaded = osr.load(path)
    found = summarize(path)
    assert found.coverage == osr.coverage(loaded)
    assert found.counts == {kind: len(getattr(loaded, kind)) for kind in found.counts}
    assert found.report.claims == () and found.report.id == report.id
