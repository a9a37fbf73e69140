"""Casualty figures of an event: killed and injured, in total and per side.

The shape holds UCDP GED's columns (``best``/``low``/``high`` deaths, ``deaths_a``,
``deaths_b``, ``deaths_civilians``, ``deaths_unknown``) and ACLED's ``fatalities`` without
loss, and adds the injured, which analysts record too::

    casualties:
      killed: {low: 10, best: 12, high: 20}
      injured: {best: 30}
      sides:
        - {actor: sdf, killed: {best: 5}}
        - {actor: isis, killed: {best: 4}}
      civilians: {killed: {best: 2}, injured: {best: 20}}
      unknown: {killed: {best: 1}}

Every figure is an :class:`~osintreport.Estimate`. Version 1 files wrote an event's deaths as
``fatalities``; loading one moves them to ``casualties.killed``. Parts that add up to more
than the total are a finding (``OSR802``), not a construction error: sources disagree.
"""

from __future__ import annotations

from typing import Any

import attrs

from . import _checks as check
from . import _fields as f
from .parts import Estimate

__all__ = ["Casualties", "CasualtyCount", "SideCasualties"]

_ESTIMATE = check.instance(Estimate, "an Estimate", optional=True)


@attrs.frozen(kw_only=True)
class CasualtyCount:
    """Killed and injured among one group (civilians, or people of unknown affiliation).

    Attributes:
        killed: Deaths.
        injured: Injuries.
        extensions: ``x_`` keys, kept and written back unchanged.
    """

    killed: Estimate | None = attrs.field(default=None, validator=_ESTIMATE)
    injured: Estimate | None = attrs.field(default=None, validator=_ESTIMATE)
    extensions: dict[str, Any] = f.extensions()


@attrs.frozen(kw_only=True)
class SideCasualties:
    """Killed and injured on one side of an event.

    Attributes:
        actor: The id of the side's :class:`~osintreport.Actor`.
        killed: Deaths on that side.
        injured: Injuries on that side.
        extensions: ``x_`` keys, kept and written back unchanged.
    """

    actor: str = attrs.field(validator=check.identifier())
    killed: Estimate | None = attrs.field(default=None, validator=_ESTIMATE)
    injured: Estimate | None = attrs.field(default=None, validator=_ESTIMATE)
    extensions: dict[str, Any] = f.extensions()


@attrs.frozen(kw_only=True)
class Casualties:
    """An event's toll: totals, and the parts by side, civilians and unknown.

    Attributes:
        killed: Everyone killed (UCDP ``low``/``best``/``high``; ACLED ``fatalities``).
        injured: Everyone injured.
        sides: Killed and injured per side (UCDP ``deaths_a``, ``deaths_b``).
        civilians: Civilians killed and injured (UCDP ``deaths_civilians``).
        unknown: Killed and injured whose side is not known (UCDP ``deaths_unknown``).
        extensions: ``x_`` keys, kept and written back unchanged.
    """

    killed: Estimate | None = attrs.field(default=None, validator=_ESTIMATE)
    injured: Estimate | None = attrs.field(default=None, validator=_ESTIMATE)
    sides: tuple[SideCasualties, ...] = attrs.field(
        default=(), validator=check.tuple_of_instances(SideCasualties, "SideCasualties")
    )
    civilians: CasualtyCount | None = attrs.field(
        default=None, validator=check.instance(CasualtyCount, "a CasualtyCount", optional=True)
    )
    unknown: CasualtyCount | None = attrs.field(
        default=None, validator=check.instance(CasualtyCount, "a CasualtyCount", optional=True)
    )
    extensions: dict[str, Any] = f.extensions()

    def parts(self, figure: str) -> list[Estimate]:
        """The part estimates of ``"killed"`` or ``"injured"``: each side, civilians, unknown."""
        groups: list[Any] = [*self.sides, self.civilians, self.unknown]
        return [
            value
            for group in groups
            if group is not None and (value := getattr(group, figure)) is not None
        ]
