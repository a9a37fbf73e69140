"""An input's lines as the ingester reads them, to be read again and again without keeping them.

:func:`~osintreport.ingest.write_draft` reads the lines of its input several times (to find
the endnote list, then the header, the endnotes and the body). A text file is read from
the file each time (:func:`text_lines`). Other inputs are first turned into the ingester's
text by their front-end, and that text is kept in a temporary file (:func:`spooled_lines`
reads it back): Markdown a line at a time (:func:`~osintreport.ingest.markdown.markdown_lines`),
after a first pass for its title and footnote labels; an HTML page as lxml parses it, after
a first pass for its metadata (:class:`~osintreport.ingest.html.HtmlPage`); a PDF a page at
a time (:class:`~osintreport.ingest.pdf.PdfPages`), its pages' lines kept in a second
temporary file for the passes of :func:`~osintreport.ingest.pdf.pdf_lines`.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import attrs

from ..streamed import no_progress
from .clean import Dropped
from .header import Header

__all__ = ["LineSource", "line_source", "spooled_lines", "text_lines", "write_text"]

Tick = Callable[[int], object]


def text_lines(path: str | os.PathLike[str], tick: Tick = no_progress) -> Iterator[str]:
    r"""The lines of a text file as the ingester reads them, calling ``tick`` with each length.

    The same lines as ``normal_text(data).split("\n")``: UTF-8 with bad bytes replaced, a
    byte order mark dropped, CR LF and lone CR read as line ends, and a last ``""`` when
    the text ends with a line end (or is empty).
    """
    # Not "utf-8-sig": its decoder drops a file's lone b"\xef" instead of replacing it.
    with open(path, encoding="utf-8", errors="replace", newline=None) as handle:
        yield from _split(handle, tick, bom=True)


def spooled_lines(path: str | os.PathLike[str], tick: Tick = no_progress) -> Iterator[str]:
    r"""The lines of the text a front-end wrote to ``path``, as ``text.split("\n")`` gives them.

    Only ``"\n"`` ends a line; every other character (``"\r"``, a lone surrogate) is read
    back as it was written by :func:`write_text`.
    """
    with open(path, encoding="utf-8", errors="surrogatepass", newline="\n") as handle:
        yield from _split(handle, tick, bom=False)


def _split(handle: Iterable[str], tick: Tick, *, bom: bool) -> Iterator[str]:
    r"""The lines ``handle`` reads, without their ``"\n"``, and a last ``""`` after one.

    With ``bom``, a byte order mark starting the first line is dropped. ``tick`` is called
    with each line's length (its ``"\n"`` counted).
    """
    ended = True
    for number, read in enumerate(handle):
        line = read.removeprefix("\ufeff") if bom and number == 0 else read
        tick(len(line))
        ended = line.endswith("\n")
        yield line[:-1] if ended else line
    if ended:
        yield ""


def write_text(pieces: Iterable[str], path: str | os.PathLike[str]) -> int:
    """Write ``pieces`` to ``path`` as they are, for :func:`spooled_lines`; their length."""
    length = 0
    with open(path, "w", encoding="utf-8", errors="surrogatepass", newline="") as handle:
        for piece in pieces:
            handle.write(piece)
            length += len(piece)
    return length


class _Joined:
    r"""``"\n".join(lines)``, a piece at a time, counting the lines and the blank ones."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = lines
        self.count = self.blank = 0

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            if self.count:
                yield "\n"
            self.count += 1
            if not line.strip():
                self.blank += 1
            yield line


@attrs.frozen(kw_only=True)
class LineSource:
    """An input's lines, read again at each call, and what its front-end says of them.

    Attributes:
        lines: The lines, read again at each call, calling the tick with their lengths.
        known: What the input's metadata says (``known`` of
            :func:`~osintreport.ingest.draft.draft_report`).
        known_first: Whether ``known`` wins over the header lines, or only fills gaps.
        dropped: Lines the front-end left out.
        each_line: Whether every line of the body is a paragraph of its own.
        scan_ticks: Whether the first reading of the lines ticks (a text file's does; a
            front-end ticked as it read the file).
        scale: How much of the file a character of the lines stands for, for progress.
    """

    lines: Callable[[Tick], Iterator[str]]
    known: Header | None = None
    known_first: bool = True
    dropped: tuple[Dropped, ...] = ()
    each_line: bool = False
    scan_ticks: bool = True
    scale: float = 1.0


def line_source(
    source: str | os.PathLike[str], kind: str, spool: Path, tick: Tick = no_progress
) -> LineSource:
    """The lines of the file ``source`` of format ``kind``, a front-end's kept in ``spool``.

    ``tick`` is called as a front-end reads the file: with about the file's size in all.
    """
    if kind == "text":
        return LineSource(lines=lambda tick: text_lines(source, tick))
    if kind == "markdown":
        return _markdown(source, spool, tick)
    if kind == "html":
        return _html(source, spool, tick)
    return _pdf(source, spool, tick)


def _markdown(source: str | os.PathLike[str], spool: Path, tick: Tick) -> LineSource:
    """Markdown, turned a line at a time after a first pass for its title and labels."""
    from .markdown import markdown_lines, paragraph_per_line, plan_markdown

    plan = plan_markdown(text_lines(source))
    dropped: list[Dropped] = []
    turned = _Joined(markdown_lines(text_lines(source, tick), plan, dropped))
    length = write_text(turned, spool)
    # Counted as markdown_text counts them: a line an entity broke in two is one.
    paragraphs = paragraph_per_line(turned.blank, turned.count)
    return LineSource(
        lines=lambda tick: spooled_lines(spool, tick),
        dropped=tuple(dropped),
        each_line=paragraphs,
        scan_ticks=False,
        scale=os.path.getsize(source) / max(length, 1),
    )


def _html(source: str | os.PathLike[str], spool: Path, tick: Tick) -> LineSource:
    """An HTML page, parsed twice as it is read (once for its header), never whole.

    With libxml2 2.14 or later; with an older one, parsed whole (see ``HtmlPage``).
    """
    from .html import HtmlPage

    page = HtmlPage(_utf8_blocks(text_lines(source)))
    turned = _Joined(page.lines(_utf8_blocks(text_lines(source, tick))))
    length = write_text(turned, spool)
    return LineSource(
        lines=lambda tick: spooled_lines(spool, tick),
        known=page.header,
        dropped=tuple(page.dropped),
        scan_ticks=False,
        scale=os.path.getsize(source) / max(length, 1),
    )


def _utf8_blocks(lines: Iterable[str], size: int = 1 << 20) -> Iterator[bytes]:
    r"""``"\n".join(lines)`` as UTF-8, in blocks of about ``size`` characters."""
    block: list[str] = []
    length = 0
    for piece in _Joined(lines):
        block.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(block).encode("utf-8", "replace")
            block.clear()
            length = 0
    if block:
        yield "".join(block).encode("utf-8", "replace")


def _pdf(source: str | os.PathLike[str], spool: Path, tick: Tick) -> LineSource:
    """A PDF, read a page at a time by pypdf; its pages' lines are kept on disk."""
    from .pdf import PdfPages, page_lines, pdf_lines

    size = os.path.getsize(source)
    pages_spool = spool.with_name("pages")
    counts: list[int] = []  # each page's number of lines

    def pieces(pdf: PdfPages) -> Iterator[str]:
        for number, text in enumerate(pdf):
            lines = page_lines(text)
            counts.append(len(lines))
            yield "".join(f"{line}\n" for line in lines)
            tick(size * (number + 1) // pdf.count - size * number // pdf.count)

    with open(source, "rb") as handle:
        pdf = PdfPages(handle)
        write_text(pieces(pdf), pages_spool)

    def pages() -> Iterator[list[str]]:
        lines = spooled_lines(pages_spool)
        for count in counts:
            yield list(itertools.islice(lines, count))

    dropped: list[Dropped] = []
    length = write_text(_Joined(pdf_lines(pages, len(counts), dropped)), spool)
    pages_spool.unlink()
    return LineSource(
        lines=lambda tick: spooled_lines(spool, tick),
        known=pdf.header,
        known_first=False,
        dropped=tuple(dropped),
        scan_ticks=False,
        scale=size / max(length, 1),
    )
