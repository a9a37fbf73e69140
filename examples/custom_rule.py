"""Write your own validation rule and run it with the built-in ones.

The rule flags claims whose every usable source is state media: worth a second look before
publishing. Run it with ``python examples/custom_rule.py``; the test suite runs it too.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import osintreport as osr
from osintreport.rules import DEFAULT_RULES
from osintreport.ruleset import Context, Hit, rule

HERE = Path(__file__).parent


@rule("X100", "state-media-only", osr.Severity.WARNING, "A claim resting only on state media.")
def state_media_only(ctx: Context) -> Iterator[Hit]:
    """Flag claims whose cited sources are all state media."""
    for index, claim in enumerate(ctx.report.claims):
        sources = [ctx.sources[c.source] for c in claim.citations if c.source in ctx.sources]
        if sources and all(s.kind is osr.SourceKind.STATE_MEDIA for s in sources):
            yield Hit(
                path=f"$.claims[{index}]",
                subject=claim.id,
                message=f"claim {claim.id!r} rests only on state media",
                hint="look for an independent source",
            )


def main() -> None:
    report = osr.load(HERE / "isw-2023-08-03-syria-coordination.yaml")
    rules = DEFAULT_RULES.extended(state_media_only)
    findings = osr.validate(report, rules=rules, select=["X1"], today=dt.date(2026, 11, 24))
    for finding in findings:
        print(f"{finding.path}: {finding.code} {finding.message}")
    print(f"{len(findings)} claims rest only on state media")


if __name__ == "__main__":
    main()
    sys.exit(0)
