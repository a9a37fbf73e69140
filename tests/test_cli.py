from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import osintreport as osr
from osintreport.cli import main

from .conftest import WORKED_EXAMPLE


def test_summary_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(WORKED_EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "Iran, Russia, and the Syrian Regime" in out
    assert "actors:      32" in out
    assert "claims:      44" in out
    assert "sources:     25" in out


def test_summary_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(WORKED_EXAMPLE), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"] == {
        "actors": 32,
        "events": 28,
        "claims": 44,
        "assessments": 11,
        "sources": 25,
    }
    assert data["published"] == "2023-08-03"


def test_convert_between_formats(tmp_path: Path) -> None:
    json_path, jsonl_path, yaml_path = (
        tmp_path / "r.json",
        tmp_path / "r.jsonl",
        tmp_path / "r.yaml",
    )
    assert main(["convert", str(WORKED_EXAMPLE), str(json_path)]) == 0
    assert main(["convert", str(json_path), str(jsonl_path)]) == 0
    assert main(["convert", str(jsonl_path), str(yaml_path)]) == 0
    assert yaml_path.read_bytes() == WORKED_EXAMPLE.read_bytes()
    assert main(["convert", str(jsonl_path), str(tmp_path / "r.out"), "--to", "json"]) == 0
    assert osr.load(tmp_path / "r.out", format="json") == osr.load(WORKED_EXAMPLE)


def test_bad_input_exits_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: r\ntitle: t\nevents:\n- id: e\n  summary: s\n  when: someday\n", encoding="utf-8"
    )
    assert main(["summary", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{bad}:6:3: $.events[0].when: expected" in err
    assert main(["summary", str(tmp_path / "missing.yaml")]) == 2
    assert "cannot read file" in capsys.readouterr().err
    assert main(["convert", str(WORKED_EXAMPLE), str(tmp_path / "out.txt")]) == 2
    assert "suffix '.txt'" in capsys.readouterr().err
    assert not (tmp_path / "out.txt").exists()


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["frobnicate"]) == 2
    assert main(["--help"]) == 0
    assert "summary" in capsys.readouterr().out


def test_python_dash_m_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "osintreport", "summary", str(WORKED_EXAMPLE), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["counts"]["events"] == 28


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


CLEAN_YAML = """\
id: r
title: Clean
published: '2023-08-03'
sources:
- id: s1
  url: https://example.org/a
claims:
- id: c1
  text: Forces deployed.
  citations:
  - source: s1
    locator: 1
"""


def test_validate_clean_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "clean.yaml", CLEAN_YAML)
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert (
        out
        == f"{path}: 0 errors, 0 warnings; coverage 1/1 statements cited (100.0%): claims 1/1 (100.0%), events 0/0 (100.0%), assessments 0/0 (100.0%)\n"
    )


def test_validate_findings_exit_1_linter_style(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "bad.yaml", CLEAN_YAML.replace("source: s1", "source: s2"))
    assert main(["validate", str(path), "--today", "2026-11-24"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert (
        f"{path}:11:5: OSR102 [error] citation 's2' is not the id of anything in the report ($.claims[0].citations[0].source)"
        in out
    )
    assert any(line.startswith(f"{path}:8:3: OSR301 [warning] claim 'c1'") for line in out)
    assert out[-1].startswith(f"{path}: 1 error, 2 warnings; coverage 0/1")
    # Thresholds and selection.
    assert main(["validate", str(path), "--ignore", "OSR1,OSR3"]) == 0
    assert main(["validate", str(path), "--select", "osr303"]) == 1
    capsys.readouterr()


def test_validate_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "bad.yaml", CLEAN_YAML.replace("source: s1", "source: s2"))
    assert (
        main(
            [
                "validate",
                str(path),
                str(WORKED_EXAMPLE),
                "--format",
                "json",
                "--min-severity",
                "error",
            ]
        )
        == 1
    )
    data = json.loads(capsys.readouterr().out)
    first, second = data["files"]
    assert [f["code"] for f in first["findings"]] == ["OSR102"]
    assert first["findings"][0]["severity"] == "error"
    assert first["findings"][0]["hint"]
    assert second["findings"] == []
    assert second["coverage"]["overall"] == {
        "total": 83,
        "cited": 28,
        "ratio": 0.3373,
        "uncited": second["coverage"]["overall"]["uncited"],
    }
    assert len(second["coverage"]["overall"]["uncited"]) == 55
    assert data["exit_status"] == 1


def test_validate_worked_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(WORKED_EXAMPLE), "--min-severity", "info"]) == 1
    out = capsys.readouterr().out
    assert out.count(" OSR301 ") == 55
    assert out.count(" OSR305 ") == 47
    assert out.count(" OSR902 ") == 5
    assert "0 errors, 55 warnings, 52 info; coverage 28/83 statements cited (33.7%)" in out


def test_validate_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "clean.yaml", CLEAN_YAML)
    assert main(["validate", str(path), "--select", "OSR99"]) == 2
    assert "no rule code starts with 'OSR99'" in capsys.readouterr().err
    assert main(["validate", str(path), "--today", "yesterday"]) == 2
    assert main(["validate", str(path), "--min-severity", "fatal"]) == 2
    assert main(["validate", str(path), str(tmp_path / "missing.yaml")]) == 2
    captured = capsys.readouterr()
    assert "cannot read file" in captured.err
    assert "Traceback" not in captured.err
    assert f"{path}: 0 errors" in captured.out  # the readable file was still checked


def test_summary_shows_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(WORKED_EXAMPLE)]) == 0
    assert "coverage 28/83 statements cited (33.7%)" in capsys.readouterr().out
