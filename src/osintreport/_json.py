"""JSON backend: the standard library's ``json``, with orjson for parsing when installed.

With the ``fast`` extra (orjson), valid JSON is parsed by orjson, several times faster; any
text orjson refuses, and any text with a run of 19 or more digits (orjson would read an
integer beyond 64 bits as a float), is parsed by the standard library, so that values and
errors are exactly those of the default path. Writing always uses the standard library:
orjson formats some floats differently (``1e-5`` for ``1e-05``), and our output must not
depend on what is installed.
"""

from __future__ import annotations

import importlib
import json
import re
from typing import Any


def _load_orjson() -> Any:
    try:
        return importlib.import_module("orjson")
    except ImportError:  # pragma: no cover - depends on the installed extras
        return None


_orjson: Any = _load_orjson()
# orjson reads integers beyond 64 bits as floats; such texts go to the standard library.
_LONG_NUMBER = re.compile(r"\d{19}")

BACKEND = "orjson" if _orjson is not None else "json"
"""Which parser reads valid JSON: ``"orjson"`` with the ``fast`` extra, else ``"json"``."""

__all__ = ["emit", "emit_line", "parse"]


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON (use null or a finite number)")


def parse(text: str) -> Any:
    """Parse a JSON document; ``NaN`` and ``Infinity`` are refused.

    Raises:
        ValueError: The text is not JSON (``json.JSONDecodeError`` carries the line).
        RecursionError: The document nests deeper than Python's recursion limit.
    """
    if _orjson is not None and not _LONG_NUMBER.search(text):
        try:
            return _orjson.loads(text)
        except _orjson.JSONDecodeError:
            pass  # the standard library gives the canonical error, or takes what orjson won't
    return json.loads(text, parse_constant=_refuse_constant)


def emit(data: Any) -> str:
    """Write plain data as indented JSON with a final newline, unicode kept as is."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def emit_line(data: Any) -> str:
    """Write plain data as one compact JSON line with its newline (for JSON Lines)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
