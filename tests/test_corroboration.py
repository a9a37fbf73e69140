"""Counting independent sources, and finding circular reporting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import osintreport as osr
from osintreport.cli import main
from osintreport.corroboration import corroboration

EXAMPLE = Path(__file__).parent.parent / "examples" / "isw-2023-08-03-syria-coordination.yaml"
DERIVED = osr.RelationKind.DERIVED_FROM


def _cites(*ids: str) -> tuple[osr.Citation, ...]:
    return tuple(osr.Citation(source=i) for i in ids)


def test_three_outlets_repeating_one_telegram_post_are_one_source() -> None:
    post = osr.Source(id="tg", kind=osr.SourceKind.SOCIAL_MEDIA, url="https://t.me/chan/5")
    outlets = (
        osr.Source(id="a", publisher="Outlet A", url="https://a.example/1"),
        osr.Source(id="b", publisher="Outlet B", url="https://b.example/2"),
        osr.Source(id="c", publisher="Outlet C", url="https://c.example/3"),
    )
    witness = osr.Source(id="w", publisher="Local witness")
    report = osr.Report(
        id="r",
        title="T",
        sources=(post, *outlets, witness),
        claims=(
            osr.Claim(id="c1", text="A drone hit the depot.", citations=_cites("a", "b", "c")),
            osr.Claim(
                id="c2",
                text="The depot burned.",
                status=osr.ClaimStatus.CORROBORATED,
                citations=_cites("a", "b", "w"),
            ),
        ),
        relations=tuple(
            osr.Relation(id=f"d-{s.id}", kind=DERIVED, subject=s.id, object="tg") for s in outlets
        ),
    )
    result = corroboration(report)
    one = result.of("c1")
    assert (one.count, one.independent, one.groups) == (3, 1, (("a", "b", "c"),))
    assert one.reasons == ("a derived from tg", "b derived from tg", "c derived from tg")
    two = result.of("c2")
    assert (two.count, two.independent) == (3, 2)
    codes = [(f.code, f.subject) for f in osr.validate(report, select=["OSR9"])]
    assert codes == [("OSR902", "c1")]
    with pytest.raises(KeyError):
        result.of("missing")


def test_shared_publisher_host_and_voice_count_once() -> None:
    report = osr.Report(
        id="r",
        title="T",
        actors=(
            osr.Actor(id="gov", name="Government"),
            osr.Actor(id="mod", name="Ministry of Defence", parent="gov"),
        ),
        sources=(
            osr.Source(id="s1", publisher="SANA", url="https://sana.sy/?p=1"),
            osr.Source(id="s2", publisher="  sana ", url="https://www.sana.sy/?p=2"),
            osr.Source(id="s3", url="https://mod.gov.example/x", affiliation="mod"),
            osr.Source(id="s4", url="https://tv.example/y", affiliation="gov"),
            osr.Source(id="s5", url="https://independent.example/z"),
        ),
        claims=(
            osr.Claim(
                id="c",
                text="Troops withdrew.",
                status=osr.ClaimStatus.CORROBORATED,
                citations=_cites("s1", "s2", "s3", "s4", "s5"),
            ),
        ),
    )
    support = corroboration(report).of("c")
    assert support.groups == (("s1", "s2"), ("s3", "s4"), ("s5",))
    assert "s1, s2: same publisher 'sana'" in support.reasons
    assert "s1, s2: same host 'sana.sy'" in support.reasons
    assert "s3, s4: speak for 'gov'" in support.reasons
    assert not osr.validate(report, select=["OSR903"])


def test_circular_reporting_and_a_claim_corroborated_by_one_voice() -> None:
    report = osr.Report(
        id="r",
        title="T",
        sources=(osr.Source(id="a"), osr.Source(id="b"), osr.Source(id="c")),
        claims=(
            osr.Claim(
                id="c1",
                text="X.",
                status=osr.ClaimStatus.CORROBORATED,
                citations=_cites("a", "b"),
            ),
            osr.Claim(id="c2", text="Y.", citations=_cites("c")),
        ),
        relations=(
            osr.Relation(id="r1", kind=DERIVED, subject="a", object="b"),
            osr.Relation(id="r2", kind=DERIVED, subject="b", object="c"),
            osr.Relation(id="r3", kind=DERIVED, subject="c", object="a"),
            osr.Relation(id="r4", kind=osr.RelationKind.CORROBORATES, subject="c2", object="c1"),
        ),
    )
    result = corroboration(report)
    assert result.cycles == (("a", "b", "c"),)
    assert result.of("c1").sources == ("a", "b", "c")
    assert result.of("c1").independent == 1
    findings = osr.validate(report, select=["OSR9"])
    assert [(f.code, f.path) for f in findings] == [
        ("OSR901", "$.relations[0]"),
        ("OSR902", "$.claims[0]"),
        ("OSR903", "$.claims[0].status"),
    ]
    assert "a -> b -> c -> a" in findings[0].message
    assert result.findings() == findings


def test_a_chain_through_an_uncited_source_is_explained() -> None:
    report = osr.Report(
        id="r",
        title="T",
        sources=tuple(osr.Source(id=i, publisher=i.upper()) for i in ("a", "b", "c", "tg")),
        claims=(osr.Claim(id="c1", text="X.", citations=_cites("a", "c")),),
        relations=(
            osr.Relation(id="r1", kind=DERIVED, subject="a", object="b"),
            osr.Relation(id="r2", kind=DERIVED, subject="b", object="tg"),
            osr.Relation(id="r3", kind=DERIVED, subject="c", object="tg"),
        ),
    )
    support = corroboration(report).of("c1")
    assert support.independent == 1
    assert support.reasons == ("a derived from b", "b derived from tg", "c derived from tg")


def test_duplicates_carry_their_sources() -> None:
    report = osr.Report(
        id="r",
        title="T",
        sources=(osr.Source(id="a", publisher="A"), osr.Source(id="b", publisher="B")),
        claims=(
            osr.Claim(id="c1", text="X.", citations=_cites("a")),
            osr.Claim(id="c2", text="X again.", citations=_cites("b")),
        ),
        relations=(
            osr.Relation(id="r", kind=osr.RelationKind.DUPLICATE_OF, subject="c2", object="c1"),
        ),
    )
    result = corroboration(report)
    assert result.of("c1").sources == ("a", "b")
    assert result.of("c2").sources == ("b", "a")
    assert result.of("c1").independent == 2


def test_the_worked_example() -> None:
    report = osr.load(EXAMPLE)
    result = corroboration(report)
    saa = result.of("cl-saa-rg-deployments")
    assert (saa.count, saa.independent) == (2, 1)
    assert saa.reasons[0] == "src-eoe-9071, src-eoe-9094: same publisher 'eye of euphrates'"
    regime = result.of("cl-iran-russia-strengthen-regime")
    assert (regime.count, regime.independent) == (7, 4)
    assert result.cycles == ()
    assert [f.code for f in result.findings()] == ["OSR902"] * 5


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corroboration", str(EXAMPLE)]) == 0
    text = capsys.readouterr().out
    assert "cl-saa-rg-deployments: 2 sources, 1 independent\n" in text
    assert "    one voice: src-eoe-9071, src-eoe-9094\n" in text
    assert "cl-minister-irgc-qf-coordination: 1 source, 1 independent\n" in text
    assert "cl-grassroots-plans" not in text
    assert main(["corroboration", str(EXAMPLE), "--min-independent", "2"]) == 1
    assert "cl-saa-rg-deployments: fewer than 2 independent sources" in capsys.readouterr().out
    assert main(["corroboration", str(EXAMPLE), "--format", "json", "--all"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["claims"]) == 44
    assert data["findings"][0]["code"] == "OSR902"
    circular = osr.Report(
        id="r",
        title="T",
        sources=(osr.Source(id="a"), osr.Source(id="b")),
        relations=(
            osr.Relation(id="r1", kind=DERIVED, subject="a", object="b"),
            osr.Relation(id="r2", kind=DERIVED, subject="b", object="a"),
        ),
    )
    osr.dump(circular, tmp_path / "c.yaml")
    assert main(["corroboration", str(tmp_path / "c.yaml")]) == 1
    assert "OSR901 [warning] circular reporting: a -> b -> a" in capsys.readouterr().out
