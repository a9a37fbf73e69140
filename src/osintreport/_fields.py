"""Field definitions shared by every model object (private).

Each function returns a fresh ``attrs.field`` so that the classes in :mod:`osintreport.model`
and :mod:`osintreport.relation` declare the same fields the same way.
"""

from __future__ import annotations

from typing import Any

import attrs

from . import _checks as check
from ._extensions import field as extensions_field
from .handling import Marking, Retraction
from .parts import Citation
from .when import When

IDS = check.tuple_of(check.identifier(), "ids")
CITATIONS = check.tuple_of_instances(Citation, "Citation")
WHEN = check.instance(When, "a When", optional=True)


def extensions() -> Any:
    """``x_`` extension data (see :func:`osintreport._extensions.field`)."""
    return extensions_field()


def marking() -> Any:
    """An optional :class:`~osintreport.Marking`."""
    return attrs.field(default=None, validator=check.instance(Marking, "a Marking", optional=True))


def timestamp() -> Any:
    """An optional timezone-aware datetime (``created``, ``modified``)."""
    return attrs.field(default=None, validator=check.aware_datetime())


def creator() -> Any:
    """Who made an object: an actor id or free text (``created_by``)."""
    return attrs.field(default=None, validator=check.text(optional=True))


def retraction() -> Any:
    """An optional :class:`~osintreport.Retraction` (claims and assessments)."""
    return attrs.field(
        default=None, validator=check.instance(Retraction, "a Retraction", optional=True)
    )
