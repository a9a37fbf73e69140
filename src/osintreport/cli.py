"""The ``osintreport`` command line.

Exit status: 0 on success, 1 when findings at or above a chosen severity exist (from
commands that validate), 2 on bad usage or a file that cannot be read. Errors are printed
as one line per problem (``file:line: $.path: message``), never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from . import __version__
from .errors import LoadError, OsintReportError
from .model import Report
from .serialization import Format, dump, format_for, load

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

_KINDS = ("actors", "events", "claims", "assessments", "sources")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="osintreport",
        description="Read, check and convert OSINT conflict reports "
        "(YAML, JSON or JSON Lines; the format comes from the file suffix).",
        epilog="Exit status: 0 success, 1 findings, 2 bad usage or unreadable input. "
        "Run 'osintreport COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    summary = commands.add_parser(
        "summary",
        help="show what a report holds: counts of actors, events, claims, ...",
        description="Load a report and print its title, date and the number of actors, "
        "events, claims, assessments and sources in it.",
    )
    summary.add_argument("file", metavar="FILE", help="a .yaml, .yml, .json or .jsonl report")
    summary.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )

    convert = commands.add_parser(
        "convert",
        help="convert a report between YAML, JSON and JSON Lines",
        description="Load a report and write it in the format of OUT's suffix. The output "
        "is written atomically: on any error OUT is left as it was.",
    )
    convert.add_argument("input", metavar="IN", help="the report to read")
    convert.add_argument("output", metavar="OUT", help="where to write (.yaml, .json, .jsonl)")
    convert.add_argument(
        "--from",
        dest="source_format",
        choices=("yaml", "json", "jsonl"),
        help="read IN as this format, whatever its suffix",
    )
    convert.add_argument(
        "--to",
        dest="target_format",
        choices=("yaml", "json", "jsonl"),
        help="write OUT as this format, whatever its suffix",
    )
    return parser


def _summary(report: Report) -> dict[str, object]:
    counts = {kind: len(getattr(report, kind)) for kind in _KINDS}
    return {
        "id": report.id,
        "title": report.title,
        "published": str(report.published) if report.published else None,
        "authors": list(report.authors),
        "counts": counts,
    }


def _print_summary(report: Report, file_name: str, output: str, out: TextIO) -> None:
    data = _summary(report)
    if output == "json":
        out.write(json.dumps({"file": file_name, **data}, ensure_ascii=False, indent=2) + "\n")
        return
    out.write(f"{file_name}: {report.title}\n")
    out.write(f"  id:        {report.id}\n")
    if report.published:
        out.write(f"  published: {report.published}\n")
    if report.authors:
        out.write(f"  authors:   {', '.join(report.authors)}\n")
    counts = data["counts"]
    assert isinstance(counts, dict)
    for kind in _KINDS:
        out.write(f"  {kind + ':':<12} {counts[kind]}\n")


def _report_error(error: OsintReportError | OSError, err: TextIO) -> None:
    if isinstance(error, LoadError):
        err.write(f"osintreport: error: {len(error.problems)} problem(s) reading input\n")
        for problem in error.problems:
            err.write(f"{problem}\n")
    else:
        err.write(f"osintreport: error: {error}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Args:
        argv: The arguments after the program name; ``sys.argv[1:]`` when ``None``.
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits 2 on bad usage and 0 on --help
        return int(exit_.code or 0)
    try:
        if args.command == "summary":
            report = load(args.file)
            _print_summary(report, args.file, args.format, sys.stdout)
        elif args.command == "convert":
            source: Format = args.source_format or format_for(args.input)
            target: Format = args.target_format or format_for(args.output)
            report = load(args.input, format=source)
            dump(report, args.output, format=target)
    except (OsintReportError, OSError) as error:
        _report_error(error, sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
