"""Diffing two versions of a report (issue 15, first part): properties and worked cases."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import osintreport as osr
from osintreport import strategies as ost
from osintreport.cli import main
from osintreport.diff import ABSENT, FieldChange, apply, diff
from osintreport.handling import Retraction

from .conftest import WORKED_EXAMPLE


@pytest.fixture(scope="module")
def example() -> osr.Report:
    return osr.load(WORKED_EXAMPLE)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ost.reports())
def test_a_report_against_itself_has_no_difference(report: osr.Report) -> None:
    changes = diff(report, report)
    assert not changes
    assert str(changes) == "no differences"
    assert apply(report, changes) == report


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ost.reports(), ost.reports())
def test_diff_then_apply_gives_the_new_report(old: osr.Report, new: osr.Report) -> None:
    assert apply(old, diff(old, new)) == new


def _later(example: osr.Report) -> osr.Report:
    """The worked example as a later update might change it."""
    first, second = example.assessments[0], example.claims[0]
    return attrs.evolve(
        example,
        title=example.title + " (updated)",
        assessments=(
            attrs.evolve(first, likelihood=osr.Likelihood.VERY_LIKELY),
            *example.assessments[1:],
        ),
        claims=(
            attrs.evolve(
                second,
                status=osr.ClaimStatus.CORROBORATED,
                retracted=Retraction(reason="the video was from 2019"),
            ),
            *example.claims[1:-1],
        ),
        actors=(attrs.evolve(example.actors[0], id="renamed-actor"), *example.actors[1:]),
        events=(
            *example.events,
            osr.Event(id="ev-new", summary="A new strike near Albu Kamal."),
        ),
    )


def test_the_changes_analysts_look_for_are_called_out(example: osr.Report) -> None:
    new = _later(example)
    changes = diff(example, new)
    first, second, last = example.assessments[0], example.claims[0], example.claims[-1]
    old_term = first.likelihood.value.replace("_", " ") if first.likelihood else "(none)"
    assert changes.highlights() == [
        f"claims/{second.id}: status {second.status.value} -> corroborated",
        f"claims/{second.id}: retracted",
        f"assessments/{first.id}: likelihood {old_term} -> very likely",
        "events/ev-new: added",
        f"claims/{last.id}: removed",
    ]
    assert changes.report == (
        FieldChange(field="title", old=example.title, new=example.title + " (updated)"),
    )
    renamed = next(c for c in changes.changed if c.collection == "actors")
    assert (renamed.old_id, renamed.id, renamed.fields) == (
        example.actors[0].id,
        "renamed-actor",
        (),
    )
    text = str(changes)
    assert f"~ actors/renamed-actor: renamed from {example.actors[0].id}" in text
    assert "+ events/ev-new: A new strike near Albu Kamal." in text
    assert apply(example, changes) == new


def test_notebook_view_lists_the_changes(example: osr.Report) -> None:
    page = diff(example, _later(example))._repr_html_()
    assert "Report diff" in page and "very likely" in page and "ev-new" in page
    assert "no differences" in diff(example, example)._repr_html_()


def test_command_text_json_and_exit_code(
    tmp_path: Path, example: osr.Report, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new.yaml"
    osr.dump(_later(example), new)
    assert main(["diff", str(WORKED_EXAMPLE), str(new)]) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"--- {WORKED_EXAMPLE}\n+++ {new}\n! claims/")
    assert main(["diff", str(WORKED_EXAMPLE), str(new), "--exit-code"]) == 1
    assert main(["diff", str(WORKED_EXAMPLE), str(WORKED_EXAMPLE), "--exit-code"]) == 0
    capsys.readouterr()
    assert main(["diff", str(WORKED_EXAMPLE), str(new), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["object"]["id"] for a in data["added"]] == ["ev-new"]
    assert data["highlights"][-1].endswith("removed")
    changed = {c["id"]: c for c in data["changed"]}
    assert changed["renamed-actor"]["old_id"] == example.actors[0].id


def test_a_null_value_is_not_an_absent_one() -> None:
    old = osr.Report(id="r", title="t")
    new = attrs.evolve(old, extensions={"x_note": None})
    changes = diff(old, new)
    (change,) = changes.report
    assert (change.field, change.old, change.new) == ("x_note", ABSENT, None)
    assert str(changes) == "~ report: x_note: (not set) -> null"
    assert changes.to_data()["report"] == [{"field": "x_note", "new": None}]
    assert apply(old, changes) == new
    assert apply(new, diff(new, old)) == old
