"""Lines of a report's body that are not statements: captions, credits, navigation, labels.

Scraped pages carry text that is not part of the argument: an outlet's credit line repeated
under each image (``Vedomosti Vedomosti Vedomosti``), captions (``Photo: ...``,
``Figure 2: ...``), navigation and sharing links (``Home``, ``Share this``, ``[Menu](/)``), a
label with nothing after it (``Note:``), an image, or a bare URL. Each is left out of the
draft and listed, with its line and why, in the ingest result (finding ``ING011``).
"""

from __future__ import annotations

import re

import attrs

__all__ = ["Dropped", "why_dropped"]


@attrs.frozen(kw_only=True)
class Dropped:
    """A line left out of the draft.

    Attributes:
        line: Its line number in the text read (for HTML and PDF, in the text made from it).
        text: The line as it was.
        reason: Why it is not a statement.
    """

    line: int
    text: str
    reason: str


_REPEATED_RE = re.compile(r"^(?P<w>\S+(?:\s+\S+){0,3}?)(?:\s+(?P=w))+$")
_CREDIT_RE = re.compile(
    r"^\(?(?:photo|image|picture|video|graphic|illustration|credit|credits|courtesy|"
    r"screenshot|source|map|via)(?:\s+(?:credit|by|from|courtesy))?\s*[:/|]"
    r"|^\(?(?:photo|image|screenshot)\s+(?:by|from|courtesy of)\b",
    re.IGNORECASE,
)
_AGENCY_RE = re.compile(
    r"\b(?:getty images|afp|ap photo|reuters|epa|shutterstock|anadolu agency)\)?$", re.I
)
_CAPTION_RE = re.compile(
    r"^(?:figure|fig\.|map|chart|table|graphic|image)\s*\d+[a-z]?\s*[:.]", re.IGNORECASE
)
_LABEL_RE = re.compile(
    r"^(?:note|notes|editor'?s note|update|updated|correction|disclaimer|tags?|categories|"
    r"topics?|share|related)\s*:\s*$",
    re.IGNORECASE,
)
_NAVIGATION_RE = re.compile(
    r"^(?:home|menu|search|subscribe|sign (?:in|up)|log ?in|donate|print|email|tweet|share|"
    r"share (?:this|on \w+)|skip to (?:main )?content|read more|back to top|follow us.*|"
    r"related (?:articles|posts|content)|next|previous|more|close|toggle navigation)\s*$",
    re.IGNORECASE,
)
_LINKS_ONLY_RE = re.compile(r"^(?:[-*|·•]?\s*\[[^\]]*\]\([^)]*\)\s*[|·•,/-]?\s*)+$")
_IMAGE_RE = re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*$|^\[(?:image|photo|video)[^\]]*\]$", re.I)
# The tests above that look at the start of the line, as one pattern: a line that is a
# statement (nearly every line) is turned down by one search instead of five.
_ANCHORED_RE = re.compile(
    "|".join(
        f"(?P<{name}>{pattern.pattern})"
        for name, pattern in (
            ("image", _IMAGE_RE),
            ("url", re.compile(r"^<?(?:https?|hxxps?)://\S+>?$")),
            ("label", _LABEL_RE),
            ("navigation", _NAVIGATION_RE),
            ("links", _LINKS_ONLY_RE),
        )
    ),
    re.IGNORECASE,
)
_REASONS = {
    "image": "an image",
    "url": "a URL alone",
    "label": "a label with nothing after it",
    "navigation": "navigation",
    "links": "navigation",
}
_PROSE_RE = re.compile(r"[.!?][\"”’)]?\s+[A-Z]")
_MARKER_RE = re.compile(r"\[\^?\d[\d,\s-]*\]")  # a footnote marker: credits carry none
_ENDS = (".", "!", "?")


def why_dropped(line: str) -> str | None:
    """Why ``line`` is not a statement (a caption, a credit, ...), or ``None`` if it may be."""
    text = line.strip().lstrip("*_> ").rstrip("*_ ")
    if not text or len(text) > 300:
        return None
    anchored = _ANCHORED_RE.match(text)
    if anchored is not None:
        return _REASONS[anchored.lastgroup or ""]
    if _REPEATED_RE.match(text) and not _MARKER_RE.search(text) and not text.endswith(_ENDS):
        return "a credit line (the same words repeated)"
    prose = _PROSE_RE.search(text)  # two sentences: not a caption
    if len(text) <= 200 and not prose and (_CREDIT_RE.match(text) or _CAPTION_RE.match(text)):
        return "a caption or credit"
    if len(text.split()) <= 5 and _AGENCY_RE.search(text.rstrip(".")):
        return "a caption or credit"
    return None
