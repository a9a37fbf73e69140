"""Paths into a document (``$.events[3].when``) and the problems found at them (private).

:class:`InvalidData` carries what structuring found wrong, each problem with its path as
parts; :func:`render_path` writes a path, :func:`parse_path` reads one back.
"""

from __future__ import annotations

import ast
import re

__all__ = ["InvalidData", "PathPart", "describe", "parse_path", "render_path"]

PathPart = str | int
"""One step of a path: a key, or an index in a list."""

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"  # a key written as .name; any other key as ['...']
_NAME_RE = re.compile(_NAME)
_PATH_PART_RE = re.compile(rf"""\.({_NAME})|\[(\d+)\]|\[('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\]""")


class InvalidData(Exception):  # noqa: N818 - private, never escapes
    """Problems found while structuring; each is ``(path parts, message)``.

    Private to the package: :mod:`osintreport.io` turns it into a
    :class:`~osintreport.errors.LoadError` with file names and rendered paths.
    """

    def __init__(self, problems: list[tuple[tuple[PathPart, ...], str]]) -> None:
        super().__init__(problems)
        self.problems = problems

    @classmethod
    def at_root(cls, message: str) -> InvalidData:
        """Make a single problem at the current path."""
        return cls([((), message)])

    def under(self, part: PathPart) -> list[tuple[tuple[PathPart, ...], str]]:
        """Return the problems with ``part`` put in front of their paths."""
        return [((part, *path), message) for path, message in self.problems]


def render_path(parts: tuple[PathPart, ...]) -> str:
    """Render path parts as ``$.events[3].when``."""
    out = ["$"]
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _NAME_RE.fullmatch(part):
            out.append(f".{part}")
        else:
            out.append(f"[{part!r}]")
    return "".join(out)


def parse_path(path: str) -> tuple[PathPart, ...] | None:
    """The parts of ``$.a[0]['b c']``: ``("a", 0, "b c")``; ``None`` if it is not a path.

    The inverse of :func:`render_path`.
    """
    if not path.startswith("$"):
        return None
    parts: list[PathPart] = []
    at = 1
    while at < len(path):
        match = _PATH_PART_RE.match(path, at)
        if match is None:
            return None
        name, index, quoted = match.groups()
        parts.append(
            name if name is not None else int(index) if index else ast.literal_eval(quoted)
        )
        at = match.end()
    return tuple(parts)


def describe(value: object) -> str:
    """A value for an error message: its type and its repr, cut at 60 characters."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"
