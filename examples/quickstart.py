"""A first look at osintreport: load the worked example, ask it questions, build and save.

Run it with ``python examples/quickstart.py``; the test suite runs it too.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import osintreport as osr

HERE = Path(__file__).parent


def main() -> None:
    report = osr.load(HERE / "isw-2023-08-03-syria-coordination.yaml")
    print(report)

    # Which claims cite no usable source? (Empty or missing endnotes cite nothing.)
    uncited = [c.id for c in report.claims if not any(x.source for x in c.citations)]
    print(f"{len(uncited)} of {len(report.claims)} claims rest on no source")

    # Claims the analysts judged false, and who made them.
    for claim in report.claims:
        if claim.status is osr.ClaimStatus.FALSE:
            print(f"false claim by {claim.claimant}: {claim.text}")

    # Fuzzy dates compare by their bounds.
    july = osr.When.parse("2023-07")
    in_july = [e.id for e in report.events if e.when and july.contains(e.when)]
    print(f"events wholly inside July 2023: {len(in_july)}")

    # Build a small report in code and write it in every format.
    draft = osr.Report(
        id="my-note",
        title="Skirmish near Albu Kamal",
        published=osr.When.parse("2023-08-05"),
        actors=(
            osr.Actor(id="sdf", name="Syrian Democratic Forces", kind=osr.ActorKind.ARMED_FORCE),
        ),
        events=(
            osr.Event(
                id="ev-1",
                kind=osr.EventKind.BATTLE,
                summary="Exchange of fire near Albu Kamal.",
                when=osr.When.parse("2023-08-04~"),
                participants=(osr.Participant(actor="sdf", role=osr.Role.INITIATOR),),
                casualties=osr.Casualties(killed=osr.Estimate(low=0, best=1, high=3)),
            ),
        ),
    )
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".yaml", ".json", ".jsonl"):
            path = Path(folder) / f"note{suffix}"
            osr.dump(draft, path)
            assert osr.load(path) == draft
    print(osr.dumps(draft, "yaml"), end="")


if __name__ == "__main__":
    main()
    sys.exit(0)
