"""One report from several, with entity resolution: :func:`merge` and its reviewable plan.

The same actor often appears in two reports under different ids: ``irgc-qf`` in one,
``quds-force`` in the next, ``Q1571617`` in a dataset. :func:`merge` makes one object of
everything that is one, by what the objects share (see :mod:`osintreport.merge._keys`):

- actors: the id, an external id (Wikidata, ACLED, UCDP, STIX), a name or alias in any
  spelling or script (``"Quds Force"``, ``"the quds-force"``, ``"Сили Кудс"`` with the
  ``merge`` extra), an acronym (``"IRGC-QF"`` for ``"Islamic Revolutionary Guard Corps
  Quds Force"``);
- sources: the same URL (scheme, ``www.``, tracking parameters and trailing slashes aside)
  or SHA-256 digest;
- events, claims, assessments and relations: the same content once their references point
  at merged ids.

Every merge is a :class:`MergeDecision` in a :class:`MergePlan`: which ids became which, on
what evidence, and which values conflicted. Review the plan (:func:`plan_merge`, or
``osintreport merge --review``), turn down a decision (``accept: false``), and merge with
the plan: nothing is merged that the reviewer turned down. The input reports are not
changed, each merged object lists the ids it absorbed in ``x_merged_ids``, and a merge is
undone by merging again with its decision turned down.

    >>> import osintreport as osr
    >>> a = osr.Report(id="a", title="Update 1", actors=(
    ...     osr.Actor(id="irgc-qf", name="IRGC-QF"),))
    >>> b = osr.Report(id="b", title="Update 2", actors=(
    ...     osr.Actor(id="quds-force", name="Quds Force", aliases=("IRGC-QF",)),))
    >>> result = merge(a, b)
    >>> [(actor.id, actor.aliases) for actor in result.report.actors]
    [('irgc-qf', ('Quds Force',))]
    >>> print(result.plan.decisions[0])
    actors/irgc-qf <- b:quds-force (name 'IRGC-QF')

Merging is associative and idempotent: ``merge(merge(a, b).report, c)`` gives the report
``merge(a, b, c)`` gives, and merging a merged report with itself changes nothing. Where
two different objects share an id, the later one is renamed ``ID-2``; such names depend on
the order of merging, and so does which of two conflicting values wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from ..errors import OsintReportError
from ..model import Report
from ._combine import MERGED_IDS
from ._plan import Group, Ref, resolve

__all__ = [
    "MERGED_IDS",
    "MergeDecision",
    "MergePlan",
    "MergePlanError",
    "Merged",
    "merge",
    "plan_merge",
]


class MergePlanError(OsintReportError, ValueError):
    """A merge plan that does not fit the reports it is applied to."""


@attrs.frozen(kw_only=True)
class MergeDecision:
    """Objects of several reports found to be one.

    Attributes:
        collection: ``actors``, ``sources``, ``events``, ``claims``, ``assessments`` or
            ``relations``.
        into: The id the merged object has.
        members: ``(report id, object id)`` of each object merged, in input order.
        evidence: What the objects share, in words (``"same wikidata id Q1571617"``).
        conflicts: Values that differed, as ``"field: kept / dropped"``; the first kept.
        accept: ``False`` when a reviewer turned the merge down.
    """

    collection: str
    into: str
    members: tuple[tuple[str, str], ...]
    evidence: tuple[str, ...]
    conflicts: tuple[str, ...] = ()
    accept: bool = True

    def __str__(self) -> str:
        merged = ", ".join(f"{report}:{i}" for report, i in self.members[1:])
        return f"{self.collection}/{self.into} <- {merged} ({'; '.join(self.evidence)})"

    def to_data(self) -> dict[str, Any]:
        """The decision as JSON-ready data (see :meth:`MergePlan.to_data`)."""
        return {
            "collection": self.collection,
            "into": self.into,
            "members": [{"report": r, "id": i} for r, i in self.members],
            "evidence": list(self.evidence),
            "conflicts": list(self.conflicts),
            "accept": self.accept,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> MergeDecision:
        """Read a decision written by :meth:`to_data`.

        Raises:
            KeyError, TypeError, ValueError: A key is missing or a value has the wrong type.
        """
        return cls(
            collection=str(data["collection"]),
            into=str(data["into"]),
            members=tuple((str(m["report"]), str(m["id"])) for m in data["members"]),
            evidence=tuple(str(e) for e in data.get("evidence", ())),
            conflicts=tuple(str(c) for c in data.get("conflicts", ())),
            accept=_boolean(data.get("accept", True)),
        )


@attrs.frozen(kw_only=True)
class MergePlan:
    """Every merge decision for a list of reports, to review before merging.

    Attributes:
        reports: The ids of the reports, in input order.
        decisions: One per group of objects that become one (groups of copies of one
            object under one id are merged without a decision).
    """

    reports: tuple[str, ...]
    decisions: tuple[MergeDecision, ...]

    def to_data(self) -> dict[str, Any]:
        """JSON-ready data: ``{"reports": [...], "decisions": [...]}``."""
        return {"reports": list(self.reports), "decisions": [d.to_data() for d in self.decisions]}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> MergePlan:
        """Read a plan written by :meth:`to_data`, perhaps edited by a reviewer.

        Raises:
            MergePlanError: A key is missing or a value has the wrong type.
        """
        try:
            decisions = tuple(MergeDecision.from_data(d) for d in data["decisions"])
            return cls(reports=tuple(str(r) for r in data["reports"]), decisions=decisions)
        except (KeyError, TypeError, ValueError) as error:
            raise MergePlanError(f"not a merge plan: {error!s}") from error

    def rejected(self) -> tuple[MergeDecision, ...]:
        """The decisions a reviewer turned down."""
        return tuple(d for d in self.decisions if not d.accept)


@attrs.frozen(kw_only=True)
class Merged:
    """What :func:`merge` gives: the merged report and the plan it followed."""

    report: Report
    plan: MergePlan


def plan_merge(*reports: Report) -> MergePlan:
    """The decisions :func:`merge` would take for ``reports``, to review first."""
    return merge(*reports).plan


def merge(*reports: Report, plan: MergePlan | None = None) -> Merged:
    """Merge ``reports`` into one, first one first.

    Args:
        reports: At least one report. The first gives the merged report its id and title;
            each field takes the first value set, in this order, except ``published``
            (the latest) and ``period`` (from the earliest start to the latest end).
        plan: A reviewed plan for the same reports: its turned-down decisions are not
            taken. Without it, every decision is taken.

    Raises:
        MergePlanError: ``plan`` was made for other reports, or turns down a decision it
            cannot match to an object of these reports.
    """
    if not reports:
        raise MergePlanError("merge needs at least one report")
    names = _names(reports)
    rejected: frozenset[Ref] = frozenset()
    if plan is not None:
        rejected = _rejected(plan, names)
    resolution = resolve(reports, rejected)
    decisions = tuple(_decision(group, names) for group in resolution.groups if _reviewable(group))
    if plan is not None:
        decisions += plan.rejected()
    return Merged(report=resolution.report, plan=MergePlan(reports=names, decisions=decisions))


def _names(reports: Iterable[Report]) -> tuple[str, ...]:
    """Report ids; a repeated id gets ``#2``, ``#3`` so that each names one input."""
    names: list[str] = []
    for report in reports:
        name, number = report.id, 2
        while name in names:
            name, number = f"{report.id}#{number}", number + 1
        names.append(name)
    return tuple(names)


def _rejected(plan: MergePlan, names: tuple[str, ...]) -> frozenset[Ref]:
    if plan.reports != names:
        raise MergePlanError(
            f"the plan is for reports {list(plan.reports)}, not {list(names)}: "
            "make a new plan for these reports (osintreport merge --review)"
        )
    index = {name: i for i, name in enumerate(names)}
    return frozenset((index[r], i) for d in plan.rejected() for r, i in d.members)


def _reviewable(group: Group) -> bool:
    return len(group.members) > 1 and not group.identical


def _decision(group: Group, names: tuple[str, ...]) -> MergeDecision:
    return MergeDecision(
        collection=group.collection,
        into=group.into,
        members=tuple((names[i], obj) for i, obj in group.members),
        evidence=group.evidence,
        conflicts=group.conflicts,
    )


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"accept must be true or false, not {value!r}")
    return value
