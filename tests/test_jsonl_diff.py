"""Streamed diff of JSON Lines gives what the whole diff gives, line for line and value for value."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import osintreport as osr
from osintreport import jsonl_diff
from osintreport._diff_source import DiffSource
from osintreport.cli import main
from osintreport.diff import ReportDiff, change_data, diff, object_data
from osintreport.errors import LoadError
from osintreport.jsonl import report_lines
from osintreport.jsonl_diff import StreamedDiff, diff_jsonl
from osintreport.model import COLLECTIONS
from osintreport.serialization import unstructure

from .conftest import WORKED_EXAMPLE
from .test_validation_oracle import IDS, messy_reports


@st.composite
def versions(draw: st.DrawFn) -> tuple[osr.Report, osr.Report]:
    """An old report and a new one made of its items (kept, renamed, changed) and others."""
    old, other = draw(messy_reports()), draw(messy_reports())
    changes = mixed(draw, old, other)
    new = attrs.evolve(old, title=draw(st.sampled_from([old.title, "another title"])), **changes)
    return old, new


def mixed(draw: st.DrawFn, old: osr.Report, other: osr.Report) -> dict[str, Any]:
    """Each collection: the items of ``old`` kept, dropped, renamed to a drawn id or kept
    twice, then those of ``other``, in a drawn order."""
    changes: dict[str, Any] = {}
    for kind in COLLECTIONS:
        items = []
        for item in getattr(old, kind):
            fate = draw(st.sampled_from(["keep", "keep", "drop", "rename", "twice"]))
            if fate == "rename":
                item = attrs.evolve(item, id=draw(IDS))
            if fate != "drop":
                items.append(item)
            if fate == "twice":
                items.append(item)
        items += getattr(other, kind)
        changes[kind] = tuple(draw(st.permutations(items)))
    return changes


def _write(report: osr.Report, path: Path, layout: str) -> None:
    """The report as JSON Lines: item lines, all in the header line, or CRLF and a BOM."""
    if layout == "inline":
        text = json.dumps({"type": "report", **unstructure(report)}) + "\n"
    else:
        text = "".join(report_lines(report))
        if layout == "crlf":
            text = "\ufeff" + text.replace("\n", "\r\n")
    path.write_bytes(text.encode("utf-8"))


def _same(streamed: StreamedDiff, whole: ReportDiff) -> None:
    lines = list(streamed.lines())
    assert lines == (str(whole).split("\n") if whole else [])
    assert list(streamed.highlights()) == whole.highlights()
    assert streamed.report == whole.report
    assert [object_data(k, o) for k, o in streamed.added] == whole.to_data()["added"]
    assert [object_data(k, o) for k, o in streamed.removed] == whole.to_data()["removed"]
    assert [change_data(c) for c in streamed.changed] == whole.to_data()["changed"]
    assert list(streamed.changed) == list(whole.changed)
    assert bool(streamed) == bool(whole)
    assert streamed.counts == {
        "added": len(whole.added),
        "removed": len(whole.removed),
        "changed": len(whole.changed),
    }


@pytest.fixture
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


LAYOUTS = st.sampled_from(["lines", "lines", "inline", "crlf"])


@settings(max_examples=150, deadline=None)
@given(versions(), LAYOUTS, LAYOUTS)
def test_the_streamed_diff_equals_the_whole_one(
    pair: tuple[osr.Report, osr.Report], old_layout: str, new_layout: str
) -> None:
    # Ids repeat within a collection and across them, items are renamed to ids in use,
    # kept twice, dropped, changed and reordered; and the files are written with items in
    # the header line, with CRLF line breaks and a byte order mark.
    old, new = pair
    with tempfile.TemporaryDirectory() as name:
        before, after = Path(name) / "old.jsonl", Path(name) / "new.jsonl"
        _write(old, before, old_layout)
        _write(new, after, new_layout)
        whole = diff(osr.load(before), osr.load(after))
        with diff_jsonl(before, after) as streamed:
            _same(streamed, whole)
            _same(streamed, whole)  # read from disk again, the same


@settings(max_examples=40, deadline=None)
@given(versions())
def test_ids_that_share_a_hash_give_the_same_diff(pair: tuple[osr.Report, osr.Report]) -> None:
    # Every id hashes alike, across collections too: each pair of different ids collides.
    old, new = pair
    with tempfile.TemporaryDirectory() as name:
        before, after = Path(name) / "old.jsonl", Path(name) / "new.jsonl"
        _write(old, before, "lines")
        _write(new, after, "lines")
        with (
            mock.patch.object(jsonl_diff, "_id_hash", return_value=7),
            diff_jsonl(before, after) as streamed,
        ):
            _same(streamed, diff(old, new))


def test_the_worked_example_against_a_later_version(folder: Path) -> None:
    example = osr.load(WORKED_EXAMPLE)
    claim, actor = example.claims[0], example.actors[0]
    later = attrs.evolve(
        example,
        claims=(attrs.evolve(claim, status=osr.ClaimStatus.DISPUTED), *example.claims[1:]),
        actors=(*example.actors[1:], attrs.evolve(actor, id="moved-actor")),
        events=example.events[1:],
    )
    osr.dump(example, folder / "old.jsonl")
    osr.dump(later, folder / "new.jsonl")
    with diff_jsonl(folder / "old.jsonl", folder / "new.jsonl") as streamed:
        _same(streamed, diff(example, later))
        assert f"claims/{claim.id}: status" in next(streamed.highlights())
        assert streamed.counts == {"added": 0, "removed": 1, "changed": 2}
    assert not list(streamed.lines())  # closed: the files are gone


def test_an_unchanged_file_reads_no_line_twice(folder: Path, monkeypatch: Any) -> None:
    example = osr.load(WORKED_EXAMPLE)
    osr.dump(example, folder / "old.jsonl")
    osr.dump(example, folder / "new.jsonl")
    reads: list[int] = []
    real = DiffSource.item_at

    def item_at(self: DiffSource, offset: int) -> Any:
        reads.append(offset)
        return real(self, offset)

    monkeypatch.setattr(DiffSource, "item_at", item_at)
    with diff_jsonl(folder / "old.jsonl", folder / "new.jsonl") as streamed:
        assert not streamed
        assert repr(streamed) == (
            "<StreamedDiff: 0 report field(s), 0 added, 0 removed, 0 changed>"
        )
    assert reads == []


def test_every_bad_line_is_named(folder: Path) -> None:
    osr.dump(osr.load(WORKED_EXAMPLE), folder / "old.jsonl")
    bad = folder / "new.jsonl"
    bad.write_text(
        '{"type":"report","id":"r","title":"t"}\n{"type":"event"}\nnot json\n', encoding="utf-8"
    )
    with pytest.raises(LoadError) as caught:
        diff_jsonl(folder / "old.jsonl", bad)
    assert {p.line for p in caught.value.problems} == {2, 3}
    assert all(p.file == str(bad) for p in caught.value.problems)
    (folder / "bytes.jsonl").write_bytes(b'{"type":"report","id":"r","title":"t"}\n\xff\n')
    with pytest.raises(LoadError, match=r"not UTF-8 text .* on line 2"):
        diff_jsonl(folder / "bytes.jsonl", folder / "old.jsonl")
    with pytest.raises(LoadError, match="cannot read file"):
        diff_jsonl(folder / "missing.jsonl", folder / "old.jsonl")


def test_the_command_streams_json_lines_and_prints_what_the_whole_diff_prints(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = osr.load(WORKED_EXAMPLE)
    later = attrs.evolve(example, title="Later", events=example.events[2:])
    for suffix in ("jsonl", "json"):
        osr.dump(example, folder / f"old.{suffix}")
        osr.dump(later, folder / f"new.{suffix}")
    printed = {}
    for fmt in ("text", "json"):
        for suffix in ("jsonl", "json"):
            old, new = str(folder / f"old.{suffix}"), str(folder / f"new.{suffix}")
            assert main(["diff", old, new, "--format", fmt, "--exit-code"]) == 1
            text = capsys.readouterr().out
            printed[fmt, suffix] = text.replace(f".{suffix}", ".X")
    assert printed["text", "jsonl"] == printed["text", "json"]
    assert printed["json", "jsonl"] == printed["json", "json"]
    data = json.loads(printed["json", "jsonl"])
    assert len(data["removed"]) == 2
    assert data["changed"] == []
    assert data["highlights"][0].startswith("events/")
    out = folder / "diff.txt"
    old, new = str(folder / "old.jsonl"), str(folder / "new.jsonl")
    assert main(["diff", old, new, "-o", str(out), "-q"]) == 0
    assert capsys.readouterr().out == ""
    assert out.read_text(encoding="utf-8").replace(".jsonl", ".X") == printed["text", "jsonl"]
    osr.dump(example, folder / "same.jsonl")
    assert main(["diff", str(folder / "old.jsonl"), str(folder / "same.jsonl"), "--exit-code"]) == 0
    assert capsys.readouterr().out.endswith("no differences\n")
    assert (
        main(["diff", str(folder / "old.jsonl"), str(folder / "same.jsonl"), "--format", "json"])
        == 0
    )
    empty = json.loads(capsys.readouterr().out)
    assert empty["added"] == empty["removed"] == empty["changed"] == empty["highlights"] == []
