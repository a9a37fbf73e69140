from __future__ import annotations

import json
from collections import Counter

import pytest
from hypothesis import given, settings

import osintreport as osr
from osintreport import strategies as ost
from osintreport.stix import from_stix, to_stix, validate_bundle

from .conftest import CORPUS, WORKED_EXAMPLE


@pytest.fixture(scope="module")
def example() -> osr.Report:
    return osr.load(WORKED_EXAMPLE)


def test_worked_example_exports_valid_stix(example: osr.Report) -> None:
    bundle = to_stix(example)
    assert validate_bundle(bundle) == []
    types = Counter(o["type"] for o in bundle["objects"])
    assert types["report"] == 1
    assert types["threat-actor"] + types["identity"] == len(example.actors) + 1  # + publisher
    assert types["incident"] == len(example.events)
    assert types["note"] == len(example.claims) + len(example.assessments)
    assert types["opinion"] == 3  # the three claims judged false
    report = next(o for o in bundle["objects"] if o["type"] == "report")
    assert report["published"] == "2023-08-03T00:00:00.000Z"
    # Everything but the report itself and the marking definitions it applies.
    described = [o for o in bundle["objects"] if o["type"] not in ("report", "marking-definition")]
    assert report["object_refs"] == [o["id"] for o in described]
    irgc_qf = next(o for o in bundle["objects"] if o.get("x_osintreport_id") == "irgc-qf")
    assert irgc_qf["type"] == "threat-actor"
    assert irgc_qf["threat_actor_types"] == ["nation-state"]


def test_export_is_deterministic(example: osr.Report) -> None:
    assert json.dumps(to_stix(example), sort_keys=True) == json.dumps(
        to_stix(example), sort_keys=True
    )
    first = {o["id"] for o in to_stix(example)["objects"]}
    other = osr.Report(id="another-report", title=example.title, actors=example.actors)
    # Ids are namespaced by the report id: another report's objects never collide.
    assert first.isdisjoint(o["id"] for o in to_stix(other)["objects"])


def test_confidence_scales_follow_the_stix_appendix() -> None:
    report = osr.Report(
        id="r",
        title="t",
        published=osr.When.parse("2023-08-03"),
        claims=tuple(osr.Claim(id=f"c{int(c)}", text="x", credibility=c) for c in osr.Credibility),
        assessments=(
            osr.Assessment(
                id="a", text="y", confidence=osr.Confidence.HIGH, likelihood=osr.Likelihood.LIKELY
            ),
        ),
    )
    notes = {o["x_osintreport_id"]: o for o in to_stix(report)["objects"] if o["type"] == "note"}
    assert [notes[f"c{n}"].get("confidence") for n in range(1, 7)] == [90, 70, 50, 30, 10, None]
    assert notes["a"]["confidence"] == 85
    assert notes["a"]["x_osintreport_likelihood"] == "likely"


def test_non_ascii_urls_are_percent_encoded(example: osr.Report) -> None:
    refs = [r for o in to_stix(example)["objects"] for r in o.get("external_references", [])]
    assert all(r["url"].isascii() for r in refs if "url" in r)
    assert any("%D9%88%D9%82%D9%81%D8%A9" in r["url"] for r in refs if "url" in r)


@settings(max_examples=25, deadline=None)
@given(ost.reports(max_items=3))
def test_generated_reports_export_valid_stix(report: osr.Report) -> None:
    assert validate_bundle(to_stix(report)) == []


def test_round_trip_keeps_the_structure(example: osr.Report) -> None:
    back = from_stix(to_stix(example))
    assert back.id == example.id
    assert back.publisher == example.publisher
    assert back.published == example.published
    assert [a.id for a in back.actors] == [a.id for a in example.actors]
    assert {a.id: a.parent for a in back.actors} == {a.id: a.parent for a in example.actors}
    assert [e.when for e in back.events] == [e.when for e in example.events]
    assert [c.status for c in back.claims] == [c.status for c in example.claims]
    assert [a.likelihood for a in back.assessments] == [a.likelihood for a in example.assessments]
    assert len(back.sources) == len(example.sources)
    assert not [f for f in osr.validate(back) if f.severity is osr.Severity.ERROR]


@pytest.mark.parametrize("name", ["apt1", "identifying-a-threat-actor-profile"])
def test_reads_the_oasis_examples(name: str) -> None:
    path = CORPUS / "stix" / f"cti-documentation__{name}.json"
    if not path.exists():
        pytest.skip("corpus not available")
    report = from_stix(path.read_text(encoding="utf-8"))
    assert report.actors
    assert not [f for f in osr.validate(report) if f.severity is osr.Severity.ERROR]
    if name == "apt1":
        assert report.title == "APT1: Exposing One of China's Cyber Espionage Units"
        assert report.extensions["x_stix_skipped"] == {
            "attack-pattern": 7,
            "indicator": 12,
            "malware": 6,
            "tool": 10,
        }
        assert {a.name for a in report.actors} >= {"APT1", "Unit 61398"}


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
            {"type": "location", "id": "location--1", "country": "Syrian Arab Republic"},
            {
                "type": "relationship",
                "id": "relationship--1",
                "relationship_type": "located-at",
                "source_ref": "threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
                "target_ref": "location--1",
            },
            {"type": "x-custom-thing", "id": "x-custom-thing--1"},
            {"type": "note", "id": "note--1", "content": "  "},
            "not an object",
            {"type": "identity"},
        ],
    }
    report = from_stix(bundle)
    group = report.actors[0]
    assert group.kind is osr.ActorKind.TERRORIST_GROUP
    assert group.country is None
    assert group.extensions == {"x_stix_country": "Syrian Arab Republic"}
    assert report.extensions["x_stix_skipped"] == {"x-custom-thing": 1}
    with pytest.raises(ValueError, match="not a STIX bundle"):
        from_stix({"type": "bundle"})


def test_ids_that_only_look_valid_are_not_kept() -> None:
    """A trailing newline passes a ``$``-anchored match but not the model: a new id is made."""
    report = osr.Report(
        id="r",
        title="t",
        actors=(osr.Actor(id="a", name="Alpha"),),
        events=(osr.Event(id="e", summary="s"),),
    )
    bundle = to_stix(report)
    for obj in bundle["objects"]:
        if obj.get("x_osintreport_id") == "a":
            obj["id"] = "-" + obj["id"]  # passes a looser STIX id pattern, not the model's
        if obj.get("x_osintreport_id") in ("a", "r"):
            obj["x_osintreport_id"] += "\n"
    back = from_stix(bundle)
    assert [(a.id, a.external_ids) for a in back.actors] == [("alpha", None)]
    assert back.id != "r\n" and osr.Report(id=back.id, title="t").id == back.id
