"""The ``osintreport`` command line: one module per command.

Exit status, for every command:

====  =====================================================================================
0     success
1     ``validate`` found something at or above ``--min-severity``; ``export`` left events
      out that the format cannot hold; ``import`` left rows out that did not fit;
      ``diff --exit-code`` found a difference; ``corroboration`` found circular reporting;
      ``index`` could not read a file
2     bad usage, an input that cannot be read or loaded, a missing optional extra (the
      message names the extra to install), or an output that cannot be written
====  =====================================================================================

Errors are printed as one line per problem (``file:line:col: $.path: message``), never as a
traceback. Every command that reads a report takes ``-`` for standard input and
``--input-format`` to override the file suffix.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import OsintReportError
from . import (
    convert,
    corroboration,
    diff,
    export,
    import_,
    index,
    ingest,
    merge,
    plot,
    schema,
    summary,
    validate,
)
from ._common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, report_error

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "main"]

_COMMANDS = {
    "summary": summary,
    "validate": validate,
    "ingest": ingest,
    "convert": convert,
    "import": import_,
    "export": export,
    "plot": plot,
    "schema": schema,
    "diff": diff,
    "merge": merge,
    "corroboration": corroboration,
    "index": index,
}

EXIT_STATUS_HELP = (
    "Exit status: 0 success; 1 validate found something at or above --min-severity, "
    "export left out events the format cannot hold (unless --skip-unwritable), or import "
    "left out rows that did not fit (unless --skip-unfit), or diff --exit-code found a "
    "difference, or corroboration found circular reporting, or index could not read a file; "
    "2 bad usage, an input that cannot be read or loaded, a missing optional extra "
    "(the message names it), or an output that cannot be written."
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="osintreport",
        description="Read, check and convert OSINT conflict reports "
        "(YAML, JSON or JSON Lines; the format comes from the file suffix, or "
        "--input-format; - reads standard input).",
        epilog=EXIT_STATUS_HELP + " Run 'osintreport COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in _COMMANDS.values():
        module.add(commands)
    for sub in commands.choices.values():
        if not sub.epilog:
            sub.epilog = EXIT_STATUS_HELP
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Args:
        argv: The arguments after the program name; ``sys.argv[1:]`` when ``None``.
    """
    _utf8_output()
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on bad usage and 0 on --help
        return int(exit_.code or 0)
    try:
        return int(_COMMANDS[args.command].run(args, sys.stdout, sys.stderr))
    except (OsintReportError, OSError, ValueError) as error:
        report_error(error, sys.stderr)
        return EXIT_USAGE


def _utf8_output() -> None:
    """Write UTF-8 to stdout whatever the locale; never fail on a character stderr lacks.

    Reports, YAML and JSON are UTF-8, so what a command writes to stdout is too.
    """
    out = sys.stdout
    if isinstance(out, io.TextIOWrapper) and (out.encoding or "").lower() not in ("utf-8", "utf8"):
        out.reconfigure(encoding="utf-8")
    if isinstance(sys.stderr, io.TextIOWrapper):
        sys.stderr.reconfigure(errors="backslashreplace")
