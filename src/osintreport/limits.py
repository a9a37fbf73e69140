"""Limits on what the readers accept.

A small hostile file must not take minutes or gigabytes. Each limit is a module attribute,
read at every call: raise it for a trusted file, and set it back after.

    >>> import osintreport.limits as limits
    >>> limits.YAML_ALIAS_EXPANSION
    10
    >>> limits.YAML_ALIAS_EXPANSION = 50   # a trusted file that reuses anchors heavily
    >>> limits.YAML_ALIAS_EXPANSION = 10

Other limits live where they apply: :func:`~osintreport.ingest.read_footnoted` takes
``max_citations_per_marker`` and ``max_citations``, and Python itself refuses integers of
more than 4,300 digits (``sys.set_int_max_str_digits`` raises that). See the Security page
of the documentation for the whole list.
"""

from __future__ import annotations

__all__ = ["YAML_ALIAS_EXPANSION", "YAML_ALIAS_FLOOR"]

YAML_ALIAS_EXPANSION = 10
"""A YAML document, its aliases expanded, may hold this many times the nodes it writes.

An alias (``*name``) stands for the whole node its anchor (``&name``) marks; nine aliases to a
list of nine aliases to a list ... make a 400-byte "billion laughs" document of millions of
values. Documents over the limit are refused with a ``LoadError`` naming it; a recursive
alias (a node that holds itself) is always refused.
"""

YAML_ALIAS_FLOOR = 10_000
"""Expanded nodes that are always allowed, however small the document."""
