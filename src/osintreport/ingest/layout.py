"""The layout of a footnoted report: header, body and endnote list.

Layouts this reads (and the tests cover): endnotes as ``[1] ...`` or ``1. ...``/``1) ...``,
under a heading ("Endnotes", "Notes", "Footnotes", "References", "Sources") or with no heading
at the end of the text; an endnote may run over several lines, and blank lines may separate
them. The header is the run of short lines at the top: title, authors, date, publisher.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from .markers import Number, has_markers, roman_value

__all__ = ["Endnote", "Header", "Layout", "Unit", "split_layout", "split_sentences"]

_HEADING_RE = re.compile(
    r"^\s*#*\s*(?:end\s*notes|notes|foot\s*notes|references|sources|bibliography|citations)"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
_BRACKET_NOTE_RE = re.compile(r"^\s*\[(?P<n>\d{1,3}|[ivxlcdm]{1,8})\]\s*(?P<rest>.*)$")
_NUMBERED_NOTE_RE = re.compile(r"^\s*(?P<n>\d{1,3})[.)](?:\s+(?P<rest>.*))?$")
_URLISH_RE = re.compile(r"https?:|hxxps?:|www\.|\(dot\)|\[dot\]|\[\.\]|\bdot\b|/", re.IGNORECASE)
_BULLET_RE = re.compile(r"^\s*(?:[•·▪◦‣∙*–—-]|\d{1,2}[.)])\s+")
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")
_NAME = r"(?:[A-Z][\w'’.-]*\.?)(?:\s+(?:[A-Z][\w'’.-]*\.?|de|al|bin|van|von|der|la|le|el))+"
_AUTHORS_RE = re.compile(r"^(?:By\s+)?" + _NAME + r"(?:\s*(?:,|,?\s+and|&)\s+" + _NAME + r")*\.?$")
_PUBLISHER_RE = re.compile(
    r"^(?:The\s+)?(?P<org>[A-Z][^()]+?)(?:\s+\([A-Z&]{2,}\))?\s+published this\b"
    r"|^Published by\s+(?:the\s+)?(?P<org2>.+?)\.?$",
    re.IGNORECASE,
)
_KEY_RE = re.compile(
    r"^(?P<key>title|authors?|by|date|published|publisher)\s*:\s*(?P<value>.+)$", re.I
)
_SENTENCE_END_RE = re.compile(
    r"(?<=[.!?])(?P<close>[\"”’')\]]*)(?P<marks>(?:\s?\[[^\]\n]{1,40}\])*)\s+(?=[\"“‘(\[]?[A-Z0-9])"
)
_SPACES_RE = re.compile(r"\s+")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|St|No|vs|etc|e\.g|i\.e|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|est|U\.S|U\.K|U\.N))\.$"
)


@attrs.frozen(kw_only=True)
class Header:
    """What the top of the report says about itself."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    published: dt.date | None = None
    publisher: str | None = None


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


def _parse_date(text: str) -> dt.date | None:
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip().rstrip("."))
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def _split_authors(text: str) -> tuple[str, ...]:
    text = re.sub(r"^By\s+", "", text.strip().rstrip("."))
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text)
    return tuple(p.strip() for p in parts if p.strip())


def _note_match(line: str, numbered: bool) -> re.Match[str] | None:
    match = _BRACKET_NOTE_RE.match(line)
    if match and not match.group("n").isdigit() and roman_value(match.group("n")) is None:
        return None
    if match is None and numbered:
        match = _NUMBERED_NOTE_RE.match(line)
    return match


def _find_endnote_start(lines: list[str]) -> tuple[int | None, bool]:
    """Return (first line of the endnote list, whether a heading introduced it)."""
    note_below = False  # one walk up from the end: has a note line been seen below?
    for index in range(len(lines) - 1, -1, -1):
        if note_below and _HEADING_RE.match(lines[index]):
            return index + 1, True
        note_below = note_below or _note_match(lines[index], True) is not None
    start = None
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if not line.strip():
            continue
        match = _note_match(line, numbered=True)
        bracketed = match is not None and _BRACKET_NOTE_RE.match(line) is not None
        if match is not None and (bracketed or _URLISH_RE.search(line)):
            start = index
        elif len(line) < 2000 and _URLISH_RE.search(line) and not has_markers(line):
            continue  # a continuation line of an endnote
        elif re.fullmatch(r"[\s;,.%0-9A-Fa-f]*", line):
            continue  # punctuation only, like " ; ; "
        else:
            break
    return start, False


def _parse_endnotes(lines: list[str], start: int) -> list[Endnote]:
    notes: list[Endnote] = []
    texts: list[list[str]] = []
    for index in range(start, len(lines)):
        line = lines[index]
        match = _note_match(line, numbered=True)
        if match is not None:
            raw = match.group("n")
            number: Number = int(raw) if raw.isdigit() else raw
            notes.append(Endnote(number=number, text="", line=index + 1))
            texts.append([match.group("rest") or ""])
        elif line.strip() and texts:
            texts[-1].append(line.strip())
    return [attrs.evolve(n, text=" ".join(t)) for n, t in zip(notes, texts, strict=True)]


def _parse_header(lines: list[str]) -> tuple[Header, int]:
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: dt.date | None = None
    publisher: str | None = None
    end = 0
    seen = 0
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        seen += 1
        if seen > 12 or len(line) > 200 or has_markers(line) or _BULLET_RE.match(raw):
            break
        key = _KEY_RE.match(line)
        if key:
            name, value = key.group("key").lower(), key.group("value").strip()
            if name == "title":
                title = value
            elif name in ("author", "authors", "by"):
                authors = _split_authors(value)
            elif name == "publisher":
                publisher = value
            else:
                published = _parse_date(value) or published
        elif (date := _parse_date(line)) is not None:
            published = date
        elif (pub := _PUBLISHER_RE.match(line)) is not None:
            publisher = (pub.group("org") or pub.group("org2") or "").strip() or None
        elif (title is None and not line.endswith((".", "?", "!"))) or line == title:
            title = title or line
        elif not authors and _AUTHORS_RE.match(line) and len(_split_authors(line)) <= 12:
            authors = _split_authors(line)
        else:
            break  # not a header line: the body has begun
        end = index + 1
    header = Header(title=title, authors=authors, published=published, publisher=publisher)
    return header, end


def _units(lines: list[str], start: int, stop: int) -> list[Unit]:
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
                    and not text.endswith((".", "!", "?", ":", '"', "”", ")"))
                )
                units.append(Unit(text=text, line=first + 1, bullet=bullet, heading=is_heading))
        current.clear()

    for index in range(start, stop):
        raw = lines[index]
        if not raw.strip():
            flush()
            bullet = False
            continue
        marker = _BULLET_RE.match(raw)
        if marker:
            flush()
            bullet, first = True, index
            current.append(raw[marker.end() :])
        else:
            if not current:
                first = index
            current.append(raw.strip())
    flush()
    return units


def split_layout(text: str) -> Layout:
    """Split normalised text (LF line ends, no BOM) into header, body units and endnotes."""
    lines = text.split("\n")
    start, heading = _find_endnote_start(lines)
    stop = len(lines) if start is None else start - (1 if heading else 0)
    header, body_start = _parse_header(lines[:stop])
    endnotes = _parse_endnotes(lines, start) if start is not None else []
    return Layout(
        header=header,
        units=tuple(_units(lines, body_start, stop)),
        endnotes=tuple(endnotes),
        endnote_heading=heading,
        endnote_start=None if start is None else start + 1,
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
