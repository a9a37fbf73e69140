"""Refanging and finding URLs in endnote text.

Analysts defang addresses so that nobody clicks them by accident: ``hxxps://``,
``example[.]com``, ``tasnimnews (dot) com``, ``sana[dot]sy``, ``npasyria dot com``. This
module restores them and tells well-formed URLs from broken ones. A broken URL (cut short,
no host, no top-level domain) is reported as found, never repaired by guessing.

    >>> refang("hxxps://sana [dot] sy/?p=1 and npasyria dot com/en/1")
    'https://sana.sy/?p=1 and npasyria.com/en/1'
    >>> [u.url for u in find_urls("https://www.tasnimnews (dot) com/ar/1; https://www[dot]")]
    ['https://www.tasnimnews.com/ar/1', 'https://www']
    >>> [u.broken for u in find_urls("https://www.tasnimnews (dot) com/ar/1; https://www[dot]")]
    [None, "host 'www' has no top-level domain"]
"""

from __future__ import annotations

import bisect
import re

import attrs

from .hosts import known_suffix

__all__ = ["FoundUrl", "find_urls", "host_of", "leftover_text", "refang", "shorten"]

# Every pattern here runs in time linear in the text (issue 17): a run of spaces may open a
# match only from its first space (``(?<!\s)``; a match may still start at the bracket itself,
# as when the spaces before it ended the previous match), and quantifiers that cannot usefully
# give anything back are possessive (``*+``), so that no position is scanned twice.
_REFANGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bh(?:xx|XX|\*\*|tt)p(s?)(?:\[:\]|\(:\)|:)//", re.IGNORECASE), r"http\1://"),
    (re.compile(r"\[:\]//|\[://\]"), "://"),
    (
        re.compile(
            r"(?:(?<!\s)\s*+)?(?:\[\s*+dot\s*+\]|\(\s*+dot\s*+\)|\{\s*+dot\s*+\})\s*+",
            re.IGNORECASE,
        ),
        ".",
    ),
    (re.compile(r"(?:(?<!\s)\s*+)?(?:\[\.\]|\(\.\)|\{\.\})\s*+"), "."),
]
# " dot " inside a host ("npasyria dot com", "www.vedomosti dot ru", "bbc dot co dot uk"; the
# spaces may be non-breaking), only where the host follows a scheme, is followed by a path or
# starts with "www.", so that prose ("a dot on the map") stays.
# One pass finds each whole chain of labels (possessively, so a chain is scanned once); the
# chain is rewritten when a scheme comes before it or a path after it.
_SPACED_HOST_RE = re.compile(
    r"(?<![\w.-])[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)*+"
    r"(?:\s++dot\s++[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)*+)++",
    re.IGNORECASE,
)
_DOT_WORD_RE = re.compile(r"\s+dot\s+", re.IGNORECASE)

_URL_RE = re.compile(r"(?:https?|ftp)://[^\s;<>\"'“”‘]*", re.IGNORECASE)
# A host with no scheme: taken with "www." in front, a path after it, or a top-level domain
# the Public Suffix List knows; "report.pdf" and "U.S." are left alone.
_BARE_HOST_RE = re.compile(
    r"(?<![\w./@:-])(?P<host>[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)++)(?P<path>/[^\s;<>\"]*+)?"
)
_FRAGMENT_RE = re.compile(r"(?<![\w/-])\.?[\w-]*+\.[A-Za-z]{2,}+/\S*|(?<!\S)\.[A-Za-z]{2,}+/\S+")
_TRAILING = ".,;:!?’'\"”»)]}>"
_LABEL_RE = re.compile(r"^(?!-)[A-Za-z0-9\u00a1-\uffff-]{1,63}(?<!-)$")
_TLD_RE = re.compile(r"[A-Za-z\u00a1-\uffff]{2,63}|xn--[a-z0-9-]+")
_PATH_START_RE = re.compile(r"[/?#]")


@attrs.frozen(kw_only=True)
class FoundUrl:
    """A URL found in endnote text.

    Attributes:
        url: The refanged address (as found, for a broken one).
        start: Where it starts in the refanged text.
        broken: Why it is not a usable URL, or ``None`` when it is well formed.
        end: Where it ends in the refanged text (``refanged[start:end]`` is the address as
            written, without the ``https://`` added to a bare host).
    """

    url: str
    start: int
    broken: str | None = None
    end: int = 0


def refang(text: str) -> str:
    """Undo the usual defanging styles; other text is left as is."""
    for pattern, replacement in _REFANGS:
        text = pattern.sub(replacement, text)

    def join(match: re.Match[str]) -> str:
        after_scheme = text.endswith("://", 0, match.start())
        before_path = text.startswith("/", match.end())
        chain = match.group(0)
        www = chain[:4].lower() == "www."  # "www.kremlin dot ru": a host, path or not
        return _DOT_WORD_RE.sub(".", chain) if after_scheme or before_path or www else chain

    return _SPACED_HOST_RE.sub(join, text)


def _strip_trailing(url: str) -> str:
    opened, closed = url.count("("), url.count(")")
    end = len(url)
    while end and url[end - 1] in _TRAILING:
        if url[end - 1] == ")":
            if opened >= closed:
                break  # a balanced parenthesis belongs to the URL (Wikipedia style)
            closed -= 1
        end -= 1
    return url[:end]


def shorten(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters, with "..." where it was cut (for messages)."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def host_of(url: str) -> str:
    """The host of ``scheme://user@host:port/path?query#fragment`` (``""`` when there is none)."""
    rest = url.split("://", 1)[1] if "://" in url else url
    host = _PATH_START_RE.split(rest, maxsplit=1)[0]
    return host.rsplit("@", 1)[-1].split(":", 1)[0]


def _problem(url: str) -> str | None:
    host = host_of(url)
    if not host:
        return "no host"
    shown = shorten(host)
    if host.endswith(".") or ".." in host:
        return f"host {shown!r} is cut short"
    labels = host.split(".")
    if len(labels) < 2:
        return f"host {shown!r} has no top-level domain"
    if not all(_LABEL_RE.match(label) for label in labels):
        return f"host {shown!r} is not a valid name"
    if not _TLD_RE.fullmatch(labels[-1]):
        return f"host {shown!r} has no valid top-level domain"
    return None


def find_urls(text: str) -> list[FoundUrl]:
    """Refang ``text`` and return every URL in it, well formed or broken, in order.

    Also reported as broken: an address fragment with no scheme or host left, such as
    ``(dot) net/%D9%85...`` whose host was lost. Bare ``www.`` hosts get ``https://``.
    Runs in time linear in the text, however many addresses it holds.
    """
    return _find_in_refanged(refang(text))


def _find_in_refanged(clean: str) -> list[FoundUrl]:
    found: list[FoundUrl] = []
    passes: list[list[int]] = []  # per pass, the sorted starts and ends of what it took
    for pattern, make in ((_URL_RE, "url"), (_BARE_HOST_RE, "bare"), (_FRAGMENT_RE, "fragment")):
        spans: list[int] = []
        for match in pattern.finditer(clean):
            if any(_inside(taken, match.start()) for taken in passes):
                continue
            as_written = _strip_trailing(match.group(0))
            if not as_written or (make == "bare" and not _bare_host(match)):
                continue
            spans.extend((match.start(), match.end()))
            end = match.start() + len(as_written)
            if make == "url":
                broken = _problem(as_written)
                found.append(FoundUrl(url=as_written, start=match.start(), broken=broken, end=end))
            elif make == "bare":
                url = "https://" + as_written
                broken = _problem(url)
                found.append(FoundUrl(url=url, start=match.start(), broken=broken, end=end))
            else:
                broken = "no scheme or host"
                found.append(FoundUrl(url=as_written, start=match.start(), broken=broken, end=end))
        passes.append(spans)
    found.sort(key=lambda f: f.start)
    return found


def _bare_host(match: re.Match[str]) -> bool:
    """Whether a host written without a scheme is an address (else it is left as text)."""
    host = match.group("host").rstrip(".")
    if not re.search(r"\.[A-Za-z]{2,63}$", host):
        return False
    if host[:4].lower() == "www." or match.group("path"):
        return True
    return known_suffix(host) is True


def _inside(spans: list[int], offset: int) -> bool:
    """Whether ``offset`` falls in one of the half-open spans ``[s0, e0), [s1, e1), ...``."""
    return bisect.bisect_right(spans, offset) % 2 == 1


def leftover_text(text: str) -> tuple[list[FoundUrl], str]:
    """The URLs in ``text`` and what is left of it once they are cut out (refanged)."""
    clean = refang(text)
    found = _find_in_refanged(clean)
    pieces = []
    last = 0
    for item in found:
        pieces.append(clean[last : item.start])
        last = max(last, item.end)
    pieces.append(clean[last:])
    return found, " ".join(pieces)
