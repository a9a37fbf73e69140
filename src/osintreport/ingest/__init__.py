r"""Draft a :class:`~osintreport.Report` from an analyst's footnoted text.

Reports arrive as prose and bullets with bracketed footnote markers and a numbered endnote
list of (often defanged) URLs. :func:`read_footnoted` turns one into a draft report in well
under a second: each sentence or bullet becomes a draft :class:`~osintreport.Claim` citing
its footnotes, each distinct URL becomes a :class:`~osintreport.Source`, and what could not be
read is counted and reported, never guessed::

    >>> from osintreport.ingest import read_footnoted
    >>> text = "Title\n\nIran moved.[1] Russia helped.[2]\n\n[1] hxxps://sana[.]sy/?p=1\n[2] ;"
    >>> draft = read_footnoted(text)
    >>> [(c.text, [x.source for x in c.citations]) for c in draft.report.claims]
    [('Iran moved.', ['src-sana']), ('Russia helped.', [None])]
    >>> draft.stats.empty_endnotes
    (2,)

An endnote that is empty, missing or holds only broken URLs stays a citation to nothing, so
:func:`~osintreport.coverage` shows the gap.
"""

from __future__ import annotations

import re

import attrs

from .._files import SURROGATE_RE
from .._gcpause import paused_gc
from .._slugs import UniqueIds, slug
from ..citation_coverage import Coverage, coverage
from ..findings import Finding, Severity
from ..model import Report, Source
from ..when import When
from .citing import MAX_CITATIONS_PER_MARKER, citation_budget, draft_claims
from .layout import Endnote, Layout, split_layout
from .markers import Number, roman_value
from .refang import leftover_text, shorten

__all__ = ["BrokenUrl", "IngestStats", "Ingested", "read_footnoted"]


@attrs.frozen(kw_only=True)
class BrokenUrl:
    """A URL in an endnote that cannot be used as it stands.

    Attributes:
        endnote: The endnote's number.
        text: The address as found (refanged).
        reason: What is wrong with it.
    """

    endnote: Number
    text: str
    reason: str


@attrs.frozen(kw_only=True)
class IngestStats:
    """What reading the text found, as counts and lists.

    Attributes:
        markers: Footnote references in the body (``[12][13]`` counts two).
        endnotes: Numbered endnotes in the endnote list.
        markers_without_endnote: Footnote numbers cited in the body with no endnote.
        endnotes_never_cited: Endnote numbers no marker points to.
        empty_endnotes: Endnotes with neither a URL nor any text.
        duplicate_endnotes: Endnote numbers that appear more than once (the first is used).
        broken_urls: URLs cut short or broken, per endnote.
        distinct_urls: Distinct well-formed URLs, one source each.
        claims: Draft claims made.
        coverage: Citation coverage of the draft.
    """

    markers: int
    endnotes: int
    markers_without_endnote: tuple[Number, ...]
    endnotes_never_cited: tuple[Number, ...]
    empty_endnotes: tuple[Number, ...]
    duplicate_endnotes: tuple[Number, ...]
    broken_urls: tuple[BrokenUrl, ...]
    distinct_urls: int
    claims: int
    coverage: Coverage


@attrs.frozen(kw_only=True)
class Ingested:
    """The result of :func:`read_footnoted`.

    Attributes:
        report: The draft report (valid: it dumps, loads and validates).
        stats: What was found.
        findings: Oddities in the text, each with a code (``ING...``) and line.
    """

    report: Report
    stats: IngestStats
    findings: tuple[Finding, ...]


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

    Returns:
        The draft report, the counts of what was found, and findings for each oddity.
    """
    with paused_gc():
        return _read(text, report_id, max_citations_per_marker, max_citations)


def _read(
    text: str | bytes,
    report_id: str | None,
    max_citations_per_marker: int,
    max_citations: int | None,
) -> Ingested:
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():  # a lone surrogate cannot be written: replaced, like a bad byte
        text = SURROGATE_RE.sub("\ufffd", text)
    layout = split_layout(text)
    notes, duplicates, findings = _endnote_table(layout)
    sources = _Sources()
    broken: list[BrokenUrl] = []
    targets: dict[Number, list[str | None]] = {}
    empty: list[Number] = []
    for number, note in notes.items():
        found, rest = leftover_text(note.text)
        good = [f.url for f in found if f.broken is None]
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
    header = layout.header
    title = header.title or "Untitled draft"
    report = Report(
        id=report_id or slug(title, fallback="draft"),
        title=title,
        authors=header.authors,
        publisher=header.publisher,
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
    )
    findings.sort(key=lambda f: (f.code, f.path))
    return Ingested(report=report, stats=stats, findings=tuple(findings))


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
