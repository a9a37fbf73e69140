"""Drafting a report straight into a file (``write_draft``, ``osintreport ingest -o``).

The streamed draft must be the whole one, byte for byte: the same report text in every
output format, the same counts, findings and lines left out.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import osintreport as osr
from osintreport.cli import main
from osintreport.ingest import DraftWritten, read_report, write_draft
from osintreport.ingest.draft import normal_text
from osintreport.ingest.layout import (
    _BRACKET_NOTE_RE,
    _FILLER_RE,
    _HEADING_RE,
    _NOTE_START_RE,
    _URLISH_RE,
    _note_match,
    scan_lines,
)
from osintreport.ingest.markers import has_markers
from osintreport.ingest.to_file import text_lines

from .conftest import CORPUS_REPORT


def _from_the_end(lines: list[str]) -> tuple[int | None, bool]:
    """The rule for where the endnote list starts, as first written: walking up from the end."""
    last_note = len(lines) - 1
    while last_note >= 0 and not (
        _NOTE_START_RE.match(lines[last_note]) and _note_match(lines[last_note], True) is not None
    ):
        last_note -= 1
    for index in range(last_note - 1, -1, -1):
        if _HEADING_RE.match(lines[index]):
            return index + 1, True
    start = None
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if not line.strip():
            continue
        match = _note_match(line, numbered=True) if _NOTE_START_RE.match(line) else None
        bracketed = match is not None and _BRACKET_NOTE_RE.match(line) is not None
        if match is not None and (bracketed or _URLISH_RE.search(line)):
            start = index
        elif _FILLER_RE.fullmatch(line) or (
            len(line) < 2000 and _URLISH_RE.search(line) and not has_markers(line)
        ):
            continue
        else:
            break
    return start, False


# Lines of every sort the layout tells apart: prose with and without markers, headings
# (Markdown, notes headings, short lines), bullets, endnotes of both styles, URL
# continuation lines, punctuation-only lines, captions and blank lines.
LINES = st.sampled_from(
    [
        "",
        "   ",
        "Title of the report",
        "By Jane Roe and John Doe",
        "August 3, 2023",
        "## Key takeaways",
        "Endnotes",
        "Notes:",
        "## Sources",
        "Iran moved forces.[1] Russia helped.[2][3]",
        "The U.S. watched closely, officials said. [4]",
        "A sentence without a marker.",
        "  continued on the next line [5]",
        "- a bullet point [1]",
        "* another bullet.",
        "1. a numbered bullet",
        "Photo: Reuters",
        "[1] hxxps://sana[.]sy/?p=1",
        "[2] https://example.com/a; https://example.org/b",
        "[3] ;",
        "[iv] Roman numeral note, with words only",
        "4. https://t.me/channel/12",
        "5) www.example.net/page",
        "[6]",
        "https://continuation.example.com/more",
        " ; ; ",
        "[7] a note without a link",
        "[x] not a note",
        "12 people were killed.[8]",
        "Heading [9]",
    ]
)
TEXTS = st.lists(LINES, max_size=40).map("\n".join)


@given(TEXTS)
def test_the_endnote_list_is_found_from_the_top_as_from_the_end(text: str) -> None:
    lines = text.split("\n")
    scan = scan_lines(lines)
    assert (scan.start, scan.heading) == _from_the_end(lines)
    assert (scan.lines, scan.characters) == (len(lines), len(text))


@given(st.binary(max_size=300), st.sampled_from([b"", b"\xef\xbb\xbf"]))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_text_lines_are_those_of_the_whole_text(tmp_path: Path, data: bytes, bom: bytes) -> None:
    path = tmp_path / "text.txt"
    data = bom + data.replace(b"x", b"\r").replace(b"y", b"\r\n")
    path.write_bytes(data)
    seen: list[int] = []
    lines = list(text_lines(path, seen.append))
    assert lines == normal_text(data).split("\n")
    assert sum(seen) == len(normal_text(data))


def _same(source: Path, tmp_path: Path, **options: object) -> DraftWritten:
    """Write the draft of ``source`` both ways in every format; assert the same bytes."""
    whole = read_report(source, **options)  # type: ignore[arg-type]
    written = None
    for suffix in ("jsonl", "json", "yaml"):
        osr.dump(whole.report, tmp_path / f"whole.{suffix}")
        written = write_draft(source, tmp_path / f"streamed.{suffix}", **options)  # type: ignore[arg-type]
        assert (tmp_path / f"streamed.{suffix}").read_bytes() == (
            tmp_path / f"whole.{suffix}"
        ).read_bytes()
        assert written.stats == whole.stats
        assert written.findings == whole.findings
        assert written.dropped == whole.dropped
        assert written.format == whole.format
        assert written.header == attrs.evolve(whole.report, claims=(), sources=())
    assert written is not None
    return written


@given(TEXTS, st.sampled_from([None, 1, 3, 50_000]), st.sampled_from([None, 2]))
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_streamed_draft_is_the_whole_draft(
    tmp_path: Path, text: str, max_claims: int | None, per_marker: int | None
) -> None:
    source = tmp_path / "report.txt"
    source.write_text(text, encoding="utf-8")
    options: dict[str, object] = {"max_claims": max_claims}
    if per_marker is not None:  # caps that cut: ING009 per marker, ING010 for the budget
        options.update(max_citations_per_marker=per_marker, max_citations=3)
    _same(source, tmp_path, **options)


@pytest.mark.parametrize("max_claims", [1, 2, 3, 4, 6])
def test_lines_left_out_after_the_draft_stops(tmp_path: Path, max_claims: int) -> None:
    # The body is read on past the last claim, for its lines left out, from where the
    # drafting stopped: not again from the top.
    source = tmp_path / "report.txt"
    source.write_text(
        "Title\n\nA one.\n\nB two.\n\nC three.\n\nPhoto: Reuters\n\nD four.\n\n"
        "Photo: AFP\n\nE five.\n",
        encoding="utf-8",
    )
    written = _same(source, tmp_path, max_claims=max_claims)
    assert 1 <= written.stats.claims <= max_claims  # the cap counts lines left out too
    assert {(d.line, d.text) for d in written.dropped} <= {
        (9, "Photo: Reuters"),
        (13, "Photo: AFP"),
    }


def test_the_corpus_report_streamed(tmp_path: Path) -> None:
    if not CORPUS_REPORT.exists():
        pytest.skip("needs the shared corpus")
    written = _same(CORPUS_REPORT, tmp_path)
    assert written.stats.claims == 68
    assert written.header.title.startswith("Iran, Russia, and the Syrian Regime")
    report = osr.load(tmp_path / "streamed.jsonl")
    assert [c.id for c in report.claims[:2]] == ["cl-001", "cl-002"]
    assert written.stats.coverage == osr.coverage(report)  # counted claim by claim
    assert (written.stats.coverage.claims.cited, written.stats.markers) == (15, 38)


def test_a_long_text_pads_ids_to_the_count(tmp_path: Path) -> None:
    source = tmp_path / "long.txt"
    body = "\n\n".join(f"Statement number {n} was made.[{(n - 1) % 3 + 1}]" for n in range(1, 1201))
    source.write_text(f"Long\n\n{body}\n\n[1] https://example.com/1\n[2] https://example.org/2\n")
    written = _same(source, tmp_path, max_claims=None)
    assert written.stats.claims == 1200
    ids = [c.id for c in osr.load(tmp_path / "streamed.jsonl").claims]
    assert ids[0] == "cl-0001" and ids[-1] == "cl-1200"
    assert written.stats.endnotes_never_cited == ()
    assert written.stats.markers_without_endnote == (3,)
    assert [f.code for f in written.findings] == ["ING001"]


def test_markdown_is_written_alike(tmp_path: Path) -> None:
    source = tmp_path / "report.md"
    source.write_text(
        "# A scraped report\n\nIran moved.[^1] Russia helped.[^2]\n\n"
        "[^1]: https://example.com/a\n[^2]: hxxps://example[.]org/b\n",
        encoding="utf-8",
    )
    written = _same(source, tmp_path)
    assert written.format == "markdown"
    assert written.stats.claims == 2 and written.stats.distinct_urls == 2


def test_bad_inputs(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_draft(tmp_path / "missing.txt", tmp_path / "out.jsonl")
    source = tmp_path / "report.txt"
    source.write_bytes(b"Title\n\nBad \xff byte.[1]\r\n\r\n[1] https://example.com/x\r\n")
    with pytest.raises(ValueError, match="unknown input format 'docx'"):
        write_draft(source, tmp_path / "out.jsonl", input_format="docx")
    with pytest.raises(osr.UnsupportedFormatError):
        write_draft(source, tmp_path / "out.txt")
    written = _same(source, tmp_path)
    assert osr.load(tmp_path / "streamed.yaml").claims[0].text == "Bad \ufffd byte."
    assert written.stats.distinct_urls == 1
    assert not list(tmp_path.glob(".osr-*"))  # no spool left behind


def test_cli_writes_the_draft_as_it_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "report.txt"
    source.write_text("Title\n\nOne.[1] Two.[2]\n\n[1] https://example.com/1\n")
    out = tmp_path / "draft.jsonl"
    assert main(["ingest", str(source), "-o", str(out), "-q", "--max-claims", "0"]) == 0
    printed = capsys.readouterr().out
    assert re.search(r"markers with no endnote:\s+2", printed)
    assert "draft written to" in printed
    assert [c.text for c in osr.load(out).claims] == ["One.", "Two."]
    assert main(["ingest", str(tmp_path / "none.txt"), "-o", str(out)]) == 2
    assert "cannot read file" in capsys.readouterr().err
    assert main(["ingest", str(source), "-o", str(tmp_path / "no" / "such" / "d.jsonl")]) == 2
    assert "no such folder for the draft: " in capsys.readouterr().err
    assert main(["ingest", str(source), "-o", str(tmp_path / "d.txt")]) == 2
    assert "d.txt" in capsys.readouterr().err
    assert main(["ingest", str(source), "-q"]) == 0  # printed: written to a file, copied out
    printed, said = capsys.readouterr()
    assert printed == osr.dumps(read_report(source).report, "yaml")
    assert "draft claims:             2" in said
