"""Notebook display: compact HTML tables for reports, coverage and findings (private helpers).

Jupyter calls ``_repr_html_`` on the last value of a cell; the model classes delegate to the
functions here. Everything is escaped; nothing is loaded from the network.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .citation_coverage import Coverage, KindCoverage
    from .findings import Finding
    from .model import Report

__all__ = ["coverage_html", "findings_html", "report_html"]

_TABLE = 'style="border-collapse:collapse;font-size:0.9em"'
_CELL = 'style="padding:2px 8px;text-align:left;border-bottom:1px solid #ddd"'
_COLOURS = {"error": "#c0392b", "warning": "#d68910", "info": "#2e86c1"}
_SHOWN = 20


def _e(value: object) -> str:
    return html.escape(str(value))


def _bar(ratio: float) -> str:
    width = max(0, min(100, round(ratio * 100)))
    return (
        '<div style="display:inline-block;width:120px;height:0.8em;background:#eee;'
        f'vertical-align:middle"><div style="width:{width}%;height:100%;background:#27ae60">'
        "</div></div>"
    )


def _coverage_row(kind: KindCoverage) -> str:
    return (
        f"<tr><td {_CELL}>{_e(kind.kind)}</td><td {_CELL}>{kind.cited}/{kind.total}</td>"
        f"<td {_CELL}>{_bar(kind.ratio)} {kind.ratio:.0%}</td></tr>"
    )


def coverage_html(coverage: Coverage) -> str:
    """A table of citation coverage per kind, with bars."""
    rows = "".join(
        _coverage_row(k)
        for k in (coverage.claims, coverage.events, coverage.assessments, coverage.overall)
    )
    head = f"<tr><th {_CELL}>statements</th><th {_CELL}>cited</th><th {_CELL}>coverage</th></tr>"
    return f"<table {_TABLE}>{head}{rows}</table>"


def report_html(report: Report) -> str:
    """A summary of a report: header, counts per kind and citation coverage."""
    from .citation_coverage import coverage

    meta = [("id", report.id)]
    if report.published:
        meta.append(("published", str(report.published)))
    if report.publisher:
        meta.append(("publisher", report.publisher))
    if report.authors:
        meta.append(("authors", ", ".join(report.authors)))
    meta_rows = "".join(
        f"<tr><td {_CELL}>{_e(k)}</td><td {_CELL}>{_e(v)}</td></tr>" for k, v in meta
    )
    kinds = ("actors", "events", "claims", "assessments", "sources")
    counts = "".join(f"<td {_CELL}>{len(getattr(report, k))}</td>" for k in kinds)
    names = "".join(f"<th {_CELL}>{k}</th>" for k in kinds)
    return (
        f"<div><strong>{_e(report.title)}</strong>"
        f"<table {_TABLE}>{meta_rows}</table>"
        f"<table {_TABLE}><tr>{names}</tr><tr>{counts}</tr></table>"
        f"{coverage_html(coverage(report))}</div>"
    )


def findings_html(findings: Sequence[Finding]) -> str:
    """Findings grouped by severity, most severe first, at most 20 rows per group."""
    if not findings:
        return "<div>No findings.</div>"
    parts = []
    for level in ("error", "warning", "info"):
        group = [f for f in findings if f.severity.value == level]
        if not group:
            continue
        rows = "".join(
            f"<tr><td {_CELL}><code>{_e(f.code)}</code></td><td {_CELL}><code>{_e(f.path)}</code>"
            f"</td><td {_CELL}>{_e(f.message)}</td></tr>"
            for f in group[:_SHOWN]
        )
        more = f"<div>… and {len(group) - _SHOWN} more</div>" if len(group) > _SHOWN else ""
        colour = _COLOURS[level]
        parts.append(
            f'<div><strong style="color:{colour}">{len(group)} {level}</strong>'
            f"<table {_TABLE}>{rows}</table>{more}</div>"
        )
    return "<div>" + "".join(parts) + "</div>"
