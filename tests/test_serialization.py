from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given

import osintreport as osr
from osintreport import LoadError, Report, SchemaVersionError, UnsupportedFormatError
from osintreport import strategies as ost
from osintreport.serialization import Format, format_for

FORMATS: tuple[Format, ...] = ("yaml", "json", "jsonl")


@given(ost.reports())
def test_round_trip_every_format(report: Report) -> None:
    for fmt in FORMATS:
        text = osr.dumps(report, fmt)
        back = osr.loads(text, fmt)
        assert back == report
        assert osr.dumps(back, fmt) == text  # dumps is a fixed point


@given(ost.reports())
def test_formats_agree(report: Report) -> None:
    via_json = osr.loads(osr.dumps(report, "json"), "json")
    via_yaml = osr.loads(osr.dumps(report, "yaml"), "yaml")
    assert osr.dumps(via_json, "json") == osr.dumps(via_yaml, "json")


def test_load_dump_by_suffix(tmp_path: Path) -> None:
    report = Report(id="r", title="تقرير", summary="Отчёт о событиях; گزارش")
    for suffix in (".yaml", ".yml", ".json", ".jsonl", ".ndjson"):
        path = tmp_path / f"r{suffix}"
        osr.dump(report, path)
        assert osr.load(path) == report
    assert format_for("A.YAML") == "yaml"
    with pytest.raises(UnsupportedFormatError, match=r"\.txt"):
        osr.dump(report, tmp_path / "r.txt")
    with pytest.raises(UnsupportedFormatError):
        osr.loads("{}", "toml")  # type: ignore[call-overload]


def test_output_is_deterministic_and_ordered() -> None:
    event = osr.Event(id="e1", summary="s", kind=osr.EventKind.BATTLE, when=osr.When.parse("2023"))
    data = osr.unstructure(event)
    assert list(data) == ["id", "kind", "summary", "when"]
    report = Report(id="r", title="t")
    assert (
        osr.dumps(report, "json") == '{\n  "schema_version": 2,\n  "id": "r",\n  "title": "t"\n}\n'
    )
    assert osr.dumps(report, "yaml") == "schema_version: 2\nid: r\ntitle: t\n"


def test_unicode_survives_byte_for_byte() -> None:
    arabic = "وقفة احتجاجیة لأهالی عدد من البلدات بریف دیر الزور"
    persian = "آرایش نظامی آمریکا و هم پیمانانش"
    russian = "Россия начала переброску войск из Сирии в Украину"
    report = Report(id="r", title=arabic, summary=persian, authors=(russian,))
    for fmt in FORMATS:
        text = osr.dumps(report, fmt)
        assert arabic in text
        assert persian in text
        assert russian in text
        assert "\\u" not in text
        assert osr.dumps(osr.loads(text.encode("utf-8"), fmt), fmt) == text


def test_extension_keys_kept_and_written_back_in_place() -> None:
    text = (
        "schema_version: 2\nid: r\ntitle: t\nx_team: red\n"
        "events:\n- id: e\n  summary: s\n  x_confidence_note:\n    why: [a, b]\n"
    )
    report = osr.loads(text, "yaml")
    assert report.extensions == {"x_team": "red"}
    assert report.events[0].extensions == {"x_confidence_note": {"why": ["a", "b"]}}
    again = osr.dumps(report, "yaml")
    assert "x_team: red" in again
    assert "x_confidence_note" in again
    assert osr.loads(again, "yaml") == report


def test_every_problem_reported_at_once_with_paths() -> None:
    text = """\
id: r
title: t
events:
- id: e1
  summary: ok
  when: 2023-13-01
- id: e2
  summary: 5
  wehn: 2023
  where: {lat: 95, lon: 10}
claims:
- text: no id
  status: maybe
sources:
- id: s
  kind: newspaper
  accessed: 2023-08-03T10:00:00
"""
    with pytest.raises(LoadError) as info:
        osr.loads(text, "yaml", file="draft.yaml")
    problems = {(p.path, p.file) for p in info.value.problems}
    paths = [p.path for p in info.value.problems]
    assert ("$.events[0].when", "draft.yaml") in problems
    assert "$.events[1].summary" in paths
    assert "$.events[1].wehn" in paths
    assert "$.events[1].where.lat" in paths
    assert "$.claims[0].id" in paths
    assert "$.claims[0].status" in paths
    assert "$.sources[0].kind" in paths
    assert "$.sources[0].accessed" in paths
    assert len(paths) == 8
    message = str(info.value)
    assert "8 problems" in message
    assert "did you mean 'when'?" in message
    assert "'reported'" in message  # the choices are listed
    assert "draft.yaml:10:11: $.events[1].where.lat: expected a number from -90 to 90" in message
    # Each problem points at its key in the text; a missing key at the object that lacks it.
    where = {p.path: (p.line, p.column) for p in info.value.problems}
    assert where["$.events[0].when"] == (6, 3)
    assert where["$.events[1].wehn"] == (9, 3)
    assert where["$.claims[0].id"] == (12, 3)
    assert where["$.sources[0].accessed"] == (17, 3)


def test_wrong_root_and_empty_documents() -> None:
    cases: list[tuple[str, Format]] = [
        ("[1, 2]", "json"),
        ("", "yaml"),
        ("just text", "yaml"),
        ("null", "json"),
    ]
    for text, fmt in cases:
        with pytest.raises(LoadError) as info:
            osr.loads(text, fmt)
        assert info.value.problems[0].path == "$"
        assert "expected a mapping" in info.value.problems[0].message


def test_syntax_errors_carry_line_numbers() -> None:
    with pytest.raises(LoadError) as info:
        osr.loads("id: r\ntitle: [unclosed\n", "yaml", file="a.yaml")
    assert info.value.problems[0].line is not None
    assert "invalid YAML" in str(info.value)
    with pytest.raises(LoadError) as info:
        osr.loads('{"id": "r",\n "title": }', "json", file="a.json")
    assert info.value.problems[0].line == 2
    assert str(info.value.problems[0]).startswith("a.json:2: $: invalid JSON")


def test_safe_yaml_only() -> None:
    with pytest.raises(LoadError, match="invalid YAML"):
        osr.loads("id: !!python/object/apply:os.system ['echo pwned']\ntitle: t\n", "yaml")
    with pytest.raises(LoadError, match="invalid YAML"):
        osr.loads("!!python/name:os.system\n", "yaml")


def test_yaml_12_scalars_keep_strings_strings() -> None:
    text = "id: r\ntitle: 'NO'\nactors:\n- id: no-1\n  name: Norway\n  country: NO\n"
    report = osr.loads(text, "yaml")
    assert report.actors[0].country == "NO"
    # Timestamps and sexagesimal numbers stay text.
    text = "id: r\ntitle: t\nclaims:\n- id: c\n  text: x\n  citations:\n  - locator: 01:23:10\n"
    assert osr.loads(text, "yaml").claims[0].citations[0].locator == "01:23:10"
    # And the dumper quotes strings YAML 1.1 readers would misread.
    report = Report(id="r", title="yes", summary="1e5", authors=("2023-08-03", "on", "0x1F", "~"))
    text = osr.dumps(report, "yaml")
    assert "title: 'yes'" in text
    assert "'2023-08-03'" in text
    assert "'~'" in text
    assert osr.loads(text, "yaml") == report


def test_duplicate_keys_are_errors_in_yaml() -> None:
    with pytest.raises(LoadError, match="duplicate key 'title'"):
        osr.loads("id: r\ntitle: a\ntitle: b\n", "yaml")


def test_nan_and_infinity_are_not_json() -> None:
    with pytest.raises(LoadError, match="NaN"):
        osr.loads(
            '{"id": "r", "title": "t", "events": [{"id": "e", "summary": "s", '
            '"where": {"lat": NaN, "lon": 1}}]}',
            "json",
        )


def test_schema_version() -> None:
    assert osr.loads("id: r\ntitle: t\n", "yaml").schema_version == osr.SCHEMA_VERSION
    with pytest.raises(SchemaVersionError) as info:
        osr.loads("schema_version: 99\nid: r\ntitle: t\n", "yaml", file="new.yaml")
    message = str(info.value)
    assert "schema_version 99 is newer" in message
    assert "pip install -U osintreport" in message
    assert info.value.problems[0].path == "$.schema_version"
    for bad in ("0", "'1'", "1.5"):
        with pytest.raises(SchemaVersionError):
            osr.loads(f"schema_version: {bad}\nid: r\ntitle: t\n", "yaml")


def test_bytes_bom_and_bad_encoding() -> None:
    report = osr.loads("\ufeffid: r\ntitle: t\n".encode(), "yaml")
    assert report.id == "r"
    with pytest.raises(LoadError, match="not UTF-8"):
        osr.loads(b"id: r\ntitle: \xff\xfe\n", "yaml")


def test_missing_file_is_a_load_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        osr.load(tmp_path / "nope.yaml")
    assert info.value.problems[0].file == str(tmp_path / "nope.yaml")
    assert "cannot read file" in str(info.value)


def test_structure_other_classes() -> None:
    event = osr.structure({"id": "e", "summary": "s", "when": "2023-07"}, osr.Event)
    assert event.when == osr.When.parse("2023-07")
    assert (
        osr.loads('{"id": "a", "name": "Iran", "kind": "state"}', "json", cls=osr.Actor).name
        == "Iran"
    )
    with pytest.raises(LoadError) as info:
        osr.structure({"id": "e"}, osr.Event)
    assert info.value.problems[0].message == "missing required key 'summary' of Event"


def test_datetimes_round_trip_with_offsets() -> None:
    text = "id: s\naccessed: '2023-08-03T10:00:00+03:30'\n"
    source = osr.loads(text, "yaml", cls=osr.Source)
    assert source.accessed is not None
    assert source.accessed.utcoffset() is not None
    assert osr.dumps(source, "yaml") == text
    zulu = osr.loads('{"id": "s", "accessed": "2023-08-03T10:00:00Z"}', "json", cls=osr.Source)
    assert osr.unstructure(zulu)["accessed"] == "2023-08-03T10:00:00Z"


def test_atomic_write_keeps_old_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.yaml"
    original = Report(id="r", title="old")
    osr.dump(original, path)
    before = path.read_bytes()

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        osr.dump(Report(id="r", title="new"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["report.yaml"]  # no temp file left


def test_atomic_write_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    osr.dump(Report(id="r", title="t"), path)
    path.chmod(0o640)
    osr.dump(Report(id="r", title="t2"), path)
    assert path.stat().st_mode & 0o777 == 0o640
    assert json.loads(path.read_text())["title"] == "t2"
