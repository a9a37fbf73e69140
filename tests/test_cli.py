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
    assert f"{bad}: $.events[0].when: expected" in err
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
