"""What a reviewer checks before trusting a package: licence, metadata, links, CI versions."""

from __future__ import annotations

import re
import tomllib

from .conftest import ROOT


def test_licence_is_the_full_mit_text_with_a_copyright_line() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert re.search(r"^Copyright \(c\) \d{4} \S", text, re.MULTILINE)
    assert "Permission is hereby granted, free of charge" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in text


def test_metadata_has_urls_and_a_classifier_per_supported_python() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert {"Homepage", "Documentation", "Source", "Issues"} <= set(project["urls"])
    versions = [
        c.rsplit(" ", 1)[1]
        for c in project["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    assert versions == ["3.11", "3.12", "3.13"]
    assert project["requires-python"] == ">=3.11"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # CI tests the oldest (python3 on the CI machine) and the newest listed.
    assert f"python{versions[-1]}" in ci
    # The docs build from the docs extra alone: autodoc imports the strategies.
    assert any(dep.startswith("hypothesis") for dep in project["optional-dependencies"]["docs"])


def test_readme_links_are_absolute() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)]+)\)", readme)
    assert targets
    relative = [t for t in targets if not t.startswith(("https://", "#"))]
    assert relative == [], "relative links break on the package index page"
