"""The rule framework: what a validation rule is, and the context every rule reads.

A rule is a small function that reads a :class:`Context` and yields :class:`Hit` values; the
:func:`rule` decorator turns it into a :class:`Rule` with a stable code, a name, a default
severity and a one-line summary. A :class:`RuleSet` is an immutable collection of rules::

    from osintreport import Severity, validate
    from osintreport.ruleset import Hit, rule
    from osintreport.rules import DEFAULT_RULES

    @rule("X100", "short-title", Severity.INFO, "A report title under 10 characters.")
    def short_title(ctx):
        if len(ctx.report.title) < 10:
            yield Hit(path="$.title", subject=ctx.report.id, message="the title is short",
                      hint="say what the report is about")

    findings = validate(report, rules=DEFAULT_RULES.extended(short_title))

Built-in codes start with ``OSR``; use another prefix for your own.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from .citation_coverage import is_usable
from .findings import Severity
from .model import COLLECTIONS, Actor, Assessment, Claim, Event, Report, Source

__all__ = ["Context", "Hit", "Rule", "RuleSet", "Statement", "rule"]

_CODE_RE = re.compile(r"^[A-Z]{1,6}[0-9]{1,4}$")

Statement = Claim | Event | Assessment
"""What can cite sources: claims, events and assessments."""


@attrs.frozen(kw_only=True)
class Hit:
    """What a rule yields for each problem; validation adds the code and severity.

    Attributes:
        path: Where in the document (``"$.claims[3].citations[0]"``).
        subject: The id of the object concerned, if any.
        message: What is wrong.
        hint: What to do about it.
        severity: Overrides the rule's default severity for this hit.
    """

    path: str
    subject: str | None
    message: str
    hint: str = ""
    severity: Severity | None = None


@attrs.frozen(kw_only=True)
class Rule:
    """A validation rule.

    Attributes:
        code: Stable code like ``"OSR301"`` (capital letters then digits).
        name: Short kebab-case name like ``"uncited-statement"``.
        severity: The default severity of its findings.
        summary: One line saying what it reports.
        check: The function: ``check(ctx) -> Iterable[Hit]``.
    """

    code: str = attrs.field()
    name: str
    severity: Severity
    summary: str
    check: Callable[[Context], Iterable[Hit]] = attrs.field(eq=False)

    @code.validator
    def _check_code(self, _: Any, value: str) -> None:
        if not _CODE_RE.fullmatch(value):
            raise ValueError(
                f"rule code {value!r} must be capital letters then digits, like 'X100'"
            )


def rule(
    code: str, name: str, severity: Severity, summary: str
) -> Callable[[Callable[[Context], Iterable[Hit]]], Rule]:
    """Make a :class:`Rule` of a function ``check(ctx) -> Iterable[Hit]``.

    Args:
        code: Stable code (``"X100"``); built-in rules use ``OSR``.
        name: Short kebab-case name.
        severity: Default severity of the rule's findings.
        summary: One line saying what it reports.
    """

    def wrap(check: Callable[[Context], Iterable[Hit]]) -> Rule:
        return Rule(code=code, name=name, severity=severity, summary=summary, check=check)

    return wrap


def _as_rules(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(rules)


@attrs.frozen
class RuleSet:
    """An immutable, ordered set of rules with unique codes.

    Attributes:
        rules: The rules, in the order they run.
    """

    rules: tuple[Rule, ...] = attrs.field(converter=_as_rules)

    @rules.validator
    def _unique(self, _: Any, value: tuple[Rule, ...]) -> None:
        seen: set[str] = set()
        for item in value:
            if not isinstance(item, Rule):
                raise TypeError(f"not a Rule: {item!r}")
            if item.code in seen:
                raise ValueError(f"two rules share the code {item.code!r}")
            seen.add(item.code)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def extended(self, *rules: Rule) -> RuleSet:
        """Return a new set with ``rules`` added after these."""
        return RuleSet((*self.rules, *rules))

    def get(self, code: str) -> Rule | None:
        """Return the rule with ``code``, or ``None``."""
        return next((r for r in self.rules if r.code == code), None)

    def selected(self, select: Iterable[str] | None, ignore: Iterable[str]) -> RuleSet:
        """Keep rules whose code starts with a ``select`` prefix and with no ``ignore`` prefix.

        Raises:
            ValueError: A prefix matches no rule (most likely a typo).
        """
        select = None if select is None else tuple(select)
        ignore = tuple(ignore)
        for prefix in (*(select or ()), *ignore):
            if not any(r.code.startswith(prefix) for r in self.rules):
                known = ", ".join(r.code for r in self.rules)
                raise ValueError(f"no rule code starts with {prefix!r}; known codes: {known}")
        return RuleSet(
            r
            for r in self.rules
            if (select is None or r.code.startswith(select)) and not r.code.startswith(ignore)
        )


def path_of(kind: str, index: int) -> str:
    """The document path of the ``index``-th item of a collection, like ``$.claims[3]``."""
    return f"$.{kind}[{index}]"


class Context:
    """What every rule reads: the report, today's date and indexes built once.

    The indexes are built with C-speed passes (dictionaries, sets, ``map``) and paths are
    only formatted where a rule reports a hit, so a rule that finds nothing costs little.

    Attributes:
        report: The report being validated.
        today: The date that counts as today.
        kinds: Every id in the report -> the kind (``"actors"``, ``"events"``, ...) of its
            first use, in the order actors, events, claims, assessments, sources, relations.
        duplicates: ``(kind, index, object)`` of every later use of an id already taken.
        usable_sources: Ids of sources a reader could find (URL, archive URL or title).
        cache: Room for rules to keep what they build once per validation and share
            (``identity.references`` keeps every reference there).

    The indexes from id to object (:attr:`actors`, :attr:`events`, :attr:`claims`,
    :attr:`sources`, :attr:`by_id`) and :attr:`statements` are built when first asked for.
    """

    def __init__(self, report: Report, today: dt.date) -> None:
        self.report = report
        self.today = today
        self.cache: dict[str, Any] = {}
        # One pass per kind, C-speed: later kinds first and each kind backwards, so the
        # first use of an id is the one left standing.
        self.kinds: dict[str, str] = {}
        total = 0
        for kind in reversed(COLLECTIONS):
            items = getattr(report, kind)
            total += len(items)
            self.kinds.update(zip(map(_ID, reversed(items)), itertools.repeat(kind), strict=False))
        self.duplicates: list[tuple[str, int, Any]] = []
        if len(self.kinds) != total:  # some id is used twice: list every later use
            by_id = self.by_id
            for kind in COLLECTIONS:
                for index, item in enumerate(getattr(report, kind)):
                    first_kind, first_index, _ = by_id[item.id]
                    if (first_kind, first_index) != (kind, index):
                        self.duplicates.append((kind, index, item))
        self.usable_sources: frozenset[str] = frozenset(
            s.id for s in report.sources if is_usable(s)
        )

    @classmethod
    def prepared(
        cls,
        report: Report,
        today: dt.date,
        *,
        kinds: dict[str, str],
        usable_sources: frozenset[str],
        cache: dict[str, Any] | None = None,
    ) -> Context:
        """A context whose indexes were built elsewhere, for a part of a bigger report.

        :func:`osintreport.jsonl_validate.validate_jsonl` validates a JSON Lines report a
        window of events and claims at a time: ``report`` holds the window, and ``kinds``
        and ``usable_sources`` describe the whole report. ``cache`` starts the context's
        cache (a copy; empty by default). :attr:`duplicates` is empty: ``OSR101`` is
        reported from the stream's own index.
        """
        self = cls.__new__(cls)
        self.report = report
        self.today = today
        self.cache = dict(cache or {})
        self.kinds = kinds
        self.duplicates = []
        self.usable_sources = usable_sources
        return self

    @property
    def actors(self) -> dict[str, Actor]:
        """Actor id -> actor (first of duplicates)."""
        return self._index("actors")

    @property
    def events(self) -> dict[str, Event]:
        """Event id -> event (first of duplicates)."""
        return self._index("events")

    @property
    def claims(self) -> dict[str, Claim]:
        """Claim id -> claim (first of duplicates)."""
        return self._index("claims")

    @property
    def sources(self) -> dict[str, Source]:
        """Source id -> source (first of duplicates)."""
        return self._index("sources")

    def _index(self, kind: str) -> dict[str, Any]:
        key = f"index:{kind}"
        cached: dict[str, Any] | None = self.cache.get(key)
        if cached is None:
            cached = self.cache[key] = _first(getattr(self.report, kind))
        return cached

    @property
    def by_id(self) -> dict[str, tuple[str, int, Any]]:
        """Every id in the report -> ``(kind, index, object)`` of its first use (built once)."""
        cached: dict[str, tuple[str, int, Any]] | None = self.cache.get("by_id")
        if cached is None:
            cached = {}
            # Later kinds first and each kind backwards, so the first use of an id wins.
            for kind in reversed(COLLECTIONS):
                items = getattr(self.report, kind)
                cached.update(zip(map(_ID, reversed(items)), _entries(kind, items), strict=True))
            self.cache["by_id"] = cached
        return cached

    @property
    def statements(self) -> list[tuple[str, Statement]]:
        """``(path, statement)`` for every claim, event and assessment (built on first use)."""
        cached: list[tuple[str, Statement]] | None = self.cache.get("statements")
        if cached is None:
            cached = [
                (path_of(kind, index), item)
                for kind, items in self.statement_groups()
                for index, item in enumerate(items)
            ]
            self.cache["statements"] = cached
        return cached

    def statement_groups(self) -> tuple[tuple[str, tuple[Statement, ...]], ...]:
        """``(kind, items)`` for claims, events and assessments, in that order."""
        report = self.report
        return (
            ("claims", report.claims),
            ("events", report.events),
            ("assessments", report.assessments),
        )

    def kind_of(self, ref: str) -> str | None:
        """The collection (``"actors"``, ``"events"``, ...) an id belongs to, or ``None``.

        Where an id is used more than once, the kind of its first use.
        """
        return self.kinds.get(ref)


_ID = operator.attrgetter("id")


def _entries(kind: str, items: tuple[Any, ...]) -> Iterator[tuple[str, int, Any]]:
    """``(kind, index, item)`` for ``items`` from the last to the first."""
    return zip(itertools.repeat(kind), range(len(items) - 1, -1, -1), reversed(items))


def _first(items: tuple[Any, ...]) -> dict[str, Any]:
    """Id -> item, the first item winning where an id repeats."""
    return dict(zip(map(_ID, reversed(items)), reversed(items), strict=True))
