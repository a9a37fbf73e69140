"""How many independent sources support each claim: :func:`corroboration`.

Three outlets repeating one Telegram post are one source, not three. A claim's support is
every source that carries it: its citations, sources and claims that ``corroborates`` it,
and claims that are a ``duplicate_of`` it. Sources are then grouped, and each group counts
once, when they are not independent of each other:

- one ``derived_from`` the other, directly or through a chain (two outlets that both
  derive from one post are one group, with the post, even if the claim does not cite it);
- one a ``duplicate_of`` the other;
- the same publisher (by name, in any spelling) or the same web host;
- speaking for the same actor: the same ``affiliation`` (or ``attributed_to`` relation),
  up the actors' ``parent`` chains (a ministry and its government are one voice).

Circular reporting is a finding (see :data:`CORROBORATION_RULES`, codes ``OSR9xx``):

- ``OSR901`` a ``derived_from`` cycle: A derives from B, which derives from A;
- ``OSR902`` a claim carried by several sources that all trace to one origin;
- ``OSR903`` a claim marked ``corroborated`` with fewer than two independent sources.

    >>> import osintreport as osr
    >>> post = osr.Source(id="tg", kind=osr.SourceKind.SOCIAL_MEDIA, publisher="Telegram")
    >>> outlets = tuple(osr.Source(id=f"s{n}", publisher=f"Outlet {n}") for n in range(3))
    >>> report = osr.Report(id="r", title="T", sources=(post, *outlets), claims=(
    ...     osr.Claim(id="c1", text="A strike hit the depot.",
    ...               citations=tuple(osr.Citation(source=s.id) for s in outlets)),),
    ...     relations=tuple(osr.Relation(id=f"d{n}", kind=osr.RelationKind.DERIVED_FROM,
    ...                                  subject=f"s{n}", object="tg") for n in range(3)))
    >>> support = corroboration(report).of("c1")
    >>> support.count, support.independent
    (3, 1)
    >>> support.groups
    (('s0', 's1', 's2'),)
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator

import attrs

from .findings import FindingList
from .model import Claim, Report
from .vocab import RelationKind

__all__ = ["Corroboration", "Support", "SupportIndex", "corroboration", "derivation_cycles"]


@attrs.frozen(kw_only=True)
class Support:
    """The sources behind one claim, grouped by independence.

    Attributes:
        claim: The claim's id.
        sources: Every source that carries it, in order of first mention.
        groups: The sources in groups that are not independent of each other; each group
            counts once.
        reasons: Why sources were grouped, one line per link (``"s1 derived from tg"``).
    """

    claim: str
    sources: tuple[str, ...]
    groups: tuple[tuple[str, ...], ...]
    reasons: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        """How many sources carry the claim."""
        return len(self.sources)

    @property
    def independent(self) -> int:
        """How many of them are independent of each other (the number of groups)."""
        return len(self.groups)


@attrs.frozen(kw_only=True)
class Corroboration:
    """Support for every claim of a report, and the circular reporting found.

    Attributes:
        claims: One :class:`Support` per claim, in the report's order.
        cycles: Each ``derived_from`` cycle, as the ids around it.
    """

    claims: tuple[Support, ...]
    cycles: tuple[tuple[str, ...], ...] = ()

    def of(self, claim: str) -> Support:
        """The support of the claim with id ``claim``.

        Raises:
            KeyError: No claim has that id.
        """
        if not self._by_claim:
            for support in self.claims:
                self._by_claim.setdefault(support.claim, support)
        return self._by_claim[claim]

    def findings(self) -> FindingList:
        """The circular reporting found, as findings (``OSR901``-``OSR903``)."""
        from .validation import validate

        return validate(self._report, select=["OSR901", "OSR902", "OSR903"])

    _report: Report = attrs.field(alias="report", eq=False, repr=False)
    _by_claim: dict[str, Support] = attrs.field(
        alias="by_claim", factory=dict, eq=False, repr=False, init=False
    )


class _Groups:
    """A union-find over source ids that remembers why sources were joined."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.links: dict[str, list[tuple[str, str, str]]] = {}  # by source, both ends
        self.traits: dict[str, list[tuple[str, str]]] = {}  # source -> (trait, value)
        self.chains: dict[str, dict[str, None]] | None = None  # root -> link lines

    def find(self, item: str) -> str:
        root = item
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(item, item) != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def link(self, subject: str, obj: str, why: str) -> None:
        """``subject`` derives from (or duplicates) ``obj``."""
        self.join(obj, subject)
        for end in (subject, obj):
            self.links.setdefault(end, []).append((subject, why, obj))

    def why(self, members: list[str]) -> Iterator[str]:
        """Why ``members`` (of one group) are not independent, one line per reason."""
        if self.chains is None:  # every link of each group, through sources not cited too
            self.chains = {}
            for end, links in self.links.items():
                chain = self.chains.setdefault(self.find(end), {})
                for subject, why, obj in links:
                    chain[f"{subject} {why} {obj}"] = None
        lines = dict(self.chains.get(self.find(members[0]), {}))
        sharing: dict[tuple[str, str], list[str]] = {}
        for member in members:
            for shared in self.traits.get(member, ()):
                sharing.setdefault(shared, []).append(member)
        for (trait, value), holders in sharing.items():
            if len(holders) > 1:
                lines[f"{', '.join(holders)}: {trait} {value!r}"] = None
        yield from lines


def corroboration(report: Report) -> Corroboration:
    """Count, for each claim of ``report``, its sources and its independent sources."""
    index = SupportIndex(report)
    return Corroboration(
        claims=tuple(index.support(claim) for claim in report.claims),
        cycles=tuple(derivation_cycles(report)),
        report=report,
    )


class SupportIndex:
    """What :func:`corroboration` works from, for asking about one claim at a time.

    The validation rules use it to look only at the claims that can be reported (two
    sources or more, or marked corroborated), which keeps ``validate`` fast on reports of
    many single-source claims.
    """

    def __init__(self, report: Report) -> None:
        self.groups = _source_groups(report)
        self.claims: dict[str, Claim] = {}  # the first of claims sharing an id, as validate
        for claim in report.claims:
            self.claims.setdefault(claim.id, claim)
        self.extra: dict[str, list[str]] = {}
        for relation in report.relations:
            if relation.object is None:
                continue
            if relation.kind is RelationKind.CORROBORATES:
                self.extra.setdefault(relation.object, []).append(relation.subject)
            elif relation.kind is RelationKind.DUPLICATE_OF:
                self.extra.setdefault(relation.object, []).append(relation.subject)
                self.extra.setdefault(relation.subject, []).append(relation.object)
        self.sources = {source.id for source in report.sources}
        self._roots: dict[str, str] = {}  # each source's group, found once
        self._why: dict[str, tuple[str, ...]] = {}  # each shared group's reasons

    def carried(self, claim: Claim) -> tuple[str, ...]:
        """The ids of the sources that carry ``claim``, in order of first mention."""
        found = [c.source for c in claim.citations if c.source is not None]
        for other in self.extra.get(claim.id, ()):
            if other in self.sources:
                found.append(other)
            elif other in self.claims:
                found += [c.source for c in self.claims[other].citations if c.source is not None]
        return tuple(dict.fromkeys(found)) if len(found) > 1 else tuple(found)

    def root(self, source: str) -> str:
        """The group ``source`` is in (an id standing for the group)."""
        root = self._roots.get(source)
        if root is None:
            root = self._roots[source] = self.groups.find(source)
        return root

    def independent(self, carried: tuple[str, ...]) -> int:
        """How many groups the sources ``carried`` fall in."""
        return len({self.root(source) for source in carried})

    def support(self, claim: Claim) -> Support:
        """The :class:`Support` of one claim."""
        carried = self.carried(claim)
        if len(carried) < 2:
            return Support(claim=claim.id, sources=carried, groups=(carried,) if carried else ())
        by_root: dict[str, list[str]] = {}
        for source in carried:
            by_root.setdefault(self.root(source), []).append(source)
        reasons: list[str] = []
        for members in by_root.values():
            if len(members) > 1:
                key = "\0".join(members)
                if key not in self._why:
                    self._why[key] = tuple(self.groups.why(members))
                reasons += self._why[key]
        return Support(
            claim=claim.id,
            sources=carried,
            groups=tuple(map(tuple, by_root.values())),
            reasons=tuple(reasons),
        )


def _source_groups(report: Report) -> _Groups:
    groups = _Groups()
    for relation in report.relations:
        if relation.object is None:
            continue
        if relation.kind is RelationKind.DERIVED_FROM:
            groups.link(relation.subject, relation.object, "derived from")
        elif relation.kind is RelationKind.DUPLICATE_OF:
            groups.link(relation.subject, relation.object, "duplicate of")
    voice = _voices(report)
    first_with: dict[tuple[str, str], str] = {}
    for source in report.sources:
        traits = []
        if source.publisher:
            traits.append(("same publisher", " ".join(source.publisher.casefold().split())))
        host = _host(source.url)
        if host:
            traits.append(("same host", host))
        speaker = voice.get(source.id)
        if speaker is not None:
            traits.append(("speak for", speaker))
        if traits:
            groups.traits[source.id] = traits
        for trait in traits:
            groups.join(first_with.setdefault(trait, source.id), source.id)
    return groups


def _voices(report: Report) -> dict[str, str]:
    """Source id -> the topmost actor it speaks for (``affiliation``, ``attributed_to``)."""
    parents = {actor.id: actor.parent for actor in report.actors}
    speaks = {s.id: s.affiliation for s in report.sources if s.affiliation is not None}
    for relation in report.relations:
        if relation.kind is RelationKind.ATTRIBUTED_TO and relation.object is not None:
            speaks.setdefault(relation.subject, relation.object)
    out = {}
    for source, actor in speaks.items():
        seen = {actor}
        while (parent := parents.get(actor)) is not None and parent not in seen:
            seen.add(parent)
            actor = parent
        out[source] = actor
    return out


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urllib.parse.urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def derivation_cycles(report: Report) -> list[tuple[str, ...]]:
    """Each cycle of ``derived_from`` relations, as the ids around it, once each."""
    edges: dict[str, list[str]] = {}
    for relation in report.relations:
        if relation.kind is RelationKind.DERIVED_FROM and relation.object is not None:
            edges.setdefault(relation.subject, []).append(relation.object)
    state: dict[str, int] = {}  # 1: on the path, 2: done
    cycles: list[tuple[str, ...]] = []
    for start in edges:
        if state.get(start):
            continue
        path: list[str] = [start]
        stack: list[Iterator[str]] = [iter(edges.get(start, ()))]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                cycles.append(tuple(path[path.index(nxt) :]))
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(edges.get(nxt, ())))
    return cycles
