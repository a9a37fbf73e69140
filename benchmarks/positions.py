"""What positions cost: loading (unchanged: nothing is kept) and locating findings afterwards.

Run: python benchmarks/positions.py [--events 2000 20000]

For a report of N events, one in ten citing a source that does not exist (so validation
finds N/10 OSR102 errors), in YAML, JSON and JSON Lines: the time to load, to validate,
and to locate every finding in the text (``positions.locate_findings``). The locating
pass runs only when there are findings to show, and only walks down the paths asked for
(YAML still composes the whole document once more).
"""

from __future__ import annotations

import argparse
import time

import osintreport as osr
from osintreport.positions import locate_findings


def make_report(events: int) -> osr.Report:
    source = osr.Source(id="src-1", url="https://example.org/a")
    items = tuple(
        osr.Event(
            id=f"ev-{n}",
            kind=osr.EventKind.BATTLE,
            summary=f"Clashes near the river, day {n}",
            when=osr.When.parse("2023-07-10/2023-07-13"),
            citations=(osr.Citation(source="src-9" if n % 10 == 0 else "src-1", locator=n),),
        )
        for n in range(events)
    )
    return osr.Report(id="r", title="Big", events=items, sources=(source,))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, nargs="+", default=[2000, 20000])
    args = parser.parse_args()
    print("| events | format | size | load | validate | findings | locate them |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for events in args.events:
        report = make_report(events)
        for fmt in ("yaml", "json", "jsonl"):
            text = osr.dumps(report, fmt)  # type: ignore[arg-type]
            start = time.perf_counter()
            loaded = osr.loads(text, fmt)  # type: ignore[arg-type]
            load = time.perf_counter() - start
            start = time.perf_counter()
            findings = osr.validate(loaded, select=["OSR102"])
            check = time.perf_counter() - start
            start = time.perf_counter()
            located = locate_findings(findings, text, fmt)
            locate = time.perf_counter() - start
            assert all(f.line is not None for f in located)
            print(
                f"| {events:,} | {fmt} | {len(text) / 1e6:.1f} MB | {load:.3f}s | {check:.3f}s "
                f"| {len(findings):,} | {locate:.3f}s |"
            )


if __name__ == "__main__":
    main()
