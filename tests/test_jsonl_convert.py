"""Converting a JSON Lines report as a stream gives the text the whole report gives."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import osintreport as osr
from osintreport import strategies as ost
from osintreport.cli import main
from osintreport.errors import LoadError
from osintreport.jsonl_convert import convert_jsonl, write_items
from osintreport.jsonl_export import jsonl_to_geojson
from osintreport.model import COLLECTIONS

from .conftest import WORKED_EXAMPLE

FORMATS = ("json", "yaml", "jsonl")


def _whole(lines: list[str], fmt: str) -> str:
    return osr.dumps(osr.loads("".join(lines), "jsonl"), fmt)  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
@given(ost.reports())
def test_streamed_output_is_the_whole_reports_text(report: osr.Report) -> None:
    # JSON Lines ends lines at "\n" only: str.splitlines would also cut at U+0085 or U+2028
    lines = [line + "\n" for line in osr.dumps(report, "jsonl").rstrip("\n").split("\n")]
    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            target = Path(folder) / f"out.{fmt}"
            count = convert_jsonl(lines, target, fmt)  # type: ignore[arg-type]
            assert target.read_text(encoding="utf-8") == osr.dumps(report, fmt)  # type: ignore[arg-type]
            assert count == sum(len(getattr(report, kind)) for kind in COLLECTIONS)
        assert sorted(p.name for p in Path(folder).iterdir()) == [
            "out.json",
            "out.jsonl",
            "out.yaml",
        ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_worked_example_from_a_file(tmp_path: Path, fmt: str) -> None:
    report = osr.load(WORKED_EXAMPLE)
    source = tmp_path / "report.jsonl"
    osr.dump(report, source)
    target = tmp_path / f"out.{fmt}"
    assert convert_jsonl(source, target, fmt) == 146  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == osr.dumps(report, fmt)  # type: ignore[arg-type]
    assert osr.load(target) == report


def test_items_inside_the_header_line_come_first_as_when_loading(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"type": "report", "id": "r", "title": "T", "actors": [{"id": "a1", "name": "A"}]}
        )
        + "\n",
        json.dumps({"type": "claim", "id": "c1", "text": "Said."}) + "\n",
        "\n",
        json.dumps({"type": "actor", "id": "a2", "name": "B", "x_note": 1}) + "\n",
    ]
    for fmt in FORMATS:
        target = tmp_path / f"out.{fmt}"
        convert_jsonl(lines, target, fmt)  # type: ignore[arg-type]
        assert target.read_text(encoding="utf-8") == _whole(lines, fmt)
    assert [a.id for a in osr.load(tmp_path / "out.yaml").actors] == ["a1", "a2"]


@pytest.mark.parametrize(
    ("lines", "message", "line"),
    [
        (['{"type": "claim", "id": "c", "text": "x"}\n'], "comes before the report header", 1),
        (['{"type": "report", "id": "r", "title": "T"}\n'] * 2, "a second report header", 2),
        (["\n"], "no report header line", None),
        (['{"type": "report", "id": "r", "title": "T"}\n', '{"type": "claim"}\n'], None, 2),
        (['{"type": "report", "id": "r", "title": "T"}\n', "{oops\n"], None, 2),
    ],
)
def test_bad_input_leaves_the_target_as_it_was(
    tmp_path: Path, lines: list[str], message: str | None, line: int | None
) -> None:
    target = tmp_path / "out.json"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        convert_jsonl(lines, target, "json", file="in.jsonl")
    problem = caught.value.problems[0]
    assert problem.file == "in.jsonl" and problem.line == line
    if message is not None:
        assert message in problem.message
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


def test_the_convert_command_streams_json_lines(tmp_path: Path) -> None:
    report = osr.load(WORKED_EXAMPLE)
    source = tmp_path / "report.jsonl"
    osr.dump(report, source)
    for fmt in ("json", "yaml"):
        target = tmp_path / f"out.{fmt}"
        assert main(["convert", str(source), str(target)]) == 0
        assert target.read_text(encoding="utf-8") == osr.dumps(report, fmt)
    marked = tmp_path / "clear.json"  # --max-tlp reads the report whole, and redacts it
    assert main(["convert", str(source), str(marked), "--max-tlp", "clear"]) == 0
    assert osr.load(marked).id == report.id
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "report", "id": "r", "title": "T"}\n{"type": "x"}\n', "utf-8")
    assert main(["convert", str(bad), str(tmp_path / "bad.json")]) == 2
    assert not (tmp_path / "bad.json").exists()


# --- export from JSON Lines, streamed ----------------------------------------------------


def _geojson_text(report: osr.Report) -> str:
    from osintreport.geojson import to_geojson

    return json.dumps(to_geojson(report), ensure_ascii=False, indent=2) + "\n"


@settings(max_examples=30, deadline=None)
@given(ost.reports())
def test_streamed_geojson_is_the_whole_reports(report: osr.Report) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "r.jsonl"
        osr.dump(report, source)
        out = io.StringIO()
        written, unmapped = jsonl_to_geojson(source, out)
        assert out.getvalue() == _geojson_text(report)
        assert written + unmapped == len(report.events)


def test_the_export_command_streams_geojson_and_parquet(tmp_path: Path) -> None:
    report = osr.load(WORKED_EXAMPLE)
    source = tmp_path / "report.jsonl"
    osr.dump(report, source)
    target = tmp_path / "events.geojson"
    assert main(["export", str(source), "--to", "geojson", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == _geojson_text(report)
    assert json.loads(target.read_text(encoding="utf-8"))["x_osintreport_unmapped"] == 21
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    from osintreport import frames

    for kind in ("events", "claims", "sources"):
        streamed, whole = tmp_path / f"{kind}.parquet", tmp_path / f"{kind}-whole.parquet"
        assert (
            main(["export", str(source), "--to", "parquet", "--kind", kind, "-o", str(streamed)])
            == 0
        )
        frames.write_parquet(report, whole, kind)
        assert pq.read_table(streamed).to_pylist() == pq.read_table(whole).to_pylist()


@pytest.mark.parametrize("table", ["acled", "ucdp"])
def test_the_export_command_streams_csv_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], table: str
) -> None:
    data = Path(__file__).parent / "data"
    sample = data / "acled" / "current.csv" if table == "acled" else data / "ucdp" / "ged.csv"
    imported = tmp_path / "imported.jsonl"
    assert main(["import", "--from", table, str(sample), "-o", str(imported)]) == 0
    capsys.readouterr()
    for source in (imported, WORKED_EXAMPLE):  # a table's own rows, and events it must skip
        jsonl = tmp_path / "source.jsonl"
        osr.dump(osr.load(source), jsonl)
        streamed, whole = tmp_path / "streamed.csv", tmp_path / "whole.csv"
        code = main(["export", str(jsonl), "--to", table, "-o", str(streamed)])
        said = capsys.readouterr().err.replace(str(jsonl), "FILE")
        assert code == main(["export", str(source), "--to", table, "-o", str(whole)])
        assert said == capsys.readouterr().err.replace(str(source), "FILE")
        assert streamed.read_text(encoding="utf-8") == whole.read_text(encoding="utf-8")


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=40, deadline=None)
@given(ost.reports(max_items=2), st.lists(_JSON, max_size=4), st.lists(_JSON, max_size=4))
def test_write_items_writes_long_lists_in_place(
    tmp_path_factory: pytest.TempPathFactory,
    report: osr.Report,
    first: list[object],
    last: list[object],
) -> None:
    """Items and header given apart, long lists from iterables: the whole report's text."""
    whole = attrs.evolve(report, extensions={"x_first": first, **report.extensions, "x_last": last})
    items = [item for kind in COLLECTIONS for item in getattr(whole, kind)]
    empty: dict[str, Any] = dict.fromkeys(COLLECTIONS, ())
    bare = attrs.evolve(
        whole, extensions={**whole.extensions, "x_first": "?", "x_last": 0}, **empty
    )
    folder = tmp_path_factory.mktemp("w")
    for fmt in FORMATS:
        target = folder / f"out.{fmt}"
        count = write_items(
            iter(items),
            lambda: bare,
            target,
            fmt,  # type: ignore[arg-type]
            lists=lambda: {"x_first": iter(first), "x_last": iter(last)},
        )
        assert target.read_text(encoding="utf-8") == osr.dumps(whole, fmt)  # type: ignore[arg-type]
        assert count == len(items)
    with pytest.raises(ValueError, match="no extension"):
        write_items([], lambda: bare, folder / "x.json", "json", lists=lambda: {"x_none": []})
    full = osr.load(WORKED_EXAMPLE)
    with pytest.raises(ValueError, match="no items"):
        write_items([], lambda: full, folder / "x.json", "json")
