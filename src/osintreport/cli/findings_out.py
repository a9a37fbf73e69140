"""Findings and load errors as text, JSON, SARIF 2.1.0 or GitHub Actions annotations.

Every format shows where a finding is: ``file:line:col`` when the path was found in the
file's text, else the file and the JSON path.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import Any

import attrs

from .. import __version__
from ..citation_coverage import Coverage
from ..errors import Problem
from ..findings import Finding, Severity
from ..ruleset import RuleSet

__all__ = [
    "OUTPUTS",
    "FileResult",
    "finding_data",
    "github_lines",
    "problem_data",
    "sarif_log",
    "text_line",
]

OUTPUTS = ("text", "json", "sarif", "github")
"""The ``--format`` choices of ``validate``."""

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_DOCS = "https://osintreport.readthedocs.io/en/latest/validation.html"


@attrs.frozen(kw_only=True)
class FileResult:
    """What validating one input gave: findings, or the problems that stopped its loading.

    Attributes:
        name: The file name as given (``<stdin>`` for ``-``).
        findings: The findings shown (at or above the chosen severity), located: a list,
            or for a streamed JSON Lines file a spool read from disk as it is iterated.
        problems: Load problems; the file could not be validated when there are any.
        coverage: Citation coverage, when the report loaded.
    """

    name: str
    findings: Collection[Finding] = ()
    problems: Sequence[Problem] = ()
    coverage: Coverage | None = None


def _where(name: str, line: int | None, column: int | None) -> str:
    if line is None:
        return name
    return f"{name}:{line}:{column or 1}"


def text_line(name: str, finding: Finding) -> str:
    """``file:line:col: CODE [severity] message ($.path)``, as ruff and mypy print."""
    where = _where(name, finding.line, finding.column)
    level = finding.severity.value
    return f"{where}: {finding.code} [{level}] {finding.message} ({finding.path})"


def finding_data(finding: Finding) -> dict[str, Any]:
    """A finding as plain JSON data (``line`` and ``column`` are null when not known)."""
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "subject": finding.subject,
        "message": finding.message,
        "hint": finding.hint,
    }


def problem_data(problem: Problem) -> dict[str, Any]:
    """A load problem as plain JSON data."""
    return {
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "message": problem.message,
    }


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(level: str, name: str, line: int | None, column: int | None, title: str) -> str:
    props = [f"file={_escape_property(name)}"]
    if line is not None:
        props += [f"line={line}", f"col={column or 1}"]
    props.append(f"title={_escape_property(title)}")
    return f"::{level} {','.join(props)}::"


def github_lines(results: Sequence[FileResult]) -> Iterator[str]:
    """GitHub Actions workflow commands: one ``::warning file=...,line=...::`` per finding.

    Made one at a time, so a streamed file's findings go from disk to the output.
    """
    for result in results:
        for problem in result.problems:
            head = _annotation("error", result.name, problem.line, problem.column, "load error")
            yield head + _escape_data(f"{problem.path}: {problem.message}")
        for finding in result.findings:
            level = _GITHUB_LEVEL[finding.severity]
            head = _annotation(level, result.name, finding.line, finding.column, finding.code)
            yield head + _escape_data(f"{finding.path}: {finding.message}")


def _location(name: str, line: int | None, column: int | None, path: str) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": name}}
    if line is not None:
        physical["region"] = {"startLine": line, "startColumn": column or 1}
    return {
        "physicalLocation": physical,
        "logicalLocations": [{"fullyQualifiedName": path, "kind": "member"}],
    }


def sarif_log(results: Sequence[FileResult], rules: RuleSet) -> dict[str, Any]:
    """A SARIF 2.1.0 log: one run, every rule described, one result per finding.

    A file that cannot be loaded gives one ``error`` result per problem under the rule
    ``LOAD``, so that code-scanning tools show it too.
    """
    descriptors: list[dict[str, Any]] = [
        {
            "id": "LOAD",
            "name": "load-error",
            "shortDescription": {"text": "The file cannot be read as a report."},
            "defaultConfiguration": {"level": "error"},
        }
    ]
    for rule in rules:
        descriptors.append(
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
                "helpUri": _DOCS,  # each rule is described there, with an example and the fix
            }
        )
    index = {d["id"]: n for n, d in enumerate(descriptors)}
    out: list[dict[str, Any]] = []
    for result in results:
        for problem in result.problems:
            out.append(
                {
                    "ruleId": "LOAD",
                    "ruleIndex": 0,
                    "level": "error",
                    "message": {"text": problem.message},
                    "locations": [
                        _location(result.name, problem.line, problem.column, problem.path)
                    ],
                }
            )
        for finding in result.findings:
            entry: dict[str, Any] = {
                "ruleId": finding.code,
                "level": _SARIF_LEVEL[finding.severity],
                "message": {"text": finding.message},
                "locations": [_location(result.name, finding.line, finding.column, finding.path)],
                "properties": {"hint": finding.hint, "subject": finding.subject},
            }
            if finding.code in index:
                entry["ruleIndex"] = index[finding.code]
            out.append(entry)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "osintreport",
                        "version": __version__,
                        "informationUri": "https://github.com/osintreport/osintreport",
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": out,
            }
        ],
    }
