"""A saved web page read as lxml parses it, a piece at a time, never whole (private).

The survey (:func:`survey`) reads the page once with a parser target, building no tree;
the reading (:func:`read`) takes the events of lxml's pull parser and frees each element
once it is read, so memory does not grow with the page's tree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import MissingExtraError
from ._html_lines import WHOLE, Lines, enter, first_value, leave, note_head, visit

__all__ = ["events", "forget", "lxml_etree", "read", "survey"]


def lxml_etree() -> Any:
    """The ``etree`` module of lxml, or an error that names the extra that brings it."""
    try:
        from lxml import etree
    except ImportError as error:
        raise MissingExtraError("lxml", "html", "reading HTML") from error
    return etree


def events(chunks: Iterable[bytes]) -> Iterator[tuple[str, Any]]:
    """The start and end events of the page whose bytes (UTF-8) ``chunks`` gives.

    lxml's pull parser (libxml2) builds the same tree as a parse of the whole page; the
    readers below clear what they have read, so the tree does not grow with the page.
    """
    etree = lxml_etree()
    parser = etree.HTMLPullParser(
        events=("start", "end"), encoding="utf-8", remove_comments=True, remove_pis=True
    )
    for chunk in chunks:
        parser.feed(chunk)
        yield from parser.read_events()
    try:
        parser.close()
    except etree.XMLSyntaxError:  # no element at all: an empty page
        return
    yield from parser.read_events()


def forget(element: Any) -> None:
    """Free a read element (its text, children and tail), and the read ones before it."""
    element.clear()
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]


class _Survey:
    """A parser target that finds what the header comes from, building no tree.

    ``firsts`` holds the words of the first ``h1`` and ``title``, the first ``time``'s
    date, the first canonical link's address; ``metas`` the ``<meta>`` contents, keyed by
    ``property`` or ``name`` in lower case, the first winning. :meth:`close` gives the
    root, what the text is read from: ``article`` or ``main`` when the page has one, else
    ``body``, else ``html`` (the whole page); ``""`` when the page holds no element.
    """

    def __init__(self) -> None:
        self.firsts: dict[str, str] = {}
        self.metas: dict[str, str] = {}
        self.seen: set[str] = set()
        self.depth = 0
        self.done = False  # the page's root has ended
        self.empty = True
        self.held: list[tuple[str, int, list[str], str | None]] = []  # name, depth, text, date

    def start(self, name: str, attributes: dict[str, str]) -> None:
        """An element starts."""
        if self.done:
            return
        self.depth += 1
        if name in ("meta", "link"):
            note_head(name, attributes.get, self.firsts, self.metas)
        elif name == "body" and self.depth == 2:  # a child of the page's root
            self.seen.add("body")
        elif name in ("article", "main", "h1", "time", "title") and name not in self.seen:
            self.seen.add(name)
            if name not in ("article", "main"):
                self.held.append((name, self.depth, [], attributes.get("datetime")))
        self.empty = False

    def end(self, name: str) -> None:
        """An element ends."""
        if self.done:
            return
        if self.held and self.held[-1][1] == self.depth:
            held, _, pieces, date = self.held.pop()
            text = "".join(pieces)
            self.firsts[held] = first_value(held, text, date)
        self.depth -= 1
        # libxml2 may make a second root of what follows "</html>": the whole page's
        # parse keeps the first only, and so does the survey
        self.done = self.depth == 0

    def data(self, text: str) -> None:
        """Text inside the elements open."""
        for _, _, pieces, _ in self.held:
            pieces.append(text)

    def close(self) -> str:
        """The root the text is read from."""
        if self.empty:
            return ""
        return next((name for name in ("article", "main", "body") if name in self.seen), "html")


def survey(chunks: Iterable[bytes]) -> tuple[dict[str, str], dict[str, str], str]:
    """The header's sources, the meta contents and the root of a page (see :class:`_Survey`)."""
    etree = lxml_etree()
    target = _Survey()
    parser = etree.HTMLParser(
        target=target, encoding="utf-8", remove_comments=True, remove_pis=True
    )
    for chunk in chunks:
        parser.feed(chunk)
    try:
        root = parser.close()
    except etree.XMLSyntaxError:  # no element at all: an empty page
        root = ""
    return target.firsts, target.metas, root


def read(events: Iterable[tuple[str, Any]], root_name: str, out: Lines) -> Iterator[str]:
    """The page's text as lines: blocks apart, headings as ``#`` lines, markers as ``[n]``.

    Read from the first ``root_name`` element (see :class:`_Survey`) as the parser gives
    it. An element is read as it starts, its text and the text after it at the next event
    (when the parser has read them); an element whose reading depends on what it holds
    (a ``<header>`` with the title, a figure's caption, a ``<sup>`` or link holding a
    footnote number) is read whole once it ends. What is read is then freed.
    """
    events = iter(events)
    root = _root(events, root_name)
    text_of = root if root is not None and enter(out, root) else None  # its text comes next
    tail_of = None  # an element whose tail (the text after it) comes next
    for event, element in events if text_of is not None else ():
        if text_of is not None:
            if text_of.text:
                out.pieces.append(text_of.text)
            text_of = None
        elif tail_of is not None:
            if tail_of.tail:
                out.pieces.append(tail_of.tail)
            forget(tail_of)
            tail_of = None
        if event == "end":
            leave(out, element)
            if element is root:
                break
            tail_of = element
        elif element.tag not in WHOLE and enter(out, element):
            text_of = element
        else:  # read whole once it ends, or skipped: what it holds is not read
            depth = 1
            for event, _ in events:
                depth += 1 if event == "start" else -1
                if not depth:
                    break
            if element.tag in WHOLE:
                visit(out, element)
            tail_of = element
        if out.lines:
            yield from out.lines
            out.lines.clear()
    out.end()
    yield from out.lines
    out.lines.clear()


def _root(events: Iterator[tuple[str, Any]], name: str) -> Any:
    """The first element ``name`` (``html``: the page's root), freeing what ends before it."""
    document = None
    for event, element in events:
        document = element if document is None else document
        if event == "start" and _is_root(element, name, document):
            return element
        if event == "end":
            if element is document:
                return None  # a second root after "</html>" is not read (see _Survey)
            forget(element)
    return None


def _is_root(element: Any, name: str, document: Any) -> bool:
    """Whether ``element`` is the root ``name`` the survey chose (``body``: the page's)."""
    if name == "html":
        return element is document
    return bool(element.tag == name and (name != "body" or element.getparent() is document))
