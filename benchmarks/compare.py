"""Compare osintreport with msgspec, pydantic v2, python-stix2 and plain orjson.

One command, one run, best of several repetitions:

    pip install -e '.[bench]'
    python benchmarks/compare.py                 # N = 10k, 100k and 1M
    python benchmarks/compare.py --sizes 10000   # a quick look

The same N realistic event records (about 0.8 KB of JSON each: a place, 1-3 participants, 1-4
citations, Arabic text) are decoded into typed objects, encoded, streamed as JSON Lines,
loaded and dumped as YAML, and validated. Each figure is records per second, with its
ratio to msgspec's and to plain ``orjson.loads`` of the same bytes (> 1 means faster than
them). Record the table in docs/performance.md with this command line.
"""

from __future__ import annotations

import argparse
import gc
import json
import operator
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

import msgspec
import orjson
import pydantic
import yaml
from _checked import CheckedEvent, PCheckedEvent
from _measure import peak_rss_mb

import osintreport as osr
from osintreport import jsonl
from osintreport._converter import CONVERTER
from osintreport._yaml import BACKEND as YAML_BACKEND

ARABIC = "اشتباكات بين قوات النظام وقسد قرب الفرات في ريف دير الزور الشرقي"
KINDS = ["battle", "explosion", "deployment", "protest", "strategic_development"]
ROLES = ["initiator", "target", "supporter", "participant"]


def make_records(n: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    records = []
    for i in range(n):
        day = 1 + i % 28
        records.append(
            {
                "id": f"ev-{i}",
                "kind": rng.choice(KINDS),
                "summary": f"{ARABIC} ({i}); reported by local sources and confirmed by footage.",
                "when": f"2023-07-{day:02d}"
                if i % 3
                else f"2023-07-{day:02d}/2023-07-{min(day + 2, 28):02d}",
                "where": {
                    "name": "Deir ez Zor",
                    "admin1": "Deir ez-Zor",
                    "country": "SY",
                    "lat": round(35 + rng.random(), 4),
                    "lon": round(40 + rng.random(), 4),
                    "precision": "near",
                },
                "participants": [
                    {"actor": f"actor-{rng.randrange(50)}", "role": rng.choice(ROLES)}
                    for _ in range(rng.randint(1, 3))
                ],
                "casualties": {"killed": {"low": 0, "best": rng.randrange(5), "high": 9}},
                "citations": [
                    {
                        "source": f"src-{rng.randrange(200)}",
                        "locator": rng.randrange(1, 60),
                        "quote": "قال مصدر محلي إن الاشتباكات استمرت ساعتين",
                    }
                    for _ in range(rng.randint(1, 4))
                ],
            }
        )
    return records


# --- the same record in msgspec and pydantic --------------------------------------------------


class MPlace(msgspec.Struct, forbid_unknown_fields=True):
    name: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None


class MParticipant(msgspec.Struct, forbid_unknown_fields=True):
    actor: str
    role: str = "participant"


class MEstimate(msgspec.Struct, forbid_unknown_fields=True):
    low: int | None = None
    best: int | None = None
    high: int | None = None


class MCasualties(msgspec.Struct, forbid_unknown_fields=True):
    killed: MEstimate | None = None


class MCitation(msgspec.Struct, forbid_unknown_fields=True):
    source: str | None = None
    locator: int | str | None = None
    quote: str | None = None


class MEvent(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    summary: str
    kind: str = "other"
    when: str | None = None
    where: MPlace | None = None
    participants: list[MParticipant] = []
    casualties: MCasualties | None = None
    citations: list[MCitation] = []


class PPlace(pydantic.BaseModel, extra="forbid"):
    name: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None


class PParticipant(pydantic.BaseModel, extra="forbid"):
    actor: str
    role: str = "participant"


class PEstimate(pydantic.BaseModel, extra="forbid"):
    low: int | None = None
    best: int | None = None
    high: int | None = None


class PCasualties(pydantic.BaseModel, extra="forbid"):
    killed: PEstimate | None = None


class PCitation(pydantic.BaseModel, extra="forbid"):
    source: str | None = None
    locator: int | str | None = None
    quote: str | None = None


class PEvent(pydantic.BaseModel, extra="forbid"):
    id: str
    summary: str
    kind: str = "other"
    when: str | None = None
    where: PPlace | None = None
    participants: list[PParticipant] = []
    casualties: PCasualties | None = None
    citations: list[PCitation] = []


def stix_texts(records: list[dict[str, Any]]) -> list[bytes]:
    """The same content as STIX 2.1 notes, for python-stix2's parser."""
    out = []
    for r in records:
        out.append(
            orjson.dumps(
                {
                    "type": "note",
                    "spec_version": "2.1",
                    "id": f"note--{r['id'][3:].zfill(8)}-0000-4000-8000-000000000000"[:42]
                    if False
                    else f"note--00000000-0000-4000-8000-{int(r['id'][3:]):012d}",
                    "created": "2023-07-14T00:00:00.000Z",
                    "modified": "2023-07-14T00:00:00.000Z",
                    "content": r["summary"],
                    "object_refs": ["identity--00000000-0000-4000-8000-000000000001"],
                    "external_references": [
                        {"source_name": c["source"], "description": c["quote"]}
                        for c in r["citations"]
                    ],
                    "x_kind": r["kind"],
                    "x_when": r["when"],
                    "x_where": r["where"],
                }
            )
        )
    return out


# --- timing -----------------------------------------------------------------------------------


def best(fn: Callable[[], Any], n: int, repeat: int) -> float:
    """Records per second of the fastest of ``repeat`` runs.

    The cyclic GC is collected before and paused during every timed run, for every library
    alike: otherwise the figures measure how many objects the benchmark keeps alive.
    """
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return n / min(times)


def row(name: str, rate: float, msgspec_rate: float | None, orjson_rate: float | None) -> str:
    vs_m = f"{rate / msgspec_rate:.2f}" if msgspec_rate else "-"
    vs_o = f"{rate / orjson_rate:.2f}" if orjson_rate else "-"
    return f"| {name} | {rate:,.0f} | {vs_m} | {vs_o} |"


def run_size(n: int, repeat: int, heavy: bool) -> list[str]:
    records = make_records(n)
    lines = [orjson.dumps(r) for r in records]
    out = [
        f"\n### N = {n:,}\n",
        "| measure | records/s | vs msgspec | vs orjson.loads |",
        "| --- | --- | --- | --- |",
    ]
    hook = CONVERTER.get_structure_hook(osr.Event)
    decoder = msgspec.json.Decoder(MEvent)
    rates: dict[str, float] = {}
    rates["orjson"] = best(lambda: [orjson.loads(x) for x in lines], n, repeat)
    rates["msgspec"] = best(lambda: [decoder.decode(x) for x in lines], n, repeat)
    checked = msgspec.json.Decoder(CheckedEvent)
    rates["msgspec checked"] = best(lambda: [checked.decode(x) for x in lines], n, repeat)
    rates["osintreport"] = best(
        lambda: [osr.loads(x, "json", cls=osr.Event) for x in lines], n, repeat
    )
    rates["osintreport hook"] = best(
        lambda: [hook(orjson.loads(x), osr.Event) for x in lines], n, repeat
    )
    if heavy:
        adapter = pydantic.TypeAdapter(PEvent)
        rates["pydantic"] = best(lambda: [adapter.validate_json(x) for x in lines], n, repeat)
        strict = pydantic.TypeAdapter(PCheckedEvent)
        rates["pydantic checked"] = best(
            lambda: [strict.validate_json(x) for x in lines], n, repeat
        )
    if n <= 100_000:
        import stix2

        stix = stix_texts(records)
        rates["stix2"] = best(lambda: [stix2.parse(x, allow_custom=True) for x in stix], n, 1)
        rates["osintreport whole"] = best(
            lambda: osr.loads(
                b'{"id":"r","title":"t","events":[' + b",".join(lines) + b"]}", "json"
            ),
            n,
            repeat,
        )
    m, o = rates["msgspec"], rates["orjson"]
    out.append(row("decode: plain orjson.loads (no types)", o, m, o))
    out.append(row("decode: msgspec Structs", m, m, o))
    out.append(row("decode: msgspec Structs, our checks", rates["msgspec checked"], m, o))
    if "pydantic" in rates:
        out.append(row("decode: pydantic v2 (validate_json)", rates["pydantic"], m, o))
        out.append(row("decode: pydantic v2, our checks", rates["pydantic checked"], m, o))
    if "stix2" in rates:
        out.append(row("decode: python-stix2 (stix2.parse)", rates["stix2"], m, o))
        out.append(row("decode: osintreport, one whole document", rates["osintreport whole"], m, o))
    out.append(
        row("decode: osintreport (loads(line, 'json', cls=Event))", rates["osintreport"], m, o)
    )
    out.append(row("decode: osintreport hook on orjson.loads", rates["osintreport hook"], m, o))

    events = [hook(r, osr.Event) for r in records]
    structs = [decoder.decode(x) for x in lines]
    enc_o = best(lambda: [orjson.dumps(r) for r in records], n, repeat)
    enc_m = best(lambda: [msgspec.json.encode(s) for s in structs], n, repeat)
    enc_ours = best(lambda: [jsonl.record_line(e) for e in events], n, repeat)
    out.append(row("encode: orjson.dumps (dicts)", enc_o, enc_m, enc_o))
    out.append(row("encode: msgspec", enc_m, enc_m, enc_o))
    enc_pc = 0.0
    if heavy:
        models = [PEvent.model_validate(r) for r in records]
        enc_p = best(lambda: [m.model_dump_json() for m in models], n, repeat)
        out.append(row("encode: pydantic v2 (model_dump_json)", enc_p, enc_m, enc_o))
        checked_models = [PCheckedEvent.model_validate_json(x) for x in lines]
        enc_pc = best(lambda: [m.model_dump_json() for m in checked_models], n, repeat)
        out.append(row("encode: pydantic v2, our checks", enc_pc, enc_m, enc_o))
    out.append(row("encode: osintreport (record_line)", enc_ours, enc_m, enc_o))
    out += targets(rates, enc_ours, enc_pc)
    return out


def targets(rates: dict[str, float], enc_ours: float, enc_pydantic: float) -> list[str]:
    """The ratio targets of issue 14, each against a peer with our checks, met or not."""
    ours = rates["osintreport"]
    lines = ["", "| target (issue 14) | ratio | met |", "| --- | --- | --- |"]

    def line(name: str, ratio: float, goal: float) -> None:
        lines.append(f"| {name} | {ratio:.2f} | {'yes' if ratio >= goal else 'no'} |")

    line(
        "typed decode within 1.5x of msgspec with our checks (ours / theirs >= 0.67)",
        ours / rates["msgspec checked"],
        1 / 1.5,
    )
    if "pydantic checked" in rates:
        line(
            "typed decode faster than pydantic with our checks", ours / rates["pydantic checked"], 1
        )
    if enc_pydantic:
        line(
            "encode faster than pydantic's model_dump_json, our checks", enc_ours / enc_pydantic, 1
        )
    if "stix2" in rates:
        line(
            "whole document at least 15x python-stix2",
            rates["osintreport whole"] / rates["stix2"],
            15,
        )
    return lines


def stream_child(path: str) -> None:
    start = time.perf_counter()
    count = sum(1 for _ in osr.iter_records(path))
    seconds = time.perf_counter() - start
    peak = peak_rss_mb()
    print(json.dumps({"count": count, "seconds": seconds, "peak_mb": peak}))


def run_stream(n: int) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "events.jsonl")
        with open(path, "wb") as handle:
            handle.write(b'{"type":"report","id":"r","title":"t"}\n')
            for chunk_start in range(0, n, 100_000):
                for r in make_records(min(100_000, n - chunk_start), seed=chunk_start):
                    handle.write(orjson.dumps({"type": "event", **r}) + b"\n")
        out = subprocess.run(
            [sys.executable, __file__, "--stream-child", path],
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(out.stdout)
    rate = result["count"] / result["seconds"]
    return [
        f"\nJSON Lines streaming with `iter_records`, {n:,} events: {rate:,.0f} records/s, "
        f"peak resident memory {result['peak_mb']:.0f} MB (whole process)."
    ]


def run_yaml(n: int, repeat: int) -> list[str]:
    records = make_records(n)
    report = osr.Report(
        id="r",
        title="t",
        events=tuple(CONVERTER.get_structure_hook(osr.Event)(r, osr.Event) for r in records),
    )
    data = osr.unstructure(report)
    text = osr.dumps(report, "yaml")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    raw_load = best(lambda: yaml.load(text, Loader=loader), n, repeat)
    our_load = best(lambda: osr.loads(text, "yaml"), n, repeat)
    raw_dump = best(
        lambda: yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False), n, repeat
    )
    our_dump = best(lambda: osr.dumps(report, "yaml"), n, repeat)
    return [
        f"\n### YAML, one report of {n:,} events (PyYAML backend: {YAML_BACKEND})\n",
        "| measure | records/s | our time / PyYAML's |",
        "| --- | --- | --- |",
        f"| load: PyYAML alone (safe loader) | {raw_load:,.0f} | |",
        f"| load: osintreport `loads(text, 'yaml')` | {our_load:,.0f} | {raw_load / our_load:.2f} |",
        f"| dump: PyYAML alone (safe dumper) | {raw_dump:,.0f} | |",
        f"| dump: osintreport `dumps(report, 'yaml')` | {our_dump:,.0f} | {raw_dump / our_dump:.2f} |",
    ]


_ID = operator.attrgetter("id")


def run_validate(sizes: list[int], repeat: int) -> list[str]:
    """validate() at each size, with the cost of one bare pass over the same events.

    The bare pass (the ids of every event, C-speed) touches each event once and does
    nothing else: how much it grows from size to size is what the memory hierarchy alone
    costs, the floor any validator's growth can be read against.
    """
    out = [
        "\n### validate() with the default rules\n",
        "| events + claims | statements/s | time | one bare pass over the events |",
        "| --- | --- | --- | --- |",
    ]
    hook = CONVERTER.get_structure_hook(osr.Event)
    times: list[tuple[int, float, float]] = []
    for n in sizes:
        events = tuple(hook(r, osr.Event) for r in make_records(n))
        claims = tuple(
            osr.Claim(
                id=f"cl-{i}",
                text="x",
                about=(f"ev-{i}",),
                citations=(osr.Citation(source="src-1", locator=i),),
            )
            for i in range(n)
        )
        report = osr.Report(
            id="r",
            title="t",
            published=osr.When.parse("2023-08-03"),
            events=events,
            claims=claims,
            sources=tuple(
                osr.Source(id=f"src-{i}", url=f"https://example.org/{i}") for i in range(200)
            ),
            actors=tuple(osr.Actor(id=f"actor-{i}", name=f"Actor {i}") for i in range(50)),
        )
        runs = repeat if n <= 100_000 else 2
        seconds = 2 * n / best(lambda r=report: osr.validate(r), 2 * n, runs)  # type: ignore[misc]
        floor = n / best(lambda e=events: list(map(_ID, e)), n, runs)  # type: ignore[misc]
        times.append((n, seconds, floor))
        out.append(f"| {2 * n:,} | {2 * n / seconds:,.0f} | {seconds:.2f} s | {floor:.3f} s |")
    if len(times) > 1:
        (n0, t0, f0), (n1, t1, f1) = times[0], times[-1]
        out.append(
            f"\nFrom {n0:,} to {n1:,} events ({n1 / n0:.0f}x the data) validate() takes "
            f"{t1 / t0:.0f}x the time; the bare pass takes {f1 / f0:.0f}x."
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stream-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stream_child:
        stream_child(args.stream_child)
        return
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; osintreport {osr.__version__}, "
        f"msgspec {msgspec.__version__}, pydantic {pydantic.__version__}, orjson {orjson.__version__}"
    )
    for n in args.sizes:
        repeat = args.repeat if n <= 100_000 else 1
        print("\n".join(run_size(n, repeat, heavy=n <= 100_000)), flush=True)
    print("\n".join(run_yaml(min(args.sizes[0], 10_000), args.repeat)), flush=True)
    print("\n".join(run_validate(args.sizes, args.repeat)), flush=True)
    print("\n".join(run_stream(max(args.sizes))), flush=True)


if __name__ == "__main__":
    main()
