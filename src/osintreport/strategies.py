"""Hypothesis strategies for the model, for your own property tests.

Needs the ``hypothesis`` extra (``pip install 'osintreport[hypothesis]'``)::

    from hypothesis import given
    from osintreport import strategies as ost

    @given(ost.reports())
    def test_my_exporter_accepts_any_report(report):
        my_exporter(report)

:func:`reports` builds valid, cross-referenced reports: every id is unique, and every
reference (citation source, participant, claimant, ``about``, ``basis``, ``parent``,
``backers``, ``affiliation``) points at an object of the right kind in the same report.
Text mixes Latin, Arabic, Persian and Cyrillic letters.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from collections.abc import Sequence
from typing import Any

import attrs

from .errors import MissingExtraError

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - exercised only without the extra
    raise MissingExtraError("hypothesis", "hypothesis", "osintreport.strategies") from error

from .model import Actor, Assessment, Claim, Event, Report, Source
from .parts import Citation, Estimate, ExternalIds, Participant, Place
from .vocab import (
    ActorKind,
    ClaimStatus,
    Confidence,
    Credibility,
    EventKind,
    Likelihood,
    PlacePrecision,
    Reliability,
    Role,
    SourceKind,
)
from .when import FuzzyDate, OpenEnd, Unspecified, When

__all__ = [
    "actors",
    "assessments",
    "citations",
    "claims",
    "estimates",
    "events",
    "extensions",
    "fuzzy_dates",
    "identifiers",
    "participants",
    "places",
    "reports",
    "sources",
    "texts",
    "urls",
    "whens",
]

_SCRIPTS = "abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789.,;:-'\"()[]/" + (
    "ابتثجحخدذرسشصضطظعغفقكلمنهوي"  # Arabic
    "پچژگکی"  # Persian letters beyond Arabic
    "абвгдежзийклмнопрстуфхцчшщыэюя"  # Cyrillic
)


def texts(*, min_size: int = 1, max_size: int = 60) -> st.SearchStrategy[str]:
    """Non-blank text mixing Latin, Arabic, Persian and Cyrillic, sometimes any unicode."""
    scripted = st.text(alphabet=_SCRIPTS, min_size=min_size, max_size=max_size)
    anything = st.text(alphabet=st.characters(codec="utf-8"), min_size=min_size, max_size=max_size)
    return st.one_of(scripted, scripted, anything).filter(lambda s: bool(s.strip()))


def identifiers() -> st.SearchStrategy[str]:
    """Readable ids such as ``irgc-qf`` or ``ev-12``."""
    word = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=8)
    return st.lists(word, min_size=1, max_size=3).map("-".join)


def urls() -> st.SearchStrategy[str]:
    """Absolute http(s) URLs, some with percent-encoded or non-Latin paths."""
    host = st.sampled_from(["sana.sy", "www.tasnimnews.com", "ria.ru", "example.org", "x.com"])
    path = st.text(
        alphabet=string.ascii_letters + string.digits + "-_/%.?=&" + "وقفةریا", max_size=30
    )
    return st.builds(
        lambda s, h, p: f"{s}://{h}/{p}", st.sampled_from(["http", "https"]), host, path
    )


def _json_values() -> st.SearchStrategy[Any]:
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**12), 10**12),
        st.floats(allow_nan=False, allow_infinity=False),
        texts(min_size=0, max_size=20),
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(
                st.text(string.ascii_lowercase, min_size=1, max_size=6), inner, max_size=3
            ),
        ),
        max_leaves=6,
    )


def extensions() -> st.SearchStrategy[dict[str, Any]]:
    """Extension data: ``x_`` keys with JSON values; mostly empty."""
    key = st.text(string.ascii_lowercase + "_", min_size=1, max_size=8).map(lambda k: "x_" + k)
    return st.one_of(st.just({}), st.dictionaries(key, _json_values(), max_size=2))


@st.composite
def fuzzy_dates(draw: st.DrawFn, *, in_interval: bool = False) -> FuzzyDate:
    """Valid :class:`FuzzyDate` values of every precision, seasons and X digits included."""
    year = draw(st.integers(1900, 2100))
    shape = draw(st.sampled_from(["year", "month", "day", "season", "unspecified"]))
    approximate, uncertain = draw(st.booleans()), draw(st.booleans())
    if shape == "year":
        return FuzzyDate(year=year, approximate=approximate, uncertain=uncertain)
    if shape == "season":
        return FuzzyDate(year=year, month=draw(st.integers(21, 24)))
    month = draw(st.integers(1, 12))
    if shape == "month":
        return FuzzyDate(year=year, month=month, approximate=approximate, uncertain=uncertain)
    if shape == "day" or in_interval:
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
        return FuzzyDate(
            year=year,
            month=month,
            day=draw(st.integers(1, last)),
            approximate=approximate,
            uncertain=uncertain,
        )
    kind = draw(st.sampled_from([u for u in Unspecified if u is not Unspecified.NONE]))
    if kind is Unspecified.DECADE:
        return FuzzyDate(
            year=year - year % 10, unspecified=kind, approximate=approximate, uncertain=uncertain
        )
    if kind is Unspecified.CENTURY:
        return FuzzyDate(
            year=year - year % 100, unspecified=kind, approximate=approximate, uncertain=uncertain
        )
    if kind is Unspecified.DAY:
        return FuzzyDate(
            year=year, month=month, unspecified=kind, approximate=approximate, uncertain=uncertain
        )
    return FuzzyDate(year=year, unspecified=kind, approximate=approximate, uncertain=uncertain)


@st.composite
def whens(draw: st.DrawFn, *, ordered: bool = True) -> When:
    """Valid :class:`When` values: single dates and intervals with open or unknown ends.

    Args:
        ordered: Keep interval starts on or before their ends (what a valid report has).
    """
    if draw(st.booleans()):
        return When(start=draw(fuzzy_dates()))
    ends = st.one_of(fuzzy_dates(in_interval=True), st.sampled_from(list(OpenEnd)))
    start = draw(ends)
    if isinstance(start, OpenEnd):
        end: FuzzyDate | OpenEnd = draw(fuzzy_dates(in_interval=True))
    else:
        end = draw(ends)
    if (
        ordered
        and isinstance(start, FuzzyDate)
        and isinstance(end, FuzzyDate)
        and start.earliest() > end.latest()
    ):
        start, end = end, start
    return When(start=start, end=end)


def places() -> st.SearchStrategy[Place]:
    """Valid places, with or without coordinates."""
    coords = st.one_of(
        st.just((None, None)),
        st.tuples(st.floats(-90, 90, allow_nan=False), st.floats(-180, 180, allow_nan=False)),
    )
    return st.builds(
        lambda c, **kw: Place(lat=c[0], lon=c[1], **kw),
        coords,
        name=st.none() | texts(),
        admin1=st.none() | texts(max_size=20),
        admin2=st.none() | texts(max_size=20),
        country=st.none() | st.sampled_from(["SY", "IR", "RU", "US", "IQ", "UA"]),
        precision=st.none() | st.sampled_from(list(PlacePrecision)),
        extensions=extensions(),
    )


@st.composite
def estimates(draw: st.DrawFn) -> Estimate:
    """Valid low/best/high estimates (ordered, any of them missing)."""
    figures = sorted(draw(st.lists(st.integers(0, 100_000), min_size=3, max_size=3)))
    keep = [draw(st.booleans()) for _ in range(3)]
    low, best, high = (f if k else None for f, k in zip(figures, keep, strict=True))
    return Estimate(low=low, best=best, high=high, extensions=draw(extensions()))


def citations(source_ids: Sequence[str]) -> st.SearchStrategy[Citation]:
    """Citations to the given sources, or to nothing (an empty footnote)."""
    target = st.none() | st.sampled_from(list(source_ids)) if source_ids else st.none()
    return st.builds(
        Citation,
        source=target,
        locator=st.none() | st.integers(1, 200) | texts(max_size=10),
        quote=st.none() | texts(),
        extensions=extensions(),
    )


def participants(actor_ids: Sequence[str]) -> st.SearchStrategy[Participant]:
    """Participants drawn from the given actor ids."""
    return st.builds(
        Participant,
        actor=st.sampled_from(list(actor_ids)),
        role=st.sampled_from(list(Role)),
        extensions=extensions(),
    )


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def _refs(ids: Sequence[str], max_size: int = 3) -> st.SearchStrategy[tuple[str, ...]]:
    if not ids:
        return st.just(())
    return st.lists(st.sampled_from(list(ids)), max_size=max_size, unique=True).map(tuple)


@st.composite
def actors(draw: st.DrawFn, ids: Sequence[str] | None = None) -> tuple[Actor, ...]:
    """Actors with the given ids (or drawn ones); ``parent`` and ``backers`` point back."""
    ids = list(ids) if ids is not None else draw(st.lists(identifiers(), max_size=4, unique=True))
    out = []
    for index, actor_id in enumerate(ids):
        earlier = ids[:index]
        out.append(
            Actor(
                id=actor_id,
                name=draw(texts(max_size=30)),
                kind=draw(st.sampled_from(list(ActorKind))),
                aliases=tuple(draw(st.lists(texts(max_size=20), max_size=2))),
                country=draw(_maybe(st.sampled_from(["SY", "IR", "RU", "US"]))),
                parent=draw(_maybe(st.sampled_from(earlier))) if earlier else None,
                backers=draw(_refs([i for i in ids if i != actor_id])),
                external_ids=draw(
                    _maybe(
                        st.builds(
                            ExternalIds,
                            wikidata=_maybe(st.integers(1, 10**7).map(lambda n: f"Q{n}")),
                            acled=_maybe(texts(max_size=20)),
                        )
                    )
                ),
                description=draw(_maybe(texts())),
                extensions=draw(extensions()),
            )
        )
    return tuple(out)


def sources(
    ids: Sequence[str], actor_ids: Sequence[str] = ()
) -> st.SearchStrategy[tuple[Source, ...]]:
    """Sources with the given ids, affiliated (sometimes) with the given actors."""
    aware = st.datetimes(
        min_value=dt.datetime(1990, 1, 1),
        max_value=dt.datetime(2100, 1, 1),
        timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=3, minutes=30))]),
    )
    one = st.builds(
        Source,
        id=st.just("placeholder"),
        kind=st.sampled_from(list(SourceKind)),
        title=_maybe(texts()),
        publisher=_maybe(texts(max_size=20)),
        url=_maybe(urls()),
        language=_maybe(st.sampled_from(["en", "ar", "fa", "ru", "fa-IR"])),
        published=_maybe(whens()),
        accessed=_maybe(aware),
        archive_url=_maybe(urls()),
        sha256=_maybe(st.binary(min_size=32, max_size=32).map(bytes.hex)),
        reliability=_maybe(st.sampled_from(list(Reliability))),
        affiliation=_maybe(st.sampled_from(list(actor_ids))) if actor_ids else st.none(),
        extensions=extensions(),
    )
    return st.tuples(*[one.map(functools.partial(_with_id, new_id=i)) for i in ids])


def _with_id(obj: Any, new_id: str) -> Any:
    return attrs.evolve(obj, id=new_id)


def events(
    ids: Sequence[str], actor_ids: Sequence[str] = (), source_ids: Sequence[str] = ()
) -> st.SearchStrategy[tuple[Event, ...]]:
    """Events with the given ids, their participants and citations drawn from the others."""
    one = st.builds(
        Event,
        id=st.just("placeholder"),
        kind=st.sampled_from(list(EventKind)),
        summary=texts(),
        when=_maybe(whens()),
        where=_maybe(places()),
        participants=st.lists(participants(actor_ids), max_size=3).map(tuple)
        if actor_ids
        else st.just(()),
        fatalities=_maybe(estimates()),
        citations=st.lists(citations(source_ids), max_size=3).map(tuple),
        extensions=extensions(),
    )
    return st.tuples(*[one.map(functools.partial(_with_id, new_id=i)) for i in ids])


def claims(
    ids: Sequence[str],
    actor_ids: Sequence[str] = (),
    source_ids: Sequence[str] = (),
    about_ids: Sequence[str] = (),
) -> st.SearchStrategy[tuple[Claim, ...]]:
    """Claims with the given ids; claimants, subjects and citations drawn from the others."""
    one = st.builds(
        Claim,
        id=st.just("placeholder"),
        text=texts(),
        claimant=_maybe(st.sampled_from(list(actor_ids))) if actor_ids else st.none(),
        stated=_maybe(whens()),
        about=_refs(about_ids),
        status=st.sampled_from(list(ClaimStatus)),
        credibility=_maybe(st.sampled_from(list(Credibility))),
        citations=st.lists(citations(source_ids), max_size=3).map(tuple),
        extensions=extensions(),
    )
    return st.tuples(*[one.map(functools.partial(_with_id, new_id=i)) for i in ids])


def assessments(
    ids: Sequence[str], basis_ids: Sequence[str] = (), source_ids: Sequence[str] = ()
) -> st.SearchStrategy[tuple[Assessment, ...]]:
    """Assessments with the given ids; their basis drawn from claim and event ids."""
    one = st.builds(
        Assessment,
        id=st.just("placeholder"),
        text=texts(),
        likelihood=_maybe(st.sampled_from(list(Likelihood))),
        confidence=_maybe(st.sampled_from(list(Confidence))),
        basis=_refs(basis_ids),
        horizon=_maybe(whens()),
        citations=st.lists(citations(source_ids), max_size=2).map(tuple),
        extensions=extensions(),
    )
    return st.tuples(*[one.map(functools.partial(_with_id, new_id=i)) for i in ids])


@st.composite
def reports(draw: st.DrawFn, *, max_items: int = 4) -> Report:
    """Valid reports whose every reference resolves to an object of the right kind.

    Args:
        max_items: The most actors, sources, events, claims and assessments (each).
    """
    sizes = [draw(st.integers(0, max_items)) for _ in range(5)]
    all_ids = draw(
        st.lists(identifiers(), min_size=sum(sizes) + 1, max_size=sum(sizes) + 1, unique=True)
    )
    report_id, rest = all_ids[0], all_ids[1:]
    groups: list[list[str]] = []
    for size in sizes:
        groups.append(rest[:size])
        rest = rest[size:]
    actor_ids, source_ids, event_ids, claim_ids, assessment_ids = groups
    return Report(
        id=report_id,
        title=draw(texts()),
        authors=tuple(draw(st.lists(texts(max_size=30), max_size=3))),
        publisher=draw(_maybe(texts(max_size=30))),
        published=draw(_maybe(whens())),
        period=draw(_maybe(whens())),
        language=draw(_maybe(st.sampled_from(["en", "ar", "fa", "ru"]))),
        url=draw(_maybe(urls())),
        summary=draw(_maybe(texts())),
        actors=draw(actors(actor_ids)),
        sources=draw(sources(source_ids, actor_ids)),
        events=draw(events(event_ids, actor_ids, source_ids)),
        claims=draw(claims(claim_ids, actor_ids, source_ids, actor_ids + event_ids)),
        assessments=draw(assessments(assessment_ids, claim_ids + event_ids, source_ids)),
        extensions=draw(extensions()),
    )
