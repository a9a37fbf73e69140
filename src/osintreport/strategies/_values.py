"""Strategies for values: text, ids, dates, places, figures, markings (private)."""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from ..casualties import Casualties, CasualtyCount, SideCasualties
from ..handling import Marking
from ..parts import Citation, Estimate, Original, Participant, Place
from ..vocab import PlacePrecision, Role, Tlp
from ..when import FuzzyDate, OpenEnd, Unspecified, When

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
        uncertainty_m=st.none() | st.floats(0, 500_000, allow_nan=False),
        extensions=extensions(),
    )


@st.composite
def estimates(draw: st.DrawFn, *, max_value: int = 100_000) -> Estimate:
    """Valid low/best/high estimates (ordered, any of them missing)."""
    figures = sorted(draw(st.lists(st.integers(0, max_value), min_size=3, max_size=3)))
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
        original=st.none() | originals(),
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


def originals() -> st.SearchStrategy[Original]:
    """Original-language text beside a translation, always with its language."""
    return st.builds(
        Original,
        text=texts(),
        language=st.sampled_from(["ar", "fa", "ru", "uk", "he", "tr"]),
        translated_by=_maybe(st.sampled_from(["analyst", "machine: test", "Reuters"])),
        extensions=extensions(),
    )


@st.composite
def markings(draw: st.DrawFn, max_tlp: Tlp | None = None) -> Marking:
    """Markings with a TLP level up to ``max_tlp`` (any when ``None``) and/or caveats."""
    levels = [t for t in Tlp if max_tlp is None or t <= max_tlp]
    tlp = draw(_maybe(st.sampled_from(levels)))
    caveats = tuple(draw(st.lists(texts(max_size=30), min_size=0 if tlp else 1, max_size=2)))
    return Marking(tlp=tlp, caveats=caveats, extensions=draw(extensions()))


def timestamps() -> st.SearchStrategy[dt.datetime]:
    """Timezone-aware datetimes (UTC and a +03:30 zone)."""
    return st.datetimes(
        min_value=dt.datetime(1990, 1, 1),
        max_value=dt.datetime(2100, 1, 1),
        timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=3, minutes=30))]),
    )


@st.composite
def provenance(draw: st.DrawFn, max_tlp: Tlp | None = None) -> dict[str, Any]:
    """Provenance keyword arguments for any model object, each often left out.

    ``marking`` (no stricter than ``max_tlp``), ``created``, ``modified`` (never before
    ``created``) and ``created_by``.
    """
    created = draw(_maybe(timestamps()))
    modified = draw(_maybe(timestamps()))
    if created is not None and modified is not None and modified < created:
        created, modified = modified, created
    return {
        "marking": draw(_maybe(markings(max_tlp))),
        "created": created,
        "modified": modified,
        "created_by": draw(_maybe(texts(max_size=20))),
    }


@st.composite
def casualties(draw: st.DrawFn, actor_ids: Sequence[str] = ()) -> Casualties:
    """Casualty figures whose parts never add up to more than their totals."""

    def part() -> Estimate | None:
        value: Estimate | None = draw(_maybe(estimates(max_value=1_000)))
        return value

    sides = (
        tuple(
            SideCasualties(
                actor=actor, killed=part(), injured=part(), extensions=draw(extensions())
            )
            for actor in draw(st.lists(st.sampled_from(list(actor_ids)), max_size=2, unique=True))
        )
        if actor_ids
        else ()
    )
    groups = [
        CasualtyCount(killed=part(), injured=part()) if draw(st.booleans()) else None
        for _ in range(2)
    ]
    out = Casualties(sides=sides, civilians=groups[0], unknown=groups[1])

    def total(figure: str) -> Estimate | None:
        floor = sum((e.high or e.best or e.low or 0) for e in out.parts(figure))
        if not draw(st.booleans()):
            return None
        extra = sorted(draw(st.lists(st.integers(0, 1_000), min_size=3, max_size=3)))
        return Estimate(low=floor + extra[0], best=floor + extra[1], high=floor + extra[2])

    return attrs.evolve(out, killed=total("killed"), injured=total("injured"))
