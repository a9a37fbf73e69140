r"""Draft a :class:`~osintreport.Report` from an analyst's footnoted text.

Reports arrive as prose and bullets with bracketed footnote markers and a numbered endnote
list of (often defanged) URLs. :func:`read_footnoted` turns one into a draft report in well
under a second: each sentence or bullet becomes a draft :class:`~osintreport.Claim` citing
its footnotes, each distinct URL becomes a :class:`~osintreport.Source`, and what could not be
read is counted and reported, never guessed::

    >>> from osintreport.ingest import read_footnoted
    >>> text = "Title\n\nIran moved.[1] Russia helped.[2]\n\n[1] hxxps://sana[.]sy/?p=1\n[2] ;"
    >>> draft = read_footnoted(text)
    >>> [(c.text, [x.source for x in c.citations]) for c in draft.report.claims]
    [('Iran moved.', ['src-sana']), ('Russia helped.', [None])]
    >>> draft.stats.empty_endnotes
    (2,)

An endnote that is empty, missing or holds only broken URLs stays a citation to nothing, so
:func:`~osintreport.coverage` shows the gap.
"""

from __future__ import annotations

from .draft import draft_report, read_footnoted
from .formats import FORMATS, detect_format, read_report
from .results import BrokenUrl, DraftWritten, Dropped, Ingested, IngestStats, SuspectUrl
from .to_file import write_draft

__all__ = [
    "FORMATS",
    "BrokenUrl",
    "DraftWritten",
    "Dropped",
    "IngestStats",
    "Ingested",
    "SuspectUrl",
    "detect_format",
    "draft_report",
    "read_footnoted",
    "read_report",
    "write_draft",
]
