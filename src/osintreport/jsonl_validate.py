"""Validate a JSON Lines report a window at a time, with memory that does not grow with it.

:func:`validate_jsonl` gives the findings :func:`osintreport.validate` gives for the whole
report, with their lines and columns, without building the report::

    from osintreport.jsonl_validate import validate_jsonl

    result = validate_jsonl("big.jsonl")
    for finding in result.findings:   # read back from a temporary file, rule by rule
        print(finding)
    print(result.coverage)

How it works, in passes over the file:

1. **Index.** Every record is read; what is kept is the header, every actor, source,
   assessment and relation (the collections that stay small), the kind of every id
   (``Context.kinds``) and the ids used twice. Events and claims are not kept.
2. **Needed objects** (only when assessments or relations point at events or claims, or an
   id is used twice): the events and claims they point at are kept, and where each
   repeated id is used.
3. **Windows.** Events and claims are read again, ``window`` of them at a time. Each window
   is validated as a report of the header, the kept collections and the window, with the
   whole report's ``kinds`` and usable sources (:meth:`osintreport.ruleset.Context.prepared`).
   Only hits on the window's own events and claims are kept, renumbered to their place in
   the file and located on their line; they wait in a temporary file, one per rule.
4. **The rest.** The kept collections are validated once more, with every reference the
   windows made to a kept object and with the needed events and claims, which gives the
   hits on the header, actors, sources, assessments and relations (a source no statement
   cites, an assessment resting on false claims, ...).
   ``OSR101`` is reported from the index. The lines those hits are on are read once more.

The findings are the same as the whole report's; within a rule, they come window by window
and then the rest, rather than in the rule's own order. A rule of your own sees the events
and claims of one window at a time (and every other collection whole), so a rule that
compares events with each other should run on the whole report instead.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from ._data_paths import PathPart
from ._gcpause import paused_gc
from ._spool import SpooledFindings
from ._stream_index import KEPT, RANK, STREAMED, Index, index_file, items_of, skim_lines
from .citation_coverage import Coverage, is_usable
from .errors import LoadError
from .findings import Finding, Severity
from .jsonl import iter_record_lines
from .model import Report
from .positions import Position, parse_path, position_in_line, positions_in_line
from .rules import DEFAULT_RULES
from .rules.identity import duplicate_hit, duplicate_id, referenced_ids
from .ruleset import Context, Hit, Rule, RuleSet
from .streamed import CoverageCounter, file_lines, no_progress

__all__ = ["DEFAULT_WINDOW", "StreamedValidation", "validate_jsonl"]

DEFAULT_WINDOW = 10_000
"""Events and claims validated together by default (more when the kept collections are big)."""

_KEPT_KINDS = frozenset(KEPT)
_ITEM_RE = re.compile(r"\$\.(events|claims)\[(\d+)\]")

Tick = Callable[[int], object]


@attrs.frozen(kw_only=True)
class StreamedValidation:
    """What :func:`validate_jsonl` found.

    Attributes:
        findings: The findings at or above the severity asked for, rule by rule, each with
            its line and column; read back from a temporary file each time they are
            iterated (``list(result.findings)`` for a list). ``result.findings.close()``
            frees the file; it is freed anyway when the result is dropped.
        coverage: The report's citation coverage.
        counts: How many actors, events, claims, assessments, sources and relations it has.
    """

    findings: SpooledFindings
    coverage: Coverage
    counts: dict[str, int]


def validate_jsonl(
    path: str | os.PathLike[str],
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    today: dt.date | None = None,
    rules: RuleSet = DEFAULT_RULES,
    min_severity: Severity = Severity.INFO,
    window: int | None = None,
    progress: Tick | None = None,
) -> StreamedValidation:
    """Validate the one report in a JSON Lines file without loading it whole.

    Args:
        path: A ``.jsonl`` file holding one report.
        select: As for :func:`osintreport.validate`.
        ignore: As for :func:`osintreport.validate`.
        today: As for :func:`osintreport.validate`.
        rules: As for :func:`osintreport.validate`.
        min_severity: Keep only findings at or above this level (the rest are not stored).
        window: How many events and claims to validate together. By default
            :data:`DEFAULT_WINDOW`, or as many as the actors, sources, assessments and
            relations together when they are more (each window is checked with all of
            them, so this keeps the time linear).
        progress: Called with the number of characters read, on every pass.

    Raises:
        LoadError: The file cannot be read, or holds no valid report: every problem on
            every line, as :func:`osintreport.load` reports them.
        ValueError: A ``select`` or ``ignore`` code matches no rule, or ``window`` < 1.
    """
    if window is not None and window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    chosen = rules.selected(select, ignore)
    tick = progress or no_progress
    name = os.fspath(path)
    with paused_gc():
        try:
            index = index_file(path, name, tick, skim=True)
            run = _Run(index, chosen, today or dt.date.today(), min_severity)
            run.gather_needed(path, name, tick)
            kept = sum(map(len, index.kept.values()))
            run.windows(path, name, tick, window or max(DEFAULT_WINDOW, kept))
            run.finish(path, tick)
        except LoadError:
            index_file(path, name, no_progress, skim=False)  # raises with every problem
            raise  # the file changed meanwhile: what was found first
    counts = dict(index.counts)
    return StreamedValidation(findings=run.spool, coverage=run.coverage(), counts=counts)


def _with(report: Report, items: dict[str, list[Any]]) -> Report:
    """``report`` with these collections (lists) in place of its own."""
    replaced: dict[str, Any] = {kind: tuple(values) for kind, values in items.items()}
    return attrs.evolve(report, **replaced)


@functools.lru_cache(maxsize=4096)
def _inner_parts(rest: str) -> tuple[PathPart, ...]:
    """The parts of a path's rest after ``$.events[N]`` (the same few rests recur)."""
    return parse_path("$" + rest) or ()


class _Run:
    """Passes 2 to 4, and the findings they gather."""

    def __init__(self, index: Index, rules: RuleSet, today: dt.date, floor: Severity) -> None:
        assert index.header is not None  # _index refuses a file without one
        self.index = index
        self.header = index.header
        self.rules = [r for r in rules if r is not duplicate_id]
        self.order = [r.code for r in rules]
        self.duplicates = any(r is duplicate_id for r in rules)
        self.today = today
        self.floor = floor
        self.usable = frozenset(s.id for s in index.kept["sources"] if is_usable(s))
        self.spool = SpooledFindings(self.order)
        self.failed: set[str] = set()
        self.targets: dict[frozenset[str], set[str]] = {}
        self.needed: dict[str, list[Any]] = {kind: [] for kind in STREAMED}
        self.seen: dict[str, list[tuple[int, str, int]]] = {}  # repeated id -> uses
        self.seen_lines: dict[tuple[str, int], int] = {}  # (kind, place) of those -> line
        self.counter = CoverageCounter(self.usable)
        self.base = _with(self.header, index.kept)

    def gather_needed(self, path: str | os.PathLike[str], name: str, tick: Tick) -> None:
        """Pass 2: the events and claims the kept collections point at."""
        context = self._context(self.base)
        kinds, repeated = self.index.kinds, self.index.repeated
        wanted = {
            target
            for targets in referenced_ids(context).values()
            for target in targets
            if kinds.get(target) in STREAMED or target in repeated
        }
        if not wanted:
            return  # nothing kept points at an event or a claim: no pass
        found: set[tuple[str, str]] = set()
        lines = skim_lines(file_lines(path, tick), lambda _, ident: ident in wanted)
        for _, _, record in iter_record_lines(lines, file=name):
            for kind, item in items_of(record):
                if kind in STREAMED and item.id in wanted and (kind, item.id) not in found:
                    found.add((kind, item.id))  # the first of each kind, as Context.claims
                    self.needed[kind].append(item)

    def windows(self, path: str | os.PathLike[str], name: str, tick: Tick, size: int) -> None:
        """Pass 3: events and claims, ``size`` at a time."""
        repeated = self.index.repeated
        offsets = dict.fromkeys(STREAMED, 0)
        batch: dict[str, list[tuple[Any, int, str, bool]]] = {kind: [] for kind in STREAMED}
        for number, line, record in iter_record_lines(file_lines(path, tick), file=name):
            inside = isinstance(record, Report)
            for kind, item in items_of(record):
                if kind not in STREAMED:
                    continue
                if item.id in repeated:
                    place = offsets[kind] + len(batch[kind])
                    self.seen.setdefault(item.id, []).append((RANK[kind], kind, place))
                    self.seen_lines[(kind, place)] = number
                batch[kind].append((item, number, line, inside))
                self.counter.add(item)
            if sum(map(len, batch.values())) >= size:
                self._window(batch, offsets)
                for kind in STREAMED:
                    offsets[kind] += len(batch[kind])
                batch = {kind: [] for kind in STREAMED}
        if any(batch.values()):
            self._window(batch, offsets)

    def _context(self, report: Report) -> Context:
        return Context.prepared(
            report, self.today, kinds=self.index.kinds, usable_sources=self.usable
        )

    def _window(
        self, batch: dict[str, list[tuple[Any, int, str, bool]]], offsets: dict[str, int]
    ) -> None:
        # The needed objects first, so that where an id repeats the first use is found.
        items = {kind: self.needed[kind] + [row[0] for row in batch[kind]] for kind in STREAMED}
        report = _with(self.base, items)
        context = self._context(report)
        found: list[tuple[Rule, Hit, str, str, int]] = []
        wanted: dict[tuple[str, int], list[tuple[PathPart, ...]]] = {}
        for rule in self.rules:
            for hit in self._hits(rule, context):
                match = _ITEM_RE.match(hit.path)
                if match is None:
                    continue  # on the header or a kept collection: the last pass has it
                kind = match.group(1)
                at = int(match.group(2)) - len(self.needed[kind])
                if at < 0:
                    continue  # a needed object, not one of this window's
                rest = hit.path[match.end() :]
                hit_path = f"$.{kind}[{offsets[kind] + at}]{rest}"
                found.append((rule, hit, hit_path, kind, at))
                inner = _inner_parts(rest)  # the path inside the item's own line
                if batch[kind][at][3]:  # the item is written inside the header line
                    inner = (kind, offsets[kind] + at, *inner)
                wanted.setdefault((kind, at), []).append(inner)
        places: dict[tuple[str, int], Iterator[Position]] = {}
        for (kind, at), paths in wanted.items():  # each line is read once for all its hits
            _, number, line, _ = batch[kind][at]
            places[(kind, at)] = iter(positions_in_line(line, number, paths))
        for rule, hit, hit_path, kind, at in found:
            self.spool.add(self._finding(rule, hit, hit_path, next(places[(kind, at)])))
        for group, ids in referenced_ids(context).items():
            # Only references to kept kinds can change a hit on a kept object (a source
            # nobody cites); the rest would be an index as big as the report.
            if group <= _KEPT_KINDS:
                self.targets.setdefault(group, set()).update(ids)

    def _hits(self, rule: Rule, context: Context) -> list[Hit]:
        if rule.code in self.failed:
            return []
        hits: list[Hit] = []
        try:
            hits.extend(rule.check(context))
        except Exception as error:
            self.failed.add(rule.code)
            self.spool.add(
                Finding(
                    code="OSR000",
                    severity=Severity.ERROR,
                    path="$",
                    subject=self.header.id,
                    message=(
                        f"rule {rule.code} ({rule.name}) failed: {type(error).__name__}: {error}"
                    ),
                    hint="this is a bug in the rule; please report it with the document",
                ),
                rule.code,
            )
        return [h for h in hits if (h.severity or rule.severity) >= self.floor]

    def _finding(self, rule: Rule, hit: Hit, path: str, where: Position | None) -> Finding:
        return Finding(
            code=rule.code,
            severity=hit.severity or rule.severity,
            path=path,
            subject=hit.subject,
            message=hit.message,
            hint=hit.hint,
            line=where.line if where else None,
            column=where.column if where else None,
        )

    def finish(self, path: str | os.PathLike[str], tick: Tick) -> None:
        """Pass 4: the header and kept collections, ``OSR101``, and where their hits are."""
        report = _with(self.base, self.needed)
        context = self._context(report)
        targets = referenced_ids(context)  # cached in the context: add the windows' ids
        for group, ids in self.targets.items():
            targets.setdefault(group, set()).update(ids)
        rest: list[tuple[Rule, Hit]] = []
        for rule in self.rules:
            rest.extend((rule, h) for h in self._hits(rule, context) if not _ITEM_RE.match(h.path))
        if self.duplicates and self.floor <= Severity.ERROR:
            rest.extend((duplicate_id, hit) for hit in self._duplicate_hits())
        places = self._places(path, tick, [hit.path for _, hit in rest])
        for rule, hit in rest:
            self.spool.add(self._finding(rule, hit, hit.path, places.get(hit.path)))

    def _duplicate_hits(self) -> list[Hit]:
        """``OSR101`` as :func:`~osintreport.rules.identity.duplicate_id` gives it."""
        uses = self.seen
        for kind in KEPT:
            for place, item in enumerate(self.index.kept[kind]):
                if item.id in self.index.repeated:
                    uses.setdefault(item.id, []).append((RANK[kind], kind, place))
        later: list[tuple[int, int, str, tuple[str, int], tuple[str, int]]] = []
        for ident, found in uses.items():
            found.sort()
            _, first_kind, first_place = found[0]
            for rank, kind, place in found[1:]:
                later.append((rank, place, ident, (kind, place), (first_kind, first_place)))
        later.sort()
        return [duplicate_hit(ident, at, first) for _, _, ident, at, first in later]

    def _places(
        self, path: str | os.PathLike[str], tick: Tick, paths: list[str]
    ) -> dict[str, Position]:
        """Where each of ``paths`` (on the header or a kept item) is: one more read."""
        index = self.index
        wanted: dict[str, tuple[int, tuple[Any, ...]]] = {}
        for hit_path in paths:
            parts = parse_path(hit_path)
            if parts is None:
                continue
            number, inner = index.header_line, parts
            if len(parts) >= 2 and isinstance(parts[0], str) and isinstance(parts[1], int):
                kind, place = parts[0], parts[1]
                lines = index.lines.get(kind, [])
                at = lines[place] if place < len(lines) else self.seen_lines.get((kind, place))
                if at is not None and at != index.header_line:
                    number, inner = at, parts[2:]
            wanted[hit_path] = (number, inner)
        rows = {number for number, _ in wanted.values()}
        found: dict[int, str] = {}
        if rows:
            for number, line in enumerate(file_lines(path, tick), start=1):
                if number in rows:
                    found[number] = line
                    if len(found) == len(rows):
                        break
        return {
            hit_path: position_in_line(found[number], number, inner)
            for hit_path, (number, inner) in wanted.items()
            if number in found
        }

    def coverage(self) -> Coverage:
        for assessment in self.index.kept["assessments"]:
            self.counter.add(assessment)
        return self.counter.coverage()
