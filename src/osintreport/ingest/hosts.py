"""Is a host one that can exist as written? (the ingester's plausibility test).

A refanged host may be well formed and still not a host anyone can reach: a top-level domain
that does not exist (``news.example``, ``report.pdf``), or a scraper's corruption such as
``t.met.me`` (``t.me`` written twice over itself). Top-level domains are checked against the
Public Suffix List with publicsuffixlist (the ``ingest`` extra), which ships the list and
updates with each release; without it only the shape of the host is checked.
"""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["can_check_suffixes", "implausible", "known_suffix"]


@functools.cache
def _suffix_list() -> Any:
    try:
        from publicsuffixlist import PublicSuffixList
    except ImportError:
        return None
    return PublicSuffixList(accept_unknown=False)


def can_check_suffixes() -> bool:
    """Whether publicsuffixlist is installed, so that top-level domains can be checked."""
    return _suffix_list() is not None


@functools.lru_cache(maxsize=4096)  # an endnote list names the same few hosts again and again
def known_suffix(host: str) -> bool | None:
    """Whether ``host`` ends in a public suffix; ``None`` when that cannot be checked."""
    suffixes = _suffix_list()
    if suffixes is None:
        return None
    return suffixes.publicsuffix(host.lower().rstrip(".")) is not None


def _doubled(host: str) -> str | None:
    """The host a doubled one repeats (``t.met.me`` is ``t.me`` twice), else ``None``."""
    half, odd = divmod(len(host), 2)
    if not odd and half >= 3 and host[:half] == host[half:] and "." in host[:half]:
        return host[:half]
    return None


def implausible(host: str) -> str | None:
    """Why ``host`` cannot be a real host as written, or ``None`` when it may be."""
    doubled = _doubled(host.lower())
    if doubled is not None:
        return f"host {host!r} is {doubled!r} written twice over (a scraping error)"
    if known_suffix(host) is False:
        return f"host {host!r} has no top-level domain in the Public Suffix List"
    return None
