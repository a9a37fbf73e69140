"""How the elements of a saved web page become the ingester's lines (private; see :mod:`.html`).

What each element means (a block, a heading, a list item, a footnote marker or anchor, a
figure, the site's chrome) and what the page's metadata says; used alike by the reading
of a whole page and by the reading as lxml parses (:mod:`._html_stream`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .clean import Dropped
from .header import Header, parse_date
from .headings import NOTES

__all__ = [
    "WHOLE",
    "Lines",
    "enter",
    "first_value",
    "header_from",
    "leave",
    "note_head",
    "spaced",
    "text_of",
    "visit",
]

_DROP = frozenset(
    {"script", "style", "noscript", "template", "svg", "iframe", "form", "button", "nav", "head"}
)
_CHROME = frozenset({"header", "footer", "aside"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BEFORE_PUNCTUATION_RE = re.compile(r"(?<!\s)\s+([.,;:!?])")  # from a run's start: linear
_BEFORE_MARKER_RE = re.compile(r"(?<=[^\s\[])\s+(\[\w{1,8}\])")
_WORD_RE = re.compile(r"\w")
WHOLE = frozenset({"header", "figure", "sup", "a"})  # read once they end: what they hold decides
_BLOCK_TAGS = frozenset(
    {"address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption", "hr", "li"}
    | {"main", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead"}
    | {"tr", "ul", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_NOTES_RE = re.compile(rf"^{NOTES}\s*:?$", re.IGNORECASE)
# Each run of white space has one place to go ("\s*\[?\s*" was quadratic in a run).
_NUMBER_RE = re.compile(r"^\s*(?:\[\s*)?(\d{1,3}|[ivxlcdm]{1,8})\s*(?:\]\s*)?$", re.IGNORECASE)
_ANCHOR_RE = re.compile(
    r"(?:_?edn|_?ftn|fn|footnote|endnote|note)[-_:]?(?:ref)?[-_:]?(\d{1,3})$", re.IGNORECASE
)
_SPACES_RE = re.compile(r"[ \t\r\f\v\u00a0]+")
_LINE_SPACES_RE = re.compile(r"[ \t\r\n\f\v\u00a0]+")  # a line break in a block is a space
_LEADING_RE = re.compile(r"^(?:\[(?:\d{1,3}|[ivxlcdm]{1,8})\]|\d{1,3}[.)]\s)", re.IGNORECASE)


def text_of(element: Any) -> str:
    """All the text in ``element`` (not the text after it)."""
    return "".join(element.itertext())


def _words(element: Any) -> str:
    """An element's text with its runs of spaces made one."""
    return spaced(text_of(element))


def spaced(text: str) -> str:
    """``text`` with each run of spaces made one, trimmed."""
    return _SPACES_RE.sub(" ", text).strip()


def note_head(
    name: str, get: Callable[[str], str | None], firsts: dict[str, str], metas: dict[str, str]
) -> None:
    """Note what a ``<meta>`` or ``<link>`` (``name``) says, its attributes read by ``get``.

    A meta's content goes to ``metas`` under its ``property`` or ``name`` in lower case,
    a canonical link's address to ``firsts["canonical"]``; the first of each wins.
    """
    if name == "meta":
        key, content = get("property") or get("name"), get("content")
        if key and content and content.strip():
            metas.setdefault(key.lower(), content.strip())
    elif name == "link" and "canonical" in (get("rel") or "").lower().split():
        firsts.setdefault("canonical", get("href") or "")


def first_value(name: str, text: str, date: str | None) -> str:
    """What the first ``h1``, ``title`` or ``time`` (``name``) holding ``text`` says.

    Its words, spaces made one; a ``time``'s ``datetime`` (``date``) before its text.
    """
    return (date or text.strip()) if name == "time" else spaced(text)


def header_from(firsts: dict[str, str], metas: dict[str, str]) -> Header:
    """What the page's metadata says, from the first elements and the meta contents found."""

    def meta(*names: str) -> str | None:
        return next((metas[name] for name in names if name in metas), None)

    title = meta("og:title", "twitter:title")
    if title is None and "title" in firsts:
        title = firsts["title"] or None
    h1 = firsts.get("h1", "")
    title = h1 or title  # the article's own title, without the site's name
    when = meta("article:published_time", "date", "dc.date", "citation_date", "pubdate")
    if when is None and "time" in firsts:
        when = firsts["time"]
    published = parse_date(when, whole=False) if isinstance(when, str) else None
    author = meta("author", "article:author", "citation_author")
    url = firsts.get("canonical")
    url = url if url is not None and url.startswith("http") else meta("og:url")
    return Header(
        title=title,
        authors=(author,) if author and not author.startswith("http") else (),
        published=published,
        publisher=meta("og:site_name"),
        url=url,
    )


def _note_number(tag: Any) -> str | None:
    """The footnote number a reference or anchor tag stands for, if it is one."""
    number = _NUMBER_RE.match(text_of(tag))
    if tag.tag == "sup" and number:
        return number.group(1)
    href = tag.get("href") if tag.tag == "a" else None
    if isinstance(href, str) and "#" in href and number:
        return number.group(1)
    for attribute in ("id", "name"):
        value = tag.get(attribute)
        anchor = _ANCHOR_RE.search(value) if isinstance(value, str) else None
        if anchor and number:
            return number.group(1)
    return None


class Lines:
    """The lines of text a walk over the page makes, with each line's links."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.pieces: list[str] = []
        self.links: list[str] = []
        self.prefix = ""
        self.dropped: list[Dropped] = []
        self.in_notes = False  # past an "Endnotes" heading: every line is an endnote
        self.lists: list[list[int] | None] = []  # the lists open: an <ol>'s next number
        self.numbered = False  # the prefix is a list item's, not its own

    def end(self) -> None:
        """End the line being made (at a block's start or end, or a ``<br>``)."""
        if not self.pieces:
            self.links.clear()
            return
        text = _LINE_SPACES_RE.sub(" ", "".join(self.pieces)).strip()
        if " " in text:
            text = _BEFORE_PUNCTUATION_RE.sub(r"\1", text)  # no space before punctuation
            text = _BEFORE_MARKER_RE.sub(r"\1", text)  # "moved. [1]" -> "moved.[1]"
        if text:
            if self.prefix.startswith("#"):
                self.in_notes = _NOTES_RE.match(text) is not None
            elif self.in_notes or self.prefix.startswith("[") or _LEADING_RE.match(text):
                if self.numbered and _LEADING_RE.match(text):
                    self.prefix = ""  # "<li>[3] ...</li>": the item's own number, not twice
                # an endnote: its links keep their addresses
                extra = [link for link in dict.fromkeys(self.links) if link not in text]
                text = " ".join([text, *extra])
            self.lines.extend((self.prefix + text, ""))
            self.prefix = ""
            self.numbered = False
        self.pieces.clear()
        self.links.clear()


def visit(out: Lines, top: Any) -> None:
    """Read ``top`` and everything in it (not the text after it), parsed whole.

    With a stack rather than recursion (a page may nest deep). lxml keeps an element's
    text before its first child as ``text`` and the text after it as ``tail``.
    """
    events: list[tuple[bool, Any]] = [(False, top)]  # (leaving, element)
    while events:
        leaving, element = events.pop()
        if leaving:
            leave(out, element)
            if element is not top and element.tail:
                out.pieces.append(element.tail)
            continue
        if enter(out, element):
            if element.text:
                out.pieces.append(element.text)
            events.append((True, element))
            events.extend((False, child) for child in reversed(element))
        elif element is not top and element.tail:
            out.pieces.append(element.tail)  # the element is skipped, the text after it not


def leave(out: Lines, element: Any) -> None:
    """End reading an element that was read."""
    if element.tag in _BLOCK_TAGS:
        out.end()
    if element.tag in ("ol", "ul"):
        out.lists.pop()


def enter(out: Lines, element: Any) -> bool:
    """Start reading ``element``; ``False`` when what is inside it is not read.

    Its text is for the caller to read (the parser may not have read it yet).
    """
    name = element.tag
    if not isinstance(name, str) or name in _DROP:
        return False
    if name in _CHROME and not (name == "header" and element.find(".//h1") is not None):
        return False  # a site's header and footer, asides
    if name == "figure":
        caption = _words(element)
        if caption:  # listed as left out, at its line in the HTML file
            line = element.sourceline or 0
            out.dropped.append(Dropped(line=line, text=caption[:200], reason="a figure's caption"))
        return False
    number = _note_number(element) if name in ("sup", "a") else None
    if number is not None:
        out.pieces.append(f" [{number}] ")
        return False
    if name == "br":
        out.end()
        return False
    href = element.get("href") if name == "a" else None
    if href and href.startswith("#") and not _WORD_RE.search(text_of(element)):
        return False  # a back-reference ("↩"), not text
    if href and href.startswith(("http://", "https://")):
        out.links.append(href)
    if name in _BLOCK_TAGS:
        out.end()
        if name in _HEADINGS:
            out.prefix = "#" * int(name[1]) + " "
        elif name == "li":
            _item(out, element)
        elif name == "ol":
            out.lists.append([_number(element.get("start")) or 1])
        elif name == "ul":
            out.lists.append(None)
    return True


def _number(value: object) -> int | None:
    """An ``<ol start>`` or ``<li value>``, when it is a footnote's number (1 to 999)."""
    if isinstance(value, str) and value.strip().isdigit() and 0 < int(value) < 1000:
        return int(value)
    return None


def _item(out: Lines, element: Any) -> None:
    """Start a list item: a bullet, or an endnote ``[n]``.

    An endnote by its anchor, or by its place in an ``<ol>`` under a notes heading.
    """
    anchor = _ANCHOR_RE.search(element.get("id") or "")
    counter = out.lists[-1] if out.lists else None
    number = None
    if counter is not None:  # numbered by its place, or by its own value
        number = _number(element.get("value")) or counter[0]
        counter[0] = number + 1
    if anchor:
        out.prefix = f"[{anchor.group(1)}] "
    elif out.in_notes and number is not None:
        out.prefix = f"[{number}] "
    else:
        out.prefix = "- "
    out.numbered = True
