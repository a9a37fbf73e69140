"""Regression tests for hostile input (issue 17): nothing but our errors escape, and what was
quadratic or worse on small inputs is linear now."""

from __future__ import annotations

import os
import re
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import osintreport as osr
from osintreport import Actor, Report
from osintreport.cli import main
from osintreport.rules.identity import parent_cycle
from osintreport.ruleset import Context

BAD_TAGS = ["!!bool x", "!!timestamp x", '!!int ""', '!!float ""', '!!int "-"', "!!int 0x"]


@pytest.mark.parametrize("value", BAD_TAGS)
def test_yaml_tags_that_cannot_hold_their_value_are_load_errors(value: str) -> None:
    with pytest.raises(osr.LoadError) as info:
        osr.loads(f"id: r\ntitle: {value}\n", "yaml", file="bad.yaml")
    problem = info.value.problems[0]
    assert problem.file == "bad.yaml" and problem.line == 2
    assert "cannot read" in problem.message


def test_the_cli_says_load_error_not_traceback(tmp_path: Any, capsys: Any) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: r\ntitle: !!bool x\n", encoding="utf-8")
    assert main(["summary", str(path)]) == 2  # bad input, not "findings"
    err = capsys.readouterr().err
    assert "bad.yaml" in err and "Traceback" not in err


_OLD_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#]+[^\s]*$")


@given(st.text(alphabet="ab:/?# \t.%-h\u00a0", max_size=30))
def test_url_check_accepts_exactly_what_it_did(tail: str) -> None:
    for value in ("http://" + tail, tail):
        accepted = True
        try:
            osr.Source(id="s", url=value)
        except osr.FieldValueError:
            accepted = False
        assert accepted == (_OLD_URL.fullmatch(value) is not None)


def test_long_host_followed_by_a_space_is_refused_at_once() -> None:
    # The old pattern backtracked quadratically here: 2.4 s for 30,000 characters.
    with pytest.raises(osr.FieldValueError):
        osr.Source(id="s", url="http://" + "a" * 300_000 + " ")


def _old_parent_cycle(report: Report) -> Iterator[tuple[str, str]]:
    """OSR104 as it was (cubic), the oracle: ``(path, message)`` of each hit."""
    first: dict[str, Actor] = {}
    for a in report.actors:
        first.setdefault(a.id, a)
    reported: set[str] = set()
    for index, actor in enumerate(report.actors):
        seen = [actor.id]
        current = actor.parent
        while current is not None and current in first:
            if current in seen:
                loop = seen[seen.index(current) :]
                if not reported.intersection(loop):
                    reported.update(loop)
                    message = "parent chain loops: " + " -> ".join([*loop, current])
                    yield f"$.actors[{index}].parent", message
                break
            seen.append(current)
            current = first[current].parent


IDS = st.sampled_from([f"a{i}" for i in range(8)])


@given(st.lists(st.tuples(IDS, st.none() | IDS | st.just("ghost")), max_size=14))
def test_parent_cycle_finds_what_the_old_rule_found(pairs: list[tuple[str, str | None]]) -> None:
    report = Report(
        id="r", title="t", actors=tuple(Actor(id=i, name="n", parent=p) for i, p in pairs)
    )
    hits = [(h.path, h.message) for h in parent_cycle.check(Context(report, today=_TODAY))]
    assert hits == list(_old_parent_cycle(report))


def test_long_parent_chains_and_cycles_are_linear() -> None:
    # The old rule took 26 s for a 2,000-actor cycle and over 120 s for a 5,000-actor chain.
    n = 20_000
    chain = tuple(
        Actor(id=f"a{i}", name="n", parent=f"a{i + 1}" if i + 1 < n else None) for i in range(n)
    )
    assert (
        list(parent_cycle.check(Context(Report(id="r", title="t", actors=chain), today=_TODAY)))
        == []
    )
    cycle = tuple(Actor(id=f"a{i}", name="n", parent=f"a{(i + 1) % n}") for i in range(n))
    hits = list(parent_cycle.check(Context(Report(id="r", title="t", actors=cycle), today=_TODAY)))
    assert len(hits) == 1 and hits[0].message.count("->") == n


_TODAY = __import__("datetime").date(2026, 11, 25)


@pytest.mark.parametrize("text", ["٢٠٢٣-٠٧", "２０２３", "2023-0٧-01", "۱۴۰۲"])
def test_dates_take_ascii_digits_only(text: str) -> None:
    with pytest.raises(osr.FieldValueError):
        osr.When.parse(text)


# --- dump(): where the file is not a plain, writable, short-named file (item 7) -----------

SMALL = Report(id="r", title="t")


def test_dump_follows_a_symlink_and_keeps_it(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    osr.dump(SMALL, link)
    assert link.is_symlink()
    assert osr.load(real) == SMALL


def test_dump_writes_into_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text("utf-8")), daemon=True)
    reader.start()
    osr.dump(SMALL, fifo, format="json")
    reader.join(timeout=10)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert osr.loads(received[0], "json") == SMALL


def test_dump_refuses_a_read_only_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.yaml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o444)
    with pytest.raises(PermissionError) as info:
        osr.dump(SMALL, path)
    assert info.value.filename == str(path)
    assert path.read_text("utf-8") == "old\n"


def test_dump_takes_a_name_as_long_as_the_file_system_allows(tmp_path: Path) -> None:
    path = tmp_path / ("n" * 245 + ".yaml")
    osr.dump(SMALL, path)
    assert osr.load(path) == SMALL
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_errors_name_the_target_not_the_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "missing-folder" / "r.yaml"
    with pytest.raises(FileNotFoundError) as info:
        osr.dump(SMALL, path)
    assert info.value.filename == str(path)


def test_temporary_files_of_killed_writes_are_cleaned_up(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    stale = tmp_path / ".r.yaml.0123abcd.tmp"
    fresh = tmp_path / ".r.yaml.89abcdef.tmp"  # maybe another writer's, still at work
    other = tmp_path / ".r.yaml.notes.tmp"  # not ours
    for leftover in (stale, fresh, other):
        leftover.write_text("partial", encoding="utf-8")
    two_hours_ago = time.time() - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    os.utime(other, (two_hours_ago, two_hours_ago))
    osr.dump(SMALL, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, fresh.name, other.name])


def test_stale_temporary_files_of_other_names_are_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    neighbour = tmp_path / ".r.yaml.bak.0123abcd.tmp"  # a temporary file of "r.yaml.bak"
    neighbour.write_text("partial", encoding="utf-8")
    two_hours_ago = time.time() - 7200
    os.utime(neighbour, (two_hours_ago, two_hours_ago))
    osr.dump(SMALL, path)
    assert neighbour.exists()
