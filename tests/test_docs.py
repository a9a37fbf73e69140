"""Code in the docs and docstrings runs, so the docs cannot rot."""

from __future__ import annotations

import doctest

import pytest

import osintreport.citation_coverage
import osintreport.collection
import osintreport.collection.queries
import osintreport.corroboration
import osintreport.ingest
import osintreport.ingest.layout
import osintreport.ingest.markers
import osintreport.ingest.refang
import osintreport.jsonl_diff
import osintreport.jsonl_redact
import osintreport.limits
import osintreport.merge
import osintreport.rules.analysis
import osintreport.schema
import osintreport.validation
import osintreport.when
from osintreport.rules import DEFAULT_RULES

from .conftest import ROOT


@pytest.mark.parametrize(
    "page",
    [
        "dates.md",
        "ingest.md",
        "interop.md",
        "tutorial.md",
        "howto.md",
        "many-reports.md",
        "serialization.md",
    ],
)
def test_doc_page_examples(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pandas")  # interop.md shows DataFrames
    monkeypatch.chdir(ROOT)  # pages load examples/ by relative path, as a reader would
    result = doctest.testfile(
        str(ROOT / "docs" / page), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize(
    "module",
    [
        osintreport.when,
        osintreport.validation,
        osintreport.citation_coverage,
        osintreport.rules.analysis,
        osintreport.ingest,
        osintreport.ingest.refang,
        osintreport.ingest.markers,
        osintreport.ingest.layout,
        osintreport.schema,
        osintreport.limits,
        osintreport.collection,
        osintreport.collection.queries,
        osintreport.corroboration,
        osintreport.merge,
        osintreport.jsonl_diff,
        osintreport.jsonl_redact,
    ],
)
def test_docstring_examples(module: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted > 0
    assert result.failed == 0


def test_every_rule_is_documented() -> None:
    page = (ROOT / "docs" / "validation.md").read_text(encoding="utf-8")
    for rule in DEFAULT_RULES:
        assert f"**{rule.code} {rule.name}**" in page, rule.code
        assert f"| {rule.code} | {rule.name} | {rule.severity.value} |" in page, rule.code
