"""Ingesting every input format: scraped and written Markdown, saved HTML pages, PDFs, text.

The layouts in tests/data/ingest were written for these tests, in the shapes analysts get:
a scraped page as Markdown with one paragraph per line and navigation on top, Markdown with
reference footnotes and a setext title, an HTML page with ``<sup>``-anchored endnotes, plain
text with roman markers under "Sources". The PDF is made here with fpdf2.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import osintreport as osr
from osintreport.cli import main
from osintreport.errors import MissingExtraError
from osintreport.ingest import Ingested, detect_format, read_report
from osintreport.ingest.clean import why_dropped
from osintreport.ingest.header import parse_date
from osintreport.ingest.refang import find_urls

DATA = Path(__file__).parent / "data" / "ingest"


def _pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_title("Militias Surge in Eastern Syria")
    pdf.set_author("Jane Doe")
    body = [
        "Militias Surge in Eastern Syria",
        "By Jane Doe",
        "March 3, 2026",
        "Key Takeaways",
        "Iranian-backed militias deployed additional fighters to Deir ez Zor province in early "
        "March, according to local activists.[1] The deployment follows a series of attacks on "
        "US positions in the Middle Euphrates River Valley.[2]",
        "The Syrian regime has not commented on the deployments.[3]",
        "Endnotes",
        "[1] https://deirezzor24 dot net/en/archives/50000",
        "[2] hxxps://www.centcom[.]mil/MEDIA/PRESS-RELEASES/2026/03/01",
        "[3] https://sana.sy/en/?p=350001",
    ]
    for page in range(3):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        pdf.cell(0, 5, "ISW | Militias Surge in Eastern Syria", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        for text in body if page == 0 else [f"Map {page} shows the province in March."]:
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        pdf.set_y(-20)
        pdf.cell(0, 5, str(page + 1), align="C")
    pdf.output(str(path))
    return path


@pytest.fixture(scope="module")
def pdf_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _pdf(tmp_path_factory.mktemp("pdf") / "report.pdf")


EXPECTED: dict[str, dict[str, Any]] = {
    "scraped.md": {
        "format": "markdown",
        "title": "Russia and Iran Deepen Cooperation",
        "published": dt.date(2026, 2, 26),
        "url": "https://www.understandingwar.org/backgrounder/russia-and-iran-deepen-cooperation",
        "authors": ("Jane Doe", "John Roe"),
        "sections": {"Key Takeaways", "Analysis"},
        "urls": {
            "https://www.vedomosti.ru/politics/articles/2026/02/25/1",
            "https://kyivindependent.com/iran-drones-2026/",
            "https://www.kremlin.ru/events/president/news/73000",
            "https://t.met.me/rybar/5000",
            "https://www.scmp.com/news/china/article/3300000",
            "https://en.irna.ir/news/85000",
        },
        "dropped": {
            "navigation before the title": 3,
            "an image": 1,
            "a credit line (the same words repeated)": 1,
            "a label with nothing after it": 1,
        },
    },
    "written.md": {
        "format": "markdown",
        "title": "Militia Movements in the Middle Euphrates",
        "published": dt.date(2026, 2, 26),
        "url": None,
        "authors": ("Jane Doe", "John Roe", "Ali Hassan"),
        "sections": {"Summary", "Outlook"},
        "urls": {
            "https://www.syriahr.com/en/300000/",
            "https://deirezzor24.net/en/archives/60000",
            "https://www.euphratespost.net/2026/02/25/strike",
            "https://sana.sy/en/?p=360000",
            "https://tass.ru/mezhdunarodnaya-panorama/20000000",
        },
        "dropped": {"a caption or credit": 1},
    },
    "page.html": {
        "format": "html",
        "title": "Iran Update, March 3, 2026",
        "published": dt.date(2026, 3, 3),
        "url": "https://www.understandingwar.org/backgrounder/iran-update-march-3-2026",
        "authors": ("Jane Doe",),
        "sections": {"Key Takeaways"},
        "urls": {
            "https://t.me/sabreen_s1/12345",
            "https://www.tasnimnews.com/fa/news/2026/03/03/123",
            "https://sana.sy/en/?p=350000",
            "https://www.reuters.com/world/middle-east/x-2026-03-03/",
        },
        "dropped": {"a figure's caption": 1},
    },
    "sources.txt": {
        "format": "text",
        "title": "Drone Strikes in the East",
        "published": dt.date(2026, 2, 26),
        "url": "https://example-think-tank.org/drone-strikes-in-the-east",
        "authors": ("Jane Doe",),
        "sections": {"Overview"},
        "urls": {
            "https://www.rudaw.net/english/middleeast/syria/26022026",
            "https://www.hawarnews.com/en/2026/02/26/strike",
            "https://x.com/SDFpress/status/1900000000000000000",
        },
        "dropped": {},
    },
    "report.pdf": {
        "format": "pdf",
        "title": "Militias Surge in Eastern Syria",
        "published": dt.date(2026, 3, 3),
        "url": None,
        "authors": ("Jane Doe",),
        "sections": {"Key Takeaways"},
        "urls": {
            "https://deirezzor24.net/en/archives/50000",
            "https://www.centcom.mil/MEDIA/PRESS-RELEASES/2026/03/01",
            "https://sana.sy/en/?p=350001",
        },
        "dropped": {"a running header (page 1)": 1, "a page number (page 1)": 1},
    },
}


def _read(name: str, pdf_file: Path) -> Ingested:
    return read_report(pdf_file if name == "report.pdf" else DATA / name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_layout_reads_cleanly(name: str, pdf_file: Path) -> None:
    expected = EXPECTED[name]
    result = _read(name, pdf_file)
    report, stats = result.report, result.stats
    assert result.format == expected["format"]
    assert report.title == expected["title"]
    assert report.published == osr.When.from_date(expected["published"])
    assert report.url == expected["url"]
    assert report.authors == expected["authors"]
    # Every marker cited, every endnote read.
    assert stats.markers_without_endnote == ()
    assert stats.endnotes_never_cited == ()
    assert stats.broken_urls == ()
    # One source per distinct refanged URL, with the exact URL string.
    urls = [s.url for s in report.sources if s.url]
    assert len(urls) == len(set(urls))
    assert set(urls) == expected["urls"]
    # Headings name sections; no claim holds a heading, a credit line or a label.
    assert {c.extensions.get("x_section") for c in report.claims} == expected["sections"]
    for claim in report.claims:
        assert not claim.text.startswith("#")
        assert not any(claim.text.startswith(s) for s in expected["sections"])
        assert why_dropped(claim.text) is None
        assert "Vedomosti Vedomosti" not in claim.text
    reasons: dict[str, int] = {}
    for item in result.dropped:
        reasons[item.reason] = reasons.get(item.reason, 0) + 1
    if name == "report.pdf":  # three pages: a running header and a page number on each
        assert reasons == {
            f"a {kind} (page {n})": 1
            for kind in ("running header", "page number")
            for n in (1, 2, 3)
        }
    else:
        assert reasons == expected["dropped"]
    assert {f.code for f in result.findings if f.code == "ING011"} == (
        {"ING011"} if result.dropped else set()
    )
    # The draft is a valid report that round-trips.
    assert not [f for f in osr.validate(report) if f.severity is osr.Severity.ERROR]
    assert osr.loads(osr.dumps(report, "yaml"), "yaml") == report


def test_scraped_markdown_flags_a_host_that_cannot_exist(pdf_file: Path) -> None:
    result = _read("scraped.md", pdf_file)
    (suspect,) = result.stats.suspect_urls
    assert (suspect.endnote, suspect.url) == (4, "https://t.met.me/rybar/5000")
    assert "'t.me' written twice" in suspect.reason
    assert [f.code for f in result.findings if f.severity is osr.Severity.WARNING] == ["ING012"]


def test_html_footnote_links_are_markers_not_text(pdf_file: Path) -> None:
    report = _read("page.html", pdf_file).report
    assert [c.text for c in report.claims] == [
        "Iranian-backed militias attacked a US base in Syria.",
        "The IRGC denied involvement.",
        "Israel struck a weapons depot near Damascus, according to Syrian state media.",
        "The strike killed four people.",
    ]
    assert [[x.locator for x in c.citations] for c in report.claims] == [[1], [2], [3], [4]]
    assert report.publisher == "Institute for the Study of War"


def test_markdown_reference_footnotes_and_text_endnotes(pdf_file: Path) -> None:
    report = _read("written.md", pdf_file).report
    by_text = {c.text: c for c in report.claims}
    interview = by_text["The militias will likely return to Albu Kamal once the strikes stop."]
    (citation,) = interview.citations
    source = next(s for s in report.sources if s.id == citation.source)
    assert source.title == "Interview with a resident of Mayadin, 24 February 2026"
    two = by_text["The move followed a drone strike on a militia headquarters near the border."]
    assert len(two.citations) == 2  # one endnote, two URLs


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.md", b"plain", "markdown"),
        ("a.HTM", b"", "html"),
        ("a.pdf", b"", "pdf"),
        ("a.txt", b"# Looks like Markdown", "text"),
        (None, b"%PDF-1.7\n...", "pdf"),
        (None, b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("notes.data", b"\n  <div>a</div>", "html"),
        (None, b"# Title\n\nText.[^1]\n\n[^1]: https://a.org/x\n", "markdown"),
        (None, b"Title\n\nSee [the post](https://a.org/x).", "markdown"),
        (None, b"Title\n\nIran moved.[1]\n\n[1] https://a.org/x\n", "text"),
    ],
)
def test_format_is_told_by_extension_then_content(
    name: str | None, head: bytes, expected: str
) -> None:
    assert detect_format(name, head) == expected


def test_format_can_be_forced_and_text_content_is_read() -> None:
    markdown = "# Title\n\nIran moved.[^1]\n\n[^1]: https://sana.sy/x\n"
    as_markdown = read_report(markdown)
    assert (as_markdown.format, as_markdown.report.title) == ("markdown", "Title")
    assert [c.text for c in as_markdown.report.claims] == ["Iran moved."]
    as_text = read_report(markdown, "text")
    assert as_text.format == "text"
    with pytest.raises(ValueError, match="unknown input format 'rtf'"):
        read_report(markdown, "rtf")  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError, match=r"no such file: 'missing\.md'"):
        read_report("missing.md")
    assert read_report("Iran moved. See report.md").format == "text"  # text, not a path


@pytest.mark.parametrize(("module", "extra", "name"), [("lxml", "html", "page.html")])
def test_missing_extra_is_named(
    monkeypatch: pytest.MonkeyPatch, module: str, extra: str, name: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(MissingExtraError, match=rf"osintreport\[{extra}\]"):
        read_report(DATA / name)


def test_missing_pdf_extra_is_named(monkeypatch: pytest.MonkeyPatch, pdf_file: Path) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)
    with pytest.raises(MissingExtraError, match=r"osintreport\[pdf\]"):
        read_report(pdf_file)


def test_a_file_that_is_no_pdf_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7 this is not a PDF at all")
    with pytest.raises(ValueError, match="cannot read the PDF"):
        read_report(bad)


def test_command_reads_every_format(
    tmp_path: Path, pdf_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for source in (DATA / "scraped.md", DATA / "page.html", pdf_file, DATA / "sources.txt"):
        out = tmp_path / f"{source.stem}.yaml"
        assert main(["ingest", str(source), "-o", str(out)]) == 0
        assert osr.load(out).claims
    log = capsys.readouterr().out
    assert "scraped.md (markdown): Russia and Iran Deepen Cooperation" in log
    assert "line 12: a credit line (the same words repeated): 'Vedomosti Vedomosti" in log
    assert "[4] host 't.met.me' is 't.me' written twice over" in log
    # --format names the input's format too; the JSON report lists what was left out.
    copy = tmp_path / "scraped.data"
    copy.write_bytes((DATA / "scraped.md").read_bytes())
    out = tmp_path / "forced.yaml"
    assert main(["ingest", str(copy), "--format", "markdown", "-o", str(out)]) == 0
    assert osr.load(out).title == "Russia and Iran Deepen Cooperation"
    assert main(["ingest", str(copy), "--input-format", "markdown", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert '"input_format": "markdown"' in captured.err
    assert '"reason": "navigation before the title"' in captured.err


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("February 26, 2026", dt.date(2026, 2, 26)),
        ("Feb. 26, 2026", dt.date(2026, 2, 26)),
        ("Feb 26 2026", dt.date(2026, 2, 26)),
        ("26 February 2026", dt.date(2026, 2, 26)),
        ("26th February, 2026", dt.date(2026, 2, 26)),
        ("Thursday, February 26, 2026", dt.date(2026, 2, 26)),
        ("Published: Feb 26, 2026, 5:00 pm ET", dt.date(2026, 2, 26)),
        ("Updated February 26, 2026 - 14:05 UTC", dt.date(2026, 2, 26)),
        ("2026-02-26", dt.date(2026, 2, 26)),
        ("Sept. 3, 2025", dt.date(2025, 9, 3)),
        ("February 30, 2026", None),
        ("Russia attacked on February 26, 2026 with drones.", None),  # a sentence, not a date
    ],
)
def test_header_dates_in_common_english_forms(text: str, day: dt.date | None) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Vedomosti Vedomosti Vedomosti", "a credit line (the same words repeated)"),
        ("Note:", "a label with nothing after it"),
        ("Editor's note:", "a label with nothing after it"),
        ("Photo: Reuters", "a caption or credit"),
        ("(Photo by John Doe/Getty Images)", "a caption or credit"),
        ("Figure 2: Map of Deir ez Zor", "a caption or credit"),
        ("AFP via Getty Images", "a caption or credit"),
        ("![map](img.png)", "an image"),
        ("[Home](/) | [About](/about)", "navigation"),
        ("Share this", "navigation"),
        ("https://example.org/x", "a URL alone"),
        ("Iran moved troops to the border.", None),
        ("The strike killed 5 people, according to Reuters.", None),
        ("Note: the figures are provisional.", None),
        ("Key Takeaways", None),  # a heading: it names a section
    ],
)
def test_lines_that_are_not_statements(line: str, reason: str | None) -> None:
    assert why_dropped(line) == reason


_LABEL = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10)
_DOTS = st.sampled_from([".", "[.]", "(.)", "{.}", " dot ", "[dot]", "(dot)", " [dot] "])


@given(
    labels=st.lists(_LABEL, min_size=1, max_size=3),
    tld=st.sampled_from(["com", "ru", "ir", "sy", "co.uk", "com.tr", "net"]),
    dots=st.lists(_DOTS, min_size=5, max_size=5),
    scheme=st.sampled_from(["https://", "hxxps://", "http://", "hXXp://", "https[:]//"]),
    www=st.booleans(),
    path=st.text("abcdefghijklmnopqrstuvwxyz0123456789-_/?=&%", max_size=20),
)
def test_every_defanged_host_shape_refangs_to_the_exact_url(
    labels: list[str], tld: str, dots: list[str], scheme: str, www: bool, path: str
) -> None:
    parts = (["www"] if www else []) + labels + tld.split(".")
    host = ".".join(parts)
    defanged = parts[0] + "".join(d + p for d, p in zip(dots, parts[1:], strict=False))
    if len(parts) - 1 > len(dots):
        defanged = host  # more dots than drawn styles: leave it plain
    clean_scheme = "http://" if scheme.lower().startswith(("http:", "hxxp:")) else "https://"
    url = f"{clean_scheme}{host}/{path}".rstrip(".,;:!?)")
    found = find_urls(f"see {scheme}{defanged}/{path} ;")
    assert [(f.url, f.broken) for f in found] == [(url, None)]


def test_markdown_without_blank_lines_is_one_paragraph_per_line() -> None:
    text = "# T\nOne sentence here.[1]\nA heading\nAnother sentence.[2]\n[1] https://a.org/1\n[2] https://b.org/2\n"
    report = read_report(text, "markdown").report
    assert [c.text for c in report.claims] == ["One sentence here.", "Another sentence."]
    assert [c.extensions.get("x_section") for c in report.claims] == [None, "A heading"]


def test_non_latin_names_give_readable_ascii_ids() -> None:
    text = "Report\n\nIt happened.[1]\n\n[1] https://кремль.рф/events/1\n"
    (source,) = read_report(text, "text").report.sources
    assert source.id == "src-kreml"
    assert re.fullmatch(r"[a-z0-9-]+", source.id)


@pytest.mark.parametrize(
    ("name", "claims"),
    [
        # Text straight in <div>s, a <br> between sentences, "1." endnotes with linked titles.
        ("divs.html", ["Militias attacked a base.", "The IRGC denied it."]),
        # Pandoc's footnotes: <ol> of <li id="fn1"> with "↩" back-references.
        ("pandoc.html", ["Militias moved.", "Others stayed."]),
    ],
)
def test_other_html_footnote_layouts(name: str, claims: list[str]) -> None:
    report = read_report(DATA / name).report
    assert [c.text for c in report.claims] == claims
    assert [[x.locator for x in c.citations] for c in report.claims] == [[1], [2]]
    assert [s.url for s in report.sources] == ["https://a.org/x", "https://b.org/y"]
