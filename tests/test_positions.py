"""Positions of JSON paths in YAML, JSON and JSON Lines text (for findings and load errors)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import osintreport as osr
from osintreport import _yaml
from osintreport.positions import Position, locate, locate_findings, parse_path
from osintreport.strategies import reports

from .conftest import WORKED_EXAMPLE

KINDS = ("actors", "events", "claims", "assessments", "sources")


def _id_paths(report: osr.Report) -> dict[str, str]:
    return {
        f"$.{kind}[{index}].id": item.id
        for kind in KINDS
        for index, item in enumerate(getattr(report, kind))
    }


@settings(max_examples=60, deadline=None)
@given(report=reports(), fmt=st.sampled_from(["yaml", "json", "jsonl"]))
def test_every_id_is_found_on_its_own_line(report: osr.Report, fmt: str) -> None:
    text = osr.dumps(report, fmt)  # type: ignore[arg-type]
    wanted = _id_paths(report)
    found = locate(text, fmt, wanted)
    assert set(found) == set(wanted)
    lines = text.split("\n")
    for path, ident in wanted.items():
        where = found[path]
        line = lines[where.line - 1]
        rest = line[where.column - 1 :]
        # The position is the "id" key itself, and the value is the object's id.
        assert rest.startswith(("id:", '"id"')), (path, rest[:40])
        _, _, value = rest.partition(":")
        value = value.split(",")[0].strip() if fmt != "yaml" else value.strip()
        assert ident == (json.loads(value) if fmt != "yaml" else _yaml.parse(value))


def test_worked_example_positions_point_at_the_objects() -> None:
    text = WORKED_EXAMPLE.read_text(encoding="utf-8")
    report = osr.loads(text, "yaml")
    index, claim = next(
        (n, c) for n, c in enumerate(report.claims) if c.citations and c.citations[0].source
    )
    cited = f"$.claims[{index}].citations[0].source"
    found = locate(text, "yaml", [f"$.claims[{index}]", cited, "$.nowhere"])
    line = text.split("\n")[found[f"$.claims[{index}]"].line - 1]
    assert claim.id in line
    source_line = text.split("\n")[found[cited].line - 1]
    assert source_line.strip() == f"- source: {claim.citations[0].source}"
    # A key that is not in the text gets the position of the nearest ancestor: the root.
    assert found["$.nowhere"] == Position(line=1, column=1)


@pytest.mark.parametrize(
    ("path", "parts"),
    [
        ("$", ()),
        ("$.claims[3].citations[0]", ("claims", 3, "citations", 0)),
        ("$.extensions['x_a b'][2]", ("extensions", "x_a b", 2)),
        ('$.extensions["x_\\"q"]', ("extensions", 'x_"q')),
        ("line 12", None),
        ("$.claims[x]", None),
    ],
)
def test_parse_path(path: str, parts: tuple[object, ...] | None) -> None:
    assert parse_path(path) == parts


def test_json_positions_count_characters_and_skip_nested_noise() -> None:
    text = '{"id": "r", "title": "é[x]", "claims": [\n  {"id": "c1", "text": "a,b:{}"},\n  {"id": "c2", "text": "\\"]"}\n]}'
    found = locate(text, "json", ["$.claims[1].text", "$.claims[0].id", "$.title"])
    assert found["$.claims[1].text"] == Position(line=3, column=16)
    assert found["$.claims[0].id"] == Position(line=2, column=4)
    assert found["$.title"] == Position(line=1, column=13)


def test_jsonl_positions_are_the_record_lines() -> None:
    report = osr.Report(
        id="r",
        title="T",
        claims=(osr.Claim(id="c1", text="a"), osr.Claim(id="c2", text="b", about=("c1",))),
    )
    text = osr.dumps(report, "jsonl")
    found = locate(text, "jsonl", ["$.claims[1].about[0]", "$.title", "$.claims[7]"])
    assert found["$.claims[1].about[0]"].line == 3
    assert text.split("\n")[2][found["$.claims[1].about[0]"].column - 1 :].startswith('"c1"')
    assert found["$.title"].line == 1
    assert found["$.claims[7]"] == Position(line=1, column=1)  # no such record: the header


def test_broken_text_gives_what_can_be_found_and_never_raises() -> None:
    assert locate("a: [", "yaml", ["$.a"]) == {}
    for text in ("}", "]]", ",", '{"a": [1,', '{"a" 1}', "[}", ""):
        located = locate(text, "json", ["$.a", "$[0]"])
        assert set(located) <= {"$.a", "$[0]"}
    assert locate('{"a": [1,', "json", ["$.a"]) == {"$.a": Position(line=1, column=2)}


def test_locate_findings_fills_line_and_column() -> None:
    text = "id: r\ntitle: T\nclaims:\n- id: c1\n  text: x\n  claimant: ghost\n"
    findings = osr.validate(osr.loads(text, "yaml"))
    located = locate_findings(findings, text, "yaml")
    by_code = {f.code: f for f in located}
    assert (by_code["OSR102"].line, by_code["OSR102"].column) == (6, 3)
    assert str(by_code["OSR102"]).startswith("6:3: $.claims[0].claimant: OSR102")
    assert [f.code for f in located] == [f.code for f in findings]


def test_validate_file_gives_findings_their_positions() -> None:
    findings = osr.validate_file(WORKED_EXAMPLE)
    assert len(findings) == 107
    assert all(f.line is not None and f.column is not None for f in findings)
    lines = WORKED_EXAMPLE.read_text(encoding="utf-8").split("\n")
    first = findings[0]
    assert first.path == "$.claims[0]"
    assert "id: cl-coordinated-coercive-campaign" in lines[first.line - 1]  # type: ignore[operator]
    assert str(first).startswith(f"{first.line}:{first.column}: $.claims[0]: OSR301")


@given(
    parts=st.lists(st.one_of(st.integers(0, 10**6), st.text(max_size=12)), max_size=6).map(tuple)
)
def test_parse_path_reads_back_what_render_path_writes(parts: tuple[str | int, ...]) -> None:
    from osintreport._data_paths import render_path

    assert parse_path(render_path(parts)) == parts
