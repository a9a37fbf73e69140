"""ACLED and UCDP GED read in two passes give the file read whole (the import command)."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import osintreport as osr
from osintreport.acled import COLUMNS, read_acled, stream_acled
from osintreport.cli import main
from osintreport.jsonl_convert import write_stream
from osintreport.ucdp import read_ucdp, stream_ucdp

DATA = Path(__file__).parent / "data"
TABLES = [("acled", p) for p in sorted((DATA / "acled").glob("*.csv"))] + [
    ("ucdp", DATA / "ucdp" / "ged.csv")
]
READERS: dict[str, tuple[Any, Any]] = {
    "acled": (read_acled, stream_acled),
    "ucdp": (read_ucdp, stream_ucdp),
}


def _streamed_text(kind: str, path: Path, fmt: str, folder: Path) -> tuple[str, osr.Report]:
    read, stream = READERS[kind]
    whole = read(path)
    streamed = stream(path)
    assert streamed.problems == whole.problems
    target = folder / f"out.{fmt}"
    count = write_stream(streamed.records(), target, fmt)  # type: ignore[arg-type]
    report = whole.report
    assert count == len(report.events) + len(report.actors) + len(report.sources)
    return target.read_text(encoding="utf-8"), report


@pytest.mark.parametrize(("kind", "path"), TABLES, ids=[p.name for _, p in TABLES])
@pytest.mark.parametrize("fmt", ["yaml", "json", "jsonl"])
def test_streamed_tables_write_what_the_whole_report_writes(
    kind: str, path: Path, fmt: str, tmp_path: Path
) -> None:
    text, report = _streamed_text(kind, path, fmt, tmp_path)
    assert text == osr.dumps(report, fmt)  # type: ignore[arg-type]


_NAMES = st.sampled_from(["Military Forces of Syria", "SDF", "Civilians (Syria)", "Tribe X"])


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(_NAMES, st.sampled_from(["", "1", "2", "7", "State forces"]), _NAMES),
        min_size=1,
        max_size=6,
    )
)
def test_an_actor_whose_kind_is_learned_later_is_the_same_both_ways(
    rows: list[tuple[str, str, str]],
) -> None:
    # An actor first named without a type (assoc_actor_1) and typed by a later row: the
    # first pass learns the type, so every event's kept cells are the whole read's.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for index, (actor, inter, associated) in enumerate(rows):
                cells = dict.fromkeys(COLUMNS, "")
                cells.update(
                    event_id_cnty=f"SYR{index}",
                    event_date="2023-07-01",
                    time_precision="1",
                    actor1=actor,
                    inter1=inter,
                    assoc_actor_1=associated,
                )
                writer.writerow([cells[c] for c in COLUMNS])
        text, report = _streamed_text("acled", path, "yaml", Path(folder))
        assert text == osr.dumps(report, "yaml")


def test_the_import_command_streams_and_reports_rows_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "event_id_cnty,event_date,time_precision\nA1,2023-07-01,1\nA2,someday,1\nA1,2023-07-02,1\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.json"
    assert main(["import", "--from", "acled", str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:3: row left out: event_date 'someday'" in err
    assert f"{bad}:4: row left out: event_id_cnty 'A1' repeats an earlier row" in err
    assert f"{out}: 1 events, 0 actors, 0 sources from {bad}" in err
    assert out.read_text(encoding="utf-8") == osr.dumps(read_acled(bad).report, "json")
    missing = tmp_path / "missing.csv"
    assert main(["import", "--from", "ucdp", str(missing), "-o", str(out)]) == 2
    assert "cannot read file" in capsys.readouterr().err
