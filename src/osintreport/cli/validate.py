"""``osintreport validate``: check reports and print findings as a linter does."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from typing import Any, TextIO

from .._files import read_text
from ..citation_coverage import coverage
from ..errors import LoadError, OsintReportError, Problem
from ..findings import Severity
from ..jsonl_validate import validate_jsonl
from ..positions import locate_findings
from ..rules import DEFAULT_RULES
from ..serialization import format_for, load
from ..validation import validate
from ._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    FORMATS,
    STDIN,
    STDIN_NAME,
    Spooled,
    codes,
    coverage_data,
    date,
    dumps_json,
    json_pieces,
    load_input,
    quiet_option,
    read_input,
    stdin_as_file,
)
from ._progress import bar, ticking, wanted
from .findings_out import (
    OUTPUTS,
    FileResult,
    finding_data,
    github_lines,
    problem_data,
    sarif_log,
    text_line,
)

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command to the ``osintreport`` parser."""
    parser = commands.add_parser(
        "validate",
        help="check reports for broken references, impossible dates and uncited statements",
        description="Validate one or more reports and print each finding as "
        "'FILE:LINE:COL: CODE [severity] message (PATH)' (LINE:COL where the path is "
        "found in the file), then the citation coverage of each file. --format sarif writes a "
        "SARIF 2.1.0 log for code-scanning tools; --format github writes GitHub Actions "
        "annotations. Exit status: 0 when no finding reaches --min-severity, 1 when one "
        "does, 2 when a file cannot be read or loaded (its problems are printed, or "
        "reported in the chosen format). A .jsonl file is read as a stream, a window of "
        "events and claims at a time, so its size does not matter; its findings wait in a "
        "temporary file and come out rule by rule (text, github and json write them one at "
        "a time; sarif builds its log in memory).",
        epilog="Rules: "
        + "; ".join(f"{r.code} {r.name}" for r in DEFAULT_RULES)
        + ". See docs/validation.md for each rule, an example and the fix.",
    )
    parser.add_argument(
        "files", metavar="FILE", nargs="+", help="reports to validate; - reads standard input"
    )
    parser.add_argument(
        "--input-format",
        choices=FORMATS,
        help="read every input as this format, whatever its suffix (with -: told from the text)",
    )
    quiet_option(parser)
    parser.add_argument(
        "--select",
        metavar="CODES",
        type=codes,
        default=None,
        help="only these rule codes or prefixes, comma-separated (e.g. OSR2,OSR301)",
    )
    parser.add_argument(
        "--ignore",
        metavar="CODES",
        type=codes,
        default=(),
        help="skip these rule codes or prefixes, comma-separated",
    )
    parser.add_argument(
        "--min-severity",
        choices=[s.value for s in Severity],
        default="warning",
        help="show findings at or above this level and fail on them (default: warning; "
        "info findings are hidden unless you ask for them)",
    )
    parser.add_argument(
        "--format", choices=OUTPUTS, default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--today",
        metavar="DATE",
        type=date,
        default=None,
        help="the date that counts as today, YYYY-MM-DD (default: the local date)",
    )


def _check(name: str, args: argparse.Namespace, threshold: Severity) -> FileResult:
    shown = STDIN_NAME if name == STDIN else name
    if name == STDIN and args.input_format == "jsonl":
        try:
            with stdin_as_file(name) as path:
                return _check_stream(path, args, threshold, shown)
        except LoadError as error:
            return FileResult(name=shown, problems=error.problems)
    try:
        kept: str | None = None
        if name == STDIN:  # standard input cannot be read twice: its text is kept
            source = read_input(name, args.input_format)
            fmt, kept, size = source.format, source.text, len(source.text)
            report = load_input(source, args)
            del source
        else:
            fmt = args.input_format or format_for(name)
            if fmt == "jsonl":
                return _check_stream(name, args, threshold)
            # A file's text is not kept while validating: it is read again if there is
            # something to point at.
            report = load(name, format=fmt)
            size = os.path.getsize(name)
    except LoadError as error:
        return FileResult(name=shown, problems=error.problems)
    except (OsintReportError, OSError) as error:
        return FileResult(name=shown, problems=(Problem(message=str(error), file=shown),))
    chosen = DEFAULT_RULES.selected(args.select, args.ignore)
    show = wanted(args, size)
    with bar(len(chosen), "validating", "rule", enabled=show) as tick:
        rules = ticking(chosen, tick) if show else chosen
        findings = [
            f for f in validate(report, rules=rules, today=args.today) if f.severity >= threshold
        ]
    if findings:
        text = kept if kept is not None else read_text(name)
        findings = locate_findings(findings, text, fmt)
    return FileResult(name=shown, findings=findings, coverage=coverage(report))


def _check_stream(
    name: str, args: argparse.Namespace, threshold: Severity, shown: str | None = None
) -> FileResult:
    """A JSON Lines file, validated a window at a time (see osintreport.jsonl_validate).

    ``shown`` names it in the output (``<stdin>`` for standard input copied to ``name``).
    """
    try:
        size = os.path.getsize(name)
    except OSError:
        size = 0  # validate_jsonl says why it cannot read the file
    # Two reads at least; one more when assessments or relations point at events or
    # claims, and part of one more to locate findings outside the windows: the bar grows.
    with bar(2 * size, "validating", "B", enabled=wanted(args, size), step=size) as tick:
        result = validate_jsonl(
            name,
            select=args.select,
            ignore=args.ignore,
            today=args.today,
            min_severity=threshold,
            progress=tick,
        )
    return FileResult(name=shown or name, findings=result.findings, coverage=result.coverage)


def _tally(result: FileResult, threshold: Severity) -> str:
    counts = dict.fromkeys(Severity, 0)
    for finding in result.findings:  # one pass: a streamed file's findings are read from disk
        counts[finding.severity] += 1
    return ", ".join(s.counted(counts[s]) for s in reversed(Severity) if s >= threshold)


def _json_document(results: list[FileResult], status: int) -> Iterator[str]:
    """The ``--format json`` document a piece at a time: the text ``dumps_json`` gives whole.

    Each file's findings are written one by one, so a streamed file's findings go from
    disk to the output.
    """
    files: list[dict[str, Any]] = []
    for result in results:
        entry: dict[str, Any] = {"file": result.name}
        if result.problems:
            entry["error"] = f"{len(result.problems)} problem(s) reading input"
            entry["problems"] = [problem_data(p) for p in result.problems]
        else:
            entry["findings"] = Spooled(map(finding_data, result.findings))
            entry["coverage"] = coverage_data(result.coverage) if result.coverage else None
        files.append(entry)
    return json_pieces({"files": files, "exit_status": status})


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Validate each file and print the findings in the chosen format."""
    threshold = Severity(args.min_severity)
    DEFAULT_RULES.selected(args.select, args.ignore)  # a typo in a code is bad usage: exit 2
    results = [_check(name, args, threshold) for name in args.files]
    status = EXIT_OK
    if any(r.findings for r in results):
        status = EXIT_FINDINGS
    if any(r.problems for r in results):
        status = EXIT_USAGE
    if args.format == "sarif":
        rules = DEFAULT_RULES.selected(args.select, args.ignore)
        out.write(dumps_json(sarif_log(results, rules)))
    elif args.format == "github":
        out.writelines(line + "\n" for line in github_lines(results))
    elif args.format == "json":
        out.writelines(_json_document(results, status))
    else:
        for result in results:
            if result.problems:
                err.write(f"osintreport: error: {len(result.problems)} problem(s) reading input\n")
                err.writelines(f"{p}\n" for p in result.problems)
                continue
            out.writelines(text_line(result.name, f) + "\n" for f in result.findings)
            out.write(f"{result.name}: {_tally(result, threshold)}; {result.coverage}\n")
    return status
