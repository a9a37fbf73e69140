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

Pages are extracted one at a time (:class:`PdfPages`) and laid out by :func:`pdf_lines` in
a few passes over them, keeping only counts between passes, so that a big PDF can be read
page by page from a file and its pages kept on disk (as ``ingest -o`` does).
"""

from __future__ import annotations

import gc
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, BinaryIO

from ..errors import MissingExtraError
from .clean import Dropped
from .header import Header
from .results import Prepared

__all__ = ["PdfPages", "page_lines", "pdf_lines", "pdf_text"]

_PAGE_NUMBER_RE = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’)\]]*(?:\[[^\]]{1,12}\]){0,20}$")  # bounded: linear
_NOTE_RE = re.compile(r"^\s*(?:\[\w{1,8}\]|\d{1,3}[.)])\s")
_BULLET_RE = re.compile(r"^\s*[•·▪◦‣∙*–—-]\s")
_FORGET_EVERY = 64  # pages between two clearings of pypdf's cache of parsed objects

Pages = Callable[[], Iterable[list[str]]]
"""The pages' lines, read again at each call."""


class PdfPages:
    """A PDF's pages' texts, extracted one page at a time as they are iterated.

    Args:
        source: The PDF's bytes, or a binary file open for reading (pypdf seeks in it, so
            the file need not be read whole); it must stay open while the pages are read.

    Attributes:
        count: The number of pages.
        header: The title and author of the PDF's metadata (its dates are the file's,
            not the report's, and are left out).

    A PDF encrypted with an owner password only (it opens without a password) is read; one
    that needs a password to open is refused.

    Raises:
        MissingExtraError: pypdf is not installed.
        ValueError: The file is not a PDF pypdf can read, or needs a password to open
            (raised when reading a page, too).
    """

    def __init__(self, source: bytes | BinaryIO) -> None:
        try:
            from pypdf import PdfReader
            from pypdf.errors import PyPdfError
        except ImportError as error:
            raise MissingExtraError("pypdf", "pdf", "reading PDF") from error
        self._errors: tuple[type[Exception], ...] = (PyPdfError, ValueError, KeyError, OSError)
        with self._reading():
            self._reader = PdfReader(io.BytesIO(source) if isinstance(source, bytes) else source)
            # Many published PDFs are encrypted with an owner password only (against
            # editing): they open with an empty user password, as a PDF viewer opens them.
            if self._reader.is_encrypted and not self._reader.decrypt(""):
                raise ValueError(
                    "it needs a password to open; decrypt it first, for example with "
                    "'qpdf --password=PASSWORD --decrypt in.pdf out.pdf'"
                )
            self.count: int = len(self._reader.pages)
            meta: Any = self._reader.metadata
        self.header = Header()
        if meta is not None:
            self.header = Header(
                title=(meta.title or "").strip() or None,
                authors=(meta.author.strip(),) if (meta.author or "").strip() else (),
            )

    @contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except self._errors as error:
            raise ValueError(f"cannot read the PDF: {error}") from None

    def __iter__(self) -> Iterator[str]:
        """Each page's text, extracted as it is reached."""
        reader = self._reader
        for number in range(self.count):
            with self._reading():
                text = reader.pages[number].extract_text() or ""
            if number % _FORGET_EVERY == _FORGET_EVERY - 1:
                self._forget()
            yield text

    def _forget(self) -> None:
        """Let go of what pypdf parsed for the pages read so far.

        pypdf keeps every object it has parsed (content streams, fonts); they are read
        again from the file when needed. Its objects hold reference cycles: with the
        collector paused (as ``ingest`` pauses it), they are collected here, all of them
        made since the last time, so a young-generation pass is enough.
        """
        cache = getattr(self._reader, "resolved_objects", None)
        if isinstance(cache, dict):
            cache.clear()
        if not gc.isenabled():
            gc.collect(0)


def page_lines(text: str) -> list[str]:
    """A page's text split into lines (CR LF, CR and LF end a line)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def pdf_text(data: bytes) -> Prepared:
    """Extract a PDF's text and lay it out in paragraphs, headings and endnote lines."""
    pdf = PdfPages(data)
    pages = [page_lines(text) for text in pdf]
    dropped: list[Dropped] = []
    text = "\n".join(pdf_lines(lambda: pages, len(pages), dropped))
    return Prepared(text=text, header=pdf.header, dropped=tuple(dropped), metadata_first=False)


def pdf_lines(pages: Pages, count: int, dropped: list[Dropped]) -> Iterator[str]:
    """The lines of the laid-out text of ``count`` pages, each line as it is reached.

    ``pages()`` is read up to five times: for the running headers (three times, when
    there are three pages or more) and the usual line length before this returns, then for
    the lines themselves; so the pages may come from a file. What is left out is added to
    ``dropped`` as that last reading goes.
    """
    running = _running(pages, count)
    full = _full_width(_kept(pages(), running, None))
    return _paragraphs(_kept(pages(), running, dropped), full)


def _keys(page: list[str]) -> set[str]:
    """The page's lines that could be a running header: stripped, not blank, short."""
    return {key for key in (line.strip() for line in page) if key and len(key) < 120}


def _running(pages: Pages, count: int) -> set[str]:
    """Lines on at least half the pages (three or more): running headers and footers.

    Found in memory that does not grow with the number of pages. The first reading counts
    the (page, line) pairs; the second keeps Misra and Gries' frequent-item candidates (with
    that many counters every line on half the pages is among them); the third counts the
    candidates exactly.
    """
    if count < 3:
        return set()
    pairs = sum(len(_keys(page)) for page in pages())
    size = 2 * pairs // count + 1
    tally: dict[str, int] = {}
    for page in pages():
        for key in _keys(page):
            if key in tally:
                tally[key] += 1
            elif len(tally) < size:
                tally[key] = 1
            else:  # at most pairs / (size + 1) times: linear in all
                for other in list(tally):
                    tally[other] -= 1
                    if not tally[other]:
                        del tally[other]
    exact = dict.fromkeys(tally, 0)
    for page in pages():
        for key in _keys(page):
            if key in exact:
                exact[key] += 1
    return {key for key, pages_with in exact.items() if pages_with * 2 >= count}


def _kept(
    pages: Iterable[list[str]], running: set[str], dropped: list[Dropped] | None
) -> Iterator[str]:
    """The pages' stripped lines without running headers and page numbers, hyphens joined."""
    held: list[str] = []  # the last line kept, in the pieces hyphens joined
    for number, page in enumerate(pages, start=1):
        for raw in page:
            line = raw.strip()
            numbered = _PAGE_NUMBER_RE.match(line)
            if numbered or line in running:
                if dropped is not None:
                    reason = "a page number" if numbered else "a running header"
                    dropped.append(
                        Dropped(line=number, text=line, reason=f"{reason} (page {number})")
                    )
                continue
            if held and held[-1].endswith("-") and line[:1].islower():
                held[-1] = held[-1][:-1]  # a word hyphenated across two lines
                held.append(line)
                continue
            if held:
                yield "".join(held)
            held = [line]
    if held:
        yield "".join(held)


def _full_width(lines: Iterable[str]) -> int:
    """The usual length of a full line: the 90th percentile of the lines with text."""
    widths = Counter(len(line) for line in lines if line)
    rank = int(widths.total() * 0.9)
    for width in sorted(widths):
        rank -= widths[width]
        if rank < 0:
            return width
    return 0


def _with_following(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Each line with the next line that has text after it (``""`` for the last ones)."""
    held: str | None = None
    blanks = 0
    for line in lines:
        if not line:
            blanks += 1
            continue
        if held is not None:
            yield held, line
        for _ in range(blanks):
            yield "", line
        held, blanks = line, 0
    if held is not None:
        yield held, ""
    for _ in range(blanks):
        yield "", ""


def _paragraphs(lines: Iterable[str], full: int) -> Iterator[str]:
    """Blank lines at paragraph ends, ``##`` before headings."""
    ended = True  # the line before ended a paragraph (or there is none)
    body = False  # a full-width line has been seen: the header lines are behind
    last: str | None = None  # the last line written
    for line, following in _with_following(lines):
        if not line:
            yield (last := "")
            ended = True
            continue
        short = len(line) < full * 0.6
        if not body and short:  # the header: title, authors, date, each a line of its own
            yield line
            yield (last := "")
            continue
        if (
            body
            and ended
            and short
            and not _SENTENCE_END_RE.search(line)
            and not _NOTE_RE.match(line)
            and not _BULLET_RE.match(line)
            and line[:1].isupper()
            and following[:1].isupper()
        ):
            yield f"## {line}"
            yield (last := "")
            continue
        if (_NOTE_RE.match(line) or _BULLET_RE.match(line)) and last:
            yield ""
        yield (last := line)
        body = body or len(line) >= full * 0.85
        ended = bool(_SENTENCE_END_RE.search(line)) and len(line) < full * 0.85
        if ended:
            yield (last := "")
