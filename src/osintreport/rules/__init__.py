"""The built-in validation rules, registered in one place: :data:`DEFAULT_RULES`.

Codes are stable: a code is never reused for another meaning. ``docs/validation.md`` lists
every rule with an example that triggers it and the fix.

| codes | what |
| --- | --- |
| OSR1xx | ids and references |
| OSR2xx | dates |
| OSR3xx | citations and sources |
| OSR4xx | analytic language (ICD 203) |
| OSR5xx | places |
"""

from __future__ import annotations

from ..ruleset import RuleSet
from . import analysis, citations, dates, identity, places

__all__ = ["DEFAULT_RULES"]

DEFAULT_RULES = RuleSet(
    (
        identity.duplicate_id,
        identity.dangling_reference,
        identity.wrong_kind_reference,
        identity.parent_cycle,
        dates.start_after_end,
        dates.after_publication,
        dates.in_future,
        dates.source_after_report,
        dates.source_before_event,
        dates.implausible_year,
        dates.horizon_before_report,
        citations.uncited_statement,
        citations.empty_source,
        citations.source_never_cited,
        citations.weak_sources_only,
        citations.empty_citation,
        citations.basis_discredited,
        analysis.assessment_without_basis,
        analysis.likelihood_contradicts_text,
        analysis.likelihood_with_confidence,
        analysis.missing_likelihood,
        places.coordinates_invalid,
        places.unknown_country,
    )
)
"""Every built-in rule, in the order they run."""
