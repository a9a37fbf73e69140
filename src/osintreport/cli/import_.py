"""``osintreport import``: a report from another tool's file (ACLED, UCDP GED, STIX 2.x)."""

from __future__ import annotations

import argparse
import os
from typing import Any, TextIO

from ..errors import LoadError, Problem
from ..serialization import format_for
from ._common import EXIT_FINDINGS, EXIT_OK, quiet_option
from ._progress import bar, wanted

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command to the ``osintreport`` parser."""
    parser = commands.add_parser(
        "import",
        help="make a report from an ACLED or UCDP GED CSV file or a STIX 2.x bundle",
        description="Read another tool's file into a report and write it (.yaml, .json, "
        ".jsonl). ACLED and UCDP GED: every row becomes an event; rows that do not fit are "
        "listed with their line numbers and left out (exit 1 unless --skip-unfit); cells the "
        "model cannot hold are kept, so 'osintreport export --to acled' (or ucdp) writes the "
        "rows back cell for cell; the file is read twice, one event at a time, so its size "
        "does not matter. STIX: objects the model holds become actors, events, claims, "
        "assessments and relations (of several versions of one object, the latest); every "
        "other object, version and property is kept (x_stix_ keys), so "
        "'osintreport export --to stix' writes them back; problems (an object without an "
        "id, a country name not mapped) are listed and exit 1 unless --skip-unfit; the bundle "
        "is read once and its foreign objects again from a temporary file, so memory holds "
        "only compact indexes and the objects the model has no place for (a bundle holding "
        "one model object twice, as two osintreport exports put together do, is read whole).",
    )
    parser.add_argument(
        "--from",
        dest="source_format",
        required=True,
        choices=("acled", "ucdp", "stix"),
        help="the format",
    )
    parser.add_argument("file", metavar="FILE", help="the file to read")
    parser.add_argument("-o", "--output", metavar="OUT", required=True, help="the report to write")
    parser.add_argument(
        "--id",
        dest="report_id",
        help="the report's id (default: acled, ucdp-ged, or the one the STIX bundle gives)",
    )
    parser.add_argument("--title", help="the report's title (ACLED and UCDP GED)")
    parser.add_argument(
        "--skip-unfit",
        action="store_true",
        help="exit 0 even when some CSV rows or STIX objects could not be read as they were "
        "(they are still listed)",
    )
    quiet_option(parser)


def _rows(args: argparse.Namespace, err: TextIO) -> int:
    """ACLED or UCDP GED rows, read in two passes and written one event at a time."""
    from ..acled import stream_acled
    from ..jsonl_convert import write_stream
    from ..ucdp import stream_ucdp

    try:
        if args.source_format == "acled":
            stream = stream_acled(
                args.file, report_id=args.report_id or "acled", title=args.title or "ACLED events"
            )
        else:
            stream = stream_ucdp(
                args.file,
                report_id=args.report_id or "ucdp-ged",
                title=args.title or "UCDP GED events",
            )
    except (OSError, UnicodeDecodeError) as error:
        problem = Problem(message=f"cannot read file: {error}", file=args.file)
        raise LoadError([problem]) from None
    for row in stream.problems:
        err.write(f"{args.file}:{row.line}: row left out: {row.message}\n")
    items = write_stream(stream.records(), args.output, format_for(args.output), file=args.file)
    actors, sources = len(stream.actors), len(stream.sources)
    err.write(
        f"{args.output}: {items - actors - sources} events, {actors} actors, {sources} sources "
        f"from {args.file}\n"
    )
    return EXIT_FINDINGS if stream.problems and not args.skip_unfit else EXIT_OK


def _stix(args: argparse.Namespace, err: TextIO) -> int:
    """A STIX bundle, read once and its foreign objects again, written a piece at a time."""
    from ..stix import convert_stix

    size = os.path.getsize(args.file) if os.path.isfile(args.file) else 0
    with bar(2 * size, "importing", "B", enabled=wanted(args, size)) as tick:
        result = convert_stix(
            args.file,
            args.output,
            format_for(args.output),
            report_id=args.report_id,
            progress=tick,
        )
    for problem in result.problems:
        err.write(f"{args.file}: {problem.path}: {problem.message}\n")
    counts = result.counts
    err.write(
        f"{args.output}: {counts['events']} events, {counts['actors']} actors, "
        f"{counts['sources']} sources from {args.file}\n"
    )
    return EXIT_FINDINGS if result.problems and not args.skip_unfit else EXIT_OK


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Read FILE in its format and write the report."""
    if args.source_format in ("acled", "ucdp"):
        return _rows(args, err)
    return _stix(args, err)
