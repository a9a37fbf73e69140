"""Pictures: a timeline of events and a citation coverage chart (the ``plot`` extra).

Needs matplotlib (``pip install 'osintreport[plot]'``), imported only when used. Both
functions return a :class:`matplotlib.figure.Figure`, which a notebook shows as it is and a
script saves with ``fig.savefig("out.png")``. No pyplot state is touched.

Each drawn element carries a ``gid`` naming what it shows (``event:<id>``,
``approximate:<id>``, ``open:<id>``, ``cited:claims`` ...), so that tests and tools can find it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .citation_coverage import coverage
from .errors import MissingExtraError
from .model import Event, Report
from .vocab import EventKind
from .when import FuzzyDate

__all__ = ["coverage_chart", "timeline"]

_NO_ACTOR = "(no actor)"
_SHADE = 0.2  # share of a span drawn lighter at an approximate end


def _matplotlib() -> tuple[Any, Any]:
    try:
        import matplotlib.dates as mdates
        from matplotlib.figure import Figure
    except ImportError as error:
        raise MissingExtraError("matplotlib", "plot", "Plotting") from error
    return Figure, mdates


def _colormap() -> Any:
    import matplotlib

    return matplotlib.colormaps["tab20"]


def _bounds(event: Event) -> tuple[dt.date | None, dt.date | None]:
    when = event.when
    return (when.earliest(), when.latest()) if when is not None else (None, None)


def timeline(report: Report, *, width: float = 11.0) -> Any:
    """Draw the report's events on a time axis, one row per actor taking part.

    A fuzzy date is drawn as the span between its earliest and latest day; an approximate
    end (``~``) is shaded lighter; an open or unknown end runs to the edge of the plot with
    an arrow. Colours stand for event kinds. Events with no date at all are left out and
    counted in the title.

    Args:
        report: The report to draw.
        width: Figure width in inches (the height follows the number of actors).

    Returns:
        A matplotlib ``Figure``.
    """
    figure_cls, mdates = _matplotlib()
    dated = [(e, *_bounds(e)) for e in report.events if any(_bounds(e))]
    known = [d for _, first, last in dated for d in (first, last) if d is not None]
    # Long spans first, so that short events are drawn on top and stay visible.
    dated.sort(key=lambda item: -((item[2] or max(known)) - (item[1] or min(known))).days)
    if report.published and report.published.latest():
        known.append(report.published.latest())  # type: ignore[arg-type]
    low = min(known) if known else dt.date.today()
    high = max(known) if known else low
    names = {a.id: a.name for a in report.actors}
    rows: list[str] = []
    for event, _, _ in sorted(dated, key=lambda item: item[1] or low):
        for label in [names.get(p.actor, p.actor) for p in event.participants] or [_NO_ACTOR]:
            if label not in rows:
                rows.append(label)
    kinds = list(EventKind)
    figure = figure_cls(figsize=(width, 1.2 + 0.32 * max(len(rows), 1)), layout="constrained")
    ax = figure.add_subplot()
    cmap = _colormap()
    used: dict[EventKind, Any] = {}
    for event, first, last in dated:
        start = first or low
        end = (last or high) + dt.timedelta(days=1)
        left, right = mdates.date2num(start), mdates.date2num(end)
        colour = cmap(kinds.index(event.kind) % 20)
        labels = [names.get(p.actor, p.actor) for p in event.participants] or [_NO_ACTOR]
        for label in dict.fromkeys(labels):
            y = rows.index(label)
            bar = ax.barh(y, right - left, left=left, height=0.6, color=colour, alpha=0.85)
            bar.patches[0].set_gid(f"event:{event.id}")
            used.setdefault(event.kind, bar.patches[0])
            _shade_ends(ax, event, y, left, right)
            for side, known_end in (("start", first), ("end", last)):
                if known_end is None:
                    x = left if side == "start" else right
                    marker = ax.plot(
                        [x], [y], marker="<" if side == "start" else ">", color=colour, markersize=6
                    )[0]
                    marker.set_gid(f"open:{event.id}:{side}")
    ax.set_yticks(range(len(rows)), rows)
    ax.invert_yaxis()
    ax.set_xlim(mdates.date2num(low) - 1, mdates.date2num(high + dt.timedelta(days=1)) + 1)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.grid(axis="x", alpha=0.3)
    undated = len(report.events) - len(dated)
    title = f"{report.title[:100]}\n{len(dated)} dated events"
    ax.set_title(title + (f" ({undated} undated, not shown)" if undated else ""), fontsize=10)
    if used:
        ax.legend(
            used.values(),
            [k.value.replace("_", " ") for k in used],
            fontsize=7,
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            frameon=False,
        )
    return figure


def _shade_ends(ax: Any, event: Event, y: int, left: float, right: float) -> None:
    when = event.when
    if when is None:
        return
    start = when.start
    end = when.start if when.end is None else when.end
    span = right - left
    for side, part in (("start", start), ("end", end)):
        if isinstance(part, FuzzyDate) and part.approximate:
            x = left if side == "start" else right - span * _SHADE
            shade = ax.barh(y, span * _SHADE, left=x, height=0.6, color="white", alpha=0.55)
            shade.patches[0].set_gid(f"approximate:{event.id}:{side}")


def coverage_chart(report: Report, *, width: float = 7.0) -> Any:
    """Draw cited and uncited statements per kind as stacked horizontal bars.

    Args:
        report: The report to draw.
        width: Figure width in inches.

    Returns:
        A matplotlib ``Figure``.
    """
    figure_cls, _ = _matplotlib()
    cov = coverage(report)
    kinds = [cov.claims, cov.events, cov.assessments]
    figure = figure_cls(figsize=(width, 2.4), layout="constrained")
    ax = figure.add_subplot()
    for y, kind in enumerate(kinds):
        cited = ax.barh(y, kind.cited, color="#27ae60", label="cited" if y == 0 else None)
        cited.patches[0].set_gid(f"cited:{kind.kind}")
        uncited = ax.barh(
            y,
            kind.total - kind.cited,
            left=kind.cited,
            color="#bdc3c7",
            label="uncited" if y == 0 else None,
        )
        uncited.patches[0].set_gid(f"uncited:{kind.kind}")
        ax.text(
            kind.total,
            y,
            f"  {kind.cited}/{kind.total} ({kind.ratio:.0%})",
            va="center",
            fontsize=8,
        )
    ax.set_yticks(range(len(kinds)), [k.kind for k in kinds])
    ax.invert_yaxis()
    ax.set_xlim(0, max([k.total for k in kinds] + [1]) * 1.25)
    ax.set_xlabel("statements")
    ax.set_title(
        f"Citation coverage: {cov.overall.cited}/{cov.overall.total} statements cited "
        f"({cov.overall.ratio:.0%})",
        fontsize=10,
    )
    ax.legend(fontsize=8, loc="lower right", frameon=False)
    return figure
