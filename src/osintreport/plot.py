"""Pictures: a timeline of events and a citation coverage chart (the ``plot`` extra).

Needs matplotlib (``pip install 'osintreport[plot]'``), imported only when used. Both
functions return a :class:`matplotlib.figure.Figure`, which a notebook shows as it is and a
script saves with ``fig.savefig("out.png")``. No pyplot state is touched.

Each drawn element carries a ``gid`` naming what it shows (``event:<id>``,
``approximate:<id>``, ``open:<id>``, ``cited:claims`` ...), so that tests and tools can find it.
"""

from __future__ import annotations

from typing import Any

from .citation_coverage import coverage
from .errors import MissingExtraError
from .model import Report
from .views.timeline import timeline

__all__ = ["coverage_chart", "timeline"]


def _matplotlib() -> tuple[Any, Any]:
    try:
        import matplotlib.dates as mdates
        from matplotlib.figure import Figure
    except ImportError as error:
        raise MissingExtraError("matplotlib", "plot", "Plotting") from error
    return Figure, mdates


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
