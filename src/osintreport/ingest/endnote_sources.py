"""The endnote list read into sources: one per distinct URL, and what each endnote cites."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .._slugs import UniqueIds, slug
from ..findings import Finding, Severity
from ..model import Source
from .hosts import implausible
from .layout import Endnote
from .markers import Number
from .refang import host_of, leftover_text, shorten
from .results import BrokenUrl, SuspectUrl, line_finding

__all__ = ["EndnoteSources"]


def _host_slug(url: str) -> str:
    host = url.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0].lower()
    host = re.sub(r"^(?:www\d?|m|en|ar|fa|ru)\.", "", host)
    return slug(host.split(".")[0], fallback="draft", limit=24) if host else "site"


class _Sources:
    """Sources made from endnotes, one per distinct URL, ids readable and unique."""

    def __init__(self) -> None:
        self.by_url: dict[str, Source] = {}
        self.text_sources: list[Source] = []
        self.ids = UniqueIds()

    def for_url(self, url: str) -> Source:
        if url not in self.by_url:
            host = url.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0]
            self.by_url[url] = Source(
                id=self.ids.make(f"src-{_host_slug(url)}"),
                url=url,
                publisher=re.sub(r"^www\d?\.", "", host.lower()) or None,
            )
        return self.by_url[url]

    def for_text(self, number: Number, text: str) -> Source:
        source = Source(id=self.ids.make(f"src-note-{number}"), title=text[:500])
        self.text_sources.append(source)
        return source

    def all(self) -> tuple[Source, ...]:
        return (*self.by_url.values(), *self.text_sources)


def _leftover_words(rest: str) -> str:
    """The prose left in an endnote once its URLs are cut out, or "" when it is only noise."""
    rest = re.sub(r"%[0-9A-Fa-f]{2}", " ", rest)
    words = re.findall(r"[^\W\d_]{2,}", rest)
    return re.sub(r"[\s;]+", " ", rest).strip(" ;,.") if len(words) >= 2 else ""


class EndnoteSources:
    """What the endnote list gives: a source per distinct URL, and the sources each cites.

    Attributes:
        targets: The source ids each endnote number cites (``[None]``: nothing usable).
        findings: ``ING003`` (empty), ``ING004`` (broken URL), ``ING005`` (repeated
            number) and ``ING012`` (implausible host).
    """

    def __init__(self, endnotes: Sequence[Endnote]) -> None:
        self.count = len(endnotes)
        self.notes, self.duplicates, self.findings = _endnote_table(endnotes)
        self.sources = _Sources()
        self.broken: list[BrokenUrl] = []
        self.suspect: list[SuspectUrl] = []
        self.targets: dict[Number, list[str | None]] = {}
        self.empty: list[Number] = []
        for number, note in self.notes.items():
            self._read(number, note)

    def _read(self, number: Number, note: Endnote) -> None:
        findings, sources = self.findings, self.sources
        found, rest = leftover_text(note.text)
        good = [f.url for f in found if f.broken is None]
        for url in good:
            reason = implausible(host_of(url))
            if reason is not None:
                self.suspect.append(SuspectUrl(endnote=number, url=url, reason=reason))
                findings.append(
                    line_finding(
                        "ING012",
                        Severity.WARNING,
                        note.line,
                        number,
                        f"endnote {number}: {reason}",
                        "check the address in the original; it was kept as written",
                    )
                )
        for item in found:
            if item.broken is not None:
                self.broken.append(BrokenUrl(endnote=number, text=item.url, reason=item.broken))
                findings.append(
                    line_finding(
                        "ING004",
                        Severity.WARNING,
                        note.line,
                        number,
                        f"endnote {number}: broken URL {shorten(item.url)!r} ({item.broken})",
                        "find the full address in the original; it was not guessed",
                    )
                )
        ids: list[str | None] = [sources.for_url(url).id for url in good]
        leftover = _leftover_words(rest)
        if not good and leftover:
            ids = [sources.for_text(number, leftover).id]
        if not found and not leftover:
            self.empty.append(number)
            findings.append(
                line_finding(
                    "ING003",
                    Severity.INFO,
                    note.line,
                    number,
                    f"endnote {number} is empty",
                    "find what the footnote cited",
                )
            )
        self.targets[number] = ids or [None]


def _endnote_table(
    endnotes: Iterable[Endnote],
) -> tuple[dict[Number, Endnote], list[Number], list[Finding]]:
    notes: dict[Number, Endnote] = {}
    duplicates: list[Number] = []
    findings: list[Finding] = []
    for note in endnotes:
        if note.number in notes:
            duplicates.append(note.number)
            findings.append(
                line_finding(
                    "ING005",
                    Severity.WARNING,
                    note.line,
                    note.number,
                    f"endnote {note.number} appears twice; the first is used",
                    "renumber or merge the two endnotes",
                )
            )
            continue
        notes[note.number] = note
    return notes, duplicates, findings
