"""``osintreport corroboration``: how many independent sources carry each claim."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ..findings import Severity
from ._common import EXIT_FINDINGS, EXIT_OK, add_input, dumps_json, read_report
from .findings_out import finding_data

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command to the ``osintreport`` parser."""
    parser = commands.add_parser(
        "corroboration",
        help="count the sources, and the independent sources, behind each claim",
        description="For each claim: the sources that carry it (citations, corroborating "
        "sources and claims, duplicates) and how many are independent once derived_from "
        "chains, duplicates, shared publishers and web hosts, and sources speaking for the "
        "same actor are grouped. Circular reporting is listed after: derived_from cycles "
        "(OSR901), claims whose sources all trace to one origin (OSR902), and claims marked "
        "corroborated with fewer than two independent sources (OSR903).",
    )
    add_input(parser)
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.add_argument("--all", action="store_true", help="list claims without sources too")
    parser.add_argument(
        "--min-independent",
        type=int,
        metavar="N",
        help="also exit 1 when a claim with sources has fewer than N independent ones",
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the support of every claim and the circular reporting found."""
    from ..corroboration import corroboration

    result = corroboration(read_report(args.file, args.input_format, args))
    findings = result.findings()
    shown = [s for s in result.claims if args.all or s.count]
    short = [
        s.claim
        for s in shown
        if args.min_independent is not None and 0 < s.independent < args.min_independent
    ]
    if args.format == "json":
        data = {
            "claims": [
                {
                    "claim": s.claim,
                    "sources": list(s.sources),
                    "independent": s.independent,
                    "groups": [list(g) for g in s.groups],
                    "reasons": list(s.reasons),
                }
                for s in shown
            ],
            "cycles": [list(c) for c in result.cycles],
            "findings": [finding_data(f) for f in findings],
            "below_min_independent": short,
        }
        out.write(dumps_json(data))
    else:
        for s in shown:
            plural = "s" * (s.count != 1)
            out.write(f"{s.claim}: {s.count} source{plural}, {s.independent} independent\n")
            for group in s.groups:
                if len(group) > 1:
                    out.write(f"    one voice: {', '.join(group)}\n")
            for reason in s.reasons:
                out.write(f"    because {reason}\n")
        for finding in findings:
            out.write(f"{finding.code} [{finding.severity.value}] {finding.message}\n")
        for claim in short:
            out.write(f"{claim}: fewer than {args.min_independent} independent sources\n")
    serious = any(f.severity >= Severity.WARNING for f in findings)
    return EXIT_FINDINGS if serious or short else EXIT_OK
