"""Turn the body's sentences and footnote markers into draft claims, within citation limits.

A marker cites every URL of every endnote it names: ``[12-14]`` over three endnotes of four
URLs each makes twelve citations. A hostile or garbled text can make that explode (one marker
``[1,1,1,...]`` repeated a hundred thousand times against an endnote of a hundred URLs would
make ten million), so three rules keep the draft in proportion to the text:

* the same citation (source and endnote number) is made once per claim;
* one marker makes at most :data:`MAX_CITATIONS_PER_MARKER` citations (finding ``ING009``);
* the whole draft holds at most :func:`citation_budget` citations, one per four characters of
  text and never fewer than 10,000 (finding ``ING010``); the corpus report uses one per 300,
  and a marker takes three characters, so only a text whose markers fan out hits the budget.

Both limits can be raised through :func:`~osintreport.ingest.read_footnoted`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import attrs

from .._extensions import NO_EXTENSIONS
from .._fastinit import make_builder
from ..findings import Finding, Severity
from ..model import Claim
from ..parts import Citation
from .layout import Layout, Unit, split_sentences
from .markers import Number, marker_spans, strip_spans

__all__ = [
    "MAX_CITATIONS_PER_MARKER",
    "Drafted",
    "Drafter",
    "citation_budget",
    "claim_id",
    "draft_claims",
    "new_claim",
]

MAX_CITATIONS_PER_MARKER = 100
"""How many citations one footnote marker may make by default."""

MAX_CLAIMS = 50_000
"""How many claims a draft may hold by default (and body units its layout reads).

A long report gives a few thousand claims; 50,000 is a book of short sentences. A text of
hundreds of thousands of one-word lines is garbage or an attack, and each claim costs a
validated object and, uncited, a finding: past the cap the draft stops, with finding ING013.
"""

_LETTER_RE = re.compile(r"[^\W\d_]")
# Claim(id=, text=, citations=, extensions=) with the same checks, for a draft's many claims.
_new_claim = make_builder(Claim, ("id", "text", "citations", "extensions"))


def citation_budget(text_length: int) -> int:
    """The default cap on a draft's citations: one per four characters, at least 10,000."""
    return max(10_000, text_length // 4)


@attrs.frozen(kw_only=True)
class Drafted:
    """Claims drafted from the body, and what the markers pointed to.

    Attributes:
        claims: One draft claim per sentence or bullet with words in it.
        cited: Every footnote number a marker names.
        references: Footnote references counted (``[12][13]`` counts two).
        order: Footnote numbers in the order they first appear.
        findings: ``ING009`` per marker cut to the per-marker cap, ``ING010`` once when the
            draft's citation budget ran out.
        stopped_at: The line of the sentence that would have been claim ``max_claims + 1``,
            where drafting stopped; ``None`` when the whole body was drafted.
    """

    claims: tuple[Claim, ...]
    cited: frozenset[Number]
    references: int
    order: tuple[Number, ...]
    findings: tuple[Finding, ...]
    stopped_at: int | None = None


Pair = tuple[str | None, Number]
"""One citation as made: the source id (``None`` for none) and the endnote number."""


class _Limits:
    """The caps, what they cost so far, and each distinct marker's citations (read once).

    A plain slotted class: mutable working state for one call of :func:`draft_claims`.
    """

    __slots__ = ("budget", "dropped", "findings", "made", "per_marker", "targets", "used")

    def __init__(
        self, *, targets: dict[Number, list[str | None]], per_marker: int, budget: int
    ) -> None:
        self.targets = targets
        self.per_marker = per_marker
        self.budget = budget
        self.used = 0
        self.dropped = 0
        self.findings: list[Finding] = []
        self.made: dict[tuple[Number, ...], list[Pair]] = {}

    def citations(self, numbers: tuple[Number, ...], line: int) -> list[Pair]:
        """The citations a marker makes, cut to the per-marker cap (``ING009`` once each)."""
        if numbers in self.made:
            return self.made[numbers]
        made: list[Pair] = []
        wanted = 0
        for number in numbers:
            sources = self.targets.get(number, [None])
            wanted += len(sources)
            room = self.per_marker - len(made)
            made.extend((source, number) for source in sources[: max(room, 0)])
        if wanted > self.per_marker:
            shown = ", ".join(str(n) for n in numbers[:5]) + (", ..." if len(numbers) > 5 else "")
            self.findings.append(
                Finding(
                    code="ING009",
                    severity=Severity.WARNING,
                    path=f"line {line}",
                    subject=shown,
                    message=f"marker [{shown}] would cite {wanted} sources; "
                    f"the first {self.per_marker} were kept",
                    hint="check the marker and its endnotes, or raise max_citations_per_marker",
                )
            )
        self.made[numbers] = made
        return made


class _Draft:
    """A claim being drafted: its text, its citations, and the markers already counted.

    A plain slotted class, not attrs: one is made per sentence and thrown away, and a text
    of many short bullets makes a hundred thousand.
    """

    __slots__ = ("body", "markers", "pairs", "section")

    def __init__(self, body: str, section: str | None) -> None:
        self.body = body
        self.section = section
        self.pairs: dict[Pair, None] = {}
        self.markers: set[tuple[Number, ...]] = set()

    def cite(self, numbers: tuple[Number, ...], line: int, limits: _Limits) -> None:
        """Add a marker's citations, as far as the draft's budget goes."""
        if numbers in self.markers:
            return  # the same marker again in the same claim adds nothing
        self.markers.add(numbers)
        for pair in limits.citations(numbers, line):
            if pair in self.pairs:
                continue
            if limits.used >= limits.budget:
                limits.dropped += 1
                continue
            self.pairs[pair] = None
            limits.used += 1


class Drafter:
    """Drafts claims from the body's units one at a time (see :func:`draft_claims`).

    :meth:`drafts` yields each draft once no later sentence can add to its citations;
    when it is done, the attributes say what the markers pointed to and :meth:`findings`
    what went over a cap. A plain class: the working state of one draft.
    """

    __slots__ = ("budget", "cited", "count", "limits", "max_claims", "references", "stopped_at")

    def __init__(
        self,
        targets: dict[Number, list[str | None]],
        *,
        per_marker: int = MAX_CITATIONS_PER_MARKER,
        budget: int = 10_000,
        max_claims: int | None = None,
    ) -> None:
        self.limits = _Limits(targets=targets, per_marker=per_marker, budget=budget)
        self.budget = budget
        self.max_claims = max_claims
        self.cited: dict[Number, None] = {}
        self.references = 0
        self.count = 0
        self.stopped_at: int | None = None

    def drafts(self, units: Iterable[Unit]) -> Iterator[_Draft]:
        """Each draft claim of ``units``, in order."""
        limits, cited, max_claims = self.limits, self.cited, self.max_claims
        last: _Draft | None = None
        section: str | None = None
        pending: list[tuple[tuple[Number, ...], int]] = []  # a heading's markers, not placed

        def start(draft: _Draft) -> None:
            for numbers, line in pending:
                draft.cite(numbers, line, limits)
            pending.clear()
            self.count += 1

        def full() -> bool:
            return max_claims is not None and self.count >= max_claims

        for unit in units:
            if unit.heading:
                if pending and section and full():
                    self.stopped_at = unit.line
                    break
                if pending and section:  # the last heading's markers found no claim under it
                    if last is not None:
                        yield last
                    last = _Draft(section, section)
                    start(last)
                markers = marker_spans(unit.text)
                section = strip_spans(unit.text, [m[1:] for m in markers]).strip() or None
                for numbers, _, _ in markers:
                    self.references += len(numbers)
                    cited.update(dict.fromkeys(numbers))
                    pending.append((numbers, unit.line))
                continue
            for sentence in split_sentences(unit.text):
                markers = marker_spans(sentence)
                body = strip_spans(sentence, [m[1:] for m in markers]) if markers else sentence
                has_words = _LETTER_RE.search(body) is not None
                if has_words and full():
                    self.stopped_at = unit.line
                    break
                if has_words:
                    if last is not None:
                        yield last
                    last = _Draft(body, section)
                    start(last)
                # A sentence of markers alone belongs to the sentence before it.
                for numbers, _, _ in markers:
                    self.references += len(numbers)
                    cited.update(dict.fromkeys(numbers))
                    if last is not None:
                        last.cite(numbers, unit.line, limits)
            if self.stopped_at is not None:
                break
        if pending and section and self.stopped_at is None:
            if last is not None:
                yield last
            last = _Draft(section, section)
            start(last)
        if last is not None:
            yield last

    def findings(self) -> list[Finding]:
        """``ING009`` per marker cut to its cap, ``ING010`` when the budget ran out."""
        found = list(self.limits.findings)
        if self.limits.dropped:
            found.append(
                Finding(
                    code="ING010",
                    severity=Severity.WARNING,
                    path="$",
                    subject=None,
                    message=f"the text would make more than {self.budget} citations; "
                    f"{self.limits.dropped} were left out",
                    hint="check the markers for garbling, or raise max_citations",
                )
            )
        return found


def claim_id(index: int, count: int) -> str:
    """The id of draft claim ``index`` (from 1) of ``count``: ``cl-001``, zero-padded alike."""
    return f"cl-{index:0{max(3, len(str(count)))}d}"


def draft_claims(
    layout: Layout,
    targets: dict[Number, list[str | None]],
    *,
    per_marker: int = MAX_CITATIONS_PER_MARKER,
    budget: int = 10_000,
    max_claims: int | None = None,
) -> Drafted:
    """Draft one claim per sentence, citing ``targets[number]`` (source ids) for each marker.

    A sentence of markers alone belongs to the sentence before it. A heading is no claim: it
    names the section of the claims under it (``x_section``), and its own markers go to the
    first of them (or, when none follows, to a claim of the heading's text).
    """
    drafter = Drafter(targets, per_marker=per_marker, budget=budget, max_claims=max_claims)
    drafts = list(drafter.drafts(layout.units))
    # Citations are immutable: one object per distinct citation, one tuple per distinct list,
    # shared by the claims that have it (a text of many short bullets makes many of them).
    objects: dict[Pair, Citation] = {}
    lists: dict[tuple[Pair, ...], tuple[Citation, ...]] = {}

    def citations(pairs: dict[Pair, None]) -> tuple[Citation, ...]:
        key = tuple(pairs)
        if key not in lists:
            for pair in key:
                if pair not in objects:
                    objects[pair] = Citation(source=pair[0], locator=pair[1])
            lists[key] = tuple(objects[pair] for pair in key)
        return lists[key]

    claims = tuple(
        new_claim(claim_id(index, len(drafts)), draft.body, citations(draft.pairs), draft.section)
        for index, draft in enumerate(drafts, start=1)
    )
    return Drafted(
        claims=claims,
        cited=frozenset(drafter.cited),
        references=drafter.references,
        order=tuple(drafter.cited),
        findings=tuple(drafter.findings()),
        stopped_at=drafter.stopped_at,
    )


def new_claim(id: str, text: str, citations: tuple[Citation, ...], section: str | None) -> Claim:
    """A draft claim, its section (if any) as ``x_section``."""
    claim: Claim = _new_claim(
        id, text, citations, {"x_section": section} if section else NO_EXTENSIONS
    )
    return claim
