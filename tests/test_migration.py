"""Version 1 files load unchanged through the one migration step; version 2 is written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import given

import osintreport as osr
from osintreport import strategies as ost
from osintreport._yaml import emit
from osintreport.migration import migrate_event, migrate_report

V1 = Path(__file__).parent / "data" / "v1"
V1_FILES = sorted(V1.iterdir())


def test_the_repository_keeps_version_1_files() -> None:
    names = {p.name for p in V1_FILES}
    assert {"isw-2023-08-03-syria-coordination.yaml", "fatalities.yaml"} <= names
    assert any(p.suffix == ".jsonl" for p in V1_FILES)


@pytest.mark.parametrize("path", V1_FILES, ids=[p.name for p in V1_FILES])
def test_every_version_1_file_loads_and_is_written_as_version_2(path: Path) -> None:
    report = osr.load(path)
    assert report.schema_version == 2
    again = osr.loads(osr.dumps(report, "yaml"), "yaml")
    assert again == report
    assert osr.dumps(report, "json").startswith('{\n  "schema_version": 2,')
    assert osr.validate(report, select=["OSR1"]) == []


def _plain(path: Path) -> Any:
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    return yaml.safe_load(path.read_text("utf-8"))


def test_fatalities_move_to_casualties_killed_key_for_key() -> None:
    report = osr.load(V1 / "fatalities.yaml")
    first, second = report.events
    assert first.casualties == osr.Casualties(
        killed=osr.Estimate(
            low=3, best=4, high=9, extensions={"x_note": "two figures from local outlets"}
        )
    )
    assert first.fatalities == first.casualties.killed  # the v1 field, still readable
    assert first.extensions == {"x_checked": True}
    assert second.casualties is None and second.fatalities is None
    # Key for key: the v2 document is the v1 document with only the documented change.
    expected = _plain(V1 / "fatalities.yaml")
    expected["schema_version"] = 2
    for event in expected["events"]:
        if "fatalities" in event:
            event["casualties"] = {"killed": event.pop("fatalities")}
    written = osr.unstructure(report)
    for event in written["events"]:
        event.pop("kind", None)
    for event in expected["events"]:
        event.pop("kind", None)
    assert json.dumps(written, sort_keys=True, default=str) == json.dumps(
        expected, sort_keys=True, default=str
    )


def test_json_lines_records_follow_their_headers_version() -> None:
    from_yaml = osr.load(V1 / "fatalities.yaml")
    from_jsonl = osr.load(V1 / "fatalities.jsonl")
    assert from_jsonl == from_yaml
    records = list(osr.iter_records(V1 / "fatalities.jsonl"))
    assert isinstance(records[3], osr.Event) and records[3].fatalities == osr.Estimate(
        low=3, best=4, high=9, extensions={"x_note": "two figures from local outlets"}
    )


def test_a_version_2_document_with_the_old_key_is_refused() -> None:
    text = "schema_version: 2\nid: r\ntitle: t\nevents:\n- {id: e, summary: s, fatalities: {best: 1}}\n"
    with pytest.raises(osr.LoadError, match="unknown key 'fatalities'"):
        osr.loads(text, "yaml")
    # Without a version (a hand-written file), a v1-only key can mean nothing else.
    report = osr.loads(text.replace("schema_version: 2\n", ""), "yaml")
    assert report.events[0].casualties == osr.Casualties(killed=osr.Estimate(best=1))


def test_newer_versions_are_refused() -> None:
    with pytest.raises(osr.SchemaVersionError, match="schema_version 3 is newer"):
        osr.loads("schema_version: 3\nid: r\ntitle: t\n", "yaml")
    line = '{"type":"report","schema_version":3,"id":"r","title":"t"}\n'
    with pytest.raises(osr.SchemaVersionError, match="schema_version 3 is newer"):
        osr.loads(line, "jsonl")
    with pytest.raises(osr.SchemaVersionError, match="schema_version 3 is newer"):
        list(osr.iter_records([line]))


def test_migration_does_not_change_its_argument() -> None:
    data = {"schema_version": 1, "id": "r", "title": "t", "events": [{"fatalities": {"best": 1}}]}
    before = json.dumps(data)
    migrated = migrate_report(data)
    assert json.dumps(data) == before
    assert migrated["events"][0] == {"casualties": {"killed": {"best": 1}}}
    event = {"id": "e", "summary": "s"}
    assert migrate_event(event) is event


def _as_version_1(report: osr.Report) -> dict[str, Any]:
    """The report as release 0.1 would have written it (killed totals as fatalities)."""
    data: dict[str, Any] = osr.unstructure(report)
    data["schema_version"] = 1
    for event in data.get("events", []):
        if "casualties" in event:
            event["fatalities"] = event.pop("casualties")["killed"]
    return data


def _v1_shaped(report: osr.Report) -> osr.Report:
    """Drop what version 1 could not say, so the report has a version 1 form."""
    events = tuple(
        attrs.evolve(e, casualties=osr.Casualties(killed=e.casualties.killed))
        if e.casualties is not None and e.casualties.killed is not None
        else attrs.evolve(e, casualties=None)
        for e in report.events
    )
    return attrs.evolve(report, events=events)


@given(ost.reports())
def test_generated_version_1_reports_migrate_to_the_same_report(report: osr.Report) -> None:
    report = _v1_shaped(report)
    data = _as_version_1(report)
    assert osr.structure(data) == report
    text = json.dumps(data, ensure_ascii=False)
    assert osr.loads(text, "json") == report
    assert osr.loads(emit(data), "yaml") == report
