"""The worked example models the corpus report in full; these tests hold it to the text."""

from __future__ import annotations

import re
from collections import Counter

import pytest

import osintreport as osr
from osintreport import ClaimStatus, Likelihood, When
from osintreport.serialization import Format

from .conftest import WORKED_EXAMPLE

DEFANGS = [
    (r"\s*\(dot\)\s*", "."),
    (r"\s*\[dot\]\s*", "."),
    (r"\s+dot\s+", "."),
    (r"^hxxp", "http"),
]


def _refang(text: str) -> str:
    for pattern, repl in DEFANGS:
        text = re.sub(pattern, repl, text)
    return text


def _endnotes(corpus: str) -> dict[int, list[str]]:
    """Endnote number -> the well-formed URLs in it (continuation lines included)."""
    start = corpus.index("\n[2]")
    notes: dict[int, str] = {}
    current = None
    for line in corpus[start:].splitlines():
        match = re.match(r"^\[(\d+)\](.*)$", line)
        if match:
            current = int(match.group(1))
            notes[current] = match.group(2)
        elif line.strip() and current is not None:
            notes[current] += " " + line
    urls: dict[int, list[str]] = {}
    for number, text in notes.items():
        found = []
        for token in re.split(r"[;\s]+", _refang(text)):
            if not token.startswith(("http://", "https://")):
                continue
            url = token.rstrip("’'\",")
            host = url.split("/")[2]
            if "." in host and not host.endswith("."):
                found.append(url)
        urls[number] = found
    return urls


@pytest.fixture(scope="module")
def report() -> osr.Report:
    return osr.load(WORKED_EXAMPLE)


def test_loads_and_round_trips_byte_for_byte(report: osr.Report) -> None:
    text = WORKED_EXAMPLE.read_text(encoding="utf-8")
    assert osr.dumps(report, "yaml") == text
    formats: tuple[Format, ...] = ("json", "jsonl")
    for fmt in formats:
        assert osr.loads(osr.dumps(report, fmt), fmt) == report


def test_header(report: osr.Report, corpus_text: str) -> None:
    assert report.title == corpus_text.splitlines()[0]
    assert report.authors == ("Andie Parry", "Ashka Jhaveri", "Johanna Moore", "Brian Carter")
    assert str(report.published) == "2023-08-03"
    assert report.publisher == "Institute for the Study of War"


def test_ids_unique_and_references_resolve(report: osr.Report) -> None:
    kinds = {
        "actor": {a.id for a in report.actors},
        "event": {e.id for e in report.events},
        "claim": {c.id for c in report.claims},
        "assessment": {a.id for a in report.assessments},
        "source": {s.id for s in report.sources},
    }
    every = [i for ids in kinds.values() for i in ids]
    assert len(every) == len(set(every))
    for actor in report.actors:
        assert actor.parent is None or actor.parent in kinds["actor"]
        assert set(actor.backers) <= kinds["actor"]
    for event in report.events:
        assert {p.actor for p in event.participants} <= kinds["actor"]
    for claim in report.claims:
        assert claim.claimant is None or claim.claimant in kinds["actor"]
        assert set(claim.about) <= kinds["actor"] | kinds["event"] | kinds["claim"]
    for assessment in report.assessments:
        assert assessment.basis
        assert set(assessment.basis) <= kinds["claim"] | kinds["event"]
    for source in report.sources:
        assert source.affiliation is None or source.affiliation in kinds["actor"]


def test_actors_cover_the_text(report: osr.Report) -> None:
    assert len(report.actors) >= 15
    names = {a.id for a in report.actors}
    for needed in (
        "iran",
        "russia",
        "syria-regime",
        "united-states",
        "irgc-qf",
        "sdf",
        "saa",
        "saa-5th-corps",
        "isis",
        "cjtf-oir",
        "iranian-backed-militias",
        "iranian-state-media",
    ):
        assert needed in names
    by_id = {a.id: a for a in report.actors}
    assert by_id["irgc-qf"].parent == "irgc"
    assert by_id["irgc"].parent == "iran"
    assert "russia" in by_id["saa-5th-corps"].backers
    assert sum(1 for a in report.actors if a.parent) >= 10
    assert sum(1 for a in report.actors if a.backers) >= 5


def test_one_source_per_distinct_url(report: osr.Report, corpus_text: str) -> None:
    endnotes = _endnotes(corpus_text)
    distinct = {url for urls in endnotes.values() for url in urls}
    assert len(distinct) == 25
    assert {s.url for s in report.sources} == distinct
    assert len(report.sources) == len(distinct)


def test_citations_follow_the_endnotes(report: osr.Report, corpus_text: str) -> None:
    endnotes = _endnotes(corpus_text)
    url_of = {s.id: s.url for s in report.sources}
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", corpus_text[: corpus_text.index("\n[2]")])}
    assert markers == set(range(1, 39))
    cited: Counter[int] = Counter()
    statements: list[osr.Claim | osr.Event | osr.Assessment] = [
        *report.claims,
        *report.events,
        *report.assessments,
    ]
    for statement in statements:
        for citation in statement.citations:
            assert isinstance(citation.locator, int)
            cited[citation.locator] += 1
            urls = endnotes.get(citation.locator, [])
            if citation.source is None:
                assert not urls, f"{statement.id} drops the sources of endnote {citation.locator}"
            else:
                assert url_of[citation.source] in urls
        by_note: dict[int | str | None, set[str | None]] = {}
        for citation in statement.citations:
            by_note.setdefault(citation.locator, set()).add(citation.source)
        for note, sources in by_note.items():
            assert isinstance(note, int)
            expected: set[str | None] = {
                s for s, u in url_of.items() if u in endnotes.get(note, [])
            }
            assert sources == (expected or {None}), (statement.id, note)
    assert set(cited) == markers  # every footnote marker is carried by some statement


def test_gaps_show_honestly(report: osr.Report) -> None:
    uncited = [c for c in report.claims if not any(x.source for x in c.citations)]
    assert 0 < len(uncited) < len(report.claims)
    empty_note = next(c for c in report.claims if c.id == "cl-surge-jul-7-12")
    assert [(x.source, x.locator) for x in empty_note.citations] == [(None, 2)]
    assert report.extensions["x_broken_urls"]["23"] == ["https://www[dot]"]


def test_claims_and_false_claims(report: osr.Report) -> None:
    assert len(report.claims) >= 20
    false = [c for c in report.claims if c.status is ClaimStatus.FALSE]
    assert len(false) >= 3
    assert all(c.claimant for c in false)
    assert {c.claimant for c in false} >= {"iranian-state-media", "regime-affiliated-media"}


def test_assessments_take_likelihood_from_words(report: osr.Report) -> None:
    assert len(report.assessments) >= 6
    for assessment in report.assessments:
        text = assessment.text.lower()
        if "very likely" in text:
            assert assessment.likelihood is Likelihood.VERY_LIKELY
        elif assessment.likelihood is None:
            words = assessment.extensions.get("x_estimative_words")
            assert words is None or words in text


@pytest.mark.parametrize(
    ("event_id", "when"),
    [
        ("ev-russian-arms-transfer", "2023-06-19/2023-06-20"),  # "June 19-20"
        ("ev-surge-line-of-contact", "2023-07-07/2023-07-12"),  # "July 7 through July 12"
        ("ev-russian-harassment-flights", "2023-03-11~/.."),  # "since mid-March"
        ("ev-irgc-qf-militia-deployments", "2023-07-01~/.."),  # "beginning in early July"
        ("ev-coordination-center-agreement", "2022-11"),  # "last November"
        ("ev-saa-russia-exercise", "2023-07-16/2023-07-18"),
        ("ev-bus-attack-albu-kamal", "2023-07-14"),
    ],
)
def test_fuzzy_dates_as_the_text_gives_them(report: osr.Report, event_id: str, when: str) -> None:
    event = next(e for e in report.events if e.id == event_id)
    assert event.when == When.parse(when)


def test_everything_dated_is_within_the_reports_period(report: osr.Report) -> None:
    assert report.period is not None
    assert report.published is not None
    for event in report.events:
        if event.when is not None and event.when.earliest() is not None:
            assert report.period.overlaps(event.when), event.id


def test_validation_shows_the_real_gaps(report: osr.Report) -> None:
    import datetime as dt

    findings = osr.validate(report, today=dt.date(2026, 11, 24))
    by_code = Counter(f.code for f in findings)
    # Nothing is broken: every reference resolves and every date is possible.
    assert not [f for f in findings if f.severity is osr.Severity.ERROR]
    # The gaps are the report's own: endnotes empty or missing in this copy; and five claims
    # whose two or three sources are one voice (one agency, or state media of one country).
    assert by_code == {"OSR301": 55, "OSR305": 47, "OSR902": 5}
    assert sorted(f.subject or "" for f in findings if f.code == "OSR902") == [
        "cl-info-op-false-pretext",
        "cl-russia-territorial-integrity",
        "cl-saa-rg-deployments",
        "cl-state-media-defensive-deployments",
        "cl-state-media-us-fortifying",
    ]
    cov = osr.coverage(report)
    assert (cov.claims.cited, cov.claims.total) == (17, 44)
    assert (cov.events.cited, cov.events.total) == (10, 28)
    assert (cov.assessments.cited, cov.assessments.total) == (1, 11)
    assert (cov.overall.cited, cov.overall.total) == (28, 83)
    assert cov.overall.ratio < 1.0
    assert "cl-surge-jul-7-12" in cov.claims.uncited  # endnote [2] is empty
    assert "cl-coordinated-coercive-campaign" in cov.claims.uncited  # endnote [1] is missing
    assert "cl-state-media-defensive-deployments" not in cov.claims.uncited  # endnote [5] has URLs
