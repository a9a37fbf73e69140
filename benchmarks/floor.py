"""How fast can typed decoding into attrs objects be? The floors behind docs/performance.md.

    pip install -e '.[bench]'
    python benchmarks/floor.py            # about a minute

Times per record (microseconds, best of several runs, GC paused) for the benchmark event of
compare.py, its ``when`` left out (msgspec cannot read our ``When`` from a string):

- msgspec decoding into its own Structs (the reference);
- msgspec decoding into plain attrs classes shaped like ours, with no validators;
- msgspec decoding into osintreport's own classes (it runs their validators as Python calls);
- hand-written Python building osintreport's objects from parsed JSON with nothing checked
  (the floor for any pure-Python decoder of these classes);
- osintreport's generated structuring code on parsed JSON, and ``loads`` per line;
- the standard library's parser with our duplicate-key hook (what ``loads`` parses with);
- msgspec and pydantic with our checks (``_checked.py``), decoding and encoding;
- for encoding: hand-written Python making the plain data of an event with nothing compared
  to its default, written by msgspec (the floor for any pure-Python encoder of these
  classes), and osintreport's ``record_line``.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import msgspec
import pydantic
from _checked import CheckedEvent, PCheckedEvent
from compare import MEvent, make_records

import osintreport as osr
from osintreport import _json, jsonl
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


def plain(e: osr.Event) -> dict[str, Any]:
    """An event's plain data by hand, for this record's fields, with no default left out."""
    w = e.where
    assert w is not None
    assert w.precision is not None
    assert e.casualties is not None
    assert e.casualties.killed is not None
    k = e.casualties.killed
    return {
        "type": "event",
        "id": e.id,
        "kind": e.kind._value_,
        "summary": e.summary,
        "where": {
            "name": w.name,
            "admin1": w.admin1,
            "country": w.country,
            "lat": w.lat,
            "lon": w.lon,
            "precision": w.precision._value_,
        },
        "participants": [{"actor": p.actor, "role": p.role._value_} for p in e.participants],
        "casualties": {"killed": {"low": k.low, "best": k.best, "high": k.high}},
        "citations": [
            {"source": c.source, "locator": c.locator, "quote": c.quote} for c in e.citations
        ],
    }


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
    checked = msgspec.json.Decoder(CheckedEvent)
    strict = pydantic.TypeAdapter(PCheckedEvent)
    rows += [
        (
            "Python's json with our duplicate-key hook: JSON -> dicts",
            per_record(lambda t: _json.parse(t, decoded=True), [x.decode() for x in lines]),
        ),
        ("msgspec, our checks: JSON -> its Structs", per_record(checked.decode, lines)),
        ("pydantic, our checks: JSON -> its models", per_record(strict.validate_json, lines)),
    ]
    events = [hook(d, osr.Event) for d in parsed]
    structs = [checked.decode(x) for x in lines]
    models = [strict.validate_json(x) for x in lines]
    encoder = msgspec.json.Encoder()
    encode_rows = [
        ("msgspec, our checks: Structs -> JSON", per_record(encoder.encode, structs)),
        ("pydantic, our checks: models -> JSON", per_record(lambda m: m.model_dump_json(), models)),
        ("Python by hand: objects -> dicts, nothing compared", per_record(plain, events)),
        (
            "Python by hand, then msgspec: objects -> JSON",
            per_record(lambda e: encoder.encode(plain(e)), events),
        ),
        ("osintreport: record_line(event)", per_record(jsonl.record_line, events)),
    ]
    print("| decode | microseconds per record |\n| --- | --- |")
    for name, micros in rows:
        print(f"| {name} | {micros:.1f} |")
    print("\n| encode | microseconds per record |\n| --- | --- |")
    for name, micros in encode_rows:
        print(f"| {name} | {micros:.1f} |")


if __name__ == "__main__":
    main()
