"""STIX 2.1: export a report as a bundle, and read a bundle into a report.

``to_stix(report)`` needs no extra package and returns a plain ``dict`` ready for
``json.dumps``. Ids are deterministic (UUIDv5 of the report id and each local id), and so are
timestamps (the report's publication day), so exporting twice gives the same bundle.

| osintreport | STIX 2.1 |
| --- | --- |
| Report | ``report`` with ``object_refs`` to everything; the publisher an ``identity`` |
| Actor: armed force, militia, rebel or terrorist group | ``threat-actor`` |
| Actor: any other kind | ``identity`` |
| Actor.country, Event.where | ``location`` and a ``located-at`` relationship |
| Actor.parent, Actor.backers | ``part-of`` and ``backed-by`` relationships (custom types) |
| Event | ``incident``; participants as ``participated-in`` relationships (custom type) |
| Claim | ``note`` about what it concerns; the analyst's status as an ``opinion`` on it |
| Assessment | ``note`` about its basis |
| Source | an ``external_references`` entry on every object that cites it |

Confidence scales of STIX 2.1 Appendix A: a claim's Admiralty credibility 1-5 becomes
``confidence`` 90, 70, 50, 30, 10 (6, "cannot be judged", is left out); an assessment's
confidence low/moderate/high becomes 15, 50, 85. What STIX has no place for (event kind and
fuzzy date, fatalities, likelihood, claim status, claimant) goes into custom properties named
``x_osintreport_*``, listed in ``docs/interop.md``.

``from_stix(bundle)`` reads any STIX 2.0 or 2.1 bundle: reports, identities, threat actors,
intrusion sets, campaigns, locations, notes, opinions and relationships; other object types
are skipped and counted in the report's ``x_stix_skipped``.
"""

from __future__ import annotations

from typing import Any

from ..errors import MissingExtraError
from ._export import NAMESPACE, to_stix
from ._import import from_stix

__all__ = ["NAMESPACE", "from_stix", "to_stix", "validate_bundle"]


def validate_bundle(bundle: dict[str, Any]) -> list[str]:
    """Run the OASIS STIX validator on a bundle; return its errors (empty when valid).

    Needs the ``stix`` extra (``pip install 'osintreport[stix]'``: stix2-validator).

    Raises:
        MissingExtraError: stix2-validator is not installed.
    """
    try:
        from stix2validator import ValidationOptions, validate_instance
    except ImportError as error:
        raise MissingExtraError("stix2-validator", "stix", "STIX validation") from error
    result = validate_instance(bundle, ValidationOptions())
    return [str(error) for error in result.errors]
