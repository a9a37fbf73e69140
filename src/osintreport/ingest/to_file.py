"""Draft a report straight into a file, reading a big text a line at a time.

:func:`write_draft` writes what :func:`~osintreport.ingest.read_report` and
:func:`~osintreport.dump` write, byte for byte, without holding the text or the draft: the
text file is read in passes (where the endnote list starts, the header, the endnotes, the
body), each claim is drafted as its sentence is read and kept in a temporary file beside
the output until the claims are counted (their ids are padded to the count), and the
report is written by :func:`~osintreport.jsonl_convert.write_items`. Memory is the
endnotes, their sources, the lines left out and the ids of uncited claims. Markdown, HTML
and PDF inputs are read whole, as :func:`~osintreport.ingest.read_report` reads them.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs

from .._gcpause import paused_gc
from .._spool import Rows
from ..citation_coverage import is_usable
from ..jsonl_convert import write_items
from ..model import Claim
from ..parts import Citation
from ..serialization import Format, dump, format_for
from ..streamed import CoverageCounter, no_progress
from .citing import MAX_CITATIONS_PER_MARKER, MAX_CLAIMS, Drafter, citation_budget, claim_id
from .citing import new_claim as _new_claim
from .draft import Closing, draft_header
from .endnote_sources import EndnoteSources
from .formats import FORMATS, detect_format, read_report
from .layout import read_parts, scan_lines
from .results import DraftWritten

__all__ = ["text_lines", "write_draft"]

Tick = Callable[[int], object]


def text_lines(path: str | os.PathLike[str], tick: Tick = no_progress) -> Iterator[str]:
    r"""The lines of a text file as the ingester reads them, calling ``tick`` with each length.

    The same lines as ``normal_text(data).split("\n")``: UTF-8 with bad bytes replaced, a
    byte order mark dropped, CR LF and lone CR read as line ends, and a last ``""`` when
    the text ends with a line end (or is empty).
    """
    ended = True
    # Not "utf-8-sig": its decoder drops a file's lone b"\xef" instead of replacing it.
    with open(path, encoding="utf-8", errors="replace", newline=None) as handle:
        for number, read in enumerate(handle):
            line = read.removeprefix("\ufeff") if number == 0 else read
            tick(len(line))
            ended = line.endswith("\n")
            yield line[:-1] if ended else line
    if ended:
        yield ""


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
        source: The report's file: ``.txt`` (read a line at a time), ``.md``, ``.html`` or
            ``.pdf`` (read whole).
        target: Where to write the draft.
        format: ``"json"``, ``"yaml"`` or ``"jsonl"``; by default from ``target``'s suffix.
        input_format: As ``format`` of :func:`~osintreport.ingest.read_report`.
        report_id: The draft's id; by default a slug of the title.
        max_citations_per_marker: See :func:`~osintreport.ingest.read_footnoted`.
        max_citations: See :func:`~osintreport.ingest.read_footnoted`.
        max_claims: See :func:`~osintreport.ingest.read_footnoted` (``None``: no limit).
        progress: Called with a number of characters as a text is read: twice its length
            in all (the first pass and the body's).

    Returns:
        What was found, as :func:`~osintreport.ingest.read_report` gives it, with the
        draft's own fields in place of the draft.

    Raises:
        OSError: ``source`` cannot be read or ``target`` written.
        UnsupportedFormatError: No ``format``, and none told from ``target``'s suffix.
        ValueError: ``input_format`` is not one of :data:`~osintreport.ingest.FORMATS`.
        MissingExtraError: HTML without lxml, or PDF without pypdf.
    """
    out = format or format_for(target)
    with open(source, "rb") as handle:
        head = handle.read(65536)
    kind = input_format or detect_format(source, head)
    if kind not in FORMATS:
        raise ValueError(f"unknown input format {kind!r}: expected one of {', '.join(FORMATS)}")
    if kind != "text":
        result = read_report(
            Path(source),
            kind,
            report_id=report_id,
            max_citations_per_marker=max_citations_per_marker,
            max_citations=max_citations,
            max_claims=max_claims,
        )
        dump(result.report, target, format=out)
        return DraftWritten(
            target=os.fspath(target),
            header=attrs.evolve(result.report, claims=(), sources=()),
            stats=result.stats,
            findings=result.findings,
            dropped=result.dropped,
            format=kind,
        )
    with paused_gc():
        text = _Text(
            source,
            report_id=report_id,
            per_marker=max_citations_per_marker,
            max_citations=max_citations,
            max_claims=max_claims,
            tick=progress or no_progress,
        )
        return text.write(target, out)


class _Text:
    """One text file drafted in passes (see the module's text)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        report_id: str | None,
        per_marker: int,
        max_citations: int | None,
        max_claims: int | None,
        tick: Tick,
    ) -> None:
        self.path = path
        self.report_id = report_id
        self.max_claims = max_claims
        self.tick = tick
        scan = scan_lines(text_lines(path, tick))
        self.parts = read_parts(lambda: text_lines(path), scan, max_claims)
        self.notes = EndnoteSources(self.parts.endnotes)
        budget = citation_budget(scan.characters) if max_citations is None else max_citations
        self.drafter = Drafter(
            self.notes.targets, per_marker=per_marker, budget=budget, max_claims=max_claims
        )

    def write(self, target: str | os.PathLike[str], format: Format) -> DraftWritten:
        """Draft the body into a spool, then write the report from it."""
        body = self.parts.body(text_lines(self.path, self.tick))
        notes, drafter = self.notes, self.drafter
        sources = notes.sources.all()
        counter = CoverageCounter({s.id for s in sources if is_usable(s)})
        header = draft_header(None, self.parts.header, True, self.report_id, notes.broken)
        spool = Rows(folder=Path(os.path.realpath(target)).parent)
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
            dropped=tuple(body.dropped),
            max_claims=self.max_claims,
        )
        return DraftWritten(
            target=os.fspath(target),
            header=header,
            stats=closing.stats(claims=drafter.count, coverage=counter.coverage()),
            findings=closing.findings,
            dropped=closing.dropped,
            format="text",
        )


def _claims(spool: Rows, count: int, counter: CoverageCounter) -> Iterator[Claim]:
    """The claims of the spooled drafts, their ids padded to ``count``, each counted."""
    for index, (text, section, pairs) in enumerate(spool, start=1):
        citations = tuple(Citation(source=source, locator=number) for source, number in pairs)
        claim = _new_claim(claim_id(index, count), text, citations, section)
        counter.add(claim)
        yield claim
