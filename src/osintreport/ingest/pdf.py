"""A PDF's text turned into the text the ingester reads (needs the ``pdf`` extra: pypdf).

pypdf extracts each page's text line by line; a paragraph's lines wrap, and what marked its
end is lost. This puts it back from the shape of the lines:

- a running header or footer (the same line on at least half of three or more pages) and a
  page number on a line of its own are left out, and listed;
- a word hyphenated across two lines is joined (``coordi-`` + ``nating``);
- a line ending a sentence well short of the usual line length ends its paragraph;
- a short line with no end punctuation, after a paragraph's end and before a capital, is a
  heading (written as ``##``, so it names the section of the claims under it).

The title and author in the PDF's metadata fill in what the text's own header does not give
(metadata is often a word processor's leftover, such as ``Microsoft Word - draft3.docx``).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

from ..errors import MissingExtraError
from .clean import Dropped
from .header import Header
from .results import Prepared

__all__ = ["pdf_text"]

_PAGE_NUMBER_RE = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’)\]]*(?:\[[^\]]{1,12}\]){0,20}$")  # bounded: linear
_NOTE_RE = re.compile(r"^\s*(?:\[\w{1,8}\]|\d{1,3}[.)])\s")
_BULLET_RE = re.compile(r"^\s*[•·▪◦‣∙*–—-]\s")


def _pages(data: bytes) -> tuple[list[str], Header]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError as error:
        raise MissingExtraError("pypdf", "pdf", "reading PDF") from error
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        meta: Any = reader.metadata
    except (PyPdfError, ValueError, KeyError, OSError) as error:
        raise ValueError(f"cannot read the PDF: {error}") from None
    header = Header()
    if meta is not None:  # the file's creation date is not the report's: left out
        header = Header(
            title=(meta.title or "").strip() or None,
            authors=(meta.author.strip(),) if (meta.author or "").strip() else (),
        )
    return pages, header


def _running(pages: list[list[str]]) -> set[str]:
    """Lines repeated on at least half the pages (three or more): headers and footers."""
    if len(pages) < 3:
        return set()
    counts = Counter(line.strip() for page in pages for line in set(page) if line.strip())
    return {line for line, n in counts.items() if n * 2 >= len(pages) and len(line) < 120}


def pdf_text(data: bytes) -> Prepared:
    """Extract a PDF's text and lay it out in paragraphs, headings and endnote lines."""
    texts, header = _pages(data)
    pages = [text.replace("\r\n", "\n").replace("\r", "\n").split("\n") for text in texts]
    running = _running(pages)
    dropped: list[Dropped] = []
    lines: list[str] = []
    for number, page in enumerate(pages, start=1):
        for raw in page:
            line = raw.strip()
            if line in running or _PAGE_NUMBER_RE.match(line):
                reason = "a page number" if _PAGE_NUMBER_RE.match(line) else "a running header"
                dropped.append(Dropped(line=number, text=line, reason=f"{reason} (page {number})"))
                continue
            if lines and lines[-1].endswith("-") and line[:1].islower():
                lines[-1] = lines[-1][:-1] + line  # a word hyphenated across two lines
                continue
            lines.append(line)
    text = _paragraphs(lines)
    return Prepared(text=text, header=header, dropped=tuple(dropped), metadata_first=False)


def _paragraphs(lines: list[str]) -> str:
    """Blank lines at paragraph ends, ``##`` before headings."""
    widths = sorted(len(line) for line in lines if line)
    full = widths[int(len(widths) * 0.9)] if widths else 0
    out: list[str] = []
    following = [""] * len(lines)  # the next line with text after each line
    for index in range(len(lines) - 2, -1, -1):
        following[index] = lines[index + 1] or following[index + 1]
    ended = True  # the line before ended a paragraph (or there is none)
    body = False  # a full-width line has been seen: the header lines are behind
    for index, line in enumerate(lines):
        if not line:
            out.append("")
            ended = True
            continue
        short = len(line) < full * 0.6
        if not body and short:  # the header: title, authors, date, each a line of its own
            out.extend((line, ""))
            continue
        if (
            body
            and ended
            and short
            and not _SENTENCE_END_RE.search(line)
            and not _NOTE_RE.match(line)
            and not _BULLET_RE.match(line)
            and line[:1].isupper()
            and following[index][:1].isupper()
        ):
            out.extend((f"## {line}", ""))
            continue
        if (_NOTE_RE.match(line) or _BULLET_RE.match(line)) and out and out[-1]:
            out.append("")
        out.append(line)
        body = body or len(line) >= full * 0.85
        ended = bool(_SENTENCE_END_RE.search(line)) and len(line) < full * 0.85
        if ended:
            out.append("")
    return "\n".join(out)
