"""The layout of a footnoted report: header, body and endnote list.

Layouts this reads (and the tests cover): endnotes as ``[1] ...`` or ``1. ...``/``1) ...``,
under a heading ("Endnotes", "Notes", "Footnotes", "References", "Sources") or with no heading
at the end of the text; an endnote may run over several lines, and blank lines may separate
them. The header is read by :mod:`osintreport.ingest.header`. In the body, a Markdown
heading (``## Key Takeaways``) is a heading unit, whatever surrounds it, and a line that is
not a statement (:func:`~osintreport.ingest.clean.why_dropped`) is left out and listed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator

import attrs

from .clean import Dropped, why_dropped
from .header import Header, parse_header
from .headings import NOTES, markdown_heading
from .markers import Number, has_markers, roman_value

__all__ = [
    "BodyUnits",
    "Endnote",
    "Header",
    "Layout",
    "Parts",
    "Scan",
    "Unit",
    "parse_endnotes",
    "read_parts",
    "scan_lines",
    "split_layout",
    "split_sentences",
]

# Each run of white space has one place to go: "\s*#*\s*" took time cubic in a line of spaces.
_HEADING_RE = re.compile(rf"^\s*(?:#+\s*)?{NOTES}\s*(?::\s*)?$", re.IGNORECASE)
_BRACKET_NOTE_RE = re.compile(r"^\s*\[(?P<n>\d{1,3}|[ivxlcdm]{1,8})\]\s*(?P<rest>.*)$")
_NUMBERED_NOTE_RE = re.compile(r"^\s*(?P<n>\d{1,3})[.)](?:\s+(?P<rest>.*))?$")
_NOTE_START_RE = re.compile(r"\s*[\[\d]")  # what every line _note_match takes starts with
_URLISH_RE = re.compile(r"https?:|hxxps?:|www\.|\(dot\)|\[dot\]|\[\.\]|\bdot\b|/", re.IGNORECASE)
_FILLER_RE = re.compile(r"[\s;,.%0-9A-Fa-f]*")
_BULLET_RE = re.compile(r"^\s*(?:[•·▪◦‣∙*–—-]|\d{1,2}[.)])\s+")
# At most 20 markers after a stop: unbounded, every "." of a run of "[.]" read the rest of
# the run again (a body of 120 KB of "[.]" took a minute).
_SENTENCE_END_RE = re.compile(
    r"(?<=[.!?])(?P<close>[\"”’')\]]*)(?P<marks>(?:\s?\[[^\]\n]{1,40}\]){0,20})\s+"
    r"(?=[\"“‘(\[]?[A-Z0-9])"
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


@attrs.frozen(kw_only=True)
class Scan:
    """What one pass over the lines finds: where the endnote list starts, and the text's size.

    Attributes:
        start: The index of the endnote list's first line, or ``None`` when there is none.
        heading: Whether a heading ("Endnotes", "Notes", ...) introduced it (at ``start - 1``).
        lines: How many lines were read.
        characters: The length of the text the lines make, joined by line ends.
    """

    start: int | None
    heading: bool
    lines: int
    characters: int

    @property
    def body_stop(self) -> int:
        """The index of the line after the body: the endnote list's, or its heading's."""
        if self.start is None:
            return self.lines
        return self.start - (1 if self.heading else 0)


def scan_lines(lines: Iterable[str]) -> Scan:
    """Find the endnote list in one pass from the top, keeping no line.

    The list is under the last heading such as "Endnotes" that comes before the last line
    that reads as an endnote; with no such heading, it is the run of endnote lines at the
    end of the text (blank, punctuation-only and URL continuation lines may come between).
    """
    last_heading: int | None = None  # the last notes heading seen so far
    note_heading: int | None = None  # the notes heading above the last endnote line
    candidate: int | None = None  # the first endnote line after the last line of prose
    count = characters = 0
    for index, line in enumerate(lines):
        count += 1
        characters += len(line)
        match = _note_match(line, numbered=True) if _NOTE_START_RE.match(line) else None
        if match is not None:
            note_heading = last_heading
        if _HEADING_RE.match(line):
            last_heading = index
        if not line.strip():
            continue
        bracketed = match is not None and _BRACKET_NOTE_RE.match(line) is not None
        if match is not None and (bracketed or _URLISH_RE.search(line)):
            if candidate is None:
                candidate = index
        elif _FILLER_RE.fullmatch(line):
            continue  # punctuation only, like " ; ; "
        elif len(line) < 2000 and _URLISH_RE.search(line) and not has_markers(line):
            continue  # a continuation line of an endnote
        else:
            candidate = None  # prose: the endnote list, if any, starts below it
    characters += max(count - 1, 0)
    if note_heading is not None:
        return Scan(start=note_heading + 1, heading=True, lines=count, characters=characters)
    return Scan(start=candidate, heading=False, lines=count, characters=characters)


def parse_endnotes(
    lines: Iterable[str], start: int, limit: int | None
) -> tuple[list[Endnote], int | None]:
    """The endnotes, and the line where reading stopped after ``limit`` of them.

    ``lines`` are the text's lines from index ``start`` on.
    """
    found: list[tuple[Number, int, list[str]]] = []  # number, line, text lines
    stopped_at = None
    for index, line in enumerate(lines, start):
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


class BodyUnits:
    """The body's units, read one at a time from its lines (a paragraph, bullet or heading).

    One reading: a second loop goes on where the first stopped. Lines left out as not
    statements gather in :attr:`dropped`; after ``limit`` units and left-out lines, reading
    stops and :attr:`stopped_at` says at which line. With ``each_line``, every line is a
    paragraph of its own.
    """

    __slots__ = ("_units", "dropped", "each_line", "limit", "lines", "start", "stopped_at")

    def __init__(
        self, lines: Iterable[str], start: int, *, each_line: bool = False, limit: int | None
    ) -> None:
        self.lines = lines
        self.start = start
        self.each_line = each_line
        self.limit = limit
        self.dropped: list[Dropped] = []
        self.stopped_at: int | None = None
        self._units = self._read()

    def __iter__(self) -> Iterator[Unit]:
        return self._units

    def _read(self) -> Iterator[Unit]:
        dropped, each_line, limit = self.dropped, self.each_line, self.limit
        made = 0
        current: list[str] = []
        first = 0
        bullet = False

        def flush() -> Unit | None:
            text = _SPACES_RE.sub(" ", " ".join(current)).strip() if current else ""
            unit = None
            if text:
                is_heading = (
                    not bullet
                    and len(current) == 1
                    and len(text) < 120
                    # "It ended.[4]" ends a sentence
                    and not _TRAILING_MARKS_RE.sub("", text).endswith(_STATEMENT_ENDS)
                )
                unit = Unit(text=text, line=first + 1, bullet=bullet, heading=is_heading)
            current.clear()
            return unit

        for index, raw, following in _with_next(self.lines, self.start):
            if limit is not None and made + len(dropped) >= limit:
                unit = flush()
                if unit is not None:
                    yield unit
                self.stopped_at = index + 1
                return
            if each_line or not raw.strip():
                unit = flush()
                if unit is not None:
                    made += 1
                    yield unit
                bullet = False
                if not raw.strip():
                    continue
            heading = markdown_heading(raw)
            if heading is not None:
                unit = flush()
                if unit is not None:
                    made += 1
                    yield unit
                bullet = False
                made += 1
                yield Unit(text=heading, line=index + 1, bullet=False, heading=True)
                continue
            marker = _BULLET_RE.match(raw)
            # A line stands alone when a blank line, a bullet or the end comes next.
            alone = not following.strip() or _BULLET_RE.match(following) is not None
            if (not current or marker) and (each_line or alone):
                reason = why_dropped(raw[marker.end() :] if marker else raw)
                if reason is not None:  # a caption, a credit, navigation: a line of its own
                    unit = flush()
                    if unit is not None:
                        made += 1
                        yield unit
                    dropped.append(Dropped(line=index + 1, text=raw.strip(), reason=reason))
                    continue
            if marker:
                unit = flush()
                if unit is not None:
                    made += 1
                    yield unit
                bullet, first = True, index
                current.append(raw[marker.end() :])
            else:
                if not current:
                    first = index
                current.append(raw.strip())
        unit = flush()
        if unit is not None:
            yield unit


def _with_next(lines: Iterable[str], start: int) -> Iterator[tuple[int, str, str]]:
    """Each line with its index and the line after it ("" after the last)."""
    index = start
    previous: str | None = None
    for line in lines:
        if previous is not None:
            yield index, previous, line
            index += 1
        previous = line
    if previous is not None:
        yield index, previous, ""


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
    parts = read_parts(lambda: lines, scan_lines(lines), max_units)
    body = parts.body(lines, each_line=lines_are_paragraphs)
    units = tuple(body)
    start = parts.scan.start
    return Layout(
        header=parts.header,
        units=units,
        endnotes=parts.endnotes,
        endnote_heading=parts.scan.heading,
        endnote_start=None if start is None else start + 1,
        dropped=tuple(body.dropped),
        stopped_at=body.stopped_at or parts.notes_stopped,
    )


@attrs.frozen(kw_only=True)
class Parts:
    """The header and endnotes of a text, and where its body is (see :func:`read_parts`).

    Attributes:
        scan: Where the endnote list starts, and the text's size.
        header: What the header lines say.
        body_start: The index of the body's first line.
        endnotes: The endnotes, up to the limit.
        notes_stopped: The line where the endnotes were cut at the limit, or ``None``.
        limit: The limit on endnotes, and on units and lines left out of the body.
    """

    scan: Scan
    header: Header
    body_start: int
    endnotes: tuple[Endnote, ...]
    notes_stopped: int | None
    limit: int | None

    def body(self, lines: Iterable[str], *, each_line: bool = False) -> BodyUnits:
        """The body's units, read from ``lines`` (the text's lines from the first)."""
        body = itertools.islice(lines, self.body_start, self.scan.body_stop)
        return BodyUnits(body, self.body_start, each_line=each_line, limit=self.limit)


def read_parts(lines: Callable[[], Iterable[str]], scan: Scan, limit: int | None) -> Parts:
    """Read the header and the endnotes of the text whose lines ``lines()`` gives each time.

    ``scan`` is :func:`scan_lines` of those lines; ``lines`` is called once for the header
    and once for the endnotes, so a file can be read again rather than kept.
    """
    header, body_start = parse_header(itertools.islice(lines(), scan.body_stop))
    start = scan.start
    endnotes, notes_stopped = (
        parse_endnotes(itertools.islice(lines(), start, None), start, limit)
        if start is not None
        else ([], None)
    )
    return Parts(
        scan=scan,
        header=header,
        body_start=body_start,
        endnotes=tuple(endnotes),
        notes_stopped=notes_stopped,
        limit=limit,
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
