"""``osintreport ingest``: draft a report from a footnoted report (text, Markdown, HTML, PDF)."""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from ..errors import LoadError, OsintReportError, Problem
from ..ingest.citing import MAX_CLAIMS
from ..ingest.formats import FORMATS
from ._common import EXIT_OK, count, coverage_data, dumps_json, quiet_option
from ._progress import bar, wanted
from .findings_out import finding_data

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command to the ``osintreport`` parser."""
    parser = commands.add_parser(
        "ingest",
        help="draft a report from a footnoted report: text, Markdown, HTML or PDF",
        description="Read a report with bracketed footnote markers and a numbered endnote "
        "list of (possibly defanged) URLs, as plain text, Markdown (scraped or written), a "
        "saved HTML page or a PDF; write a draft report in which every sentence or bullet is "
        "a claim citing its footnotes (headings name their section, x_section) and every "
        "distinct URL is a source. Prints what was found: markers, endnotes, gaps, broken and "
        "implausible URLs, lines left out (captions, credits, navigation) and coverage. HTML "
        "needs 'pip install osintreport[html]', PDF 'osintreport[pdf]'; 'osintreport[ingest]' "
        "brings both, with transliterated ids and the Public Suffix List. A plain text, "
        "Markdown or HTML is read a piece at a time, a PDF a page at a time, and the draft "
        "written as it is made, so a report of any size drafts in little memory "
        "(--max-claims 0 for no cap); what is kept meanwhile is in temporary files beside "
        "the output.",
    )
    parser.add_argument(
        "text",
        metavar="FILE",
        help="the report: .txt, .md, .html or .pdf (else told from the content)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="where to write the draft (.yaml, .json, .jsonl); without it, YAML to stdout "
        "and the ingest report to stderr",
    )
    parser.add_argument("--id", dest="report_id", help="the draft's id (default: from the title)")
    parser.add_argument(
        "--max-claims",
        type=count,
        metavar="N",
        default=MAX_CLAIMS,
        help="stop the draft after N claims, body blocks or endnotes, with finding ING013 "
        f"(default: {MAX_CLAIMS:,}; 0 for no limit); a guard against text of endless "
        "one-word lines",
    )
    parser.add_argument(
        "--input-format",
        choices=FORMATS,
        help="the input's format (default: from the extension, else the content)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "markdown", "html", "pdf"),
        default="text",
        help="text or json: the format of the ingest report (default: text); markdown, html "
        "or pdf: the input's format, as --input-format",
    )
    quiet_option(parser)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Draft the report and say what was found."""
    from ..ingest import write_draft

    named = args.format if args.format in ("markdown", "html", "pdf") else None
    kind = args.input_format or named
    try:  # as bytes: what is not UTF-8 is replaced, as the docs promise
        # A text is read a line at a time and the draft written as it is made; to print
        # it, the draft is written to a temporary file first, then copied out.
        size = os.path.getsize(args.text)
        with contextlib.ExitStack() as stack:
            target = args.output
            if not target:
                folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="osr-ingest-"))
                target = os.path.join(folder, "draft.yaml")
            with bar(2 * size, "ingest", "char", enabled=wanted(args, size)) as tick:
                result = write_draft(
                    args.text,
                    target,
                    input_format=kind,
                    report_id=args.report_id,
                    max_claims=args.max_claims or None,
                    progress=tick,
                )
            if not args.output:
                with open(target, encoding="utf-8") as draft:
                    shutil.copyfileobj(draft, out)
    except OSError as error:
        if error.filename not in (args.text, os.fspath(Path(args.text))):
            raise  # writing the draft failed: the error names the file
        problem = Problem(message=f"cannot read file: {error.strerror or error}", file=args.text)
        raise LoadError([problem]) from None
    except OsintReportError:
        raise  # an output suffix no writer takes, an extra not installed: said as they are
    except ValueError as error:
        raise LoadError([Problem(message=str(error), file=args.text)]) from None
    stats = result.stats
    log = out if args.output else err
    if args.format == "json":
        data = {
            "file": args.text,
            "input_format": result.format,
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
            "suspect_urls": [
                {"endnote": b.endnote, "url": b.url, "reason": b.reason} for b in stats.suspect_urls
            ],
            "dropped": [
                {"line": d.line, "text": d.text, "reason": d.reason} for d in result.dropped
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

    log.write(f"{args.text} ({result.format}): {result.header.title}\n")
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
    log.write(f"  implausible hosts:        {len(stats.suspect_urls)}\n")
    for suspect in stats.suspect_urls:
        log.write(f"    [{suspect.endnote}] {suspect.reason}\n")
    log.write(f"  lines left out:           {len(result.dropped)}\n")
    for item in result.dropped[:20]:
        log.write(f"    line {item.line}: {item.reason}: {item.text[:50]!r}\n")
    if len(result.dropped) > 20:
        log.write(f"    ... and {len(result.dropped) - 20} more (--format json lists all)\n")
    log.write(f"  distinct URLs (sources):  {stats.distinct_urls}\n")
    log.write(f"  draft claims:             {stats.claims}\n")
    log.write(f"  {stats.coverage}\n")
    if args.output:
        log.write(f"  draft written to {args.output}\n")
    return EXIT_OK
