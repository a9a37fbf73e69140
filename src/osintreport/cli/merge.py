"""``osintreport merge``: one report from several, with a reviewable merge plan."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from .._files import atomic_writer, read_text
from ..serialization import Format, dump, dumps, format_for
from ._common import (
    EXIT_OK,
    FORMATS,
    Spooled,
    dumps_json,
    json_pieces,
    jsonl_input,
    read_report,
    stdin_as_file,
    write_text,
)
from ._progress import bar, wanted

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
        "merge with --plan. The output is written atomically. JSON Lines reports are "
        "merged without loading them: memory holds about 100 bytes an item, and the "
        "decisions wait in a temporary file.",
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
    plan = _read_plan(args.plan)
    if all(jsonl_input(name, args.input_format) for name in args.reports):
        return _streamed(args, plan, out, err)
    from ..merge import merge

    reports = [read_report(name, args.input_format, args) for name in args.reports]
    result = merge(*reports, plan=plan)
    if args.write_plan is not None:
        write_text(dumps_json(result.plan.to_data()), args.write_plan, out)
    if args.review:
        decisions = result.plan.decisions
        _review(result.plan.reports, decisions, len(decisions), args.format, out)
        return EXIT_OK
    if args.output is None:
        out.write(dumps(result.report, args.target_format or "yaml"))
    else:
        target: Format = args.target_format or format_for(args.output)
        dump(result.report, args.output, format=target)
    taken = sum(1 for d in result.plan.decisions if d.accept)
    _said(len(reports), taken, len(result.plan.decisions) - taken, err)
    return EXIT_OK


def _read_plan(name: str | None) -> Any:
    from ..merge import MergePlan, MergePlanError

    if name is None:
        return None
    try:
        return MergePlan.from_data(json.loads(read_text(name)))
    except (ValueError, MergePlanError) as error:
        raise MergePlanError(
            f"{name}: {error}; write a plan with --write-plan and edit only its 'accept' values"
        ) from None


def _streamed(args: argparse.Namespace, plan: Any, out: TextIO, err: TextIO) -> int:
    """JSON Lines reports, merged with compact indexes; the decisions read from disk."""
    from ..jsonl_merge import merge_jsonl

    with contextlib.ExitStack() as stack:
        paths = [stack.enter_context(stdin_as_file(name)) for name in args.reports]
        size = sum(os.path.getsize(path) for path in paths if os.path.isfile(path))
        target: str | None = None
        fmt: Format = args.target_format or "yaml"
        if not args.review:
            if args.output is None:  # written beside, then copied to stdout
                folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="osr-merge-"))
                target = os.path.join(folder, f"merged.{fmt}")
            else:
                target = args.output
                fmt = args.target_format or format_for(args.output)
        tick = stack.enter_context(
            bar(3 * size, "merge", "B", enabled=wanted(args, size, err), stream=err, step=size)
        )
        result = stack.enter_context(merge_jsonl(paths, target, fmt, plan=plan, progress=tick))
        if args.write_plan is not None:
            document = {"reports": list(result.reports), "decisions": _data(result.decisions)}
            with atomic_writer(args.write_plan) as handle:
                handle.writelines(json_pieces(document))
        if args.review:
            count = result.taken + result.turned_down
            _review(result.reports, result.decisions, count, args.format, out)
            return EXIT_OK
        if args.output is None and target is not None:
            with open(target, encoding="utf-8") as merged:
                shutil.copyfileobj(merged, out)
        said = (len(paths), result.taken, result.turned_down)
    _said(*said, err)  # after the bar is gone
    return EXIT_OK


def _data(decisions: Iterable[Any]) -> Spooled:
    return Spooled(decision.to_data() for decision in decisions)


def _review(
    reports: Sequence[str], decisions: Iterable[Any], count: int, fmt: str, out: TextIO
) -> None:
    if fmt == "json":
        out.writelines(json_pieces({"reports": list(reports), "decisions": _data(decisions)}))
    else:
        _print_plan(reports, decisions, count, out)


def _said(count: int, taken: int, turned_down: int, err: TextIO) -> None:
    err.write(f"{count} reports merged: {taken} merge decisions taken, {turned_down} turned down\n")


def _print_plan(reports: Sequence[str], decisions: Iterable[Any], count: int, out: TextIO) -> None:
    out.write(f"merge of {', '.join(reports)}: {count} decision{'s' * (count != 1)}\n")
    for decision in decisions:
        mark = "+" if decision.accept else "x"
        members = ", ".join(f"{r}:{i}" for r, i in decision.members)
        out.write(f"{mark} {decision.collection}/{decision.into} <- {members}\n")
        for evidence in decision.evidence:
            out.write(f"    because {evidence}\n")
        for conflict in decision.conflicts:
            out.write(f"    conflict {conflict}\n")
