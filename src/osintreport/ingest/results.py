"""What ingesting a report gives back: the draft, counts, and findings."""

from __future__ import annotations

import attrs

from ..citation_coverage import Coverage
from ..findings import Finding, Severity
from ..model import Report
from .clean import Dropped
from .header import Header
from .markers import Number

__all__ = [
    "BrokenUrl",
    "DraftWritten",
    "Dropped",
    "IngestStats",
    "Ingested",
    "Prepared",
    "SuspectUrl",
    "line_finding",
]


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
class SuspectUrl:
    """A well-formed URL whose host cannot exist as written (kept as a source, flagged).

    Attributes:
        endnote: The endnote's number.
        url: The address (refanged).
        reason: Why the host is implausible.
    """

    endnote: Number
    url: str
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
        suspect_urls: Well-formed URLs on hosts that cannot exist as written.
        distinct_urls: Distinct well-formed URLs, one source each.
        claims: Draft claims made.
        coverage: Citation coverage of the draft.
        stopped_at: The line where the draft stopped, having reached ``max_claims``
            (finding ``ING013``); ``None`` when the whole text was read.
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
    suspect_urls: tuple[SuspectUrl, ...] = ()
    stopped_at: int | None = None


@attrs.frozen(kw_only=True)
class Ingested:
    """The result of :func:`~osintreport.ingest.read_report` (and ``read_footnoted``).

    Attributes:
        report: The draft report (valid: it dumps, loads and validates).
        stats: What was found.
        findings: Oddities in the text, each with a code (``ING...``) and line.
        dropped: Lines left out as not statements (captions, credits, navigation, ...).
        format: The input format read: ``"text"``, ``"markdown"``, ``"html"`` or ``"pdf"``.
    """

    report: Report
    stats: IngestStats
    findings: tuple[Finding, ...]
    dropped: tuple[Dropped, ...] = ()
    format: str = "text"


@attrs.frozen(kw_only=True)
class DraftWritten:
    """The result of :func:`~osintreport.ingest.write_draft`: the draft is in a file.

    Attributes:
        target: The file the draft was written to.
        header: The draft's own fields (id, title, authors, ...), without its claims and
            sources, which are in ``target``.
        stats: What was found.
        findings: Oddities in the text, each with a code (``ING...``) and line.
        dropped: Lines left out as not statements.
        format: The input format read.
    """

    target: str
    header: Report
    stats: IngestStats
    findings: tuple[Finding, ...]
    dropped: tuple[Dropped, ...] = ()
    format: str = "text"


@attrs.frozen(kw_only=True)
class Prepared:
    """An input turned into the text the ingester reads, by a front-end (Markdown, HTML, PDF).

    Attributes:
        text: Normalised text: LF line ends, headings as ``#`` lines, endnotes as ``[n] ...``.
        header: What the input's own metadata says (an HTML page's title, date, ...).
        dropped: Lines the front-end left out, with why.
        lines_are_paragraphs: Every line is a paragraph of its own (scraped Markdown writes
            one paragraph per line, with no blank lines between).
        metadata_first: ``header`` wins over the header lines of ``text`` (HTML meta tags);
            ``False`` when it only fills their gaps (PDF metadata).
    """

    text: str
    header: Header | None = None
    dropped: tuple[Dropped, ...] = ()
    lines_are_paragraphs: bool = False
    metadata_first: bool = True


def line_finding(
    code: str, severity: Severity, line: int | None, subject: Number | None, message: str, hint: str
) -> Finding:
    """A finding of the ingester at ``line`` of the text (``$`` without one)."""
    return Finding(
        code=code,
        severity=severity,
        path=f"line {line}" if line is not None else "$",
        subject=None if subject is None else str(subject),
        message=message,
        hint=hint,
    )
