"""What a heading looks like to the ingester, in every input format.

A Markdown heading (``## Key Takeaways``) in the text the front-ends make, and the names an
endnote list goes by (Endnotes, Notes, Footnotes, References, Sources, Bibliography,
Citations), which the plain-text layout, the Markdown reader and the HTML reader all look for.
"""

from __future__ import annotations

import re

__all__ = ["MARKDOWN_HEADING_RE", "NOTES"]

MARKDOWN_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
"""A Markdown heading line; ``text`` is the heading without its ``#`` marks."""

NOTES = r"(?:end\s*notes|notes|foot\s*notes|references|sources|bibliography|citations)"
"""A regular expression (to build on, case-insensitively) for the name of an endnote list."""
