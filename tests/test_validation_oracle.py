"""The fast rules against a slow, obvious oracle, on messy generated reports.

The built-in rules find their hits with set operations over the whole report and only look
item by item where something is wrong (see ``osintreport.ruleset.Context``). Here each rule
is written again the plain way, a loop over every item, and both must give the same findings
in the same order on reports full of collisions: ids shared across kinds, references to
nothing or to the wrong kind, empty citations, sources nobody can find, intervals that end
before they start, future and implausible years, and ``When`` objects shared between items.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from osintreport import (
    Actor,
    Assessment,
    Casualties,
    Citation,
    Claim,
    ClaimStatus,
    Event,
    Participant,
    Place,
    Relation,
    RelationKind,
    Reliability,
    Report,
    Retraction,
    SideCasualties,
    Source,
    When,
    validate,
)
from osintreport import strategies as ost
from osintreport.citation_coverage import is_usable
from osintreport.relation import ENDPOINTS
from osintreport.when import FuzzyDate

TODAY = dt.date(2026, 11, 24)
KINDS = ("actors", "events", "claims", "assessments", "sources", "relations")
STATEMENTS = ("claims", "events", "assessments")
CODES = ["OSR101", "OSR102", "OSR103", "OSR201", "OSR202", "OSR203", "OSR206"]
CODES += ["OSR301", "OSR302", "OSR303", "OSR305", "OSR306", "OSR501"]
Found = tuple[str, str, str | None]

IDS = st.sampled_from(["a", "b", "c", "d", "e", "zz"])


def _odd_years() -> st.SearchStrategy[When]:
    year = st.integers(1, 9999)
    single = year.map(lambda y: When(start=FuzzyDate(year=y)))
    interval = st.tuples(year, year).map(
        lambda ys: When(start=FuzzyDate(year=ys[0]), end=FuzzyDate(year=ys[1]))
    )
    return single | interval


@st.composite
def messy_reports(draw: st.DrawFn) -> Report:
    """Reports whose items collide, dangle, point at the wrong kind and misdate."""
    any_when = ost.whens(ordered=False) | _odd_years()
    pool = draw(st.lists(any_when, min_size=1, max_size=3))
    whens = st.none() | st.sampled_from(pool) | any_when  # some When objects are shared
    maybe_id = st.none() | IDS
    cites = st.lists(
        st.builds(Citation, source=maybe_id, locator=st.none() | st.integers(0, 9)), max_size=3
    ).map(tuple)
    refs = st.lists(IDS, max_size=3).map(tuple)
    actors = st.builds(
        Actor, id=IDS, name=st.just("n"), parent=maybe_id, backers=refs, country=st.none()
    )
    sources = st.builds(
        Source,
        id=IDS,
        url=st.none() | st.just("https://example.org/x"),
        title=st.none() | st.just("a title"),
        published=whens,
        reliability=st.none() | st.sampled_from(list(Reliability)),
        affiliation=maybe_id,
    )
    places = st.none() | st.builds(Place, lat=st.floats(-90, 90), lon=st.floats(-180, 180))
    events = st.builds(
        Event,
        id=IDS,
        summary=st.just("s"),
        when=whens,
        where=places,
        participants=st.lists(st.builds(Participant, actor=IDS), max_size=3).map(tuple),
        casualties=st.none()
        | st.builds(
            Casualties,
            sides=st.lists(st.builds(SideCasualties, actor=IDS), max_size=2).map(tuple),
        ),
        citations=cites,
    )
    retractions = st.none() | st.builds(Retraction, reason=st.just("r"), replaced_by=maybe_id)
    claims = st.builds(
        Claim,
        id=IDS,
        text=st.just("t"),
        claimant=maybe_id,
        stated=whens,
        about=refs,
        status=st.sampled_from(list(ClaimStatus)),
        citations=cites,
        retracted=retractions,
    )
    assessments = st.builds(
        Assessment,
        id=IDS,
        text=st.just("t"),
        basis=refs,
        horizon=whens,
        citations=cites,
        retracted=retractions,
    )
    linked = [k for k in RelationKind if k is not RelationKind.LOCATED_AT]
    relations = st.builds(
        Relation, id=IDS, kind=st.sampled_from(linked), subject=IDS, object=IDS, citations=cites
    ) | st.builds(
        Relation,
        id=IDS,
        kind=st.just(RelationKind.LOCATED_AT),
        subject=IDS,
        where=st.builds(Place, name=st.just("p")),
    )
    return Report(
        id="r",
        title="t",
        published=draw(whens),
        period=draw(whens),
        actors=tuple(draw(st.lists(actors, max_size=4))),
        sources=tuple(draw(st.lists(sources, max_size=4))),
        events=tuple(draw(st.lists(events, max_size=5))),
        claims=tuple(draw(st.lists(claims, max_size=5))),
        assessments=tuple(draw(st.lists(assessments, max_size=3))),
        relations=tuple(draw(st.lists(relations, max_size=4))),
    )


# --- the oracle: every rule as a plain loop over every item ------------------------------------


def _references(report: Report) -> Iterator[tuple[str, str, str, frozenset[str]]]:
    """``(path, subject, target, allowed kinds)`` in the order the rule reports them."""
    actors, about, basis = frozenset({"actors"}), frozenset(KINDS), frozenset({"claims", "events"})
    for i, a in enumerate(report.actors):
        if a.parent is not None:
            yield f"$.actors[{i}].parent", a.id, a.parent, actors
        for n, b in enumerate(a.backers):
            yield f"$.actors[{i}].backers[{n}]", a.id, b, actors
    for i, s in enumerate(report.sources):
        if s.affiliation is not None:
            yield f"$.sources[{i}].affiliation", s.id, s.affiliation, actors
    for i, e in enumerate(report.events):
        for n, p in enumerate(e.participants):
            yield f"$.events[{i}].participants[{n}].actor", e.id, p.actor, actors
    for i, c in enumerate(report.claims):
        if c.claimant is not None:
            yield f"$.claims[{i}].claimant", c.id, c.claimant, actors
        for n, ref in enumerate(c.about):
            yield f"$.claims[{i}].about[{n}]", c.id, ref, about
    for i, x in enumerate(report.assessments):
        for n, ref in enumerate(x.basis):
            yield f"$.assessments[{i}].basis[{n}]", x.id, ref, basis
    for kind in STATEMENTS:
        for i, st_ in enumerate(getattr(report, kind)):
            for n, cite in enumerate(st_.citations):
                if cite.source is not None:
                    yield (
                        f"$.{kind}[{i}].citations[{n}].source",
                        st_.id,
                        cite.source,
                        frozenset({"sources"}),
                    )
    for i, e in enumerate(report.events):
        for n, side in enumerate(e.casualties.sides if e.casualties else ()):
            yield f"$.events[{i}].casualties.sides[{n}].actor", e.id, side.actor, actors
    for kind in ("claims", "assessments"):
        for i, item in enumerate(getattr(report, kind)):
            if item.retracted is not None and item.retracted.replaced_by is not None:
                path = f"$.{kind}[{i}].retracted.replaced_by"
                yield path, item.id, item.retracted.replaced_by, frozenset({kind})
    for i, r in enumerate(report.relations):
        subjects, objects = ENDPOINTS[r.kind]
        yield f"$.relations[{i}].subject", r.id, r.subject, subjects
        if r.object is not None:
            yield f"$.relations[{i}].object", r.id, r.object, objects
        for n, cite in enumerate(r.citations):
            if cite.source is not None:
                path = f"$.relations[{i}].citations[{n}].source"
                yield path, r.id, cite.source, frozenset({"sources"})


def _dates(report: Report) -> Iterator[tuple[str, str, str | None, When]]:
    """``(field, path, subject, when)`` of every date in document order."""
    for field in ("published", "period"):
        when = getattr(report, field)
        if when is not None:
            yield field, f"$.{field}", report.id, when
    for kind, field in (
        ("events", "when"),
        ("claims", "stated"),
        ("assessments", "horizon"),
        ("sources", "published"),
    ):
        for i, item in enumerate(getattr(report, kind)):
            when = getattr(item, field)
            if when is not None:
                yield field, f"$.{kind}[{i}].{field}", item.id, when


def _bad_number(value: Any, limit: float) -> bool:
    if value is None:
        return False
    if isinstance(value, bool) or not isinstance(value, int | float):
        return True
    return not (-limit <= value <= limit and math.isfinite(value))


def oracle(report: Report, today: dt.date) -> list[Found]:
    out: list[Found] = []
    by_id: dict[str, str] = {}
    for kind in KINDS:
        for i, item in enumerate(getattr(report, kind)):
            if item.id in by_id:
                out.append(("OSR101", f"$.{kind}[{i}].id", item.id))
            else:
                by_id[item.id] = kind
    refs = list(_references(report))
    out += [("OSR102", path, subject) for path, subject, t, _ in refs if t not in by_id]
    out += [
        ("OSR103", path, subject)
        for path, subject, t, allowed in refs
        if t in by_id and by_id[t] not in allowed
    ]
    dates = list(_dates(report))
    for _, path, subject, w in dates:
        s, e = w.start, w.end
        if isinstance(s, FuzzyDate) and isinstance(e, FuzzyDate) and s.earliest() > e.latest():
            out.append(("OSR201", path, subject))
    last = report.published.latest() if report.published is not None else None
    for _, path, subject, w in dates:
        first = w.earliest()
        on_time = last is None or first is None or first <= last
        if path.startswith(("$.events", "$.claims")) and not on_time:
            out.append(("OSR202", path, subject))
    for field, path, subject, w in dates:
        first = w.earliest()
        if field != "horizon" and first is not None and first > today:
            out.append(("OSR203", path, subject))
    for _, path, subject, w in dates:
        years = [p.year for p in (w.start, w.end) if isinstance(p, FuzzyDate)]
        if any(not 1900 <= y <= today.year + 50 for y in years):
            out.append(("OSR206", path, subject))
    usable = {s.id for s in report.sources if is_usable(s)}
    known = {s.id for s in report.sources}
    statements = [
        (f"$.{kind}[{i}]", s) for kind in STATEMENTS for i, s in enumerate(getattr(report, kind))
    ]
    for path, s in statements:
        if not any(c.source in usable for c in s.citations):
            out.append(("OSR301", path, s.id))
    for path, s in statements:
        for n, c in enumerate(s.citations):
            if c.source is not None and c.source not in usable and c.source in known:
                out.append(("OSR302", f"{path}.citations[{n}]", s.id))
    cited = {c.source for _, s in statements for c in s.citations}
    cited |= {c.source for r in report.relations for c in r.citations}  # relations cite too
    for i, source in enumerate(report.sources):
        if source.id not in cited:
            out.append(("OSR303", f"$.sources[{i}]", source.id))
    for path, s in statements:
        for n, c in enumerate(s.citations):
            if c.source is None:
                out.append(("OSR305", f"{path}.citations[{n}]", s.id))
    claims: dict[str, Claim] = {}
    for claim in report.claims:
        claims.setdefault(claim.id, claim)
    bad = {ClaimStatus.FALSE, ClaimStatus.DISPUTED}
    for i, x in enumerate(report.assessments):
        found = [claims.get(ref) for ref in x.basis]
        if x.basis and all(c is not None and c.status in bad for c in found):
            out.append(("OSR306", f"$.assessments[{i}].basis", x.id))
    for i, event in enumerate(report.events):
        if event.where is not None:
            for name, limit in (("lat", 90.0), ("lon", 180.0)):
                if _bad_number(getattr(event.where, name), limit):
                    out.append(("OSR501", f"$.events[{i}].where.{name}", event.id))
    return out


def _fast(report: Report) -> list[Found]:
    return [(f.code, f.path, f.subject) for f in validate(report, select=CODES, today=TODAY)]


@given(messy_reports())
def test_rules_agree_with_the_oracle(report: Report) -> None:
    assert _fast(report) == oracle(report, TODAY)


@given(ost.reports())
def test_rules_agree_with_the_oracle_on_valid_reports(report: Report) -> None:
    assert _fast(report) == oracle(report, TODAY)


@pytest.mark.parametrize(
    "lat", [math.nan, math.inf, -math.inf, True, False, "1", 90.5, -91, 0, 0.0, 90, 10**400, None]
)
def test_coordinate_rule_agrees_with_the_oracle_on_unchecked_values(lat: Any) -> None:
    with attrs.validators.disabled():
        place = Place(lat=lat, lon=None if lat is None else -180.0)
        report = Report(
            id="r",
            title="t",
            events=(
                Event(id="e1", summary="s", where=Place(lat=1.5, lon=2)),
                Event(id="e2", summary="s", where=place),
            ),
        )
    fast = [f for f in _fast(report) if f[0] == "OSR501"]
    assert fast == [f for f in oracle(report, TODAY) if f[0] == "OSR501"]
    expected_bad = lat is not None and _bad_number(lat, 90.0)
    assert fast == ([("OSR501", "$.events[1].where.lat", "e2")] if expected_bad else [])
