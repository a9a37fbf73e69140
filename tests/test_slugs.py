"""Readable ids made from names: one helper for the ACLED and STIX readers and the ingester."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osintreport._checks import is_identifier
from osintreport._slugs import DigestIds, UniqueIds, slug


def test_slug_keeps_letters_and_digits_and_single_hyphens() -> None:
    assert slug("Syrian Democratic Forces (SDF)", fallback="x") == "syrian-democratic-forces-sdf"
    assert slug("a" * 30 + " b", fallback="x", limit=31) == "a" * 30
    assert slug("!!!", fallback="actor") == "actor"


def test_slug_transliterates_every_script_and_cuts_at_word_boundaries() -> None:
    assert slug("قوات سوريا الديمقراطية", fallback="actor") == "qwt-swry-ldymqrtyh"
    assert slug("Кремль", fallback="actor") == "kreml"
    assert slug("Ça Ira", fallback="actor") == "ca-ira"
    assert slug("北京", fallback="actor") == "beijing"
    long = "Iran, Russia, and the Syrian Regime are Coordinating to Expel US Forces"
    assert slug(long, fallback="x") == "iran-russia-and-the-syrian-regime-are"
    assert slug("Supercalifragilistic", fallback="x", limit=5) == "super"  # one long word


def test_slug_without_anyascii_drops_accents(monkeypatch: pytest.MonkeyPatch) -> None:
    from osintreport import _slugs

    monkeypatch.setattr(_slugs, "transliterator", lambda: None)
    assert slug("Ça Ira", fallback="x") == "ca-ira"
    assert slug("Кремль", fallback="actor") == "actor"


def test_unique_ids_number_repeats_and_respect_claimed_ids() -> None:
    ids = UniqueIds()
    assert ids.claim("a-2")
    assert not ids.claim("a-2")
    assert [ids.make("a"), ids.make("a"), ids.make("a")] == ["a", "a-3", "a-4"]


@given(st.lists(st.text(max_size=20), max_size=20))
def test_made_ids_are_unique_and_valid(names: list[str]) -> None:
    ids = UniqueIds()
    made = [ids.make(slug(name, fallback="object")) for name in names]
    assert len(set(made)) == len(made)
    assert all(is_identifier(ident) for ident in made)


def _first_free(taken: set[str], base: str) -> str:
    """What ``make`` returned before it remembered numbers: the first free, from 1."""
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    return ident


@given(
    st.lists(
        st.tuples(st.booleans(), st.sampled_from(["a", "a-2", "a-3", "a-2-2", "b", "b-4"])),
        max_size=40,
    )
)
def test_make_remembers_numbers_without_changing_what_it_gives(
    steps: list[tuple[bool, str]],
) -> None:
    taken: set[str] = set()
    plain, digests = UniqueIds(), DigestIds()
    for claim, name in steps:
        if claim:
            expected = name not in taken
            taken.add(name)
            assert plain.claim(name) is expected
            assert digests.claim(name) is expected
        else:
            expected_id = _first_free(taken, name)
            taken.add(expected_id)
            assert plain.make(name) == expected_id
            assert digests.make(name) == expected_id
    assert plain.taken == taken


def test_make_is_linear_in_repeats() -> None:
    ids = DigestIds()
    made = [ids.make("event") for _ in range(20_000)]  # quadratic: 200 million probes
    assert made[0] == "event"
    assert made[-1] == "event-20000"
    assert "event-123" in ids
