"""Rules on analytic language (OSR4xx), after ICD 203.

ICD 203 asks analysts to express likelihood with its seven terms (or their synonyms) and
not to put a likelihood term and a confidence level in the same sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Severity
from ..ruleset import Context, Hit, rule
from ..vocab import Likelihood

__all__ = [
    "assessment_without_basis",
    "estimative_words",
    "likelihood_contradicts_text",
    "likelihood_with_confidence",
    "missing_likelihood",
]

_EXTRA = {
    Likelihood.ALMOST_NO_CHANCE: ("remote chance", "remote possibility"),
    Likelihood.VERY_UNLIKELY: ("highly unlikely",),
    Likelihood.UNLIKELY: ("improbably",),
    Likelihood.LIKELY: ("probably",),
    Likelihood.VERY_LIKELY: ("highly likely",),
    Likelihood.ALMOST_CERTAIN: ("almost certainly", "nearly certainly"),
}
# "remote" alone is left out: "remote violence" and "remote areas" are not estimates.
_PHRASES = sorted(
    (
        (phrase, term)
        for term in Likelihood
        for phrase in (*term.phrases, *_EXTRA.get(term, ()))
        if phrase != "remote"
    ),
    key=lambda pair: -len(pair[0]),
)
_LIKELIHOOD_RE = re.compile(
    r"\b(" + "|".join(re.escape(p) for p, _ in _PHRASES) + r")\b", re.IGNORECASE
)
_BY_PHRASE = dict(_PHRASES)
_CONFIDENCE_RE = re.compile(
    r"\b(low|moderate|medium|high)[- ]confidence\b|\bconfidence\b", re.IGNORECASE
)
_SENTENCE_RE = re.compile(r"[^.!?]+[.!?]?")


def estimative_words(text: str) -> list[tuple[str, Likelihood]]:
    """Find the ICD 203 likelihood phrases in ``text``, longest first, without overlaps.

    Examples:
        >>> [t.value for _, t in estimative_words("ISIS very likely grows; Russia is unlikely to")]
        ['very_likely', 'unlikely']
    """
    return [(m.group(0), _BY_PHRASE[m.group(0).lower()]) for m in _LIKELIHOOD_RE.finditer(text)]


@rule("OSR401", "assessment-without-basis", Severity.WARNING, "An assessment with no basis.")
def assessment_without_basis(ctx: Context) -> Iterator[Hit]:
    """A judgment should name the claims and events it rests on."""
    for index, assessment in enumerate(ctx.report.assessments):
        if not assessment.basis:
            yield Hit(
                path=f"$.assessments[{index}].basis",
                subject=assessment.id,
                message=f"assessment {assessment.id!r} names no basis",
                hint="list the ids of the claims and events it rests on in 'basis'",
            )


@rule(
    "OSR402",
    "likelihood-contradicts-text",
    Severity.WARNING,
    "Estimative words in an assessment's text that contradict its likelihood.",
)
def likelihood_contradicts_text(ctx: Context) -> Iterator[Hit]:
    """The words a reader sees and the likelihood a tool reads must say the same."""
    for index, assessment in enumerate(ctx.report.assessments):
        if assessment.likelihood is None:
            continue
        for phrase, term in estimative_words(assessment.text):
            if term is not assessment.likelihood:
                yield Hit(
                    path=f"$.assessments[{index}].likelihood",
                    subject=assessment.id,
                    message=(
                        f"the text says {phrase!r} ({term.value}) but likelihood is "
                        f"{assessment.likelihood.value}"
                    ),
                    hint=f"set likelihood to {term.value}, or reword the text",
                )
                break


@rule(
    "OSR403",
    "likelihood-with-confidence",
    Severity.WARNING,
    "A sentence that mixes a likelihood term with a confidence level.",
)
def likelihood_with_confidence(ctx: Context) -> Iterator[Hit]:
    """ICD 203: do not combine a degree of likelihood and a confidence level in one sentence."""
    for index, assessment in enumerate(ctx.report.assessments):
        for sentence in _SENTENCE_RE.findall(assessment.text):
            words = estimative_words(sentence)
            confidence = _CONFIDENCE_RE.search(sentence)
            if words and confidence:
                yield Hit(
                    path=f"$.assessments[{index}].text",
                    subject=assessment.id,
                    message=(f"one sentence says both {words[0][0]!r} and {confidence.group(0)!r}"),
                    hint="state likelihood and confidence in separate sentences (ICD 203)",
                )
                break


@rule(
    "OSR404",
    "missing-likelihood",
    Severity.INFO,
    "An assessment whose text uses an ICD 203 term but has no likelihood set.",
)
def missing_likelihood(ctx: Context) -> Iterator[Hit]:
    """Tools read ``likelihood``, not the prose: set it when the text gives one."""
    for index, assessment in enumerate(ctx.report.assessments):
        if assessment.likelihood is not None:
            continue
        words = estimative_words(assessment.text)
        if words:
            phrase, term = words[0]
            yield Hit(
                path=f"$.assessments[{index}]",
                subject=assessment.id,
                message=f"the text says {phrase!r} but likelihood is not set",
                hint=f"set likelihood: {term.value}",
            )
