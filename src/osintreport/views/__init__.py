"""Views: how objects show themselves in notebooks (HTML) and pictures (``osintreport.plot``).

Importing :mod:`osintreport` imports this package, which gives every model class, ``When``
and ``Finding`` a ``_repr_html_``: Jupyter and VS Code then show a compact table of the
fields an object sets instead of a long ``repr``. The model modules never import the views;
the views register themselves here.

:func:`html` gives the same HTML for any of them, for use outside a notebook.
"""

from __future__ import annotations

from typing import Any

from ..casualties import Casualties, CasualtyCount, SideCasualties
from ..findings import Finding
from ..handling import Marking, Retraction
from ..model import Actor, Assessment, Claim, Event, Source
from ..parts import Citation, Estimate, ExternalIds, Original, Participant, Place
from ..relation import Relation
from ..when import When
from .notebook import object_html, when_html

__all__ = ["VIEWED", "html"]

VIEWED: tuple[type, ...] = (
    Actor,
    Event,
    Claim,
    Assessment,
    Source,
    Relation,
    Citation,
    Participant,
    Place,
    Estimate,
    ExternalIds,
    Original,
    Casualties,
    CasualtyCount,
    SideCasualties,
    Marking,
    Retraction,
    Finding,
)
"""The classes given ``_repr_html_`` here (Report, FindingList and Coverage define their own)."""


def html(obj: Any) -> str:
    """The HTML view of a model object, ``When``, finding, finding list, coverage or report."""
    own = getattr(obj, "_repr_html_", None)
    if own is not None:
        return str(own())
    return object_html(obj)


def _register() -> None:
    for cls in VIEWED:
        setattr(cls, "_repr_html_", object_html)  # noqa: B010 - set on the class, on purpose
    setattr(When, "_repr_html_", when_html)  # noqa: B010


_register()
