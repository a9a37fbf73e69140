"""Endnotes an HTML page lists as ``<ol>`` items under a notes heading.

Blogs and CMS exports often write the notes as a numbered list: the number is the item's
place (``<li>`` text without it), or the item's text starts with it (``<li>[3] ...``). Both
are endnotes; a numbered list in the body stays a list of bullets.
"""

from __future__ import annotations

import pytest

from osintreport.ingest import read_report
from osintreport.ingest.html import html_text

pytest.importorskip("lxml", reason="needs lxml (the html extra)")

BODY = (
    "<html><body><article><h1>Strikes in the East</h1>"
    "<p>Militias moved armour.<sup>1</sup> The IRGC denied it.<sup>2</sup></p>"
)


def _notes(items: str, ol: str = "<ol>") -> str:
    return f"{BODY}<h2>Endnotes</h2>{ol}{items}</ol></article></body></html>"


def test_items_numbered_by_their_place() -> None:
    page = _notes("<li>https://a.org/x</li><li>Reuters, https://b.org/y</li>")
    result = read_report(page.encode(), "html")
    assert result.stats.endnotes == 2
    assert [[c.locator for c in claim.citations] for claim in result.report.claims] == [[1], [2]]
    assert [s.url for s in result.report.sources] == ["https://a.org/x", "https://b.org/y"]
    assert result.stats.markers_without_endnote == ()


def test_items_that_carry_their_number_keep_it_once() -> None:
    text = html_text(_notes("<li>[1] https://a.org/x</li><li>2. https://b.org/y</li>")).text
    assert "[1] https://a.org/x" in text.split("\n")
    assert "2. https://b.org/y" in text.split("\n")
    assert "[1] [1]" not in text and "- [1]" not in text
    result = read_report(_notes("<li>[1] https://a.org/x</li><li>[2] https://b.org/y</li>"))
    assert result.stats.endnotes == 2 and result.stats.claims == 2


def test_start_and_value_number_the_items() -> None:
    page = _notes(
        "<li>https://a.org/x</li><li value='9'>https://b.org/y</li><li>https://c.org/z</li>",
        ol='<ol start="4">',
    )
    lines = [line for line in html_text(page).text.split("\n") if line.startswith("[")]
    assert lines == ["[4] https://a.org/x", "[9] https://b.org/y", "[10] https://c.org/z"]


def test_a_numbered_list_in_the_body_is_bullets() -> None:
    page = (
        "<html><body><article><h1>Title</h1><ol><li>First point.</li><li>Second point.</li>"
        "</ol><p>After the list.</p></article></body></html>"
    )
    lines = [line for line in html_text(page).text.split("\n") if line]
    assert lines == ["# Title", "- First point.", "- Second point.", "After the list."]


def test_nested_lists_number_their_own_items() -> None:
    page = _notes("<li>https://a.org/x<ul><li>see also</li></ul></li><li>https://b.org/y</li>")
    lines = [line for line in html_text(page).text.split("\n") if line]
    assert lines[-3:] == ["[1] https://a.org/x", "- see also", "[2] https://b.org/y"]
