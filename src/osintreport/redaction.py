"""Write only what a TLP level allows: :func:`redact`.

Each object is handled at its *effective* level: its own TLP marking raised to the report's
(the report's marking is the floor). An object with no TLP level anywhere counts as
``clear``: marking is the author's job, and the report's own marking covers what it holds.

``redact(report, "green")`` keeps the objects whose effective level is ``green`` or less
and removes everything that would point at a withheld object, so the result validates as
cleanly as the original:

- a relation whose subject or object is withheld is withheld too;
- a claim whose claimant is withheld is withheld (leaving the claimant out would make the
  report's authors the claimant);
- ``about``, ``basis``, ``backers`` and ``participants`` lose the withheld ids; ``parent``
  and ``affiliation`` become empty; casualty sides of a withheld actor are dropped;
- a citation of a withheld source keeps its locator and quote but no longer names the
  source (so it counts as uncited);
- a retraction's ``replaced_by`` that is withheld is cleared.

The report itself must be allowed: redacting a ``red`` report to ``green`` raises
:class:`~osintreport.errors.MarkingError`, since its title and summary are ``red`` too.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Any

import attrs

from .casualties import Casualties
from .errors import MarkingError
from .handling import effective_tlp
from .model import COLLECTIONS, Report
from .parts import Citation
from .vocab import Tlp

__all__ = ["redact"]


def redact(report: Report, max_tlp: Tlp | str) -> Report:
    """The report with everything above ``max_tlp`` removed (see the module docs).

    Args:
        report: The report to share.
        max_tlp: The most restricted level the recipient may see (``Tlp.GREEN``,
            ``"green"``, ``"TLP:GREEN"``).

    Returns:
        A new report; the same report when nothing is above the level.

    Raises:
        MarkingError: The report itself is marked above ``max_tlp``.
        ValueError: ``max_tlp`` is not a TLP 2.0 level.
    """
    limit = Tlp.parse(max_tlp)
    floor = report.marking
    check_report_level(report, limit)
    withheld = {
        item.id
        for kind in COLLECTIONS
        for item in getattr(report, kind)
        if (level := effective_tlp(item.marking, floor)) is not None and level > limit
    }
    if not withheld:
        return report
    withheld.update(
        c.id for c in report.claims if c.claimant is not None and c.claimant in withheld
    )
    withheld.update(
        r.id
        for r in report.relations
        if r.subject in withheld or (r.object is not None and r.object in withheld)
    )
    changes: dict[str, Any] = {
        kind: tuple(
            _scrub(item, withheld) for item in getattr(report, kind) if item.id not in withheld
        )
        for kind in COLLECTIONS
    }
    return attrs.evolve(report, **changes)


def check_report_level(report: Report, limit: Tlp) -> None:
    """Refuse a report whose own marking is above ``limit``: nothing in it may be shared.

    Raises:
        MarkingError: It is, naming both levels.
    """
    own = effective_tlp(report.marking)
    if own is not None and own > limit:
        raise MarkingError(
            f"report {report.id!r} is marked TLP:{own.value.upper()}, above "
            f"TLP:{limit.value.upper()}: nothing in it may be shared at that level"
        )


def _citations(citations: tuple[Citation, ...], withheld: AbstractSet[str]) -> tuple[Citation, ...]:
    return tuple(
        attrs.evolve(c, source=None) if c.source is not None and c.source in withheld else c
        for c in citations
    )


def _ids(ids: tuple[str, ...], withheld: AbstractSet[str]) -> tuple[str, ...]:
    return tuple(i for i in ids if i not in withheld)


def _scrub(item: Any, withheld: AbstractSet[str]) -> Any:
    """``item`` with its references to withheld objects removed."""
    changes: dict[str, Any] = {}
    fields = attrs.fields_dict(type(item))
    if "citations" in fields:
        changes["citations"] = _citations(item.citations, withheld)
    for name in ("about", "basis", "backers"):
        if name in fields:
            changes[name] = _ids(getattr(item, name), withheld)
    for name in ("parent", "affiliation"):
        if name in fields and getattr(item, name) in withheld:
            changes[name] = None
    if "participants" in fields:
        changes["participants"] = tuple(p for p in item.participants if p.actor not in withheld)
    if "casualties" in fields and item.casualties is not None:
        changes["casualties"] = _casualties(item.casualties, withheld)
    retracted = getattr(item, "retracted", None)
    if retracted is not None and retracted.replaced_by in withheld:
        changes["retracted"] = attrs.evolve(retracted, replaced_by=None)
    changed = {k: v for k, v in changes.items() if v != getattr(item, k)}
    return attrs.evolve(item, **changed) if changed else item


def _casualties(casualties: Casualties, withheld: AbstractSet[str]) -> Casualties:
    sides = tuple(s for s in casualties.sides if s.actor not in withheld)
    return casualties if sides == casualties.sides else attrs.evolve(casualties, sides=sides)
