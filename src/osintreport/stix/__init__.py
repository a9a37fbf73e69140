"""STIX 2.1: export a report as a bundle, and read a bundle into a report.

``to_stix(report)`` needs no extra package and returns a plain ``dict`` ready for
``json.dumps``. Ids are deterministic (name-based UUIDs of the report id and each local id,
written with version 4 bits), and so are timestamps (the report's publication day), so
exporting twice gives the same bundle. ``stix2-validator --strict`` finds nothing to report.

| osintreport | STIX 2.1 |
| --- | --- |
| Report | ``report`` with ``object_refs`` to everything; the publisher an ``identity`` |
| Actor: armed force, militia, rebel or terrorist group | ``threat-actor`` |
| Actor: any other kind | ``identity`` |
| Actor.country, Event.where, a ``located_at`` Relation | ``location`` and ``located-at`` |
| Actor.parent, Actor.backers | ``related-to`` relationships (``part-of``, ``backed-by``) |
| Event | ``incident``; participants ``related-to`` it (``participated-in``) |
| Claim | ``note`` about what it concerns; the analyst's status as an ``opinion`` on it |
| Assessment | ``note`` about its basis, ``abstract`` ``"Assessment"`` |
| Relation | ``relationship``: its own type where STIX suggests it, else ``related-to`` |
| Source | an ``external_references`` entry on every object that cites it |

Confidence scales of STIX 2.1 Appendix A: a claim's Admiralty credibility 1-5 becomes
``confidence`` 90, 70, 50, 30, 10; a confidence low/moderate/high becomes 15, 50, 85.
Everything else rides in one property extension (:data:`EXTENSION_ID`), defined in the
bundle: the model object each STIX object stands for, so :func:`from_stix` gives back an
equal report.

:func:`read_stix` reads any STIX 2.0 or 2.1 bundle; objects the model has no place for are
kept as they are and written back by :func:`to_stix`. See ``docs/interop.md``.

:func:`jsonl_to_stix` writes the bundle of a JSON Lines report of any size, as the text
``osintreport export --to stix`` prints, without loading the report; :func:`convert_stix`
writes the report of a bundle of any size, as ``osintreport import --from stix`` does,
without loading the bundle.
"""

from __future__ import annotations

from typing import Any

from ..errors import MissingExtraError
from ._convert import StixConverted, convert_stix
from ._export import to_stix
from ._extension import EXTENSION_ID, NAMESPACE
from ._import import StixRead, from_stix, read_stix
from ._stream import jsonl_to_stix

__all__ = [
    "EXTENSION_ID",
    "NAMESPACE",
    "StixConverted",
    "StixRead",
    "convert_stix",
    "from_stix",
    "jsonl_to_stix",
    "read_stix",
    "to_stix",
    "validate_bundle",
]


def validate_bundle(bundle: dict[str, Any], *, strict: bool = True) -> list[str]:
    """Run the OASIS STIX validator on a bundle; return its errors (empty when valid).

    ``strict`` (the default) counts the validator's warnings as errors, like
    ``stix2-validator --strict``: custom properties outside an extension definition, ids
    that are not UUIDv4, relationship types STIX does not suggest, URLs without a hash.
    Needs the ``stix`` extra (``pip install 'osintreport[stix]'``: stix2-validator).

    Raises:
        MissingExtraError: stix2-validator is not installed.
    """
    try:
        from stix2validator import ValidationOptions, validate_instance
    except ImportError as error:
        raise MissingExtraError("stix2-validator", "stix", "STIX validation") from error
    result = validate_instance(bundle, ValidationOptions(strict=strict))
    return [str(error) for error in result.errors]
