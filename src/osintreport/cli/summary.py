"""``osintreport summary``: what a report holds."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ..citation_coverage import coverage
from ..model import Report
from ..views.text import report_text
from ._common import EXIT_OK, add_input, coverage_data, dumps_json, read_report

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
    return {
        "id": report.id,
        "title": report.title,
        "published": str(report.published) if report.published else None,
        "authors": list(report.authors),
        "counts": {kind: len(getattr(report, kind)) for kind in _KINDS},
        "coverage": coverage_data(coverage(report)),
    }


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the summary of ``args.file``."""
    report = read_report(args.file, args.input_format, args)
    if args.format == "json":
        data = {"file": args.file, **summary_data(report)}
        out.write(dumps_json(data))
        return EXIT_OK
    out.write(f"{args.file}: {report_text(report)}\n")
    return EXIT_OK
