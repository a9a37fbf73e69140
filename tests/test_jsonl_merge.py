"""Streamed merge of JSON Lines gives what the whole merge gives, byte for byte."""

from __future__ import annotations

import contextlib
import io
import json
import sys
import tempfile
from pathlib import Path
from unittest import mock

import attrs
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import osintreport as osr
from osintreport.cli import main
from osintreport.errors import LoadError
from osintreport.jsonl_merge import _chains, merge_jsonl
from osintreport.merge import MergePlan, merge
from osintreport.merge._id_map import DigestMaps
from osintreport.merge._plan import Maps, UnionFind
from osintreport.model import COLLECTIONS

from .conftest import WORKED_EXAMPLE
from .test_jsonl_diff import LAYOUTS, _write, mixed
from .test_merge import collections
from .test_validation_oracle import messy_reports


@st.composite
def related(draw: st.DrawFn) -> list[osr.Report]:
    """Messy reports sharing items: copied, renamed to ids in use, changed, repeated."""
    first = draw(messy_reports())
    out = [first]
    for _ in range(draw(st.integers(1, 3))):
        other = draw(messy_reports())
        out.append(attrs.evolve(other, **mixed(draw, first, other)))
    return out


def _check(reports: list[osr.Report], layouts: list[str], rejecting: list[bool]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        paths = [folder / f"r{n}.jsonl" for n in range(len(reports))]
        for report, path, layout in zip(reports, paths, layouts, strict=False):
            _write(report, path, layout)
        loaded = [osr.load(path) for path in paths]
        try:
            whole = merge(*loaded)
        except Exception as error:  # the streamed merge fails the same way
            event(f"the whole merge fails: {type(error).__name__}")
            with pytest.raises(type(error)):
                merge_jsonl(paths, folder / "out.jsonl").close()
            return
        decisions = list(whole.plan.decisions)
        event("decisions" if decisions else "no decision")
        event("a decision turned down" if any(rejecting[: len(decisions)]) else "none turned down")
        turned = [
            attrs.evolve(d, accept=False) if r else d
            for d, r in zip(decisions, rejecting + [False] * len(decisions), strict=False)
        ]
        plan = MergePlan(reports=whole.plan.reports, decisions=tuple(turned))
        for chosen in (None, plan):
            expected = merge(*loaded, plan=chosen)
            for fmt in ("jsonl", "json", "yaml"):
                out = folder / f"out.{fmt}"
                with merge_jsonl(paths, out, fmt, plan=chosen) as streamed:
                    osr.dump(expected.report, folder / f"whole.{fmt}")
                    assert out.read_bytes() == (folder / f"whole.{fmt}").read_bytes()
                    assert list(streamed.decisions) == list(expected.plan.decisions)
                    assert streamed.plan() == expected.plan
                    assert streamed.reports == expected.plan.reports
                    assert streamed.items == sum(
                        len(getattr(expected.report, k)) for k in COLLECTIONS
                    )
                    taken = sum(1 for d in expected.plan.decisions if d.accept)
                    assert (streamed.taken, streamed.turned_down) == (
                        taken,
                        len(expected.plan.decisions) - taken,
                    )


_SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(related(), st.lists(LAYOUTS, min_size=4, max_size=4), st.lists(st.booleans()))
def test_the_streamed_merge_equals_the_whole_one_on_messy_reports(
    reports: list[osr.Report], layouts: list[str], rejecting: list[bool]
) -> None:
    _check(reports, layouts, rejecting)


@_SETTINGS
@given(collections(), st.lists(LAYOUTS, min_size=4, max_size=4), st.lists(st.booleans()))
def test_the_streamed_merge_equals_the_whole_one_on_overlapping_reports(
    reports: list[osr.Report], layouts: list[str], rejecting: list[bool]
) -> None:
    _check(reports, layouts, rejecting)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 40),
            st.sampled_from("abcdef"),
            st.lists(st.sampled_from("abcdefgh"), max_size=2),
            st.sampled_from(["a", "b", "x", "y-2"]),
        ),
        max_size=40,
    ),
)
def test_the_digest_maps_map_as_the_dictionaries_do(
    assignments: list[tuple[int, str, list[str], str]],
) -> None:
    # Reports 31 and on keep their bits in a set; the first assignment of an id stays.
    whole, digests = Maps(41), DigestMaps()
    for index, ident, old, into in assignments:
        whole.assign(index, ident, old, into)
        digests.assign(index, ident, old, into)
    for index in range(41):
        assert [digests.ref(index)(i) for i in "abcdefghz"] == [
            whole.ref(index)(i) for i in "abcdefghz"
        ]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 30).flatmap(
        lambda n: st.tuples(
            st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)))
        )
    )
)
def test_the_chains_list_each_group_in_order(unions: tuple[int, list[tuple[int, int]]]) -> None:
    count, pairs = unions
    union = UnionFind()
    for _ in range(count):
        union.add()
    for a, b in pairs:
        union.union(a, b)
    groups: dict[int, list[int]] = {}
    for position in range(count):
        groups.setdefault(union.find(position), []).append(position)
    roots, following = _chains(union)
    chained = []
    for root in (p for p in range(count) if roots[p]):
        members, member = [], root
        while member >= 0:
            members.append(member)
            member = following[member]
        chained.append(members)
    assert chained == list(groups.values())


def test_every_bad_line_of_every_file_is_named(tmp_path: Path) -> None:
    good = '{"type": "report", "id": "r", "title": "R"}\n'
    (tmp_path / "a.jsonl").write_text(good + '{"type": "actor", "id": "x"}\n', encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(good + "{not json\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        merge_jsonl([tmp_path / "a.jsonl", tmp_path / "b.jsonl"], tmp_path / "out.jsonl")
    assert [(p.file, p.line) for p in caught.value.problems] == [
        (str(tmp_path / "a.jsonl"), 2),
        (str(tmp_path / "b.jsonl"), 2),
    ]
    assert not (tmp_path / "out.jsonl").exists()


def _command(args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with (
        mock.patch.object(sys, "stdin", io.StringIO(stdin or "")),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        status = main(args)
    return status, out.getvalue(), err.getvalue()


def test_the_command_streams_json_lines_as_it_merges_documents(tmp_path: Path) -> None:
    # The worked example, a later version of it, and a report naming its actors otherwise:
    # each command form gives, from .jsonl files, what it gives from .json and .yaml ones.
    example = osr.load(WORKED_EXAMPLE)
    later = attrs.evolve(
        example,
        id="later",
        events=tuple(attrs.evolve(e, summary=e.summary + " (updated)") for e in example.events[:2])
        + example.events[3:],
    )
    other = osr.Report(
        id="other",
        title="Other",
        actors=tuple(attrs.evolve(a, id=f"{a.id}-x") for a in example.actors[:3]),
    )
    names = []
    for number, report in enumerate((example, later, other)):
        for suffix in ("jsonl", "json" if number != 1 else "yaml"):
            osr.dump(report, tmp_path / f"r{number}.{suffix}")
        names.append(str(tmp_path / f"r{number}"))
    plan = tmp_path / "plan"
    forms = [
        ["--review"],
        ["--review", "--format", "json"],
        ["--to", "json"],
        [],
        ["-o", "{out}.jsonl", "--write-plan", "{out}-plan.json"],
        ["-o", "{out}.yaml"],
        ["-o", "{out}.txt", "--to", "json", "-q"],
    ]
    for form in forms:
        said: dict[str, tuple[object, ...]] = {}
        for kind, suffixes in (("streamed", ["jsonl"] * 3), ("whole", ["json", "yaml", "json"])):
            out = tmp_path / kind
            args = [a.format(out=out) for a in form]
            files = [f"{n}.{s}" for n, s in zip(names, suffixes, strict=True)]
            said[kind] = _command(["merge", *files, *args])
            written = sorted(p for p in tmp_path.iterdir() if p.name.startswith(kind))
            said[kind] += tuple(p.read_bytes() for p in written)
            assert len(written) == sum(a.startswith("{out}") for a in form)
            for path in written:
                path.unlink()
        assert said["streamed"] == said["whole"], form
        assert said["streamed"][0] == 0
    # A reviewed plan: the first decision turned down, both ways alike.
    _command(["merge", *(f"{n}.jsonl" for n in names), "--write-plan", str(plan)])
    data = json.loads(plan.read_text(encoding="utf-8"))
    assert len(data["decisions"]) > 3
    data["decisions"][0]["accept"] = False
    plan.write_text(json.dumps(data), encoding="utf-8")
    streamed = _command(["merge", *(f"{n}.jsonl" for n in names), "--plan", str(plan)])
    whole = _command(
        ["merge", f"{names[0]}.json", f"{names[1]}.yaml", f"{names[2]}.json", "--plan", str(plan)]
    )
    assert streamed == whole
    assert "turned down" in streamed[2] and ", 1 turned down" in streamed[2]
    # Standard input said to be JSON Lines streams too; its bad line is named <stdin>.
    text = (tmp_path / "r1.jsonl").read_text(encoding="utf-8")
    piped = _command(
        ["merge", f"{names[0]}.jsonl", "-", "--input-format", "jsonl", "--review"], text
    )
    assert piped == _command(["merge", f"{names[0]}.jsonl", f"{names[1]}.jsonl", "--review"])
    status, _, err = _command(
        ["merge", f"{names[0]}.jsonl", "-", "--input-format", "jsonl"], text + "{bad\n"
    )
    assert status == 2 and "<stdin>" in err and str(text.count("\n") + 1) in err


def test_one_path_alone_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    osr.dump(osr.Report(id="a", title="A"), path)
    with pytest.raises(TypeError, match=r"not one file: write \["):
        merge_jsonl(str(path))  # a str is a sequence: the check is at run time
    with merge_jsonl([path]) as alone:
        assert (alone.reports, alone.items, alone.taken) == (("a",), 0, 0)


def test_more_reports_than_the_digest_map_has_bits_for(tmp_path: Path) -> None:
    # Reports after the 31st keep their "has an object of this id" in a set: 35 versions of
    # the worked example, each with one actor renamed and one event changed, merge alike.
    example = osr.load(WORKED_EXAMPLE)
    paths = []
    for number in range(35):
        actors = list(example.actors)
        actors[number % len(actors)] = attrs.evolve(actors[number % len(actors)], id=f"a-{number}")
        events = list(example.events)
        events[number % len(events)] = attrs.evolve(
            events[number % len(events)], summary=f"Version {number}."
        )
        version = attrs.evolve(example, id=f"v{number}", actors=tuple(actors), events=tuple(events))
        paths.append(tmp_path / f"v{number}.jsonl")
        osr.dump(version, paths[-1])
    whole = merge(*(osr.load(path) for path in paths))
    with merge_jsonl(paths, tmp_path / "out.jsonl") as streamed:
        assert streamed.plan() == whole.plan
    osr.dump(whole.report, tmp_path / "whole.jsonl")
    assert (tmp_path / "out.jsonl").read_bytes() == (tmp_path / "whole.jsonl").read_bytes()
    assert len(whole.plan.decisions) > 35


def test_a_missing_file_is_named_as_a_load_names_it(tmp_path: Path) -> None:
    present = tmp_path / "a.jsonl"
    osr.dump(osr.Report(id="a", title="A"), present)
    missing = tmp_path / "gone.jsonl"
    status, out, err = _command(
        ["merge", str(present), str(missing), "-o", str(tmp_path / "m.jsonl")]
    )
    assert (status, out) == (2, "")
    assert f"{missing}: $: cannot read file: No such file or directory" in err
    assert not (tmp_path / "m.jsonl").exists()
