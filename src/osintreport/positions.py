r"""Where a path such as ``$.claims[3].citations[0]`` is written in a document's text.

Loading never keeps positions: a valid document pays nothing for them. When there is
something to point at (a finding, a load error), the text is read once more and only the
paths asked for are looked up::

    >>> from osintreport.positions import locate
    >>> text = 'id: r\ntitle: T\nclaims:\n- id: c1\n  text: x\n'
    >>> locate(text, "yaml", ["$.claims[0].text"])
    {'$.claims[0].text': Position(line=5, column=3)}

A path that is not written in the text as such (a default left out, an item of a list that
is too short) gets the position of its nearest ancestor that is. Lines and columns count
from 1; columns count characters (code points), as editors and GitHub annotations do.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import yaml

from . import _yaml
from ._data_paths import PathPart, parse_path
from .errors import Problem
from .findings import Finding, FindingList
from .model import COLLECTIONS

__all__ = [
    "Position",
    "locate",
    "locate_findings",
    "locate_problems",
    "parse_path",
    "position_in_line",
    "positions_in_line",
]


_TOKEN_RE = re.compile(r'"(?:[^"\\]|\\.)*+"|[{}\[\],:]|[^\s{}\[\],:"]++')
_DECODER = json.JSONDecoder()
_TYPE_RE = re.compile(r'^\s*\{\s*"type"\s*:\s*"([a-z]+)"')
# A JSON Lines record's "type" is the singular of its collection: "claim" -> "claims".
_COLLECTION_OF = {name.removesuffix("s"): name for name in COLLECTIONS}


@attrs.frozen(kw_only=True)
class Position:
    """A place in a text.

    Attributes:
        line: The line, from 1.
        column: The column, from 1, in characters.
    """

    line: int
    column: int


def locate(text: str, format: str, paths: Iterable[str]) -> dict[str, Position]:
    """The position of each path in ``text`` (``"yaml"``, ``"json"`` or ``"jsonl"``).

    Paths that are not paths (``"line 12"``) and paths the text does not reach at all are
    left out of the result. Text that does not parse gives an empty result.
    """
    wanted: dict[str, tuple[PathPart, ...]] = {}
    for path in paths:
        parts = parse_path(path)
        if parts is not None:
            wanted[path] = parts
    if not wanted:
        return {}
    prefixes = {parts[:n] for parts in wanted.values() for n in range(len(parts) + 1)}
    try:
        if format == "yaml":
            offsets = _yaml_offsets(text, prefixes)
        elif format == "jsonl":
            return _jsonl_positions(text, wanted)
        else:
            offsets = _json_offsets(text, prefixes)
    except (yaml.YAMLError, ValueError, RecursionError):
        return {}
    return _resolve(text, wanted, offsets)


def locate_findings(findings: Iterable[Finding], text: str, format: str) -> FindingList:
    """The findings with ``line`` and ``column`` set where their path is found in ``text``.

    ``text`` is the document the validated report was loaded from, in ``format``.
    """
    findings = list(findings)
    found = locate(text, format, {f.path for f in findings})
    out = FindingList()
    for finding in findings:
        where = found.get(finding.path)
        if where is not None:
            finding = attrs.evolve(finding, line=where.line, column=where.column)
        out.append(finding)
    return out


def locate_problems(problems: Sequence[Problem], text: str, format: str) -> list[Problem]:
    """Load problems with ``line`` and ``column`` set from their path, where not known yet."""
    asked = {p.path for p in problems if p.line is None and p.path != "$"}
    found = locate(text, format, asked) if asked else {}
    out: list[Problem] = []
    for problem in problems:
        where = found.get(problem.path) if problem.line is None else None
        if where is not None:
            problem = attrs.evolve(problem, line=where.line, column=where.column)
        out.append(problem)
    return out


def _resolve(
    text: str, wanted: dict[str, tuple[PathPart, ...]], offsets: dict[tuple[PathPart, ...], int]
) -> dict[str, Position]:
    nearest: dict[str, int] = {}
    for path, parts in wanted.items():
        for n in range(len(parts), -1, -1):
            if parts[:n] in offsets:
                nearest[path] = offsets[parts[:n]]
                break
    positions = _positions(text, sorted(set(nearest.values())))
    return {path: positions[offset] for path, offset in nearest.items()}


def _positions(text: str, offsets: Sequence[int]) -> dict[int, Position]:
    """Line and column of each offset (sorted), counting newlines once over the text."""
    out: dict[int, Position] = {}
    line, done = 1, 0
    for offset in offsets:
        line += text.count("\n", done, offset)
        done = offset
        out[offset] = Position(line=line, column=offset - text.rfind("\n", 0, offset))
    return out


def _json_offsets(text: str, wanted: set[tuple[PathPart, ...]]) -> dict[tuple[PathPart, ...], int]:
    """Offsets of the values at the wanted paths, by one pass over the JSON tokens.

    A value off every wanted path is skipped whole by the C decoder, so the Python loop only
    sees the tokens along the paths asked for.
    """
    found: dict[tuple[PathPart, ...], int] = {}
    # Each open container: [its path, is an object, the current key or index].
    stack: list[list[Any]] = []
    expect_key = False
    search = _TOKEN_RE.search
    match = search(text)
    while match is not None:
        token = match.group()
        first = token[0]
        after = match.end()
        if not stack and first in ",:}]":
            break  # not JSON: what was found so far is all there is
        if first == ",":
            frame = stack[-1]
            if frame[1]:
                expect_key = True
            else:
                frame[2] += 1
        elif first in "}]":
            stack.pop()
            expect_key = False
        elif first == ":":
            pass
        elif expect_key:
            frame = stack[-1]
            plain = first == '"' and "\\" not in token  # most keys: no escapes to decode
            frame[2] = token[1:-1] if plain else json.loads(token)
            expect_key = False
            if (*frame[0], frame[2]) in wanted:
                # A member is pointed at by its key, as editors show it.
                found[(*frame[0], frame[2])] = match.start()
        else:
            path = (*stack[-1][0], stack[-1][2]) if stack else ()
            if path not in wanted:
                if first in "{[":
                    after = _DECODER.raw_decode(text, match.start())[1]
            else:
                found.setdefault(path, match.start())
                if first == "{":
                    stack.append([path, True, None])
                    expect_key = True
                elif first == "[":
                    stack.append([path, False, 0])
        match = search(text, after)
    return found


def _yaml_offsets(text: str, wanted: set[tuple[PathPart, ...]]) -> dict[tuple[PathPart, ...], int]:
    """Offsets of the nodes at the wanted paths, walking only down those paths."""
    root = _yaml.compose(text)
    found: dict[tuple[PathPart, ...], int] = {}
    todo: list[tuple[tuple[PathPart, ...], Any]] = [((), root)] if root is not None else []
    while todo:
        path, node = todo.pop()
        found.setdefault(path, node.start_mark.index)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = (*path, key.value)
                if child in wanted:
                    # A mapping value is pointed at by its key, as editors show it.
                    todo.append((child, value))
                    found[child] = key.start_mark.index
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                if (*path, index) in wanted:
                    todo.append(((*path, index), item))
    return found


def _jsonl_positions(text: str, wanted: dict[str, tuple[PathPart, ...]]) -> dict[str, Position]:
    """Positions in a JSON Lines report: the record's line, then the path inside it."""
    header: int | None = None
    counts: dict[str, int] = {}
    lines: dict[tuple[str, int], int] = {}  # (collection, index) -> line number
    needed = {parts[:2] for parts in wanted.values() if len(parts) >= 2}
    rows = text.split("\n")
    for number, line in enumerate(rows, start=1):
        if not line.strip():
            continue
        match = _TYPE_RE.match(line)
        kind = match.group(1) if match else _record_type(line)
        if kind == "report":
            if header is not None:
                break  # the next report: a load reads the first one
            header = number
            continue
        collection = _COLLECTION_OF.get(kind or "")
        if collection is None:
            continue
        index = counts.get(collection, 0)
        counts[collection] = index + 1
        if (collection, index) in needed:
            lines[(collection, index)] = number
    out: dict[str, Position] = {}
    for path, parts in wanted.items():
        at: int | None = None
        inner = parts[2:]
        if len(parts) >= 2 and isinstance(parts[0], str) and isinstance(parts[1], int):
            at = lines.get((parts[0], parts[1]))
        if at is None:
            at, inner = header, parts
        if at is None:
            continue
        out[path] = position_in_line(rows[at - 1], at, inner)
    return out


def position_in_line(line: str, number: int, parts: tuple[PathPart, ...]) -> Position:
    """Where ``parts`` (a parsed path inside one JSON Lines record) is on ``line``.

    The column is that of the deepest part of the path the line holds (1 when none is).
    """
    return positions_in_line(line, number, [parts])[0]


def positions_in_line(line: str, number: int, paths: list[tuple[PathPart, ...]]) -> list[Position]:
    """:func:`position_in_line` for several paths on one line, reading it once."""
    offsets = _json_offsets(line, {parts[:n] for parts in paths for n in range(len(parts) + 1)})
    out = []
    for parts in paths:
        best = max((p for p in offsets if parts[: len(p)] == p), key=len, default=None)
        out.append(Position(line=number, column=offsets[best] + 1 if best is not None else 1))
    return out


def _record_type(line: str) -> str | None:
    try:
        data = json.loads(line)
    except ValueError:
        return None
    kind = data.get("type") if isinstance(data, dict) else None
    return kind if isinstance(kind, str) else None
