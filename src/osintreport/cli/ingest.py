"""``osintreport ingest``: draft a report from footnoted text."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from ..errors import LoadError, Problem
from ..serialization import dump
from ._common import EXIT_OK, coverage_data, dumps_json
from .findings_out import finding_data

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command to the ``osintreport`` parser."""
    parser = commands.add_parser(
        "ingest",
        help="draft a report from footnoted text ([n] markers and an endnote list)",
        description="Read a report's text with bracketed footnote markers and a numbered "
        "endnote list of (possibly defanged) URLs; write a draft report in which every "
        "sentence or bullet is a claim citing its footnotes and every distinct URL is a "
        "source. Prints what was found: markers, endnotes, gaps, broken URLs, coverage.",
    )
    parser.add_argument("text", metavar="TEXT", help="a text file (bytes not UTF-8 are replaced)")
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="where to write the draft (.yaml, .json, .jsonl); without it, YAML to stdout "
        "and the ingest report to stderr",
    )
    parser.add_argument("--id", dest="report_id", help="the draft's id (default: from the title)")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="format of the ingest report (default: text)",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Draft the report and say what was found."""
    from ..ingest import read_footnoted
    from ..serialization import dumps

    try:  # bytes: read_footnoted replaces what is not UTF-8, as the docs promise
        raw = Path(args.text).read_bytes()
    except OSError as error:
        problem = Problem(message=f"cannot read file: {error.strerror or error}", file=args.text)
        raise LoadError([problem]) from None
    result = read_footnoted(raw, report_id=args.report_id)
    stats = result.stats
    if args.output:
        dump(result.report, args.output)
    else:
        out.write(dumps(result.report, "yaml"))
    log = out if args.output else err
    if args.format == "json":
        data = {
            "file": args.text,
            "output": args.output,
            "markers": stats.markers,
            "endnotes": stats.endnotes,
            "markers_without_endnote": list(stats.markers_without_endnote),
            "endnotes_never_cited": list(stats.endnotes_never_cited),
            "empty_endnotes": list(stats.empty_endnotes),
            "duplicate_endnotes": list(stats.duplicate_endnotes),
            "broken_urls": [
                {"endnote": b.endnote, "text": b.text, "reason": b.reason}
                for b in stats.broken_urls
            ],
            "distinct_urls": stats.distinct_urls,
            "claims": stats.claims,
            "coverage": coverage_data(stats.coverage),
            "findings": [finding_data(f) for f in result.findings],
        }
        log.write(dumps_json(data))
        return EXIT_OK

    def numbers(values: Sequence[object]) -> str:
        return ", ".join(str(v) for v in values) or "none"

    log.write(f"{args.text}: {result.report.title}\n")
    log.write(f"  footnote markers:         {stats.markers}\n")
    log.write(f"  endnotes:                 {stats.endnotes}\n")
    log.write(f"  markers with no endnote:  {numbers(stats.markers_without_endnote)}\n")
    log.write(f"  endnotes never cited:     {numbers(stats.endnotes_never_cited)}\n")
    log.write(f"  empty endnotes:           {numbers(stats.empty_endnotes)}\n")
    if stats.duplicate_endnotes:
        log.write(f"  duplicate endnotes:       {numbers(stats.duplicate_endnotes)}\n")
    log.write(f"  broken URLs:              {len(stats.broken_urls)}\n")
    for broken in stats.broken_urls:
        log.write(f"    [{broken.endnote}] {broken.text[:70]} ({broken.reason})\n")
    log.write(f"  distinct URLs (sources):  {stats.distinct_urls}\n")
    log.write(f"  draft claims:             {stats.claims}\n")
    log.write(f"  {stats.coverage}\n")
    if args.output:
        log.write(f"  draft written to {args.output}\n")
    return EXIT_OK
