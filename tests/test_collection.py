"""A collection of report files: lazy reads, the incremental index, queries, Dask."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import osintreport as osr
from osintreport.cli import main
from osintreport.collection import Collection, Found
from osintreport.collection import queries as q
from osintreport.strategies import reports

from .conftest import EXAMPLES, WORKED_EXAMPLE

SEPTEMBER = EXAMPLES / "iran-update-2023-09-29.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The two example reports as YAML and JSON, and a JSON Lines file of two more."""
    august, september = osr.load(WORKED_EXAMPLE), osr.load(SEPTEMBER)
    osr.dump(august, tmp_path / "a.yaml")
    (tmp_path / "sub").mkdir()
    osr.dump(september, tmp_path / "sub" / "b.json")
    lines = [*osr.jsonl.report_lines(attrs.evolve(august, id="aug-copy"))]
    lines += osr.jsonl.report_lines(attrs.evolve(september, id="sep-copy"))
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a report", encoding="utf-8")
    return tmp_path


def _ids(found: list[Found]) -> list[tuple[str, str]]:
    return [(f.report, f.obj.id) for f in found]


def test_reads_lazily_every_report_file(folder: Path) -> None:
    collection = Collection(folder)
    assert [p.name for p in collection.files] == ["a.yaml", "c.jsonl", "b.json"]
    assert [r.id for r in collection] == [
        "isw-2023-08-03-syria-coordination",
        "aug-copy",
        "sep-copy",
        "iran-update-2023-09-29",
    ]
    assert collection.index == str(folder / ".osintreport" / "index.sqlite")


def test_queries(folder: Path) -> None:
    with Collection(folder) as collection:
        sdf = list(collection.events(period="2023-08-27/2023-08-31", actor="SDF"))
        assert _ids(sdf) == [
            ("sep-copy", "ev-dmc-commander-arrest"),
            ("sep-copy", "ev-tribal-clashes"),
            ("iran-update-2023-09-29", "ev-dmc-commander-arrest"),
            ("iran-update-2023-09-29", "ev-tribal-clashes"),
        ]
        assert sdf[0].file == str((folder / "c.jsonl").resolve())
        assert isinstance(sdf[0].obj, osr.Event)
        july = list(collection.events(period="2023-07", kind="deployment"))
        august = osr.load(WORKED_EXAMPLE)
        expected = [e.id for e in q.events_in(august, period="2023-07", kind="deployment")]
        assert len(expected) > 1
        assert [f.obj.id for f in july if f.report == "aug-copy"] == expected
        assert [f.obj.id for f in july if f.report == august.id] == expected
        claims = list(collection.claims_about("ev-dmc-commander-arrest"))
        assert _ids(claims) == [
            ("sep-copy", "cl-dmc-arrest-set-off-clashes"),
            ("iran-update-2023-09-29", "cl-dmc-arrest-set-off-clashes"),
        ]
        tribes = list(collection.assessments("tribe"))
        assert [f.obj.id for f in tribes] == [
            "as-tribes-may-expel-sdf",
            "as-support-serves-expulsion-campaign",
        ] * 2
        parts = list(collection.assessments("Tribe, PARTS"))
        assert [f.obj.id for f in parts] == ["as-tribes-may-expel-sdf"] * 2
        quds = collection.actor("Quds Force")
        assert {(f.report, f.obj.id) for f in quds["actors"]} == {
            ("isw-2023-08-03-syria-coordination", "irgc-qf"),
            ("aug-copy", "irgc-qf"),
        }
        assert {f.obj.id for f in quds["relations"]} == {
            r.id for r in osr.load(WORKED_EXAMPLE).relations if "irgc-qf" in (r.subject, r.object)
        }


def test_events_in_a_bounding_box(folder: Path) -> None:
    august = osr.load(WORKED_EXAMPLE)
    placed = [e for e in august.events if e.where and e.where.lat is not None]
    assert placed, "the worked example has events with coordinates"
    lon, lat = placed[0].where.lon, placed[0].where.lat  # type: ignore[union-attr]
    box = (lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01)  # type: ignore[operator]
    with Collection(folder) as collection:
        found = list(collection.events(bbox=box))
    expected = [e.id for e in q.events_in(august, bbox=box)]
    assert expected
    assert [f.obj.id for f in found if f.report == august.id] == expected


def test_the_index_is_kept_up_to_date(folder: Path) -> None:
    with Collection(folder) as collection:
        first = collection.update()
        assert (first.added, first.changed, first.removed, first.unchanged) == (3, 0, 0, 0)
        assert first.objects > 0 and not first.errors
        again = collection.update()
        assert (again.added, again.changed, again.unchanged, again.objects) == (0, 0, 3, 0)
        september = osr.load(SEPTEMBER)
        smaller = attrs.evolve(september, events=september.events[:1])
        osr.dump(smaller, folder / "sub" / "b.json")
        changed = collection.update()
        assert (changed.changed, changed.unchanged) == (1, 2)
        assert [f.report for f in collection.claims_about("ev-dmc-commander-arrest")] == [
            "sep-copy",
            "iran-update-2023-09-29",
        ]
        assert len([f for f in collection.events() if f.report == september.id]) == 1
        (folder / "a.yaml").unlink()
        (folder / "bad.yaml").write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
        gone = collection.update()
        assert (gone.added, gone.removed) == (1, 1)
        assert list(gone.errors) == [str((folder / "bad.yaml").resolve())]
        assert not [f for f in collection.events() if f.report == osr.load(WORKED_EXAMPLE).id]
    # a second process sees the same index, and reads nothing again
    with Collection(folder) as reopened:
        assert reopened.update().unchanged == 3


def test_an_index_of_another_layout_is_rebuilt(folder: Path) -> None:
    with Collection(folder) as collection:
        collection.update()
    db = sqlite3.connect(folder / ".osintreport" / "index.sqlite")
    with db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    db.close()
    with Collection(folder) as collection:
        assert collection.update().added == 3


def test_a_file_that_is_not_an_index_is_named(folder: Path) -> None:
    bad = folder / "index.sqlite"
    bad.write_text("these are not the rows you are looking for" * 100, encoding="utf-8")
    with pytest.raises(osr.LoadError, match="not a collection index") as caught:
        Collection(folder, index=bad)
    assert str(bad) in str(caught.value)
    assert main(["index", str(folder), "--index", str(bad)]) == 2


def test_frames(folder: Path) -> None:
    pytest.importorskip("pandas")
    with Collection(folder) as collection:
        table = Collection.frame(collection.events(actor="SDF"), "events")
    assert list(table.columns[:3]) == ["file", "report_id", "id"]
    assert str(table["start"].dtype).startswith("datetime64")
    assert len(table) == len(list(Collection(folder).events(actor="SDF")))


def test_cli_index(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{folder}: 3 added, 0 changed, 0 removed, 0 unchanged;")
    assert main(["index", str(folder), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["unchanged"], data["objects"]) == (3, 0)
    (folder / "bad.json").write_text("{", encoding="utf-8")
    assert main(["index", str(folder)]) == 1
    assert "bad.json: not indexed:" in capsys.readouterr().out
    assert main(["index", str(folder / "*.yaml")]) == 2
    assert "--index" in capsys.readouterr().err
    index = folder / "glob.sqlite"
    assert main(["index", str(folder / "*.yaml"), "--index", str(index)]) == 0
    assert index.exists()


# -- the index answers as the per-report functions do ------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(reports(max_items=4), min_size=1, max_size=3),
    st.sampled_from([None, "2023", "1990/2030", "../2020-06", "2023-08-27/.."]),
    st.sampled_from([None, (-180.0, -90.0, 180.0, 90.0), (0.0, 0.0, 60.0, 60.0)]),
    st.integers(0, 3),
)
def test_the_index_agrees_with_the_functions(
    tmp_path_factory: pytest.TempPathFactory,
    parts: list[osr.Report],
    period: str | None,
    bbox: tuple[float, float, float, float] | None,
    pick: int,
) -> None:
    folder = tmp_path_factory.mktemp("reports")
    for n, report in enumerate(parts):
        osr.dump(report, folder / f"{n}.{('yaml', 'json', 'jsonl')[n % 3]}")
    names = [a.name for r in parts for a in r.actors]
    actor = names[pick % len(names)] if names and pick else None
    topic = " ".join(parts[0].assessments[0].text.split()[:1]) if parts[0].assessments else "x"
    with Collection(folder, index=":memory:") as collection:
        found = _ids(list(collection.events(period=period, bbox=bbox, actor=actor)))
        expected = [
            (r.id, e.id)
            for r in parts
            for e in q.events_in(r, period=period, bbox=bbox, actor=actor)
        ]
        assert found == expected
        assert _ids(list(collection.assessments(topic))) == [
            (r.id, a.id) for r in parts for a in q.assessments_on(r, topic)
        ]
        target = parts[0].events[0].id if parts[0].events else "none"
        assert _ids(list(collection.claims_about(target))) == [
            (r.id, c.id) for r in parts for c in q.claims_about(r, target)
        ]


def test_dask_example_on_a_local_cluster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("dask.bag")
    pytest.importorskip("distributed")
    monkeypatch.syspath_prepend(str(EXAMPLES))
    import collection_dask

    collection_dask.make_folder(tmp_path, copies=3)
    count, agree = collection_dask.run(tmp_path, workers=2)
    assert agree
    assert count == 3 * (2 + 1 + 2)  # per September copy: two events, one claim, two assessments
    assert os.path.exists(tmp_path / ".osintreport" / "index.sqlite")
