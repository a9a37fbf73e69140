"""``osintreport export``: STIX 2.1, GeoJSON, ACLED or UCDP GED CSV, or Parquet."""

from __future__ import annotations

import argparse
import contextlib
import os
from typing import Any, TextIO

from .._files import atomic_writer
from ..serialization import format_for
from ._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    STDIN,
    add_input,
    dumps_json,
    max_tlp_option,
    read_report,
    redaction_note,
    shared,
    stdin_as_file,
    stream_redaction,
    write_text,
)
from ._progress import bar, wanted

__all__ = ["add", "run"]

_STREAMED = ("parquet", "geojson", "acled", "ucdp", "stix")  # from JSON Lines as it is read


def add(commands: Any) -> None:
    """Add the command to the ``osintreport`` parser."""
    parser = commands.add_parser(
        "export",
        help="export a report to STIX 2.1, GeoJSON, ACLED or UCDP GED CSV, or Parquet",
        description="Export a report for other tools: a STIX 2.1 bundle, a GeoJSON "
        "FeatureCollection of its events, ACLED or UCDP GED CSV rows, or a Parquet table "
        "(needs the 'frames' extra). Events that do not fit a format are listed on stderr. "
        "From a JSON Lines file, every format is written as the file is read, one record at "
        "a time, so its size does not matter, with --max-tlp too (STIX reads the file four "
        "times and keeps a compact index of the ids it wrote; its objects wait in a "
        "temporary file).",
    )
    add_input(parser)
    parser.add_argument(
        "--to",
        required=True,
        choices=("stix", "geojson", "acled", "ucdp", "parquet"),
        help="the format",
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="where to write (stdout if omitted)")
    parser.add_argument(
        "--kind",
        default="events",
        choices=("events", "claims", "sources", "actors", "assessments", "relations"),
        help="which rows, for --to parquet (default: events)",
    )
    parser.add_argument(
        "--skip-unwritable",
        action="store_true",
        help="exit 0 even when some events cannot be written in the format (ACLED: dates "
        "spanning more than a month); they are still listed on stderr",
    )
    max_tlp_option(parser)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Export the report; from a JSON Lines file, every format is streamed."""
    fmt = args.input_format or (format_for(args.file) if args.file != STDIN else None)
    if fmt == "jsonl" and args.to in _STREAMED:  # a file, or stdin said to be JSON Lines
        with stdin_as_file(args.file) as path:
            return _streamed(args, path, out, err)
    report = shared(read_report(args.file, args.input_format, args), args, err)
    if args.to == "parquet":
        from ..frames import write_parquet

        if not args.output:
            err.write("osintreport: error: --to parquet needs -o OUT (Parquet is binary)\n")
            return EXIT_USAGE
        rows = write_parquet(report, args.output, args.kind)
        err.write(f"{args.output}: {rows} {args.kind} rows\n")
        return EXIT_OK
    if args.to == "stix":
        from ..stix import to_stix

        text = dumps_json(to_stix(report))
    elif args.to == "geojson":
        from ..geojson import to_geojson

        collection = to_geojson(report)
        text = dumps_json(collection)
        if collection["x_osintreport_unmapped"]:
            err.write(
                f"{args.file}: {collection['x_osintreport_unmapped']} events have no "
                "coordinates and were left out\n"
            )
    else:
        from ..acled import write_acled
        from ..ucdp import write_ucdp

        text, skipped = (write_acled if args.to == "acled" else write_ucdp)(report)
        _skipped_note(args, err, skipped, len(report.events))
        write_text(text, args.output, out)
        return EXIT_FINDINGS if skipped and not args.skip_unwritable else EXIT_OK
    write_text(text, args.output, out)
    return EXIT_OK


def _streamed(args: argparse.Namespace, path: str, out: TextIO, err: TextIO) -> int:
    """Any format from the JSON Lines file ``path``, read a record at a time (STIX: four times)."""
    size = os.path.getsize(path) if os.path.exists(path) else 0
    if args.to == "parquet":
        from ..frames import jsonl_to_parquet

        if not args.output:
            err.write("osintreport: error: --to parquet needs -o OUT (Parquet is binary)\n")
            return EXIT_USAGE
        with bar(size, "exporting", "B", enabled=wanted(args, size), step=size) as tick:
            redaction = stream_redaction(path, args, tick)
            rows = jsonl_to_parquet(
                path, args.output, args.kind, progress=tick, redaction=redaction
            )
        redaction_note(redaction, args, err)
        err.write(f"{args.output}: {rows} {args.kind} rows\n")
        return EXIT_OK
    from ..jsonl_export import jsonl_to_geojson, jsonl_to_table
    from ..stix._stream import jsonl_to_stix

    reads = 4 if args.to == "stix" else 2
    with contextlib.ExitStack() as stack:
        target = out if args.output is None else stack.enter_context(atomic_writer(args.output))
        with bar(reads * size, "exporting", "B", enabled=wanted(args, size), step=size) as tick:
            redaction = stream_redaction(path, args, tick)
            if args.to == "stix":
                jsonl_to_stix(path, target, progress=tick, redaction=redaction)
            elif args.to == "geojson":
                _, unmapped = jsonl_to_geojson(path, target, progress=tick, redaction=redaction)
            else:
                events, skipped = jsonl_to_table(
                    path, target, args.to, progress=tick, redaction=redaction
                )
    redaction_note(redaction, args, err)
    if args.to == "stix":
        return EXIT_OK
    if args.to == "geojson":
        if unmapped:
            err.write(f"{args.file}: {unmapped} events have no coordinates and were left out\n")
        return EXIT_OK
    _skipped_note(args, err, skipped, events)
    return EXIT_FINDINGS if skipped and not args.skip_unwritable else EXIT_OK


def _skipped_note(
    args: argparse.Namespace, err: TextIO, skipped: tuple[tuple[str, str], ...], events: int
) -> None:
    """Name each event the CSV format could not hold, and how many there were."""
    for event_id, reason in skipped:
        err.write(f"{args.file}: event {event_id!r} not written: {reason}\n")
    if skipped:
        err.write(
            f"{args.file}: {len(skipped)} of {events} events not written"
            + ("" if args.skip_unwritable else " (exit 1; --skip-unwritable to accept)")
            + "\n"
        )
