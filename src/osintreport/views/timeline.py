"""The event timeline (the ``plot`` extra): one row per actor, readable from 5 to 5,000 events.

- Overlapping events of one actor are stacked in lanes instead of drawn over each other.
- The time axis fits the data: when most events crowd into a short window of a long span
  (a report on one month that also dates a few events years back), a narrow panel shows the
  whole span and a wide one the crowded window, side by side, sharing the rows.
- Every year is labelled: on the first tick of each panel and wherever the year changes.
- Event kinds take the Okabe-Ito colours, which stay distinct under every common colour
  vision deficiency, most frequent kind first; past eight kinds, hatching tells them apart.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import Any

from ..errors import MissingExtraError
from ..model import Event, Report
from ..when import FuzzyDate

__all__ = ["OKABE_ITO", "timeline"]

OKABE_ITO = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#999999",
)
"""The eight colours of Okabe and Ito (2008), safe for colour-blind readers."""

_HATCHES = ("", "////", "....", "xxxx")
_NO_ACTOR = "(no actor)"
_MAX_ROWS = 40
_MAX_LANES = 4
_SHADE = 0.2  # share of a bar drawn lighter at an approximate end
_FOCUS_SHARE = 0.75  # a focus panel shows the shortest window holding this share of events
_FOCUS_WHEN = 0.35  # ... when that window is narrower than this share of the whole span

Span = tuple[Event, dt.date, dt.date, bool, bool]  # event, start, end, open start, open end


def _matplotlib() -> tuple[Any, Any]:
    try:
        import matplotlib.dates as mdates
        from matplotlib.figure import Figure
    except ImportError as error:
        raise MissingExtraError("matplotlib", "plot", "Plotting") from error
    return Figure, mdates


def _spans(report: Report) -> tuple[list[Span], dt.date, dt.date]:
    bounds = [
        (e, e.when.earliest(), e.when.latest())
        for e in report.events
        if e.when is not None and (e.when.earliest() or e.when.latest())
    ]
    known = [d for _, first, last in bounds for d in (first, last) if d is not None]
    if report.published and report.published.latest() and known:
        known.append(report.published.latest())  # type: ignore[arg-type]
    low = min(known) if known else dt.date.today()
    high = max(known) if known else low
    spans = [
        (e, first or low, last or high, first is None, last is None) for e, first, last in bounds
    ]
    spans.sort(key=lambda s: (s[1], s[2]))
    return spans, low, high


def _focus(spans: list[Span], low: dt.date, high: dt.date) -> tuple[dt.date, dt.date] | None:
    """The crowded window worth a panel of its own, if there is one."""
    total = (high - low).days + 1
    if len(spans) < 8 or total < 60:
        return None
    starts = sorted(s[1] for s in spans)
    k = max(2, math.ceil(len(starts) * _FOCUS_SHARE))
    i = min(range(len(starts) - k + 1), key=lambda j: starts[j + k - 1] - starts[j])
    first, last = starts[i], starts[i + k - 1]
    ends = sorted(min(s[2], high) for s in spans if first <= s[1] <= last)
    last = max(last, ends[len(ends) * 3 // 4])
    pad = dt.timedelta(days=max(3, ((last - first).days + 1) // 20))
    first, last = max(low, first - pad), min(high, last + pad)
    if ((last - first).days + 1) > total * _FOCUS_WHEN:
        return None
    return first, last


def _rows(spans: list[Span], names: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """Row labels in order of first appearance; past 40 actors the rarest share one row."""
    counts: Counter[str] = Counter()
    order: dict[str, None] = {}
    for event, *_ in spans:
        for label in _labels(event, names):
            counts[label] += 1
            order.setdefault(label)
    kept = set(sorted(order, key=lambda a: -counts[a])[: _MAX_ROWS - 1])
    if len(order) <= _MAX_ROWS:
        kept = set(order)
    other = f"({len(order) - len(kept)} other actors)"
    row_of = {label: (label if label in kept else other) for label in order}
    rows = [label for label in order if label in kept]
    if len(kept) < len(order):
        rows.append(other)  # the shared row goes last
    return rows, row_of


def _labels(event: Event, names: dict[str, str]) -> list[str]:
    found = [names.get(p.actor, p.actor) for p in event.participants]
    return list(dict.fromkeys(found)) or [_NO_ACTOR]


def _lanes(items: list[tuple[float, float]]) -> tuple[list[int], int]:
    """A lane for each (left, right) interval, sorted by left: the first lane free by then."""
    ends: list[float] = []
    lanes: list[int] = []
    for left, right in items:
        free = next((n for n, end in enumerate(ends) if end <= left), None)
        if free is None:
            if len(ends) < _MAX_LANES:
                free = len(ends)
                ends.append(right)
            else:
                free = min(range(len(ends)), key=ends.__getitem__)  # overlap the earliest
        ends[free] = max(ends[free], right)
        lanes.append(free)
    return lanes, max(1, len(ends))


def _tick_labels(ticks: list[dt.date], step_days: float) -> list[str]:
    labels: list[str] = []
    for n, day in enumerate(ticks):
        new_year = n == 0 or day.year != ticks[n - 1].year
        if step_days >= 360:
            labels.append(f"{day.year}")
        elif step_days >= 27:
            labels.append(day.strftime("%b") + (f"\n{day.year}" if new_year else ""))
        else:
            labels.append(f"{day.day} {day:%b}" + (f"\n{day.year}" if new_year else ""))
    return labels


def _axis(ax: Any, mdates: Any, first: dt.date, last: dt.date, width_inches: float) -> None:
    ax.set_xlim(mdates.date2num(first), mdates.date2num(last + dt.timedelta(days=1)))
    locator = mdates.AutoDateLocator(minticks=2, maxticks=max(4, int(width_inches * 1.2)))
    start = dt.datetime.combine(first, dt.time(), tzinfo=dt.UTC)
    values = locator.tick_values(start, start + dt.timedelta(days=(last - first).days + 1))
    ticks = [mdates.num2date(v).date() for v in values]
    ticks = [t for t in ticks if first <= t <= last + dt.timedelta(days=1)] or [first]
    step = (ticks[1] - ticks[0]).days if len(ticks) > 1 else 366
    total = (last - first).days + 1
    if ticks[0].year != first.year and (ticks[0] - first).days >= total / 8:
        ticks.insert(0, first)  # the first year gets a label too, not only the next one
    ax.set_xticks([mdates.date2num(t) for t in ticks], _tick_labels(ticks, step), fontsize=8)
    ax.grid(axis="x", alpha=0.3)


def timeline(report: Report, *, width: float = 11.0) -> Any:
    """Draw the report's events on a time axis, one row per actor taking part.

    A fuzzy date is drawn as the span between its earliest and latest day; an approximate
    end (``~``) is shaded lighter; an open or unknown end runs to the edge of the plot with
    an arrow. Events of one actor that overlap are stacked in lanes. Colours (and past eight
    kinds, hatching) stand for event kinds. Events with no date at all are left out and
    counted in the title. Each bar's ``gid`` is ``event:<id>``.

    Args:
        report: The report to draw.
        width: Figure width in inches (the height follows the rows and lanes).

    Returns:
        A matplotlib ``Figure``; ``figure.axes[0]`` spans every dated event, and a second
        axes, when there is one, zooms on the window where most events fall.
    """
    figure_cls, mdates = _matplotlib()
    spans, low, high = _spans(report)
    names = {a.id: a.name for a in report.actors}
    rows, row_of = _rows(spans, names)
    focus = _focus(spans, low, high)
    kinds = [k for k, _ in Counter(s[0].kind for s in spans).most_common()]
    style = {
        kind: (OKABE_ITO[n % len(OKABE_ITO)], _HATCHES[(n // len(OKABE_ITO)) % len(_HATCHES)])
        for n, kind in enumerate(kinds)
    }
    # Lanes are laid out on the scale where bars are thinnest: the focus panel when there is
    # one (its days are wider), else the whole span; a bar is at least 1/250 of it wide.
    shown_first, shown_last = focus or (low, high)
    least = max(1.0, ((shown_last - shown_first).days + 1) / 250)
    per_row: dict[str, list[tuple[Span, float, float]]] = {row: [] for row in rows}
    for span in spans:
        left = mdates.date2num(span[1])
        right = max(mdates.date2num(span[2] + dt.timedelta(days=1)), left + least)
        for label in _labels(span[0], names):
            per_row[row_of[label]].append((span, left, right))
    placed: list[tuple[Span, float, float, float]] = []  # span, left, right, y
    ticks: list[float] = []
    separators: list[float] = []  # a rule between actors' rows
    y = 0.0
    for row in rows:
        items = per_row[row]
        lanes, count = _lanes([(left, right) for _, left, right in items])
        for (span, left, right), lane in zip(items, lanes, strict=True):
            placed.append((span, left, right, y + lane))
        ticks.append(y + (count - 1) / 2)
        y += count + 0.6
        separators.append(y - 0.7)
    height = min(40.0, 1.6 + 0.26 * max(y, 1.0))
    figure = figure_cls(figsize=(width, height), layout="constrained")
    if focus is None:
        axes = [figure.add_subplot()]
        extents = [(low, high)]
    else:
        grid = figure.add_gridspec(1, 2, width_ratios=(1, 3))
        axes = [figure.add_subplot(grid[0])]
        axes.append(figure.add_subplot(grid[1], sharey=axes[0]))
        extents = [(low, high), focus]
    used: dict[Any, Any] = {}
    for n, (ax, (first, last)) in enumerate(zip(axes, extents, strict=True)):
        for span, left, right, row_y in placed:
            event = span[0]
            colour, hatch = style[event.kind]
            bar = ax.barh(
                row_y, right - left, left=left, height=0.8, color=colour, hatch=hatch,
                edgecolor="white", linewidth=0.4,
            )  # fmt: skip
            bar.patches[0].set_gid(f"event:{event.id}")
            used.setdefault(event.kind, bar.patches[0])
            _shade_ends(ax, event, row_y, left, right)
            for side, is_open in (("start", span[3]), ("end", span[4])):
                if is_open:
                    marker = ax.plot(
                        [left if side == "start" else right], [row_y],
                        marker="<" if side == "start" else ">", color=colour, markersize=5,
                    )[0]  # fmt: skip
                    marker.set_gid(f"open:{event.id}:{side}")
        _axis(ax, mdates, first, last, width * (0.25 if len(axes) == 2 and n == 0 else 0.75))
        for boundary in separators[:-1]:
            ax.axhline(boundary, color="grey", alpha=0.25, linewidth=0.6)
    axes[0].set_yticks(ticks, rows, fontsize=8)
    axes[0].set_ylim(y - 0.4, -0.8)
    if len(axes) == 2:
        axes[1].tick_params(labelleft=False)
        axes[1].set_title(f"{focus[0]:%d %b %Y} – {focus[1]:%d %b %Y}", fontsize=9)  # type: ignore[index]
        axes[0].set_title("whole span", fontsize=9)
    undated = len(report.events) - len(spans)
    title = f"{report.title[:100]}\n{len(spans)} dated events"
    figure.suptitle(title + (f" ({undated} undated, not shown)" if undated else ""), fontsize=10)
    if used:
        figure.legend(
            used.values(),
            [k.value.replace("_", " ") for k in used],
            fontsize=7,
            loc="outside right upper",
            frameon=False,
        )
    return figure


def _shade_ends(ax: Any, event: Event, y: float, left: float, right: float) -> None:
    when = event.when
    if when is None:
        return
    end = when.start if when.end is None else when.end
    span = right - left
    for side, part in (("start", when.start), ("end", end)):
        if isinstance(part, FuzzyDate) and part.approximate:
            x = left if side == "start" else right - span * _SHADE
            shade = ax.barh(y, span * _SHADE, left=x, height=0.8, color="white", alpha=0.55)
            shade.patches[0].set_gid(f"approximate:{event.id}:{side}")
