"""osintreport: a typed, validated, serializable model of OSINT conflict reports.

The public API is what ``__all__`` lists. Modules:

- :mod:`osintreport.model`: :class:`Report`, :class:`Actor`, :class:`Event`,
  :class:`Claim`, :class:`Assessment`, :class:`Source`.
- :mod:`osintreport.relation`: :class:`Relation`, typed links between objects.
- :mod:`osintreport.parts`: :class:`Citation`, :class:`Participant`, :class:`Place`,
  :class:`Estimate`, :class:`ExternalIds`, :class:`Original`.
- :mod:`osintreport.casualties`: :class:`Casualties`, :class:`CasualtyCount`,
  :class:`SideCasualties`.
- :mod:`osintreport.handling`: :class:`Marking` (TLP 2.0) and :class:`Retraction`;
  :mod:`osintreport.redaction`: :func:`redact` to a TLP level.
- :mod:`osintreport.migration`: older documents to the current schema.
- :mod:`osintreport.precision`: UCDP and ACLED place precision codes.
- :mod:`osintreport.when`: :class:`When` and :class:`FuzzyDate`, EDTF fuzzy dates.
- :mod:`osintreport.vocab`: the closed vocabularies.
- :mod:`osintreport.serialization`: :func:`load`, :func:`dump`, :func:`loads`, :func:`dumps`.
- :mod:`osintreport.jsonl`: JSON Lines streams.
- :mod:`osintreport.validation`: :func:`validate`, and :func:`validate_file` (findings with
  their line and column), with rules in :mod:`osintreport.rules` and the framework for your
  own in :mod:`osintreport.ruleset`.
- :mod:`osintreport.citation_coverage`: :func:`coverage`, citation coverage per kind.
- :mod:`osintreport.diff`: what changed between two versions of a report;
  :mod:`osintreport.merge`: one report from several, with entity resolution;
  :mod:`osintreport.corroboration`: independent sources per claim;
  :mod:`osintreport.collection`: many report files, queried through an index.
- :mod:`osintreport.errors`: the exception tree.
- :mod:`osintreport.strategies`: hypothesis strategies (needs the ``hypothesis`` extra).
"""

from importlib.metadata import PackageNotFoundError, version

from . import views as views
from .casualties import Casualties, CasualtyCount, SideCasualties
from .citation_coverage import Coverage, KindCoverage, coverage
from .errors import (
    FieldTypeError,
    FieldValueError,
    LoadError,
    MarkingError,
    MissingExtraError,
    OsintReportError,
    Problem,
    SchemaVersionError,
    UnsupportedFormatError,
)
from .findings import Finding, FindingList, Severity
from .handling import Marking, Retraction, effective_tlp
from .jsonl import iter_records, iter_reports, write_records
from .model import SCHEMA_VERSION, Actor, Assessment, Claim, Event, Report, Source
from .parts import Citation, Estimate, ExternalIds, Original, Participant, Place
from .redaction import redact
from .relation import Relation
from .serialization import dump, dumps, load, loads, structure, unstructure
from .validation import validate, validate_file
from .vocab import (
    ActorKind,
    ClaimStatus,
    Confidence,
    Credibility,
    EventKind,
    Likelihood,
    PlacePrecision,
    RelationKind,
    Reliability,
    Role,
    SourceKind,
    Tlp,
)
from .when import FuzzyDate, OpenEnd, Unspecified, When

try:
    __version__ = version("osintreport")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "ActorKind",
    "Assessment",
    "Casualties",
    "CasualtyCount",
    "Citation",
    "Claim",
    "ClaimStatus",
    "Confidence",
    "Coverage",
    "Credibility",
    "Estimate",
    "Event",
    "EventKind",
    "ExternalIds",
    "FieldTypeError",
    "FieldValueError",
    "Finding",
    "FindingList",
    "FuzzyDate",
    "KindCoverage",
    "Likelihood",
    "LoadError",
    "Marking",
    "MarkingError",
    "MissingExtraError",
    "OpenEnd",
    "Original",
    "OsintReportError",
    "Participant",
    "Place",
    "PlacePrecision",
    "Problem",
    "Relation",
    "RelationKind",
    "Reliability",
    "Report",
    "Retraction",
    "Role",
    "SchemaVersionError",
    "Severity",
    "SideCasualties",
    "Source",
    "SourceKind",
    "Tlp",
    "Unspecified",
    "UnsupportedFormatError",
    "When",
    "__version__",
    "coverage",
    "dump",
    "dumps",
    "effective_tlp",
    "iter_records",
    "iter_reports",
    "load",
    "loads",
    "redact",
    "structure",
    "unstructure",
    "validate",
    "validate_file",
    "write_records",
]
