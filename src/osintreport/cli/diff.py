"""``osintreport diff``: what changed between two versions of a report."""

from __future__ import annotations

import argparse
import contextlib
import os
from typing import IO, Any, TextIO

from .._files import atomic_writer
from ._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    FORMATS,
    Spooled,
    dumps_json,
    json_pieces,
    jsonl_input,
    quiet_option,
    read_report,
    stdin_as_file,
)
from ._progress import bar, wanted

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command to the ``osintreport`` parser."""
    parser = commands.add_parser(
        "diff",
        help="show what changed between two versions of a report",
        description="Compare OLD and NEW: objects added (+), removed (-) and changed (~), "
        "field by field, matched by id, and by content where only the id changed. The "
        "changes analysts look for first are listed on top: an assessment's likelihood or "
        "confidence moving, a claim newly corroborated, disputed, judged false or retracted. "
        "Two JSON Lines files are compared without loading them: memory holds about 150 "
        "bytes per item of OLD, and the changes wait in temporary files.",
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
    parser.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT (atomically) instead of stdout"
    )
    quiet_option(parser)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the difference between ``args.old`` and ``args.new``."""
    with contextlib.ExitStack() as stack:
        target = out if args.output is None else stack.enter_context(atomic_writer(args.output))
        if all(jsonl_input(name, args.input_format) for name in (args.old, args.new)):
            differ = _streamed(args, target, err)
        else:
            differ = _whole(args, target)
    return EXIT_FINDINGS if args.exit_code and differ else EXIT_OK


def _whole(args: argparse.Namespace, out: IO[str]) -> bool:
    """Both reports loaded, then compared."""
    from ..diff import diff

    changes = diff(
        read_report(args.old, args.input_format, args),
        read_report(args.new, args.input_format, args),
    )
    if args.format == "json":
        out.write(dumps_json({"old": args.old, "new": args.new, **changes.to_data()}))
    else:
        out.write(f"--- {args.old}\n+++ {args.new}\n")
        out.writelines(f"! {line}\n" for line in changes.highlights())
        out.write(f"{changes}\n")
    return bool(changes)


def _streamed(args: argparse.Namespace, out: IO[str], err: TextIO) -> bool:
    """Two JSON Lines files: compared with compact indexes, the changes read from disk."""
    from ..diff import change_data, field_data, object_data
    from ..jsonl_diff import diff_jsonl

    with stdin_as_file(args.old) as old, stdin_as_file(args.new) as new:
        size = sum(os.path.getsize(n) for n in (old, new) if os.path.isfile(n))
        with (
            bar(size, "diff", "B", enabled=wanted(args, size, err), stream=err) as tick,
            diff_jsonl(old, new, progress=tick) as changes,
        ):
            if args.format == "json":
                document = {
                    "old": args.old,
                    "new": args.new,
                    "report": [field_data(c) for c in changes.report],
                    "added": Spooled(object_data(k, o) for k, o in changes.added),
                    "removed": Spooled(object_data(k, o) for k, o in changes.removed),
                    "changed": Spooled(map(change_data, changes.changed)),
                    "highlights": Spooled(changes.highlights()),
                }
                out.writelines(json_pieces(document))
            else:
                out.write(f"--- {args.old}\n+++ {args.new}\n")
                out.writelines(f"! {line}\n" for line in changes.highlights())
                written = False
                for line in changes.lines():
                    out.write(f"{line}\n")
                    written = True
                if not written:
                    out.write("no differences\n")
            return bool(changes)
