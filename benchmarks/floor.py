"""How fast can typed decoding into attrs objects be? The floors behind docs/performance.md.

    pip install -e '.[bench,fast]'
    python benchmarks/floor.py            # about a minute

Times per record (microseconds, best of several runs, GC paused) for the benchmark event of
compare.py, its ``when`` left out (msgspec cannot read our ``When`` from a string):

- msgspec decoding into its own Structs (the reference);
- msgspec decoding into plain attrs classes shaped like ours, with no validators;
- msgspec decoding into osintreport's own classes (it runs their validators as Python calls);
- hand-written Python building osintreport's objects from parsed JSON with nothing checked
  (the floor for any pure-Python decoder of these classes);
- osintreport's generated structuring code on parsed JSON, and ``loads`` per line.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import msgspec
from compare import MEvent, make_records

import osintreport as osr
from osintreport._converter import CONVERTER
from osintreport.parts import Citation, Estimate, Participant, Place
from osintreport.vocab import EventKind, PlacePrecision, Role


@attrs.frozen(kw_only=True)
class PlainPlace:
    name: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision | None = None


@attrs.frozen(kw_only=True)
class PlainParticipant:
    actor: str
    role: Role = Role.PARTICIPANT


@attrs.frozen(kw_only=True)
class PlainEstimate:
    low: int | None = None
    best: int | None = None
    high: int | None = None


@attrs.frozen(kw_only=True)
class PlainCasualties:
    killed: PlainEstimate | None = None


@attrs.frozen(kw_only=True)
class PlainCitation:
    source: str | None = None
    locator: int | str | None = None
    quote: str | None = None


@attrs.frozen(kw_only=True)
class PlainEvent:
    id: str
    kind: EventKind = EventKind.OTHER
    summary: str
    where: PlainPlace | None = None
    participants: tuple[PlainParticipant, ...] = ()
    casualties: PlainCasualties | None = None
    citations: tuple[PlainCitation, ...] = ()


def _builder(cls: type) -> Callable[..., Any]:
    """A function setting every field of ``cls`` through ``object.__setattr__``, unchecked."""
    names = [f.name for f in attrs.fields(cls)]
    source = (
        f"def build({', '.join(names)}):\n    o = NEW(C)\n"
        + "".join(f"    SET(o, {n!r}, {n})\n" for n in names)
        + "    return o\n"
    )
    namespace: dict[str, Any] = {"NEW": object.__new__, "SET": object.__setattr__, "C": cls}
    exec(source, namespace)
    built: Callable[..., Any] = namespace["build"]
    return built


PLACE, PARTICIPANT, ESTIMATE = _builder(Place), _builder(Participant), _builder(Estimate)
CITATION, EVENT = _builder(Citation), _builder(osr.Event)
CASUALTIES = _builder(osr.Casualties)
KINDS = {m.value: m for m in EventKind}
ROLES = {m.value: m for m in Role}
PRECISIONS = {m.value: m for m in PlacePrecision}


def unchecked(d: dict[str, Any]) -> osr.Event:
    """Build an osintreport Event from parsed JSON by hand, checking nothing."""
    w = d["where"]
    get = w.get
    place = PLACE(
        get("name"),
        get("admin1"),
        get("admin2"),
        get("country"),
        get("lat"),
        get("lon"),
        PRECISIONS[get("precision")],
        None,
        {},
    )
    people = tuple([PARTICIPANT(p["actor"], ROLES[p["role"]], {}) for p in d["participants"]])
    f = d["casualties"]["killed"]
    figures = CASUALTIES(
        ESTIMATE(f.get("low"), f.get("best"), f.get("high"), {}), None, (), None, None, {}
    )
    cites = tuple(
        [
            CITATION(c.get("source"), c.get("locator"), c.get("quote"), None, {})
            for c in d["citations"]
        ]
    )
    event: osr.Event = EVENT(
        d["id"],
        KINDS[d["kind"]],
        d["summary"],
        None,
        place,
        people,
        figures,
        cites,
        None,
        None,
        None,
        None,
        {},
    )
    return event


def per_record(fn: Callable[[Any], Any], items: Sequence[Any], repeat: int = 7) -> float:
    """Microseconds per item of the fastest of ``repeat`` runs, GC paused."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            for item in items:
                fn(item)
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best / len(items) * 1e6


def main() -> None:
    records = make_records(10_000)
    for record in records:
        del record["when"]
    lines = [msgspec.json.encode(r) for r in records]
    parsed = [msgspec.json.decode(x) for x in lines]
    hook = CONVERTER.get_structure_hook(osr.Event)
    assert unchecked(parsed[0]) == hook(parsed[0], osr.Event)
    into_ours = msgspec.json.Decoder(osr.Event)
    assert into_ours.decode(lines[0]) == hook(parsed[0], osr.Event)
    rows = [
        ("msgspec: JSON -> its Structs", per_record(msgspec.json.Decoder(MEvent).decode, lines)),
        (
            "msgspec: JSON -> plain attrs classes",
            per_record(msgspec.json.Decoder(PlainEvent).decode, lines),
        ),
        (
            "msgspec: JSON -> osintreport classes (validators as calls)",
            per_record(into_ours.decode, lines),
        ),
        ("msgspec: JSON -> dicts", per_record(msgspec.json.decode, lines)),
        ("Python: dicts -> osintreport objects, nothing checked", per_record(unchecked, parsed)),
        (
            "osintreport: dicts -> objects (generated code)",
            per_record(lambda d: hook(d, osr.Event), parsed),
        ),
        (
            "osintreport: loads(line, 'json', cls=Event)",
            per_record(lambda x: osr.loads(x, "json", cls=osr.Event), lines),
        ),
    ]
    print("| path | microseconds per record |\n| --- | --- |")
    for name, micros in rows:
        print(f"| {name} | {micros:.1f} |")


if __name__ == "__main__":
    main()
