"""``osintreport schema``: the JSON Schema of the file format."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ._common import EXIT_OK, write_text

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command to the ``osintreport`` parser."""
    parser = commands.add_parser(
        "schema",
        help="print the JSON Schema (draft 2020-12) of the file format",
        description="Print the JSON Schema of a report document, generated from the model, "
        "so that tools in other languages can validate the same files.",
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="write to this file instead")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the schema."""
    from ..schema import schema_text

    write_text(schema_text(), args.output, out)
    return EXIT_OK
