"""Notebook display: compact HTML for every model object, findings and coverage.

Jupyter and VS Code call ``_repr_html_`` on the last value of a cell. Report, FindingList
and Coverage define it with a lazy import of this module; :mod:`osintreport.views`
registers :func:`object_html` on every other model class and on ``When`` (the model never
imports the views). Everything is escaped, nothing is loaded from the network, and colours
are chosen to read on light and dark themes alike: text keeps the theme's colour, rules and
tracks are translucent grey.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ..findings import Finding, Severity
from .text import where

if TYPE_CHECKING:
    from ..citation_coverage import Coverage, KindCoverage
    from ..diff import ReportDiff
    from ..model import Report
    from ..when import When

__all__ = [
    "coverage_html",
    "diff_html",
    "findings_html",
    "object_html",
    "report_html",
    "when_html",
]

_TABLE = 'style="border-collapse:collapse;font-size:0.9em"'
_CELL = (
    'style="padding:2px 8px;text-align:left;vertical-align:top;'
    'border-bottom:1px solid rgba(128,128,128,0.35)"'
)
_KEY = (
    'style="padding:2px 8px;text-align:left;vertical-align:top;font-weight:normal;'
    'opacity:0.7;border-bottom:1px solid rgba(128,128,128,0.35)"'
)
# Mid-tone colours that keep their contrast on white and on dark grey.
_COLOURS = {"error": "#d64541", "warning": "#c77c0e", "info": "#3b8fd9"}
_SHOWN = 20
_ITEMS = 10  # items of a tuple field shown before "and N more"
_TEXT = 400  # characters of a text field shown


def _e(value: object) -> str:
    return html.escape(str(value))


def _bar(ratio: float) -> str:
    width = max(0, min(100, round(ratio * 100)))
    return (
        '<div style="display:inline-block;width:120px;height:0.8em;'
        "background:rgba(128,128,128,0.25);"
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
    from ..citation_coverage import coverage

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
    for level in reversed(Severity):
        group = [f for f in findings if f.severity is level]
        if not group:
            continue
        rows = "".join(
            f"<tr><td {_CELL}><code>{_e(f.code)}</code></td>"
            f"<td {_CELL}><code>{_e(where(f))}</code></td>"
            f"<td {_CELL}>{_e(f.message)}</td></tr>"
            for f in group[:_SHOWN]
        )
        more = f"<div>… and {len(group) - _SHOWN} more</div>" if len(group) > _SHOWN else ""
        colour = _COLOURS[level.value]
        parts.append(
            f'<div><strong style="color:{colour}">{level.counted(len(group))}</strong>'
            f"<table {_TABLE}>{rows}</table>{more}</div>"
        )
    return "<div>" + "".join(parts) + "</div>"


def when_html(when: When) -> str:
    """A date as written, with the days it may fall on."""
    first, last = when.earliest(), when.latest()
    if first is None and last is None:
        span = "unknown"
    elif first == last:
        span = _day(first)
    else:
        span = f"{_day(first)} – {_day(last)}"
    return f'<span><code>{_e(when)}</code> <span style="opacity:0.7">({_e(span)})</span></span>'


def _day(day: dt.date | None) -> str:
    return "open" if day is None else day.strftime("%d %b %Y").lstrip("0")


def _inline(value: Any) -> str:
    """A value on one line: nested objects as ``field=value`` pairs."""
    from ..when import When

    if isinstance(value, When):
        return f"<code>{_e(value)}</code>"
    if isinstance(value, enum.Enum):
        return _e(value.value)
    if isinstance(value, (dt.date, dt.datetime)):
        return _e(value.isoformat())
    if isinstance(value, str):
        text = value if len(value) <= _TEXT else value[: _TEXT - 1] + "…"
        return _e(text)
    if attrs.has(type(value)):
        pairs = [f"{f.name}={_inline(v)}" for f, v in _set_fields(value)]
        return _e(type(value).__name__) + "(" + ", ".join(pairs) + ")"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_e(k)}: {_inline(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (tuple, list)):
        shown = ", ".join(_inline(v) for v in value[:_ITEMS])
        more = f", … and {len(value) - _ITEMS} more" if len(value) > _ITEMS else ""
        return f"[{shown}{more}]"
    return _e(value)


def _set_fields(obj: Any) -> list[tuple[attrs.Attribute[Any], Any]]:
    """The fields that differ from their defaults (an empty one is not worth a row)."""
    out = []
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()
        if value is None or value == default or (isinstance(value, (tuple, dict)) and not value):
            continue
        out.append((field, value))
    return out


def _cell(field: attrs.Attribute[Any], value: Any) -> str:
    from ..when import When

    if isinstance(value, When):
        return when_html(value)
    if isinstance(value, tuple) and value and all(isinstance(v, str) for v in value):
        shown = ", ".join(f"<code>{_e(v)}</code>" for v in value[:_ITEMS])
        more = f" … and {len(value) - _ITEMS} more" if len(value) > _ITEMS else ""
        return shown + more
    if isinstance(value, tuple) and value and attrs.has(type(value[0])):
        items = "".join(f"<li>{_inline(v)}</li>" for v in value[:_ITEMS])
        more = f"<li>… and {len(value) - _ITEMS} more</li>" if len(value) > _ITEMS else ""
        return f'<ul style="margin:0;padding-left:1.2em">{items}{more}</ul>'
    if field.name in ("id", "source", "actor", "claimant") and isinstance(value, str):
        return f"<code>{_e(value)}</code>"
    return _inline(value)


def object_html(obj: Any) -> str:
    """Any model object as a small table of the fields it sets, its kind and id on top."""
    ident = getattr(obj, "id", None)
    head = f"<strong>{_e(type(obj).__name__)}</strong>"
    if isinstance(ident, str):
        head += f" <code>{_e(ident)}</code>"
    rows = "".join(
        f"<tr><th {_KEY}>{_e(field.name)}</th><td {_CELL}>{_cell(field, value)}</td></tr>"
        for field, value in _set_fields(obj)
        if field.name != "id"
    )
    return f"<div>{head}<table {_TABLE}>{rows}</table></div>"


_MARKS = {"+": ("added", "#27ae60"), "-": ("removed", "#d64541"), "~": ("changed", "#c77c0e")}


def diff_html(changes: ReportDiff) -> str:
    """A table of a report diff: one row per change, highlights first."""
    rows = []
    for line in str(changes).splitlines() if changes else []:
        mark, _, rest = line.partition(" ")
        label, colour = _MARKS.get(mark, ("", "inherit"))
        name, _, what = rest.partition(": ")
        rows.append(
            f'<tr><td {_CELL}><span style="color:{colour}">{_e(label)}</span></td>'
            f"<td {_CELL}><code>{_e(name)}</code></td><td {_CELL}>{_e(what)}</td></tr>"
        )
    highlights = "".join(f"<li>{_e(line)}</li>" for line in changes.highlights())
    head = f"<ul>{highlights}</ul>" if highlights else ""
    table = f"<table {_TABLE}>{''.join(rows)}</table>" if rows else "<p>no differences</p>"
    return f"<div><strong>Report diff</strong>{head}{table}</div>"
