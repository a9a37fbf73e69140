"""What a heading looks like to the ingester, in every input format.

A Markdown heading (``## Key Takeaways``) in the text the front-ends make, and the names an
endnote list goes by (Endnotes, Notes, Footnotes, References, Sources, Bibliography,
Citations), which the plain-text layout, the Markdown reader and the HTML reader all look for.
"""

from __future__ import annotations

import re

__all__ = ["NOTES", "markdown_heading"]

_HEADING_START_RE = re.compile(r"\s{0,3}#{1,6}(?=\s)")


def markdown_heading(line: str) -> str | None:
    r"""The text of a Markdown heading line (``## Key Takeaways ##``), or ``None``.

    Up to three spaces, one to six ``#`` and white space start the line; the text is the
    rest, without the closing ``#`` marks and white space (at least one character is
    kept: ``# #`` is a heading whose text is ``#``). Read in time linear in the line: the
    regular expression this replaces, ``^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$``, took seconds
    on a heading with a few thousand spaces inside.

    >>> markdown_heading("## Key Takeaways ##"), markdown_heading("#hashtag")
    ('Key Takeaways', None)
    """
    start = _HEADING_START_RE.match(line)
    if start is None:
        return None
    after = line[start.end() :]
    rest = after.lstrip()
    if not rest:  # white space only: the last character is the text, if one is left over
        return after[-1] if len(after) >= 2 else None
    kept = rest.rstrip().rstrip("#").rstrip()
    return rest[: max(1, len(kept))]


NOTES = r"(?:end\s*notes|notes|foot\s*notes|references|sources|bibliography|citations)"
"""A regular expression (to build on, case-insensitively) for the name of an endnote list."""
