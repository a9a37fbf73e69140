"""The fuzz target: any bytes, through every reader; only our documented errors may escape.

``check(data)`` reads its first byte as a choice of reader and of how the rest is handed over
(``bytes``, or ``str`` with any lone surrogates kept), then:

* ``loads`` as YAML, JSON or JSON Lines: it either raises :class:`~osintreport.LoadError`
  (the documented error; ``SchemaVersionError`` is one) or returns a report;
* ingest (``read_footnoted``): never raises;
* then, for any report it got: ``validate`` never raises, and ``dumps`` in each format
  writes text that ``loads`` reads back to an equal report (lossless).

Any other exception is a defect. ``fuzz/run.py`` drives this with atheris (coverage-guided,
libFuzzer) for a bounded time; ``tests/test_fuzz_target.py`` drives it with hypothesis.
"""

from __future__ import annotations

from typing import cast

import osintreport as osr
from osintreport.ingest import read_footnoted
from osintreport.serialization import Format

READERS: tuple[str, ...] = ("yaml", "json", "jsonl", "ingest")
WRITERS: tuple[Format, ...] = ("yaml", "json", "jsonl")


def split(data: bytes) -> tuple[str, str | bytes]:
    """The reader the first byte chooses, and the document as bytes or as text."""
    if not data:
        return "yaml", b""
    choice, body = data[0], data[1:]
    reader = READERS[choice % len(READERS)]
    if choice & 0x10:  # as text, lone surrogates and all (a str can hold them; a file cannot)
        return reader, body.decode("utf-8", "surrogateescape" if choice & 0x20 else "replace")
    return reader, body


def check(data: bytes) -> None:
    """Run one input through the readers; a defect raises (``AssertionError`` or other)."""
    reader, document = split(data)
    if reader == "ingest":
        report = read_footnoted(document).report
    else:
        try:
            report = osr.loads(document, cast(Format, reader))
        except osr.LoadError as error:
            if not error.problems:
                raise AssertionError("a LoadError must name its problems") from error
            return
    osr.validate(report)
    for written in WRITERS:
        text = osr.dumps(report, written)
        again = osr.loads(text, written)
        assert again == report, f"{written} round trip changed the report"


def seeds() -> list[bytes]:
    """Small valid and near-valid inputs for each reader, to start the fuzzer from."""
    report = osr.Report(
        id="r",
        title="Seed: <<, =, 0o17, ٢٠٢٣",
        claims=(osr.Claim(id="c", text="A claim.", citations=(osr.Citation(source="s"),)),),
        sources=(osr.Source(id="s", url="https://example.org/a"),),
        extensions={"x_a": {"b": [1, 2.5, None, True, "\u2028"]}},
    )
    yaml_text = osr.dumps(report, "yaml").encode()
    return [
        bytes([0]) + yaml_text,
        bytes([1]) + osr.dumps(report, "json").encode(),
        bytes([2]) + osr.dumps(report, "jsonl").encode(),
        bytes([3]) + b"Title\n\nIran moved.[1] Russia helped.[2]\n\n[1] hxxps://sana[.]sy/?p=1\n",
        bytes([0]) + b"id: r\ntitle: t\nx_b: &b {k: [1, *c]}\nx_c: &c [x]\nx_m: {<<: *b}\n",
        bytes([0x10]) + b"id: r\ntitle: !!str <<\nx_t: !!timestamp 2023-01-01\n",
        bytes([0x31]) + b'{"id": "r", "title": "\\ud800", "x_n": 1e400}',
    ]
