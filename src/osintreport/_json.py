"""JSON backend: the standard library's ``json``, with msgspec for parsing when installed.

With the ``fast`` extra (msgspec), valid JSON is parsed by msgspec's untyped decoder, twice
the standard library's speed, with the same values: integers of any size stay exact ints
(orjson, by contrast, reads those beyond 64 bits as floats), duplicate keys keep the last
value, key order is kept. Any text msgspec refuses (invalid JSON, ``1e400``, lone
surrogates, ``NaN``) goes to the standard library, so values and errors are exactly those of
the default path; a test holds the two to it. Writing always uses the standard library:
msgspec and orjson format some floats differently (``1e-5`` or ``1e16`` for ``1e-05`` and
``1e+16``), and our output must not depend on what is installed.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from typing import Any


def _load_decoder() -> Callable[[str], Any] | None:
    try:
        msgspec = importlib.import_module("msgspec")
    except ImportError:  # pragma: no cover - depends on the installed extras
        return None
    decoder = msgspec.json.Decoder()
    decode: Callable[[str], Any] = decoder.decode
    return decode


_decode = _load_decoder()

BACKEND = "msgspec" if _decode is not None else "json"
"""Which parser reads valid JSON: ``"msgspec"`` with the ``fast`` extra, else ``"json"``."""

__all__ = ["emit", "emit_line", "parse"]


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON (use null or a finite number)")


def parse(text: str) -> Any:
    """Parse a JSON document; ``NaN`` and ``Infinity`` are refused.

    Raises:
        ValueError: The text is not JSON (``json.JSONDecodeError`` carries the line).
        RecursionError: The document nests deeper than Python's recursion limit.
    """
    if _decode is not None:
        try:
            return _decode(text)
        except (ValueError, RecursionError):  # msgspec.DecodeError is a ValueError
            pass  # the standard library gives the canonical error, or takes what msgspec won't
    return json.loads(text, parse_constant=_refuse_constant)


def emit(data: Any) -> str:
    """Write plain data as indented JSON with a final newline, unicode kept as is."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


_LINE_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def emit_line(data: Any) -> str:
    """Write plain data as one compact JSON line with its newline (for JSON Lines)."""
    return _LINE_ENCODER.encode(data) + "\n"  # one encoder, not one per call
