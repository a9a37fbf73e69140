"""A PDF laid out from its pages in passes that keep only counts, as the whole reading did.

``pdf_lines`` reads the pages several times (so that ``ingest -o`` can keep them on disk)
and finds the running headers with bounded memory; its text must be the one the rules give
when every line is held at once, written out here as the reference.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osintreport.ingest import pdf
from osintreport.ingest.clean import Dropped
from osintreport.ingest.pdf import PdfPages, page_lines, pdf_lines


def _reference(pages: list[list[str]]) -> tuple[str, list[Dropped]]:
    """The layout rules with every line in memory (the reading before pages were streamed)."""
    running: set[str] = set()
    if len(pages) >= 3:
        counts = Counter(line for page in pages for line in {x.strip() for x in page if x.strip()})
        running = {line for line, n in counts.items() if n * 2 >= len(pages) and len(line) < 120}
    dropped: list[Dropped] = []
    lines: list[str] = []
    number_re = pdf._PAGE_NUMBER_RE
    for number, page in enumerate(pages, start=1):
        for raw in page:
            line = raw.strip()
            if line in running or number_re.match(line):
                reason = "a page number" if number_re.match(line) else "a running header"
                dropped.append(Dropped(line=number, text=line, reason=f"{reason} (page {number})"))
            elif lines and lines[-1].endswith("-") and line[:1].islower():
                lines[-1] = lines[-1][:-1] + line
            else:
                lines.append(line)
    widths = sorted(len(line) for line in lines if line)
    full = widths[int(len(widths) * 0.9)] if widths else 0
    following = [""] * len(lines)
    for index in range(len(lines) - 2, -1, -1):
        following[index] = lines[index + 1] or following[index + 1]
    out: list[str] = []
    ended, body = True, False
    for index, line in enumerate(lines):
        if not line:
            out.append("")
            ended = True
            continue
        short = len(line) < full * 0.6
        sentence = bool(pdf._SENTENCE_END_RE.search(line))
        listed = bool(pdf._NOTE_RE.match(line) or pdf._BULLET_RE.match(line))
        if not body and short:
            out.extend((line, ""))
            continue
        capitals = line[:1].isupper() and following[index][:1].isupper()
        if body and ended and short and not sentence and not listed and capitals:
            out.extend((f"## {line}", ""))
            continue
        if listed and out and out[-1]:
            out.append("")
        out.append(line)
        body = body or len(line) >= full * 0.85
        ended = sentence and len(line) < full * 0.85
        if ended:
            out.append("")
    return "\n".join(out), dropped


LINES = st.sampled_from(
    [
        "",
        "   ",
        "ISW | Weekly Update",
        "  ISW | Weekly Update ",
        "Page 3",
        "12",
        "3 of 9",
        "Key Takeaways",
        "Militias deployed fighters to Deir ez Zor province in early March, activists said.[1]",
        "The deployment follows a series of attacks on US positions in the valley and coordi-",
        "nating officers said nothing.",
        "more text after a hyphen-",
        "- a bullet point",
        "• another bullet",
        "[2] https://example.org/a",
        "3. https://example.net/b",
        "Short line without end",
        "A full line of text that runs to the margin of the page and goes on to the end",
        "It ended.",
    ]
)
PAGES = st.lists(st.lists(LINES, max_size=8), max_size=9)


@given(PAGES)
@settings(max_examples=400)
def test_layout_in_passes_is_the_whole_reading(pages: list[list[str]]) -> None:
    dropped: list[Dropped] = []
    text = "\n".join(pdf_lines(lambda: iter(pages), len(pages), dropped))
    assert (text, dropped) == _reference(pages)


@given(st.lists(st.lists(st.sampled_from("abcdefgh"), max_size=6), min_size=3, max_size=30))
@settings(max_examples=400)
def test_running_lines_are_found_exactly(pages: list[list[str]]) -> None:
    # Few distinct lines, so that many sit just above or below half the pages.
    counts = Counter(line for page in pages for line in set(page))
    expected = {line for line, n in counts.items() if n * 2 >= len(pages)}
    assert pdf._running(lambda: iter(pages), len(pages)) == expected


def test_running_lines_among_many_others() -> None:
    # A header on half the pages, among a page's worth of lines seen once each.
    pages = [
        [f"line {p}-{i}" for i in range(40)] + (["HEADER"] if p % 2 else []) for p in range(200)
    ]
    assert pdf._running(lambda: iter(pages), len(pages)) == {"HEADER"}
    assert pdf._running(lambda: iter(pages[:-1]), 199) == set()  # 99 of 199: under half


def test_page_lines() -> None:
    assert page_lines("a\r\nb\rc\nd\u2028e") == ["a", "b", "c", "d\u2028e"]


def test_pages_of_a_long_pdf_read_as_pypdf_reads_them(tmp_path: Path) -> None:
    # Past the page at which pypdf's cache of parsed objects is cleared.
    pytest.importorskip("fpdf", reason="needs fpdf2 (the test extra)")
    pypdf = pytest.importorskip("pypdf", reason="needs pypdf (the pdf extra)")
    from fpdf import FPDF

    document = FPDF()
    document.set_font("Helvetica", size=11)
    for page in range(pdf._FORGET_EVERY * 2 + 3):
        document.add_page()
        document.cell(0, 5, f"Page {page + 1}: militias moved near Mayadin.")
    path = tmp_path / "long.pdf"
    document.output(str(path))
    expected = [page.extract_text() for page in pypdf.PdfReader(path).pages]
    with path.open("rb") as handle:
        pages = PdfPages(handle)
        assert pages.count == len(expected) == 131
        assert list(pages) == expected
    assert re.fullmatch(r"Page 131: militias moved near Mayadin\.", expected[-1])


def test_a_file_that_is_not_a_pdf(tmp_path: Path) -> None:
    pytest.importorskip("pypdf", reason="needs pypdf (the pdf extra)")
    with pytest.raises(ValueError, match="cannot read the PDF"):
        PdfPages(b"%PDF-1.4 not really")


def test_encrypted_pdfs(tmp_path: Path) -> None:
    pytest.importorskip("fpdf", reason="needs fpdf2 (the test extra)")
    pypdf = pytest.importorskip("pypdf", reason="needs pypdf (the pdf extra)")
    from .test_ingest_formats import _pdf

    plain = _pdf(tmp_path / "plain.pdf")
    expected = list(PdfPages(plain.read_bytes()))
    assert "Militias Surge in Eastern Syria" in expected[0]
    for user, name in (("", "owner.pdf"), ("secret", "user.pdf")):
        writer = pypdf.PdfWriter(clone_from=plain)
        writer.encrypt(user_password=user, owner_password="owner", algorithm="RC4-128")
        writer.write(tmp_path / name)
    # An owner password only: opened as a viewer opens it, with no password.
    assert list(PdfPages((tmp_path / "owner.pdf").read_bytes())) == expected
    with pytest.raises(ValueError, match="needs a password to open; decrypt it first"):
        PdfPages((tmp_path / "user.pdf").read_bytes())
