"""``osintreport index``: build or refresh the index of a folder of reports."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from ._common import EXIT_FINDINGS, EXIT_OK, dumps_json, quiet_option
from ._progress import bar

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command to the ``osintreport`` parser."""
    parser = commands.add_parser(
        "index",
        help="build or refresh the index of a folder of reports, for fast queries",
        description="Index every .yaml, .yml, .json and .jsonl report under DIR (or the files "
        "a glob matches) into an SQLite file that osintreport.collection.Collection queries. "
        "Only files that are new or changed since the last run are read; files that are gone "
        "are dropped. A file that cannot be read is listed and left out until it is fixed.",
    )
    parser.add_argument("source", metavar="DIR", help="a folder, or a quoted glob of files")
    parser.add_argument(
        "--index",
        metavar="FILE",
        help="the index file (default: DIR/.osintreport/index.sqlite; required for a glob)",
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    quiet_option(parser)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Bring the index up to date and say what changed."""
    from pathlib import Path

    from ..collection import Collection

    if args.index is None and not Path(args.source).is_dir():
        raise ValueError(f"{args.source} is not a folder: give the index file with --index")
    with Collection(args.source, index=args.index) as collection:
        show = not args.quiet and args.format == "text" and sys.stderr.isatty()
        with bar(0, "indexing", "objects", enabled=show) as tick:
            done = collection.update(progress=tick)
        where = collection.index
    if args.format == "json":
        out.write(dumps_json({"index": where, **_data(done)}))
    else:
        out.write(
            f"{args.source}: {done.added} added, {done.changed} changed, {done.removed} removed, "
            f"{done.unchanged} unchanged; {done.objects} objects indexed in {done.seconds:.2f} s "
            f"({where})\n"
        )
        for path, error in done.errors.items():
            out.write(f"{path}: not indexed: {error}\n")
    return EXIT_FINDINGS if done.errors else EXIT_OK


def _data(done: Any) -> dict[str, Any]:
    import attrs

    return attrs.asdict(done)
