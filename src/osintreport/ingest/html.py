"""A saved web page turned into the text the ingester reads (needs the ``html`` extra).

The page is parsed with lxml's HTML parser (libxml2: it reads broken markup as browsers do,
and a megabyte of tags in a fraction of a second). What is read:

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
  ``[12] ...``; so does an item of a numbered list (``<ol>``) under a notes heading, by its
  place (``start`` and ``value`` are kept); its links keep their addresses.

:func:`html_text` parses the page whole. :class:`HtmlPage` gives the same text from a page
of any size without its tree: one pass finds the metadata and the article with a parser
target (no tree is built), a second reads the article from the events of lxml's pull
parser, freeing each element once read (:mod:`._html_stream`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ._html_lines import Lines, first_value, header_from, note_head, text_of, visit
from ._html_stream import events, lxml_etree, read, survey
from .clean import Dropped
from .header import Header
from .results import Prepared

__all__ = ["HtmlPage", "html_text"]


class HtmlPage:
    """A page read in two passes over its bytes, neither of which keeps the page's tree.

    Making it reads the page once, for its header (:attr:`header`) and for where its
    article is; :meth:`lines` reads it again for the article's text, a line at a time.
    Both passes build only what they are reading (lxml's pull parser, each element freed
    once read), so a page of any size is read in little memory.

    This needs libxml2 2.14 or later (the one lxml 6 ships): before it, the HTML parser
    that is fed a page in pieces could read it otherwise than the whole page (tested:
    libxml2 2.12 and 2.13 lose text at the seams). With an older libxml2 the page is
    gathered and parsed whole, as :func:`html_text` does.

    Args:
        chunks: The page's bytes in pieces, each whole characters: UTF-8, normalised (LF
            line ends, no BOM).
    """

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._whole: Prepared | None = None
        self._root = ""
        if lxml_etree().LIBXML_VERSION < (2, 14):
            self._whole = html_text(b"".join(chunks).decode("utf-8", "replace"))
            self.header = self._whole.header
        else:
            firsts, metas, self._root = survey(chunks)
            self.header = header_from(firsts, metas) if self._root else None
        self.dropped: list[Dropped] = []
        """What :meth:`lines` left out (figures' captions), filled as it reads."""

    header: Header | None
    """What the page's metadata says; ``None`` for a page with no element."""

    def lines(self, chunks: Iterable[bytes]) -> Iterator[str]:
        """The ingester's lines of the page, whose bytes ``chunks`` gives again."""
        if self._whole is not None:  # an older libxml2: read whole when made
            for _ in chunks:  # read through all the same, as a caller counting them expects
                pass
            yield from self._whole.text.split("\n")
            self.dropped.extend(self._whole.dropped)
            return
        if not self._root:
            yield ""
            return
        out = Lines()
        yield from read(events(chunks), self._root, out)
        self.dropped.extend(out.dropped)


def html_text(text: str) -> Prepared:
    """Turn an HTML page (normalised: LF line ends) into the ingester's text.

    The page is parsed whole (faster than :class:`HtmlPage`, which gives the same text).
    """
    etree = lxml_etree()
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        document = etree.fromstring(text.encode("utf-8", "replace"), parser)
    except etree.XMLSyntaxError:  # no element at all: an empty page
        document = None
    if document is None:
        return Prepared(text="")
    firsts, metas, root = _firsts(document)
    out = Lines()
    visit(out, root)
    out.end()
    return Prepared(
        text="\n".join(out.lines), header=header_from(firsts, metas), dropped=tuple(out.dropped)
    )


def _firsts(document: Any) -> tuple[dict[str, str], dict[str, str], Any]:
    """What :class:`_Survey` finds, found in a parsed page; the root as an element."""
    firsts: dict[str, str] = {}
    metas: dict[str, str] = {}
    roots: dict[str, Any] = {}
    for element in document.iter("article", "main", "h1", "time", "link", "meta", "title"):
        name = element.tag
        if name in ("meta", "link"):
            note_head(name, element.get, firsts, metas)
        elif name in ("article", "main"):
            roots.setdefault(name, element)
        elif name not in firsts:
            firsts[name] = first_value(name, text_of(element), element.get("datetime"))
    found = (roots.get("article"), roots.get("main"), document.find("body"), document)
    return firsts, metas, next(element for element in found if element is not None)
