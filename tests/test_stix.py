from __future__ import annotations

import json
import re
import sys
from collections import Counter
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import osintreport as osr
from osintreport import strategies as ost
from osintreport.stix import EXTENSION_ID, from_stix, read_stix, to_stix, validate_bundle
from osintreport.stix._countries import country_code

from .conftest import CORPUS, WORKED_EXAMPLE

APT1 = CORPUS / "stix" / "cti-documentation__apt1.json"
_V4 = re.compile(
    r"^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
)


@pytest.fixture(scope="module")
def example() -> osr.Report:
    return osr.load(WORKED_EXAMPLE)


def _ext(obj: dict[str, Any]) -> dict[str, Any]:
    ext: dict[str, Any] = obj["extensions"][EXTENSION_ID]
    return ext


def _by_local_id(bundle: dict[str, Any], local: str) -> dict[str, Any]:
    return next(
        o
        for o in bundle["objects"]
        if "collection" in o.get("extensions", {}).get(EXTENSION_ID, {})
        and _ext(o)["object"].get("id") == local
    )


def test_worked_example_exports_strictly_valid_stix(example: osr.Report) -> None:
    bundle = to_stix(example)
    assert validate_bundle(bundle) == []  # strict: warnings count
    types = Counter(o["type"] for o in bundle["objects"])
    assert types["report"] == 1
    assert types["extension-definition"] == 1
    # the actors, the publisher and osintreport itself (creator of the extension definition)
    assert types["threat-actor"] + types["identity"] == len(example.actors) + 2
    assert types["incident"] == len(example.events)
    assert types["note"] == len(example.claims) + len(example.assessments)
    assert types["opinion"] == 3  # the three claims judged false
    report = next(o for o in bundle["objects"] if o["type"] == "report")
    assert report["published"] == "2023-08-03T00:00:00.000Z"
    assert report["name"] == example.title
    irgc_qf = _by_local_id(bundle, "irgc-qf")
    assert irgc_qf["type"] == "threat-actor"
    assert irgc_qf["threat_actor_types"] == ["nation-state"]
    assert "name" not in _ext(irgc_qf)["object"]  # STIX's own name property holds it
    # No custom property outside the extension, and every id has the form of a UUIDv4.
    for obj in bundle["objects"]:
        assert not [key for key in obj if key.startswith("x_")], obj["id"]
        assert _V4.match(obj["id"]), obj["id"]


def test_round_trip_of_the_worked_example_is_exact(example: osr.Report) -> None:
    back = from_stix(json.dumps(to_stix(example)))
    assert back == example
    assert osr.dumps(back, "yaml") == osr.dumps(example, "yaml")  # key for key, in order


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ost.reports())
def test_every_generated_report_comes_back_equal(report: osr.Report) -> None:
    bundle = to_stix(report)
    back = read_stix(json.loads(json.dumps(bundle)))
    assert back.problems == ()
    assert back.report == report


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ost.reports())
def test_generated_reports_export_strictly_valid_stix(report: osr.Report) -> None:
    assert validate_bundle(to_stix(report)) == []


def test_export_is_deterministic(example: osr.Report) -> None:
    assert json.dumps(to_stix(example), sort_keys=True) == json.dumps(
        to_stix(example), sort_keys=True
    )
    mine = {o["id"] for o in to_stix(example)["objects"]}
    other = attrs.evolve(example, id="another-report")
    theirs = {o["id"] for o in to_stix(other)["objects"]}
    shared = {o["id"] for o in to_stix(example)["objects"] if o["type"] == "marking-definition"}
    shared |= {o["id"] for o in to_stix(example)["objects"][:2]}  # osintreport, its extension
    assert mine & theirs == shared


def test_confidence_scales_follow_the_stix_appendix() -> None:
    report = osr.Report(
        id="r",
        title="t",
        claims=(osr.Claim(id="c", text="x", credibility=osr.Credibility.PROBABLY_TRUE),),
        assessments=(
            osr.Assessment(
                id="a", text="y", confidence=osr.Confidence.HIGH, likelihood=osr.Likelihood.LIKELY
            ),
        ),
    )
    bundle = to_stix(report)
    assert _by_local_id(bundle, "c")["confidence"] == 70
    assessment = _by_local_id(bundle, "a")
    assert assessment["confidence"] == 85
    assert _ext(assessment)["object"]["likelihood"] == "likely"


def test_urls_go_beside_a_hash_or_into_the_description(example: osr.Report) -> None:
    digest = "ab" * 32
    report = osr.Report(
        id="r",
        title="t",
        sources=(
            osr.Source(id="s1", url="https://example.org/ا", title="Title", sha256=digest),
            osr.Source(id="s2", url="https://example.org/b", publisher="Outlet"),
        ),
    )
    refs = {r["external_id"]: r for r in to_stix(report)["objects"][-1]["external_references"]}
    assert refs["s1"] == {
        "source_name": "s1",
        "external_id": "s1",
        "url": "https://example.org/%D8%A7",  # STIX wants a URI: non-ASCII percent-encoded
        "hashes": {"SHA-256": digest},
        "description": "Title",
    }
    assert refs["s2"] == {
        "source_name": "Outlet",
        "external_id": "s2",
        "description": "https://example.org/b",
    }


def test_relationship_types_stix_does_not_suggest_are_written_as_related_to() -> None:
    actors = (
        osr.Actor(id="a", name="A", kind=osr.ActorKind.MILITIA),
        osr.Actor(id="b", name="B", kind=osr.ActorKind.ORGANIZATION),
    )
    relations = (
        osr.Relation(id="r1", kind=osr.RelationKind.ATTRIBUTED_TO, subject="a", object="b"),
        osr.Relation(id="r2", kind=osr.RelationKind.BACKED_BY, subject="a", object="b"),
    )
    report = osr.Report(id="r", title="t", actors=actors, relations=relations)
    bundle = to_stix(report)
    assert _by_local_id(bundle, "r1")["relationship_type"] == "attributed-to"  # suggested
    backed = _by_local_id(bundle, "r2")
    assert backed["relationship_type"] == "related-to"
    assert _ext(backed)["object"]["kind"] == "backed_by"
    assert from_stix(bundle).relations == relations


def test_edits_made_in_a_stix_tool_to_names_and_texts_are_read() -> None:
    report = osr.Report(
        id="r",
        title="t",
        actors=(osr.Actor(id="a", name="Alpha", kind=osr.ActorKind.MILITIA, aliases=("A",)),),
        claims=(osr.Claim(id="c", text="Old text"),),
    )
    bundle = to_stix(report)
    _by_local_id(bundle, "a")["name"] = "Alpha Brigade"
    _by_local_id(bundle, "a")["aliases"] = ["A", "AB"]
    _by_local_id(bundle, "c")["content"] = "New text"
    back = from_stix(bundle)
    assert back.actors[0].name == "Alpha Brigade"
    assert back.actors[0].aliases == ("A", "AB")
    assert back.claims[0].text == "New text"


def test_a_broken_extension_is_reported_and_the_object_read_as_foreign() -> None:
    report = osr.Report(id="r", title="t", events=(osr.Event(id="e", summary="Shelling"),))
    bundle = to_stix(report)
    _ext(_by_local_id(bundle, "e"))["object"]["when"] = "not a date"
    result = read_stix(bundle)
    assert [p.path for p in result.problems] == ["$.objects[2]"]
    assert "when" in result.problems[0].message
    assert [e.summary for e in result.report.events] == ["Shelling"]


def _apt1() -> dict[str, Any]:
    if not APT1.exists():
        pytest.skip("corpus not available")
    data: dict[str, Any] = json.loads(APT1.read_text(encoding="utf-8"))
    return data


def test_apt1_keeps_its_relationships_names_and_title() -> None:
    bundle = _apt1()
    result = read_stix(bundle)
    report = result.report
    assert result.problems == ()
    assert report.title == "APT1: Exposing One of China's Cyber Espionage Units"
    assert {a.name for a in report.actors} >= {"APT1", "Unit 61398", "Ugly Gorilla"}
    # 7 attributions become relations; the 23 others (uses, indicates) are kept as they are.
    assert Counter(r.kind for r in report.relations) == {osr.RelationKind.ATTRIBUTED_TO: 7}
    kept = Counter(o["type"] for o in report.extensions["x_stix_objects"])
    assert kept == {
        "relationship": 23,
        "indicator": 12,
        "tool": 10,
        "attack-pattern": 7,
        "malware": 6,
    }
    unit = next(a for a in report.actors if a.name == "Unit 61398")
    apt1 = next(a for a in report.actors if a.name == "APT1")
    assert osr.Relation in {type(r) for r in report.relations}
    assert any(r.subject == apt1.id and r.object == unit.id for r in report.relations)
    assert not [f for f in osr.validate(report) if f.severity is osr.Severity.ERROR]


def test_apt1_comes_back_object_for_object() -> None:
    """STIX -> report -> STIX: every object, under its id, with every property it had."""
    bundle = _apt1()
    report = from_stix(bundle)
    again = {o["id"]: o for o in to_stix(report)["objects"]}
    for obj in bundle["objects"]:
        written = again[obj["id"]]
        assert {k: v for k, v in written.items() if k in obj} == obj, obj["id"]
    assert from_stix(to_stix(report)) == report


def test_foreign_objects_keep_their_properties_and_countries_map() -> None:
    actor = "threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"
    place = "location--a6e9345f-5a15-4c29-8bb3-7dcc5d168d64"
    stamp = "2020-01-01T00:00:00.000Z"
    head = {"spec_version": "2.1", "created": stamp, "modified": stamp}
    objects: list[dict[str, Any]] = [
        {
            **head,
            "type": "threat-actor",
            "id": actor,
            "name": "Group",
            "threat_actor_types": ["crime-syndicate"],
            "external_references": [{"source_name": "blog", "url": "https://example.org/a"}],
        },
        {**head, "type": "location", "id": place, "country": "China", "region": "eastern-asia"},
        {
            **head,
            "type": "relationship",
            "id": "relationship--57b56a43-b8b0-4cba-9deb-34e3e1faed9e",
            "relationship_type": "located-at",
            "source_ref": actor,
            "target_ref": place,
            "confidence": 60,
        },
        {
            **head,
            "type": "report",
            "id": "report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3",
            "name": "Report",
            "published": "2020-01-02T00:00:00Z",
            "object_refs": [actor],
            "external_references": [{"source_name": "vendor", "url": "https://example.org/r"}],
        },
    ]
    report = from_stix({"type": "bundle", "id": "bundle--1", "objects": objects})
    (located,) = report.relations
    assert located.subject == "group" and located.confidence is osr.Confidence.MODERATE
    assert located.where is not None and located.where.country == "CN"
    assert located.where.extensions["x_stix_country"] == "China"  # the text, kept beside
    assert [s.url for s in report.sources] == ["https://example.org/a", "https://example.org/r"]
    assert report.actors[0].extensions["x_stix_threat_actor_types"] == ["crime-syndicate"]
    again = {o["id"]: o for o in to_stix(report)["objects"]}
    for obj in objects:
        expected = obj | ({"country": "CN"} if obj["type"] == "location" else {})
        assert {k: v for k, v in again[obj["id"]].items() if k in obj} == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("SY", "SY"),
        ("sy", "SY"),
        ("China", "CN"),
        ("Syrian Arab Republic", "SY"),
        ("Russia", "RU"),
        ("IRN", "IR"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Kosovo", "XK"),
        ("Korea", None),  # two countries start so: no guess
        ("Atlantis", None),
    ],
)
def test_country_names_map_to_iso_codes(text: str, code: str | None) -> None:
    assert country_code(text) == code


def test_without_pycountry_names_are_kept_and_the_extra_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pycountry", None)
    country_code.cache_clear()
    try:
        bundle = {
            "type": "bundle",
            "id": "bundle--1",
            "objects": [
                {"type": "threat-actor", "id": "threat-actor--1", "name": "G"},
                {"type": "location", "id": "location--1", "country": "Syrian Arab Republic"},
                {
                    "type": "relationship",
                    "id": "relationship--1",
                    "relationship_type": "located-at",
                    "source_ref": "threat-actor--1",
                    "target_ref": "location--1",
                },
            ],
        }
        result = read_stix(bundle)
    finally:
        country_code.cache_clear()
    assert [p.path for p in result.problems] == ["$.objects[1].country"]
    assert "osintreport[countries]" in result.problems[0].message
    # Nothing to place the actor at: the relationship and location are kept as they came.
    kept = [o["type"] for o in result.report.extensions["x_stix_objects"]]
    assert kept == ["location", "relationship"]


def test_reads_odd_bundles_without_crashing() -> None:
    bundle = {
        "type": "bundle",
        "id": "bundle--1",
        "spec_version": "2.0",
        "objects": [
            {
                "type": "threat-actor",
                "id": "threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
                "name": "Group",
                "labels": ["terrorist"],
            },
            {"type": "x-custom-thing", "id": "x-custom-thing--1"},
            {"type": "note", "id": "note--1", "content": "  "},
            "not an object",
            {"type": "identity"},
        ],
    }
    result = read_stix(bundle)
    group = result.report.actors[0]
    assert group.kind is osr.ActorKind.TERRORIST_GROUP
    assert group.extensions == {"x_stix_labels": ["terrorist"]}
    kept = [o["id"] for o in result.report.extensions["x_stix_objects"]]
    assert kept == ["x-custom-thing--1", "note--1"]
    assert [p.path for p in result.problems] == ["$.objects[3]", "$.objects[4]"]
    with pytest.raises(ValueError, match="not a STIX bundle"):
        from_stix({"type": "bundle"})


def test_legacy_ids_that_only_look_valid_are_not_kept() -> None:
    """osintreport 0.1 wrote x_osintreport_id; one with a trailing newline is not an id."""
    bundle = {
        "type": "bundle",
        "id": "bundle--1",
        "objects": [
            {"type": "identity", "id": "-identity--1", "name": "Alpha", "x_osintreport_id": "a\n"},
            {"type": "report", "id": "report--1", "name": "t", "x_osintreport_id": "r\n"},
        ],
    }
    back = from_stix(bundle)
    assert [(a.id, a.external_ids) for a in back.actors] == [("alpha", None)]
    assert back.id == "t"


def test_export_and_import_commands_round_trip(tmp_path: Any, example: osr.Report) -> None:
    from osintreport.cli import main

    bundle = tmp_path / "b.json"
    assert main(["export", str(WORKED_EXAMPLE), "--to", "stix", "-o", str(bundle)]) == 0
    out = tmp_path / "r.yaml"
    assert main(["import", "--from", "stix", str(bundle), "-o", str(out)]) == 0
    assert osr.load(out) == example


def test_import_command_lists_problems_and_exits_1(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from osintreport.cli import main

    bundle = tmp_path / "b.json"
    objects = [{"type": "identity", "id": "identity--1", "name": "A"}, {"type": "note"}]
    bundle.write_text(json.dumps({"type": "bundle", "id": "bundle--1", "objects": objects}))
    out = tmp_path / "r.yaml"
    assert main(["import", "--from", "stix", str(bundle), "-o", str(out)]) == 1
    assert f"{bundle}: $.objects[1]: not a STIX object (no type or id)" in capsys.readouterr().err
    assert [a.name for a in osr.load(out).actors] == ["A"]
    args = ["import", "--from", "stix", str(bundle), "-o", str(out), "--skip-unfit"]
    assert main(args) == 0


def test_foreign_markings_are_read_and_written_back_as_they_came() -> None:
    amber_v1 = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
    statement = "marking-definition--3c5ed3f4-7f12-4c37-9b0e-3a8a9b1ef0a1"
    objects: list[dict[str, Any]] = [
        {
            "type": "marking-definition",
            "id": amber_v1,
            "created": "2017-01-20T00:00:00.000Z",
            "definition_type": "tlp",
            "definition": {"tlp": "amber"},
        },
        {
            "type": "marking-definition",
            "id": statement,
            "created": "2017-01-20T00:00:00.000Z",
            "definition_type": "statement",
            "definition": {"statement": "Do not name the source"},
        },
        {
            "type": "identity",
            "id": "identity--0d2b9d5c-2a5f-4c6f-8a8e-4a1f0c3b5e6d",
            "name": "Outlet",
            "identity_class": "organization",
            "object_marking_refs": [amber_v1, statement],
        },
    ]
    report = from_stix({"type": "bundle", "id": "bundle--1", "objects": objects})
    (actor,) = report.actors
    assert actor.marking == osr.Marking(tlp=osr.Tlp.AMBER, caveats=("Do not name the source",))
    again = {o["id"]: o for o in to_stix(report)["objects"]}
    for obj in objects:
        assert {k: v for k, v in again[obj["id"]].items() if k in obj} == obj
