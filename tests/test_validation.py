"""Each rule proven on a crafted bad report; the clean report gives no finding at all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given

import osintreport as osr
from osintreport import (
    Actor,
    Assessment,
    Casualties,
    CasualtyCount,
    Citation,
    Claim,
    ClaimStatus,
    Estimate,
    Event,
    Finding,
    Likelihood,
    Marking,
    Original,
    Participant,
    Place,
    Relation,
    RelationKind,
    Reliability,
    Report,
    Retraction,
    Severity,
    SideCasualties,
    Source,
    Tlp,
    When,
    validate,
)
from osintreport import strategies as ost
from osintreport.rules import DEFAULT_RULES
from osintreport.ruleset import Context, Hit, rule

TODAY = dt.date(2026, 11, 24)
W = When.parse

CREATED = dt.datetime(2023, 8, 3, 12, tzinfo=dt.UTC)

CLEAN = Report(
    id="r",
    title="Clean report",
    published=W("2023-08-03"),
    marking=Marking(tlp=Tlp.AMBER, caveats=("do not name the source",)),
    created=CREATED,
    modified=CREATED + dt.timedelta(days=1),
    created_by="an analyst",
    actors=(
        Actor(id="iran", name="Iran", kind=osr.ActorKind.STATE, country="IR"),
        Actor(id="irgc", name="IRGC", parent="iran", backers=("iran",), country="IR"),
    ),
    sources=(
        Source(
            id="s1",
            url="https://example.org/a",
            published=W("2023-07-10"),
            affiliation="iran",
            reliability=Reliability.B,
        ),
    ),
    events=(
        Event(
            id="e1",
            summary="Forces deploy.",
            when=W("2023-07-07/2023-07-09"),
            where=Place(name="Deir ez Zor", country="SY", lat=35.3, lon=40.1),
            participants=(Participant(actor="iran"),),
            casualties=Casualties(
                killed=Estimate(low=3, best=4, high=6),
                sides=(SideCasualties(actor="iran", killed=Estimate(best=2)),),
                civilians=CasualtyCount(killed=Estimate(best=1), injured=Estimate(best=5)),
            ),
            citations=(Citation(source="s1", locator=1),),
            marking=Marking(tlp=Tlp.GREEN),
        ),
    ),
    claims=(
        Claim(
            id="c1",
            text="Forces deployed.",
            original=Original(text="انتشرت القوات", language="ar", translated_by="analyst"),
            claimant="irgc",
            stated=W("2023-07"),
            about=("e1",),
            citations=(Citation(source="s1", locator=1),),
        ),
    ),
    assessments=(
        Assessment(
            id="a1",
            text="Iran very likely keeps its forces there.",
            likelihood=Likelihood.VERY_LIKELY,
            basis=("c1", "e1"),
            horizon=W("2023-08/2024"),
            citations=(Citation(source="s1", locator=2),),
        ),
    ),
    relations=(
        Relation(
            id="rel1",
            kind=RelationKind.ATTRIBUTED_TO,
            subject="e1",
            object="irgc",
            likelihood=Likelihood.LIKELY,
            confidence=osr.Confidence.MODERATE,
            citations=(Citation(source="s1", locator=1),),
            created=CREATED,
        ),
    ),
)


def codes(report: Report, **kwargs: Any) -> list[str]:
    return [f.code for f in validate(report, today=TODAY, **kwargs)]


def test_clean_report_has_no_findings() -> None:
    assert validate(CLEAN, today=TODAY) == []


def _event(**changes: Any) -> Callable[[Report], Report]:
    return lambda r: attrs.evolve(r, events=(attrs.evolve(r.events[0], **changes),))


def _claim(**changes: Any) -> Callable[[Report], Report]:
    return lambda r: attrs.evolve(r, claims=(attrs.evolve(r.claims[0], **changes),))


def _assessment(**changes: Any) -> Callable[[Report], Report]:
    return lambda r: attrs.evolve(r, assessments=(attrs.evolve(r.assessments[0], **changes),))


def _source(**changes: Any) -> Callable[[Report], Report]:
    return lambda r: attrs.evolve(r, sources=(attrs.evolve(r.sources[0], **changes),))


def _relation(**changes: Any) -> Callable[[Report], Report]:
    return lambda r: attrs.evolve(r, relations=(attrs.evolve(r.relations[0], **changes),))


def _also_claim(**fields: Any) -> Callable[[Report], Report]:
    """Add a second claim ``c2`` (corroborated unless told otherwise)."""
    fields = {"id": "c2", "text": "Forces stayed.", "status": ClaimStatus.CORROBORATED, **fields}
    return lambda r: attrs.evolve(r, claims=(*r.claims, Claim(**fields)))


def _actor(**changes: Any) -> Callable[[Report], Report]:
    return lambda r: attrs.evolve(r, actors=(r.actors[0], attrs.evolve(r.actors[1], **changes)))


def _one_voice(**claim: Any) -> Callable[[Report], Report]:
    """Cite a second source ``s2`` of the same host and voice as ``s1`` beside it."""
    s2 = Source(id="s2", url="https://example.org/b", affiliation="iran")
    cites = (Citation(source="s1", locator=1), Citation(source="s2"))
    return lambda r: _claim(citations=cites, **claim)(attrs.evolve(r, sources=(*r.sources, s2)))


def _derived_in_a_circle(r: Report) -> Report:
    s2 = Source(id="s2", url="https://example.org/b")
    circle = (
        Relation(id="d1", kind=RelationKind.DERIVED_FROM, subject="s1", object="s2"),
        Relation(id="d2", kind=RelationKind.DERIVED_FROM, subject="s2", object="s1"),
    )
    return attrs.evolve(r, sources=(*r.sources, s2), relations=(*r.relations, *circle))


CASES: list[tuple[str, Callable[[Report], Report], str]] = [
    (
        "OSR101",
        lambda r: attrs.evolve(r, claims=(*r.claims, Claim(id="e1", text="dup"))),
        "$.claims[1].id",
    ),
    ("OSR102", _claim(claimant="ghost"), "$.claims[0].claimant"),
    ("OSR102", _actor(backers=("nobody",)), "$.actors[1].backers[0]"),
    ("OSR102", _event(citations=(Citation(source="s9"),)), "$.events[0].citations[0].source"),
    ("OSR103", _event(citations=(Citation(source="iran"),)), "$.events[0].citations[0].source"),
    ("OSR103", _assessment(basis=("iran",)), "$.assessments[0].basis[0]"),
    ("OSR103", _source(affiliation="e1"), "$.sources[0].affiliation"),
    (
        "OSR104",
        lambda r: attrs.evolve(r, actors=(attrs.evolve(r.actors[0], parent="irgc"), r.actors[1])),
        "$.actors[0].parent",
    ),
    ("OSR201", _event(when=W("2023-07-12/2023-07-07")), "$.events[0].when"),
    ("OSR202", _event(when=W("2023-09-01")), "$.events[0].when"),
    ("OSR202", _claim(stated=W("2023-08-04")), "$.claims[0].stated"),
    ("OSR203", lambda r: attrs.evolve(r, published=W("2027-01-01")), "$.published"),
    ("OSR204", _source(published=W("2023-08-10")), "$.sources[0].published"),
    ("OSR205", _source(published=W("2023-06-01")), "$.events[0].citations[0]"),
    ("OSR206", _event(when=W("1023-07-07")), "$.events[0].when"),
    ("OSR207", _assessment(horizon=W("2022")), "$.assessments[0].horizon"),
    ("OSR301", _claim(citations=()), "$.claims[0]"),
    ("OSR301", _claim(citations=(Citation(locator=4),)), "$.claims[0]"),
    ("OSR302", _source(url=None), "$.events[0].citations[0]"),
    (
        "OSR303",
        lambda r: attrs.evolve(r, sources=(*r.sources, Source(id="s2", title="Unused"))),
        "$.sources[1]",
    ),
    ("OSR304", _source(reliability=Reliability.E), "$.events[0]"),
    (
        "OSR305",
        _claim(citations=(*CLEAN.claims[0].citations, Citation(locator=7))),
        "$.claims[0].citations[1]",
    ),
    (
        "OSR306",
        lambda r: _assessment(basis=("c1",))(_claim(status=ClaimStatus.FALSE)(r)),
        "$.assessments[0].basis",
    ),
    ("OSR401", _assessment(basis=()), "$.assessments[0].basis"),
    ("OSR402", _assessment(likelihood=Likelihood.UNLIKELY), "$.assessments[0].likelihood"),
    (
        "OSR403",
        _assessment(text="We assess with high confidence that Iran very likely stays."),
        "$.assessments[0].text",
    ),
    ("OSR404", _assessment(likelihood=None), "$.assessments[0]"),
    ("OSR502", _event(where=Place(name="x", country="XX")), "$.events[0].where.country"),
    ("OSR502", _actor(country="ZZ"), "$.actors[1].country"),
    ("OSR102", _relation(object="ghost"), "$.relations[0].object"),
    ("OSR103", _relation(object="s1"), "$.relations[0].object"),
    ("OSR103", _relation(subject="c1"), "$.relations[0].subject"),
    (
        "OSR102",
        _event(casualties=Casualties(sides=(SideCasualties(actor="ghost"),))),
        "$.events[0].casualties.sides[0].actor",
    ),
    (
        "OSR103",
        _claim(retracted=Retraction(reason="wrong video", replaced_by="a1")),
        "$.claims[0].retracted.replaced_by",
    ),
    ("OSR101", _relation(id="c1"), "$.relations[0].id"),
    ("OSR601", _relation(kind=RelationKind.BACKED_BY, subject="irgc"), "$.relations[0].object"),
    ("OSR602", _relation(kind=RelationKind.PART_OF, subject="e1"), "$.relations[0].object"),
    (
        "OSR603",
        lambda r: _relation(kind=RelationKind.CONTRADICTS, subject="c1", object="c2")(
            _also_claim()(_claim(status=ClaimStatus.CORROBORATED)(r))
        ),
        "$.relations[0]",
    ),
    ("OSR701", _event(marking=Marking(tlp=Tlp.RED)), "$.events[0].marking.tlp"),
    (
        "OSR701",
        lambda r: _event(marking=Marking(tlp=Tlp.GREEN))(attrs.evolve(r, marking=None)),
        "$.events[0].marking.tlp",
    ),
    ("OSR702", _relation(modified=CREATED - dt.timedelta(hours=1)), "$.relations[0].modified"),
    ("OSR702", lambda r: attrs.evolve(r, modified=CREATED - dt.timedelta(1)), "$.modified"),
    ("OSR801", _claim(original=Original(text="انتشرت القوات")), "$.claims[0].original.language"),
    (
        "OSR801",
        _event(citations=(Citation(source="s1", quote="q", original=Original(text="ق")),)),
        "$.events[0].citations[0].original.language",
    ),
    (
        "OSR802",
        _event(
            casualties=Casualties(
                killed=Estimate(best=2),
                sides=(SideCasualties(actor="iran", killed=Estimate(best=2)),),
                unknown=CasualtyCount(killed=Estimate(best=1)),
            )
        ),
        "$.events[0].casualties.killed",
    ),
    (
        "OSR802",
        _event(
            casualties=Casualties(
                injured=Estimate(low=1, high=3),
                civilians=CasualtyCount(injured=Estimate(low=4)),
            )
        ),
        "$.events[0].casualties.injured",
    ),
    ("OSR901", _derived_in_a_circle, "$.relations[1]"),
    ("OSR902", _one_voice(), "$.claims[0]"),
    ("OSR903", _one_voice(status=ClaimStatus.CORROBORATED), "$.claims[0].status"),
]


@pytest.mark.parametrize(("code", "mutate", "path"), CASES, ids=[f"{c}-{p}" for c, _, p in CASES])
def test_rule_fires_on_crafted_report(
    code: str, mutate: Callable[[Report], Report], path: str
) -> None:
    findings = validate(mutate(CLEAN), today=TODAY)
    matching = [f for f in findings if f.code == code]
    assert matching, f"{code} did not fire; got {[f.code for f in findings]}"
    assert path in [f.path for f in matching]
    rule_def = DEFAULT_RULES.get(code)
    assert rule_def is not None
    for finding in matching:
        assert finding.severity is rule_def.severity
        assert finding.message
        assert finding.hint
    # Without the rule, nothing else reports this problem under its code.
    assert code not in codes(mutate(CLEAN), ignore=[code])


def test_coordinates_rule_catches_unchecked_objects() -> None:
    with attrs.validators.disabled():
        bad_place = Place(name="swapped", lat=140.0, lon=35.0)
    report = _event(where=bad_place)(CLEAN)
    findings = [f for f in validate(report, today=TODAY) if f.code == "OSR501"]
    assert [f.path for f in findings] == ["$.events[0].where.lat"]
    assert "did you swap them?" in findings[0].hint


def test_every_rule_has_a_crafted_case() -> None:
    tested = {code for code, _, _ in CASES} | {"OSR501"}
    assert tested == {r.code for r in DEFAULT_RULES}


def test_fuzzy_dates_compare_by_bounds() -> None:
    # "2023-07~" spans all of July: not after a report published on 15 July.
    report = attrs.evolve(_event(when=W("2023-07~"))(CLEAN), published=W("2023-07-15"))
    assert "OSR202" not in codes(report)
    report = attrs.evolve(_event(when=W("2023-08~"))(CLEAN), published=W("2023-07-15"))
    assert "OSR202" in codes(report)
    # An open-ended interval is not "after" anything.
    assert "OSR202" not in codes(_event(when=W("2023-07-01/.."))(CLEAN))


def test_today_controls_the_future_rule() -> None:
    report = attrs.evolve(CLEAN, published=W("2026-12"))
    assert "OSR203" in codes(report)
    assert "OSR203" not in [f.code for f in validate(report, today=dt.date(2027, 1, 1))]


def test_select_and_ignore_by_prefix() -> None:
    broken = _claim(claimant="ghost", citations=())(CLEAN)
    assert codes(broken) == ["OSR102", "OSR301"]
    assert codes(broken, select=["OSR1"]) == ["OSR102"]
    assert codes(broken, ignore=["OSR3"]) == ["OSR102"]
    assert codes(broken, select=["OSR102", "OSR301"], ignore=["OSR301"]) == ["OSR102"]
    with pytest.raises(ValueError, match="no rule code starts with 'OSR99'"):
        validate(broken, select=["OSR99"])
    with pytest.raises(TypeError):
        validate(broken, select="OSR1")
    with pytest.raises(TypeError):
        validate({"id": "r"})  # type: ignore[arg-type]


def test_third_party_rule_and_broken_rule() -> None:
    @rule("X100", "short-title", Severity.INFO, "A report title under 20 characters.")
    def short_title(ctx: Context) -> Iterator[Hit]:
        if len(ctx.report.title) < 20:
            yield Hit(path="$.title", subject=ctx.report.id, message="short title", hint="say more")

    @rule("X101", "explodes", Severity.WARNING, "A rule with a bug.")
    def explodes(ctx: Context) -> Iterator[Hit]:
        raise KeyError("boom")
        yield  # pragma: no cover

    rules = DEFAULT_RULES.extended(short_title, explodes)
    findings = validate(CLEAN, today=TODAY, rules=rules)
    assert findings[0] == Finding(
        code="X100",
        severity=Severity.INFO,
        path="$.title",
        subject="r",
        message="short title",
        hint="say more",
    )
    assert findings[1].code == "OSR000"
    assert "X101 (explodes) failed: KeyError" in findings[1].message
    with pytest.raises(ValueError, match="share the code"):
        DEFAULT_RULES.extended(short_title, short_title)
    with pytest.raises(ValueError, match="capital letters"):
        rule("x-1", "bad", Severity.INFO, "bad code")(lambda ctx: ())


def test_severity_order() -> None:
    assert Severity.INFO < Severity.WARNING < Severity.ERROR
    assert max(Severity) is Severity.ERROR
    assert sorted([Severity.ERROR, Severity.INFO]) == [Severity.INFO, Severity.ERROR]


def test_coverage_counts_usable_sources_only() -> None:
    report = attrs.evolve(
        CLEAN,
        sources=(*CLEAN.sources, Source(id="empty")),
        claims=(
            *CLEAN.claims,
            Claim(id="c2", text="x", citations=(Citation(locator=3),)),
            Claim(id="c3", text="y", citations=(Citation(source="empty"),)),
            Claim(id="c4", text="z", citations=(Citation(source="missing"),)),
        ),
    )
    cov = osr.coverage(report)
    assert (cov.claims.total, cov.claims.cited, cov.claims.uncited) == (4, 1, ("c2", "c3", "c4"))
    assert cov.claims.ratio == 0.25
    assert (cov.events.cited, cov.assessments.cited) == (1, 1)
    assert (cov.overall.total, cov.overall.cited) == (6, 3)
    assert osr.coverage(Report(id="r", title="t")).overall.ratio == 1.0


@given(ost.reports())
def test_generated_reports_never_raise_and_references_resolve(report: Report) -> None:
    findings = validate(report, today=TODAY)
    assert all(isinstance(f, Finding) for f in findings)
    assert not {"OSR000", "OSR102", "OSR103"} & {f.code for f in findings}


@given(ost.reports())
def test_findings_pickle_and_paths_point_into_the_document(report: Report) -> None:
    import pickle

    findings = validate(report, today=TODAY)
    assert pickle.loads(pickle.dumps(findings)) == findings
    for finding in findings:
        assert finding.path.startswith("$")
