"""One entry point for every input: plain text, Markdown, HTML and PDF.

:func:`read_report` takes a path or the content itself, tells the format from the file's
extension or, failing that, from the content (:func:`detect_format`), turns it into the
normalised text the ingester reads (Markdown headings kept as ``#`` lines, endnotes as
``[n] ...`` lines), and drafts the report. HTML needs the ``html`` extra (lxml) and
PDF the ``pdf`` extra (pypdf); ``pip install 'osintreport[ingest]'`` brings both, with
transliteration and the Public Suffix List.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Literal

from .._gcpause import paused_gc
from .citing import MAX_CITATIONS_PER_MARKER, MAX_CLAIMS
from .draft import draft_report, normal_text
from .results import Ingested, Prepared

__all__ = ["FORMATS", "Format", "detect_format", "read_report"]

Format = Literal["text", "markdown", "html", "pdf"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "html", "pdf")
"""The input formats :func:`read_report` reads."""

_SUFFIXES: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}
_HTML_RE = re.compile(rb"<!doctype\s+html|<html[\s>]|<body[\s>]|<(?:p|div|article)[\s>]", re.I)
_MARKDOWN_RE = re.compile(
    r"^#{1,6}\s+\S|^\[\^\w+\]:|\]\((?:https?://|#)|^\s{0,3}(?:\*\*|__)\S", re.MULTILINE
)


def detect_format(name: str | os.PathLike[str] | None, data: bytes) -> Format:
    """The format of ``data``.

    From the extension of ``name`` when it has a known one, else from the content
    (``%PDF-``, HTML tags, Markdown headings or links), else plain text.
    """
    if name is not None:
        suffix = Path(name).suffix.lower()
        if suffix in _SUFFIXES:
            return _SUFFIXES[suffix]
    head = data[:4096].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if _HTML_RE.search(head):
        return "html"
    if _MARKDOWN_RE.search(data[:65536].decode("utf-8", errors="replace")):
        return "markdown"
    return "text"


def _source(source: str | bytes | os.PathLike[str]) -> tuple[str | None, bytes]:
    """The file name (if any) and the bytes of a path, a text or bytes."""
    if isinstance(source, os.PathLike):
        return os.fspath(source), Path(source).read_bytes()
    if isinstance(source, bytes):
        return None, source
    if "\n" not in source and len(source) < 4096 and _is_file(source):
        return source, Path(source).read_bytes()
    if not any(c.isspace() for c in source) and Path(source).suffix.lower() in _SUFFIXES:
        raise FileNotFoundError(f"no such file: {source!r}")  # a path, not a report's text
    return None, source.encode("utf-8", errors="surrogatepass")


def _is_file(text: str) -> bool:
    """Whether ``text`` names a file (a name too long or otherwise impossible does not)."""
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def read_report(
    source: str | bytes | os.PathLike[str],
    format: Format | None = None,
    *,
    report_id: str | None = None,
    max_citations_per_marker: int = MAX_CITATIONS_PER_MARKER,
    max_citations: int | None = None,
    max_claims: int | None = MAX_CLAIMS,
) -> Ingested:
    """Draft a report from a file or its content, in any format the ingester reads.

    Args:
        source: A path (``str`` or ``Path``) to a ``.txt``, ``.md``, ``.html`` or ``.pdf``
            file, or the content itself (``str`` or ``bytes``).
        format: ``"text"``, ``"markdown"``, ``"html"`` or ``"pdf"``; by default told from the
            extension, then from the content.
        report_id: The draft's id; by default a slug of the title.
        max_citations_per_marker: See :func:`~osintreport.ingest.read_footnoted`.
        max_citations: See :func:`~osintreport.ingest.read_footnoted`.
        max_claims: See :func:`~osintreport.ingest.read_footnoted`.

    Returns:
        The draft, what was found, findings, the lines left out, and the format read.

    Raises:
        MissingExtraError: HTML without lxml, or PDF without pypdf.
        OSError: The file cannot be read (``FileNotFoundError`` for a ``str`` that names a
            ``.txt``, ``.md``, ``.html`` or ``.pdf`` file that is not there).
        ValueError: ``format`` is not one of :data:`FORMATS`, or the PDF cannot be read.
    """
    name, data = _source(source)
    kind = format or detect_format(name, data)
    if kind not in FORMATS:
        raise ValueError(f"unknown input format {kind!r}: expected one of {', '.join(FORMATS)}")
    with paused_gc():
        if kind == "pdf":
            from .pdf import pdf_text

            prepared = pdf_text(data)
        elif kind == "html":
            from .html import html_text

            prepared = html_text(normal_text(data))
        elif kind == "markdown":
            from .markdown import markdown_text

            prepared = markdown_text(normal_text(data))
        else:
            prepared = Prepared(text=normal_text(data))
        return draft_report(
            prepared.text,
            report_id=report_id,
            max_citations_per_marker=max_citations_per_marker,
            max_citations=max_citations,
            max_claims=max_claims,
            known=prepared.header,
            known_first=prepared.metadata_first,
            dropped=prepared.dropped,
            lines_are_paragraphs=prepared.lines_are_paragraphs,
            format=kind,
        )
