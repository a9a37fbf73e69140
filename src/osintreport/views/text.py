"""Plain-text views for terminals: what ``print(report)`` and ``print(findings)`` show.

``repr`` stays short and exact (it is for debugging); ``str`` is for reading: a report's
header, counts and coverage, and findings as aligned columns grouped by severity, most severe
first, each with its line and column when known.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..findings import Finding
    from ..model import Report

__all__ = ["findings_text", "report_text", "where"]

SHOWN = 50
"""Findings printed per severity before "... and N more"."""

_KINDS = ("actors", "events", "claims", "assessments", "sources", "relations")


def report_text(report: Report) -> str:
    """The report's title, id, date, counts per kind and citation coverage, one per line."""
    from ..citation_coverage import coverage

    lines = [report.title, f"  id:          {report.id}"]
    if report.published:
        lines.append(f"  published:   {report.published}")
    if report.authors:
        lines.append(f"  authors:     {', '.join(report.authors)}")
    for kind in _KINDS:
        lines.append(f"  {kind + ':':<12} {len(getattr(report, kind))}")
    lines.append(f"  {coverage(report)}")
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
