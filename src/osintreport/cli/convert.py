"""``osintreport convert``: between YAML, JSON and JSON Lines."""

from __future__ import annotations

import argparse
import os
from typing import Any, TextIO

from ..serialization import Format, dump, format_for
from ._common import (
    EXIT_OK,
    FORMATS,
    STDIN,
    add_input,
    max_tlp_option,
    read_report,
    redaction_note,
    shared,
    stdin_as_file,
    stream_redaction,
)
from ._progress import bar, wanted

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command to the ``osintreport`` parser."""
    parser = commands.add_parser(
        "convert",
        help="convert a report between YAML, JSON and JSON Lines",
        description="Load a report and write it in the format of OUT's suffix. The output "
        "is written atomically: on any error OUT is left as it was. A JSON Lines file is "
        "read as a stream, one record at a time, so its size does not matter (items are "
        "kept in temporary files beside OUT until it is written); with --max-tlp the "
        "report is read whole.",
    )
    add_input(parser, "input")
    parser.add_argument("output", metavar="OUT", help="where to write (.yaml, .json, .jsonl)")
    parser.add_argument(
        "--from",
        dest="source_format",
        choices=FORMATS,
        help="the same as --input-format",
    )
    parser.add_argument(
        "--to",
        dest="target_format",
        choices=FORMATS,
        help="write OUT as this format, whatever its suffix",
    )
    max_tlp_option(parser)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Load, redact if asked, write."""
    target: Format = args.target_format or format_for(args.output)
    source = args.source_format or args.input_format
    fmt = source or (format_for(args.input) if args.input != STDIN else None)
    if fmt == "jsonl":  # a file, or standard input said to be JSON Lines
        from ..jsonl_convert import convert_jsonl

        with stdin_as_file(args.input) as path:
            size = os.path.getsize(path) if os.path.exists(path) else 0
            with bar(size, "converting", "B", enabled=wanted(args, size), step=size) as tick:
                redaction = stream_redaction(path, args, tick)
                convert_jsonl(path, args.output, target, progress=tick, redaction=redaction)
        redaction_note(redaction, args, err)
        return EXIT_OK
    report = shared(read_report(args.input, source, args), args, err)
    dump(report, args.output, format=target)
    return EXIT_OK
