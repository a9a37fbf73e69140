r"""Markdown, as written by hand or by a scraper, turned into the text the ingester reads.

Kept, line for line (so line numbers stay those of the file): ``#`` headings (setext ones
become ``#`` lines), paragraphs, bullets and the endnote list. Turned into plain text:
emphasis, inline code, escapes (``\[1\]``), HTML tags and entities. Footnote references
become markers: ``[^3]``, ``<sup>3</sup>``, and links whose text is a number pointing at an
anchor (``[[3]](#_edn3)``, ``[3](https://.../#_ftn3)``); definitions ``[^3]: ...`` become
endnote lines ``[3] ...``. A link keeps its text in the body and its address too in the
endnote list. Images are left out; so is anything before a first-level heading near the top
(a scraper's navigation). A file with almost no blank lines (one paragraph per line, as
scrapers write) is read one paragraph per line.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Iterator

import attrs

from .clean import Dropped
from .headings import NOTES
from .results import Prepared

__all__ = [
    "MarkdownPlan",
    "markdown_lines",
    "markdown_text",
    "paragraph_per_line",
    "plan_markdown",
]

_H1_RE = re.compile(r"^\s{0,3}#\s+\S")
_SETEXT_RE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE_RE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_NOTES_HEADING_RE = re.compile(
    rf"^\s*(?:#+\s*)?\**{NOTES}\**\s*(?::\s*)?$", re.IGNORECASE
)  # each run of white space has one place to go, so a line of spaces is read in linear time
_DEFINITION_RE = re.compile(r"^\s{0,3}\[\^(?P<label>[^\]\s]+)\]:\s*(?P<rest>.*)$")
_FOOTREF_RE = re.compile(r"\[\^(?P<label>[^\]\s]+)\]")
_NUMBER = r"\d{1,3}|[ivxlcdm]{1,8}"
# Every span is bounded, so that a hostile line ("[[[[...", "**a **a ...") is read in time
# linear in its length: no pattern scans more than a few hundred characters from one start.
_MARKER_LINK_RE = re.compile(
    rf"\[\s*\\?\[?(?P<n>{_NUMBER})\\?\]?\s*\]"
    r"\((?P<url>[^()\[\]\s#]{0,2000}#[^()\[\]\s]{0,500})(?:\s+\"[^\"\n]{0,300}\")?\)",
    re.IGNORECASE,
)
_SUP_RE = re.compile(rf"<sup[^<>]{{0,300}}>\s*\[?(?P<n>{_NUMBER})\]?\s*</sup>", re.IGNORECASE)
_URL = r"[^()\[\]\s<>]{1,2000}(?:\([^()\s]{0,200}\)[^()\[\]\s<>]{0,500})?"  # "(...)" once
_IMAGE_RE = re.compile(rf"!\[[^\[\]\n]{{0,500}}\]\((?:{_URL})?(?:\s+\"[^\"\n]{{0,300}}\")?\)")
_LINK_RE = re.compile(
    rf"\[(?P<text>[^\[\]\n]{{0,500}})\]\((?P<url>{_URL})(?:\s+\"[^\"\n]{{0,300}}\")?\)"
)
_AUTOLINK_RE = re.compile(r"<(?P<url>(?:https?|ftp)://[^<>\s]{1,2000})>")
_TAG_RE = re.compile(r"</?[A-Za-z][^<>\n]{0,500}>")
# Each pattern with the mark it needs twice: a line with fewer is not searched for it.
_EMPHASIS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"\*\*(?=[^\s*])([^*\n]{1,300}?)(?<=\S)\*\*"), r"\1", "*"),
    (re.compile(r"__(?=[^\s_])([^_\n]{1,300}?)(?<=\S)__"), r"\1", "_"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]{1,300}?)(?<=\S)\*(?![\w*])"), r"\1", "*"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]{1,300}?)(?<=\S)_(?![\w_])"), r"\1", "_"),
    (re.compile(r"`([^`\n]{1,300})`"), r"\1", "`"),
)
_EMPHASIS = (*_EMPHASIS, _EMPHASIS[0])  # bold around italics: "**a *b* c**" once "*b*" is gone
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


@attrs.frozen(kw_only=True)
class MarkdownPlan:
    """What a first pass over a Markdown file finds, before its lines are turned.

    Attributes:
        first_h1: The index of the title, the first ``#`` heading in the first 40% of the
            lines (what is above it is a scraper's navigation), or ``None``.
        labels: Footnote labels as numbers: numbers stay, others are numbered in order.
    """

    first_h1: int | None
    labels: dict[str, str]


def plan_markdown(lines: Iterable[str]) -> MarkdownPlan:
    """Read the lines once for the title and the footnote labels (see :class:`MarkdownPlan`)."""
    first_h1: int | None = None
    labels: dict[str, str] = {}
    count = 0
    for index, line in enumerate(lines):
        count += 1
        if first_h1 is None and _H1_RE.match(line):
            first_h1 = index
        if "[^" in line:
            for match in _FOOTREF_RE.finditer(line):
                label = match.group("label")
                if label not in labels:
                    labels[label] = label if label.isdigit() else str(len(labels) + 1)
    if first_h1 is not None and first_h1 > count * 0.4:
        first_h1 = None  # a heading far down is not the title: nothing is navigation
    return MarkdownPlan(first_h1=first_h1, labels=labels)


def _inline(line: str, in_notes: bool, labels: dict[str, str]) -> str:
    """One line in plain text; each kind of syntax is looked for only when its mark is there."""
    if "[^" in line:
        line = _FOOTREF_RE.sub(
            lambda m: f"[{labels.get(m.group('label'), m.group('label'))}]", line
        )
    if "](" in line:  # every link, image and linked marker has it
        line = _MARKER_LINK_RE.sub(lambda m: f"[{m.group('n')}]", line)
        line = _IMAGE_RE.sub("", line)

        def link(match: re.Match[str]) -> str:
            text, url = match.group("text").strip(), match.group("url")
            if not in_notes or url.startswith("#") or text == url:
                return text or (url if in_notes else "")
            return f"{text} {url}" if text else url

        line = _LINK_RE.sub(link, line)
    if "<" in line:
        line = _SUP_RE.sub(lambda m: f"[{m.group('n')}]", line)
        line = _AUTOLINK_RE.sub(lambda m: m.group("url"), line)
        line = _TAG_RE.sub("", line)
    if "*" in line or "_" in line or "`" in line:
        for pattern, replacement, mark in _EMPHASIS:
            if line.count(mark) >= 2:
                line = pattern.sub(replacement, line)
    if "\\" in line:
        line = _ESCAPE_RE.sub(r"\1", line)
    return html.unescape(line) if "&" in line else line


def markdown_text(text: str) -> Prepared:
    """Turn Markdown (normalised: LF line ends) into the ingester's text, line for line."""
    lines = text.split("\n")
    dropped: list[Dropped] = []
    out = list(markdown_lines(lines, plan_markdown(lines), dropped))
    blank = sum(1 for line in out if not line.strip())
    return Prepared(
        text="\n".join(out),
        dropped=tuple(dropped),
        lines_are_paragraphs=paragraph_per_line(blank, len(out)),
    )


def paragraph_per_line(blank: int, lines: int) -> bool:
    """Whether turned Markdown has a paragraph per line, as scrapers write.

    That is, fewer than one in four of its ``lines`` lines are blank (``blank`` of them).
    """
    return blank * 3 < lines - blank


def markdown_lines(
    lines: Iterable[str], plan: MarkdownPlan, dropped: list[Dropped] | None = None
) -> Iterator[str]:
    """The ingester's lines made from the lines of a Markdown file, one for each.

    ``plan`` is :func:`plan_markdown` of the same lines; the lines left out (navigation
    above the title, images) are added to ``dropped`` when it is given.
    """
    first_h1, labels = plan.first_h1, plan.labels
    previous = ""  # the line given out last
    in_notes = False
    pairs = itertools.pairwise(itertools.chain(lines, [""]))  # each line and the one after
    for index, (raw, following) in enumerate(pairs):
        if not raw.strip() and (first_h1 is None or index >= first_h1):
            previous = ""
            yield ""  # a blank line: nothing to read, nothing to drop
            continue
        if first_h1 is not None and index < first_h1:
            if dropped is not None and raw.strip():
                reason = "navigation before the title"
                dropped.append(Dropped(line=index + 1, text=raw.strip(), reason=reason))
            previous = ""
            yield ""
            continue
        if raw.strip() and _SETEXT_RE.match(following) and not _RULE_RE.match(raw):
            level = "#" if following.strip().startswith("=") else "##"
            raw = f"{level} {raw.strip()}"
        elif _SETEXT_RE.match(raw) and previous.startswith("#"):
            previous = ""
            yield ""  # the underline of a setext heading
            continue
        if _RULE_RE.match(raw):
            previous = ""
            yield ""
            continue
        in_notes = in_notes or _NOTES_HEADING_RE.match(raw) is not None
        definition = _DEFINITION_RE.match(raw)
        if definition is not None:
            label = definition.group("label")
            raw = f"[{labels.get(label, label)}] {definition.group('rest')}"
            in_notes = True
        line = _inline(raw.lstrip("> ") if raw.lstrip().startswith(">") else raw, in_notes, labels)
        if dropped is not None and raw.strip() and not line.strip() and _IMAGE_RE.search(raw):
            dropped.append(Dropped(line=index + 1, text=raw.strip(), reason="an image"))
        previous = line.rstrip()
        yield previous
