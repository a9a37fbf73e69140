"""The ``osintreport`` command line.

Exit status: 0 on success, 1 when findings at or above a chosen severity exist (from
commands that validate), 2 on bad usage or a file that cannot be read. Errors are printed
as one line per problem (``file:line: $.path: message``), never as a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .citation_coverage import Coverage, KindCoverage, coverage
from .errors import LoadError, OsintReportError, Problem
from .findings import Finding, Severity
from .model import COLLECTIONS, Report
from .redaction import redact
from .rules import DEFAULT_RULES
from .serialization import Format, dump, format_for, load
from .validation import validate
from .vocab import Tlp

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

    check = commands.add_parser(
        "validate",
        help="check reports for broken references, impossible dates and uncited statements",
        description="Validate one or more reports and print each finding as "
        "'FILE:PATH: CODE message', then the citation coverage of each file. "
        "Exit status: 0 when no finding reaches --min-severity, 1 when one does, "
        "2 when a file cannot be read.",
        epilog="Rules: "
        + "; ".join(f"{r.code} {r.name}" for r in DEFAULT_RULES)
        + ". See docs/validation.md for each rule, an example and the fix.",
    )
    check.add_argument("files", metavar="FILE", nargs="+", help="reports to validate")
    check.add_argument(
        "--select",
        metavar="CODES",
        type=_codes,
        default=None,
        help="only these rule codes or prefixes, comma-separated (e.g. OSR2,OSR301)",
    )
    check.add_argument(
        "--ignore",
        metavar="CODES",
        type=_codes,
        default=(),
        help="skip these rule codes or prefixes, comma-separated",
    )
    check.add_argument(
        "--min-severity",
        choices=[s.value for s in Severity],
        default="warning",
        help="show findings at or above this level and fail on them (default: warning)",
    )
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    check.add_argument(
        "--today",
        metavar="DATE",
        type=_date,
        default=None,
        help="the date that counts as today, YYYY-MM-DD (default: the local date)",
    )

    ingest = commands.add_parser(
        "ingest",
        help="draft a report from footnoted text ([n] markers and an endnote list)",
        description="Read a report's text with bracketed footnote markers and a numbered "
        "endnote list of (possibly defanged) URLs; write a draft report in which every "
        "sentence or bullet is a claim citing its footnotes and every distinct URL is a "
        "source. Prints what was found: markers, endnotes, gaps, broken URLs, coverage.",
    )
    ingest.add_argument("text", metavar="TEXT", help="a UTF-8 text file")
    ingest.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="where to write the draft (.yaml, .json, .jsonl); without it, YAML to stdout "
        "and the ingest report to stderr",
    )
    ingest.add_argument("--id", dest="report_id", help="the draft's id (default: from the title)")
    ingest.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="format of the ingest report (default: text)",
    )

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema (draft 2020-12) of the file format",
        description="Print the JSON Schema of a report document, generated from the model, "
        "so that tools in other languages can validate the same files.",
    )
    schema.add_argument("-o", "--output", metavar="OUT", help="write to this file instead")

    export = commands.add_parser(
        "export",
        help="export a report to STIX 2.1, GeoJSON, ACLED CSV or Parquet",
        description="Export a report for other tools: a STIX 2.1 bundle, a GeoJSON "
        "FeatureCollection of its events, ACLED-style CSV rows, or a Parquet table "
        "(needs the 'frames' extra). Events that do not fit a format are listed on stderr.",
    )
    export.add_argument("file", metavar="FILE", help="the report to export")
    export.add_argument(
        "--to", required=True, choices=("stix", "geojson", "acled", "parquet"), help="the format"
    )
    export.add_argument("-o", "--output", metavar="OUT", help="where to write (stdout if omitted)")
    export.add_argument(
        "--kind",
        default="events",
        choices=("events", "claims", "sources", "actors", "assessments", "relations"),
        help="which rows, for --to parquet (default: events)",
    )
    _max_tlp_option(export)

    plot = commands.add_parser(
        "plot",
        help="draw a timeline of events or a citation coverage chart (needs the 'plot' extra)",
        description="Draw a picture of a report and save it; the format comes from OUT's "
        "suffix (.png, .svg, .pdf).",
    )
    plot.add_argument("chart", choices=("timeline", "coverage"), help="what to draw")
    plot.add_argument("file", metavar="FILE", help="the report")
    plot.add_argument("-o", "--output", metavar="OUT", required=True, help="the image to write")
    plot.add_argument("--dpi", type=int, default=120, help="resolution for raster images")

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
    _max_tlp_option(convert)
    return parser


def _max_tlp_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-tlp",
        metavar="LEVEL",
        choices=[t.value for t in Tlp],
        type=str.lower,
        help="write only what this TLP 2.0 level allows (clear, green, amber, amber+strict, "
        "red): objects marked above it are left out, with every reference to them; a report "
        "itself marked above it is refused (exit 2)",
    )


def _shared(report: Report, args: argparse.Namespace, err: TextIO) -> Report:
    """The report redacted to ``--max-tlp`` (when given), saying on stderr what was left out."""
    if not args.max_tlp:
        return report
    shared = redact(report, args.max_tlp)
    left_out = sum(len(getattr(report, kind)) - len(getattr(shared, kind)) for kind in COLLECTIONS)
    if left_out:
        err.write(f"{report.id}: {left_out} objects above TLP:{args.max_tlp.upper()} left out\n")
    return shared


def _codes(text: str) -> tuple[str, ...]:
    codes = tuple(c.strip().upper() for c in text.split(",") if c.strip())
    if not codes:
        raise argparse.ArgumentTypeError("expected rule codes like OSR301 or OSR3")
    return codes


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2023-08-03, got {text!r}") from None


def _kind_data(kind: KindCoverage) -> dict[str, Any]:
    return {
        "total": kind.total,
        "cited": kind.cited,
        "ratio": round(kind.ratio, 4),
        "uncited": list(kind.uncited),
    }


def _coverage_data(cov: Coverage) -> dict[str, Any]:
    return {
        "claims": _kind_data(cov.claims),
        "events": _kind_data(cov.events),
        "assessments": _kind_data(cov.assessments),
        "overall": _kind_data(cov.overall),
    }


def _summary(report: Report) -> dict[str, object]:
    counts = {kind: len(getattr(report, kind)) for kind in _KINDS}
    return {
        "id": report.id,
        "title": report.title,
        "published": str(report.published) if report.published else None,
        "authors": list(report.authors),
        "counts": counts,
        "coverage": _coverage_data(coverage(report)),
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
    out.write(f"  {coverage(report)}\n")


def _finding_data(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "path": finding.path,
        "subject": finding.subject,
        "message": finding.message,
        "hint": finding.hint,
    }


def _write_text(text: str, output: str | None, out: TextIO) -> None:
    from ._files import atomic_writer

    if output is None:
        out.write(text)
        return
    with atomic_writer(output) as handle:
        handle.write(text)


def _plot(args: argparse.Namespace, err: TextIO) -> int:
    from .plot import coverage_chart, timeline

    report = load(args.file)
    figure = timeline(report) if args.chart == "timeline" else coverage_chart(report)
    figure.savefig(args.output, dpi=args.dpi)
    err.write(f"{args.output}: {args.chart} of {args.file}\n")
    return EXIT_OK


def _schema(args: argparse.Namespace, out: TextIO) -> int:
    from .schema import schema_text

    _write_text(schema_text(), args.output, out)
    return EXIT_OK


def _export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    report = _shared(load(args.file), args, err)
    if args.to == "parquet":
        from .frames import write_parquet

        if not args.output:
            err.write("osintreport: error: --to parquet needs -o OUT (Parquet is binary)\n")
            return EXIT_USAGE
        rows = write_parquet(report, args.output, args.kind)
        err.write(f"{args.output}: {rows} {args.kind} rows\n")
        return EXIT_OK
    if args.to == "stix":
        from .stix import to_stix

        text = json.dumps(to_stix(report), ensure_ascii=False, indent=2) + "\n"
    elif args.to == "geojson":
        from .geojson import to_geojson

        collection = to_geojson(report)
        text = json.dumps(collection, ensure_ascii=False, indent=2) + "\n"
        if collection["x_osintreport_unmapped"]:
            err.write(
                f"{args.file}: {collection['x_osintreport_unmapped']} events have no "
                "coordinates and were left out\n"
            )
    else:
        from .acled import write_acled

        text, skipped = write_acled(report)
        for event_id, reason in skipped:
            err.write(f"{args.file}: event {event_id!r} not written: {reason}\n")
    _write_text(text, args.output, out)
    return EXIT_OK


def _ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .ingest import read_footnoted
    from .serialization import dumps

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
            "coverage": _coverage_data(stats.coverage),
            "findings": [_finding_data(f) for f in result.findings],
        }
        log.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
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


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    threshold = Severity(args.min_severity)
    DEFAULT_RULES.selected(args.select, args.ignore)  # a typo in a code is bad usage: exit 2
    status = EXIT_OK
    results: list[dict[str, Any]] = []
    for name in args.files:
        try:
            report = load(name)
        except (OsintReportError, OSError) as error:
            _report_error(error, err)
            status = EXIT_USAGE
            results.append({"file": name, "error": str(error)})
            continue
        findings = [
            f
            for f in validate(report, select=args.select, ignore=args.ignore, today=args.today)
            if f.severity >= threshold
        ]
        if findings and status == EXIT_OK:
            status = EXIT_FINDINGS
        cov = coverage(report)
        if args.format == "json":
            results.append(
                {
                    "file": name,
                    "findings": [_finding_data(f) for f in findings],
                    "coverage": _coverage_data(cov),
                }
            )
            continue
        for finding in findings:
            out.write(
                f"{name}:{finding.path}: {finding.code} [{finding.severity.value}] "
                f"{finding.message}\n"
            )
        counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        tally = ", ".join(
            f"{counts[s]} {s.value}{'s' if counts[s] != 1 and s is not Severity.INFO else ''}"
            for s in reversed(Severity)
            if s >= threshold
        )
        out.write(f"{name}: {tally}; {cov}\n")
    if args.format == "json":
        out.write(
            json.dumps({"files": results, "exit_status": status}, ensure_ascii=False, indent=2)
            + "\n"
        )
    return status


def _report_error(error: Exception, err: TextIO) -> None:
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
        if args.command == "validate":
            return _validate(args, sys.stdout, sys.stderr)
        if args.command == "ingest":
            return _ingest(args, sys.stdout, sys.stderr)
        if args.command == "plot":
            return _plot(args, sys.stderr)
        if args.command == "schema":
            return _schema(args, sys.stdout)
        if args.command == "export":
            return _export(args, sys.stdout, sys.stderr)
        if args.command == "summary":
            report = load(args.file)
            _print_summary(report, args.file, args.format, sys.stdout)
        elif args.command == "convert":
            source: Format = args.source_format or format_for(args.input)
            target: Format = args.target_format or format_for(args.output)
            report = _shared(load(args.input, format=source), args, sys.stderr)
            dump(report, args.output, format=target)
    except (OsintReportError, OSError, ValueError) as error:
        _report_error(error, sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
