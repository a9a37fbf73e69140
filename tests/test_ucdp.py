"""UCDP GED cell for cell: read a file, write it back, and every cell is the same."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import osintreport as osr
from osintreport.cli import main
from osintreport.ucdp import COLUMNS, read_ucdp, write_ucdp

GED = Path(__file__).parent / "data" / "ucdp" / "ged.csv"


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_ged_has_49_columns() -> None:
    assert len(COLUMNS) == 49
    assert _cells(GED.read_text(encoding="utf-8"))[0] == list(COLUMNS)


@pytest.mark.parametrize("fmt", [None, "yaml", "json", "jsonl"])
def test_every_cell_comes_back(fmt: str | None) -> None:
    result = read_ucdp(GED)
    assert result.problems == ()
    report = result.report
    if fmt is not None:
        report = osr.loads(osr.dumps(report, fmt), fmt)  # type: ignore[arg-type, call-overload]
    text, skipped = write_ucdp(report)
    assert skipped == ()
    assert _cells(text) == _cells(GED.read_text(encoding="utf-8"))


def test_the_model_reads_what_the_cells_say() -> None:
    report = read_ucdp(GED).report
    events = {e.id: e for e in report.events}
    names = {a.id: a for a in report.actors}
    mosul = events["244657"]
    assert str(mosul.when) == "2017-01-01"
    assert mosul.kind is osr.EventKind.BATTLE
    assert mosul.casualties is not None
    assert mosul.casualties.killed == osr.Estimate(low=27, best=27, high=31)
    assert [(names[s.actor].name, s.killed) for s in mosul.casualties.sides] == [
        ("Government of Iraq", osr.Estimate(best=2)),
        ("IS", osr.Estimate(best=25)),
    ]
    assert names[mosul.participants[0].actor].kind is osr.ActorKind.STATE
    assert mosul.where is not None and mosul.where.precision is osr.PlacePrecision.EXACT
    shelling = events["244658"]
    assert shelling.kind is osr.EventKind.VIOLENCE_AGAINST_CIVILIANS
    assert str(shelling.when) == "2017-01-03/2017-01-05"
    assert shelling.casualties is not None and shelling.casualties.civilians is not None
    assert shelling.casualties.civilians.killed == osr.Estimate(best=4)
    benue = events["244659"]
    assert str(benue.when) == "2017-03-01/2017-03-31"
    assert benue.where is not None and benue.where.precision is osr.PlacePrecision.DISTRICT
    assert not [f for f in osr.validate(report) if f.severity is osr.Severity.ERROR]


def test_an_edit_wins_over_the_kept_cells() -> None:
    report = read_ucdp(GED).report
    mosul = report.events[0]
    assert mosul.casualties is not None
    moved = attrs.evolve(
        mosul,
        when=osr.When.parse("2017-01-02/2017-01-04"),
        casualties=attrs.evolve(mosul.casualties, killed=osr.Estimate(low=30, best=30, high=40)),
    )
    rows = _cells(write_ucdp(attrs.evolve(report, events=(moved, *report.events[1:])))[0])
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["date_start"], row["date_end"], row["date_prec"]) == (
        "2017-01-02",
        "2017-01-04",
        "2",
    )
    assert (row["low"], row["best"], row["high"]) == ("30", "30", "40")
    assert row["relid"] == "IRQ-2017-1-524-322"  # untouched cells stay as read
    assert row["geom_wkt"] == "POINT (43.118889 36.335)"


_NAME = st.text(alphabet="abcdefghij ,-'\"éБ()", max_size=20)


@st.composite
def _rows(draw: st.DrawFn) -> list[str]:
    start = draw(st.dates(min_value=dt.date(1989, 1, 1), max_value=dt.date(2030, 12, 31)))
    days = draw(st.sampled_from([0, 0, 2, 6, 30, 200]))
    end = start.fromordinal(start.toordinal() + days)
    with_time = draw(st.booleans())
    low = draw(st.integers(0, 50))
    best = low + draw(st.integers(0, 50))
    deaths = {"low": str(low), "best": str(best), "high": str(best + draw(st.integers(0, 9)))}
    cells = {
        "id": str(draw(st.integers(1, 10**7))),
        "year": str(start.year),
        "type_of_violence": draw(st.sampled_from(["1", "2", "3"])),
        "side_a": draw(_NAME),
        "side_b": draw(_NAME),
        "source_article": draw(_NAME),
        "where_prec": draw(st.sampled_from(["1", "2", "3", "4", "5", "6", "7", ""])),
        "where_coordinates": draw(_NAME),
        "latitude": f"{draw(st.floats(-89, 89)):.{draw(st.integers(0, 6))}f}",
        "longitude": f"{draw(st.floats(-179, 179)):.{draw(st.integers(0, 6))}f}",
        "date_prec": draw(st.sampled_from(["1", "2", "3", "4", "5"])),
        "date_start": str(start) + (" 00:00:00.000" if with_time else ""),
        "date_end": str(end) + (" 00:00:00.000" if with_time else ""),
        "deaths_a": draw(st.sampled_from(["", "0", "3"])),
        "deaths_b": draw(st.sampled_from(["", "0", "7"])),
        "deaths_civilians": draw(st.sampled_from(["", "0", "1"])),
        "deaths_unknown": draw(st.sampled_from(["", "0", "2"])),
        **deaths,
    }
    return [cells.get(c, draw(st.sampled_from(["", "x", "1,2"]))) for c in COLUMNS]


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(_rows(), min_size=1, max_size=6, unique_by=lambda r: r[0]))
def test_generated_rows_come_back_cell_for_cell(rows: list[list[str]]) -> None:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows([list(COLUMNS), *rows])
    result = read_ucdp(io.StringIO(out.getvalue(), newline=""))
    assert result.problems == ()
    assert _cells(write_ucdp(result.report)[0]) == [list(COLUMNS), *rows]


def test_rows_that_do_not_fit_are_listed() -> None:
    text = "id,date_start,date_end,best\n1,2017-01-01,2017-01-01,3\n2,soon,,1\n3,2017-02-02,2017-01-01,1\n1,2017-01-01,,1\n4,2017-01-01,,many\n"
    result = read_ucdp(io.StringIO(text, newline=""))
    assert [e.id for e in result.report.events] == ["1"]
    assert [p.line for p in result.problems] == [3, 4, 5, 6]
    assert "date_start 'soon'" in result.problems[0].message
    assert "before" in result.problems[1].message
    assert "repeats" in result.problems[2].message
    assert "'many'" in result.problems[3].message


def test_import_and_export_ucdp(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ged.yaml"
    assert main(["import", "--from", "ucdp", str(GED), "-o", str(out)]) == 0
    assert "4 events" in capsys.readouterr().err
    back = tmp_path / "back.csv"
    assert main(["export", str(out), "--to", "ucdp", "-o", str(back)]) == 0
    assert _cells(back.read_text(encoding="utf-8")) == _cells(GED.read_text(encoding="utf-8"))
