"""ACLED CSV, GeoJSON, DataFrames/Parquet and the JSON Schema."""

from __future__ import annotations

import builtins
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import osintreport as osr
from osintreport import frames
from osintreport import strategies as ost
from osintreport.acled import COLUMNS, read_acled, write_acled
from osintreport.cli import main
from osintreport.geojson import to_geojson
from osintreport.schema import json_schema

from .conftest import WORKED_EXAMPLE
from .test_fuzz import mutated_documents

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def example() -> osr.Report:
    return osr.load(WORKED_EXAMPLE)


# --- ACLED -------------------------------------------------------------------------------------


def test_acled_columns_in_order(example: osr.Report) -> None:
    text, skipped = write_acled(example)
    header = text.splitlines()[0].split(",")
    assert tuple(header) == COLUMNS
    assert len(COLUMNS) == 31
    assert len(text.splitlines()) - 1 + len(skipped) == len(example.events)
    assert all("span more than a month" in reason for _, reason in skipped)


def test_acled_precision_mapping() -> None:
    report = osr.Report(
        id="r",
        title="t",
        events=(
            osr.Event(id="day", summary="s", when=osr.When.parse("2023-07-14")),
            osr.Event(id="week", summary="s", when=osr.When.parse("2023-07-16/2023-07-18")),
            osr.Event(id="month", summary="s", when=osr.When.parse("2023-07")),
            osr.Event(id="year", summary="s", when=osr.When.parse("2023")),
            osr.Event(
                id="exact",
                summary="s",
                when=osr.When.parse("2023-07-14"),
                where=osr.Place(
                    name="Albu Kamal",
                    lat=34.45,
                    lon=40.92,
                    precision=osr.PlacePrecision.NEAR,
                    country="SY",
                ),
            ),
        ),
    )
    text, skipped = write_acled(report)
    rows = {r.split(",")[0]: r.split(",") for r in text.splitlines()[1:]}
    col = {c: i for i, c in enumerate(COLUMNS)}
    assert (rows["day"][col["event_date"]], rows["day"][col["time_precision"]]) == (
        "2023-07-14",
        "1",
    )
    assert (rows["week"][col["event_date"]], rows["week"][col["time_precision"]]) == (
        "2023-07-17",
        "2",
    )
    assert (rows["month"][col["event_date"]], rows["month"][col["time_precision"]]) == (
        "2023-07-15",
        "3",
    )
    assert rows["exact"][col["geo_precision"]] == "2"
    assert rows["exact"][col["latitude"]] == "34.45"
    assert [s[0] for s in skipped] == ["year"]
    back = read_acled(text.splitlines(keepends=True)).report
    whens = {e.id: str(e.when) for e in back.events}
    assert whens == {
        "day": "2023-07-14",
        "week": "2023-07-14~/2023-07-20~",
        "month": "2023-07",
        "exact": "2023-07-14",
    }
    exact = next(e for e in back.events if e.id == "exact").where
    assert exact is not None
    assert exact.precision is osr.PlacePrecision.NEAR


def test_acled_write_read_write_is_a_fixed_point(example: osr.Report, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    text, _ = write_acled(example, path)
    result = read_acled(path)
    assert result.problems == ()
    assert write_acled(result.report)[0] == text
    names = [a.name for a in result.report.actors]
    assert len(names) == len(set(names))  # one actor per distinct name
    assert not [f for f in osr.validate(result.report) if f.severity is osr.Severity.ERROR]


def test_acled_rows_that_do_not_fit_are_reported() -> None:
    text = (
        "event_id_cnty,event_date,time_precision,actor1,inter1,latitude,longitude,notes,fatalities\n"
        "SYR1,14 July 2023,1,Syrian Arab Army,1,34.4,40.9,A clash,3\n"
        "SYR2,someday,1,,,,,x,\n"
        "SYR3,2023-07-14,9,,,,,x,\n"
        "SYR4,2023-07-14,1,,,95,40,x,\n"
        "SYR1,2023-07-15,1,,,,,dup,\n"
        "SYR5,2023-07-15,1,,,,,x,2,extra\n"
        "SYR6,2023-07-16,1,,,,,,many\n"
    )
    result = read_acled(text.splitlines(keepends=True))
    assert [e.id for e in result.report.events] == ["SYR1"]
    assert result.report.events[0].fatalities == osr.Estimate(best=3)
    assert result.report.actors[0].kind is osr.ActorKind.ARMED_FORCE
    assert [p.line for p in result.problems] == [3, 4, 5, 6, 7, 8]
    assert "someday" in result.problems[0].message
    assert "time_precision '9'" in result.problems[1].message
    assert "lat" in result.problems[2].message
    assert "repeats" in result.problems[3].message
    missing = read_acled(["id,date\n", "1,2\n"])
    assert missing.problems[0].line == 1
    assert "event_id_cnty" in missing.problems[0].message


# --- GeoJSON -----------------------------------------------------------------------------------


def test_geojson_longitude_first(example: osr.Report) -> None:
    collection = to_geojson(example)
    assert collection["type"] == "FeatureCollection"
    mapped = [e for e in example.events if e.where and e.where.lat is not None]
    assert len(collection["features"]) == len(mapped)
    assert collection["x_osintreport_unmapped"] == len(example.events) - len(mapped)
    moscow = next(
        f for f in collection["features"] if f["properties"]["id"] == "ev-assad-moscow-visit"
    )
    assert moscow["geometry"] == {"type": "Point", "coordinates": [37.6173, 55.7558]}
    assert moscow["properties"]["start"] == "2023-03-01"
    assert moscow["properties"]["end"] == "2023-03-31"
    assert moscow["properties"]["actors"] == ["Bashar al-Assad", "Russia"]
    json.dumps(collection)  # plain JSON


# --- DataFrames and Parquet ----------------------------------------------------------------------


def test_frames_one_row_per_item(example: osr.Report) -> None:
    pytest.importorskip("pandas")
    for kind in frames.KINDS:
        frame = frames.to_frame([example, example], kind)
        assert len(frame) == 2 * len(getattr(example, kind))
        assert (frame["report_id"] == example.id).all()
    events = frames.to_frame(example, "events")
    row = events.set_index("id").loc["ev-russian-arms-transfer"]
    assert str(row["start"].date()) == "2023-06-19"
    assert list(row["actors"]) == ["russian-armed-forces", "iranian-backed-militias"]


def test_frames_have_typed_dates_and_nullable_counts(example: osr.Report) -> None:
    pd = pytest.importorskip("pandas")
    events = frames.to_frame(example, "events")
    assert str(events["start"].dtype).startswith("datetime64")
    assert str(events["fatalities_best"].dtype) == "Int64"
    assert str(events["citations"].dtype) == "Int64"
    assert str(events["created"].dtype).startswith("datetime64") or events["created"].isna().all()
    # What the issue asked for: .dt works, and dates compare with pd.Timestamp.
    after = events[events["start"] >= pd.Timestamp("2023-06-01")]
    assert set(after["start"].dt.year) == {2023}
    assert len(after) == sum(
        1
        for e in example.events
        if e.when and e.when.earliest() and str(e.when.earliest()) >= "2023-06-01"
    )
    missing = events.loc[events["fatalities_best"].isna(), "fatalities_best"]
    assert all(value is pd.NA for value in missing)


def test_parquet_round_trip_and_chunked_jsonl(example: osr.Report, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    path = tmp_path / "claims.parquet"
    assert frames.write_parquet(example, path, "claims") == len(example.claims)
    frame = frames.read_parquet(path)
    assert list(frame["id"]) == [c.id for c in example.claims]
    jsonl = tmp_path / "many.jsonl"
    osr.write_records(
        jsonl, [osr.Report(id=f"r{i}", title="t", events=example.events) for i in range(5)]
    )
    target = tmp_path / "events.parquet"
    assert frames.jsonl_to_parquet(jsonl, target, "events", chunk_size=7) == 5 * len(example.events)
    table = frames.read_parquet(target)
    assert sorted(set(table["report_id"])) == [f"r{i}" for i in range(5)]
    empty = tmp_path / "empty.jsonl"
    osr.write_records(empty, [osr.Report(id="r", title="t")])
    assert frames.jsonl_to_parquet(empty, tmp_path / "none.parquet") == 0


def test_missing_extra_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, example: osr.Report
) -> None:
    real_import = builtins.__import__

    def no_pandas(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in ("pandas", "pyarrow"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "pandas", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(osr.MissingExtraError, match=r"pip install 'osintreport\[frames\]'"):
        frames.to_frame(example, "events")
    with pytest.raises(ImportError):
        frames.to_arrow(example, "events")


# --- JSON Schema -------------------------------------------------------------------------------


def _validator() -> Any:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_accepts_the_examples(example: osr.Report) -> None:
    validator = _validator()
    assert list(validator.iter_errors(osr.unstructure(example))) == []
    draft = Path(__file__).parent.parent / "examples"
    for path in draft.glob("*.yaml"):
        assert list(validator.iter_errors(osr.unstructure(osr.load(path)))) == []


@settings(deadline=None)
@given(ost.reports())
def test_schema_accepts_every_valid_report(report: osr.Report) -> None:
    assert list(_VALIDATOR.iter_errors(json.loads(osr.dumps(report, "json")))) == []


_VALIDATOR = _validator()

# What JSON Schema cannot express; the loader alone checks these (docs/interop.md).
_SCHEMA_GAPS = (
    "a day from",
    "low <=",
    "best <=",
    "both lat and lon",
    "a season without",
    "no month after",
    "an interval end without",
    "at least one dated end",
    "a year from 1",
    "unspecified",
)


@settings(deadline=None)
@given(mutated_documents())
def test_schema_rejects_what_the_loader_rejects(data: Any) -> None:
    try:
        osr.structure(data)
    except osr.LoadError as error:
        if any(gap in p.message for p in error.problems for gap in _SCHEMA_GAPS):
            return
        assert list(_VALIDATOR.iter_errors(data)), [str(p) for p in error.problems]


@pytest.mark.parametrize(
    "doc",
    [
        {"id": "r"},
        {"id": "r", "title": "t", "wehn": 1},
        {"id": "bad id", "title": "t"},
        {"id": "r", "title": 5},
        {"id": "r", "title": "t", "events": [{"id": "e", "summary": "s", "when": "July 2023"}]},
        {"id": "r", "title": "t", "events": [{"id": "e", "summary": "s", "kind": "war"}]},
        {
            "id": "r",
            "title": "t",
            "events": [{"id": "e", "summary": "s", "where": {"lat": 91, "lon": 0}}],
        },
        {"id": "r", "title": "t", "sources": [{"id": "s", "accessed": "2023-08-03T10:00:00"}]},
        {"id": "r", "title": "t", "schema_version": 99},
    ],
)
def test_schema_rejects_known_bad_documents(doc: dict[str, Any]) -> None:
    with pytest.raises(osr.LoadError):
        osr.structure(doc)
    assert list(_VALIDATOR.iter_errors(doc))


# --- command line -------------------------------------------------------------------------------


def test_cli_schema_and_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema()
    for fmt, name, status in (
        ("stix", "b.json", 0),
        ("geojson", "g.json", 0),
        ("acled", "a.csv", 1),
    ):
        out = str(tmp_path / name)
        assert main(["export", str(WORKED_EXAMPLE), "--to", fmt, "-o", out]) == status
    assert json.loads((tmp_path / "b.json").read_text())["type"] == "bundle"
    assert json.loads((tmp_path / "g.json").read_text())["type"] == "FeatureCollection"
    assert (tmp_path / "a.csv").read_text().startswith("event_id_cnty,event_date")
    assert "not written" in capsys.readouterr().err
    assert main(["export", str(WORKED_EXAMPLE), "--to", "parquet"]) == 2
    assert (
        main(
            [
                "export",
                str(WORKED_EXAMPLE),
                "--to",
                "parquet",
                "--kind",
                "actors",
                "-o",
                str(tmp_path / "a.parquet"),
            ]
        )
        == 0
    )
