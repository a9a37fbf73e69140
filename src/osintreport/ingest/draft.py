"""Draft a report from normalised footnoted text (the core of :mod:`osintreport.ingest`)."""

from __future__ import annotations

import re

from .._files import SURROGATE_RE
from .._gcpause import paused_gc
from .._slugs import UniqueIds, slug
from ..citation_coverage import coverage
from ..findings import Finding, Severity
from ..model import Report, Source
from ..when import When
from .citing import MAX_CITATIONS_PER_MARKER, MAX_CLAIMS, citation_budget, draft_claims
from .header import Header
from .hosts import implausible
from .layout import Endnote, Layout, split_layout
from .markers import Number, roman_value
from .refang import find_urls, host_of, leftover_text, shorten
from .results import BrokenUrl, Dropped, Ingested, IngestStats, SuspectUrl

__all__ = ["draft_report", "normal_text", "read_footnoted"]


def _sort_key(number: Number) -> tuple[int, int]:
    return (0, number) if isinstance(number, int) else (1, roman_value(number) or 0)


def _host_slug(url: str) -> str:
    host = url.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0].lower()
    host = re.sub(r"^(?:www\d?|m|en|ar|fa|ru)\.", "", host)
    return slug(host.split(".")[0], fallback="draft", limit=24) if host else "site"


class _Sources:
    """Sources made from endnotes, one per distinct URL, ids readable and unique."""

    def __init__(self) -> None:
        self.by_url: dict[str, Source] = {}
        self.text_sources: list[Source] = []
        self.ids = UniqueIds()

    def for_url(self, url: str) -> Source:
        if url not in self.by_url:
            host = url.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0]
            self.by_url[url] = Source(
                id=self.ids.make(f"src-{_host_slug(url)}"),
                url=url,
                publisher=re.sub(r"^www\d?\.", "", host.lower()) or None,
            )
        return self.by_url[url]

    def for_text(self, number: Number, text: str) -> Source:
        source = Source(id=self.ids.make(f"src-note-{number}"), title=text[:500])
        self.text_sources.append(source)
        return source

    def all(self) -> tuple[Source, ...]:
        return (*self.by_url.values(), *self.text_sources)


def _leftover_words(rest: str) -> str:
    """The prose left in an endnote once its URLs are cut out, or "" when it is only noise."""
    rest = re.sub(r"%[0-9A-Fa-f]{2}", " ", rest)
    words = re.findall(r"[^\W\d_]{2,}", rest)
    return re.sub(r"[\s;]+", " ", rest).strip(" ;,.") if len(words) >= 2 else ""


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
    notes, duplicates, findings = _endnote_table(layout)
    sources = _Sources()
    broken: list[BrokenUrl] = []
    suspect: list[SuspectUrl] = []
    targets: dict[Number, list[str | None]] = {}
    empty: list[Number] = []
    for number, note in notes.items():
        found, rest = leftover_text(note.text)
        good = [f.url for f in found if f.broken is None]
        for url in good:
            reason = implausible(host_of(url))
            if reason is not None:
                suspect.append(SuspectUrl(endnote=number, url=url, reason=reason))
                findings.append(
                    _finding(
                        "ING012",
                        Severity.WARNING,
                        note.line,
                        number,
                        f"endnote {number}: {reason}",
                        "check the address in the original; it was kept as written",
                    )
                )
        for item in found:
            if item.broken is not None:
                broken.append(BrokenUrl(endnote=number, text=item.url, reason=item.broken))
                findings.append(
                    _finding(
                        "ING004",
                        Severity.WARNING,
                        note.line,
                        number,
                        f"endnote {number}: broken URL {shorten(item.url)!r} ({item.broken})",
                        "find the full address in the original; it was not guessed",
                    )
                )
        ids: list[str | None] = [sources.for_url(url).id for url in good]
        leftover = _leftover_words(rest)
        if not good and leftover:
            ids = [sources.for_text(number, leftover).id]
        if not found and not leftover:
            empty.append(number)
            findings.append(
                _finding(
                    "ING003",
                    Severity.INFO,
                    note.line,
                    number,
                    f"endnote {number} is empty",
                    "find what the footnote cited",
                )
            )
        targets[number] = ids or [None]
    drafted = draft_claims(
        layout,
        targets,
        per_marker=max_citations_per_marker,
        budget=citation_budget(len(text)) if max_citations is None else max_citations,
        max_claims=max_claims,
    )
    claims, cited_numbers, marker_count = drafted.claims, drafted.cited, drafted.references
    findings.extend(drafted.findings)
    missing = sorted({n for n in cited_numbers if n not in notes}, key=_sort_key)
    for number in missing:
        findings.append(
            _finding(
                "ING001",
                Severity.WARNING,
                None,
                number,
                f"marker [{number}] has no endnote",
                "find the missing endnote",
            )
        )
    never = sorted((n for n in notes if n not in cited_numbers), key=_sort_key)
    for number in never:
        findings.append(
            _finding(
                "ING002",
                Severity.WARNING,
                notes[number].line,
                number,
                f"endnote {number} is never cited in the text",
                "check for a marker lost in copying",
            )
        )
    findings.extend(_layout_findings(layout, marker_count, drafted.order))
    stopped_at = drafted.stopped_at or layout.stopped_at
    if stopped_at is not None:
        findings.append(
            _finding(
                "ING013",
                Severity.WARNING,
                stopped_at,
                None,
                f"the text would make more than {max_claims:,} claims, body blocks or endnotes; "
                f"the draft stops at line {stopped_at}",
                "split the text, or raise the limit: max_claims= (osintreport ingest "
                "--max-claims N, 0 for none)",
            )
        )
    dropped = (*dropped, *layout.dropped)
    findings.extend(
        _finding(
            "ING011",
            Severity.INFO,
            item.line,
            None,
            f"left out, {item.reason}: {shorten(item.text, 60)!r}",
            "nothing to do, unless it is a statement after all",
        )
        for item in dropped
    )
    header = _merged(known, layout.header) if known_first else _merged(layout.header, known)
    title = header.title or "Untitled draft"
    report = Report(
        id=report_id or slug(title, fallback="draft"),
        title=title,
        authors=header.authors,
        publisher=header.publisher,
        url=_usable_url(header.url),
        published=When.from_date(header.published) if header.published else None,
        claims=tuple(claims),
        sources=sources.all(),
        extensions=_extensions(broken),
    )
    stats = IngestStats(
        markers=marker_count,
        endnotes=len(layout.endnotes),
        markers_without_endnote=tuple(missing),
        endnotes_never_cited=tuple(never),
        empty_endnotes=tuple(empty),
        duplicate_endnotes=tuple(duplicates),
        broken_urls=tuple(broken),
        distinct_urls=len(sources.by_url),
        claims=len(claims),
        coverage=coverage(report),
        suspect_urls=tuple(suspect),
        stopped_at=stopped_at,
    )
    findings.sort(key=lambda f: (f.code, f.path))
    return Ingested(
        report=report, stats=stats, findings=tuple(findings), dropped=dropped, format=format
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


def _finding(
    code: str, severity: Severity, line: int | None, subject: Number | None, message: str, hint: str
) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        path=f"line {line}" if line is not None else "$",
        subject=None if subject is None else str(subject),
        message=message,
        hint=hint,
    )


def _endnote_table(layout: Layout) -> tuple[dict[Number, Endnote], list[Number], list[Finding]]:
    notes: dict[Number, Endnote] = {}
    duplicates: list[Number] = []
    findings: list[Finding] = []
    for note in layout.endnotes:
        if note.number in notes:
            duplicates.append(note.number)
            findings.append(
                _finding(
                    "ING005",
                    Severity.WARNING,
                    note.line,
                    note.number,
                    f"endnote {note.number} appears twice; the first is used",
                    "renumber or merge the two endnotes",
                )
            )
            continue
        notes[note.number] = note
    return notes, duplicates, findings


def _layout_findings(layout: Layout, markers: int, order: tuple[Number, ...]) -> list[Finding]:
    findings = []
    if not layout.endnotes:
        findings.append(
            _finding(
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
            _finding(
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
            _finding(
                "ING006",
                Severity.INFO,
                None,
                None,
                "footnote markers first appear out of order",
                "check that no marker or paragraph was moved",
            )
        )
    return findings


def _extensions(broken: list[BrokenUrl]) -> dict[str, object]:
    extensions: dict[str, object] = {}
    if broken:
        by_note: dict[str, list[str]] = {}
        for item in broken:
            by_note.setdefault(str(item.endnote), []).append(item.text)
        extensions["x_broken_urls"] = by_note
    return extensions
