"""Plain-text views for terminals: what ``print(report)`` and ``print(findings)`` show.

``repr`` stays short and exact (it is for debugging); ``str`` is for reading: a report's
header, counts and coverage, and findings as aligned columns grouped by severity, most severe
first, each with its line and column when known.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..citation_coverage import Coverage
    from ..findings import Finding
    from ..model import Report

__all__ = ["findings_text", "report_text", "summary_text", "where"]

SHOWN = 50
"""Findings printed per severity before "... and N more"."""

_KINDS = ("actors", "events", "claims", "assessments", "sources", "relations")


def report_text(report: Report) -> str:
    """The report's title, id, date, counts per kind and citation coverage, one per line."""
    from ..citation_coverage import coverage

    counts = {kind: len(getattr(report, kind)) for kind in _KINDS}
    return summary_text(report, counts, coverage(report))


def summary_text(head: Report, counts: Mapping[str, int], coverage: Coverage) -> str:
    """:func:`report_text` from a report's own fields, its counts and its coverage."""
    lines = [head.title, f"  id:          {head.id}"]
    if head.published:
        lines.append(f"  published:   {head.published}")
    if head.authors:
        lines.append(f"  authors:     {', '.join(head.authors)}")
    for kind in _KINDS:
        lines.append(f"  {kind + ':':<12} {counts[kind]}")
    lines.append(f"  {coverage}")
    return "\n".join(lines)


def findings_text(findings: Sequence[Finding]) -> str:
    """Findings in aligned columns, grouped by severity, at most 50 per group."""
    if not findings:
        return "No findings."
    from ..findings import Severity

    groups = [(s, [f for f in findings if f.severity is s]) for s in reversed(Severity)]
    tally = ", ".join(s.counted(len(g)) for s, g in groups if g)
    lines = [f"{len(findings)} findings: {tally}"]
    shown = [f for _, g in groups for f in g[:SHOWN]]
    width = max(len(where(f)) for f in shown)
    for severity, group in groups:
        if not group:
            continue
        lines.append(f"{severity.value}:")
        for finding in group[:SHOWN]:
            lines.append(f"  {finding.code}  {where(finding):<{width}}  {finding.message}")
        if len(group) > SHOWN:
            lines.append(f"  ... and {len(group) - SHOWN} more")
    return "\n".join(lines)


def where(finding: Finding) -> str:
    """The finding's path, after its line and column when they are known: ``12:3 $.a``."""
    if finding.line is None:
        return finding.path
    return f"{finding.line}:{finding.column or 1} {finding.path}"
