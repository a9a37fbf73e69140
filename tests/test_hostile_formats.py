"""Hostile YAML and JSON (issue 17, items 2, 6, 8 and 9): alias bombs refused in time linear in
the text, nothing loads that cannot be written back, YAML merge keys and plain "<<", JSON
duplicate keys refused like YAML's, and errors that point at the value."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

import osintreport as osr
import osintreport.limits as limits
from osintreport.cli import main
from osintreport.ingest import read_footnoted
from osintreport.serialization import Format


def _bomb(levels: int, under: str = "x_bomb") -> str:
    lines = ["id: r", "title: t", f"{under}:", "  a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"  a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def _problem(text: str, fmt: str = "yaml") -> osr.Problem:
    with pytest.raises(osr.LoadError) as info:
        osr.loads(text, cast(Format, fmt))
    return info.value.problems[0]


# --- item 2: YAML alias expansion -----------------------------------------------------------


@pytest.mark.parametrize("under", ["x_bomb", "title", "events"])
def test_an_alias_bomb_is_refused_before_it_is_built(under: str) -> None:
    # 7 levels (379 bytes) took 5.9 s to load and 291 MB to write; under a field of the
    # wrong type 58 s went on error messages. 30 levels would never finish.
    start = time.perf_counter()
    problem = _problem(_bomb(30, under))
    assert time.perf_counter() - start < 1  # a generous bound: it takes milliseconds
    assert "aliases expand" in problem.message and "YAML_ALIAS_EXPANSION" in problem.message


def test_a_recursive_alias_is_refused() -> None:
    problem = _problem("id: r\ntitle: t\nx_a: &a [1, *a]\n")
    assert "recursive alias" in problem.message and problem.line == 3


def test_ordinary_reuse_of_anchors_loads() -> None:
    events = "".join(
        f"- {{id: e{i}, summary: s, where: *place}}\n"
        if i
        else "- {id: e0, summary: s, where: &place {name: Aleppo, country: SY}}\n"
        for i in range(500)
    )
    report = osr.loads("id: r\ntitle: t\nevents:\n" + events, "yaml")
    assert {e.where.name for e in report.events if e.where} == {"Aleppo"}


@pytest.fixture
def generous_aliases() -> Iterator[None]:
    saved = limits.YAML_ALIAS_EXPANSION, limits.YAML_ALIAS_FLOOR
    limits.YAML_ALIAS_EXPANSION, limits.YAML_ALIAS_FLOOR = 10_000, 0
    yield
    limits.YAML_ALIAS_EXPANSION, limits.YAML_ALIAS_FLOOR = saved


def test_the_alias_limit_can_be_raised(generous_aliases: None) -> None:
    report = osr.loads(_bomb(3), "yaml")  # 34 nodes written, 7,381 once expanded
    assert len(report.extensions["x_bomb"]["a3"]) == 9


def test_the_alias_limit_is_a_multiple_of_what_is_written() -> None:
    saved = limits.YAML_ALIAS_FLOOR
    limits.YAML_ALIAS_FLOOR = 0
    try:
        assert "aliases expand 22 nodes as written to 931" in _problem(_bomb(2)).message
        limits.YAML_ALIAS_EXPANSION = 50
        osr.loads(_bomb(2), "yaml")
    finally:
        limits.YAML_ALIAS_FLOOR, limits.YAML_ALIAS_EXPANSION = saved, 10


# --- item 6: what loads can be written -------------------------------------------------------


def test_a_lone_surrogate_escape_is_refused_with_its_path() -> None:
    problem = _problem(
        '{"id": "r", "title": "t", "claims": [{"id": "c", "text": "\\ud800"}]}', "json"
    )
    assert problem.path == "$.claims[0].text" and "lone surrogate" in problem.message


def test_a_lone_surrogate_in_a_string_is_refused_with_its_line() -> None:
    problem = _problem('{"id": "r",\n"title": "\ud800"}', "json")
    assert problem.line == 2 and "U+D800" in problem.message


def test_a_lone_surrogate_in_json_lines_is_refused() -> None:
    line = '{"type": "report", "schema_version": 2, "id": "r", "title": "\\udfff"}\n'
    assert _problem(line, "jsonl").path == "$.title"


def test_a_lone_surrogate_in_json_lines_given_as_str_lines_is_refused() -> None:
    from osintreport.jsonl import read_report

    line = '{"type": "report", "schema_version": 2, "id": "r", "title": "\ud800"}'
    with pytest.raises(osr.LoadError) as info:
        read_report([line])
    assert info.value.problems[0].path == "$.title"
    assert "lone surrogate" in info.value.problems[0].message


def test_lines_from_a_file_skip_only_the_search_no_utf8_file_needs(tmp_path: Path) -> None:
    """Lines decoded from a file cannot hold a raw lone surrogate, so the readers do not look
    for one there; an escaped one is still refused, and lines given as strings still are."""
    from osintreport._stream_index import skim_lines
    from osintreport.jsonl import DecodedLines, iter_records
    from osintreport.streamed import file_lines

    header = '{"type": "report", "schema_version": 2, "id": "r", "title": "حلب"}\n'
    escaped = '{"type": "claim", "id": "c", "text": "\\udfff"}\n'
    path = tmp_path / "r.jsonl"
    path.write_text(header + '{"type": "claim", "id": "c", "text": "قصف"}\n', "utf-8")
    lines = file_lines(path, lambda _: None)
    assert isinstance(lines, DecodedLines)
    assert isinstance(skim_lines(file_lines(path, lambda _: None), lambda *_: True), DecodedLines)
    assert not isinstance(skim_lines([header], lambda *_: True), DecodedLines)
    assert list(iter_records(lines)) == list(iter_records(path))
    assert [r.id for r in iter_records(path)] == ["r", "c"]
    path.write_text(header + escaped, "utf-8")
    with pytest.raises(osr.LoadError, match="lone surrogate"):
        list(iter_records(file_lines(path, lambda _: None)))
    raw = '{"type": "claim", "id": "c", "text": "\ud800"}'
    with pytest.raises(osr.LoadError, match="lone surrogate"):
        list(iter_records([header, raw]))


def test_a_surrogate_pair_is_one_character_and_round_trips() -> None:
    report = osr.loads('{"id": "r", "title": "\\ud83d\\ude00"}', "json")
    assert report.title == "\U0001f600"
    assert osr.loads(osr.dumps(report, "yaml"), "yaml") == report


def test_ingest_replaces_a_lone_surrogate_so_the_draft_can_be_written() -> None:
    draft = read_footnoted("Title\n\nA claim \ud800 here.[1]\n\n1. http://x.com/\n")
    assert draft.report.claims[0].text == "A claim \ufffd here."
    assert osr.loads(osr.dumps(draft.report, "yaml"), "yaml") == draft.report


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("id: r\ntitle: t\nx_n: 0x" + "f" * 5000 + "\n", "yaml"),
        ("id: r\ntitle: t\nx_n: " + "7" * 5000 + "\n", "yaml"),
        ('{"id": "r", "title": "t", "x_n": ' + "7" * 5000 + "}", "json"),
    ],
)
def test_an_integer_too_long_to_write_is_refused(text: str, fmt: str) -> None:
    assert "4300 digits" in _problem(text, fmt).message


# --- item 8: YAML merge keys and plain scalars, JSON duplicate keys ---------------------------


def test_merge_keys_merge() -> None:
    text = (
        "id: r\ntitle: t\nx_base: &b {kind: battle, summary: shelling}\n"
        "events:\n- id: e1\n  <<: *b\n- id: e2\n  <<: *b\n  summary: an air strike\n"
    )
    report = osr.loads(text, "yaml")
    assert [(e.id, e.kind.value, e.summary) for e in report.events] == [
        ("e1", "battle", "shelling"),
        ("e2", "battle", "an air strike"),
    ]


def test_a_quoted_merge_key_is_a_key() -> None:
    report = osr.loads("id: r\ntitle: t\nx_m: {'<<': 1}\n", "yaml")
    assert report.extensions["x_m"] == {"<<": 1}


@pytest.mark.parametrize("value", ["<<", "=", "<< text"])
def test_merge_and_value_indicators_are_plain_text_as_values(value: str) -> None:
    report = osr.loads(f"id: r\ntitle: {value}\n", "yaml")
    assert report.title == value
    assert osr.loads(osr.dumps(report, "yaml"), "yaml") == report


@pytest.mark.parametrize("value", ["0o17", "007", "0x1F", "1e5", "+12", "-0", "<<", "="])
def test_strings_a_yaml_reader_would_take_for_numbers_are_quoted(value: str) -> None:
    written = osr.dumps(osr.Report(id="r", title=value), "yaml")
    assert f"title: '{value}'" in written or f'title: "{value}"' in written


def test_yaml_reads_0o_octal_as_the_core_schema_does() -> None:
    assert osr.loads("id: r\ntitle: t\nx_n: 0o17\n", "yaml").extensions == {"x_n": 15}


@given(st.text(alphabet="0123456789oxXeE+-._<=", max_size=8))
def test_any_short_numeric_looking_title_round_trips(value: str) -> None:
    if not value.strip():
        return
    report = osr.Report(id="r", title=value)
    assert osr.loads(osr.dumps(report, "yaml"), "yaml") == report


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_duplicate_keys_are_refused_as_in_yaml(fmt: str) -> None:
    if fmt == "json":
        text = '{"id": "r", "title": "t", "title": "u"}'
    else:
        text = '{"type": "report", "schema_version": 2, "id": "r", "title": "t", "id": "s"}\n'
    problem = _problem(text, fmt)
    assert "duplicate key" in problem.message
    assert "'title'" in problem.message or "'id'" in problem.message


# --- item 9: errors that point at the value; ingest replaces bad bytes -----------------------


def test_a_number_too_large_inside_an_extension_points_at_it() -> None:
    problem = _problem('{"id": "r", "title": "t", "x_a": {"b": [1, 1e400]}}', "json")
    assert problem.path == "$.x_a.b[1]"


def test_cli_ingest_replaces_invalid_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"Title\n\nA claim \xff\xfe here.[1]\n\n1. http://x.com/\n")
    assert main(["ingest", str(path)]) == 0
    draft = osr.loads(capsys.readouterr().out, "yaml")
    assert draft.claims[0].text == "A claim \ufffd\ufffd here."
