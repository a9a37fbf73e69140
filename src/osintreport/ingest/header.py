"""The header of a report: title, authors, date, page URL and publisher, in any layout.

The header is the run of short lines at the top, in any order:

- a title: a Markdown heading (``# Title``) or the first short line without end punctuation;
- authors: ``By A and B``, ``A, B, and C``, ``Authors: ...``;
- a date in any common English form: ``February 26, 2026``, ``Feb. 26, 2026``,
  ``26 February 2026``, ``Thursday, February 26, 2026``, ``2026-02-26``,
  ``Published: Feb 26, 2026, 5:00 pm ET`` (a short line holding a date and a few words);
- the page's address: a line that is a URL (``https://...``) or ``URL:``/``Link:``/``Source:``
  and one;
- a publisher: ``X published this ...``, ``Published by X``, ``Publisher: X``.

It ends at the first line that is none of these.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import attrs

from .headings import markdown_heading
from .markers import has_markers

__all__ = ["Header", "parse_date", "parse_header"]

_BULLET_RE = re.compile(r"^\s*(?:[•·▪◦‣∙*–—-]|\d{1,2}[.)])\s+")
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_RES = (
    re.compile(
        rf"\b(?P<month>{_MONTHS})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b"
    ),
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTHS}),?\s+(?P<year>\d{{4}})\b"
    ),
    re.compile(r"\b(?P<year>\d{4})-(?P<nmonth>\d{2})-(?P<day>\d{2})(?!\d)"),
)
_DATE_WORDS = re.compile(
    r"^(?:published|posted|updated|last updated|date|on|at|by|am|pm|a\.m\.|p\.m\.|et|est|edt|"
    r"utc|gmt|cet|msk|[a-z]{3,9}day|\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}|[-–—,:|/.()]+)$",
    re.IGNORECASE,
)
# A word of a name takes its own full stop ("A."): a "\.?" after it as well made two ways to
# read each initial, and a line of twenty initials took seconds (exponential).
_NAME = r"(?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|de|al|bin|van|von|der|la|le|el))+"
_AUTHORS_RE = re.compile(r"^(?:By\s+)?" + _NAME + r"(?:\s*(?:,|,?\s+and|&)\s+" + _NAME + r")*\.?$")
_PUBLISHER_RE = re.compile(
    r"^(?:The\s+)?(?P<org>[A-Z][^()]+?)(?:\s+\([A-Z&]{2,}\))?\s+published this\b"
    r"|^Published by\s+(?:the\s+)?(?P<org2>.+?)\.?$",
    re.IGNORECASE,
)
_KEY_RE = re.compile(
    r"^(?P<key>title|authors?|by|date|published|publisher|url|link|source)\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)
_URL_LINE_RE = re.compile(r"^<?(?P<url>https?://[^\s<>\"]+?)>?$", re.IGNORECASE)


@attrs.frozen(kw_only=True)
class Header:
    """What the top of the report says about itself."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    published: dt.date | None = None
    publisher: str | None = None
    url: str | None = None


def _month(name: str) -> int:
    return dt.datetime.strptime(name[:3].title(), "%b").month


def parse_date(text: str, *, whole: bool = True) -> dt.date | None:
    """The date ``text`` gives, in any common English form.

    With ``whole`` (the default), ``text`` must be a date with at most a few words around it
    (a weekday, "Published", a time); else any date in it is taken.

    >>> parse_date("Thursday, February 26, 2026")
    datetime.date(2026, 2, 26)
    >>> parse_date("Published: Feb. 26, 2026, 5:00 pm ET")
    datetime.date(2026, 2, 26)
    """
    for pattern in _DATE_RES:
        match = pattern.search(text)
        if match is None:
            continue
        rest = (text[: match.start()] + " " + text[match.end() :]).split()
        words = [w.strip(",.:;()") or w for w in rest]
        if whole and not all(_DATE_WORDS.match(word) for word in words):
            continue
        month = match.groupdict().get("month")
        try:
            number = _month(month) if month else int(match.group("nmonth"))
            return dt.date(int(match.group("year")), number, int(match.group("day")))
        except ValueError:
            continue
    return None


def _split_authors(text: str) -> tuple[str, ...]:
    text = re.sub(r"^By\s+", "", text.strip().rstrip("."))
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text)
    return tuple(p.strip() for p in parts if p.strip())


def _url(text: str) -> str | None:
    match = _URL_LINE_RE.match(text.strip())
    return match.group("url") if match else None


def parse_header(lines: Iterable[str]) -> tuple[Header, int]:
    """Read the header at the top of ``lines``; return it and the index of the first body line."""
    found: dict[str, Any] = {}
    end = 0
    seen = 0
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        seen += 1
        heading = markdown_heading(line)
        if heading is not None:
            if "title" in found:
                break  # a second heading starts the body
            found["title"] = heading
            end = index + 1
            continue
        if seen > 12 or len(line) > 200 or has_markers(line) or _BULLET_RE.match(raw):
            break
        if not _header_line(line, found):
            break  # not a header line: the body has begun
        end = index + 1
    return Header(**found), end


def _header_line(line: str, found: dict[str, Any]) -> bool:
    """Take what a header line says into ``found``; ``False`` when it is not one."""
    key = _KEY_RE.match(line)
    if key:
        name, value = key.group("key").lower(), key.group("value").strip()
        if name == "title":
            found["title"] = value
        elif name in ("author", "authors", "by"):
            found["authors"] = _split_authors(value)
        elif name == "publisher":
            found["publisher"] = value
        elif name in ("url", "link", "source"):
            url = _url(value)
            if url is None:
                return False
            found.setdefault("url", url)
        else:
            date = parse_date(value, whole=False)
            if date is None:
                return False
            found.setdefault("published", date)
        return True
    if (url := _url(line)) is not None:
        found.setdefault("url", url)
    elif (date := parse_date(line)) is not None:
        found.setdefault("published", date)
    elif (pub := _PUBLISHER_RE.match(line)) is not None:
        found["publisher"] = (pub.group("org") or pub.group("org2") or "").strip() or None
    elif "title" not in found and not line.endswith((".", "?", "!")):
        found["title"] = line
    elif line == found.get("title"):
        pass
    elif "authors" not in found and _AUTHORS_RE.match(line) and len(_split_authors(line)) <= 12:
        found["authors"] = _split_authors(line)
    else:
        return False
    return True
