"""Notebook display, pictures and the example notebook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import pytest

import osintreport as osr
from osintreport.cli import main

from .conftest import EXAMPLES, WORKED_EXAMPLE


@pytest.fixture(scope="module")
def report() -> osr.Report:
    return osr.load(WORKED_EXAMPLE)


def test_report_html(report: osr.Report) -> None:
    html = report._repr_html_()
    assert "<strong>Iran, Russia, and the Syrian Regime" in html
    assert "<td" in html and ">32<" in html and ">44<" in html
    assert "28/83" in html
    evil = osr.Report(id="r", title="<script>alert(1)</script>")
    assert "<script>" not in evil._repr_html_()


def test_findings_html_grouped_by_severity(report: osr.Report) -> None:
    findings = osr.validate(report, today=dt.date(2026, 11, 24))
    html = findings._repr_html_()
    assert html.index("55 warning") < html.index("52 info")
    assert "… and 35 more" in html  # 20 shown of 55
    assert osr.FindingList()._repr_html_() == "<div>No findings.</div>"
    text = repr(findings)
    assert text.endswith("107 findings: 55 warnings, 52 info)")
    assert len(text) < 4000


def test_findings_view_shows_line_and_column_when_known() -> None:
    findings = osr.validate_file(WORKED_EXAMPLE)
    assert "<code>664:3 $.claims[0]</code>" in findings._repr_html_()
    assert "<code>$.claims[0]</code>" in osr.validate(osr.load(WORKED_EXAMPLE))._repr_html_()


def test_findings_slices_keep_the_view(report: osr.Report) -> None:
    findings = osr.validate(report, today=dt.date(2026, 11, 24))
    head = findings[:3]
    assert isinstance(head, osr.FindingList)
    assert list(head) == list(findings)[:3]
    assert isinstance(findings[0], osr.Finding)
    assert isinstance(findings[-1], osr.Finding)
    assert "3 warnings" in head._repr_html_()
    one = findings[:1]._repr_html_()
    assert "1 warning<" in one


def test_every_model_object_has_a_compact_view(report: osr.Report) -> None:
    from osintreport.views import VIEWED, html

    event = next(e for e in report.events if e.where is not None and e.participants)
    view = html(event)
    assert view.startswith(f"<div><strong>Event</strong> <code>{event.id}</code>")
    assert ">kind</th>" in view and f">{event.kind.value}</td>" in view
    assert f"<code>{event.when}</code>" in view  # the date as written, with its days
    assert "Place(" in view and "Participant(" in view
    assert ">id</th>" not in view  # the id is in the heading, not a row
    assert len(view) < 4 * len(repr(event)) + 2000
    claim = report.claims[1]
    claim_view = html(claim)
    assert claim.text in claim_view
    assert ">citations</th>" in claim_view and "Citation(" in claim_view
    # Fields left at their defaults are not shown.
    assert ">retracted</th>" not in claim_view and ">extensions</th>" not in claim_view
    for obj in (report.actors[0], report.sources[0], report.assessments[0], claim.citations[0]):
        assert type(obj) in VIEWED
        assert obj._repr_html_() == html(obj)  # type: ignore[union-attr]
    evil = osr.Claim(id="c", text="<img src=x onerror=alert(1)>")
    assert "<img" not in html(evil)


def test_text_views_for_terminals(report: osr.Report) -> None:
    text = str(report)
    assert text.splitlines()[0] == report.title
    assert "  claims:      44" in text.splitlines()
    assert "coverage 28/83" in text
    findings = osr.validate(report, today=dt.date(2026, 11, 24))
    shown = str(findings).splitlines()
    assert shown[0] == "107 findings: 55 warnings, 52 info"
    assert shown[1] == "warning:"
    assert shown[2].startswith("  OSR301  $.claims[0] ")
    assert "  ... and 5 more" in shown  # 50 of the 55 warnings
    assert shown[-1].startswith("  ... and 2 more")  # 50 of the 52 info
    assert str(osr.FindingList()) == "No findings."
    located = osr.FindingList([attrs.evolve(findings[0], line=12, column=3)])
    assert str(located).splitlines()[-1].startswith("  OSR301  12:3 $.claims[0]  claim")
    assert repr(report).endswith("relations=6)")  # repr stays short and exact


def test_when_view_shows_the_days() -> None:
    when = osr.When.parse("2023-07~")
    view = when._repr_html_()  # type: ignore[attr-defined]
    assert "<code>2023-07~</code>" in view
    assert "1 Jul 2023 – 31 Jul 2023" in view
    assert "(14 Jul 2023)" in osr.When.parse("2023-07-14")._repr_html_()  # type: ignore[attr-defined]


def test_long_fields_are_cut() -> None:
    from osintreport.views import html

    many = tuple(osr.Citation(source=f"s{i}") for i in range(50))
    view = html(osr.Claim(id="c", text="x" * 5000, citations=many))
    assert "… and 40 more" in view
    assert len(view) < 6000


def test_coverage_html(report: osr.Report) -> None:
    html = osr.coverage(report)._repr_html_()
    assert "17/44" in html and "10/28" in html and "1/11" in html and "28/83" in html
    assert 'style="width:34%' in html


def test_repr_stays_short_for_big_reports() -> None:
    events = tuple(osr.Event(id=f"e{i}", summary="s") for i in range(10_000))
    report = osr.Report(id="big", title="Big", events=events)
    assert len(repr(report)) < 200
    assert len(report._repr_html_()) < 5000


def test_timeline_content(report: osr.Report) -> None:
    pytest.importorskip("matplotlib")
    from osintreport.plot import timeline

    figure = timeline(report)
    ax = figure.axes[0]
    gids = [p.get_gid() or "" for p in ax.patches]
    drawn = {g.split(":")[1] for g in gids if g.startswith("event:")}
    dated = {e.id for e in report.events if e.when and (e.when.earliest() or e.when.latest())}
    assert drawn == dated
    bars = [g for g in gids if g.startswith("event:")]
    assert len(bars) == sum(
        max(1, len({p.actor for p in e.participants})) for e in report.events if e.id in dated
    )
    shaded = {g.split(":")[1] for g in gids if g.startswith("approximate:")}
    assert shaded == {
        e.id for e in report.events if e.id in dated and e.when and e.when.approximate
    }
    opens = {
        line.get_gid().split(":")[1]
        for line in ax.lines
        if (line.get_gid() or "").startswith("open:")
    }
    assert "ev-russian-harassment-flights" in opens  # "since mid-March": open end
    epoch = dt.date(1970, 1, 1)  # matplotlib's date numbers count days from here
    low, high = (epoch + dt.timedelta(days=float(x)) for x in ax.get_xlim())
    assert low <= dt.date(2022, 3, 1)  # the squadron withdrawal of March 2022
    assert high >= dt.date(2023, 8, 3)  # the report's publication
    assert "4 undated" in figure.get_suptitle()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "IRGC Quds Force" in labels


def _bars(ax: object) -> dict[str, list[tuple[float, float, float]]]:
    """event id -> (left, right, y) of each of its bars."""
    out: dict[str, list[tuple[float, float, float]]] = {}
    for patch in ax.patches:  # type: ignore[attr-defined]
        gid = patch.get_gid() or ""
        if gid.startswith("event:"):
            y = patch.get_y() + patch.get_height() / 2
            right = patch.get_x() + patch.get_width()
            out.setdefault(gid[6:], []).append((patch.get_x(), right, y))
    return out


def test_timeline_is_readable(report: osr.Report) -> None:
    pytest.importorskip("matplotlib")
    from osintreport.views.timeline import OKABE_ITO, timeline

    figure = timeline(report)
    whole, focus = figure.axes[:2]  # most events fall in a short window: it gets a panel
    assert focus.get_title().endswith("03 Aug 2023")
    # Every year on the axis is labelled.
    labels = " ".join(t.get_text() for t in whole.get_xticklabels())
    assert "2022" in labels and "2023" in labels
    assert "2023" in " ".join(t.get_text() for t in focus.get_xticklabels())
    # Bars of one row never overlap: overlapping events are stacked in lanes.
    bars = [b for spans in _bars(whole).values() for b in spans]
    for n, (left, right, y) in enumerate(bars):
        for other_left, other_right, other_y in bars[n + 1 :]:
            if y == other_y:
                assert right <= other_left or other_right <= left
    # Kinds take distinct colour-blind-safe colours (hatched past eight).
    styles: dict[osr.EventKind, set[tuple[str, str]]] = {}
    for patch in whole.patches:
        gid = patch.get_gid() or ""
        if gid.startswith("event:"):
            event = next(e for e in report.events if e.id == gid[6:])
            colour = "#{:02X}{:02X}{:02X}".format(
                *(round(c * 255) for c in patch.get_facecolor()[:3])
            )
            assert colour in OKABE_ITO
            styles.setdefault(event.kind, set()).add((colour, patch.get_hatch() or ""))
    assert all(len(s) == 1 for s in styles.values())
    assert len({next(iter(s)) for s in styles.values()}) == len(styles)


def test_timeline_of_5000_events() -> None:
    pytest.importorskip("matplotlib")
    from osintreport.views.timeline import timeline

    base = dt.date(2021, 6, 1)
    actors = tuple(osr.Actor(id=f"a{i}", name=f"Actor {i}") for i in range(60))
    kinds = list(osr.EventKind)
    events = tuple(
        osr.Event(
            id=f"e{i}",
            summary="s",
            kind=kinds[i % len(kinds)],
            when=osr.When.from_date(base + dt.timedelta(days=(i * 7) % 1000)),
            participants=(osr.Participant(actor=f"a{(i * 7919) % 60}"),),
        )
        for i in range(5000)
    )
    figure = timeline(osr.Report(id="big", title="Big", actors=actors, events=events))
    ax = figure.axes[0]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert len(rows) <= 40 and rows[-1].endswith("other actors)")
    assert len(_bars(ax)) == 5000
    labels = " ".join(t.get_text() for t in ax.get_xticklabels())
    assert all(str(year) in labels for year in (2021, 2022, 2023, 2024))
    assert figure.get_size_inches()[1] <= 40


def test_coverage_chart_content(report: osr.Report) -> None:
    pytest.importorskip("matplotlib")
    from osintreport.plot import coverage_chart

    ax = coverage_chart(report).axes[0]
    widths = {p.get_gid(): p.get_width() for p in ax.patches}
    assert widths["cited:claims"] == 17
    assert widths["uncited:claims"] == 27
    assert widths["cited:events"] == 10
    assert widths["uncited:assessments"] == 10
    assert "28/83" in ax.get_title()


def test_cli_plot(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "t.png"
    assert main(["plot", "timeline", str(WORKED_EXAMPLE), "-o", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["plot", "coverage", str(WORKED_EXAMPLE), "-o", str(tmp_path / "c.svg")]) == 0
    assert (tmp_path / "c.svg").read_text().startswith("<?xml")


def test_docs_pictures_exist() -> None:
    static = Path(__file__).parent.parent / "docs" / "_static"
    for name in ("timeline.png", "coverage.png"):
        assert (static / name).read_bytes()[:4] == b"\x89PNG"


def test_example_notebook_is_committed_with_current_outputs() -> None:
    nbformat = pytest.importorskip("nbformat")
    pytest.importorskip("nbclient")
    pytest.importorskip("matplotlib")
    pytest.importorskip("pandas")
    import runpy

    build = runpy.run_path(str(EXAMPLES.parent / "scripts" / "build_notebook.py"))
    committed = nbformat.read(EXAMPLES / "worked_example.ipynb", as_version=4)
    fresh = build["execute"](EXAMPLES / "worked_example.ipynb")

    def shown(notebook: Any) -> list[list[tuple[str, str]]]:
        cells = [c for c in notebook.cells if c.cell_type == "code"]
        return [
            [
                (kind, str(o["data"][kind]))
                for o in cell.outputs
                for kind in ("text/html", "text/plain")
                if kind in o.get("data", {})
            ]
            for cell in cells
        ]

    now, then = shown(fresh), shown(committed)
    assert all(cell for cell in then), "every code cell is committed with its output"
    assert now == then, "outputs are stale: run python scripts/build_notebook.py"
    outputs = [o for cell in fresh.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    kinds = [set(o.get("data", {})) for o in outputs]
    assert sum("image/png" in k for k in kinds) == 2
    html = " ".join(str(o["data"].get("text/html", "")) for o in outputs)
    assert "<strong>Event</strong>" in html and "<strong>Claim</strong>" in html
    assert "5 warnings" in html  # the slice of findings keeps its view
