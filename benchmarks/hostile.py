"""Grow each hostile input pattern from 10 KB to 1 MB and time ingest, load and validate.

Run: python benchmarks/hostile.py [--sizes 10000,100000,1000000] [--only NAME] [--limit 2]

Each case runs in a child process with a time limit, so a pattern that is still quadratic
shows as "over" instead of hanging the script. For each pattern the script prints the time at
every size and the ratio of the largest to the smallest: linear work gives a ratio near the
size ratio (100 for 10 KB -> 1 MB), quadratic work gives its square. The target (issue 17) is
that every input under 1 MB is read in under 2 s on a 2-core machine. An input that is
refused with our documented error counts as handled; the time to refuse it is what is timed.
Exit status 1 when any case is over the limit or lets a foreign exception out.
"""

from __future__ import annotations

import argparse
import importlib
import json
import multiprocessing as mp
import sys
import time
from collections.abc import Callable

Maker = Callable[[int], str]


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def _ingest_patterns() -> dict[str, Maker]:
    head = "Title\n\nIran moved.[1]\n\n"
    return {
        "spaces-in-url-line": lambda n: head + "1. http://x.com/" + " " * n + "y\n",
        "hyphen-pairs": lambda n: head + "1. http://x.com/ " + _repeat("a-", n) + "\n",
        "a-dot-words": lambda n: head + "1. " + _repeat("a dot ", n) + "\n",
        "initials-body": lambda n: "Title\n\n" + _repeat("A. ", n) + "[1]\n\n1. http://x.com/\n",
        "notes-headings": lambda n: "Title\n\nIran moved.[1]\n\n" + _repeat("Notes\n", n),
        "urls-in-one-note": lambda n: head + "1. " + _repeat("http://s1.com/p ", n) + "\n",
        "fragments-in-one-note": lambda n: head + "1. " + _repeat("s1.com/p ", n) + "\n",
        "marker-repeats": lambda n: (
            "Title\n\nA claim."
            + "["
            + ",".join(["1"] * (n // 2))
            + "]\n\n1. "
            + " ".join(f"http://s{i}.com/p" for i in range(100))
            + "\n"
        ),
        "many-markers": lambda n: (
            "Title\n\nA claim." + _repeat("[1]", n) + "\n\n1. http://x.com/\n"
        ),
        "closing-parens": lambda n: head + "1. http://x.com/a" + ")" * n + "\n",
        "open-brackets": lambda n: "Title\n\n" + "[" * n + "\n\n1. http://x.com/\n",
        "long-host": lambda n: head + "1. http://" + "a" * n + ".com/\n",
        "dot-runs": lambda n: head + "1. http://x" + "." * n + "com/\n",
        "bracket-dots": lambda n: head + "1. http://x" + _repeat("[.]", n) + "com/\n",
        "paren-dot-words": lambda n: head + "1. " + _repeat("x (dot) ", n) + "\n",
        "www-runs": lambda n: head + "1. " + _repeat("www.", n) + "com\n",
        "scheme-runs": lambda n: head + "1. " + _repeat("hxxp://", n) + "\n",
        "one-long-line": lambda n: "Title\n\n" + _repeat("word ", n) + "[1]\n\n1. http://x.com/\n",
        "abbreviations": lambda n: "Title\n\n" + _repeat("Mr. ", n) + "[1]\n\n1. http://x.com/\n",
        "many-endnotes": lambda n: (
            head + "".join(f"{i % 999 + 1}. http://x{i}.com/\n" for i in range(n // 20))
        ),
        "bullets": lambda n: "Title\n\n" + _repeat("- a[1]\n", n) + "\n1. http://x.com/\n",
        "one-word-bullets": lambda n: "Title\n\n" + _repeat("- a\n", n),
        "one-word-paragraphs": lambda n: "Title\n\n" + _repeat("Aa.\n\n", n),
        "one-word-sentences": lambda n: "Title\n\n" + _repeat("Aa. ", n),
        "numbered-lines": lambda n: "Title\n\n" + _repeat("1. a\n", n),
        "bracket-notes": lambda n: "Title\n\nX.[1]\n\n" + _repeat("[1] a\n", n),
        "markers-only": lambda n: "Title\n\n" + _repeat("[1]\n\n", n) + "1. http://x.com/\n",
        "slash-runs": lambda n: head + "1. " + "/" * n + "\n",
        "percent-runs": lambda n: head + "1. http://x.com/" + "%41" * (n // 3) + "\n",
        "heading-inner-spaces": lambda n: "# a" + " " * n + "b\n\n" + head + "1. http://x.com/\n",
        "space-lines": lambda n: head + " " * n + "x\n\n1. http://x.com/\n",
        "notes-heading-spaces": lambda n: head + "Notes" + " " * n + "x\n1. http://x.com/\n",
        "bracket-dot-body": lambda n: (
            "Title\n\nA." + _repeat("[.]", n) + " B.[1]\n\n1. http://x.com/\n"
        ),
        "initials-header": lambda n: (
            "Title\n" + " ".join(["A."] * min(60, n // 3)) + " !\n\n" + head
        ),
        "header-lines": lambda n: (
            _repeat("Title line\n", n) + "Iran moved.[1]\n\n1. http://x.com/\n"
        ),
    }


def _format_patterns() -> dict[str, tuple[str, Maker]]:
    """Hostile Markdown and HTML for the front-ends of ``read_report`` (issue 12)."""
    md = "# Title\n"
    html = "<html><body><article><p>"
    return {
        "md-open-brackets": ("markdown", lambda n: md + "[" * n),
        "md-bold-runs": ("markdown", lambda n: md + _repeat("**a ", n)),
        "md-link-openers": ("markdown", lambda n: md + _repeat("[a](", n)),
        "md-image-openers": ("markdown", lambda n: md + _repeat("![a](", n)),
        "md-tag-openers": ("markdown", lambda n: md + _repeat("<a", n)),
        "md-underscores": ("markdown", lambda n: md + _repeat("_a ", n)),
        "md-footnote-refs": ("markdown", lambda n: md + _repeat("[^1]", n) + "\n[^1]: x.com/a\n"),
        "md-headings": ("markdown", lambda n: _repeat("## H\n", n)),
        "md-heading-spaces": ("markdown", lambda n: md + "## Notes" + " " * n + "x\n"),
        "md-credit-lines": ("markdown", lambda n: md + _repeat("Reuters Reuters\n", n)),
        "md-bullets-blank": ("markdown", lambda n: md + _repeat("* a.\n\n", n)),
        "md-markers-only": ("markdown", lambda n: md + _repeat("[1]\n\n", n) + "1. x.com/\n"),
        "md-bracket-notes": ("markdown", lambda n: md + "X.[1]\n\n" + _repeat("[1] a\n", n)),
        "md-setext-headings": ("markdown", lambda n: md + _repeat("a\n=\n\n", n)),
        "md-letter-lines": ("markdown", lambda n: md + _repeat("a\n", n)),
        "html-sup-markers": (
            "html",
            lambda n: html + _repeat("Text.<sup><a href='#_edn1'>[1]</a></sup> ", n) + "</p>",
        ),
        "html-sup-spaces": ("html", lambda n: html + "A.<sup>" + " " * n + "1</sup></p>"),
        "html-nested-divs": ("html", lambda n: html + "<div>" * (n // 5) + "x"),
        "html-breaks": ("html", lambda n: html + _repeat("a<br>", n)),
        "html-open-paragraphs": ("html", lambda n: html + _repeat("<p>a", n)),
    }


def _load_patterns() -> dict[str, tuple[str, Maker]]:
    def alias_bomb(n: int) -> str:
        lines = ["id: r", "title: t", "x_bomb:", "  a0: &a0 [" + ", ".join(["x"] * 9) + "]"]
        level = 0
        while len("\n".join(lines)) < n and level < 40:
            level += 1
            refs = ", ".join([f"*a{level - 1}"] * 9)
            lines.append(f"  a{level}: &a{level} [{refs}]")
        return "\n".join(lines) + "\n"

    def actors(n: int, cycle: bool) -> str:
        count = max(2, n // 60)
        items = [
            {"id": f"a{i}", "name": f"A {i}", "parent": f"a{(i + 1) % count}"} for i in range(count)
        ]
        if not cycle:
            del items[-1]["parent"]
        return json.dumps({"id": "r", "title": "t", "actors": items})

    def wide_json(n: int) -> str:
        return json.dumps({"id": "r", "title": "t", "x_wide": {f"k{i}": i for i in range(n // 12)}})

    return {
        "yaml-alias-bomb": ("yaml", alias_bomb),
        "json-long-url": (
            "json",
            lambda n: json.dumps(
                {
                    "id": "r",
                    "title": "t",
                    "sources": [{"id": "s", "url": "http://" + "a" * n + " "}],
                }
            ),
        ),
        "json-parent-cycle": ("json", lambda n: actors(n, True)),
        "json-parent-chain": ("json", lambda n: actors(n, False)),
        "json-deep-nesting": (
            "json",
            lambda n: '{"id":"r","title":"t","x_d":' + "[" * (n // 2) + "]" * (n // 2) + "}",
        ),
        "yaml-deep-nesting": (
            "yaml",
            lambda n: "id: r\ntitle: t\nx_d: " + "[" * (n // 2) + "]" * (n // 2) + "\n",
        ),
        "json-wide-extension": ("json", wide_json),
        "json-long-digits": ("json", lambda n: '{"id":"r","title":"t","x_n":' + "7" * n + "}"),
        "yaml-long-digits": ("yaml", lambda n: "id: r\ntitle: t\nx_n: " + "7" * n + "\n"),
        "json-long-when": (
            "json",
            lambda n: json.dumps({"id": "r", "title": "t", "published": "2023" + "-01" * (n // 3)}),
        ),
        "json-many-claims": (
            "json",
            lambda n: json.dumps(
                {
                    "id": "r",
                    "title": "t",
                    "claims": [{"id": f"c{i}", "text": "a"} for i in range(n // 26)],
                }
            ),
        ),
        "yaml-many-claims": (
            "yaml",
            lambda n: (
                "id: r\ntitle: t\nclaims:\n"
                + "".join(f"- {{id: c{i}, text: a}}\n" for i in range(n // 20))
            ),
        ),
        "yaml-many-cited-claims": (
            "yaml",
            lambda n: (
                "id: r\ntitle: t\nsources: [{id: s}]\n"
                "claims:\n"
                + "".join(
                    f"- {{id: c{i}, text: a, citations: [{{source: s}}]}}\n" for i in range(n // 46)
                )
            ),
        ),
        "jsonl-many-records": (
            "jsonl",
            lambda n: (
                '{"type": "report", "schema_version": 2, "id": "r", "title": "t"}\n'
                + "".join(f'{{"type":"claim","id":"c{i}","text":"x"}}\n' for i in range(n // 40))
            ),
        ),
    }


def _run_ingest(text: str, fmt: str) -> tuple[float, str, object]:
    from osintreport import validate
    from osintreport.ingest import read_report

    start = time.perf_counter()
    draft = read_report(text.encode("utf-8", "surrogatepass"), fmt)  # type: ignore[arg-type]
    validate(draft.report)
    seconds = time.perf_counter() - start
    return (
        seconds,
        f"{draft.stats.claims} claims, {len(draft.report.sources)} sources",
        draft.report,
    )


def _run_load(fmt: str, text: str) -> tuple[float, str, object]:
    import osintreport as osr

    start = time.perf_counter()
    try:
        report = osr.loads(text, fmt)  # type: ignore[arg-type]
    except osr.LoadError as error:
        return time.perf_counter() - start, f"refused: {error.problems[0].message[:50]}", None
    osr.validate(report)
    return time.perf_counter() - start, "loaded", report


def _child(queue: mp.Queue[tuple[str, float, str]], kind: str, fmt: str, text: str) -> None:
    """Time the work (ingest or load, then validate); then, untimed, check the result writes."""
    import osintreport as osr

    try:
        if kind == "ingest":
            seconds, outcome, report = _run_ingest(text, fmt)
        else:
            seconds, outcome, report = _run_load(fmt, text)
        if isinstance(report, osr.Report):
            for written in ("json", "yaml"):
                osr.dumps(report, written)  # what loads must also write (issue 17, item 6)
    except Exception as error:  # reported, and fails the run
        queue.put(("error", 0.0, f"{type(error).__name__}: {error}"[:80]))
        return
    queue.put(("ok", seconds, outcome))


def _time(kind: str, fmt: str, text: str, limit: float) -> tuple[str, float, str]:
    queue: mp.Queue[tuple[str, float, str]] = mp.Queue()
    process = mp.Process(target=_child, args=(queue, kind, fmt, text))
    process.start()
    process.join(limit * 10)
    if process.is_alive():
        process.kill()
        process.join()
        return ("over", limit * 10, "killed")
    return queue.get() if not queue.empty() else ("error", 0.0, "child died")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--only", help="run the patterns whose name contains this")
    parser.add_argument("--limit", type=float, default=2.0, help="seconds allowed per input")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    for module in ("osintreport.ingest", "osintreport.ingest.html", "osintreport.ingest.markdown"):
        importlib.import_module(module)  # once here, so that no child times the import

    cases: list[tuple[str, str, str, Maker]] = [
        (name, "ingest", "text", make) for name, make in _ingest_patterns().items()
    ]
    cases += [(name, "ingest", fmt, make) for name, (fmt, make) in _format_patterns().items()]
    cases += [(name, "load", fmt, make) for name, (fmt, make) in _load_patterns().items()]
    failed = 0
    print(f"{'pattern':24} " + " ".join(f"{s // 1000:>7} KB" for s in sizes) + "   ratio  outcome")
    for name, kind, fmt, make in cases:
        if args.only and args.only not in name:
            continue
        times = []
        outcome = ""
        for size in sizes:
            text = make(size)
            status, seconds, outcome = _time(kind, fmt, text, args.limit)
            times.append(seconds)
            if status != "ok" or seconds > args.limit:
                failed += 1
                outcome = f"{status.upper()}: {outcome}"
                break
        shown = " ".join(f"{t:>8.3f}s" for t in times).ljust(11 * len(sizes) - 1)
        ratio = times[-1] / max(times[0], 1e-4) if len(times) == len(sizes) else float("nan")
        print(f"{name:24} {shown} {ratio:>7.1f}  {outcome}", flush=True)
    print(f"{failed} case(s) over {args.limit} s or failing" if failed else "all within limit")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
