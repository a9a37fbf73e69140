"""Time `read_footnoted` on the corpus report and on a generated report of about 5 MB.

Run: python benchmarks/ingest_speed.py [--size-mb 5]
Prints the best of several runs; record the figures in docs/performance.md.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from osintreport.ingest import read_footnoted

CORPUS = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "corpus"
    / "isw-2023-08-03-syria-coordination.txt"
)


def synthetic(size_mb: float) -> str:
    notes = 400
    sentence = "Militias moved armour near the river crossing at dawn, residents said.[{n}] "
    endnotes = "\n".join(
        f"[{n}] hxxps://news{n % 37}[.]example/2023/07/{n}/story ; https://sana[dot]sy/?p={n}"
        for n in range(1, notes + 1)
    )
    body: list[str] = []
    total = 0
    n = 0
    while total < size_mb * 1_000_000:
        paragraph = "".join(sentence.format(n=(n + i) % notes + 1) for i in range(8)) + "\n\n"
        body.append(paragraph)
        total += len(paragraph.encode())
        n += 8
    return (
        "Synthetic report\nBy Jane Doe and John Roe\nAugust 3, 2023\n\n" + "".join(body) + endnotes
    )


def best_of(text: str, repeat: int) -> tuple[float, int]:
    times = []
    claims = 0
    for _ in range(repeat):
        start = time.perf_counter()
        draft = read_footnoted(text)
        times.append(time.perf_counter() - start)
        claims = draft.stats.claims
    return min(times), claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-mb", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if CORPUS.exists():
        text = CORPUS.read_text(encoding="utf-8")
        seconds, claims = best_of(text, 20)
        print(
            f"corpus report ({len(text.encode()) / 1000:.1f} kB): {seconds * 1000:.1f} ms, {claims} claims"
        )
    text = synthetic(args.size_mb)
    seconds, claims = best_of(text, args.repeat)
    size = len(text.encode()) / 1_000_000
    print(
        f"synthetic report ({size:.1f} MB): {seconds:.2f} s, {claims} claims, {size / seconds:.1f} MB/s"
    )


if __name__ == "__main__":
    main()
