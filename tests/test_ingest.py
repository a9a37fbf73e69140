from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import osintreport as osr
from osintreport.cli import main
from osintreport.ingest import read_footnoted
from osintreport.ingest.layout import split_sentences
from osintreport.ingest.markers import find_markers, roman_value, strip_markers
from osintreport.ingest.refang import find_urls, refang

from .conftest import CORPUS_REPORT, WORKED_EXAMPLE

# --- the corpus report: the counts are exactly what the text holds -----------------------


def test_corpus_counts(corpus_text: str) -> None:
    draft = read_footnoted(corpus_text)
    stats = draft.stats
    assert stats.markers == 38
    assert stats.endnotes == 26
    assert stats.markers_without_endnote == (1, 3, 6, 9, 15, 16, 21, 26, 32, 33, 35, 37)
    assert stats.endnotes_never_cited == ()
    assert stats.empty_endnotes == (2, 4, 7, 8, 12, 17, 18, 27, 34, 38)
    assert stats.duplicate_endnotes == ()
    assert [(b.endnote, b.text) for b in stats.broken_urls] == [
        (22, "https://president"),
        (23, "https://www"),
        (29, stats.broken_urls[2].text),
    ]
    assert stats.broken_urls[2].text.startswith(".net/%D9%85")
    assert stats.distinct_urls == 25
    assert (stats.coverage.claims.cited, stats.coverage.claims.total) == (15, 68)


def test_corpus_header(corpus_text: str) -> None:
    report = read_footnoted(corpus_text).report
    assert (
        report.title
        == "Iran, Russia, and the Syrian Regime are Coordinating to Expel US Forces from Syria"
    )
    assert report.authors == ("Andie Parry", "Ashka Jhaveri", "Johanna Moore", "Brian Carter")
    assert str(report.published) == "2023-08-03"
    assert report.publisher == "Institute for the Study of War"
    assert report.id == "iran-russia-and-the-syrian-regime-are"


def test_corpus_sources_match_the_hand_modeled_example(corpus_text: str) -> None:
    draft = read_footnoted(corpus_text).report
    example = osr.load(WORKED_EXAMPLE)
    assert {s.url for s in draft.sources} == {s.url for s in example.sources}
    # Non-Latin paths are kept exact, percent-encoded ones too.
    urls = {s.url for s in draft.sources}
    assert any("وقفة-احتجاجیة" in (u or "") for u in urls)
    assert (
        "https://alwatan.sy/archives/349530?fbclid=IwAR1mR58yz_FSuF4OWnkwdi4CZrLhDfSOksVdvtYlpTfJ35C5WuhsVjLmhrA"
        in urls
    )
    assert "https://npasyria.com/en/101181/" in urls  # the stray closing quote is dropped
    publishers = {s.publisher for s in draft.sources}
    assert {"tasnimnews.com", "sana.sy", "kremlin.ru", "npasyria.com"} <= publishers


def test_corpus_claims_cite_their_footnotes(corpus_text: str) -> None:
    claims = read_footnoted(corpus_text).report.claims
    surge = next(c for c in claims if c.text.startswith("Iran and the Syrian regime have surged"))
    assert [(x.source, x.locator) for x in surge.citations] == [(None, 2)]
    restrained = next(c for c in claims if c.text.startswith("Russia had restrained"))
    assert [x.locator for x in restrained.citations] == [25]  # "until then. [25]"
    assert restrained.citations[0].source is not None
    deployments = next(c for c in claims if c.text.startswith("Syrian Arab Army (SAA)"))
    assert [x.locator for x in deployments.citations] == [10, 10]
    assert len({x.source for x in deployments.citations}) == 2
    assert all("[" not in c.text for c in claims)
    assert len({c.id for c in claims}) == len(claims)


def test_corpus_draft_is_a_valid_report(corpus_text: str, tmp_path: Path) -> None:
    draft = read_footnoted(corpus_text).report
    path = tmp_path / "draft.yaml"
    osr.dump(draft, path)
    assert osr.load(path) == draft
    findings = osr.validate(draft)
    assert not [f for f in findings if f.severity is osr.Severity.ERROR]
    # The draft's gaps, and claims carried by two articles of one outlet (OSR902, info)
    assert {f.code for f in findings} == {"OSR301", "OSR305", "OSR902"}


# --- markers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Done.[12]", [(12,)]),
        ("Done. [12]", [(12,)]),
        ("Done[12].", [(12,)]),
        ("Done.[12][13]", [(12,), (13,)]),
        ("Done.[12, 13]", [(12, 13)]),
        ("Done.[12-14]", [(12, 13, 14)]),
        ("Done.[12–14]", [(12, 13, 14)]),
        ("Done.[1, 3-4]", [(1, 3, 4)]),
        ("Done.[iv]", [("iv",)]),
        ("Done [xii].", [("xii",)]),
        ("He said it [sic] twice.", []),
        ("sana[dot]sy and example[.]com", []),
        ("He [...] left.", []),
        ("“[i]t was late.”", []),
        ("In [2023] nothing.", []),
        ("[0] is not a footnote", []),
        ("[ivx] is not roman", []),
    ],
)
def test_markers(text: str, numbers: list[tuple[object, ...]]) -> None:
    assert [m.numbers for m in find_markers(text)] == numbers


def test_strip_markers_and_roman() -> None:
    text = "Iran moved. [19] Russia[2][3], too."
    assert strip_markers(text, find_markers(text)) == "Iran moved. Russia, too."
    assert [roman_value(r) for r in ("i", "iv", "ix", "xl", "mcmxc", "iiii", "")] == [
        1,
        4,
        9,
        40,
        1990,
        None,
        None,
    ]


def test_sentences() -> None:
    assert split_sentences("A moved.[1] B helped. [2] The U.S. watched. Then Gen. Smith left.") == [
        "A moved.[1]",
        "B helped. [2]",
        "The U.S. watched.",
        "Then Gen. Smith left.",
    ]
    assert split_sentences('He said "stop." Then left.') == ['He said "stop."', "Then left."]


# --- refanging --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("defanged", "url"),
    [
        ("https://tasnimnews (dot) com/a", "https://tasnimnews.com/a"),
        ("https://sana[dot]sy/?p=1", "https://sana.sy/?p=1"),
        ("https://sana [dot] sy/?p=1", "https://sana.sy/?p=1"),
        ("https://npasyria dot com/en/1", "https://npasyria.com/en/1"),
        ("https://npasyria\u00a0dot com/en/1", "https://npasyria.com/en/1"),
        ("hxxps://example[.]com/x", "https://example.com/x"),
        ("hxxp://example(.)org", "http://example.org"),
        ("hXXps[:]//evil{.}net/a", "https://evil.net/a"),
        ("https://example.com/path).", "https://example.com/path"),
        ("https://en.wikipedia.org/wiki/A_(b)", "https://en.wikipedia.org/wiki/A_(b)"),
        ("https://site.com/a’", "https://site.com/a"),
        ("www.example.org/a", "https://www.example.org/a"),
        (
            "https://ria.ru/20230316/asad-1858224485.html,",
            "https://ria.ru/20230316/asad-1858224485.html",
        ),
    ],
)
def test_refang_styles(defanged: str, url: str) -> None:
    found = find_urls(defanged)
    assert [(f.url, f.broken) for f in found] == [(url, None)]


@pytest.mark.parametrize(
    "text",
    [
        "https://www[dot]",
        "https://president; dot ir/fa/1",
        "(dot) net/%D9%85/",
        "https://",
        "http://.com/a",
    ],
)
def test_broken_urls_reported_not_invented(text: str) -> None:
    found = find_urls(text)
    assert found
    assert found[0].broken is not None


def test_refang_leaves_prose_alone() -> None:
    assert refang("connect the dots; a dot on the map") == "connect the dots; a dot on the map"


# --- other layouts ----------------------------------------------------------------------

NUMBERED_WITH_HEADING = """\
Militias mass near Albu Kamal
By Jane Doe and John Roe
5 September 2023

Key points

- Militias moved armour to Albu Kamal.[1]
- Local sources report a curfew [2, 3].

The build-up continued for a week.[3] Residents fled north.[4]

Endnotes
1. https://example.org/armour
2. hxxps://news[.]example/curfew
   https://other.example/curfew-2
3. https://example.org/armour
4. Interview with a resident, 4 September 2023.
"""


def test_numbered_endnotes_under_a_heading() -> None:
    draft = read_footnoted(NUMBERED_WITH_HEADING)
    report, stats = draft.report, draft.stats
    assert report.title == "Militias mass near Albu Kamal"
    assert report.authors == ("Jane Doe", "John Roe")
    assert str(report.published) == "2023-09-05"
    assert [c.text for c in report.claims] == [
        "Militias moved armour to Albu Kamal.",
        "Local sources report a curfew.",
        "The build-up continued for a week.",
        "Residents fled north.",
    ]
    assert stats.markers == 5
    assert stats.endnotes == 4
    assert stats.distinct_urls == 3  # endnote 3 repeats endnote 1's URL
    curfew = report.claims[1]
    assert [(c.locator, c.source) for c in curfew.citations] == [
        (2, "src-news"),
        (2, "src-other"),
        (3, "src-example"),
    ]
    interview = report.claims[3].citations[0]
    assert interview.source is not None
    source = next(s for s in report.sources if s.id == interview.source)
    assert source.title == "Interview with a resident, 4 September 2023"
    assert stats.coverage.claims.cited == 4
    # "news.example" and "other.example" use the reserved .example domain: flagged, kept.
    assert {f.code for f in draft.findings} == {"ING012"}


ROMAN_NO_HEADING = """\
Title: Drone strikes in the east
Date: 2023-07-02

## Overview [i]

Drones struck a depot.[ii] A second strike followed[iii].

[i] https://a.example/overview
[ii] ; ;
[iii] https://b.example/strike https://c.example/strike
"""


def test_roman_markers_and_markers_in_headings() -> None:
    draft = read_footnoted(ROMAN_NO_HEADING)
    report, stats = draft.report, draft.stats
    assert report.title == "Drone strikes in the east"
    assert str(report.published) == "2023-07-02"
    # The heading is no claim: it names the section, and its marker goes to its first claim.
    assert {c.extensions["x_section"] for c in report.claims} == {"Overview"}
    assert [c.text for c in report.claims] == [
        "Drones struck a depot.",
        "A second strike followed.",
    ]
    assert [[x.locator for x in c.citations] for c in report.claims] == [
        ["i", "ii"],
        ["iii", "iii"],
    ]
    assert stats.empty_endnotes == ("ii",)
    assert stats.distinct_urls == 3


def test_bracket_endnotes_under_notes_heading_with_windows_line_ends_and_bom() -> None:
    text = "\ufeffReport\r\n\r\nIt rained.[1] It snowed.[2]\r\n\r\nNotes:\r\n[1] https://w.example/rain\r\n[2] https://w.example/snow\r\n"
    draft = read_footnoted(text.encode("utf-8"))
    assert draft.report.title == "Report"
    assert draft.stats.distinct_urls == 2
    assert draft.stats.coverage.claims.ratio == 1.0
    assert [f.code for f in draft.findings] == ["ING012", "ING012"]  # .example is reserved


# --- oddities are findings, never exceptions --------------------------------------------


def _codes(text: str) -> set[str]:
    return {f.code for f in read_footnoted(text).findings}


def test_oddities() -> None:
    assert _codes("Title\n\nNo markers here. None at all.") == {"ING007", "ING008"}
    assert "ING006" in _codes(
        "T\n\nB.[2] A.[1]\n\n[1] https://a.example/1\n[2] https://a.example/2\n"
    )
    dup = read_footnoted("T\n\nA.[1]\n\n[1] https://a.example/1\n[1] https://a.example/2\n")
    assert dup.stats.duplicate_endnotes == (1,)
    assert "ING005" in {f.code for f in dup.findings}
    never = read_footnoted("T\n\nA.[1]\n\n[1] https://a.example/1\n[2] https://a.example/2\n")
    assert never.stats.endnotes_never_cited == (2,)
    missing = read_footnoted("T\n\nA.[1] B.[7]\n\n[1] https://a.example/1\n")
    assert missing.stats.markers_without_endnote == (7,)
    finding = next(f for f in missing.findings if f.code == "ING001")
    assert finding.message == "marker [7] has no endnote"
    broken = read_footnoted("T\n\nA.[1]\n\n[1] https://www[dot]\n")
    assert [f.path for f in broken.findings if f.code == "ING004"] == ["line 5"]


def test_empty_and_odd_inputs() -> None:
    for text in ("", "\n\n", "[1]", "[1] https://a.example", "]]][[[", "\x00\x01", "•\n•\n"):
        draft = read_footnoted(text)
        assert osr.loads(osr.dumps(draft.report, "json"), "json") == draft.report


def test_long_input_is_linear() -> None:
    paragraph = "Forces moved near the river.[1] Militias paraded in town.[2] " * 20 + "\n\n"
    text = (
        "Long report\n\n" + paragraph * 800 + "[1] https://a.example/1\n[2] hxxps://b[.]example/2\n"
    )
    assert len(text) > 900_000
    draft = read_footnoted(text)
    assert draft.stats.markers == 32_000
    assert draft.stats.claims == 32_000
    assert draft.stats.distinct_urls == 2


# --- properties ---------------------------------------------------------------------------

# Abbreviations ("vs.", "etc.", "no.") do not end a sentence, by design: not drawn as words.
_ABBREVIATED = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "no"}
_ABBREVIATED |= {"vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept"}
_ABBREVIATED |= {"oct", "nov", "dec", "approx", "est"}
WORDS = st.text(alphabet=string.ascii_lowercase, min_size=2, max_size=8).filter(
    lambda w: w not in _ABBREVIATED
)
DEFANG = st.sampled_from(["{h}.{t}", "{h} (dot) {t}", "{h}[dot]{t}", "{h} dot {t}", "{h}[.]{t}"])


@st.composite
def footnoted_documents(draw: st.DrawFn) -> tuple[str, list[list[int]], dict[int, list[str]]]:
    notes = draw(st.integers(1, 12))
    urls: dict[int, list[str]] = {}
    for number in range(1, notes + 1):
        hosts = draw(
            st.lists(st.tuples(WORDS, st.sampled_from(["com", "net", "sy", "ir"])), max_size=3)
        )
        urls[number] = [f"https://{h}.{t}/{number}/{i}" for i, (h, t) in enumerate(hosts)]
    sentences: list[list[int]] = []
    body = []
    for _ in range(draw(st.integers(1, 15))):
        cited = draw(st.lists(st.integers(1, notes), max_size=3))
        words = " ".join(draw(st.lists(WORDS, min_size=2, max_size=6)))
        marks = "".join(f"[{n}]" for n in cited)
        body.append(f"{words.capitalize()}.{marks}")
        sentences.append(cited)
    lines = []
    for number, found in urls.items():
        defanged = []
        for url in found:
            host, rest = url[8:].split("/", 1)
            name, tld = host.rsplit(".", 1)
            defanged.append("https://" + draw(DEFANG).format(h=name, t=tld) + "/" + rest)
        lines.append(f"[{number}] " + " ; ".join(defanged))
    text = "Generated report\n\n" + " ".join(body) + "\n\n" + "\n".join(lines) + "\n"
    return text, sentences, urls


@given(footnoted_documents())
def test_generated_documents_read_back(
    doc: tuple[str, list[list[int]], dict[int, list[str]]],
) -> None:
    text, sentences, urls = doc
    draft = read_footnoted(text)
    assert draft.stats.markers == sum(len(s) for s in sentences)
    # The same citation (endnote and URL) is made once per claim.
    assert [[c.locator for c in claim.citations] for claim in draft.report.claims] == [
        [n for n, _ in dict.fromkeys((n, u) for n in cited for u in (urls[n] or [""]))]
        for cited in sentences
    ]
    expected = {u for found in urls.values() for u in found}
    assert {s.url for s in draft.report.sources} == expected
    assert draft.stats.distinct_urls == len(expected)
    assert draft.stats.empty_endnotes == tuple(n for n, found in urls.items() if not found)
    osr.loads(osr.dumps(draft.report, "yaml"), "yaml")


@given(st.text(max_size=400))
def test_any_text_gives_a_valid_draft(text: str) -> None:
    draft = read_footnoted(text)
    assert isinstance(draft.report, osr.Report)
    assert osr.loads(osr.dumps(draft.report, "yaml"), "yaml") == draft.report


# --- command line -------------------------------------------------------------------------


def test_cli_ingest(tmp_path: Path, capsys: pytest.CaptureFixture[str], corpus_text: str) -> None:
    out = tmp_path / "draft.yaml"
    assert main(["ingest", str(CORPUS_REPORT), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "footnote markers:         38" in printed
    assert "markers with no endnote:  1, 3, 6, 9, 15, 16, 21, 26, 32, 33, 35, 37" in printed
    assert "distinct URLs (sources):  25" in printed
    assert osr.load(out).title.startswith("Iran, Russia")
    assert main(["ingest", str(CORPUS_REPORT), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert osr.loads(captured.out, "yaml").id.startswith("iran-russia")
    data = json.loads(captured.err)
    assert data["empty_endnotes"] == [2, 4, 7, 8, 12, 17, 18, 27, 34, 38]
    assert data["coverage"]["claims"]["cited"] == 15
    assert main(["ingest", str(tmp_path / "missing.txt")]) == 2


def test_source_ids_stay_unique_when_a_numbered_id_meets_a_host_of_that_name() -> None:
    """The second source on host ``a`` is ``src-a-2``; a source on host ``a-2`` must not be."""
    text = (
        "A title\n\nOne claim.[1] Another claim.[2] A third claim.[3]\n\nEndnotes\n"
        "[1] https://a.example.org/x\n[2] https://a.example.org/y\n[3] https://a-2.example.org/z\n"
    )
    report = read_footnoted(text).report
    assert [s.id for s in report.sources] == ["src-a", "src-a-2", "src-a-2-2"]
    assert "OSR101" not in osr.validate(report).codes()


def test_a_repeated_sentence_with_markers_is_not_a_credit_line() -> None:
    # Found by hypothesis: "Aa aa.[1] Aa aa.[1]" was dropped as a credit line ("AFP AFP").
    from osintreport.ingest.clean import why_dropped

    assert why_dropped("Aa aa.[1] Aa aa.[1]") is None
    assert why_dropped("Reuters Reuters") == "a credit line (the same words repeated)"
    ingested = read_footnoted("Generated report\n\nAa aa.[1] Aa aa.[1]\n\n[1] \n")
    assert ingested.stats.markers == 2
    assert not ingested.dropped
