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

import re

import attrs

__all__ = ["FoundUrl", "find_urls", "refang"]

_REFANGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bh(?:xx|XX|\*\*|tt)p(s?)(?:\[:\]|\(:\)|:)//", re.IGNORECASE), r"http\1://"),
    (re.compile(r"\[:\]//|\[://\]"), "://"),
    (re.compile(r"\s*(?:\[\s*dot\s*\]|\(\s*dot\s*\)|\{\s*dot\s*\})\s*", re.IGNORECASE), "."),
    (re.compile(r"\s*(?:\[\.\]|\(\.\)|\{\.\})\s*"), "."),
]
# " dot " inside a host ("npasyria dot com"; the spaces may be non-breaking), only where the
# host follows a scheme or is followed by a path, so that prose ("a dot on the map") stays.
_SPACED_DOT = r"[A-Za-z0-9-]+(?:\s+dot\s+[A-Za-z0-9-]+)+"
_SPACED_HOST_RES = [
    re.compile(r"(?<=://)" + _SPACED_DOT, re.IGNORECASE),
    re.compile(r"(?<![\w.])" + _SPACED_DOT + r"(?=/)", re.IGNORECASE),
]
_DOT_WORD_RE = re.compile(r"\s+dot\s+", re.IGNORECASE)

_URL_RE = re.compile(r"(?:https?|ftp)://[^\s;<>\"'“”‘]*", re.IGNORECASE)
_BARE_HOST_RE = re.compile(r"(?<![\w./@-])(?:www\.)[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:/[^\s;<>\"]*)?")
_FRAGMENT_RE = re.compile(r"(?<![\w/])\.?[\w-]*\.[A-Za-z]{2,}/\S*|(?<!\S)\.[A-Za-z]{2,}/\S+")
_TRAILING = ".,;:!?’'\"”»)]}>"
_LABEL_RE = re.compile(r"^(?!-)[A-Za-z0-9\u00a1-\uffff-]{1,63}(?<!-)$")


@attrs.frozen(kw_only=True)
class FoundUrl:
    """A URL found in endnote text.

    Attributes:
        url: The refanged address (as found, for a broken one).
        start: Where it starts in the refanged text.
        broken: Why it is not a usable URL, or ``None`` when it is well formed.
    """

    url: str
    start: int
    broken: str | None = None


def refang(text: str) -> str:
    """Undo the usual defanging styles; other text is left as is."""
    for pattern, replacement in _REFANGS:
        text = pattern.sub(replacement, text)
    for host in _SPACED_HOST_RES:
        text = host.sub(lambda m: _DOT_WORD_RE.sub(".", m.group(0)), text)
    return text


def _strip_trailing(url: str) -> str:
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break  # a balanced parenthesis belongs to the URL (Wikipedia style)
        url = url[:-1]
    return url


def _problem(url: str) -> str | None:
    rest = url.split("://", 1)[1]
    host = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0]
    if not host:
        return "no host"
    if host.endswith(".") or ".." in host:
        return f"host {host!r} is cut short"
    labels = host.split(".")
    if len(labels) < 2:
        return f"host {host!r} has no top-level domain"
    if not all(_LABEL_RE.match(label) for label in labels):
        return f"host {host!r} is not a valid name"
    if not re.fullmatch(r"[A-Za-z\u00a1-\uffff]{2,63}|xn--[a-z0-9-]+", labels[-1]):
        return f"host {host!r} has no valid top-level domain"
    return None


def find_urls(text: str) -> list[FoundUrl]:
    """Refang ``text`` and return every URL in it, well formed or broken, in order.

    Also reported as broken: an address fragment with no scheme or host left, such as
    ``(dot) net/%D9%85...`` whose host was lost. Bare ``www.`` hosts get ``https://``.
    """
    clean = refang(text)
    found: list[FoundUrl] = []
    taken: list[tuple[int, int]] = []
    for match in _URL_RE.finditer(clean):
        url = _strip_trailing(match.group(0))
        if not url:
            continue
        taken.append((match.start(), match.start() + len(match.group(0))))
        found.append(FoundUrl(url=url, start=match.start(), broken=_problem(url)))
    for pattern, make in ((_BARE_HOST_RE, "bare"), (_FRAGMENT_RE, "fragment")):
        for match in pattern.finditer(clean):
            if any(a <= match.start() < b for a, b in taken):
                continue
            taken.append((match.start(), match.end()))
            text_found = _strip_trailing(match.group(0))
            if make == "bare":
                url = "https://" + text_found
                found.append(FoundUrl(url=url, start=match.start(), broken=_problem(url)))
            else:
                found.append(
                    FoundUrl(url=text_found, start=match.start(), broken="no scheme or host")
                )
    found.sort(key=lambda f: f.start)
    return found
