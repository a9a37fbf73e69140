"""Merging reports: entity resolution, the reviewable plan, and the algebra of merge."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import osintreport as osr
from osintreport.merge import MERGED_IDS, MergePlan, MergePlanError, merge, plan_merge
from osintreport.merge._combine import renamed
from osintreport.merge._keys import acronym, name_key, url_key
from osintreport.model import COLLECTIONS
from osintreport.strategies import reports

EXAMPLE = Path(__file__).parent.parent / "examples" / "isw-2023-08-03-syria-coordination.yaml"


def _report(rid: str, **collections: object) -> osr.Report:
    return osr.Report(id=rid, title=f"Report {rid}", **collections)  # type: ignore[arg-type]


def test_names_match_across_spellings_and_scripts() -> None:
    assert name_key("The Quds Force") == name_key("quds-force") == "quds force"
    assert name_key("Hay'at Taḥrir al-Sham") == "hay at tahrir al sham"
    assert name_key("Кремль") == "kreml"
    assert acronym("IRGC-QF") == ("acronym", "irgcqf")
    assert acronym("Islamic Revolutionary Guard Corps Quds Force") == ("initials", "irgcqf")
    assert acronym("Quds Force") is None
    assert url_key("HTTPS://www.Example.com/a/?utm_source=x&id=3#top") == "example.com/a?id=3"


def test_actors_in_two_scripts_and_an_acronym_become_one() -> None:
    a = _report(
        "a",
        actors=(
            osr.Actor(id="hts", name="Hayat Tahrir al-Sham", aliases=("هيئة تحرير الشام",)),
            osr.Actor(id="sdf", name="Syrian Democratic Forces"),
        ),
    )
    b = _report(
        "b",
        actors=(
            osr.Actor(id="tahrir", name="هيئة تحرير الشام"),
            osr.Actor(id="qsd", name="SDF", description="Kurdish-led"),
        ),
    )
    result = merge(a, b)
    assert [(x.id, x.aliases) for x in result.report.actors] == [
        ("hts", ("هيئة تحرير الشام",)),
        ("sdf", ("SDF",)),
    ]
    assert result.report.actors[1].description == "Kurdish-led"
    assert result.report.actors[1].extensions[MERGED_IDS] == ["qsd"]
    decisions = {d.into: d for d in result.plan.decisions}
    assert decisions["hts"].members == (("a", "hts"), ("b", "tahrir"))
    assert decisions["hts"].evidence == ("name 'هيئة تحرير الشام'",)
    assert decisions["sdf"].evidence == ("acronym 'SDF'",)


def test_initials_alone_do_not_merge() -> None:
    a = _report("a", actors=(osr.Actor(id="raf", name="Russian Air Force"),))
    b = _report("b", actors=(osr.Actor(id="rarmy", name="Russian armed forces"),))
    assert [x.id for x in merge(a, b).report.actors] == ["raf", "rarmy"]


def test_external_ids_merge_and_references_follow() -> None:
    qf = osr.ExternalIds(wikidata="Q1571617")
    a = _report("a", actors=(osr.Actor(id="irgc-qf", name="IRGC-QF", external_ids=qf),))
    claim = osr.Claim(id="c1", text="The Quds Force moved.", claimant="qf", about=("qf",))
    b = _report(
        "b",
        actors=(osr.Actor(id="qf", name="Quds Force", external_ids=qf, country="IR"),),
        claims=(claim,),
        events=(
            osr.Event(
                id="e1",
                summary="Strike.",
                participants=(osr.Participant(actor="qf", role=osr.Role.TARGET),),
            ),
        ),
    )
    merged = merge(a, b).report
    assert merged.claims[0].claimant == "irgc-qf"
    assert merged.claims[0].about == ("irgc-qf",)
    assert merged.events[0].participants[0].actor == "irgc-qf"
    assert merged.actors[0].country == "IR"
    assert osr.validate(merged).codes().get("OSR102") is None


def test_sources_with_one_url_are_one_and_colliding_ids_are_renamed() -> None:
    a = _report(
        "a",
        sources=(osr.Source(id="s1", url="https://www.sana.sy/en/?p=1"),),
        claims=(osr.Claim(id="c1", text="A.", citations=(osr.Citation(source="s1"),)),),
    )
    b = _report(
        "b",
        sources=(
            osr.Source(id="s9", url="http://sana.sy/en/?p=1&utm_source=tg", title="SANA"),
            osr.Source(id="s1", url="https://example.org/other"),
        ),
        claims=(
            osr.Claim(id="c1", text="B.", citations=(osr.Citation(source="s1"),)),
            osr.Claim(id="c2", text="C.", citations=(osr.Citation(source="s9"),)),
        ),
    )
    merged = merge(a, b).report
    assert [(s.id, s.url, s.title) for s in merged.sources] == [
        ("s1", "https://www.sana.sy/en/?p=1", "SANA"),
        ("s1-2", "https://example.org/other", None),
    ]
    assert [(c.id, c.citations[0].source) for c in merged.claims] == [
        ("c1", "s1"),
        ("c1-2", "s1-2"),
        ("c2", "s1"),
    ]
    assert not osr.validate(merged).codes().get("OSR101")


def test_conflicts_are_recorded_and_the_stricter_marking_wins() -> None:
    a = _report(
        "a",
        actors=(osr.Actor(id="x", name="X", country="SY", marking=osr.Marking(tlp=osr.Tlp.GREEN)),),
    )
    b = _report(
        "b",
        actors=(
            osr.Actor(
                id="x",
                name="X",
                country="IQ",
                marking=osr.Marking(tlp=osr.Tlp.AMBER, caveats=("no names",)),
            ),
        ),
    )
    result = merge(a, b)
    actor = result.report.actors[0]
    assert actor.country == "SY"
    assert actor.marking == osr.Marking(tlp=osr.Tlp.AMBER, caveats=("no names",))
    assert result.plan.decisions[0].conflicts == ("country: SY / IQ",)


def test_a_turned_down_decision_keeps_objects_apart_and_round_trips() -> None:
    a = _report("a", actors=(osr.Actor(id="irgc-qf", name="IRGC-QF"),))
    b = _report(
        "b",
        actors=(osr.Actor(id="qf", name="Quds Force", aliases=("IRGC-QF",)),),
        claims=(osr.Claim(id="c", text="Moved.", claimant="qf"),),
    )
    plan = plan_merge(a, b)
    data = json.loads(json.dumps(plan.to_data()))
    assert MergePlan.from_data(data) == plan
    data["decisions"][0]["accept"] = False
    reviewed = MergePlan.from_data(data)
    result = merge(a, b, plan=reviewed)
    assert [x.id for x in result.report.actors] == ["irgc-qf", "qf"]
    assert result.report.claims[0].claimant == "qf"
    assert result.plan.rejected() == reviewed.rejected()
    assert merge(a, b, plan=plan).report == merge(a, b).report


def test_a_plan_for_other_reports_is_refused() -> None:
    a = _report("a")
    plan = plan_merge(a, _report("b"))
    with pytest.raises(MergePlanError, match="make a new plan"):
        merge(a, _report("c"), plan=plan)
    with pytest.raises(MergePlanError, match="not a merge plan"):
        MergePlan.from_data({"reports": ["a"], "decisions": [{"into": "x"}]})
    with pytest.raises(MergePlanError, match="accept must be"):
        MergePlan.from_data(
            {
                "reports": ["a"],
                "decisions": [{"collection": "actors", "into": "x", "members": [], "accept": "no"}],
            }
        )


def test_the_worked_example_merged_with_itself_is_unchanged() -> None:
    report = osr.load(EXAMPLE)
    assert merge(report).report == report
    result = merge(report, report)
    assert result.report == report
    assert result.plan.decisions == ()
    assert result.plan.reports == (report.id, f"{report.id}#2")


# -- the algebra ---------------------------------------------------------------------------


@st.composite
def collections(draw: st.DrawFn) -> list[osr.Report]:
    """Two to four reports on one "world", as daily reports from several publishers are.

    Each holds some of the world's objects and everything they refer to (as a valid report
    does); some actors have another id (a publisher's own) but their name, which is how a
    merge can tell they are one.
    """
    world = draw(reports(max_items=4))
    out = []
    for number in range(draw(st.integers(2, 4))):
        chosen = {
            o.id
            for name in COLLECTIONS
            if getattr(world, name)
            for o in draw(st.lists(st.sampled_from(getattr(world, name)), max_size=4))
        }
        kept = _closed(world, chosen)
        aliases = {
            actor.id: f"{actor.id}-alias-{number}"
            for actor in kept["actors"]
            if name_key(actor.name) and draw(st.booleans())
        }

        def ref(i: str, aliases: dict[str, str] = aliases) -> str:
            return aliases.get(i, i)

        for name in COLLECTIONS:
            kept[name] = tuple(attrs.evolve(renamed(o, ref), id=ref(o.id)) for o in kept[name])
        out.append(attrs.evolve(world, id=f"{world.id}-{number}", **kept))
    return out


def _closed(world: osr.Report, chosen: set[str]) -> dict[str, Any]:
    """The objects of ``world`` with an id in ``chosen`` and every object they refer to."""
    by_id = {o.id: o for name in COLLECTIONS for o in getattr(world, name)}
    todo = list(chosen)
    while todo:
        found: list[str] = []

        def note(i: str, found: list[str] = found) -> str:
            found.append(i)
            return i

        renamed(by_id[todo.pop()], note)
        for i in found:
            if i in by_id and i not in chosen:
                chosen.add(i)
                todo.append(i)
    return {name: tuple(o for o in getattr(world, name) if o.id in chosen) for name in COLLECTIONS}


_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(collections())
def test_merge_is_associative(parts: list[osr.Report]) -> None:
    flat = merge(*parts).report
    left = parts[0]
    for part in parts[1:]:
        left = merge(left, part).report
    right = parts[-1]
    for part in reversed(parts[:-1]):
        right = merge(part, right).report
    assert left == flat
    assert right == flat


@_SETTINGS
@given(collections())
def test_merge_is_idempotent(parts: list[osr.Report]) -> None:
    merged = merge(*parts).report
    assert merge(merged).report == merged
    assert merge(merged, merged).report == merged
    assert merge(*parts, *parts).report == merged


# -- the command ---------------------------------------------------------------------------


def _files(tmp_path: Path) -> tuple[str, str]:
    a = _report("a", actors=(osr.Actor(id="irgc-qf", name="IRGC-QF", country="IR"),))
    b = _report(
        "b",
        actors=(osr.Actor(id="qf", name="Quds Force", aliases=("IRGC-QF",), country="IQ"),),
        claims=(osr.Claim(id="c1", text="The Quds Force moved.", claimant="qf"),),
    )
    osr.dump(a, tmp_path / "a.yaml")
    osr.dump(b, tmp_path / "b.json")
    return str(tmp_path / "a.yaml"), str(tmp_path / "b.json")


def test_cli_merge_review_and_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from osintreport.cli import main

    a, b = _files(tmp_path)
    assert main(["merge", a, b, "--review"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines() == [
        "merge of a, b: 1 decision",
        "+ actors/irgc-qf <- a:irgc-qf, b:qf",
        "    because name 'IRGC-QF'",
        "    conflict country: IR / IQ",
    ]
    assert not list(tmp_path.glob("*.yaml"))[1:]  # --review writes nothing
    plan = tmp_path / "plan.json"
    out = tmp_path / "ab.yaml"
    assert main(["merge", a, b, "-o", str(out), "--write-plan", str(plan)]) == 0
    merged = osr.load(out)
    assert [x.id for x in merged.actors] == ["irgc-qf"]
    assert merged.claims[0].claimant == "irgc-qf"
    assert "1 merge decisions taken, 0 turned down" in capsys.readouterr().err
    data = json.loads(plan.read_text())
    assert data["decisions"][0]["members"] == [
        {"report": "a", "id": "irgc-qf"},
        {"report": "b", "id": "qf"},
    ]
    data["decisions"][0]["accept"] = False
    plan.write_text(json.dumps(data))
    assert main(["merge", a, b, "--plan", str(plan), "--to", "json"]) == 0
    kept_apart = osr.loads(capsys.readouterr().out, "json")
    assert [x.id for x in kept_apart.actors] == ["irgc-qf", "qf"]
    assert main(["merge", a, b, "--review", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["reports"] == ["a", "b"]


def test_cli_merge_names_a_bad_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from osintreport.cli import main

    a, b = _files(tmp_path)
    bad = tmp_path / "plan.json"
    bad.write_text("{")
    assert main(["merge", a, b, "--plan", str(bad)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "--write-plan" in err
    bad.write_text(json.dumps({"reports": ["x", "y"], "decisions": []}))
    assert main(["merge", a, b, "--plan", str(bad)]) == 2
    assert "make a new plan" in capsys.readouterr().err


def test_names_in_another_script_need_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from osintreport import _slugs
    from osintreport.errors import MissingExtraError

    _slugs.transliterator.cache_clear()
    monkeypatch.setitem(sys.modules, "anyascii", None)
    try:
        assert name_key("Ça Ira") == "ca ira"  # accents need nothing
        with pytest.raises(MissingExtraError, match=r"osintreport\[merge\]"):
            name_key("Кремль")
    finally:
        _slugs.transliterator.cache_clear()


def test_texts_match_in_their_own_script_without_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    from osintreport import _slugs
    from osintreport.merge._keys import text_key

    _slugs.transliterator.cache_clear()
    monkeypatch.setitem(sys.modules, "anyascii", None)  # prose needs no transliteration
    try:
        summary = "اشتباكات بين قوات النظام وقسد قرب الفرات"
        assert text_key(summary + ".") == text_key("  " + summary) == summary
        assert text_key("The SDF, near Raqqa!") == "the sdf near raqqa"
        assert text_key("Attaque à Homs") == text_key("attaque a homs")
        a = _report(
            "a", events=(osr.Event(id="e1", summary=summary, when=osr.When.parse("2023-08-01")),)
        )
        b = _report(
            "b",
            events=(osr.Event(id="x9", summary=summary + ".", when=osr.When.parse("2023-08-01")),),
        )
        result = merge(a, b)
        assert [e.id for e in result.report.events] == ["e1"]
        assert result.plan.decisions[0].evidence == (f"same summary {summary!r}",)
    finally:
        _slugs.transliterator.cache_clear()


def test_a_marking_merged_with_copies_of_itself_stays_as_written() -> None:
    # Hypothesis found it: a caveat written twice was joined once only when the claim met
    # a copy of itself, so merge(a, b, a, b) differed from merge(a, b).
    from osintreport.handling import Marking, Retraction

    first = osr.Claim(
        id="c1",
        text="0",
        retracted=Retraction(reason="0", replaced_by="c2"),
        marking=Marking(caveats=("0", "0")),
    )
    parts = [_report("a", claims=(first, osr.Claim(id="c2", text="0"))), _report("b")]
    merged = merge(*parts).report
    assert merged.claims[0].marking == Marking(caveats=("0", "0"))
    assert merge(*parts, *parts).report == merged
    two = Marking(caveats=("x",))
    joined = merge(_report("a", claims=(attrs.evolve(first, marking=two),)), parts[0])
    assert joined.report.claims[0].marking == Marking(caveats=("x", "0"))
