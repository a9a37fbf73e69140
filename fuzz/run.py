"""Coverage-guided fuzzing of every reader with atheris (libFuzzer), for a bounded time.

Run: python fuzz/run.py [--seconds 60] [--max-len 4096] [--timeout 2] [--corpus DIR]

Needs the ``fuzz`` extra (``pip install -e '.[fuzz]'``; atheris has wheels for Linux x86-64).
Starts from the seeds in ``fuzz/target.py`` and a dictionary of YAML, JSON and footnote
tokens, instruments osintreport, PyYAML and the standard json module, and runs
``target.check`` until the time is up. An input that raises anything but our documented
``LoadError``, changes on a round trip, or takes longer than ``--timeout`` seconds stops the
run: libFuzzer writes it as ``crash-*`` or ``timeout-*`` in ``--artifacts`` and this script
exits non-zero. Reproduce one with ``python fuzz/run.py --replay FILE``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

TOKENS = [
    "&a",
    "*a",
    "<<",
    "<<:",
    "!!int",
    "!!float",
    "!!bool",
    "!!str",
    "!!null",
    "!!timestamp",
    "!!binary",
    "!!set",
    "!!omap",
    "!!pairs",
    "!!merge",
    "!!python/object:os.system",
    "!x",
    "---",
    "...",
    "? ",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "|",
    ">",
    "'",
    '"',
    "\\ud800",
    "\\udfff",
    "\\ud83d\\ude00",
    "\\u0000",
    "1e400",
    "-0",
    "0o17",
    "0x1F",
    ".inf",
    ".nan",
    "NaN",
    "Infinity",
    "~",
    "null",
    "true",
    "yes",
    "=",
    "x_",
    "schema_version",
    "2",
    "3",
    "id",
    "title",
    "claims",
    "events",
    "actors",
    "sources",
    "relations",
    "citations",
    "when",
    "where",
    "parent",
    "kind",
    "text",
    "summary",
    "url",
    "type",
    "report",
    "2023-07-~",
    "2023/..",
    "[1]",
    "[1-50]",
    "[iv]",
    "1. ",
    "Notes",
    "hxxps://",
    "[.]",
    " dot ",
    "(dot)",
    "www.",
    "http://x.com/",
    "\u2028",
    "\u202e",
    "\ufeff",
    "\x85",
]


def _write_inputs(corpus: Path, dictionary: Path) -> None:
    sys.path.insert(0, str(HERE))
    import target

    corpus.mkdir(parents=True, exist_ok=True)
    for index, seed in enumerate(target.seeds()):
        (corpus / f"seed-{index}").write_bytes(seed)
    lines = []
    for token in TOKENS:
        escaped = token.encode("utf-8").decode("latin-1")
        quoted = "".join(
            c if 32 <= ord(c) < 127 and c not in '"\\' else f"\\x{ord(c):02x}" for c in escaped
        )
        lines.append(f'"{quoted}"')
    dictionary.write_text("\n".join(lines) + "\n", encoding="ascii")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long to fuzz")
    parser.add_argument("--max-len", type=int, default=4096, help="longest input tried")
    parser.add_argument("--timeout", type=int, default=2, help="seconds one input may take")
    parser.add_argument("--corpus", type=Path, help="keep the corpus here (default: a temp dir)")
    parser.add_argument("--artifacts", type=Path, default=Path.cwd(), help="where crashes go")
    parser.add_argument("--replay", type=Path, help="run one saved input and show what happens")
    args = parser.parse_args()
    try:
        import atheris
    except ImportError:
        print("atheris is not installed: pip install -e '.[fuzz]' (Linux x86-64)")
        return 2
    sys.path.insert(0, str(HERE))
    with atheris.instrument_imports(include=["osintreport", "yaml", "json"]):
        import target
    if args.replay is not None:
        target.check(args.replay.read_bytes())
        print("no defect")
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        corpus = args.corpus or Path(scratch) / "corpus"
        dictionary = Path(scratch) / "tokens.dict"
        _write_inputs(corpus, dictionary)
        argv = [
            sys.argv[0],
            str(corpus),
            f"-max_total_time={args.seconds}",
            f"-max_len={args.max_len}",
            f"-timeout={args.timeout}",
            f"-dict={dictionary}",
            f"-artifact_prefix={args.artifacts}/",
            "-print_final_stats=1",
        ]
        atheris.Setup(argv, target.check)
        atheris.Fuzz()  # exits the process: 0 when the time ran out with no defect
    return 0


if __name__ == "__main__":
    sys.exit(main())
