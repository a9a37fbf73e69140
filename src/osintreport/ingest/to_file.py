"""Draft a report straight into a file, reading a big text a line at a time.

:func:`write_draft` writes what :func:`~osintreport.ingest.read_report` and
:func:`~osintreport.dump` write, byte for byte, without holding the text or the draft: the
text file is read in passes (where the endnote list starts, the header, the endnotes, the
body), each claim is drafted as its sentence is read and kept in a temporary file beside
the output until the claims are counted (their ids are padded to the count), and the
report is written by :func:`~osintreport.jsonl_convert.write_items`. Memory is the
endnotes, their sources, the lines left out and the ids of uncited claims.

Other inputs are turned into the ingester's text first, and that text is kept in a
temporary file beside the output and drafted from there
(:mod:`~osintreport.ingest.line_sources`): Markdown a line at a time, HTML as lxml parses
it (never whole), PDF a page at a time (its pages' lines kept in a second temporary file
for the layout's passes).
"""

from __future__ import annotations

import errno
import itertools
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from .._gcpause import paused_gc
from .._spool import Rows
from ..citation_coverage import is_usable
from ..jsonl_convert import write_items
from ..model import Claim
from ..parts import Citation
from ..serialization import Format, format_for
from ..streamed import CoverageCounter, ScaledTick, no_progress
from .citing import MAX_CITATIONS_PER_MARKER, MAX_CLAIMS, Drafter, citation_budget, claim_id
from .citing import new_claim as _new_claim
from .draft import Closing, draft_header
from .endnote_sources import EndnoteSources
from .formats import FORMATS, detect_format
from .layout import read_parts, scan_lines
from .line_sources import LineSource, line_source, text_lines
from .results import DraftWritten

__all__ = ["text_lines", "write_draft"]

Tick = Callable[[int], object]


def write_draft(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    format: Format | None = None,
    input_format: str | None = None,
    report_id: str | None = None,
    max_citations_per_marker: int = MAX_CITATIONS_PER_MARKER,
    max_citations: int | None = None,
    max_claims: int | None = MAX_CLAIMS,
    progress: Tick | None = None,
) -> DraftWritten:
    """Draft a report from the file ``source`` and write it to ``target``.

    Args:
        source: The report's file: ``.txt``, ``.md`` or ``.html`` (read a piece at a
            time), or ``.pdf`` (read a page at a time, its text then drafted as a text's).
        target: Where to write the draft.
        format: ``"json"``, ``"yaml"`` or ``"jsonl"``; by default from ``target``'s suffix.
        input_format: As ``format`` of :func:`~osintreport.ingest.read_report`.
        report_id: The draft's id; by default a slug of the title.
        max_citations_per_marker: See :func:`~osintreport.ingest.read_footnoted`.
        max_citations: See :func:`~osintreport.ingest.read_footnoted`.
        max_claims: See :func:`~osintreport.ingest.read_footnoted` (``None``: no limit).
        progress: Called with numbers that add up to at most twice the file's size: the
            characters of a text, Markdown or HTML file as they are read, first to find
            its parts, then as its body is drafted; a PDF's size once it is read, then
            the body's share of it as the body is drafted.

    Returns:
        What was found, as :func:`~osintreport.ingest.read_report` gives it, with the
        draft's own fields in place of the draft.

    Raises:
        OSError: ``source`` cannot be read or ``target`` written.
        UnsupportedFormatError: No ``format``, and none told from ``target``'s suffix.
        ValueError: ``input_format`` is not one of :data:`~osintreport.ingest.FORMATS`,
            or the PDF cannot be read.
        MissingExtraError: HTML without lxml, or PDF without pypdf.
    """
    out = format or format_for(target)
    with open(source, "rb") as handle:
        head = handle.read(65536)
    kind = input_format or detect_format(source, head)
    if kind not in FORMATS:
        raise ValueError(f"unknown input format {kind!r}: expected one of {', '.join(FORMATS)}")
    tick = progress or no_progress
    folder = _folder(target)
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder for the draft", os.fspath(target))
    with paused_gc(), tempfile.TemporaryDirectory(prefix=".osr-", dir=folder) as spool:
        text = _Text(
            line_source(source, kind, Path(spool) / "text", tick),
            report_id=report_id,
            per_marker=max_citations_per_marker,
            max_citations=max_citations,
            max_claims=max_claims,
            tick=tick,
        )
        return text.write(target, out, kind)


def _folder(target: str | os.PathLike[str]) -> Path:
    """The folder of ``target``, where temporary files go (they are as big as the input)."""
    return Path(os.path.realpath(target)).parent


class _Text:
    """One input drafted in passes over its lines (see the module's text)."""

    def __init__(
        self,
        read: LineSource,
        *,
        report_id: str | None,
        per_marker: int,
        max_citations: int | None,
        max_claims: int | None,
        tick: Tick,
    ) -> None:
        self.read = read
        self.report_id = report_id
        self.max_claims = max_claims
        self.tick = tick if read.scale == 1.0 else ScaledTick(tick, read.scale)
        scan = scan_lines(read.lines(tick if read.scan_ticks else no_progress))
        self.parts = read_parts(lambda: read.lines(no_progress), scan, max_claims)
        self.notes = EndnoteSources(self.parts.endnotes)
        budget = citation_budget(scan.characters) if max_citations is None else max_citations
        self.drafter = Drafter(
            self.notes.targets, per_marker=per_marker, budget=budget, max_claims=max_claims
        )

    def write(self, target: str | os.PathLike[str], format: Format, kind: str) -> DraftWritten:
        """Draft the body into a spool, then write the report from it."""
        lines = self.read.lines(self.tick)
        body = self.parts.body(lines, each_line=self.read.each_line)
        notes, drafter = self.notes, self.drafter
        sources = notes.sources.all()
        counter = CoverageCounter({s.id for s in sources if is_usable(s)})
        header = draft_header(
            self.read.known, self.parts.header, self.read.known_first, self.report_id, notes.broken
        )
        spool = Rows(folder=_folder(target))
        try:
            for draft in drafter.drafts(body):
                spool.add([draft.body, draft.section, list(draft.pairs)])
            for _ in body:  # the rest of the body, for its lines left out, as read_report does
                pass
            claims = _claims(spool, drafter.count, counter)
            write_items(itertools.chain(sources, claims), lambda: header, target, format)
        finally:
            spool.close()
        closing = Closing(
            notes,
            cited=drafter.cited,
            references=drafter.references,
            order=tuple(drafter.cited),
            found=drafter.findings(),
            stopped_at=drafter.stopped_at or body.stopped_at or self.parts.notes_stopped,
            dropped=(*self.read.dropped, *body.dropped),
            max_claims=self.max_claims,
        )
        return DraftWritten(
            target=os.fspath(target),
            header=header,
            stats=closing.stats(claims=drafter.count, coverage=counter.coverage()),
            findings=closing.findings,
            dropped=closing.dropped,
            format=kind,
        )


def _claims(spool: Rows, count: int, counter: CoverageCounter) -> Iterator[Claim]:
    """The claims of the spooled drafts, their ids padded to ``count``, each counted."""
    for index, (text, section, pairs) in enumerate(spool, start=1):
        citations = tuple(Citation(source=source, locator=number) for source, number in pairs)
        claim = _new_claim(claim_id(index, count), text, citations, section)
        counter.add(claim)
        yield claim
