"""Standard input said to be JSON Lines streams as a file does, named <stdin> in messages."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

import osintreport as osr
from osintreport.cli import main

from .conftest import WORKED_EXAMPLE


class _Stdin(io.TextIOWrapper):
    """Standard input fed from a file, with its bytes, as a pipe gives them."""


def _pipe(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(io.BytesIO(path.read_bytes()), encoding="utf-8"))


@pytest.mark.parametrize(
    "command",
    [
        ["summary", "{}"],
        ["summary", "{}", "--format", "json"],
        ["validate", "{}", "--today", "2026-11-24"],
        ["convert", "{}", "{out}.json"],
        ["convert", "{}", "{out}.jsonl", "--max-tlp", "green"],
        ["export", "{}", "--to", "geojson", "-o", "{out}.geojson"],
        ["export", "{}", "--to", "stix", "-o", "{out}.stix.json"],
        ["diff", "{}", "{same}"],
        ["diff", "{same}", "{}", "--format", "json"],
    ],
)
def test_piped_json_lines_give_what_the_file_gives(
    command: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, same = tmp_path / "r.jsonl", tmp_path / "same.jsonl"
    osr.dump(osr.load(WORKED_EXAMPLE), path)
    osr.dump(osr.load(WORKED_EXAMPLE), same)
    said = []
    for source, out in ((str(path), tmp_path / "file"), ("-", tmp_path / "piped")):
        args = [a.format(source, out=out, same=same) for a in command]
        if source == "-":
            args += ["--input-format", "jsonl"]
            _pipe(monkeypatch, path)
        code = main(args)
        printed = capsys.readouterr()
        written = sorted(p.name.split(".", 1)[1] for p in tmp_path.glob(f"{out.name}.*"))
        texts = [(tmp_path / f"{out.name}.{w}").read_text(encoding="utf-8") for w in written]
        said.append((code, written, texts, printed.out, printed.err))
    file_run, piped_run = said
    for name in (str(path), "<stdin>", "-"):
        file_run = tuple(_replace(x, name) for x in file_run)  # type: ignore[assignment]
        piped_run = tuple(_replace(x, name) for x in piped_run)  # type: ignore[assignment]
    assert piped_run == file_run


def _replace(value: object, name: str) -> object:
    """``value`` with the input's name made one placeholder, in every text it holds."""
    if isinstance(value, str):
        return value.replace(name, "INPUT")
    if isinstance(value, list):
        return [_replace(v, name) for v in value]
    return value


def test_a_bad_piped_line_is_named_as_stdin_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type":"report","id":"r","title":"T"}\n{"type":"event","id":"e"}\n')
    for command in (
        ["summary", "-"],
        ["convert", "-", str(tmp_path / "o.json")],
        ["validate", "-"],
    ):
        _pipe(monkeypatch, bad)
        assert main([*command, "--input-format", "jsonl"]) == 2
        err = capsys.readouterr().err
        assert "<stdin>:2" in err and "osr-stdin" not in err
    assert not (tmp_path / "o.json").exists()


def test_a_byte_order_mark_is_dropped_by_every_streaming_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain, marked = tmp_path / "plain.jsonl", tmp_path / "marked.jsonl"
    osr.dump(osr.load(WORKED_EXAMPLE), plain)
    marked.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes())  # as some Windows tools write
    other = tmp_path / "other.jsonl"
    other.write_bytes(plain.read_bytes())
    assert osr.load(marked) == osr.load(plain)
    for command in (
        ["summary", "{}"],
        ["validate", "{}", "--today", "2026-11-24"],
        ["convert", "{}", "{}.yaml"],
        ["export", "{}", "--to", "stix", "-o", "{}.stix"],
        ["diff", "{}", str(other)],
    ):
        said = []
        for path in (plain, marked):
            code = main([part.format(path) for part in command])
            said.append((code, capsys.readouterr().out.replace(str(path), "INPUT")))
        assert said[0] == said[1], command
    assert (tmp_path / "marked.jsonl.yaml").read_text() == (
        tmp_path / "plain.jsonl.yaml"
    ).read_text()
