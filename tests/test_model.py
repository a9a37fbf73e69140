from __future__ import annotations

import datetime as dt
import pickle

import attrs
import pytest

import osintreport as osr
from osintreport import (
    Actor,
    Citation,
    Claim,
    Estimate,
    Event,
    FieldTypeError,
    FieldValueError,
    Likelihood,
    Place,
    Report,
    Source,
    When,
)


def test_classes_are_frozen_slotted_keyword_only() -> None:
    for cls in (
        Report,
        Actor,
        Event,
        Claim,
        osr.Assessment,
        Source,
        Citation,
        Place,
        Estimate,
        osr.Participant,
        osr.ExternalIds,
        osr.FuzzyDate,
        When,
    ):
        assert "__slots__" in cls.__dict__, cls
        assert all(f.kw_only for f in attrs.fields(cls)), cls
    actor = Actor(id="iran", name="Iran")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        actor.name = "Persia"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Actor("iran", "Iran")  # type: ignore[call-arg]


def test_equality_by_value_and_evolve() -> None:
    a = Actor(id="iran", name="Iran", aliases=("IR",))
    assert a == Actor(id="iran", name="Iran", aliases=("IR",))
    b = attrs.evolve(a, name="Islamic Republic of Iran")
    assert b.name == "Islamic Republic of Iran"
    assert a.name == "Iran"
    assert hash(a) == hash(Actor(id="iran", name="Iran", aliases=("IR",)))
    assert {a, b} == {b, a}


def test_objects_pickle() -> None:
    report = Report(
        id="r",
        title="t",
        events=(Event(id="e", summary="s", when=When.parse("2023-07~")),),
        extensions={"x_a": [1, {"b": None}]},
    )
    assert pickle.loads(pickle.dumps(report)) == report


@pytest.mark.parametrize(
    ("build", "error", "field", "value"),
    [
        (lambda: Actor(id="bad id", name="x"), FieldValueError, "id", "bad id"),
        (lambda: Actor(id="-lead", name="x"), FieldValueError, "id", "-lead"),
        (lambda: Actor(id="a", name=""), FieldValueError, "name", ""),
        (lambda: Actor(id="a", name=5), FieldTypeError, "name", 5),  # type: ignore[arg-type]
        (lambda: Actor(id="a", name="x", kind="state"), FieldTypeError, "kind", "state"),  # type: ignore[arg-type]
        (lambda: Actor(id="a", name="x", aliases=["A"]), FieldTypeError, "aliases", ["A"]),  # type: ignore[arg-type]
        (
            lambda: Actor(id="a", name="x", backers=("ok", "not ok")),
            FieldValueError,
            "backers[1]",
            "not ok",
        ),
        (lambda: Actor(id="a", name="x", country="Syria"), FieldValueError, "country", "Syria"),
        (lambda: Place(lat=91.0, lon=0.0), FieldValueError, "lat", 91.0),
        (lambda: Place(lat=0.0, lon=-180.5), FieldValueError, "lon", -180.5),
        (lambda: Place(lat=float("nan"), lon=0.0), FieldValueError, "lat", None),
        (lambda: Place(lat=True, lon=0.0), FieldTypeError, "lat", True),
        (lambda: Place(lat=10**400, lon=0.0), FieldValueError, "lat", 10**400),
        (lambda: Estimate(low=-1), FieldValueError, "low", -1),
        (lambda: Estimate(best=2.5), FieldTypeError, "best", 2.5),  # type: ignore[arg-type]
        (lambda: Estimate(low=5, best=3), FieldValueError, "low/best", (5, 3)),
        (lambda: Estimate(low=1, best=5, high=4), FieldValueError, "best/high", (5, 4)),
        (lambda: Estimate(low=9, high=4), FieldValueError, "low/high", (9, 4)),
        (
            lambda: Source(id="s", accessed=dt.datetime(2023, 8, 3)),
            FieldValueError,
            "accessed",
            None,
        ),
        (lambda: Source(id="s", url="sana.sy/?p=1"), FieldValueError, "url", "sana.sy/?p=1"),
        (lambda: Source(id="s", url="https://a b.com"), FieldValueError, "url", "https://a b.com"),
        (lambda: Source(id="s", sha256="ABC"), FieldValueError, "sha256", "ABC"),
        (lambda: Source(id="s", language="english"), FieldValueError, "language", "english"),
        (lambda: Citation(locator=-2), FieldValueError, "locator", -2),
        (lambda: Citation(locator=True), FieldTypeError, "locator", True),
        (lambda: Claim(id="c", text="t", credibility=7), FieldTypeError, "credibility", 7),  # type: ignore[arg-type]
        (
            lambda: Report(id="r", title="t", events=(Actor(id="a", name="b"),)),  # type: ignore[arg-type]
            FieldTypeError,
            "events[0]",
            None,
        ),
        (
            lambda: Report(id="r", title="t", extensions={"note": 1}),
            FieldValueError,
            "extensions",
            "note",
        ),
        (
            lambda: Report(id="r", title="t", extensions={"x_n": {1, 2}}),
            FieldValueError,
            "extensions['x_n']",
            None,
        ),
        (lambda: Place(lat=1.0), FieldValueError, "lat/lon", None),
    ],
)
def test_construction_rejects_with_field_and_value(build, error, field, value) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error) as info:
        build()
    assert info.value.field == field
    assert str(info.value).startswith(f"{field}: expected ")
    if value is not None:
        assert info.value.value == value
        assert repr(value)[:20] in str(info.value)


def test_errors_are_ours_and_builtin() -> None:
    with pytest.raises(ValueError, match="lat"):
        Place(lat=100.0, lon=0.0)
    with pytest.raises(osr.OsintReportError):
        Place(lat=100.0, lon=0.0)
    with pytest.raises(TypeError):
        Actor(id="a", name=None)  # type: ignore[arg-type]


def test_valid_values_accepted() -> None:
    source = Source(
        id="src-sana-1",
        url="https://sana.sy/?p=1897417",
        accessed=dt.datetime(2023, 8, 3, 12, tzinfo=dt.UTC),
        sha256="0" * 64,
        language="fa-IR",
        reliability=osr.Reliability.B,
    )
    assert source.reliability is osr.Reliability.B
    assert Estimate(low=0, best=0, high=0).best == 0
    assert Estimate(low=1, high=3).best is None
    assert Citation(locator=12).locator == 12
    assert Citation(locator="p. 4").locator == "p. 4"
    assert Actor(id="irgc:qf_1.x", name="q").id == "irgc:qf_1.x"
    assert Place(lat=-90, lon=180).lat == -90


def test_likelihood_ranges_follow_icd_203() -> None:
    assert Likelihood.ALMOST_NO_CHANCE.range == (0.01, 0.05)
    assert Likelihood.VERY_UNLIKELY.range == (0.05, 0.20)
    assert Likelihood.UNLIKELY.range == (0.20, 0.45)
    assert Likelihood.ROUGHLY_EVEN_CHANCE.range == (0.45, 0.55)
    assert Likelihood.LIKELY.range == (0.55, 0.80)
    assert Likelihood.VERY_LIKELY.range == (0.80, 0.95)
    assert Likelihood.ALMOST_CERTAIN.range == (0.95, 0.99)
    members = list(Likelihood)
    assert [m.range[0] for m in members] == sorted(m.range[0] for m in members)
    assert "highly probable" in Likelihood.VERY_LIKELY.phrases


def test_vocabularies_have_expected_values() -> None:
    assert [r.value for r in osr.Reliability] == list("ABCDEF")
    assert [int(c) for c in osr.Credibility] == [1, 2, 3, 4, 5, 6]
    assert {c.value for c in osr.Confidence} == {"low", "moderate", "high"}
    assert {s.value for s in osr.ClaimStatus} == {
        "reported",
        "corroborated",
        "disputed",
        "false",
        "unverified",
    }
    assert {k.value for k in osr.SourceKind} == {
        "news",
        "state_media",
        "official",
        "social_media",
        "imagery",
        "dataset",
        "report",
        "other",
    }
    for enum_cls in (osr.ActorKind, osr.EventKind, osr.SourceKind, osr.Role, osr.ClaimStatus):
        assert all(m.value == m.value.lower() for m in enum_cls)


def test_report_repr_is_short_for_big_reports() -> None:
    events = tuple(Event(id=f"e{i}", summary="s") for i in range(10_000))
    text = repr(Report(id="big", title="Big", events=events))
    assert (
        text
        == "Report(id='big', title='Big', actors=0, events=10000, claims=0, assessments=0, sources=0, relations=0)"
    )
