"""``osintreport diff``: what changed between two versions of a report."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ._common import EXIT_FINDINGS, EXIT_OK, FORMATS, dumps_json, read_report

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command to the ``osintreport`` parser."""
    parser = commands.add_parser(
        "diff",
        help="show what changed between two versions of a report",
        description="Compare OLD and NEW: objects added (+), removed (-) and changed (~), "
        "field by field, matched by id, and by content where only the id changed. The "
        "changes analysts look for first are listed on top: an assessment's likelihood or "
        "confidence moving, a claim newly corroborated, disputed, judged false or retracted.",
    )
    parser.add_argument("old", metavar="OLD", help="the earlier version (.yaml, .json, .jsonl)")
    parser.add_argument("new", metavar="NEW", help="the later version")
    parser.add_argument(
        "--input-format", choices=FORMATS, help="read both as this format, whatever the suffix"
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--exit-code",
        action="store_true",
        help="exit 1 when the versions differ (as 'git diff --exit-code')",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the difference between ``args.old`` and ``args.new``."""
    from ..diff import diff

    changes = diff(
        read_report(args.old, args.input_format, args),
        read_report(args.new, args.input_format, args),
    )
    if args.format == "json":
        out.write(dumps_json({"old": args.old, "new": args.new, **changes.to_data()}))
    else:
        out.write(f"--- {args.old}\n+++ {args.new}\n")
        for line in changes.highlights():
            out.write(f"! {line}\n")
        out.write(f"{changes}\n")
    return EXIT_FINDINGS if args.exit_code and changes else EXIT_OK
