"""``osintreport summary``: what a report holds."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from typing import Any, TextIO

from ..citation_coverage import Coverage, coverage
from ..model import Report
from ..serialization import format_for
from ..views.text import summary_text
from ._common import (
    EXIT_OK,
    STDIN,
    add_input,
    coverage_data,
    dumps_json,
    read_report,
    stdin_as_file,
)
from ._progress import bar, wanted

__all__ = ["add", "run"]

_KINDS = ("actors", "events", "claims", "assessments", "sources")


def add(commands: Any) -> None:
    """Add the command to the ``osintreport`` parser."""
    parser = commands.add_parser(
        "summary",
        help="show what a report holds: counts of actors, events, claims, ...",
        description="Load a report and print its title, date and the number of actors, "
        "events, claims, assessments and sources in it, with its citation coverage.",
    )
    add_input(parser)
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )


def summary_data(report: Report) -> dict[str, object]:
    """The summary as plain JSON data."""
    counts = {kind: len(getattr(report, kind)) for kind in _KINDS}
    return _data(report, counts, coverage(report))


def _data(head: Report, counts: Mapping[str, int], cov: Coverage) -> dict[str, object]:
    return {
        "id": head.id,
        "title": head.title,
        "published": str(head.published) if head.published else None,
        "authors": list(head.authors),
        "counts": {kind: counts[kind] for kind in _KINDS},
        "coverage": coverage_data(cov),
    }


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the summary of ``args.file``; a JSON Lines file is read as a stream."""
    fmt = args.input_format or (format_for(args.file) if args.file != STDIN else None)
    if fmt == "jsonl":  # a file, or standard input said to be JSON Lines
        from ..streamed import summarize

        with stdin_as_file(args.file) as path:
            size = os.path.getsize(path) if os.path.exists(path) else 0
            with bar(2 * size, "reading", "B", enabled=wanted(args, size)) as tick:
                found = summarize(path, progress=tick)
        head, counts, cov = found.report, found.counts, found.coverage
    else:
        report = read_report(args.file, args.input_format, args)
        head, cov = report, coverage(report)
        counts = {kind: len(getattr(report, kind)) for kind in (*_KINDS, "relations")}
    if args.format == "json":
        out.write(dumps_json({"file": args.file, **_data(head, counts, cov)}))
        return EXIT_OK
    out.write(f"{args.file}: {summary_text(head, counts, cov)}\n")
    return EXIT_OK
