"""JSON backend: the standard library's ``json``, strict about what is JSON."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["emit", "emit_line", "parse"]


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON (use null or a finite number)")


def parse(text: str) -> Any:
    """Parse a JSON document; ``NaN`` and ``Infinity`` are refused.

    Raises:
        ValueError: The text is not JSON (``json.JSONDecodeError`` carries the line).
        RecursionError: The document nests deeper than Python's recursion limit.
    """
    return json.loads(text, parse_constant=_refuse_constant)


def emit(data: Any) -> str:
    """Write plain data as indented JSON with a final newline, unicode kept as is."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def emit_line(data: Any) -> str:
    """Write plain data as one compact JSON line with its newline (for JSON Lines)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
