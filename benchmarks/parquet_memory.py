"""Show that jsonl_to_parquet keeps memory flat: peak RSS for files of growing size.

Run: python benchmarks/parquet_memory.py [--events 20000 100000 400000]
Each size runs in a fresh process (so peaks do not mix); needs the 'frames' extra.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _measure import peak_rss_mb

EVENT = {
    "type": "event",
    "kind": "battle",
    "summary": "اشتباكات بين قوات النظام وقسد قرب الفرات",
    "when": "2023-07-10/2023-07-13",
    "where": {
        "name": "Deir ez Zor",
        "admin1": "Deir ez-Zor",
        "country": "SY",
        "lat": 35.33,
        "lon": 40.14,
    },
    "participants": [{"actor": "saa", "role": "initiator"}, {"actor": "sdf", "role": "target"}],
    "casualties": {"killed": {"low": 1, "best": 2, "high": 4}},
    "citations": [{"source": "src-1", "locator": 27}, {"source": "src-2", "locator": 28}],
}


def write_file(path: Path, events: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"type": "report", "id": "r", "title": "Big"}) + "\n")
        for n in range(events):
            handle.write(json.dumps({**EVENT, "id": f"ev-{n}"}, ensure_ascii=False) + "\n")


def child(source: str, target: str) -> None:
    from osintreport.frames import jsonl_to_parquet

    start = time.perf_counter()
    rows = jsonl_to_parquet(source, target, "events", chunk_size=20_000)
    seconds = time.perf_counter() - start
    peak_mb = peak_rss_mb()
    print(json.dumps({"rows": rows, "seconds": seconds, "peak_mb": peak_mb}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, nargs="+", default=[20_000, 100_000, 400_000])
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    print("| events | file size | time | peak RSS |")
    print("| --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as folder:
        for events in args.events:
            source, target = Path(folder) / f"{events}.jsonl", Path(folder) / f"{events}.parquet"
            write_file(source, events)
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(source), str(target)],
                capture_output=True,
                text=True,
                check=True,
            )
            result = json.loads(out.stdout)
            size = source.stat().st_size / 1_000_000
            print(
                f"| {result['rows']:,} | {size:.0f} MB | {result['seconds']:.1f} s | {result['peak_mb']:.0f} MB |"
            )
            source.unlink()


if __name__ == "__main__":
    main()
