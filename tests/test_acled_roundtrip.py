"""ACLED cell for cell: read a file, write it back, and every cell is the same."""

from __future__ import annotations

import csv
import io
import string
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import osintreport as osr
from osintreport.acled import COLUMNS, read_acled, write_acled
from osintreport.cli import main

DATA = Path(__file__).parent / "data" / "acled"
FILES = sorted(DATA.glob("*.csv"))


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _file_cells(path: Path) -> list[list[str]]:
    return _cells(path.read_text(encoding="utf-8-sig"))


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_cell_comes_back(path: Path) -> None:
    result = read_acled(path)
    assert result.problems == ()
    text, skipped = write_acled(result.report)
    assert skipped == ()
    assert _cells(text) == _file_cells(path)


@pytest.mark.parametrize("fmt", ["yaml", "json", "jsonl"])
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_cell_survives_our_formats(path: Path, fmt: str) -> None:
    report = read_acled(path).report
    again = osr.loads(osr.dumps(report, fmt), fmt)  # type: ignore[arg-type, call-overload]
    assert _cells(write_acled(again)[0]) == _file_cells(path)


def test_the_model_reads_what_the_cells_say() -> None:
    report = read_acled(DATA / "current.csv").report
    events = {e.id: e for e in report.events}
    names = {a.id: a for a in report.actors}
    riot = events["ARG12346"]
    sides = [(names[p.actor].name, p.role) for p in riot.participants]
    # Associated actors stay on their own side.
    assert sides == [
        ("Rioters (Argentina)", osr.Role.INITIATOR),
        ("Civilians (Argentina)", osr.Role.TARGET),
        ("Labour Group (Argentina)", osr.Role.TARGET),
        ("Civilians (Argentina)", osr.Role.TARGET),
    ]
    assert str(events["ARG12345"].when) == "2023-07"  # month precision
    assert str(events["SYR98765"].when) == "2023-07-11~/2023-07-17~"  # week precision
    assert events["IRQ5551"].fatalities == osr.Estimate(best=4)
    assert names[events["UKR777"].participants[0].actor].name == "Военные силы России"
    named = read_acled(DATA / "named-2024.csv").report
    kinds = {a.name: a.kind for a in named.actors}
    assert kinds["Military Forces of Sudan (2019-)"] is osr.ActorKind.ARMED_FORCE
    assert kinds["Rapid Support Forces"] is osr.ActorKind.REBEL_GROUP
    old = read_acled(DATA / "old-2019.csv").report
    assert str(old.events[0].when) == "2019-07-14"
    assert old.extensions["x_acled_columns"][0] == "data_id"


def test_an_edit_wins_over_the_kept_cells() -> None:
    report = read_acled(DATA / "current.csv").report
    month = report.events[0]  # ARG12345: 2023-07-01 at month precision
    moved = attrs.evolve(month, when=osr.When.parse("2023-08-02"))
    protesters = next(a for a in report.actors if a.name == "Protesters (Argentina)")
    renamed = attrs.evolve(protesters, kind=osr.ActorKind.MILITIA)
    edited = attrs.evolve(
        report,
        events=(moved, *report.events[1:]),
        actors=tuple(renamed if a is protesters else a for a in report.actors),
    )
    rows = _cells(write_acled(edited)[0])
    column = {c: n for n, c in enumerate(rows[0])}
    row = rows[1]
    assert (row[column["event_date"]], row[column["time_precision"]]) == ("2023-08-02", "1")
    assert row[column["inter1"]] == "3"  # the new kind, not the 6 read
    assert row[column["interaction"]] == "30"
    # Cells the edit did not touch are still as read.
    assert row[column["notes"]].startswith("On 1 July 2023, workers protested")
    assert row[column["timestamp"]] == "1689018932"
    assert rows[2:] == _file_cells(DATA / "current.csv")[2:]


def test_new_events_are_written_from_the_model() -> None:
    report = osr.Report(
        id="r",
        title="t",
        actors=(
            osr.Actor(id="saa", name="Syrian Arab Army", kind=osr.ActorKind.ARMED_FORCE),
            osr.Actor(id="ndf", name="National Defence Forces", kind=osr.ActorKind.MILITIA),
            osr.Actor(id="is", name="Islamic State", kind=osr.ActorKind.TERRORIST_GROUP),
            osr.Actor(id="civ", name="Civilians (Syria)", kind=osr.ActorKind.CIVILIANS),
        ),
        events=(
            osr.Event(
                id="e1",
                kind=osr.EventKind.DEPLOYMENT,
                summary="Reinforcements, with a comma",
                when=osr.When.parse("2023-07"),
                participants=(
                    osr.Participant(actor="saa", role=osr.Role.INITIATOR),
                    osr.Participant(actor="ndf", role=osr.Role.SUPPORTER),
                    osr.Participant(actor="is", role=osr.Role.TARGET),
                    osr.Participant(actor="civ", role=osr.Role.VICTIM),
                ),
            ),
        ),
    )
    rows = _cells(write_acled(report)[0])
    assert tuple(rows[0]) == COLUMNS
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["event_date"], row["time_precision"]) == ("2023-07-15", "3")
    assert (row["actor1"], row["assoc_actor_1"], row["inter1"]) == (
        "Syrian Arab Army",
        "National Defence Forces",
        "1",
    )
    assert (row["actor2"], row["assoc_actor_2"], row["inter2"]) == (
        "Islamic State",
        "Civilians (Syria)",
        "2",
    )
    assert row["interaction"] == "12"
    assert row["tags"] == "osintreport:kind=deployment"  # strategic developments + the kind
    back = read_acled(io.StringIO(write_acled(report)[0])).report
    assert back.events[0].kind is osr.EventKind.DEPLOYMENT
    assert str(back.events[0].when) == "2023-07"


# --- generated rows ----------------------------------------------------------------------------

_TEXT = st.text(
    alphabet=st.sampled_from(string.ascii_letters + " ,.'\"()-;éçبيروتБахмут\u00a0"),
    max_size=30,
)
_NAME = st.one_of(st.just(""), _TEXT)


@st.composite
def _rows(draw: st.DrawFn) -> list[str]:
    year = draw(st.integers(1997, 2026))
    month, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
    date = draw(
        st.sampled_from(
            [
                f"{year}-{month:02d}-{day:02d}",
                f"{day:02d} {osr.When.parse(f'{year}-{month:02d}').earliest():%B} {year}",
            ]
        )
    )
    inter = st.sampled_from(["", "0", "1", "2", "3", "4", "5", "6", "7", "8", "State forces"])
    number = st.floats(-89.9, 89.9, allow_nan=False).map(lambda x: f"{x:.{len(str(x)) % 5}f}")
    cells = {
        "event_id_cnty": draw(st.from_regex(r"[A-Z]{3}[0-9]{1,6}", fullmatch=True)),
        "event_date": date,
        "year": draw(st.sampled_from([str(year), ""])),
        "time_precision": draw(st.sampled_from(["1", "2", "3", ""])),
        "disorder_type": draw(st.sampled_from(["Political violence", "Demonstrations", ""])),
        "event_type": draw(
            st.sampled_from(["Battles", "Protests", "Riots", "Strategic developments", "x"])
        ),
        "actor1": draw(_NAME),
        "assoc_actor_1": draw(_NAME),
        "inter1": draw(inter),
        "actor2": draw(_NAME),
        "assoc_actor_2": draw(_NAME),
        "inter2": draw(inter),
        "interaction": draw(st.sampled_from(["", "10", "12", "60", "State forces-Rebel group"])),
        "country": draw(st.sampled_from(["Syria", "SY", "", "Côte d'Ivoire"])),
        "location": draw(_TEXT),
        **dict(
            zip(
                ("latitude", "longitude"),
                draw(st.one_of(st.just(("", "")), st.tuples(number, number))),
                strict=True,
            )
        ),
        "geo_precision": draw(st.sampled_from(["1", "2", "3", ""])),
        "source": draw(_NAME),
        "notes": draw(st.one_of(_TEXT, st.just("line one\r\nline two"))),
        "fatalities": draw(st.sampled_from(["", "0", "3", "1200"])),
        "tags": draw(st.sampled_from(["", "crowd size=no report", "osintreport:kind=deployment"])),
        "timestamp": draw(st.sampled_from(["", "1689018932"])),
    }
    return [cells.get(c, draw(st.sampled_from(["", "x"]))) for c in COLUMNS]


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(_rows(), min_size=1, max_size=8, unique_by=lambda r: r[0]))
def test_generated_rows_come_back_cell_for_cell(rows: list[list[str]]) -> None:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows([list(COLUMNS), *rows])
    result = read_acled(io.StringIO(out.getvalue(), newline=""))
    assert result.problems == ()
    assert _cells(write_acled(result.report)[0]) == [list(COLUMNS), *rows]


# --- the command line --------------------------------------------------------------------------


def test_import_then_export_gives_the_file_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = DATA / "current.csv"
    report = tmp_path / "acled.yaml"
    assert main(["import", "--from", "acled", str(source), "-o", str(report)]) == 0
    assert "7 events" in capsys.readouterr().err
    back = tmp_path / "back.csv"
    assert main(["export", str(report), "--to", "acled", "-o", str(back)]) == 0
    assert _file_cells(back) == _file_cells(source)


def test_export_exits_1_when_events_are_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from .conftest import WORKED_EXAMPLE

    out = tmp_path / "isw.csv"
    assert main(["export", str(WORKED_EXAMPLE), "--to", "acled", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "13 of 28 events not written" in err
    assert err.count("not written: its dates span more than a month") == 13
    assert len(_file_cells(out)) == 16  # the header and the 15 that fit
    args = ["export", str(WORKED_EXAMPLE), "--to", "acled", "-o", str(out), "--skip-unwritable"]
    assert main(args) == 0


def test_import_lists_rows_that_do_not_fit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "event_id_cnty,event_date,time_precision\nA1,2023-07-01,1\nA2,someday,1\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.yaml"
    assert main(["import", "--from", "acled", str(bad), "-o", str(out)]) == 1
    assert f"{bad}:3: row left out: event_date 'someday'" in capsys.readouterr().err
    assert [e.id for e in osr.load(out).events] == ["A1"]
    assert main(["import", "--from", "acled", str(bad), "-o", str(out), "--skip-unfit"]) == 0


def test_import_stix(tmp_path: Path) -> None:
    from .conftest import WORKED_EXAMPLE

    bundle = tmp_path / "b.json"
    assert main(["export", str(WORKED_EXAMPLE), "--to", "stix", "-o", str(bundle)]) == 0
    out = tmp_path / "r.json"
    assert main(["import", "--from", "stix", str(bundle), "-o", str(out), "--id", "isw"]) == 0
    report = osr.load(out)
    assert report.id == "isw"
    assert len(report.events) == len(osr.load(WORKED_EXAMPLE).events)
