"""Readable ids made from names: one helper for the ACLED and STIX readers and the ingester."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from osintreport._checks import is_identifier
from osintreport._slugs import UniqueIds, slug


def test_slug_keeps_letters_and_digits_and_single_hyphens() -> None:
    assert slug("Syrian Democratic Forces (SDF)", fallback="x") == "syrian-democratic-forces-sdf"
    assert slug("قوات سوريا الديمقراطية", fallback="actor") == "actor"
    assert slug("a" * 30 + " b", fallback="x", limit=31) == "a" * 30


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
