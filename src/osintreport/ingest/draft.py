"""Draft a report from normalised footnoted text (the core of :mod:`osintreport.ingest`)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

import attrs

from .._files import SURROGATE_RE
from .._gcpause import paused_gc
from .._slugs import slug
from ..citation_coverage import Coverage, coverage
from ..findings import Finding, Severity
from ..model import Report
from ..when import When
from .citing import MAX_CITATIONS_PER_MARKER, MAX_CLAIMS, citation_budget, draft_claims
from .endnote_sources import EndnoteSources
from .header import Header
from .layout import split_layout
from .markers import Number, roman_value
from .refang import find_urls, shorten
from .results import BrokenUrl, Dropped, Ingested, IngestStats, line_finding

__all__ = ["draft_report", "normal_text", "read_footnoted"]


def _sort_key(number: Number) -> tuple[int, int]:
    return (0, number) if isinstance(number, int) else (1, roman_value(number) or 0)


def read_footnoted(
    text: str | bytes,
    *,
    report_id: str | None = None,
    max_citations_per_marker: int = MAX_CITATIONS_PER_MARKER,
    max_citations: int | None = None,
    max_claims: int | None = MAX_CLAIMS,
) -> Ingested:
    """Draft a report from footnoted text.

    Args:
        text: The report's text (``bytes`` are read as UTF-8; a BOM and Windows line ends
            are fine).
        report_id: The draft's id; by default a slug of the title.
        max_citations_per_marker: How many citations one marker may make; past it the
            marker keeps its first ones and finding ``ING009`` says so.
        max_citations: How many citations the whole draft may hold (default:
            :func:`~osintreport.ingest.citing.citation_budget`); past it finding ``ING010``.
        max_claims: How many claims the draft may hold, and body paragraphs, lines,
            headings and endnotes it reads (default :data:`~osintreport.ingest.citing.MAX_CLAIMS`;
            ``None`` for no limit); past it the draft stops, with finding ``ING013``.

    Returns:
        The draft report, the counts of what was found, and findings for each oddity.
    """
    with paused_gc():
        return draft_report(
            normal_text(text),
            report_id=report_id,
            max_citations_per_marker=max_citations_per_marker,
            max_citations=max_citations,
            max_claims=max_claims,
        )


def normal_text(text: str | bytes) -> str:
    """``text`` as the ingester reads it: UTF-8 (bad bytes replaced), LF line ends, no BOM."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():  # a lone surrogate cannot be written: replaced, like a bad byte
        text = SURROGATE_RE.sub("\ufffd", text)
    return text


def draft_report(
    text: str,
    *,
    report_id: str | None = None,
    max_citations_per_marker: int = MAX_CITATIONS_PER_MARKER,
    max_citations: int | None = None,
    max_claims: int | None = MAX_CLAIMS,
    known: Header | None = None,
    known_first: bool = True,
    dropped: tuple[Dropped, ...] = (),
    lines_are_paragraphs: bool = False,
    format: str = "text",
) -> Ingested:
    """Draft a report from normalised text (see :func:`read_report`, the entry point).

    ``known`` is what the input's own metadata said (an HTML page's title, date, author,
    canonical URL, site name): it wins over what the header lines give, or with
    ``known_first=False`` only fills their gaps. ``dropped`` lists
    lines a front-end already left out; with ``lines_are_paragraphs`` every line of the body
    is a paragraph of its own.
    """
    layout = split_layout(text, lines_are_paragraphs=lines_are_paragraphs, max_units=max_claims)
    notes = EndnoteSources(layout.endnotes)
    drafted = draft_claims(
        layout,
        notes.targets,
        per_marker=max_citations_per_marker,
        budget=citation_budget(len(text)) if max_citations is None else max_citations,
        max_claims=max_claims,
    )
    claims = drafted.claims
    closing = Closing(
        notes,
        cited=drafted.cited,
        references=drafted.references,
        order=drafted.order,
        found=drafted.findings,
        stopped_at=drafted.stopped_at or layout.stopped_at,
        dropped=(*dropped, *layout.dropped),
        max_claims=max_claims,
    )
    report = attrs.evolve(
        draft_header(known, layout.header, known_first, report_id, notes.broken),
        claims=claims,
        sources=notes.sources.all(),
    )
    return Ingested(
        report=report,
        stats=closing.stats(claims=len(claims), coverage=coverage(report)),
        findings=closing.findings,
        dropped=closing.dropped,
        format=format,
    )


class Closing:
    """The findings and counts of a draft once its claims are made, in their final order."""

    def __init__(
        self,
        notes: EndnoteSources,
        *,
        cited: Collection[Number],
        references: int,
        order: Sequence[Number],
        found: Iterable[Finding],
        stopped_at: int | None,
        dropped: tuple[Dropped, ...],
        max_claims: int | None,
    ) -> None:
        self.notes = notes
        self.references = references
        self.stopped_at = stopped_at
        self.dropped = dropped
        findings = [*notes.findings, *found]
        by_number = notes.notes
        self.missing = sorted({n for n in cited if n not in by_number}, key=_sort_key)
        for number in self.missing:
            findings.append(
                line_finding(
                    "ING001",
                    Severity.WARNING,
                    None,
                    number,
                    f"marker [{number}] has no endnote",
                    "find the missing endnote",
                )
            )
        self.never = sorted((n for n in by_number if n not in cited), key=_sort_key)
        for number in self.never:
            findings.append(
                line_finding(
                    "ING002",
                    Severity.WARNING,
                    by_number[number].line,
                    number,
                    f"endnote {number} is never cited in the text",
                    "check for a marker lost in copying",
                )
            )
        findings.extend(_layout_findings(notes.count, references, order))
        if stopped_at is not None:
            findings.append(
                line_finding(
                    "ING013",
                    Severity.WARNING,
                    stopped_at,
                    None,
                    f"the text would make more than {max_claims:,} claims, body blocks or "
                    f"endnotes; the draft stops at line {stopped_at}",
                    "split the text, or raise the limit: max_claims= (osintreport ingest "
                    "--max-claims N, 0 for none)",
                )
            )
        findings.extend(
            line_finding(
                "ING011",
                Severity.INFO,
                item.line,
                None,
                f"left out, {item.reason}: {shorten(item.text, 60)!r}",
                "nothing to do, unless it is a statement after all",
            )
            for item in dropped
        )
        findings.sort(key=lambda f: (f.code, f.path))
        self.findings = tuple(findings)

    def stats(self, *, claims: int, coverage: Coverage) -> IngestStats:
        """The counts of the draft, which holds ``claims`` claims covered as ``coverage``."""
        notes = self.notes
        return IngestStats(
            markers=self.references,
            endnotes=notes.count,
            markers_without_endnote=tuple(self.missing),
            endnotes_never_cited=tuple(self.never),
            empty_endnotes=tuple(notes.empty),
            duplicate_endnotes=tuple(notes.duplicates),
            broken_urls=tuple(notes.broken),
            distinct_urls=len(notes.sources.by_url),
            claims=claims,
            coverage=coverage,
            suspect_urls=tuple(notes.suspect),
            stopped_at=self.stopped_at,
        )


def draft_header(
    known: Header | None,
    read: Header | None,
    known_first: bool,
    report_id: str | None,
    broken: Sequence[BrokenUrl],
) -> Report:
    """The draft report's own fields, with no claims or sources yet.

    ``known`` is what the input's metadata said, ``read`` what its header lines say; with
    ``known_first`` the first wins, else it only fills the gaps of the second.
    """
    header = _merged(known, read) if known_first else _merged(read, known)
    title = header.title or "Untitled draft"
    return Report(
        id=report_id or slug(title, fallback="draft"),
        title=title,
        authors=header.authors,
        publisher=header.publisher,
        url=_usable_url(header.url),
        published=When.from_date(header.published) if header.published else None,
        extensions=_extensions(broken),
    )


def _merged(known: Header | None, read: Header | None) -> Header:
    """``known``, filled in from ``read`` where it is silent."""
    if known is None or read is None:
        return known or read or Header()
    return Header(
        title=known.title or read.title,
        authors=known.authors or read.authors,
        published=known.published or read.published,
        publisher=known.publisher or read.publisher,
        url=known.url or read.url,
    )


def _usable_url(url: str | None) -> str | None:
    """``url`` when the model takes it as a report's address, else ``None``."""
    if url is None:
        return None
    found = find_urls(url)
    return found[0].url if len(found) == 1 and found[0].broken is None else None


def _layout_findings(endnotes: int, markers: int, order: Sequence[Number]) -> list[Finding]:
    findings = []
    if not endnotes:
        findings.append(
            line_finding(
                "ING007",
                Severity.WARNING,
                None,
                None,
                "no endnote list found",
                "endnotes are lines like '[1] https://...' or '1. https://...' "
                "at the end, or under a heading such as 'Endnotes'",
            )
        )
    if markers == 0:
        findings.append(
            line_finding(
                "ING008",
                Severity.INFO,
                None,
                None,
                "no footnote markers found in the text",
                "markers look like [1], [1][2], [1, 2], [1-3] or [iv]",
            )
        )
    numeric = [n for n in order if isinstance(n, int)]
    if numeric != sorted(numeric):
        findings.append(
            line_finding(
                "ING006",
                Severity.INFO,
                None,
                None,
                "footnote markers first appear out of order",
                "check that no marker or paragraph was moved",
            )
        )
    return findings


def _extensions(broken: Sequence[BrokenUrl]) -> dict[str, object]:
    extensions: dict[str, object] = {}
    if broken:
        by_note: dict[str, list[str]] = {}
        for item in broken:
            by_note.setdefault(str(item.endnote), []).append(item.text)
        extensions["x_broken_urls"] = by_note
    return extensions
