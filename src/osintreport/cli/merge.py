"""``osintreport merge``: one report from several, with a reviewable merge plan."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from .._files import read_text
from ..serialization import Format, dump, dumps, format_for
from ._common import EXIT_OK, FORMATS, dumps_json, read_report, write_text

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command to the ``osintreport`` parser."""
    parser = commands.add_parser(
        "merge",
        help="merge reports into one, the same actors and sources made one",
        description="Merge REPORT files into one, first file first. Actors that are one "
        "(the same id, external id, name or alias in any script, or acronym), sources with "
        "one URL and identical events, claims and assessments become one object; references "
        "follow. Every merge is a decision with its evidence: review them with --review, "
        "save them with --write-plan, set 'accept' to false for the ones you turn down, and "
        "merge with --plan. The output is written atomically.",
    )
    parser.add_argument(
        "reports", metavar="REPORT", nargs="+", help="reports (.yaml, .json, .jsonl)"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="where to write the merged report (.yaml, .json, .jsonl); default: YAML on stdout",
    )
    parser.add_argument("--input-format", choices=FORMATS, help="read every report as this format")
    parser.add_argument(
        "--to", dest="target_format", choices=FORMATS, help="write OUT as this format"
    )
    parser.add_argument(
        "--review",
        action="store_true",
        help="print the merge decisions and write no report",
    )
    parser.add_argument("--plan", metavar="PLAN", help="merge as this reviewed plan (JSON) says")
    parser.add_argument(
        "--write-plan", metavar="PLAN", help="also write the decisions to PLAN (JSON)"
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="how --review prints the decisions (default: text)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Merge, or show what a merge would do."""
    from ..merge import MergePlan, MergePlanError, merge

    reports = [read_report(name, args.input_format, args) for name in args.reports]
    plan = None
    if args.plan is not None:
        try:
            plan = MergePlan.from_data(json.loads(read_text(args.plan)))
        except (ValueError, MergePlanError) as error:
            raise MergePlanError(
                f"{args.plan}: {error}; write a plan with --write-plan and edit only "
                "its 'accept' values"
            ) from None
    result = merge(*reports, plan=plan)
    if args.write_plan is not None:
        write_text(dumps_json(result.plan.to_data()), args.write_plan, out)
    if args.review:
        if args.format == "json":
            out.write(dumps_json(result.plan.to_data()))
        else:
            _print_plan(result.plan, out)
        return EXIT_OK
    if args.output is None:
        out.write(dumps(result.report, args.target_format or "yaml"))
    else:
        target: Format = args.target_format or format_for(args.output)
        dump(result.report, args.output, format=target)
    taken = sum(1 for d in result.plan.decisions if d.accept)
    err.write(
        f"{len(reports)} reports merged: {taken} merge decisions taken, "
        f"{len(result.plan.decisions) - taken} turned down\n"
    )
    return EXIT_OK


def _print_plan(plan: Any, out: TextIO) -> None:
    count = len(plan.decisions)
    out.write(f"merge of {', '.join(plan.reports)}: {count} decision{'s' * (count != 1)}\n")
    for decision in plan.decisions:
        mark = "+" if decision.accept else "x"
        members = ", ".join(f"{r}:{i}" for r, i in decision.members)
        out.write(f"{mark} {decision.collection}/{decision.into} <- {members}\n")
        for evidence in decision.evidence:
            out.write(f"    because {evidence}\n")
        for conflict in decision.conflicts:
            out.write(f"    conflict {conflict}\n")
