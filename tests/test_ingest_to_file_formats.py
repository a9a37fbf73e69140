"""Markdown, HTML and PDF drafted straight into a file, as read_report and dump would write.

Markdown is read a line at a time (each line turned as it is read); HTML and PDF are read
whole by their front-end, and the text it makes is drafted from a temporary file. Either
way the bytes, counts, findings and lines left out must be those of the whole reading.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import osintreport as osr
from osintreport.cli import main
from osintreport.ingest import markdown, write_draft
from osintreport.ingest.html import HtmlPage, html_text
from osintreport.ingest.line_sources import spooled_lines, write_text
from osintreport.ingest.markdown import markdown_lines, markdown_text, plan_markdown

from .conftest import CORPUS_REPORT
from .test_ingest_formats import _pdf
from .test_ingest_to_file import _same

DATA = Path(__file__).parent / "data" / "ingest"

# Lines of every sort the Markdown front-end tells apart: navigation, titles (ATX and
# setext), rules, footnote references and definitions (numbered and named), images, links,
# quotes, emphasis, an endnotes heading, blank lines.
MARKDOWN_LINES = st.sampled_from(
    [
        "",
        "  ",
        "[Home](https://example.com/) | [About](/about)",
        "# A scraped report",
        "# Second title, far down",
        "Setext title",
        "============",
        "Setext section",
        "--------------",
        "---",
        "* * *",
        "Iran moved forces.[^1] Russia helped.[^note]",
        "The **U.S.** watched *closely*, officials said.[^2]",
        "Strikes hit `Deir ez-Zor` \\[3\\] overnight.",
        "![a map](https://example.com/map.png)",
        "![](img.png)",
        "> A quoted statement was made.[^1]",
        "Linked marker.[[4]](#_edn4) And <sup>5</sup> a sup.",
        "A [link](https://example.org/page) in the text &amp; an entity.",
        "## Endnotes",
        "[^1]: https://example.com/a",
        "[^note]: hxxps://example[.]org/b",
        '[^2]: A note with [a link](https://example.net/c "title")',
        "[4] https://t.me/channel/4",
        "5. www.example.net/page",
        "- a bullet point [^1]",
        "<https://autolink.example.com/x>",
        "An entity that breaks the line:&#10;[6] https://example.com/6&#13; there.[^1]",
    ]
)
MARKDOWN = st.lists(MARKDOWN_LINES, max_size=40).map("\n".join)


# Pieces of pages of every sort the HTML front-end tells apart, well formed or not.
HTML_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "Iran moved forces. ",
        "<sup>1</sup>",
        "<sup>[2]</sup>",
        "<sup>x</sup>",
        "<a href='#fn1'>[1]</a>",
        "<a href='#back'>↩</a>",
        "<a href='https://a.org/x'>a link</a>",
        "<a name='_edn3'>[3]</a>",
        "<br>",
        "<!-- c -->",
        "<li>",
        "<li id='fn4'>",
        "<li value='7'>",
        "</li>",
        "<ol>",
        "<ol start='3'>",
        "</ol>",
        "<ul>",
        "</ul>",
        "<header><h1>Title</h1></header>",
        "<header>site</header>",
        "<footer>f</footer>",
        "<aside>a</aside>",
        "<nav>n</nav>",
        "<figure>map<figcaption>A map</figcaption></figure>",
        "<script>x<y</script>",
        "&amp;",
        "<table><tr><td>x</td></tr></table>",
        "<h2>Notes</h2>",
        "<h3>Section</h3>",
        "\n",
        "é",
        "<article>",
        "</article>",
        "<main>",
        "</main>",
        "<body>",
        "<title>A  title</title>",
        "<h1>Head <b>one</b></h1>",
        "<time datetime='2026-03-03'>x</time>",
        "<time>March 3, 2026</time>",
        "<meta property='og:title' content='OG'>",
        "<meta name='author' content='Jane Roe'>",
        "<link rel='canonical' href='https://x.org/a'>",
        "<b>",
        "</i>",
        "<",
        "&",
        "[5] https://b.org/y",
        "<pre>p\n q</pre>",
        "<section>",
        "</html>",  # libxml2 makes a second root of what follows: not read
        "<noscript>ns</noscript>",
        "<textarea>t<p>x</textarea>",
        "<P>Upper",
        "<br/>",
        "<span>",
        "</span>",
        "<hr>",
        "<form>x</form>",
        "<svg><p>in</p></svg>",
    ]
)
HTML = st.lists(HTML_PIECES, max_size=50).map("".join)


@given(HTML, st.integers(min_value=1, max_value=64))
def test_a_page_read_as_it_is_parsed_is_read_as_a_whole_page(text: str, size: int) -> None:
    pytest.importorskip("lxml", reason="needs lxml (the html extra)")

    def chunks() -> list[bytes]:  # pieces of whole characters, as HtmlPage asks
        return [text[i : i + size].encode() for i in range(0, len(text), size)]

    whole = html_text(text)
    page = HtmlPage(chunks())
    assert "\n".join(page.lines(chunks())) == whole.text
    assert page.header == whole.header
    assert tuple(page.dropped) == whole.dropped


def _counted(pieces: list[bytes], read: list[bytes]) -> Iterator[bytes]:
    for piece in pieces:
        read.append(piece)
        yield piece


def test_an_older_libxml2_reads_the_page_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    # libxml2 2.12 and 2.13 read a page fed in pieces otherwise than the whole page.
    etree = pytest.importorskip("lxml.etree", reason="needs lxml (the html extra)")
    from osintreport.ingest import html

    class Older:
        LIBXML_VERSION = (2, 13, 8)

        def __getattr__(self, name: str) -> object:
            return getattr(etree, name)

    def survey(chunks: object) -> None:
        raise AssertionError("fed in pieces to an older libxml2")

    monkeypatch.setattr(html, "lxml_etree", Older)
    monkeypatch.setattr(html, "survey", survey)
    text = (DATA / "page.html").read_text(encoding="utf-8")
    pieces = [text[i : i + 3].encode() for i in range(0, len(text), 3)]
    page = HtmlPage(pieces)
    whole = html_text(text)
    read: list[bytes] = []
    assert "\n".join(page.lines(_counted(pieces, read))) == whole.text
    assert read == pieces  # read through, for a caller that counts what it gives
    assert (page.header, tuple(page.dropped)) == (whole.header, whole.dropped)
    assert page.header is not None and page.header.title == "Iran Update, March 3, 2026"


@given(HTML)
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_streamed_html_draft_is_the_whole_draft(tmp_path: Path, text: str) -> None:
    pytest.importorskip("lxml", reason="needs lxml (the html extra)")
    source = tmp_path / "page.html"
    source.write_text(text, encoding="utf-8")
    _same(source, tmp_path)


def test_a_big_page_is_never_parsed_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("lxml", reason="needs lxml (the html extra)")
    from osintreport.ingest import html

    def whole(text: str) -> None:
        raise AssertionError("the page was parsed whole")

    monkeypatch.setattr(html, "html_text", whole)
    paragraphs = "".join(f"<p>Strike {n} hit.<sup>1</sup></p>\n" for n in range(3000))
    source = tmp_path / "page.html"
    source.write_text(
        f"<html><body><article><h1>Big</h1>{paragraphs}<h2>Notes</h2><ol>"
        "<li>https://a.org/x</li></ol></article></body></html>",
        encoding="utf-8",
    )
    written = write_draft(source, tmp_path / "draft.jsonl", max_claims=None)
    assert (written.stats.claims, written.stats.endnotes) == (3000, 1)
    assert written.header.title == "Big"


@given(MARKDOWN)
def test_markdown_turned_a_line_at_a_time_is_turned_whole(text: str) -> None:
    lines = text.split("\n")
    dropped: list[osr.ingest.Dropped] = []
    turned = list(markdown_lines(iter(lines), plan_markdown(iter(lines)), dropped))
    whole = markdown_text(text)
    assert "\n".join(turned) == whole.text
    assert tuple(dropped) == whole.dropped
    assert list(markdown_lines(lines, plan_markdown(lines))) == turned  # nothing kept between


@given(MARKDOWN, st.sampled_from([None, 2, 50_000]))
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_streamed_markdown_draft_is_the_whole_draft(
    tmp_path: Path, text: str, max_claims: int | None
) -> None:
    source = tmp_path / "report.md"
    source.write_text(text, encoding="utf-8")
    _same(source, tmp_path, max_claims=max_claims)


def test_markdown_is_not_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def whole(text: str) -> None:
        raise AssertionError("the whole text was turned at once")

    monkeypatch.setattr(markdown, "markdown_text", whole)
    source = tmp_path / "report.md"
    source.write_text("# Title\n\nIran moved.[^1]\n\n[^1]: https://example.com/a\n")
    written = write_draft(source, tmp_path / "draft.jsonl")
    assert written.format == "markdown"
    assert [c.text for c in osr.load(tmp_path / "draft.jsonl").claims] == ["Iran moved."]


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir()))
def test_every_layout_streamed(tmp_path: Path, name: str) -> None:
    written = _same(DATA / name, tmp_path)
    assert written.stats.claims > 0
    assert written.stats.distinct_urls >= 2


def test_scraped_markdown_streamed(tmp_path: Path) -> None:
    # One paragraph per line, navigation above the title: both told by the streamed reading.
    written = _same(DATA / "scraped.md", tmp_path)
    reasons = {d.reason for d in written.dropped}
    assert "navigation before the title" in reasons
    report = osr.load(tmp_path / "streamed.jsonl")
    assert all("\n" not in c.text for c in report.claims)
    assert report.title == written.header.title


def test_the_corpus_report_read_as_markdown(tmp_path: Path) -> None:
    if not CORPUS_REPORT.exists():
        pytest.skip("needs the shared corpus")
    source = tmp_path / "report.md"
    source.write_bytes(CORPUS_REPORT.read_bytes())
    written = _same(source, tmp_path)
    assert written.format == "markdown"
    assert written.stats.claims == 68
    assert written.stats.markers == 38


def test_pdf_streamed(tmp_path: Path) -> None:
    pytest.importorskip("fpdf", reason="needs fpdf2 (the test extra)")
    pytest.importorskip("pypdf", reason="needs pypdf (the pdf extra)")
    source = _pdf(tmp_path / "report.pdf")
    written = _same(source, tmp_path)
    assert written.format == "pdf"
    assert written.header.title == "Militias Surge in Eastern Syria"
    assert any(d.reason.startswith("a page number") for d in written.dropped)
    assert not list(tmp_path.glob(".osr-*"))  # the text's spool is gone


@given(st.text(alphabet="ab\n\r\u2028\x85\ufeff\ud800", max_size=30))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_spooled_text_reads_back_as_split(tmp_path: Path, text: str) -> None:
    path = tmp_path / "text"
    assert write_text(iter([text[:5], text[5:]]), path) == len(text)
    assert list(spooled_lines(path)) == text.split("\n")


@pytest.mark.parametrize("name", ["scraped.md", "page.html"])
def test_progress_adds_up_to_at_most_twice_the_size(tmp_path: Path, name: str) -> None:
    pytest.importorskip("lxml", reason="needs lxml (the html extra)")
    source = DATA / name
    seen: list[int] = []
    write_draft(source, tmp_path / "draft.json", progress=seen.append)
    size = source.stat().st_size
    assert all(n > 0 for n in seen)
    # The file once, then its body (not its endnotes): characters, or bytes scaled.
    assert size < sum(seen) <= 2 * size


def test_cli_ingests_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "draft.yaml"
    assert main(["ingest", str(DATA / "written.md"), "-o", str(out), "-q"]) == 0
    assert "draft written to" in capsys.readouterr().out
    assert osr.load(out) == read_whole(DATA / "written.md")


def read_whole(path: Path) -> osr.Report:
    """The draft as read_report makes it."""
    return osr.ingest.read_report(path).report
