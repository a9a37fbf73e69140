"""Fuzz every reader (issue 17): only our documented errors escape ``loads`` (YAML, JSON,
JSON Lines) and ingest, and whatever loads validates and writes back unchanged.

Two drivers share ``fuzz/target.py``: hypothesis, with documents built from tags, anchors,
merge keys, odd scalars and odd unicode; and atheris (coverage-guided), run for a bounded
time when the ``fuzz`` extra is installed, as it is in CI on Linux x86-64.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent


def _load_target() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_target", ROOT / "fuzz" / "target.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TARGET: Any = _load_target()
YAML, JSON, JSONL, INGEST = 0, 1, 2, 3
AS_TEXT, KEEP_SURROGATES = 0x10, 0x20

ODD_TEXT = st.sampled_from(
    [
        "<<",
        "=",
        "~",
        "0o17",
        "007",
        "0x1F",
        "1e400",
        "-0",
        ".inf",
        ".nan",
        "yes",
        "NO",
        "2023-07-01",
        "12:30",
        "\u2028",
        "\u202e",
        "\ufeff",
        "\x85",
        "\x00",
        "٢٠٢٣",
        "\U0001f600",
        "a: b",
        "- x",
        "#",
        "&a",
        "*a",
        "!!int",
        "x_",
        "",
    ]
)
TAGS = st.sampled_from(
    [
        "",
        "!!str ",
        "!!int ",
        "!!float ",
        "!!bool ",
        "!!null ",
        "!!timestamp ",
        "!!binary ",
        "!!set ",
        "!!omap ",
        "!!seq ",
        "!!map ",
        "!x ",
        "!!python/object:os.system ",
    ]
)
KEYS = st.sampled_from(
    [
        "id",
        "title",
        "x_a",
        "x_b",
        "claims",
        "events",
        "sources",
        "relations",
        "actors",
        "schema_version",
        "published",
        "<<",
        "text",
        "kind",
        "summary",
        "when",
        "where",
    ]
)


@st.composite
def yaml_documents(draw: st.DrawFn) -> str:
    """A YAML mapping with tags, anchors, aliases (defined or not) and odd scalars."""
    anchors: list[str] = []

    def scalar() -> str:
        text = draw(st.one_of(ODD_TEXT, st.text(max_size=6)))
        style = draw(st.sampled_from(["plain", "single", "double"]))
        if style == "single":
            return "'" + text.replace("'", "''") + "'"
        if style == "double":
            return json.dumps(text)
        return text if text.strip() == text and text else json.dumps(text)

    def value(depth: int) -> str:
        choice = draw(st.integers(0, 5 if depth < 3 else 2))
        if choice <= 1:
            out = draw(TAGS) + scalar()
        elif choice == 2 and anchors:
            out = "*" + draw(st.sampled_from(anchors))
        elif choice == 3:
            out = "[" + ", ".join(value(depth + 1) for _ in range(draw(st.integers(0, 3)))) + "]"
        else:
            items = [f"{draw(KEYS)}: {value(depth + 1)}" for _ in range(draw(st.integers(0, 3)))]
            out = "{" + ", ".join(items) + "}"
        if draw(st.booleans()) and not out.startswith("*"):
            name = f"a{len(anchors)}"
            anchors.append(name)
            out = f"&{name} {out}"
        return out

    lines = ["id: r", "title: t"] if draw(st.booleans()) else []
    lines += [f"{draw(KEYS)}: {value(0)}" for _ in range(draw(st.integers(0, 5)))]
    return "\n".join(lines) + "\n"


JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=8),
        ODD_TEXT,
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(KEYS, st.text(max_size=4)), inner, max_size=3),
    ),
    max_leaves=12,
)


@st.composite
def json_documents(draw: st.DrawFn) -> str:
    """A JSON object, maybe with a repeated key, a lone surrogate escape, 1e400 or 5000 digits."""
    data = draw(st.dictionaries(KEYS, JSON_VALUES, max_size=5))
    if draw(st.booleans()):
        data = {"id": "r", "title": "t", **data}
    text = json.dumps(data)
    trick = draw(
        st.sampled_from(
            [
                "",
                ', "id": "again"',
                ', "x_s": "\\ud800"',
                ', "x_f": 1e400',
                ', "x_i": ' + "9" * 5000,
                ', "x_p": "\\ud83d\\ude00"',
                ', "title": "\\udfff"',
            ]
        )
    )
    return text[:-1] + trick + "}" if text != "{}" and trick else text


@given(yaml_documents(), st.sampled_from([0, AS_TEXT]))
def test_yaml_documents(document: str, how: int) -> None:
    TARGET.check(bytes([YAML | how]) + document.encode("utf-8", "surrogatepass"))


@given(json_documents(), st.sampled_from([0, AS_TEXT]))
def test_json_documents(document: str, how: int) -> None:
    TARGET.check(bytes([JSON | how]) + document.encode("utf-8", "surrogatepass"))


@given(st.lists(json_documents(), max_size=4), st.booleans())
def test_json_lines(records: list[str], header: bool) -> None:
    first = ['{"type": "report", "schema_version": 2, "id": "r", "title": "t"}'] if header else []
    TARGET.check(bytes([JSONL]) + "\n".join(first + records).encode("utf-8", "surrogatepass"))


@given(st.binary(max_size=300), st.integers(0, 255))
def test_any_bytes_with_any_reader(body: bytes, choice: int) -> None:
    TARGET.check(bytes([choice]) + body)


INGEST_PIECES = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["\ud800", "\udfff", "[1]", "[1-3]", "\n\n", "1. http://x.com/\n", "Notes\n"]),
)


@given(st.lists(INGEST_PIECES, max_size=20).map("".join))
def test_ingest_of_any_text_with_lone_surrogates(text: str) -> None:
    body = text.encode("utf-8", "surrogatepass")  # read back with lone surrogates kept
    TARGET.check(bytes([INGEST | AS_TEXT | KEEP_SURROGATES]) + body)


@given(
    st.one_of(
        yaml_documents().map(str.encode), json_documents().map(str.encode), st.binary(max_size=200)
    ),
    st.sampled_from([".yaml", ".json", ".jsonl"]),
)
def test_load_from_a_file_and_iter_records(document: bytes, suffix: str) -> None:
    import tempfile

    import osintreport as osr
    from osintreport.jsonl import iter_records

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_bytes(document)
        try:
            report = osr.load(path)
        except osr.LoadError as error:
            assert error.problems and all(p.file == str(path) for p in error.problems)
        else:
            osr.validate(report)
        try:
            records = list(iter_records(path))
        except osr.LoadError as error:
            assert error.problems
        else:
            assert all(
                isinstance(
                    r,
                    (
                        osr.Report,
                        osr.Actor,
                        osr.Event,
                        osr.Claim,
                        osr.Source,
                        osr.Assessment,
                        osr.Relation,
                    ),
                )
                for r in records
            )


@pytest.mark.parametrize("seed", range(len(TARGET.seeds())))
def test_the_fuzzer_seeds(seed: int) -> None:
    TARGET.check(TARGET.seeds()[seed])


def test_coverage_guided_fuzzing_for_a_bounded_time(tmp_path: Path) -> None:
    pytest.importorskip("atheris", reason="the fuzz extra (atheris) runs on Linux x86-64")
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "fuzz" / "run.py"),
            "--seconds",
            "30",
            "--artifacts",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    found = sorted(p.name for p in tmp_path.iterdir())
    assert run.returncode == 0 and not found, (found, run.stderr[-3000:])
    assert "Done" in run.stderr and "runs in" in run.stderr
