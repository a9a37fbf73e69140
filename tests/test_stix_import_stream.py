"""``convert_stix``: a bundle of any size read in passes, the same report as ``read_stix``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import osintreport as osr
from osintreport import strategies as ost
from osintreport.errors import LoadError
from osintreport.model import COLLECTIONS
from osintreport.serialization import Format
from osintreport.stix import EXTENSION_ID, convert_stix, read_stix, to_stix

from .conftest import CORPUS, WORKED_EXAMPLE

APT1 = CORPUS / "stix" / "cti-documentation__apt1.json"


def _foreign(bundle: dict[str, Any]) -> dict[str, Any]:
    """The bundle as another tool would write it: no osintreport extension anywhere."""
    objects = []
    for obj in bundle["objects"]:
        obj = dict(obj)
        extensions = dict(obj.get("extensions") or {})
        extensions.pop(EXTENSION_ID, None)
        if extensions:
            obj["extensions"] = extensions
        else:
            obj.pop("extensions", None)
        objects.append(obj)
    return {**bundle, "objects": objects}


def _same(bundle: Any, folder: Path, format: Format = "jsonl", report_id: str | None = None) -> str:
    """Read ``bundle`` both ways; assert the same text and problems; return the text."""
    source = folder / "bundle.json"
    source.write_text(json.dumps(bundle, indent=1), encoding="utf-8")
    whole = read_stix(json.loads(source.read_text(encoding="utf-8")))
    report = whole.report if report_id is None else attrs.evolve(whole.report, id=report_id)
    expected = osr.dumps(report, format)
    target = folder / f"out.{format}"
    done = convert_stix(source, target, format, report_id=report_id)
    text = target.read_text(encoding="utf-8")
    assert text == expected
    assert done.problems == whole.problems
    assert dict(done.counts) == {k: len(getattr(report, k)) for k in COLLECTIONS}
    return text


def test_the_worked_example_both_ways(tmp_path: Path) -> None:
    bundle = to_stix(osr.load(WORKED_EXAMPLE))
    for format in ("jsonl", "json", "yaml"):
        _same(bundle, tmp_path, format)
    text = _same(_foreign(bundle), tmp_path)
    assert '"x_stix_objects"' in text  # the opinions and the extension definition stay
    _same(bundle, tmp_path, "json", report_id="renamed")


def test_the_corpus_bundles_both_ways(tmp_path: Path) -> None:
    bundles = sorted((CORPUS / "stix").glob("*.json"))
    if APT1 not in bundles:
        pytest.skip("corpus not available")
    for bundle in bundles:
        for format in ("yaml", "jsonl"):
            text = _same(json.loads(bundle.read_text(encoding="utf-8")), tmp_path, format)
            assert "x_stix_objects" in text or "x_stix_" not in bundle.read_text()


_IDS = [f"{kind}--{n}" for kind in ("identity", "threat-actor", "incident", "note") for n in (1, 2)]
_IDS += ["location--1", "location--2", "malware--1", "marking-definition--s", "report--1"]


@st.composite
def _foreign_objects(draw: st.DrawFn) -> dict[str, Any]:
    """An object another STIX tool might write, pointing at the others by id."""
    ident = draw(st.sampled_from([*_IDS, "relationship--1", "relationship--2", "opinion--1"]))
    kind = ident.split("--")[0]
    obj: dict[str, Any] = {"type": kind, "id": ident}
    refs = st.lists(st.sampled_from(_IDS), max_size=3)
    text = st.sampled_from(["Alpha", "Beta group", "Кремль", "  ", "Alpha"])
    if kind in ("identity", "threat-actor", "malware", "report", "incident"):
        obj["name"] = draw(text)
    if kind == "note":
        obj["content"] = draw(text)
        obj["object_refs"] = draw(refs)
        if draw(st.booleans()):
            obj["abstract"] = "Assessment"
    if kind == "report":
        obj["object_refs"] = draw(refs)
        # An actor, or the report itself (another kind of publisher is found only after
        # the report by the streaming reader).
        obj["created_by_ref"] = draw(st.sampled_from([*_IDS[:4], "report--1", "x--9"]))
    if kind == "relationship":
        obj["relationship_type"] = draw(
            st.sampled_from(["located-at", "attributed-to", "uses", "related-to", "part-of"])
        )
        obj["source_ref"] = draw(st.sampled_from(_IDS))
        obj["target_ref"] = draw(st.sampled_from(_IDS))
    if kind == "location":
        obj["country"] = draw(st.sampled_from(["SY", "Syria", "Atlantis"]))
        obj["latitude"], obj["longitude"] = 35.0, 40.0
    if kind == "marking-definition":
        obj["definition_type"] = "statement"
        obj["definition"] = {"statement": draw(text)}
    if kind == "opinion":
        obj["opinion"] = draw(st.sampled_from(["agree", "disagree", "neutral"]))
        obj["object_refs"] = draw(refs)
    if draw(st.booleans()):
        obj["object_marking_refs"] = ["marking-definition--s"]
    if draw(st.booleans()):
        url = draw(st.sampled_from(["https://a.example/1", "https://b.example/2", "not a url"]))
        obj["external_references"] = [{"source_name": draw(text), "url": url}]
    if draw(st.booleans()):
        obj["x_custom"] = draw(st.integers())
    if draw(st.booleans()):  # versions of one object, told apart by it (or not)
        obj["modified"] = draw(st.sampled_from(_MODIFIED))
    return obj


_MODIFIED = [
    "2024-01-01T00:00:00Z",
    "2024-01-01T00:00:00.000Z",  # the same instant
    "2024-03-01T00:00:00.000Z",
    "2024-01-01T01:00:00+02:00",  # earlier than the first
    "not a time",
    5,
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_foreign_objects(), max_size=14))
def test_foreign_bundles_both_ways(
    tmp_path_factory: pytest.TempPathFactory, objects: list[dict[str, Any]]
) -> None:
    """Objects of many types pointing at one another (and at ids no object has).

    An id may be given to several objects (versions of one, whose latest is read).
    """
    _same({"type": "bundle", "id": "bundle--1", "objects": objects}, tmp_path_factory.mktemp("f"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ost.reports(), st.randoms(use_true_random=False), st.booleans())
def test_generated_bundles_both_ways(
    tmp_path_factory: pytest.TempPathFactory, report: osr.Report, random: Any, foreign: bool
) -> None:
    """Native or foreign, shuffled, with stray entries: the same report and problems."""
    bundle = to_stix(report)
    if foreign:
        bundle = _foreign(bundle)
    objects: list[Any] = list(bundle["objects"])
    random.shuffle(objects)
    for stray in ("not an object", {"type": "identity"}, {"id": "x--1"}):
        if random.random() < 0.3:
            objects.insert(random.randrange(len(objects) + 1), stray)
    _same({**bundle, "objects": objects}, tmp_path_factory.mktemp("b"))


def test_odd_bundles_go_the_whole_way(tmp_path: Path) -> None:
    objects = [{"type": "identity", "id": "identity--1", "name": "A"}]
    source = tmp_path / "b.json"
    for text in (
        '{"objects": [{"type": "identity", "id": "identity--1", "name": "A", "name": "B"}]}',
        '{"objects": [], "objects": [{"type": "identity", "id": "identity--1"}]}',
        json.dumps({"id": "bundle--1", "objects": objects, "spec_version": "2.1"}),
    ):
        source.write_text(text, encoding="utf-8")
        convert_stix(source, tmp_path / "r.jsonl", "jsonl")
        expected = osr.dumps(read_stix(json.loads(text)).report, "jsonl")
        assert (tmp_path / "r.jsonl").read_text(encoding="utf-8") == expected
    nan = '{"id": "bundle--1", "objects": [{"type": "x", "id": "x--1", "n": NaN}]}'
    surrogate = '{"objects": [{"type": "identity", "id": "identity--1", "name": "\\ud800"}]}'
    for text, message in (
        ("[1, 2]", "not a STIX bundle"),
        ("{", "Expecting"),
        (nan, "got nan"),
        (surrogate, "surrogate"),
    ):
        source.write_text(text, encoding="utf-8")
        with pytest.raises(LoadError, match=message) as caught:
            convert_stix(source, tmp_path / "r.jsonl", "jsonl")
        assert caught.value.problems[0].file == str(source)
    with pytest.raises(LoadError, match="cannot read file"):
        convert_stix(tmp_path / "missing.json", tmp_path / "r.jsonl", "jsonl")


def test_a_long_report_object_is_read_key_by_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report listing a million objects is not parsed whole: its object_refs go to disk."""
    from osintreport import _json_items

    monkeypatch.setattr(_json_items, "CHUNK", 512)
    monkeypatch.setattr(_json_items, "LONG", 4096)
    monkeypatch.setattr(_json_items, "SPILL", 8)
    bundle = to_stix(osr.load(WORKED_EXAMPLE))
    report = next(o for o in bundle["objects"] if o["type"] == "report")
    assert len(json.dumps(report)) > 4096 and len(report["object_refs"]) > 8
    _same(bundle, tmp_path, "yaml")
    foreign = _foreign(bundle)
    text = _same(foreign, tmp_path, "json")  # a foreign report's object_refs are kept whole
    head = json.loads(text)
    assert head["x_stix_object_refs"] == report["object_refs"]


def test_foreign_objects_added_to_an_export_find_its_objects(tmp_path: Path) -> None:
    """A STIX tool adds notes, opinions, incidents and relationships to a bundle we wrote."""
    bundle = to_stix(osr.load(WORKED_EXAMPLE))
    objects = bundle["objects"]
    location = next(o["id"] for o in objects if o["type"] == "location")
    incident = next(o["id"] for o in objects if o["type"] == "incident")
    actor = next(o["id"] for o in objects if o["type"] in ("identity", "threat-actor"))
    added = [
        {"type": "incident", "id": "incident--f1", "name": "Raid"},
        {
            "type": "relationship",
            "id": "relationship--f1",
            "relationship_type": "located-at",
            "source_ref": "incident--f1",
            "target_ref": location,
        },
        {
            "type": "relationship",
            "id": "relationship--f2",
            "relationship_type": "attributed-to",
            "source_ref": incident,
            "target_ref": actor,
        },
        {
            "type": "note",
            "id": "note--f1",
            "content": "Seen by two witnesses",
            "object_refs": [incident, "incident--f1", "incident--missing"],
            "x_osintreport_claimant": "irgc-qf",
        },
        {"type": "note", "id": "note--f2", "content": "Other", "x_osintreport_claimant": "x"},
        {"type": "opinion", "id": "opinion--f1", "opinion": "agree", "object_refs": ["note--f1"]},
    ]
    text = _same({**bundle, "objects": [*added[:3], *objects, *added[3:]]}, tmp_path)
    report = osr.loads(text, "jsonl")
    note = next(c for c in report.claims if c.text == "Seen by two witnesses")
    assert note.claimant == "irgc-qf"
    assert len(note.about) == 2
    assert any(r.subject == "raid" and r.where is not None for r in report.relations)


def test_progress_counts_twice_the_bundle(tmp_path: Path) -> None:
    bundle = _foreign(to_stix(osr.load(WORKED_EXAMPLE)))
    source = tmp_path / "bundle.json"
    source.write_text(json.dumps(bundle), encoding="utf-8")
    ticks: list[int] = []
    convert_stix(source, tmp_path / "r.yaml", "yaml", progress=ticks.append)
    assert all(tick >= 0 for tick in ticks)
    assert sum(ticks) == 2 * source.stat().st_size
    assert len(ticks) > 3  # the second half is counted object by object
