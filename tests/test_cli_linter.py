"""The command line as a linter: positions, SARIF, GitHub annotations, standard input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import osintreport as osr
from osintreport.cli import main
from osintreport.rules import DEFAULT_RULES

from .conftest import WORKED_EXAMPLE

BAD = """\
id: r
title: Bad
sources:
- id: s1
  url: https://example.org/a
claims:
- id: c1
  text: Forces deployed.
  citations:
  - source: s2
"""


def _bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    return path


def test_sarif_log_has_rules_results_and_regions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _bad(tmp_path)
    assert main(["validate", str(path), "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["LOAD", *(r.code for r in DEFAULT_RULES)]
    results = {r["ruleId"]: r for r in run["results"]}
    assert set(results) == {"OSR102", "OSR301", "OSR303"}
    dangling = results["OSR102"]
    assert dangling["level"] == "error"
    assert rules[dangling["ruleIndex"]]["id"] == "OSR102"
    (location,) = dangling["locations"]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == str(path)
    assert location["physicalLocation"]["region"] == {"startLine": 10, "startColumn": 5}
    assert location["logicalLocations"][0]["fullyQualifiedName"] == (
        "$.claims[0].citations[0].source"
    )
    assert results["OSR301"]["level"] == "warning"


def test_sarif_reports_a_file_that_does_not_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: r\ntitle: t\nclaims:\n- id: c1\n  text: 5\n", encoding="utf-8")
    assert main(["validate", str(path), "--format", "sarif"]) == 2
    (result,) = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert result["ruleId"] == "LOAD"
    assert result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 5,
        "startColumn": 3,
    }


def test_github_annotations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _bad(tmp_path)
    assert main(["validate", str(path), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    name = str(path).replace(":", "%3A").replace(",", "%2C")
    assert (
        f"::error file={name},line=10,col=5,title=OSR102::$.claims[0].citations[0].source: "
        "citation 's2' is not the id of anything in the report"
    ) in lines
    assert any(
        line.startswith(f"::warning file={name},line=7,col=3,title=OSR301::") for line in lines
    )
    assert any(
        line.startswith(f"::warning file={name},line=4,col=3,title=OSR303::") for line in lines
    )
    assert len(lines) == 3


def test_github_escapes_newlines_and_percent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a,b.yaml"
    path.write_text("id: r\ntitle: t\nclaims: 5\n", encoding="utf-8")
    assert main(["validate", str(path), "--format", "github"]) == 2
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith("::error file=")
    assert "a%2Cb.yaml" in line
    assert ",line=3,col=1," in line


def test_text_output_points_at_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _bad(tmp_path)
    main(["validate", str(path)])
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"{path}:10:5: OSR102 [error] "
        "citation 's2' is not the id of anything in the report ($.claims[0].citations[0].source)"
    )


def test_json_output_has_positions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _bad(tmp_path)
    main(["validate", str(path), "--format", "json"])
    (entry,) = json.loads(capsys.readouterr().out)["files"]
    positions = {f["code"]: (f["line"], f["column"]) for f in entry["findings"]}
    assert positions == {"OSR102": (10, 5), "OSR301": (7, 3), "OSR303": (4, 3)}


@pytest.mark.parametrize("fmt", ["yaml", "json", "jsonl"])
def test_stdin_in_every_format(
    fmt: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    report = osr.load(WORKED_EXAMPLE)
    monkeypatch.setattr("sys.stdin", io.StringIO(osr.dumps(report, fmt)))  # type: ignore[arg-type]
    assert main(["summary", "-", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["file"] == "-"
    assert data["id"] == report.id
    assert data["counts"]["claims"] == len(report.claims)


def test_stdin_validate_names_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(BAD))
    assert main(["validate", "-", "--input-format", "yaml"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("<stdin>:10:5: OSR102 [error] citation 's2'")


def test_input_format_overrides_the_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report.txt"
    path.write_text(osr.dumps(osr.load(WORKED_EXAMPLE), "json"), encoding="utf-8")
    assert main(["summary", str(path)]) == 2
    assert "suffix" in capsys.readouterr().err
    assert main(["summary", str(path), "--input-format", "json"]) == 0
    out = tmp_path / "out.yaml"
    assert main(["convert", str(path), str(out), "--input-format", "json"]) == 0
    assert osr.load(out) == osr.load(WORKED_EXAMPLE)


def test_every_command_documents_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("summary", "validate", "ingest", "convert", "export", "plot", "schema"):
        assert main([command, "--help"]) == 0
        text = " ".join(capsys.readouterr().out.split())
        assert "Exit status" in text, command
        assert "missing optional extra" in text or command == "validate", command
    assert main(["--help"]) == 0
    assert "2 bad usage, an input that cannot be read or loaded, a missing optional extra" in (
        " ".join(capsys.readouterr().out.split())
    )


def test_stdin_is_read_as_utf8_whatever_the_locale(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    report = osr.Report(id="r", title="Бахмут, Ça ira", claims=(osr.Claim(id="c", text="ü"),))
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "", "PYTHONUTF8": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "osintreport", "summary", "-", "--format", "json"],
        input=osr.dumps(report, "yaml").encode("utf-8"),
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.decode("utf-8"))["title"] == "Бахмут, Ça ira"
    bad = subprocess.run(
        [sys.executable, "-m", "osintreport", "summary", "-", "--input-format", "yaml"],
        input=b"id: r\ntitle: \xff\n",
        capture_output=True,
        check=False,
    )
    assert bad.returncode == 2
    assert b"<stdin>: $: not UTF-8 text" in bad.stderr
