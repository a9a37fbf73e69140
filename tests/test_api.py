"""The public surface: what __all__ lists exists, is documented and typed."""

from __future__ import annotations

import importlib
import inspect
import runpy
import sys
from pathlib import Path

import pytest

import osintreport

from .conftest import EXAMPLES, ROOT

PUBLIC_MODULES = [
    "osintreport",
    "osintreport.citation_coverage",
    "osintreport.acled",
    "osintreport.findings",
    "osintreport.frames",
    "osintreport.geojson",
    "osintreport.schema",
    "osintreport.stix",
    "osintreport.ingest",
    "osintreport.ingest.citing",
    "osintreport.ingest.layout",
    "osintreport.ingest.markers",
    "osintreport.ingest.refang",
    "osintreport.ingest.header",
    "osintreport.ingest.headings",
    "osintreport.ingest.clean",
    "osintreport.ingest.hosts",
    "osintreport.ingest.formats",
    "osintreport.ingest.markdown",
    "osintreport.ingest.html",
    "osintreport.ingest.pdf",
    "osintreport.ingest.results",
    "osintreport.diff",
    "osintreport.merge",
    "osintreport.corroboration",
    "osintreport.collection",
    "osintreport.collection.queries",
    "osintreport.rules",
    "osintreport.rules.analysis",
    "osintreport.rules.citations",
    "osintreport.rules.dates",
    "osintreport.rules.identity",
    "osintreport.rules.places",
    "osintreport.ruleset",
    "osintreport.validation",
    "osintreport.errors",
    "osintreport.jsonl",
    "osintreport.streamed",
    "osintreport.limits",
    "osintreport.model",
    "osintreport.parts",
    "osintreport.serialization",
    "osintreport.strategies",
    "osintreport.vocab",
    "osintreport.when",
    "osintreport.cli",
    "osintreport.cli.findings_out",
    "osintreport.ucdp",
    "osintreport.positions",
    "osintreport.views",
    "osintreport.views.notebook",
    "osintreport.views.text",
    "osintreport.views.timeline",
    "osintreport.plot",
]


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_every_public_name_has_a_docstring(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert module.__doc__
    for name in module.__all__:
        obj = getattr(module, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert inspect.getdoc(obj), f"{module_name}.{name} has no docstring"
            if inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    if not attr.startswith("_") and (
                        inspect.isfunction(member) or isinstance(member, (classmethod, property))
                    ):
                        assert inspect.getdoc(getattr(obj, attr)), f"{name}.{attr} has no docstring"


def test_version_and_typed_marker() -> None:
    assert osintreport.__version__
    assert osintreport.__version__ != "0+unknown"
    assert (Path(osintreport.__file__).parent / "py.typed").exists()


def test_all_is_sorted_and_complete() -> None:
    assert len(set(osintreport.__all__)) == len(osintreport.__all__)
    for name in osintreport.__all__:
        assert hasattr(osintreport, name)


@pytest.mark.parametrize("script", sorted(p.name for p in EXAMPLES.glob("*.py")))
def test_examples_run(
    script: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", [script])
    with pytest.raises(SystemExit) as info:
        runpy.run_path(str(EXAMPLES / script), run_name="__main__")
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.strip()
    if script == "custom_rule.py":
        assert "5 claims rest only on state media" in out
    if script == "quickstart.py":
        assert "27 of 44 claims rest on no source" in out
        assert out.count("false claim by") == 3


def test_readme_commands_name_real_files() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "osintreport summary examples/isw-2023-08-03-syria-coordination.yaml" in readme
    assert "python -m pytest" in readme
