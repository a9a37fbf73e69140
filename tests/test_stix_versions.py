"""Several versions of one STIX object in a bundle: the latest is read, the others kept.

A TAXII collection read with ``match[version]=all``, or two exports put together, gives
one id to several objects told apart by ``modified``. Both readers must make one model
object of the latest version (no model id given twice), keep the older ones as they are,
and write every version back on export.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import osintreport as osr
from osintreport.stix import read_stix, to_stix
from osintreport.stix._versions import RepeatWatch, older_rows, stamp

from .test_stix_import_stream import _same

ACTOR = "threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"
INCIDENT = "incident--0b6a9e4e-2f51-4f6b-9a43-6c1c2b7f5e10"
NOTE = "note--3f8a4f0c-7d0e-4d55-bc0e-2a7c1f4c9b21"
LINK = "relationship--5d2f8c1e-9b7a-4e3c-8f61-0a9d7b6c4e32"


def _object(kind: str, ident: str, modified: str, **properties: Any) -> dict[str, Any]:
    return {
        "type": kind,
        "spec_version": "2.1",
        "id": ident,
        "created": "2024-01-01T00:00:00.000Z",
        "modified": modified,
        **properties,
    }


def _bundle() -> dict[str, Any]:
    jan, mar = "2024-01-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z"
    objects = [
        _object("threat-actor", ACTOR, jan, name="Militia A"),
        _object("incident", INCIDENT, mar, name="Strike on Mayadin, revised"),
        _object("threat-actor", ACTOR, mar, name="Militia A (renamed)"),
        _object("incident", INCIDENT, jan, name="Strike on Mayadin"),
        _object("note", NOTE, jan, content="First reading.", object_refs=[INCIDENT]),
        _object("note", NOTE, jan, content="Same instant, later.", object_refs=[INCIDENT]),
        _object("relationship", LINK, jan, relationship_type="attributed-to",
                source_ref=INCIDENT, target_ref=ACTOR, description="old"),
        _object("relationship", LINK, mar, relationship_type="attributed-to",
                source_ref=INCIDENT, target_ref=ACTOR, description="new"),
    ]  # fmt: skip
    return {"type": "bundle", "id": "bundle--1", "objects": objects}


def test_the_latest_version_is_read_and_the_others_kept() -> None:
    bundle = _bundle()
    objects = bundle["objects"]
    read = read_stix(bundle)
    report = read.report
    assert read.problems == ()
    assert [a.name for a in report.actors] == ["Militia A (renamed)"]
    assert [e.summary for e in report.events] == ["Strike on Mayadin, revised"]
    assert [c.text for c in report.claims] == ["Same instant, later."]  # a tie: the last
    assert [r.description for r in report.relations] == ["new"]
    # The older versions, as they were, in the bundle's order.
    assert report.extensions["x_stix_objects"] == [objects[i] for i in (0, 3, 4, 6)]
    assert not [f for f in osr.validate(report) if f.severity is osr.Severity.ERROR]


def test_every_version_is_written_back() -> None:
    bundle = _bundle()
    written = to_stix(read_stix(bundle).report)["objects"]
    again = [(o["id"], o["modified"]) for o in written if o["id"] in (ACTOR, INCIDENT, NOTE, LINK)]
    assert sorted(again) == sorted((o["id"], o["modified"]) for o in bundle["objects"])
    for obj in [bundle["objects"][i] for i in (0, 3, 4, 6)]:  # the older ones, as they were
        assert obj in written
    assert read_stix(to_stix(read_stix(bundle).report)).report == read_stix(bundle).report


def test_the_streaming_reader_reads_versions_alike(tmp_path: Path) -> None:
    text = _same(_bundle(), tmp_path, "yaml")
    assert "Militia A (renamed)" in text
    report = osr.loads(text, "yaml")
    assert len(report.actors) == len(report.events) == len(report.claims) == 1


def test_an_exported_object_wins_over_versions_beside_it(tmp_path: Path) -> None:
    # The export of a report read from versions, with one more version put in front of
    # its actor and one after: the exported objects are read, the others kept.
    written = to_stix(read_stix(_bundle()).report)
    later = _object("threat-actor", ACTOR, "2025-01-01T00:00:00.000Z", name="Later edit")
    first = _object("threat-actor", ACTOR, "2025-02-01T00:00:00.000Z", name="Edit first")
    written["objects"] = [first, *written["objects"], later]
    report = read_stix(written).report
    assert [a.name for a in report.actors] == ["Militia A (renamed)"]
    kept = report.extensions["x_stix_objects"]
    assert kept[0] == first and kept[-1] == later
    _same(written, tmp_path)


def test_which_version_is_the_latest() -> None:
    stamps = [
        "2024-01-01T00:00:00Z",
        "2024-01-01T01:00:00+02:00",  # an hour earlier than the first
        "not a time",  # older than any
        "2024-01-01T00:00:00.000Z",  # the first's instant, later in the bundle: it wins
        None,
    ]
    objects = [{"id": "x--1"} if t is None else {"id": "x--1", "modified": t} for t in stamps]
    objects += [{"id": "x--2", "modified": "2020-01-01T00:00:00Z"}, {"id": "x--3"}]
    assert older_rows(enumerate(objects), lambda ident: False) == {0, 1, 2, 4}
    # Every version of an id an export wrote is older than the one it wrote.
    assert older_rows(enumerate(objects), lambda ident: ident == "x--3") == {0, 1, 2, 4, 6}


def test_stamps_read_zones_and_precision() -> None:
    assert stamp({"modified": "2024-01-01T00:00:00.123456789Z"}) == 1704067200123456
    assert stamp({"modified": "2024-01-01T02:00:00+02:00"}) == 1704067200000000
    unknown: list[dict[str, Any]] = [
        {"modified": 5},
        {},
        {"modified": "soon"},
        {"modified": "2024-01-01T00:00:00"},
    ]
    assert {stamp(obj) for obj in unknown} == {stamp({})} and stamp({}) < 0  # no zone: unknown


def test_every_repeated_id_is_a_candidate() -> None:
    watch = RepeatWatch()
    ids = [f"incident--{n}" for n in range(50_000)]
    for ident in [*ids, "incident--7", "incident--49999", "incident--7"]:
        watch.add(ident)
    assert {"incident--7", "incident--49999"} <= watch.candidates
    assert len(watch.candidates) < 20  # and few others (false positives of the filter)


def test_false_candidates_are_passed_over(tmp_path: Path, monkeypatch: Any) -> None:
    # A filter of 64 bits: most ids are candidates; only the repeated ones are versions.
    monkeypatch.setattr(RepeatWatch, "_BITS", 64)
    bundle = _bundle()
    bundle["objects"] += [
        _object("threat-actor", f"threat-actor--{n}", "2024-01-01T00:00:00Z", name=f"Group {n}")
        for n in range(40)
    ]
    text = _same(bundle, tmp_path)
    assert text.count('"type":"actor"') == 41


def test_the_bundle_is_json_as_written() -> None:
    assert json.loads(json.dumps(_bundle())) == _bundle()


LOCATION = "location--6a3e1f2b-0c4d-4e5f-8a9b-1c2d3e4f5a6b"
PUBLISHER = "identity--7b4f2e3c-1d5e-4f6a-9b0c-2d3e4f5a6b7c"
REPORT = "report--8c5a3f4d-2e6f-4a7b-8c1d-3e4f5a6b7c8d"


def _looked_up_bundle() -> dict[str, Any]:
    """Versions of what is looked up by id, the latest first: a relation's location, the
    report's publisher, a note that became an assessment."""
    jan, mar = "2024-01-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z"
    objects = [
        _object("report", REPORT, jan, name="Weekly", published=jan, created_by_ref=PUBLISHER,
                object_refs=[INCIDENT, NOTE]),
        _object("identity", PUBLISHER, mar, name="Monitor (renamed)", identity_class="organization"),
        _object("location", LOCATION, mar, name="Mayadin", country="SY",
                latitude=35.02, longitude=40.45),
        _object("incident", INCIDENT, jan, name="Strike on Mayadin"),
        _object("relationship", LINK, jan, relationship_type="located-at",
                source_ref=INCIDENT, target_ref=LOCATION),
        _object("note", NOTE, mar, abstract="Assessment", content="Likely a drone.",
                object_refs=[INCIDENT]),
        _object("identity", PUBLISHER, jan, name="Monitor", identity_class="organization"),
        _object("location", LOCATION, jan, name="Mayadeen", country="SY",
                latitude=35.0, longitude=40.4),
        _object("note", NOTE, jan, content="A first reading.", object_refs=[INCIDENT]),
    ]  # fmt: skip
    return {"type": "bundle", "id": "bundle--2", "objects": objects}


def test_what_is_looked_up_by_id_is_the_latest_version(tmp_path: Path) -> None:
    bundle = _looked_up_bundle()
    objects = bundle["objects"]
    report = read_stix(bundle).report
    assert report.publisher == "Monitor (renamed)"
    [relation] = report.relations
    assert relation.where is not None
    assert (relation.where.name, relation.where.lat) == ("Mayadin", 35.02)
    assert [a.text for a in report.assessments] == ["Likely a drone."]
    assert report.claims == ()
    # The publisher's identities (a name in the model) and the older location and note
    # are kept as they are, in the bundle's order.
    assert report.extensions["x_stix_objects"] == [objects[i] for i in (1, 6, 7, 8)]
    _same(bundle, tmp_path)
    written = to_stix(report)["objects"]
    assert all(objects[i] in written for i in (1, 6, 7, 8))  # the kept ones, as they were
    assert read_stix(to_stix(report)).report == report  # the publisher is no actor then
    _same(to_stix(report), tmp_path)


def test_an_older_version_met_last_does_not_replace_the_one_found(tmp_path: Path) -> None:
    """Without ``modified`` (or with equal ones) the last in the bundle is found, as before."""
    bundle = _looked_up_bundle()
    for obj in bundle["objects"]:
        obj.pop("modified")
    report = read_stix(bundle).report
    assert report.publisher == "Monitor"
    [relation] = report.relations
    assert relation.where is not None and relation.where.name == "Mayadeen"
    assert [c.text for c in report.claims] == ["A first reading."]
    _same(bundle, tmp_path)


def test_a_foreign_publisher_is_no_actor_after_a_round_trip(tmp_path: Path) -> None:
    """One identity, no versions: the publisher's identity, kept as it came, is written
    back by the export and kept again by the next import (it used to become an actor)."""
    bundle = _looked_up_bundle()
    bundle["objects"] = [o for i, o in enumerate(bundle["objects"]) if i not in (6, 7, 8)]
    report = read_stix(bundle).report
    assert report.actors == () and report.publisher == "Monitor (renamed)"
    exported = to_stix(report)
    again = read_stix(exported).report
    assert again.actors == () and again.publisher == "Monitor (renamed)"
    assert again.extensions["x_stix_objects"] == [bundle["objects"][1]]
    assert again == report
    _same(exported, tmp_path)


def _two_exports() -> tuple[dict[str, Any], dict[str, Any], osr.Report]:
    """A report exported twice, its actor renamed in between: the first bundle, and the
    second one's actor (the later version of the object of the same id)."""
    import datetime as dt

    first = osr.Report(
        id="weekly",
        title="Weekly",
        actors=(osr.Actor(id="militia-a", name="Militia A"),),
        events=(osr.Event(id="ev-1", summary="Strike on Mayadin"),),
    )
    later = dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
    renamed = osr.Actor(id="militia-a", name="Militia A (renamed)", modified=later)
    bundle = to_stix(first)
    [newer] = [
        o
        for o in to_stix(osr.Report(id="weekly", title="Weekly", actors=(renamed,)))["objects"]
        if o["type"] in ("threat-actor", "identity") and o.get("name", "").startswith("Militia")
    ]
    return bundle, newer, first


def test_an_object_two_exports_wrote_is_read_once(tmp_path: Path, monkeypatch: Any) -> None:
    """Two exports put together: the later version of a model object is read, the other
    kept as it is; the streaming reader leaves such a bundle to the whole one."""
    from osintreport.stix import _convert

    wholes: list[str] = []
    whole = _convert._whole

    def counted(name: str, *args: Any) -> Any:
        wholes.append(name)
        return whole(name, *args)

    monkeypatch.setattr(_convert, "_whole", counted)
    for put_first in (True, False):
        bundle, newer, first = _two_exports()
        [older] = [o for o in bundle["objects"] if o["id"] == newer["id"]]
        objects = bundle["objects"]
        bundle["objects"] = [newer, *objects] if put_first else [*objects, newer]
        read = read_stix(bundle)
        report = read.report
        assert [a.name for a in report.actors] == ["Militia A (renamed)"]
        assert report.extensions["x_stix_objects"] == [older]
        assert report.events == first.events
        assert not [f for f in osr.validate(report) if f.severity is osr.Severity.ERROR]
        before = len(wholes)
        _same(bundle, tmp_path)
        assert len(wholes) == before + 1
        again = read_stix(to_stix(report)).report
        assert again == report
    _same(to_stix(report), tmp_path)  # the export writes both versions back: whole again
    assert len(wholes) == 3
    _same(to_stix(first), tmp_path)  # one version of each: streamed
    assert len(wholes) == 3
