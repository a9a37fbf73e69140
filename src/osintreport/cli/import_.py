"""``osintreport import``: a report from another tool's file (ACLED CSV, STIX 2.x bundle)."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from .._files import read_text
from ..errors import LoadError, Problem
from ..model import Report
from ..serialization import dump
from ._common import EXIT_FINDINGS, EXIT_OK

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command to the ``osintreport`` parser."""
    parser = commands.add_parser(
        "import",
        help="make a report from an ACLED CSV export or a STIX 2.x bundle",
        description="Read another tool's file into a report and write it (.yaml, .json, "
        ".jsonl). ACLED: every row becomes an event; rows that do not fit are listed with "
        "their line numbers and left out (exit 1 unless --skip-unfit); cells the model "
        "cannot hold are kept, so 'osintreport export --to acled' writes the rows back "
        "cell for cell. STIX: what does not map is counted or kept in x_ keys.",
    )
    parser.add_argument(
        "--from", dest="source_format", required=True, choices=("acled", "stix"), help="the format"
    )
    parser.add_argument("file", metavar="FILE", help="the file to read")
    parser.add_argument("-o", "--output", metavar="OUT", required=True, help="the report to write")
    parser.add_argument("--id", dest="report_id", help="the report's id (default: from FILE)")
    parser.add_argument("--title", help="the report's title (ACLED; default: 'ACLED events')")
    parser.add_argument(
        "--skip-unfit",
        action="store_true",
        help="exit 0 even when some ACLED rows could not be read (they are still listed)",
    )


def _acled(args: argparse.Namespace, err: TextIO) -> tuple[Report, int]:
    from ..acled import read_acled

    try:
        result = read_acled(
            args.file,
            report_id=args.report_id or "acled",
            title=args.title or "ACLED events",
        )
    except (OSError, UnicodeDecodeError) as error:
        problem = Problem(message=f"cannot read file: {error}", file=args.file)
        raise LoadError([problem]) from None
    for row in result.problems:
        err.write(f"{args.file}:{row.line}: row left out: {row.message}\n")
    status = EXIT_FINDINGS if result.problems and not args.skip_unfit else EXIT_OK
    return result.report, status


def _stix(args: argparse.Namespace) -> Report:
    from ..stix import from_stix

    try:
        bundle = json.loads(read_text(args.file))
        report = from_stix(bundle)
    except ValueError as error:
        raise LoadError([Problem(message=str(error), file=args.file)]) from None
    if args.report_id:
        import attrs

        report = attrs.evolve(report, id=args.report_id)
    return report


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Read FILE in its format and write the report."""
    if args.source_format == "acled":
        report, status = _acled(args, err)
    else:
        report, status = _stix(args), EXIT_OK
    dump(report, args.output)
    err.write(
        f"{args.output}: {len(report.events)} events, {len(report.actors)} actors, "
        f"{len(report.sources)} sources from {args.file}\n"
    )
    return status
