"""STIX 2.1 marking definitions for TLP 2.0 levels and handling caveats (private).

TLP 2.0 levels are written as the marking definitions OASIS publishes for them (fixed ids,
extension ``extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d``), so any STIX tool
that knows TLP 2.0 recognises them. Caveats become ``statement`` marking definitions with
ids derived from their text, so the same caveat gives the same id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..handling import Marking
from ..vocab import Tlp
from ._extension import EXTENSION_ID

__all__ = ["TLP_EXTENSION", "TLP_MARKING_IDS", "Markings"]

TLP_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
"""The OASIS extension definition of TLP 2.0 marking definitions."""

TLP_MARKING_IDS: dict[Tlp, str] = {
    Tlp.CLEAR: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    Tlp.GREEN: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    Tlp.AMBER: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    Tlp.AMBER_STRICT: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    Tlp.RED: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
"""The ids OASIS gives the TLP 2.0 marking definitions."""

_TLP_CREATED = "2022-10-01T00:00:00.000Z"


def tlp_definition(level: Tlp) -> dict[str, Any]:
    """The OASIS TLP 2.0 marking definition of ``level``."""
    return {
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": TLP_MARKING_IDS[level],
        "created": _TLP_CREATED,
        "name": f"TLP:{level.value.upper()}",
        "extensions": {
            TLP_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": level.value}
        },
    }


class Markings:
    """The marking definitions a bundle uses, each added once, in order of first use."""

    def __init__(self, make_id: Callable[..., str]) -> None:
        self._make_id = make_id
        self._defined: dict[str, dict[str, Any]] = {}
        self._stamp = _TLP_CREATED

    @property
    def objects(self) -> list[dict[str, Any]]:
        """The marking definitions used so far."""
        return list(self._defined.values())

    def refs(self, tlp: Tlp | None, marking: Marking | None) -> list[str]:
        """``object_marking_refs`` for an object handled at ``tlp`` with ``marking``'s caveats."""
        out: list[str] = []
        if tlp is not None:
            ident = TLP_MARKING_IDS[tlp]
            self._defined.setdefault(ident, tlp_definition(tlp))
            out.append(ident)
        for caveat in marking.caveats if marking is not None else ():
            ident = self._make_id("marking-definition", "caveat", caveat)
            self._defined.setdefault(
                ident,
                {
                    "type": "marking-definition",
                    "spec_version": "2.1",
                    "id": ident,
                    "created": self._stamp,
                    "definition_type": "statement",
                    "definition": {"statement": caveat},
                    "extensions": {
                        EXTENSION_ID: {"extension_type": "property-extension", "derived": True}
                    },
                },
            )
            out.append(ident)
        return out
