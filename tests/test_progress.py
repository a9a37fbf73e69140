"""Progress bars on stderr: only on a terminal, for big inputs, never with --quiet or JSON."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import ClassVar

import pytest

import osintreport as osr
from osintreport.cli import _progress, main

from .conftest import WORKED_EXAMPLE


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def _terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    """stderr as a terminal, set in the test's body (pytest's capture resets fixtures' stderr)."""
    pytest.importorskip("tqdm")
    stream = Terminal()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setattr(_progress, "BIG", 1000)  # the worked example counts as big
    return stream


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "r.jsonl"
    osr.dump(osr.load(WORKED_EXAMPLE), path)
    return path


def test_validate_shows_rules_done_on_a_terminal(
    jsonl: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _terminal(monkeypatch)
    assert main(["validate", str(jsonl)]) == 1
    shown = terminal.getvalue()
    assert "validating" in shown and "B/s" in shown  # JSON Lines streams: bytes read
    whole = jsonl.with_suffix(".json")
    osr.dump(osr.load(jsonl), whole)
    terminal.truncate(0)
    assert main(["validate", str(whole)]) == 1
    shown = terminal.getvalue()
    assert "validating" in shown and "rule" in shown
    assert f"/{len(osr.rules.DEFAULT_RULES)}" in shown  # the bar counts every rule


def test_no_bar_with_quiet_json_or_small_input(
    jsonl: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _terminal(monkeypatch)
    main(["validate", str(jsonl), "--quiet"])
    main(["validate", str(jsonl), "--format", "json"])
    main(["summary", str(jsonl), "-q"])
    assert terminal.getvalue() == ""
    assert '"exit_status": 1' in capsys.readouterr().out  # JSON output untouched
    monkeypatch.setattr(_progress, "BIG", 10**9)
    main(["validate", str(jsonl)])
    assert terminal.getvalue() == ""


def test_no_bar_when_stderr_is_not_a_terminal(jsonl: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setattr(_progress, "BIG", 1000)
    assert main(["summary", str(jsonl)]) == 0
    assert stream.getvalue() == ""


def test_without_the_extra_the_command_just_runs(
    jsonl: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal = _terminal(monkeypatch)
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm now fails
    assert main(["summary", str(jsonl)]) == 0
    assert terminal.getvalue() == ""
    assert "claims:      44" in capsys.readouterr().out


def test_counted_lines_ticks_every_character() -> None:
    ticks: list[int] = []
    text = "a\n" * 100_000 + "tail"
    lines = list(_progress.counted_lines(text, ticks.append))
    assert lines == text.split("\n")
    assert sum(ticks) == len(text) + 1  # each line and its line feed (one past the end)
    assert len(ticks) < 10  # a few updates, not one per line


class _Bar:
    """A stand-in for tqdm's bar: what it was told."""

    made: ClassVar[list[_Bar]] = []

    def __init__(self, *, total: int, **_: object) -> None:
        self.total, self.n = total, 0
        _Bar.made.append(self)

    def __enter__(self) -> _Bar:
        return self

    def __exit__(self, *_: object) -> None:
        return None

    def update(self, n: int) -> None:
        self.n += n


def test_a_bar_with_a_step_grows_instead_of_running_past_its_total(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tqdm = pytest.importorskip("tqdm")
    monkeypatch.setattr(tqdm, "tqdm", _Bar)
    _Bar.made.clear()
    with _progress.bar(20, "reading", "B", enabled=True, step=10) as tick:
        for _ in range(5):
            tick(7)  # 35 read of a planned 20: two more steps of 10
    with _progress.bar(20, "reading", "B", enabled=True) as tick:
        tick(7)
    grown, fixed = _Bar.made
    assert (grown.n, grown.total) == (35, 40)
    assert (fixed.n, fixed.total) == (7, 20)


def test_validate_and_diff_of_json_lines_show_bytes_read(
    jsonl: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal = _terminal(monkeypatch)
    assert main(["diff", str(jsonl), str(jsonl)]) == 0
    assert "diff" in terminal.getvalue() and "B/s" in terminal.getvalue()
    assert capsys.readouterr().out.endswith("no differences\n")
    terminal.truncate(0)
    terminal.seek(0)
    assert main(["diff", str(jsonl), str(jsonl), "-q"]) == 0
    assert terminal.getvalue() == ""


def test_merge_of_json_lines_shows_bytes_read_to_the_end(
    jsonl: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Each file is read three times: checked, grouped, then each item once more to merge it.
    terminal = _terminal(monkeypatch)
    out = tmp_path / "merged.jsonl"
    assert main(["merge", str(jsonl), str(jsonl), "-o", str(out)]) == 0
    shown = terminal.getvalue()
    assert "merge" in shown and "B/s" in shown
    assert shown.endswith("2 reports merged: 0 merge decisions taken, 0 turned down\n")
    assert osr.load(out) == osr.load(jsonl)
    monkeypatch.setattr(sys.modules["tqdm"], "tqdm", _Bar)
    _Bar.made.clear()
    assert main(["merge", str(jsonl), str(jsonl), "-o", str(out)]) == 0
    (made,) = _Bar.made
    assert made.n == made.total == 6 * jsonl.stat().st_size
    terminal.truncate(0)
    terminal.seek(0)
    assert main(["merge", str(jsonl), str(jsonl), "-o", str(out), "-q"]) == 0
    assert "B/s" not in terminal.getvalue()
