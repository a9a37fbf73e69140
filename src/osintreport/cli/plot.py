"""``osintreport plot``: a timeline or a citation coverage chart (the ``plot`` extra)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ._common import EXIT_OK, add_input, read_report

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command to the ``osintreport`` parser."""
    parser = commands.add_parser(
        "plot",
        help="draw a timeline of events or a citation coverage chart (needs the 'plot' extra)",
        description="Draw a picture of a report and save it; the format comes from OUT's "
        "suffix (.png, .svg, .pdf). Without the 'plot' extra it exits 2 and names it.",
    )
    parser.add_argument("chart", choices=("timeline", "coverage"), help="what to draw")
    add_input(parser)
    parser.add_argument("-o", "--output", metavar="OUT", required=True, help="the image to write")
    parser.add_argument("--dpi", type=int, default=120, help="resolution for raster images")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Draw the chart and save it."""
    from ..plot import coverage_chart, timeline

    report = read_report(args.file, args.input_format, args)
    figure = timeline(report) if args.chart == "timeline" else coverage_chart(report)
    figure.savefig(args.output, dpi=args.dpi)
    err.write(f"{args.output}: {args.chart} of {args.file}\n")
    return EXIT_OK
