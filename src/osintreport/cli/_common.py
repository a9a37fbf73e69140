"""What the commands share: exit codes, reading the input, TLP redaction, writing output."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from typing import Any, TextIO

import attrs

from .._files import decode, read_text
from .._gcpause import paused_gc
from .._json_stream import Spooled, json_pieces
from ..citation_coverage import Coverage, KindCoverage
from ..errors import LoadError
from ..jsonl_redact import StreamRedaction
from ..model import COLLECTIONS, Report
from ..redaction import redact
from ..serialization import Format, format_for, load, loads
from ..vocab import Tlp
from ._progress import bar, counted_lines, wanted

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_USAGE",
    "FORMATS",
    "STDIN",
    "STDIN_NAME",
    "Input",
    "Spooled",
    "add_input",
    "codes",
    "count",
    "coverage_data",
    "date",
    "dumps_json",
    "json_pieces",
    "jsonl_input",
    "load_input",
    "max_tlp_option",
    "read_input",
    "read_report",
    "redaction_note",
    "report_error",
    "shared",
    "sniff",
    "stdin_as_file",
    "stream_redaction",
    "write_text",
]

EXIT_OK = 0
"""Success."""
EXIT_FINDINGS = 1
"""``validate`` found something at or above ``--min-severity``; ``export`` or ``import`` left
events or rows out."""
EXIT_USAGE = 2
"""Bad usage, an unreadable or invalid input, a missing optional extra, a refused write."""

STDIN = "-"
"""The file name that means standard input."""
STDIN_NAME = "<stdin>"
"""How standard input is named in messages."""

FORMATS = ("yaml", "json", "jsonl")


def add_input(parser: argparse.ArgumentParser, dest: str = "file", help: str = "") -> None:
    """Add the input argument (a file, or ``-`` for stdin) and ``--input-format``."""
    parser.add_argument(
        dest,
        metavar="FILE",
        help=help or "a .yaml, .yml, .json or .jsonl report, or - to read standard input",
    )
    parser.add_argument(
        "--input-format",
        choices=FORMATS,
        help="read the input as this format, whatever its suffix; with - (stdin) the "
        "default is to tell YAML, JSON and JSON Lines apart by the first lines and read "
        "it whole, while jsonl streams it (copied to a temporary file first)",
    )
    quiet_option(parser)


def quiet_option(parser: argparse.ArgumentParser) -> None:
    """Add ``-q``/``--quiet``: no progress bar."""
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress bar (one is shown on a terminal for inputs of 5 MB or more, "
        "with the 'progress' extra installed)",
    )


def sniff(text: str) -> Format:
    """Tell JSON Lines, JSON and YAML apart by their first lines (for stdin)."""
    stripped = text.lstrip()
    if not stripped.startswith("{"):
        return "yaml"
    first, _, rest = stripped.partition("\n")
    if first.rstrip().endswith("}") and rest.lstrip().startswith("{"):
        return "jsonl"
    return "json"


@attrs.frozen(kw_only=True)
class Input:
    """A report's text as read from a file or stdin.

    Attributes:
        name: The file name to show (``<stdin>`` for ``-``).
        text: The text.
        format: The format it is read as.
    """

    name: str
    text: str
    format: Format


def read_input(name: str, fmt: Format | None) -> Input:
    """Read ``name`` (``-``: standard input), its format from ``fmt``, the suffix or the text.

    Raises:
        LoadError: The input cannot be read.
        UnsupportedFormatError: No format given and the suffix says none.
    """
    if name != STDIN:
        fmt = fmt or format_for(name)
        return Input(name=name, text=read_text(name), format=fmt)
    stream = sys.stdin
    # Report files are UTF-8 whatever the terminal's locale: read the bytes where we can.
    raw = getattr(stream, "buffer", None)
    text = decode(raw.read(), file=STDIN_NAME) if raw is not None else stream.read()
    return Input(name=STDIN_NAME, text=text, format=fmt or sniff(text))


def jsonl_input(name: str, fmt: Format | None) -> bool:
    """A JSON Lines file, or standard input said to be JSON Lines (``--input-format``)."""
    return (fmt or (format_for(name) if name != STDIN else None)) == "jsonl"


@contextlib.contextmanager
def stdin_as_file(name: str) -> Iterator[str]:
    """``name`` itself, or for ``-`` a temporary file holding standard input.

    For JSON Lines on standard input (``--input-format jsonl``): the streaming readers read
    their input more than once, which standard input cannot be, so it is copied to disk
    (not to memory) first. Problems found in the copy are reported as ``<stdin>``'s.
    """
    if name != STDIN:
        yield name
        return
    with tempfile.TemporaryDirectory(prefix="osr-stdin-") as folder:
        path = os.path.join(folder, "stdin.jsonl")
        with open(path, "wb") as handle:
            raw = getattr(sys.stdin, "buffer", None)
            if raw is not None:
                shutil.copyfileobj(raw, handle, 1 << 20)
            else:  # a replaced sys.stdin (tests, notebooks) without bytes
                handle.write(sys.stdin.read().encode("utf-8", "surrogatepass"))
        try:
            yield path
        except LoadError as error:
            problems = [
                attrs.evolve(p, file=STDIN_NAME) if p.file == path else p for p in error.problems
            ]
            raise type(error)(problems) from None


def load_input(source: Input, args: argparse.Namespace | None = None) -> Report:
    """The report in ``source``; JSON Lines shows a progress bar when ``args`` want one.

    Raises:
        LoadError: Every problem found, each with its line and column where known.
    """
    if source.format == "jsonl" and args is not None and wanted(args, len(source.text)):
        from ..jsonl import read_report as read_jsonl

        with bar(len(source.text), "reading", "B", enabled=True) as tick, paused_gc():
            return read_jsonl(counted_lines(source.text, tick), file=source.name)
    return loads(source.text, source.format, file=source.name)


def read_report(name: str, fmt: Format | None, args: argparse.Namespace | None = None) -> Report:
    """Load the report ``name`` (``-``: standard input) as ``fmt`` or by its suffix.

    A JSON or YAML file is read by :func:`osintreport.load`, which lets go of the text as
    soon as it can (JSON is read item by item); JSON Lines and standard input are read whole
    first.
    """
    if name != STDIN:
        fmt = fmt or format_for(name)
        if fmt != "jsonl":
            return load(name, format=fmt)
    return load_input(read_input(name, fmt), args)


def max_tlp_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--max-tlp``."""
    parser.add_argument(
        "--max-tlp",
        metavar="LEVEL",
        choices=[t.value for t in Tlp],
        type=str.lower,
        help="write only what this TLP 2.0 level allows (clear, green, amber, amber+strict, "
        "red): objects marked above it are left out, with every reference to them; a report "
        "itself marked above it is refused (exit 2)",
    )


def shared(report: Report, args: argparse.Namespace, err: TextIO) -> Report:
    """The report redacted to ``--max-tlp`` (when given), saying on stderr what was left out."""
    if not args.max_tlp:
        return report
    result = redact(report, args.max_tlp)
    left_out = sum(len(getattr(report, kind)) - len(getattr(result, kind)) for kind in COLLECTIONS)
    if left_out:
        err.write(f"{report.id}: {left_out} objects above TLP:{args.max_tlp.upper()} left out\n")
    return result


def stream_redaction(
    path: str, args: argparse.Namespace, tick: Callable[[int], object]
) -> StreamRedaction | None:
    """What ``--max-tlp`` withholds from the JSON Lines file ``path`` (``None`` without it)."""
    if not args.max_tlp:
        return None
    from ..jsonl_redact import plan_redaction

    return plan_redaction(path, args.max_tlp, progress=tick)


def redaction_note(
    redaction: StreamRedaction | None, args: argparse.Namespace, err: TextIO
) -> None:
    """Say on stderr what ``--max-tlp`` left out of a streamed file, as :func:`shared` does."""
    if redaction is not None and redaction.left_out:
        err.write(
            f"{redaction.report_id}: {redaction.left_out} objects above "
            f"TLP:{args.max_tlp.upper()} left out\n"
        )


def codes(text: str) -> tuple[str, ...]:
    """Parse ``--select``/``--ignore``: comma-separated rule codes or prefixes."""
    found = tuple(c.strip().upper() for c in text.split(",") if c.strip())
    if not found:
        raise argparse.ArgumentTypeError("expected rule codes like OSR301 or OSR3")
    return found


def count(text: str) -> int:
    """Parse a whole number of 0 or more (``--max-claims``)."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number, 0 or more, got {text!r}")
    return value


def date(text: str) -> dt.date:
    """Parse ``--today``."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2023-08-03, got {text!r}") from None


def _kind_data(kind: KindCoverage) -> dict[str, Any]:
    return {
        "total": kind.total,
        "cited": kind.cited,
        "ratio": round(kind.ratio, 4),
        "uncited": list(kind.uncited),
    }


def coverage_data(cov: Coverage) -> dict[str, Any]:
    """Citation coverage as plain JSON data."""
    return {
        "claims": _kind_data(cov.claims),
        "events": _kind_data(cov.events),
        "assessments": _kind_data(cov.assessments),
        "overall": _kind_data(cov.overall),
    }


def dumps_json(data: Any) -> str:
    """JSON as every command prints it: UTF-8 as is, indented, a final line feed."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_text(text: str, output: str | None, out: TextIO) -> None:
    """Write ``text`` to ``output`` atomically, or to ``out`` when no file is named."""
    from .._files import atomic_writer

    if output is None:
        out.write(text)
        return
    with atomic_writer(output) as handle:
        handle.write(text)


def report_error(error: Exception, err: TextIO) -> None:
    """Print an error as one line per problem, never a traceback."""
    if isinstance(error, LoadError):
        err.write(f"osintreport: error: {len(error.problems)} problem(s) reading input\n")
        for problem in error.problems:
            err.write(f"{problem}\n")
    else:
        err.write(f"osintreport: error: {error}\n")
