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
| OSR6xx | relations |
| OSR7xx | markings and provenance |
| OSR8xx | translations and casualty figures |
| OSR9xx | circular reporting and corroboration |
"""

from __future__ import annotations

from ..ruleset import RuleSet
from . import (
    analysis,
    citations,
    content,
    corroboration,
    dates,
    handling,
    identity,
    places,
    relations,
)

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
        relations.relation_to_itself,
        relations.relation_kind_mismatch,
        relations.contradiction_both_corroborated,
        handling.marked_above_report,
        handling.modified_before_created,
        content.translation_without_language,
        content.casualty_parts_exceed_total,
        corroboration.derivation_cycle,
        corroboration.single_origin,
        corroboration.corroborated_without_independence,
    )
)
"""Every built-in rule, in the order they run."""
