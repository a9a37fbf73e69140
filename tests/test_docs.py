"""Code in the docs and docstrings runs, so the docs cannot rot."""

from __future__ import annotations

import doctest

import pytest

import osintreport.when

from .conftest import ROOT


@pytest.mark.parametrize("page", ["dates.md"])
def test_doc_page_examples(page: str) -> None:
    result = doctest.testfile(str(ROOT / "docs" / page), module_relative=False)
    assert result.attempted > 0
    assert result.failed == 0


def test_docstring_examples() -> None:
    result = doctest.testmod(osintreport.when)
    assert result.attempted > 0
    assert result.failed == 0
