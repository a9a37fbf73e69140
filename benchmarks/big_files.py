"""Commands on a big JSON Lines report, and whole documents loaded: time and peak memory.

Run: python benchmarks/big_files.py [--events 1000000] [--whole-events 100000] [--dir DIR]
     python benchmarks/big_files.py --only-ingest [--text-mb 80] [--compare-whole]
                                    [--ingest-format text|markdown|html|pdf]

Writes one report of ``--events`` events (the record of ``compare.py``, about 0.85 KB of JSON
a line) as JSON Lines, then runs each streaming command on it in a child process of its
own and prints the wall time and the child's peak resident memory (``ru_maxrss`` from
``wait4``, so each figure is that command's alone). Then it writes the first
``--whole-events`` events as one document (indented JSON, compact JSON, YAML) and loads each
whole, printing peak memory as a multiple of the file's size: issue 14 asks for at most 3x
for JSON and 10x for YAML. With ``--compare-whole`` the commands also run on standard input,
where they build the whole report, and their outputs are compared byte for byte.
Last, ``ingest -o`` drafts a generated footnoted text of ``--text-mb`` MB (80 MB is about
a million claims; with ``--compare-whole`` also ``read_report`` and ``dump``), written as
``--ingest-format`` says: plain text, scraped Markdown, a saved HTML page, or a PDF (made by
``ingest_formats.as_pdf`` with fpdf2, from the test extra; ``--text-mb`` is then the text it
holds, and making 25 MB of it takes fpdf2 about four minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from compare import make_records

CHUNK = 10_000


def write_jsonl(path: Path, events: int) -> None:
    """One report header, then ``events`` event lines, written in chunks of 10,000."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"type": "report", "id": "big", "title": "Big"}) + "\n")
        for chunk in range(0, events, CHUNK):
            for index, record in enumerate(make_records(min(CHUNK, events - chunk), seed=chunk)):
                record["id"] = f"ev-{chunk + index}"
                handle.write(json.dumps({"type": "event", **record}, ensure_ascii=False) + "\n")


def write_later(big: Path, later: Path) -> None:
    """A later version of ``big``: a new title, 1% of events edited, 0.1% dropped, 0.1%
    renamed (the same content under a new id) and 1,000 new events at the end."""
    with big.open(encoding="utf-8") as source, later.open("w", encoding="utf-8") as out:
        for number, line in enumerate(source):
            if number % 1000 == 1:
                continue
            if number == 0 or number % 100 == 3 or number % 1000 == 5:
                record = json.loads(line)
                if number == 0:
                    record["title"] = "Big, updated"
                elif number % 100 == 3 and record["type"] == "event":
                    record["summary"] += " (updated)"
                else:
                    record["id"] += "-renamed"
                line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
        for number in range(1000):
            record = {"type": "event", "id": f"new-{number}", "summary": "A new event."}
            out.write(json.dumps(record) + "\n")


# The child reports its own peak (VmHWM, which exec resets); ru_maxrss would count the
# benchmark's own memory, copied into the child when it forks.
_WRAPPER = """
import sys
sys.path.insert(0, {here!r})
from _measure import peak_rss_mb
try:
    {body}
finally:
    sys.stderr.write(f"PEAK {{peak_rss_mb()}}\\n")
"""


def run(body: str, stdin: Path | None = None) -> tuple[float, float]:
    """Run Python ``body`` in a child; return (seconds, peak RSS in MB) of that child."""
    code = _WRAPPER.format(here=str(Path(__file__).parent), body=body)
    start = time.perf_counter()
    with open(stdin or os.devnull, "rb") as feed:
        done = subprocess.run(
            [sys.executable, "-c", code],
            stdin=feed,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    seconds = time.perf_counter() - start
    peaks = [line for line in done.stderr.splitlines() if line.startswith("PEAK ")]
    if done.returncode != 0 or not peaks:
        raise SystemExit(f"failed ({done.returncode}): {body}\n{done.stderr}")
    return seconds, float(peaks[-1].split()[1])


def command(args: list[str], status: int = 0) -> str:
    """Python that runs ``osintreport ARGS`` and fails on another exit status."""
    return f"from osintreport.cli import main; assert main({args!r}) == {status}"


def write_foreign(bundle: Path, out: Path) -> None:
    """The bundle as another tool would write it: no osintreport extension, and the places
    of events as ``located-at`` relationships (ours say ``related-to``)."""
    from osintreport._json_items import array_members, expand
    from osintreport.stix import EXTENSION_ID

    with bundle.open("rb") as source, out.open("w", encoding="utf-8") as target:
        target.write('{"type": "bundle", "id": "bundle--foreign", "objects": [\n')
        for number, (member, _) in enumerate(array_members(source.read, "objects", {})):
            obj = expand(member)  # the report's object_refs, when long, come from disk
            extensions = dict(obj.pop("extensions", None) or {})
            extensions.pop(EXTENSION_ID, None)
            if extensions:
                obj["extensions"] = extensions
            if obj["type"] == "relationship" and obj["target_ref"].startswith("location--"):
                obj["relationship_type"] = "located-at"
            target.write(("" if number == 0 else ",\n") + json.dumps(obj, ensure_ascii=False))
        target.write("\n]}\n")


def _stix_import(folder: Path, compare_whole: bool) -> None:
    """``import --from stix`` of the bundle ``export --to stix`` wrote, and of a foreign one."""
    bundles = {"our export": folder / "b.json", "foreign": folder / "foreign.json"}
    write_foreign(bundles["our export"], bundles["foreign"])
    for name, bundle in bundles.items():
        mb = bundle.stat().st_size / 2**20
        out = folder / "imported.jsonl"
        args = ["import", "--from", "stix", str(bundle), "-o", str(out), "-q", "--skip-unfit"]
        seconds, peak = run(command(args))
        label = f"`import --from stix`, {name} ({mb:.0f} MB)"
        print(f"| {label} (streamed) | {seconds:.0f} s | {peak:.0f} MB |")
        if compare_whole:
            whole = folder / "whole-import.jsonl"
            seconds, peak = run(  # one line: the body goes inside a try block
                "import json, osintreport as osr; from osintreport.stix import read_stix; "
                f"bundle = json.loads(open({str(bundle)!r}, encoding='utf-8').read()); "
                f"osr.dump(read_stix(bundle).report, {str(whole)!r})"
            )
            same = "same output" if whole.read_bytes() == out.read_bytes() else "DIFFERENT"
            print(f"| {label} (whole, {same}) | {seconds:.0f} s | {peak:.0f} MB |")
            whole.unlink()
        out.unlink()
    for bundle in bundles.values():
        bundle.unlink()


def _as_markdown(text: str) -> str:
    """The generated text as scraped Markdown: a ``#`` title, ``[^n]`` footnotes, emphasis."""
    head, _, rest = text.partition("\n\n")
    body, _, notes = rest.rpartition("\n\n")
    title, *byline = head.split("\n")
    body = re.sub(r"\[(\d+)\]", r"[^\1]", body).replace("armour", "**armour**")
    notes = re.sub(r"^\[(\d+)\]", r"[^\1]:", notes, flags=re.MULTILINE)
    return "\n\n".join([f"# {title}", *byline, body, "## Endnotes", notes]) + "\n"


def _as_html(text: str) -> str:
    """The generated text as a saved page: ``<p>`` paragraphs, ``<sup>`` markers, an ``<ol>``."""
    head, _, rest = text.partition("\n\n")
    body, _, notes = rest.rpartition("\n\n")
    title, *byline = head.split("\n")
    paragraphs = (
        "<p>" + re.sub(r"\[(\d+)\]", r"<sup>\1</sup>", p) + "</p>\n" for p in body.split("\n\n")
    )
    items = (f"<li>{line}</li>\n" for line in notes.split("\n"))
    return "".join(
        [
            f"<!doctype html><html><head><title>{title}</title></head><body><article>\n",
            f"<h1>{title}</h1>\n",
            *(f"<p>{line}</p>\n" for line in byline),
            *paragraphs,
            "<h2>Endnotes</h2><ol>\n",
            *items,
            "</ol></article></body></html>\n",
        ]
    )


def _ingest(folder: Path, megabytes: float, compare_whole: bool, kind: str = "text") -> None:
    """``ingest -o`` of a generated footnoted text of ``megabytes`` MB, with no claim cap.

    ``kind`` is the input's format: the text as it is, or written as Markdown or HTML.
    """
    from ingest_speed import synthetic

    if kind == "pdf":
        from ingest_formats import as_pdf

        text = as_pdf(megabytes, folder / "report.pdf")
    else:
        suffix, make = {"text": (".txt", str), "markdown": (".md", _as_markdown)}.get(
            kind, (".html", _as_html)
        )
        text = folder / f"report{suffix}"
        text.write_text(make(synthetic(megabytes)), encoding="utf-8")
    size = text.stat().st_size / 2**20
    out = folder / "draft.jsonl"
    args = ["ingest", str(text), "-o", str(out), "--max-claims", "0", "-q"]
    seconds, peak = run(command(args))
    claims = sum(1 for line in out.open(encoding="utf-8") if '"type":"claim"' in line)
    label = f"`ingest --max-claims 0 -o draft.jsonl`, {size:.0f} MB of {kind} ({claims:,} claims)"
    print(f"| {label} (streamed) | {seconds:.0f} s | {peak:.0f} MB |")
    if compare_whole:
        whole = folder / "whole-draft.jsonl"
        seconds, peak = run(
            "import osintreport as osr; from osintreport.ingest import read_report; "
            f"osr.dump(read_report({str(text)!r}, max_claims=None).report, {str(whole)!r})"
        )
        same = "same output" if whole.read_bytes() == out.read_bytes() else "DIFFERENT"
        print(f"| {label} (whole, {same}) | {seconds:.0f} s | {peak:.0f} MB |")
        whole.unlink()
    out.unlink()
    text.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--whole-events", type=int, default=100_000)
    parser.add_argument("--dir", help="where to write the files (default: a temporary folder)")
    parser.add_argument("--compare-whole", action="store_true")
    parser.add_argument(
        "--text-mb", type=float, default=80.0, help="the size of the text ingest reads"
    )
    parser.add_argument(
        "--only-ingest", action="store_true", help="time the ingest of a big text only"
    )
    parser.add_argument(
        "--ingest-format",
        choices=("text", "markdown", "html", "pdf"),
        default="text",
        help="the text ingest reads, as it is or as Markdown, HTML or a PDF (default: text)",
    )
    args = parser.parse_args()
    folder = Path(args.dir or tempfile.mkdtemp(prefix="osr-big-"))
    folder.mkdir(parents=True, exist_ok=True)
    if args.only_ingest:
        print("\n| command | time | peak RSS |\n| --- | --- | --- |")
        _ingest(folder, args.text_mb, args.compare_whole, args.ingest_format)
        return 0
    big = folder / "big.jsonl"
    if not big.exists():
        write_jsonl(big, args.events)
    size = big.stat().st_size / 2**20
    print(f"{args.events:,} events, {size:.0f} MB of JSON Lines, Python {sys.version.split()[0]}")
    print("\n| command | time | peak RSS |\n| --- | --- | --- |")
    commands = {
        "summary": ["summary", str(big)],
        "convert to JSON": ["convert", str(big), str(folder / "out.json")],
        "convert to YAML": ["convert", str(big), str(folder / "out.yaml")],
        "export --to geojson": [
            "export",
            str(big),
            "--to",
            "geojson",
            "-o",
            str(folder / "e.geojson"),
        ],
        "export --to stix": ["export", str(big), "--to", "stix", "-o", str(folder / "b.json")],
        "export --to parquet": [
            "export",
            str(big),
            "--to",
            "parquet",
            "-o",
            str(folder / "e.parquet"),
        ],
    }
    # The events name actors and sources the file does not hold: validate reports about 2
    # findings per event (OSR102, OSR301) and exits 1; the second run leaves those rules out.
    checks = {
        "validate (every finding)": ["validate", str(big), "--format", "github"],
        "validate --ignore OSR102,OSR301": ["validate", str(big), "--ignore", "OSR102,OSR301"],
    }
    for name, args_ in checks.items():
        status = 1 if "--ignore" not in args_ else 0
        seconds, peak = run(command(args_, status))
        print(f"| `{name}` (streamed) | {seconds:.0f} s | {peak:.0f} MB |")
    later = folder / "later.jsonl"
    if not later.exists():
        write_later(big, later)
    diffed = folder / "diff.txt"
    seconds, peak = run(command(["diff", str(big), str(later), "-q", "-o", str(diffed)]))
    print(f"| `diff` against a later version (streamed) | {seconds:.0f} s | {peak:.0f} MB |")
    if args.compare_whole:  # the old version from standard input: both read whole
        whole = ["diff", "-", str(later), "-o", str(diffed) + ".whole"]  # format told: whole
        seconds, peak = run(command(whole), stdin=big)
        streamed = diffed.read_text(encoding="utf-8").split("\n", 1)[1]
        same = Path(str(diffed) + ".whole").read_text(encoding="utf-8").split("\n", 1)[1]
        label = "same output" if same == streamed else "DIFFERENT"
        print(f"| `diff` (whole reports, {label}) | {seconds:.0f} s | {peak:.0f} MB |")
    merged = folder / "merged.jsonl"
    seconds, peak = run(command(["merge", str(big), str(later), "-q", "-o", str(merged)]))
    print(f"| `merge` with a later version (streamed) | {seconds:.0f} s | {peak:.0f} MB |")
    if args.compare_whole:  # the first report from standard input: both loaded whole
        merged_whole = folder / "merged-whole.jsonl"  # the suffix gives the format
        whole = ["merge", "-", str(later), "-o", str(merged_whole)]
        seconds, peak = run(command(whole), stdin=big)
        same = merged_whole.read_bytes() == merged.read_bytes()
        label = "same output" if same else "DIFFERENT"
        print(f"| `merge` (whole reports, {label}) | {seconds:.0f} s | {peak:.0f} MB |")
        merged_whole.unlink()
    merged.unlink()
    for name, args_ in commands.items():
        seconds, peak = run(command(args_))
        print(f"| `{name}` (streamed) | {seconds:.0f} s | {peak:.0f} MB |")
        if args.compare_whole and name.startswith("convert"):
            streamed = (folder / args_[2]).read_bytes()
            whole = ["convert", "-", args_[2]]  # stdin's format told from its text: read whole
            seconds, peak = run(command(whole), stdin=big)
            same = "same output" if (folder / args_[2]).read_bytes() == streamed else "DIFFERENT"
            print(f"| `{name}` (whole report, {same}) | {seconds:.0f} s | {peak:.0f} MB |")
    for name in ("out.json", "out.yaml", "e.geojson", "e.parquet"):
        (folder / name).unlink(missing_ok=True)
    _stix_import(folder, args.compare_whole)
    _ingest(folder, args.text_mb, args.compare_whole)
    whole_source = folder / "whole.jsonl"
    with big.open(encoding="utf-8") as source, whole_source.open("w", encoding="utf-8") as out:
        for number, line in enumerate(source):
            if number > args.whole_events:
                break
            out.write(line)
    documents = {
        "JSON, indented": folder / "whole.json",
        "JSON, compact": folder / "whole-compact.json",
        "YAML": folder / "whole.yaml",
    }
    run(command(["convert", str(whole_source), str(documents["JSON, indented"])]))
    run(command(["convert", str(whole_source), str(documents["YAML"])]))
    data = json.loads(documents["JSON, indented"].read_text(encoding="utf-8"))
    documents["JSON, compact"].write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    del data
    baseline = run("import osintreport")[1]
    print(
        f"\nWhole documents of {args.whole_events:,} events, loaded with osr.load "
        f"(interpreter and imports alone: {baseline:.0f} MB)\n"
    )
    print(
        "| document | size | time | peak RSS | peak / size | (peak - imports) / size |\n"
        "| --- | --- | --- | --- | --- | --- |"
    )
    for name, path in documents.items():
        seconds, peak = run(f"import osintreport as osr; osr.load({str(path)!r})")
        megabytes = path.stat().st_size / 2**20
        print(
            f"| {name} | {megabytes:.0f} MB | {seconds:.1f} s | {peak:.0f} MB | "
            f"{peak / megabytes:.1f}x | {(peak - baseline) / megabytes:.1f}x |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
