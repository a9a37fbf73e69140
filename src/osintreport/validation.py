"""Validate a report: run the rules and return findings. Never raises for bad data.

::

    >>> from osintreport import Report, Claim, validate
    >>> report = Report(id="r", title="t", claims=(Claim(id="c", text="x", claimant="ghost"),))
    >>> [f.code for f in validate(report)]
    ['OSR102', 'OSR301']

Constructors already check each field's own value; validation checks what spans objects:
references, dates against each other and against today, citation coverage and analytic
language. Select or ignore rules by code or code prefix, as with a linter.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ._gcpause import paused_gc
from .errors import FieldTypeError
from .findings import Finding, FindingList, Severity
from .model import Report
from .rules import DEFAULT_RULES
from .ruleset import Context, RuleSet

if TYPE_CHECKING:
    from .serialization import Format

__all__ = ["validate", "validate_file"]


def validate(
    report: Report,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    today: dt.date | None = None,
    rules: RuleSet = DEFAULT_RULES,
) -> FindingList:
    """Check a report and return what is wrong with it, as findings.

    Args:
        report: The report to check.
        select: Run only rules whose code starts with one of these (``["OSR2", "OSR301"]``).
        ignore: Skip rules whose code starts with one of these.
        today: The date that counts as today (default: the local date).
        rules: The rules to run; :data:`~osintreport.rules.DEFAULT_RULES` by default, or
            ``DEFAULT_RULES.extended(my_rule)`` to add your own.

    Returns:
        The findings (a :class:`~osintreport.findings.FindingList`, a ``list``), rule by
        rule in the order the rules run. A rule that fails on
        unexpected data yields one ``OSR000`` error finding instead of raising.

    Raises:
        FieldTypeError: ``report`` is not a :class:`~osintreport.Report` (misuse, not data).
        ValueError: A ``select`` or ``ignore`` code matches no rule.
    """
    if not isinstance(report, Report):
        raise FieldTypeError("report", report, "a Report")
    if isinstance(select, str) or isinstance(ignore, str):
        raise FieldTypeError(
            "select/ignore",
            select if isinstance(select, str) else ignore,
            "a list of codes, not one string",
        )
    chosen = rules.selected(select, ignore)
    with paused_gc():  # many small objects, no cycles: see _gcpause
        return _run(report, chosen, today or dt.date.today())


def validate_file(
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    today: dt.date | None = None,
    rules: RuleSet = DEFAULT_RULES,
) -> FindingList:
    """Load a report file, validate it, and give each finding its ``line`` and ``column``.

    The same as ``validate(load(path))``, and then, when there are findings, the file is read
    once more to find where each finding's path is written
    (:func:`osintreport.positions.locate_findings`); loading itself keeps no positions.

    Args:
        path: A ``.yaml``/``.yml``, ``.json`` or ``.jsonl`` report.
        format: Overrides the suffix.
        select: As for :func:`validate`.
        ignore: As for :func:`validate`.
        today: As for :func:`validate`.
        rules: As for :func:`validate`.

    Raises:
        LoadError: The file cannot be read, or holds no valid report (each problem with its
            line and column where known).
    """
    from ._files import read_text
    from .positions import locate_findings
    from .serialization import format_for, load

    fmt = format or format_for(path)
    findings = validate(
        load(path, format=fmt), select=select, ignore=ignore, today=today, rules=rules
    )
    if not findings:
        return findings
    return locate_findings(findings, read_text(path), fmt)


def _run(report: Report, chosen: RuleSet, today: dt.date) -> FindingList:
    context = Context(report, today)
    findings = FindingList()
    for rule in chosen:
        try:
            for hit in rule.check(context):
                findings.append(
                    Finding(
                        code=rule.code,
                        severity=hit.severity or rule.severity,
                        path=hit.path,
                        subject=hit.subject,
                        message=hit.message,
                        hint=hit.hint,
                    )
                )
        except Exception as error:
            findings.append(
                Finding(
                    code="OSR000",
                    severity=Severity.ERROR,
                    path="$",
                    subject=report.id,
                    message=(
                        f"rule {rule.code} ({rule.name}) failed: {type(error).__name__}: {error}"
                    ),
                    hint="this is a bug in the rule; please report it with the document",
                )
            )
    return findings
