"""Handling and provenance: who may see an object, and where it stands over time.

- :class:`Marking`: a Traffic Light Protocol 2.0 level and free handling caveats, on the
  report and on any object in it. The report's marking is the floor for what it contains:
  an object marked less strictly than its report is handled at the report's level
  (:func:`effective_tlp`), and an object marked more strictly than its report is a finding
  (``OSR701``), since the report as a whole then understates what it holds.
- :class:`Retraction`: a claim or assessment withdrawn, with the reason, the date and what
  replaces it. A retracted statement is kept, so that readers of older copies can see what
  changed.

``created``, ``modified`` (timezone-aware datetimes) and ``created_by`` (an actor id or free
text) are fields of every model object; see ``docs/model.md``.
"""

from __future__ import annotations

from typing import Any

import attrs

from . import _checks as check
from ._extensions import field as extensions_field
from .errors import FieldValueError
from .vocab import Tlp
from .when import When

__all__ = ["Marking", "Retraction", "effective_tlp"]


@attrs.frozen(kw_only=True)
class Marking:
    """How an object may be shared: a TLP 2.0 level and free handling caveats.

    Attributes:
        tlp: The Traffic Light Protocol level.
        caveats: Further handling instructions as written (``"do not name the source"``).
        extensions: ``x_`` keys, kept and written back unchanged.

    Raises:
        FieldValueError: Neither a level nor a caveat is given.
    """

    tlp: Tlp | None = attrs.field(default=None, validator=check.member(Tlp, optional=True))
    caveats: tuple[str, ...] = attrs.field(
        default=(), validator=check.tuple_of(check.text(), "strings")
    )
    extensions: dict[str, Any] = extensions_field()

    def __attrs_post_init__(self) -> None:
        if self.tlp is None and not self.caveats:
            raise FieldValueError("tlp/caveats", None, "a TLP level, caveats, or both")


@attrs.frozen(kw_only=True)
class Retraction:
    """A claim or assessment withdrawn by whoever made it.

    Attributes:
        reason: Why it was withdrawn (``"the video was from 2019"``).
        when: When it was withdrawn.
        by: Who withdrew it: an actor id or free text.
        replaced_by: The id of the claim or assessment that replaces it, if any.
        extensions: ``x_`` keys, kept and written back unchanged.
    """

    reason: str = attrs.field(validator=check.text())
    when: When | None = attrs.field(
        default=None, validator=check.instance(When, "a When", optional=True)
    )
    by: str | None = attrs.field(default=None, validator=check.text(optional=True))
    replaced_by: str | None = attrs.field(default=None, validator=check.identifier(optional=True))
    extensions: dict[str, Any] = extensions_field()


def effective_tlp(marking: Marking | None, floor: Marking | None = None) -> Tlp | None:
    """The TLP level an object is handled at: its own, raised to its report's.

    Args:
        marking: The object's marking.
        floor: The marking of the report that contains it.

    Returns:
        The stricter of the two levels, or ``None`` when neither has one.
    """
    own = marking.tlp if marking is not None else None
    base = floor.tlp if floor is not None else None
    if own is None:
        return base
    if base is None:
        return own
    return max(own, base)
