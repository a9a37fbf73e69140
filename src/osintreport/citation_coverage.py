"""Citation coverage: how many statements rest on at least one usable source.

A *statement* is a claim, an event or an assessment. It counts as *cited* when at least one of
its citations points to a source that exists in the report and is *usable*: it has a URL, an
archive copy or a title, so a reader could find it. A citation with no source (an empty or
missing footnote) or to an empty source does not count.
"""

from __future__ import annotations

from collections.abc import Container

import attrs

from .model import Assessment, Claim, Event, Report, Source

__all__ = ["Coverage", "KindCoverage", "coverage", "is_cited", "is_usable"]


def is_usable(source: Source) -> bool:
    """Whether a reader could find the source: it has a URL, an archive URL or a title."""
    return bool(source.url or source.archive_url or (source.title and source.title.strip()))


def is_cited(statement: Claim | Event | Assessment, usable: Container[str]) -> bool:
    """Whether the statement cites at least one source in ``usable`` (ids, or id -> source)."""
    return any(c.source is not None and c.source in usable for c in statement.citations)


@attrs.frozen(kw_only=True)
class KindCoverage:
    """Coverage of one kind of statement.

    Attributes:
        kind: ``"claims"``, ``"events"``, ``"assessments"`` or ``"all"``.
        total: How many statements of the kind there are.
        cited: How many cite at least one usable source.
        uncited: The ids of those that do not, in document order.
    """

    kind: str
    total: int
    cited: int
    uncited: tuple[str, ...]

    @property
    def ratio(self) -> float:
        """``cited / total``; 1.0 when there is nothing to cite."""
        return self.cited / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.kind} {self.cited}/{self.total} ({self.ratio:.1%})"


@attrs.frozen(kw_only=True)
class Coverage:
    """Citation coverage of a report, per kind and overall.

    Attributes:
        claims: Coverage of the claims.
        events: Coverage of the events.
        assessments: Coverage of the assessments.
        overall: All three together.
    """

    claims: KindCoverage
    events: KindCoverage
    assessments: KindCoverage
    overall: KindCoverage

    def _repr_html_(self) -> str:
        from .views.notebook import coverage_html

        return coverage_html(self)

    def __str__(self) -> str:
        parts = ", ".join(str(k) for k in (self.claims, self.events, self.assessments))
        return f"coverage {self.overall.cited}/{self.overall.total} statements cited " + (
            f"({self.overall.ratio:.1%}): {parts}"
        )


def _kind(
    kind: str, items: tuple[Claim | Event | Assessment, ...], usable: dict[str, Source]
) -> KindCoverage:
    uncited = tuple(item.id for item in items if not is_cited(item, usable))
    return KindCoverage(
        kind=kind, total=len(items), cited=len(items) - len(uncited), uncited=uncited
    )


def coverage(report: Report) -> Coverage:
    """Measure the citation coverage of a report.

    Examples:
        >>> from osintreport import Report, Claim
        >>> cov = coverage(Report(id="r", title="t", claims=(Claim(id="c", text="x"),)))
        >>> print(cov.claims, cov.overall.uncited)
        claims 0/1 (0.0%) ('c',)
    """
    usable = {s.id: s for s in report.sources if is_usable(s)}
    claims = _kind("claims", report.claims, usable)
    events = _kind("events", report.events, usable)
    assessments = _kind("assessments", report.assessments, usable)
    parts = (claims, events, assessments)
    overall = KindCoverage(
        kind="all",
        total=sum(p.total for p in parts),
        cited=sum(p.cited for p in parts),
        uncited=tuple(i for p in parts for i in p.uncited),
    )
    return Coverage(claims=claims, events=events, assessments=assessments, overall=overall)
