"""The layout of a footnoted report: header, body and endnote list.

Layouts this reads (and the tests cover): endnotes as ``[1] ...`` or ``1. ...``/``1) ...``,
under a heading ("Endnotes", "Notes", "Footnotes", "References", "Sources") or with no heading
at the end of the text; an endnote may run over several lines, and blank lines may separate
them. The header is read by :mod:`osintreport.ingest.header`. In the body, a Markdown
heading (``## Key Takeaways``) is a heading unit, whatever surrounds it, and a line that is
not a statement (:func:`~osintreport.ingest.clean.why_dropped`) is left out and listed.
"""

from __future__ import annotations

import re

import attrs

from .clean import Dropped, why_dropped
from .header import Header, parse_header
from .headings import MARKDOWN_HEADING_RE, NOTES
from .markers import Number, has_markers, roman_value

__all__ = ["Endnote", "Header", "Layout", "Unit", "split_layout", "split_sentences"]

_HEADING_RE = re.compile(rf"^\s*#*\s*{NOTES}\s*:?\s*$", re.IGNORECASE)
_BRACKET_NOTE_RE = re.compile(r"^\s*\[(?P<n>\d{1,3}|[ivxlcdm]{1,8})\]\s*(?P<rest>.*)$")
_NUMBERED_NOTE_RE = re.compile(r"^\s*(?P<n>\d{1,3})[.)](?:\s+(?P<rest>.*))?$")
_NOTE_START_RE = re.compile(r"\s*[\[\d]")  # what every line _note_match takes starts with
_URLISH_RE = re.compile(r"https?:|hxxps?:|www\.|\(dot\)|\[dot\]|\[\.\]|\bdot\b|/", re.IGNORECASE)
_FILLER_RE = re.compile(r"[\s;,.%0-9A-Fa-f]*")
_BULLET_RE = re.compile(r"^\s*(?:[•·▪◦‣∙*–—-]|\d{1,2}[.)])\s+")
_SENTENCE_END_RE = re.compile(
    r"(?<=[.!?])(?P<close>[\"”’')\]]*)(?P<marks>(?:\s?\[[^\]\n]{1,40}\])*)\s+(?=[\"“‘(\[]?[A-Z0-9])"
)
_SPACES_RE = re.compile(r"\s+")
_STATEMENT_ENDS = (".", "!", "?", ":", '"', "”", ")")
_TRAILING_MARKS_RE = re.compile(r"(?:\s?\[[^\]\n]{1,40}\])+$")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|St|No|vs|etc|e\.g|i\.e|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|est|U\.S|U\.K|U\.N))\.$"
)


@attrs.frozen(kw_only=True)
class Endnote:
    """One numbered endnote and its text (continuation lines joined)."""

    number: Number
    text: str
    line: int


@attrs.frozen(kw_only=True)
class Unit:
    """A paragraph, a bullet or a heading of the body, with its first line number."""

    text: str
    line: int
    bullet: bool
    heading: bool


@attrs.frozen(kw_only=True)
class Layout:
    """The parts of a footnoted report."""

    header: Header
    units: tuple[Unit, ...]
    endnotes: tuple[Endnote, ...]
    endnote_heading: bool
    endnote_start: int | None
    dropped: tuple[Dropped, ...] = ()
    stopped_at: int | None = None
    """Where reading stopped: the body or the endnotes held more than ``max_units``."""


def _note_match(line: str, numbered: bool) -> re.Match[str] | None:
    match = _BRACKET_NOTE_RE.match(line)
    if match and not match.group("n").isdigit() and roman_value(match.group("n")) is None:
        return None
    if match is None and numbered:
        match = _NUMBERED_NOTE_RE.match(line)
    return match


def _find_endnote_start(lines: list[str]) -> tuple[int | None, bool]:
    """Return (first line of the endnote list, whether a heading introduced it)."""
    last_note = len(lines) - 1  # one walk up from the end: first to the last note line ...
    while last_note >= 0 and not (
        _NOTE_START_RE.match(lines[last_note]) and _note_match(lines[last_note], True) is not None
    ):
        last_note -= 1
    for index in range(last_note - 1, -1, -1):  # ... then on to a heading above it
        if _HEADING_RE.match(lines[index]):
            return index + 1, True
    start = None
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if not line.strip():
            continue
        match = _note_match(line, numbered=True) if _NOTE_START_RE.match(line) else None
        bracketed = match is not None and _BRACKET_NOTE_RE.match(line) is not None
        if match is not None and (bracketed or _URLISH_RE.search(line)):
            start = index
        elif _FILLER_RE.fullmatch(line):
            continue  # punctuation only, like " ; ; "
        elif len(line) < 2000 and _URLISH_RE.search(line) and not has_markers(line):
            continue  # a continuation line of an endnote
        else:
            break
    return start, False


def _parse_endnotes(
    lines: list[str], start: int, limit: int | None
) -> tuple[list[Endnote], int | None]:
    """The endnotes from line ``start`` on, and the line where reading stopped after ``limit``."""
    found: list[tuple[Number, int, list[str]]] = []  # number, line, text lines
    stopped_at = None
    for index in range(start, len(lines)):
        line = lines[index]
        match = _note_match(line, numbered=True) if _NOTE_START_RE.match(line) else None
        if match is not None:
            if limit is not None and len(found) >= limit:
                stopped_at = index + 1
                break
            raw = match.group("n")
            number: Number = int(raw) if raw.isdigit() else raw
            found.append((number, index + 1, [match.group("rest") or ""]))
        elif found and line.strip():
            found[-1][2].append(line.strip())
    notes = [Endnote(number=n, text=" ".join(text), line=at) for n, at, text in found]
    return notes, stopped_at


def _alone(lines: list[str], index: int, stop: int) -> bool:
    """Whether the line at ``index`` stands alone: a blank line, a bullet or the end next."""
    following = lines[index + 1] if index + 1 < stop else ""
    return not following.strip() or _BULLET_RE.match(following) is not None


def _units(
    lines: list[str],
    start: int,
    stop: int,
    dropped: list[Dropped],
    *,
    each_line: bool = False,
    limit: int | None = None,
) -> tuple[list[Unit], int | None]:
    """The body's units, and the line where reading stopped after ``limit`` units and drops."""
    units: list[Unit] = []
    current: list[str] = []
    first = 0
    bullet = False

    def flush() -> None:
        if current:
            text = _SPACES_RE.sub(" ", " ".join(current)).strip()
            if text:
                is_heading = (
                    not bullet
                    and len(current) == 1
                    and len(text) < 120
                    # "It ended.[4]" ends a sentence
                    and not _TRAILING_MARKS_RE.sub("", text).endswith(_STATEMENT_ENDS)
                )
                units.append(Unit(text=text, line=first + 1, bullet=bullet, heading=is_heading))
            current.clear()

    for index in range(start, stop):
        if limit is not None and len(units) + len(dropped) >= limit:
            flush()
            return units, index + 1
        raw = lines[index]
        if each_line or not raw.strip():
            flush()
            bullet = False
            if not raw.strip():
                continue
        heading = MARKDOWN_HEADING_RE.match(raw)
        if heading is not None:
            flush()
            bullet = False
            units.append(
                Unit(text=heading.group("text"), line=index + 1, bullet=False, heading=True)
            )
            continue
        marker = _BULLET_RE.match(raw)
        if (not current or marker) and (each_line or _alone(lines, index, stop)):
            reason = why_dropped(raw[marker.end() :] if marker else raw)
            if reason is not None:  # a caption, a credit, navigation: a line of its own
                flush()
                dropped.append(Dropped(line=index + 1, text=raw.strip(), reason=reason))
                continue
        if marker:
            flush()
            bullet, first = True, index
            current.append(raw[marker.end() :])
        else:
            if not current:
                first = index
            current.append(raw.strip())
    flush()
    return units, None


def split_layout(
    text: str, *, lines_are_paragraphs: bool = False, max_units: int | None = None
) -> Layout:
    """Split normalised text (LF line ends, no BOM) into header, body units and endnotes.

    With ``lines_are_paragraphs``, every line of the body is a paragraph of its own (as in
    scraped Markdown); else a paragraph runs until a blank line, a bullet or a heading.
    With ``max_units``, the body is read until it has given that many units and left-out
    lines, and the endnote list until it has given that many endnotes;
    :attr:`Layout.stopped_at` says where reading stopped.
    """
    lines = text.split("\n")
    start, heading = _find_endnote_start(lines)
    stop = len(lines) if start is None else start - (1 if heading else 0)
    header, body_start = parse_header(lines[:stop])
    endnotes, notes_stopped = (
        _parse_endnotes(lines, start, max_units) if start is not None else ([], None)
    )
    dropped: list[Dropped] = []
    units, stopped_at = _units(
        lines, body_start, stop, dropped, each_line=lines_are_paragraphs, limit=max_units
    )
    stopped_at = stopped_at or notes_stopped
    return Layout(
        header=header,
        units=tuple(units),
        endnotes=tuple(endnotes),
        endnote_heading=heading,
        endnote_start=None if start is None else start + 1,
        dropped=tuple(dropped),
        stopped_at=stopped_at,
    )


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences; markers stay with the sentence they follow.

    >>> split_sentences("Iran moved.[1] Russia helped. [2] The U.S. watched.")
    ['Iran moved.[1]', 'Russia helped. [2]', 'The U.S. watched.']
    """
    sentences: list[str] = []
    last = 0
    if "." not in text and "!" not in text and "?" not in text:
        return [text.strip()] if text.strip() else []
    for match in _SENTENCE_END_RE.finditer(text):
        # The longest abbreviation is 7 characters: look at the tail only, so that a run of
        # "A. A. A. ..." is not searched again from its start at every full stop.
        before = text[max(last, match.start() - 9) : match.start()]
        if _ABBREVIATIONS.search(before) and not match.group("marks"):
            continue
        end = match.end("marks")
        sentences.append(text[last:end].strip())
        last = match.end()
    tail = text[last:].strip()
    if tail:
        sentences.append(tail)
    return [s for s in sentences if s]
