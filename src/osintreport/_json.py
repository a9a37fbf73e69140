"""JSON backend: the standard library's ``json``, refusing duplicate keys.

A JSON object with a key twice is refused, as YAML is: ``{"id": "a", "id": "b"}`` is two
claims about one field, and silently keeping the last (what JSON parsers do) hides one.
The check is an ``object_pairs_hook``, about a third more parsing time (0.14 s -> 0.18 s for
14 MB), a few percent of ``loads``.

msgspec (a dependency) does not parse documents: it keeps the last of duplicate keys and has
no way to report them. It writes JSON Lines (:func:`emit_line`), about three times as fast as
the standard library, giving the same bytes: where it could differ, the line is written
by the standard library instead (see :func:`emit_line`). Indented JSON is written by the
standard library.
"""

from __future__ import annotations

import json
import re
from typing import Any

import msgspec

from ._files import SURROGATE_RE

BACKEND = "json"
"""Which parser reads JSON: the standard library's, always (see above)."""

__all__ = [
    "BACKEND",
    "DuplicateKeyError",
    "LoneSurrogateError",
    "emit",
    "emit_line",
    "parse",
    "refuse_lone_surrogates",
]


class DuplicateKeyError(ValueError):
    """A JSON object has the same key twice."""

    def __init__(self, key: str) -> None:
        shown = key if len(key) <= 60 else key[:57] + "..."
        super().__init__(f"duplicate key {shown!r} (each key may appear once)")
        self.key = key


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON (use null or a finite number)")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(key)
            seen.add(key)
    return result


_DECODER = json.JSONDecoder(object_pairs_hook=_object, parse_constant=_refuse_constant)


class LoneSurrogateError(ValueError):
    r"""A string escapes half of a UTF-16 surrogate pair (``"\ud800"``): no UTF-8 holds it."""

    def __init__(self, path: tuple[str | int, ...], code: int) -> None:
        super().__init__(
            f"a string holds a lone surrogate (\\u{code:04x}), which is not a character "
            "and cannot be written as UTF-8"
        )
        self.path = path


_SURROGATE_ESCAPE_RE = re.compile(r"\\u[dD][89abcdefABCDEF]")


def parse(text: str, *, decoded: bool = False) -> Any:
    """Parse a JSON document, refusing ``NaN``, ``Infinity``, duplicate keys, lone surrogates.

    Args:
        text: The document.
        decoded: ``text`` came through :func:`osintreport._files.decode`, which refuses a
            lone surrogate in the text itself: only escaped ones are looked for.

    Raises:
        ValueError: The text is not JSON (``json.JSONDecodeError`` carries the line), an
            object repeats a key (:class:`DuplicateKeyError`), or a string escapes half a
            surrogate pair (:class:`LoneSurrogateError`, with the path to it).
        RecursionError: The document nests deeper than Python's recursion limit.
    """
    data = _DECODER.decode(text)
    escaped = "\\u" in text and _SURROGATE_ESCAPE_RE.search(text) is not None
    if escaped or (not decoded and not text.isascii() and SURROGATE_RE.search(text) is not None):
        # An escaped pair decodes to one character; half of one, escaped or in a str
        # handed to us line by line (JSON Lines), stays a lone surrogate.
        refuse_lone_surrogates(data)
    return data


def refuse_lone_surrogates(data: Any) -> None:
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if (lone := SURROGATE_RE.search(value)) is not None:
                raise LoneSurrogateError(path, ord(lone.group()))
        elif isinstance(value, list):
            stack.extend(((*path, i), item) for i, item in reversed(list(enumerate(value))))
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                if (lone := SURROGATE_RE.search(key)) is not None:
                    raise LoneSurrogateError(path, ord(lone.group()))
                stack.append(((*path, key), item))


def emit(data: Any) -> str:
    """Write plain data as indented JSON with a final newline, unicode kept as is."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def emit_nested(data: Any, depth: int) -> str:
    """``data`` as :func:`emit` writes it ``depth`` levels down (no newline after).

    An item of a list that is a member of the top-level object is at depth 2: a document can
    be written a piece at a time and read as if written whole.
    """
    pad = "  " * depth
    return pad + json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False).replace(
        "\n", "\n" + pad
    )


def emit_member(key: str, value: Any) -> str:
    """``"key": value`` as a member of the top-level object :func:`emit` writes."""
    return emit({key: value})[2:-3]  # without "{\n" and "\n}\n"


_LINE_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)
_FAST_ENCODER = msgspec.json.Encoder()
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")


def emit_line(data: Any) -> str:
    """Write plain data as one compact JSON line with its newline (for JSON Lines).

    A mapping is written by msgspec when that gives the standard library's bytes. The two
    write every string alike (tested over every code point) and every ``int``; they differ
    only on floats and on what JSON cannot hold, and each such difference leaves a mark in
    msgspec's text, which sends the line to the standard library:

    - a float the standard library writes with an exponent (``1e-05``, ``1e+16``) comes out
      of msgspec as ``0.00001`` or ``1e16``: a digit before ``e``, or ``0.0000``;
    - ``NaN`` and infinities, which the standard library refuses, come out as ``null``;
    - types JSON has no form for (a ``bool`` key, a lone surrogate) make msgspec raise.

    A string holding such text (``"null"``, ``"3e"``) is written by the standard library
    too: slower, never different. ``tests/test_json_backend.py`` holds the marks to random
    floats of every size and to every code point (two million floats were tried once).
    Plain data is what the model's unstructuring or a JSON parser gives; msgspec would also
    write dates, sets and enums, which the standard library refuses, so keep to plain data.
    """
    if data.__class__ is dict:
        try:
            raw = _FAST_ENCODER.encode(data)
        except Exception:  # the standard library says what is wrong, below
            pass
        else:  # the text marks are looked for in the str: faster on non-ASCII text
            if b"0e" not in raw.translate(_DIGITS_AS_ZERO):
                text = raw.decode()
                if not ("null" in text or "0.0000" in text):
                    return text + "\n"
    return _LINE_ENCODER.encode(data) + "\n"  # one encoder, not one per call
