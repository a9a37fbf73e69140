"""Model version 2: relations, markings and redaction, provenance, translations, casualties,
place precision codes, and how the exports carry them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest

import osintreport as osr
from osintreport import (
    Casualties,
    Citation,
    Claim,
    Estimate,
    Marking,
    Relation,
    RelationKind,
    Report,
    Tlp,
)
from osintreport.cli import main
from osintreport.geojson import to_geojson
from osintreport.precision import from_acled, from_ucdp, to_acled, to_ucdp
from osintreport.stix import EXTENSION_ID, to_stix, validate_bundle
from osintreport.stix._markings import TLP_MARKING_IDS

from .conftest import WORKED_EXAMPLE

STAMP = dt.datetime(2023, 8, 1, 9, 30, tzinfo=dt.UTC)


def _shared_report() -> Report:
    red, amber = Marking(tlp=Tlp.RED), Marking(tlp=Tlp.AMBER, caveats=("no attribution",))
    return Report(
        id="r",
        title="t",
        marking=Marking(tlp=Tlp.GREEN),
        actors=(
            osr.Actor(id="a1", name="Open actor"),
            osr.Actor(id="a2", name="Sensitive actor", marking=red),
        ),
        sources=(
            osr.Source(id="s1", url="https://example.org/1"),
            osr.Source(id="s2", url="https://example.org/2", marking=amber),
        ),
        events=(
            osr.Event(
                id="e1",
                summary="s",
                participants=(osr.Participant(actor="a1"), osr.Participant(actor="a2")),
                casualties=Casualties(
                    killed=Estimate(best=3),
                    sides=(osr.SideCasualties(actor="a2", killed=Estimate(best=1)),),
                ),
                citations=(Citation(source="s1", locator=1), Citation(source="s2", locator=2)),
            ),
        ),
        claims=(
            Claim(id="c1", text="Said by the sensitive actor.", claimant="a2"),
            Claim(id="c2", text="About both.", about=("a1", "a2", "e1")),
        ),
        relations=(
            Relation(id="r1", kind=RelationKind.BACKED_BY, subject="a1", object="a2"),
            Relation(id="r2", kind=RelationKind.CORROBORATES, subject="c2", object="e1"),
        ),
    )


def test_tlp_levels_order_and_parse() -> None:
    assert Tlp.CLEAR < Tlp.GREEN < Tlp.AMBER < Tlp.AMBER_STRICT < Tlp.RED
    assert max(Tlp.GREEN, Tlp.AMBER_STRICT) is Tlp.AMBER_STRICT
    assert Tlp.parse("TLP:AMBER+STRICT") is Tlp.AMBER_STRICT
    assert Tlp.parse(" Green ") is Tlp.GREEN
    with pytest.raises(ValueError, match=r"not a TLP 2\.0 level: 'white'"):
        Tlp.parse("white")


def test_marking_needs_a_level_or_a_caveat() -> None:
    with pytest.raises(osr.FieldValueError, match="a TLP level, caveats, or both"):
        Marking()
    assert Marking(caveats=("do not name the source",)).tlp is None


def test_effective_level_is_raised_to_the_report() -> None:
    assert osr.effective_tlp(Marking(tlp=Tlp.CLEAR), Marking(tlp=Tlp.AMBER)) is Tlp.AMBER
    assert osr.effective_tlp(Marking(tlp=Tlp.RED), Marking(tlp=Tlp.GREEN)) is Tlp.RED
    assert osr.effective_tlp(None, None) is None


def test_relation_checks_its_own_shape() -> None:
    with pytest.raises(osr.FieldValueError, match="located_at with a where"):
        Relation(id="r", kind=RelationKind.LOCATED_AT, subject="a", object="b")
    with pytest.raises(osr.FieldValueError, match="backed_by with an object id"):
        Relation(id="r", kind=RelationKind.BACKED_BY, subject="a")
    where = osr.Place(name="Deir ez Zor", country="SY", lat=35.3, lon=40.1, uncertainty_m=5000)
    located = Relation(id="r", kind=RelationKind.LOCATED_AT, subject="a", where=where)
    assert osr.loads(osr.dumps(Report(id="x", title="t", relations=(located,)), "json"), "json")


def test_redact_leaves_out_what_is_above_the_level_and_every_reference_to_it() -> None:
    report = _shared_report()
    shared = osr.redact(report, "green")
    assert [a.id for a in shared.actors] == ["a1"]
    assert [s.id for s in shared.sources] == ["s1"]
    assert [c.id for c in shared.claims] == ["c2"]  # c1's claimant is withheld
    assert [r.id for r in shared.relations] == ["r2"]  # r1 points at a2
    event = shared.events[0]
    assert [p.actor for p in event.participants] == ["a1"]
    assert event.casualties == Casualties(killed=Estimate(best=3))
    assert event.citations == (Citation(source="s1", locator=1), Citation(locator=2))
    assert shared.claims[0].about == ("a1", "e1")
    assert not {"OSR102", "OSR103"} & {f.code for f in osr.validate(shared)}
    assert osr.redact(report, Tlp.RED) is report  # nothing above red
    amber = osr.redact(report, "amber")
    assert [s.id for s in amber.sources] == ["s1", "s2"] and len(amber.actors) == 1


def test_a_report_marked_above_the_level_is_refused() -> None:
    report = attrs.evolve(_shared_report(), marking=Marking(tlp=Tlp.RED))
    with pytest.raises(osr.MarkingError, match="marked TLP:RED, above TLP:GREEN"):
        osr.dumps(report, "yaml", max_tlp="green")


def test_dumps_max_tlp_writes_the_redacted_report() -> None:
    report = _shared_report()
    text = osr.dumps(report, "yaml", max_tlp="green")
    assert "Sensitive actor" not in text and "example.org/2" not in text
    assert osr.loads(text, "yaml") == osr.redact(report, "green")
    with pytest.raises(TypeError, match="max_tlp applies to a Report"):
        osr.dumps(report.actors[0], "json", max_tlp="green")


def test_cli_convert_and_export_take_max_tlp(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "r.yaml"
    osr.dump(_shared_report(), source)
    out = tmp_path / "shared.json"
    assert main(["convert", str(source), str(out), "--max-tlp", "GREEN"]) == 0
    assert osr.load(out) == osr.redact(_shared_report(), "green")
    assert "4 objects above TLP:GREEN left out" in capsys.readouterr().err
    bundle_path = tmp_path / "b.json"
    assert (
        main(["export", str(source), "--to", "stix", "-o", str(bundle_path), "--max-tlp", "clear"])
        == 2
    )
    assert "above TLP:CLEAR" in capsys.readouterr().err
    assert (
        main(["export", str(source), "--to", "stix", "-o", str(bundle_path), "--max-tlp", "green"])
        == 0
    )
    assert "Sensitive actor" not in bundle_path.read_text("utf-8")


def test_stix_export_writes_tlp_markings_provenance_and_relations() -> None:
    report = attrs.evolve(
        _shared_report(),
        claims=(
            Claim(id="c1", text="Said by the sensitive actor.", claimant="a2"),
            Claim(
                id="c2",
                text="About both.",
                about=("a1", "e1"),
                created=STAMP,
                modified=STAMP + dt.timedelta(days=2),
                created_by="analyst-7",
            ),
        ),
    )
    bundle = to_stix(report)
    assert validate_bundle(bundle) == []
    by_type: dict[str, list[dict[str, object]]] = {}
    for obj in bundle["objects"]:
        by_type.setdefault(obj["type"], []).append(obj)
    tlp_ids = {
        o["id"] for o in by_type["marking-definition"] if o["id"] in TLP_MARKING_IDS.values()
    }
    # Sources are external references in STIX, so s2's amber marking has no object to mark.
    assert tlp_ids == {TLP_MARKING_IDS[t] for t in (Tlp.GREEN, Tlp.RED)}
    head = by_type["report"][0]
    assert head["object_marking_refs"] == [TLP_MARKING_IDS[Tlp.RED]]  # the strictest wins
    ours = {
        o["id"]: o.get("extensions", {}).get(EXTENSION_ID, {}).get("object", {})
        for o in bundle["objects"]
    }
    note = next(o for o in by_type["note"] if ours[str(o["id"])].get("id") == "c2")
    assert (note["created"], note["modified"]) == (
        "2023-08-01T09:30:00.000Z",
        "2023-08-03T09:30:00.000Z",
    )
    assert ours[str(note["id"])]["created_by"] == "analyst-7"  # not an identity STIX knows
    assert note["object_marking_refs"] == [TLP_MARKING_IDS[Tlp.GREEN]]  # raised to the report
    relations = [o for o in by_type["relationship"] if "kind" in ours[str(o["id"])]]
    # STIX suggests neither for these objects: related-to, the kind in the extension.
    assert {o["relationship_type"] for o in relations} == {"related-to"}
    assert {ours[str(o["id"])]["kind"] for o in relations} == {"backed_by", "corroborates"}


def test_stix_export_of_the_worked_example_keeps_relations_it_cannot_link() -> None:
    example = osr.load(WORKED_EXAMPLE)
    bundle = to_stix(example)
    assert validate_bundle(bundle) == []
    head = next(o for o in bundle["objects"] if o["type"] == "report")
    # derived_from between two sources: STIX keeps sources as external references, so the
    # relation rides in the report's extension, at its place among the relations.
    ext = head["extensions"][EXTENSION_ID]
    assert [r["id"] for r in ext["object"]["relations"]] == ["rel-mehr-story-derived-from-tasnim"]
    assert ext["unlinked_relations"] == [
        i for i, r in enumerate(example.relations) if r.id == "rel-mehr-story-derived-from-tasnim"
    ]
    linked = [
        o
        for o in bundle["objects"]
        if o["type"] == "relationship" and "object" in o["extensions"][EXTENSION_ID]
    ]
    assert len(linked) == len(example.relations) - 1


def test_geojson_carries_uncertainty_casualties_and_the_strictest_marking() -> None:
    place = osr.Place(
        name="p", lat=35.0, lon=40.0, precision=osr.PlacePrecision.NEAR, uncertainty_m=25_000
    )
    event = osr.Event(
        id="e",
        summary="s",
        where=place,
        casualties=Casualties(killed=Estimate(low=2), injured=Estimate(best=7)),
        marking=Marking(tlp=Tlp.AMBER),
    )
    collection = to_geojson(
        Report(id="r", title="t", events=(event,), marking=Marking(tlp=Tlp.GREEN))
    )
    props = collection["features"][0]["properties"]
    assert (props["uncertainty_m"], props["fatalities"], props["injured"], props["tlp"]) == (
        25_000,
        2,
        7,
        "amber",
    )
    assert collection["x_osintreport_tlp"] == "amber"


def test_precision_codes_round_trip() -> None:
    for code in range(1, 8):
        assert to_ucdp(from_ucdp(code)) == code
        assert to_ucdp(from_ucdp(str(code))) == code
    for code in (1, 2, 3):
        assert to_acled(from_acled(code)) == code
    assert to_acled(osr.PlacePrecision.DISTRICT) == 2
    assert to_acled(osr.PlacePrecision.INTERNATIONAL) == 3
    for bad in (0, 8, "x", True):
        with pytest.raises(ValueError, match=r"where_prec|precision code"):
            from_ucdp(bad)


def test_frames_have_relations_and_the_new_columns() -> None:
    pytest.importorskip("pandas")
    from osintreport.frames import to_frame

    example = osr.load(WORKED_EXAMPLE)
    relations = to_frame(example, "relations")
    assert len(relations) == len(example.relations)
    assert set(relations["kind"]) == {"attributed_to", "contradicts", "derived_from"}
    claims = to_frame(example, "claims")
    assert {"original_text", "original_language", "retracted", "tlp", "created"} <= set(
        claims.columns
    )
    event = osr.Event(id="e", summary="s", casualties=Casualties(killed=Estimate(best=4)))
    events = to_frame(Report(id="r", title="t", events=(event,)), "events")
    assert events.loc[0, "fatalities_best"] == 4
    assert json.loads(events.loc[0, "casualties"]) == {"killed": {"best": 4}}


def test_worked_example_uses_the_new_parts() -> None:
    example = osr.load(WORKED_EXAMPLE)
    kinds = {r.kind for r in example.relations}
    assert {
        RelationKind.ATTRIBUTED_TO,
        RelationKind.DERIVED_FROM,
        RelationKind.CONTRADICTS,
    } <= kinds
    assert example.marking == Marking(tlp=Tlp.CLEAR)
    quotes = [c for claim in example.claims for c in claim.citations if c.original is not None]
    assert quotes and quotes[0].original is not None and quotes[0].original.language == "fa"
    assert not [f for f in osr.validate(example) if f.code[:4] in ("OSR6", "OSR7", "OSR8")]
