"""A saved web page turned into the text the ingester reads (needs the ``html`` extra).

The page is parsed with BeautifulSoup (Python's own HTML parser underneath, so no C
library is needed). What is read:

- metadata: the title (``og:title``, ``<title>``, the first ``<h1>``), the date
  (``article:published_time``, ``<time datetime>``, ``date`` meta tags), the author
  (``author`` meta tags), the page URL (``<link rel="canonical">``, ``og:url``) and the
  publisher (``og:site_name``);
- the article: ``<article>`` or ``<main>`` when there is one, else ``<body>``, without
  scripts, styles, navigation, headers and footers of the site, forms, asides and figures
  (a figure's caption is listed as dropped);
- headings as ``#`` lines, paragraphs and list items as lines of their own;
- footnote references as markers: a ``<sup>`` holding a number, or a link to an anchor
  whose text is a number (``<a href="#_edn12">[12]</a>``);
- endnotes: a paragraph or list item that starts with such a number, or that carries a
  footnote anchor (``id``/``name`` such as ``_edn12``, ``fn12``, ``endnote-12``), becomes
  ``[12] ...``; its links keep their addresses.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import MissingExtraError
from .clean import Dropped
from .header import Header, parse_date
from .results import Prepared

__all__ = ["html_text"]

_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "form", "button", "nav")
_CHROME = ("header", "footer", "aside")
_BLOCK_TAGS = frozenset(
    {"address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption", "hr", "li"}
    | {"main", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead"}
    | {"tr", "ul", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_NOTES_RE = re.compile(
    r"^(?:end\s*notes|notes|foot\s*notes|references|sources|bibliography|citations)\s*:?$", re.I
)
_NUMBER_RE = re.compile(r"^\s*\[?\s*(\d{1,3}|[ivxlcdm]{1,8})\s*\]?\s*$", re.IGNORECASE)
_ANCHOR_RE = re.compile(
    r"(?:_?edn|_?ftn|fn|footnote|endnote|note)[-_:]?(?:ref)?[-_:]?(\d{1,3})$", re.IGNORECASE
)
_SPACES_RE = re.compile(r"[ \t\r\f\v\u00a0]+")
_LEADING_RE = re.compile(r"^(?:\[(?:\d{1,3}|[ivxlcdm]{1,8})\]|\d{1,3}[.)]\s)", re.IGNORECASE)


def _soup(text: str) -> Any:
    try:
        from bs4 import BeautifulSoup
    except ImportError as error:
        raise MissingExtraError("beautifulsoup4", "html", "reading HTML") from error
    return BeautifulSoup(text, "html.parser")


def _metas(soup: Any) -> dict[str, str]:
    """Every ``<meta>`` tag's content by its ``property`` or ``name`` (lower case), first wins."""
    found: dict[str, str] = {}
    for tag in (soup.head or soup).find_all("meta"):
        key, content = tag.get("property") or tag.get("name"), tag.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            found.setdefault(key.lower(), content.strip())
    return found


def _header(soup: Any) -> Header:
    metas = _metas(soup)

    def meta(*names: str) -> str | None:
        return next((metas[name] for name in names if name in metas), None)

    title = meta("og:title", "twitter:title")
    if title is None and soup.title is not None and soup.title.get_text(strip=True):
        title = soup.title.get_text(" ", strip=True)
    h1 = soup.find("h1")
    if h1 is not None and h1.get_text(strip=True):
        title = h1.get_text(" ", strip=True)  # the article's own title, without the site name
    when = meta("article:published_time", "date", "dc.date", "citation_date", "pubdate")
    if when is None:
        time = soup.find("time")
        when = (time.get("datetime") or time.get_text(" ", strip=True)) if time else None
    published = parse_date(when, whole=False) if isinstance(when, str) else None
    author = meta("author", "article:author", "citation_author")
    canonical = soup.find("link", rel="canonical")
    url = canonical.get("href") if canonical is not None else None
    url = url if isinstance(url, str) and url.startswith("http") else meta("og:url")
    return Header(
        title=title,
        authors=(author,) if author and not author.startswith("http") else (),
        published=published,
        publisher=meta("og:site_name"),
        url=url,
    )


def _note_number(tag: Any) -> str | None:
    """The footnote number a reference or anchor tag stands for, if it is one."""
    text = tag.get_text("", strip=True)
    number = _NUMBER_RE.match(text)
    if tag.name == "sup" and number:
        return number.group(1)
    href = tag.get("href") if tag.name == "a" else None
    if isinstance(href, str) and "#" in href and number:
        return number.group(1)
    for attribute in ("id", "name"):
        value = tag.get(attribute)
        anchor = _ANCHOR_RE.search(value) if isinstance(value, str) else None
        if anchor and number:
            return number.group(1)
    return None


class _Lines:
    """The lines of text a walk over the page makes, with each line's links."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.pieces: list[str] = []
        self.links: list[str] = []
        self.prefix = ""
        self.in_notes = False  # past an "Endnotes" heading: every line is an endnote

    def end(self) -> None:
        """End the line being made (at a block's start or end, or a ``<br>``)."""
        text = _SPACES_RE.sub(" ", "".join(self.pieces).replace("\n", " ")).strip()
        text = re.sub(r"\s+([.,;:!?])", r"\1", text)  # no space before punctuation
        text = re.sub(r"(?<=[^\s\[])\s+(\[\w{1,8}\])", r"\1", text)  # "moved. [1]": "moved.[1]"
        if text:
            if self.prefix.startswith("#"):
                self.in_notes = _NOTES_RE.match(text) is not None
            elif self.in_notes or self.prefix.startswith("[") or _LEADING_RE.match(text):
                # an endnote: its links keep their addresses
                extra = [link for link in dict.fromkeys(self.links) if link not in text]
                text = " ".join([text, *extra])
            self.lines.extend((self.prefix + text, ""))
            self.prefix = ""
        self.pieces.clear()
        self.links.clear()


def _walk(root: Any) -> list[str]:
    """The page's text as lines: blocks apart, headings as ``#`` lines, markers as ``[n]``.

    One walk, with a stack rather than recursion (a page may nest deep).
    """
    from bs4.element import NavigableString, Tag

    out = _Lines()
    stack: list[tuple[Any, bool]] = [(iter(root.contents), False)]
    while stack:
        children, block = stack[-1]
        node = next(children, None)
        if node is None:
            stack.pop()
            if block:
                out.end()
            continue
        if isinstance(node, Tag):
            name = node.name
            number = _note_number(node) if name in ("sup", "a") else None
            if number is not None:
                out.pieces.append(f" [{number}] ")
                continue
            if name == "br":
                out.end()
                continue
            back = name == "a" and str(node.get("href") or "").startswith("#")
            if back and not re.search(r"\w", node.get_text()):
                continue  # a back-reference ("↩"), not text
            href = node.get("href") if name == "a" else None
            if isinstance(href, str) and href.startswith(("http://", "https://")):
                out.links.append(href)
            is_block = name in _BLOCK_TAGS
            if is_block:
                out.end()
                if re.fullmatch(r"h[1-6]", name):
                    out.prefix = "#" * int(name[1]) + " "
                elif name == "li":
                    anchor = _ANCHOR_RE.search(str(node.get("id") or ""))
                    out.prefix = f"[{anchor.group(1)}] " if anchor else "- "
            stack.append((iter(node.contents), is_block))
        elif type(node) is NavigableString:  # not a comment, doctype or CDATA
            out.pieces.append(str(node))
    out.end()
    return out.lines


def html_text(text: str) -> Prepared:
    """Turn an HTML page (normalised: LF line ends) into the ingester's text."""
    soup = _soup(text)
    header = _header(soup)
    root = soup.find("article") or soup.find("main") or soup.body or soup
    dropped: list[Dropped] = []
    for tag in root.find_all(_DROP):
        tag.decompose()
    for tag in root.find_all(_CHROME):
        if tag.find("h1") is None or tag.name != "header":
            tag.decompose()
    for figure in root.find_all("figure"):
        caption = figure.get_text(" ", strip=True)
        if caption:
            line = figure.sourceline or 0  # in the HTML file
            dropped.append(Dropped(line=line, text=caption[:200], reason="a figure's caption"))
        figure.decompose()
    return Prepared(text="\n".join(_walk(root)), header=header, dropped=tuple(dropped))
